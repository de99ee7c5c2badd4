"""Everything at once: every offer's value, the scenarios, the negotiation, leaving early, the
sensitivity to stock growth, the break-even growth, after tax and the odds."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..model import OffersFile
from .leave import leave_values
from .negotiation import Negotiation, negotiate
from .offer_value import OfferValue, value_offer
from .outcomes import OfferDraws, all_draws, odds_alternative_wins, summary
from .scenarios import SENSITIVITY_GROWTHS, Bisection, ScenarioValue, bisect_growth, pricer, value_scenario
from .tax import after_tax_gap, after_tax_value


@dataclass
class Valuation:
    offers: list[OfferValue]
    scenarios: list[ScenarioValue]
    negotiation: Negotiation
    leave: dict[str, dict[int, dict[str, Optional[float]]]]
    sensitivity: dict[str, dict[float, float]]
    break_even: Optional[Bisection]  # the target's search; None without an alternative or equity
    draws: dict[str, OfferDraws]  # empty when model.draws is 0

    @property
    def break_even_growth(self) -> Optional[float]:
        return self.break_even.growth if self.break_even else None

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
                [flows.total(m) for m in range(1, flows.months + 1)], flows.month_present_values(settings.discount_rate),
                settings.start_date.year, offers_file.tax, o.tax_location)
    negotiation = negotiate(offers_file, values)
    if offers_file.tax is not None:
        alternative = values[negotiation.alternative].after_tax if negotiation.alternative else None
        negotiation.after_tax_gap = after_tax_gap(values[negotiation.target].after_tax, alternative)
    draws = {}
    if settings.draws:
        draws = all_draws(offers_file, {name: v.flows for name, v in values.items()},
                          {name: v.pv for name, v in values.items()})
        for name, value in values.items():
            value.outcomes = summary(draws[name].pv)
        if negotiation.alternative:
            negotiation.odds_alternative_wins = odds_alternative_wins(draws[negotiation.alternative].pv,
                                                                      draws[negotiation.target].pv)
    target = offers_file.target
    break_even = None
    if negotiation.alternative and target.equity is not None:
        break_even = bisect_growth(target, settings, values[negotiation.alternative].pv)
    return Valuation(
        offers=list(values.values()),
        scenarios=[value_scenario(offers_file, s) for s in offers_file.scenarios],
        negotiation=negotiation,
        leave={o.name: leave_values(o, settings, values[o.name].flows) for o in offers_file.offers},
        sensitivity={o.name: dict(zip(SENSITIVITY_GROWTHS, map(pricer(o, settings), SENSITIVITY_GROWTHS)))
                     for o in offers_file.offers},
        break_even=break_even,
        draws=draws,
    )
