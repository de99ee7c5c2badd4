"""Scenarios: every offer valued under each scenario's overrides (growth, milestone,
liquidity), the present value by stock growth, and the target's break-even growth.

Salary and bonus are linear in the milestone probability (base plus probability times the bump
if met, from the Cashflows blocks) and the sign-on does not change. The equity under a scenario,
the present value by growth and the break-even search all value the equity at a growth in a
row of cells (growth_formulas.py) over the Vesting rows by month, checked against Cashflows at
each offer's own growth (the Base scenario's row and the table by growth, on the Checks sheet)."""
from __future__ import annotations

from ..engine.scenarios import BISECTION_STEPS, SENSITIVITY_GROWTHS
from ..texts.pieces import lit, ref
from . import styles
from .calc_layout import AT_GROWTH, MONEY_TOLERANCE_ROW, SCENARIO_COLUMNS, SCENARIO_EQUITY, SENSITIVITY_STEPS
from .cells import Sheet
from .figures import Figures
from .growth_formulas import (AT_GROWTH_LABELS, PARAMETER_LABELS, PARAMETERS, GrowthFormulas, ParameterBlock,
                              parameter_values, write_at_growth, write_parameters)
from .layout import (AXIS_DISCOUNT, AXIS_YEAR, CASHFLOWS, CHECKS, LABEL_COL, PARAM_COL, SCENARIOS, TIMELINE,
                     VESTING, Layout)
from .negotiation_layout import ROWS
from .offer_block import Assumptions, own_assumptions
from .printing import print_timeline
from .refs import area, as_number, cell, col, column_of_months, month_col, timeline

SCENARIO_HEADINGS = {
    "growth": "Growth", "probability": "Milestone", "liquidity": "Liquidity", "salary_pv": "Salary PV",
    "bonus_pv": "Bonus PV", "signon_pv": "Sign-on PV", "equity_pv": "Equity PV", "pv": "Present value",
    "salary": "Salary", "bonus": "Bonus", "signon": "Sign-on", "equity": "Equity", "total": "Total",
    "agrees": "As Cashflows",
}
EQUITY_HEADINGS = {"nominal": "Equity at vest (nominal)"}
TARGET_LABELS = {"fraction": "fraction of the initial grant vesting", "weight_pv": "dilution and discount factor",
                 "weight_nominal": "dilution factor", "coefficients": "closed form's coefficients",
                 "share_value": "value of a share at its own growth (Cashflows)",
                 "base": "base salary (Cashflows)"}
BISECTION_HEADINGS = {"low": "Low", "high": "High", "middle": "Growth", "pv": "PV at growth",
                      **{what: AT_GROWTH_LABELS[what] for what in AT_GROWTH}}


def scenario_assumptions(layout: Layout, scenario: int, offer: int) -> Assumptions:
    own = own_assumptions(layout, offer)
    ref_ = lambda key: layout.inputs.scenario(key, scenario)
    return Assumptions(
        growth=f'IF(ISNUMBER({ref_("scenario.growth")}),{ref_("scenario.growth")},{own.growth}+'
               f'{as_number(ref_("scenario.growth_shift"))})',
        probability=f'IF(ISLOGICAL({ref_("scenario.milestone")}),IF({ref_("scenario.milestone")},1,0),{own.probability})',
        liquidity=f'IF(ISNUMBER({ref_("scenario.liquidity")}),{ref_("scenario.liquidity")},{own.liquidity})',
    )


def scenario_agrees(layout: Layout, scenario: int, offer: int) -> str:
    """TRUE unless the scenario has no override and its present value is not the offer's on
    Cashflows (a reconciliation the Checks sheet gathers)."""
    inputs = layout.inputs
    blank = ",".join(f'{inputs.scenario(key, scenario)}=""' for key in
                     ("scenario.growth", "scenario.growth_shift", "scenario.milestone", "scenario.liquidity"))
    pv = cell(layout.scenario_sheet.pv_first + scenario, layout.offer_col(offer))  # as the table shows it
    cashflows = cell(layout.results.row["pv"], layout.offer_col(offer), CASHFLOWS)
    tolerance = cell(MONEY_TOLERANCE_ROW, PARAM_COL, CHECKS)
    return f"=IF(AND({blank}),ABS({pv}-{cashflows})<={tolerance},TRUE)"


