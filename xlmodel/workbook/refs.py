"""Every cell reference in the workbook is built here, never by ad-hoc string joining."""
from __future__ import annotations

from openpyxl.utils import get_column_letter

FIRST_MONTH_COL = 4  # column D holds month 1 on every sheet with a timeline


def col(index: int) -> str:
    return get_column_letter(index)


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


def timeline(row: int, months: int, sheet: str | None = None) -> str:
    """A whole row of the monthly timeline, absolute."""
    return area(row, month_col(1), row, month_col(months), sheet)


def here(row: int, column: int, sheet: str | None = None) -> str:
    """This month's cell of a timeline row: absolute row, relative column."""
    return cell(row, column, sheet, abs_row=True, abs_col=False)
