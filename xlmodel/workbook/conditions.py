"""TRUE/FALSE checks of input cells, each a formula with the value it gives for the built inputs.

A `Cond` is a formula (no '=') and, beside it, what it gives for the values the workbook is
built with, so that the Checks sheet stores every result. A check that compares a range cell by
cell (EXACT over the offer names, say) counts in a cell of its own: `count` is that count's
formula and value, written as an array formula, the one form in which Excel, LibreOffice and
Gnumeric all compute such a comparison alike (Gnumeric reads `SUMPRODUCT(EXACT(row, x)*1)` as
one cell of the row, not the row); the check's formula names that cell as COUNT, which the
Checks sheet replaces by its reference. A count is a number, which an array formula stores
everywhere (a TRUE/FALSE result it cannot).

Blank means "not given" where the offers file has a default, as everywhere in the workbook. A
number typed as text is not a number (ISNUMBER is FALSE), so it fails."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Optional

from ..inputs import schema
from ..inputs.field_words import blank_allowed
from ..inputs.schema import Field
from ..inputs.table_reader import FIRST_DATE, LAST_DATE
from .cells import serial

FIRST_SERIAL_DAY, LAST_SERIAL_DAY = serial(FIRST_DATE), serial(LAST_DATE)


COUNT = "COUNT_CELL"  # in a check's formula: the cell that holds its count


@dataclass(frozen=True)
class Cond:
    """A TRUE/FALSE check: its formula (without '=') and its value for the built inputs; `count`:
    the (array formula, value) of the count its formula reads as COUNT."""
    f: str
    v: bool
    count: Optional[tuple[str, int]] = None

    def written(self, count_ref: str = "") -> str:
        """The formula with its count's cell in place."""
        return self.f.replace(COUNT, count_ref) if self.count else self.f


def is_blank_value(value: Any) -> bool:
    return value is None or value == ""


