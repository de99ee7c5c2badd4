"""The stored results: what the workbook's formulas compute, from the engine, at build time.

Each list of monthly figures is indexed month - 1, like the engine's cash flows. The formulas
on the sheets and these figures follow the same arithmetic; the tests recalculate the workbook
in LibreOffice and Gnumeric and compare every formula cell with what was stored."""
from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass
from functools import cached_property
from typing import Optional

from ..engine import Valuation, value_all
from ..engine.cashflows import base_salary, cashflows
from ..engine.scenarios import SENSITIVITY_GROWTHS, Bisection, bisect_growth
from ..engine.timeline import discount_factor, year_of
from ..model import ModelSettings, Offer, OffersFile, Scenario
from .equity_figures import AtGrowth, Grant, at_growth, grant, nominal_at_growth, refresher_units


def month_end(start: dt.date, month: int) -> dt.date:
    """EDATE(start, month) - 1: the last day of work month `month`."""
    total = start.month - 1 + month
    year, month_index = start.year + total // 12, total % 12 + 1
    day = min(start.day, calendar.monthrange(year, month_index)[1])
    return dt.date(year, month_index, day) - dt.timedelta(days=1)


@dataclass
class Axis:
    month: list[int]
    year: list[int]
    month_end: list[dt.date]
    discount: list[float]

    @property
    def years_from_start(self) -> list[float]:
        return [m / 12 for m in self.month]


def axis(settings: ModelSettings) -> Axis:
    months = range(1, settings.months + 1)
    return Axis(list(months), [year_of(m) for m in months], [month_end(settings.start_date, m) for m in months],
                [discount_factor(m, settings.discount_rate) for m in months])


@dataclass
class Block:
    """One offer month by month under its own assumptions, row by row as on Cashflows."""
    growth: float
    probability: float
    liquidity: float
    price: list[float]
    common_price: list[float]
    share_value: list[float]
    refresher_units: list[float]
    shares: list[float]
    equity: list[float]
    held_share: float  # what a share vesting any month is worth held to the horizon
    equity_held: list[float]
    base: list[float]
    bump_if_met: list[float]
    salary: list[float]
    bonus: list[float]
    signon: list[float]
    total: list[float]
    pv: list[float]  # each month's present value

    def row(self, name: str) -> list[float]:
        return getattr(self, name)


def block(offer: Offer, settings: ModelSettings, g: Grant, axis_figures: Axis) -> Block:
    months = settings.months
    probability = offer.fallback.probability if offer.fallback else 0.0
    years = axis_figures.years_from_start
    price = [g.price * (1 + g.growth) ** t if g.has_equity else 0.0 for t in years]
    if g.preference_per_share == 0:
        common = list(price)
    else:
        common = [max(0.0, min(p, (p - g.preference_per_share) * g.common_factor)) for p in price]
    value = [max(c - g.strike, 0.0) for c in common]
    units = refresher_units(g, g.growth)
    shares = [g.initial_shares * f + g.refresh_per_price * u for f, u in zip(g.fraction, units)]
    equity = [s * v * g.liquidity * w for s, v, w in zip(shares, value, g.weight_nominal)]
    held_share = value[-1] * g.liquidity * g.weight_nominal[-1]
    equity_held = [s * held_share for s in shares]
    base = [base_salary(offer, m) for m in range(1, months + 1)]
    fallback = offer.fallback
    if fallback is None:
        bump_if_met = [0.0] * months
    else:
        bump_if_met = [(m > fallback.after_months) * (b * (fallback.bump or 0.0) + (fallback.bump_amount or 0.0) / 12)
                       for m, b in zip(range(1, months + 1), base)]
    salary = [b + f * probability for b, f in zip(base, bump_if_met)]
    rate = offer.bonus_target * offer.bonus_payout
    bonus = [rate * math.fsum(salary[m - 12:m]) if m % 12 == 0 else 0.0 for m in range(1, months + 1)]
    signon = cashflows(offer, settings).signon
    total = [e + s + b + o for e, s, b, o in zip(equity, salary, bonus, signon)]
    last = axis_figures.discount[-1]
    pv = [(s + b + o) * d + max(e * d, h * last)
          for s, b, o, e, h, d in zip(salary, bonus, signon, equity, equity_held, axis_figures.discount)]
    return Block(g.growth, probability, g.liquidity, price, common, value, units, shares, equity, held_share,
                 equity_held, base, bump_if_met, salary, bonus, signon, total, pv)


@dataclass
class ScenarioFigures:
    growth: float
    probability: float
    liquidity: float
    salary_pv: float
    bonus_pv: float
    signon_pv: float
    equity_pv: float
    pv: float
    salary: float
    bonus: float
    signon: float
    equity: float
    total: float
    equity_at: AtGrowth  # the equity at the scenario's growth, liquidity 1
    nominal_at: float  # its nominal value at vest, liquidity 1


