"""What `xlmodel build --udf` adds: xlwings' own VBA project, an `xlwings.conf` sheet that
names our UDF module, and the sheets' code names."""
from __future__ import annotations

import zipfile
from pathlib import Path

CONFIG_SHEET = "xlwings.conf"
UDF_MODULE = "xlmodel_udfs"
# The settings xlwings reads from the sheet, key in column A, value in column B, from A1.
SETTINGS = (("Interpreter_Win", "python"), ("Interpreter_Mac", ""), ("PYTHONPATH", ""), ("Conda Path", ""),
            ("Conda Env", ""), ("UDF Modules", UDF_MODULE), ("Debug UDFs", False), ("Use UDF Server", False),
            ("Show Console", False))


def template_path() -> Path:
    import xlwings

    return Path(xlwings.__file__).resolve().parent / "quickstart_standalone.xlsm"


def vba_project() -> bytes:
    """The VBA project of xlwings' standalone quickstart workbook, unchanged, as xlwings ships it:
    the xlwings module that calls Python, its Dictionary class and the quickstart's harmless
    sample macro Module1.SampleCall. Its document modules are ThisWorkbook, Sheet1 and Sheet2:
    the code names the builder gives the workbook and its first two sheets."""
    with zipfile.ZipFile(template_path()) as archive:
        return archive.read("xl/vbaProject.bin")


def xlwings_version() -> str:
    """The xlwings version the VBA project is written for (it calls xlwings64-<version>.dll):
    the installed xlwings', whose quickstart workbook it comes from."""
    import xlwings

    return xlwings.__version__


def write_config(sheet) -> None:
    ws = sheet.ws
    for row, (key, value) in enumerate(SETTINGS):
        ws.write_string(row, 0, key)
        if isinstance(value, bool):
            ws.write_boolean(row, 1, value)
        elif value:
            ws.write_string(row, 1, value)
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 18)
