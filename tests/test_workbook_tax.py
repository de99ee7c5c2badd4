"""The Tax sheet and the after-tax figures of the workbook, recalculated by LibreOffice, against
the engine: on every sample, after editing a rate, a bound, the filing status or an offer's
location, and after switching tax on in a workbook built without a [tax] table."""
from __future__ import annotations

import dataclasses
import re

import openpyxl
import pytest

from workbook_support import (CENT, SAMPLES, build, error_cells, input_cell, name_values, recalculated,
                              stored_mismatches)
from xlmodel.engine import tax as tax_rules
from xlmodel.engine import value_all
from xlmodel.model import ByStatus, TaxLocation, TaxSettings
from xlmodel.inputs.offers_file import load_offers
from xlmodel.workbook_reader import read_workbook

BY_STEM = {path.stem: path for path in SAMPLES}
TAXED = "seattle_vs_sf"
UNTAXED = "amazon_vs_startup"


def empty(value) -> bool:
    return value in (None, "")


def assert_after_tax_matches_engine(workbook, offers_file):
    valuation = value_all(offers_file)
    offers = valuation.offers
    pvs, totals = name_values(workbook, "OfferAfterTaxPV")[0], name_values(workbook, "OfferAfterTaxTotal")[0]
    years, taxes = name_values(workbook, "OfferAfterTaxYear"), name_values(workbook, "OfferTaxYear")
    gap = name_values(workbook, "GapAfterTax")[0][0]
    assert len(years) == len(taxes) == offers_file.model.horizon_years
    for i, offer in enumerate(offers):
        after = offer.after_tax
        if after is None:  # no [tax] table: every after-tax figure is an empty cell
            assert empty(pvs[i]) and empty(totals[i]), offer.name
            assert all(empty(row[i]) for row in years + taxes), offer.name
            continue
        assert [row[i] for row in taxes] == pytest.approx(after.taxes, abs=CENT), offer.name
        assert [row[i] for row in years] == pytest.approx(after.years, abs=CENT), offer.name
        assert totals[i] == pytest.approx(after.total, abs=CENT), offer.name
        assert pvs[i] == pytest.approx(after.pv, abs=CENT), offer.name  # the Cashflows months' present values
    if valuation.negotiation.after_tax_gap is None:
        assert empty(gap)
    else:
        assert gap == pytest.approx(valuation.negotiation.after_tax_gap, abs=CENT)


