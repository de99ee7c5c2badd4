"""The Excel functions (udfs/xlmodel_udfs.py): thin wrappers that agree with the engine.

Each UDF is called the way Excel calls it: a column of input keys and the offer's column of
values (built with xlmodel.inputs.keys, as on the Inputs sheet), the model's keys and values,
and a tranche range for custom schedules.
"""
from __future__ import annotations

import ast
import dataclasses
import importlib.util
import inspect
import math
import os
import subprocess
import sys
import types
import zipfile
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pytest

from xlmodel import tax_grid

import xlmodel_udfs as udfs
from xlmodel import engine
from xlmodel.inputs.keys import model_inputs, offer_inputs, offer_keys
from xlmodel.inputs.offers_file import load_offers
from xlmodel.schedules import PRESET_NAMES, preset, vested_fraction

REPO = Path(__file__).resolve().parent.parent
SAMPLES = sorted((REPO / "samples").glob("*.toml"))
UDF_NAMES = ("OFFERVALUE", "OFFERTC", "VESTED", "VESTSCHEDULE", "ASKBASE", "ASKSIGNON", "ASKEQUITY",
             "BREAKEVENGROWTH", "LEAVEVALUE", "ASKBUMP", "PROBABILITYTOCLOSE", "ACCELERATIONVALUE", "OFFERODDS")
SERIAL_2027_01_04 = 46391  # =DATE(2027,1,4) in Excel


def offer_columns(offer, horizon_years: int) -> tuple[list, list, list | None]:
    """keys, values and tranches of one offer, laid out as on the Inputs sheet."""
    keys = list(offer_keys(horizon_years))
    inputs = offer_inputs(offer, horizon_years)
    custom = offer.equity is not None and offer.equity.schedule.preset is None
    tranches = [[month, fraction] for month, fraction in offer.equity.schedule.tranches] if custom else None
    return keys, [inputs[key] for key in keys], tranches


def model_columns(settings) -> tuple[list, list]:
    inputs = model_inputs(settings)
    return list(inputs), list(inputs.values())


def sample_offers():
    for path in SAMPLES:
        offers_file = load_offers(path)
        for offer in offers_file.offers:
            yield pytest.param(offers_file, offer, id=f"{path.stem}-{offer.name}")


def sample_files():
    return [pytest.param(load_offers(path), id=path.stem) for path in SAMPLES]


def udf_args(offers_file, offer) -> tuple:
    """(keys, values, model_keys, model_values, tranches) for a UDF call on `offer`."""
    keys, values, tranches = offer_columns(offer, offers_file.model.horizon_years)
    model_keys, model_values = model_columns(offers_file.model)
    return keys, values, model_keys, model_values, tranches


def is_error(result) -> bool:
    return isinstance(result, str) and result.startswith("#XLMODEL: ")


# --- every UDF against the engine, on every sample --------------------------------------------

@pytest.mark.parametrize("offers_file, offer", sample_offers())
def test_offervalue_matches_the_engine(offers_file, offer):
    keys, values, model_keys, model_values, tranches = udf_args(offers_file, offer)
    expected = engine.value_offer(offer, offers_file.model)
    assert udfs.OFFERVALUE(keys, values, model_keys, model_values, None, tranches) == pytest.approx(expected.pv, rel=1e-12)
    for metric in ("pv", "total", "annualized"):
        result = udfs.OFFERVALUE(keys, values, model_keys, model_values, metric, tranches)
        assert result == pytest.approx(getattr(expected, metric), rel=1e-12), metric


@pytest.mark.parametrize("offers_file, offer", sample_offers())
def test_offertc_is_the_engines_yearly_total_compensation(offers_file, offer):
    keys, values, model_keys, model_values, tranches = udf_args(offers_file, offer)
    years = udfs.OFFERTC(keys, values, model_keys, model_values, tranches)
    expected = engine.value_offer(offer, offers_file.model).years
    assert len(years) == offers_file.model.horizon_years
    assert years == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("offers_file, offer", sample_offers())
def test_leavevalue_matches_the_engines_leave_rules(offers_file, offer):
    keys, values, model_keys, model_values, tranches = udf_args(offers_file, offer)
    settings = offers_file.model
    flows = engine.value_offer(offer, settings).flows
    expected = engine.leave_values(offer, settings, flows)
    assert expected, "every sample has leave months inside its horizon"
    for month, kept in expected.items():
        for mode in ("quit", "cut"):
            result = udfs.LEAVEVALUE(month, keys, values, model_keys, model_values, mode, tranches)
            assert result == pytest.approx(kept[mode], rel=1e-12), (month, mode)
    assert udfs.LEAVEVALUE(12, keys, values, model_keys, model_values, None, tranches) == pytest.approx(expected[12]["quit"])
    for month in range(1, settings.months + 1):  # any month, not only the engine's table
        result = udfs.LEAVEVALUE(month, keys, values, model_keys, model_values, "cut", tranches)
        assert result == pytest.approx(engine.leave_value(offer, settings, month, "cut"), rel=1e-12)


@pytest.mark.parametrize("offers_file", sample_files())
def test_asks_close_the_engines_negotiation_gap(offers_file):
    valuation = engine.value_all(offers_file)
    negotiation = valuation.negotiation
    if negotiation.gap == 0:  # samples/target_leads.toml: nothing to close
        pytest.skip("the target already leads its alternative")
    target = offers_file.target
    keys, values, model_keys, model_values, tranches = udf_args(offers_file, target)
    gap = negotiation.gap
    assert udfs.ASKBASE(gap, keys, values, model_keys, model_values, tranches) == pytest.approx(negotiation.ask_base, rel=1e-12)
    assert udfs.ASKSIGNON(gap, model_keys, model_values) == pytest.approx(negotiation.ask_signon, rel=1e-12)
    ask_equity = udfs.ASKEQUITY(gap, keys, values, model_keys, model_values, tranches)
    assert ask_equity == pytest.approx(negotiation.ask_equity, rel=1e-12)


@pytest.mark.parametrize("offers_file, offer", sample_offers())
def test_asks_on_every_offer_match_the_engine(offers_file, offer):
    keys, values, model_keys, model_values, tranches = udf_args(offers_file, offer)
    settings = offers_file.model
    gap = 50_000.0
    assert udfs.ASKBASE(gap, keys, values, model_keys, model_values, tranches) == pytest.approx(
        engine.ask_base(offer, settings, gap), rel=1e-12)
    result = udfs.ASKEQUITY(gap, keys, values, model_keys, model_values, tranches)
    if offer.equity is not None and offer.equity.is_rsu:
        assert result == pytest.approx(engine.ask_equity(offer, settings, gap), rel=1e-12)
    else:  # options or no equity: no RSU grant to extend, an empty cell as in the workbook
        assert result == ""


@pytest.mark.parametrize("offers_file", sample_files())
def test_breakevengrowth_matches_the_engine(offers_file):
    valuation = engine.value_all(offers_file)
    alternative = next(v for v in valuation.offers if v.name == valuation.negotiation.alternative)
    keys, values, model_keys, model_values, tranches = udf_args(offers_file, offers_file.target)
    result = udfs.BREAKEVENGROWTH(alternative.pv, keys, values, model_keys, model_values, tranches)
    if valuation.break_even_growth is None:
        assert result == ""
    else:
        assert result == pytest.approx(valuation.break_even_growth, rel=1e-12)
        growth_keys = list(keys)
        at_tie = list(values)
        at_tie[growth_keys.index("equity.growth")] = result
        tied_pv = udfs.OFFERVALUE(growth_keys, at_tie, model_keys, model_values, "pv", tranches)
        assert tied_pv == pytest.approx(alternative.pv, rel=1e-9)


