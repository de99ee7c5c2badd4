"""The after-tax arguments of OFFERVALUE (tax, brackets, payroll) as the offers file's [tax] table,
checked as the file's is. Moved here from the UDF module as it was."""
from __future__ import annotations

import re

from ..engine.tax import TABLE_YEAR
from ..excel_cells import is_blank
from ..inputs.tax_file import read_tax
from ..errors import InputError
from .cells import SOURCE, ArgumentError, cell, check_error, rows

TAX_KEYS = ("tax", "filing_status", "indexation", "deduction", "table_year")
GIVEN_LOCATION = "given"  # the one location table the brackets and payroll ranges describe


def tax_table(tax, brackets, payroll, with_location: bool):
    """The [tax] table the ranges describe, checked as the offers file's is; None when `tax` says FALSE."""
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
    location = {}
    if "deduction" in table:
        location["deduction"] = table.pop("deduction")
    for name, value, what in (("brackets", brackets, ("lower bound", "rate")), ("payroll", payroll, ("rate", "cap"))):
        rows = two_columns(name, value, what)
        if rows:
            location[name] = rows
    if with_location and location:
        location.setdefault("brackets", [[0, 0]])
        table["locations"] = {GIVEN_LOCATION: location}
    try:
        return read_tax(SOURCE, table)
    except InputError as error:
        raise ArgumentError(tax_key(error.key), error.reason) from None


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


def two_columns(name: str, value, what: tuple[str, str]) -> list[list]:
    found = []  # (named `rows` before the move, which is now the function it calls)
    for number, row in enumerate(rows(name, value), start=1):
        cells = [cell(c, f"{name} row {number}") for c in row]
        if all(is_blank(c) for c in cells):
            continue
        if len(cells) != 2:
            raise ArgumentError(name, f"must be two columns ({what[0]}, {what[1]}), got {len(cells)}")
        if any(is_blank(c) for c in cells):
            raise ArgumentError(f"{name} row {number}", f"needs both a {what[0]} and a {what[1]}")
        found.append(cells)
    return found


def tax_key(key: str) -> str:
    """tax.locations.given.brackets[1] -> brackets row 2; tax.filing_status -> tax: filing_status."""
    found = re.match(rf"^tax\.locations\.{GIVEN_LOCATION}\.(brackets|payroll)\[(\d+)\]$", key)
    if found:
        return f"{found[1]} row {int(found[2]) + 1}"
    found = re.match(rf"^tax\.locations\.{GIVEN_LOCATION}\.?(.*)$", key)
    if found:
        return found[1] if found[1] in ("brackets", "payroll") else f"tax: {found[1] or 'location'}"
    return "tax: " + key[len("tax."):] if key.startswith("tax.") else key
