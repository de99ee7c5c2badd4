"""Where the bundled samples and templates live, in a checkout or an installed wheel."""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CANDIDATES = (_PACKAGE / "_bundled", _PACKAGE.parent)

DEFAULT_SAMPLE = "amazon_vs_startup.toml"


def bundled(*parts: str) -> Path:
    """A bundled file: wheels carry it under xlmodel/_bundled, a checkout at the repository root."""
    for root in _CANDIDATES:
        path = root.joinpath(*parts)
        if path.exists():
            return path
    raise FileNotFoundError("/".join(parts))


def default_sample() -> Path:
    return bundled("samples", DEFAULT_SAMPLE)


def offers_template() -> Path:
    return bundled("templates", "offers_template.toml")


def tax_locations() -> Path:
    """The state tables, each with its year and source, to copy into an offers file's [tax] table."""
    return bundled("templates", "tax_locations.toml")
