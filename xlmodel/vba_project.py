"""The VBA project of the .xlsm that `xlmodel build --udf` writes: xlwings' own, cleaned.

The bin comes from xlwings' `quickstart_standalone.xlsm` (xl/vbaProject.bin), which carries
the xlwings VBA module (and its Dictionary class) that Excel needs to call Python UDFs, and
leftovers of the quickstart: `Module1.SampleCall` imports a module named after the workbook,
which does not exist. `clean_vba_project()` returns the bin without Module1; the document
modules stay (ThisWorkbook, Sheet1, Sheet2: empty), so the workbook built around it must use
those code names: `workbook.set_vba_name("ThisWorkbook")` and, on two of its worksheets,
`set_vba_name("Sheet1")` and `set_vba_name("Sheet2")` (XlsxWriter's defaults for the first two
worksheets once a VBA project is added). `document_modules()` lists them.

A vbaProject.bin is a compound file ([MS-CFB]) holding, per [MS-OVBA]: `PROJECT` (text: one
line per module, and window positions under [Workspace]), `PROJECTwm` (module names, MBCS and
UTF-16), `VBA/dir` (compressed records: project information, references, then one record group
per module) and `VBA/<module>` (each module's compiled cache, then its compressed source from
MODULEOFFSET on). Removing a module edits all four. `_VBA_PROJECT` is kept at the 7-byte form
that tells Office to ignore the compiled caches and compile the source afresh.
"""
from __future__ import annotations

import io
import re
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .cfb_writer import write_compound_file
from .ovba_compression import compress, decompress

LEFTOVER_MODULES = ("Module1",)
VBA_PROJECT_BIN = "xl/vbaProject.bin"
_VBA_PROJECT_RECOMPILE = bytes.fromhex("CC61FFFF000000")  # Reserved1, Version 0xFFFF, Reserved2/3

# dir stream record ids ([MS-OVBA] 2.3.4.2)
_PROJECTCODEPAGE, _PROJECTVERSION, _PROJECTMODULES = 0x0003, 0x0009, 0x000F
_MODULENAME, _MODULESTREAMNAME, _MODULEOFFSET, _MODULE_TERMINATOR = 0x0019, 0x001A, 0x0031, 0x002B
_MODULETYPE_PROCEDURAL, _MODULETYPE_OTHER = 0x0021, 0x0022


class VbaProjectError(ValueError):
    """The bin is not the VBA project this module expects."""


@dataclass
class _Record:
    id: int
    size: int  # the size field as stored (PROJECTVERSION's says 4 but 6 bytes follow)
    data: bytes

    def to_bytes(self) -> bytes:
        return struct.pack("<HI", self.id, self.size) + self.data


@dataclass
class Module:
    name: str
    stream: str
    offset: int
    procedural: bool
    records: list[_Record]


def _records(dir_stream: bytes) -> list[_Record]:
    records, position = [], 0
    while position < len(dir_stream):
        record_id, size = struct.unpack_from("<HI", dir_stream, position)
        position += 6
        length = size + 2 if record_id == _PROJECTVERSION else size
        records.append(_Record(record_id, size, dir_stream[position:position + length]))
        position += length
    return records


def _codepage(records: list[_Record]) -> str:
    for record in records:
        if record.id == _PROJECTCODEPAGE:
            return f"cp{struct.unpack('<H', record.data)[0]}"
    return "cp1252"


def _split(records: list[_Record]) -> tuple[list[_Record], list[Module], list[_Record]]:
    """(the records before the modules, the modules, the records after them)."""
    encoding = _codepage(records)
    head, modules, tail, current = [], [], [], None
    for record in records:
        if record.id == _MODULENAME:
            current = Module(record.data.decode(encoding), "", 0, False, [])
        if current is None:
            (tail if modules else head).append(record)
            continue
        current.records.append(record)
        if record.id == _MODULESTREAMNAME:
            current.stream = record.data.decode(encoding)
        elif record.id == _MODULEOFFSET:
            current.offset = struct.unpack("<I", record.data)[0]
        elif record.id == _MODULETYPE_PROCEDURAL:
            current.procedural = True
        elif record.id == _MODULE_TERMINATOR:
            modules.append(current)
            current = None
    return head, modules, tail


def _read_streams(vba_bin: bytes) -> dict[str, bytes]:
    import olefile

    if not olefile.isOleFile(io.BytesIO(vba_bin)):
        raise VbaProjectError("not a compound file (vbaProject.bin)")
    with olefile.OleFileIO(io.BytesIO(vba_bin)) as ole:
        return {"/".join(path): ole.openstream(path).read() for path in ole.listdir(streams=True, storages=False)}


def _modules(streams: dict[str, bytes]) -> list[Module]:
    if "VBA/dir" not in streams:
        raise VbaProjectError("has no VBA/dir stream")
    return _split(_records(decompress(streams["VBA/dir"])))[1]


