"""Where everything sits: computed once from the offers file, before any sheet is written,
so every sheet can point at every other one."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from ..engine import BISECTION_STEPS, SENSITIVITY_GROWTHS
from ..model import OffersFile
from ..schedules import PRESET_NAMES
from .inputs_layout import INPUTS, InputsLayout, plan_inputs

if TYPE_CHECKING:
    from .tax_layout import TaxLayout

SUMMARY, SCHEDULES, VESTING, CASHFLOWS, SCENARIOS, NEGOTIATION, CHECKS = (
    "Summary", "Schedules", "Vesting", "Cashflows", "Scenarios", "Negotiation", "Checks")
TAX = "Tax"
SHEET_ORDER = (SUMMARY, INPUTS, SCHEDULES, VESTING, CASHFLOWS, SCENARIOS, NEGOTIATION, TAX, CHECKS)

# The time axis on every sheet with a timeline.
AXIS_MONTH, AXIS_YEAR, AXIS_DATE, AXIS_DISCOUNT = 4, 5, 6, 7
FIRST_BODY_ROW = 9
LABEL_COL, PARAM_COL, TOTAL_COL = 1, 2, 3

MAX_MONTHS = 120
ACCELERATED = "accelerated"  # the Schedules table of the schedule the target's grant would vest on if accelerated

BLOCK_ROWS = ("header", "growth", "probability", "liquidity", "price", "refresher_units", "shares", "equity", "base",
              "bump_if_met", "salary", "year_salary", "bonus", "signon", "total", "pv")


@dataclass
class Block:
    """One offer valued under one set of assumptions: parameters in column B, flows by month."""
    first: int

    def row(self, name: str) -> int:
        return self.first + BLOCK_ROWS.index(name)

    @property
    def last(self) -> int:
        return self.first + len(BLOCK_ROWS) - 1


@dataclass
class SchedulesLayout:
    timeline_row: dict[str, int]  # preset name or "custom:<offer index>" -> row of fractions by month
    table_first_row: int  # first tranche row of every table
    table_col: dict[str, int]  # the same keys -> the month column of its tranche table (fraction beside it)
    table_rows: dict[str, int]  # how many tranche rows each table has


VESTING_SECTIONS = ("grants", "fraction", "refresh_pv", "refresh_nominal", "weight_pv", "weight_nominal")


@dataclass
class VestingLayout:
    """Sections of one row per offer: the grants (shares, refresher shares per dollar of today's
    price, strike), the fraction of the initial grant vesting each month, the two refresher factors
    (discounted and nominal) by month of the schedule, and the dilution factor by month, with and
    without discounting."""
    first: dict[str, int]  # section -> row of its first offer (its heading is the row above)

    def row(self, section: str, index: int) -> int:
        return self.first[section] + index

    def rows(self, section: str, offers: int) -> tuple[int, int]:
        return self.first[section], self.first[section] + offers - 1


GRANT_COLUMNS = ("initial_shares", "refresh_per_price", "strike")


def grant_col(what: str) -> int:
    return PARAM_COL + GRANT_COLUMNS.index(what)


@dataclass
class ResultsLayout:
    header_row: int
    year_rows: list[int]
    row: dict[str, int]


TARGET_PARAMETERS = ("type", "other_pay", "price", "strike", "dilution", "liquidity", "growth", "initial_shares",
                     "refresh_per_price")


@dataclass
class BisectionLayout:
    """The target's break-even growth, searched by bisection in rows of formulas: first the
    target's own parameters and its schedule rows (picked by its position among the offers), then
    a row per step with the low and high growth, their middle and the present value there, and
    the two bounds of the search."""
    parameters_first: int
    fraction_row: int
    refresh_row: int

    @property
    def weight_row(self) -> int:
        """The target's dilution and discount factor by month."""
        return self.refresh_row + 1
    first_row: int  # step 0
    COLUMNS = ("low", "high", "middle", "pv")

    def parameter(self, name: str) -> int:
        return self.parameters_first + TARGET_PARAMETERS.index(name)

    def column(self, what: str) -> int:
        return PARAM_COL + self.COLUMNS.index(what)

    def step(self, number: int) -> int:
        return self.first_row + number

    @property
    def low_bound(self) -> int:
        return self.first_row + BISECTION_STEPS + 1

    @property
    def high_bound(self) -> int:
        return self.low_bound + 1

    @property
    def result(self) -> int:
        return self.high_bound + 2


SCENARIO_COLUMNS = ("growth", "probability", "liquidity", "salary_pv", "bonus_pv", "signon_pv", "equity_pv", "pv",
                    "salary", "bonus", "signon", "equity", "total")


