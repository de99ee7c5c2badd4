"""The workbook recalculated by LibreOffice agrees with the engine, before and after edits."""
from __future__ import annotations

import dataclasses
import os

import openpyxl
import pytest

from xlmodel.errors import InputError
from xlmodel.model import Schedule
from xlmodel.inputs.offers_file import load_offers
from xlmodel.schedules import preset
from xlmodel.workbook import build_workbook, save_workbook
from xlmodel.workbook.layout import SHEET_ORDER

from workbook_support import (AMAZON, LEVER_NAMES, SAMPLES, THREE_WAY, assert_matches_engine, build, input_cell,
                              name_cells, name_values, recalculated)

OUTPUT_NAMES = ("OfferTotal", "OfferPV", "OfferAnnualized", "OfferSalary", "OfferBonus", "OfferSignon", "OfferEquity",
                "OfferYearTC", "ScenarioNames", "ScenarioPV", "ScenarioTotal", "GapPV", "AskBase", "AskSignon",
                "AskEquity", "RespondBy", "ExpiresOn", "ChecksOK", "LeaveQuit", "LeaveCut", "SensitivityPV",
                "BreakEvenGrowth", *LEVER_NAMES, "AccelerationKept")


@pytest.fixture(scope="module", params=SAMPLES, ids=lambda p: p.stem)
def sample_build(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param.stem)
    offers_file = load_offers(request.param)
    path = build(offers_file, folder)
    return offers_file, path, recalculated(path, folder)


def test_every_sample_matches_the_engine(sample_build):
    offers_file, _, workbook = sample_build
    assert_matches_engine(workbook, offers_file)


def test_sheets_in_reading_order(sample_build):
    _, path, _ = sample_build
    assert openpyxl.load_workbook(path).sheetnames == list(SHEET_ORDER)


def test_every_output_is_a_formula(sample_build):
    _, path, _ = sample_build
    workbook = openpyxl.load_workbook(path)
    for name in OUTPUT_NAMES:
        for row in name_cells(workbook, name):
            for cell in row:
                assert cell.data_type == "f" and str(cell.value).startswith("="), f"{name} {cell.coordinate}"


def test_inputs_unlocked_and_formulas_protected(sample_build):
    _, path, _ = sample_build
    workbook = openpyxl.load_workbook(path)
    assert all(sheet.protection.sheet for sheet in workbook.worksheets)
    offer = name_values(workbook, "OfferNames")[0][0]
    assert input_cell(workbook, "base", offer).protection.locked is False
    assert input_cell(workbook, "model.discount_rate").protection.locked is False
    for row in name_cells(workbook, "OfferPV"):
        assert all(cell.protection.locked for cell in row)


def _edit_and_compare(tmp_path, sample, edit_workbook, edit_offers):
    offers_file = load_offers(sample)
    path = build(offers_file, tmp_path)
    workbook = openpyxl.load_workbook(path)
    edit_workbook(workbook)
    workbook.save(path)
    assert_matches_engine(recalculated(path, tmp_path), edit_offers(offers_file))


def _replace_offer(offers_file, offer_name, **changes):
    offers = tuple(dataclasses.replace(o, **changes) if o.name == offer_name else o for o in offers_file.offers)
    return dataclasses.replace(offers_file, offers=offers)


def _replace_equity(offers_file, name, **changes):
    offer = offers_file.offer(name)
    return _replace_offer(offers_file, name, equity=dataclasses.replace(offer.equity, **changes))


def test_edits_to_many_inputs_follow_the_engine(tmp_path):
    """Base, growth, a sign-on entry, the discount rate and a fallback probability, all at once."""
    def edit_workbook(workbook):
        input_cell(workbook, "base", "Amazon").value = 230000
        input_cell(workbook, "equity.growth", "Nimbus AI").value = 0.05
        input_cell(workbook, "signon.2", "Amazon").value = 60000
        input_cell(workbook, "signon.3", "Nimbus AI").value = 15000
        input_cell(workbook, "model.discount_rate").value = 0.08
        input_cell(workbook, "fallback.probability", "Amazon").value = 0.9

    def edit_offers(offers_file):
        changed = _replace_offer(offers_file, "Amazon", base=230000.0, signon=(95000.0, 60000.0))
        changed = _replace_offer(changed, "Amazon", fallback=dataclasses.replace(
            changed.offer("Amazon").fallback, probability=0.9))
        changed = _replace_offer(changed, "Nimbus AI", signon=(30000.0, 0.0, 15000.0))
        changed = _replace_equity(changed, "Nimbus AI", growth=0.05)
        return dataclasses.replace(changed, model=dataclasses.replace(changed.model, discount_rate=0.08))

    _edit_and_compare(tmp_path, AMAZON, edit_workbook, edit_offers)