def is_number_value(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def text_of(value: Any) -> str:
    """A value as a spreadsheet's text functions (EXACT, &) see it."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def formula_number(x: float) -> str:
    """A bound as a formula writes it: whole numbers in digits, others in the shortest exact form."""
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e16 else repr(float(x))


def _count(*conds: Cond) -> Optional[tuple[str, int]]:
    counts = [c.count for c in conds if c.count is not None]
    if len(counts) > 1:
        raise ValueError("a check reads one count at most")
    return counts[0] if counts else None


def blank(ref: str, value: Any) -> Cond:
    return Cond(f'{ref}=""', is_blank_value(value))


def given(ref: str, value: Any) -> Cond:
    return Cond(f'{ref}<>""', not is_blank_value(value))


def number(ref: str, value: Any, low: Optional[float] = None, high: Optional[float] = None, low_open: bool = False,
           high_open: bool = False, whole: bool = False) -> Cond:
    """A number (not text) within the bounds; `whole`: a whole number."""
    tests, holds = [], is_number_value(value)
    if whole:
        tests.append(f"INT({ref})={ref}")
        holds = holds and float(value).is_integer()
    if low is not None:
        tests.append(f"{ref}{'>' if low_open else '>='}{formula_number(low)}")
        holds = holds and (value > low if low_open else value >= low)
    if high is not None:
        tests.append(f"{ref}{'<' if high_open else '<='}{formula_number(high)}")
        holds = holds and (value < high if high_open else value <= high)
    inner = tests[0] if len(tests) == 1 else f"AND({','.join(tests)})"
    return Cond(f"IF(ISNUMBER({ref}),{inner},FALSE)" if tests else f"ISNUMBER({ref})", bool(holds))


def positive(ref: str, value: Any) -> Cond:
    """A number above 0 (blank and text are not)."""
    return Cond(f"IF(ISNUMBER({ref}),{ref}>0,FALSE)", is_number_value(value) and value > 0)


def number_or_zero(ref: str) -> str:
    """A cell as a number term, 0 where it holds none (Gnumeric gives N() of a blank cell #NUM!)."""
    return f"IF(ISNUMBER({ref}),{ref},0)"


def date(ref: str, value: Any) -> Cond:
    day = serial(value) if isinstance(value, dt.date) else value
    return number(ref, day, FIRST_SERIAL_DAY, LAST_SERIAL_DAY, whole=True)


def one_of(ref: str, value: Any, choices) -> Cond:
    """Exactly one of the choices, case and all (as the offers file compares)."""
    tests = [f'EXACT({ref},"{c}")' for c in choices]
    return Cond(tests[0] if len(tests) == 1 else "OR(" + ",".join(tests) + ")", text_of(value) in choices)


def text(ref: str, value: Any) -> Cond:
    """Text that is not blank."""
    return Cond(f'IF(ISTEXT({ref}),LEN(TRIM({ref}))>0,FALSE)', isinstance(value, str) and bool(value.strip(" ")))


def text_or_blank(ref: str, value: Any) -> Cond:
    """Text, a number (read as its text) or blank: anything but TRUE/FALSE or an error."""
    return Cond(f"NOT(OR(ISLOGICAL({ref}),ISERROR({ref})))", not isinstance(value, bool))


def logical(ref: str, value: Any) -> Cond:
    return Cond(f"ISLOGICAL({ref})", isinstance(value, bool))


def matches(ref: str, value: Any, names: str, name_values: list) -> tuple[str, int]:
    """How many cells of `names` hold exactly `ref`'s text (case and all): the count's array
    formula, and its value for the built values."""
    return f"SUM(EXACT({names},{ref})*1)", sum(text_of(n) == text_of(value) for n in name_values)


def exactly_once(ref: str, value: Any, names: str, name_values: list) -> Cond:
    """The value matches exactly one of the cells of `names`."""
    count = matches(ref, value, names, name_values)
    return Cond(f"{COUNT}=1", count[1] == 1, count)


def at_least_once(ref: str, value: Any, names: str, name_values: list) -> Cond:
    count = matches(ref, value, names, name_values)
    return Cond(f"{COUNT}>0", count[1] > 0, count)


def all_of(*conds: Cond) -> Cond:
    return Cond("AND(" + ",".join(c.f for c in conds) + ")", all(c.v for c in conds), _count(*conds))


def any_of(*conds: Cond) -> Cond:
    return Cond("OR(" + ",".join(c.f for c in conds) + ")", any(c.v for c in conds), _count(*conds))


def negated(cond: Cond) -> Cond:
    return Cond(f"NOT({cond.f})", not cond.v, cond.count)


def when(condition: Cond, then: Cond, otherwise: bool = True) -> Cond:
    """`then` where `condition` holds; elsewhere `otherwise`."""
    return Cond(f"IF({condition.f},{then.f},{'TRUE' if otherwise else 'FALSE'})",
                then.v if condition.v else otherwise, _count(condition, then))


def choose(condition: Cond, then: Cond, otherwise: Cond) -> Cond:
    return Cond(f"IF({condition.f},{then.f},{otherwise.f})", then.v if condition.v else otherwise.v,
                _count(condition, then, otherwise))


def or_blank(ref: str, value: Any, check: Cond) -> Cond:
    return Cond(f'IF({ref}="",TRUE,{check.f})', is_blank_value(value) or check.v, check.count)


def guarded(check: Cond) -> Cond:
    """A check that is FALSE, never an error, whatever the cell holds (an error value, say)."""
    return Cond(f"IFERROR({check.f},FALSE)", check.v, check.count)


def value_check(field: Field, ref: str, value: Any) -> Cond:
    """The cell holds a value of the Field's kind within its bounds (blank not allowed)."""
    kind = field.kind
    if field.is_number:
        return number(ref, value, field.low, field.high, field.low_open, field.high_open, whole=kind == schema.WHOLE)
    if kind == schema.DATE:
        return date(ref, value)
    if kind == schema.CHOICE:
        return one_of(ref, value, field.choices)
    if kind == schema.BOOLEAN:
        return logical(ref, value)
    if kind == schema.TEXT:
        return text(ref, value)
    raise ValueError(f"{field.key}: a {kind} has no cell of its own")


def field_check(field: Field, ref: str, value: Any, blank_ok: Optional[bool] = None) -> Cond:
    """The type and range check of an input cell, from its Field: blank allowed wherever the
    file may leave the key out (or as `blank_ok` says)."""
    blank_ok = blank_allowed(field) if blank_ok is None else blank_ok
    if field.kind == schema.TEXT and blank_ok:
        return text_or_blank(ref, value)
    check = value_check(field, ref, value)
    return or_blank(ref, value, check) if blank_ok else check


def numbers_only(cells: str, values: list, low: float, high: float, whole: bool, high_slack: str = "",
                 slack: float = 0.0) -> Cond:
    """Every filled cell of a column is a number in [low, high] (whole, if asked); `high_slack`
    (a reference, its value `slack`) widens the upper bound, for fractions that sum a hair over 1."""
    filled = [v for v in values if not is_blank_value(v)]
    numbers = all(is_number_value(v) for v in filled)
    in_range = numbers and all(low <= v <= high + slack and (not whole or float(v).is_integer()) for v in filled)
    top = f'">"&({formula_number(high)}+{high_slack})' if high_slack else f'">{formula_number(high)}"'
    tests = [f'COUNTIF({cells},"<{formula_number(low)}")=0', f"COUNTIF({cells},{top})=0"]
    count = None
    if whole:
        fractional = sum(1 for v in filled if is_number_value(v) and not float(v).is_integer())
        count = (f"SUM(IF(ISNUMBER({cells}),(INT({cells})<>{cells})*1,0))", fractional)
        tests.append(f"{COUNT}=0")
    return Cond(f"IF(COUNTA({cells})>COUNT({cells}),FALSE,AND({','.join(tests)}))", in_range, count)


def paired(months: str, fractions: str, month_values: list, fraction_values: list) -> Cond:
    """Each row of a tranche table has both a month and a fraction, or neither."""
    unpaired = sum(is_blank_value(m) != is_blank_value(f) for m, f in zip(month_values, fraction_values))
    return Cond(f"{COUNT}=0", unpaired == 0, (f'SUM((({months}="")<>({fractions}=""))*1)', unpaired))
