"""`xlmodel read`, the Tax sheet: the switch, the filing status, indexation and every location table
back into the offers file's [tax] table.

Rows are found by the key in column A (`tax`, `tax.filing_status`, `tax.locations`, `deduction`,
`brackets.1`, `payroll.1`, ...); a location is a pair of columns from B on, its name in the
`tax.locations` row. The federal tables and the table year are the engine's own (2026) and have
no place in an offers file: when they were edited, the read says so in a note rather than drop
the edit silently."""
from __future__ import annotations

import re
from typing import Any, Optional

from .engine import tax as tax_rules
from .workbook.layout import TAX
from .workbook.tax_layout import DEDUCTION_KEY, FEDERAL_KEYS, LOCATIONS_KEY, SETTING_KEYS

_NUMBERED = re.compile(r"(brackets|payroll|federal\.brackets)\.(\d+)$")
CHOICES_HEADING = "tax_location choices"


def _rows(ws) -> dict[str, int]:
    rows: dict[str, int] = {}
    for row in range(1, ws.max_row + 1):
        text = ws.cell(row=row, column=1).value
        if isinstance(text, str) and text.strip() not in rows:
            rows[text.strip()] = row
    return rows


def _numbered(rows: dict[str, int], kind: str) -> list[int]:
    found = sorted((int(m.group(2)), row) for key, row in rows.items()
                   if (m := _NUMBERED.fullmatch(key)) and m.group(1) == kind)
    return [row for _, row in found]


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(column)


def _pairs(reader, rows: list[int], column: int, key: str, what: tuple[str, str]) -> list[list]:
    """The filled (a, b) pairs of a table's two columns, blank rows skipped; records each pair's cells."""
    places = reader.places
    pairs = []
    for row in rows:
        first = reader.value(TAX, row, column, f"{key} {what[0]}")
        second = reader.value(TAX, row, column + 1, f"{key} {what[1]}")
        if first is None and second is None:
            continue
        where = f"{TAX}!{_letter(column)}{row}:{_letter(column + 1)}{row}"
        if first is None or second is None:
            blank = _letter(column if first is None else column + 1)
            raise places.error(f"{TAX}!{blank}{row}", f"{key}[{len(pairs)}]",
                               f"is blank; a row needs both its {what[0]} and its {what[1]} (clear both to drop it)")
        places.tax_cells[f"{key}[{len(pairs)}]"] = where
        pairs.append([_whole(first), _whole(second)])
    if rows:
        places.tax_cells[key] = f"{TAX}!{_letter(column)}{rows[0]}:{_letter(column + 1)}{rows[-1]}"
    return pairs


