"""The negotiation levers in the workbook: the package section recalculated by LibreOffice
agrees with the engine, follows edits of the lever inputs, and its texts lead with the package."""
from __future__ import annotations

import dataclasses

import openpyxl
import pytest

from xlmodel.engine import value_all
from xlmodel.model import NegotiationSettings, Schedule
from xlmodel.inputs.offers_file import load_offers
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


def test_the_counter_request_leads_with_the_package(package_build):
    offers_file, _, workbook = package_build
    deal = value_all(offers_file).negotiation
    assert deal.gap > 0 and deal.package_bump > 0  # both samples have a gap a bump can close
    counter = negotiation_texts(workbook)["Counter-request"]
    bump = short_percent(deal.package_bump)
    package = counter.index("I would like to propose a package: accelerated vesting of the initial grant "
                            "(75% after 12 months, 25% after 24 months) and a fallback bump of " + bump +
                            " of base salary starting after 6 months, tied to a milestone, with 12 months of pay "
                            "guaranteed if the role is cut.")
    alternatives = counter.index("Alternatively, any one of these would close the gap on its own: ")
    assert package < alternatives  # base, sign-on and RSUs only as alternatives
    assert f"${round(deal.ask_base):,} more base salary a year" in counter[alternatives:]
    assert counter.endswith(f"I would be grateful for your answer by {long_date(deal.respond_by)}.")
    sentences = [cell.value for row in workbook["Negotiation"].iter_rows(min_col=2, max_col=2) for cell in row]
    assert f"the offer stands until {long_date(deal.expires)}, so" in " ".join(s for s in sentences if isinstance(s, str))


def test_acceleration_is_money_or_protection(package_build):
    offers_file, _, workbook = package_build
    deal = value_all(offers_file).negotiation
    counter = negotiation_texts(workbook)["Counter-request"]
    if deal.acceleration_value > 0:  # hybrid_accelerated: $5,401 of present value
        assert (f"Acceleration is worth ${round(deal.acceleration_value):,} to me in present value; the bump closes "
                f"the remaining ${round(deal.gap_after_acceleration):,}.") in counter
        assert "protection" not in counter
        # 107,251.35 - 5,401.14 = 101,850.21: the package bump is below the bump alone
        assert deal.gap_after_acceleration == pytest.approx(deal.gap - deal.acceleration_value)
        assert deal.package_bump < deal.ask_bump
    else:  # amazon_vs_startup: the stock's 15% growth outruns the 5% discount rate
        assert deal.acceleration_value <= 0
        kept = deal.acceleration_kept[12]
        # 75% of the $480,000 grant vests at month 12 instead of the "amazon" schedule's 5%: 70% more,
        # at a price grown 15% by then: 0.70 x 480,000 x 1.15 = 386,400.
        assert kept == pytest.approx(0.70 * 480000 * 1.15)
        assert ("I ask for acceleration as protection rather than as money: if the role were cut at month 12, it "
                f"would keep ${round(kept):,} more of the grant vested.") in counter
        assert "worth $" not in counter.split("package:")[1].split("Alternatively")[0]


def test_the_summary_states_the_package_in_one_sentence(package_build):
    offers_file, _, workbook = package_build
    deal = value_all(offers_file).negotiation
    settings = offers_file.negotiation
    summary = workbook["Summary"]
    sentences = [cell.value for row in summary.iter_rows(max_col=1) for cell in row if isinstance(cell.value, str)]
    found = [s for s in sentences if s.startswith("Ask for ")]
    assert len(found) == 1
    bump = (f"a fallback bump of {short_percent(deal.package_bump)} from month {settings.fallback_after_months + 1} "
            f"at a {short_percent(settings.fallback_probability)} milestone")
    gap = f"${round(deal.gap):,}"
    if deal.acceleration_value > 0:
        assert found[0] == (f"Ask for accelerated vesting (75% after 12 months, 25% after 24 months) and {bump}: "
                            f"together they close the {gap} gap.")
    else:
        assert found[0].startswith(f"Ask for {bump} to close the {gap} gap; ask for accelerated vesting")


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
    assert texts["The accelerated schedule in words"] == "75% after 9 months, 15% after 24 months, 10% after 36 months"
    assert f"a fallback bump of {short_percent(deal.package_bump)} of base salary" in texts["Counter-request"]
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
    counter = negotiation_texts(recalculated_workbook)["Counter-request"]
    assert "glad to move forward" in counter and "package" not in counter
    summary = [cell.value for row in recalculated_workbook["Summary"].iter_rows(max_col=1) for cell in row
               if isinstance(cell.value, str)]
    assert not any(s.startswith("Ask for ") for s in summary)


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
    counter = negotiation_texts(workbook)["Counter-request"]
    if text is ACCELERATION_CLOSES:
        # One year, 8,000 shares at a flat $50: on "standard" only 25% vests within the year (at
        # month 12), accelerated 75%: 50% of $400,000 more at month 12, 200,000 / 1.05 in present
        # value, more than the gap: the package is acceleration alone, and no bump.
        assert name_values(workbook, "AccelerationValue")[0][0] == pytest.approx(200000 / 1.05, abs=0.01)
        assert name_values(workbook, "AccelerationKept") == [[0, pytest.approx(200000)]]  # months 6 and 12
        assert name_values(workbook, "PackageBump") == [[0]]
        assert ("propose a package: accelerated vesting of the initial grant (75% after 12 months, 25% after 24 "
                "months). Acceleration alone is worth $190,476 to me in present value") in counter
        assert "over 1 year, " in counter and "fallback bump" not in counter
    else:
        # Underwater options (strike $20 over a $5 price, no growth): acceleration adds nothing, and a
        # bump from month 37 of a 36-month horizon is never paid: no package, base and sign-on as before.
        assert name_values(workbook, "AskBump") == [[None]] and name_values(workbook, "PackageBump") == [[None]]
        assert name_values(workbook, "AccelerationValue") == [[0]]
        assert "package" not in counter
        assert counter.startswith("Thank you for the Grant offer.")
        assert "To close that gap I am asking for $" in counter and "more base salary a year, or a sign-on" in counter
        assert counter.endswith("I would be grateful for your answer as soon as you can.")
