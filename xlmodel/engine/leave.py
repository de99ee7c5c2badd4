"""Leaving early: what each offer leaves you with when you quit, or when the role is cut, at a
leave month, and what keeping vested options then costs."""
from __future__ import annotations

import math
from typing import Optional

from ..model import ModelSettings, Offer
from ..rounding import to_cents
from .cashflows import Cashflows, cashflows, salary
from .equity import shares_vesting

LEAVE_MONTHS = (6, 12, 18, 24, 36)
LEAVE_MODES = ("quit", "cut")


def leave_months(settings: ModelSettings) -> tuple[int, ...]:
    """The leave months that fall within the horizon."""
    return tuple(month for month in LEAVE_MONTHS if month <= settings.months)


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


def exercise_cost(offer: Offer, settings: ModelSettings, leave_month: int) -> Optional[float]:
    """The cash needed, within the exercise window after leaving at `leave_month`, to buy the
    option shares vested by then (initial grant and refreshers): strike x shares, nominal, to the
    cent (as the workbook's ROUND, so the texts quote the same dollar).
    None for RSUs and for an offer without equity."""
    equity = offer.equity
    if equity is None or equity.is_rsu:
        return None
    vested = shares_vesting(equity, settings.horizon_years)[:min(leave_month, settings.months)]
    return to_cents(equity.strike * math.fsum(vested))


def leave_values(offer: Offer, settings: ModelSettings,
                 flows: Cashflows) -> dict[int, dict[str, Optional[float]]]:
    """At each leave month in the horizon: nominal dollars kept when quitting and when the role
    is cut, and the exercise cost of the vested options (None for RSUs)."""
    return {leave: {**{mode: leave_value(offer, settings, leave, mode, flows) for mode in LEAVE_MODES},
                    "exercise_cost": exercise_cost(offer, settings, leave)}
            for leave in leave_months(settings)}
