"""Where the calculation sheets' rows sit: Vesting, Cashflows, Scenarios and Draws, planned
from the offers file before any sheet is written, so every sheet can point at every other one.

Every timeline row has one formula across its months, from column D (refs.FIRST_MONTH_COL)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..engine.scenarios import BISECTION_STEPS, SENSITIVITY_GROWTHS
from ..inputs.schedule_file import FRACTION_TOLERANCE
from .refs import area, cell

FIRST_BODY_ROW = 9
MONEY_TOLERANCE = 0.01  # dollars: the reconciliations of the Checks sheet
MONEY_TOLERANCE_ROW = 3  # where Checks holds it, in column B
TOLERANCE = FRACTION_TOLERANCE  # how far a sum may stray: dollars, or a fraction of a grant
TOLERANCE_ROW = 4  # where Checks holds it, in column B

# --- Vesting -----------------------------------------------------------------------------------

GRANT_COLUMNS = ("initial_shares", "refresh_per_price", "refresh_value", "price", "strike", "preference_per_share",
                 "common_factor", "first_ramp_at", "first_ramp_slope", "second_ramp_at", "second_ramp_slope",
                 "yearly_weight", "closed_form", "vested_in_horizon")
MONTH_SECTIONS = ("fraction", "weight_pv", "weight_nominal", "coefficients")


@dataclass(frozen=True)
class VestingLayout:
    """The grants table (one row per offer, a parameter a column), then sections of one row per
    offer by month (the initial grant's fraction, the dilution and discount factors, the
    closed-form coefficients), the refreshers' fractions (a row per anniversary and offer) and the
    fraction vested by the horizon less each anniversary (a cell per anniversary)."""
    offers: int
    years: int

    @property
    def grants_first(self) -> int:
        return FIRST_BODY_ROW + 1

    def grant(self, index: int) -> int:
        return self.grants_first + index

    def section_first(self, section: str) -> int:
        return self.grants_first + self.offers + 2 + MONTH_SECTIONS.index(section) * (self.offers + 2)

    def row(self, section: str, index: int) -> int:
        return self.section_first(section) + index

    def rows(self, section: str, offers: int) -> tuple[int, int]:
        return self.section_first(section), self.section_first(section) + offers - 1

    @property
    def anniversaries(self) -> int:
        """The refreshers that can vest within the horizon: one at each anniversary 1 .. years - 1."""
        return self.years - 1

    @property
    def refreshers_first(self) -> int:
        return self.section_first(MONTH_SECTIONS[-1]) + self.offers + 2

    def refresher(self, index: int, anniversary: int) -> int:
        """The row of the fractions offer `index`'s refresher of anniversary k (1..) vests by month."""
        return self.refreshers_first + index * (self.anniversaries + 1) + anniversary - 1

    @property
    def vested_first(self) -> int:
        return self.refreshers_first + self.offers * (self.anniversaries + 1) + 1

    def vested(self, index: int) -> int:
        """The row of offer `index`'s fraction of the initial grant vested by month M - 12k, by k."""
        return self.vested_first + index

    @property
    def last_row(self) -> int:
        return self.vested_first + self.offers


def grant_col(what: str) -> int:
    return 2 + GRANT_COLUMNS.index(what)


# --- Cashflows ---------------------------------------------------------------------------------

BLOCK_ROWS = ("header", "growth", "probability", "liquidity", "price", "common_price", "share_value",
              "refresher_units", "shares", "equity", "equity_held", "base", "bump_if_met", "salary", "bonus",
              "signon", "total", "pv")


@dataclass
class Block:
    """One offer valued month by month under its own assumptions: parameters in column B."""
    first: int

    def row(self, name: str) -> int:
        return self.first + BLOCK_ROWS.index(name)

    @property
    def last(self) -> int:
        return self.first + len(BLOCK_ROWS) - 1


@dataclass
class ResultsLayout:
    header_row: int
    year_rows: list[int]
    row: dict[str, int]


RESULT_KEYS = ("total", "pv", "annualized", "salary", "bonus", "signon", "equity")

# --- Scenarios ---------------------------------------------------------------------------------

SCENARIO_COLUMNS = ("growth", "probability", "liquidity", "salary_pv", "bonus_pv", "signon_pv", "equity_pv", "pv",
                    "salary", "bonus", "signon", "equity", "total", "agrees")
