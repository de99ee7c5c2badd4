"""Start-up equity the way it pays out: liquidation preferences, the exercise cost of keeping
vested options, and the odds over deterministic draws, each worked by hand or checked against
an independent implementation (numpy's percentiles, scipy's normal quantile)."""
from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import norm

from conftest import model_table
from xlmodel.engine import value_all
from xlmodel.engine.equity import common_price
from xlmodel.engine.outcomes import draw_growth, odds_alternative_wins, percentile, uniforms


def approx(x):
    return pytest.approx(x, rel=1e-9, abs=1e-6)


# --- the generator -----------------------------------------------------------------------------

def test_the_first_uniforms_of_seed_1_by_hand():
    # x_1 = 1664525 x 1 + 1013904223 = 1015568748 (below 2^32, so no wrap)
    first = uniforms(1, 3)
    assert first[0] == (1015568748 + 0.5) / 2**32
    x2 = (1664525 * 1015568748 + 1013904223) % 2**32
    x3 = (1664525 * x2 + 1013904223) % 2**32
    assert first[1:] == [(x2 + 0.5) / 2**32, (x3 + 0.5) / 2**32]
    assert all(0 < u < 1 for u in uniforms(2**32 - 1, 1000))


def test_seed_0_starts_from_the_increment():
    assert uniforms(0, 1) == [(1013904223 + 0.5) / 2**32]


def test_draw_growth_against_scipy():
    for a in (0.001, 0.2, 0.5, 0.77, 0.999):
        z = norm.ppf(a)
        expected = 1.3 * math.exp(-0.6**2 / 2 + 0.6 * z / math.sqrt(4)) - 1
        assert draw_growth(0.3, 0.6, 4, a) == pytest.approx(expected, rel=1e-12)
    assert draw_growth(0.3, 0.0, 4, 0.123) == pytest.approx(0.3, rel=1e-15)


def test_percentiles_are_excels_the_linear_method_of_numpy():
    values = [7.0, 1.0, 3.0, 10.0, 2.5, 8.25, 4.0]
    for p in (0.0, 0.1, 0.25, 0.5, 0.9, 1.0):
        assert percentile(values, p) == pytest.approx(float(np.percentile(values, 100 * p, method="linear")))


def test_odds_count_strict_wins_only():
    assert odds_alternative_wins([1, 2, 3, 4], [1, 1, 5, 1]) == 0.5


# --- liquidation preferences, by hand --------------------------------------------------------

PREFERRED = """
[[offers]]
name = "Lab"
base = 0
[offers.equity]
type = "rsu"
shares = 1000
price = 10
company_value = 100000000
preference = {preference}
preferred_share = 0.4
participating = {participating}
schedule = {{ tranches = [[12, 1.0]] }}
growth = {growth}
"""


def _lab(load, preference, participating=False, growth=0.0):
    return load(model_table(1, 0.0) + PREFERRED.format(preference=preference, participating=str(participating).lower(),
                                                      growth=growth)).offers[0].equity


def test_non_participating_below_conversion_takes_the_preference(load):
    # 10 million shares at 10: the company is worth 100M. A 50M preference is worth more to the
    # preferred than their 40% (40M): they take 50M, common shares the other 50M over 6M shares.
    equity = _lab(load, 5e7)
    assert common_price(equity, 10.0) == approx(5e7 / 6e6)


def test_non_participating_above_conversion_shares_as_common(load):
    # A 30M preference is less than their 40% of 100M: they convert, and every share is worth 10.
    equity = _lab(load, 3e7)
    assert common_price(equity, 10.0) == approx(10.0)


def test_participating_takes_the_preference_and_its_share_of_the_rest(load):
    # 30M first, then 40% of the remaining 70M: common keeps 60% of 70M = 42M over 6M shares.
    equity = _lab(load, 3e7, participating=True)
    assert common_price(equity, 10.0) == approx(42e6 / 6e6)


def test_a_preference_larger_than_the_exit_leaves_common_nothing(load):
    equity = _lab(load, 2e8)
    assert common_price(equity, 10.0) == 0.0
    assert common_price(_lab(load, 2e8, participating=True), 10.0) == 0.0


def test_the_preference_shrinks_every_equity_value(valuate):
    # After a year at 0% growth the 1,000 RSUs vest at the common price 5e7 / 6e6 = 8.333...
    valuation = valuate(model_table(1, 0.0) + PREFERRED.format(preference=5e7, participating="false", growth=0.0))
    assert valuation.offers[0].components["equity"] == approx(1000 * 5e7 / 6e6)
    assert valuation.offers[0].pv == approx(1000 * 5e7 / 6e6)


