"""Checks: per offer, the model's integrity tests, and the master check shown on the Summary."""
from __future__ import annotations

from ..model import OffersFile
from . import cells, styles
from .layout import CASHFLOWS, CHECKS as CHECKS_SHEET, INPUTS, LABEL_COL, PARAM_COL, SCHEDULES, Layout
from .refs import area, cell, col, timeline
from .schedules_sheet import schedule_total, tranche_area

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


def write(ws, offers_file: OffersFile, layout: Layout) -> None:
    inputs = layout.inputs
    cells.title(ws, "Checks", "TRUE everywhere means the model is consistent. The master check is shown on the Summary.")
    cells.label(ws, TOLERANCE_ROW, LABEL_COL, "Tolerance (dollars or fraction)")
    cells.value(ws, TOLERANCE_ROW, PARAM_COL, 0.000001, "0.000000")
    tolerance = cell(TOLERANCE_ROW, PARAM_COL)
    first_check, last_check = check_row(CHECK_LIST[0][0]), check_row(CHECK_LIST[-1][0])
    everything = area(first_check, layout.offer_col(0), last_check, layout.offer_col(layout.offers - 1))
    cells.label(ws, MASTER_ROW, LABEL_COL, "All checks pass", styles.CHECK)
    cells.formula(ws, MASTER_ROW, PARAM_COL, f"=AND({everything})", style=styles.CHECK)

    cells.label(ws, HEADER_ROW, LABEL_COL, "Check", styles.HEADER)
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
        cells.formula(ws, HEADER_ROW, c, f"={ref('name')}", style=styles.HEADER)
        for key, expression in formulas.items():
            cells.formula(ws, check_row(key), c, expression, style=styles.CHECK)
    for key, description in CHECK_LIST:
        cells.label(ws, check_row(key), LABEL_COL, description)
    ws.column_dimensions["A"].width = 62
    for i in range(layout.offers):
        ws.column_dimensions[col(layout.offer_col(i))].width = 18


def master_ref() -> str:
    return cell(MASTER_ROW, PARAM_COL, CHECKS_SHEET)
