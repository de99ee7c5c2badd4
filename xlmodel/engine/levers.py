"""Negotiation levers: a contingent fallback bump and vesting acceleration, as asks.

A counter-offer is often won with a bump that is paid only if a milestone is met and with an
initial grant that vests sooner, rather than with a higher base. Every figure here is valued
under the target offer's own assumptions (no scenario overrides), at the model's discount rate.
The pieces (D_f, K, PV(0), the grant sums) are separate functions so that a workbook can show
them as intermediate results.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Optional

from ..model import Equity, ModelSettings, NegotiationSettings, Offer, OffersFile, Schedule
from .asks import divide_gap
from .cashflows import base_salary, cashflows, certain_fallback_pay, present_value
from .equity import tranche_present_value, tranche_value
from .leave import leave_months
from .timeline import discount_factor


# --- a contingent bump ------------------------------------------------------------------------

def bump_pv_factor(offer: Offer, settings: ModelSettings, after_months: int) -> float:
    """D_f: the present value of the offer's base salary (raised at each anniversary) paid in
    months after_months + 1 .. M, i.e. of a bump of 100% of base from that month on."""
    rate = settings.discount_rate
    return sum(base_salary(offer, m) * discount_factor(m, rate)
               for m in range(after_months + 1, settings.months + 1))


def bump_amount_pv_factor(settings: ModelSettings, after_months: int) -> float:
    """The present value of one annual dollar (1/12 a month, not raised) paid after `after_months`."""
    rate = settings.discount_rate
    return sum(discount_factor(m, rate) / 12.0 for m in range(after_months + 1, settings.months + 1))


def ask_bump(offer: Offer, settings: ModelSettings, negotiation: NegotiationSettings,
             gap: float) -> Optional[float]:
    """The extra fallback bump, as a fraction of base, that alone closes a PV gap when it is paid
    from month fallback_after_months + 1 with probability fallback_probability (its effect on the
    bonus is ignored). 0 without a gap; None when no bump can close it (nothing left to pay it on,
    or probability 0)."""
    factor = negotiation.fallback_probability * bump_pv_factor(offer, settings, negotiation.fallback_after_months)
    return divide_gap(max(0.0, gap), factor)


def ask_bump_amount(settings: ModelSettings, negotiation: NegotiationSettings, gap: float) -> Optional[float]:
    """The same bump as annual dollars (not raised)."""
    factor = negotiation.fallback_probability * bump_amount_pv_factor(settings, negotiation.fallback_after_months)
    return divide_gap(max(0.0, gap), factor)


# --- the milestone probability that closes the gap --------------------------------------------

def fallback_pv_per_probability(offer: Offer, settings: ModelSettings) -> float:
    """K: what each unit of milestone probability adds to the offer's PV, the certain bump and
    the bonus paid on it at the end of each year."""
    rate = settings.discount_rate
    bonus_rate = offer.bonus_target * offer.bonus_payout
    pay = [certain_fallback_pay(offer, m) for m in range(1, settings.months + 1)]
    salary_part = sum(amount * discount_factor(m, rate) for m, amount in enumerate(pay, start=1))
    bonus_part = sum(bonus_rate * sum(pay[12 * (y - 1):12 * y]) * discount_factor(12 * y, rate)
                     for y in range(1, settings.horizon_years + 1))
    return salary_part + bonus_part


def pv_without_fallback(offer: Offer, settings: ModelSettings) -> float:
    """PV(0): the offer's present value if the milestone is surely missed."""
    if offer.fallback is not None:
        offer = replace(offer, fallback=replace(offer.fallback, probability=0.0))
    return present_value(cashflows(offer, settings), settings.discount_rate)


def probability_to_close(offer: Offer, settings: ModelSettings,
                         alternative_pv: Optional[float]) -> Optional[float]:
    """The milestone probability at which the offer's PV equals `alternative_pv`, from
    PV(p) = PV(0) + p x K; never below 0, and above 1 when no milestone closes the gap.

    None without an alternative, without a fallback clause, or when the clause is worth
    nothing within the horizon (K = 0, or so small that no finite probability closes the gap).
    """
    if alternative_pv is None or offer.fallback is None:
        return None
    slope = fallback_pv_per_probability(offer, settings)
    if not slope > 0:
        return None
    probability = max(0.0, (alternative_pv - pv_without_fallback(offer, settings)) / slope)
    return probability if math.isfinite(probability) else None  # a bump of 1e-320 of base, say