def test_a_preference_needs_company_value_and_a_preferred_share(load):
    from xlmodel.errors import InputError

    text = model_table(1) + PREFERRED.format(preference=5e7, participating="false", growth=0.0)
    with pytest.raises(InputError, match=r"company_value \(offer .Lab.\): is required with a preference"):
        load(text.replace("company_value = 100000000\n", ""))
    with pytest.raises(InputError, match=r"preferred_share \(offer .Lab.\): must be above 0 with a preference"):
        load(text.replace("preferred_share = 0.4\n", ""))


# --- the exercise cost of keeping vested options ---------------------------------------------------

def test_exercise_cost_is_the_strike_on_the_option_shares_vested(valuate):
    valuation = valuate(model_table(2) + """
[[offers]]
name = "Start"
base = 100000
[offers.equity]
type = "options"
shares = 48000
price = 10
strike = 2.5
schedule = "standard"
""")
    leave = valuation.leave["Start"]
    # 25% at the one-year cliff, then 1/48 a month: at 18, 25% + 6/48 = 37.5% of 48,000 shares.
    assert leave[6]["exercise_cost"] == 0
    assert leave[12]["exercise_cost"] == approx(2.5 * 12000)
    assert leave[18]["exercise_cost"] == approx(2.5 * 18000)
    assert leave[24]["exercise_cost"] == approx(2.5 * 24000)


def test_rsus_have_no_exercise_cost(valuate):
    leave = valuate(model_table(1) + """
[[offers]]
name = "Big"
base = 1
[offers.equity]
type = "rsu"
shares = 10
price = 10
schedule = "standard"
""").leave["Big"]
    assert leave[12]["exercise_cost"] is None


# --- the odds, by hand ----------------------------------------------------------------------------

def test_two_draws_by_hand(valuate):
    # A start-up's 1,000 RSUs worth 100 at month 12 (no growth, no discounting), sellable with
    # odds 0.5, against 150,000 of cash: each draw is worth 100,000 + 100,000 or 100,000.
    text = model_table(1, 0.0, "draws = 2\nseed = 7\ntarget = \"Cash\"") + """
[[offers]]
name = "Cash"
base = 150000
[[offers]]
name = "Start"
base = 100000
[offers.equity]
type = "rsu"
shares = 1000
price = 100
schedule = { tranches = [[12, 1.0]] }
liquidity_probability = 0.5
"""
    valuation = valuate(text)
    u = uniforms(7, 8)  # draw 1: Cash (a, b), Start (a, b); draw 2 alike
    liquid = [u[3] < 0.5, u[7] < 0.5]
    start = [100000 + 100000 * sellable for sellable in liquid]
    assert valuation.draws["Start"].pv == [approx(x) for x in start]
    assert valuation.draws["Cash"].pv == [approx(150000), approx(150000)]
    assert valuation.negotiation.odds_alternative_wins == sum(x > 150000 for x in start) / 2
    assert valuation.offers[1].outcomes["mean"] == approx(sum(start) / 2)


def test_no_draws_switches_the_odds_off(valuate):
    valuation = valuate(model_table(1, 0.0, "draws = 0") + '[[offers]]\nname = "A"\nbase = 1\n'
                        '[[offers]]\nname = "B"\nbase = 2\n')
    assert valuation.draws == {}
    assert all(v.outcomes is None for v in valuation.offers)
    assert valuation.negotiation.odds_alternative_wins is None


def test_with_volatility_0_the_draws_mean_tends_to_the_present_value(valuate):
    text = model_table(4, 0.05, "draws = 4000") + """
[[offers]]
name = "Start"
base = 100000
[offers.equity]
type = "options"
shares = 10000
price = 10
strike = 2
growth = 0.2
schedule = "standard"
liquidity_probability = 0.3
"""
    valuation = valuate(text)
    start = valuation.offers[0]
    liquid = sum(valuation.draws["Start"].liquid) / 4000
    # Each draw is the cash present value, plus the whole equity (liquidity 1) when sellable.
    cash = min(valuation.draws["Start"].pv)
    full = max(valuation.draws["Start"].pv) - cash
    assert start.outcomes["mean"] == approx(cash + liquid * full)
    assert start.pv == approx(cash + 0.3 * full)
    assert abs(liquid - 0.3) < 0.03
