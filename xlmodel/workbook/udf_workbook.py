"""The macro-enabled starting point of `xlmodel build --udf`: xlwings's standalone quickstart
workbook (it carries the xlwings VBA module), configured to import our UDF module."""
from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

CONFIG_SHEET = "xlwings.conf"
UDF_MODULE = "xlmodel_udfs"
_TEMPLATE_CONFIG_SHEET = "_xlwings.conf"


def template_path() -> Path:
    import xlwings

    return Path(xlwings.__file__).resolve().parent / "quickstart_standalone.xlsm"


def template():
    workbook = load_workbook(template_path(), keep_vba=True)
    for sheet in list(workbook.worksheets):
        if sheet.title != _TEMPLATE_CONFIG_SHEET:
            workbook.remove(sheet)
    config = workbook[_TEMPLATE_CONFIG_SHEET]
    config.title = CONFIG_SHEET  # the leading underscore deactivates it; the settings start in A1
    settings = {row[0].value: row[0].row for row in config.iter_rows(min_col=1, max_col=1) if row[0].value}
    config.cell(row=settings["UDF Modules"], column=2, value=UDF_MODULE)
    # Blank: xlmodel_udfs is imported from the installed xlmodel, never from a folder of the
    # machine that built the workbook.
    config.cell(row=settings["PYTHONPATH"], column=2, value=None)
    return workbook
