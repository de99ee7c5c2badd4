"""The valuation engine against hand-worked examples (docs/model.md).

Every expected figure is worked out here with plain arithmetic, never with the engine's own
helpers, so that a wrong convention in the engine makes a test fail.
"""
from __future__ import annotations

import pytest

from conftest import SAMPLES, model_table, offer_value
from xlmodel.engine import value_all
from xlmodel.model import replace
from xlmodel.inputs.offers_file import load_offers


def approx(x):
    return pytest.approx(x, rel=1e-9, abs=1e-6)


def d(m, r):
    """Discount factor for a payment at the end of month m."""
    return (1 + r) ** (-m / 12)


def one_offer(valuate, offer_toml: str, horizon_years: int = 1, discount_rate: float = 0.0):
    valuation = valuate(model_table(horizon_years, discount_rate) + offer_toml)
    return valuation.offers[0]


# --- salary ----------------------------------------------------------------------------------

def test_salary_with_annual_raise(valuate):
    v = one_offer(valuate, """
[[offers]]
name = "A"
base = 120000
annual_raise = 0.05
""", horizon_years=3)
    assert v.years == [approx(120000), approx(120000 * 1.05), approx(120000 * 1.05 * 1.05)]
    assert v.flows.salary[11] == approx(10000)  # month 12 is still year 1
    assert v.flows.salary[12] == approx(10500)  # month 13: first raise
    assert v.components == {"salary": approx(120000 + 126000 + 132300), "bonus": 0, "signon": 0, "equity": 0}
    assert v.total == approx(378300)
    assert v.annualized == approx(378300 / 3)


def test_fallback_bump_as_a_fraction_of_base(valuate):
    v = one_offer(valuate, """
[[offers]]
name = "A"
base = 215000
annual_raise = 0.03
[offers.fallback]
bump = 0.15
after_months = 6
probability = 0.6
""", horizon_years=2)
    # Months 1-6 at base, months 7-12 with the expected bump (15% x 60%), year 2 raised 3%.
    year1 = 215000 + 215000 * 0.15 * 0.6 / 12 * 6
    year2 = 215000 * 1.03 + 215000 * 1.03 * 0.15 * 0.6
    assert v.years == [approx(year1), approx(year2)]
    assert v.flows.salary[5] == approx(215000 / 12)
    assert v.flows.salary[6] == approx(215000 / 12 * 1.09)


def test_fallback_bump_amount_in_annual_dollars_is_not_raised(valuate):
    v = one_offer(valuate, """
[[offers]]
name = "A"
base = 230000
annual_raise = 0.02
[offers.fallback]
bump_amount = 22000
after_months = 6
probability = 0.7
""", horizon_years=2)
    year1 = 230000 + 22000 * 0.7 / 12 * 6
    year2 = 230000 * 1.02 + 22000 * 0.7
    assert v.years == [approx(year1), approx(year2)]


def test_fallback_after_the_horizon_pays_nothing(valuate):
    v = one_offer(valuate, """
[[offers]]
name = "A"
base = 120000
[offers.fallback]
bump = 0.5
after_months = 12
probability = 1.0
""")
    assert v.total == approx(120000)


# --- bonus -------------------------------------------------------------------------------------

def test_bonus_is_paid_at_year_end_on_salary_including_the_expected_bump(valuate):
    v = one_offer(valuate, """
[[offers]]
name = "A"
base = 200000
annual_raise = 0.10
bonus_target = 0.10
bonus_payout = 0.8
[offers.fallback]
bump = 0.10
after_months = 6
probability = 0.5
""", horizon_years=2, discount_rate=0.05)
    salary1 = 200000 + 200000 * 0.10 * 0.5 / 12 * 6          # 205,000
    salary2 = 220000 * (1 + 0.10 * 0.5)                         # 231,000
    bonus1, bonus2 = 0.10 * 0.8 * salary1, 0.10 * 0.8 * salary2
    assert v.components["salary"] == approx(salary1 + salary2)
    assert v.components["bonus"] == approx(bonus1 + bonus2)
    assert v.flows.bonus[11] == approx(16400)
    assert v.flows.bonus[23] == approx(18480)
    assert sum(v.flows.bonus) == approx(16400 + 18480)  # nothing in other months
    salary_pv = sum(200000 / 12 * d(m, 0.05) for m in range(1, 7)) \
        + sum(200000 / 12 * 1.05 * d(m, 0.05) for m in range(7, 13)) \
        + sum(220000 / 12 * 1.05 * d(m, 0.05) for m in range(13, 25))
    assert v.pv == approx(salary_pv + 16400 * d(12, 0.05) + 18480 * d(24, 0.05))