def test_switching_a_schedule_preset_follows_the_engine(tmp_path):
    def edit_workbook(workbook):
        input_cell(workbook, "equity.schedule", "Amazon").value = "meta"

    _edit_and_compare(tmp_path, AMAZON, edit_workbook,
                      lambda f: _replace_equity(f, "Amazon", schedule=preset("meta")))


def test_editing_a_custom_tranche_table_follows_the_engine(tmp_path):
    """Switch Amazon to its own table (prefilled with the preset) and move 5% from month 12 to month 6."""
    def edit_workbook(workbook):
        input_cell(workbook, "equity.schedule", "Amazon").value = "custom"
        sheet = workbook["Schedules"]
        header = _custom_table_header(sheet, "Amazon", workbook)
        first = header.row + 2
        assert sheet.cell(row=first, column=header.column).value == 12
        sheet.cell(row=first, column=header.column).value = 6

    def edit_offers(offers_file):
        tranches = ((6, 0.05),) + preset("amazon").tranches[1:]
        return _replace_equity(offers_file, "Amazon", schedule=Schedule(tranches))

    _edit_and_compare(tmp_path, AMAZON, edit_workbook, edit_offers)


def _custom_table_header(sheet, offer, workbook):
    """The header cell of an offer's own tranche table (the month column is below it)."""
    name = input_cell(workbook, "name", offer)
    wanted = f'="custom: "&Inputs!${name.column_letter}${name.row}'
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == wanted and sheet.cell(row=cell.row + 1, column=cell.column).value == "Month":
                return cell
    raise AssertionError(f"no custom tranche table for {offer}")


def test_three_way_growth_and_rate_edits(tmp_path):
    def edit_workbook(workbook):
        input_cell(workbook, "equity.growth", "Amazon").value = 0.25
        input_cell(workbook, "equity.refresh_value", "Google").value = 100000
        input_cell(workbook, "model.discount_rate").value = 0.0

    def edit_offers(offers_file):
        changed = _replace_equity(offers_file, "Amazon", growth=0.25)
        changed = _replace_equity(changed, "Google", refresh_value=100000.0)
        return dataclasses.replace(changed, model=dataclasses.replace(changed.model, discount_rate=0.0))

    _edit_and_compare(tmp_path, THREE_WAY, edit_workbook, edit_offers)


def test_user_text_that_looks_like_a_formula_stays_text(tmp_path):
    offers_file = load_offers(AMAZON)
    hostile = '=HYPERLINK("http://example.com","x")'
    changed = _replace_offer(offers_file, "Amazon", name=hostile, title="=1+1")
    changed = _replace_offer(changed, "Nimbus AI", name="@SUM(1)")
    changed = dataclasses.replace(changed, model=dataclasses.replace(changed.model, target=hostile))
    path = build(changed, tmp_path)
    raw = openpyxl.load_workbook(path)
    assert input_cell(raw, "name", hostile).data_type == "s"
    assert input_cell(raw, "title", hostile).value == "=1+1"
    assert input_cell(raw, "title", hostile).data_type == "s"
    workbook = recalculated(path, tmp_path)
    assert name_values(workbook, "OfferNames") == [[hostile, "@SUM(1)"]]
    assert_matches_engine(workbook, changed)


def test_refuses_to_overwrite_without_force(tmp_path):
    offers_file = load_offers(AMAZON)
    path = tmp_path / "model.xlsx"
    path.write_bytes(b"my own work")
    with pytest.raises(InputError, match="--force"):
        save_workbook(build_workbook(offers_file), path)
    assert path.read_bytes() == b"my own work"
    save_workbook(build_workbook(offers_file), path, force=True)
    assert openpyxl.load_workbook(path).sheetnames == list(SHEET_ORDER)
    assert sorted(os.listdir(tmp_path)) == ["model.xlsx"]
