"""The negotiation levers in the workbook: the package section recalculated by LibreOffice
agrees with the engine, follows edits of the lever inputs, and its texts lead with the package."""
from __future__ import annotations

import dataclasses

import openpyxl
import pytest

from xlmodel.engine import value_all
from xlmodel.model import NegotiationSettings, Schedule
from xlmodel.inputs.offers_file import load_offers
from xlmodel.texts.facts import STRETCH_BOUND
from xlmodel.texts.negotiation import texts_for
from xlmodel.workbook.schedules_sheet import ACCELERATED_TITLE

from workbook_support import (AMAZON, SAMPLES, assert_matches_engine, build, input_cell, name_values, recalculated,
                              stored_mismatches)

HYBRID = SAMPLES[[p.stem for p in SAMPLES].index("hybrid_accelerated")]


def short_percent(fraction: float) -> str:
    """26.9% or 75% (one decimal, none when it is 0), as the texts write a percentage."""
    text = f"{round(fraction * 100, 1):.1f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"


def long_date(day) -> str:
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def negotiation_texts(workbook) -> dict[str, str]:
    """Column A's label -> column B's text on Negotiation, for the rows that hold sentences."""
    sheet = workbook["Negotiation"]
    return {row[0].value: row[1].value for row in sheet.iter_rows(min_col=1, max_col=2)
            if row[0].value and isinstance(row[1].value, str)}


@pytest.fixture(scope="module", params=[AMAZON, HYBRID], ids=lambda p: p.stem)
def package_build(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param.stem)
    offers_file = load_offers(request.param)
    path = build(offers_file, folder)
    return offers_file, path, recalculated(path, folder)


def test_stored_results_equal_the_recalculation(package_build):
    _, path, workbook = package_build
    assert stored_mismatches(path, workbook) == []


def test_the_counter_request_asks_for_one_package(package_build):
    """One package on the target's levers, never a menu of base, sign-on or RSUs, and no
    valuation of the candidate's: the workbook's text is the command line's, word for word."""
    offers_file, _, workbook = package_build
    valuation = value_all(offers_file)
    deal = valuation.negotiation
    assert deal.gap > 0 and deal.package_bump > 0  # both samples have a gap a bump can close
    counter = name_values(workbook, "CounterRequest")[0][0]
    assert counter == texts_for(offers_file, valuation).result("counter_request")
    bump = short_percent(min(deal.package_bump, STRETCH_BOUND))
    assert f"I'd like to propose one package: a further milestone bump of {bump} of base salary" in counter
    assert "12-month guaranteed tenure confirmed in writing" in counter
    for figure in (deal.gap, deal.ask_base, deal.ask_signon, deal.ask_equity):
        assert f"${round(figure):,}" not in counter
    assert "Alternatively" not in counter and "any one of these" not in counter
    assert f"If we can get there, I'm ready to sign by {long_date(deal.respond_by)}." in counter
    assert long_date(deal.expires) not in counter


def test_acceleration_is_asked_for_only_when_it_vests_sooner(package_build):
    offers_file, _, workbook = package_build
    deal = value_all(offers_file).negotiation
    texts = negotiation_texts(workbook)
    why = texts["Why acceleration"]
    counter = name_values(workbook, "CounterRequest")[0][0]
    if min(deal.acceleration_kept.values()) >= 0:  # amazon_vs_startup: 75% at month 12 instead of 5%
        kept = deal.acceleration_kept[12]
        # 0.70 x 480,000 x 1.15 = 386,400 more vested at month 12
        assert kept == pytest.approx(0.70 * 480000 * 1.15)
        assert f"keeps ${round(kept):,} more of the grant if you leave at month 12" in why
        assert "accelerated vesting of the initial grant (75% in year 1 and 25% in year 2" in counter
    else:  # hybrid_accelerated: its own 12 months after a 6-month cliff already vest sooner
        assert why == "The accelerated schedule vests no sooner than the offer's own: the package leaves it out."
        assert "accelerated vesting" not in counter
    assert "cost" not in why and "cut" not in counter


