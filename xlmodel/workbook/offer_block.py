"""One offer valued month by month under one set of assumptions (growth, milestone
probability, liquidity): the block that Cashflows writes once per offer and Scenarios once per
scenario and offer. The assumptions sit in column B, so only they differ between blocks."""
from __future__ import annotations

from dataclasses import dataclass

from . import cells, styles
from .layout import AXIS_DISCOUNT, AXIS_MONTH, AXIS_YEAR, CASHFLOWS, LABEL_COL, PARAM_COL, Block, Layout, VESTING
from .refs import area, cell, col, month_col, timeline
from .vesting_sheet import refresher_area

LABELS = {
    "growth": ("Stock growth", styles.PERCENT),
    "probability": ("Fallback milestone probability", styles.PERCENT),
    "liquidity": ("Liquidity probability", styles.PERCENT),
    "price": ("Share price", styles.MONEY_CENTS),
    "shares": ("Shares vesting", styles.SHARES),
    "equity": ("Equity vesting (expected value)", styles.MONEY),
    "base": ("Base salary", styles.MONEY),
    "bump_if_met": ("Fallback bump if the milestone is met", styles.MONEY),
    "bump": ("Fallback bump (expected)", styles.MONEY),
    "salary": ("Salary", styles.MONEY),
    "bonus": ("Bonus", styles.MONEY),
    "signon": ("Sign-on", styles.MONEY),
    "total": ("Total compensation", styles.MONEY),
    "discounted": ("Present value of the month", styles.MONEY),
}
FLOW_ROWS = ("equity", "base", "bump_if_met", "bump", "salary", "bonus", "signon", "total", "discounted")


@dataclass(frozen=True)
class Assumptions:
    """Formulas (without '=') for the three assumptions that scenarios change."""
    growth: str
    probability: str
    liquidity: str


def own_assumptions(layout: Layout, index: int) -> Assumptions:
    ref = lambda key: layout.inputs.offer(key, index)
    return Assumptions(f"N({ref('equity.growth')})", f"N({ref('fallback.probability')})",
                       layout.inputs.offer_number("equity.liquidity_probability", index))


