"""The stored results of the equity calculations: what the Vesting sheet's grant parameters and
rows, the Cashflows blocks, the scenarios' equity rows and the equity-at-a-growth cells compute,
with the same arithmetic as their formulas (the tests recalculate and compare every cell).

A share's value at a preferred price P is v(P) = s1 (P - b1)+ + s2 (P - b2)+, two ramps that
follow the common price behind a liquidation preference and the strike: without a preference,
one ramp at the strike (at 0 for RSUs); participating, one at preference per share + strike;
non-participating, a ramp of slope 1 / (1 - preferred share) from the preference per share plus
the strike's share, eased back to slope 1 where the preferred convert (preference per share /
preferred share)."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

from ..model import ModelSettings, Offer
from ..schedules import vested_fraction


def fractions_by_month(tranches, months: int) -> list[float]:
    by_month = [0.0] * months
    for month, fraction in tranches:
        if month <= months:
            by_month[month - 1] += fraction
    return by_month


@dataclass
class Grant:
    """One offer's row of the grants table and its rows by month on Vesting."""
    kind: str  # "rsu", "options" or "none"
    initial_shares: float
    refresh_per_price: float
    refresh_value: float
    price: float
    strike: float
    preference_per_share: float
    common_factor: float
    first_ramp_at: float
    first_ramp_slope: float
    second_ramp_at: float
    second_ramp_slope: float
    yearly_weight: float  # q = (1 - dilution) / (1 + discount rate)
    closed_form: bool
    vested_in_horizon: float
    growth: float
    liquidity: float
    fraction: list[float]
    weight_pv: list[float]  # (1 - dilution)^(m/12) x d(m)
    weight_nominal: list[float]  # (1 - dilution)^(m/12)
    coefficients: list[float]  # the closed form's: F(t) (S0 P + R sum of q^k over the refreshers vesting t in time)
    refreshers: list[list[float]]  # by anniversary k = 1 .. years - 1: the fraction vesting each month
    vested_before: list[float]  # by k: the initial grant's fraction vested by month M - 12k

    @property
    def holds_from(self) -> float:
        """The growth factor 1 + g from which holding beats selling every month: 1 / q (0 in closed form)."""
        return 0.0 if self.closed_form else 1 / self.yearly_weight

    def value(self, price: float) -> float:
        """v(P): a share's value at preferred price P (the two ramps)."""
        return (self.first_ramp_slope * max(price - self.first_ramp_at, 0.0)
                + self.second_ramp_slope * max(price - self.second_ramp_at, 0.0))

    @property
    def one_ramp(self) -> bool:
        """No refreshers and no second price ramp: the holding rule's extras sum over less."""
        return self.refresh_per_price == 0 and self.second_ramp_slope == 0

    @property
    def has_equity(self) -> bool:
        return self.kind != "none"


def grant(offer: Offer, settings: ModelSettings, discount: list[float]) -> Grant:
    months, years = settings.months, settings.horizon_years
    equity = offer.equity
    dilution = equity.dilution if equity else 0.0
    weight_nominal = [(1 - dilution) ** (m / 12) for m in range(1, months + 1)]
    weight_pv = [w * d for w, d in zip(weight_nominal, discount)]
    fraction = fractions_by_month(equity.schedule.tranches if equity else (), months)
    price = equity.price if equity else 0.0
    strike = equity.strike if equity and not equity.is_rsu else 0.0
    preference = (equity.preference * equity.price / equity.company_value
                  if equity and equity.has_preference else 0.0)
    factor = 1.0 if (equity is None or equity.participating) else 1 / (1 - equity.preferred_share)
    converts = preference * factor / (factor - 1) if preference and factor != 1 else 0.0
    two_ramps = preference > 0 and factor > 1 and strike <= converts
    first_at = strike if preference == 0 else (preference + strike if factor == 1 else
                                               (preference + strike / factor if two_ramps else strike))
    q = (1 - dilution) / (1 + settings.discount_rate)
    shares = equity.shares if equity else 0.0
    refresh_value = equity.refresh_value if equity else 0.0
    coefficients = []
    for m, f in zip(range(1, months + 1), fraction):
        count = (months - m) // 12
        factor_sum = count if q == 1 else q * (1 - q ** count) / (1 - q)
        coefficients.append(f * (shares * price + refresh_value * factor_sum))
    refreshers = [[fraction[m - 12 * k - 1] if m > 12 * k else 0.0 for m in range(1, months + 1)]
                  for k in range(1, years)]
    tranches = equity.schedule.tranches if equity else ()
    return Grant(
        kind=equity.type if equity else "none", initial_shares=shares,
        refresh_per_price=refresh_value / price if equity else 0.0, refresh_value=refresh_value, price=price,
        strike=strike, preference_per_share=preference, common_factor=factor, first_ramp_at=first_at,
        first_ramp_slope=factor if two_ramps else 1.0, second_ramp_at=converts,
        second_ramp_slope=1 - factor if two_ramps else 0.0, yearly_weight=q,
        closed_form=preference == 0 and strike == 0, vested_in_horizon=math.fsum(fraction),
        growth=equity.growth if equity else 0.0, liquidity=equity.liquidity_probability if equity else 1.0,
        fraction=fraction, weight_pv=weight_pv, weight_nominal=weight_nominal, coefficients=coefficients,
        refreshers=refreshers,
        vested_before=[math.fsum(fraction[:months - 12 * k]) if tranches else 0.0 for k in range(1, years)])


