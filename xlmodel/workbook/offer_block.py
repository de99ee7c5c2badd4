"""One offer valued month by month under its own assumptions (growth, milestone probability,
liquidity): the block that Cashflows writes once per offer, the assumptions in column B.

The equity runs price -> the common stock's price behind a liquidation preference -> a share's
value (less the strike) -> the shares vesting (the initial grant, the refreshers) -> the value
at vest and the same shares held to the horizon; each month's present value takes the better of
selling at vest and holding."""
from __future__ import annotations

from dataclasses import dataclass

from . import styles
from .cells import Sheet
from .figures import Block as BlockFigures
from .layout import AXIS_DISCOUNT, AXIS_MONTH, AXIS_YEAR, AXIS_YEARS, LABEL_COL, PARAM_COL, TIMELINE, Block, Layout
from .refs import as_number, cell, col, month_col, year_range
from .timeline_sheet import horizon_discount
from .vesting_sheet import GrantCells

LABELS = {
    "growth": ("Stock growth", styles.PERCENT),
    "probability": ("Fallback milestone probability", styles.PERCENT),
    "liquidity": ("Liquidity probability", styles.PERCENT),
    "price": ("Preferred share price", styles.MONEY_CENTS),
    "common_price": ("Common share price (after the preference)", styles.MONEY_CENTS),
    "share_value": ("Value of a share (less the strike)", styles.MONEY_CENTS),
    "refresher_units": ("Refresher shares vesting per $ of today's price", styles.SHARES),
    "shares": ("Shares vesting", styles.SHARES),
    "equity": ("Equity vesting (expected value at vest)", styles.MONEY),
    "equity_held": ("The same shares held to the horizon", styles.MONEY),
    "base": ("Base salary", styles.MONEY),
    "bump_if_met": ("Fallback bump if the milestone is met", styles.MONEY),
    "salary": ("Salary (base and the expected bump)", styles.MONEY),
    "bonus": ("Bonus", styles.MONEY),
    "signon": ("Sign-on", styles.MONEY),
    "total": ("Total compensation", styles.MONEY),
    "pv": ("Present value of the month (vested shares sold or held)", styles.MONEY),
}
FLOW_ROWS = ("equity", "base", "bump_if_met", "salary", "bonus", "signon", "total", "pv")


@dataclass(frozen=True)
class Assumptions:
    """Formulas (without '=') for the three assumptions that scenarios change."""
    growth: str
    probability: str
    liquidity: str


def own_assumptions(layout: Layout, index: int) -> Assumptions:
    ref = lambda key: layout.inputs.offer(key, index)
    return Assumptions(as_number(ref("equity.growth")), as_number(ref("fallback.probability")),
                       layout.inputs.offer_number("equity.liquidity_probability", index))


def refresher_units(layout: Layout, g: GrantCells, month_letter: str) -> str:
    """Refresher shares vesting in a month per $ of today's price, at the offer's own growth: the
    sum over the anniversaries k of (1 + growth)^-k (Vesting's column beside k) x the fraction the
    refresher of k vests then. The +0 turns the blank months before a grant into zeros:
    Gnumeric's SUMPRODUCT of one blank cell is #VALUE!."""
    if not layout.vesting.anniversaries:
        return "=0"
    return f"=SUMPRODUCT({g.price_factors_column()},{g.refreshers_column(month_letter)}+0)"


