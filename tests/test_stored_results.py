"""Every formula carries its stored result, and that result is what a spreadsheet computes.

A reader that does not recalculate (a preview, pandas, openpyxl with data_only=True) sees the
figures the workbook stores beside its formulas. Here they are read without recalculating, then
LibreOffice recalculates the same files and every formula cell is compared: numbers to the cent
(or 1e-9 of their size), text, dates and TRUE/FALSE exactly. The samples and six generated
offers files (tests/generated_offers.py) are recalculated by a single start of LibreOffice.
"""
from __future__ import annotations

import html
import inspect
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils import range_boundaries, get_column_letter

from xlsxwriter.worksheet import Worksheet

from xlmodel import engine
from xlmodel.libreoffice import recalculate_all
from xlmodel.model import OffersFile
from xlmodel.inputs.offers_file import load_offers
from xlmodel.workbook import build_workbook, save_workbook
from xlmodel.workbook.live_sheet import DIFFERENCE_COL, LIVE, NATIVE_COL, UDF_COL

import generated_offers
from workbook_support import (ROOT, SAMPLES, approx_money, formula_cells, recalculate_with_gnumeric, same_result,
                              stored_mismatches)

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
UDF_CALL = re.compile(r"\b(ASKBUMP|PROBABILITYTOCLOSE|ACCELERATIONVALUE|OFFERVALUE|OFFERTC|VESTED|VESTSCHEDULE|ASKBASE|ASKSIGNON|ASKEQUITY|BREAKEVENGROWTH|"
                      r"LEAVEVALUE|OFFERODDS)\(")
ODDS_NAMES = ("OfferPV10", "OfferPV50", "OfferPV90", "OfferPVMean")  # the Draws sheet's, beside OFFERODDS on Live
UDF_SAMPLE = "amazon_vs_startup"
MAX_FORMULA = 500
# The functions XlsxWriter writes with the _xlfn. prefix (Excel 2010 and later), from its own list.
FUTURE_FUNCTIONS = tuple(sorted(set(re.findall(r"\\b([A-Z][A-Z0-9.]+)\\\(",
                                               inspect.getsource(Worksheet._prepare_formula)))))


@dataclass
class Case:
    offers_file: OffersFile
    path: Path
    recalculated_path: Path | None = None
    gnumeric_path: Path | None = None

    @property
    def stored(self) -> openpyxl.Workbook:
        return openpyxl.load_workbook(self.path, data_only=True)

    @property
    def recalculated(self) -> openpyxl.Workbook:
        return openpyxl.load_workbook(self.recalculated_path, data_only=True)


CASE_NAMES = [p.stem for p in SAMPLES] + list(generated_offers.documents())


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> dict[str, Case]:
    folder = tmp_path_factory.mktemp("stored")
    found = {}
    for sample in SAMPLES:
        offers_file = load_offers(sample)
        found[sample.stem] = Case(offers_file, save_workbook(build_workbook(offers_file), folder / f"{sample.stem}.xlsx"))
    for name, offers_file in generated_offers.offers_files().items():
        found[name] = Case(offers_file, save_workbook(build_workbook(offers_file), folder / f"{name}.xlsx"))
    udf_file = load_offers(next(p for p in SAMPLES if p.stem == UDF_SAMPLE))
    found["udf"] = Case(udf_file, save_workbook(build_workbook(udf_file, udf=True), folder / "udf-model.xlsm"))
    outputs = recalculate_all([case.path for case in found.values()], folder / "recalculated")
    for case, output in zip(found.values(), outputs):
        case.recalculated_path = output
        case.gnumeric_path = recalculate_with_gnumeric(case.path, folder / "gnumeric")
    return found


# --- the sheet XML: every formula has a <v> --------------------------------------------------------

def sheet_parts(path: Path) -> dict[str, str]:
    """Sheet name -> the part that holds its XML, through xl/workbook.xml and its relationships."""
    with zipfile.ZipFile(path) as archive:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.iter(f"{{{RELS}}}Relationship")}
    return {sheet.get("name"): str(PurePosixPath("xl") / targets[sheet.get(f"{{{OFFICE_RELS}}}id")])
            for sheet in book.iter(f"{{{MAIN}}}sheet")}


