"""The .xlsm's VBA project: xlwings' own, byte for byte, in a workbook whose code names are the
project's document modules and whose xlwings.conf sheet names our UDF module."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlwings

from xlmodel.inputs.offers_file import load_offers
from xlmodel.workbook import build_workbook
from xlmodel.workbook.live_sheet import LIVE
from xlmodel.workbook.udf_workbook import CONFIG_SHEET, UDF_MODULE

from workbook_support import ROOT


@pytest.fixture(scope="module")
def xlsm() -> bytes:
    return build_workbook(load_offers(ROOT / "samples" / "amazon_vs_startup.toml"), udf=True).data


@pytest.fixture(scope="module")
def xlwings_bin() -> bytes:
    with zipfile.ZipFile(Path(xlwings.__file__).resolve().parent / "quickstart_standalone.xlsm") as quickstart:
        return quickstart.read("xl/vbaProject.bin")


def test_the_xlsm_carries_xlwings_vba_project_byte_for_byte(xlsm, xlwings_bin):
    with zipfile.ZipFile(io.BytesIO(xlsm)) as archive:
        assert archive.read("xl/vbaProject.bin") == xlwings_bin


def test_the_code_names_are_the_vba_projects_document_modules(xlsm, xlwings_bin):
    # The PROJECT stream, plain text inside the compound file, declares one Document= line per document module.
    documents = [name.decode() for name in re.findall(rb"^Document=([^/\r\n]+)/", xlwings_bin, flags=re.M)]
    with zipfile.ZipFile(io.BytesIO(xlsm)) as archive:
        parts = [archive.read(part).decode() for part in ("xl/workbook.xml", "xl/worksheets/sheet1.xml",
                                                          "xl/worksheets/sheet2.xml")]
    code_names = [re.search(r'<(?:workbookPr|sheetPr)\b[^>]*\bcodeName="([^"]+)"', part)[1] for part in parts]
    assert documents == code_names == ["ThisWorkbook", "Sheet1", "Sheet2"]


def test_xlwings_conf_names_the_udf_module_and_live_names_the_xlwings_version(xlsm):
    workbook = openpyxl.load_workbook(io.BytesIO(xlsm), keep_vba=True)
    config = workbook[CONFIG_SHEET]
    settings = {config.cell(row, 1).value: config.cell(row, 2).value for row in range(1, config.max_row + 1)}
    assert settings["UDF Modules"] == UDF_MODULE
    texts = [cell.value for row in workbook[LIVE].iter_rows(max_row=3) for cell in row if isinstance(cell.value, str)]
    assert any(f"xlwings {xlwings.__version__} (pip install xlwings=={xlwings.__version__}" in text for text in texts)
