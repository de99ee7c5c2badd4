"""The stored results: what the workbook's formulas compute, from the engine, at build time.

Each list of monthly figures is indexed month - 1, like the engine's cash flows. The formulas
on the sheets and these figures follow the same arithmetic; the tests recalculate the workbook
in LibreOffice and compare every formula cell with what was stored."""
from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass
from functools import cached_property
from typing import Optional

from .. import engine
from ..engine import Valuation, value_all
from ..model import ModelSettings, Offer, OffersFile, Scenario


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


def axis(settings: ModelSettings) -> Axis:
    months = range(1, settings.months + 1)
    return Axis(list(months), [engine.year_of(m) for m in months],
                [month_end(settings.start_date, m) for m in months],
                [engine.discount_factor(m, settings.discount_rate) for m in months])


def fractions_by_month(tranches, months: int) -> list[float]:
    by_month = [0.0] * months
    for month, fraction in tranches:
        if month <= months:
            by_month[month - 1] += fraction
    return by_month


def refresher_factor(ratio: float, months: int, month: int) -> float:
    """The sum of ratio^k over the refreshers k >= 1 whose tranche at schedule month `month`
    still vests within the horizon (12k + month <= months)."""
    count = (months - month) // 12
    if ratio == 1:
        return float(count)
    return ratio * (1 - ratio ** count) / (1 - ratio)


@dataclass
class Grant:
    initial_shares: float
    refresh_per_price: float
    strike: float
    fraction: list[float]
    refresh_pv: list[float]
    refresh_nominal: list[float]
    pv_ratio: float
    nominal_ratio: float
    weight_pv: list[float]  # (1 - dilution)^(m/12) x d(m)
    weight_nominal: list[float]  # (1 - dilution)^(m/12)


def grant(offer: Offer, settings: ModelSettings) -> Grant:
    """The Vesting sheet's figures of one offer; an offer without equity has no shares, no
    dilution and no tranches, as its cells read."""
    months = range(1, settings.months + 1)
    equity = offer.equity
    dilution = equity.dilution if equity else 0.0
    pv_ratio = (1 - dilution) / (1 + settings.discount_rate)
    nominal_ratio = 1 - dilution
    weight_nominal = [nominal_ratio ** (m / 12) for m in months]
    return Grant(
        initial_shares=equity.shares if equity else 0.0,
        refresh_per_price=equity.refresh_value / equity.price if equity else 0.0,
        strike=equity.strike if equity and not equity.is_rsu else 0.0,
        fraction=fractions_by_month(equity.schedule.tranches if equity else (), settings.months),
        refresh_pv=[refresher_factor(pv_ratio, settings.months, m) for m in months],
        refresh_nominal=[refresher_factor(nominal_ratio, settings.months, m) for m in months],
        pv_ratio=pv_ratio, nominal_ratio=nominal_ratio, weight_nominal=weight_nominal,
        weight_pv=[w * engine.discount_factor(m, settings.discount_rate) for m, w in zip(months, weight_nominal)])


@dataclass
class Block:
    """One offer month by month under one set of assumptions, row by row as on the sheet."""
    growth: float
    probability: float
    liquidity: float
    price: list[float]
    refresher_units: list[float]
    shares: list[float]
    equity: list[float]
    base: list[float]
    bump_if_met: list[float]
    salary: list[float]
    year_salary: list[float]
    bonus: list[float]
    signon: list[float]
    total: list[float]
    pv: list[float]  # each month's present value

    def row(self, name: str) -> list[float]:
        return getattr(self, name)


def block(offer: Offer, settings: ModelSettings, grant_figures: Grant, axis_figures: Axis) -> Block:
    months = settings.months
    equity = offer.equity
    growth = equity.growth if equity else 0.0
    probability = offer.fallback.probability if offer.fallback else 0.0
    liquidity = equity.liquidity_probability if equity else 1.0
    price = [equity.price * (1 + growth) ** (m / 12) if equity else 0.0 for m in range(1, months + 1)]
    units = [0.0] * months
    for i in range(12, months):
        units[i] = (grant_figures.fraction[i - 12] + units[i - 12]) / (1 + growth)
    shares = [grant_figures.initial_shares * f + grant_figures.refresh_per_price * u
              for f, u in zip(grant_figures.fraction, units)]
    equity_flow = [s * max(p - grant_figures.strike, 0.0) * liquidity * w
                   for s, p, w in zip(shares, price, grant_figures.weight_nominal)]
    base = [engine.base_salary(offer, m) for m in range(1, months + 1)]
    fallback = offer.fallback
    if fallback is None:
        bump_if_met = [0.0] * months
    else:
        bump_if_met = [(m > fallback.after_months) * (b * (fallback.bump or 0.0) + (fallback.bump_amount or 0.0) / 12)
                       for m, b in zip(range(1, months + 1), base)]
    salary = [b + f * probability for b, f in zip(base, bump_if_met)]
    year_salary, running = [], 0.0
    for m, s in zip(range(1, months + 1), salary):
        running = (0.0 if m % 12 == 1 else running) + s
        year_salary.append(running)
    rate = offer.bonus_target * offer.bonus_payout
    bonus = [(m % 12 == 0) * rate * ys for m, ys in zip(range(1, months + 1), year_salary)]
    flows = engine.cashflows(offer, settings)
    signon = flows.signon
    total = [e + s + b + o for e, s, b, o in zip(equity_flow, salary, bonus, signon)]
    pv = [t * d for t, d in zip(total, axis_figures.discount)]
    return Block(growth, probability, liquidity, price, units, shares, equity_flow, base, bump_if_met, salary,
                 year_salary, bonus, signon, total, pv)


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


