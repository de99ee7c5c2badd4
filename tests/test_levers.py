"""The negotiation levers (xlmodel/engine/levers.py), each worked by hand with its arithmetic written out."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from conftest import SAMPLES, TEMPLATE, model_table, run_cli
from xlmodel.engine import levers
from xlmodel.engine import value_all, value_offer
from xlmodel.model import DEFAULT_ACCELERATED_SCHEDULE, NegotiationSettings, Schedule
from xlmodel.inputs.offers_file import load_offers
from xlmodel.schedules import preset


def approx(x):
    return pytest.approx(x, rel=1e-9, abs=1e-6)


def d(month: int, rate: float) -> float:
    return (1 + rate) ** (-month / 12)


# A one-year offer with a 10% bump from month 7 at 20% odds and a 10% bonus, against a plain
# base of 134,640, no discounting.
#   PV(T)   = 120,000 base + 6 x 10,000 x 10% x 0.2 = 1,200 bump, + bonus 10% x 121,200 = 12,120
#           = 133,320;  PV(Alt) = 134,640;  gap = 1,320.
BUMP_EXAMPLE = model_table(1, 0.0, 'target = "T"') + """
[[offers]]
name = "T"
base = 120000
bonus_target = 0.1
[offers.fallback]
bump = 0.1
after_months = 6
probability = 0.2

[[offers]]
name = "Alt"
base = 134640
"""


def test_ask_bump_and_its_dollars_by_hand(valuate):
    deal = valuate(BUMP_EXAMPLE).negotiation
    assert deal.gap == approx(134640 - 133320)
    # Defaults from the target's clause: a_f = 6, p_f = 0.2. D_f = months 7..12 of 10,000 = 60,000.
    # ask_bump = 1,320 / (0.2 x 60,000) = 0.11; in dollars: 1,320 / (0.2 x 6/12) = 13,200 a year.
    assert deal.ask_bump == approx(0.11)
    assert deal.ask_bump_amount == approx(13200)
    # No equity: nothing to accelerate, the whole gap is left for the package's bump.
    assert deal.acceleration_value is None and deal.acceleration_kept is None
    assert deal.gap_after_acceleration == approx(1320)
    assert deal.package_bump == approx(0.11)


def test_probability_to_close_by_hand(load):
    offers_file = load(BUMP_EXAMPLE)
    target, settings = offers_file.target, offers_file.model
    # K: the certain bump 6 x 1,000 = 6,000 plus the bonus on it 10% x 6,000 = 600: 6,600.
    # PV(0) = 120,000 + 12,000 bonus = 132,000. p = (134,640 - 132,000) / 6,600 = 0.4.
    assert levers.fallback_pv_per_probability(target, settings) == approx(6600)
    assert levers.pv_without_fallback(target, settings) == approx(132000)
    assert value_all(offers_file).negotiation.probability_to_close == approx(0.4)
    # ... and at that probability the target is worth exactly the alternative.
    at_odds = replace(target, fallback=replace(target.fallback, probability=0.4))
    assert value_offer(at_odds, settings).pv == approx(134640)


def test_negotiation_table_moves_the_bump_but_not_the_milestone_odds(valuate):
    deal = valuate(BUMP_EXAMPLE + "\n[negotiation]\nfallback_after_months = 9\nfallback_probability = 0.5\n").negotiation
    # D_f = months 10..12 = 30,000: 1,320 / (0.5 x 30,000) = 0.088; 1,320 / (0.5 x 3/12) = 10,560.
    assert deal.ask_bump == approx(0.088)
    assert deal.ask_bump_amount == approx(10560)
    assert deal.probability_to_close == approx(0.4)  # the target's own clause, not the lever's


def test_ask_bump_with_raises_and_discounting(valuate):
    r = 0.05
    deal = valuate(model_table(2, r, 'target = "T"') + """
