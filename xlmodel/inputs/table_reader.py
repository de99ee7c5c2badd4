"""Reading one TOML table of an offers file, key by key, through the schema's Fields: each value
checked for its kind and bounds, a clear reason when it is wrong, unknown keys refused, and a
warning for a rate that reads like a percentage typed as a whole number."""
from __future__ import annotations

import difflib
import math
import re
from datetime import date, datetime, time
from typing import Any, Optional

from ..errors import InputError, key_path, shorten
from . import schema
from .schema import Field

MISSING = object()  # a key the table does not hold
MAX_TEXT = 32_767  # characters in a workbook cell
# The dates a workbook can hold the same way in Excel and LibreOffice (serials agree from 1900-03-01).
FIRST_DATE, LAST_DATE = date(1900, 3, 1), date(9999, 12, 31)

# Characters XML 1.0 (so a workbook) cannot hold: control characters but tab, lone surrogates,
# U+FFFE and U+FFFF; and line breaks, which XML can hold but a one-line input should not.
_UNWRITABLE = re.compile("[\x00-\x08\x0a-\x1f\ud800-\udfff\ufffe\uffff]")


def text_problem(value: str) -> Optional[str]:
    """Why `value` cannot be written to a workbook cell, or None."""
    found = _UNWRITABLE.search(value)
    if found:
        return (f"must not contain control characters (such as line breaks) or other characters a workbook "
                f"cannot hold: U+{ord(found.group()):04X} at character {found.start() + 1}")
    length = len(value.encode("utf-16-le", "surrogatepass")) // 2  # Excel counts UTF-16 units
    if length > MAX_TEXT:
        return f"is {length:,} characters long; a workbook cell holds at most {MAX_TEXT:,}"
    return None


def number_text(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 24 else f"a number of {len(text.lstrip('-'))} digits"


def describe(value: Any) -> str:
    """A value as a message names it: "text 'abc'", "the number 5", "a list"."""
    if isinstance(value, datetime):
        return f"a date and time ({value.isoformat()})"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, time):
        return f"a time of day ({value.isoformat()})"
    kinds = {bool: "true/false", str: "text", list: "a list", dict: "a table", int: "the number", float: "the number"}
    kind = kinds.get(type(value), type(value).__name__)
    if isinstance(value, str):
        shown = repr(shorten(value))
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        shown = number_text(value)
    elif isinstance(value, (list, dict)):
        shown = ""
    else:
        shown = repr(value)
    return f"{kind} {shown}".strip()


def _parts(key) -> tuple:
    """A key as path parts: "" -> (), "name" -> ("name",), a tuple as it is."""
    if isinstance(key, tuple):
        return key
    return (key,) if key else ()


