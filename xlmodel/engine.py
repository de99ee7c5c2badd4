"""The valuation engine: the conventions of docs/model.md as plain Python, no spreadsheet code.

Months run m = 1..M (M = 12 x horizon_years); every amount is paid at the end of its month.
Monthly amounts are kept in lists indexed m - 1.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Optional

from .business_days import workday
from .model import Equity, Offer, OffersFile, ModelSettings, Scenario
from .tax import AfterTax, after_tax_gap, after_tax_value

COMPONENTS = ("salary", "bonus", "signon", "equity")
LEAVE_MONTHS = (6, 12, 18, 24, 36)
SENSITIVITY_GROWTHS = (-0.30, -0.20, -0.10, 0.0, 0.10, 0.20, 0.30)
BISECTION_STEPS = 60


def year_of(month: int) -> int:
    return math.ceil(month / 12)


def discount_factor(month: int, rate: float) -> float:
    return (1.0 + rate) ** (-month / 12.0)


# --- monthly cash flows ---------------------------------------------------------------------

@dataclass
class Cashflows:
    salary: list[float]
    bonus: list[float]
    signon: list[float]
    equity: list[float]

    @property
    def months(self) -> int:
        return len(self.salary)

    def component(self, name: str) -> list[float]:
        return getattr(self, name)

    def total(self, month: int) -> float:
        i = month - 1
        return self.salary[i] + self.bonus[i] + self.signon[i] + self.equity[i]


def base_salary(offer: Offer, month: int) -> float:
    """B(m): the monthly base salary, raised at each work anniversary."""
    return offer.base * (1.0 + offer.annual_raise) ** (year_of(month) - 1) / 12.0


def fallback_pay(offer: Offer, month: int) -> float:
    """F(m): the expected fallback bump (probability-weighted) in month m."""
    fallback = offer.fallback
    if fallback is None or month <= fallback.after_months:
        return 0.0
    if fallback.bump is not None:
        return base_salary(offer, month) * fallback.bump * fallback.probability
    return fallback.bump_amount * fallback.probability / 12.0


def salary(offer: Offer, month: int) -> float:
    """S(m) = B(m) + F(m)."""
    return base_salary(offer, month) + fallback_pay(offer, month)


def share_price(equity: Equity, month: int) -> float:
    return equity.price * (1.0 + equity.growth) ** (month / 12.0)


def tranche_value(equity: Equity, shares: float, fraction: float, month: int) -> float:
    """What `fraction` of a grant of `shares` is worth when it vests at `month`."""
    price = share_price(equity, month)
    per_share = price if equity.is_rsu else max(price - equity.strike, 0.0)
    return (shares * fraction * per_share * equity.liquidity_probability
            * (1.0 - equity.dilution) ** (month / 12.0))


def equity_grants(equity: Equity, horizon_years: int) -> list[tuple[int, float]]:
    """(grant month, shares): the initial grant at month 0, then a refresher at each anniversary."""
    grants = [(0, equity.shares)]
    if equity.refresh_value > 0:
        grants += [(12 * k, equity.refresh_value / share_price(equity, 12 * k)) for k in range(1, horizon_years)]
    return grants


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

    equity_flow = [0.0] * months
    if offer.equity is not None:
        equity = offer.equity
        for grant_month, shares in equity_grants(equity, settings.horizon_years):
            for t, fraction in equity.schedule.tranches:
                vest = grant_month + t
                if vest <= months:
                    equity_flow[vest - 1] += tranche_value(equity, shares, fraction, vest)
    return Cashflows(salary_flow, bonus_flow, signon_flow, equity_flow)


# --- one offer's value --------------------------------------------------------------------

@dataclass
class OfferValue:
    name: str
    years: list[float]
    total: float
    pv: float
    annualized: float
    components: dict[str, float]
    flows: Cashflows = field(repr=False)
    after_tax: Optional[AfterTax] = None  # None without a [tax] table

    def as_json(self) -> dict:
        return {"name": self.name, "years": self.years, "total": self.total, "pv": self.pv,
                "annualized": self.annualized, "components": self.components,
                "after_tax": self.after_tax.as_json() if self.after_tax else None}


def present_value(flows: Cashflows, rate: float) -> float:
    return sum(flows.total(m) * discount_factor(m, rate) for m in range(1, flows.months + 1))


def value_offer(offer: Offer, settings: ModelSettings) -> OfferValue:
    flows = cashflows(offer, settings)
    years = [sum(flows.total(m) for m in range(12 * (y - 1) + 1, 12 * y + 1))
             for y in range(1, settings.horizon_years + 1)]
    components = {name: sum(flows.component(name)) for name in COMPONENTS}
    total = sum(years)
    return OfferValue(offer.name, years, total, present_value(flows, settings.discount_rate),
                      total / settings.horizon_years, components, flows)


# --- scenarios and sensitivity --------------------------------------------------------------

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


# --- negotiation ------------------------------------------------------------------------

@dataclass
class Negotiation:
    target: str
    alternative: Optional[str]
    gap: float
    ask_base: float
    ask_signon: float
    ask_equity: Optional[float]
    respond_by: Optional[object]
    expires: Optional[object]
    ask_bump: Optional[float] = None
    ask_bump_amount: Optional[float] = None
    probability_to_close: Optional[float] = None
    acceleration_value: Optional[float] = None
    acceleration_kept: Optional[dict[int, float]] = None  # {leave month: nominal dollars}
    gap_after_acceleration: float = 0.0
    package_bump: Optional[float] = None
    after_tax_gap: Optional[float] = None  # None without a [tax] table

    def as_json(self) -> dict:
        kept = self.acceleration_kept
        return {"target": self.target, "alternative": self.alternative, "gap": self.gap,
                "ask_base": self.ask_base, "ask_signon": self.ask_signon, "ask_equity": self.ask_equity,
                "respond_by": self.respond_by.isoformat() if self.respond_by else None,
                "expires": self.expires.isoformat() if self.expires else None,
                "ask_bump": self.ask_bump, "ask_bump_amount": self.ask_bump_amount,
                "probability_to_close": self.probability_to_close,
                "acceleration_value": self.acceleration_value,
                "acceleration_kept": {str(month): x for month, x in kept.items()} if kept is not None else None,
                "gap_after_acceleration": self.gap_after_acceleration, "package_bump": self.package_bump,
                "after_tax_gap": self.after_tax_gap}


def base_ask_factor(offer: Offer, settings: ModelSettings) -> float:
    """PV of one extra year-1 dollar of base, raised like base."""
    return sum((1.0 + offer.annual_raise) ** (year_of(m) - 1) / 12.0 * discount_factor(m, settings.discount_rate)
               for m in range(1, settings.months + 1))


def equity_ask_factor(equity: Equity, settings: ModelSettings) -> float:
    """PV of one extra dollar of RSU grant value on the offer's own schedule."""
    return sum(fraction * (1.0 + equity.growth) ** (t / 12.0) * equity.liquidity_probability
               * (1.0 - equity.dilution) ** (t / 12.0) * discount_factor(t, settings.discount_rate)
               for t, fraction in equity.schedule.tranches if t <= settings.months)


