"""Where everything sits: computed once from the offers file, before any sheet is written,
so every sheet can point at every other one."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from ..model import OffersFile
from ..schedules import PRESET_NAMES, preset
from .inputs_layout import INPUTS, InputsLayout, plan_inputs

from .calc_layout import (FIRST_BODY_ROW, Block, DrawsLayout, ResultsLayout, ScenariosLayout,  # noqa: F401
                          VestingLayout, plan_cashflows)

if TYPE_CHECKING:
    from .tax_layout import TaxLayout

SUMMARY, TIMELINE, SCHEDULES, VESTING, CASHFLOWS, SCENARIOS, DRAWS, NEGOTIATION, CHECKS = (
    "Summary", "Timeline", "Schedules", "Vesting", "Cashflows", "Scenarios", "Draws", "Negotiation", "Checks")
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
ACCELERATED = "accelerated"  # the Schedules table of the schedule the target's grant would vest on if accelerated


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

    inputs = plan_inputs(n, s, years, len(offers_file.model.holidays))

    # Schedules: a timeline row per preset and per offer's custom table, then the tranche tables.
    keys = list(PRESET_NAMES) + [f"custom:{i}" for i in range(n)] + [ACCELERATED]
    timeline_row = {key: FIRST_BODY_ROW + i for i, key in enumerate(keys)}
    table_first = FIRST_BODY_ROW + len(keys) + 4
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

