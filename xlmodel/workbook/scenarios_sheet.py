"""Scenarios: every offer valued under each scenario's overrides (growth, milestone,
liquidity), present value by stock growth, and the target's break-even growth.

Each value at other assumptions takes one row: salary and bonus are linear in the milestone
probability (base plus probability times the bump if met, from the Cashflows blocks), the
sign-on does not change, and equity is one SUMPRODUCT per grant at the scenario's growth."""
from __future__ import annotations

from ..engine import SENSITIVITY_GROWTHS
from ..model import OffersFile
from . import cells, styles
from .layout import (AXIS_DISCOUNT, AXIS_YEAR, BISECTION_STEPS, CASHFLOWS, LABEL_COL, NEGOTIATION, PARAM_COL,
                     SCENARIO_COLUMNS, SCENARIOS, SENSITIVITY_STEPS, Layout)
from .offer_block import Assumptions, equity_value, own_assumptions
from .refs import area, cell, col, month_col, timeline

SCENARIO_HEADINGS = {
    "growth": "Growth", "probability": "Milestone", "liquidity": "Liquidity", "salary_pv": "Salary PV",
    "bonus_pv": "Bonus PV", "signon_pv": "Sign-on PV", "equity_pv": "Equity PV", "pv": "Present value",
    "salary": "Salary", "bonus": "Bonus", "signon": "Sign-on", "equity": "Equity", "total": "Total",
}


def scenario_assumptions(layout: Layout, scenario: int, offer: int) -> Assumptions:
    own = own_assumptions(layout, offer)
    ref = lambda key: layout.inputs.scenario(key, scenario)
    return Assumptions(
        growth=f'IF(ISNUMBER({ref("scenario.growth")}),{ref("scenario.growth")},{own.growth}+N({ref("scenario.growth_shift")}))',
        probability=f'IF(ISLOGICAL({ref("scenario.milestone")}),IF({ref("scenario.milestone")},1,0),{own.probability})',
        liquidity=f'IF(ISNUMBER({ref("scenario.liquidity")}),{ref("scenario.liquidity")},{own.liquidity})',
    )


def scenario_col(name: str) -> int:
    return PARAM_COL + SCENARIO_COLUMNS.index(name)


def write(ws, offers_file: OffersFile, layout: Layout) -> None:
    cells.title(ws, "Scenarios", "Each scenario overrides growth, the fallback milestone or liquidity for every offer. "
                "Tables first, the calculations below.")
    cells.axis(ws, layout.months, layout.inputs.model("model.start_date"), layout.inputs.model("model.discount_rate"))
    for first, heading, source in ((layout.scenario_pv_first, "Present value by scenario", "pv"),
                                   (layout.scenario_total_first, "Total compensation (nominal) by scenario", "total")):
        cells.label(ws, first - 1, LABEL_COL, heading, styles.HEADER)
        for i in range(layout.offers):
            cells.formula(ws, first - 1, layout.offer_col(i), f"={layout.inputs.offer('name', i)}", style=styles.HEADER)
        for j in range(layout.scenarios):
            cells.formula(ws, first + j, LABEL_COL, f"={layout.inputs.scenario('scenario.name', j)}")
            for i in range(layout.offers):
                cells.formula(ws, first + j, layout.offer_col(i),
                              f"={col(scenario_col(source))}{layout.scenario_rows[(j, i)]}", styles.MONEY)
        leader_col = layout.offer_col(layout.offers)
        cells.label(ws, first - 1, leader_col, "Leader", styles.HEADER)
        names = area(first - 1, layout.offer_col(0), first - 1, layout.offer_col(layout.offers - 1))
        for j in range(layout.scenarios):
            values = area(first + j, layout.offer_col(0), first + j, layout.offer_col(layout.offers - 1))
            cells.formula(ws, first + j, leader_col, f"=INDEX({names},MATCH(MAX({values}),{values},0))")
    write_sensitivity(ws, layout)
    write_scenario_values(ws, layout)
    write_bisection(ws, layout)
    cells.widths(ws, label_width=46, param_width=14, months=layout.months)
    ws.freeze_panes = ws.cell(row=8, column=month_col(1)).coordinate


