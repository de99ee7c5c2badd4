"""The shipped tax location tables (templates/tax_locations.toml), read once through the same
reader as an offers file's [tax.locations] tables, so an offer can name one (`tax_location =
"CA"`) without a table of its own."""
from __future__ import annotations

import difflib
import importlib
import tomllib
from dataclasses import replace
from functools import lru_cache
from typing import Optional

from ..errors import InputError
from ..model import NO_TAX_LOCATION, Offer, TaxLocation, TaxSettings
from .table_reader import TableReader
from .tax_file import read_tax


def _tables_text() -> tuple[str, str]:
    """(file name, TOML text) of the shipped tables, or ("", "") where none are bundled.

    `xlmodel.resources` is found by name, not imported: the engine xlwings Lite embeds (see
    xlmodel/lite.py, which follows import statements) has no bundled files, so there the shipped
    tables are simply absent and a location is given as its table."""
    try:
        resources = importlib.import_module(__name__.rsplit(".", 2)[0] + ".resources")
        path = resources.tax_locations()
        return path.name, path.read_text(encoding="utf-8")
    except (ImportError, OSError, NameError):
        return "", ""


@lru_cache(maxsize=1)
def shipped_locations() -> dict[str, TaxLocation]:
    """Every shipped location by name, in the file's order."""
    name, text = _tables_text()
    if not text:
        return {}
    tax = read_tax(TableReader(name, (), tomllib.loads(text)))
    return dict(tax.locations) if tax else {}


def shipped_names() -> tuple[str, ...]:
    return tuple(shipped_locations())


def with_shipped_locations(source: str, offers: tuple[Offer, ...], tax: Optional[TaxSettings]) -> Optional[TaxSettings]:
    """Check that each offer's tax_location is "none", one of the file's tables or a shipped
    location, and return the settings with the shipped ones the offers name added (after the
    file's own tables), so the workbook's Tax sheet lists them."""
    shipped = shipped_locations()
    added: dict[str, TaxLocation] = {}
    for i, offer in enumerate(offers):
        name = offer.tax_location
        if name == NO_TAX_LOCATION:
            continue
        key, label = ("offers", i, "tax_location"), f"offer {offer.name!r}"
        if tax is None:
            raise InputError(source, key, label=label, reason=f"{name!r} needs a [tax] table (add [tax] to the offers "
                                                             f"file)")
        if name in tax.locations or name in added:
            continue
        if name in shipped:
            added[name] = shipped[name]
            continue
        known = list(tax.locations) + [n for n in shipped if n not in tax.locations]
        by_lower = {n.lower(): n for n in known}
        close = difflib.get_close_matches(name.lower(), list(by_lower), n=1, cutoff=0.5)
        hint = f" (did you mean {by_lower[close[0]]!r}?)" if close else ""
        own = f"the file's tables are {', '.join(repr(n) for n in tax.locations)}; " if tax.locations else ""
        raise InputError(source, key, label=label, reason=(
            f"names no location: {name!r}{hint}; {own}the shipped locations are "
            f"{', '.join(repr(n) for n in shipped)}, or add [tax.locations.{name}], or use \"none\""))
    if tax is None or not added:
        return tax
    return replace(tax, locations={**tax.locations, **added})
