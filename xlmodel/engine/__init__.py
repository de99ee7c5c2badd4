"""The valuation engine: the model of docs/model.md as plain Python, no spreadsheet code.

By concept: `timeline` (months and discounting), `equity` (prices, preferences, grants, the
holding rule), `cashflows` (one offer month by month), `offer_value`, `scenarios` (overrides,
sensitivity, break-even), `asks` and `levers` (what closes the gap), `negotiation`, `leave`
(leaving early), `tax` (after tax), `outcomes` (the odds), and `valuation` on top of them all.
"""
from .asks import ask_base, ask_equity, ask_signon, base_ask_factor, divide_gap, equity_ask_factor
from .cashflows import COMPONENTS, Cashflows, base_salary, cashflows, fallback_pay, present_value, salary
from .equity import share_price, tranche_value
from .leave import LEAVE_MODES, LEAVE_MONTHS, clawback, exercise_cost, kept_until, leave_value, leave_values
from .negotiation import Negotiation, negotiate
from .offer_value import OfferValue, value_offer
from .scenarios import (BISECTION_STEPS, SENSITIVITY_GROWTHS, ScenarioValue, apply_scenario, growth_for_pv,
                        pv_at_growth, value_scenario, with_growth)
from .timeline import discount_factor, year_of
from .valuation import Valuation, value_all

__all__ = [
    "ask_base", "ask_equity", "ask_signon", "base_ask_factor", "divide_gap", "equity_ask_factor",
    "COMPONENTS", "Cashflows", "base_salary", "cashflows", "fallback_pay", "present_value", "salary",
    "share_price", "tranche_value",
    "LEAVE_MODES", "LEAVE_MONTHS", "clawback", "exercise_cost", "kept_until", "leave_value", "leave_values",
    "Negotiation", "negotiate", "OfferValue", "value_offer",
    "BISECTION_STEPS", "SENSITIVITY_GROWTHS", "ScenarioValue", "apply_scenario", "growth_for_pv", "pv_at_growth",
    "value_scenario", "with_growth", "discount_factor", "year_of", "Valuation", "value_all",
]
