"""Live (the .xlsm build only): each Excel function (xlwings UDF) beside the workbook formula
whose figure it must equal, so a user sees at a glance that both faces agree."""
from __future__ import annotations

import math

from . import styles
from .cashflows_sheet import result_values
from .cells import Sheet, stored
from .figures import Figures
from .inputs_layout import KEY_COL, VALUE_COL
from .layout import CASHFLOWS, INPUTS, LABEL_COL, NEGOTIATION, PARAM_COL, Layout
from .negotiation_layout import ROWS as DEAL, leave_layout, leave_months
from .negotiation_sheet import deal_values
from .refs import area, cell, col, timeline
from .udf_workbook import xlwings_version

LIVE = "Live"
UDF_COL, NATIVE_COL, DIFFERENCE_COL = 3, 4, 5
HEADER_ROW = 4


class _Arguments:
    """The ranges every offer-level function takes, for one offer: the key paths of the offers
    block (column B) and the offer's column beside them; the model block's key paths and values,
    its holiday rows included."""

    def __init__(self, layout: Layout, index: int):
        inputs = layout.inputs
        rows = inputs.offer_row
        first, last = min(rows.values()), max(rows.values())
        model_first, model_last = min(inputs.model_row.values()), inputs.holiday_rows[1]
        self.keys = area(first, KEY_COL, last, KEY_COL, INPUTS)
        self.values = area(first, inputs.value_col(index), last, inputs.value_col(index), INPUTS)
        self.model_keys = area(model_first, KEY_COL, model_last, KEY_COL, INPUTS)
        self.model_values = area(model_first, VALUE_COL, model_last, VALUE_COL, INPUTS)
        key = f"custom:{index}"
        lay = layout.schedules
        first_table = lay.table_first_row
        self.tranches = area(first_table, lay.table_col[key], first_table + lay.table_rows[key] - 1,
                             lay.table_col[key] + 1, "Schedules")

    def offer(self) -> str:
        return f"{self.keys},{self.values},{self.model_keys},{self.model_values}"


