"""The after-tax arguments of OFFERVALUE (tax, location_keys, location_values) as the offers
file's [tax] table, checked as the file's is, with the offer's location: its block of the Tax
sheet when given (read through the grid the sheet is written from), else the shipped table of
its name."""
from __future__ import annotations

import re
from dataclasses import replace

from .. import tax_grid
from ..engine.tax import TABLE_YEAR
from ..errors import InputError
from ..excel_cells import is_blank
from ..inputs import schema
from ..inputs.keys import TAX_LOCATION_KEY
from ..inputs.shipped_locations import shipped_locations
from ..inputs.table_reader import TableReader
from ..inputs.tax_file import read_tax
from ..model import NO_TAX_LOCATION
from .cells import SOURCE, ArgumentError, cell, cell_count, check_error, line, rows

TAX_KEYS = ("tax",) + schema.TAX.keys() + ("table_year",)  # the switch, the [tax] table's keys, the tables' year
GIVEN_LOCATION = "given"  # the one location table the location ranges describe


def tax_settings(tax, location_keys, location_values, location):
    """The [tax] settings the ranges describe and the location's name in them, or None when
    `tax` says FALSE."""
    table, seen = {}, set()
    for key, value in tax_pairs(tax):
        name = key[len("tax."):] if key.startswith("tax.") else key
        if name not in TAX_KEYS:
            raise ArgumentError(f"tax: {key}", f"is not a tax key; the keys are {', '.join(TAX_KEYS)}")
        if name in seen:
            raise ArgumentError(f"tax: {name}", "is given twice")
        seen.add(name)
        if not is_blank(value):
            table[name] = value
    switch = table.pop("tax", True)
    if switch is False or (isinstance(switch, str) and switch.upper() == "FALSE"):
        return None
    if switch is not True and not (isinstance(switch, str) and switch.upper() == "TRUE"):
        raise ArgumentError("tax: tax", f"must be TRUE or FALSE, got {switch!r}")
    year = table.pop("table_year", TABLE_YEAR)
    if year != TABLE_YEAR:
        raise ArgumentError("tax: table_year", f"must be {TABLE_YEAR}: the functions use the federal tables of "
                            f"{TABLE_YEAR}, got {year!r}")
    given = location not in (None, NO_TAX_LOCATION) and cell_count(location_keys) > 0
    if given:
        try:
            table["locations"] = {GIVEN_LOCATION: tax_grid.location_table(
                location_cells(location_keys, location_values))}
        except tax_grid.GridError as error:
            raise ArgumentError(f"location: {error.key}", error.reason) from None
    try:
        settings = read_tax(TableReader(SOURCE, (), {"tax": table}))
    except InputError as error:
        raise ArgumentError(tax_key(error.key), error.reason) from None
    if given:
        return settings, GIVEN_LOCATION
    if location in (None, NO_TAX_LOCATION):
        return settings, NO_TAX_LOCATION
    shipped = shipped_locations()  # none in xlwings Lite, which has no bundled files
    if location not in shipped:
        raise ArgumentError(TAX_LOCATION_KEY, f"names no shipped location: {location!r}; give its table as "
                                              f"location_keys and location_values (its rows on the Tax sheet)")
    return replace(settings, locations={location: shipped[location]}), location


def location_cells(location_keys, location_values) -> dict:
    """The Tax sheet's location rows: each key (column A) and the location's four cells beside it."""
    keys = line("location_keys", location_keys)
    found_rows = rows("location_values", location_values)
    if len(found_rows) < len(keys):
        found_rows += [[]] * (len(keys) - len(found_rows))
    cells = {}
    for number, (key, row) in enumerate(zip(keys, found_rows), start=1):
        if is_blank(key):
            continue
        check_error(f"location_keys row {number}", key)
        if not isinstance(key, str):
            raise ArgumentError("location_keys", f"holds {cell(key)!r} where a key such as 'deduction' belongs")
        key = key.strip()
        if len(row) > tax_grid.WIDTH:
            raise ArgumentError("location_values", f"must be at most {tax_grid.WIDTH} columns, got {len(row)}")
        cells[key] = tuple(cell(value, f"location: {key}") for value in row)
    return cells


def tax_pairs(tax) -> list[tuple[str, object]]:
    """The (key, value) rows of the two-column tax range."""
    pairs = []
    for number, row in enumerate(rows("tax", tax), start=1):
        if len(row) != 2:
            raise ArgumentError("tax", f"must be two columns (key, value), got {len(row)}")
        key, value = row
        if is_blank(key):
            continue
        check_error(f"tax row {number}", key)
        if not isinstance(key, str):
            raise ArgumentError("tax", f"holds {cell(key)!r} where a key such as 'filing_status' belongs")
        pairs.append((key.strip(), cell(value, f"tax: {key.strip()}")))
    return pairs


def tax_key(key: str) -> str:
    """tax.locations.given.brackets_single[1] -> location: brackets_single.2 (the Tax sheet's row
    key); tax.filing_status -> tax: filing_status."""
    found = re.match(rf"^tax\.locations\.{GIVEN_LOCATION}\.(\w+)\[(\d+)\](.*)$", key)
    if found:
        return f"location: {found[1]}.{int(found[2]) + 1}{found[3]}"
    found = re.match(rf"^tax\.locations\.{GIVEN_LOCATION}\.?(.*)$", key)
    if found:
        return f"location: {found[1] or 'table'}"
    return "tax: " + key[len("tax."):] if key.startswith("tax.") else key
