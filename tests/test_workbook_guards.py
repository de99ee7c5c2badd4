"""The workbook guards its inputs: a value pasted past data validation (text in a number cell, a
probability of 1.5, a target that names no offer, ...) turns ChecksOK FALSE and the Summary
names the input. Every faulty workbook is recalculated in one LibreOffice run."""
from __future__ import annotations

import copy
import tomllib
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given

from xlmodel.errors import InputError
from xlmodel.libreoffice import recalculate_all
from xlmodel.inputs.offers_file import load_offers, parse_offers
from xlmodel.inputs.field_words import blank_allowed
from xlmodel.inputs.keys import input_field
from xlmodel.workbook.checks_sheet import HEADER_ROW, WARNING_ROW, ChecksPlan
from xlmodel.workbook.conditions import field_check
from xlmodel.workbook.figures import Figures
from xlmodel.workbook.layout import PARAM_COL, plan

from strategies import FAST, offers_files
from workbook_support import (AMAZON, THREE_WAY, build, input_cell, name_values, scenario_cell, stored_mismatches,
                              with_few_draws)

SECTION_HEADER = "Input: what it must be"  # column A of each section's header row on Checks
CHECK_HEADER = "Check"


def _custom_table(workbook, offer: str):
    """(sheet, column of months, first row) of an offer's own tranche table on Schedules."""
    sheet = workbook["Schedules"]
    name = input_cell(workbook, "name", offer)
    wanted = f'="custom: "&Inputs!${name.column_letter}${name.row}'
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == wanted and sheet.cell(row=cell.row + 1, column=cell.column).value == "Month":
                return sheet, cell.column, cell.row + 2
    raise AssertionError(f"no custom tranche table for {offer}")


def _set_tranche_month(workbook, offer: str, number: int, month) -> None:
    sheet, column, first = _custom_table(workbook, offer)
    sheet.cell(row=first + number - 1, column=column).value = month


# name -> (sample, edit, what the Summary's message must contain)
FAULTS = {
    "growth as text": (AMAZON, lambda wb: setattr(input_cell(wb, "equity.growth", "Nimbus AI"), "value", "30%"),
                       ("Inputs: equity.growth (offer Nimbus AI) must be a number above -1 (-100%)",)),
    "probability 1.5": (AMAZON, lambda wb: setattr(input_cell(wb, "fallback.probability", "Amazon"), "value", 1.5),
                        ("Inputs: fallback.probability (offer Amazon) must be a number from 0 to 1 (100%)",)),
    "liquidity 2": (AMAZON, lambda wb: setattr(input_cell(wb, "equity.liquidity_probability", "Nimbus AI"), "value", 2),
                    ("Inputs: equity.liquidity_probability (offer Nimbus AI) must be a number from 0 to 1 (100%)",)),
    "negative base": (AMAZON, lambda wb: setattr(input_cell(wb, "base", "Amazon"), "value", -5),
                      ("Inputs: base (offer Amazon) must be a number from 0 to 1,000,000,000,000",)),
    "target names no offer": (AMAZON, lambda wb: setattr(input_cell(wb, "model.target"), "value", "Amazon Inc"),
                              ("Inputs: model.target must be one of the offer names",)),
    "discount rate as text": (AMAZON, lambda wb: setattr(input_cell(wb, "model.discount_rate"), "value", "5%"),
                              ("Inputs: model.discount_rate must be a number from 0 to 1 (100%)",)),
    "horizon changed": (AMAZON, lambda wb: setattr(input_cell(wb, "model.horizon_years"), "value", 5),
                        ("Inputs: model.horizon_years must stay 4",)),
    "scenario growth -100%": (AMAZON, lambda wb: _set_scenario(wb, "Bull", "scenario.growth", -1),
                              ("Inputs: scenario.growth (scenario Bull) must be a number above -1 (-100%)",)),
    "milestone as text": (AMAZON, lambda wb: _set_scenario(wb, "Bear", "scenario.milestone", "FALSE"),
                          ("Inputs: scenario.milestone (scenario Bear) must be TRUE or FALSE (not as text)",)),
    "shift takes a growth to -100%": (THREE_WAY, lambda wb: _set_scenario(wb, "Downturn", "scenario.growth_shift", -1.1),
                                      ("Inputs: scenario.growth_shift (scenario Downturn)",
                                       "keep every offer's growth above -1 (-100%)")),
    "tranche month 0": (THREE_WAY, lambda wb: _set_tranche_month(wb, "Meta", 1, 0),
                        ("Schedules: custom tranche months (offer Meta) must be whole numbers from 1 to 120",)),
    "negotiation probability 1.5": (AMAZON, lambda wb: setattr(input_cell(wb, "negotiation.fallback_probability"),
                                                               "value", 1.5),
                                    ("Inputs: negotiation.fallback_probability must be a number from 0 to 1 (100%)",)),
    "accelerated table sums to 90%": (AMAZON, lambda wb: _set_accelerated_fraction(wb, 1, 0.65),
                                      ("Schedules: accelerated tranche fractions must be numbers from 0 to 1 that "
                                       "sum to 100%",)),
}


