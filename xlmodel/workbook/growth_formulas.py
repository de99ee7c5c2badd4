"""An offer's equity at any stock growth, in one row of cells, for the sheets that value it at
many growths (the sensitivity table and the break-even search on Scenarios, the draws): the
holding rule in cells of at most a few hundred characters, from the offer's parameters copied
into a small block on the sheet (short references) and its rows on Vesting.

With G = 1 + growth and E(m) = G^(m/12) (the price path per dollar of today's price), a
share's value is the two ramps of Vesting scaled to today's price: v = P x (s1 (E - b1/P)+ +
s2 (E - b2/P)+). The cells of a row (AT_GROWTH, liquidity 1): the growth factor G; the value
of a share held to the horizon, h = v(E(M)) W(M); the shares vesting within the horizon; what
selling beats holding by, summed over the months where it does and over the shares vesting in
them (the initial grant's and the refreshers'), 0 without a sum where holding is best in every
month, in two cells: the general sum, and the same for a grant without refreshers or a second
ramp (half the work; the other cell is 0); the closed form without a strike or a preference; and
the value: h x shares + the extras, or the closed form."""
from __future__ import annotations

from . import styles
from .calc_layout import EQUITY_PARAMETERS, ParameterBlock
from .cells import Sheet
from .equity_figures import AtGrowth, Grant
from .layout import AXIS_DISCOUNT, CASHFLOWS, LABEL_COL, PARAM_COL, TIMELINE, Layout
from .refs import cell, timeline
from .timeline_sheet import YEARS_FROM_START
from .vesting_sheet import GrantCells, anniversaries_row

PARAMETERS = EQUITY_PARAMETERS
PARAMETER_LABELS = {
    "kind": ("Equity type", None), "initial_shares": ("Initial grant (shares)", styles.SHARES),
    "refresh_per_price": ("Refresher $ / today's price", styles.SHARES),
    "refresh_value": ("Refresher grant value", styles.MONEY), "price": ("Preferred price today", styles.MONEY_CENTS),
    "first_slope": ("Value's first slope, x today's price", styles.MONEY_CENTS),
    "first_at": ("from a price of, / today's price", styles.FACTOR),
    "second_slope": ("Its change of slope, x today's price", styles.MONEY_CENTS),
    "second_at": ("at a price of, / today's price", styles.FACTOR),
    "yearly_weight": ("Dilution and discount a year, q", styles.FACTOR),
    "closed_form": ("No strike or preference (closed form)", None),
    "holds_from": ("Holding wins every month from 1 + growth of", styles.FACTOR),
    "vested_in_horizon": ("Initial grant vested by the horizon", styles.PERCENT),
    "horizon_weight": ("Dilution and discount at the horizon, W(M)", styles.FACTOR),
    "liquidity": ("Liquidity probability", styles.PERCENT),
    "cash_pv": ("Present value without equity", styles.MONEY),
}
AT_GROWTH_LABELS = {"factor": "1 + growth", "hold": "A share held to M", "shares": "Shares vesting by M",
                    "sold": "Selling beats holding by (refreshers or two price ramps)",
                    "sold_one_ramp": "Selling beats holding by (one price ramp, no refreshers)",
                    "closed": "Closed form", "value": "Equity (liquidity 1)"}


def parameter_values(grant: Grant, cash_pv: float) -> dict[str, object]:
    price = grant.price
    return {"kind": grant.kind, "initial_shares": grant.initial_shares, "refresh_per_price": grant.refresh_per_price,
            "refresh_value": grant.refresh_value, "price": price,
            "first_slope": grant.first_ramp_slope * price, "first_at": grant.first_ramp_at / price if price else 0.0,
            "second_slope": grant.second_ramp_slope * price,
            "second_at": grant.second_ramp_at / price if price else 0.0, "yearly_weight": grant.yearly_weight,
            "closed_form": grant.closed_form, "holds_from": grant.holds_from, "vested_in_horizon": grant.vested_in_horizon,
            "horizon_weight": grant.weight_pv[-1], "liquidity": grant.liquidity, "cash_pv": cash_pv}