def scenario_figures(figures: "Figures", offer_index: int, scenario: Scenario) -> ScenarioFigures:
    """One offer under one scenario's overrides, as a row of the Scenarios sheet computes it."""
    offer: Offer = figures.offers_file.offers[offer_index]
    settings = figures.settings
    block = figures.blocks[offer_index]
    own_growth = offer.equity.growth if offer.equity else 0.0
    growth = scenario.growth if scenario.growth is not None else own_growth + (scenario.growth_shift or 0.0)
    if scenario.milestone is not None:
        probability = 1.0 if scenario.milestone else 0.0
    else:
        probability = offer.fallback.probability if offer.fallback else 0.0
    own_liquidity = offer.equity.liquidity_probability if offer.equity else 1.0
    liquidity = scenario.liquidity if scenario.liquidity is not None else own_liquidity
    discount = figures.axis.discount
    salaries = [b + probability * f for b, f in zip(block.base, block.bump_if_met)]
    rate = offer.bonus_target * offer.bonus_payout
    r = settings.discount_rate
    salary_pv = math.fsum(s * d for s, d in zip(salaries, discount))
    bonus_pv = rate * math.fsum(s * (1 + r) ** -y for s, y in zip(salaries, figures.axis.year))
    signon_pv = math.fsum(s * d for s, d in zip(block.signon, discount))
    equity = engine.cashflows(engine.apply_scenario(offer, scenario), settings).equity if offer.equity else [0.0]
    equity_pv = math.fsum(e * d for e, d in zip(equity, discount))
    salary = math.fsum(block.base) + probability * math.fsum(block.bump_if_met)
    equity_total = math.fsum(equity)
    bonus = rate * salary
    signon = math.fsum(block.signon)
    return ScenarioFigures(growth, probability, liquidity, salary_pv, bonus_pv, signon_pv, equity_pv,
                           salary_pv + bonus_pv + signon_pv + equity_pv, salary, bonus, signon, equity_total,
                           salary + bonus + signon + equity_total)


class Figures:
    """Everything the sheets store, computed once."""

    def __init__(self, offers_file: OffersFile, valuation: Optional[Valuation] = None):
        self.offers_file = offers_file
        self.settings = offers_file.model
        self.valuation = valuation or value_all(offers_file)
        self.axis = axis(self.settings)
        self.grants = [grant(o, self.settings) for o in offers_file.offers]
        self.blocks = [block(o, self.settings, g, self.axis) for o, g in zip(offers_file.offers, self.grants)]
        self.values = {v.name: v for v in self.valuation.offers}
        self._scenarios: dict[tuple[int, int], ScenarioFigures] = {}

    def scenario(self, offer_index: int, scenario_index: int) -> ScenarioFigures:
        """An offer under a scenario (the Scenarios sheet and the Summary both need them: computed once)."""
        key = (offer_index, scenario_index)
        if key not in self._scenarios:
            self._scenarios[key] = scenario_figures(self, offer_index, self.offers_file.scenarios[scenario_index])
        return self._scenarios[key]

    @property
    def months(self) -> int:
        return self.settings.months

    @cached_property
    def target_index(self) -> int:
        return [o.name for o in self.offers_file.offers].index(self.settings.target)

    def offer_value(self, index: int):
        return self.valuation.offers[index]

    def equity_pv(self, index: int) -> float:
        return math.fsum(e * d for e, d in zip(self.blocks[index].equity, self.axis.discount))

    def other_pay(self, index: int) -> float:
        """Present value of everything but equity."""
        return self.blocks_pv(index) - self.equity_pv(index)

    def blocks_pv(self, index: int) -> float:
        return math.fsum(self.blocks[index].pv)
