"""A handful of offers files nobody hand-wrote, the same on every run, that between them use
every kind of input the workbook lays out: 1 to 4 offers, horizons of 1 to 10 years, RSUs,
options (with and without a strike, sized by shares or by percent) and no equity, refreshers,
every schedule form, fallbacks with `bump` and with `bump_amount`, upfront and monthly sign-ons,
scenarios with growth, growth_shift, milestone and liquidity, with and without a decision date.

Kept to six files: each is recalculated by LibreOffice, which takes seconds."""
from __future__ import annotations

import datetime as dt
import random

from xlmodel.model import OffersFile
from xlmodel.inputs.offers_file import parse_offers

SEED = 20261126


def _money(rng: random.Random, low: int, high: int) -> int:
    return rng.randrange(low, high, 500)


def _rate(rng: random.Random, low: float, high: float) -> float:
    return round(rng.uniform(low, high), 3)


def _rsu(rng, schedule, refresh: bool = False) -> dict:
    equity = {"type": "rsu", "grant_value": _money(rng, 100_000, 600_000), "price": round(rng.uniform(40, 700), 2),
              "growth": _rate(rng, -0.1, 0.25), "schedule": schedule}
    if refresh:
        equity["refresh_value"] = _money(rng, 20_000, 90_000)
    return equity


def _options(rng, schedule, strike: bool = True, by_percent: bool = False) -> dict:
    equity = {"type": "options", "price": round(rng.uniform(2, 40), 2), "growth": _rate(rng, 0.05, 0.5),
              "schedule": schedule, "liquidity_probability": _rate(rng, 0.2, 0.8), "dilution": _rate(rng, 0, 0.12)}
    if by_percent:
        equity.update(percent=_rate(rng, 0.0005, 0.005), company_value=_money(rng, 50_000_000, 900_000_000))
    else:
        equity["shares"] = rng.randrange(5_000, 120_000, 100)
    if strike:
        equity["strike"] = round(equity["price"] * rng.uniform(0.1, 0.6), 2)
    return equity


def _offer(rng, name: str, **extra) -> dict:
    offer = {"name": name, "base": _money(rng, 120_000, 320_000), "annual_raise": _rate(rng, 0, 0.05)}
    offer.update(extra)
    return offer


