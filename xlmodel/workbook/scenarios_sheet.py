"""Scenarios: every offer valued again under each scenario's overrides, and the tables of
present value and nominal total by scenario and offer."""
from __future__ import annotations

from ..engine import SENSITIVITY_GROWTHS
from ..model import OffersFile
from . import cells, styles
from .layout import (AXIS_DISCOUNT, AXIS_MONTH, BISECTION_STEPS, CASHFLOWS, LABEL_COL, NEGOTIATION, PARAM_COL,
                     SCENARIOS, SENSITIVITY_STEPS, VESTING, Layout)
from .offer_block import Assumptions, own_assumptions, total_ref, write_block
from .refs import area, cell, col, month_col, timeline


def scenario_assumptions(layout: Layout, scenario: int, offer: int) -> Assumptions:
    own = own_assumptions(layout, offer)
    ref = lambda key: layout.inputs.scenario(key, scenario)
    return Assumptions(
        growth=f'IF(ISNUMBER({ref("scenario.growth")}),{ref("scenario.growth")},{own.growth}+N({ref("scenario.growth_shift")}))',
        probability=f'IF(ISLOGICAL({ref("scenario.milestone")}),IF({ref("scenario.milestone")},1,0),{own.probability})',
        liquidity=f'IF(ISNUMBER({ref("scenario.liquidity")}),{ref("scenario.liquidity")},{own.liquidity})',
    )


def write(ws, offers_file: OffersFile, layout: Layout) -> None:
    months = layout.months
    cells.title(ws, "Scenarios", "Each scenario overrides growth, the fallback milestone or liquidity for every offer. "
                "Tables first, the monthly blocks below.")
    cells.axis(ws, months, layout.inputs.model("model.start_date"), layout.inputs.model("model.discount_rate"))
    for first, heading, flow in ((layout.scenario_pv_first, "Present value by scenario", "discounted"),
                                 (layout.scenario_total_first, "Total compensation (nominal) by scenario", "total")):
        cells.label(ws, first - 1, LABEL_COL, heading, styles.HEADER)
        for i in range(layout.offers):
            cells.formula(ws, first - 1, layout.offer_col(i), f"={layout.inputs.offer('name', i)}", style=styles.HEADER)
        for j in range(layout.scenarios):
            cells.formula(ws, first + j, LABEL_COL, f"={layout.inputs.scenario('scenario.name', j)}")
            for i in range(layout.offers):
                cells.formula(ws, first + j, layout.offer_col(i),
                              "=" + total_ref(layout.scenario_blocks[(j, i)], flow, None), styles.MONEY)
        leader_col = layout.offer_col(layout.offers)
        cells.label(ws, first - 1, leader_col, "Leader", styles.HEADER)
        names = area(first - 1, layout.offer_col(0), first - 1, layout.offer_col(layout.offers - 1))
        for j in range(layout.scenarios):
            values = area(first + j, layout.offer_col(0), first + j, layout.offer_col(layout.offers - 1))
            cells.formula(ws, first + j, leader_col, f"=INDEX({names},MATCH(MAX({values}),{values},0))")

    for (j, i), block in layout.scenario_blocks.items():
        header = f'={layout.inputs.offer("name", i)}&" | "&{layout.inputs.scenario("scenario.name", j)}'
        write_block(ws, layout, i, block, header, scenario_assumptions(layout, j, i))
    write_sensitivity(ws, layout)
    write_bisection(ws, layout)
    cells.widths(ws, label_width=34, param_width=14, months=months)
    ws.freeze_panes = ws.cell(row=8, column=month_col(1)).coordinate


def table_area(layout: Layout, which: str) -> str:
    first = layout.scenario_pv_first if which == "pv" else layout.scenario_total_first
    return area(first, layout.offer_col(0), first + layout.scenarios - 1, layout.offer_col(layout.offers - 1), SCENARIOS)


def names_area(layout: Layout) -> str:
    first = layout.scenario_pv_first
    return area(first, LABEL_COL, first + layout.scenarios - 1, LABEL_COL, SCENARIOS)


# --- sensitivity to stock growth and the break-even growth ------------------------------------

def growth_cell(layout: Layout, step: int) -> str:
    return cell(layout.sensitivity_first + step, LABEL_COL)


