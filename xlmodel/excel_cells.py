"""Cell values as Excel hands them to Python functions: blanks, error values, whole columns.

Shared by the Excel functions (udfs/xlmodel_udfs.py) in both runtimes: classic xlwings passes
a blank cell as None, xlwings Lite (Pyodide) as None or, with older xlwings, as Pyodide's
JsNull; with `err_to_str=True` both pass an error value such as #N/A as its text.
"""
from __future__ import annotations

from typing import Any, Sequence

# Excel's error values, as xlwings' err_to_str delivers them (the newer dynamic-array ones too).
EXCEL_ERRORS = frozenset((
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
    "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#PYTHON!",
))

_TRIM_CHUNK = 16384


def is_js_null(value: Any) -> bool:
    """Pyodide's JsNull (JavaScript's null), which some xlwings Lite versions pass for a blank cell."""
    return type(value).__name__ == "JsNull"


def is_blank(value: Any) -> bool:
    return value is None or is_js_null(value) or (isinstance(value, str) and not value.strip())


def excel_error(value: Any) -> str | None:
    """The error value ("#N/A", "#REF!", ...) a cell holds, or None."""
    if isinstance(value, str):
        text = value.strip().upper()
        if text in EXCEL_ERRORS:
            return text
    return None


def _blank_item(item: Any) -> bool:
    """A blank cell, or a row of blank cells."""
    if isinstance(item, (list, tuple)):
        return all(is_blank(cell) for cell in item)
    return is_blank(item)


def trim_trailing_blanks(items: Sequence) -> Sequence:
    """`items` (cells or rows of cells) without the blank ones at the end.

    A whole column (A:A) arrives as about a million cells, nearly all trailing blanks. They
    are dropped a chunk at a time: the items of a chunk equal to the last (blank) item are
    counted in C, so only the chunk holding the last filled cell is looked at one by one.
    """
    end = len(items)
    while end:
        last = items[end - 1]
        if not _blank_item(last):
            break
        start = max(0, end - _TRIM_CHUNK)
        if items[start:end].count(last) == end - start:
            end = start
            continue
        while end > start and _blank_item(items[end - 1]):
            end -= 1
        if end > start:
            break
    return items[:end]