[[offers]]
name = "T"
base = 120000
annual_raise = 0.03
[[offers]]
name = "Alt"
base = 130000
[negotiation]
fallback_after_months = 18
fallback_probability = 0.5
""").negotiation
    # Year 2's base is 123,600; the bump is paid in months 19..24 only.
    gap = sum(130000 / 12 * d(m, r) for m in range(1, 25)) \
        - sum(120000 / 12 * d(m, r) for m in range(1, 13)) - sum(123600 / 12 * d(m, r) for m in range(13, 25))
    d_f = sum(123600 / 12 * d(m, r) for m in range(19, 25))
    assert deal.gap == approx(gap)
    assert deal.ask_bump == approx(gap / (0.5 * d_f))
    assert deal.ask_bump_amount == approx(gap / (0.5 * sum(d(m, r) / 12 for m in range(19, 25))))


def test_probability_to_close_of_a_dollar_bump_with_discounting(valuate):
    r = 0.08
    deal = valuate(model_table(1, r, 'target = "T"') + """
[[offers]]
name = "T"
base = 100000
[offers.fallback]
bump_amount = 24000
after_months = 3
probability = 0.5
[[offers]]
name = "Alt"
base = 110000
""").negotiation
    k = sum(2000 * d(m, r) for m in range(4, 13))          # 24,000 / 12 a month in months 4..12
    pv_0 = sum(100000 / 12 * d(m, r) for m in range(1, 13))
    pv_alt = sum(110000 / 12 * d(m, r) for m in range(1, 13))
    assert deal.probability_to_close == approx((pv_alt - pv_0) / k)
    assert deal.probability_to_close > 0.5  # the gap is positive at the clause's own odds


def test_probability_above_1_means_no_milestone_closes_the_gap(valuate):
    deal = valuate(BUMP_EXAMPLE.replace("base = 134640", "base = 150000")).negotiation
    # (150,000 - 132,000) / 6,600 = 2.7272...
    assert deal.probability_to_close == approx(18000 / 6600)


def test_probability_to_close_is_never_below_0(valuate):
    deal = valuate(BUMP_EXAMPLE.replace("base = 134640", "base = 100000")).negotiation
    assert deal.gap == 0 and deal.ask_bump == 0 and deal.ask_bump_amount == 0 and deal.package_bump == 0
    assert deal.probability_to_close == 0.0  # max(0, (100,000 - 132,000) / 6,600)


# --- acceleration ---------------------------------------------------------------------------

def rsu_offer(growth: float, liquidity: float = 1.0) -> str:
    """1,000 RSUs at 100, half vesting at 12 and half at 24."""
    return f"""
[[offers]]
name = "T"
base = 0
[offers.equity]
type = "rsu"
shares = 1000
price = 100
growth = {growth}
liquidity_probability = {liquidity}
schedule = {{ tranches = [[12, 0.5], [24, 0.5]] }}
"""


def test_acceleration_of_rsus_by_hand(valuate):
    # Growth 10%, discount 37.5%, liquidity 0.5: a tranche at 12 is worth per share
    # 100 x 1.1 x 0.5 = 55 nominal, 55 / 1.375 = 40 today; at 24: 121 x 0.5 = 60.5, / 1.375^2 = 32.
    # Own (50/50):        500 x 40 + 500 x 32 = 36,000.
    # Accelerated (75/25): 750 x 40 + 250 x 32 = 38,000.   Value: +2,000.
    deal = valuate(model_table(2, 0.375) + rsu_offer(0.10, 0.5)).negotiation
    assert deal.acceleration_value == approx(2000)
    # Kept (nominal): by 12, 250 more shares at 55 = 13,750; by 24 all 1,000 have vested either
    # way but more of them at 55 instead of 60.5: (750 x 55 + 250 x 60.5) - (500 x 55 + 500 x 60.5) = -1,375.
    assert deal.acceleration_kept == {6: approx(0), 12: approx(13750), 18: approx(13750), 24: approx(-1375)}
    # A single offer: no alternative, no gap, no ask.
    assert deal.gap == 0 and deal.gap_after_acceleration == 0 and deal.probability_to_close is None


OPTIONS_WITH_A_STRIKE = """
[[offers]]
name = "T"
base = 0
[offers.equity]
type = "options"
shares = 1000
price = 10
strike = 4
growth = 0.44
dilution = 0.19
schedule = { tranches = [[6, 0.5], [24, 0.5]] }
"""


def test_acceleration_of_options_with_a_strike_by_hand(valuate):
    # Price 10 x 1.44^(t/12): 12 at 6, 14.4 at 12, 20.736 at 24; less the strike 4: 8, 10.4, 16.736.
    # Dilution 0.81^(t/12): 0.9, 0.81, 0.6561. Per share, nominal: 7.2, 8.424, 10.9804896.
    # Discounted at 44% a year (1.2 at 6, 1.44 at 12, 2.0736 at 24): 6.0, 5.85, 5.2953...: each
    # tranche is worth more sold at vest than held to month 24.
    deal = valuate(model_table(2, 0.44) + OPTIONS_WITH_A_STRIKE).negotiation
    held = 10.9804896 / 2.0736
    own = 500 * max(7.2 / 1.2, held) + 500 * held
    accelerated = 750 * max(8.424 / 1.44, held) + 250 * held
    assert deal.acceleration_value == approx(accelerated - own)   # +63.67
    assert deal.acceleration_kept == {6: approx(-3600), 12: approx(6318 - 3600), 18: approx(2718),
                                      24: approx(750 * 8.424 + 250 * 10.9804896 - 500 * 7.2 - 500 * 10.9804896)}


def test_acceleration_adds_nothing_when_every_share_is_worth_holding(valuate):
    # Undiscounted, each share is worth most at month 24 (10.98 a share): held, the shares vesting
    # at 6 and at 12 are worth the same as those vesting at 24, so acceleration adds nothing.
    deal = valuate(model_table(2, 0.0) + OPTIONS_WITH_A_STRIKE).negotiation
    assert deal.acceleration_value == approx(0)
    assert deal.acceleration_value >= 0


def test_an_option_under_water_at_vest_is_held_to_the_horizon(load):
    offers_file = load(model_table(1, 0.0) + """