def test_bonus_payout_defaults_to_one(valuate):
    v = one_offer(valuate, '[[offers]]\nname = "A"\nbase = 100000\nbonus_target = 0.15\n')
    assert v.components["bonus"] == approx(15000)


# --- sign-on -------------------------------------------------------------------------------------

def test_upfront_signon_is_paid_in_the_first_month_of_each_year(valuate):
    v = one_offer(valuate, """
[[offers]]
name = "A"
base = 0
signon = [30000, 20000]
""", horizon_years=3, discount_rate=0.05)
    assert v.flows.signon[0] == 30000 and v.flows.signon[12] == 20000
    assert sum(v.flows.signon) == 50000
    assert v.years == [approx(30000), approx(20000), approx(0)]
    assert v.pv == approx(30000 * 1.05 ** (-1 / 12) + 20000 * 1.05 ** (-13 / 12))


def test_monthly_signon_is_spread_over_its_year(valuate):
    v = one_offer(valuate, """
[[offers]]
name = "A"
base = 0
signon = [24000, 12000]
signon_payment = "monthly"
""", horizon_years=2, discount_rate=0.05)
    assert v.flows.signon == [approx(2000)] * 12 + [approx(1000)] * 12
    assert v.years == [approx(24000), approx(12000)]
    assert v.pv == approx(sum(2000 * 1.05 ** (-m / 12) for m in range(1, 13))
                          + sum(1000 * 1.05 ** (-m / 12) for m in range(13, 25)))


# --- equity: presets and tables ---------------------------------------------------------------

EQUITY_OFFER = """
[[offers]]
name = "A"
base = 0
[offers.equity]
type = "rsu"
grant_value = 48000
price = 100
growth = {growth}
schedule = {schedule}
"""


def equity_years(valuate, schedule, growth=0.0, horizon_years=4):
    v = one_offer(valuate, EQUITY_OFFER.format(schedule=schedule, growth=growth), horizon_years)
    assert v.components["equity"] == approx(sum(v.years))
    return v


@pytest.mark.parametrize("schedule, years", [
    ('"amazon"', [2400, 7200, 19200, 19200]),                    # 5 / 15 / 40 / 40
    ('"standard"', [12000, 12000, 12000, 12000]),                # 25% then 1/48 a month
    ('"quarterly-cliff"', [12000, 12000, 12000, 12000]),         # 25% then 1/16 a quarter
    ('"meta"', [12000, 12000, 12000, 12000]),                    # 1/16 a quarter
    ('"google"', [15840, 15840, 10560, 5760]),                   # 33 / 33 / 22 / 12
    ("{ yearly = [0.05, 0.15, 0.40, 0.40], every_months = 6, cliff_months = 12 }", [2400, 7200, 19200, 19200]),
    ("{ months = 12, every_months = 1, cliff_months = 6 }", [48000, 0, 0, 0]),
    ("{ tranches = [[12, 0.75], [24, 0.25]] }", [36000, 12000, 0, 0]),
])
def test_each_schedule_at_a_flat_price(valuate, schedule, years):
    v = equity_years(valuate, schedule)
    assert v.years == [approx(y) for y in years]
    assert v.total == approx(48000)


