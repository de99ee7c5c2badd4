"""xlmodel: value and negotiate tech job offers.

For notebooks: `xlmodel.value(path_or_text)` returns a Valuation with DataFrame views, and
`xlmodel.build(path_or_text, out)` writes the workbook. They are loaded on first use, so that
`import xlmodel` and the command line stay light (no pandas, no openpyxl).
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_API_NAMES = ("value", "build", "load", "Valuation")
__all__ = ["__version__", *_API_NAMES]


def __getattr__(name: str) -> Any:
    if name in _API_NAMES:
        # import_module rather than `from . import api`: `xlmodel lite` embeds every module the
        # package imports statically, and the notebook API (pandas, openpyxl) has no place in Excel.
        return getattr(import_module(f"{__name__}.api"), name)
    raise AttributeError(f"module 'xlmodel' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API_NAMES))
