"""Offers under other assumptions: a scenario's overrides, the present value at any stock
growth (the sensitivity table), and the target's break-even growth found by bisection."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Optional

from ..model import ModelSettings, Offer, OffersFile, Scenario
from .cashflows import cash_present_value, cashflows
from .equity import EquityValuer
from .offer_value import value_offer

SENSITIVITY_GROWTHS = (-0.30, -0.20, -0.10, 0.0, 0.10, 0.20, 0.30)
BISECTION_STEPS = 40


def with_growth(offer: Offer, growth: float) -> Offer:
    if offer.equity is None:
        return offer
    return replace(offer, equity=replace(offer.equity, growth=growth))


def apply_scenario(offer: Offer, scenario: Scenario) -> Offer:
    if scenario.growth is not None:
        offer = with_growth(offer, scenario.growth)
    elif scenario.growth_shift is not None and offer.equity is not None:
        offer = with_growth(offer, offer.equity.growth + scenario.growth_shift)
    if scenario.liquidity is not None and offer.equity is not None:
        offer = replace(offer, equity=replace(offer.equity, liquidity_probability=scenario.liquidity))
    if scenario.milestone is not None and offer.fallback is not None:
        offer = replace(offer, fallback=replace(offer.fallback, probability=1.0 if scenario.milestone else 0.0))
    return offer


@dataclass
class ScenarioValue:
    name: str
    pv: dict[str, float]
    total: dict[str, float]

    def as_json(self) -> dict:
        return {"name": self.name, "pv": self.pv, "total": self.total}


def value_scenario(offers_file: OffersFile, scenario: Scenario) -> ScenarioValue:
    values = [value_offer(apply_scenario(o, scenario), offers_file.model) for o in offers_file.offers]
    return ScenarioValue(scenario.name, {v.name: v.pv for v in values}, {v.name: v.total for v in values})


def pv_at_growth(offer: Offer, settings: ModelSettings, growth: float) -> float:
    return pricer(offer, settings)(growth)


def pricer(offer: Offer, settings: ModelSettings) -> Callable[[float], float]:
    """The offer's present value as a function of its stock growth (salary, bonus and sign-on
    do not depend on it)."""
    flows = cashflows(offer, settings)
    cash = cash_present_value(flows, settings.discount_rate)
    if offer.equity is None:
        return lambda growth: cash
    valuer = EquityValuer(offer.equity, settings.horizon_years, settings.discount_rate)
    liquidity = offer.equity.liquidity_probability
    return lambda growth: cash + valuer.present_value(growth, liquidity)


@dataclass(frozen=True)
class BisectionStep:
    low: float
    high: float
    middle: float
    pv: Optional[float]  # the present value at `middle`; None on the last row, where the search ends


@dataclass(frozen=True)
class Bisection:
    """The search for the growth at which an offer's PV meets a goal, step by step (the
    workbook writes the same steps as formulas), and the PVs at the two ends of the range."""
    goal: float
    low_pv: float
    high_pv: float
    steps: tuple[BisectionStep, ...]

    @property
    def found(self) -> bool:
        return self.low_pv <= self.goal <= self.high_pv

    @property
    def growth(self) -> Optional[float]:
        """The last step's middle: within 0.6 / 2^40 (under 1e-12) of the tie, when there is one."""
        last = self.steps[-1]
        return (last.low + last.high) / 2 if self.found else None


def bisect_growth(offer: Offer, settings: ModelSettings, goal_pv: float) -> Bisection:
    """Bisection on the offer's growth in [-30%, +30%] (PV rises with growth) towards `goal_pv`."""
    low, high = SENSITIVITY_GROWTHS[0], SENSITIVITY_GROWTHS[-1]
    pv_at = pricer(offer, settings)
    ends = pv_at(low), pv_at(high)
    steps = []
    for _ in range(BISECTION_STEPS):
        middle = (low + high) / 2
        pv = pv_at(middle)
        steps.append(BisectionStep(low, high, middle, pv))
        if pv < goal_pv:
            low = middle
        else:
            high = middle
    steps.append(BisectionStep(low, high, (low + high) / 2, None))
    return Bisection(goal_pv, ends[0], ends[1], tuple(steps))


def growth_for_pv(offer: Offer, settings: ModelSettings, goal_pv: float) -> Optional[float]:
    """The offer's stock growth in [-30%, +30%] at which its PV equals `goal_pv`; None for an
    offer without equity or when no growth in that range reaches it."""
    if offer.equity is None:
        return None
    return bisect_growth(offer, settings, goal_pv).growth
