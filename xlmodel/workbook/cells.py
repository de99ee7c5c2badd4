"""Writing cells: text that always stays text, formulas with their stored results, inputs and
the monthly timeline. Rows and columns are 1-based here; XlsxWriter counts from 0.

Every formula is written with the result it computes (from the engine, at build time), so a
reader that does not recalculate (a preview, pandas, Protected View) shows every figure."""
from __future__ import annotations

import datetime as dt
import math
from typing import Any, Callable, Optional, Sequence

from . import styles
from .layout import AXIS_DATE, AXIS_DISCOUNT, AXIS_MONTH, AXIS_YEAR, LABEL_COL, TOTAL_COL
from .refs import col, month_col, shifted

FORMULA_LEADERS = ("=", "+", "-", "@")
EXCEL_EPOCH = dt.date(1899, 12, 30)


def serial(day: dt.date) -> int:
    """A date as the day number a spreadsheet stores."""
    return (day - EXCEL_EPOCH).days


def stored(result: Any) -> Any:
    """A formula's result as XlsxWriter stores it: numbers, text, TRUE/FALSE; a date as its day
    number; nothing ("") for an empty result."""
    if result is None:
        return ""
    if isinstance(result, dt.date):
        return serial(result)
    if isinstance(result, float) and not math.isfinite(result):
        return "#NUM!"
    return result