def _set_accelerated_fraction(workbook, number: int, fraction: float) -> None:
    """The accelerated (negotiation) table on Schedules: its `number`th tranche's fraction."""
    sheet = workbook["Schedules"]
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == "accelerated (negotiation)" and sheet.cell(row=cell.row + 1, column=cell.column).value == "Month":
                sheet.cell(row=cell.row + 1 + number, column=cell.column + 1).value = fraction
                return
    raise AssertionError("no accelerated table")


def _set_scenario(workbook, scenario: str, key: str, value) -> None:
    scenario_cell(workbook, key, scenario).value = value


def _set(key: str, offer: str, value):
    return lambda workbook: setattr(input_cell(workbook, key, offer), "value", value)


def _preference(company_value=None, preferred_share=None):
    """Nimbus AI with a $10m preference, and the company value and preferred share given."""
    def change(workbook):
        input_cell(workbook, "equity.preference", "Nimbus AI").value = 10_000_000
        input_cell(workbook, "equity.company_value", "Nimbus AI").value = company_value
        input_cell(workbook, "equity.preferred_share", "Nimbus AI").value = preferred_share
    return change


FAULTS.update({
    "base 2e12": (AMAZON, _set("base", "Amazon", 2e12),
                  ("Inputs: base (offer Amazon) must be a number from 0 to 1,000,000,000,000",)),
    "price 1e-9": (AMAZON, _set("equity.price", "Nimbus AI", 1e-9),
                   ("Inputs: equity.price (offer Nimbus AI) must be a number from 0.000001 to 1,000,000,000",)),
    "a preference without a company value": (AMAZON, _preference(preferred_share=0.3),
                                             ("Inputs: equity.company_value (offer Nimbus AI) must be a number above "
                                              "0 and at most 1,000,000,000,000,000 with equity.percent or a "
                                              "preference",)),
    "a preferred share of 1": (AMAZON, _preference(400_000_000, 1),
                               ("Inputs: equity.preferred_share (offer Nimbus AI) must be a number from 0 to below 1",
                                "above 0 with a preference")),
    "no preferred share with a preference": (AMAZON, _preference(400_000_000, None),
                                             ("Inputs: equity.preferred_share (offer Nimbus AI)",
                                              "above 0 with a preference")),
    "draws 20000": (AMAZON, _set("model.draws", None, 20_000),
                    ("Inputs: model.draws must be a whole number from 0 to 10,000, or blank",)),
    "participating as text": (AMAZON, _set("equity.participating", "Nimbus AI", "yes"),
                              ("Inputs: equity.participating (offer Nimbus AI) must be TRUE or FALSE",)),
})


def _several_faults(workbook) -> None:
    """A different fault in each offer's column, and a holiday typed as text."""
    input_cell(workbook, "signon_payment", "Amazon").value = "Monthly"  # the offers file is case-sensitive
    input_cell(workbook, "signon_clawback_months", "Google").value = 6.5
    input_cell(workbook, "equity.dilution", "Meta").value = 1  # must stay below 1
    input_cell(workbook, "model.holidays.4").value = "2027-07-04"


def _recalculate_all(paths: list[Path], out: Path) -> dict[str, openpyxl.Workbook]:
    """Every workbook recalculated by one LibreOffice run (it converts several files at once)."""
    out.mkdir(exist_ok=True)
    recalculate_all(paths, out)
    return {p.stem: openpyxl.load_workbook(out / p.name, data_only=True) for p in paths}


