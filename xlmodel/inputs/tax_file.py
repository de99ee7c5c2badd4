"""Read and check the offers file's optional [tax] table and the offers' `tax_location`.

Errors name the key path the way the rest of the offers file does:
`tax.locations.CA.brackets[1]`, `offers[0].tax_location`.
"""
from __future__ import annotations

import difflib
from typing import Any, Optional

from ..errors import InputError
from ..model import NO_TAX_LOCATION, Offer, TaxLocation, TaxSettings
from .schema import TAX
from .table_reader import MISSING, TableReader, check_number, describe



def _pairs(table: TableReader, key: str, what: str) -> list[tuple[str, Any, Any]]:
    """The [a, b] pairs of a list, each with its own key path; checks the shape only."""
    value = table.raw(key)
    if value is MISSING:
        return []
    if not isinstance(value, list):
        raise table.error(key, f"must be a list of {what} pairs, got {describe(value)}")
    pairs = []
    for i, pair in enumerate(value):
        item_key = (key, i)
        if not isinstance(pair, list) or len(pair) != 2:
            raise table.error(item_key, f"must be a {what} pair, got {describe(pair)}")
        pairs.append((item_key, pair[0], pair[1]))
    return pairs


def _part(table: TableReader, key: str, value: Any, what: str, high: float) -> float:
    """One number of a pair, its message naming which of the two is wrong."""
    try:
        return check_number(table, key, value, 0.0, high)
    except InputError as error:
        raise InputError(error.source, error.path, f"the {what} {error.reason}", error.label) from None


def _read_brackets(table: TableReader) -> tuple[tuple[float, float], ...]:
    if "brackets" not in table.data:
        table.raw("brackets", required=True)
    pairs = _pairs(table, "brackets", "[lower bound, rate]")
    if not pairs:
        raise table.error("brackets", "must list at least one [lower bound, rate] pair ([[0, 0]] for no income tax)")
    brackets = []
    for key, bound, rate in pairs:
        bound = _part(table, key, bound, "lower bound", float("inf"))
        rate = _part(table, key, rate, "rate", 1.0)
        if not brackets and bound != 0:
            raise table.error(key, f"the first bracket must start at 0, got {bound:g}")
        if brackets and bound <= brackets[-1][0]:
            raise table.error(key, f"lower bounds must ascend strictly: {bound:g} follows {brackets[-1][0]:g}")
        brackets.append((bound, rate))
    return tuple(brackets)


def _read_payroll(table: TableReader) -> tuple[tuple[float, float], ...]:
    payroll = []
    for key, rate, cap in _pairs(table, "payroll", "[rate, annual wage cap]"):
        payroll.append((_part(table, key, rate, "rate", 1.0), _part(table, key, cap, "wage cap", float("inf"))))
    return tuple(payroll)


def _read_location(parent: TableReader, name: str, data: Any) -> TaxLocation:
    table = parent.inner(name, data)
    if name == NO_TAX_LOCATION:
        raise table.error("", f"{NO_TAX_LOCATION!r} is reserved for offers without a location; name the table otherwise")
    deduction = table.raw("deduction")
    location = TaxLocation(name=name, brackets=_read_brackets(table),
                           deduction=0.0 if deduction is MISSING else check_number(table, "deduction", deduction, 0.0,
                                                                                  float("inf")),
                           payroll=_read_payroll(table))
    table.finish()
    return location


def read_tax(top: TableReader) -> Optional[TaxSettings]:
    """The [tax] table, or None when the file has none."""
    data = top.raw("tax")
    if data is MISSING:
        return None
    table = top.inner("tax", data)
    filing_status = table.read(TAX["filing_status"])
    indexation = table.read(TAX["indexation"])
    raw_locations = table.raw("locations")
    locations: dict[str, TaxLocation] = {}
    if raw_locations is not MISSING:
        if not isinstance(raw_locations, dict):
            raise table.error("locations", f"must be a table of [tax.locations.NAME] tables, got {describe(raw_locations)}")
        inner = table.inner("locations", raw_locations)
        locations = {name: _read_location(inner, name, value) for name, value in raw_locations.items()}
    table.finish()
    return TaxSettings(filing_status=filing_status, indexation=indexation, locations=locations)


def check_tax_locations(source: str, offers: tuple[Offer, ...], tax: Optional[TaxSettings]) -> None:
    """Each offer's tax_location names a [tax.locations] table, or is "none"."""
    for i, offer in enumerate(offers):
        name = offer.tax_location
        if name == NO_TAX_LOCATION:
            continue
        key, label = ("offers", i, "tax_location"), f"offer {offer.name!r}"
        if tax is None:
            raise InputError(source, key, label=label, reason=f"{name!r} needs a [tax] table with [tax.locations.{name}]")
        if name not in tax.locations:
            known = list(tax.locations)
            by_lower = {n.lower(): n for n in known}
            close = difflib.get_close_matches(name.lower(), list(by_lower), n=1)
            hint = f" (did you mean {by_lower[close[0]]!r}?)" if close else ""
            if not known:
                raise InputError(source, key, label=label, reason=f"names no table in [tax.locations]: {name!r}; the [tax] table "
                                              f"has none (add [tax.locations.{name}]), or use \"none\"")
            raise InputError(source, key, label=label, reason=f"names no table in [tax.locations]: {name!r}{hint}; "
                                          f"tables are {', '.join(repr(n) for n in known)}, or use \"none\"")