def write_scenario_values(ws, layout: Layout) -> None:
    """One row per scenario and offer: the assumptions, then each component, discounted and nominal."""
    months = layout.months
    header = min(layout.scenario_rows.values()) - 1
    cells.label(ws, header, LABEL_COL, "Offer | scenario", styles.HEADER)
    for name, heading in SCENARIO_HEADINGS.items():
        cells.label(ws, header, scenario_col(name), heading, styles.HEADER)
    discount = timeline(AXIS_DISCOUNT, months, CASHFLOWS)
    years = timeline(AXIS_YEAR, months, CASHFLOWS)
    rate = layout.inputs.model_number("model.discount_rate")
    for (j, i), row in layout.scenario_rows.items():
        inputs = layout.inputs
        block = layout.cashflows[i]
        flows = lambda name: timeline(block.row(name), months, CASHFLOWS)
        here = lambda name: f"{col(scenario_col(name))}{row}"
        assumptions = scenario_assumptions(layout, j, i)
        salary = f"({flows('base')}+{here('probability')}*{flows('bump_if_met')})"
        bonus_rate = f"N({inputs.offer('bonus_target', i)})*{inputs.offer_number('bonus_payout', i)}"
        formulas = {
            "growth": (assumptions.growth, styles.PERCENT),
            "probability": (assumptions.probability, styles.PERCENT),
            "liquidity": (assumptions.liquidity, styles.PERCENT),
            "salary_pv": (f"SUMPRODUCT({salary}*{discount})", styles.MONEY),
            # a year's bonus is paid at its end, month 12y, discounted by (1 + rate)^-y
            "bonus_pv": (f"{bonus_rate}*SUMPRODUCT({salary}*(1+{rate})^(-{years}))", styles.MONEY),
            "signon_pv": (f"SUMPRODUCT({flows('signon')},{discount})", styles.MONEY),
            "equity_pv": (equity_value(layout, i, here("growth"), here("liquidity"), True), styles.MONEY),
            "pv": (f"{here('salary_pv')}+{here('bonus_pv')}+{here('signon_pv')}+{here('equity_pv')}", styles.MONEY),
            "salary": (f"SUM({flows('base')})+{here('probability')}*SUM({flows('bump_if_met')})", styles.MONEY),
            "bonus": (f"{bonus_rate}*{here('salary')}", styles.MONEY),
            "signon": (f"SUM({flows('signon')})", styles.MONEY),
            "equity": (equity_value(layout, i, here("growth"), here("liquidity"), False), styles.MONEY),
            "total": (f"{here('salary')}+{here('bonus')}+{here('signon')}+{here('equity')}", styles.MONEY),
        }
        cells.formula(ws, row, LABEL_COL,
                      f'={inputs.offer("name", i)}&" | "&{inputs.scenario("scenario.name", j)}')
        for name, (expression, number_format) in formulas.items():
            cells.formula(ws, row, scenario_col(name), "=" + expression, number_format)


# --- sensitivity to stock growth and the break-even growth ------------------------------------

def growth_cell(layout: Layout, step: int) -> str:
    return cell(layout.sensitivity_first + step, LABEL_COL)


def write_sensitivity(ws, layout: Layout) -> None:
    first = layout.sensitivity_first
    cells.label(ws, first - 1, LABEL_COL, "Present value if every offer's stock grows at", styles.HEADER)
    for i in range(layout.offers):
        cells.formula(ws, first - 1, layout.offer_col(i), f"={layout.inputs.offer('name', i)}", style=styles.HEADER)
        pv_col = layout.bisection.column(i, "pv")
        for step in range(SENSITIVITY_STEPS):
            cells.formula(ws, first + step, layout.offer_col(i), f"={col(pv_col)}{layout.bisection.sensitivity(step)}",
                          styles.MONEY)
    for step, growth in enumerate(SENSITIVITY_GROWTHS):
        cells.value(ws, first + step, LABEL_COL, growth, styles.PERCENT)

    cells.label(ws, layout.break_even_row, LABEL_COL, "Break-even growth of the target", styles.CHECK)
    row = layout.bisection.result_by_offer
    per_offer = area(row, layout.offer_col(0), row, layout.offer_col(layout.offers - 1))
    alternative = cell(_deal_row("alternative"), PARAM_COL, NEGOTIATION)
    cells.formula(ws, layout.break_even_row, PARAM_COL, (
        f'=IF({alternative}="","",INDEX({per_offer},{_target_index()}))'),
        styles.PERCENT, styles.CHECK)
    cells.label(ws, layout.break_even_row + 1, LABEL_COL,
                "the target's growth at which its present value meets the best alternative's "
                "(blank: no tie within the growths above)", styles.NOTE)


def _target_index() -> str:
    from .negotiation_sheet import ROWS
    return ROWS.target_index()


def _deal_row(key: str) -> int:
    from .negotiation_sheet import ROWS
    return ROWS.deal(key)