class Sheet:
    """One worksheet being written, with the workbook's formats."""

    def __init__(self, worksheet, formats: styles.Formats):
        self.ws = worksheet
        self.formats = formats
        self.name = worksheet.name

    def fmt(self, style: str, number_format: Optional[str] = None, **extra):
        return self.formats.get(style, number_format, **extra)

    # --- text and values ---------------------------------------------------------------------

    def text(self, row: int, column: int, value: str, style: str = styles.FORMULA, **extra) -> None:
        """User or label text, stored as a string so that it can never become a formula."""
        if value.startswith(FORMULA_LEADERS):
            extra["quote_prefix"] = True  # Excel keeps it text when the cell is edited
        self.ws.write_string(row - 1, column - 1, value, self.fmt(style, **extra))

    label = text

    def value(self, row: int, column: int, content: Any, number_format: Optional[str] = None,
              style: str = styles.INPUT, **extra) -> None:
        """An input or constant: a number, text, TRUE/FALSE, a date, or blank (None)."""
        cell_format = self.fmt(style, number_format, **extra)
        if content is None:
            self.ws.write_blank(row - 1, column - 1, None, cell_format)
        elif isinstance(content, str):
            if content.startswith(FORMULA_LEADERS):
                cell_format = self.fmt(style, number_format, quote_prefix=True, **extra)
            self.ws.write_string(row - 1, column - 1, content, cell_format)
        elif isinstance(content, bool):
            self.ws.write_boolean(row - 1, column - 1, content, cell_format)
        elif isinstance(content, dt.date):
            self.ws.write_number(row - 1, column - 1, serial(content), cell_format)
        else:
            self.ws.write_number(row - 1, column - 1, content, cell_format)

    # --- formulas ------------------------------------------------------------------------------

    def formula(self, row: int, column: int, expression: str, result: Any, number_format: Optional[str] = None,
                style: str = styles.FORMULA, **extra) -> None:
        self.ws.write_formula(row - 1, column - 1, expression, self.fmt(style, number_format, **extra), stored(result))

    def array_formula(self, row: int, column: int, expression: str, result: Any, number_format: Optional[str] = None,
                      style: str = styles.FORMULA, **extra) -> None:
        """A one-cell array formula: the form in which every spreadsheet compares a range cell by cell."""
        self.ws.write_array_formula(row - 1, column - 1, row - 1, column - 1, "{" + expression + "}",
                                    self.fmt(style, number_format, **extra), stored(result))

    def link(self, row: int, column: int, reference: str, result: Any, number_format: Optional[str] = None) -> None:
        """A plain link to a cell on another sheet (green)."""
        self.formula(row, column, "=" + reference, result, number_format, styles.LINK)

    def timeline_row(self, row: int, months: int, make: Callable[[str], str], results: Sequence[Any],
                     number_format: Optional[str] = None, style: str = styles.FORMULA, first_month: int = 1) -> None:
        """One formula for the row: `make` gets the month's column letter and returns it; `results`
        holds month 1's result first."""
        cell_format = self.fmt(style, number_format)
        write = self.ws.write_formula
        for month in range(first_month, months + 1):
            column = month_col(month)
            write(row - 1, column - 1, make(col(column)), cell_format, stored(results[month - 1]))

    def constant_row(self, row: int, months: int, values: Sequence[Any], number_format: Optional[str] = None,
                     last_month: int = 0, style: str = styles.FORMULA) -> None:
        """Fixed values in the first months of a timeline row (where its formula cannot reach back)."""
        cell_format = self.fmt(style, number_format)
        for month in range(1, min(last_month, months) + 1):
            self.ws.write_formula(row - 1, month_col(month) - 1, f"={values[month - 1]!r}", cell_format,
                                  stored(values[month - 1]))

    def row_total(self, row: int, months: int, results: Sequence[float], number_format: str = styles.MONEY) -> None:
        first, last = col(month_col(1)), col(month_col(months))
        self.formula(row, TOTAL_COL, f"=SUM({first}{row}:{last}{row})", math.fsum(results), number_format)

    def merged_formula(self, row: int, first_col: int, last_col: int, expression: str, result: Any,
                       style: str = styles.FORMULA, **extra) -> None:
        cell_format = self.fmt(style, **extra)
        self.ws.merge_range(row - 1, first_col - 1, row - 1, last_col - 1, "", cell_format)
        self.ws.write_formula(row - 1, first_col - 1, expression, cell_format, stored(result))

    def merged_text(self, row: int, first_col: int, last_col: int, value: str, style: str = styles.FORMULA,
                    **extra) -> None:
        cell_format = self.fmt(style, **extra)
        self.ws.merge_range(row - 1, first_col - 1, row - 1, last_col - 1, "", cell_format)
        self.ws.write_string(row - 1, first_col - 1, value, cell_format)

    # --- layout ----------------------------------------------------------------------------------

    def title(self, heading: str, subtitle: str) -> None:
        self.text(1, 1, heading, styles.TITLE)
        self.text(2, 1, subtitle, styles.NOTE)

    def width(self, column: int, width: float, last_column: Optional[int] = None) -> None:
        self.ws.set_column(column - 1, (last_column or column) - 1, width)

    def height(self, row: int, height: float) -> None:
        self.ws.set_row(row - 1, height)

    def freeze(self, row: int, column: int) -> None:
        """Freeze the rows above `row` and the columns left of `column`."""
        self.ws.freeze_panes(row - 1, column - 1)

    def widths(self, label_width: float = 34, param_width: float = 14, month_width: float = 11,
               months: int = 0) -> None:
        self.width(1, label_width)
        self.width(2, param_width, 3)
        if months:
            self.width(month_col(1), month_width, month_col(months))

    def axis(self, months: int, start_date: str, discount_rate: str, axis_values) -> None:
        """The time axis: month number, employment year, month-end date and discount factor."""
        for row, name in ((AXIS_MONTH, "Month"), (AXIS_YEAR, "Employment year"),
                          (AXIS_DATE, "Month ends"), (AXIS_DISCOUNT, "Discount factor")):
            self.label(row, LABEL_COL, name, styles.HEADER)
        header = self.fmt(styles.HEADER, styles.INTEGER)
        self.ws.write_formula(AXIS_MONTH - 1, month_col(1) - 1, "=1", header, 1)
        self.timeline_row(AXIS_MONTH, months, lambda c: f"={shifted(c, -1)}{AXIS_MONTH}+1", axis_values.month,
                          styles.INTEGER, styles.HEADER, first_month=2)
        self.timeline_row(AXIS_YEAR, months, lambda c: f"=ROUNDUP({c}${AXIS_MONTH}/12,0)", axis_values.year,
                          styles.INTEGER)
        self.timeline_row(AXIS_DATE, months, lambda c: f"=EDATE({start_date},{c}${AXIS_MONTH})-1",
                          axis_values.month_end, styles.DATE)
        self.timeline_row(AXIS_DISCOUNT, months, lambda c: f"=(1+N({discount_rate}))^(-{c}${AXIS_MONTH}/12)",
                          axis_values.discount, styles.FACTOR)
