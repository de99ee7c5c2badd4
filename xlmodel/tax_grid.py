"""A location table as the Tax sheet lays it out: one row per key (column A), up to four cells
per location (its slot's columns). The workbook writes a location's cells from here, `xlmodel
read` and the Excel functions turn cells back into the offers file's [tax.locations.NAME] table
from here, and the offers file's reader (`inputs.tax_file.read_location`) checks that table, so
the three agree on every key.

Figures that differ by filing status sit side by side (single, then joint) on one row; lists
(brackets, payroll taxes, ...) take one row per item, numbered from 1 (`brackets_single.3`), the
single and joint lists in blocks of their own; a credit takes a few rows (`credits.2`,
`credits.2.amount`, ...). A blank row of a list is skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping, Optional, Sequence

from .model import LocationCredit, TaxLocation

WIDTH = 4  # cells per location
STATUSES = ("single", "joint")

# One-row keys: (key, what its cells hold).
SCALARS = (
    ("source", ("year and source",)),
    ("deduction", ("single", "joint")),
    ("exemption", ("single", "joint")),
    ("exemption_income_limit", ("single", "joint")),
    ("fica_deduction", ("amount",)),
    ("itemized", ("rule",)),
    ("base", ("income",)),
    ("addback_state_tax", ("TRUE/FALSE",)),
    ("addback_deductions_above", ("wages",)),
    ("addback_deductions_exempt", ("single", "joint")),
    ("recapture_start", ("wages",)),
    ("recapture_phase_in", ("wages",)),
    ("recapture_flat_above", ("wages",)),
    ("local_name", ("name",)),
)
PER_STATUS_SCALARS = tuple(key for key, cells in SCALARS if cells == STATUSES)

# Lists: (key, what each row's cells hold, rows at least, spare rows), in the sheet's order; a
# per-status list is two blocks, key_single.N and key_joint.N.
BRACKETS = ("from", "rate")
LISTS = (
    ("brackets", BRACKETS, 12, 3, True),
    ("local_brackets", BRACKETS, 5, 2, True),
    ("surtax", ("above", "rate"), 2, 1, False),
    ("recapture", ("from", "base", "increment"), 6, 1, True),
    ("federal_tax_subtraction", ("wages from", "cap"), 7, 1, True),
    ("payroll", ("rate", "cap", "deductible", "name"), 4, 2, False),
)
CREDIT_SLOTS_MIN, CREDIT_SPARE = 3, 1
CREDIT_BRACKETS_MIN, CREDIT_BRACKETS_SPARE = 3, 1
CREDIT_ROWS = (
    ("", ("name",)),
    ("flags", ("local", "itemizers only")),
    ("amount", ("single", "joint")),
    ("income_limit", ("single", "joint")),
    ("phaseout_start", ("single", "joint")),
    ("phaseout", ("step", "reduction single", "reduction joint")),
)
CREDIT_PER_STATUS = ("amount", "income_limit", "phaseout_start")

_NUMBERED = re.compile(r"^(.+)\.(\d+)$")


class GridError(ValueError):
    """A cell pattern that makes no table: `key` is the row's key, `reason` says why."""

    def __init__(self, key: str, reason: str):
        super().__init__(f"{key}: {reason}")
        self.key, self.reason = key, reason


def numbered(key: str, n: int) -> str:
    return f"{key}.{n}"


def credit_key(k: int, part: str = "") -> str:
    return f"credits.{k}" + (f".{part}" if part else "")


def list_blocks(key: str, per_status: bool) -> tuple[str, ...]:
    """The row-key prefixes of a list: ("brackets_single", "brackets_joint") or ("surtax",)."""
    return tuple(f"{key}_{s}" for s in STATUSES) if per_status else (key,)