def write(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    offers_file = figures.offers_file
    version = xlwings_version()
    sheet.title("Live: the Excel functions beside the workbook's own formulas",
                f"Needs xlmodel and xlwings {version} (pip install xlwings=={version}: this file's VBA is that version's) "
                "with Import Python UDFs, or xlwings Lite. The difference column should read 0 everywhere.")
    for column, heading in ((LABEL_COL, "Figure"), (PARAM_COL, "Offer"), (UDF_COL, "Excel function (UDF)"),
                            (NATIVE_COL, "Workbook formula"), (DIFFERENCE_COL, "Difference")):
        sheet.label(HEADER_ROW, column, heading, styles.HEADER)
    row = HEADER_ROW + 1
    metrics = (("pv", "Present value"), ("total", "Total compensation"), ("annualized", "Annualized"))
    for i, offer in enumerate(offers_file.offers):
        args = _Arguments(layout, i)
        name = (layout.inputs.offer("name", i), offer.name)
        results = result_values(figures, i)
        for metric, text in metrics:
            row = _pair(sheet, row, f"{text} (OFFERVALUE)", name,
                        f'=OFFERVALUE({args.offer()},"{metric}",{args.tranches})',
                        cell(layout.results.row[metric], layout.offer_col(i), CASHFLOWS), results[metric])
        if offer.equity is not None:
            schedule = layout.inputs.offer("equity.schedule", i)
            months = layout.months
            row = _pair(sheet, row, f"Vested by month {months} (VESTED)", name,
                        f"=VESTED({schedule},{months},{args.tranches})",
                        f"SUM({timeline(layout.vesting.row('fraction', i), months, 'Vesting')})",
                        math.fsum(figures.grants[i].fraction), styles.PERCENT)
        row = _odds_pairs(sheet, row, figures, layout, i, args, name)
        leave = figures.valuation.leave[offer.name]
        for n, month in enumerate(leave_months(layout)):
            for mode, first in (("quit", leave_layout(layout).quit_first), ("cut", leave_layout(layout).cut_first)):
                row = _pair(sheet, row, f"Kept at month {month}, {mode} (LEAVEVALUE)", name,
                            f'=LEAVEVALUE({month},{args.offer()},"{mode}",{args.tranches})',
                            cell(first + n, layout.offer_col(i), NEGOTIATION), leave[month][mode])
        row += 1

    target_index = figures.target_index
    target = offers_file.offers[target_index]
    args = _Arguments(layout, target_index)
    name = (layout.inputs.offer("name", target_index), target.name)
    deal = deal_values(figures)
    gap = DEAL.ref("gap")
    sheet.label(row, LABEL_COL, "The target's asks (for the target named when the workbook was built)", styles.NOTE)
    row += 1
    row = _pair(sheet, row, "Extra base a year (ASKBASE)", name,
                f"=ASKBASE({gap},{args.offer()},{args.tranches})", DEAL.ref("ask_base"), deal["ask_base"])
    row = _pair(sheet, row, "Extra sign-on (ASKSIGNON)", name,
                f"=ASKSIGNON({gap},{args.model_keys},{args.model_values})", DEAL.ref("ask_signon"), deal["ask_signon"])
    if target.equity is not None and target.equity.is_rsu:
        row = _pair(sheet, row, "Extra RSU grant (ASKEQUITY)", name,
                    f"=ASKEQUITY({gap},{args.offer()},{args.tranches})", DEAL.ref("ask_equity"), deal["ask_equity"])
    if target.equity is not None and len(offers_file.offers) > 1:
        row = _pair(sheet, row, "Break-even growth (BREAKEVENGROWTH)", name,
                    f"=BREAKEVENGROWTH(N({DEAL.ref('alternative_pv')}),{args.offer()},{args.tranches})",
                    DEAL.ref("break_even"), deal["break_even"], styles.PERCENT)
    row = _lever_pairs(sheet, row, figures, layout)

    row += 1
    sheet.label(row, LABEL_COL, "Year by year: OFFERTC returns one row; the workbook's years below it", styles.NOTE)
    row += 1
    for i, offer in enumerate(offers_file.offers):
        args = _Arguments(layout, i)
        years = figures.offer_value(i).years
        sheet.label(row, LABEL_COL, "Years (OFFERTC)")
        sheet.formula(row, PARAM_COL, f"={layout.inputs.offer('name', i)}", offer.name)
        # An array formula over the year cells: it shows every year in any Excel, not only where arrays spill.
        cell_format = sheet.fmt(styles.FORMULA, styles.MONEY)
        sheet.ws.write_array_formula(row - 1, UDF_COL - 1, row - 1, UDF_COL + layout.years - 2,
                                     f"{{=OFFERTC({args.offer()},{args.tranches})}}", cell_format, years[0])
        for y in range(1, layout.years):  # the stored result of each cell of the array
            sheet.ws.write_number(row - 1, UDF_COL - 1 + y, years[y], cell_format)
        sheet.label(row + 1, LABEL_COL, "Years (workbook)")
        for y, source in enumerate(layout.results.year_rows):
            sheet.link(row + 1, UDF_COL + y, cell(source, layout.offer_col(i), CASHFLOWS), years[y], styles.MONEY)
        row += 3
    sheet.width(1, 40)
    sheet.width(2, 16)
    sheet.width(UDF_COL, 18, UDF_COL + max(layout.years, 3) - 1)
    sheet.freeze(HEADER_ROW + 1, 1)


# The odds as the workbook draws them: one row by offers each, on the Draws sheet.
ODDS_NAMES = {"p10": "OfferPV10", "p50": "OfferPV50", "p90": "OfferPV90", "mean": "OfferPVMean"}
ODDS_LABELS = {"p10": "10th percentile", "p50": "median", "p90": "90th percentile", "mean": "mean"}


def _odds_pairs(sheet: Sheet, row: int, figures: Figures, layout: Layout, index: int, args: "_Arguments",
                name: tuple[str, str]) -> int:
    """OFFERODDS beside the workbook's own figure of the draws, for each statistic; none without draws."""
    outcomes = figures.offer_value(index).outcomes
    if outcomes is None:
        return row
    for statistic, defined in ODDS_NAMES.items():
        row = _pair(sheet, row, f"Present value, {ODDS_LABELS[statistic]} of the draws (OFFERODDS)", name,
                    f'=OFFERODDS("{statistic}",{args.offer()},{args.tranches},{index + 1},{layout.offers})',
                    f"INDEX({defined},1,{index + 1})", outcomes[statistic])
    return row


def _lever_pairs(sheet: Sheet, row: int, figures: Figures, layout: Layout) -> int:
    """The negotiation levers' functions beside the package on Negotiation, for the target."""
    from .layout import ACCELERATED
    offers_file = figures.offers_file
    target_index = figures.target_index
    target = offers_file.offers[target_index]
    args = _Arguments(layout, target_index)
    name = (layout.inputs.offer("name", target_index), target.name)
    deal = figures.valuation.negotiation
    inputs = layout.inputs
    after_months = inputs.negotiation("negotiation.fallback_after_months")
    probability = inputs.negotiation("negotiation.fallback_probability")
    if deal.ask_bump is not None:
        row = _pair(sheet, row, "Fallback bump alone (ASKBUMP)", name,
                    f"=ASKBUMP({DEAL.ref('gap')},{args.offer()},{after_months},{probability},{args.tranches})",
                    DEAL.package_ref("ask_bump"), deal.ask_bump, styles.FRACTION)
    if deal.probability_to_close is not None:
        row = _pair(sheet, row, "Milestone probability to tie (PROBABILITYTOCLOSE)", name,
                    f"=PROBABILITYTOCLOSE(N({DEAL.ref('alternative_pv')}),{args.offer()},{args.tranches})",
                    DEAL.package_ref("probability_to_close"), deal.probability_to_close, styles.FRACTION)
    if deal.acceleration_value is not None:
        lay = layout.schedules
        first = lay.table_first_row
        accelerated = area(first, lay.table_col[ACCELERATED], first + lay.table_rows[ACCELERATED] - 1,
                           lay.table_col[ACCELERATED] + 1, "Schedules")
        row = _pair(sheet, row, "Accelerated vesting adds (ACCELERATIONVALUE)", name,
                    f"=ACCELERATIONVALUE({args.offer()},{accelerated},{args.tranches})",
                    DEAL.package_ref("acceleration_value"), deal.acceleration_value)
    return row


def _pair(sheet: Sheet, row: int, text: str, name: tuple[str, str], udf: str, native: str, result,
          number_format: str = styles.MONEY) -> int:
    sheet.label(row, LABEL_COL, text)
    sheet.formula(row, PARAM_COL, f"={name[0]}", name[1])
    sheet.formula(row, UDF_COL, udf, result, number_format)
    sheet.link(row, NATIVE_COL, native, result, number_format)
    difference = 0 if isinstance(stored(result), (int, float)) and not isinstance(result, bool) else ""
    sheet.formula(row, DIFFERENCE_COL,
                  f'=IF(ISNUMBER({col(UDF_COL)}{row}),{col(UDF_COL)}{row}-N({col(NATIVE_COL)}{row}),"")', difference,
                  number_format)
    return row + 1
