"""Offers files at the edges of the model, built, recalculated and compared with the engine."""
from __future__ import annotations

import pytest

from xlmodel.inputs.offers_file import load_offers

from offers_examples import GUARANTEE_PAST_THE_HORIZON
from workbook_support import assert_matches_engine, build, name_values, recalculated

SINGLE_OFFER = """
[model]
start_date = 2027-03-01
horizon_years = 1
discount_rate = 0.0

[[offers]]
name = "Solo"
base = 150000
signon = 12000
signon_payment = "monthly"

[offers.fallback]
bump_amount = 22000
after_months = 3
probability = 0.5
guaranteed_months = 9
"""

OPTIONS_TARGET = """
[model]
start_date = 2027-01-04
horizon_years = 5
discount_rate = 0.07
target = "Startup"

[[offers]]
name = "Cash Only"
base = 260000
bonus_target = 0.2
signon = [10000, 0, 5000]
signon_clawback_months = 0

[[offers]]
name = "Startup"
base = 190000
annual_raise = 0.05
signon = [20000]
signon_clawback_months = 24

[offers.equity]
type = "options"
percent = 0.0025
company_value = 400000000
price = 12.0
strike = 15.0
growth = 0.35
liquidity_probability = 0.3
dilution = 0.1
refresh_value = 20000
schedule = { months = 48, every_months = 3, cliff_months = 12 }

[[offers]]
name = "Bigco"
base = 200000
[offers.equity]
type = "rsu"
shares = 1500
price = 150.0
growth = -0.05
schedule = { tranches = [[12, 0.75], [24, 0.25]] }

[[scenarios]]
name = "Illiquid"
liquidity = 0.0
milestone = true

[[scenarios]]
name = "Fixed growth"
growth = 0.5
"""


@pytest.mark.parametrize("text", [SINGLE_OFFER, OPTIONS_TARGET], ids=["single_offer", "options_target"])
def test_edge_files_match_the_engine(tmp_path, text):
    source = tmp_path / "offers.toml"
    source.write_text(text)
    offers_file = load_offers(source)
    assert_matches_engine(recalculated(build(offers_file, tmp_path), tmp_path), offers_file)


def test_a_cut_role_is_paid_its_guarantee_past_the_horizon_in_the_workbook(tmp_path):
    """Cut at month 6 of a one-year horizon, 18 months guaranteed: 6 months of 10,000 base, then
    6 more of year 1 at 10,000 x (1 + 0.2 x 0.5) = 11,000, then 6 of year 2 at 11,000 x 1.1 = 12,100
    (base raised 10%, the expected bump on top): 60,000 + 66,000 + 72,600 = 198,600."""
    path = tmp_path / "offers.toml"
    path.write_text(GUARANTEE_PAST_THE_HORIZON)
    offers_file = load_offers(path)
    workbook = recalculated(build(offers_file, tmp_path), tmp_path)
    assert_matches_engine(workbook, offers_file)
    assert name_values(workbook, "LeaveMonths")[0] == [6]
    assert name_values(workbook, "LeaveCut")[0][0] == pytest.approx(198_600, abs=0.01)   # cut at month 6