@pytest.fixture(scope="module", params=sorted(BY_STEM), ids=str)
def sample_build(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    offers_file = load_offers(BY_STEM[request.param])
    path = build(offers_file, folder)
    return request.param, offers_file, path, recalculated(path, folder)


def test_after_tax_names_match_the_engine_and_every_stored_result(sample_build):
    _, offers_file, path, workbook = sample_build
    assert_after_tax_matches_engine(workbook, offers_file)
    assert stored_mismatches(path, workbook) == []
    assert error_cells(workbook) == []


def summary_sentence(workbook, start: str) -> str:
    found = [cell.value for row in workbook["Summary"].iter_rows() for cell in row
             if isinstance(cell.value, str) and cell.value.startswith(start)]
    assert len(found) == 1, found
    return found[0]


def test_the_summary_says_the_lead_flips_after_tax(sample_build):
    stem, offers_file, _, workbook = sample_build
    offers = value_all(offers_file).offers
    if stem == TAXED:
        amazon, harbor = offers
        assert harbor.pv > amazon.pv and amazon.after_tax.pv > harbor.after_tax.pv  # the sample's point
        margin = round(amazon.after_tax.pv - harbor.after_tax.pv)
        assert summary_sentence(workbook, "After tax ") == (
            f"After tax Amazon leads by ${margin:,}: Harbor AI's lead before tax does not survive the taxes of "
            f"CA. Equity, options included, is taxed as wages when it vests, at its valued amount.")
    elif offers_file.tax is None:
        assert summary_sentence(workbook, "No after-tax figures").startswith(
            "No after-tax figures: the offers file has no [tax] table")


# --- editing the Tax sheet and the offers' locations ----------------------------------------------

def tax_row(workbook, key: str) -> int:
    sheet = workbook["Tax"]
    return next(r for r in range(1, sheet.max_row + 1) if sheet.cell(row=r, column=1).value == key)


def location_col(workbook, name) -> int:
    """The first column of a location's slot (of four), or of the first empty slot for None."""
    sheet = workbook["Tax"]
    row = tax_row(workbook, "tax.locations")
    return next(c for c in range(2, sheet.max_column + 1, 4) if sheet.cell(row=row, column=c).value == name)


def replace_offer(offers_file, name, **changes):
    offers = tuple(dataclasses.replace(o, **changes) if o.name == name else o for o in offers_file.offers)
    return dataclasses.replace(offers_file, offers=offers)


def edit_and_compare(tmp_path, stem, edit_workbook, expected_offers_file):
    path = build(load_offers(BY_STEM[stem]), tmp_path)
    workbook = openpyxl.load_workbook(path)
    edit_workbook(workbook)
    workbook.save(path)
    recalculated_workbook = recalculated(path, tmp_path)
    assert_after_tax_matches_engine(recalculated_workbook, expected_offers_file)
    assert error_cells(recalculated_workbook) == []
    return path


def test_filing_status_a_location_rate_and_an_offers_location_follow_the_engine(tmp_path):
    """Joint filing, California's joint 9.3% bracket raised to 20%, and Amazon moved to California."""
    def edit(workbook):
        workbook["Tax"].cell(row=tax_row(workbook, "tax.filing_status"), column=2).value = "joint"
        column = location_col(workbook, "CA")
        rate = workbook["Tax"].cell(row=tax_row(workbook, "brackets_joint.6"), column=column + 1)
        assert rate.value == pytest.approx(0.093)
        rate.value = 0.2
        input_cell(workbook, "tax_location", "Amazon").value = "CA"

    original = load_offers(BY_STEM[TAXED])
    california = original.tax.locations["CA"]
    joint = list(california.brackets.joint)
    joint[5] = (joint[5][0], 0.2)
    changed = dataclasses.replace(california, brackets=ByStatus(california.brackets.single, tuple(joint)))
    locations = {**original.tax.locations, "CA": changed}
    expected = dataclasses.replace(original, tax=dataclasses.replace(original.tax, filing_status="joint",
                                                                     locations=locations))
    expected = replace_offer(expected, "Amazon", tax_location="CA")
    path = edit_and_compare(tmp_path, TAXED, edit, expected)
    # `xlmodel read` carries the edits: the offers file it writes gives the same after-tax figures.
    read_back = value_all(read_workbook(path).offers_file)
    assert [o.after_tax.pv for o in read_back.offers] == pytest.approx(
        [o.after_tax.pv for o in value_all(expected).offers], abs=CENT)


def test_a_federal_rate_and_bound_follow_the_engine_with_the_same_tables(tmp_path, monkeypatch):
    """The single 22% bracket taxed at 25% from 52,000: the engine, given the same table, agrees."""
    def edit(workbook):
        row = tax_row(workbook, "federal.brackets.3")
        sheet = workbook["Tax"]
        assert (sheet.cell(row=row, column=2).value, sheet.cell(row=row, column=3).value) == (50_400, 0.22)
        sheet.cell(row=row, column=2).value = 52_000
        sheet.cell(row=row, column=3).value = 0.25

    single = list(tax_rules.FEDERAL_BRACKETS["single"])
    single[2] = (52_000, 0.25)
    path = build(load_offers(BY_STEM[TAXED]), tmp_path)
    workbook = openpyxl.load_workbook(path)
    edit(workbook)
    workbook.save(path)
    # An offers file has no federal tables: the read says so instead of dropping the edit silently.
    notes = read_workbook(path).notes
    assert len(notes) == 1 and "Tax!B" in notes[0] and "federal" in notes[0]
    recalculated_workbook = recalculated(path, tmp_path)
    monkeypatch.setitem(tax_rules.FEDERAL_BRACKETS, "single", tuple(single))
    assert_after_tax_matches_engine(recalculated_workbook, load_offers(BY_STEM[TAXED]))


def test_switching_tax_on_and_adding_a_location_follow_the_engine(tmp_path):
    """A workbook built without [tax]: tax on, 2% indexation, a new location (3% income tax over
    a 1,000 deduction, 1% payroll up to 100,000) for Nimbus AI."""
    def edit(workbook):
        sheet = workbook["Tax"]
        sheet.cell(row=tax_row(workbook, "tax"), column=2).value = True
        sheet.cell(row=tax_row(workbook, "tax.indexation"), column=2).value = 0.02
        column = location_col(workbook, None)
        sheet.cell(row=tax_row(workbook, "tax.locations"), column=column).value = "Somewhere"
        for n in (0, 1):  # single and joint
            sheet.cell(row=tax_row(workbook, "deduction"), column=column + n).value = 1000
        for status in ("single", "joint"):
            sheet.cell(row=tax_row(workbook, f"brackets_{status}.1"), column=column).value = 0
            sheet.cell(row=tax_row(workbook, f"brackets_{status}.1"), column=column + 1).value = 0.03
        sheet.cell(row=tax_row(workbook, "payroll.1"), column=column).value = 0.01
        sheet.cell(row=tax_row(workbook, "payroll.1"), column=column + 1).value = 100_000
        input_cell(workbook, "tax_location", "Nimbus AI").value = "Somewhere"

    original = load_offers(BY_STEM[UNTAXED])
    place = TaxLocation("Somewhere", ((0.0, 0.03),), 1000.0, ((0.01, 100_000.0),))
    expected = dataclasses.replace(original, tax=TaxSettings("single", 0.02, {"Somewhere": place}))
    expected = replace_offer(expected, "Nimbus AI", tax_location="Somewhere")
    path = edit_and_compare(tmp_path, UNTAXED, edit, expected)
    inputs = read_workbook(path)
    assert inputs.document["tax"]["locations"] == {"Somewhere": {"brackets": [[0, 0.03]], "deduction": 1000,
                                                                 "payroll": [{"rate": 0.01, "cap": 100000}]}}
    assert [o.after_tax.pv for o in value_all(inputs.offers_file).offers] == pytest.approx(
        [o.after_tax.pv for o in value_all(expected).offers], abs=CENT)


def test_after_tax_outputs_are_formulas_and_the_tables_inputs(sample_build):
    from workbook_support import name_cells
    _, offers_file, path, _ = sample_build
    workbook = openpyxl.load_workbook(path)
    for name in ("OfferAfterTaxPV", "OfferAfterTaxTotal", "OfferAfterTaxYear", "OfferTaxYear", "GapAfterTax"):
        for row in name_cells(workbook, name):
            for cell in row:
                assert cell.data_type == "f" and cell.protection.locked, f"{name} {cell.coordinate}"
    sheet = workbook["Tax"]
    for key in ("tax", "tax.filing_status", "tax.indexation", "federal.brackets.1", "federal.standard_deduction"):
        assert sheet.cell(row=tax_row(workbook, key), column=2).protection.locked is False, key
    assert input_cell(workbook, "tax_location", offers_file.offers[0].name).protection.locked is False
    # the Tax sheet comes after Negotiation
    names = workbook.sheetnames
    assert names.index("Tax") == names.index("Negotiation") + 1


# --- every shipped location, and the sheet's own rules ------------------------------------------

SHIPPED = ("WA", "TX", "FL", "NV", "CA", "NY", "NY-NYC", "MA", "IL", "CO", "GA", "OR", "NJ", "VA", "NC")


def every_location(status: str, other_itemized: int) -> str:
    """Fifteen offers, one in each shipped location, at wages from $100,000 to $1.55M and a 40% raise."""
    bases = (100000, 160000, 250000, 310000, 420000, 520000, 650000, 820000, 1050000, 1250000, 1550000, 240000,
             300000, 130000, 700000)
    offers = "".join(f'[[offers]]\nname = "{name} job"\nbase = {base}\nannual_raise = 0.4\ntax_location = "{name}"\n'
                     for name, base in zip(SHIPPED, bases))
    return ("[model]\nstart_date = 2027-01-04\nhorizon_years = 2\ndiscount_rate = 0.05\n" + offers
            + f'[tax]\nfiling_status = "{status}"\nindexation = 0.02\nother_itemized = {other_itemized}\n')


@pytest.mark.parametrize("status, other_itemized", [("single", 30000), ("joint", 0)])
def test_every_shipped_location_on_one_tax_sheet_follows_the_engine(tmp_path, status, other_itemized):
    offers_path = tmp_path / "offers.toml"
    offers_path.write_text(every_location(status, other_itemized))
    offers_file = load_offers(offers_path)
    path = build(offers_file, tmp_path)
    workbook = recalculated(path, tmp_path)
    assert_after_tax_matches_engine(workbook, offers_file)
    assert stored_mismatches(path, workbook) == []
    assert error_cells(workbook) == []
    # `xlmodel read` names the shipped locations, no table copied.
    inputs = read_workbook(path)
    assert "locations" not in inputs.document["tax"]
    assert [o.after_tax.taxes for o in value_all(inputs.offers_file).offers] == [
        pytest.approx(o.after_tax.taxes, abs=CENT) for o in value_all(offers_file).offers]


NUMBER = re.compile(r"(?<![A-Za-z_.$])\d+(?:\.\d+)?")


def formula_numbers(formula: str) -> set[str]:
    """The numbers written into a formula (not its cell references, sheet names or text)."""
    body = re.sub(r'"[^"]*"', '""', formula)
    body = re.sub(r"'[^']*'!|[A-Za-z]+!", "", body)
    body = re.sub(r"\$?[A-Z]{1,3}\$?\d+", "REF", body)
    return set(NUMBER.findall(body))


def test_the_tax_sheet_is_auditable(sample_build):
    """No formula over 500 characters, no number in a formula but 0, 1, 12 and 100, a landscape
    page fitted to its width, and the drop-down of tax_location offering every shipped name."""
    _, offers_file, path, recalculated_workbook = sample_build
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Tax"]
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                assert len(cell.value) <= 500, cell.coordinate
                assert formula_numbers(cell.value) <= {"0", "1", "12", "100"}, (cell.coordinate, cell.value)
    assert sheet.page_setup.orientation == "landscape" and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0
    names_row = tax_row(workbook, "tax.locations")
    choices_col = next(c for c in range(1, sheet.max_column + 1)
                       if sheet.cell(row=names_row - 1, column=c).value == "tax_location choices")
    choices = {recalculated_workbook["Tax"].cell(row=r, column=choices_col).value
               for r in range(names_row, sheet.max_row + 1)} - {None, ""}
    assert choices >= set(SHIPPED) | {"none"}
    listed = {sheet.cell(row=names_row, column=c).value for c in range(2, choices_col, 4)} - {None}
    used = {o.tax_location for o in offers_file.offers} - {"none"}
    assert listed == (set(offers_file.tax.locations) if offers_file.tax else set()) and used <= listed | {"none"}
