"""A Field in words: what its value must be, its default and when it reads like a percentage.

The Checks sheet's requirement sentences, the Inputs sheet's data-validation messages and the
reference table of docs/offers-file.md are all written from these, so they state the very
bounds the parser applies."""
from __future__ import annotations

from typing import Any, Optional

from . import schema
from .schema import Field
from .table_reader import FIRST_DATE, LAST_DATE

PERCENT_EXAMPLE = "0.15 means 15%"


def bound_text(x: float) -> str:
    """A bound as a person reads it: 1,000,000,000,000 rather than 1e+12, 0.000001 rather than 1e-06."""
    if x == int(x):
        return f"{int(x):,}" if abs(x) >= 1000 else str(int(x))
    text = format(x, "g")
    return f"{x:.15f}".rstrip("0") if "e" in text else text


def bound_words(field: Field, x: float) -> str:
    """A bound, and as a percentage for a rate: "1 (100%)", "-1 (-100%)"; 0 is 0 either way."""
    if field.reads != schema.RATE or x == 0:
        return bound_text(x)
    return f"{bound_text(x)} ({x * 100:,.10g}%)"


def range_words(field: Field) -> str:
    """What a number must be: "a number from 0 to 1 (100%)", "a whole number from 0 to 120",
    "a number above -1 (-100%) and at most 10 (1,000%)", "a number from 0 to below 1 (100%)"."""
    noun = "a whole number" if field.kind == schema.WHOLE else "a number"
    low = None if field.low is None else bound_words(field, field.low)
    high = None if field.high is None else bound_words(field, field.high)
    if low is None and high is None:
        return noun
    if high is None:
        return f"{noun} {'above' if field.low_open else 'of at least'} {low}"
    if low is None:
        return f"{noun} {'below' if field.high_open else 'of at most'} {high}"
    if field.low_open:
        return f"{noun} above {low} and {'below' if field.high_open else 'at most'} {high}"
    return f"{noun} from {low} to {'below ' if field.high_open else ''}{high}"


def choice_words(choices) -> str:
    """"upfront or monthly", "rsu, options or none"."""
    choices = list(choices)
    return choices[0] if len(choices) == 1 else ", ".join(choices[:-1]) + " or " + choices[-1]


def value_words(field: Field) -> str:
    """What a value of the Field is, whatever its kind: "a number from 0 to 1 (100%)", "a date
    from 1900-03-01 to 9999-12-31", "TRUE or FALSE (not as text)", "upfront or monthly", "text"."""
    kind = field.kind
    if field.is_number or kind == schema.AMOUNTS:
        return range_words(field)
    if kind in (schema.DATE, schema.DATES):
        return f"a date from {FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()}"
    if kind == schema.BOOLEAN:
        return "TRUE or FALSE (not as text)"
    if kind == schema.CHOICE:
        return choice_words(field.choices)
    if kind == schema.SCHEDULE:
        return "a preset or a schedule table"
    return "text"


def unit_words(field: Field) -> str:
    """The unit shown beside a value: a rate, shown as a percentage, says what it is per ("a year",
    "of salary") rather than "fraction"."""
    if field.reads == schema.RATE and field.unit == "fraction":
        return field.per
    return field.unit


def blank_allowed(field: Field) -> bool:
    """Whether a blank cell is fine: it is wherever the file may leave the key out."""
    return not field.required


def requirement(field: Field, blank: Optional[bool] = None) -> str:
    """The Checks sheet's sentence: "must be a number from 0 to 1 (100%), or blank"."""
    blank = blank_allowed(field) if blank is None else blank
    words = value_words(field)
    if field.kind == schema.TEXT:
        return "must be text, or blank" if blank else "must be text, not blank"
    return f"must be {words}" + (", or blank" if blank else "")


def default_words(field: Field) -> str:
    """The default as the documentation shows it: "0", "upfront", "FALSE", "none" (an empty list),
    "" when absent means not given."""
    return "" if field.default is None else value_text(field.default)


def value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (tuple, list)):
        return ", ".join(value_text(v) for v in value) if value else "none"
    if isinstance(value, (int, float)):
        return bound_text(value)
    if isinstance(value, str):
        return value if value else "empty"
    return str(value)


def validation_message(field: Field) -> str:
    """The Inputs sheet's data-validation error: what to type, and what a blank means."""
    verb = "choose" if field.kind in (schema.CHOICE, schema.BOOLEAN) else "enter"
    parts = [f"{field.label}: {verb} {value_words(field)}"]
    if field.reads == schema.RATE and field.is_number:
        parts.append(PERCENT_EXAMPLE)
    if not field.required:
        default = default_words(field)
        parts.append(f"blank: {default}" if default and default != "empty" else "or leave it blank")
    return "; ".join(parts) + "."


def percent_words(field: Field) -> str:
    """When a rate reads like a percentage typed as a whole number: "at or above 2 (200%)"."""
    if field.percent_like is None:
        return ""
    return f"at or above {bound_words(field, field.percent_like)}"