def test_amazon_schedule_with_growth(valuate):
    v = equity_years(valuate, '"amazon"', growth=0.15)
    shares = 48000 / 100
    year1 = shares * 0.05 * 100 * 1.15
    year2 = shares * 0.15 * 100 * 1.15 ** 2
    year3 = shares * 0.20 * 100 * (1.15 ** 2.5 + 1.15 ** 3)
    year4 = shares * 0.20 * 100 * (1.15 ** 3.5 + 1.15 ** 4)
    assert v.years == [approx(year1), approx(year2), approx(year3), approx(year4)]


def test_standard_schedule_month_by_month(valuate):
    v = equity_years(valuate, '"standard"', growth=0.12)
    assert v.flows.equity[:11] == [0] * 11
    assert v.flows.equity[11] == approx(480 * 0.25 * 100 * 1.12)                 # month 12: the cliff
    assert v.flows.equity[12] == approx(480 / 48 * 100 * 1.12 ** (13 / 12))     # month 13
    assert v.flows.equity[47] == approx(480 / 48 * 100 * 1.12 ** 4)             # month 48


def test_google_schedule_starts_in_month_one(valuate):
    v = equity_years(valuate, '"google"', growth=0.10)
    assert v.flows.equity[0] == approx(480 * 0.33 / 12 * 100 * 1.10 ** (1 / 12))
    assert v.flows.equity[47] == approx(480 * 0.12 / 12 * 100 * 1.10 ** 4)


def test_meta_schedule_vests_quarterly(valuate):
    v = equity_years(valuate, '"meta"', growth=0.2)
    assert [m + 1 for m, x in enumerate(v.flows.equity) if x] == list(range(3, 49, 3))
    assert v.flows.equity[2] == approx(480 / 16 * 100 * 1.2 ** 0.25)


def test_quarterly_cliff_schedule(valuate):
    v = equity_years(valuate, '"quarterly-cliff"')
    assert [m + 1 for m, x in enumerate(v.flows.equity) if x] == [12] + list(range(15, 49, 3))
    assert v.flows.equity[11] == approx(12000)
    assert v.flows.equity[14] == approx(3000)


def test_cliff_gathers_earlier_tranches_at_the_cliff_price(valuate):
    v = equity_years(valuate, "{ months = 12, every_months = 1, cliff_months = 6 }", growth=0.10, horizon_years=1)
    # Months 1-6 vest together at month 6, at month 6's price.
    assert v.flows.equity[:5] == [0] * 5
    assert v.flows.equity[5] == approx(480 * 6 / 12 * 100 * 1.10 ** 0.5)
    assert v.flows.equity[6] == approx(480 / 12 * 100 * 1.10 ** (7 / 12))


def test_tranches_after_the_horizon_are_dropped(valuate):
    v = equity_years(valuate, '"amazon"', horizon_years=2)
    assert v.years == [approx(2400), approx(7200)]


def test_equity_sized_in_shares_and_in_percent(valuate):
    by_shares = one_offer(valuate, """
[[offers]]
name = "A"
base = 0
[offers.equity]
type = "rsu"
shares = 250
price = 40
schedule = { tranches = [[12, 1.0]] }
""")
    assert by_shares.total == approx(250 * 40)
    by_percent = one_offer(valuate, """
[[offers]]
name = "A"
base = 0
[offers.equity]
type = "rsu"
percent = 0.001
company_value = 500000000
price = 20
growth = 0.5
schedule = { tranches = [[12, 1.0]] }
""")
    shares = 0.001 * 500000000 / 20      # 25,000 shares
    assert by_percent.total == approx(shares * 20 * 1.5)


# --- refreshers ----------------------------------------------------------------------------------

