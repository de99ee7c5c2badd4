"""The sentences the workbook builds with formulas read the same in German and French as in
English: only the digit grouping of amounts may differ ("$1,234" / "$1.234" / "$1 234").

LibreOffice recalculates the same workbooks in en-US, de-DE and fr-FR (a fresh profile with
that locale, `xlmodel.libreoffice.recalculate_all(..., locale=...)`). A probe workbook in the
same runs proves the locale took effect: TEXT(1234.5,"#,##0.00") gives "1.234,50" in German.
"""
from __future__ import annotations

import re

import openpyxl
import pytest
import xlsxwriter

from xlmodel.libreoffice import recalculate_all
from xlmodel.inputs.offers_file import load_offers
from xlmodel.workbook import build_workbook, save_workbook

from workbook_support import ROOT, formula_cells

LOCALES = ("en-US", "de-DE", "fr-FR")
SAMPLES = ("amazon_vs_startup", "three_way")
PROBE = {"A1": '=TEXT(1234.5,"#,##0.00")', "A2": "=FIXED(1234567.5,1)", "A3": '=12.5&""'}
# A grouping separator: between digits, before a group of exactly three digits.
GROUPING = re.compile(r"(?<=\d)[.,\u0020\u00a0\u202f](?=\d{3}(?!\d))")


def without_grouping(text: str) -> str:
    return GROUPING.sub("", text)


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("locale")
    probe = xlsxwriter.Workbook(str(folder / "probe.xlsx"))
    sheet = probe.add_worksheet()
    for cell, formula in PROBE.items():
        sheet.write_formula(cell, formula)
    probe.close()
    sources = [folder / "probe.xlsx"]
    for name in SAMPLES:
        sources.append(save_workbook(build_workbook(load_offers(ROOT / "samples" / f"{name}.toml")),
                                     folder / f"{name}.xlsx"))
    found = {"sources": dict(zip(("probe",) + SAMPLES, sources))}
    for locale in LOCALES:
        outputs = recalculate_all(sources, folder / locale, locale=locale)
        found[locale] = {name: openpyxl.load_workbook(path, data_only=True)
                         for name, path in zip(("probe",) + SAMPLES, outputs)}
    return found


def test_the_locale_takes_effect(recalculated):
    probes = {locale: [recalculated[locale]["probe"].active[cell].value for cell in PROBE] for locale in LOCALES}
    assert probes["en-US"] == ["1,234.50", "1,234,567.5", "12.5"]
    assert probes["de-DE"] == ["1.234,50", "1.234.567,5", "12,5"]
    fr_space = probes["fr-FR"][0][1]
    assert fr_space in "\u00a0\u202f " and probes["fr-FR"] == [f"1{fr_space}234,50", f"1{fr_space}234{fr_space}567,5",
                                                               "12,5"]


def test_grouping_is_all_the_normalisation_removes():
    assert without_grouping("$1,234,567 and 12.5% in 2027") == "$1234567 and 12.5% in 2027"
    assert without_grouping("1.234,50") == "1234,50" != without_grouping("1,234.50")
    assert without_grouping("12,5%") != without_grouping("12.5%")


@pytest.mark.parametrize("locale", [loc for loc in LOCALES if loc != "en-US"])
@pytest.mark.parametrize("name", SAMPLES)
def test_every_formula_built_text_reads_the_same_but_for_digit_grouping(recalculated, locale, name):
    english, other = recalculated["en-US"][name], recalculated[locale][name]
    texts = {key for key in formula_cells(recalculated["sources"][name])
             if isinstance(english[key[0]][key[1]].value, str) and english[key[0]][key[1]].value}
    assert len(texts) > 50
    sheets = {sheet for sheet, _ in texts}
    assert {"Summary", "Negotiation"} <= sheets  # the sentences, the subtitle, the counter-request and e-mail
    regrouped = 0
    for sheet, cell in sorted(texts):
        ours, theirs = english[sheet][cell].value, other[sheet][cell].value
        assert isinstance(theirs, str) and without_grouping(theirs) == without_grouping(ours), (sheet, cell, ours, theirs)
        regrouped += theirs != ours
    assert regrouped > 0, "some amounts are grouped: the locale showed in the workbook's own sentences"