def module_names(vba_bin: bytes) -> list[str]:
    return [module.name for module in _modules(_read_streams(vba_bin))]


def module_source(vba_bin: bytes, name: str) -> str:
    """A module's VBA source text (its `Attribute` lines included)."""
    streams = _read_streams(vba_bin)
    records = _records(decompress(streams["VBA/dir"]))
    for module in _split(records)[1]:
        if module.name == name:
            return decompress(streams[f"VBA/{module.stream}"][module.offset:]).decode(_codepage(records))
    raise VbaProjectError(f"has no module {name!r}")


def document_modules(vba_bin: bytes) -> list[str]:
    """The document modules (the workbook's and the worksheets' code names), as the PROJECT stream lists them."""
    text = _read_streams(vba_bin)["PROJECT"].decode("latin-1")
    return re.findall(r"^Document=([^/\r\n]+)/", text, flags=re.M)


def xlwings_dll_names(vba_bin: bytes) -> list[str]:
    """The xlwings DLLs the xlwings module calls (e.g. xlwings64-0.37.8.dll), each once."""
    names = re.findall(r"xlwings(?:32|64)-[0-9][0-9A-Za-z.+-]*?\.dll", module_source(vba_bin, "xlwings"))
    return sorted(set(names))


def xlwings_vba_version(vba_bin: bytes) -> str:
    """The xlwings version the VBA module is written for, from the DLL names it calls.

    The Python xlwings must be this version: the module loads `xlwings64-<version>.dll`."""
    versions = {re.match(r"xlwings(?:32|64)-(.+)\.dll$", name)[1] for name in xlwings_dll_names(vba_bin)}
    if len(versions) != 1:
        raise VbaProjectError(f"the xlwings module names {len(versions)} DLL versions: {sorted(versions)}")
    return versions.pop()


def _without_project_lines(project: bytes, names: set[str]) -> bytes:
    """The PROJECT stream without the lines of the removed modules (declaration and window)."""
    kept = []
    for line in project.split(b"\r\n"):
        key, _, value = line.partition(b"=")
        module = value.split(b"/")[0].decode("latin-1")
        if key in (b"Module", b"Class", b"Document", b"BaseClass") and module in names:
            continue
        if key.decode("latin-1") in names:  # [Workspace] window position
            continue
        kept.append(line)
    return b"\r\n".join(kept)


def _without_name_map(project_wm: bytes, names: set[str]) -> bytes:
    """PROJECTwm: pairs of (MBCS name, NUL; UTF-16 name, NUL NUL), then a 2-byte NUL."""
    out, position = bytearray(), 0
    while position < len(project_wm) and project_wm[position:position + 2] != b"\0\0":
        end = project_wm.index(b"\0", position)
        mbcs = project_wm[position:end]
        wide_end = end + 1
        while project_wm[wide_end:wide_end + 2] != b"\0\0":
            wide_end += 2
        if mbcs.decode("latin-1") not in names:
            out += project_wm[position:wide_end + 2]
        position = wide_end + 2
    return bytes(out + b"\0\0")


def remove_modules(vba_bin: bytes, names) -> bytes:
    """The VBA project without the named modules; every other module's source unchanged."""
    names = set(names)
    streams = _read_streams(vba_bin)
    records = _records(decompress(streams["VBA/dir"]))
    head, modules, tail = _split(records)
    missing = names - {module.name for module in modules}
    if missing:
        raise VbaProjectError(f"has no module {', '.join(sorted(missing))}")
    kept = [module for module in modules if module.name not in names]
    for record in head:
        if record.id == _PROJECTMODULES:
            record.data = struct.pack("<H", len(kept))
    new_dir = b"".join(r.to_bytes() for r in head + [r for m in kept for r in m.records] + tail)

    out = {path: data for path, data in streams.items()
           if not path.startswith("VBA/__SRP_")}  # compiled caches, rebuilt by Office
    for module in modules:
        if module.name in names:
            del out[f"VBA/{module.stream}"]
    out["VBA/dir"] = compress(new_dir)
    out["VBA/_VBA_PROJECT"] = _VBA_PROJECT_RECOMPILE
    out["PROJECT"] = _without_project_lines(streams["PROJECT"], names)
    if "PROJECTwm" in streams:
        out["PROJECTwm"] = _without_name_map(streams["PROJECTwm"], names)
    return write_compound_file(out)


def quickstart_vba_project() -> bytes:
    """xl/vbaProject.bin of the installed xlwings' quickstart_standalone.xlsm."""
    import xlwings

    path = Path(xlwings.__file__).resolve().parent / "quickstart_standalone.xlsm"
    with zipfile.ZipFile(path) as archive:
        return archive.read(VBA_PROJECT_BIN)


def clean_vba_project(vba_bin: bytes | None = None) -> bytes:
    """xlwings' standalone VBA project without the quickstart's Module1, for add_vba_project()."""
    return remove_modules(quickstart_vba_project() if vba_bin is None else vba_bin, LEFTOVER_MODULES)