def write_sensitivity(ws, layout: Layout) -> None:
    first = layout.sensitivity_first
    cells.label(ws, first - 1, LABEL_COL, "Present value if every offer's stock grows at", styles.HEADER)
    for i in range(layout.offers):
        cells.formula(ws, first - 1, layout.offer_col(i), f"={layout.inputs.offer('name', i)}", style=styles.HEADER)
    for step, growth in enumerate(SENSITIVITY_GROWTHS):
        cells.value(ws, first + step, LABEL_COL, growth, styles.PERCENT)
        for i in range(layout.offers):
            cells.formula(ws, first + step, layout.offer_col(i),
                          "=" + total_ref(layout.sensitivity_blocks[(step, i)], "discounted", None), styles.MONEY)
    for (step, i), block in layout.sensitivity_blocks.items():
        header = f'={layout.inputs.offer("name", i)}&" | growth "&TEXT({growth_cell(layout, step)},"0%")'
        own = own_assumptions(layout, i)
        write_block(ws, layout, i, block, header, Assumptions(growth_cell(layout, step), own.probability, own.liquidity))

    cells.label(ws, layout.break_even_row, LABEL_COL, "Break-even growth of the target", styles.CHECK)
    per_offer = area(bisection_result_row(layout), layout.offer_col(0), bisection_result_row(layout),
                     layout.offer_col(layout.offers - 1))
    names = area(layout.inputs.offer_row["name"], PARAM_COL, layout.inputs.offer_row["name"],
                 PARAM_COL + layout.offers - 1, "Inputs")
    alternative = cell(_deal_row("alternative"), PARAM_COL, NEGOTIATION)
    cells.formula(ws, layout.break_even_row, PARAM_COL, (
        f'=IF({alternative}="","",INDEX({per_offer},MATCH({layout.inputs.model("model.target")},{names},0)))'),
        styles.PERCENT, styles.CHECK)
    cells.label(ws, layout.break_even_row + 1, LABEL_COL,
                "the target's growth at which its present value meets the best alternative's "
                "(blank: no tie within the growths above)", styles.NOTE)


def _deal_row(key: str) -> int:
    from .negotiation_sheet import ROWS
    return ROWS.deal(key)


def bisection_result_row(layout: Layout) -> int:
    return layout.bisection.first_row + BISECTION_STEPS + 5