SENSITIVITY_STEPS = len(SENSITIVITY_GROWTHS) + 1  # the fixed growths, then each offer's own
# The equity at one growth, in the cells of one row (growth_formulas.py).
# "sold" sums over the refreshers and both price ramps; "sold_one_ramp", the same sum for an offer with
# neither, in half the work (a draw's row computes one of them, the other is 0)
AT_GROWTH = ("factor", "hold", "shares", "sold", "sold_one_ramp", "closed", "value")
SCENARIO_EQUITY = AT_GROWTH + ("nominal",)  # an offer's equity at a scenario's growth, and its nominal sum at vest
BISECTION_COLUMNS = ("low", "high", "middle") + AT_GROWTH + ("pv",)
TARGET_ROWS = ("fraction", "weight_pv", "weight_nominal", "coefficients", "share_value", "base",
               "vested_before")  # then one row per refresher
# The offers' equity parameters, copied on the sheets that value the equity at many growths.
EQUITY_PARAMETERS = ("kind", "initial_shares", "refresh_per_price", "refresh_value", "price", "first_slope",
                     "first_at", "second_slope", "second_at", "yearly_weight", "closed_form", "holds_from",
                     "vested_in_horizon", "horizon_weight", "liquidity", "cash_pv")


@dataclass(frozen=True)
class ScenariosLayout:
    """The tables a reader wants first (present value and totals by scenario, the present value
    by stock growth, the break-even growth), then the rows behind them: a row per scenario and
    offer, the equity of each at its scenario's growth (a row each), the offers' equity parameters,
    the equity at each growth of the table, the target's rows and its bisection."""
    offers: int
    scenarios: int
    years: int

    @property
    def pv_first(self) -> int:
        return FIRST_BODY_ROW + 1

    @property
    def total_first(self) -> int:
        return self.pv_first + self.scenarios + 2

    @property
    def sensitivity_first(self) -> int:
        return self.total_first + self.scenarios + 2

    @property
    def other_pay_row(self) -> int:
        """Below the table by growth: each offer's present value without equity."""
        return self.sensitivity_first + SENSITIVITY_STEPS

    @property
    def break_even_row(self) -> int:
        return self.other_pay_row + 2

    @property
    def rows_first(self) -> int:
        """The first row of the table by scenario and offer (its header the row above)."""
        return self.break_even_row + 4

    def scenario_row(self, scenario: int, offer: int) -> int:
        return self.rows_first + scenario * self.offers + offer

    @property
    def blocks_first(self) -> int:
        """The first row of the equity by scenario and offer (a heading and its columns' above)."""
        return self.rows_first + self.scenarios * self.offers + 3

    def equity_row(self, scenario: int, offer: int) -> int:
        """The row of an offer's equity at a scenario's growth (in the order of the table above)."""
        return self.blocks_first + scenario * self.offers + offer

    @staticmethod
    def equity_col(what: str) -> int:
        return 2 + SCENARIO_EQUITY.index(what)

    @property
    def parameters_first(self) -> int:
        return self.blocks_first + self.scenarios * self.offers + 2

    @property
    def target_col(self) -> int:
        """The parameter block's column of the target (picked by its position among the offers)."""
        return 2 + self.offers

    @property
    def at_growth_first(self) -> int:
        """The equity at each growth of the sensitivity table: a row per growth, AT_GROWTH by offer."""
        return self.parameters_first + len(EQUITY_PARAMETERS) + 3

    def at_growth_col(self, offer: int, what: str) -> int:
        return 2 + offer * len(AT_GROWTH) + AT_GROWTH.index(what)

    @property
    def target_rows_first(self) -> int:
        return self.at_growth_first + SENSITIVITY_STEPS + 3

    def target_row(self, what: str) -> int:
        return self.target_rows_first + TARGET_ROWS.index(what)

    def target_refresher(self, anniversary: int) -> int:
        return self.target_rows_first + len(TARGET_ROWS) + anniversary - 1

    @property
    def bisection_first(self) -> int:
        return self.target_refresher(self.years) + 4

    def step(self, number: int) -> int:
        return self.bisection_first + number

    def bisection_col(self, what: str) -> int:
        return 2 + BISECTION_COLUMNS.index(what)

    @property
    def low_end(self) -> int:
        return self.step(BISECTION_STEPS + 1)

    @property
    def high_end(self) -> int:
        return self.low_end + 1

    @property
    def result_row(self) -> int:
        return self.high_end + 2

    @property
    def last_row(self) -> int:
        return self.result_row + 2


