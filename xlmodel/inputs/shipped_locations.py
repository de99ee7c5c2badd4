"""The shipped tax location tables (templates/tax_locations.toml), read once through the same
reader as an offers file's [tax.locations] tables, so an offer can name one (`tax_location =
"CA"`) without a table of its own."""
from __future__ import annotations

import tomllib
from functools import lru_cache

from ..model import TaxLocation


@lru_cache(maxsize=1)
def shipped_locations() -> dict[str, TaxLocation]:
    """Every shipped location by name, in the file's order."""
    from ..resources import tax_locations
    from .table_reader import TableReader
    from .tax_file import read_tax
    path = tax_locations()
    tax = read_tax(TableReader(path.name, (), tomllib.loads(path.read_text(encoding="utf-8"))))
    return dict(tax.locations) if tax else {}


def shipped_names() -> tuple[str, ...]:
    return tuple(shipped_locations())