[[offers]]
name = "T"
base = 0
[offers.equity]
type = "options"
shares = 1000
price = 10
strike = 11
growth = 0.21
schedule = { tranches = [[6, 0.5], [12, 0.5]] }
""")
    equity = offers_file.target.equity
    # At 6 the price is 10 x 1.1 = 11 (no gain over the strike); at 12 it is 12.1: 1.1 a share.
    # Kept, the options vesting at 6 are worth 1.1 a share at month 12 as well.
    assert levers.initial_grant_pv(equity, equity.schedule, offers_file.model) == approx(1000 * 1.1)
    assert levers.initial_grant_pv(equity, DEFAULT_ACCELERATED_SCHEDULE, offers_file.model) == approx(750 * 1.1)


def test_acceleration_adds_nothing_when_the_stock_outgrows_the_discount_rate(valuate):
    # Growth 21% against a 10% discount rate: a share vesting at 12 is worth 121 / 1.1 = 110 today
    # sold then, 146.41 / 1.21 = 121 held to month 24. Every share is held: own and accelerated
    # are both 1,000 x 121 = 121,000, and acceleration closes nothing of the gap.
    text = model_table(2, 0.10) + rsu_offer(0.21) + '[[offers]]\nname = "Alt"\nbase = 80000\n'
    deal = valuate(text).negotiation
    assert deal.acceleration_value == approx(0)
    assert deal.gap > 0
    assert deal.gap_after_acceleration == approx(deal.gap)
    assert deal.package_bump == approx(deal.ask_bump)


def test_report_says_plainly_when_acceleration_adds_no_value(write_toml):
    path = write_toml(model_table(2, 0.10) + rsu_offer(0.21) + '[[offers]]\nname = "Alt"\nbase = 80000\n')
    result = run_cli("value", path)
    assert result.returncode == 0, result.stderr
    assert "Accelerated vesting adds nothing in present value" in result.stdout
    assert "ask for it as protection" in result.stdout
    assert "Leave at month 12" in result.stdout and "Leave at month 24" in result.stdout


def test_acceleration_closes_part_of_the_gap_and_the_bump_the_rest(valuate):
    # One year, no discounting. T: 120,000 base and 1,000 RSUs at 100, half vesting at 12 and half
    # at 24 (outside the horizon): PV 120,000 + 50,000 = 170,000. Alt: 230,000. Gap 60,000.
    # Accelerated to all at 12: 100,000 - 50,000 = +50,000; 10,000 of the gap is left.
    # No fallback clause: the bump runs from month 7 for sure. D_f = 6 x 10,000 = 60,000:
    # ask_bump = 60,000 / 60,000 = 1.0; package_bump = 10,000 / 60,000 = 1/6.
    deal = valuate(model_table(1, 0.0, 'target = "T"') + """
