"""Reading one cell of a workbook as an offers file would give the value: blank as absent, a
date as a date, a number typed into a text input as its text, TRUE/FALSE however it was stored.
What a key's value is (a date, text, a choice, TRUE/FALSE, a whole number) comes from its Field
in the schema."""
from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ..inputs import keys as input_keys
from ..inputs import schema
from .places import Places
from .zip_guard import open_workbook

TAX_LOCATIONS_KEY = "tax.locations"  # the Tax sheet's row of location names: text
_TEXT_BOOLEANS = {"TRUE": True, "FALSE": False}
_LITERAL_BOOLEANS = {"=TRUE()": True, "=FALSE()": False, "=TRUE": True, "=FALSE": False}
_PLAIN = (str, int, float, bool, datetime, date, time, type(None))


def value_kind(key: str) -> str:
    """The kind of the value a key holds (schema.DATE, schema.TEXT, ...; "" when nothing says)."""
    kind = input_keys.kind_of(key)
    if kind:
        return kind
    if key == TAX_LOCATIONS_KEY:
        return schema.TEXT
    stem, _, name = key.partition(".")
    if stem == "tax" and name in schema.TAX.keys():
        return schema.TAX[name].kind
    return ""


class CellReader:
    """A workbook being read: its cells, and where each value was read (`places`)."""

    def __init__(self, path: Path):
        self.path = path
        self.places = Places(str(path))
        self.workbook = open_workbook(path)
        self._cached = None  # the workbook with the values last calculated, loaded only if needed

    def cached(self, sheet: str, coordinate: str) -> Any:
        if self._cached is None:
            self._cached = open_workbook(self.path, data_only=True)
        return self._cached[sheet][coordinate].value

    def value(self, sheet: str, row: int, column: int, key: str, label: str = "") -> Any:
        """A cell's value as a TOML file would give it (None when blank)."""
        target = self.workbook[sheet].cell(row=row, column=column)
        value = target.value
        where = f"{sheet}!{target.coordinate}"
        shown = f"{key} ({label})" if label else key
        if target.data_type == "e":
            raise self.places.error(where, shown, f"holds the error {value}; type a value in it")
        if target.data_type == "f" or not isinstance(value, _PLAIN):
            formula = str(getattr(value, "text", value))
            literal = formula.replace(" ", "").upper()
            if literal in _LITERAL_BOOLEANS:
                value = _LITERAL_BOOLEANS[literal]
            else:
                value = self.cached(sheet, target.coordinate)
                if value is None:
                    raise self.places.error(where, shown, f"holds a formula ({formula}) with no calculated value; "
                                            "open and save the workbook in Excel or LibreOffice, or type the value")
                if isinstance(value, str) and value.startswith("#"):
                    raise self.places.error(where, shown, f"holds a formula ({formula}) that gives the error {value}")
        return self.convert(value, key)

    def convert(self, value: Any, key: str) -> Any:
        from openpyxl.utils.datetime import from_excel, to_excel

        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        kind = value_kind(key)
        if kind == schema.DATE:
            if isinstance(value, datetime) and value.time() == time(0):
                return value.date()
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 1 and float(value).is_integer():
                try:
                    return from_excel(value, self.workbook.epoch).date()  # a date serial shown as a number
                except (OverflowError, ValueError):  # beyond any calendar: checking will say so
                    return value
            if isinstance(value, str):
                try:
                    return date.fromisoformat(value.strip())
                except ValueError:
                    return value
            return value
        if kind == schema.TEXT:
            if isinstance(value, (int, float)) and not isinstance(value, bool):  # a name such as 2024 typed in a cell
                return str(int(value)) if float(value).is_integer() else repr(value)
            return value
        if kind == schema.BOOLEAN and isinstance(value, str) and value.strip().upper() in _TEXT_BOOLEANS:
            return _TEXT_BOOLEANS[value.strip().upper()]  # TRUE or FALSE typed into a cell formatted as text
        if kind in (schema.CHOICE, schema.BOOLEAN):
            return value
        if isinstance(value, (datetime, date)):  # a number shown in a date format: the formulas see the number
            value = to_excel(value, self.workbook.epoch)
        if kind == schema.WHOLE and isinstance(value, float) and value.is_integer():
            return int(value)
        return value
