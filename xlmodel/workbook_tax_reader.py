"""`xlmodel read`, the Tax sheet: the switch, the settings and every location table back into the
offers file's [tax] table.

Rows are found by the key in column A (`tax`, `tax.filing_status`, `tax.locations`, `deduction`,
`brackets_single.1`, `payroll.1`, `credits.1.amount`, ...); a location is a slot of four columns
from B on, its name in the `tax.locations` row, its cells turned into a table by `tax_grid` (the
same description the workbook was written from). A location whose table is the shipped one of
its name is left out: the offers file names it (`tax_location = "CA"`). The federal tables and the
table year are the engine's own (2026) and have no place in an offers file: when they were
edited, the read says so in a note rather than drop the edit silently."""
from __future__ import annotations

import re
from typing import Any, Optional

from . import tax_grid
from .engine import tax as tax_rules
from .workbook.layout import TAX
from .workbook.tax_layout import CHOICES_HEADING, FEDERAL_KEYS, LOCATIONS_KEY, SETTING_KEYS

_NUMBERED = re.compile(r"(federal\.brackets)\.(\d+)$")


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


def _is_grid_key(key: str) -> bool:
    """A row of the location grid (a scalar key, a numbered list row, a credit's row)."""
    scalars = {k for k, _ in tax_grid.SCALARS}
    if key in scalars or key.startswith("credits."):
        return True
    match = re.fullmatch(r"(.+)\.(\d+)", key)
    if not match:
        return False
    prefixes = {block for k, _, _, _, per_status in tax_grid.LISTS for block in tax_grid.list_blocks(k, per_status)}
    return match.group(1) in prefixes


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
    for key in SETTING_KEYS[1:]:
        if key in rows and key != "tax.table_year":
            value = reader.value(TAX, rows[key], 2, key)
            places.tax_cells[key] = f"{TAX}!B{rows[key]}"
            if value is not None:
                table[key.split(".", 1)[1]] = value
    locations = _locations(reader, ws, rows)
    if locations:
        table["locations"] = locations
    return table, _federal_notes(ws, rows)


def _locations(reader, ws, rows: dict[str, int]) -> dict[str, Any]:
    from .inputs.shipped_locations import shipped_locations
    from .inputs.table_reader import TableReader
    from .inputs.tax_file import read_location
    from .errors import InputError
    places = reader.places
    if LOCATIONS_KEY not in rows:
        return {}
    names_row = rows[LOCATIONS_KEY]
    last = ws.max_column
    for column in range(2, ws.max_column + 1):
        if ws.cell(row=names_row - 1, column=column).value == CHOICES_HEADING:
            last = column - 1
    grid = {key: row for key, row in rows.items() if _is_grid_key(key)}
    shipped = shipped_locations()
    locations: dict[str, Any] = {}
    for column in range(2, last + 1, tax_grid.WIDTH):
        name = reader.value(TAX, names_row, column, LOCATIONS_KEY)
        if name is None:
            continue
        name = str(name)
        base = f"tax.locations.{name}"
        if name in locations:
            raise places.error(f"{TAX}!{_letter(column)}{names_row}", base,
                               "names a second location table; give each location its own name")
        places.tax_cells[base] = f"{TAX}!{_letter(column)}{names_row}"
        cells = {key: tuple(reader.value(TAX, row, column + n, f"{base}.{key}") for n in range(tax_grid.WIDTH))
                 for key, row in grid.items()}
        _record_cells(places, base, grid, column, cells)
        try:
            location = tax_grid.location_table(cells)
        except tax_grid.GridError as error:
            row = grid[error.key]
            raise places.error(f"{TAX}!{_letter(column)}{row}:{_letter(column + tax_grid.WIDTH - 1)}{row}",
                               f"{base}.{error.key}", error.reason) from None
        if name in shipped:
            try:
                same = read_location(TableReader("", ("tax", "locations"), {name: location}), name,
                                     location) == shipped[name]
            except InputError:
                same = False  # a bad table: the offers file's reader says why, naming the cell
            if same:
                continue  # the shipped table: the offers file names it
        locations[name] = location
    return locations


def _record_cells(places, base: str, grid: dict[str, int], column: int, cells: dict[str, tuple]) -> None:
    """Where each key path of a location's table sits, for errors about it."""
    span = lambda row, first=0, width=tax_grid.WIDTH: (
        f"{TAX}!{_letter(column + first)}{row}" + (f":{_letter(column + first + width - 1)}{row}" if width > 1 else ""))
    for key, holds in tax_grid.SCALARS:
        if key not in grid:
            continue
        row = grid[key]
        places.tax_cells[f"{base}.{key}"] = span(row, 0, len(holds))
        if holds == tax_grid.STATUSES:
            for n, status in enumerate(holds):
                places.tax_cells[f"{base}.{key}_{status}"] = span(row, n, 1)
    filled = lambda prefix: [row for key, row in sorted(
        ((k, r) for k, r in grid.items() if re.fullmatch(rf"{re.escape(prefix)}\.\d+", k)),
        key=lambda item: int(item[0].rsplit(".", 1)[1])) if any(v is not None and v != "" for v in cells[key])]
    for key, _, _, _, per_status in tax_grid.LISTS:
        for block in tax_grid.list_blocks(key, per_status):
            rows = filled(block)
            for n, row in enumerate(rows):
                places.tax_cells[f"{base}.{block}[{n}]"] = span(row)
                if per_status and block.endswith("_single"):
                    places.tax_cells.setdefault(f"{base}.{key}[{n}]", span(row))
            block_rows = [r for k, r in grid.items() if re.fullmatch(rf"{re.escape(block)}\.\d+", k)]
            if block_rows:
                places.tax_cells[f"{base}.{block}"] = f"{TAX}!{_letter(column)}{min(block_rows)}:" \
                                                     f"{_letter(column + tax_grid.WIDTH - 1)}{max(block_rows)}"
                if per_status:
                    places.tax_cells.setdefault(f"{base}.{key}", places.tax_cells[f"{base}.{block}"])
    credit = 0
    k = 1
    while tax_grid.credit_key(k) in grid:
        credit_rows = [r for key, r in grid.items() if key == tax_grid.credit_key(k) or key.startswith(
            tax_grid.credit_key(k) + ".")]
        if any(cells[key] != (None,) * tax_grid.WIDTH for key in grid
               if key == tax_grid.credit_key(k) or key.startswith(tax_grid.credit_key(k) + ".")):
            places.tax_cells[f"{base}.credits[{credit}]"] = (f"{TAX}!{_letter(column)}{min(credit_rows)}:"
                                                            f"{_letter(column + tax_grid.WIDTH - 1)}{max(credit_rows)}")
            credit += 1
        k += 1


def _federal_notes(ws, rows: dict[str, int]) -> list[str]:
    """Say so when the workbook's federal tables or table year are not the engine's."""
    from .workbook.tax_tables import FEDERAL_VALUES
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
    for key in FEDERAL_KEYS:
        if key not in rows:
            continue
        value = FEDERAL_VALUES[key]
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