[[offers]]
name = "T"
base = 120000
[offers.equity]
type = "rsu"
shares = 1000
price = 100
schedule = { tranches = [[12, 0.5], [24, 0.5]] }
[[offers]]
name = "Alt"
base = 230000
[negotiation]
accelerated_schedule = { tranches = [[12, 1.0]] }
""").negotiation
    assert deal.gap == approx(60000)
    assert deal.acceleration_value == approx(50000)
    assert deal.gap_after_acceleration == approx(10000)
    assert deal.ask_bump == approx(1.0)
    assert deal.ask_bump_amount == approx(60000 / (6 / 12))
    assert deal.package_bump == approx(1 / 6)
    assert deal.acceleration_kept == {6: approx(0), 12: approx(50000)}
    assert deal.probability_to_close is None  # no fallback clause


def test_acceleration_kept_lists_only_leave_months_within_the_horizon(valuate):
    for years, months in ((1, [6, 12]), (2, [6, 12, 18, 24]), (3, [6, 12, 18, 24, 36]), (5, [6, 12, 18, 24, 36])):
        deal = valuate(model_table(years, 0.0) + rsu_offer(0.0)).negotiation
        assert list(deal.acceleration_kept) == months


def test_accelerating_onto_the_own_schedule_is_worth_nothing(load):
    offers_file = load(model_table(4, 0.07) + rsu_offer(0.3))
    same = NegotiationSettings.for_target(offers_file.target, accelerated_schedule=offers_file.target.equity.schedule)
    assert levers.acceleration_value(offers_file.target, offers_file.model, same) == 0
    assert set(levers.acceleration_kept(offers_file.target, offers_file.model, same).values()) == {0}


def test_gap_after_acceleration():
    assert levers.gap_after_acceleration(5000, 2000) == 3000
    assert levers.gap_after_acceleration(5000, -2750) == 5000   # a cost does not widen the gap either
    assert levers.gap_after_acceleration(5000, None) == 5000
    assert levers.gap_after_acceleration(1000, 2000) == 0
    assert levers.gap_after_acceleration(0, None) == 0


# --- nulls -------------------------------------------------------------------------------------

def test_a_single_offer_without_equity_or_fallback(valuate):
    deal = valuate(model_table(1) + '[[offers]]\nname = "Only"\nbase = 100000\n').negotiation
    assert (deal.ask_bump, deal.ask_bump_amount, deal.package_bump, deal.gap_after_acceleration) == (0, 0, 0, 0)
    assert deal.probability_to_close is None
    assert deal.acceleration_value is None and deal.acceleration_kept is None


def test_a_single_offer_with_a_fallback_has_no_probability_to_close(valuate):
    deal = valuate(model_table(1) + '[[offers]]\nname = "Only"\nbase = 100000\n'
                   '[offers.fallback]\nbump = 0.1\nafter_months = 6\nprobability = 0.5\n').negotiation
    assert deal.probability_to_close is None


def test_a_fallback_that_pays_nothing_within_the_horizon_has_no_probability_to_close(valuate):
    # after_months = 12 in a one-year horizon: the bump is never paid, K = 0.
    deal = valuate(BUMP_EXAMPLE.replace("after_months = 6", "after_months = 12")).negotiation
    assert deal.gap > 0
    assert deal.probability_to_close is None
    deal = valuate(BUMP_EXAMPLE.replace("bump = 0.1", "bump = 0")).negotiation
    assert deal.probability_to_close is None
    # A bump so small that 2,640 / K overflows: null too, never an infinite probability in the JSON.
    deal = valuate(BUMP_EXAMPLE.replace("bump = 0.1", "bump = 1e-320")).negotiation
    assert deal.probability_to_close is None


@pytest.mark.parametrize("lever", ["fallback_probability = 0", "fallback_after_months = 12"])
def test_no_bump_can_close_a_gap_it_is_never_paid_on(valuate, lever):
    deal = valuate(BUMP_EXAMPLE + f"\n[negotiation]\n{lever}\n").negotiation
    assert deal.gap > 0
    assert deal.ask_bump is None and deal.ask_bump_amount is None and deal.package_bump is None


def test_without_a_gap_every_ask_is_0_even_when_no_bump_is_paid(valuate):
    deal = valuate(BUMP_EXAMPLE.replace("base = 134640", "base = 1000") + "\n[negotiation]\nfallback_probability = 0\n").negotiation
    assert deal.gap == 0
    assert (deal.ask_bump, deal.ask_bump_amount, deal.package_bump) == (0, 0, 0)


# --- the [negotiation] defaults -----------------------------------------------------------------

def test_defaults_come_from_the_targets_fallback(load):
    offers_file = load(BUMP_EXAMPLE.replace("after_months = 6", "after_months = 9"))
    assert offers_file.negotiation == NegotiationSettings(9, 0.2, DEFAULT_ACCELERATED_SCHEDULE, ())
    assert DEFAULT_ACCELERATED_SCHEDULE.tranches == ((12, 0.75), (24, 0.25))


def test_defaults_without_a_fallback(load):
    # The target "B" has no fallback clause (the other offer's clause does not count):
    # the bump runs from month 7 for sure.
    offers_file = load(model_table(1, extra='target = "B"') + """
