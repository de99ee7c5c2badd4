"""Scenarios: every offer valued under each scenario's overrides (growth, milestone,
liquidity), present value by stock growth, and the target's break-even growth.

Each value at other assumptions takes one row: salary and bonus are linear in the milestone
probability (base plus probability times the bump if met, from the Cashflows blocks), the
sign-on does not change, and equity is valued in one cell (`offer_block.equity_value`)."""
from __future__ import annotations

from .. import engine
from ..engine import BISECTION_STEPS, SENSITIVITY_GROWTHS
from . import styles
from .cells import Sheet
from .figures import Figures
from .layout import (AXIS_DISCOUNT, AXIS_YEAR, CASHFLOWS, LABEL_COL, PARAM_COL, SCENARIO_COLUMNS,
                     SCENARIOS, SENSITIVITY_STEPS, TARGET_PARAMETERS, VESTING, Layout, grant_col)
from .offer_block import Assumptions, EquityTerms, equity_value, offer_equity_terms, own_assumptions
from .refs import area, cell, col, column_of_months, month_col, timeline
from ..texts.pieces import lit, ref

SCENARIO_HEADINGS = {
    "growth": "Growth", "probability": "Milestone", "liquidity": "Liquidity", "salary_pv": "Salary PV",
    "bonus_pv": "Bonus PV", "signon_pv": "Sign-on PV", "equity_pv": "Equity PV", "pv": "Present value",
    "salary": "Salary", "bonus": "Bonus", "signon": "Sign-on", "equity": "Equity", "total": "Total",
}
TARGET_LABELS = {
    "type": ("Equity type", None), "other_pay": ("Present value without equity", styles.MONEY),
    "price": ("Share price today", styles.MONEY_CENTS), "strike": ("Strike used", styles.MONEY_CENTS),
    "dilution": ("Dilution a year", styles.PERCENT), "liquidity": ("Liquidity probability", styles.PERCENT),
    "growth": ("Modelled stock growth", styles.PERCENT), "initial_shares": ("Initial grant (shares)", styles.SHARES),
    "refresh_per_price": ("Refresher $ / today's price", styles.SHARES),
}


def scenario_assumptions(layout: Layout, scenario: int, offer: int) -> Assumptions:
    own = own_assumptions(layout, offer)
    ref_ = lambda key: layout.inputs.scenario(key, scenario)
    return Assumptions(
        growth=f'IF(ISNUMBER({ref_("scenario.growth")}),{ref_("scenario.growth")},{own.growth}+N({ref_("scenario.growth_shift")}))',
        probability=f'IF(ISLOGICAL({ref_("scenario.milestone")}),IF({ref_("scenario.milestone")},1,0),{own.probability})',
        liquidity=f'IF(ISNUMBER({ref_("scenario.liquidity")}),{ref_("scenario.liquidity")},{own.liquidity})',
    )


def scenario_col(name: str) -> int:
    return PARAM_COL + SCENARIO_COLUMNS.index(name)


def leader(names: list[str], values: list[float]) -> str:
    return names[values.index(max(values))]


