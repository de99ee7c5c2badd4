"""Where each value of a workbook was read, by its key path in the offers file: the map that turns
a checking error (`InputError.path`, a tuple such as ("offers", 1, "equity", "growth")) into the
sheet, cell and key where the value sits (`Inputs!D27: equity.growth (offer 'Nimbus AI')`).

The map is filled while the workbook is read, one entry per value (and per table, for a rule
about a whole table), so no message is ever parsed back: a rule about several keys names them
in the error's `parts`, and a required key left blank says so in its `missing`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from ..errors import InputError, key_path
from ..inputs.schema import Field

NUMBER_AS_TEXT = " (the cell holds text: type it again as a number)"
BLANK_BUT_REQUIRED = "is blank but required"


def letter(column: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(column)


@dataclass(frozen=True)
class Place:
    """Cells of one sheet: one cell, a column's rows or a block; the key as a message names it."""
    sheet: str
    column: int
    row: int
    key: str
    last_row: int = 0
    last_column: int = 0
    value: Any = None  # the value read there (one cell)
    field: Optional[Field] = None

    @property
    def where(self) -> str:
        first = f"{self.sheet}!{letter(self.column)}{self.row}"
        last_row, last_column = self.last_row or self.row, self.last_column or self.column
        if (last_row, last_column) == (self.row, self.column):
            return first
        return f"{first}:{letter(last_column)}{last_row}"


def span(places: list[Place], key: str) -> Place:
    """The block that covers several places of one sheet."""
    return Place(places[0].sheet, min(p.column for p in places), min(p.row for p in places), key,
                 max(p.last_row or p.row for p in places), max(p.last_column or p.column for p in places))


class Places:
    """The cells of every value read, by key path; `tax_cells` holds the Tax sheet's, by the key
    path as a message prints it (filled by workbook_tax_reader)."""

    def __init__(self, workbook: str):
        self.workbook = workbook
        self.at: dict[tuple, Place] = {}
        self.tax_cells: dict[str, str] = {}

    def add(self, path: tuple, place: Place) -> Place:
        self.at[tuple(path)] = place
        return place

    def error(self, where: str, key: str, reason: str) -> InputError:
        return InputError(f"{self.workbook}: {where}", (key,) if key else (), reason)

    def translate(self, error: InputError) -> InputError:
        """A checking error of the offers file read, as the cell and key it comes from."""
        reason = BLANK_BUT_REQUIRED if error.missing else error.reason
        found = self._find(error)
        if found is None:
            return InputError(self.workbook, error.path, reason, error.label)
        where, key, place = found
        if place is not None and place.field is not None and place.field.is_number and _number_text(place.value):
            reason += NUMBER_AS_TEXT
        return self.error(where, key, reason)

    def _find(self, error: InputError) -> Optional[tuple[str, str, Optional[Place]]]:
        path = error.path
        if error.parts:
            named = [self.at[path + part] for part in error.parts if path + part in self.at]
            if len(named) == 1:
                return named[0].where, named[0].key, named[0]
            if named:
                whole = self.at.get(path)
                return span(named, "").where, whole.key if whole else named[0].key, None
        probe = path
        while probe:
            if probe in self.at:
                place = self.at[probe]
                return place.where, place.key, place
            printed = key_path(probe)
            if printed in self.tax_cells:
                return self.tax_cells[printed], key_path(path), None
            probe = probe[:-1]
        return None


def _number_text(value: Any) -> bool:
    """Text that reads as a number: a number the cell holds as text."""
    if not isinstance(value, str):
        return False
    try:
        float(value.strip("'"))
    except ValueError:
        return False
    return True