def parameter_formulas(layout: Layout, index: int) -> dict[str, str]:
    g = GrantCells(layout, index)
    block = layout.cashflows[index]
    flows = lambda name: timeline(block.row(name), layout.months, CASHFLOWS)
    per_price = lambda what: f"=IF({g['price']}=0,0,{g[what]}/{g['price']})"
    return {"kind": f"={layout.inputs.offer('equity.type', index)}", "initial_shares": f"={g['initial_shares']}",
            "refresh_per_price": f"={g['refresh_per_price']}", "refresh_value": f"={g['refresh_value']}",
            "price": f"={g['price']}", "first_slope": f"={g['first_ramp_slope']}*{g['price']}",
            "first_at": per_price("first_ramp_at"), "second_slope": f"={g['second_ramp_slope']}*{g['price']}",
            "second_at": per_price("second_ramp_at"), "yearly_weight": f"={g['yearly_weight']}",
            "closed_form": f"={g['closed_form']}", "holds_from": f"=IF({g['closed_form']},0,1/{g['yearly_weight']})",
            "vested_in_horizon": f"={g['vested_in_horizon']}",
            "horizon_weight": f"={g.last('weight_pv')}",
            "liquidity": "=" + cell(block.row("liquidity"), PARAM_COL, CASHFLOWS),
            "cash_pv": (f"=SUMPRODUCT({flows('salary')}+{flows('bonus')}+{flows('signon')},"
                        f"{timeline(AXIS_DISCOUNT, layout.months, TIMELINE)})")}


def write_parameters(sheet: Sheet, layout: Layout, block: ParameterBlock, figures) -> None:
    """Each offer's parameters, a column each (from Vesting and Cashflows)."""
    names = [o.name for o in figures.offers_file.offers]
    sheet.label(block.first - 1, LABEL_COL, "Equity parameters, from Vesting and Cashflows", styles.HEADER)
    for index, grant in enumerate(figures.grants):
        sheet.formula(block.first - 1, block.first_col + index, f"={layout.inputs.offer('name', index)}",
                      names[index], style=styles.HEADER)
        values = parameter_values(grant, figures.cash_pv(index))
        for what, expression in parameter_formulas(layout, index).items():
            sheet.formula(block.first + PARAMETERS.index(what), block.first_col + index, expression, values[what],
                          PARAMETER_LABELS[what][1], styles.LINK)
    for what in PARAMETERS:
        sheet.label(block.first + PARAMETERS.index(what), LABEL_COL, PARAMETER_LABELS[what][0])