@dataclass(frozen=True)
class Sizes:
    """How many rows each list gets (the longest in use plus spare rows, at least a minimum)."""
    lists: dict
    credits: int
    credit_brackets: int

    @classmethod
    def of(cls, locations: Sequence[TaxLocation]) -> "Sizes":
        lists = {}
        for key, _, least, spare, _ in LISTS:
            used = max((len(_list_of(location, key, s)) for location in locations for s in STATUSES), default=0)
            lists[key] = max(least, used + spare)
        credits = max(CREDIT_SLOTS_MIN, max((len(l.credits) for l in locations), default=0) + CREDIT_SPARE)
        used = max((len(c.brackets[s]) for l in locations for c in l.credits for s in STATUSES), default=0)
        return cls(lists, credits, max(CREDIT_BRACKETS_MIN, used + CREDIT_BRACKETS_SPARE))


def _list_of(location: TaxLocation, key: str, status: str) -> tuple:
    if key == "payroll":
        return tuple((p.rate, p.cap, p.deductible or None, p.name or None) for p in location.payroll)
    if key == "surtax":
        return location.surtax
    return getattr(location, key)[status]


def _scalar(value: Any) -> Any:
    return None if value in (None, "") else value


def location_cells(location: Optional[TaxLocation], sizes: Sizes) -> dict[str, tuple]:
    """Every row key of a location's slot and its cells (None: blank); all blank for no location."""
    cells: dict[str, tuple] = {}
    for key, holds in SCALARS:
        if location is None:
            cells[key] = (None,) * len(holds)
        elif holds == STATUSES:
            value = getattr(location, key)
            cells[key] = tuple(None if v == _default(key) else _scalar(v) for v in (value.single, value.joint))
        else:
            value = getattr(location, key)
            cells[key] = (None if value == _default(key) else _scalar(value),)
    for key, holds, _, _, per_status in LISTS:
        for block, status in zip(list_blocks(key, per_status), STATUSES):
            rows = _list_of(location, key, status) if location else ()
            for n in range(1, sizes.lists[key] + 1):
                cells[numbered(block, n)] = tuple(rows[n - 1]) if n <= len(rows) else (None,) * len(holds)
    credits = location.credits if location else ()
    for k in range(1, sizes.credits + 1):
        credit = credits[k - 1] if k <= len(credits) else None
        cells.update(_credit_cells(credit, k, sizes.credit_brackets))
    return cells


def _default(key: str) -> Any:
    """A one-cell key's default, written as a blank cell."""
    from .inputs.schema import TAX_LOCATION
    return TAX_LOCATION[key].default


def _credit_cells(credit: Optional[LocationCredit], k: int, bracket_rows: int) -> dict[str, tuple]:
    cells: dict[str, tuple] = {}
    if credit is None:
        for part, holds in CREDIT_ROWS:
            cells[credit_key(k, part)] = (None,) * len(holds)
    else:
        cells[credit_key(k)] = (credit.name,)
        cells[credit_key(k, "flags")] = (credit.local or None, credit.itemizers_only or None)
        for part in CREDIT_PER_STATUS:
            value = getattr(credit, part)
            cells[credit_key(k, part)] = (_scalar(value.single), _scalar(value.joint))
        has_phaseout = credit.phaseout_step > 0
        cells[credit_key(k, "phaseout")] = ((credit.phaseout_step, credit.phaseout_reduction.single,
                                             credit.phaseout_reduction.joint) if has_phaseout else (None,) * 3)
    for status in STATUSES:
        rows = credit.brackets[status] if credit else ()
        for n in range(1, bracket_rows + 1):
            cells[numbered(credit_key(k, f"brackets_{status}"), n)] = tuple(rows[n - 1]) if n <= len(rows) else (None,) * 2
    return cells


# --- cells back into a table ------------------------------------------------------------------

