"""Schedules: every preset's tranche table and each offer's own (editable) table, and the
fraction of a grant that each of them vests in every month."""
from __future__ import annotations

from ..model import OffersFile
from ..schedules import PRESET_NAMES, preset
from . import cells, styles
from .layout import AXIS_MONTH, INPUTS, LABEL_COL, PARAM_COL, TOTAL_COL, Layout, SCHEDULES
from .refs import area, col, month_col


def tranche_area(layout: Layout, key: str, which: str) -> str:
    """The month or fraction column of a tranche table, absolute and sheet-qualified."""
    lay = layout.schedules
    column = lay.table_col[key] + (0 if which == "month" else 1)
    first = lay.table_first_row
    return area(first, column, first + lay.table_rows[key] - 1, column, SCHEDULES)


def write(ws, offers_file: OffersFile, layout: Layout) -> None:
    lay = layout.schedules
    months = layout.months
    cells.title(ws, "Schedules", "Each schedule's tranche table (below) and the fraction of a grant it vests each month. "
                "Edit an offer's own table and choose 'custom' on Inputs to use it.")
    cells.axis(ws, months, layout.inputs.model("model.start_date"), layout.inputs.model("model.discount_rate"))
    cells.label(ws, lay.timeline_row[PRESET_NAMES[0]] - 1, LABEL_COL, "Schedule", styles.HEADER)
    cells.label(ws, lay.timeline_row[PRESET_NAMES[0]] - 1, PARAM_COL, "Table sums to", styles.HEADER)
    cells.label(ws, lay.timeline_row[PRESET_NAMES[0]] - 1, TOTAL_COL, "In horizon", styles.HEADER)

    titles = {name: name for name in PRESET_NAMES}
    for i in range(layout.offers):
        titles[f"custom:{i}"] = None  # built by formula from the offer's name

    for key, row in lay.timeline_row.items():
        if titles[key] is None:
            index = int(key.split(":")[1])
            cells.formula(ws, row, LABEL_COL, f'="custom: "&{layout.inputs.offer("name", index)}')
        else:
            cells.label(ws, row, LABEL_COL, key)
        months_area, fractions_area = tranche_area(layout, key, "month"), tranche_area(layout, key, "fraction")
        cells.formula(ws, row, PARAM_COL, f"=SUM({fractions_area})", styles.PERCENT)
        cells.row_total(ws, row, months, styles.PERCENT)
        cells.timeline_row(ws, row, months,
                           lambda c: f"=SUMIF({months_area},{c}${AXIS_MONTH},{fractions_area})", styles.PERCENT)

    header_row = lay.table_first_row - 2
    cells.label(ws, header_row - 1, LABEL_COL, "Tranche tables: month of vesting, fraction of the grant", styles.TITLE)
    for key, column in lay.table_col.items():
        if titles[key] is None:
            index = int(key.split(":")[1])
            cells.formula(ws, header_row, column, f'="custom: "&{layout.inputs.offer("name", index)}', style=styles.HEADER)
        else:
            cells.label(ws, header_row, column, key, styles.HEADER)
        cells.label(ws, header_row, column + 1, "", styles.HEADER)
        cells.label(ws, header_row + 1, column, "Month", styles.NOTE)
        cells.label(ws, header_row + 1, column + 1, "Fraction", styles.NOTE)
        if titles[key] is None:
            offer = offers_file.offers[int(key.split(":")[1])]
            tranches = offer.equity.schedule.tranches if offer.equity else ()
            style = styles.INPUT
        else:
            tranches = preset(key).tranches
            style = styles.CONSTANT
        for n in range(lay.table_rows[key]):
            row = lay.table_first_row + n
            month, fraction = tranches[n] if n < len(tranches) else (None, None)
            cells.value(ws, row, column, month, styles.INTEGER, style)
            cells.value(ws, row, column + 1, fraction, styles.FRACTION, style)

    cells.widths(ws, label_width=30, param_width=13, months=months)
    ws.freeze_panes = ws.cell(row=8, column=month_col(1)).coordinate


def chosen_fraction(layout: Layout, index: int, month_letter: str) -> str:
    """The formula for offer `index`'s vesting fraction in a month, by its chosen schedule."""
    lay = layout.schedules
    presets = area(lay.timeline_row[PRESET_NAMES[0]], month_col(1), lay.timeline_row[PRESET_NAMES[-1]],
                   month_col(layout.months), SCHEDULES)
    names = area(lay.timeline_row[PRESET_NAMES[0]], LABEL_COL, lay.timeline_row[PRESET_NAMES[-1]], LABEL_COL, SCHEDULES)
    custom = f"{SCHEDULES}!{month_letter}${lay.timeline_row[f'custom:{index}']}"
    schedule = layout.inputs.offer("equity.schedule", index)
    kind = layout.inputs.offer("equity.type", index)
    return (f'=IF({kind}="none",0,IF({schedule}="custom",{custom},'
            f"INDEX({presets},MATCH({schedule},{names},0),{month_letter}${AXIS_MONTH})))")


def schedule_total(layout: Layout, index: int) -> str:
    """The sum of the fractions in offer `index`'s chosen tranche table."""
    lay = layout.schedules
    first, last = lay.timeline_row[PRESET_NAMES[0]], lay.timeline_row[PRESET_NAMES[-1]]
    totals = area(first, PARAM_COL, last, PARAM_COL, SCHEDULES)
    names = area(first, LABEL_COL, last, LABEL_COL, SCHEDULES)
    custom = f"{SCHEDULES}!$B${lay.timeline_row[f'custom:{index}']}"
    schedule = layout.inputs.offer("equity.schedule", index)
    return f'IF({schedule}="custom",{custom},INDEX({totals},MATCH({schedule},{names},0)))'