def test_refreshers_vest_on_the_schedule_shifted_by_each_anniversary(valuate):
    v = one_offer(valuate, """
[[offers]]
name = "A"
base = 0
[offers.equity]
type = "rsu"
grant_value = 12000
price = 100
growth = 0.10
refresh_value = 12000
schedule = { tranches = [[12, 0.5], [24, 0.5]] }
""", horizon_years=3)
    p12, p24, p36 = 100 * 1.1, 100 * 1.1 ** 2, 100 * 1.1 ** 3
    initial = [120 * 0.5 * p12, 120 * 0.5 * p24]                  # vests at 12, 24
    refresh12 = [12000 / p12 * 0.5 * p24, 12000 / p12 * 0.5 * p36]  # granted at 12: vests at 24, 36
    refresh24 = [12000 / p24 * 0.5 * p36]                          # granted at 24: 36 (and 48, dropped)
    # No refresher at month 36: k runs 1 .. horizon_years - 1.
    assert v.years == [approx(initial[0]), approx(initial[1] + refresh12[0]),
                       approx(refresh12[1] + refresh24[0])]
    assert v.years == [approx(6600), approx(7260 + 6600), approx(7260 + 6600)]
    assert v.components["equity"] == approx(34320)


def test_refreshers_for_options_use_the_same_share_count_rule(valuate):
    v = one_offer(valuate, """
[[offers]]
name = "A"
base = 0
[offers.equity]
type = "options"
shares = 100
price = 10
strike = 5
refresh_value = 1000
schedule = { tranches = [[12, 1.0]] }
""", horizon_years=2)
    # Initial: 100 x (10 - 5) at 12; refresher at 12: 1000 / 10 = 100 shares, vesting at 24.
    assert v.years == [approx(500), approx(500)]


# --- options, liquidity, dilution ----------------------------------------------------------------

def test_options_under_water_are_worth_nothing(valuate):
    v = one_offer(valuate, """
[[offers]]
name = "A"
base = 0
[offers.equity]
type = "options"
shares = 1000
price = 10
strike = 12
schedule = "standard"
""", horizon_years=4)
    assert v.components["equity"] == 0


def test_options_are_worth_the_spread_once_above_water(valuate):
    v = one_offer(valuate, """
[[offers]]
name = "A"
base = 0
[offers.equity]
type = "options"
shares = 1000
price = 10
strike = 12.5
growth = 0.21
schedule = { tranches = [[12, 0.5], [24, 0.5]] }
""", horizon_years=2)
    # P(12) = 12.10 < 12.50: nothing. P(24) = 14.641: 500 x 2.141.
    assert v.years == [0, approx(500 * (10 * 1.21 ** 2 - 12.5))]
    assert v.total == approx(1070.5)


def test_liquidity_and_dilution(valuate):
    v = one_offer(valuate, """
[[offers]]
name = "A"
base = 0
[offers.equity]
type = "options"
shares = 1000
price = 10
strike = 4
liquidity_probability = 0.5
dilution = 0.1
schedule = { tranches = [[12, 0.5], [24, 0.5]] }
""", horizon_years=2)
    assert v.years == [approx(500 * 6 * 0.5 * 0.9), approx(500 * 6 * 0.5 * 0.9 ** 2)]
    assert v.total == approx(1350 + 1215)


def test_dilution_compounds_monthly_from_the_start(valuate):
    v = one_offer(valuate, """
[[offers]]
name = "A"
base = 0
[offers.equity]
type = "rsu"
shares = 16
price = 100
dilution = 0.2
schedule = "meta"
""", horizon_years=1)
    assert v.flows.equity[2] == approx(100 * 0.8 ** 0.25)
    assert v.total == approx(100 * (0.8 ** 0.25 + 0.8 ** 0.5 + 0.8 ** 0.75 + 0.8))


# --- discounting ---------------------------------------------------------------------------------

def test_discounting_every_month_at_its_end(valuate):
    v = one_offer(valuate, '[[offers]]\nname = "A"\nbase = 120000\n', discount_rate=0.10)
    assert v.pv == approx(sum(10000 * 1.1 ** (-m / 12) for m in range(1, 13)))
    assert v.total == approx(120000)