class GrowthFormulas:
    """The formulas of one offer's AT_GROWTH cells, given where the row's cells are."""

    def __init__(self, layout: Layout, block: ParameterBlock, index: int, rows=None):
        """`rows` gives the offer's rows by month (GrantCells on Vesting by default)."""
        self.layout, self.index = layout, index
        self.p = lambda what: block.ref(what, index)
        self.g = rows or GrantCells(layout, index)
        self.years = layout.inputs.model("model.horizon_years")
        self.years_row = YEARS_FROM_START

    def _shares(self, factor: str, per_share: str, price: str = "") -> str:
        """The shares vesting within the horizon at a growth factor (or their value at today's
        price, with `price`): the initial grant's, and each refresher's refresh_value / P(12k)."""
        p, g = self.p, self.g
        initial = f"{p('initial_shares')}{price}*{p('vested_in_horizon')}"
        if not self.layout.vesting.anniversaries:
            return initial
        return f"{initial}+{p(per_share)}*SERIESSUM(1/{factor},1,1,{g.vested_before()})"

    def _closed(self, factor: str) -> str:
        """The closed form (no strike, no preference): held to the horizon when (1 + g) q >= 1,
        else sold at vest, a SERIESSUM over the coefficients."""
        p = self.p
        ratio = f"{factor}*{p('yearly_weight')}"
        held = self._shares(factor, "refresh_value", f"*{p('price')}")
        return (f"IF({ratio}>=1,({ratio})^{self.years}*({held}),"
                f"SERIESSUM(({ratio})^(1/12),1,1,{self.g.month_row('coefficients')}))")

    def held_throughout(self, factor: str, *conditions: str) -> str:
        """TRUE when no month's shares are worth more sold at vest than held to the horizon, so the
        extras are 0 without summing them: the closed form, or (1 + g) q >= 1, which the parameter
        holds_from gives as 1 + g >= 1 / q (0 for the closed form). On each ramp a share is worth
        a P - b (a, b >= 0) and q <= 1 (the discount rate and dilution are not negative), so
        a P (Gq)^(m/12) - b q^(m/12) never falls as m grows: the horizon month is the best.
        `conditions` are further cases where the caller needs no extras (a draw never sellable)."""
        grows_enough = f"{factor}>={self.p('holds_from')}"
        return f"OR({','.join((*conditions, grows_enough))})" if conditions else grows_enough

    def value_inline(self, at: dict[str, str]) -> str:
        """The equity's value (liquidity 1) from the row's factor, hold and extras, the shares and
        the closed form written in (the draws keep to the cells they need)."""
        p, G = self.p, at["factor"]
        return (f'IF({p("kind")}="none",0,IF({p("closed_form")},{self._closed(G)},{at["hold"]}*('
                f'{self._shares(G, "refresh_per_price")})+{at["sold"]}+{at["sold_one_ramp"]}))')

    def _shares_by_month(self, factor: str) -> str:
        """The shares vesting each month: the initial grant's and, with anniversaries, each
        refresher's (refresh_per_price x (1 + g)^-k x its fractions, one MMULT)."""
        p, g = self.p, self.g
        initial = f"{p('initial_shares')}*{g.month_row('fraction')}"
        if not self.layout.vesting.anniversaries:
            return initial
        # +0: a refresher's months before its grant are blank, and MMULT takes numbers only
        return (f"{initial}+{p('refresh_per_price')}*MMULT({factor}^(-{anniversaries_row(self.layout)}),"
                f"{g.refreshers()}+0)")

    def _ramp(self, path: str, slope: str, start: str) -> str:
        p = self.p
        return f"{p(slope)}*({path}-{p(start)})*({path}>{p(start)})"

    def _value_at(self, path: str) -> str:
        """A share's value, per dollar of today's price, at `path` (today's price = 1): the two ramps."""
        return f"({self._ramp(path, 'first_slope', 'first_at')}+{self._ramp(path, 'second_slope', 'second_at')})"

    def _first_ramp_unclipped(self, path: str) -> str:
        """The same with no second ramp (its slope is 0), for the positive part in "sold" only,
        without its (path > first_at) factor: below first_at it is negative, and the month's
        difference from holding is then below -hold <= 0, which the positive part drops anyway
        (the slope, the weight and hold are not negative). One power of the path fewer."""
        p = self.p
        return f"{p('first_slope')}*({path}-{p('first_at')})"

    def nominal(self, factor: str) -> str:
        """The equity's nominal value at vest over the horizon at a growth factor (liquidity 1):
        the shares vesting each month at that month's value of a share, diluted."""
        p, g = self.p, self.g
        by_month = f"{self._value_at(f'{factor}^{self.years_row}')}*{g.month_row('weight_nominal')}"
        return f'=IF({p("kind")}="none",0,SUMPRODUCT({self._shares_by_month(factor)},{by_month}))'

    def formulas(self, at: dict[str, str], growth: str, *no_extras: str) -> dict[str, str]:
        """The formulas of the parts `at` maps to their cells (all of AT_GROWTH, or some of
        them with "factor" and "hold"); `growth` is the growth's cell; `no_extras`, conditions
        under which "sold" is 0 without its sum (see held_throughout)."""
        p, G = self.p, at["factor"]
        refreshers, second_ramp = p("refresh_per_price"), p("second_slope")
        formulas = {
            "factor": f"=1+{growth}",
            "hold": f"={self._value_at(f'{G}^{self.years}')}*{p('horizon_weight')}",
            "shares": "=" + self._shares(G, "refresh_per_price"),
            "sold": self._sold(at, G, self._shares_by_month(G), self._value_at, *no_extras,
                               f"AND({refreshers}=0,{second_ramp}=0)"),
            "sold_one_ramp": self._sold(at, G, f"{p('initial_shares')}*{self.g.month_row('fraction')}",
                                        self._first_ramp_unclipped, *no_extras, f"{refreshers}<>0", f"{second_ramp}<>0"),
            "closed": f"=IF({p('closed_form')},{self._closed(G)},0)",
        }
        if "value" in at:
            formulas["value"] = (f'=IF({p("kind")}="none",0,IF({p("closed_form")},{at["closed"]},'
                                 f'{at["hold"]}*{at["shares"]}+{at["sold"]}+{at["sold_one_ramp"]}))')
        return {what: formula for what, formula in formulas.items() if what in at}

    def _sold(self, at: dict[str, str], factor: str, shares_by_month: str, value_at, *no_extras: str) -> str:
        """What selling beats holding by: over the months where it does, each month's shares times
        the difference (0 without a sum when held_throughout, or under `no_extras`)."""
        extra = f"({value_at(f'{factor}^{self.years_row}')}*{self.g.month_row('weight_pv')}-{at['hold']})"
        return (f"=IF({self.held_throughout(factor, *no_extras)},0,"
                f"SUMPRODUCT({shares_by_month},({extra}>0)*{extra}))")


def write_at_growth(sheet: Sheet, row: int, columns: dict[str, int], formulas: GrowthFormulas, growth: str,
                    figures: AtGrowth, factor: float) -> None:
    """One offer's AT_GROWTH cells in a row, at the columns given."""
    at = {what: cell(row, column, abs_row=False, abs_col=False) for what, column in columns.items()}
    stored = {"factor": factor, **{what: getattr(figures, what) for what in columns if what != "factor"}}
    for what, expression in formulas.formulas(at, growth).items():
        sheet.formula(row, columns[what], expression, stored[what], styles.FACTOR if what == "factor" else styles.MONEY)
