"""Reading a vesting schedule from an offers file: a preset name, or one of the three table
forms (yearly fractions, a linear schedule, explicit tranches)."""
from __future__ import annotations

from typing import Any

from .. import schedules
from ..model import Schedule
from .schema import MAX_HORIZON_YEARS, MAX_MONTHS, NUMBER, WHOLE, Field
from .table_reader import MISSING, TableReader, check_number, describe, number_text

FRACTION_TOLERANCE = 1e-6
MONTH, FRACTION = (0,), (1,)  # the parts of a [month, fraction] pair, as an InputError names them
_YEARLY = Field("yearly", NUMBER, "Fraction of a year", low=0.0, high=1.0)


def read_schedule(parent: TableReader, key: str) -> Schedule:
    value = parent.raw(key, required=True)
    if isinstance(value, str):
        if value not in schedules.PRESETS:
            names = ", ".join(repr(n) for n in schedules.PRESET_NAMES)
            raise parent.error(key, f"unknown schedule preset {value!r}; use one of {names} or a table")
        return schedules.preset(value)
    if not isinstance(value, dict):
        raise parent.error(key, f"must be a preset name or a table, got {describe(value)}")
    table = parent.inner(key, value)
    forms = [form for form in ("yearly", "months", "tranches") if form in value]
    if len(forms) != 1:
        raise table.error("", "must have exactly one of 'yearly', 'months' or 'tranches'")
    form = forms[0]
    if form == "tranches":
        tranches = _read_tranches(table)
    elif form == "yearly":
        yearly = table.number_list("yearly", table.raw("yearly"), _YEARLY)
        if not yearly:
            raise table.error("yearly", "must list at least one year's fraction")
        if len(yearly) > MAX_HORIZON_YEARS:
            raise table.error("yearly", f"lists {len(yearly)} years; at most {MAX_HORIZON_YEARS}")
        every = _whole(table, "every_months", 12, 1, 12)
        if 12 % every:
            raise table.error("every_months", f"must divide 12 (1, 2, 3, 4, 6 or 12), got {every}")
        cliff = _whole(table, "cliff_months", 0, 0, MAX_MONTHS)
        tranches = schedules.yearly_tranches(list(yearly), every, cliff)
    else:
        months = _whole(table, "months", None, 1, MAX_MONTHS, required=True)
        every = _whole(table, "every_months", 1, 1, months)
        if months % every:
            raise table.error("every_months", f"must divide months ({months}), got {every}")
        cliff = _whole(table, "cliff_months", 0, 0, MAX_MONTHS)
        tranches = schedules.linear_tranches(months, every, cliff)
    table.finish()
    total = sum(fraction for _, fraction in tranches)
    if abs(total - 1.0) > FRACTION_TOLERANCE:
        raise table.error(form, f"fractions must sum to 1 (100%), they sum to {total:.6g}")
    return Schedule(tranches)


def _whole(table: TableReader, key: str, default, low: int, high: int, required: bool = False):
    value = table.raw(key, required)
    if value is MISSING:
        return default
    return table.whole_value(key, value, Field(key, WHOLE, key, low=low, high=high))


def parse_schedule(value: Any, source: str = "<schedule>", key: str = "schedule") -> Schedule:
    """Check one schedule on its own (a preset name or a table) exactly as in an offers file."""
    return read_schedule(TableReader(source, (), {key: value}), key)


def _read_tranches(table: TableReader) -> tuple:
    value = table.raw("tranches")
    if not isinstance(value, list) or not value:
        raise table.error("tranches", "must be a list of [month, fraction] pairs")
    pairs = []
    for i, pair in enumerate(value):
        key = ("tranches", i)
        if not isinstance(pair, list) or len(pair) != 2:
            raise table.error(key, f"must be a [month, fraction] pair, got {describe(pair)}")
        month, fraction = pair
        if isinstance(month, float) and month.is_integer():
            month = int(month)
        if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= MAX_MONTHS:
            shown = number_text(month) if type(month) in (int, float) else describe(month)
            raise table.error(key, f"month must be a whole number from 1 to {MAX_MONTHS}, got {shown}", parts=(MONTH,))
        # tranches gathered at a cliff can add up to a hair over 1 (9 x 1/9 = 1.0000000000000002)
        fraction = check_number(table, key, fraction, 0.0, 1.0 + FRACTION_TOLERANCE, part=FRACTION)
        pairs.append((month, min(fraction, 1.0)))
    return schedules.merge(pairs)