def formula_xml(path: Path) -> dict[tuple[str, str], str | None]:
    """(sheet, cell) -> the text of the <v> of every <c> that has an <f>; None when there is no <v>."""
    found = {}
    with zipfile.ZipFile(path) as archive:
        for sheet, part in sheet_parts(path).items():
            root = ElementTree.fromstring(archive.read(part))
            for c in root.iter(f"{{{MAIN}}}c"):
                if c.find(f"{{{MAIN}}}f") is None:
                    continue
                v = c.find(f"{{{MAIN}}}v")
                found[(sheet, c.get("r"))] = None if v is None else (v.text or "")
    return found


@pytest.mark.parametrize("name", CASE_NAMES)
def test_every_formula_cell_in_the_xml_has_a_stored_value(cases, name):
    case = cases[name]
    xml = formula_xml(case.path)
    assert len(xml) > 500, "the workbook is formula-driven"
    assert [key for key, v in xml.items() if v is None] == [], "a <c> with an <f> but no <v>"
    # An empty <v> stands for a formula whose result is "": exactly where LibreOffice's result is empty too.
    recalculated = case.recalculated
    stored_empty = {key for key, v in xml.items() if v == ""}
    computed_empty = {key for key in xml if recalculated[key[0]][key[1]].value in (None, "")}
    assert stored_empty == computed_empty
    # The same cells read by openpyxl: every formula's stored result, a value wherever the XML has one.
    stored = formula_cells(case.path)
    assert set(stored) == set(xml)
    assert [key for key, value in stored.items() if value in (None, "") and key not in stored_empty] == []


# --- the stored results against LibreOffice's ----------------------------------------------------

@pytest.mark.parametrize("name", CASE_NAMES)
def test_every_stored_result_is_what_libreoffice_computes(cases, name):
    case = cases[name]
    assert stored_mismatches(case.path, case.recalculated) == []


@pytest.mark.parametrize("name", CASE_NAMES)
def test_every_stored_result_is_what_gnumeric_computes(cases, name):
    """A third, independent implementation of the spreadsheet functions computes every formula
    cell as LibreOffice does (and as the results stored at build time say)."""
    case = cases[name]
    gnumeric = openpyxl.load_workbook(case.gnumeric_path, data_only=True)
    assert stored_mismatches(case.path, gnumeric) == []


@pytest.mark.parametrize("name", CASE_NAMES)
def test_no_formula_is_long_or_uses_a_function_the_builder_does_not_prefix(cases, name):
    """Formulas a modeller can read (at most 500 characters), and none of the functions XlsxWriter
    would write with an _xlfn. prefix (the builder stores formulas as written)."""
    import xlsxwriter.worksheet as xlsx

    formulas = openpyxl.load_workbook(cases[name].path)
    newer = re.compile(r"\b(" + "|".join(map(re.escape, FUTURE_FUNCTIONS)) + r")\(")
    long, prefixed = [], []
    for sheet in formulas.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                text = getattr(cell.value, "text", cell.value)
                if isinstance(text, str) and text.startswith("="):
                    if len(text) > MAX_FORMULA:
                        long.append(f"{sheet.title}!{cell.coordinate}: {len(text)}")
                    if newer.search(text) or xlsx.re_dynamic_function.search(text):
                        prefixed.append(f"{sheet.title}!{cell.coordinate}")
    assert long == [] and prefixed == []