def scenario_col(name: str) -> int:
    return PARAM_COL + SCENARIO_COLUMNS.index(name)


def leader(names: list[str], values: list[float]) -> str:
    return names[values.index(max(values))]


def write(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    lay = layout.scenario_sheet
    sheet.title("Scenarios", "Each scenario overrides growth, the fallback milestone or liquidity for every offer. "
                "Tables first, the calculations below.")
    sheet.axis(layout.months, figures.axis)
    offers_file = figures.offers_file
    names = [o.name for o in offers_file.offers]
    table = {(j, i): figures.scenario(i, j) for j in range(layout.scenarios) for i in range(layout.offers)}
    leader_col = layout.offer_col(layout.offers) + 1  # a column apart from the figures
    for first, heading, source in ((lay.pv_first, "Present value by scenario", "pv"),
                                   (lay.total_first, "Total compensation (nominal) by scenario", "total")):
        sheet.label(first - 1, LABEL_COL, heading, styles.HEADER)
        for i in range(layout.offers):
            sheet.formula(first - 1, layout.offer_col(i), f"={layout.inputs.offer('name', i)}", names[i],
                          style=styles.HEADER)
        sheet.label(first - 1, leader_col, "Leader", styles.HEADER)
        header_names = area(first - 1, layout.offer_col(0), first - 1, layout.offer_col(layout.offers - 1))
        for j, scenario in enumerate(offers_file.scenarios):
            sheet.formula(first + j, LABEL_COL, f"={layout.inputs.scenario('scenario.name', j)}", scenario.name)
            values = [getattr(table[(j, i)], source) for i in range(layout.offers)]
            for i in range(layout.offers):
                sheet.formula(first + j, layout.offer_col(i),
                              f"={col(scenario_col(source))}{lay.scenario_row(j, i)}", values[i], styles.MONEY)
            row_values = area(first + j, layout.offer_col(0), first + j, layout.offer_col(layout.offers - 1))
            sheet.formula(first + j, leader_col,
                          f"=INDEX({header_names},1,MATCH(MAX({row_values}),{row_values},0))", leader(names, values))
    block = ParameterBlock(lay.parameters_first, PARAM_COL)
    write_parameters(sheet, layout, block, figures)
    write_scenario_values(sheet, figures, layout, table, block)
    write_sensitivity(sheet, figures, layout, block)
    write_break_even(sheet, figures, layout, block)
    sheet.widths(label_width=50, param_width=14, months=layout.months)
    sheet.width(leader_col, 18)
    sheet.freeze(AXIS_YEAR + 1, month_col(1))
    print_timeline(sheet, figures.offers_file, lay.last_row, layout.months)


def write_scenario_values(sheet: Sheet, figures: Figures, layout: Layout, table, parameters: ParameterBlock) -> None:
    """One row per scenario and offer: the assumptions, then each component, discounted and
    nominal; below, the equity at the scenario's growth."""
    lay = layout.scenario_sheet
    months = layout.months
    sheet.label(lay.rows_first - 1, LABEL_COL, "Offer | scenario", styles.HEADER)
    for name, heading in SCENARIO_HEADINGS.items():
        sheet.label(lay.rows_first - 1, scenario_col(name), heading, styles.HEADER)
    discount = timeline(AXIS_DISCOUNT, months, TIMELINE)
    years = timeline(AXIS_YEAR, months, TIMELINE)
    inputs = layout.inputs
    rate = inputs.model_number("model.discount_rate")
    offers_file = figures.offers_file
    write_equity_headings(sheet, layout)
    for j in range(layout.scenarios):
        for i in range(layout.offers):
            row = lay.scenario_row(j, i)
            block = layout.cashflows[i]
            flows = lambda name: timeline(block.row(name), months, CASHFLOWS)
            here = lambda name: f"{col(scenario_col(name))}{row}"
            assumptions = scenario_assumptions(layout, j, i)
            salary = f"({flows('base')}+{here('probability')}*{flows('bump_if_met')})"
            bonus_rate = f"{as_number(inputs.offer('bonus_target', i))}*{inputs.offer_number('bonus_payout', i)}"
            equity = lambda what: cell(lay.equity_row(j, i), lay.equity_col(what))
            formulas = {
                "growth": (assumptions.growth, styles.PERCENT),
                "probability": (assumptions.probability, styles.PERCENT),
                "liquidity": (assumptions.liquidity, styles.PERCENT),
                "salary_pv": (f"SUMPRODUCT({salary}*{discount})", styles.MONEY),
                # a year's bonus is paid at its end, month 12y, discounted by (1 + rate)^-y
                "bonus_pv": (f"{bonus_rate}*SUMPRODUCT({salary}*(1+{rate})^(-{years}))", styles.MONEY),
                "signon_pv": (f"SUMPRODUCT({flows('signon')},{discount})", styles.MONEY),
                "equity_pv": (f"{here('liquidity')}*{equity('value')}", styles.MONEY),
                "pv": (f"{here('salary_pv')}+{here('bonus_pv')}+{here('signon_pv')}+{here('equity_pv')}", styles.MONEY),
                "salary": (f"SUM({flows('base')})+{here('probability')}*SUM({flows('bump_if_met')})", styles.MONEY),
                "bonus": (f"{bonus_rate}*{here('salary')}", styles.MONEY),
                "signon": (f"SUM({flows('signon')})", styles.MONEY),
                "equity": (f"{here('liquidity')}*{equity('nominal')}", styles.MONEY),
                "total": (f"{here('salary')}+{here('bonus')}+{here('signon')}+{here('equity')}", styles.MONEY),
            }
            label = (ref(inputs.offer("name", i), offers_file.offers[i].name) + lit(" | ")
                     + ref(inputs.scenario("scenario.name", j), offers_file.scenarios[j].name))
            sheet.formula(row, LABEL_COL, label.formula, label.v)
            stored = table[(j, i)]
            for name, (expression, number_format) in formulas.items():
                sheet.formula(row, scenario_col(name), "=" + expression, getattr(stored, name), number_format)
            sheet.formula(row, scenario_col("agrees"), scenario_agrees(layout, j, i), True, style=styles.CHECK)
            write_equity_at(sheet, figures, layout, parameters, j, i, label)


def write_equity_at(sheet: Sheet, figures: Figures, layout: Layout, parameters: ParameterBlock, j: int, i: int,
                    label) -> None:
    """An offer's equity at scenario j's growth, liquidity 1 (the table's row applies the
    scenario's liquidity): the cells of the present value by growth, and the nominal sum at vest."""
    lay = layout.scenario_sheet
    row = lay.equity_row(j, i)
    sheet.formula(row, LABEL_COL, label.formula, label.v)
    stored = figures.scenario(i, j)
    columns = {what: lay.equity_col(what) for what in AT_GROWTH}
    formulas = GrowthFormulas(layout, parameters, i)
    write_at_growth(sheet, row, columns, formulas, cell(lay.scenario_row(j, i), scenario_col("growth")),
                    stored.equity_at, 1 + stored.growth)
    factor = cell(row, columns["factor"], abs_row=False, abs_col=False)
    sheet.formula(row, lay.equity_col("nominal"), formulas.nominal(factor), stored.nominal_at, styles.MONEY)


def write_equity_headings(sheet: Sheet, layout: Layout) -> None:
    lay = layout.scenario_sheet
    sheet.label(lay.blocks_first - 2, LABEL_COL, "Each offer's equity at each scenario's growth (liquidity 1)",
                styles.HEADER)
    sheet.label(lay.blocks_first - 1, LABEL_COL, "Offer | scenario", styles.HEADER)
    for what in SCENARIO_EQUITY:
        sheet.label(lay.blocks_first - 1, lay.equity_col(what), EQUITY_HEADINGS.get(what) or AT_GROWTH_LABELS[what],
                    styles.HEADER, text_wrap=True)
    sheet.height(lay.blocks_first - 1, 30)


# --- the present value by growth and the break-even growth ---------------------------------------

def sensitivity_growth(layout: Layout, step: int, offer: int) -> str:
    """The growth of a row of the sensitivity table for an offer: a fixed growth, or its own."""
    lay = layout.scenario_sheet
    if step < len(SENSITIVITY_GROWTHS):
        return cell(lay.sensitivity_first + step, LABEL_COL)
    return cell(layout.cashflows[offer].row("growth"), PARAM_COL, CASHFLOWS)


def write_sensitivity(sheet: Sheet, figures: Figures, layout: Layout, block: ParameterBlock) -> None:
    lay = layout.scenario_sheet
    first = lay.sensitivity_first
    names = [o.name for o in figures.offers_file.offers]
    sheet.label(first - 1, LABEL_COL, "Present value if every offer's stock grows at", styles.HEADER)
    for step, growth in enumerate(SENSITIVITY_GROWTHS):
        sheet.value(first + step, LABEL_COL, growth, styles.PERCENT, styles.CONSTANT)
    sheet.label(first + len(SENSITIVITY_GROWTHS), LABEL_COL, "its own growth (equals its present value)")
    sheet.label(lay.other_pay_row, LABEL_COL, "Present value without equity", styles.NOTE)
    sheet.label(lay.at_growth_first - 2, LABEL_COL, "The equity at each growth of the table (liquidity 1)",
                styles.HEADER)
    for i in range(layout.offers):
        sheet.formula(first - 1, layout.offer_col(i), f"={layout.inputs.offer('name', i)}", names[i],
                      style=styles.HEADER)
        sheet.link(lay.other_pay_row, layout.offer_col(i), block.ref("cash_pv", i), figures.cash_pv(i), styles.MONEY)
        columns = {what: lay.at_growth_col(i, what) for what in AT_GROWTH}
        for what, column in columns.items():
            sheet.label(lay.at_growth_first - 1, column, AT_GROWTH_LABELS[what], styles.HEADER, text_wrap=True)
        formulas = GrowthFormulas(layout, block, i)
        for step, growth in enumerate(figures.sensitivity_growths(i)):
            row = lay.at_growth_first + step
            at = figures.at_growth(i, growth)
            write_at_growth(sheet, row, columns, formulas, sensitivity_growth(layout, step, i), at, 1 + growth)
            value = cell(row, columns["value"])
            stored = figures.cash_pv(i) + figures.grants[i].liquidity * at.value
            sheet.formula(first + step, layout.offer_col(i),
                          f"={block.ref('cash_pv', i)}+{block.ref('liquidity', i)}*{value}", stored, styles.MONEY)
    sheet.height(lay.at_growth_first - 1, 30)


def _target_index() -> str:
    return ROWS.target_index()


def _deal_ref(key: str) -> str:
    return ROWS.ref(key)


class TargetRows:
    """The target's rows by month (picked by its position among the offers), standing in for
    GrantCells in the break-even search, on this sheet (so unqualified, for short formulas)."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.lay = layout.scenario_sheet

    def month_row(self, section: str) -> str:
        return timeline(self.lay.target_row(section), self.layout.months)

    def refreshers(self) -> str:
        return area(self.lay.target_refresher(1), month_col(1), self.lay.target_refresher(self.layout.years - 1),
                    month_col(self.layout.months))

    def vested_before(self) -> str:
        row = self.lay.target_row("vested_before")
        return area(row, month_col(1), row, month_col(self.layout.vesting.anniversaries))


def write_target(sheet: Sheet, figures: Figures, layout: Layout, block: ParameterBlock) -> None:
    """The target's parameters (a column of the block) and rows by month, picked by its position."""
    lay, vesting = layout.scenario_sheet, layout.vesting
    months, n = layout.months, layout.offers
    position = _target_index()
    target = figures.target_index
    names = layout.inputs.offer_area("name")
    sheet.formula(block.first - 1, lay.target_col, f"=INDEX({names},1,{position})", figures.offers_file.target.name,
                  style=styles.HEADER)
    values = parameter_values(figures.grants[target], figures.cash_pv(target))
    for what in PARAMETERS:
        row = block.first + PARAMETERS.index(what)
        sheet.formula(row, lay.target_col, f"=INDEX({area(row, PARAM_COL, row, PARAM_COL + n - 1)},1,{position})",
                      values[what], PARAMETER_LABELS[what][1])
    grant = figures.grants[target]
    sheet.label(lay.target_rows_first - 1, LABEL_COL, "The target's rows (by its position among the offers)",
                styles.HEADER)

    def pick(sheet_name: str, rows: list[int]):
        """The target's cell of this month among the offers' rows: INDEX where the rows are
        consecutive, CHOOSE where they are apart (each offer's block)."""
        consecutive = rows == list(range(rows[0], rows[0] + n))
        if consecutive:
            return lambda c: f"=INDEX({column_of_months(rows[0], rows[-1], c, sheet_name)},{position},1)"
        return lambda c: f"=CHOOSE({position},{','.join(f'{sheet_name}!{c}${r}' for r in rows)})"
    for section in ("fraction", "weight_pv", "weight_nominal", "coefficients"):
        row = lay.target_row(section)
        sheet.label(row, LABEL_COL, f"Target: {TARGET_LABELS[section]}")
        sheet.timeline_row(row, months, pick(VESTING, [vesting.row(section, i) for i in range(n)]),
                           getattr(grant, section), styles.FACTOR)
    for what in ("share_value", "base"):
        row = lay.target_row(what)
        sheet.label(row, LABEL_COL, f"Target: {TARGET_LABELS[what]}")
        sheet.timeline_row(row, months, pick(CASHFLOWS, [block.row(what) for block in layout.cashflows]),
                           figures.blocks[target].row(what), styles.MONEY_CENTS)
    row = lay.target_row("vested_before")
    sheet.label(row, LABEL_COL, "Target: initial grant vested by M - 12k")
    for k in range(1, vesting.anniversaries + 1):
        letter = col(month_col(k))
        vested = column_of_months(vesting.vested(0), vesting.vested(n - 1), letter, VESTING)
        sheet.formula(row, month_col(k), f"=INDEX({vested},{position},1)", grant.vested_before[k - 1], styles.FACTOR)
        refresher = lay.target_refresher(k)
        sheet.label(refresher, LABEL_COL, f"Target: refresher {k}'s fraction")
        sheet.timeline_row(refresher, months, pick(VESTING, [vesting.refresher(i, k) for i in range(n)]),
                           grant.refreshers[k - 1], styles.FACTOR, first_month=12 * k + 1)


def write_break_even(sheet: Sheet, figures: Figures, layout: Layout, block: ParameterBlock) -> None:
    """The target's break-even growth: the bisection written out as rows of formulas, the steps
    the engine takes, each valuing the target's equity at its middle growth."""
    lay = layout.scenario_sheet
    n = layout.offers
    write_target(sheet, figures, layout, block)
    formulas = GrowthFormulas(layout, block, n, TargetRows(layout))
    first = lay.bisection_first
    goal_row = first - 2
    sheet.label(goal_row - 1, LABEL_COL, "The target's break-even growth: its present value against the best "
                "alternative's, as its stock growth varies", styles.HEADER)
    search = figures.break_even_search
    sheet.label(goal_row, LABEL_COL, "Goal: the best alternative's present value")
    sheet.formula(goal_row, PARAM_COL, f"=SUM({_deal_ref('alternative_pv')})", search.goal, styles.MONEY)
    goal = cell(goal_row, PARAM_COL)
    for what, heading in BISECTION_HEADINGS.items():
        sheet.label(first - 1, lay.bisection_col(what), heading, styles.NOTE, text_wrap=True)
    sheet.height(first - 1, 30)
    growths = area(lay.sensitivity_first, LABEL_COL, lay.sensitivity_first + len(SENSITIVITY_GROWTHS) - 1, LABEL_COL)
    c = lay.bisection_col
    at = lambda what, row: f"{col(c(what))}{row}"
    for step, found in enumerate(search.steps):
        row = lay.step(step)
        sheet.label(row, LABEL_COL, f"Bisection step {step}" if step < BISECTION_STEPS else "Where the search ends")
        if step == 0:
            sheet.formula(row, c("low"), f"=MIN({growths})", found.low, styles.FACTOR)
            sheet.formula(row, c("high"), f"=MAX({growths})", found.high, styles.FACTOR)
        else:
            below = f"{at('pv', row - 1)}<{goal}"
            sheet.formula(row, c("low"), f"=IF({below},{at('middle', row - 1)},{at('low', row - 1)})", found.low,
                          styles.FACTOR)
            sheet.formula(row, c("high"), f"=IF({below},{at('high', row - 1)},{at('middle', row - 1)})", found.high,
                          styles.FACTOR)
        sheet.formula(row, c("middle"), f"=({at('low', row)}+{at('high', row)})/2", found.middle, styles.FACTOR)
        if step < BISECTION_STEPS:
            _write_valued_growth(sheet, figures, layout, formulas, block, row, found.middle)
    for row, label, aggregate, growth in ((lay.low_end, "At the lowest growth", "MIN", min(SENSITIVITY_GROWTHS)),
                                          (lay.high_end, "At the highest growth", "MAX", max(SENSITIVITY_GROWTHS))):
        sheet.label(row, LABEL_COL, label)
        sheet.formula(row, c("middle"), f"={aggregate}({growths})", growth, styles.FACTOR)
        _write_valued_growth(sheet, figures, layout, formulas, block, row, growth)
    sheet.label(lay.result_row, LABEL_COL, "Break-even growth of the target")
    kind = block.ref("kind", n)
    sheet.formula(lay.result_row, c("middle"), (
        f'=IF(AND({kind}<>"none",{at("pv", lay.low_end)}<={goal},'
        f'{goal}<={at("pv", lay.high_end)}),{at("middle", lay.step(BISECTION_STEPS))},"")'),
        search.growth if figures.offers_file.target.equity else None, styles.PERCENT)
    sheet.label(lay.result_row + 1, LABEL_COL, "its present value there, less the goal (the search converged: "
                "within a cent)")
    sheet.formula(lay.result_row + 1, c("middle"), f"={at('pv', lay.step(BISECTION_STEPS - 1))}-{goal}",
                  search.steps[BISECTION_STEPS - 1].pv - search.goal, styles.MONEY_CENTS)

    sheet.label(lay.break_even_row, LABEL_COL, "Break-even growth of the target", styles.CHECK)
    alternative = _deal_ref("alternative")
    deal = figures.valuation.negotiation
    sheet.formula(lay.break_even_row, PARAM_COL, f'=IF({alternative}="","",{at("middle", lay.result_row)})',
                  figures.valuation.break_even_growth if deal.alternative else None, styles.PERCENT, styles.CHECK)
    sheet.label(lay.break_even_row + 1, LABEL_COL,
                "the target's growth at which its present value meets the best alternative's "
                "(blank: no tie within the growths above)", styles.NOTE)


def _write_valued_growth(sheet: Sheet, figures: Figures, layout: Layout, formulas: GrowthFormulas,
                         block: ParameterBlock, row: int, growth: float) -> None:
    """A row of the search: the target's equity at the row's growth, and its present value."""
    lay, n = layout.scenario_sheet, layout.offers
    target = figures.target_index
    columns = {what: lay.bisection_col(what) for what in AT_GROWTH}
    at = figures.at_growth(target, growth)
    write_at_growth(sheet, row, columns, formulas, cell(row, lay.bisection_col("middle"), abs_row=False,
                                                        abs_col=False), at, 1 + growth)
    pv = figures.cash_pv(target) + figures.grants[target].liquidity * at.value
    value = cell(row, columns["value"], abs_row=False, abs_col=False)
    sheet.formula(row, lay.bisection_col("pv"), f"={block.ref('cash_pv', n)}+{block.ref('liquidity', n)}*{value}", pv,
                  styles.MONEY)


def table_area(layout: Layout, which: str) -> str:
    lay = layout.scenario_sheet
    first = lay.pv_first if which == "pv" else lay.total_first
    return area(first, layout.offer_col(0), first + layout.scenarios - 1, layout.offer_col(layout.offers - 1), SCENARIOS)


def names_area(layout: Layout) -> str:
    first = layout.scenario_sheet.pv_first
    return area(first, LABEL_COL, first + layout.scenarios - 1, LABEL_COL, SCENARIOS)


def leader_ref(layout: Layout, scenario: int) -> str:
    """The name of the offer with the highest present value in a scenario."""
    return cell(layout.scenario_sheet.pv_first + scenario, layout.offer_col(layout.offers) + 1, SCENARIOS)


def sensitivity_area(layout: Layout, which: str) -> str:
    lay = layout.scenario_sheet
    first, last = lay.sensitivity_first, lay.sensitivity_first + len(SENSITIVITY_GROWTHS) - 1
    if which == "growth":
        return area(first, LABEL_COL, last, LABEL_COL, SCENARIOS)
    return area(first, layout.offer_col(0), last, layout.offer_col(layout.offers - 1), SCENARIOS)


def own_growth_area(layout: Layout) -> str:
    """The present value of each offer at its own growth (the sensitivity table's last row)."""
    row = layout.scenario_sheet.sensitivity_first + SENSITIVITY_STEPS - 1
    return area(row, layout.offer_col(0), row, layout.offer_col(layout.offers - 1), SCENARIOS)


