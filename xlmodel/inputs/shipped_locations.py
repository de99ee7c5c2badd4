"""The shipped tax location tables (templates/tax_locations.toml), read once through the same
reader as an offers file's [tax.locations] tables, so an offer can name one (`tax_location =
"CA"`) without a table of its own."""
from __future__ import annotations

import importlib
import tomllib
from functools import lru_cache

from ..model import TaxLocation


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
    from .table_reader import TableReader
    from .tax_file import read_tax
    name, text = _tables_text()
    if not text:
        return {}
    tax = read_tax(TableReader(name, (), tomllib.loads(text)))
    return dict(tax.locations) if tax else {}


def shipped_names() -> tuple[str, ...]:
    return tuple(shipped_locations())