def refresher_units(grant_figures: Grant, growth: float) -> list[float]:
    """Refresher shares vesting each month per dollar of today's price: sum over k of
    (1 + growth)^-k x the fraction the refresher of anniversary k vests that month."""
    months = len(grant_figures.fraction)
    units = [0.0] * months
    for k, row in enumerate(grant_figures.refreshers, start=1):
        power = (1 + growth) ** -k
        units = [u + power * f for u, f in zip(units, row)]
    return units


@dataclass
class AtGrowth:
    """The equity at one growth (liquidity 1), in the cells of one row: the value of a share
    held to the horizon, the shares vesting within it, what selling beats holding by (over the
    initial grant and the refreshers), the closed form and the value. The extra is `sold` or,
    for a grant with one price ramp and no refreshers, `sold_one_ramp` (the other is 0)."""
    hold: float
    shares: float
    sold: float
    closed: float
    value: float
    sold_one_ramp: float = 0.0


def held_throughout(grant_figures: Grant, factor: float) -> bool:
    """No month's shares are worth more sold at vest than held to the horizon ((1 + g) q >= 1, as
    GrowthFormulas.held_throughout says why): the holding rule's extras are 0 without summing them."""
    return factor >= grant_figures.holds_from


def at_growth(grant_figures: Grant, years: int, growth: float, years_from_start: list[float]) -> AtGrowth:
    g = grant_figures
    base = 1 + growth
    hold = g.value(g.price * base ** years) * g.weight_pv[-1]
    shares = g.initial_shares * g.vested_in_horizon + g.refresh_per_price * sum(
        c * base ** -k for k, c in enumerate(g.vested_before, start=1))
    if not g.has_equity:
        return AtGrowth(hold, shares, 0.0, 0.0, 0.0)
    if g.closed_form:
        ratio = base * g.yearly_weight
        if ratio >= 1:
            closed = ratio ** years * (g.initial_shares * g.price * g.vested_in_horizon + g.refresh_value * sum(
                c * (1 / base) ** k for k, c in enumerate(g.vested_before, start=1)))
        else:
            monthly = ratio ** (1 / 12)
            closed = sum(c * monthly ** m for m, c in enumerate(g.coefficients, start=1))
        return AtGrowth(hold, shares, 0.0, closed, closed)
    if held_throughout(g, base):
        return AtGrowth(hold, shares, 0.0, 0.0, hold * shares)
    extra = [max(g.value(g.price * base ** t) * w - hold, 0.0) for t, w in zip(years_from_start, g.weight_pv)]
    shares_by_month = [g.initial_shares * f for f in g.fraction]
    if g.refreshers:
        units = refresher_units(g, growth)
        shares_by_month = [s + g.refresh_per_price * u for s, u in zip(shares_by_month, units)]
    sold = sum(s * x for s, x in zip(shares_by_month, extra))
    if g.one_ramp:
        return AtGrowth(hold, shares, 0.0, 0.0, hold * shares + sold, sold_one_ramp=sold)
    return AtGrowth(hold, shares, sold, 0.0, hold * shares + sold)


def nominal_at_growth(grant_figures: Grant, growth: float, years_from_start: list[float]) -> float:
    """The equity's nominal value at vest over the horizon at a growth (liquidity 1): each month's
    shares (the initial grant's and the refreshers') at that month's share value, diluted."""
    g = grant_figures
    if not g.has_equity:
        return 0.0
    units = refresher_units(g, growth)
    return math.fsum((g.initial_shares * f + g.refresh_per_price * u) * g.value(g.price * (1 + growth) ** t) * w
                     for f, u, t, w in zip(g.fraction, units, years_from_start, g.weight_nominal))


def vested_by(tranches, month: int) -> float:
    return vested_fraction(tranches, month)


def optional(value: Optional[float]) -> object:
    return "" if value is None else value