def write(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    sheet.title("Scenarios", "Each scenario overrides growth, the fallback milestone or liquidity for every offer. "
                "Tables first, the calculations below.")
    sheet.axis(layout.months, layout.inputs.model("model.start_date"), layout.inputs.model("model.discount_rate"),
               figures.axis)
    offers_file = figures.offers_file
    names = [o.name for o in offers_file.offers]
    table = {(j, i): figures.scenario(i, j) for j in range(layout.scenarios) for i in range(layout.offers)}
    for first, heading, source in ((layout.scenario_pv_first, "Present value by scenario", "pv"),
                                   (layout.scenario_total_first, "Total compensation (nominal) by scenario", "total")):
        sheet.label(first - 1, LABEL_COL, heading, styles.HEADER)
        for i in range(layout.offers):
            sheet.formula(first - 1, layout.offer_col(i), f"={layout.inputs.offer('name', i)}", names[i],
                          style=styles.HEADER)
        leader_col = layout.offer_col(layout.offers)
        sheet.label(first - 1, leader_col, "Leader", styles.HEADER)
        header_names = area(first - 1, layout.offer_col(0), first - 1, layout.offer_col(layout.offers - 1))
        for j, scenario in enumerate(offers_file.scenarios):
            sheet.formula(first + j, LABEL_COL, f"={layout.inputs.scenario('scenario.name', j)}", scenario.name)
            values = [getattr(table[(j, i)], source) for i in range(layout.offers)]
            for i in range(layout.offers):
                sheet.formula(first + j, layout.offer_col(i),
                              f"={col(scenario_col(source))}{layout.scenario_rows[(j, i)]}", values[i], styles.MONEY)
            row_values = area(first + j, layout.offer_col(0), first + j, layout.offer_col(layout.offers - 1))
            sheet.formula(first + j, leader_col, f"=INDEX({header_names},MATCH(MAX({row_values}),{row_values},0))",
                          leader(names, values))
    write_sensitivity(sheet, figures, layout)
    write_scenario_values(sheet, figures, layout, table)
    write_break_even(sheet, figures, layout)
    sheet.widths(label_width=46, param_width=14, months=layout.months)
    sheet.freeze(8, month_col(1))


def write_scenario_values(sheet: Sheet, figures: Figures, layout: Layout, table) -> None:
    """One row per scenario and offer: the assumptions, then each component, discounted and nominal."""
    months = layout.months
    header = min(layout.scenario_rows.values()) - 1
    sheet.label(header, LABEL_COL, "Offer | scenario", styles.HEADER)
    for name, heading in SCENARIO_HEADINGS.items():
        sheet.label(header, scenario_col(name), heading, styles.HEADER)
    discount = timeline(AXIS_DISCOUNT, months, CASHFLOWS)
    years = timeline(AXIS_YEAR, months, CASHFLOWS)
    inputs = layout.inputs
    rate = inputs.model_number("model.discount_rate")
    offers_file = figures.offers_file
    for (j, i), row in layout.scenario_rows.items():
        block = layout.cashflows[i]
        flows = lambda name: timeline(block.row(name), months, CASHFLOWS)
        here = lambda name: f"{col(scenario_col(name))}{row}"
        assumptions = scenario_assumptions(layout, j, i)
        salary = f"({flows('base')}+{here('probability')}*{flows('bump_if_met')})"
        bonus_rate = f"N({inputs.offer('bonus_target', i)})*{inputs.offer_number('bonus_payout', i)}"
        terms = offer_equity_terms(layout, i)
        formulas = {
            "growth": (assumptions.growth, styles.PERCENT),
            "probability": (assumptions.probability, styles.PERCENT),
            "liquidity": (assumptions.liquidity, styles.PERCENT),
            "salary_pv": (f"SUMPRODUCT({salary}*{discount})", styles.MONEY),
            # a year's bonus is paid at its end, month 12y, discounted by (1 + rate)^-y
            "bonus_pv": (f"{bonus_rate}*SUMPRODUCT({salary}*(1+{rate})^(-{years}))", styles.MONEY),
            "signon_pv": (f"SUMPRODUCT({flows('signon')},{discount})", styles.MONEY),
            "equity_pv": (equity_value(layout, terms, here("growth"), here("liquidity"), True), styles.MONEY),
            "pv": (f"{here('salary_pv')}+{here('bonus_pv')}+{here('signon_pv')}+{here('equity_pv')}", styles.MONEY),
            "salary": (f"SUM({flows('base')})+{here('probability')}*SUM({flows('bump_if_met')})", styles.MONEY),
            "bonus": (f"{bonus_rate}*{here('salary')}", styles.MONEY),
            "signon": (f"SUM({flows('signon')})", styles.MONEY),
            "equity": (equity_value(layout, terms, here("growth"), here("liquidity"), False), styles.MONEY),
            "total": (f"{here('salary')}+{here('bonus')}+{here('signon')}+{here('equity')}", styles.MONEY),
        }
        label = (ref(inputs.offer("name", i), offers_file.offers[i].name) + lit(" | ")
                 + ref(inputs.scenario("scenario.name", j), offers_file.scenarios[j].name))
        sheet.formula(row, LABEL_COL, label.formula, label.v)
        stored = table[(j, i)]
        for name, (expression, number_format) in formulas.items():
            sheet.formula(row, scenario_col(name), "=" + expression, getattr(stored, name), number_format)


# --- sensitivity to stock growth and the break-even growth ------------------------------------

def growth_cell(layout: Layout, step: int) -> str:
    return cell(layout.sensitivity_first + step, LABEL_COL)


def write_sensitivity(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    first = layout.sensitivity_first
    months = layout.months
    names = [o.name for o in figures.offers_file.offers]
    sheet.label(first - 1, LABEL_COL, "Present value if every offer's stock grows at", styles.HEADER)
    for step, growth in enumerate(SENSITIVITY_GROWTHS):
        sheet.value(first + step, LABEL_COL, growth, styles.PERCENT, styles.CONSTANT)
    other_pay = layout.other_pay_row
    sheet.label(other_pay, LABEL_COL, "Present value without equity", styles.NOTE)
    for i in range(layout.offers):
        c = layout.offer_col(i)
        sheet.formula(first - 1, c, f"={layout.inputs.offer('name', i)}", names[i], style=styles.HEADER)
        sheet.formula(other_pay, c, (
            f"={cell(layout.results.row['pv'], c, CASHFLOWS)}"
            f"-SUMPRODUCT({timeline(layout.cashflows[i].row('equity'), months, CASHFLOWS)},"
            f"{timeline(AXIS_DISCOUNT, months, CASHFLOWS)})"), figures.other_pay(i), styles.MONEY)
        terms = offer_equity_terms(layout, i)
        liquidity = own_assumptions(layout, i).liquidity
        for step, growth in enumerate(SENSITIVITY_GROWTHS):
            value = figures.valuation.sensitivity[names[i]][growth]
            sheet.formula(first + step, c, (
                f"={cell(other_pay, c)}+{equity_value(layout, terms, growth_cell(layout, step), liquidity, True)}"),
                value, styles.MONEY)


def _target_index() -> str:
    from .negotiation_sheet import ROWS
    return ROWS.target_index()


def _deal_ref(key: str) -> str:
    from .negotiation_sheet import ROWS
    return ROWS.ref(key)


def target_parameters(figures: Figures) -> dict[str, object]:
    index = figures.target_index
    offer = figures.offers_file.target
    grant = figures.grants[index]
    equity = offer.equity
    return {"type": equity.type if equity else "none", "other_pay": figures.other_pay(index),
            "price": equity.price if equity else 0.0, "strike": grant.strike,
            "dilution": equity.dilution if equity else 0.0,
            "liquidity": equity.liquidity_probability if equity else 1.0,
            "growth": equity.growth if equity else 0.0, "initial_shares": grant.initial_shares,
            "refresh_per_price": grant.refresh_per_price}


def write_break_even(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    """The target's break-even growth: its parameters and schedule rows picked by its position,
    then the bisection written out as rows of formulas (the engine runs the same search)."""
    lay = layout.bisection
    months = layout.months
    inputs = layout.inputs
    n = layout.offers
    position = _target_index()
    by_offer = inputs.offer_area
    grants = lambda what: area(layout.vesting.row("grants", 0), grant_col(what), layout.vesting.row("grants", n - 1),
                               grant_col(what), VESTING)
    other_pay = area(layout.other_pay_row, layout.offer_col(0), layout.other_pay_row, layout.offer_col(n - 1))
    liquidity = f"INDEX({by_offer('equity.liquidity_probability')},{position})"
    formulas = {
        "type": f"=INDEX({by_offer('equity.type')},{position})",
        "other_pay": f"=INDEX({other_pay},{position})",
        "price": f"=N(INDEX({by_offer('equity.price')},{position}))",
        "strike": f"=INDEX({grants('strike')},{position})",
        "dilution": f"=N(INDEX({by_offer('equity.dilution')},{position}))",
        "liquidity": f'=IF({liquidity}="",1,N({liquidity}))',
        "growth": f"=N(INDEX({by_offer('equity.growth')},{position}))",
        "initial_shares": f"=INDEX({grants('initial_shares')},{position})",
        "refresh_per_price": f"=INDEX({grants('refresh_per_price')},{position})",
    }
    sheet.label(lay.parameters_first - 2, LABEL_COL, "The target's break-even growth: its present value against the "
                "best alternative's, as its stock growth varies", styles.HEADER)
    stored = target_parameters(figures)
    for name in TARGET_PARAMETERS:
        label, number_format = TARGET_LABELS[name]
        sheet.label(lay.parameter(name), LABEL_COL, label)
        sheet.formula(lay.parameter(name), PARAM_COL, formulas[name], stored[name], number_format)
    p = lambda name: cell(lay.parameter(name), PARAM_COL)

    index = figures.target_index
    grant = figures.grants[index]
    for row, section, values, label in ((lay.fraction_row, "fraction", grant.fraction, "Fraction vesting (initial grant)"),
                                        (lay.refresh_row, "refresh_pv", grant.refresh_pv, "Refresher factor, discounted"),
                                        (lay.weight_row, "weight_pv", grant.weight_pv, "Dilution and discount factor")):
        sheet.label(row, LABEL_COL, label)
        first, last = layout.vesting.rows(section, n)
        sheet.timeline_row(row, months, lambda c: f"=INDEX({column_of_months(first, last, c, VESTING)},{position})",
                           values, styles.FACTOR)
    terms = EquityTerms(kind=p("type"), price=p("price"), strike=p("strike"), dilution=p("dilution"),
                        initial_shares=p("initial_shares"), refresh_per_price=p("refresh_per_price"),
                        fraction_sheet=SCENARIOS, fraction_row=lay.fraction_row,
                        refresh_pv_row=(SCENARIOS, lay.refresh_row), refresh_nominal_row=(SCENARIOS, lay.refresh_row),
                        weight_pv_row=(SCENARIOS, lay.weight_row), weight_nominal_row=(SCENARIOS, lay.weight_row))

    first = lay.first_row
    goal_row = first - 2
    sheet.label(goal_row, LABEL_COL, "Goal: the best alternative's present value")
    goal_value = _goal(figures)
    sheet.formula(goal_row, PARAM_COL, f"=N({_deal_ref('alternative_pv')})", goal_value, styles.MONEY)
    goal = cell(goal_row, PARAM_COL)
    for what, heading in (("low", "Low"), ("high", "High"), ("middle", "Growth"), ("pv", "PV at growth")):
        sheet.label(first - 1, lay.column(what), heading, styles.NOTE)
    growths = area(layout.sensitivity_first, LABEL_COL, layout.sensitivity_first + SENSITIVITY_STEPS - 1, LABEL_COL)
    at = lambda what, row: f"{col(lay.column(what))}{row}"
    c = lay.column
    pv_formula = lambda row: f"={p('other_pay')}+{equity_value(layout, terms, at('middle', row), p('liquidity'), True)}"

    target = figures.offers_file.target
    pv_at = lambda growth: engine.pv_at_growth(target, figures.settings, growth)
    low, high = min(SENSITIVITY_GROWTHS), max(SENSITIVITY_GROWTHS)
    pv = None
    for step in range(BISECTION_STEPS + 1):
        row = lay.step(step)
        sheet.label(row, LABEL_COL, f"Bisection step {step}")
        if step == 0:
            sheet.formula(row, c("low"), f"=MIN({growths})", low, styles.FACTOR)
            sheet.formula(row, c("high"), f"=MAX({growths})", high, styles.FACTOR)
        else:
            if pv < goal_value:
                low = middle
            else:
                high = middle
            below = f"{at('pv', row - 1)}<{goal}"
            sheet.formula(row, c("low"), f"=IF({below},{at('middle', row - 1)},{at('low', row - 1)})", low, styles.FACTOR)
            sheet.formula(row, c("high"), f"=IF({below},{at('high', row - 1)},{at('middle', row - 1)})", high,
                          styles.FACTOR)
        middle = (low + high) / 2
        sheet.formula(row, c("middle"), f"=({at('low', row)}+{at('high', row)})/2", middle, styles.FACTOR)
        if step < BISECTION_STEPS:
            pv = pv_at(middle)
            sheet.formula(row, c("pv"), pv_formula(row), pv, styles.MONEY)
    bounds = {}
    for row, label, aggregate, growth in ((lay.low_bound, "At the lowest growth", "MIN", min(SENSITIVITY_GROWTHS)),
                                          (lay.high_bound, "At the highest growth", "MAX", max(SENSITIVITY_GROWTHS))):
        sheet.label(row, LABEL_COL, label)
        sheet.formula(row, c("middle"), f"={aggregate}({growths})", growth, styles.FACTOR)
        bounds[aggregate] = pv_at(growth)
        sheet.formula(row, c("pv"), pv_formula(row), bounds[aggregate], styles.MONEY)
    sheet.label(lay.result, LABEL_COL, "Break-even growth of the target")
    found = target.equity is not None and bounds["MIN"] <= goal_value <= bounds["MAX"]
    sheet.formula(lay.result, c("middle"), (
        f'=IF(AND({p("type")}<>"none",{at("pv", lay.low_bound)}<={goal},'
        f'{goal}<={at("pv", lay.high_bound)}),{at("middle", lay.step(BISECTION_STEPS))},"")'),
        middle if found else None, styles.PERCENT)

    sheet.label(layout.break_even_row, LABEL_COL, "Break-even growth of the target", styles.CHECK)
    alternative = _deal_ref("alternative")
    has_alternative = figures.valuation.negotiation.alternative is not None
    sheet.formula(layout.break_even_row, PARAM_COL, f'=IF({alternative}="","",{at("middle", lay.result)})',
                  middle if (found and has_alternative) else None, styles.PERCENT, styles.CHECK)
    sheet.label(layout.break_even_row + 1, LABEL_COL,
                "the target's growth at which its present value meets the best alternative's "
                "(blank: no tie within the growths above)", styles.NOTE)


def _goal(figures: Figures) -> float:
    deal = figures.valuation.negotiation
    return figures.values[deal.alternative].pv if deal.alternative else 0.0


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