@pytest.fixture(scope="module")
def recalculated_workbooks(tmp_path_factory):
    folder = tmp_path_factory.mktemp("guards")
    edits = {name: (sample, edit) for name, (sample, edit, _) in {**FAULTS, **WARNINGS}.items()}
    edits["several"] = (THREE_WAY, _several_faults)
    edits.update({f"valid {sample.stem}": (sample, None) for sample in (AMAZON, THREE_WAY)})
    paths = {}
    for number, (name, (sample, edit)) in enumerate(edits.items()):
        path = build(with_few_draws(load_offers(sample)), folder, f"case{number}.xlsx")
        if edit is not None:  # openpyxl drops the stored results: a valid workbook stays as built
            workbook = openpyxl.load_workbook(path)
            edit(workbook)
            workbook.save(path)
        paths[name] = path
    by_stem = _recalculate_all(list(paths.values()), folder / "recalculated")
    return {name: (path, by_stem[path.stem]) for name, path in paths.items()}


def summary_message(workbook) -> tuple:
    """The Summary's master check and the message under it."""
    sheet = workbook["Summary"]
    for row in sheet.iter_rows(min_col=1, max_col=1):
        if row[0].value == "All checks pass (see Checks)":
            return (sheet.cell(row=row[0].row, column=PARAM_COL).value,
                    sheet.cell(row=row[0].row + 1, column=1).value)
    raise AssertionError("no master check on the Summary")


def guard_cell(workbook, key: str, label: str | None = None):
    """The Checks cell of an input's guard: its row by the key in column A, its column by the
    section header ('offer Meta', 'scenario Bull'; model settings have one column)."""
    sheet = workbook["Checks"]
    for row in range(1, sheet.max_row + 1):
        text = sheet.cell(row=row, column=1).value
        if isinstance(text, str) and text.startswith(key + " must"):
            header = next(r for r in range(row, 0, -1) if sheet.cell(row=r, column=1).value == SECTION_HEADER)
            if label is None:
                return sheet.cell(row=row, column=PARAM_COL)
            for column in range(PARAM_COL, sheet.max_column + 1):
                if sheet.cell(row=header, column=column).value == label:
                    return sheet.cell(row=row, column=column)
            raise AssertionError(f"no column {label} for {key}")
    raise AssertionError(f"no guard for {key}")


def column_labels(workbook, key: str) -> list[str]:
    """The labels over a guard's columns: 'offer Amazon', 'offer Nimbus AI', ..."""
    sheet = workbook["Checks"]
    check = guard_cell(workbook, key)
    header = next(r for r in range(check.row, 0, -1) if sheet.cell(row=r, column=1).value == SECTION_HEADER)
    found = [sheet.cell(row=header, column=c).value for c in range(PARAM_COL, sheet.max_column + 1)]
    return [v for v in found if isinstance(v, str) and v.startswith(("offer ", "scenario "))]


def problem_cell(workbook, key: str):
    """The Problem cell of a guard's row (headed 'Problem' in its section)."""
    sheet = workbook["Checks"]
    check = guard_cell(workbook, key)
    header = next(r for r in range(check.row, 0, -1) if sheet.cell(row=r, column=1).value == SECTION_HEADER)
    column = next(c for c in range(1, sheet.max_column + 1) if sheet.cell(row=header, column=c).value == "Problem")
    return sheet.cell(row=check.row, column=column)


@pytest.mark.parametrize("fault", FAULTS)
def test_a_pasted_fault_turns_the_master_check_false_and_names_the_input(recalculated_workbooks, fault):
    _, workbook = recalculated_workbooks[fault]
    master, message = summary_message(workbook)
    assert name_values(workbook, "ChecksOK") == [[False]]
    assert master is False
    for part in FAULTS[fault][2]:
        assert part in message, (part, message)
    assert workbook["Checks"]["B6"].value == message


# name -> (sample, edit, the first warning on Checks): allowed values that read like a percentage
WARNINGS = {
    "growth typed as 8": (AMAZON, _set("equity.growth", "Nimbus AI", 8),
                          "Inputs: equity.growth (offer Nimbus AI) is 800% a year; did you mean 8%?"),
    "discount rate typed as 1": (AMAZON, _set("model.discount_rate", None, 1),
                                 "Inputs: model.discount_rate is 100% a year; did you mean 1%?"),
    "scenario growth typed as 5": (AMAZON, lambda wb: _set_scenario(wb, "Base", "scenario.growth", 5),
                                   "Inputs: scenario.growth (scenario Base) is 500% a year; did you mean 5%?"),
}


