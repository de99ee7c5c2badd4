"""One offer month by month: salary (base raised at each anniversary, plus the expected
fallback bump), the bonus at each year's end, the sign-on, and the equity vesting. Monthly
amounts are lists indexed m - 1; every amount is paid at the end of its month."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import ModelSettings, Offer
from .equity import vesting
from .timeline import discount_factor, year_of

COMPONENTS = ("salary", "bonus", "signon", "equity")


@dataclass
class Cashflows:
    salary: list[float]
    bonus: list[float]
    signon: list[float]
    equity: list[float]  # E(m): the equity vesting, valued at its vest month
    equity_held: list[float]  # H(m): the same shares valued at the horizon month M

    @property
    def months(self) -> int:
        return len(self.salary)

    def component(self, name: str) -> list[float]:
        return getattr(self, name)

    def total(self, month: int) -> float:
        """The month's nominal total compensation (equity at its vest month)."""
        i = month - 1
        return self.salary[i] + self.bonus[i] + self.signon[i] + self.equity[i]

    def month_present_values(self, rate: float) -> list[float]:
        """Each month's present value: cash discounted from its month, and the month's vesting
        worth the better of selling at vest and holding to the horizon."""
        last = discount_factor(self.months, rate)
        values = []
        for m in range(1, self.months + 1):
            i = m - 1
            d = discount_factor(m, rate)
            cash = self.salary[i] + self.bonus[i] + self.signon[i]
            values.append(cash * d + max(self.equity[i] * d, self.equity_held[i] * last))
        return values


def base_salary(offer: Offer, month: int) -> float:
    """B(m): the monthly base salary, raised at each work anniversary."""
    return offer.base * (1.0 + offer.annual_raise) ** (year_of(month) - 1) / 12.0


def certain_fallback_pay(offer: Offer, month: int) -> float:
    """F1(m): the fallback pay in month m if the milestone were certain (0 without a clause)."""
    fallback = offer.fallback
    if fallback is None or month <= fallback.after_months:
        return 0.0
    if fallback.bump is not None:
        return base_salary(offer, month) * fallback.bump
    return fallback.bump_amount / 12.0


def fallback_pay(offer: Offer, month: int) -> float:
    """F(m): the expected fallback bump (probability-weighted) in month m."""
    if offer.fallback is None:
        return 0.0
    return certain_fallback_pay(offer, month) * offer.fallback.probability


def salary(offer: Offer, month: int) -> float:
    """S(m) = B(m) + F(m)."""
    return base_salary(offer, month) + fallback_pay(offer, month)


def cashflows(offer: Offer, settings: ModelSettings) -> Cashflows:
    months = settings.months
    salary_flow = [salary(offer, m) for m in range(1, months + 1)]

    bonus_flow = [0.0] * months
    rate = offer.bonus_target * offer.bonus_payout
    for year in range(1, settings.horizon_years + 1):
        bonus_flow[12 * year - 1] = rate * sum(salary_flow[12 * (year - 1):12 * year])

    signon_flow = [0.0] * months
    for year, amount in enumerate(offer.signon, start=1):
        if offer.signon_payment == "upfront":
            signon_flow[12 * (year - 1)] += amount
        else:
            for m in range(12 * (year - 1), 12 * year):
                signon_flow[m] += amount / 12.0

    if offer.equity is None:
        at_vest, at_horizon = [0.0] * months, [0.0] * months
    else:
        equity = vesting(offer.equity, settings.horizon_years)
        at_vest, at_horizon = equity.at_vest, equity.at_horizon
    return Cashflows(salary_flow, bonus_flow, signon_flow, at_vest, at_horizon)


def present_value(flows: Cashflows, rate: float) -> float:
    """The offer's present value, vested shares held to the horizon where that is worth more."""
    return sum(flows.month_present_values(rate))


def cash_present_value(flows: Cashflows, rate: float) -> float:
    """The present value of salary, bonus and sign-on (everything but equity)."""
    return sum((flows.salary[m - 1] + flows.bonus[m - 1] + flows.signon[m - 1]) * discount_factor(m, rate)
               for m in range(1, flows.months + 1))
