"""Checks that the model agrees with itself, each by a second path through it, so that a
calculation overwritten with a number fails the master check:

- each scenario without overrides gives an offer's present value on Cashflows;
- the present value by growth, at the offer's own growth, gives it too, and so does the draws'
  formula at the offer's own growth and liquidity;
- the break-even search converged: the present value at the growth found is the alternative's;
- each ask, added to the target, closes the gap: valued from the Cashflows rows and the package's
  grant values, not from the factor its own formula divides by;
- the milestone probability that ties gives the alternative's present value.

Each check is a formula for an offer's column ("offer") or for the model (the first column)."""
from __future__ import annotations

from dataclasses import dataclass

from ..engine.scenarios import SENSITIVITY_GROWTHS
from .calc_layout import EQUITY_PARAMETERS, SCENARIO_COLUMNS
from .draws_sheet import own_growth_check
from .layout import AXIS_DISCOUNT, AXIS_MONTH, CASHFLOWS, PARAM_COL, SCENARIOS, TIMELINE, Layout
from .negotiation_layout import ROWS, calculation_ref
from .refs import cell, month_col, timeline

RECONCILIATIONS = (
    ("scenarios_agree", "offer", "A scenario without overrides gives the present value on Cashflows",
     "a scenario without overrides must give the offer's present value on Cashflows"),
    ("own_growth_agrees", "offer", "The present value by growth, at the offer's own growth, gives it too",
     "the present value at the offer's own growth (Scenarios) must equal Cashflows'"),
    ("draws_agree", "offer", "The draws' formula at the offer's own growth and liquidity gives it too",
     "the draws' formula at the offer's own growth must give its present value (Draws)"),
    ("break_even_converged", "model", "The break-even search converged on the alternative's present value",
     "the break-even search must end at the alternative's present value (Scenarios)"),
    ("ask_base_closes", "model", "The extra base, added to the target, closes the gap",
     "the extra base must close the gap when added to the target (Negotiation)"),
    ("ask_signon_closes", "model", "The extra sign-on closes the gap", "the extra sign-on must close the gap (Negotiation)"),
    ("ask_equity_closes", "model", "The extra RSU grant closes the gap",
     "the extra RSU grant must close the gap (Negotiation)"),
    ("ask_bump_closes", "model", "The fallback bump asked for closes the gap",
     "the fallback bump asked for must close the gap (Negotiation)"),
    ("package_closes", "model", "The package's bump closes what acceleration leaves of the gap",
     "the package's bump must close what acceleration leaves of the gap (Negotiation)"),
    ("probability_ties", "model", "The milestone probability that ties gives the alternative's present value",
     "the milestone probability that ties must give the alternative's present value (Negotiation)"),
)


@dataclass(frozen=True)
class Terms:
    layout: Layout
    tolerance: str  # a cell: dollars

    def close(self, a: str, b: str) -> str:
        return f"ABS({a}-({b}))<={self.tolerance}"


def formulas(layout: Layout, index: int, tolerance: str) -> dict[str, str]:
    """The checks of offer `index`'s column (model checks only in the first)."""
    terms = Terms(layout, tolerance)
    lay = layout.scenario_sheet
    pv = cell(layout.results.row["pv"], layout.offer_col(index), CASHFLOWS)
    agrees = [cell(lay.scenario_row(j, index), PARAM_COL + SCENARIO_COLUMNS.index("agrees"), SCENARIOS)
              for j in range(layout.scenarios)]
    own = cell(lay.sensitivity_first + len(SENSITIVITY_GROWTHS), layout.offer_col(index), SCENARIOS)
    found = {
        "scenarios_agree": f"=AND({','.join(agrees)})",
        "own_growth_agrees": "=" + terms.close(own, pv),
        "draws_agree": "=" + terms.close(*own_growth_check(layout, index)),
    }
    if index == 0:
        found.update(_model_checks(layout, terms))
    return found


def _model_checks(layout: Layout, terms: Terms) -> dict[str, str]:
    lay = layout.scenario_sheet
    middle = PARAM_COL + 2  # the bisection's "middle" column
    found = cell(lay.result_row, middle, SCENARIOS)
    difference = cell(lay.result_row + 1, middle, SCENARIOS)
    deal = lambda key: ROWS.ref(key)
    package = lambda key: ROWS.package_ref(key)
    calc = calculation_ref
    months = layout.months
    discount = timeline(AXIS_DISCOUNT, months, TIMELINE)
    base = timeline(lay.target_row("base"), months, SCENARIOS)
    after = timeline(AXIS_MONTH, months, TIMELINE) + f">{package('after_months')}"
    base_pv = f"SUMPRODUCT({base},{discount})"  # the target's base salary, valued from Cashflows
    bump_pv = f"{package('probability')}*SUMPRODUCT({base}*({after}),{discount})"
    base_input = f"INDEX({_inputs_row(layout, 'base')},1,{ROWS.target_index()})"
    parameter = lambda what: cell(lay.parameters_first + EQUITY_PARAMETERS.index(what), lay.target_col, SCENARIOS)
    price, shares = parameter("price"), parameter("initial_shares")
    gap, left = deal("gap"), package("gap_after_acceleration")
    ask_base, ask_bump, ask_package, ask_equity = (deal("ask_base"), package("ask_bump"), package("package_bump"),
                                                   deal("ask_equity"))
    equity_pv = f"{ask_equity}/{price}*{calc('own_grant_pv')}/{shares}"
    with_gap = lambda check: f"=IF({gap}=0,TRUE,{check})"
    asks = {
        "ask_base_closes": with_gap(f"IF({base_input}=0,TRUE,{terms.close(f'{ask_base}/{base_input}*{base_pv}', gap)})"),
        "ask_signon_closes": with_gap(terms.close(f"{deal('ask_signon')}*{cell(AXIS_DISCOUNT, month_col(1), TIMELINE)}",
                                                  gap)),
        "ask_equity_closes": with_gap(f"IF(OR(NOT(ISNUMBER({ask_equity})),{shares}=0),TRUE,"
                                      f"{terms.close(equity_pv, gap)})"),
        "ask_bump_closes": with_gap(f"IF(ISNUMBER({ask_bump}),{terms.close(f'{ask_bump}*{bump_pv}', gap)},TRUE)"),
        "package_closes": with_gap(f"IF(ISNUMBER({ask_package}),{terms.close(f'{ask_package}*{bump_pv}', left)},TRUE)"),
    }
    probability = package("probability_to_close")
    tie = f"{calc('pv_without_fallback')}+{probability}*{calc('fallback_slope')}"
    return {
        "break_even_converged": f'=IF({found}="",TRUE,ABS({difference})<={terms.tolerance})',
        **asks,
        "probability_ties": (f'=IF(NOT(ISNUMBER({probability})),TRUE,IF({probability}=0,'
                             f'{deal("alternative_pv")}<={calc("pv_without_fallback")}+{terms.tolerance},'
                             f'{terms.close(tie, deal("alternative_pv"))}))'),
    }


def _inputs_row(layout: Layout, key: str) -> str:
    return layout.inputs.offer_area(key)
