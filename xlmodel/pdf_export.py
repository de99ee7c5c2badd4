"""Export the sheets a person reads of an xlmodel workbook to PDF: the advisor's pages (Summary
and Negotiation, the whole strategy), or the Recruiter page alone, the one fit to send.

openpyxl is not involved: loading and saving a workbook through it drops the charts. Instead
the .xlsx is copied into a temporary folder and only its xl/workbook.xml is edited so that
every other sheet is hidden and loses its print area (LibreOffice's PDF export skips a hidden
sheet unless it has a print area of its own); the formulas on the visible sheets still
compute from the hidden ones, and the charts stay as they are.
"""
from __future__ import annotations

import html
import re
import shutil
import tempfile
import zipfile
from copy import copy as copy_info
from pathlib import Path
from typing import Optional, Sequence

from .errors import InputError, shown_path
from .output_files import check_target, os_reason, write_atomically
from .libreoffice import ConversionError, convert, soffice

PDF_SHEETS = ("Summary", "Negotiation")  # the advisor's pages
RECRUITER_SHEETS = ("Recruiter",)  # the page for the recruiter: terms, the request, the window
WORKBOOK_PART = "xl/workbook.xml"

_SHEET_TAG = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?sheet\s[^>]*>")
_WORKBOOK_VIEW_TAG = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?workbookView\b[^>]*>")
_DEFINED_NAME = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?definedName\b[^>]*?(?:/>|>.*?</(?:[A-Za-z_][\w.-]*:)?definedName\s*>)", re.S)
_EMPTY_DEFINED_NAMES = re.compile(r"<((?:[A-Za-z_][\w.-]*:)?)definedNames\s*>\s*</\1definedNames\s*>|<(?:[A-Za-z_][\w.-]*:)?definedNames\s*/>")
_PRINT_NAMES = ("_xlnm.Print_Area", "_xlnm.Print_Titles")


def _attribute(tag: str, name: str) -> Optional[str]:
    found = re.search(rf'\s{name}\s*=\s*(["\'])(.*?)\1', tag, re.S)
    return html.unescape(found.group(2)) if found else None


def _set_attribute(tag: str, name: str, value: str) -> str:
    pattern = re.compile(rf'(\s{name}\s*=\s*)(["\'])(.*?)\2', re.S)
    if pattern.search(tag):
        return pattern.sub(lambda m: f'{m.group(1)}"{value}"', tag, count=1)
    end = -2 if tag.endswith("/>") else -1
    return f'{tag[:end].rstrip()} {name}="{value}"{tag[end:]}'


def sheet_names(workbook_xml: str) -> list[str]:
    """The sheet names in xl/workbook.xml, in tab order."""
    return [_attribute(tag, "name") or "" for tag in _SHEET_TAG.findall(workbook_xml)]


def only_sheets(workbook_xml: str, keep: Sequence[str]) -> str:
    """xl/workbook.xml with every sheet but `keep` hidden and stripped of its print area and titles,
    the kept sheets visible and the first of them active.

    LibreOffice's PDF export skips a hidden sheet, but only when the sheet has no print area of
    its own: a hidden sheet with a print area is exported all the same.
    """
    names = sheet_names(workbook_xml)
    wanted = set(keep)
    hidden = {str(index) for index, name in enumerate(names) if name not in wanted}

    def restate(match: re.Match) -> str:
        tag = match.group(0)
        return _set_attribute(tag, "state", "visible" if _attribute(tag, "name") in wanted else "hidden")

    def unprint(match: re.Match) -> str:
        start = match.group(0).split(">", 1)[0]
        if _attribute(start, "name") in _PRINT_NAMES and _attribute(start, "localSheetId") in hidden:
            return ""
        return match.group(0)

    edited = _EMPTY_DEFINED_NAMES.sub("", _DEFINED_NAME.sub(unprint, _SHEET_TAG.sub(restate, workbook_xml)))
    first = min(names.index(name) for name in keep)
    # A hidden active sheet can make the PDF start from the wrong place: open on the first kept sheet.
    return _WORKBOOK_VIEW_TAG.sub(
        lambda m: _set_attribute(_set_attribute(m.group(0), "activeTab", str(first)), "firstSheet", str(first)),
        edited)


def default_pdf_path(workbook: str | Path, recruiter: bool = False) -> Path:
    """The workbook's name with .pdf; the recruiter's page gets "-recruiter.pdf", so that it never
    replaces the advisor's pages."""
    workbook = Path(workbook)
    return workbook.with_name(workbook.stem + "-recruiter.pdf") if recruiter else workbook.with_suffix(".pdf")