def write_bisection(ws, layout: Layout) -> None:
    """Present value by growth for every offer: the bisection towards the break-even growth (the
    target's column counts) and the rows behind the sensitivity table."""
    lay = layout.bisection
    first, months = lay.first_row, layout.months
    cells.label(ws, first - 3, LABEL_COL, "Present value at a given growth, and the break-even search", styles.HEADER)
    cells.label(ws, first - 2, LABEL_COL, "Goal: the best alternative's present value", styles.FORMULA)
    goal = cell(first - 2, PARAM_COL)
    cells.formula(ws, first - 2, PARAM_COL, f"=N({cell(_deal_row('alternative_pv'), PARAM_COL, NEGOTIATION)})",
                  styles.MONEY)
    growths = area(layout.sensitivity_first, LABEL_COL, layout.sensitivity_first + SENSITIVITY_STEPS - 1, LABEL_COL)
    for step in range(BISECTION_STEPS + 1):
        cells.label(ws, lay.step(step), LABEL_COL, f"Bisection step {step}")
    cells.label(ws, lay.low_bound, LABEL_COL, "At the lowest growth")
    cells.label(ws, lay.high_bound, LABEL_COL, "At the highest growth")
    for step in range(SENSITIVITY_STEPS):
        cells.label(ws, lay.sensitivity(step), LABEL_COL, "At the sensitivity growth")
    cells.label(ws, lay.result, LABEL_COL, "Break-even growth with this offer as the target")
    cells.label(ws, lay.result_by_offer, LABEL_COL, "The same, by offer")

    for i in range(layout.offers):
        ref = lambda key: layout.inputs.offer(key, i)
        c = lambda what: lay.column(i, what)
        at = lambda what, row: f"{col(c(what))}{row}"
        cells.formula(ws, first - 3, lay.group_col(i), f"={ref('name')}", style=styles.HEADER)
        for what, heading in (("low", "Low"), ("high", "High"), ("middle", "Growth"), ("pv", "PV at growth")):
            cells.label(ws, first - 1, c(what), heading, styles.NOTE)
        cells.label(ws, first - 2, c("middle"), "PV without equity", styles.NOTE)
        cells.formula(ws, first - 2, c("pv"), (
            f"={cell(layout.results.row['pv'], layout.offer_col(i), CASHFLOWS)}"
            f"-SUMPRODUCT({timeline(layout.cashflows[i].row('equity'), months, CASHFLOWS)},"
            f"{timeline(AXIS_DISCOUNT, months, CASHFLOWS)})"), styles.MONEY)
        other_pay = cell(first - 2, c("pv"))
        liquidity = own_assumptions(layout, i).liquidity

        for step in range(BISECTION_STEPS + 1):
            row = lay.step(step)
            if step == 0:
                cells.formula(ws, row, c("low"), f"=MIN({growths})", styles.FACTOR)
                cells.formula(ws, row, c("high"), f"=MAX({growths})", styles.FACTOR)
            else:
                below = f"{at('pv', row - 1)}<{goal}"
                cells.formula(ws, row, c("low"), f"=IF({below},{at('middle', row - 1)},{at('low', row - 1)})", styles.FACTOR)
                cells.formula(ws, row, c("high"), f"=IF({below},{at('high', row - 1)},{at('middle', row - 1)})", styles.FACTOR)
            cells.formula(ws, row, c("middle"), f"=({at('low', row)}+{at('high', row)})/2", styles.FACTOR)
        cells.formula(ws, lay.low_bound, c("middle"), f"=MIN({growths})", styles.FACTOR)
        cells.formula(ws, lay.high_bound, c("middle"), f"=MAX({growths})", styles.FACTOR)
        for step in range(SENSITIVITY_STEPS):
            cells.formula(ws, lay.sensitivity(step), c("middle"), f"={growth_cell(layout, step)}", styles.FACTOR)
        valued = ([lay.step(step) for step in range(BISECTION_STEPS)] + [lay.low_bound, lay.high_bound]
                  + [lay.sensitivity(step) for step in range(SENSITIVITY_STEPS)])
        for row in valued:
            cells.formula(ws, row, c("pv"), f"={other_pay}+{equity_value(layout, i, at('middle', row), liquidity, True)}",
                          styles.MONEY)
        cells.formula(ws, lay.result, c("middle"), (
            f'=IF(AND({ref("equity.type")}<>"none",{at("pv", lay.low_bound)}<={goal},'
            f'{goal}<={at("pv", lay.high_bound)}),{at("middle", lay.step(BISECTION_STEPS))},"")'), styles.PERCENT)
        cells.formula(ws, lay.result_by_offer, layout.offer_col(i), f"={at('middle', lay.result)}", styles.PERCENT)


def table_area(layout: Layout, which: str) -> str:
    first = layout.scenario_pv_first if which == "pv" else layout.scenario_total_first
    return area(first, layout.offer_col(0), first + layout.scenarios - 1, layout.offer_col(layout.offers - 1), SCENARIOS)


def names_area(layout: Layout) -> str:
    first = layout.scenario_pv_first
    return area(first, LABEL_COL, first + layout.scenarios - 1, LABEL_COL, SCENARIOS)


def leader_ref(layout: Layout, scenario: int) -> str:
    """The name of the offer with the highest present value in a scenario."""
    return cell(layout.scenario_pv_first + scenario, layout.offer_col(layout.offers), SCENARIOS)


def sensitivity_area(layout: Layout, which: str) -> str:
    first, last = layout.sensitivity_first, layout.sensitivity_first + SENSITIVITY_STEPS - 1
    if which == "growth":
        return area(first, LABEL_COL, last, LABEL_COL, SCENARIOS)
    return area(first, layout.offer_col(0), last, layout.offer_col(layout.offers - 1), SCENARIOS)
