"""Equity: the share price path, the common stock's price behind investors' preferences, the
grants (the initial grant at month 0, a refresher at each anniversary), what the shares vesting
in a month are worth, and the holding rule.

Share counts are set at the preferred price (grant_value / price, refresh_value / P(a)); every
value uses the common price P_c(m), which equals P(m) without a liquidation preference.
The holding rule: the shares vesting in month m are worth, in present value, the better of
selling at vest and holding to the horizon month M, max(E(m) d(m), H(m) d(M)).
"""
from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Optional

from ..model import Equity
from .timeline import discount_factor


def share_price(equity: Equity, month: int, growth: Optional[float] = None) -> float:
    """P(m): the preferred price, growing at `growth` (default: the offer's)."""
    rate = equity.growth if growth is None else growth
    return equity.price * (1.0 + rate) ** (month / 12.0)


def fully_diluted_shares(equity: Equity) -> float:
    """N = company_value / price (only with a preference, which needs company_value)."""
    return (equity.company_value or 0.0) / equity.price


def preferred_take(equity: Equity, company_value: float) -> float:
    """What investors take of a company worth `company_value` before common stock sees any."""
    paid_back = min(company_value, equity.preference)
    if equity.participating:
        return paid_back + equity.preferred_share * (company_value - paid_back)
    return max(paid_back, equity.preferred_share * company_value)


def common_price(equity: Equity, price: float) -> float:
    """P_c: what a common share is worth when a preferred share is worth `price`."""
    if not equity.has_preference:
        return price
    shares = fully_diluted_shares(equity)
    company = shares * price
    return (company - preferred_take(equity, company)) / ((1.0 - equity.preferred_share) * shares)


def share_value(equity: Equity, price: float) -> float:
    """v(P_c(P)): a vested share (RSU) or option at a preferred price `price`."""
    common = common_price(equity, price)
    return common if equity.is_rsu else max(common - equity.strike, 0.0)


def dilution_factor(equity: Equity, month: int) -> float:
    return (1.0 - equity.dilution) ** (month / 12.0)


def equity_grants(equity: Equity, horizon_years: int, growth: Optional[float] = None) -> list[tuple[int, float]]:
    """(grant month, shares): the initial grant at month 0, then a refresher at each anniversary."""
    grants = [(0, equity.shares)]
    if equity.refresh_value > 0:
        grants += [(12 * k, equity.refresh_value / share_price(equity, 12 * k, growth))
                   for k in range(1, horizon_years)]
    return grants


def shares_vesting(equity: Equity, horizon_years: int, growth: Optional[float] = None) -> list[float]:
    """The shares (initial grant and refreshers) vesting in each month 1..M, indexed m - 1."""
    months = 12 * horizon_years
    by_month = [0.0] * months
    for grant_month, shares in equity_grants(equity, horizon_years, growth):
        for t, fraction in equity.schedule.tranches:
            vest = grant_month + t
            if vest <= months:
                by_month[vest - 1] += shares * fraction
    return by_month


@dataclass(frozen=True)
class Vesting:
    """One offer's equity month by month: E(m), the value at vest, and H(m), the same shares
    valued at the horizon month M (both nominal, liquidity and dilution included)."""
    at_vest: list[float]
    at_horizon: list[float]

    def present_value(self, rate: float) -> float:
        """Sum over m of max(E(m) d(m), H(m) d(M)): each month's shares sold or held, the better."""
        return sum(self.month_present_values(rate))

    def month_present_values(self, rate: float) -> list[float]:
        months = len(self.at_vest)
        last = discount_factor(months, rate)
        return [max(sold * discount_factor(m, rate), held * last)
                for m, (sold, held) in enumerate(zip(self.at_vest, self.at_horizon), start=1)]


