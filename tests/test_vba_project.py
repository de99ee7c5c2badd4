"""The .xlsm's VBA project: xlwings' standalone project without the quickstart's Module1.

Read back two ways: this project's own reader (xlmodel.vba_project) and, when installed,
oletools' VBA parser, an independent implementation of [MS-OVBA]."""
from __future__ import annotations

import io
import zipfile

import olefile
import pytest
import xlwings

from xlmodel import vba_project
from xlmodel.cfb_writer import write_compound_file
from xlmodel.ovba_compression import compress, decompress

KEPT = ["ThisWorkbook", "Sheet1", "Sheet2", "xlwings", "Dictionary"]


@pytest.fixture(scope="module")
def original() -> bytes:
    return vba_project.quickstart_vba_project()


@pytest.fixture(scope="module")
def clean() -> bytes:
    return vba_project.clean_vba_project()


def oletools_modules(vba_bin: bytes, tmp_path) -> dict[str, str]:
    olevba = pytest.importorskip("oletools.olevba")
    path = tmp_path / "vbaProject.bin"
    path.write_bytes(vba_bin)
    parser = olevba.VBA_Parser(str(path))
    try:
        return {stream.split("/")[-1]: code for _, stream, _, code in parser.extract_macros()}
    finally:
        parser.close()


def test_the_quickstart_carries_module1_and_the_xlwings_module(original):
    assert vba_project.module_names(original) == ["ThisWorkbook", "Sheet1", "Module1", "Sheet2", "xlwings", "Dictionary"]
    assert "Sub SampleCall()" in vba_project.module_source(original, "Module1")


def test_the_clean_project_has_no_module1(clean):
    assert vba_project.module_names(clean) == KEPT
    streams = olefile.OleFileIO(io.BytesIO(clean)).listdir()
    assert ["VBA", "Module1"] not in streams
    project = olefile.OleFileIO(io.BytesIO(clean)).openstream("PROJECT").read()
    assert b"Module1" not in project and b"Module=xlwings" in project and b"Class=Dictionary" in project
    name_map = olefile.OleFileIO(io.BytesIO(clean)).openstream("PROJECTwm").read()
    assert b"Module1" not in name_map and "Module1".encode("utf-16-le") not in name_map


def test_every_kept_module_source_is_intact(original, clean):
    for name in KEPT:
        assert vba_project.module_source(clean, name) == vba_project.module_source(original, name), name
    source = vba_project.module_source(clean, "xlwings")
    assert 'Attribute VB_Name = "xlwings"' in source and "Function RunPython(" in source


def test_oletools_reads_the_clean_project_alike(original, clean, tmp_path):
    before = oletools_modules(original, tmp_path)
    after = oletools_modules(clean, tmp_path)
    assert sorted(after) == sorted(KEPT)
    for name in KEPT:
        assert after[name] == before[name], name


def test_document_modules_are_the_code_names_the_workbook_must_use(clean):
    assert vba_project.document_modules(clean) == ["ThisWorkbook", "Sheet1", "Sheet2"]


def test_the_xlwings_module_names_its_dll_by_the_installed_xlwings_version(original):
    version = xlwings.__version__
    assert vba_project.xlwings_dll_names(original) == [f"xlwings32-{version}.dll", f"xlwings64-{version}.dll"]
    assert vba_project.xlwings_vba_version(original) == version
    assert f'XLWINGS_VERSION As String = "{version}"' in vba_project.module_source(original, "xlwings")


def test_xlsxwriter_takes_the_clean_bin(clean, tmp_path):
    xlsxwriter = pytest.importorskip("xlsxwriter")
    path = tmp_path / "udf.xlsm"
    workbook = xlsxwriter.Workbook(str(path))
    workbook.set_vba_name("ThisWorkbook")
    workbook.add_worksheet("Inputs").set_vba_name("Sheet1")
    workbook.add_worksheet("xlwings.conf").set_vba_name("Sheet2")
    workbook.add_vba_project(io.BytesIO(clean), is_stream=True)
    workbook.close()
    with zipfile.ZipFile(path) as archive:
        assert archive.read("xl/vbaProject.bin") == clean
        sheets = archive.read("xl/worksheets/sheet1.xml") + archive.read("xl/worksheets/sheet2.xml")
        assert b'codeName="Sheet1"' in sheets and b'codeName="Sheet2"' in sheets
        assert b'codeName="ThisWorkbook"' in archive.read("xl/workbook.xml")


def test_removing_a_module_that_is_not_there_is_an_error(original):
    with pytest.raises(vba_project.VbaProjectError, match="has no module Module9"):
        vba_project.remove_modules(original, ["Module9"])


# --- the two formats underneath -----------------------------------------------------------------

# [MS-OVBA] 3.2: worked examples of compressed containers and what they decompress to.
NO_COMPRESSION = (bytes.fromhex("01 19 B0 00 61 62 63 64 65 66 67 68 00 69 6A 6B 6C 6D 6E 6F 70 00 71 72 73 74 75 76 2E"),
                  b"abcdefghijklmnopqrstuv.")
NORMAL = (bytes.fromhex("01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C 00 30 6D 6E 6F"
                        "70 06 71 02 70 04 10 72 73 74 75 76 10 77 78 79 7A 00 3C"),
          b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa")


@pytest.mark.parametrize("container, text", [NO_COMPRESSION, NORMAL], ids=["literals", "copy-tokens"])
def test_decompress_the_specifications_examples(container, text):
    assert decompress(container) == text
    compressed = compress(text)
    assert decompress(compressed) == text
    assert len(compressed) == len(container)  # as compact as the specification's own encoding


@pytest.mark.parametrize("size", [0, 1, 3, 4095, 4096, 4097, 9000])
def test_compression_round_trips_across_chunk_boundaries(size):
    data = bytes((i * 7 + i // 13) % 251 for i in range(size)) + b"Attribute VB_Name" * (size // 200)
    assert decompress(compress(data)) == data


def test_a_compound_file_round_trips_through_olefile():
    streams = {"PROJECT": b"ID=1\r\n", "VBA/dir": bytes(range(256)) * 3, "VBA/big": b"x" * 10_000,
               "VBA/empty": b"", "Deep/er/stream": b"y" * 4096}
    with olefile.OleFileIO(io.BytesIO(write_compound_file(streams))) as ole:
        read = {"/".join(path): ole.openstream(path).read() for path in ole.listdir()}
    assert read == streams
