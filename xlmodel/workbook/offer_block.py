"""One offer valued month by month under one set of assumptions (growth, milestone
probability, liquidity): the block that Cashflows writes once per offer. The assumptions sit in
column B. `equity_value` values an offer's equity at any growth in one cell, for Scenarios and
the break-even search."""
from __future__ import annotations

from dataclasses import dataclass

from . import styles
from .cells import Sheet
from .figures import Block as BlockFigures
from .layout import (AXIS_DISCOUNT, AXIS_MONTH, AXIS_YEAR, CASHFLOWS, LABEL_COL, PARAM_COL, VESTING, Block, Layout,
                     grant_col)
from .refs import cell, shifted, timeline

LABELS = {
    "growth": ("Stock growth", styles.PERCENT),
    "probability": ("Fallback milestone probability", styles.PERCENT),
    "liquidity": ("Liquidity probability", styles.PERCENT),
    "price": ("Share price", styles.MONEY_CENTS),
    "refresher_units": ("Refresher shares vesting per $ of today's price", styles.SHARES),
    "shares": ("Shares vesting", styles.SHARES),
    "equity": ("Equity vesting (expected value)", styles.MONEY),
    "base": ("Base salary", styles.MONEY),
    "bump_if_met": ("Fallback bump if the milestone is met", styles.MONEY),
    "salary": ("Salary (base and the expected bump)", styles.MONEY),
    "year_salary": ("Salary so far this employment year", styles.MONEY),
    "bonus": ("Bonus", styles.MONEY),
    "signon": ("Sign-on", styles.MONEY),
    "total": ("Total compensation", styles.MONEY),
    "pv": ("Present value of the month", styles.MONEY),
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
    return Assumptions(f"N({ref('equity.growth')})", f"N({ref('fallback.probability')})",
                       layout.inputs.offer_number("equity.liquidity_probability", index))


def write_block(sheet: Sheet, layout: Layout, index: int, block: Block, name: str, assumptions: Assumptions,
                figures: BlockFigures) -> None:
    months = layout.months
    inputs = layout.inputs
    ref = lambda key: inputs.offer(key, index)
    vesting = layout.vesting
    fraction_row = vesting.row("fraction", index)
    grants = vesting.row("grants", index)
    r = block.row
    month, year = f"${AXIS_MONTH}", f"${AXIS_YEAR}"

    sheet.formula(r("header"), LABEL_COL, f"={ref('name')}", name, style=styles.HEADER)
    sheet.label(r("header"), PARAM_COL, "Assumption", styles.HEADER)
    sheet.label(r("header"), 3, "Total", styles.HEADER)
    for row_name, (text, _) in LABELS.items():
        sheet.label(r(row_name), LABEL_COL, text)
    for row_name in ("growth", "probability", "liquidity"):
        sheet.formula(r(row_name), PARAM_COL, "=" + getattr(assumptions, row_name), getattr(figures, row_name),
                      LABELS[row_name][1])

    growth = cell(r("growth"), PARAM_COL)
    sheet.timeline_row(r("price"), months, lambda c: (
        f'=IF({ref("equity.type")}="none",0,{ref("equity.price")}*(1+{growth})^({c}{month}/12))'),
        figures.price, styles.MONEY_CENTS)

    # Refresher shares vesting, per dollar of today's price: the refreshers of one anniversary
    # later are this schedule a year back, each grant buying 1 / (1 + growth) as many shares.
    units = r("refresher_units")
    sheet.constant_row(units, months, figures.refresher_units, styles.SHARES, last_month=12)
    sheet.timeline_row(units, months, lambda c: (
        f"=({VESTING}!{shifted(c, -12)}${fraction_row}+{shifted(c, -12)}{units})/(1+{growth})"),
        figures.refresher_units, styles.SHARES, first_month=13)
    initial = cell(grants, grant_col("initial_shares"), VESTING)
    per_price = cell(grants, grant_col("refresh_per_price"), VESTING)
    sheet.timeline_row(r("shares"), months, lambda c: (
        f"={initial}*{VESTING}!{c}${fraction_row}+{per_price}*{c}{units}"), figures.shares, styles.SHARES)

    strike = cell(grants, grant_col("strike"), VESTING)
    liquidity = cell(r("liquidity"), PARAM_COL)
    sheet.timeline_row(r("equity"), months, lambda c: (
        f'={c}{r("shares")}*MAX({c}{r("price")}-{strike},0)*{liquidity}'
        f'*(1-N({ref("equity.dilution")}))^({c}{month}/12)'), figures.equity, styles.MONEY)

    sheet.timeline_row(r("base"), months, lambda c: (
        f'={ref("base")}*(1+N({ref("annual_raise")}))^({c}{year}-1)/12'), figures.base, styles.MONEY)
    probability = cell(r("probability"), PARAM_COL)
    sheet.timeline_row(r("bump_if_met"), months, lambda c: (
        f'=({c}{month}>N({ref("fallback.after_months")}))*({c}{r("base")}*N({ref("fallback.bump")})'
        f'+N({ref("fallback.bump_amount")})/12)'), figures.bump_if_met, styles.MONEY)
    # salary: base plus the bump if the milestone is met, times the milestone's probability
    sheet.timeline_row(r("salary"), months, lambda c: f'={c}{r("base")}+{c}{r("bump_if_met")}*{probability}',
                       figures.salary, styles.MONEY)
    # The year's salary so far: a running sum that starts again in the first month of each year
    # (month 1's "last month" is the label column, never read).
    year_salary = r("year_salary")
    sheet.timeline_row(year_salary, months, lambda c: (
        f"=IF(MOD({c}{month},12)=1,0,{shifted(c, -1)}{year_salary})+{c}{r('salary')}"), figures.year_salary,
        styles.MONEY)
    sheet.timeline_row(r("bonus"), months, lambda c: (
        f'=(MOD({c}{month},12)=0)*N({ref("bonus_target")})*{inputs.offer_number("bonus_payout", index)}'
        f'*{c}{year_salary}'), figures.bonus, styles.MONEY)

    signons = inputs.offer_span("signon.1", f"signon.{layout.years}", index)
    sheet.timeline_row(r("signon"), months, lambda c: (
        f'=N(INDEX({signons},{c}{year}))*IF({ref("signon_payment")}="monthly",1/12,(MOD({c}{month},12)=1)*1)'),
        figures.signon, styles.MONEY)
    sheet.timeline_row(r("total"), months, lambda c: (
        f'={c}{r("equity")}+{c}{r("salary")}+{c}{r("bonus")}+{c}{r("signon")}'), figures.total, styles.MONEY)
    sheet.timeline_row(r("pv"), months, lambda c: f'={c}{r("total")}*{c}${AXIS_DISCOUNT}', figures.pv, styles.MONEY)
    for row_name in FLOW_ROWS:
        sheet.row_total(r(row_name), months, figures.row(row_name))
    sheet.row_total(r("shares"), months, figures.shares, styles.SHARES)


def total_ref(block: Block, row_name: str, sheet: str | None) -> str:
    """The row total (column C) of one of the block's flows."""
    return cell(block.row(row_name), 3, sheet)


@dataclass(frozen=True)
class EquityTerms:
    """Where an offer's equity parameters and schedule rows are, as formula terms."""
    kind: str  # equity.type
    price: str
    strike: str
    dilution: str
    initial_shares: str
    refresh_per_price: str
    fraction_sheet: str
    fraction_row: int
    refresh_pv_row: tuple[str, int]
    refresh_nominal_row: tuple[str, int]
    weight_pv_row: tuple[str, int]
    weight_nominal_row: tuple[str, int]

    def fraction_area(self, months: int) -> str:
        return timeline(self.fraction_row, months, self.fraction_sheet)


def offer_equity_terms(layout: Layout, index: int) -> EquityTerms:
    ref = lambda key: layout.inputs.offer(key, index)
    grants = layout.vesting.row("grants", index)
    return EquityTerms(
        kind=ref("equity.type"), price=f"N({ref('equity.price')})",
        strike=cell(grants, grant_col("strike"), VESTING), dilution=f"N({ref('equity.dilution')})",
        initial_shares=cell(grants, grant_col("initial_shares"), VESTING),
        refresh_per_price=cell(grants, grant_col("refresh_per_price"), VESTING),
        fraction_sheet=VESTING, fraction_row=layout.vesting.row("fraction", index),
        refresh_pv_row=(VESTING, layout.vesting.row("refresh_pv", index)),
        refresh_nominal_row=(VESTING, layout.vesting.row("refresh_nominal", index)),
        weight_pv_row=(VESTING, layout.vesting.row("weight_pv", index)),
        weight_nominal_row=(VESTING, layout.vesting.row("weight_nominal", index)))


def equity_value(layout: Layout, terms: EquityTerms, growth: str, liquidity: str, discounted: bool) -> str:
    """A formula term: the offer's equity vesting within the horizon at this growth and liquidity,
    discounted or nominal, in one cell.

    Without a strike (RSUs, and options at a strike of 0) every share is worth the price: the
    initial grant and, through the refresher factor (see the Vesting sheet), every refresher
    take one SUMPRODUCT over the months together, with the month's dilution and discount factor
    from the Vesting sheet. An option with a strike is worth max(price - strike, 0), which the
    factor cannot carry: then the initial grant takes one SUMPRODUCT, and each anniversary's
    refresher one of its own over the months it can vest in."""
    months = layout.months
    month_axis = lambda first=1: timeline(AXIS_MONTH, months, CASHFLOWS, first)
    g = f"(1+{growth})"
    weight_sheet, weight_row = terms.weight_pv_row if discounted else terms.weight_nominal_row
    weights = lambda first=1: timeline(weight_row, months, weight_sheet, first)
    fractions = terms.fraction_area(months)
    factor_sheet, factor_row = terms.refresh_pv_row if discounted else terms.refresh_nominal_row
    shares = f"({terms.initial_shares}+{terms.refresh_per_price}*{timeline(factor_row, months, factor_sheet)})"
    no_strike = f"{terms.price}*SUMPRODUCT({fractions},{g}^({month_axis()}/12),{weights()},{shares})"

    price_at = lambda first=1: f"{terms.price}*{g}^({month_axis(first)}/12)"
    in_the_money = lambda first=1: f"({price_at(first)}-{terms.strike})*({price_at(first)}>{terms.strike})"
    initial = f"{terms.initial_shares}*SUMPRODUCT({fractions},{in_the_money()},{weights()})"
    per_year = [f"{g}^(-{k})*SUMPRODUCT({timeline(terms.fraction_row, months - 12 * k, terms.fraction_sheet)},"
                f"{in_the_money(12 * k + 1)},{weights(12 * k + 1)})" for k in range(1, layout.years)]
    refreshers = f"+IF({terms.refresh_per_price}=0,0,{terms.refresh_per_price}*({'+'.join(per_year)}))" if per_year else ""
    with_strike = initial + refreshers
    return f'IF({terms.kind}="none",0,{liquidity}*IF({terms.strike}>0,{with_strike},{no_strike}))'