@pytest.mark.parametrize("case", WARNINGS)
def test_a_rate_typed_as_a_percentage_warns_but_does_not_fail(recalculated_workbooks, case):
    """As the offers file's reader warns (schema.percent_reading), the Checks sheet shows the
    warning; the master check stays TRUE and the Summary's problem line stays blank."""
    _, workbook = recalculated_workbooks[case]
    assert name_values(workbook, "ChecksOK") == [[True]]
    assert summary_message(workbook) == (True, None) or summary_message(workbook) == (True, "")
    assert workbook["Checks"].cell(row=WARNING_ROW, column=PARAM_COL).value == WARNINGS[case][2]


@pytest.mark.parametrize("sample", [AMAZON, THREE_WAY], ids=lambda p: p.stem)
def test_no_warning_on_the_samples(recalculated_workbooks, sample):
    _, workbook = recalculated_workbooks[f"valid {sample.stem}"]
    assert workbook["Checks"].cell(row=WARNING_ROW, column=PARAM_COL).value in (None, "")


def test_the_message_in_full(recalculated_workbooks):
    _, workbook = recalculated_workbooks["growth as text"]
    assert summary_message(workbook)[1] == ("Inputs: equity.growth (offer Nimbus AI) must be a number above -1 (-100%)"
                                            " and at most 10 (1,000%), or blank")


@pytest.mark.parametrize("fault, key, label", [
    ("growth as text", "equity.growth", "offer Nimbus AI"),
    ("probability 1.5", "fallback.probability", "offer Amazon"),
    ("liquidity 2", "equity.liquidity_probability", "offer Nimbus AI"),
    ("negative base", "base", "offer Amazon"),
    ("scenario growth -100%", "scenario.growth", "scenario Bull"),
    ("milestone as text", "scenario.milestone", "scenario Bear"),
    ("shift takes a growth to -100%", "scenario.growth_shift", "scenario Downturn"),
    ("tranche month 0", "custom tranche months", "offer Meta"),
])
def test_only_the_faulty_cell_fails(recalculated_workbooks, fault, key, label):
    """The faulty column's check is FALSE; the other columns of the same key still pass."""
    _, workbook = recalculated_workbooks[fault]
    assert guard_cell(workbook, key, label).value is False
    others = [other for other in column_labels(workbook, key) if other != label]
    assert others and all(guard_cell(workbook, key, other).value is True for other in others)


def test_each_offer_column_with_its_own_fault(recalculated_workbooks):
    _, workbook = recalculated_workbooks["several"]
    expected = {("signon_payment", "offer Amazon"): "Inputs: signon_payment (offer Amazon) must be upfront or monthly",
                ("signon_clawback_months", "offer Google"):
                    "Inputs: signon_clawback_months (offer Google) must be a whole number from 0 to 120",
                ("equity.dilution", "offer Meta"): "Inputs: equity.dilution (offer Meta) must be a number from 0 to "
                                                   "below 1"}
    for (key, label), message in expected.items():
        assert guard_cell(workbook, key, label).value is False, key
        for other in ("offer Amazon", "offer Google", "offer Meta"):
            if other != label:
                assert guard_cell(workbook, key, other).value is True, (key, other)
        assert problem_cell(workbook, key).value.startswith(message), problem_cell(workbook, key).value
    assert guard_cell(workbook, "model.holidays.4").value is False
    assert guard_cell(workbook, "model.holidays.3").value is True
    # model settings come first: the holiday is the first problem
    assert summary_message(workbook) == (False, "Inputs: model.holidays.4 must be a date from 1900-03-01 to "
                                                "9999-12-31, or blank")


@pytest.mark.parametrize("sample", [AMAZON, THREE_WAY], ids=lambda p: p.stem)
def test_a_valid_workbook_passes_and_stores_what_it_computes(recalculated_workbooks, sample):
    path, workbook = recalculated_workbooks[f"valid {sample.stem}"]
    assert name_values(workbook, "ChecksOK") == [[True]]
    assert summary_message(workbook)[0] is True
    assert summary_message(workbook)[1] in (None, "")
    checks = workbook["Checks"]
    problem_col = next(c for c in range(1, checks.max_column + 1)
                       if checks.cell(row=HEADER_ROW, column=c).value == "Problem")
    guard_rows = [r for r in range(1, checks.max_row + 1)
                  if " must " in str(checks.cell(row=r, column=1).value) and checks.cell(row=r, column=1).value !=
                  SECTION_HEADER]
    guards = [checks.cell(row=r, column=c).value for r in guard_rows for c in range(PARAM_COL, problem_col)
              if checks.cell(row=r, column=c).value is not None]
    assert len(guard_rows) > 40 and all(v is True for v in guards)
    assert all(checks.cell(row=r, column=problem_col).value in (None, "") for r in guard_rows)
    # the sheets of the inputs and their checks (test_stored_results compares every sheet)
    assert [m for m in stored_mismatches(path, workbook) if m.startswith(("Inputs!", "Checks!"))] == []