def write_block(sheet: Sheet, layout: Layout, index: int, block: Block, name: str, assumptions: Assumptions,
                figures: BlockFigures) -> None:
    months = layout.months
    inputs = layout.inputs
    ref = lambda key: inputs.offer(key, index)
    g = GrantCells(layout, index)
    r = block.row
    here = lambda name, c: f"{c}{r(name)}"
    month, year = f"${AXIS_MONTH}", f"${AXIS_YEAR}"
    discount = lambda c: f"{TIMELINE}!{c}${AXIS_DISCOUNT}"

    sheet.formula(r("header"), LABEL_COL, f"={ref('name')}", name, style=styles.HEADER)
    sheet.label(r("header"), PARAM_COL, "Assumption", styles.HEADER)
    sheet.label(r("header"), 3, "Total", styles.HEADER)
    for row_name, (text, _) in LABELS.items():
        sheet.label(r(row_name), LABEL_COL, text)
    for row_name in ("growth", "probability", "liquidity"):
        sheet.formula(r(row_name), PARAM_COL, "=" + getattr(assumptions, row_name), getattr(figures, row_name),
                      LABELS[row_name][1])
    growth, liquidity = cell(r("growth"), PARAM_COL), cell(r("liquidity"), PARAM_COL)

    sheet.timeline_row(r("price"), months, lambda c: f"={g['price']}*(1+{growth})^{TIMELINE}!{c}${AXIS_YEARS}",
                       figures.price, styles.MONEY_CENTS)
    preference, factor = g["preference_per_share"], g["common_factor"]
    sheet.timeline_row(r("common_price"), months, lambda c: (
        f"=IF({preference}=0,{here('price', c)},MAX(0,MIN({here('price', c)},"
        f"({here('price', c)}-{preference})*{factor})))"), figures.common_price, styles.MONEY_CENTS)
    sheet.timeline_row(r("share_value"), months, lambda c: f"=MAX({here('common_price', c)}-{g['strike']},0)",
                       figures.share_value, styles.MONEY_CENTS)
    sheet.timeline_row(r("refresher_units"), months, lambda c: refresher_units(layout, g, c),
                       figures.refresher_units, styles.SHARES)
    sheet.timeline_row(r("shares"), months, lambda c: (
        f"={g['initial_shares']}*{g.month_cell('fraction', c)}+{g['refresh_per_price']}*{here('refresher_units', c)}"),
        figures.shares, styles.SHARES)
    sheet.timeline_row(r("equity"), months, lambda c: (
        f"={here('shares', c)}*{here('share_value', c)}*{liquidity}*{g.month_cell('weight_nominal', c)}"),
        figures.equity, styles.MONEY)
    last = col(month_col(months))
    sheet.formula(r("equity_held"), PARAM_COL, f"={last}{r('share_value')}*{liquidity}*{g.last('weight_nominal')}",
                  figures.held_share, styles.MONEY_CENTS)
    held = cell(r("equity_held"), PARAM_COL)
    sheet.timeline_row(r("equity_held"), months, lambda c: f"={here('shares', c)}*{held}", figures.equity_held,
                       styles.MONEY)

    sheet.timeline_row(r("base"), months, lambda c: (
        f'={ref("base")}*(1+{as_number(ref("annual_raise"))})^({c}{year}-1)/12'), figures.base, styles.MONEY)
    probability = cell(r("probability"), PARAM_COL)
    sheet.timeline_row(r("bump_if_met"), months, lambda c: (
        f'=({c}{month}>{as_number(ref("fallback.after_months"))})*({here("base", c)}*{as_number(ref("fallback.bump"))}'
        f'+{as_number(ref("fallback.bump_amount"))}/12)'), figures.bump_if_met, styles.MONEY)
    sheet.timeline_row(r("salary"), months, lambda c: f'={here("base", c)}+{here("bump_if_met", c)}*{probability}',
                       figures.salary, styles.MONEY)
    # The bonus is paid in each employment year's last month, on the twelve months of salary
    # just paid; the other months stay blank (0 to every sum and product over the row).
    rate = f'{as_number(ref("bonus_target"))}*{inputs.offer_number("bonus_payout", index)}'
    for paid_year in range(1, layout.years + 1):
        sheet.formula(r("bonus"), month_col(12 * paid_year), f"={rate}*SUM({year_range(r('salary'), paid_year)})",
                      figures.bonus[12 * paid_year - 1], styles.MONEY)
    signons = inputs.offer_span("signon.1", f"signon.{layout.years}", index)
    sheet.timeline_row(r("signon"), months, lambda c: (
        f'=SUM(INDEX({signons},{c}{year},1))*IF({ref("signon_payment")}="monthly",1/12,(MOD({c}{month},12)=1)*1)'),
        figures.signon, styles.MONEY)
    sheet.timeline_row(r("total"), months, lambda c: (
        f'={here("equity", c)}+{here("salary", c)}+{here("bonus", c)}+{here("signon", c)}'), figures.total, styles.MONEY)
    sheet.timeline_row(r("pv"), months, lambda c: (
        f"=({here('salary', c)}+{here('bonus', c)}+{here('signon', c)})*{discount(c)}"
        f"+MAX({here('equity', c)}*{discount(c)},{here('equity_held', c)}*{horizon_discount()})"), figures.pv,
        styles.MONEY)
    for row_name in FLOW_ROWS:
        sheet.row_total(r(row_name), months, figures.row(row_name))
    sheet.row_total(r("shares"), months, figures.shares, styles.SHARES)


def total_ref(block: Block, row_name: str, sheet: str | None) -> str:
    """The row total (column C) of one of the block's flows."""
    return cell(block.row(row_name), 3, sheet)
