"""The formulas of the Inputs and Checks sheets, as written: short (at most 500 characters), no
number in them but 0, 1, 12, 100 and the bounds the row's requirement sentence states, and none
of the constructs Gnumeric computes otherwise than Excel and LibreOffice (N() of a blank cell,
INDEX(range, 0, column), INDEX(one-row range, k)); then recalculated by Gnumeric, every check of
the inputs gives what LibreOffice gives."""
from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import openpyxl
import pytest

from xlmodel.inputs.offers_file import load_offers
from xlmodel.libreoffice import recalculate_all
from xlmodel.workbook.cells import serial
from xlmodel.workbook.checks_sheet import HEADER_ROW, check_row, CHECK_LIST

from workbook_support import SAMPLES, build, input_cell, same_result, scenario_cell, with_few_draws

pytestmark = pytest.mark.filterwarnings("ignore:Workbook contains no default style")  # ssconvert's files
MAX_FORMULA = 500
ALWAYS = {0.0, 1.0, 12.0, 100.0}
STRING = re.compile(r'"(?:[^"]|"")*"')
REFERENCE = re.compile(r"(?:'[^']+'|[A-Za-z]+)?!?\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?")
NUMBER = re.compile(r"(?<![A-Za-z_\d.])\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
BY_STEM = {p.stem: p for p in SAMPLES}


def formulas(workbook, sheet: str):
    for row in workbook[sheet].iter_rows():
        for cell in row:
            text = getattr(cell.value, "text", cell.value)
            if isinstance(text, str) and text.startswith("="):
                yield cell, text


def literals(formula: str) -> set[float]:
    """The numbers written in a formula (outside its text constants and cell references)."""
    plain = REFERENCE.sub(" ", STRING.sub('""', formula))
    return {float(n) for n in NUMBER.findall(plain)}


def stated(sentence: str) -> set[float]:
    """The numbers a requirement sentence states, dates as the day numbers a formula compares."""
    days = {float(serial(date.fromisoformat(d))) for d in DATE.findall(sentence)}
    plain = DATE.sub(" ", sentence).replace(",", "")
    return days | {abs(float(n)) for n in re.findall(r"\d+(?:\.\d+)?", plain)}


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formulas")
    return {stem: openpyxl.load_workbook(build(load_offers(path), folder, f"{stem}.xlsx")) for stem, path in
            BY_STEM.items()}


@pytest.mark.parametrize("stem", sorted(BY_STEM))
def test_formulas_are_short_and_use_what_every_spreadsheet_computes_alike(written, stem):
    workbook = written[stem]
    for sheet in ("Inputs", "Checks"):
        for cell, text in formulas(workbook, sheet):
            where = f"{sheet}!{cell.coordinate}"
            assert len(text) <= MAX_FORMULA, (where, len(text))
            assert not re.search(r"(?<![A-Z])N\(", text), where
            assert not re.search(r"INDEX\([^,()]+,0,", text), where
            for found in re.finditer(r"INDEX\(([^,()]+),([^,()]+)\)", text):
                rows = found.group(1).split("!")[-1].replace("$", "").split(":")
                assert len(rows) == 1 or re.sub(r"\D", "", rows[0]) != re.sub(r"\D", "", rows[1]), where


@pytest.mark.parametrize("stem", sorted(BY_STEM))
def test_no_number_but_the_bounds_each_row_states(written, stem):
    checks = written[stem]["Checks"]
    integrity = {check_row(key) for key, _ in CHECK_LIST}
    for cell, text in formulas(written[stem], "Checks"):
        if cell.row <= HEADER_ROW or cell.row in integrity:
            allowed = ALWAYS
        else:
            allowed = ALWAYS | stated(str(checks.cell(row=cell.row, column=1).value or ""))
        extra = {n for n in literals(text) if n not in allowed}
        assert not extra, (f"Checks!{cell.coordinate}", extra, text)
    for cell, text in formulas(written[stem], "Inputs"):
        assert literals(text) <= ALWAYS, (f"Inputs!{cell.coordinate}", text)


# --- Gnumeric -------------------------------------------------------------------------------------

def _rename(key, offer, value):
    return lambda workbook: setattr(input_cell(workbook, key, offer), "value", value)


GNUMERIC_CASES = {
    "three_way as built": ("three_way", lambda workbook: None),
    "a name that differs only in case": ("three_way", _rename("name", "Meta", "amazon")),  # unique, exactly
    "a name used twice": ("three_way", _rename("name", "Meta", "Amazon")),
    "an unknown tax location": ("seattle_vs_sf", _rename("tax_location", "Amazon", "XX")),
    "a known tax location in the wrong case": ("seattle_vs_sf", _rename("tax_location", "Amazon", "wa")),
    "a fractional tranche month": ("three_way", lambda workbook: _tranche(workbook, "Meta", 6.5, 0.1)),
    "a tranche without its fraction": ("three_way", lambda workbook: _tranche(workbook, "Meta", 60, None)),
    "growth typed as 8": ("amazon_vs_startup", _rename("equity.growth", "Nimbus AI", 8)),
    "text, blanks and a scenario": ("amazon_vs_startup", lambda workbook: (
        _rename("equity.growth", "Nimbus AI", "30%")(workbook), _rename("bonus_payout", "Nimbus AI", None)(workbook),
        setattr(scenario_cell(workbook, "scenario.growth_shift", "Bear"), "value", -1.5))),
}


def _tranche(workbook, offer: str, month, fraction) -> None:
    """The first row of an offer's own tranche table on Schedules."""
    name = input_cell(workbook, "name", offer)
    sheet = workbook["Schedules"]
    wanted = f'="custom: "&Inputs!${name.column_letter}${name.row}'
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == wanted:
                sheet.cell(row=cell.row + 2, column=cell.column).value = month
                sheet.cell(row=cell.row + 2, column=cell.column + 1).value = fraction
                return
    raise AssertionError(f"no tranche table for {offer}")


@pytest.fixture(scope="module")
def both_engines(tmp_path_factory):
    if shutil.which("ssconvert") is None:
        pytest.skip("needs Gnumeric's ssconvert")
    folder = tmp_path_factory.mktemp("gnumeric")
    paths = {}
    for number, (name, (stem, edit)) in enumerate(GNUMERIC_CASES.items()):
        path = build(with_few_draws(load_offers(BY_STEM[stem])), folder, f"case{number}.xlsx")
        workbook = openpyxl.load_workbook(path)
        edit(workbook)
        workbook.save(path)
        paths[name] = path
    (folder / "libreoffice").mkdir()
    recalculate_all(list(paths.values()), folder / "libreoffice")
    found = {}
    for name, path in paths.items():
        gnumeric = folder / f"{path.stem}-gnumeric.xlsx"
        subprocess.run(["ssconvert", "--recalc", str(path), str(gnumeric)], check=True, capture_output=True,
                       timeout=120)
        found[name] = (openpyxl.load_workbook(path), openpyxl.load_workbook(folder / "libreoffice" / path.name,
                                                                           data_only=True),
                       openpyxl.load_workbook(gnumeric, data_only=True))
    return found


@pytest.mark.parametrize("case", GNUMERIC_CASES)
def test_gnumeric_checks_the_inputs_as_libreoffice_does(both_engines, case):
    """Every formula of the input checks and warnings on Checks (below the model's integrity
    checks, which read the other sheets), and on Inputs."""
    written_book, libreoffice, gnumeric = both_engines[case]
    first = check_row(CHECK_LIST[-1][0]) + 1
    compared = 0
    for sheet in ("Inputs", "Checks"):
        for cell, _ in formulas(written_book, sheet):
            if sheet == "Checks" and cell.row < first:
                continue
            ours, theirs = libreoffice[sheet][cell.coordinate].value, gnumeric[sheet][cell.coordinate].value
            assert same_result(ours, theirs), (f"{sheet}!{cell.coordinate}", ours, theirs)
            compared += 1
    assert compared > 200


# --- data validation on Inputs ------------------------------------------------------------------

@pytest.mark.parametrize("stem", sorted(BY_STEM))
def test_every_input_with_a_range_or_a_list_has_validation_with_its_message(written, stem):
    from xlmodel.inputs import keys as input_keys
    from xlmodel.inputs.field_words import validation_message

    sheet = written[stem]["Inputs"]
    validated = {}
    for rule in sheet.data_validations.dataValidation:
        for cells in rule.sqref.ranges:
            for row in range(cells.min_row, cells.max_row + 1):
                for column in range(cells.min_col, cells.max_col + 1):
                    validated[(row, column)] = rule
    checked = 0
    for cell in (c for row in sheet.iter_rows() for c in row if c.protection.locked is False):
        key = sheet.cell(row=cell.row, column=2).value
        if not (isinstance(key, str) and input_keys.is_input_key(key)):  # the scenario table: its keys above
            keys_row = next(r for r in range(cell.row, 0, -1) if sheet.cell(row=r, column=3).value == "scenario.name")
            key = sheet.cell(row=keys_row, column=cell.column).value
        field = input_keys.input_field(key)
        wants = field.is_number and (field.low is not None or field.high is not None) or field.kind in (
            "choice", "boolean", "date") or key in ("model.target", "tax_location")
        if not wants:
            continue
        rule = validated.get((cell.row, cell.column))
        assert rule is not None and rule.showErrorMessage, (key, cell.coordinate)
        expected = (f"{field.label}: choose one of the names in the list." if key in ("model.target", "tax_location")
                    else validation_message(field))
        assert rule.error == expected, key
        checked += 1
    assert checked > 50
