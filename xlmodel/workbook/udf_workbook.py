"""What `xlmodel build --udf` adds: xlwings's VBA module (from its standalone quickstart
workbook), an `xlwings.conf` sheet that names our UDF module, and the sheets' code names."""
from __future__ import annotations

from pathlib import Path

from ..vba_project import clean_vba_project, xlwings_vba_version

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
    """The VBA project xlwings ships in its standalone workbook (the module that calls Python),
    without the quickstart's leftover Module1. Its document modules (ThisWorkbook, Sheet1,
    Sheet2) match the code names the builder gives the workbook and its first sheets."""
    return clean_vba_project()


def xlwings_version() -> str:
    """The xlwings version the VBA module was made for: the Python package must be the same."""
    return xlwings_vba_version(vba_project())


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