def _divide(gap: float, factor: float) -> Optional[float]:
    """gap / factor; None when no finite amount closes the gap (a factor of 0, or one so
    small, such as a liquidity of 1e-310, that the quotient overflows to infinity)."""
    if gap == 0:
        return 0.0
    if not factor > 0:
        return None
    ask = gap / factor
    return ask if math.isfinite(ask) else None


def ask_base(offer: Offer, settings: ModelSettings, gap: float) -> Optional[float]:
    """Extra year-1 base (raised like base) that alone closes a PV gap; a gap below 0 counts as 0."""
    return _divide(max(0.0, gap), base_ask_factor(offer, settings))


def ask_signon(settings: ModelSettings, gap: float) -> float:
    """Extra sign-on paid in month 1 that alone closes a PV gap; a gap below 0 counts as 0."""
    return max(0.0, gap) / discount_factor(1, settings.discount_rate)


def ask_equity(offer: Offer, settings: ModelSettings, gap: float) -> Optional[float]:
    """Extra RSU grant value on the offer's own schedule that alone closes a PV gap.

    None for an offer without RSUs (options or no equity), or when no grant can close a
    positive gap (nothing of the grant is worth anything within the horizon).
    """
    if offer.equity is None or not offer.equity.is_rsu:
        return None
    return _divide(max(0.0, gap), equity_ask_factor(offer.equity, settings))


def negotiate(offers_file: OffersFile, values: dict[str, OfferValue]) -> Negotiation:
    from .levers import negotiation_levers  # levers.py builds on this module, so it is imported late

    settings = offers_file.model
    target = offers_file.target
    others = [values[o.name] for o in offers_file.offers if o.name != target.name]
    alternative = max(others, key=lambda v: v.pv) if others else None
    gap = max(0.0, alternative.pv - values[target.name].pv) if alternative else 0.0
    respond_by = expires = None
    if settings.decision_date is not None:
        respond_by = workday(settings.decision_date, settings.response_business_days, settings.holidays)
        expires = workday(settings.decision_date, settings.expiry_business_days, settings.holidays)
    levers = negotiation_levers(offers_file, gap, alternative.pv if alternative else None)
    return Negotiation(
        target=target.name, alternative=alternative.name if alternative else None, gap=gap,
        ask_base=ask_base(target, settings, gap), ask_signon=ask_signon(settings, gap),
        ask_equity=ask_equity(target, settings, gap), respond_by=respond_by, expires=expires,
        **vars(levers))


# --- leaving early ------------------------------------------------------------------------

def clawback(offer: Offer, leave_month: int) -> float:
    """What quitting at `leave_month` repays of the upfront sign-on bonuses already received."""
    if offer.signon_payment != "upfront" or offer.signon_clawback_months == 0:
        return 0.0
    months = offer.signon_clawback_months
    repay = 0.0
    for year, amount in enumerate(offer.signon, start=1):
        paid_month = 12 * (year - 1) + 1
        if paid_month <= leave_month:
            repay += amount * max(0, 12 * (year - 1) + months - leave_month) / months
    return repay


