"""Vesting: per offer, the grant in shares, the fraction vesting each month on the chosen
schedule, and the same schedule shifted to each anniversary for the refreshers."""
from __future__ import annotations

from ..model import OffersFile
from . import cells, styles
from .layout import AXIS_MONTH, LABEL_COL, PARAM_COL, Layout
from .refs import area, col, month_col
from .schedules_sheet import chosen_fraction


def initial_shares(layout: Layout, index: int) -> str:
    ref = lambda key: layout.inputs.offer(key, index)
    return (f'=IF({ref("equity.type")}="none",0,IF(ISNUMBER({ref("equity.grant_value")}),'
            f'{ref("equity.grant_value")}/{ref("equity.price")},IF(ISNUMBER({ref("equity.shares")}),'
            f'{ref("equity.shares")},{ref("equity.percent")}*{ref("equity.company_value")}/{ref("equity.price")})))')


def write(ws, offers_file: OffersFile, layout: Layout) -> None:
    months = layout.months
    cells.title(ws, "Vesting", "Shares granted and the fraction of each grant vesting every month "
                "(refreshers: the same schedule from each anniversary).")
    cells.axis(ws, months, layout.inputs.model("model.start_date"), layout.inputs.model("model.discount_rate"))
    for index, block in enumerate(layout.vesting):
        ref = lambda key: layout.inputs.offer(key, index)
        cells.formula(ws, block.header, LABEL_COL, f"={ref('name')}", style=styles.HEADER)
        cells.label(ws, block.header, PARAM_COL, "Value", styles.HEADER)
        cells.label(ws, block.header, 3, "Total", styles.HEADER)

        cells.label(ws, block.initial_shares, LABEL_COL, "Initial grant (shares)")
        cells.formula(ws, block.initial_shares, PARAM_COL, initial_shares(layout, index), styles.SHARES)
        cells.label(ws, block.refresh_per_price, LABEL_COL, "Refresher value / today's price")
        cells.formula(ws, block.refresh_per_price, PARAM_COL,
                      f'=IF({ref("equity.type")}="none",0,N({ref("equity.refresh_value")})/{ref("equity.price")})',
                      styles.SHARES)
        cells.label(ws, block.strike, LABEL_COL, "Strike used ($ a share)")
        cells.formula(ws, block.strike, PARAM_COL, f'=IF({ref("equity.type")}="options",N({ref("equity.strike")}),0)',
                      styles.MONEY_CENTS)

        cells.label(ws, block.fraction, LABEL_COL, "Fraction vesting (initial grant)")
        cells.timeline_row(ws, block.fraction, months, lambda c: chosen_fraction(layout, index, c), styles.PERCENT)
        cells.row_total(ws, block.fraction, months, styles.PERCENT)

        cells.label(ws, block.cumulative, LABEL_COL, "Cumulative fraction vested")
        first = col(month_col(1))
        cells.timeline_row(ws, block.cumulative, months,
                           lambda c: f"=SUM(${first}{block.fraction}:{c}{block.fraction})", styles.PERCENT)

        fractions = area(block.fraction, month_col(1), block.fraction, month_col(months))
        for k in range(1, block.refreshers + 1):
            row = block.refresher(k)
            cells.label(ws, row, LABEL_COL, "Refresher fraction, grant of anniversary")
            cells.value(ws, row, PARAM_COL, k, styles.INTEGER, styles.CONSTANT)
            cells.timeline_row(ws, row, months,
                               lambda c: f"=IF({c}${AXIS_MONTH}>12*$B{row},INDEX({fractions},1,{c}${AXIS_MONTH}-12*$B{row}),0)",
                               styles.PERCENT)
            cells.row_total(ws, row, months, styles.PERCENT)
    cells.widths(ws, label_width=38, param_width=14, months=months)
    ws.freeze_panes = ws.cell(row=8, column=month_col(1)).coordinate


def refresher_area(layout: Layout, index: int, month_letter: str) -> tuple[str, str] | None:
    """This month's refresher fractions (a column) and the anniversary numbers beside them."""
    block = layout.vesting[index]
    if block.refreshers == 0:
        return None
    first, last = block.refresher(1), block.refresher(block.refreshers)
    return (f"Vesting!{month_letter}${first}:{month_letter}${last}", f"Vesting!$B${first}:$B${last}")