# --- the guards use the offers file's ranges ---------------------------------------------------

CANDIDATES = (-1.5, -1.0, -0.5, 0.0, 0.5, 0.999, 1.0, 1.5, 6.5, 10.0, 10.5, 120.0, 121.0, 2e12, 1e-9, "30%", True)
WHERE = {  # key -> (offer index in the AMAZON sample, the table, the key in it, keys to drop first)
    "base": (0, None, "base", ()),
    "annual_raise": (0, None, "annual_raise", ()),
    "bonus_target": (1, None, "bonus_target", ()),
    "bonus_payout": (1, None, "bonus_payout", ()),
    "signon_clawback_months": (0, None, "signon_clawback_months", ()),
    "equity.grant_value": (0, "equity", "grant_value", ()),
    "equity.shares": (1, "equity", "shares", ()),
    "equity.price": (1, "equity", "price", ()),
    "equity.growth": (1, "equity", "growth", ()),
    "equity.strike": (1, "equity", "strike", ()),
    "equity.liquidity_probability": (1, "equity", "liquidity_probability", ()),
    "equity.dilution": (1, "equity", "dilution", ()),
    "equity.refresh_value": (1, "equity", "refresh_value", ()),
    "equity.volatility": (1, "equity", "volatility", ()),
    "equity.preference": (1, "equity", "preference", ()),
    "equity.exercise_window_months": (1, "equity", "exercise_window_months", ()),
    "fallback.bump_amount": (0, "fallback", "bump_amount", ("bump",)),
    "fallback.guaranteed_months": (0, "fallback", "guaranteed_months", ()),
}

# Blank alone is fine for these: that exactly one of them is given is a check of its own
# (grant_size on Checks; fallback.bump's row for bump or bump_amount). A preference needs a
# company value, which the Checks rows of company_value and preferred_share say.
ONE_OF_SEVERAL = {"equity.grant_value", "equity.shares", "fallback.bump_amount"}
NEEDS_MORE = {"equity.preference"}


def _accepted(document: dict) -> bool:
    try:
        parse_offers(document)
    except InputError:
        return False
    return True


def _with(document: dict, key: str, value) -> dict:
    index, table, name, drop = WHERE[key]
    changed = copy.deepcopy(document)
    target = changed["offers"][index] if table is None else changed["offers"][index][table]
    for other in drop:
        target.pop(other)
    if value is None:
        target.pop(name, None)
    else:
        target[name] = value
    return changed


@pytest.mark.parametrize("key", WHERE)
def test_a_guard_accepts_exactly_what_the_offers_file_accepts(key):
    """Each value, and a blank cell (the key left out), passes the cell's check, made from its
    Field, if and only if the offers file takes it."""
    document = tomllib.loads(AMAZON.read_text())
    field = input_field(key)
    for value in CANDIDATES:
        if key in NEEDS_MORE and not (isinstance(value, (int, float)) and not isinstance(value, bool) and value <= 0):
            continue
        assert field_check(field, "X1", value).v == _accepted(_with(document, key, value)), (key, value)
    if key not in ONE_OF_SEVERAL:
        assert blank_allowed(field) == _accepted(_with(document, key, None)), key


def test_whole_months_are_whole():
    field = input_field("signon_clawback_months")
    assert [field_check(field, "X1", v).v for v in (0, 12, 120, 6.5, -1, 121)] == [True, True, True, False, False, False]


# --- no false alarm on a valid offers file ------------------------------------------------------


@FAST
@given(offers_files())
def test_every_valid_offers_file_passes_every_guard(drawn):
    """Whatever the offers file accepts, the guards accept as built (the stored results, which
    the LibreOffice tests above show equal to the formulas)."""
    _, offers_file = drawn
    checks = ChecksPlan(Figures(offers_file), plan(offers_file))
    failing = [(s.title, row.key) for s in checks.sections for row in s.rows if not all(c.v for c in row.checks)]
    assert failing == []
    assert checks.all_pass() and checks.first_problem() == ""