@dataclass
class Layout:
    offers: int
    years: int
    scenarios: int
    inputs: InputsLayout
    schedules: SchedulesLayout
    vesting: VestingLayout
    cashflows: list[Block]
    results: ResultsLayout
    cumulative_rows: list[int]
    component_rows: dict[tuple[int, int], int]  # (offer, year) -> row of the yearly components table
    scenario_rows: dict[tuple[int, int], int]  # (scenario, offer) -> its row of the scenario table
    scenario_pv_first: int
    scenario_total_first: int
    sensitivity_first: int
    other_pay_row: int
    break_even_row: int
    bisection: BisectionLayout
    tax: Optional["TaxLayout"] = None  # the Tax sheet's tables (tax_layout.plan_tax)

    @property
    def months(self) -> int:
        return 12 * self.years

    def offer_col(self, index: int) -> int:
        """The column of offer `index` (0-based) in every by-offer table."""
        return PARAM_COL + index


RESULT_KEYS = ("total", "pv", "annualized", "salary", "bonus", "signon", "equity")
SENSITIVITY_STEPS = len(SENSITIVITY_GROWTHS)


def plan(offers_file: OffersFile) -> Layout:
    n = len(offers_file.offers)
    years = offers_file.model.horizon_years
    s = len(offers_file.scenarios)

    inputs = plan_inputs(n, s, years, len(offers_file.model.holidays))

    # Schedules: a timeline row per preset and per offer's custom table, then the tranche tables.
    keys = list(PRESET_NAMES) + [f"custom:{i}" for i in range(n)] + [ACCELERATED]
    timeline_row = {key: FIRST_BODY_ROW + i for i, key in enumerate(keys)}
    table_first = FIRST_BODY_ROW + len(keys) + 4
    from ..schedules import preset
    table_rows = {name: len(preset(name).tranches) for name in PRESET_NAMES}
    for i, offer in enumerate(offers_file.offers):
        used = len(offer.equity.schedule.tranches) if offer.equity else 0
        table_rows[f"custom:{i}"] = max(MAX_MONTHS, used)
    table_rows[ACCELERATED] = max(MAX_MONTHS, len(offers_file.negotiation.accelerated_schedule.tranches))
    table_col = {key: 1 + 3 * i for i, key in enumerate(keys)}
    schedules = SchedulesLayout(timeline_row, table_first, table_col, table_rows)

    # Vesting: a section of one row per offer for each kind of row.
    first, row = {}, FIRST_BODY_ROW + 1
    for section in VESTING_SECTIONS:
        first[section] = row
        row += n + 2
    vesting = VestingLayout(first)

    # Cashflows: a block per offer, then the results by offer.
    cashflows, row = [], FIRST_BODY_ROW
    for _ in range(n):
        block = Block(row)
        cashflows.append(block)
        row = block.last + 2
    results_header = row + 1
    year_rows = [results_header + 1 + y for y in range(years)]
    result_row = {key: year_rows[-1] + 1 + i for i, key in enumerate(RESULT_KEYS)}
    results = ResultsLayout(results_header, year_rows, result_row)
    row = max(result_row.values()) + 3
    cumulative_rows = [row + i for i in range(n)]  # cumulative value by month, for the Summary's chart
    row += n + 2
    component_rows = {}
    for i in range(n):
        for y in range(years):
            component_rows[(i, y)] = row
            row += 1

    # Scenarios: the tables first (they are what a reader wants), then the rows behind them.
    scenario_pv_first = FIRST_BODY_ROW + 1
    scenario_total_first = scenario_pv_first + s + 2
    sensitivity_first = scenario_total_first + s + 2
    other_pay_row = sensitivity_first + SENSITIVITY_STEPS
    break_even_row = other_pay_row + 2
    row = break_even_row + 4
    scenario_rows = {}
    for j in range(s):
        for i in range(n):
            scenario_rows[(j, i)] = row
            row += 1
    parameters_first = row + 3
    fraction_row = parameters_first + len(TARGET_PARAMETERS) + 1
    bisection = BisectionLayout(parameters_first, fraction_row, fraction_row + 1, fraction_row + 5)
    layout = Layout(n, years, s, inputs, schedules, vesting, cashflows, results, cumulative_rows, component_rows,
                    scenario_rows, scenario_pv_first, scenario_total_first, sensitivity_first, other_pay_row,
                    break_even_row, bisection)
    from .tax_layout import plan_tax
    layout.tax = plan_tax(offers_file, n, years)
    return layout

