"""One cell style per kind, defined once, and the number formats.

XlsxWriter has no named cell styles: each kind is a set of format properties here, and a
workbook's `Formats` turns (kind, number format, extras) into one shared Format object."""
from __future__ import annotations

from typing import Optional

MONEY = '"$"#,##0;[Red]-"$"#,##0'
MONEY_CENTS = '"$"#,##0.00;[Red]-"$"#,##0.00'
NUMBER = '#,##0.00'
SHARES = '#,##0.0000'
PERCENT = '0.0%'
FRACTION = '0.0000%'
DATE = 'yyyy-mm-dd'
DAY = 'ddd yyyy-mm-dd'
INTEGER = '0'
FACTOR = '0.000000'

INPUT = "input"
FORMULA = "formula"
LINK = "link"
HEADER = "header"
TITLE = "title"
NOTE = "note"
CONSTANT = "constant"
CHECK = "check"
FAILED = "failed"

_FONT = {"font_name": "Calibri", "font_size": 11}
KINDS: dict[str, dict] = {
    INPUT: {**_FONT, "font_color": "#0000FF", "bg_color": "#FFF9DB", "pattern": 1, "border": 1,
            "border_color": "#B7B7B7", "locked": False},
    FORMULA: {**_FONT, "font_color": "#000000"},
    LINK: {**_FONT, "font_color": "#007A33"},
    HEADER: {**_FONT, "bold": True, "font_color": "#FFFFFF", "bg_color": "#1F3864", "pattern": 1, "align": "center",
             "valign": "vcenter"},
    TITLE: {"font_name": "Calibri", "font_size": 15, "bold": True, "font_color": "#1F3864"},
    NOTE: {"font_name": "Calibri", "font_size": 10, "italic": True, "font_color": "#595959"},
    CONSTANT: {**_FONT, "font_color": "#7F7F7F"},
    CHECK: {**_FONT, "bold": True, "font_color": "#000000"},
    FAILED: {**_FONT, "bold": True, "font_color": "#C00000"},
}


class Formats:
    """The workbook's formats, each made once: XlsxWriter writes one record per Format object."""

    def __init__(self, workbook):
        self.workbook = workbook
        self._made: dict[tuple, object] = {}

    def get(self, kind: str, number_format: Optional[str] = None, **extra):
        key = (kind, number_format, tuple(sorted(extra.items())))
        found = self._made.get(key)
        if found is None:
            properties = dict(KINDS[kind])
            if number_format:
                properties["num_format"] = number_format
            properties.update(extra)
            found = self._made[key] = self.workbook.add_format(properties)
        return found