def _read_workbook_xml(workbook: Path) -> str:
    try:
        return _workbook_xml(workbook)
    except OSError as error:  # a name the system refuses: too long, a loop of links, ...
        raise InputError(shown_path(workbook), (), f"cannot be read ({os_reason(error)})") from None


def _workbook_xml(workbook: Path) -> str:
    if not workbook.exists():
        raise InputError(str(workbook), (), "does not exist")
    if not workbook.is_file():
        raise InputError(str(workbook), (), "is not a file; give the workbook that `xlmodel build` wrote")
    try:
        with workbook.open("rb"):
            pass
    except OSError as error:
        raise InputError(str(workbook), (), f"cannot be read ({error.strerror or error})") from None
    if not zipfile.is_zipfile(workbook):
        raise InputError(str(workbook), (), "is not an .xlsx workbook (not a zip file)")
    try:
        with zipfile.ZipFile(workbook) as archive:
            return archive.read(WORKBOOK_PART).decode("utf-8")
    except KeyError:
        raise InputError(str(workbook), (), f"is not an .xlsx workbook (the zip file has no {WORKBOOK_PART})") from None
    except (zipfile.BadZipFile, UnicodeDecodeError, OSError) as error:
        raise InputError(str(workbook), (), f"is not a readable .xlsx workbook ({error})") from None


def _check_output(output: Path, force: bool, workbook: Path) -> None:
    check_target(output, ".pdf", "offer_model", force, reading=[workbook])


def _short(detail: str, lines: int = 3, chars: int = 400) -> str:
    text = " | ".join(line.strip() for line in detail.strip().splitlines()[-lines:] if line.strip())
    return text if len(text) <= chars else "..." + text[-chars:]


def _place(produced: Path, output: Path, force: bool) -> None:
    """Copy the PDF to a temporary file beside `output`, then rename it: never a half-written PDF."""
    write_atomically(output, lambda temporary: shutil.copyfile(produced, temporary), force)


def export_pdf(workbook: str | Path, output: str | Path | None = None, *, force: bool = False,
               sheets: Sequence[str] = PDF_SHEETS, timeout: int = 180) -> Path:
    """Export only `sheets` (default Summary and Negotiation) of an xlmodel workbook to a PDF.

    The output defaults to the workbook's name with .pdf; an existing file needs `force`.
    Every formula is recalculated on load. The workbook itself is never modified.
    """
    workbook = Path(workbook)
    workbook_xml = _read_workbook_xml(workbook)
    output = Path(output) if output is not None else default_pdf_path(workbook, tuple(sheets) == RECRUITER_SHEETS)
    present = sheet_names(workbook_xml)
    missing = [name for name in sheets if name not in present]
    if missing:
        raise InputError(str(workbook), (), f"has no {' or '.join(missing)} sheet"
                         f"{'s' if len(missing) > 1 else ''} (sheets: {', '.join(present) or 'none'}); "
                         "export a workbook written by `xlmodel build`")
    _check_output(output, force, workbook)
    try:
        soffice()
    except InputError as error:
        raise InputError(str(workbook), (), f"cannot export to PDF: LibreOffice is {error.reason}") from None

    with tempfile.TemporaryDirectory(prefix="xlmodel-pdf-") as folder:
        suffix = workbook.suffix if workbook.suffix.lower() in (".xlsx", ".xlsm") else ".xlsx"
        copy = Path(folder) / (workbook.stem + suffix)
        edited = only_sheets(workbook_xml, sheets).encode("utf-8")
        with zipfile.ZipFile(workbook) as source, zipfile.ZipFile(copy, "w") as target:
            for info in source.infolist():
                target.writestr(copy_info(info), edited if info.filename == WORKBOOK_PART else source.read(info.filename))
        out_dir = Path(folder) / "pdf"
        out_dir.mkdir()
        try:
            produced = convert(copy, "pdf", out_dir, timeout=timeout)
        except ConversionError as error:
            raise InputError(str(workbook), (), f"LibreOffice could not export it to PDF: {_short(error.detail)}") from None
        with produced.open("rb") as pdf:
            if pdf.read(5) != b"%PDF-":
                raise InputError(str(workbook), (), "LibreOffice could not export it to PDF: it wrote a file that is not a PDF")
        _place(produced, output, force)
    return output