class TableReader:
    """One TOML table being read: takes keys one by one, then rejects what is left over.

    `path` is where the table sits (("offers", 1)), `label` names it in words ("offer 'X'"),
    `warnings` collects the messages about values that are allowed but read oddly."""

    def __init__(self, source: str, path: tuple, data: Any, label: str = "", warnings: Optional[list] = None):
        self.source, self.path, self.label = source, path, label
        self.warnings = [] if warnings is None else warnings
        if not isinstance(data, dict):
            raise self.error("", f"must be a table, got {describe(data)}")
        self.data = data
        self.known: list[str] = []

    def inner(self, key: str, data: Any) -> "TableReader":
        """The reader of a table inside this one."""
        return TableReader(self.source, self.path + (key,), data, self.label, self.warnings)

    def error(self, key, reason: str, parts: tuple = (), missing: bool = False) -> InputError:
        return InputError(self.source, self.path + _parts(key), reason, self.label, parts=parts, missing=missing)

    def raw(self, key: str, required: bool = False) -> Any:
        self.known.append(key)
        if key not in self.data:
            if required:
                raise self.error(key, "is required but missing" + self._typo_hint(key), missing=True)
            return MISSING
        return self.data[key]

    def _typo_hint(self, key: str) -> str:
        close = difflib.get_close_matches(key, [k for k in self.data if isinstance(k, str)], n=1)
        return f" (is {close[0]!r} a typo for it?)" if close else ""

    def has(self, key: str) -> bool:
        return key in self.data

    # --- one key through its Field --------------------------------------------------------------

    def read(self, field: Field, default: Any = MISSING) -> Any:
        """The value of `field`'s key, checked; its default (or `default`) when absent."""
        value = self.raw(field.key, field.required)
        if value is MISSING:
            return field.default if default is MISSING else default
        kind = field.kind
        if kind == schema.NUMBER:
            return self.number_value(field.key, value, field)
        if kind == schema.WHOLE:
            return self.whole_value(field.key, value, field)
        if kind in (schema.TEXT, schema.CHOICE):
            return self.text_value(field.key, value, field.choices or None)
        if kind == schema.BOOLEAN:
            if not isinstance(value, bool):
                raise self.error(field.key, f"must be true or false, got {describe(value)}")
            return value
        if kind == schema.DATE:
            return self.date_value(field.key, value)
        if kind == schema.AMOUNTS:
            return self.number_list(field.key, value, field)
        raise ValueError(f"{field.key}: a {kind} is read by its own reader")

    def number_value(self, key, value: Any, field: Field) -> float:
        """A number within `field`'s bounds (the message names `key`, a list item's path, say)."""
        low = -math.inf if field.low is None else field.low
        high = math.inf if field.high is None else field.high
        number = check_number(self, key, value, low, high, field.low_open, field.high_open, field)
        reading = schema.percent_reading(field, number)
        if reading:
            where = key_path(self.path + _parts(key))
            named = f"{where} ({self.label})" if self.label else where
            self.warnings.append(f"{self.source}: {named} = {number_text(value)} {reading}")
        return number

    def whole_value(self, key, value: Any, field: Field) -> int:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"must be a whole number, got {describe(value)}")
        if not field.low <= value <= field.high:
            raise self.error(key, f"must be between {field.low} and {field.high}, got {number_text(value)}")
        return value

    def text_value(self, key, value: Any, choices: Optional[tuple[str, ...]] = None) -> str:
        if not isinstance(value, str):
            raise self.error(key, f"must be text, got {describe(value)}")
        problem = text_problem(value)
        if problem:
            raise self.error(key, problem)
        if choices is not None and value not in choices:
            raise self.error(key, f"must be one of {', '.join(repr(c) for c in choices)}, got {shorten(value)!r}")
        return value

    def date_value(self, key, value: Any) -> date:
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value.strip())
            except ValueError:
                raise self.error(key, f"must be a date such as 2027-01-04, got {shorten(value)!r}") from None
        if type(value) is not date:
            raise self.error(key, f"must be a date such as 2027-01-04, got {describe(value)}")
        if not FIRST_DATE <= value <= LAST_DATE:
            raise self.error(key, f"must be a date from {FIRST_DATE} to {LAST_DATE} (the dates a workbook can hold), "
                             f"got {value.isoformat()}")
        return value

    def number_list(self, key: str, value: Any, field: Field) -> tuple[float, ...]:
        """A list of numbers (or one number, as a list of one), each within `field`'s bounds."""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = [value]
        if not isinstance(value, list):
            raise self.error(key, f"must be a list of numbers, got {describe(value)}")
        return tuple(self.number_value((key, i), item, field) for i, item in enumerate(value))

    def finish(self) -> None:
        for key in self.data:
            if key not in self.known:
                hint = difflib.get_close_matches(key, self.known, n=1)
                suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
                raise self.error(shorten(key), f"unknown key{suggestion}")


def check_number(table: TableReader, key, value: Any, low: float, high: float, low_open: bool = False,
                 high_open: bool = False, field: Optional[Field] = None, part: tuple = ()) -> float:
    """A finite number within [low, high] (a bound left out with `*_open`), or the error that
    says why not; above `high`, a rate's message suggests the fraction it probably means.
    `part`: where in the value at `key` the number sits (the fraction of a pair: (1,))."""
    try:
        return _checked_number(table, key, value, low, high, low_open, high_open, field)
    except InputError as error:
        if not part:
            raise
        raise InputError(error.source, error.path, error.reason, error.label, parts=(part,)) from None


def _checked_number(table: TableReader, key, value: Any, low: float, high: float, low_open: bool,
                    high_open: bool, field: Optional[Field]) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise table.error(key, f"must be a number, got {describe(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise table.error(key, f"must be a finite number, got {value}")
    too_low = value <= low if low_open else value < low  # exact for Python ints of any size
    too_high = value >= high if high_open else value > high
    shown = number_text(value)
    size_bound = high > 10  # an upper bound on size (amounts, prices), not a range such as [0, 1]
    if too_low and (size_bound or high == math.inf):
        if low == 0 and not low_open:
            raise table.error(key, f"must not be negative, got {shown}")
        word = "greater than" if low_open else "at least"
        raise table.error(key, f"must be {word} {low:g}, got {shown}")
    if too_high and size_bound:
        raise table.error(key, f"must be at most {high:g}, got {shown}")
    if too_low or too_high:
        hint = schema.meant_fraction(field, value) if too_high and field is not None else None
        raise table.error(key, f"must be between {low:g} and {high:g}, got {shown}" + (f"; {hint}" if hint else ""))
    try:
        return float(value)
    except OverflowError:  # an integer beyond any float, where no upper bound was given
        raise table.error(key, f"must be a finite number, got {shown}") from None
