"""One offer's value: yearly total compensation, the nominal total, the present value (the
holding rule included), the annualized figure and the totals by component."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

from ..model import ModelSettings, Offer
from .cashflows import COMPONENTS, Cashflows, cashflows, present_value
from .tax import AfterTax


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
    outcomes: Optional[dict[str, float]] = None  # p10, p50, p90, mean of the draws; None without draws

    def as_json(self) -> dict:
        return {"name": self.name, "years": self.years, "total": self.total, "pv": self.pv,
                "annualized": self.annualized, "components": self.components,
                "after_tax": self.after_tax.as_json() if self.after_tax else None,
                "outcomes": self.outcomes}


def value_offer(offer: Offer, settings: ModelSettings) -> OfferValue:
    flows = cashflows(offer, settings)
    years = [math.fsum(flows.total(m) for m in range(12 * (y - 1) + 1, 12 * y + 1))
             for y in range(1, settings.horizon_years + 1)]
    components = {name: math.fsum(flows.component(name)) for name in COMPONENTS}
    total = math.fsum(years)
    return OfferValue(offer.name, years, total, present_value(flows, settings.discount_rate),
                      total / settings.horizon_years, components, flows)
