"""What closes a present-value gap, one lever at a time, under the target offer's own
assumptions: extra base, an extra sign-on in month 1, or an extra RSU grant."""
from __future__ import annotations

import math
from typing import Optional

from ..model import Equity, ModelSettings, Offer
from .equity import common_price, dilution_factor, share_price
from .timeline import discount_factor, year_of


def divide_gap(gap: float, factor: float) -> Optional[float]:
    """gap / factor, the amount that closes a gap at `factor` dollars of PV a dollar; 0 without a
    gap; None when no finite amount closes it (a factor of 0, or one so small, such as a
    liquidity of 1e-310, that the quotient overflows to infinity)."""
    gap = max(0.0, gap)
    if gap == 0:
        return 0.0
    if not factor > 0:
        return None
    ask = gap / factor
    return ask if math.isfinite(ask) else None


def base_ask_factor(offer: Offer, settings: ModelSettings) -> float:
    """PV of one extra year-1 dollar of base, raised like base."""
    return sum((1.0 + offer.annual_raise) ** (year_of(m) - 1) / 12.0 * discount_factor(m, settings.discount_rate)
               for m in range(1, settings.months + 1))


def equity_ask_factor(equity: Equity, settings: ModelSettings) -> float:
    """PV of one extra dollar of RSU grant value on the offer's own schedule: each tranche at the
    better of its vest month and the horizon (the holding rule)."""
    months = settings.months

    def worth(m: int) -> float:  # w(m): a dollar of grant, as common stock vesting at m, today
        return (common_price(equity, share_price(equity, m)) / equity.price * equity.liquidity_probability
                * dilution_factor(equity, m) * discount_factor(m, settings.discount_rate))
    held = worth(months)
    return sum(fraction * max(worth(t), held) for t, fraction in equity.schedule.tranches if t <= months)


def ask_base(offer: Offer, settings: ModelSettings, gap: float) -> Optional[float]:
    """Extra year-1 base (raised like base) that alone closes a PV gap; a gap below 0 counts as 0."""
    return divide_gap(gap, base_ask_factor(offer, settings))


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
    return divide_gap(gap, equity_ask_factor(offer.equity, settings))
