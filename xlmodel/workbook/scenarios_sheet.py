"""Scenarios: every offer valued again under each scenario's overrides, and the tables of
present value and nominal total by scenario and offer."""
from __future__ import annotations

from ..model import OffersFile
from . import cells, styles
from .layout import LABEL_COL, SCENARIOS, Layout
from .offer_block import Assumptions, own_assumptions, total_ref, write_block
from .refs import area, month_col


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

    for (j, i), block in layout.scenario_blocks.items():
        header = f'={layout.inputs.offer("name", i)}&" | "&{layout.inputs.scenario("scenario.name", j)}'
        write_block(ws, layout, i, block, header, scenario_assumptions(layout, j, i))
    cells.widths(ws, label_width=34, param_width=14, months=months)
    ws.freeze_panes = ws.cell(row=8, column=month_col(1)).coordinate


def table_area(layout: Layout, which: str) -> str:
    first = layout.scenario_pv_first if which == "pv" else layout.scenario_total_first
    return area(first, layout.offer_col(0), first + layout.scenarios - 1, layout.offer_col(layout.offers - 1), SCENARIOS)


def names_area(layout: Layout) -> str:
    first = layout.scenario_pv_first
    return area(first, LABEL_COL, first + layout.scenarios - 1, LABEL_COL, SCENARIOS)