def write_block(ws, layout: Layout, index: int, block: Block, header: str, assumptions: Assumptions) -> None:
    months = layout.months
    ref = lambda key: layout.inputs.offer(key, index)
    vest = layout.vesting[index]
    r = block.row
    month, year = f"${AXIS_MONTH}", f"${AXIS_YEAR}"

    cells.formula(ws, r("header"), LABEL_COL, header, style=styles.HEADER)
    cells.label(ws, r("header"), PARAM_COL, "Assumption", styles.HEADER)
    cells.label(ws, r("header"), 3, "Total", styles.HEADER)
    for name, (text, number_format) in LABELS.items():
        cells.label(ws, r(name), LABEL_COL, text)
    for name in ("growth", "probability", "liquidity"):
        cells.formula(ws, r(name), PARAM_COL, "=" + getattr(assumptions, name), LABELS[name][1])

    growth = cell(r("growth"), PARAM_COL)
    cells.timeline_row(ws, r("price"), months, lambda c: (
        f'=IF({ref("equity.type")}="none",0,{ref("equity.price")}*(1+{growth})^({c}{month}/12))'), styles.MONEY_CENTS)

    def shares(c: str) -> str:
        initial = f"{cell(vest.initial_shares, PARAM_COL, VESTING)}*{VESTING}!{c}${vest.fraction}"
        refreshers = refresher_area(layout, index, c)
        if refreshers is None:
            return "=" + initial
        fractions, anniversaries = refreshers
        per_price = cell(vest.refresh_per_price, PARAM_COL, VESTING)
        return f"={initial}+{per_price}*SUMPRODUCT({fractions},(1+{growth})^(-{anniversaries}))"
    cells.timeline_row(ws, r("shares"), months, shares, styles.SHARES)

    strike = cell(vest.strike, PARAM_COL, VESTING)
    liquidity = cell(r("liquidity"), PARAM_COL)
    cells.timeline_row(ws, r("equity"), months, lambda c: (
        f'={c}{r("shares")}*MAX({c}{r("price")}-{strike},0)*{liquidity}'
        f'*(1-N({ref("equity.dilution")}))^({c}{month}/12)'), styles.MONEY)

    cells.timeline_row(ws, r("base"), months, lambda c: (
        f'={ref("base")}*(1+N({ref("annual_raise")}))^({c}{year}-1)/12'), styles.MONEY)
    probability = cell(r("probability"), PARAM_COL)
    cells.timeline_row(ws, r("bump_if_met"), months, lambda c: (
        f'=({c}{month}>N({ref("fallback.after_months")}))*({c}{r("base")}*N({ref("fallback.bump")})'
        f'+N({ref("fallback.bump_amount")})/12)'), styles.MONEY)
    cells.timeline_row(ws, r("bump"), months, lambda c: f'={c}{r("bump_if_met")}*{probability}', styles.MONEY)
    cells.timeline_row(ws, r("salary"), months, lambda c: f'={c}{r("base")}+{c}{r("bump")}', styles.MONEY)

    years = area(AXIS_YEAR, month_col(1), AXIS_YEAR, month_col(months))
    salaries = area(r("salary"), month_col(1), r("salary"), month_col(months))
    cells.timeline_row(ws, r("bonus"), months, lambda c: (
        f'=(MOD({c}{month},12)=0)*N({ref("bonus_target")})*{layout.inputs.offer_number("bonus_payout", index)}'
        f'*SUMIF({years},{c}{year},{salaries})'), styles.MONEY)

    lay = layout.inputs
    signons = area(lay.offer_row["signon.1"], PARAM_COL + index, lay.offer_row[f"signon.{layout.years}"],
                   PARAM_COL + index, "Inputs")
    cells.timeline_row(ws, r("signon"), months, lambda c: (
        f'=N(INDEX({signons},{c}{year}))*IF({ref("signon_payment")}="monthly",1/12,(MOD({c}{month},12)=1)*1)'),
        styles.MONEY)
    cells.timeline_row(ws, r("total"), months, lambda c: (
        f'={c}{r("equity")}+{c}{r("salary")}+{c}{r("bonus")}+{c}{r("signon")}'), styles.MONEY)
    cells.timeline_row(ws, r("discounted"), months, lambda c: f'={c}{r("total")}*{c}${AXIS_DISCOUNT}', styles.MONEY)
    for name in FLOW_ROWS:
        cells.row_total(ws, r(name), months)
    cells.row_total(ws, r("shares"), months, styles.SHARES)


def total_ref(block: Block, row_name: str, sheet: str) -> str:
    """The row total (column C) of one of the block's flows."""
    return cell(block.row(row_name), 3, sheet)


def equity_value(layout: Layout, index: int, growth: str, liquidity: str, discounted: bool) -> str:
    """A formula term: the offer's equity vesting within the horizon at this growth and liquidity,
    discounted or nominal. One SUMPRODUCT per grant (the initial grant, then each refresher),
    so the value at any growth takes one cell instead of a block of monthly rows."""
    months, vest = layout.months, layout.vesting[index]
    ref = lambda key: layout.inputs.offer(key, index)
    month_axis = timeline(AXIS_MONTH, months, CASHFLOWS)
    price = f"{ref('equity.price')}*(1+{growth})^({month_axis}/12)"
    strike = cell(vest.strike, PARAM_COL, VESTING)
    factors = f"({price}-{strike})*(({price})>{strike}),(1-N({ref('equity.dilution')}))^({month_axis}/12)"
    if discounted:
        factors += "," + timeline(AXIS_DISCOUNT, months, CASHFLOWS)
    grants = [(cell(vest.initial_shares, PARAM_COL, VESTING), timeline(vest.fraction, months, VESTING))]
    grants += [(f"{cell(vest.refresh_per_price, PARAM_COL, VESTING)}*(1+{growth})^(-{k})",
                timeline(vest.refresher(k), months, VESTING)) for k in range(1, vest.refreshers + 1)]
    terms = "+".join(f"{shares}*SUMPRODUCT({fractions},{factors})" for shares, fractions in grants)
    return f"{liquidity}*({terms})"