def write_bisection(ws, layout: Layout) -> None:
    """Bisection on each offer's growth, step by step, as formulas; the target's column counts."""
    lay = layout.bisection
    first, months = lay.first_row, layout.months
    low_bound_row, high_bound_row = first + BISECTION_STEPS + 1, first + BISECTION_STEPS + 2
    cells.label(ws, first - 3, LABEL_COL, "Break-even search: bisection on the offer's own growth", styles.HEADER)
    cells.label(ws, first - 2, LABEL_COL, "Goal: the best alternative's present value", styles.FORMULA)
    goal = cell(first - 2, PARAM_COL)
    cells.formula(ws, first - 2, PARAM_COL, f"=N({cell(_deal_row('alternative_pv'), PARAM_COL, NEGOTIATION)})",
                  styles.MONEY)
    growths = area(layout.sensitivity_first, LABEL_COL, layout.sensitivity_first + SENSITIVITY_STEPS - 1, LABEL_COL)
    month_axis, discount = timeline(AXIS_MONTH, months), timeline(AXIS_DISCOUNT, months)
    for step in range(BISECTION_STEPS + 1):
        cells.label(ws, first + step, LABEL_COL, f"Step {step}")
    cells.label(ws, low_bound_row, LABEL_COL, "At the lowest growth")
    cells.label(ws, high_bound_row, LABEL_COL, "At the highest growth")
    cells.label(ws, bisection_result_row(layout) - 1, LABEL_COL, "Break-even growth with this offer as the target")
    cells.label(ws, bisection_result_row(layout), LABEL_COL, "The same, by offer")

    for i in range(layout.offers):
        ref = lambda key: layout.inputs.offer(key, i)
        vest = layout.vesting[i]
        c = lambda what, grant=0: lay.column(i, what, grant)
        header = first - 1
        cells.formula(ws, first - 3, lay.group_col(i), f"={ref('name')}", style=styles.HEADER)
        for what, heading in (("low", "Low"), ("high", "High"), ("middle", "Middle"), ("pv", "PV at middle")):
            cells.label(ws, header, c(what), heading, styles.NOTE)
        other_pay = (f"{cell(layout.results.row['pv'], layout.offer_col(i), CASHFLOWS)}"
                     f"-SUMPRODUCT({timeline(layout.cashflows[i].row('equity'), months, CASHFLOWS)},"
                     f"{timeline(AXIS_DISCOUNT, months, CASHFLOWS)})")
        cells.label(ws, first - 2, c("middle"), "PV without equity", styles.NOTE)
        cells.formula(ws, first - 2, c("pv"), "=" + other_pay, styles.MONEY)
        base_pv = cell(first - 2, c("pv"))
        for grant in range(lay.grants):
            cells.label(ws, header, c("part", grant), "Initial grant" if grant == 0 else f"Refresher {grant}", styles.NOTE)

        def part(row: int, grant: int) -> str:
            growth = f"{col(c('middle'))}{row}"
            price = f"{ref('equity.price')}*(1+{growth})^({month_axis}/12)"
            strike = cell(vest.strike, PARAM_COL, VESTING)
            if grant == 0:
                shares, fractions = cell(vest.initial_shares, PARAM_COL, VESTING), timeline(vest.fraction, months, VESTING)
            else:
                shares = f"{cell(vest.refresh_per_price, PARAM_COL, VESTING)}*(1+{growth})^(-{grant})"
                fractions = timeline(vest.refresher(grant), months, VESTING)
            return (f"={shares}*N({ref('equity.liquidity_probability')})*SUMPRODUCT({fractions},"
                    f"({price}-{strike})*(({price})>{strike}),(1-N({ref('equity.dilution')}))^({month_axis}/12),{discount})")

        def present_value(row: int) -> str:
            parts = "+".join(f"{col(c('part', g))}{row}" for g in range(lay.grants))
            return f"={base_pv}+{parts}"

        for step in range(BISECTION_STEPS + 1):
            row = first + step
            if step == 0:
                cells.formula(ws, row, c("low"), f"=MIN({growths})", styles.FACTOR)
                cells.formula(ws, row, c("high"), f"=MAX({growths})", styles.FACTOR)
            else:
                before = row - 1
                below = f"{col(c('pv'))}{before}<{goal}"
                cells.formula(ws, row, c("low"), f"=IF({below},{col(c('middle'))}{before},{col(c('low'))}{before})",
                              styles.FACTOR)
                cells.formula(ws, row, c("high"), f"=IF({below},{col(c('high'))}{before},{col(c('middle'))}{before})",
                              styles.FACTOR)
            cells.formula(ws, row, c("middle"), f"=({col(c('low'))}{row}+{col(c('high'))}{row})/2", styles.FACTOR)
        for row, bound in ((low_bound_row, f"=MIN({growths})"), (high_bound_row, f"=MAX({growths})")):
            cells.formula(ws, row, c("middle"), bound, styles.FACTOR)
        for row in list(range(first, first + BISECTION_STEPS)) + [low_bound_row, high_bound_row]:
            for grant in range(lay.grants):
                cells.formula(ws, row, c("part", grant), part(row, grant), styles.MONEY)
            cells.formula(ws, row, c("pv"), present_value(row), styles.MONEY)
        result = bisection_result_row(layout) - 1
        last = first + BISECTION_STEPS
        cells.formula(ws, result, c("middle"), (
            f'=IF(AND({ref("equity.type")}<>"none",{col(c("pv"))}{low_bound_row}<={goal},'
            f'{goal}<={col(c("pv"))}{high_bound_row}),{col(c("middle"))}{last},"")'), styles.PERCENT)
        cells.formula(ws, bisection_result_row(layout), layout.offer_col(i), f"={col(c('middle'))}{result}",
                      styles.PERCENT)


def sensitivity_area(layout: Layout, which: str) -> str:
    first, last = layout.sensitivity_first, layout.sensitivity_first + SENSITIVITY_STEPS - 1
    if which == "growth":
        return area(first, LABEL_COL, last, LABEL_COL, SCENARIOS)
    return area(first, layout.offer_col(0), last, layout.offer_col(layout.offers - 1), SCENARIOS)


def leader_ref(layout: Layout, scenario: int) -> str:
    """The name of the offer with the highest present value in a scenario."""
    return cell(layout.scenario_pv_first + scenario, layout.offer_col(layout.offers), SCENARIOS)
