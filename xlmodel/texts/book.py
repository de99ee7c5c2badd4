"""Where the texts' figures are, and the pieces built from them.

`Facts` holds every figure and input a text uses as a Value: in the workbook its formula is a
reference to the cell that holds it, on the command line only its value counts. `Book` collects
the pieces a text is built from, in order, each with a label: the workbook writes each piece in
a cell of its own (so no formula grows long), and a later piece refers to an earlier one by that
cell; the command line reads the pieces' values. One builder thus gives both, and they cannot
drift apart."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional, Union

from . import pieces as t
from .pieces import Txt, Value

# How a workbook shows a fact or a piece: the kinds the workbook maps to number formats.
MONEY, PERCENT, COUNT, DATE, FLAG, TEXT, FACTOR = "money", "percent", "count", "date", "flag", "text", "factor"


class Facts:
    """Every figure a text builds on, by key: its value, and (in a workbook) the cell that holds it."""

    def __init__(self, values: dict[str, object], refs: Optional[dict[str, str]] = None):
        self.values = values
        self.refs = refs

    def __getitem__(self, key: str) -> Value:
        value = self.values[key]
        return Value(self.refs[key] if self.refs is not None else f"<{key}>", "" if value is None else value)

    def text(self, key: str) -> Txt:
        fact = self[key]
        return t.ref(fact.f, str(fact.v))

    def money(self, key: str) -> Txt:
        fact = self[key]
        return t.money(fact.f, _number(fact.v))

    def amount(self, key: str) -> Txt:
        """As `money`, for a figure that may be empty (no draws, no tax): $0 then, not an error."""
        fact = self[key]
        return t.money(f"IF(ISNUMBER({fact.f}),{fact.f},0)", _number(fact.v))

    def whole(self, key: str) -> Txt:
        fact = self[key]
        return t.whole(fact.f, _number(fact.v))

    def percent(self, key: str) -> Txt:
        fact = self[key]
        return t.short_percent(fact.f, _number(fact.v))

    def date(self, key: str) -> Txt:
        fact = self[key]
        return t.long_date(fact.f, fact.v or None)


def _number(value) -> float:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


@dataclass(frozen=True)
class Entry:
    key: str
    label: str
    piece: Union[Txt, Value]
    kind: str = TEXT


class Book:
    """The pieces of the texts, in the order they are built (and written)."""

    def __init__(self, facts: Facts, cell_of: Optional[Callable[[int], str]] = None):
        self.facts = facts
        self.cell_of = cell_of  # the n-th piece's cell (0-based); None: the command line
        self.entries: list[Entry] = []
        self._made: dict[str, Union[Txt, Value]] = {}

    def _place(self, key: str) -> str:
        return self.cell_of(len(self.entries)) if self.cell_of else f"<{key}>"

    def text(self, key: str, label: str, piece: Txt) -> Txt:
        """A piece of text in a cell of its own; what later pieces use is that cell."""
        made = t.ref(self._place(key), piece.v)
        self.entries.append(Entry(key, label, piece))
        self._made[key] = made
        return made

    def listing(self, key: str, label: str, items: list[tuple[Value, Txt]]) -> Txt:
        """The present items as "a, b and c": each item with its separator a piece of its own, then
        the list."""
        parts = [self.text(f"{key}.{n}", f"{label}, item {n}", part)
                 for n, part in enumerate(t.listing_parts(items), start=1)]
        return self.text(key, label, t.join(*parts))

    def value(self, key: str, label: str, piece: Value, kind: str) -> Value:
        """A figure derived for the texts (a flag, an amount), in a cell of its own."""
        made = Value(self._place(key), piece.v)
        self.entries.append(Entry(key, label, piece, kind))
        self._made[key] = made
        return made

    def __getitem__(self, key: str) -> Union[Txt, Value]:
        return self._made[key]

    def result(self, key: str) -> object:
        """A piece's value (its text, or its figure)."""
        return self._made[key].v