def test_the_summary_states_the_package_in_one_sentence(package_build):
    offers_file, _, workbook = package_build
    valuation = value_all(offers_file)
    summary = workbook["Summary"]
    sentences = [cell.value for row in summary.iter_rows(max_col=1) for cell in row if isinstance(cell.value, str)]
    expected = texts_for(offers_file, valuation).result("package_sentence")
    assert expected in sentences
    if valuation.negotiation.package_bump > STRETCH_BOUND:  # flagged, with the package within reach
        assert "a stretch (above 20%). Within reach: " in expected


def _accelerated_table(workbook):
    """The month cell of the accelerated tranche table's first row."""
    sheet = workbook["Schedules"]
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == ACCELERATED_TITLE and sheet.cell(row=cell.row + 1, column=cell.column).value == "Month":
                return sheet, cell.row + 2, cell.column
    raise AssertionError("no accelerated tranche table")


def test_editing_the_levers_recalculates_the_package(tmp_path):
    """A 30% milestone, and the accelerated table moved to 75% at 9, 15% at 24 and 10% at 36."""
    offers_file = load_offers(AMAZON)
    path = build(offers_file, tmp_path)
    workbook = openpyxl.load_workbook(path)
    input_cell(workbook, "negotiation.fallback_probability").value = 0.3
    sheet, first, column = _accelerated_table(workbook)
    assert [sheet.cell(first + n, column).value for n in range(3)] == [12, 24, None]
    sheet.cell(first, column).value = 9
    sheet.cell(first + 1, column + 1).value = 0.15
    sheet.cell(first + 2, column).value = 36
    sheet.cell(first + 2, column + 1).value = 0.10
    workbook.save(path)
    edited = dataclasses.replace(offers_file, negotiation=NegotiationSettings.for_target(
        offers_file.target, fallback_probability=0.3,
        accelerated_schedule=Schedule(((9, 0.75), (24, 0.15), (36, 0.10)))))
    recalculated_workbook = recalculated(path, tmp_path)
    assert_matches_engine(recalculated_workbook, edited)
    deal = value_all(edited).negotiation
    texts = negotiation_texts(recalculated_workbook)
    assert texts["The accelerated schedule in words"] == ("75% in year 1, 15% in year 2 and 10% in year 3, the first "
                                                          "after 9 months")
    counter = name_values(recalculated_workbook, "CounterRequest")[0][0]
    assert f"milestone bump of {short_percent(min(deal.package_bump, STRETCH_BOUND))} of base salary" in counter
    # The bump at a 30% milestone is twice the bump at 60%: ask_bump = gap / (p x D_f).
    assert deal.ask_bump == pytest.approx(2 * value_all(offers_file).negotiation.ask_bump)


def test_changing_the_target_recalculates_the_package(tmp_path):
    """Nimbus AI (options with a strike, no fallback clause) as the target, the bump from month 13:
    it leads, so there is no gap and the texts only confirm."""
    offers_file = load_offers(AMAZON)
    path = build(offers_file, tmp_path)
    workbook = openpyxl.load_workbook(path)
    input_cell(workbook, "model.target").value = "Nimbus AI"
    input_cell(workbook, "negotiation.fallback_after_months").value = 12
    workbook.save(path)
    model = dataclasses.replace(offers_file.model, target="Nimbus AI")
    edited = dataclasses.replace(offers_file, model=model, negotiation=None)  # defaults for the new target
    edited = dataclasses.replace(edited, negotiation=NegotiationSettings.for_target(edited.target,
                                                                                    fallback_after_months=12))
    recalculated_workbook = recalculated(path, tmp_path)
    assert_matches_engine(recalculated_workbook, edited)
    deal = value_all(edited).negotiation
    assert deal.gap == 0 and deal.package_bump == 0 and deal.probability_to_close is None
    assert name_values(recalculated_workbook, "ProbabilityToClose") == [[None]]
    counter = name_values(recalculated_workbook, "CounterRequest")[0][0]
    # it leads: still one modest ask (a 5% bump, a longer window for its options), no comparison
    assert "one addition to the offer: a milestone bump of 5% of base salary" in counter
    assert "an extended window to exercise vested options, beyond the standard 3 months" in counter
    assert "I have also received an offer from Amazon, and I'm weighing the two carefully." in counter
    assert "$215,000" not in counter  # the rival's terms are not quoted when the target leads