def vesting(equity: Equity, horizon_years: int, growth: Optional[float] = None,
            liquidity: Optional[float] = None) -> Vesting:
    """E(m) and H(m) for an offer's equity, at its own growth and liquidity unless given."""
    months = 12 * horizon_years
    rate = equity.growth if growth is None else growth
    odds = equity.liquidity_probability if liquidity is None else liquidity
    shares = shares_vesting(equity, horizon_years, rate)
    at_horizon_per_share = share_value(equity, share_price(equity, months, rate)) * dilution_factor(equity, months)
    at_vest = [s * share_value(equity, share_price(equity, m, rate)) * odds * dilution_factor(equity, m) if s else 0.0
               for m, s in enumerate(shares, start=1)]
    at_horizon = [s * at_horizon_per_share * odds if s else 0.0 for s in shares]
    return Vesting(at_vest, at_horizon)


def tranche_present_value(equity: Equity, shares: float, fraction: float, month: int, horizon_months: int,
                          rate: float) -> float:
    """A tranche of `fraction` of `shares` vesting at `month`, sold or held, the better, in
    present value (at the offer's growth and liquidity)."""
    def worth(m: int) -> float:
        return (share_value(equity, share_price(equity, m)) * equity.liquidity_probability
                * dilution_factor(equity, m) * discount_factor(m, rate))
    return shares * fraction * max(worth(month), worth(horizon_months))


def tranche_value(equity: Equity, shares: float, fraction: float, month: int) -> float:
    """What `fraction` of a grant of `shares` is worth, nominal, when it vests at `month`."""
    return (shares * fraction * share_value(equity, share_price(equity, month)) * equity.liquidity_probability
            * dilution_factor(equity, month))


class EquityValuer:
    """An offer's equity valued at any growth and liquidity under the holding rule, with what
    does not depend on growth worked out once (the draws value each offer a thousand times).

    The value of each month in which shares vest is computed once a growth; each grant (the
    initial one, k = 0, then a refresher at each anniversary k, of refresh_value / P(12k)
    shares) takes its tranches' fractions of those months' values."""

    def __init__(self, equity: Equity, horizon_years: int, rate: float):
        self.equity = equity
        self.months = 12 * horizon_years
        anniversaries = range(horizon_years) if equity.refresh_value > 0 else range(1)
        tranches = [(k, 12 * k + t, fraction) for k in anniversaries for t, fraction in equity.schedule.tranches
                    if 12 * k + t <= self.months]
        self.vest_months = sorted({month for _, month, _ in tranches})
        position = {month: i for i, month in enumerate(self.vest_months)}
        self.by_grant = [([position[m] for j, m, _ in tranches if j == k], [f for j, _, f in tranches if j == k])
                         for k in anniversaries]
        self.exponents = [month / 12.0 for month in self.vest_months]
        self.weights = [dilution_factor(equity, m) * discount_factor(m, rate) for m in self.vest_months]
        self.horizon_weight = dilution_factor(equity, self.months) * discount_factor(self.months, rate)

    def present_value(self, growth: float, liquidity: float) -> float:
        equity = self.equity
        base = 1.0 + growth
        price = equity.price
        held = share_value(equity, price * base ** (self.months / 12.0)) * self.horizon_weight
        if equity.has_preference:
            values = [share_value(equity, price * base ** e) for e in self.exponents]
        elif equity.is_rsu:
            values = [price * base ** e for e in self.exponents]
        else:  # an option without a preference: the share's price less the strike, or nothing
            strike = equity.strike
            values = [max(price * base ** e - strike, 0.0) for e in self.exponents]
        worth = [max(v * w, held) for v, w in zip(values, self.weights)]
        refresh_shares = equity.refresh_value / price
        total = 0.0
        for k, (positions, fractions) in enumerate(self.by_grant):
            shares = equity.shares if k == 0 else refresh_shares * base ** -k
            total += shares * sum(map(operator.mul, fractions, map(worth.__getitem__, positions)))
        return total * liquidity


def equity_present_value(equity: Equity, horizon_years: int, rate: float, growth: Optional[float] = None,
                         liquidity: Optional[float] = None) -> float:
    """The equity's present value under the holding rule, at a growth and liquidity (default:
    the offer's own)."""
    return EquityValuer(equity, horizon_years, rate).present_value(
        equity.growth if growth is None else growth,
        equity.liquidity_probability if liquidity is None else liquidity)