def test_zero_discount_rate_makes_pv_the_nominal_total(valuate):
    v = one_offer(valuate, '[[offers]]\nname = "A"\nbase = 120000\nannual_raise = 0.05\n', horizon_years=2)
    assert v.pv == approx(v.total) and v.total == approx(246000)


def test_discounting_a_single_year_end_payment(valuate):
    v = one_offer(valuate, """
[[offers]]
name = "A"
base = 0
[offers.equity]
type = "rsu"
grant_value = 10000
price = 10
schedule = { tranches = [[24, 1.0]] }
""", horizon_years=2, discount_rate=0.08)
    assert v.pv == approx(10000 / 1.08 ** 2)


# --- negotiation ---------------------------------------------------------------------------------

NEGOTIATION = """
[[offers]]
name = "Target"
base = 120000
[offers.equity]
type = "rsu"
grant_value = 10000
price = 50
growth = 0.10
liquidity_probability = 0.8
dilution = 0.05
schedule = { tranches = [[12, 1.0]] }

[[offers]]
name = "Better"
base = 150000

[[offers]]
name = "Middle"
base = 130000
"""


def test_negotiation_asks_close_the_gap_to_the_best_alternative(valuate):
    r = 0.05
    deal = valuate(model_table(1, r, 'target = "Target"') + NEGOTIATION).negotiation
    pv_target = sum(10000 * d(m, r) for m in range(1, 13)) + 10000 * 1.1 * 0.8 * 0.95 * d(12, r)
    pv_better = sum(12500 * d(m, r) for m in range(1, 13))
    gap = pv_better - pv_target
    assert deal.target == "Target" and deal.alternative == "Better"
    assert deal.gap == approx(gap)
    assert deal.ask_base == approx(gap / sum(1 / 12 * d(m, r) for m in range(1, 13)))
    assert deal.ask_signon == approx(gap / 1.05 ** (-1 / 12))
    assert deal.ask_equity == approx(gap / (1.0 * 1.1 ** 1 * 0.8 * 0.95 ** 1 * d(12, r)))


def test_ask_base_is_raised_like_base(valuate):
    r = 0.06
    deal = valuate(model_table(2, r) + """
[[offers]]
name = "T"
base = 100000
annual_raise = 0.1
[[offers]]
name = "A"
base = 150000
""").negotiation
    factor = sum(1 / 12 * d(m, r) for m in range(1, 13)) + sum(1.1 / 12 * d(m, r) for m in range(13, 25))
    gap = sum(150000 / 12 * d(m, r) for m in range(1, 25)) \
        - sum(100000 / 12 * d(m, r) for m in range(1, 13)) - sum(110000 / 12 * d(m, r) for m in range(13, 25))
    assert deal.ask_base == approx(gap / factor)
    assert deal.ask_equity is None  # the target has no equity


def test_ask_equity_counts_only_tranches_within_the_horizon(valuate):
    r = 0.05
    deal = valuate(model_table(2, r) + """
[[offers]]
name = "T"
base = 100000
[offers.equity]
type = "rsu"
grant_value = 0
price = 10
growth = 0.2
schedule = { tranches = [[12, 0.5], [36, 0.5]] }
[[offers]]
name = "A"
base = 110000
""").negotiation
    gap = sum(10000 / 12 * d(m, r) for m in range(1, 25))  # 10,000 a year more, for 24 months
    assert deal.gap == approx(gap)
    # A dollar of grant vests half at month 12, worth 1.2 then; held to month 24 it is worth
    # 1.2^2, which beats selling at a 5% discount rate. The tranche at 36 is past the horizon.
    assert deal.ask_equity == approx(gap / (0.5 * 1.2 ** 2 * d(24, r)))