def test_no_formula_is_long_with_eight_offers_over_ten_years_and_the_most_draws():
    """The same bound where references are longest: eight offers (two-letter columns), the most
    draws a file may ask for (five-digit rows), refreshers and options over ten years."""
    import copy
    import tomllib
    from xlmodel.inputs.offers_file import parse_offers
    from xlmodel.inputs.schema import MAX_DRAWS, MAX_HORIZON_YEARS

    with open(ROOT / "samples" / "amazon_vs_startup.toml", "rb") as handle:
        document = tomllib.load(handle)
    with open(ROOT / "samples" / "three_way.toml", "rb") as handle:
        templates = document["offers"] + tomllib.load(handle)["offers"][1:]
    document["offers"] = [dict(copy.deepcopy(templates[i % len(templates)]), name=f"Offer {i + 1}") for i in range(8)]
    document["model"].update(horizon_years=MAX_HORIZON_YEARS, draws=MAX_DRAWS, target="Offer 1")
    built = build_workbook(parse_offers(document, "<eight offers>"))
    with zipfile.ZipFile(io.BytesIO(built.data)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        lengths = {f"{name}: {len(html.unescape(text)) + 1}"
                   for name in sheets for text in re.findall(r"<f>(.*?)</f>", archive.read(name).decode(), re.S)
                   if len(html.unescape(text)) + 1 > MAX_FORMULA}
    assert len(sheets) >= 12 and lengths == set()


@pytest.mark.parametrize("name", CASE_NAMES)
def test_pandas_reads_the_summary_figures_without_recalculating(cases, name):
    """pandas never recalculates: the Summary's per-offer rows show the engine's figures."""
    case = cases[name]
    summary = pd.read_excel(case.path, sheet_name="Summary", header=None)
    rows = {str(row.iloc[0]).strip(): row for _, row in summary.iterrows()}
    header = next(row for label, row in rows.items() if label == "Per offer")
    offers = [o.name for o in case.offers_file.offers]
    assert list(header.iloc[1:1 + len(offers)]) == offers
    valuation = engine.value_all(case.offers_file)
    for label, figure in (("Present value", "pv"), ("Total compensation (nominal)", "total"),
                          ("Annualized", "annualized")):
        shown = list(rows[label].iloc[1:1 + len(offers)])
        expected = [getattr(value, figure) for value in valuation.offers]
        assert shown == approx_money(expected), label
    for year in range(1, case.offers_file.model.horizon_years + 1):
        shown = list(rows[f"Year {year} total compensation"].iloc[1:1 + len(offers)])
        assert shown == approx_money([value.years[year - 1] for value in valuation.offers])


# --- charts: their cached data is the cells' ----------------------------------------------------

def chart_series(path: Path) -> list[dict]:
    """Every reference of every chart: its chart, title, kind (numRef/strRef), range and cached points."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for part in sorted(n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)):
            root = ElementTree.fromstring(archive.read(part))
            title = "".join(t.text or "" for t in root.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}t"))
            for ser in root.iter(f"{{{CHART}}}ser"):
                for role in ("tx", "cat", "val"):
                    element = ser.find(f"{{{CHART}}}{role}")
                    if element is None:
                        continue
                    for kind in ("numRef", "strRef"):
                        reference = element.find(f"{{{CHART}}}{kind}")
                        if reference is None:
                            continue
                        cache = reference.find(f"{{{CHART}}}{'numCache' if kind == 'numRef' else 'strCache'}")
                        points = None
                        if cache is not None:
                            count = int(cache.find(f"{{{CHART}}}ptCount").get("val"))
                            points = [None] * count
                            for pt in cache.iter(f"{{{CHART}}}pt"):
                                points[int(pt.get("idx"))] = pt.find(f"{{{CHART}}}v").text
                        found.append({"chart": part, "title": title, "role": role, "kind": kind,
                                      "ref": reference.find(f"{{{CHART}}}f").text, "points": points})
    return found


def range_values(workbook: openpyxl.Workbook, reference: str) -> list:
    sheet, _, cells = reference.rpartition("!")
    min_col, min_row, max_col, max_row = range_boundaries(cells.replace("$", ""))
    ws = workbook[sheet.strip("'")]
    return [ws.cell(r, c).value for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)]


@pytest.mark.parametrize("name", CASE_NAMES)
def test_charts_carry_the_cells_stored_values(cases, name):
    case = cases[name]
    series = chart_series(case.path)
    assert len({s["chart"] for s in series}) >= 2
    stored = case.stored
    for s in series:
        assert s["points"] is not None, f"{s['chart']} {s['ref']}: no cached data"
        cells = range_values(stored, s["ref"])
        assert len(s["points"]) == len(cells), s["ref"]
        for point, cell in zip(s["points"], cells):
            if s["kind"] == "numRef" and cell in (None, ""):  # an empty result ("") plots as 0, as in Excel
                assert float(point) == 0, s["ref"]
            elif s["kind"] == "numRef":
                assert float(point) == pytest.approx(cell, rel=1e-9, abs=1e-9), s["ref"]
            else:
                assert point == str(cell), s["ref"]


@pytest.mark.parametrize("name", CASE_NAMES)
def test_the_yearly_chart_names_its_bars_by_offer_and_year(cases, name):
    offers_file = cases[name].offers_file
    yearly = [s for s in chart_series(cases[name].path) if s["title"].startswith("Yearly") and s["role"] == "cat"]
    assert yearly, "the yearly chart has categories"
    expected = [f"{offer.name} Y{year}" for offer in offers_file.offers
                for year in range(1, offers_file.model.horizon_years + 1)]
    for s in yearly:
        assert s["kind"] == "strRef", "text categories, not numbers"
        assert s["points"] == expected


# --- the .xlsm: all but the Excel functions, which LibreOffice cannot call ---------------------------

def live_udf_cells(path: Path) -> tuple[dict[int, str], list[int]]:
    """Rows of the Live sheet with a one-cell UDF call (row -> formula), and rows of OFFERTC arrays."""
    live = openpyxl.load_workbook(path)[LIVE]
    pairs, arrays = {}, []
    for row in range(1, live.max_row + 1):
        value = live.cell(row, UDF_COL).value
        text = getattr(value, "text", value)
        if isinstance(text, str) and UDF_CALL.search(text):
            (arrays.append(row) if hasattr(value, "text") else pairs.__setitem__(row, text))
    return pairs, arrays


def test_the_xlsm_stores_every_result_libreoffice_computes_but_the_udf_calls(cases):
    case = cases["udf"]
    pairs, arrays = live_udf_cells(case.path)
    years = case.offers_file.model.horizon_years
    offers = len(case.offers_file.offers)
    assert len(pairs) >= offers * (3 + 1 + 10) + 4 and len(arrays) == offers
    needs_udf = {(LIVE, f"{get_column_letter(col)}{row}") for row in pairs for col in (UDF_COL, DIFFERENCE_COL)}
    needs_udf |= {(LIVE, f"{get_column_letter(UDF_COL + y)}{row}") for row in arrays for y in range(years)}
    needs_udf |= {(LIVE, f"{get_column_letter(col)}{row}") for row in unnamed_odds_rows(case.path, pairs)
                  for col in (NATIVE_COL, DIFFERENCE_COL)}
    recalculated = case.recalculated
    problems = []
    formulas = formula_cells(case.path)
    for key, stored in formulas.items():
        if key in needs_udf:
            continue
        computed = recalculated[key[0]][key[1]].value
        if not same_result(stored, computed):
            problems.append(f"{key}: stored {stored!r}, LibreOffice {computed!r}")
    assert problems == []
    assert len(formulas) - len(needs_udf & set(formulas)) > 3000
    # LibreOffice has no such functions (#NAME?, or #VALUE! for the asks, whose first argument is one cell): the cells left
    # out are the ones it cannot compute.
    assert {recalculated[LIVE].cell(row, UDF_COL).value for row in pairs} <= {"#NAME?", "#VALUE!"}


def unnamed_odds_rows(path: Path, pairs: dict[int, str]) -> list[int]:
    """The OFFERODDS rows whose native figure names a Draws sheet this workbook does not have yet."""
    defined = openpyxl.load_workbook(path).defined_names
    missing = [name for name in ODDS_NAMES if name not in defined]
    return [row for row, text in pairs.items() if "OFFERODDS(" in text] if missing else []


def test_the_xlsm_udf_cells_store_the_native_formulas_result(cases):
    case = cases["udf"]
    pairs, arrays = live_udf_cells(case.path)
    stored, recalculated = case.stored[LIVE], case.recalculated[LIVE]
    for row in unnamed_odds_rows(case.path, pairs):
        del pairs[row]  # stored from the engine: compared with it in test_live_sheet
    for row in pairs:
        udf, native = stored.cell(row, UDF_COL).value, recalculated.cell(row, NATIVE_COL).value
        assert isinstance(udf, (int, float)) and same_result(udf, native), (row, udf, native)
        assert udf == stored.cell(row, NATIVE_COL).value
        assert stored.cell(row, DIFFERENCE_COL).value == 0
    for row in arrays:  # OFFERTC's years, and the workbook's years on the row below
        for y in range(case.offers_file.model.horizon_years):
            udf, native = stored.cell(row, UDF_COL + y).value, recalculated.cell(row + 1, UDF_COL + y).value
            assert isinstance(udf, float) and same_result(udf, native), (row, y, udf, native)
