"""Opening a workbook the user names, safely: the file is read whole (up to a size no model
reaches), recognised as an .xlsx (not an .xls, an OpenDocument file or another zip), and
refused before openpyxl unpacks anything when its parts would unpack far larger than any model
(a zip bomb)."""
from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path

from ..errors import InputError, read_user_file

# A workbook xlmodel builds (8 offers over 10 years) is about 0.3 MB, 4.4 MB unpacked, its parts
# compressed at most about 26:1. Far beyond that, it is no model but a zip bomb.
MAX_WORKBOOK_BYTES = 50_000_000
MAX_UNPACKED_BYTES = 100_000_000
MAX_PARTS = 10_000
MAX_RATIO = 200  # for a part over RATIO_FLOOR bytes unpacked; small parts may compress oddly
RATIO_FLOOR = 1_000_000


def open_workbook(path: Path, data_only: bool = False):
    """The workbook at `path` as openpyxl loads it, or the InputError that says why it is none."""
    import openpyxl

    source = str(path)
    content = read_user_file(path, "a workbook", MAX_WORKBOOK_BYTES)
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(source, (), "is an old-style Excel .xls workbook; save it as .xlsx (Excel Workbook) and read that")
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise InputError(source, (), "is not an Excel workbook (.xlsx): the file is not in Excel's format")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            _check_unpacked_size(source, archive.infolist())
            names = set(archive.namelist())
            is_opendocument = "mimetype" in names and b"opendocument" in archive.read("mimetype")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError):
        raise InputError(source, (), "is not a readable Excel workbook (.xlsx): the zip file is damaged") from None
    if is_opendocument:
        raise InputError(source, (), "is an OpenDocument spreadsheet; save it as .xlsx (Excel 2007-365) and read that")
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise InputError(source, (), "is a zip file but not an Excel workbook (.xlsx)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops; irrelevant to reading
            return openpyxl.load_workbook(io.BytesIO(content), data_only=data_only)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise InputError(source, (), f"is not a readable Excel workbook (.xlsx): {error}") from None


def _check_unpacked_size(source: str, parts: list[zipfile.ZipInfo]) -> None:
    """Refuse a workbook whose parts unpack far larger than any model (sizes as the zip declares
    them: Python's zipfile never unpacks a part beyond its declared size)."""
    if len(parts) > MAX_PARTS:
        raise InputError(source, (), f"holds {len(parts):,} parts, far more than any workbook xlmodel reads "
                         f"(at most {MAX_PARTS:,}); it is not a model")
    total = sum(part.file_size for part in parts)
    if total > MAX_UNPACKED_BYTES:
        raise InputError(source, (), f"would unpack to {total:,} bytes, far more than any model "
                         f"(at most {MAX_UNPACKED_BYTES:,}); it is not read, in case it is a zip bomb")
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise InputError(source, (part.filename,), f"is compressed {ratio:,.0f} to 1, far more than a workbook's "
                             f"parts ever are (at most {MAX_RATIO} to 1); it is not read, in case it is a zip bomb")
