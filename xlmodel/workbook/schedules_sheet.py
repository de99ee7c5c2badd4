"""Schedules: every preset's tranche table and each offer's own (editable) table, and the
fraction of a grant that each of them vests in every month."""
from __future__ import annotations

import math

from ..schedules import PRESET_NAMES, preset
from . import styles
from .cells import Sheet
from .equity_figures import fractions_by_month
from .figures import Figures
from .layout import ACCELERATED, AXIS_MONTH, LABEL_COL, PARAM_COL, TOTAL_COL, Layout, SCHEDULES
from .refs import area, month_col
from ..texts.pieces import lit, ref


def tranche_area(layout: Layout, key: str, which: str) -> str:
    """The month or fraction column of a tranche table, absolute and sheet-qualified."""
    lay = layout.schedules
    column = lay.table_col[key] + (0 if which == "month" else 1)
    first = lay.table_first_row
    return area(first, column, first + lay.table_rows[key] - 1, column, SCHEDULES)


ACCELERATED_TITLE = "accelerated (negotiation)"


def table_tranches(figures: Figures, key: str):
    if key == ACCELERATED:
        return figures.offers_file.negotiation.accelerated_schedule.tranches
    if not key.startswith("custom:"):
        return preset(key).tranches
    offer = figures.offers_file.offers[int(key.split(":")[1])]
    return offer.equity.schedule.tranches if offer.equity else ()


def custom_title(layout: Layout, figures: Figures, index: int):
    name = figures.offers_file.offers[index].name
    return lit("custom: ") + ref(layout.inputs.offer("name", index), name)


def write(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    lay = layout.schedules
    months = layout.months
    sheet.title("Schedules", "Each schedule's tranche table (below) and the fraction of a grant it vests each month. "
                "Edit an offer's own table and choose 'custom' on Inputs to use it.")
    sheet.axis(months, figures.axis)
    heading = lay.timeline_row[PRESET_NAMES[0]] - 1
    sheet.label(heading, LABEL_COL, "Schedule", styles.HEADER)
    sheet.label(heading, PARAM_COL, "Table sums to", styles.HEADER)
    sheet.label(heading, TOTAL_COL, "In horizon", styles.HEADER)

    for key, row in lay.timeline_row.items():
        if key.startswith("custom:"):
            title = custom_title(layout, figures, int(key.split(":")[1]))
            sheet.formula(row, LABEL_COL, title.formula, title.v)
        else:
            sheet.label(row, LABEL_COL, ACCELERATED_TITLE if key == ACCELERATED else key)
        tranches = table_tranches(figures, key)
        by_month = fractions_by_month(tranches, months)
        months_area, fractions_area = tranche_area(layout, key, "month"), tranche_area(layout, key, "fraction")
        sheet.formula(row, PARAM_COL, f"=SUM({fractions_area})", math.fsum(f for _, f in tranches), styles.PERCENT)
        spread = lambda c: f"SUMIF({months_area},{c}${AXIS_MONTH},{fractions_area})"
        if key.startswith("custom:"):  # an offer's own table counts only when it is chosen: skip the scan otherwise
            index = int(key.split(":")[1])
            chosen = _custom_chosen(figures, index)
            by_month = by_month if chosen else [0.0] * months
            schedule = layout.inputs.offer("equity.schedule", index)
            sheet.timeline_row(row, months, lambda c: f'=IF({schedule}<>"custom",0,{spread(c)})', by_month,
                               styles.PERCENT)
        else:
            sheet.timeline_row(row, months, lambda c: "=" + spread(c), by_month, styles.PERCENT)
        sheet.row_total(row, months, by_month, styles.PERCENT)

    header_row = lay.table_first_row - 2
    sheet.label(header_row - 1, LABEL_COL, "Tranche tables: month of vesting, fraction of the grant", styles.TITLE)
    for key, column in lay.table_col.items():
        if key.startswith("custom:"):
            title = custom_title(layout, figures, int(key.split(":")[1]))
            sheet.formula(header_row, column, title.formula, title.v, style=styles.HEADER)
            style = styles.INPUT
        elif key == ACCELERATED:
            sheet.label(header_row, column, ACCELERATED_TITLE, styles.HEADER)
            style = styles.INPUT
        else:
            sheet.label(header_row, column, key, styles.HEADER)
            style = styles.CONSTANT
        sheet.label(header_row, column + 1, "", styles.HEADER)
        sheet.label(header_row + 1, column, "Month", styles.NOTE)
        sheet.label(header_row + 1, column + 1, "Fraction", styles.NOTE)
        tranches = table_tranches(figures, key)
        for n in range(lay.table_rows[key]):
            row = lay.table_first_row + n
            month, fraction = tranches[n] if n < len(tranches) else (None, None)
            sheet.value(row, column, month, styles.INTEGER, style)
            sheet.value(row, column + 1, fraction, styles.FRACTION, style)
        if key == ACCELERATED:
            _validate_tranches(sheet, layout, column)

    sheet.widths(label_width=30, param_width=13, months=months)
    sheet.freeze(8, month_col(1))


TRANCHE_MONTH_RULE = {"validate": "integer", "criteria": "between", "minimum": 1, "maximum": 120,
                      "error_message": "Enter the whole month the tranche vests in, from 1 to 120."}
TRANCHE_FRACTION_RULE = {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1,
                         "error_message": "Enter the tranche's fraction of the grant, from 0 to 1 (0.25 = 25%)."}


def _validate_tranches(sheet: Sheet, layout: Layout, column: int) -> None:
    """Data validation on an editable tranche table, as on the Inputs sheet."""
    first = layout.schedules.table_first_row
    last = first + layout.schedules.table_rows[ACCELERATED] - 1
    for offset, rule in ((0, TRANCHE_MONTH_RULE), (1, TRANCHE_FRACTION_RULE)):
        options = {"ignore_blank": True, "show_input": False, "show_error": True, "error_title": "xlmodel input",
                   **rule}
        sheet.ws.data_validation(first - 1, column + offset - 1, last - 1, column + offset - 1, options)


def _custom_chosen(figures: Figures, index: int) -> bool:
    equity = figures.offers_file.offers[index].equity
    return equity is not None and equity.schedule.preset is None


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