def kept_until(flows: Cashflows, leave_month: int) -> float:
    return sum(flows.total(m) for m in range(1, min(leave_month, flows.months) + 1))


LEAVE_MODES = ("quit", "cut")


def leave_value(offer: Offer, settings: ModelSettings, leave_month: int, mode: str = "quit",
                flows: Optional[Cashflows] = None) -> float:
    """Nominal dollars kept when quitting ("quit") or when the role is cut ("cut") at `leave_month`.

    Quit: everything paid or vested in months <= leave_month, less the sign-on clawback.
    Cut: no clawback, and salary (with the expected bump) runs on through month
    max(leave_month, guaranteed_months), even past the horizon: the guarantee is paid. Months
    past the horizon take the same salary S(m), raised at each anniversary.
    """
    if mode not in LEAVE_MODES:
        raise ValueError(f"mode must be one of {LEAVE_MODES}, got {mode!r}")
    if flows is None:
        flows = cashflows(offer, settings)
    kept = kept_until(flows, leave_month)
    if mode == "quit":
        return kept - clawback(offer, leave_month)
    guaranteed = offer.fallback.guaranteed_months if offer.fallback else 0
    last_paid = max(leave_month, guaranteed)
    return kept + sum(flows.salary[m - 1] if m <= flows.months else salary(offer, m)
                      for m in range(leave_month + 1, last_paid + 1))


def leave_values(offer: Offer, settings: ModelSettings, flows: Cashflows) -> dict[int, dict[str, float]]:
    """Nominal dollars kept when quitting, or when the role is cut, at each leave month in the horizon."""
    return {leave: {mode: leave_value(offer, settings, leave, mode, flows) for mode in LEAVE_MODES}
            for leave in LEAVE_MONTHS if leave <= settings.months}


# --- sensitivity to stock growth -----------------------------------------------------------

def pv_at_growth(offer: Offer, settings: ModelSettings, growth: float) -> float:
    return present_value(cashflows(with_growth(offer, growth), settings), settings.discount_rate)


def growth_for_pv(offer: Offer, settings: ModelSettings, goal_pv: float) -> Optional[float]:
    """The offer's stock growth in [-30%, +30%] at which its PV equals `goal_pv`.

    Found by bisection (PV rises with growth); None for an offer without equity or when
    no growth in that range reaches `goal_pv`.
    """
    if offer.equity is None:
        return None
    low, high = SENSITIVITY_GROWTHS[0], SENSITIVITY_GROWTHS[-1]
    if not pv_at_growth(offer, settings, low) <= goal_pv <= pv_at_growth(offer, settings, high):
        return None
    for _ in range(BISECTION_STEPS):
        middle = (low + high) / 2
        if pv_at_growth(offer, settings, middle) < goal_pv:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def break_even_growth(offers_file: OffersFile, values: dict[str, OfferValue], alternative: Optional[str]) -> Optional[float]:
    """The target's stock growth in [-30%, +30%] at which its PV equals the alternative's (None: no tie)."""
    if alternative is None:
        return None
    return growth_for_pv(offers_file.target, offers_file.model, values[alternative].pv)


# --- everything at once -------------------------------------------------------------------

@dataclass
class Valuation:
    offers: list[OfferValue]
    scenarios: list[ScenarioValue]
    negotiation: Negotiation
    leave: dict[str, dict[int, dict[str, float]]]
    sensitivity: dict[str, dict[float, float]]
    break_even_growth: Optional[float]

    def as_json(self) -> dict:
        return {
            "offers": [v.as_json() for v in self.offers],
            "scenarios": [s.as_json() for s in self.scenarios],
            "negotiation": self.negotiation.as_json(),
            "leave": {name: {str(month): kept for month, kept in by_month.items()}
                      for name, by_month in self.leave.items()},
        }


def value_all(offers_file: OffersFile) -> Valuation:
    settings = offers_file.model
    values = {o.name: value_offer(o, settings) for o in offers_file.offers}
    if offers_file.tax is not None:
        for o in offers_file.offers:
            flows = values[o.name].flows
            values[o.name].after_tax = after_tax_value(
                [flows.total(m) for m in range(1, flows.months + 1)], settings.discount_rate,
                settings.start_date.year, offers_file.tax, o.tax_location)
    negotiation = negotiate(offers_file, values)
    if offers_file.tax is not None:
        alternative = values[negotiation.alternative].after_tax if negotiation.alternative else None
        negotiation.after_tax_gap = after_tax_gap(values[negotiation.target].after_tax, alternative)
    return Valuation(
        offers=list(values.values()),
        scenarios=[value_scenario(offers_file, s) for s in offers_file.scenarios],
        negotiation=negotiation,
        leave={o.name: leave_values(o, settings, values[o.name].flows) for o in offers_file.offers},
        sensitivity={o.name: {g: pv_at_growth(o, settings, g) for g in SENSITIVITY_GROWTHS}
                     for o in offers_file.offers},
        break_even_growth=break_even_growth(offers_file, values, negotiation.alternative),
    )