@pytest.mark.parametrize("offers_file, offer", sample_offers())
def test_breakevengrowth_on_every_offer_matches_the_engine(offers_file, offer):
    keys, values, model_keys, model_values, tranches = udf_args(offers_file, offer)
    goal = engine.value_offer(offer, offers_file.model).pv * 1.05
    expected = engine.growth_for_pv(offer, offers_file.model, goal)
    result = udfs.BREAKEVENGROWTH(goal, keys, values, model_keys, model_values, tranches)
    assert result == ("" if expected is None else pytest.approx(expected, rel=1e-12))


@pytest.mark.parametrize("name", PRESET_NAMES)
def test_vested_and_vestschedule_on_every_preset(name):
    tranches = preset(name).tranches
    assert udfs.VESTSCHEDULE(name) == [[month, fraction] for month, fraction in tranches]
    for month in range(0, 61):
        assert udfs.VESTED(name, month) == pytest.approx(vested_fraction(tranches, month), abs=1e-15)
    assert udfs.VESTED(name, 48) == pytest.approx(1.0)


@pytest.mark.parametrize("offers_file, offer", sample_offers())
def test_vested_on_every_samples_schedule_by_name_or_by_range(offers_file, offer):
    if offer.equity is None:
        pytest.skip("no equity")
    schedule = offer.equity.schedule
    argument = schedule.preset or [[month, fraction] for month, fraction in schedule.tranches]
    for month in (0, 6, 12, 18, 24, 36, 48):
        assert udfs.VESTED(argument, month) == pytest.approx(vested_fraction(schedule.tranches, month), abs=1e-12)
    assert udfs.VESTSCHEDULE(argument) == [list(t) for t in schedule.tranches]


# --- hand-worked examples ----------------------------------------------------------------------

HAND_KEYS = ["name", "base", "bonus_target", "signon.1", "signon_clawback_months",
             "equity.type", "equity.grant_value", "equity.price", "equity.schedule"]
HAND_VALUES = ["Hand", 120000, 0.10, 12000, 12, "rsu", 48000, 100, "custom"]
HAND_TRANCHES = [[6, 0.5], [12, 0.5]]
ONE_YEAR = (["model.start_date", "model.horizon_years", "model.discount_rate"], [date(2027, 1, 4), 1, 0])


def test_hand_worked_offer_with_no_discounting():
    # Year 1: salary 120,000 + bonus 10% = 12,000 + sign-on 12,000 + 480 shares x $100 = 48,000.
    args = (HAND_KEYS, HAND_VALUES, *ONE_YEAR)
    assert udfs.OFFERVALUE(*args, "total", HAND_TRANCHES) == pytest.approx(192_000)
    assert udfs.OFFERVALUE(*args, "pv", HAND_TRANCHES) == pytest.approx(192_000)
    assert udfs.OFFERVALUE(*args, "annualized", HAND_TRANCHES) == pytest.approx(192_000)
    assert udfs.OFFERTC(*args, HAND_TRANCHES) == pytest.approx([192_000])
    # Quit after month 6: 6 months of salary 60,000, sign-on 12,000 less half repaid (6,000),
    # half the grant vested (24,000), no bonus yet (paid in month 12).
    assert udfs.LEAVEVALUE(6, *args, "quit", HAND_TRANCHES) == pytest.approx(90_000)
    # Cut after month 6 without a guarantee: no repayment.
    assert udfs.LEAVEVALUE(6, *args, "cut", HAND_TRANCHES) == pytest.approx(96_000)
    assert udfs.LEAVEVALUE(12, *args, "QUIT", HAND_TRANCHES) == pytest.approx(192_000)