@pytest.mark.parametrize("ask", ["ask_base", "ask_signon", "ask_equity"])
def test_each_ask_alone_makes_the_target_worth_the_alternative(load, ask):
    offers = load(model_table(3, 0.07, 'target = "Target"') + NEGOTIATION.replace(
        "[offers.equity]", "annual_raise = 0.04\n[offers.equity]"))
    valuation = value_all(offers)
    deal = valuation.negotiation
    target = offers.target
    amount = getattr(deal, ask)
    if ask == "ask_base":
        improved = replace(target, base=target.base + amount)
    elif ask == "ask_signon":
        improved = replace(target, signon=(amount,))
    else:
        equity = target.equity
        improved = replace(target, equity=replace(equity, shares=equity.shares + amount / equity.price))
    improved_file = replace(offers, offers=(improved,) + offers.offers[1:])
    assert offer_value(value_all(improved_file), "Target").pv == approx(offer_value(valuation, "Better").pv)


def test_no_equity_ask_when_no_grant_could_close_the_gap(valuate):
    # Nothing vests within the one-year horizon: no RSU grant on this schedule closes the gap.
    deal = valuate(model_table(1) + """
[[offers]]
name = "T"
base = 100000
[offers.equity]
type = "rsu"
grant_value = 1000
price = 10
schedule = { tranches = [[24, 1.0]] }
[[offers]]
name = "A"
base = 112000
""").negotiation
    assert deal.gap == approx(12000)
    assert deal.ask_equity is None
    assert deal.ask_base == approx(12000)


def test_options_target_has_no_equity_ask(valuate):
    deal = valuate(model_table(1) + """
[[offers]]
name = "T"
base = 100000
[offers.equity]
type = "options"
shares = 1000
price = 10
strike = 1
schedule = "meta"
[[offers]]
name = "A"
base = 200000
""").negotiation
    assert deal.gap > 0
    assert deal.ask_equity is None
    assert deal.ask_base > 0 and deal.ask_signon > 0


def test_target_defaults_to_the_first_offer_and_a_better_target_has_no_gap(valuate):
    deal = valuate(model_table(1) + """
[[offers]]
name = "Rich"
base = 200000
[offers.equity]
type = "rsu"
grant_value = 1000
price = 10
schedule = "meta"
[[offers]]
name = "Poor"
base = 100000
""").negotiation
    assert deal.target == "Rich" and deal.alternative == "Poor"
    assert (deal.gap, deal.ask_base, deal.ask_signon, deal.ask_equity) == (0, 0, 0, 0)


def test_a_single_offer_has_no_alternative_and_no_gap(valuate):
    deal = valuate(model_table(1) + '[[offers]]\nname = "Only"\nbase = 100000\n').negotiation
    assert deal.target == "Only"
    assert deal.alternative is None
    assert deal.gap == 0 and deal.ask_base == 0 and deal.ask_signon == 0
    assert deal.ask_equity is None


def test_negotiation_ignores_scenarios(valuate):
    text = model_table(1) + """
[[offers]]
name = "T"
base = 100000
[[offers]]
name = "A"
base = 112000
[[scenarios]]
name = "Only"
growth = 0.5
"""
    assert valuate(text).negotiation.gap == approx(12000)


# --- scenarios -----------------------------------------------------------------------------------

SCENARIO_OFFER = """
[[offers]]
name = "A"
base = 12000
[offers.equity]
type = "rsu"
grant_value = 1000
price = 10
growth = 0.10
schedule = { tranches = [[12, 1.0]] }
[offers.fallback]
bump_amount = 1200
after_months = 0
probability = 0.5
"""


def scenario_totals(valuation):
    return {s.name: s.total["A"] for s in valuation.scenarios}


def test_default_scenarios_are_bear_base_bull(valuate):
    valuation = valuate(model_table(1) + SCENARIO_OFFER)
    assert [s.name for s in valuation.scenarios] == ["Bear", "Base", "Bull"]
    assert scenario_totals(valuation) == {
        "Bear": approx(12000 + 0 + 1000 * 0.9),        # growth 10% - 20 points, milestone missed
        "Base": approx(12000 + 600 + 1000 * 1.1),      # the offer as given
        "Bull": approx(12000 + 1200 + 1000 * 1.3),     # growth + 20 points, milestone met
    }
    assert valuation.offers[0].total == approx(13700)