# --- acceleration of the initial grant ------------------------------------------------------

ACCELERATION_DIGITS = 6

def initial_grant_pv(equity: Equity, schedule: Schedule, settings: ModelSettings) -> float:
    """The present value of the initial grant (month 0, no refreshers) vesting on `schedule`,
    each tranche sold at vest or held to the horizon, the better; tranches after the horizon
    left out."""
    return sum((tranche_present_value(equity, equity.shares, fraction, t, settings.months, settings.discount_rate)
                for t, fraction in schedule.tranches if t <= settings.months), 0.0)


def initial_grant_vested(equity: Equity, schedule: Schedule, leave_month: int) -> float:
    """Nominal value of the initial grant's tranches on `schedule` that vest by `leave_month`."""
    return sum((tranche_value(equity, equity.shares, fraction, t)
                for t, fraction in schedule.tranches if t <= leave_month), 0.0)


def acceleration_value(offer: Offer, settings: ModelSettings, negotiation: NegotiationSettings) -> Optional[float]:
    """The PV gained when the initial grant vests on the accelerated schedule instead of its own.

    Never negative unless the accelerated schedule vests less within the horizon than the
    offer's own (shares vested sooner can always be held). None when the offer has no equity.
    """
    equity = offer.equity
    if equity is None:
        return None
    gained = (initial_grant_pv(equity, negotiation.accelerated_schedule, settings)
              - initial_grant_pv(equity, equity.schedule, settings))
    # to a millionth of a dollar: the same shares held to the horizon on both schedules give the
    # same value, whatever the rounding of two sums in different orders
    return round(gained, ACCELERATION_DIGITS) + 0.0


def acceleration_kept(offer: Offer, settings: ModelSettings,
                      negotiation: NegotiationSettings) -> Optional[dict[int, float]]:
    """{leave month: nominal dollars more of the initial grant kept with acceleration}, for the
    leave months 6, 12, 18, 24 and 36 within the horizon. None when the offer has no equity."""
    equity = offer.equity
    if equity is None:
        return None
    return {leave: initial_grant_vested(equity, negotiation.accelerated_schedule, leave)
            - initial_grant_vested(equity, equity.schedule, leave)
            for leave in leave_months(settings)}


def gap_after_acceleration(gap: float, acceleration: Optional[float]) -> float:
    """The gap left once acceleration is granted; an acceleration worth nothing closes nothing."""
    gap = max(0.0, gap)
    if acceleration is None:
        return gap
    return max(0.0, gap - max(0.0, acceleration))


def package_bump(offer: Offer, settings: ModelSettings, negotiation: NegotiationSettings,
                 gap_left: float) -> Optional[float]:
    """The bump (as ask_bump) that closes what acceleration leaves of the gap."""
    return ask_bump(offer, settings, negotiation, gap_left)


# --- all of them for an offers file --------------------------------------------------------------

@dataclass(frozen=True)
class Levers:
    ask_bump: Optional[float]
    ask_bump_amount: Optional[float]
    probability_to_close: Optional[float]
    acceleration_value: Optional[float]
    acceleration_kept: Optional[dict[int, float]]
    gap_after_acceleration: float
    package_bump: Optional[float]


def negotiation_levers(offers_file: OffersFile, gap: float, alternative_pv: Optional[float]) -> Levers:
    """Every lever for the file's target, against an alternative of PV `alternative_pv` (None: none)."""
    target, settings, negotiation = offers_file.target, offers_file.model, offers_file.negotiation
    acceleration = acceleration_value(target, settings, negotiation)
    gap_left = gap_after_acceleration(gap, acceleration)
    return Levers(
        ask_bump=ask_bump(target, settings, negotiation, gap),
        ask_bump_amount=ask_bump_amount(settings, negotiation, gap),
        probability_to_close=probability_to_close(target, settings, alternative_pv),
        acceleration_value=acceleration,
        acceleration_kept=acceleration_kept(target, settings, negotiation),
        gap_after_acceleration=gap_left,
        package_bump=package_bump(target, settings, negotiation, gap_left),
    )