def scenario_assumptions(offer: Offer, scenario: Scenario) -> tuple[float, float, float]:
    """A scenario's growth, milestone probability and liquidity for an offer."""
    own_growth = offer.equity.growth if offer.equity else 0.0
    growth = scenario.growth if scenario.growth is not None else own_growth + (scenario.growth_shift or 0.0)
    if scenario.milestone is not None:
        probability = 1.0 if scenario.milestone else 0.0
    else:
        probability = offer.fallback.probability if offer.fallback else 0.0
    own_liquidity = offer.equity.liquidity_probability if offer.equity else 1.0
    liquidity = scenario.liquidity if scenario.liquidity is not None else own_liquidity
    return growth, probability, liquidity


def scenario_figures(figures: "Figures", offer_index: int, scenario: Scenario) -> ScenarioFigures:
    """One offer under one scenario's overrides, as its rows of the Scenarios sheet compute it."""
    offer: Offer = figures.offers_file.offers[offer_index]
    settings = figures.settings
    block_figures = figures.blocks[offer_index]
    growth, probability, liquidity = scenario_assumptions(offer, scenario)
    discount = figures.axis.discount
    salaries = [b + probability * f for b, f in zip(block_figures.base, block_figures.bump_if_met)]
    rate = offer.bonus_target * offer.bonus_payout
    r = settings.discount_rate
    salary_pv = math.fsum(s * d for s, d in zip(salaries, discount))
    bonus_pv = rate * math.fsum(s * (1 + r) ** -y for s, y in zip(salaries, figures.axis.year))
    signon_pv = math.fsum(s * d for s, d in zip(block_figures.signon, discount))
    equity_at = figures.at_growth(offer_index, growth)
    nominal_at = nominal_at_growth(figures.grants[offer_index], growth, figures.axis.years_from_start)
    equity_pv = liquidity * equity_at.value
    salary = math.fsum(block_figures.base) + probability * math.fsum(block_figures.bump_if_met)
    equity_total = liquidity * nominal_at
    bonus = rate * salary
    signon = math.fsum(block_figures.signon)
    return ScenarioFigures(growth, probability, liquidity, salary_pv, bonus_pv, signon_pv, equity_pv,
                           salary_pv + bonus_pv + signon_pv + equity_pv, salary, bonus, signon, equity_total,
                           salary + bonus + signon + equity_total, equity_at, nominal_at)


class Figures:
    """Everything the sheets store, computed once."""

    def __init__(self, offers_file: OffersFile, valuation: Optional[Valuation] = None):
        self.offers_file = offers_file
        self.settings = offers_file.model
        self.valuation = valuation or value_all(offers_file)
        self.axis = axis(self.settings)
        self.grants = [grant(o, self.settings, self.axis.discount) for o in offers_file.offers]
        self.blocks = [block(o, self.settings, g, self.axis) for o, g in zip(offers_file.offers, self.grants)]
        self.values = {v.name: v for v in self.valuation.offers}
        self._scenarios: dict[tuple[int, int], ScenarioFigures] = {}
        self._at_growth: dict[tuple[int, float], AtGrowth] = {}

    def scenario(self, offer_index: int, scenario_index: int) -> ScenarioFigures:
        """An offer under a scenario (the Scenarios sheet and the Summary both need them: computed once)."""
        key = (offer_index, scenario_index)
        if key not in self._scenarios:
            self._scenarios[key] = scenario_figures(self, offer_index, self.offers_file.scenarios[scenario_index])
        return self._scenarios[key]

    def at_growth(self, offer_index: int, growth: float) -> AtGrowth:
        key = (offer_index, growth)
        if key not in self._at_growth:
            self._at_growth[key] = at_growth(self.grants[offer_index], self.settings.horizon_years, growth,
                                             self.axis.years_from_start)
        return self._at_growth[key]

    def sensitivity_growths(self, offer_index: int) -> list[float]:
        """The growths of the sensitivity table for an offer: the fixed ones, then its own."""
        return list(SENSITIVITY_GROWTHS) + [self.grants[offer_index].growth]

    @cached_property
    def break_even_search(self) -> Bisection:
        """The target's bisection: the engine's, or the same search towards 0 without an
        alternative (the workbook's rows are there either way)."""
        if self.valuation.break_even is not None:
            return self.valuation.break_even
        deal = self.valuation.negotiation
        goal = self.values[deal.alternative].pv if deal.alternative else 0.0
        return bisect_growth(self.offers_file.target, self.settings, goal)

    @property
    def months(self) -> int:
        return self.settings.months

    @cached_property
    def target_index(self) -> int:
        return [o.name for o in self.offers_file.offers].index(self.settings.target)

    def offer_value(self, index: int):
        return self.valuation.offers[index]

    def cash_pv(self, index: int) -> float:
        """Present value of everything but equity (salary, bonus, sign-on)."""
        return self._cash_pvs[index]

    @cached_property
    def _cash_pvs(self) -> list[float]:
        return [math.fsum((s + o + n) * d for s, o, n, d in zip(b.salary, b.bonus, b.signon, self.axis.discount))
                for b in self.blocks]

    def equity_pv(self, index: int) -> float:
        return self.blocks_pv(index) - self.cash_pv(index)

    def blocks_pv(self, index: int) -> float:
        return math.fsum(self.blocks[index].pv)