def test_scenario_overrides(valuate):
    valuation = valuate(model_table(1, 0.05) + SCENARIO_OFFER + """
[[scenarios]]
name = "Flat"
growth = 0.0
[[scenarios]]
name = "Shift"
growth_shift = -0.05
[[scenarios]]
name = "Illiquid"
liquidity = 0.5
[[scenarios]]
name = "Promoted"
milestone = true
[[scenarios]]
name = "Plan"
""")
    assert scenario_totals(valuation) == {
        "Flat": approx(12000 + 600 + 1000),
        "Shift": approx(12000 + 600 + 1000 * 1.05),
        "Illiquid": approx(12000 + 600 + 1000 * 1.1 * 0.5),
        "Promoted": approx(12000 + 1200 + 1000 * 1.1),
        "Plan": approx(13700),
    }
    flat = next(s for s in valuation.scenarios if s.name == "Flat")
    assert flat.pv["A"] == approx(sum(1050 * d(m, 0.05) for m in range(1, 13)) + 1000 * d(12, 0.05))
    plan = next(s for s in valuation.scenarios if s.name == "Plan")
    assert plan.pv["A"] == approx(valuation.offers[0].pv)


def test_milestone_false_removes_the_bump_and_offers_without_equity_are_unchanged(valuate):
    valuation = valuate(model_table(1) + """
[[offers]]
name = "A"
base = 12000
[offers.fallback]
bump = 0.5
after_months = 0
probability = 0.5
[[scenarios]]
name = "Missed"
milestone = false
growth = 0.3
liquidity = 0.1
""")
    assert scenario_totals(valuation) == {"Missed": approx(12000)}


# --- leaving early -------------------------------------------------------------------------------

def test_quitting_repays_upfront_signon_pro_rata(valuate):
    v = valuate(model_table(2, 0.05) + """
[[offers]]
name = "A"
base = 120000
signon = [12000, 6000]
""").leave["A"]
    assert set(v) == {6, 12, 18, 24}   # leave months within the two-year horizon
    assert v[6] == {"quit": approx(60000 + 12000 - 12000 * 6 / 12), "cut": approx(72000), "exercise_cost": None}
    assert v[12] == {"quit": approx(132000), "cut": approx(132000), "exercise_cost": None}
    assert v[18] == {"quit": approx(180000 + 18000 - 6000 * (12 + 12 - 18) / 12), "cut": approx(198000), "exercise_cost": None}
    assert v[24] == {"quit": approx(258000), "cut": approx(258000), "exercise_cost": None}


def test_clawback_window_longer_than_a_year(valuate):
    v = valuate(model_table(2) + """
[[offers]]
name = "A"
base = 120000
signon = [18000, 9000]
signon_clawback_months = 18
""").leave["A"]
    assert v[6]["quit"] == approx(60000 + 18000 - 18000 * (18 - 6) / 18)
    assert v[12]["quit"] == approx(120000 + 18000 - 18000 * (18 - 12) / 18)
    # Month 18: year 1's window has ended; year 2's (from month 13, 18 months) repays 12/18.
    assert v[18]["quit"] == approx(180000 + 27000 - 9000 * (12 + 18 - 18) / 18)
    assert v[24]["quit"] == approx(240000 + 27000 - 9000 * (12 + 18 - 24) / 18)


def test_monthly_signon_is_never_repaid(valuate):
    v = valuate(model_table(1) + """
[[offers]]
name = "A"
base = 120000
signon = [12000]
signon_payment = "monthly"
""").leave["A"]
    assert v[6] == {"quit": approx(60000 + 6000), "cut": approx(66000), "exercise_cost": None}


