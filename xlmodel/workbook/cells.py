"""Writing cells: text that always stays text, formulas, inputs and the monthly timeline."""
from __future__ import annotations

from typing import Any, Callable, Optional

from openpyxl.worksheet.worksheet import Worksheet

from . import styles
from .layout import AXIS_DATE, AXIS_DISCOUNT, AXIS_MONTH, AXIS_YEAR, INPUTS, LABEL_COL, TOTAL_COL
from .refs import col, month_col

FORMULA_LEADERS = ("=", "+", "-", "@")


def text(ws: Worksheet, row: int, column: int, value: str, style: str = styles.FORMULA):
    """User or label text, stored as a string so that it can never become a formula."""
    target = ws.cell(row=row, column=column)
    target.value = value
    target.data_type = "s"
    target.style = style
    if value.startswith(FORMULA_LEADERS):
        target.quotePrefix = True  # Excel keeps it text when the cell is edited
    return target


def label(ws: Worksheet, row: int, column: int, value: str, style: str = styles.FORMULA):
    return text(ws, row, column, value, style)


def formula(ws: Worksheet, row: int, column: int, expression: str, number_format: Optional[str] = None,
            style: str = styles.FORMULA):
    if not expression.startswith("="):
        expression = "=" + expression
    target = ws.cell(row=row, column=column, value=expression)
    target.style = style
    if number_format:
        target.number_format = number_format
    return target


def link(ws: Worksheet, row: int, column: int, reference: str, number_format: Optional[str] = None):
    """A plain link to a cell on another sheet (green)."""
    return formula(ws, row, column, "=" + reference, number_format, styles.LINK)


def value(ws: Worksheet, row: int, column: int, content: Any, number_format: Optional[str] = None,
          style: str = styles.INPUT):
    if isinstance(content, str):
        target = text(ws, row, column, content, style)
    else:
        target = ws.cell(row=row, column=column, value=content)
        target.style = style
    if number_format:
        target.number_format = number_format
    return target


def timeline_row(ws: Worksheet, row: int, months: int, make: Callable[[str], str],
                 number_format: Optional[str] = None, style: str = styles.FORMULA) -> None:
    """One formula for the whole row: `make` gets the month's column letter and returns it."""
    for month in range(1, months + 1):
        formula(ws, row, month_col(month), make(col(month_col(month))), number_format, style)


def row_total(ws: Worksheet, row: int, months: int, number_format: str = styles.MONEY) -> None:
    first, last = col(month_col(1)), col(month_col(months))
    formula(ws, row, TOTAL_COL, f"=SUM({first}{row}:{last}{row})", number_format)


def title(ws: Worksheet, heading: str, subtitle: str) -> None:
    text(ws, 1, 1, heading, styles.TITLE)
    text(ws, 2, 1, subtitle, styles.NOTE)


def axis(ws: Worksheet, months: int, start_date: str, discount_rate: str) -> None:
    """The time axis: month number, employment year, month-end date and discount factor."""
    for row, name in ((AXIS_MONTH, "Month"), (AXIS_YEAR, "Employment year"),
                      (AXIS_DATE, "Month ends"), (AXIS_DISCOUNT, "Discount factor")):
        label(ws, row, LABEL_COL, name, styles.HEADER)
    formula(ws, AXIS_MONTH, month_col(1), "=1", styles.INTEGER, styles.HEADER)
    for month in range(2, months + 1):
        formula(ws, AXIS_MONTH, month_col(month), f"={col(month_col(month - 1))}{AXIS_MONTH}+1",
                styles.INTEGER, styles.HEADER)
    timeline_row(ws, AXIS_YEAR, months, lambda c: f"=ROUNDUP({c}${AXIS_MONTH}/12,0)", styles.INTEGER)
    timeline_row(ws, AXIS_DATE, months, lambda c: f"=EDATE({start_date},{c}${AXIS_MONTH})-1", styles.DATE)
    timeline_row(ws, AXIS_DISCOUNT, months, lambda c: f"=(1+{discount_rate})^(-{c}${AXIS_MONTH}/12)", styles.FACTOR)


def widths(ws: Worksheet, label_width: float = 34, param_width: float = 14, month_width: float = 11,
           months: int = 0) -> None:
    ws.column_dimensions["A"].width = label_width
    ws.column_dimensions["B"].width = param_width
    ws.column_dimensions["C"].width = param_width
    for month in range(1, months + 1):
        ws.column_dimensions[col(month_col(month))].width = month_width


__all__ = ["text", "label", "formula", "link", "value", "timeline_row", "row_total", "title", "axis",
           "widths", "INPUTS"]
