"""Excel arguments as the Excel functions receive them (one cell, a row, a column, a block; whole
columns; numpy arrays; Pyodide's JsNull for a blank), tidied into plain values, each mistake an
`ArgumentError` that names the argument."""
from __future__ import annotations

import math
from datetime import date, datetime, timedelta

from ..errors import InputError
from ..excel_cells import excel_error, is_blank, is_js_null, trim_trailing_blanks

SOURCE = "<cells>"
EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 in Excel's 1900 date system
LAST_SERIAL = 2958466  # the day after 9999-12-31


class ArgumentError(InputError):
    """A bad argument: "#XLMODEL: <name>: <reason>" in the cell."""

    def __init__(self, name: str, reason: str):
        super().__init__(SOURCE, (name,) if name else (), reason)


def check_error(name: str, value) -> None:
    """An Excel error value where an input belongs: say so, naming the input."""
    error = excel_error(value)
    if error:
        raise ArgumentError(name, f"the cell holds {error}")


def cell(value, name: str = ""):
    """One cell's value, tidied: text stripped, whole floats as ints (so messages say 5, not 5.0).

    With `name`, an Excel error value in the cell is reported as that input's error."""
    if hasattr(value, "tolist"):  # numpy scalars, as some spreadsheet engines pass them
        value = value.tolist()
    while isinstance(value, (list, tuple)) and len(value) == 1:  # a one-cell range where one value is due
        value = value[0]
    if is_js_null(value):
        return None
    if name:
        check_error(name, value)
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def rows(name: str, value) -> list[list]:
    """Any Excel argument (one cell, a row, a column or a block) as a list of rows."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if value is None or is_js_null(value):
        return []
    if not isinstance(value, (list, tuple)):
        return [[value]]
    value = trim_trailing_blanks(value)
    if not value:
        return []
    if all(isinstance(row, (list, tuple)) for row in value):
        return [list(row) for row in value]
    if any(isinstance(row, (list, tuple)) for row in value):
        raise ArgumentError(name, "must be a range of cells")
    return [list(value)]


def line(name: str, value) -> list:
    """A single column or row of cells as a flat list."""
    found = rows(name, value)
    if all(len(row) == 1 for row in found):
        return [row[0] for row in found]
    if len(found) == 1:
        return found[0]
    raise ArgumentError(name, f"must be a single column (or row) of cells, got {len(found)} rows x {len(found[0])} "
                        "columns")


def cell_count(value) -> int:
    """How many cells a one-column (or one-row) argument spans, blanks included."""
    if hasattr(value, "shape"):
        return int(getattr(value, "size", 1))
    if value is None or is_js_null(value):
        return 0
    if not isinstance(value, (list, tuple)):
        return 1
    if len(value) == 1 and isinstance(value[0], (list, tuple)):
        return len(value[0])  # one row
    return len(value)


def key_value_pairs(keys_name: str, keys, values_name: str, values, prefix: str = "") -> list[tuple[str, object]]:
    """(key, value) pairs from a column of keys and the column of values beside it.

    With a prefix ("model."), keys that leave it out get it, as the input key they stand for."""
    key_count, value_count = cell_count(keys), cell_count(values)
    if key_count != value_count:
        raise ArgumentError(values_name, f"must have as many cells as {keys_name} "
                            f"({key_count} keys, {value_count} values)")
    key_cells = line(keys_name, keys)
    if isinstance(values, (list, tuple)) and len(values) == value_count:
        values = values[:len(key_cells)]  # a value beside no key is never read: no need to look at it
    value_cells = line(values_name, values)
    # Two ranges of one size (A:A beside B:B) may end their filled cells at different rows.
    filled = max(len(key_cells), len(value_cells))
    key_cells += [None] * (filled - len(key_cells))
    value_cells += [None] * (filled - len(value_cells))
    pairs = []
    for row, (key, value) in enumerate(zip(key_cells, value_cells), start=1):
        if is_blank(key):
            continue
        check_error(f"{keys_name} row {row}", key)
        if not isinstance(key, str):
            raise ArgumentError(keys_name, f"holds {cell(key)!r} where a key such as 'base' belongs")
        key = key.strip()
        if prefix and not key.startswith(prefix):
            key = prefix + key
        pairs.append((key, cell(value, key)))
    return pairs


def serial_date(name: str, value):
    """A date cell: a date, a datetime, an Excel serial number or ISO text (left to the parser)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not 1 <= value < LAST_SERIAL:  # 1900-01-01 .. 9999-12-31
            raise ArgumentError(name, f"must be a date, got {value!r}")
        return EXCEL_EPOCH + timedelta(days=int(value))
    return value


def tranche_rows(name: str, value) -> list[tuple[int, list]]:
    """A two-column (month, fraction) range as (row number, pair); empty rows are skipped."""
    pairs = []
    for number, row in enumerate(rows(name, value), start=1):
        cells = [cell(c, f"{name} row {number}") for c in row]
        if all(is_blank(c) for c in cells):
            continue
        if len(cells) != 2:
            raise ArgumentError(name, f"must be two columns (month, fraction), got {len(cells)}")
        if any(is_blank(c) for c in cells):
            raise ArgumentError(f"{name} row {number}", "needs both a month and a fraction")
        pairs.append((number, cells))
    return pairs


def number(name: str, value) -> float:
    value = cell(value, name)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ArgumentError(name, f"must be a number, got {value!r}")
    return float(value)


def whole(name: str, value, low: int, high: int, what: str = "") -> int:
    value = cell(value, name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArgumentError(name, f"must be a whole number, got {value!r}")
    if not low <= value <= high:
        raise ArgumentError(name, f"must be between {low} and {high}{what}, got {value}")
    return value


def choice(name: str, value, choices: tuple[str, ...], default: str) -> str:
    value = default if is_blank(value) else cell(value, name)
    if not isinstance(value, str) or value.lower() not in choices:
        raise ArgumentError(name, f"must be one of {', '.join(repr(c) for c in choices)}, got {value!r}")
    return value.lower()