def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _whole(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _rows(cells: Mapping[str, Sequence], prefix: str, holds: Sequence[str]) -> list[list]:
    """The filled rows of a list, in order; a row with some cells blank is an error (naming it)."""
    found = []
    for key in sorted((k for k in cells if (m := _NUMBERED.match(k)) and m.group(1) == prefix),
                      key=lambda k: int(_NUMBERED.match(k).group(2))):
        row = list(cells[key])[:len(holds)]
        row += [None] * (len(holds) - len(row))
        needed = len(holds) if prefix != "payroll" else 1  # a payroll row needs its rate
        if all(_blank(v) for v in row[:needed]) and all(_blank(v) for v in row[needed:]):
            continue
        if any(_blank(v) for v in row[:needed]):
            missing = holds[next(i for i, v in enumerate(row[:needed]) if _blank(v))]
            raise GridError(key, f"its {missing} is blank; a row needs {', '.join(holds[:needed])} (clear the row "
                                 f"to drop it)")
        found.append([_whole(v) for v in row])
    return found


def _pair(table: dict, key: str, single: Any, joint: Any) -> None:
    """`key` when both statuses hold the same, else key_single and key_joint; nothing when blank."""
    if _blank(single) and _blank(joint):
        return
    if single == joint:
        table[key] = _whole(single)
    else:
        for status, value in zip(STATUSES, (single, joint)):
            if not _blank(value):
                table[f"{key}_{status}"] = _whole(value)


def _list_pair(table: dict, key: str, single: list, joint: list) -> None:
    if not single and not joint:
        return
    if single == joint:
        table[key] = single
    else:
        table[f"{key}_single"], table[f"{key}_joint"] = single, joint


def _cell(cells: Mapping[str, Sequence], key: str, n: int = 0) -> Any:
    row = cells.get(key, ())
    return row[n] if n < len(row) else None


def _truth(value: Any) -> Any:
    if isinstance(value, str) and value.strip().upper() in ("TRUE", "FALSE"):
        return value.strip().upper() == "TRUE"
    return value


def location_table(cells: Mapping[str, Sequence]) -> dict:
    """The [tax.locations.NAME] table (as TOML holds it) that a slot's cells describe."""
    table: dict[str, Any] = {}
    for key, holds in SCALARS:
        if holds == STATUSES:
            _pair(table, key, _cell(cells, key), _cell(cells, key, 1))
        elif not _blank(value := _cell(cells, key)):
            table[key] = _truth(value) if key == "addback_state_tax" else _whole(value)
    for key, holds, _, _, per_status in LISTS:
        if per_status:
            _list_pair(table, key, *(_rows(cells, block, holds) for block in list_blocks(key, True)))
        elif key == "payroll":
            rows = _rows(cells, key, holds)
            if rows:
                table[key] = [_payroll(row) for row in rows]
        elif rows := _rows(cells, key, holds):
            table[key] = rows
    credits = []
    k = 1
    while credit_key(k) in cells:
        credit = _credit_table(cells, k)
        if credit is not None:
            credits.append(credit)
        k += 1
    if credits:
        table["credits"] = credits
    return table


def _payroll(row: list) -> dict:
    rate, cap, deductible, name = row
    item = {"rate": rate}
    if not _blank(cap):
        item["cap"] = cap
    if not _blank(deductible):
        item["deductible"] = _truth(deductible)
    if not _blank(name):
        item["name"] = name
    return item


def _credit_table(cells: Mapping[str, Sequence], k: int) -> Optional[dict]:
    name = _cell(cells, credit_key(k))
    local, itemizers_only = (_cell(cells, credit_key(k, "flags"), n) for n in range(2))
    parts = {part: (_cell(cells, credit_key(k, part)), _cell(cells, credit_key(k, part), 1))
             for part in CREDIT_PER_STATUS}
    brackets = [_rows(cells, credit_key(k, f"brackets_{s}"), BRACKETS) for s in STATUSES]
    step, *reductions = (_cell(cells, credit_key(k, "phaseout"), n) for n in range(3))
    if _blank(name) and all(_blank(v) for pair in parts.values() for v in pair) and not any(brackets) \
            and _blank(step):
        return None
    credit: dict[str, Any] = {} if _blank(name) else {"name": name}
    for flag, value in (("local", local), ("itemizers_only", itemizers_only)):
        if not _blank(value):
            credit[flag] = _truth(value)
    for part, (single, joint) in parts.items():
        _pair(credit, part, single, joint)
    _list_pair(credit, "brackets", *brackets)
    if not _blank(step):
        credit["phaseout_step"] = _whole(step)
        _pair(credit, "phaseout_reduction", *reductions)
    return credit
