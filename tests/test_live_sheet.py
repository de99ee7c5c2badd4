"""The .xlsm's Live sheet: every Excel function, evaluated by a formula engine (the `formulas`
package) that calls the real UDFs, equals the native formula beside it as LibreOffice
recalculates it."""
from __future__ import annotations

import importlib
from dataclasses import replace

import openpyxl
import pytest

from xlmodel.inputs.offers_file import load_offers
from xlmodel.workbook import build_workbook, save_workbook
from xlmodel.workbook.live_sheet import DIFFERENCE_COL, LIVE, NATIVE_COL, UDF_COL
from xlmodel.workbook.udf_workbook import CONFIG_SHEET, UDF_MODULE

from workbook_support import ROOT, evaluate_with_udfs, recalculated

pytest.importorskip("formulas")

UDF_NAMES = ("OFFERVALUE", "OFFERTC", "VESTED", "VESTSCHEDULE", "ASKBASE", "ASKSIGNON", "ASKEQUITY",
             "BREAKEVENGROWTH", "LEAVEVALUE", "ASKBUMP", "PROBABILITYTOCLOSE", "ACCELERATIONVALUE", "OFFERODDS")
FRACTIONS = ("growth", "vested", "bump alone", "probability")  # figures checked to 1e-9 rather than to the cent


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    folder = tmp_path_factory.mktemp("live")
    offers_file = load_offers(ROOT / "samples" / "amazon_vs_startup.toml")
    # 100 draws rather than the sample's 1,000: the formula engine evaluates the whole workbook in
    # Python, draws included, and OFFERODDS is checked against the Draws sheet just the same
    offers_file = replace(offers_file, model=replace(offers_file.model, draws=100))
    path = save_workbook(build_workbook(offers_file, udf=True), folder / "model.xlsm")
    native = recalculated(path, folder)
    udfs = importlib.import_module(UDF_MODULE)
    solution = evaluate_with_udfs(path, udfs, UDF_NAMES)
    evaluated = {key.split("!")[-1]: value for key, value in solution.items() if f"]{LIVE.upper()}'!" in key.upper()}
    return openpyxl.load_workbook(path, keep_vba=True), native, evaluated, openpyxl.load_workbook(path, data_only=True)


def _value(evaluated, coordinate):
    value = evaluated[coordinate].value
    return value.tolist() if hasattr(value, "tolist") else value


def test_the_xlsm_keeps_xlwings_and_points_at_our_module(live):
    raw, _, _, _ = live
    assert raw.vba_archive is not None and "xl/vbaProject.bin" in raw.vba_archive.namelist()
    config = raw[CONFIG_SHEET]
    settings = {config.cell(row, 1).value: config.cell(row, 2).value for row in range(1, config.max_row + 1)}
    assert settings["UDF Modules"] == UDF_MODULE
    assert settings["PYTHONPATH"] in (None, ""), "no folder of the building machine"


def test_every_function_equals_the_native_formula_beside_it(live):
    raw, native, evaluated, stored = live
    sheet, recalculated_sheet = raw[LIVE], native[LIVE]
    pairs = 0
    for row in range(1, sheet.max_row + 1):
        udf = str(sheet.cell(row, UDF_COL).value)
        if not udf.startswith(tuple(f"={name}(" for name in UDF_NAMES if name != "OFFERTC")):
            continue
        assert sheet.cell(row, DIFFERENCE_COL).value.startswith("=IF(ISNUMBER(")
        computed = _value(evaluated, f"{sheet.cell(row, UDF_COL).coordinate}")[0][0]
        expected = recalculated_sheet.cell(row, NATIVE_COL).value
        if udf.startswith("=OFFERODDS(") and expected == "#NAME?":  # the Draws sheet's names are not here yet:
            expected = stored[LIVE].cell(row, NATIVE_COL).value  # its stored result, the engine's odds
        assert isinstance(computed, float), (sheet.cell(row, 1).value, computed)
        tolerance = 1e-9 if any(word in sheet.cell(row, 1).value.lower() for word in FRACTIONS) else 0.01
        assert computed == pytest.approx(expected, abs=tolerance), sheet.cell(row, 1).value
        pairs += 1
    offers = 2
    # value, vesting, leave; then the target's asks and break-even, and its three levers
    assert pairs >= offers * (3 + 1 + 10) + 4 + 3
    labels = [sheet.cell(row, 1).value for row in range(1, sheet.max_row + 1)]
    assert {"Fallback bump alone (ASKBUMP)", "Milestone probability to tie (PROBABILITYTOCLOSE)",
            "Accelerated vesting adds (ACCELERATIONVALUE)"} <= set(labels)
    assert sum("(OFFERODDS)" in str(label) for label in labels) == offers * 4  # p10, p50, p90, mean


def test_offertc_spills_the_years_the_workbook_computes(live):
    raw, native, evaluated, stored = live
    sheet = raw[LIVE]
    rows = [row for row in range(1, sheet.max_row + 1)
            if getattr(sheet.cell(row, UDF_COL).value, "text", "").startswith("=OFFERTC(")]
    assert len(rows) == 2
    for row in rows:
        spilled = _value(evaluated, sheet.cell(row, UDF_COL).value.ref)[0]
        years = [native[LIVE].cell(row + 1, UDF_COL + y).value for y in range(4)]
        assert [float(v) for v in spilled] == pytest.approx(years, abs=0.01)


def test_the_plain_workbook_has_no_udf_calls(tmp_path):
    offers_file = load_offers(ROOT / "samples" / "amazon_vs_startup.toml")
    # 100 draws rather than the sample's 1,000: the formula engine evaluates the whole workbook in
    # Python, draws included, and OFFERODDS is checked against the Draws sheet just the same
    offers_file = replace(offers_file, model=replace(offers_file.model, draws=100))
    workbook = openpyxl.load_workbook(save_workbook(build_workbook(offers_file), tmp_path / "model.xlsx"))
    assert LIVE not in workbook.sheetnames and CONFIG_SHEET not in workbook.sheetnames
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert not any(name + "(" in cell.value for name in UDF_NAMES), cell.coordinate
