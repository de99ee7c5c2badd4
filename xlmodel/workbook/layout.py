"""Where everything sits: computed once from the offers file, before any sheet is written,
so every sheet can point at every other one."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Optional

from ..inputs import keys as input_keys
from ..model import Equity, ModelSettings, Offer, OffersFile
from ..schedules import PRESET_NAMES

from .calc_layout import (FIRST_BODY_ROW, Block, DrawsLayout, ResultsLayout, ScenariosLayout,  # noqa: F401
                          VestingLayout, plan_cashflows)

if TYPE_CHECKING:
    from .tax_layout import TaxLayout

SUMMARY, INPUTS, TIMELINE, SCHEDULES, VESTING, CASHFLOWS, SCENARIOS, DRAWS, NEGOTIATION, CHECKS = (
    "Summary", "Inputs", "Timeline", "Schedules", "Vesting", "Cashflows", "Scenarios", "Draws", "Negotiation",
    "Checks")
TAX = "Tax"
RECRUITER, TEXTS = "Recruiter", "Texts"  # the page to send, and where its texts are built
SHEET_ORDER = (SUMMARY, RECRUITER, INPUTS, TIMELINE, SCHEDULES, VESTING, CASHFLOWS, SCENARIOS, DRAWS, NEGOTIATION, TAX,
               TEXTS, CHECKS)

# The time axis: computed once on the Timeline sheet; every other sheet with a timeline shows
# the month and the employment year in these rows, linked to it.
AXIS_MONTH, AXIS_YEAR, AXIS_DATE, AXIS_DISCOUNT, AXIS_YEARS = 4, 5, 6, 7, 8
HORIZON_MONTHS_ROW, HORIZON_DISCOUNT_ROW = 10, 11  # Timeline's column B: M and d(M)
LABEL_COL, PARAM_COL, TOTAL_COL = 1, 2, 3

MAX_MONTHS = 120
HOLIDAY_SLOTS_MIN = 12
SCENARIO_KEYS = ("scenario.name", "scenario.growth", "scenario.growth_shift", "scenario.milestone",
                 "scenario.liquidity")
ACCELERATED = "accelerated"  # the Schedules table of the schedule the target's grant would vest on if accelerated

def _default(cls, name: str):
    return next(f.default for f in fields(cls) if f.name == name)


# Inputs whose default is not 0: a cleared cell must mean the default, as in the offers file.
NUMBER_DEFAULTS = {
    "bonus_payout": _default(Offer, "bonus_payout"),
    "signon_clawback_months": _default(Offer, "signon_clawback_months"),
    "equity.liquidity_probability": _default(Equity, "liquidity_probability"),
    "model.response_business_days": _default(ModelSettings, "response_business_days"),
    "model.expiry_business_days": _default(ModelSettings, "expiry_business_days"),
}


def _with_default(reference: str, default: float) -> str:
    return f"IF(ISNUMBER({reference}),{reference},{default:g})"


@dataclass
class InputsLayout:
    model_row: dict[str, int]
    holiday_rows: tuple[int, int]
    offers_header_row: int
    offer_row: dict[str, int]
    scenarios_header_row: int
    scenario_row: dict[str, int]
    unit_col: int
    note_col: int
    negotiation_row: dict[str, int] = field(default_factory=dict)  # the [negotiation] levers, in column B

    def negotiation(self, key: str) -> str:
        from .refs import cell
        return cell(self.negotiation_row[key], PARAM_COL, INPUTS)

    def model(self, key: str) -> str:
        from .refs import cell
        return cell(self.model_row[key], PARAM_COL, INPUTS)

    def offer(self, key: str, index: int) -> str:
        from .refs import cell
        return cell(self.offer_row[key], PARAM_COL + index, INPUTS)

    def offer_number(self, key: str, index: int) -> str:
        """An offer's numeric input as a formula term: a blank cell takes the file's default."""
        return _with_default(self.offer(key, index), NUMBER_DEFAULTS.get(key, 0))

    def model_number(self, key: str) -> str:
        return _with_default(self.model(key), NUMBER_DEFAULTS.get(key, 0))

    def scenario(self, key: str, index: int) -> str:
        from .refs import cell
        return cell(self.scenario_row[key], PARAM_COL + index, INPUTS)


@dataclass
class SchedulesLayout:
    timeline_row: dict[str, int]  # preset name or "custom:<offer index>" -> row of fractions by month
    table_first_row: int  # first tranche row of every table
    table_col: dict[str, int]  # the same keys -> the month column of its tranche table (fraction beside it)
    table_rows: dict[str, int]  # how many tranche rows each table has


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
    scenario_sheet: ScenariosLayout
    draws: "DrawsLayout"
    tax: Optional["TaxLayout"] = None  # the Tax sheet's tables (tax_layout.plan_tax)

    @property
    def scenario_pv_first(self) -> int:
        return self.scenario_sheet.pv_first

    @property
    def months(self) -> int:
        return 12 * self.years

    def offer_col(self, index: int) -> int:
        """The column of offer `index` (0-based) in every by-offer table."""
        return PARAM_COL + index



def plan(offers_file: OffersFile) -> Layout:
    n = len(offers_file.offers)
    years = offers_file.model.horizon_years
    s = len(offers_file.scenarios)

    # Inputs: model settings, then the offer columns, then the scenario columns.
    row = 5
    model_row = {}
    for key in input_keys.MODEL_KEYS:
        model_row[key] = row
        row += 1
    holidays = max(HOLIDAY_SLOTS_MIN, len(offers_file.model.holidays) + 5)
    holiday_rows = (row, row + holidays - 1)
    row += holidays + 1
    offers_header = row
    offer_row = {}
    for key in input_keys.offer_keys(years):
        offer_row[key] = row
        row += 1
    row += 2
    scenarios_header = row
    scenario_row = {}
    for key in SCENARIO_KEYS:
        scenario_row[key] = row
        row += 1
    unit_col = PARAM_COL + max(n, s) + 1
    inputs = InputsLayout(model_row, holiday_rows, offers_header, offer_row, scenarios_header, scenario_row,
                          unit_col, unit_col + 1)
    inputs.negotiation_row = _negotiation_rows(row + 2)

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

    cashflows, results, cumulative_rows, component_rows = plan_cashflows(n, years)
    layout = Layout(n, years, s, inputs, schedules, VestingLayout(n, years), cashflows, results, cumulative_rows,
                    component_rows, ScenariosLayout(n, s, years), DrawsLayout(n, offers_file.model.draws))
    from .tax_layout import plan_tax
    layout.tax = plan_tax(offers_file, n, years)
    return layout


def _negotiation_rows(first: int) -> dict[str, int]:
    """The [negotiation] levers on Inputs: a section of their own below the scenarios (its title
    the row above `first`)."""
    return {key: first + n for n, key in enumerate(input_keys.NEGOTIATION_KEYS)}
