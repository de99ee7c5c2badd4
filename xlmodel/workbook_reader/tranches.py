"""The tranche tables on Schedules: each offer's own table (read when its schedule is `custom`)
and the accelerated table of the negotiation, as [month, fraction] pairs, each pair's cells
recorded under its key path (the month under the pair's path + MONTH, the fraction + FRACTION)."""
from __future__ import annotations

from typing import Optional

from ..inputs.schedule_file import FRACTION, MONTH
from ..schedules import PRESET_NAMES
from ..workbook.layout import MAX_MONTHS, SCHEDULES
from ..workbook.schedules_sheet import ACCELERATED_TITLE
from .cells import CellReader
from .places import Place, letter

TABLE_COLUMNS = 3  # each tranche table on Schedules: month, fraction, a spacer; presets first, then offers
REBUILD = "rebuild the workbook from its offers file (`xlmodel build`)"


def _table(column: int, first: int, key: str) -> Place:
    """A tranche table: its month and fraction columns, a row per month."""
    return Place(SCHEDULES, column, first, key, first + MAX_MONTHS - 1, column + 1)


def _pairs(reader: CellReader, path: tuple, column: int, first: int, what: str, label: str = "") -> list[list]:
    """The filled (month, fraction) rows of a tranche table, each recorded at path + ("tranches",
    n); a row with only one of the two is an error naming the blank cell."""
    places = reader.places
    shown = f" ({label})" if label else ""
    pairs = []
    for row in range(first, first + MAX_MONTHS):
        month = reader.value(SCHEDULES, row, column, f"{what} month", label)
        fraction = reader.value(SCHEDULES, row, column + 1, f"{what} fraction", label)
        if month is None and fraction is None:
            continue
        number = len(pairs) + 1
        if month is None or fraction is None:
            blank = f"{letter(column if month is None else column + 1)}{row}"
            which = "month" if month is None else "fraction"
            raise places.error(f"{SCHEDULES}!{blank}", f"{what} {number} {which}{shown}",
                               "is blank; a tranche needs a month and a fraction (clear both to drop it)")
        if isinstance(month, float) and month.is_integer():
            month = int(month)
        pair = path + ("tranches", len(pairs))
        places.add(pair, Place(SCHEDULES, column, row, f"{what} {number}{shown}", last_column=column + 1))
        places.add(pair + MONTH, Place(SCHEDULES, column, row, f"{what} {number} month{shown}", value=month))
        places.add(pair + FRACTION, Place(SCHEDULES, column + 1, row, f"{what} {number} fraction{shown}",
                                          value=fraction))
        pairs.append([month, fraction])
    return pairs


def _mentions(title, reference: str) -> bool:
    """Whether a table's title formula names the cell `reference` (C27, however it is anchored)."""
    plain = str(title or "").replace("$", "")
    at = plain.find(reference)
    after = at + len(reference)
    return at >= 0 and (after == len(plain) or not plain[after].isdigit())


def custom_tranches(reader: CellReader, index: int, name_cell: str, label: str) -> list[list]:
    """The month/fraction pairs of offer `index`'s own table on Schedules (its title names the
    offer's name cell on Inputs, `name_cell`), blank rows skipped."""
    places = reader.places
    path = ("offers", index, "equity", "schedule")
    if SCHEDULES not in reader.workbook.sheetnames:
        raise places.error(SCHEDULES, f"equity.schedule ({label})",
                           f"is 'custom' but the workbook has no {SCHEDULES} sheet with the offer's tranche table")
    ws = reader.workbook[SCHEDULES]
    column = 1 + TABLE_COLUMNS * (len(PRESET_NAMES) + index)
    heading = next((row for row in range(1, ws.max_row + 1) if ws.cell(row=row, column=column).value == "Month"
                    and ws.cell(row=row, column=column + 1).value == "Fraction"), None)
    title = ws.cell(row=heading - 1, column=column).value if heading and heading > 1 else None
    if heading is None or not _mentions(title, f"Inputs!{name_cell}"):
        where = f"{SCHEDULES}!{letter(column)}:{letter(column + 1)}"
        raise places.error(where, f"custom tranche table ({label})",
                           f"is not where xlmodel put it (a Month and a Fraction column headed by the offer's name); "
                           f"choose a preset on Inputs, or {REBUILD}")
    table = _table(column, heading + 1, f"custom tranche table ({label})")
    places.add(path, table)
    places.add(path + ("tranches",), table)
    pairs = _pairs(reader, path, column, heading + 1, "custom tranche", label)
    if not pairs:
        raise places.error(table.where, table.key,
                           "is empty but equity.schedule is 'custom'; fill in months and fractions, or choose a preset")
    return pairs


def accelerated_tranches(reader: CellReader) -> Optional[list[list]]:
    """The accelerated tranche table on Schedules (None in a workbook without one)."""
    places = reader.places
    if SCHEDULES not in reader.workbook.sheetnames:
        return None
    ws = reader.workbook[SCHEDULES]
    found = next((cell for row in ws.iter_rows() for cell in row if cell.value == ACCELERATED_TITLE
                  and ws.cell(row=cell.row + 1, column=cell.column).value == "Month"), None)
    if found is None:
        return None
    path = ("negotiation", "accelerated_schedule")
    table = _table(found.column, found.row + 2, "accelerated tranche table")
    places.add(path, table)
    places.add(path + ("tranches",), table)
    pairs = _pairs(reader, path, found.column, found.row + 2, "accelerated tranche")
    if not pairs:
        raise places.error(table.where, table.key,
                           "is empty; fill in the months and fractions the grant would vest on if accelerated "
                           "(such as 12 and 0.75, 24 and 0.25)")
    return pairs
