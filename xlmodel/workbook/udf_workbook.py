"""What `xlmodel build --udf` adds: xlwings's VBA module (from its standalone quickstart
workbook), an `xlwings.conf` sheet that names our UDF module, and the sheets' code names."""
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
    """The VBA project xlwings ships in its standalone workbook (the module that calls Python)."""
    with zipfile.ZipFile(template_path()) as archive:
        return archive.read("xl/vbaProject.bin")


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