ACCELERATION_CLOSES = """
[model]
start_date = 2027-01-04
horizon_years = 1
discount_rate = 0.05

[[offers]]
name = "Grant"
base = 150000
[offers.equity]
type = "rsu"
grant_value = 400000
price = 50
schedule = "standard"

[[offers]]
name = "Cash"
base = 330000
"""

NO_BUMP_CLOSES = """
[model]
start_date = 2027-01-04
horizon_years = 3
discount_rate = 0.05

[[offers]]
name = "Grant"
base = 150000
[offers.equity]
type = "options"
shares = 10000
price = 5
strike = 20
schedule = "standard"

[[offers]]
name = "Cash"
base = 200000

[negotiation]
fallback_after_months = 36
"""


@pytest.mark.parametrize("text", [ACCELERATION_CLOSES, NO_BUMP_CLOSES], ids=["acceleration closes", "no bump closes"])
def test_packages_at_the_edges(tmp_path, text):
    source = tmp_path / "offers.toml"
    source.write_text(text, encoding="utf-8")
    offers_file = load_offers(source)
    path = build(offers_file, tmp_path)
    workbook = recalculated(path, tmp_path)
    assert_matches_engine(workbook, offers_file)
    assert stored_mismatches(path, workbook) == []
    counter = name_values(workbook, "CounterRequest")[0][0]
    assert counter == texts_for(offers_file, value_all(offers_file)).result("counter_request")
    if text is ACCELERATION_CLOSES:
        # One year, 8,000 shares at a flat $50: on "standard" only 25% vests within the year (at
        # month 12), accelerated 75%: 50% of $400,000 more at month 12, 200,000 / 1.05 in present
        # value, more than the gap: the package is acceleration alone, and no bump.
        assert name_values(workbook, "AccelerationValue")[0][0] == pytest.approx(200000 / 1.05, abs=0.01)
        assert name_values(workbook, "AccelerationKept") == [[0, pytest.approx(200000)]]  # months 6 and 12
        assert name_values(workbook, "PackageBump") == [[0]]
        assert ("propose one package: accelerated vesting of the initial grant (75% in year 1 and 25% in year 2, "
                "the first after 12 months).") in counter
        assert "bump" not in counter
    else:
        # Underwater options (strike $20 over a $5 price, no growth): acceleration adds nothing, and a
        # bump from month 37 of a 36-month horizon is never paid: no package, base and sign-on as before.
        assert name_values(workbook, "AskBump") == [[None]] and name_values(workbook, "PackageBump") == [[None]]
        assert name_values(workbook, "AccelerationValue") == [[0]]
        # No bump; the accelerated schedule still vests sooner than "standard" in every year, so it is
        # asked for as protection (options underwater today are not worthless later), with a longer
        # exercise window; with faster vesting in the package, no sign-on is asked for instead.
        assert ("one package: accelerated vesting of the initial grant (75% in year 1 and 25% in year 2, the "
                "first after 12 months) and an extended window to exercise vested options, beyond the standard "
                "3 months.") in counter
        assert "sign-on" not in counter
        assert counter.startswith("Hi there,\n\nThank you for the Grant offer.")
        assert "ready to sign right away. Could you let me know as soon as you can?" in counter