def test_role_cut_keeps_salary_with_the_expected_bump_through_guaranteed_months(valuate):
    v = valuate(model_table(2) + """
[[offers]]
name = "A"
base = 120000
bonus_target = 0.1
signon = [12000]
[offers.equity]
type = "rsu"
grant_value = 24000
price = 10
schedule = { tranches = [[12, 0.5], [24, 0.5]] }
[offers.fallback]
bump = 0.15
after_months = 3
probability = 0.6
guaranteed_months = 12
""").leave["A"]
    monthly = 10000
    bumped = 10000 * (1 + 0.15 * 0.6)           # 10,900 from month 4
    kept_6 = 3 * monthly + 3 * bumped + 12000   # salary to month 6 and the sign-on
    assert v[6]["quit"] == approx(kept_6 - 12000 * 6 / 12)
    # Cut at 6: salary continues through month 12; no repayment; no bonus, no vesting after 6.
    assert v[6]["cut"] == approx(kept_6 + 6 * bumped)
    kept_12 = 3 * monthly + 9 * bumped + 12000 + 0.1 * (3 * monthly + 9 * bumped) + 12000
    assert v[12] == {"quit": approx(kept_12), "cut": approx(kept_12), "exercise_cost": None}
    # Past the guarantee, a cut is just quitting without repayment.
    kept_18 = kept_12 + 6 * bumped
    assert v[18] == {"quit": approx(kept_18), "cut": approx(kept_18), "exercise_cost": None}


def test_role_cut_pays_guaranteed_months_beyond_the_horizon(valuate):
    v = valuate(model_table(1) + """
[[offers]]
name = "A"
base = 120000
annual_raise = 0.1
[offers.fallback]
bump = 0.2
after_months = 6
probability = 0.5
guaranteed_months = 18
[[offers]]
name = "B"
base = 120000
annual_raise = 0.1
[offers.fallback]
bump_amount = 24000
after_months = 6
probability = 0.5
guaranteed_months = 18
""").leave
    # A: months 1-6 at 10,000; 7-12 at 10,000 x (1 + 0.2 x 0.5) = 11,000; past the one-year
    # horizon, months 13-18 at 11,000 (base raised 10%) x 1.1 = 12,100.
    assert v["A"][6] == {"quit": approx(60000), "cut": approx(60000 + 6 * 11000 + 6 * 12100), "exercise_cost": None}
    assert v["A"][12] == {"quit": approx(126000), "cut": approx(126000 + 6 * 12100), "exercise_cost": None}
    # B: the bump is 24,000 x 0.5 / 12 = 1,000 a month, not raised; base 10,000 then 11,000.
    assert v["B"][6] == {"quit": approx(60000), "cut": approx(60000 + 6 * 11000 + 6 * 12000), "exercise_cost": None}
    assert v["B"][12]["cut"] == approx(126000 + 6 * 12000)


def test_leave_values_are_nominal(valuate):
    plain = valuate(model_table(1, 0.0) + '[[offers]]\nname = "A"\nbase = 120000\n').leave["A"]
    discounted = valuate(model_table(1, 0.25) + '[[offers]]\nname = "A"\nbase = 120000\n').leave["A"]
    assert plain == discounted == {6: {"quit": approx(60000), "cut": approx(60000), "exercise_cost": None},
                                   12: {"quit": approx(120000), "cut": approx(120000), "exercise_cost": None}}


# --- properties on the samples -------------------------------------------------------------------

@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_totals_add_up_on_every_sample(path):
    offers_file = load_offers(path)
    rate, months = offers_file.model.discount_rate, offers_file.model.months
    for v in value_all(offers_file).offers:
        assert sum(v.years) == approx(v.total)
        assert sum(v.components.values()) == approx(v.total)
        assert v.annualized == approx(v.total / len(v.years))
        # the PV: every month sold at vest, plus what holding adds where it is worth more
        sold_at_vest = sum(v.flows.total(m) * d(m, rate) for m in range(1, months + 1))
        holding_adds = sum(max(0.0, v.flows.equity_held[m - 1] * d(months, rate) - v.flows.equity[m - 1] * d(m, rate))
                           for m in range(1, months + 1))
        assert v.pv == approx(sold_at_vest + holding_adds)