def test_hand_worked_present_value_and_asks():
    rate = 0.05
    model = (["model.horizon_years", "model.discount_rate"], [2, rate])
    keys, values = ["base", "annual_raise"], [60000, 0.10]
    # Month m pays base/12 x 1.1^(year-1), discounted by 1.05^(-m/12).
    expected_pv = sum(60000 / 12 * 1.1 ** ((m - 1) // 12) * 1.05 ** (-m / 12) for m in range(1, 25))
    assert udfs.OFFERVALUE(keys, values, *model) == pytest.approx(expected_pv, rel=1e-12)
    assert udfs.ASKSIGNON(10_000, *model) == pytest.approx(10_000 * 1.05 ** (1 / 12))
    # Without discounting, one extra year-1 dollar of base pays 1 + 1.1 = 2.1 dollars in two years.
    flat = (["model.horizon_years"], [2])
    assert udfs.ASKBASE(21_000, keys, values, *flat) == pytest.approx(10_000)
    assert udfs.ASKBASE(-5, keys, values, *flat) == 0  # already ahead: nothing to ask
    # Amazon's schedule vests 5% + 15% within two years: each ask dollar of grant is worth 0.2.
    rsu = (["base", "equity.type", "equity.grant_value", "equity.price", "equity.schedule"],
           [100000, "rsu", 100000, 50, "amazon"])
    assert udfs.ASKEQUITY(10_000, *rsu, *flat) == pytest.approx(50_000)


def test_hand_worked_break_even_growth():
    # One share at $100 vesting at month 12, one year, no discounting: PV = 100 x (1 + g).
    keys = ["base", "equity.type", "equity.shares", "equity.price", "equity.schedule"]
    values = [0, "rsu", 1, 100, "custom"]
    model = (["model.horizon_years"], [1])
    tranches = [[12, 1.0]]
    assert udfs.BREAKEVENGROWTH(110, keys, values, *model, tranches) == pytest.approx(0.10, abs=1e-12)
    assert udfs.BREAKEVENGROWTH(80, keys, values, *model, tranches) == pytest.approx(-0.20, abs=1e-12)
    assert udfs.BREAKEVENGROWTH(200, keys, values, *model, tranches) == ""  # needs +100%
    assert udfs.BREAKEVENGROWTH(50, keys, values, *model, tranches) == ""  # needs -50%
    assert udfs.BREAKEVENGROWTH(110, ["base"], [100], *model) == ""  # no equity: growth cannot tie


def test_hand_worked_vesting():
    assert udfs.VESTED("amazon", 30) == pytest.approx(0.40)
    assert udfs.VESTED("standard", 11) == 0
    assert udfs.VESTED("standard", 24) == pytest.approx(0.25 + 12 / 48)
    assert udfs.VESTED("meta", 6.0) == pytest.approx(2 / 16)
    assert udfs.VESTSCHEDULE([[24, 0.25], [12, 0.75]]) == [[12, 0.75], [24, 0.25]]
    assert udfs.VESTSCHEDULE([[12, 0.5], [None, None], [12, 0.5]]) == [[12, 1.0]]  # blank rows skipped, same month merged
    assert udfs.VESTSCHEDULE([[12, 1]]) == [[12, 1.0]]


def test_leavevalue_cut_keeps_guaranteed_pay():
    keys = ["base", "fallback.bump", "fallback.after_months", "fallback.probability", "fallback.guaranteed_months"]
    values = [120000, 0.10, 6, 0.5, 12]
    model = (["horizon_years"], [2])
    # Cut after month 3: months 1..12 paid; months 7..12 carry the expected bump 10% x 0.5.
    expected = 12 * 10_000 + 6 * 10_000 * 0.05
    assert udfs.LEAVEVALUE(3, keys, values, *model, "cut") == pytest.approx(expected)
    assert udfs.LEAVEVALUE(3, keys, values, *model, "quit") == pytest.approx(30_000)


# --- what Excel passes -------------------------------------------------------------------------

def amazon_args():
    offers_file = load_offers(REPO / "samples" / "amazon_vs_startup.toml")
    return offers_file, udf_args(offers_file, offers_file.target)


@pytest.mark.parametrize("start", [datetime(2027, 1, 4), date(2027, 1, 4), SERIAL_2027_01_04,
                                   float(SERIAL_2027_01_04), "2027-01-04", None])
def test_dates_may_be_dates_serial_numbers_or_text(start):
    offers_file, (keys, values, model_keys, model_values, _) = amazon_args()
    model_values = [start if key == "model.start_date" else value for key, value in zip(model_keys, model_values)]
    decision = model_keys.index("model.decision_date")
    model_values[decision] = SERIAL_2027_01_04 - 40
    expected = engine.value_offer(offers_file.target, offers_file.model).pv
    assert udfs.OFFERVALUE(keys, values, model_keys, model_values) == pytest.approx(expected, rel=1e-12)


def test_excel_shapes_columns_rows_blocks_and_arrays():
    offers_file, (keys, values, model_keys, model_values, _) = amazon_args()
    expected = engine.value_offer(offers_file.target, offers_file.model).pv
    as_column = lambda cells: [[cell] for cell in cells]  # what @arg(ndim=2) delivers for a column
    as_floats = [float(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in values]  # Excel numbers are floats; TRUE/FALSE stay booleans
    calls = [
        (as_column(keys), as_column(as_floats), as_column(model_keys), as_column(model_values)),
        (keys, as_floats, [model_keys], [model_values]),  # a row of model keys
        (np.array(as_column(keys), dtype=object), np.array(as_column(values), dtype=object),
         np.array(model_keys, dtype=object), np.array(model_values, dtype=object)),
    ]
    for call in calls:
        assert udfs.OFFERVALUE(*call) == pytest.approx(expected, rel=1e-12)


def test_model_keys_may_drop_the_prefix_or_sit_in_the_offer_column():
    offers_file, (keys, values, model_keys, model_values, _) = amazon_args()
    expected = engine.value_offer(offers_file.target, offers_file.model).pv
    short = [key.removeprefix("model.") for key in model_keys]
    assert udfs.OFFERVALUE(keys, values, short, model_values) == pytest.approx(expected, rel=1e-12)
    assert udfs.OFFERVALUE(keys + model_keys, values + model_values) == pytest.approx(expected, rel=1e-12)


def test_blank_keys_and_values_are_skipped_and_defaulted():
    keys = ["", "base", None, "annual_raise", "bonus_target", "title"]
    values = ["Section heading", 100000, None, "", "  ", None]
    assert udfs.OFFERVALUE(keys, values, ["horizon_years"], [1]) == pytest.approx(100_000)


def test_without_model_the_horizon_is_four_years_undiscounted():
    assert udfs.OFFERTC(["base"], [100000]) == pytest.approx([100_000] * 4)
    assert udfs.OFFERVALUE(["base"], [100000]) == pytest.approx(400_000)
    assert udfs.ASKSIGNON(1000) == 1000


def test_equity_type_none_switches_equity_off():
    keys = ["base", "equity.type", "equity.grant_value", "equity.price", "equity.schedule"]
    assert udfs.OFFERVALUE(keys, [100000, "none", 50000, 10, "custom"], ["horizon_years"], [1]) == pytest.approx(100_000)


def test_model_target_is_ignored():
    value = udfs.OFFERVALUE(["name", "base"], ["A", 100000], ["model.horizon_years", "model.target"], [1, "Other"])
    assert value == pytest.approx(100_000)


# --- bad arguments give a message in the cell, never an exception -------------------------------

BASE = (["base"], [100000])
CUSTOM = (["base", "equity.type", "equity.grant_value", "equity.price", "equity.schedule"],
          [100000, "rsu", 1000, 10, "custom"])
OPTIONS = (["base", "equity.type", "equity.shares", "equity.price", "equity.strike", "equity.schedule"],
           [100000, "options", 1000, 10, 1, "standard"])

BAD_CALLS = [
    (lambda: udfs.OFFERVALUE(["base"], [-5.0]), "#XLMODEL: base: must not be negative, got -5"),
    (lambda: udfs.OFFERVALUE(["base"], ["lots"]), "#XLMODEL: base: must be a number, got text 'lots'"),
    (lambda: udfs.OFFERVALUE(["base", "bse"], [1, 2]), "#XLMODEL: bse: unknown key (did you mean 'base'?)"),
    (lambda: udfs.OFFERVALUE(["title"], ["x"]), "#XLMODEL: base: is required but missing"),
    (lambda: udfs.OFFERVALUE(["base", "base"], [1, 2]), "#XLMODEL: base: is given twice"),
    (lambda: udfs.OFFERVALUE(["base", "annual_raise"], [1]),
     "#XLMODEL: values: must have as many cells as keys (2 keys, 1 values)"),
    (lambda: udfs.OFFERVALUE([["base", "x"], ["a", "b"]], [[1, 2], [3, 4]]),
     "#XLMODEL: keys: must be a single column (or row) of cells, got 2 rows x 2 columns"),
    (lambda: udfs.OFFERVALUE([1, 2], [1, 2]), "#XLMODEL: keys: holds 1 where a key such as 'base' belongs"),
    (lambda: udfs.OFFERVALUE(*BASE, metric="npv"), "#XLMODEL: metric: must be one of 'pv', 'total', 'annualized', 'after_tax_pv', 'after_tax_total', got 'npv'"),
    (lambda: udfs.OFFERVALUE(*BASE, ["horizon_years"], [0]), "#XLMODEL: model.horizon_years: must be between 1 and 10, got 0"),
    (lambda: udfs.OFFERVALUE(*BASE, ["horizon_years"], [2.5]), "#XLMODEL: model.horizon_years: must be a whole number, got the number 2.5"),
    (lambda: udfs.OFFERVALUE(*BASE, ["discount_rate"], [-0.1]), "#XLMODEL: model.discount_rate: must be between 0 and 1, got -0.1"),
    (lambda: udfs.OFFERVALUE(*BASE, ["start_date"], [-3]), "#XLMODEL: model.start_date: must be a date, got -3"),
    (lambda: udfs.OFFERVALUE(*BASE, ["start_date"], ["soon"]),
     "#XLMODEL: model.start_date: must be a date such as 2027-01-04, got 'soon'"),
    (lambda: udfs.OFFERVALUE(*BASE, ["model.horizon_years", "horizon_years"], [1, 2]),
     "#XLMODEL: model.horizon_years: is given twice"),
    (lambda: udfs.OFFERVALUE(*BASE, ["horizon"], [2]), "#XLMODEL: model.horizon: unknown key (did you mean 'horizon_years'?)"),
    (lambda: udfs.OFFERVALUE(["base", "signon.1", "signon.2"], [1, 5, 5], ["horizon_years"], [1]),
     "#XLMODEL: signon: has 2 entries but the horizon is 1 years"),
    (lambda: udfs.OFFERVALUE(["base", "signon.1", "signon.2"], [1, 5, -5]), "#XLMODEL: signon.2: must not be negative, got -5"),
    (lambda: udfs.OFFERVALUE(["base", "equity.grant_value"], [1, 5]),
     '#XLMODEL: equity.type: is required with the other equity inputs: "rsu", "options" or "none"'),
    (lambda: udfs.OFFERVALUE(["base", "equity.type", "equity.price", "equity.schedule"], [1, "rsu", 10, "amazon"]),
     "#XLMODEL: equity: must give exactly one grant size: grant_value, shares or percent"),
    (lambda: udfs.OFFERVALUE(["base", "equity.type", "equity.grant_value", "equity.price", "equity.schedule"],
                             [1, "rsu", 10, 10, "amazn"]),
     "#XLMODEL: equity.schedule: unknown schedule preset 'amazn'; use one of 'amazon', 'standard', "
     "'quarterly-cliff', 'meta', 'google' or a table"),
    (lambda: udfs.OFFERVALUE(*CUSTOM), '#XLMODEL: tranches: equity.schedule is "custom": give the tranches as two columns (month, fraction)'),
    (lambda: udfs.OFFERVALUE(*CUSTOM, tranches=[[12, 0.5]]), "#XLMODEL: tranches: fractions must sum to 1 (100%), they sum to 0.5"),
    (lambda: udfs.OFFERVALUE(*CUSTOM, tranches=[[12, 0.5], [0, 0.5]]),
     "#XLMODEL: tranches row 2: month must be a whole number from 1 to 120, got 0"),
    (lambda: udfs.OFFERVALUE(*CUSTOM, tranches=[[12, 0.5], [24, None]]), "#XLMODEL: tranches row 2: needs both a month and a fraction"),
    (lambda: udfs.OFFERVALUE(*CUSTOM, tranches=[[12, 0.5, 1]]), "#XLMODEL: tranches: must be two columns (month, fraction), got 3"),
    (lambda: udfs.OFFERVALUE(["base", "fallback.bump"], [1, 0.1]), "#XLMODEL: fallback.after_months: is required but missing"),
    (lambda: udfs.OFFERTC(["base"], [-1]), "#XLMODEL: base: must not be negative, got -1"),
    (lambda: udfs.VESTED("nope", 12), "#XLMODEL: schedule: unknown schedule preset 'nope'; use one of 'amazon', "
                                      "'standard', 'quarterly-cliff', 'meta', 'google' or a table"),
    (lambda: udfs.VESTED("amazon", -1), "#XLMODEL: month: must be between 0 and 1000000, got -1"),
    (lambda: udfs.VESTED("amazon", 6.5), "#XLMODEL: month: must be a whole number, got 6.5"),
    (lambda: udfs.VESTED("amazon", None), "#XLMODEL: month: must be a whole number, got None"),
    (lambda: udfs.VESTED([[12, 0.5], [24, "x"]], 3), "#XLMODEL: schedule row 2: must be a number, got text 'x'"),
    (lambda: udfs.VESTED(None, 3), "#XLMODEL: schedule: is empty: give a preset name or two columns (month, fraction)"),
    (lambda: udfs.VESTSCHEDULE(5), "#XLMODEL: schedule: must be two columns (month, fraction), got 1"),
    (lambda: udfs.VESTSCHEDULE([[12, 0.6], [24, 0.6]]), "#XLMODEL: schedule: fractions must sum to 1 (100%), they sum to 1.2"),
    (lambda: udfs.ASKBASE("big", *BASE), "#XLMODEL: gap: must be a number, got 'big'"),
    (lambda: udfs.ASKSIGNON(None), "#XLMODEL: gap: must be a number, got None"),
    (lambda: udfs.ASKEQUITY(1000, ["base", "equity.type", "equity.grant_value", "equity.price", "equity.schedule",
                                   "equity.liquidity_probability"], [1, "rsu", 10, 10, "amazon", 0]),
     "#XLMODEL: equity: no extra grant closes the gap: none of it is worth anything within the horizon "
     "(liquidity 0, or no tranche vests in time)"),
    (lambda: udfs.BREAKEVENGROWTH("x", *BASE), "#XLMODEL: alternative_pv: must be a number, got 'x'"),
    (lambda: udfs.LEAVEVALUE(49, *BASE), "#XLMODEL: month: must be between 1 and 48 (the horizon's months), got 49"),
    (lambda: udfs.LEAVEVALUE(0, *BASE), "#XLMODEL: month: must be between 1 and 48 (the horizon's months), got 0"),
    (lambda: udfs.LEAVEVALUE(6, *BASE, mode="fired"), "#XLMODEL: mode: must be one of 'quit', 'cut', got 'fired'"),
]


@pytest.mark.parametrize("call, message", BAD_CALLS, ids=[m.split(": ", 2)[1] + f"-{i}" for i, (_, m) in enumerate(BAD_CALLS)])
def test_bad_arguments_give_a_readable_message(call, message):
    assert call() == message


def test_a_bug_still_gives_a_message_not_an_exception(monkeypatch):
    def broken(*args):
        raise ZeroDivisionError("float division by zero")
    monkeypatch.setattr(udfs.engine, "value_offer", broken)
    result = udfs.OFFERVALUE(*BASE)
    assert result == "#XLMODEL: unexpected ZeroDivisionError: float division by zero (please report it)"


# --- the module stays within what classic xlwings and xlwings Lite share -----------------------

def load_with_recording_xlwings(monkeypatch):
    """Import the UDF module afresh with an `xlwings` whose decorators record how they were used."""
    used = {}

    def func(f=None, **options):
        def mark(g):
            used.setdefault(g.__name__, {"args": {}})["func"] = options
            return g
        return mark if f is None else mark(f)

    def arg(name, convert=None, **options):
        def mark(g):
            used.setdefault(g.__name__, {"args": {}})["args"][name] = dict(options, convert=convert)
            return g
        return mark

    def ret(*convert, **options):
        def mark(g):
            used.setdefault(g.__name__, {"args": {}})["ret"] = (convert, options)
            return g
        return mark

    fake = types.ModuleType("xlwings")
    fake.func, fake.arg, fake.ret = func, arg, ret
    monkeypatch.setitem(sys.modules, "xlwings", fake)
    spec = importlib.util.spec_from_file_location("recorded_udfs", udfs.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module, used


def test_every_udf_is_registered_with_documented_arguments_only_shared_options(monkeypatch):
    module, used = load_with_recording_xlwings(monkeypatch)
    assert sorted(used) == sorted(UDF_NAMES)
    for name in UDF_NAMES:
        function = getattr(module, name)
        parameters = list(inspect.signature(function).parameters)
        record = used[name]
        assert record["func"] == {}, f"{name}: @func options are not shared by classic and Lite"
        assert "ret" not in record
        assert sorted(record["args"]) == sorted(parameters), f"{name}: every argument has an @arg doc"
        for parameter, options in record["args"].items():
            assert options["convert"] is None
            assert set(options) - {"convert"} <= {"doc", "ndim", "err_to_str"}, (name, parameter)
            assert options.get("err_to_str") is True, f"{name}({parameter}): an Excel error must not arrive as a blank"
            assert options.get("ndim") in (None, 2)
            assert 0 < len(options["doc"]) <= 255, (name, parameter)  # Excel's limit per description
        assert function.__doc__ and len(function.__doc__) <= 255, name  # the function wizard's description
        assert "\n" not in function.__doc__.strip(), name
        assert all(p.annotation is inspect.Parameter.empty for p in inspect.signature(function).parameters.values()), \
            f"{name}: Lite treats type hints as converters"
        assert all(p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for p in inspect.signature(function).parameters.values())


def test_the_udf_module_has_no_future_import_and_no_valuation_formula():
    source = Path(udfs.__file__).read_text(encoding="utf-8")
    tree = ast.parse(source)
    assert not any(isinstance(n, ast.ImportFrom) and n.module == "__future__" for n in ast.walk(tree))
    for node in ast.walk(tree):  # thin wrappers: no discounting or growth arithmetic of their own
        assert not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow)), ast.unparse(node)


# --- evaluated by a spreadsheet engine: the `formulas` package calls the real UDFs --------------

def test_udfs_in_cells_evaluated_by_the_formulas_package(tmp_path):
    pytest.importorskip("formulas")
    openpyxl = pytest.importorskip("openpyxl")

    offers_file, (keys, values, model_keys, model_values, _) = amazon_args()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Inputs"
    for row, (key, value) in enumerate(zip(keys, values), start=1):
        sheet.cell(row, 1, key)
        sheet.cell(row, 2, value)
    for row, (key, value) in enumerate(zip(model_keys, model_values), start=1):
        sheet.cell(row, 4, key)
        sheet.cell(row, 5, value)
    last, model_last = len(keys), len(model_keys)
    columns = f"A1:A{last},B1:B{last},D1:D{model_last},E1:E{model_last}"
    sheet["G1"] = f'=OFFERVALUE({columns},"pv")'
    sheet["G2"] = f"=LEAVEVALUE(18,A1:A{last},B1:B{last},D1:D{model_last},E1:E{model_last},\"cut\")"
    sheet["G3"] = '=VESTED("amazon",30)'
    sheet["G4"] = f"=ASKBASE(100000,{columns})"
    sheet["G5"] = '=VESTED("amazon",-1)'
    path = tmp_path / "udfs.xlsx"
    workbook.save(path)

    from workbook_support import evaluate_with_udfs

    solution = evaluate_with_udfs(path, udfs, ("OFFERVALUE", "LEAVEVALUE", "VESTED", "ASKBASE"))

    def cell(ref):
        key = next(k for k in solution if k.upper().endswith(f"INPUTS'!{ref}"))
        return solution[key].value[0, 0]

    target, settings = offers_file.target, offers_file.model
    assert cell("G1") == pytest.approx(engine.value_offer(target, settings).pv, rel=1e-12)
    assert cell("G2") == pytest.approx(engine.leave_value(target, settings, 18, "cut"), rel=1e-12)
    assert cell("G3") == pytest.approx(0.40)
    assert cell("G4") == pytest.approx(engine.ask_base(target, settings, 100000), rel=1e-12)
    assert cell("G5") == "#XLMODEL: month: must be between 0 and 1000000, got -1"


def test_every_result_is_a_plain_excel_value():
    offers_file, (keys, values, model_keys, model_values, _) = amazon_args()
    results = [udfs.OFFERVALUE(keys, values, model_keys, model_values),
               *udfs.OFFERTC(keys, values, model_keys, model_values),
               *[x for row in udfs.VESTSCHEDULE("amazon") for x in row]]
    for result in results:
        assert type(result) in (int, float) and math.isfinite(result)


# --- Excel error values, the model block with holidays, whole columns, Lite's blanks ----------

EXCEL_ERRORS = ("#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!")


@pytest.mark.parametrize("error", EXCEL_ERRORS)
def test_an_error_value_in_an_input_cell_is_named_never_taken_as_blank(error):
    # A #REF! discount rate read as a blank would give the undiscounted total as the PV:
    # 2 years of 60,000 = 120,000. The cell must say what is wrong instead.
    keys, values = ["base"], [60000]
    model_keys = ["model.horizon_years", "model.discount_rate"]
    assert udfs.OFFERVALUE(keys, values, model_keys, [2, None]) == 120_000  # a true blank: no discounting
    assert udfs.OFFERVALUE(keys, values, model_keys, [2, error]) == f"#XLMODEL: model.discount_rate: the cell holds {error}"
    assert udfs.OFFERVALUE(["base", "annual_raise"], [[60000], [error]]) == f"#XLMODEL: annual_raise: the cell holds {error}"
    assert udfs.OFFERTC(["name", "base"], [error, 1]) == f"#XLMODEL: name: the cell holds {error}"
    assert udfs.ASKSIGNON(error) == f"#XLMODEL: gap: the cell holds {error}"
    assert udfs.ASKBASE(1000, keys, values, ["horizon_years"], [[error]]) == \
        f"#XLMODEL: model.horizon_years: the cell holds {error}"
    assert udfs.BREAKEVENGROWTH(error, keys, values) == f"#XLMODEL: alternative_pv: the cell holds {error}"
    assert udfs.LEAVEVALUE(error, keys, values) == f"#XLMODEL: month: the cell holds {error}"
    assert udfs.LEAVEVALUE(3, keys, values, None, None, error) == f"#XLMODEL: mode: the cell holds {error}"
    assert udfs.OFFERVALUE(keys, values, None, None, error) == f"#XLMODEL: metric: the cell holds {error}"
    assert udfs.VESTED(error, 12) == f"#XLMODEL: schedule: the cell holds {error}"
    assert udfs.VESTED("amazon", error) == f"#XLMODEL: month: the cell holds {error}"
    assert udfs.VESTSCHEDULE([[12, 0.5], [24, error]]) == f"#XLMODEL: schedule row 2: the cell holds {error}"
    assert udfs.OFFERVALUE(*CUSTOM, tranches=[[12, 0.5], [error, 0.5]]) == f"#XLMODEL: tranches row 2: the cell holds {error}"
    assert udfs.OFFERVALUE(["base", error], [1, 2]) == f"#XLMODEL: keys row 2: the cell holds {error}"


def test_an_error_in_an_ignored_or_holiday_row_is_still_reported():
    model_keys = ["model.horizon_years", "model.target", "model.holidays.1", "model.holidays.2"]
    assert udfs.OFFERVALUE(*BASE, model_keys, [1, "#N/A", None, None]) == "#XLMODEL: model.target: the cell holds #N/A"
    assert udfs.OFFERVALUE(*BASE, model_keys, [1, None, None, "#REF!"]) == "#XLMODEL: model.holidays.2: the cell holds #REF!"


def model_block(settings, slots: int = 8, as_serials: bool = False) -> tuple[list, list]:
    """The model keys and values as the Inputs sheet lays them out: settings, then holiday rows (blank when unused)."""
    keys, values = model_columns(settings)
    holidays = list(settings.holidays)
    for n in range(1, slots + 1):
        day = holidays[n - 1] if n <= len(holidays) else None
        if as_serials and day is not None:
            day = float((day - date(1899, 12, 30)).days)
        keys.append(f"model.holidays.{n}")
        values.append(day)
    return keys, values


@pytest.mark.parametrize("as_serials", [False, True], ids=["dates", "serials"])
def test_the_model_block_with_holiday_rows_is_accepted(as_serials):
    offers_file = load_offers(REPO / "samples" / "amazon_vs_startup.toml")
    assert offers_file.model.holidays, "the sample lists holidays"
    keys, values, tranches = offer_columns(offers_file.target, offers_file.model.horizon_years)
    model_keys, model_values = model_block(offers_file.model, as_serials=as_serials)
    expected = engine.value_offer(offers_file.target, offers_file.model)
    assert udfs.OFFERVALUE(keys, values, model_keys, model_values, "pv", tranches) == pytest.approx(expected.pv, rel=1e-12)
    assert udfs.ASKSIGNON(1000, model_keys, model_values) == pytest.approx(engine.ask_signon(offers_file.model, 1000))


def test_a_bad_holiday_names_its_row():
    model_keys = ["model.horizon_years", "model.holidays.1", "model.holidays.2", "model.holidays.3"]
    assert udfs.OFFERVALUE(*BASE, model_keys, [1, SERIAL_2027_01_04, None, "soon"]) == \
        "#XLMODEL: model.holidays.3: must be a date such as 2027-01-04, got 'soon'"
    assert udfs.OFFERVALUE(*BASE, model_keys, [1, -4, None, None]) == "#XLMODEL: model.holidays.1: must be a date, got -4"
    assert udfs.OFFERVALUE(*BASE, model_keys + ["holidays.1"], [1, None, None, None, SERIAL_2027_01_04]) == \
        "#XLMODEL: model.holidays.1: is given twice"


WHOLE_COLUMN = 1_048_576  # rows in an Excel column


def whole_column(cells: list, rows: int = WHOLE_COLUMN) -> list[list]:
    """A column as @arg(ndim=2) delivers A:A: one-cell rows, blanks (None) down to the last row."""
    return [[cell] for cell in cells] + [[None]] * (rows - len(cells))  # one shared blank row: quick to build


def test_a_whole_column_gives_the_small_range_result():
    offers_file, (keys, values, model_keys, model_values, _) = amazon_args()
    small = udfs.OFFERVALUE(keys, values, model_keys, model_values)
    assert small == pytest.approx(engine.value_offer(offers_file.target, offers_file.model).pv, rel=1e-12)
    assert udfs.OFFERVALUE(whole_column(keys), whole_column(values),
                           whole_column(model_keys), whole_column(model_values)) == small
    # B:B beside A:A: the last filled value sits above the last key (blank values take defaults).
    # 2 years of 100,000 raised 10% = 100,000 + 110,000.
    two_years = (whole_column(["model.horizon_years"]), whole_column([2]))
    assert udfs.OFFERVALUE(whole_column(["base", "annual_raise", "title"]), whole_column([100000, 0.1]),
                           *two_years) == pytest.approx(210_000)
    assert udfs.OFFERTC(whole_column(keys), whole_column(values)) == udfs.OFFERTC(keys, values)
    assert udfs.VESTSCHEDULE([[12, 0.5], [24, 0.5]] + [[None, None]] * 100_000) == [[12, 0.5], [24, 0.5]]


def test_whole_columns_of_different_sizes_are_still_a_mistake():
    assert udfs.OFFERVALUE(whole_column(["base"]), whole_column([1], rows=1000)) == \
        f"#XLMODEL: values: must have as many cells as keys ({WHOLE_COLUMN} keys, 1000 values)"


class JsNull:
    """Stands in for pyodide.ffi.JsNull: what some xlwings Lite versions pass for a blank cell."""

    def __repr__(self):
        return "null"


def test_pyodide_jsnull_counts_as_blank():
    null = JsNull()
    keys = ["name", "base", null, "annual_raise", "bonus_target", "title"]
    values = [[null], [100000], ["x"], [null], [null], [null]]
    assert udfs.OFFERVALUE(keys, values, ["horizon_years", "discount_rate"], [[1], [null]]) == pytest.approx(100_000)
    assert udfs.OFFERVALUE(["base", "annual_raise"], [[100000], [null]] + [[null]] * 10_000,
                           ["horizon_years"], [1]) == "#XLMODEL: values: must have as many cells as keys (2 keys, 10002 values)"
    assert udfs.VESTSCHEDULE([[12, 0.5], [null, null], [24, 0.5], [null, null]]) == [[12, 0.5], [24, 0.5]]
    assert udfs.OFFERVALUE(["base"], [100000], None, None, null) == udfs.OFFERVALUE(["base"], [100000])


def test_askequity_without_rsus_is_an_empty_cell():
    assert udfs.ASKEQUITY(1000, *OPTIONS) == ""
    assert udfs.ASKEQUITY(1000, *BASE) == ""
    assert udfs.ASKEQUITY(1000, ["base", "equity.type"], [100000, "none"]) == ""


# --- installed as the top-level module `xlmodel_udfs` (the name xlwings.conf gives) ----------
# From any folder, by a wheel install and by an editable install alike.

# 1 year of 120,000 base: the value is 120,000 whichever way the module was installed.
PROBE = """
import sys, xlmodel, xlmodel_udfs
print(xlmodel_udfs.__file__)
print(xlmodel.__file__)
print(xlmodel_udfs.OFFERVALUE(["base"], [120000], ["model.horizon_years"], [1]))
"""


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PIP_NO_INPUT"] = "1"
    return env


def run_ok(args, cwd: Path, timeout: int = 300) -> str:
    result = subprocess.run(args, cwd=cwd, env=clean_env(), capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def build_flags() -> list[str]:
    # The build backend from this environment when present (offline); otherwise pip fetches it.
    have_backend = all(importlib.util.find_spec(name) for name in ("hatchling", "editables"))
    return ["--no-build-isolation"] if have_backend else []


def venv(folder: Path) -> Path:
    run_ok([sys.executable, "-m", "venv", "--system-site-packages", str(folder)], cwd=folder.parent)
    return folder / "bin" / "python"


def probe(python: Path, cwd: Path) -> list[str]:
    return run_ok([str(python), "-c", PROBE], cwd=cwd).splitlines()


def test_the_wheel_installs_xlmodel_udfs_top_level_and_no_udfs_package(tmp_path):
    wheels = tmp_path / "wheels"
    run_ok([sys.executable, "-m", "pip", "wheel", str(REPO), "-w", str(wheels), "--no-deps", "-q", *build_flags()],
           cwd=tmp_path)
    wheel = next(wheels.glob("xlmodel-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        shipped = archive.read("xlmodel_udfs.py").decode("utf-8")
    assert shipped == (REPO / "udfs" / "xlmodel_udfs.py").read_text(encoding="utf-8")  # not the checkout's shim
    assert not [name for name in names if name.startswith("udfs/")]  # no generic top-level `udfs`

    python = venv(tmp_path / "venv")
    # --system-site-packages lends openpyxl and xlwings; the wheel itself goes into the venv.
    run_ok([str(python), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)], cwd=tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    module_file, package_file, value = probe(python, elsewhere)
    site = tmp_path / "venv" / "lib"
    assert Path(module_file).is_relative_to(site) and Path(module_file).name == "xlmodel_udfs.py"
    assert Path(package_file).is_relative_to(site)
    assert float(value) == pytest.approx(120_000)


def test_an_editable_install_imports_the_live_source(tmp_path):
    python = venv(tmp_path / "venv")
    run_ok([str(python), "-m", "pip", "install", "-q", "--no-deps", "-e", str(REPO), *build_flags()], cwd=tmp_path)
    module_file, package_file, value = probe(python, tmp_path)
    assert Path(module_file) == REPO / "udfs" / "xlmodel_udfs.py"
    assert Path(package_file) == REPO / "xlmodel" / "__init__.py"
    assert float(value) == pytest.approx(120_000)


# --- after tax ------------------------------------------------------------------------------------

def tax_ranges(offers_file, offer, shipped_by_name: bool = False) -> tuple[list, list | None, list | None]:
    """(tax, location_keys, location_values) as on the Tax sheet: the settings' keys and values, and
    the offer's location rows (their keys, and the location's four columns); with
    `shipped_by_name`, no location ranges (the offer's tax_location names a shipped table)."""
    tax = offers_file.tax
    location = tax.locations.get(offer.tax_location)
    rows = [["tax", True], ["tax.filing_status", tax.filing_status], ["tax.indexation", tax.indexation],
            ["tax.table_year", 2026], ["tax.deductions", tax.deductions], ["tax.other_itemized", tax.other_itemized]]
    if location is None or shipped_by_name:
        return rows, None, None
    cells = tax_grid.location_cells(location, tax_grid.Sizes.of(list(tax.locations.values())))
    return rows, [[key] for key in cells], [list(values) + [None] * (4 - len(values)) for values in cells.values()]


def taxed_sample_offers():
    for path in SAMPLES:
        offers_file = load_offers(path)
        if offers_file.tax is not None:
            for offer in offers_file.offers:
                yield pytest.param(offers_file, offer, id=f"{path.stem}-{offer.name}")


@pytest.mark.parametrize("offers_file, offer", taxed_sample_offers())
def test_offervalue_after_tax_matches_the_engine(offers_file, offer):
    keys, values, model_keys, model_values, tranches = udf_args(offers_file, offer)
    expected = engine.value_all(offers_file).offers[list(offers_file.offers).index(offer)].after_tax
    for by_name in (False, True):
        tax, location_keys, location_values = tax_ranges(offers_file, offer, by_name)
        for metric, value in (("after_tax_pv", expected.pv), ("after_tax_total", expected.total)):
            result = udfs.OFFERVALUE(keys, values, model_keys, model_values, metric, tranches, tax, location_keys,
                                     location_values)
            assert result == pytest.approx(value, rel=1e-12), (metric, by_name)


TAX_ONE_YEAR = (["base"], [120000], ["model.start_date", "model.horizon_years", "model.discount_rate"],
                [date(2026, 1, 5), 1, 0])


def location_rows(**cells) -> tuple[list, list]:
    """location_keys and location_values for a few rows of a location's block."""
    return [[key] for key in cells], [list(value) for value in cells.values()]


def test_hand_worked_after_tax():
    # W = 120,000, single. Federal on 120,000 - 16,100 = 103,900: 10% x 12,400 = 1,240; 12% x 38,000 = 4,560;
    # 22% x 53,500 = 11,770; 17,570 in all. Social security 6.2% = 7,440; Medicare 1.45% = 1,740; no
    # additional Medicare under 200,000. T = 26,750; after tax 93,250 (no discounting: the PV too).
    args = (*TAX_ONE_YEAR, "after_tax_total", None)
    assert udfs.OFFERVALUE(*args) == pytest.approx(93_250)
    assert udfs.OFFERVALUE(*TAX_ONE_YEAR, "after_tax_pv", None, [["filing_status", "single"]]) == pytest.approx(93_250)
    # A location: 5% over a 10,000 deduction (5,500) and 1% payroll capped at 100,000 (1,000); the
    # deduction's joint cell blank, the row's keys as on the Tax sheet.
    location = location_rows(**{"deduction": [10_000, 10_000], "brackets_single.1": [0, 0.05],
                                "brackets_joint.1": [0, 0.05], "payroll.1": [0.01, 100_000]})
    taxed = (["base", "tax_location"], [120000, "Here"], *TAX_ONE_YEAR[2:], "after_tax_total", None)
    standard = [["deductions", "standard"]]
    assert udfs.OFFERVALUE(*taxed, standard, *location) == pytest.approx(93_250 - 5_500 - 1_000)
    # An offer whose tax_location is "none" pays no location tax, whatever the ranges hold.
    no_location = (["base", "tax_location"], [120000, "none"], *TAX_ONE_YEAR[2:], "after_tax_total", None)
    assert udfs.OFFERVALUE(*no_location, None, *location) == pytest.approx(93_250)
    # Joint: federal on 120,000 - 32,200 = 87,800: 10% x 24,800 = 2,480 and 12% x 63,000 = 7,560.
    assert udfs.OFFERVALUE(*args, [["filing_status", "joint"]]) == pytest.approx(120_000 - 10_040 - 7_440 - 1_740)
    # Tax switched off: empty, as the workbook without a [tax] table.
    assert udfs.OFFERVALUE(*args, [["tax", False]]) == ""


def test_a_shipped_location_by_name_needs_no_ranges():
    # Washington at 120,000: WA Cares 0.58% = 696 and paid leave 0.807159% = 968.5908 on top of 26,750.
    washington = (["base", "tax_location"], [120000, "WA"], *TAX_ONE_YEAR[2:], "after_tax_total", None)
    assert udfs.OFFERVALUE(*washington) == pytest.approx(93_250 - 696 - 968.5908)
    unknown = (["base", "tax_location"], [120000, "Atlantis"], *TAX_ONE_YEAR[2:], "after_tax_total", None)
    assert udfs.OFFERVALUE(*unknown).startswith("#XLMODEL: tax_location: names no shipped location: 'Atlantis'")


def test_itemizing_deducts_the_state_tax():
    # W = 300,000 in a 10% location: 30,000 of state tax beats the 16,100 standard deduction; the SALT
    # cap is 40,400 at this income. Federal on 270,000: 10% x 12,400 + 12% x 38,000 + 22% x 55,300
    # + 24% x 96,075 + 32% x 54,450 + 35% x 13,775 = 1,240 + 4,560 + 12,166 + 23,058 + 17,424 + 4,821.25
    # = 63,269.25; payroll 11,439 + 4,350 + 900; T = 63,269.25 + 16,689 + 30,000 = 109,958.25.
    keys, values = ["base", "tax_location"], [300000, "Ten"]
    location = location_rows(**{"brackets_single.1": [0, 0.10], "brackets_joint.1": [0, 0.10]})
    result = udfs.OFFERVALUE(keys, values, *TAX_ONE_YEAR[2:], "after_tax_total", None, None, *location)
    assert result == pytest.approx(300_000 - 109_958.25)


def test_indexation_grows_the_bounds_from_2026():
    # Start in 2027 with 10% indexation: deduction 17,710, federal bounds x 1.1; on 120,000, taxable
    # 102,290: 1,364 + 12% x 41,800 = 5,016 + 22% x (102,290 - 55,440) = 10,307; payroll 9,180.
    keys, values = ["base"], [120000]
    model = (["model.start_date", "model.horizon_years"], [date(2027, 1, 4), 1])
    result = udfs.OFFERVALUE(keys, values, *model, "after_tax_total", None, [["indexation", 0.10]])
    assert result == pytest.approx(120_000 - (1_364 + 5_016 + 10_307) - 9_180)


BAD_LOCATION = location_rows(**{"brackets_single.1": [0, 0.01], "brackets_single.2": [0, 0.02],
                                "brackets_joint.1": [0, 0.01]})
TEXT_RATE = location_rows(**{"brackets_single.1": [0, "x"], "brackets_joint.1": [0, 0.01]})
HALF_ROW = location_rows(**{"brackets_single.1": [0, None], "brackets_joint.1": [0, 0.01]})


@pytest.mark.parametrize("tax, location, message", [
    ([["filing_status", "married"]], (None, None),
     "#XLMODEL: tax: filing_status: must be one of 'single', 'joint', got 'married'"),
    ([["rate", 0.1]], (None, None), "#XLMODEL: tax: rate: is not a tax key"),
    ([["deductions", "some"]], (None, None), "#XLMODEL: tax: deductions: must be one of 'best', 'standard', 'itemized'"),
    ([["table_year", 2027]], (None, None), "#XLMODEL: tax: table_year: must be 2026"),
    (None, BAD_LOCATION, "#XLMODEL: location: brackets_single.2: lower bounds must ascend strictly"),
    (None, TEXT_RATE, "#XLMODEL: location: brackets_single.1: the rate must be a number"),
    (None, HALF_ROW, "#XLMODEL: location: brackets_single.1: its rate is blank"),
    ([["indexation", "#REF!"]], (None, None), "#XLMODEL: tax: indexation: the cell holds #REF!"),
])
def test_bad_tax_ranges_name_the_input(tax, location, message):
    keys, values = ["base", "tax_location"], [120000, "Here"]
    result = udfs.OFFERVALUE(keys, values, *TAX_ONE_YEAR[2:], "after_tax_pv", None, tax, *location)
    if location == (None, None):
        keys, values = TAX_ONE_YEAR[:2]
        result = udfs.OFFERVALUE(keys, values, *TAX_ONE_YEAR[2:], "after_tax_pv", None, tax, *location)
    assert isinstance(result, str) and result.startswith(message), result


# --- the negotiation levers --------------------------------------------------------------------

ONE_YEAR = (["horizon_years", "discount_rate"], [1, 0])


def test_askbump_hand_worked():
    """Base $120,000 ($10,000 a month), no discounting, one year. A bump from month 7 (after 6)
    is paid on 6 months: D_f = 6 x 10,000 = 60,000. With probability 0.5 a $6,000 gap takes
    6,000 / (0.5 x 60,000) = 20% of base; from month 10 (after 9), 3 months: 6,000 / (0.5 x 30,000) = 40%."""
    keys, values = ["name", "base"], ["X", 120000]
    assert udfs.ASKBUMP(6000, keys, values, *ONE_YEAR, 6, 0.5) == pytest.approx(0.20, rel=1e-12)
    assert udfs.ASKBUMP(6000, keys, values, *ONE_YEAR, 9, 0.5) == pytest.approx(0.40, rel=1e-12)
    # Blank levers take the defaults: no fallback clause, so after 6 months and certain: 6,000 / 60,000.
    assert udfs.ASKBUMP(6000, keys, values, *ONE_YEAR) == pytest.approx(0.10, rel=1e-12)
    assert udfs.ASKBUMP(6000, keys, values, *ONE_YEAR, None, "") == pytest.approx(0.10, rel=1e-12)
    # With a clause, its own after_months (3: 9 months paid) and probability (0.25) are the defaults:
    # 6,000 / (0.25 x 90,000) = 26.67%.
    clause = (keys + ["fallback.bump", "fallback.after_months", "fallback.probability"], values + [0.1, 3, 0.25])
    assert udfs.ASKBUMP(6000, *clause, *ONE_YEAR) == pytest.approx(6000 / (0.25 * 90000), rel=1e-12)
    assert udfs.ASKBUMP(0, keys, values, *ONE_YEAR, 6, 0.5) == 0
    assert udfs.ASKBUMP(-50, keys, values, *ONE_YEAR, 6, 0.5) == 0


def test_askbump_errors_name_the_argument():
    keys, values = ["name", "base"], ["X", 120000]
    assert udfs.ASKBUMP(6000, keys, values, *ONE_YEAR, 6, 0) == (
        "#XLMODEL: probability: no bump closes the gap: the milestone probability is 0, or no month of the "
        "horizon is left after after_months")
    assert udfs.ASKBUMP(6000, keys, values, *ONE_YEAR, 12, 1).startswith("#XLMODEL: probability: no bump")
    assert udfs.ASKBUMP(6000, keys, values, *ONE_YEAR, 6, 1.5) == ("#XLMODEL: probability: must be between 0 and 1, got 1.5; "
                                                                        "did you mean 0.015?")
    assert udfs.ASKBUMP(6000, keys, values, *ONE_YEAR, 2.5, 1).startswith("#XLMODEL: after_months: must be a whole number")
    assert udfs.ASKBUMP(6000, keys, values, *ONE_YEAR, 6, "#N/A") == "#XLMODEL: probability: the cell holds #N/A"


def test_probabilitytoclose_hand_worked():
    """Base $120,000, a 10% bump after 6 months, no discounting, one year: the certain bump pays
    6 x 1,000 = 6,000, and a 10% bonus on it 600 more, so K = 6,600. PV(0) = 120,000 + 12,000 bonus
    = 132,000. To tie with 135,300 the milestone needs (135,300 - 132,000) / 6,600 = 0.5."""
    keys = ["name", "base", "bonus_target", "fallback.bump", "fallback.after_months", "fallback.probability"]
    values = ["X", 120000, 0.1, 0.1, 6, 0.9]
    assert udfs.PROBABILITYTOCLOSE(135300, keys, values, *ONE_YEAR) == pytest.approx(0.5, rel=1e-12)
    assert udfs.PROBABILITYTOCLOSE(100000, keys, values, *ONE_YEAR) == 0  # already ahead: floored at 0
    assert udfs.PROBABILITYTOCLOSE(145200, keys, values, *ONE_YEAR) == pytest.approx(2.0, rel=1e-12)  # above 1
    assert udfs.PROBABILITYTOCLOSE(135300, ["name", "base"], ["X", 120000], *ONE_YEAR) == ""  # no clause


def test_accelerationvalue_hand_worked():
    """1,200 RSUs at $100, no growth, a 10% discount rate, two years. Vesting all at month 24 is
    worth 120,000 / 1.1^2; accelerated to month 12, 120,000 / 1.1: 9,917.36 more. A grant vesting
    at month 36, outside the horizon, counts for nothing on its own schedule: pulled to month 12
    it gains all of 120,000 / 1.1."""
    keys = ["name", "base", "equity.type", "equity.shares", "equity.price", "equity.schedule"]
    model = (["horizon_years", "discount_rate"], [2, 0.1])
    values = ["X", 100000, "rsu", 1200, 100, "custom"]
    at_12 = [[12, 1]]
    millionth = 5e-7  # the gain is stated to a millionth of a dollar
    gained = udfs.ACCELERATIONVALUE(keys, values, *model, at_12, [[24, 1]])
    assert gained == pytest.approx(120000 / 1.1 - 120000 / 1.1 ** 2, abs=millionth)
    assert udfs.ACCELERATIONVALUE(keys, values, *model, at_12, [[36, 1]]) == pytest.approx(120000 / 1.1, abs=millionth)
    # Blank: the default 75% at 12, 25% at 24, against all at 24: 0.75 x (120,000 / 1.1 - 120,000 / 1.21).
    assert udfs.ACCELERATIONVALUE(keys, values, *model, None, [[24, 1]]) == pytest.approx(
        0.75 * (120000 / 1.1 - 120000 / 1.1 ** 2), abs=millionth)
    assert udfs.ACCELERATIONVALUE(["name", "base"], ["X", 1], *model) == ""  # no equity
    assert udfs.ACCELERATIONVALUE(keys, values, *model, [[12, 0.5]], [[24, 1]]) == (
        "#XLMODEL: accelerated_tranches: fractions must sum to 1 (100%), they sum to 0.5")
    assert udfs.ACCELERATIONVALUE(keys, values, *model, [[0, 1]], [[24, 1]]).startswith(
        "#XLMODEL: accelerated_tranches row 1: month must be a whole number")


@pytest.mark.parametrize("offers_file", sample_files())
def test_lever_functions_match_the_engine_on_the_samples(offers_file):
    """Called on the target's column with the file's levers, the functions give `xlmodel value`'s figures."""
    deal = engine.value_all(offers_file).negotiation
    target = offers_file.target
    keys, values, model_keys, model_values, tranches = udf_args(offers_file, target)
    levers = offers_file.negotiation
    ask = udfs.ASKBUMP(deal.gap, keys, values, model_keys, model_values, levers.fallback_after_months,
                       levers.fallback_probability, tranches)
    assert ask == pytest.approx(deal.ask_bump, rel=1e-12)
    alternative = next(v.pv for v in engine.value_all(offers_file).offers if v.name == deal.alternative)
    probability = udfs.PROBABILITYTOCLOSE(alternative, keys, values, model_keys, model_values, tranches)
    assert probability == ("" if deal.probability_to_close is None else pytest.approx(deal.probability_to_close, rel=1e-9))
    accelerated = [list(t) for t in levers.accelerated_schedule.tranches]
    value = udfs.ACCELERATIONVALUE(keys, values, model_keys, model_values, accelerated, tranches)
    assert value == pytest.approx(deal.acceleration_value, rel=1e-12)


# --- the odds -------------------------------------------------------------------------------------

@pytest.mark.parametrize("offers_file", sample_files())
def test_offerodds_is_the_engines_odds_to_the_cent(offers_file):
    """Each offer at its place among the file's offers (offer_number, offer_count) draws what the
    engine draws for the whole file: p10, p50, p90 and mean equal, to the cent."""
    valuation = engine.value_all(offers_file)
    count = len(offers_file.offers)
    for number, (offer, value) in enumerate(zip(offers_file.offers, valuation.offers), start=1):
        keys, values, model_keys, model_values, tranches = udf_args(offers_file, offer)
        for statistic, expected in value.outcomes.items():
            found = udfs.OFFERODDS(statistic, keys, values, model_keys, model_values, tranches, number, count)
            assert found == pytest.approx(expected, abs=0.005), (offer.name, statistic)
    assert udfs.OFFERODDS(None, keys, values, model_keys, model_values, tranches, count, count) == pytest.approx(
        valuation.offers[-1].outcomes["p50"], abs=0.005)  # blank: the median


def test_offerodds_alone_and_without_draws():
    offers_file = load_offers(SAMPLES[0])
    offer = offers_file.offers[1]
    keys, values, model_keys, model_values, tranches = udf_args(offers_file, offer)
    alone = engine.value_all(dataclasses.replace(offers_file, offers=(offer,),
                                                 model=dataclasses.replace(offers_file.model, target=offer.name)))
    assert udfs.OFFERODDS("p90", keys, values, model_keys, model_values, tranches) == pytest.approx(
        alone.offers[0].outcomes["p90"], abs=0.005)  # blank number and count: the only offer
    no_draws = [v if k != "model.draws" else 0 for k, v in zip(model_keys, model_values)]
    assert udfs.OFFERODDS("mean", keys, values, model_keys, no_draws, tranches) == ""
    assert udfs.OFFERODDS("p95", keys, values) == "#XLMODEL: statistic: must be one of 'p10', 'p50', 'p90', 'mean', got 'p95'"
