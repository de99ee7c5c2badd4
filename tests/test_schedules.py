"""Vesting schedules: every preset and every table form, tranche by tranche (docs/model.md, Vesting schedules)."""
from __future__ import annotations

import pytest

from conftest import model_table
from xlmodel import schedules


def assert_tranches(actual, expected):
    """Same vest months in the same order, fractions equal to 1e-12."""
    assert [m for m, _ in actual] == [m for m, _ in expected]
    assert [f for _, f in actual] == pytest.approx([f for _, f in expected], abs=1e-12)


# --- presets ---------------------------------------------------------------------------------

def test_amazon_preset():
    expected = [(12, 0.05), (24, 0.15), (30, 0.20), (36, 0.20), (42, 0.20), (48, 0.20)]
    assert_tranches(schedules.preset("amazon").tranches, expected)


def test_standard_preset():
    expected = [(12, 0.25)] + [(m, 1 / 48) for m in range(13, 49)]
    assert_tranches(schedules.preset("standard").tranches, expected)


def test_quarterly_cliff_preset():
    expected = [(12, 0.25)] + [(m, 1 / 16) for m in (15, 18, 21, 24, 27, 30, 33, 36, 39, 42, 45, 48)]
    assert_tranches(schedules.preset("quarterly-cliff").tranches, expected)


def test_meta_preset_has_no_cliff():
    expected = [(m, 1 / 16) for m in (3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36, 39, 42, 45, 48)]
    assert_tranches(schedules.preset("meta").tranches, expected)


def test_google_preset_vests_each_years_share_monthly():
    expected = ([(m, 0.33 / 12) for m in range(1, 13)] + [(m, 0.33 / 12) for m in range(13, 25)]
                + [(m, 0.22 / 12) for m in range(25, 37)] + [(m, 0.12 / 12) for m in range(37, 49)])
    assert_tranches(schedules.preset("google").tranches, expected)


@pytest.mark.parametrize("name", ["amazon", "standard", "quarterly-cliff", "meta", "google"])
def test_every_preset_sums_to_one_and_remembers_its_name(name):
    schedule = schedules.preset(name)
    assert sum(f for _, f in schedule.tranches) == pytest.approx(1.0, abs=1e-12)
    assert schedule.preset == name
    assert schedule.last_month == 48


def test_preset_names_are_exactly_the_specs():
    assert set(schedules.PRESET_NAMES) == {"amazon", "standard", "quarterly-cliff", "meta", "google"}


# --- table forms, as the offers file gives them ------------------------------------------------

def schedule_of(load, schedule_toml: str, horizon_years: int = 4):
    offers = load(model_table(horizon_years) + f"""
[[offers]]
name = "A"
base = 100000
[offers.equity]
type = "rsu"
grant_value = 1000
price = 10
schedule = {schedule_toml}
""")
    return offers.offers[0].equity.schedule.tranches


def test_yearly_table_with_every_months_and_cliff(load):
    tranches = schedule_of(load, "{ yearly = [0.05, 0.15, 0.40, 0.40], every_months = 6, cliff_months = 12 }")
    # Year 1's two halves (months 6 and 12) are gathered at the 12-month cliff.
    expected = [(12, 0.025 + 0.025), (18, 0.075), (24, 0.075), (30, 0.20), (36, 0.20), (42, 0.20), (48, 0.20)]
    assert_tranches(tranches, expected)


def test_yearly_table_quarterly_without_cliff(load):
    tranches = schedule_of(load, "{ yearly = [0.40, 0.30, 0.20, 0.10], every_months = 3 }")
    expected = ([(3, 0.1), (6, 0.1), (9, 0.1), (12, 0.1)]
                + [(15, 0.075), (18, 0.075), (21, 0.075), (24, 0.075)]
                + [(27, 0.05), (30, 0.05), (33, 0.05), (36, 0.05)]
                + [(39, 0.025), (42, 0.025), (45, 0.025), (48, 0.025)])
    assert_tranches(tranches, expected)


def test_yearly_table_monthly_with_cliff_is_the_standard_schedule(load):
    tranches = schedule_of(load, "{ yearly = [0.25, 0.25, 0.25, 0.25], every_months = 1, cliff_months = 12 }")
    assert_tranches(tranches, [(12, 12 * (0.25 / 12))] + [(m, 0.25 / 12) for m in range(13, 49)])


def test_yearly_table_defaults_to_one_tranche_a_year(load):
    tranches = schedule_of(load, "{ yearly = [0.5, 0.5] }", horizon_years=2)
    assert_tranches(tranches, [(12, 0.5), (24, 0.5)])


def test_months_table_linear_with_cliff(load):
    tranches = schedule_of(load, "{ months = 12, every_months = 1, cliff_months = 6 }")
    assert_tranches(tranches, [(6, 6 / 12)] + [(m, 1 / 12) for m in range(7, 13)])


def test_months_table_cliff_between_tranches_pays_at_the_cliff(load):
    tranches = schedule_of(load, "{ months = 24, every_months = 6, cliff_months = 9 }")
    # Tranches at 6, 12, 18 and 24; the one at 6 waits for the cliff at month 9.
    assert_tranches(tranches, [(9, 0.25), (12, 0.25), (18, 0.25), (24, 0.25)])


def test_months_table_without_cliff(load):
    tranches = schedule_of(load, "{ months = 36, every_months = 12 }")
    assert_tranches(tranches, [(12, 1 / 3), (24, 1 / 3), (36, 1 / 3)])


def test_explicit_tranches_are_kept_sorted_and_merged(load):
    tranches = schedule_of(load, "{ tranches = [[24, 0.25], [12, 0.5], [12, 0.25]] }")
    assert_tranches(tranches, [(12, 0.75), (24, 0.25)])


def test_preset_name_in_the_file(load):
    tranches = schedule_of(load, '"amazon"')
    assert_tranches(tranches, [(12, 0.05), (24, 0.15), (30, 0.20), (36, 0.20), (42, 0.20), (48, 0.20)])


# --- the helpers themselves -----------------------------------------------------------------

def test_linear_tranches_function():
    # Tranches at 2, 4 and 6; the one at 2 is gathered at the cliff, month 4.
    assert_tranches(schedules.linear_tranches(6, 2, 4), [(4, 1 / 3 + 1 / 3), (6, 1 / 3)])


def test_vested_fraction_is_cumulative():
    tranches = schedules.preset("amazon").tranches
    assert schedules.vested_fraction(tranches, 11) == 0
    assert schedules.vested_fraction(tranches, 12) == pytest.approx(0.05)
    assert schedules.vested_fraction(tranches, 30) == pytest.approx(0.05 + 0.15 + 0.20)
    assert schedules.vested_fraction(tranches, 100) == pytest.approx(1.0)