def plan_cashflows(offers: int, years: int) -> tuple[list[Block], ResultsLayout, list[int], dict]:
    """A block per offer, then the results by offer, the cumulative value by month and the
    yearly components (the Summary's charts)."""
    blocks, row = [], FIRST_BODY_ROW
    for _ in range(offers):
        block = Block(row)
        blocks.append(block)
        row = block.last + 2
    results_header = row + 1
    year_rows = [results_header + 1 + y for y in range(years)]
    result_row = {key: year_rows[-1] + 1 + i for i, key in enumerate(RESULT_KEYS)}
    results = ResultsLayout(results_header, year_rows, result_row)
    row = max(result_row.values()) + 3
    cumulative_rows = [row + i for i in range(offers)]
    row += offers + 2
    component_rows = {}
    for i in range(offers):
        for y in range(years):
            component_rows[(i, y)] = row
            row += 1
    return blocks, results, cumulative_rows, component_rows


# --- Draws -------------------------------------------------------------------------------------

DRAW_PARTS = ("factor", "hold", "sold", "sold_one_ramp")  # a draw's cells of the equity at its growth
CHART_LEVELS = tuple(i / 20 for i in range(21))  # the percentiles the Summary's chart plots
SUMMARY_ROWS = ("p10", "p50", "p90", "mean")


@dataclass(frozen=True)
class ParameterBlock:
    """The offers' equity parameters on a sheet that values them at many growths: a row per
    parameter from `first`, a column per offer from `first_col`."""
    first: int
    first_col: int

    def ref(self, what: str, index: int) -> str:
        return cell(self.first + EQUITY_PARAMETERS.index(what), self.first_col + index)

    @property
    def last(self) -> int:
        return self.first + len(EQUITY_PARAMETERS) - 1


@dataclass(frozen=True)
class DrawsLayout:
    offers: int
    draws: int

    @property
    def parameters(self) -> ParameterBlock:
        return ParameterBlock(FIRST_BODY_ROW + 1, 2)

    @property
    def growth_row(self) -> int:
        return self.parameters.last + 1

    @property
    def volatility_row(self) -> int:
        return self.growth_row + 1

    @property
    def check_first(self) -> int:
        """Each offer's equity at its own growth, a row each (AT_GROWTH, then the present values)."""
        return self.volatility_row + 4

    def check_col(self, what: str) -> int:
        return 2 + (AT_GROWTH + ("pv", "cashflows_pv")).index(what)

    @property
    def summary_first(self) -> int:
        return self.check_first + self.offers + 3

    def summary_row(self, what: str) -> int:
        return self.summary_first + SUMMARY_ROWS.index(what)

    @property
    def odds_row(self) -> int:
        return self.summary_first + len(SUMMARY_ROWS) + 1

    @property
    def chart_first(self) -> int:
        return self.odds_row + 4

    @cached_property  # every draw's row counts from it: thousands of calls while a sheet is written
    def draws_header(self) -> int:
        return self.chart_first + len(CHART_LEVELS) + 3

    def draw_row(self, k: int) -> int:
        """Draw k = 1 .. draws."""
        return self.draws_header + k

    def uniform_col(self, offer: int, which: str) -> int:
        return 2 + 2 * offer + (0 if which == "a" else 1)

    def part_col(self, offer: int, what: str) -> int:
        return 2 + 2 * self.offers + len(DRAW_PARTS) * offer + DRAW_PARTS.index(what)

    def pv_col(self, offer: int) -> int:
        return 2 + (2 + len(DRAW_PARTS)) * self.offers + offer

    @property
    def wins_col(self) -> int:
        return self.pv_col(self.offers)

    @property
    def last_row(self) -> int:
        return self.draw_row(self.draws) if self.draws else self.draws_header

    def pv_area(self, offer: int) -> str:
        return area(self.draw_row(1), self.pv_col(offer), self.draw_row(self.draws), self.pv_col(offer))
