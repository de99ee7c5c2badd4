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
from ..model import Offer, OffersFile, ModelSettings


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
    cumulative: list[float]
    refresh_pv: list[float]
    refresh_nominal: list[float]
    pv_ratio: float
    nominal_ratio: float
    weight_pv: list[float] = None  # (1 - dilution)^(m/12) x d(m)
    weight_nominal: list[float] = None  # (1 - dilution)^(m/12)


def grant(offer: Offer, settings: ModelSettings) -> Grant:
    found = _grant(offer, settings)
    dilution = offer.equity.dilution if offer.equity else 0.0
    found.weight_nominal = [(1 - dilution) ** (m / 12) for m in range(1, settings.months + 1)]
    found.weight_pv = [w * engine.discount_factor(m, settings.discount_rate)
                       for m, w in zip(range(1, settings.months + 1), found.weight_nominal)]
    return found


def _grant(offer: Offer, settings: ModelSettings) -> Grant:
    months = settings.months
    equity = offer.equity
    if equity is None:
        zeros = [0.0] * months
        return Grant(0.0, 0.0, 0.0, zeros, zeros, [refresher_factor(1 / (1 + settings.discount_rate), months, m)
                                                  for m in range(1, months + 1)],
                     [float((months - m) // 12) for m in range(1, months + 1)], 1 / (1 + settings.discount_rate), 1.0)
    fraction = fractions_by_month(equity.schedule.tranches, months)
    cumulative, running = [], 0.0
    for f in fraction:
        running += f
        cumulative.append(running)
    pv_ratio = (1 - equity.dilution) / (1 + settings.discount_rate)
    nominal_ratio = 1 - equity.dilution
    return Grant(equity.shares, equity.refresh_value / equity.price, equity.strike if not equity.is_rsu else 0.0,
                 fraction, cumulative, [refresher_factor(pv_ratio, months, m) for m in range(1, months + 1)],
                 [refresher_factor(nominal_ratio, months, m) for m in range(1, months + 1)], pv_ratio, nominal_ratio)


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
    bump: list[float]
    salary: list[float]
    year_salary: list[float]
    bonus: list[float]
    signon: list[float]
    total: list[float]
    discounted: list[float]

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
    dilution = equity.dilution if equity else 0.0
    equity_flow = [s * max(p - grant_figures.strike, 0.0) * liquidity * (1 - dilution) ** (m / 12)
                   for m, s, p in zip(range(1, months + 1), shares, price)]
    base = [engine.base_salary(offer, m) for m in range(1, months + 1)]
    fallback = offer.fallback
    if fallback is None:
        bump_if_met = [0.0] * months
    else:
        bump_if_met = [(m > fallback.after_months) * (b * (fallback.bump or 0.0) + (fallback.bump_amount or 0.0) / 12)
                       for m, b in zip(range(1, months + 1), base)]
    bump = [b * probability for b in bump_if_met]
    salary = [b + f for b, f in zip(base, bump)]
    year_salary, running = [], 0.0
    for m, s in zip(range(1, months + 1), salary):
        running = (0.0 if m % 12 == 1 else running) + s
        year_salary.append(running)
    rate = offer.bonus_target * offer.bonus_payout
    bonus = [(m % 12 == 0) * rate * ys for m, ys in zip(range(1, months + 1), year_salary)]
    flows = engine.cashflows(offer, settings)
    signon = flows.signon
    total = [e + s + b + o for e, s, b, o in zip(equity_flow, salary, bonus, signon)]
    discounted = [t * d for t, d in zip(total, axis_figures.discount)]
    return Block(growth, probability, liquidity, price, units, shares, equity_flow, base, bump_if_met, bump, salary,
                 year_salary, bonus, signon, total, discounted)


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
        return math.fsum(self.blocks[index].discounted)