def _whole(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def read_tax_sheet(reader) -> tuple[Optional[dict], list[str]]:
    """The [tax] table (None when the switch is FALSE or there is no Tax sheet) and any notes."""
    if TAX not in reader.workbook.sheetnames:
        return None, []
    ws = reader.workbook[TAX]
    rows = _rows(ws)
    places = reader.places
    if "tax" not in rows:
        return None, []
    switch = reader.value(TAX, rows["tax"], 2, "tax")
    places.tax_cells["tax"] = f"{TAX}!B{rows['tax']}"
    if switch is None or switch is False or (isinstance(switch, str) and switch.strip().upper() == "FALSE"):
        return None, []
    if switch is not True and not (isinstance(switch, str) and switch.strip().upper() == "TRUE"):
        raise places.error(f"{TAX}!B{rows['tax']}", "tax", f"must be TRUE or FALSE, got {switch!r}")
    table: dict[str, Any] = {}
    for key in SETTING_KEYS[1:3]:
        if key in rows:
            value = reader.value(TAX, rows[key], 2, key)
            places.tax_cells[key] = f"{TAX}!B{rows[key]}"
            if value is not None:
                table[key.split(".", 1)[1]] = value
    locations: dict[str, Any] = {}
    if LOCATIONS_KEY in rows:
        names_row = rows[LOCATIONS_KEY]
        last = ws.max_column
        for column in range(2, ws.max_column + 1):
            if ws.cell(row=names_row - 1, column=column).value == CHOICES_HEADING:
                last = column - 1
        for column in range(2, last + 1, 2):
            name = reader.value(TAX, names_row, column, LOCATIONS_KEY)
            if name is None:
                continue
            name = str(name)
            key = f"tax.locations.{name}"
            if name in locations:
                raise places.error(f"{TAX}!{_letter(column)}{names_row}", key,
                                   "names a second location table; give each location its own name")
            places.tax_cells[key] = f"{TAX}!{_letter(column)}{names_row}"
            location: dict[str, Any] = {"brackets": _pairs(reader, _numbered(rows, "brackets"), column,
                                                           f"{key}.brackets", ("lower bound", "rate"))}
            if DEDUCTION_KEY in rows:
                deduction = reader.value(TAX, rows[DEDUCTION_KEY], column, f"{key}.deduction")
                places.tax_cells[f"{key}.deduction"] = f"{TAX}!{_letter(column)}{rows[DEDUCTION_KEY]}"
                if deduction is not None:
                    location["deduction"] = _whole(deduction)
            payroll = _pairs(reader, _numbered(rows, "payroll"), column, f"{key}.payroll", ("rate", "wage cap"))
            if payroll:
                location["payroll"] = payroll
            locations[name] = location
    if locations:
        table["locations"] = locations
    return table, _federal_notes(reader, ws, rows)


def _federal_notes(reader, ws, rows: dict[str, int]) -> list[str]:
    """Say so when the workbook's federal tables or table year are not the engine's."""
    expected: dict[str, Any] = {"tax.table_year": tax_rules.TABLE_YEAR}
    cells: dict[str, tuple[int, int]] = {}
    if "tax.table_year" in rows:
        cells["tax.table_year"] = (rows["tax.table_year"], 2)
    for n, row in enumerate(_numbered(rows, "federal.brackets")):
        for status, column in (("single", 2), ("joint", 4)):
            table = tax_rules.FEDERAL_BRACKETS[status]
            bound, rate = table[n] if n < len(table) else (None, None)
            expected[f"{status} bracket {n + 1} from"], cells[f"{status} bracket {n + 1} from"] = bound, (row, column)
            expected[f"{status} bracket {n + 1} rate"], cells[f"{status} bracket {n + 1} rate"] = rate, (row, column + 1)
    singles = {"federal.standard_deduction": tax_rules.STANDARD_DEDUCTION,
               "federal.additional_medicare_threshold": tax_rules.ADDITIONAL_MEDICARE_THRESHOLD,
               "federal.social_security_rate": tax_rules.SOCIAL_SECURITY_RATE,
               "federal.social_security_wage_base": tax_rules.SOCIAL_SECURITY_WAGE_BASE,
               "federal.medicare_rate": tax_rules.MEDICARE_RATE,
               "federal.additional_medicare_rate": tax_rules.ADDITIONAL_MEDICARE_RATE}
    for key in FEDERAL_KEYS:
        if key not in rows:
            continue
        value = singles[key]
        if isinstance(value, dict):
            for status, column in (("single", 2), ("joint", 4)):
                expected[f"{key} ({status})"], cells[f"{key} ({status})"] = value[status], (rows[key], column)
        else:
            expected[key], cells[key] = value, (rows[key], 2)
    changed = []
    for what, (row, column) in cells.items():
        found = ws.cell(row=row, column=column).value
        want = expected[what]
        same = (found in (None, "") and want is None) or (
            isinstance(found, (int, float)) and want is not None and abs(found - want) <= 1e-12 * max(1, abs(want)))
        if not same:
            changed.append(f"{TAX}!{_letter(column)}{row}")
    if not changed:
        return []
    shown = ", ".join(changed[:5]) + (", ..." if len(changed) > 5 else "")
    return [f"the workbook's federal tables or table year differ from xlmodel's {tax_rules.TABLE_YEAR} tables "
            f"({shown}); an offers file cannot carry them, so its after-tax figures use xlmodel's own"]


def locate(tax_cells: dict[str, str], path: str) -> Optional[tuple[str, str]]:
    """The cell of a [tax] key path in an error, or the nearest table that holds it."""
    path = path.partition(" (")[0]
    probe = path
    while probe:
        if probe in tax_cells:
            return tax_cells[probe], path
        probe = re.sub(r"(\[\d+\]|\.[^.\[]*)$", "", probe) if re.search(r"(\[\d+\]|\.[^.\[]*)$", probe) else ""
    return None
