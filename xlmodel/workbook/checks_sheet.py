"""Checks: per offer, the model's integrity tests, and the master check shown on the Summary."""
from __future__ import annotations

import math

from . import styles
from .cells import Sheet
from .figures import Figures
from .layout import CASHFLOWS, CHECKS as CHECKS_SHEET, INPUTS, LABEL_COL, PARAM_COL, SCHEDULES, Layout
from .refs import area, cell, timeline
from .schedules_sheet import schedule_total, tranche_area

TOLERANCE = 0.000001
TOLERANCE_ROW = 4
MASTER_ROW = 5
HEADER_ROW = 7
CHECK_LIST = (
    ("vesting_sums", "The chosen vesting table sums to 100%"),
    ("vests_once", "Every tranche of a custom table vests once, in a whole month"),
    ("grant_size", "Exactly one grant size (grant_value, shares or percent)"),
    ("one_bump", "At most one of fallback.bump and fallback.bump_amount"),
    ("unique_name", "The offer's name is unique"),
    ("no_negative", "No negative pay in any month"),
    ("years_add_up", "The years add up to the total"),
    ("components_add_up", "The components add up to the total"),
)


def check_row(key: str) -> int:
    return HEADER_ROW + 1 + [k for k, _ in CHECK_LIST].index(key)


def check_values(figures: Figures, index: int) -> dict[str, bool]:
    """What each check gives for a valid offers file, as the engine sees it."""
    offer = figures.offers_file.offers[index]
    value = figures.offer_value(index)
    block = figures.blocks[index]
    schedule_sum = math.fsum(f for _, f in offer.equity.schedule.tranches) if offer.equity else 1.0
    names = [o.name for o in figures.offers_file.offers]
    years = math.fsum(value.years)
    components = math.fsum(value.components.values())
    return {
        "vesting_sums": offer.equity is None or abs(schedule_sum - 1) <= TOLERANCE,
        "vests_once": True,
        "grant_size": True,
        "one_bump": True,
        "unique_name": names.count(offer.name) == 1,
        "no_negative": min(block.total) >= 0,
        "years_add_up": abs(years - value.total) <= TOLERANCE,
        "components_add_up": abs(components - value.total) <= TOLERANCE,
    }


def write(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    inputs = layout.inputs
    sheet.title("Checks", "TRUE everywhere means the model is consistent. The master check is shown on the Summary.")
    sheet.label(TOLERANCE_ROW, LABEL_COL, "Tolerance (dollars or fraction)")
    sheet.value(TOLERANCE_ROW, PARAM_COL, TOLERANCE, "0.000000", styles.CONSTANT)
    tolerance = cell(TOLERANCE_ROW, PARAM_COL)
    first_check, last_check = check_row(CHECK_LIST[0][0]), check_row(CHECK_LIST[-1][0])
    everything = area(first_check, layout.offer_col(0), last_check, layout.offer_col(layout.offers - 1))
    stored = [check_values(figures, i) for i in range(layout.offers)]
    sheet.label(MASTER_ROW, LABEL_COL, "All checks pass", styles.CHECK)
    sheet.formula(MASTER_ROW, PARAM_COL, f"=AND({everything})", all(all(s.values()) for s in stored),
                  style=styles.CHECK)

    sheet.label(HEADER_ROW, LABEL_COL, "Check", styles.HEADER)
    names = area(inputs.offer_row["name"], PARAM_COL, inputs.offer_row["name"], PARAM_COL + layout.offers - 1, INPUTS)
    months = layout.months
    for i in range(layout.offers):
        c = layout.offer_col(i)
        ref = lambda key: inputs.offer(key, i)
        block = layout.cashflows[i]
        result = lambda key: cell(layout.results.row[key], c, CASHFLOWS)
        years = area(layout.results.year_rows[0], c, layout.results.year_rows[-1], c, CASHFLOWS)
        custom = f"custom:{i}"
        custom_row = layout.schedules.timeline_row[custom]
        no_equity = f'{ref("equity.type")}="none"'
        formulas = {
            "vesting_sums": f"=IF({no_equity},TRUE,ABS({schedule_total(layout, i)}-1)<={tolerance})",
            "vests_once": (f'=IF({ref("equity.schedule")}<>"custom",TRUE,ABS(SUM({timeline(custom_row, months, SCHEDULES)})'
                           f'+SUMIF({tranche_area(layout, custom, "month")},">"&{months},{tranche_area(layout, custom, "fraction")})'
                           f'-SUM({tranche_area(layout, custom, "fraction")}))<={tolerance})'),
            "grant_size": (f'=IF({no_equity},TRUE,COUNT({ref("equity.grant_value")},{ref("equity.shares")},'
                           f'{ref("equity.percent")})=1)'),
            "one_bump": f'=COUNT({ref("fallback.bump")},{ref("fallback.bump_amount")})<=1',
            "unique_name": f"=SUMPRODUCT(EXACT({names},{ref('name')})*1)=1",  # exact, as the offers file compares
            "no_negative": f'=COUNTIF({timeline(block.row("total"), months, CASHFLOWS)},"<0")=0',
            "years_add_up": f"=ABS(SUM({years})-{result('total')})<={tolerance}",
            "components_add_up": (f"=ABS({result('salary')}+{result('bonus')}+{result('signon')}+{result('equity')}"
                                  f"-{result('total')})<={tolerance}"),
        }
        sheet.formula(HEADER_ROW, c, f"={ref('name')}", figures.offers_file.offers[i].name, style=styles.HEADER)
        for key, expression in formulas.items():
            sheet.formula(check_row(key), c, expression, stored[i][key], style=styles.CHECK)
    for key, description in CHECK_LIST:
        sheet.label(check_row(key), LABEL_COL, description)
    sheet.width(1, 62)
    sheet.width(layout.offer_col(0), 18, layout.offer_col(layout.offers - 1))


def master_ref() -> str:
    return cell(MASTER_ROW, PARAM_COL, CHECKS_SHEET)
