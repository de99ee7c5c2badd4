"""Every cell reference in the workbook is built here, never by ad-hoc string joining.

Rows and columns are 1-based, as a spreadsheet user counts them."""
from __future__ import annotations

from functools import lru_cache

FIRST_MONTH_COL = 4  # column D holds month 1 on every sheet with a timeline


@lru_cache(maxsize=None)
def col(index: int) -> str:
    """The column letters of a 1-based column index (1 -> A, 27 -> AA)."""
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@lru_cache(maxsize=None)
def col_index(letters: str) -> int:
    """The 1-based column index of column letters (A -> 1, AA -> 27)."""
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index


def shifted(letters: str, by: int) -> str:
    """The column letters `by` columns right (negative: left) of `letters`."""
    return col(col_index(letters) + by)


def month_col(month: int) -> int:
    return FIRST_MONTH_COL + month - 1


def sheet_prefix(sheet: str | None) -> str:
    if not sheet:
        return ""
    return f"'{sheet}'!" if not sheet.isalnum() else f"{sheet}!"


def cell(row: int, column: int, sheet: str | None = None, abs_row: bool = True, abs_col: bool = True) -> str:
    r = f"${row}" if abs_row else str(row)
    c = f"${col(column)}" if abs_col else col(column)
    return f"{sheet_prefix(sheet)}{c}{r}"


def area(row1: int, col1: int, row2: int, col2: int, sheet: str | None = None) -> str:
    return f"{sheet_prefix(sheet)}${col(col1)}${row1}:${col(col2)}${row2}"


def timeline(row: int, months: int, sheet: str | None = None, first_month: int = 1) -> str:
    """A row of the monthly timeline (months first_month..months), absolute."""
    return area(row, month_col(first_month), row, month_col(months), sheet)


def year_range(row: int, year: int, sheet: str | None = None) -> str:
    """The twelve months of one employment year in a timeline row, absolute."""
    return area(row, month_col(12 * (year - 1) + 1), row, month_col(12 * year), sheet)


def column_of_months(first_row: int, last_row: int, month_letter: str, sheet: str | None = None) -> str:
    """One month's cells over several rows: absolute rows, the month's column relative."""
    return f"{sheet_prefix(sheet)}{month_letter}${first_row}:{month_letter}${last_row}"


def here(row: int, column: int, sheet: str | None = None) -> str:
    """This month's cell of a timeline row: absolute row, relative column."""
    return cell(row, column, sheet, abs_row=True, abs_col=False)


def as_number(reference: str) -> str:
    """A cell's number, 0 when it is blank or holds text: N() would do, but Gnumeric gives #NUM!
    for N() of an empty cell."""
    return f"IF(ISNUMBER({reference}),{reference},0)"
