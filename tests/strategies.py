"""Hypothesis strategies for offers files nobody hand-wrote, and the settings of the fast properties.

`offers_files()` draws VALID offers files as TOML would parse them (dicts of ints, floats,
text, dates and lists): 1-4 offers, equity of both types sized every way, every schedule
preset and all three table forms, fallbacks with `bump` or `bump_amount`, sign-on lists no
longer than the horizon, optional scenarios. Each drawn dict is checked by
`offers_file.parse_offers`, exactly as a file would be.
"""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from xlmodel.inputs.offers_file import parse_offers
from xlmodel.schedules import PRESET_NAMES

# Made after conftest.py loaded the settings profile (the derandomized one in CI), which it inherits.
settings.register_profile("fast", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FAST = settings.get_profile("fast")


def finite(low: float, high: float) -> st.SearchStrategy:
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


def amount(high: float) -> st.SearchStrategy:
    """A dollar amount or a share count: TOML gives an int or a float."""
    return st.one_of(st.integers(0, int(high)), finite(0, high))


FRACTION = finite(0, 1)
MONTH = st.integers(0, 120)
DIVISORS_OF_12 = (1, 2, 3, 4, 6, 12)
# Plain words, with the characters spreadsheets treat specially: quotes, formula leaders,
# wildcards of MATCH (* ? ~), accents and CJK. No control characters: the offers file refuses
# them (the build-control-character-in-a-name row of test_bad_input_catalogue.py).
NAME_CHARS = "AaBbZz019 -_.&'\"=+@*?~éß中"
NAME = st.text(alphabet=NAME_CHARS, min_size=1, max_size=12).filter(lambda s: s.strip())
WORKBOOK_NAME = NAME
DATE = st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31))


@st.composite
def fractions(draw, min_size: int, max_size: int) -> list[float]:
    """Fractions that sum to 1 (as exactly as floats allow): whole-number weights over their sum."""
    weights = draw(st.lists(st.integers(0, 20), min_size=min_size, max_size=max_size).filter(any))
    total = sum(weights)
    return [w / total for w in weights]