[[offers]]
name = "A"
base = 1
[offers.fallback]
bump = 0.1
after_months = 3
probability = 0.3
[[offers]]
name = "B"
base = 2
""")
    assert offers_file.negotiation == NegotiationSettings(6, 1.0, DEFAULT_ACCELERATED_SCHEDULE, ())


def test_each_key_of_the_table_overrides_its_own_default(load):
    offers_file = load(BUMP_EXAMPLE + '\n[negotiation]\naccelerated_schedule = "meta"\n')
    settings = offers_file.negotiation
    assert (settings.fallback_after_months, settings.fallback_probability) == (6, 0.2)
    assert settings.accelerated_schedule.tranches == preset("meta").tranches
    assert settings.given == ("accelerated_schedule",)
    table = load(BUMP_EXAMPLE + '\n[negotiation]\naccelerated_schedule = { months = 12, every_months = 3 }\n'
                 'fallback_after_months = 0\nfallback_probability = 1\n').negotiation
    assert table.accelerated_schedule == Schedule(((3, 0.25), (6, 0.25), (9, 0.25), (12, 0.25)))
    assert (table.fallback_after_months, table.fallback_probability) == (0, 1.0)


def test_the_templates_negotiation_table_uncommented_gives_the_defaults(tmp_path):
    text = TEMPLATE.read_text(encoding="utf-8")
    start = text.index("# [negotiation]")
    lines = text[start:].splitlines()
    uncommented = text[:start] + "\n".join(line[2:] if line.startswith("# ") else line for line in lines) + "\n"
    assert "\n[negotiation]\n" in uncommented
    path = tmp_path / "uncommented.toml"
    path.write_text(uncommented, encoding="utf-8")
    assert load_offers(path).negotiation.accelerated_schedule == load_offers(TEMPLATE).negotiation.accelerated_schedule
    given = load_offers(path).negotiation
    assert replace(given, given=()) == load_offers(TEMPLATE).negotiation


# --- the JSON ----------------------------------------------------------------------------------

def test_json_carries_the_levers_with_leave_months_as_text():
    result = run_cli("value", SAMPLES[0], "--json")
    deal = json.loads(result.stdout)["negotiation"]
    for key in ("ask_bump", "ask_bump_amount", "probability_to_close", "acceleration_value",
                "gap_after_acceleration", "package_bump"):
        assert isinstance(deal[key], float), key
    assert list(deal["acceleration_kept"]) == ["6", "12", "18", "24", "36"]
    # Amazon's grant (480,000 at 220, 15% growth, 5% discount) is worth holding to the horizon
    # whenever it vests: acceleration adds nothing in present value.
    assert deal["acceleration_value"] == approx(0)
    assert deal["gap_after_acceleration"] == approx(deal["gap"])
    # Kept at month 12: 75% against Amazon's 5% of 480,000 / 220 shares at 220 x 1.15.
    assert deal["acceleration_kept"]["12"] == approx(480000 * 0.70 * 1.15)
