"""Live (the .xlsm build only): each Excel function (xlwings UDF) beside the workbook formula
whose figure it must equal, so a user sees at a glance that both faces agree."""
from __future__ import annotations

from openpyxl.worksheet.formula import ArrayFormula

from ..engine import LEAVE_MONTHS
from ..model import OffersFile
from . import cells, styles
from .layout import CASHFLOWS, INPUTS, LABEL_COL, NEGOTIATION, PARAM_COL, Layout
from .negotiation_sheet import ROWS as DEAL, leave_layout
from .refs import area, cell, col, month_col
from .schedules_sheet import tranche_area

LIVE = "Live"
UDF_COL, NATIVE_COL, DIFFERENCE_COL = 3, 4, 5
HEADER_ROW = 4


class _Arguments:
    """The ranges every offer-level function takes, for one offer."""

    def __init__(self, layout: Layout, index: int):
        rows = layout.inputs.offer_row
        first, last = min(rows.values()), max(rows.values())
        model_rows = layout.inputs.model_row
        model_first, model_last = min(model_rows.values()), max(model_rows.values())
        self.keys = area(first, LABEL_COL, last, LABEL_COL, INPUTS)
        self.values = area(first, PARAM_COL + index, last, PARAM_COL + index, INPUTS)
        self.model_keys = area(model_first, LABEL_COL, model_last, LABEL_COL, INPUTS)
        self.model_values = area(model_first, PARAM_COL, model_last, PARAM_COL, INPUTS)
        key = f"custom:{index}"
        lay = layout.schedules
        first_table = lay.table_first_row
        self.tranches = area(first_table, lay.table_col[key], first_table + lay.table_rows[key] - 1,
                             lay.table_col[key] + 1, "Schedules")

    def offer(self) -> str:
        return f"{self.keys},{self.values},{self.model_keys},{self.model_values}"


def write(ws, offers_file: OffersFile, layout: Layout) -> None:
    cells.title(ws, "Live: the Excel functions beside the workbook's own formulas",
                "Needs xlwings: Windows Excel with the add-in or this standalone workbook (Import Python UDFs), "
                "or xlwings Lite. The difference column should read 0 everywhere.")
    for column, heading in ((LABEL_COL, "Figure"), (PARAM_COL, "Offer"), (UDF_COL, "Excel function (UDF)"),
                            (NATIVE_COL, "Workbook formula"), (DIFFERENCE_COL, "Difference")):
        cells.label(ws, HEADER_ROW, column, heading, styles.HEADER)
    row = HEADER_ROW + 1
    metrics = (("pv", "Present value", "OfferPV"), ("total", "Total compensation", "OfferTotal"),
               ("annualized", "Annualized", "OfferAnnualized"))
    for i, offer in enumerate(offers_file.offers):
        args = _Arguments(layout, i)
        name = layout.inputs.offer("name", i)
        for metric, text, _ in metrics:
            row = _pair(ws, row, f"{text} (OFFERVALUE)", name,
                        f'=OFFERVALUE({args.offer()},"{metric}",{args.tranches})',
                        cell(layout.results.row[metric], layout.offer_col(i), CASHFLOWS))
        if offer.equity is not None:
            schedule = layout.inputs.offer("equity.schedule", i)
            months = layout.months
            vesting = layout.vesting[i]
            row = _pair(ws, row, f"Vested by month {months} (VESTED)", name,
                        f"=VESTED({schedule},{months},{args.tranches})",
                        cell(vesting.cumulative, month_col(months), "Vesting"))
        for n, month in enumerate(m for m in LEAVE_MONTHS if m <= layout.months):
            for mode, first in (("quit", leave_layout(layout).quit_first), ("cut", leave_layout(layout).cut_first)):
                row = _pair(ws, row, f"Kept at month {month}, {mode} (LEAVEVALUE)", name,
                            f'=LEAVEVALUE({month},{args.offer()},"{mode}",{args.tranches})',
                            cell(first + n, layout.offer_col(i), NEGOTIATION))
        row += 1

    target_index = [o.name for o in offers_file.offers].index(offers_file.model.target)
    target = offers_file.offers[target_index]
    args = _Arguments(layout, target_index)
    name = layout.inputs.offer("name", target_index)
    gap = DEAL.ref("gap")
    cells.label(ws, row, LABEL_COL, "The target's asks (for the target named when the workbook was built)", styles.NOTE)
    row += 1
    row = _pair(ws, row, "Extra base a year (ASKBASE)", name,
                f"=ASKBASE({gap},{args.offer()},{args.tranches})", DEAL.ref("ask_base"))
    row = _pair(ws, row, "Extra sign-on (ASKSIGNON)", name,
                f"=ASKSIGNON({gap},{args.model_keys},{args.model_values})", DEAL.ref("ask_signon"))
    if target.equity is not None and target.equity.is_rsu:
        row = _pair(ws, row, "Extra RSU grant (ASKEQUITY)", name,
                    f"=ASKEQUITY({gap},{args.offer()},{args.tranches})", DEAL.ref("ask_equity"))
    if target.equity is not None and len(offers_file.offers) > 1:
        row = _pair(ws, row, "Break-even growth (BREAKEVENGROWTH)", name,
                    f"=BREAKEVENGROWTH(N({DEAL.ref('alternative_pv')}),{args.offer()},{args.tranches})",
                    DEAL.ref("break_even"), styles.PERCENT)

    row += 1
    cells.label(ws, row, LABEL_COL, "Year by year: OFFERTC returns one row; the workbook's years below it", styles.NOTE)
    row += 1
    for i in range(layout.offers):
        args = _Arguments(layout, i)
        name = layout.inputs.offer("name", i)
        cells.label(ws, row, LABEL_COL, "Years (OFFERTC)")
        cells.formula(ws, row, PARAM_COL, f"={name}")
        spill = f"{col(UDF_COL)}{row}:{col(UDF_COL + layout.years - 1)}{row}"
        for y in range(layout.years):
            ws.cell(row=row, column=UDF_COL + y).style = styles.FORMULA
            ws.cell(row=row, column=UDF_COL + y).number_format = styles.MONEY
        # An array formula over the year cells: it shows every year in any Excel, not only where arrays spill.
        ws.cell(row=row, column=UDF_COL).value = ArrayFormula(spill, f"=OFFERTC({args.offer()},{args.tranches})")
        cells.label(ws, row + 1, LABEL_COL, "Years (workbook)")
        for y, source in enumerate(layout.results.year_rows):
            cells.link(ws, row + 1, UDF_COL + y, cell(source, layout.offer_col(i), CASHFLOWS), styles.MONEY)
        row += 3
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 16
    for column in range(UDF_COL, UDF_COL + max(layout.years, 3)):
        ws.column_dimensions[col(column)].width = 18
    ws.freeze_panes = f"A{HEADER_ROW + 1}"


def _pair(ws, row: int, text: str, name: str, udf: str, native: str, number_format: str = styles.MONEY) -> int:
    cells.label(ws, row, LABEL_COL, text)
    cells.formula(ws, row, PARAM_COL, f"={name}")
    cells.formula(ws, row, UDF_COL, udf, number_format)
    cells.link(ws, row, NATIVE_COL, native, number_format)
    cells.formula(ws, row, DIFFERENCE_COL,
                  f'=IF(ISNUMBER({col(UDF_COL)}{row}),{col(UDF_COL)}{row}-N({col(NATIVE_COL)}{row}),"")', number_format)
    return row + 1
