"""Writing cells: text that always stays text, formulas with their stored results, inputs and
the monthly timeline. Rows and columns are 1-based here; XlsxWriter counts from 0.

Every formula is written with the result it computes (from the engine, at build time), so a
reader that does not recalculate (a preview, pandas, Protected View) shows every figure."""
from __future__ import annotations

import datetime as dt
import math
from typing import Any, Callable, Optional, Sequence

from xlsxwriter.worksheet import CellFormulaTuple, Worksheet

from . import one_cell_pick, styles
from .layout import AXIS_MONTH, AXIS_YEAR, LABEL_COL, TIMELINE, TOTAL_COL
from .refs import col, month_col

FORMULA_LEADERS = ("=", "+", "-", "@")
DEFAULT_WIDTH = 8.43  # a column's width when none is set, in widths of "0"
# A bold header's character in widths of "0", with room for LibreOffice's substitute fonts, and
# the share of a wrapped line that words fill: estimates that err towards one line too many.
HEADER_CHARACTER = 1.15
WRAPPED_FILL = 0.85
LINE_HEIGHT = 15  # points: one line of 11-point text


class PlainFormulas(Worksheet):
    """A worksheet that stores each formula as written.

    XlsxWriter looks through every formula for Excel's dynamic-array functions and runs about
    30 regular expressions that prefix its newer function names (_xlfn.XLOOKUP...); on the
    draws' formulas of a few hundred characters that is most of a build. The workbook uses none
    of those functions (tests/test_stored_results.py checks every formula), so a formula is
    stored as it is written, as XlsxWriter itself stores one that carries its prefixes, but for
    its picks of one cell (one_cell_pick.py)."""

    def _prepare_formula(self, formula, expand_future_functions=False):
        if formula.startswith("{") and formula.endswith("}"):
            formula = formula[1:-1]
        return _stored_text(formula)

    def _write_formula(self, row, col, formula, cell_format=None, value=0):
        if formula.startswith("{") and formula.endswith("}") or self.constant_memory:
            return super()._write_formula(row, col, formula, cell_format, value)
        if self._check_dimensions(row, col):
            return -1
        self.table[row][col] = CellFormulaTuple(self._prepare_formula(formula), cell_format, value)
        return 0

    def write_formula_row(self, row: int, cells: list[tuple[int, str, Any, Any]]) -> None:
        """Formulas of one row, (column, formula, format, stored result) in column order, 0-based:
        what write_formula stores, with the row's bounds checked once rather than each cell's
        arguments (about 5% of a build, over its many monthly rows and draws)."""
        if not cells:
            return
        if self._check_dimensions(row, cells[0][0]) or self._check_dimensions(row, cells[-1][0]):
            raise IndexError(f"row {row + 1}, columns {cells[0][0] + 1} to {cells[-1][0] + 1}: outside the sheet")
        table_row = self.table[row]
        for column, formula, cell_format, value in cells:  # never an array formula
            table_row[column] = CellFormulaTuple(_stored_text(formula), cell_format, value)


def _stored_text(formula: str) -> str:
    """A formula as the sheet stores it: without its "=", its picks of one cell rewritten."""
    return one_cell_pick.rewrite(formula[1:] if formula.startswith("=") else formula)

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
        self._widths: dict[int, float] = {}
        self._heights: dict[int, float] = {}
        self._headers: list[tuple[int, int, str, dict]] = []

    def fmt(self, style: str, number_format: Optional[str] = None, **extra):
        return self.formats.get(style, number_format, **extra)

    # --- text and values ---------------------------------------------------------------------

    def text(self, row: int, column: int, value: str, style: str = styles.FORMULA, **extra) -> None:
        """User or label text, stored as a string so that it can never become a formula."""
        if value.startswith(FORMULA_LEADERS):
            extra["quote_prefix"] = True  # Excel keeps it text when the cell is edited
        if style == styles.HEADER:
            self._headers.append((row, column, value, dict(extra)))  # written by fit_headers
            return
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
        self.ws.write_formula_row(row - 1, [(column - 1, expression, self.fmt(style, number_format, **extra),
                                             stored(result))])

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
        self.ws.write_formula_row(row - 1, [(month_col(month) - 1, make(col(month_col(month))), cell_format,
                                             stored(results[month - 1])) for month in range(first_month, months + 1)])

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
        for each in range(column, (last_column or column) + 1):
            self._widths[each] = width

    def height(self, row: int, height: float) -> None:
        self.ws.set_row(row - 1, height)
        self._heights[row] = height

    def fit_headers(self) -> None:
        """Write the headers once the widths are set: one wider than its column wraps, and its
        row grows to hold its lines, so that no header runs under the next cell or is cut at the
        sheet's edge (no spreadsheet sizes a row to wrapped text on its own, nor does every one
        wrap it)."""
        lines_by_row: dict[int, int] = {}
        for row, column, value, extra in self._headers:
            room = self._widths.get(column, DEFAULT_WIDTH)
            lines = math.ceil(len(value) * HEADER_CHARACTER / room)
            if lines > 1:
                extra = {**extra, "text_wrap": True}
                lines = math.ceil(len(value) * HEADER_CHARACTER / (room * WRAPPED_FILL))
                lines_by_row[row] = max(lines_by_row.get(row, 1), lines)
            self.ws.write_string(row - 1, column - 1, value, self.fmt(styles.HEADER, **extra))
        self._headers = []
        for row, lines in lines_by_row.items():
            if LINE_HEIGHT * lines > self._heights.get(row, 0):
                self.height(row, LINE_HEIGHT * lines)

    def freeze(self, row: int, column: int) -> None:
        """Freeze the rows above `row` and the columns left of `column`."""
        self.ws.freeze_panes(row - 1, column - 1)

    def widths(self, label_width: float = 34, param_width: float = 14, month_width: float = 11,
               months: int = 0) -> None:
        self.width(1, label_width)
        self.width(2, param_width, 3)
        if months:
            self.width(month_col(1), month_width, month_col(months))

    def axis(self, months: int, axis_values) -> None:
        """The month and the employment year over a timeline, linked to the Timeline sheet."""
        for row, name, values in ((AXIS_MONTH, "Month", axis_values.month), (AXIS_YEAR, "Employment year",
                                                                           axis_values.year)):
            self.label(row, LABEL_COL, name, styles.HEADER)
            self.timeline_row(row, months, lambda c: f"={TIMELINE}!{c}{row}", values, styles.INTEGER,
                              styles.HEADER if row == AXIS_MONTH else styles.LINK)
