"""The negotiation: the target, its best alternative and the present-value gap, the asks that
close it, the levers of a counter-offer, and the business-day dates of the talks."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Optional

from ..business_days import workday
from ..model import OffersFile
from .asks import ask_base, ask_equity, ask_signon
from .levers import negotiation_levers
from .offer_value import OfferValue


@dataclass
class Negotiation:
    target: str
    alternative: Optional[str]
    gap: float
    ask_base: Optional[float]
    ask_signon: float
    ask_equity: Optional[float]
    respond_by: Optional[date]
    expires: Optional[date]
    ask_bump: Optional[float] = None
    ask_bump_amount: Optional[float] = None
    probability_to_close: Optional[float] = None
    acceleration_value: Optional[float] = None
    acceleration_kept: Optional[dict[int, float]] = None  # {leave month: nominal dollars}
    gap_after_acceleration: float = 0.0
    package_bump: Optional[float] = None
    after_tax_gap: Optional[float] = None  # None without a [tax] table
    odds_alternative_wins: Optional[float] = None  # None with a single offer or without draws

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
                "after_tax_gap": self.after_tax_gap, "odds_alternative_wins": self.odds_alternative_wins}


def best_alternative(offers_file: OffersFile, values: dict[str, OfferValue]) -> Optional[OfferValue]:
    """The other offer with the highest present value (the first of equals); None with one offer."""
    others = [values[o.name] for o in offers_file.offers if o.name != offers_file.target.name]
    return max(others, key=lambda v: v.pv) if others else None


def negotiate(offers_file: OffersFile, values: dict[str, OfferValue]) -> Negotiation:
    settings = offers_file.model
    target = offers_file.target
    alternative = best_alternative(offers_file, values)
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