@st.composite
def schedules(draw):
    """A preset name or one of the three table forms."""
    form = draw(st.sampled_from(("preset", "yearly", "months", "tranches")))
    if form == "preset":
        return draw(st.sampled_from(PRESET_NAMES))
    table: dict = {}
    if form == "yearly":
        yearly = draw(fractions(1, 10))
        # a one-year schedule may be the bare number, as `yearly = 1.0`
        table["yearly"] = yearly[0] if len(yearly) == 1 and draw(st.booleans()) else yearly
        if draw(st.booleans()):
            table["every_months"] = draw(st.sampled_from(DIVISORS_OF_12))
    elif form == "months":
        every = draw(st.integers(1, 12))
        table["months"] = every * draw(st.integers(1, 120 // every))
        if every > 1 or draw(st.booleans()):
            table["every_months"] = every
    else:
        shares = draw(fractions(1, 8))
        months = draw(st.lists(st.integers(1, 120), min_size=len(shares), max_size=len(shares)))
        table["tranches"] = [[m, f] for m, f in zip(months, shares)]
        return table
    if draw(st.booleans()):
        table["cliff_months"] = draw(MONTH)
    return table


def _maybe(draw, table: dict, key: str, strategy) -> None:
    """Give the optional `key` a drawn value, or leave it out (the default applies)."""
    if draw(st.booleans()):
        table[key] = draw(strategy)


@st.composite
def equities(draw) -> dict:
    equity = {"type": draw(st.sampled_from(("rsu", "options")))}
    size = draw(st.sampled_from(("grant_value", "shares", "percent")))
    if size == "grant_value":
        equity["grant_value"] = draw(amount(2_000_000))
    elif size == "shares":
        equity["shares"] = draw(amount(50_000))
    else:
        equity["percent"] = draw(finite(0, 0.02))
        equity["company_value"] = draw(st.one_of(st.integers(1, int(5e9)), finite(1, 5e9)))  # above 0
    equity["price"] = draw(st.one_of(st.integers(1, 1000), finite(0.01, 1000)))
    equity["schedule"] = draw(schedules())
    # growth stays within (-0.5, 1.5]: a default "Bear" scenario (-20%) or a drawn shift keeps it above -1
    _maybe(draw, equity, "growth", finite(-0.5, 1.5))
    _maybe(draw, equity, "strike", amount(500))   # ignored for RSUs, allowed all the same
    _maybe(draw, equity, "liquidity_probability", FRACTION)
    _maybe(draw, equity, "dilution", finite(0, 0.5))
    _maybe(draw, equity, "refresh_value", amount(500_000))
    return equity


@st.composite
def fallbacks(draw) -> dict:
    fallback = {"after_months": draw(MONTH), "probability": draw(FRACTION)}
    if draw(st.booleans()):
        fallback["bump"] = draw(finite(0, 2))
    else:
        fallback["bump_amount"] = draw(amount(100_000))
    _maybe(draw, fallback, "guaranteed_months", MONTH)
    return fallback


@st.composite
def offers(draw, name: str, horizon_years: int) -> dict:
    offer = {"name": name, "base": draw(amount(1_000_000))}
    _maybe(draw, offer, "title", NAME)
    _maybe(draw, offer, "annual_raise", FRACTION)
    _maybe(draw, offer, "bonus_target", finite(0, 2))
    _maybe(draw, offer, "bonus_payout", finite(0, 2))
    if draw(st.booleans()):
        signon = draw(st.lists(amount(200_000), max_size=horizon_years))
        offer["signon"] = signon[0] if len(signon) == 1 and draw(st.booleans()) else signon
    _maybe(draw, offer, "signon_payment", st.sampled_from(("upfront", "monthly")))
    _maybe(draw, offer, "signon_clawback_months", MONTH)
    _maybe(draw, offer, "equity", equities())
    _maybe(draw, offer, "fallback", fallbacks())
    return offer


@st.composite
def scenarios(draw, name: str) -> dict:
    scenario = {"name": name}
    growth = draw(st.sampled_from(("none", "growth", "growth_shift")))
    if growth == "growth":
        scenario["growth"] = draw(finite(-0.9, 1.5))
    elif growth == "growth_shift":
        scenario["growth_shift"] = draw(finite(-0.45, 0.5))
    _maybe(draw, scenario, "milestone", st.booleans())
    _maybe(draw, scenario, "liquidity", FRACTION)
    return scenario


@st.composite
def offers_dicts(draw, names=NAME, same=None) -> dict:
    """A valid offers file as TOML would parse it; offer (and scenario) names differ by `same`."""
    horizon = draw(st.integers(1, 10))
    model = {"start_date": draw(DATE), "horizon_years": horizon}
    _maybe(draw, model, "discount_rate", st.one_of(st.just(0), finite(0, 1)))
    offer_names = draw(st.lists(names, min_size=1, max_size=4, unique_by=same or (lambda n: n)))
    if draw(st.booleans()):
        model["target"] = draw(st.sampled_from(offer_names))
    if draw(st.booleans()):
        model["decision_date"] = draw(DATE)
        _maybe(draw, model, "response_business_days", st.integers(0, 60))
        _maybe(draw, model, "expiry_business_days", st.integers(0, 60))
    _maybe(draw, model, "holidays", st.lists(DATE, max_size=5))
    data = {"model": model, "offers": [draw(offers(n, horizon)) for n in offer_names]}
    if draw(st.booleans()):
        scenario_names = draw(st.lists(names, min_size=1, max_size=4, unique_by=same or (lambda n: n)))
        data["scenarios"] = [draw(scenarios(n)) for n in scenario_names]
    return data


def offers_files(names=NAME, same=None):
    """(the dict, the OffersFile parse_offers makes of it)."""
    return offers_dicts(names, same).map(lambda data: (data, parse_offers(data, "<generated>")))