def documents() -> dict[str, dict]:
    """name -> an offers file as TOML would parse it."""
    rng = random.Random(SEED)
    start = dt.date(2027, 1, 4)
    files = {}

    files["gen-single-1y"] = {  # one offer, one year, a custom tranche table, no decision date
        "model": {"start_date": dt.date(2027, 3, 1), "horizon_years": 1},
        "offers": [_offer(rng, "Solo", signon=[_money(rng, 5_000, 40_000)], signon_payment="monthly",
                          equity=_rsu(rng, {"tranches": [[3, 0.25], [9, 0.25], [12, 0.5]]}))]}

    files["gen-four-10y"] = {  # four offers over ten years: every equity kind, both fallbacks, all scenario keys
        "model": {"start_date": start, "horizon_years": 10, "discount_rate": 0.07, "target": "Orbit",
                  "decision_date": dt.date(2026, 12, 18), "response_business_days": 4, "expiry_business_days": 12,
                  "holidays": [dt.date(2026, 12, 24), dt.date(2026, 12, 25), dt.date(2027, 1, 1)]},
        "offers": [
            _offer(rng, "Orbit", signon=[_money(rng, 40_000, 90_000), _money(rng, 20_000, 60_000)],
                   signon_clawback_months=24, equity=_rsu(rng, "amazon", refresh=True),
                   fallback={"bump": 0.12, "after_months": 9, "probability": 0.55, "guaranteed_months": 6}),
            _offer(rng, "Lattice", bonus_target=0.1, bonus_payout=0.9,
                   equity=_options(rng, "standard", strike=True),
                   fallback={"bump_amount": 18_000, "after_months": 18, "probability": 0.4}),
            _offer(rng, "Quanta", equity=_options(rng, {"months": 48, "every_months": 3, "cliff_months": 12},
                                                  strike=False, by_percent=True)),
            _offer(rng, "Plain Co", bonus_target=0.2, signon=_money(rng, 10_000, 30_000))],
        "scenarios": [{"name": "Crash", "growth": -0.3, "milestone": False, "liquidity": 0.1},
                      {"name": "Drift", "growth_shift": -0.05},
                      {"name": "As offered"},
                      {"name": "Exit", "growth_shift": 0.2, "milestone": True, "liquidity": 1.0}]}

    files["gen-two-7y"] = {  # a yearly table with a cliff, options without strike, bump_amount on the target
        "model": {"start_date": dt.date(2027, 6, 14), "horizon_years": 7, "discount_rate": 0.03,
                  "decision_date": dt.date(2027, 5, 28)},
        "offers": [
            _offer(rng, "Keel", signon=[_money(rng, 30_000, 60_000), _money(rng, 10_000, 30_000),
                                        _money(rng, 5_000, 10_000)],
                   equity=_rsu(rng, {"yearly": [0.1, 0.2, 0.3, 0.4], "every_months": 6, "cliff_months": 12}),
                   fallback={"bump_amount": 25_000, "after_months": 12, "probability": 0.5,
                             "guaranteed_months": 18}),
            _offer(rng, "Spark", equity=_options(rng, "quarterly-cliff", strike=False))]}

    files["gen-three-5y"] = {  # the target has no equity; monthly vesting with a cliff; liquidity scenarios
        "model": {"start_date": dt.date(2027, 9, 1), "horizon_years": 5, "discount_rate": 0.05, "target": "Cash Corp",
                  "decision_date": dt.date(2027, 8, 2)},
        "offers": [
            _offer(rng, "Meta-like", bonus_target=0.15, equity=_rsu(rng, "meta", refresh=True)),
            _offer(rng, "Cash Corp", bonus_target=0.25, signon=[_money(rng, 20_000, 50_000)],
                   fallback={"bump": 0.08, "after_months": 6, "probability": 0.9}),
            _offer(rng, "Google-like", equity=_rsu(rng, "google", refresh=True),
                   signon=[_money(rng, 10_000, 50_000), _money(rng, 10_000, 50_000)], signon_payment="monthly")],
        "scenarios": [{"name": "Illiquid", "liquidity": 0.0}, {"name": "Flat", "growth": 0.0}]}

    files["gen-two-2y-undiscounted"] = {  # no discounting, both with fallbacks, a short horizon
        "model": {"start_date": dt.date(2028, 2, 29), "horizon_years": 2, "discount_rate": 0,
                  "decision_date": dt.date(2028, 2, 1), "holidays": [dt.date(2028, 2, 14)]},
        "offers": [
            _offer(rng, "Early", equity=_options(rng, {"months": 24, "every_months": 1}),
                   fallback={"bump": 0.3, "after_months": 0, "probability": 1.0}),
            _offer(rng, "Late", equity=_rsu(rng, "standard"),
                   fallback={"bump_amount": 5_000, "after_months": 20, "probability": 0.2})]}

    files["gen-names-3y"] = {  # names a spreadsheet treats specially; a negative growth; levers set
        "model": {"start_date": start, "horizon_years": 3, "discount_rate": 0.09, "target": "Q&A \"Labs\"",
                  "decision_date": dt.date(2026, 12, 30)},
        "offers": [
            _offer(rng, "Q&A \"Labs\"", equity=_rsu(rng, "amazon"), signon=[_money(rng, 20_000, 60_000)],
                   fallback={"bump": 0.1, "after_months": 3, "probability": 0.35}),
            _offer(rng, "=Crème*?", equity={**_rsu(rng, "standard"), "growth": -0.15}),
            _offer(rng, "~Zeta", bonus_target=0.05)],
        "negotiation": {"fallback_after_months": 12, "fallback_probability": 0.5,
                        "accelerated_schedule": {"tranches": [[6, 0.5], [18, 0.5]]}},
        "scenarios": [{"name": "Bear", "growth_shift": -0.2, "milestone": False},
                      {"name": "Bull", "growth_shift": 0.2, "milestone": True}]}
    return files


def offers_files() -> dict[str, OffersFile]:
    return {name: parse_offers(data, f"<{name}>") for name, data in documents().items()}
