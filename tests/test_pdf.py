"""`xlmodel pdf`: only the Summary and Negotiation sheets, exported through headless LibreOffice.

The PDF is read back as a person would see it: its page count (pdfinfo), its text (pdftotext)
and its first page as a PNG (pdftoppm), kept in the test's tmp_path for inspection.
"""
from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from xlmodel.engine import value_all
from xlmodel.libreoffice import INSTALL_HINT, convert
from xlmodel.inputs.offers_file import load_offers
from xlmodel.pdf_export import PDF_SHEETS, export_pdf, only_sheets, sheet_names
from xlmodel.resources import default_sample
from xlmodel.workbook import build_workbook, save_workbook

REPO = Path(__file__).resolve().parent.parent
OTHER_SHEETS = ("Inputs", "Schedules", "Vesting", "Cashflows", "Scenarios", "Checks")


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pdf_text(pdf: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    return " ".join(text.split())


def money(x: float) -> str:
    return f"${x:,.0f}"


def run_pdf(*args, cwd: Path, path: str | None = None) -> subprocess.CompletedProcess:
    """`python -m xlmodel pdf ARGS` in a fresh interpreter; `path` replaces PATH (to hide or fake soffice)."""
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    if path is not None:
        env["PATH"] = path
    return subprocess.run([sys.executable, "-m", "xlmodel", "pdf", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, env=env, timeout=240)


def assert_clean_error(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.startswith("xlmodel: error: "), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, (fragment, result.stderr)


# --- the bundled sample, built and exported once ---------------------------------------------

@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    offers_file = load_offers(default_sample())
    workbook = save_workbook(build_workbook(offers_file), folder / "offer_model.xlsx")
    before = workbook.read_bytes()
    pdf = export_pdf(workbook)
    return {"folder": folder, "workbook": workbook, "workbook_bytes": before, "pdf": pdf,
            "valuation": value_all(offers_file), "offers_file": offers_file}


def test_pdf_is_written_beside_the_workbook_and_leaves_the_workbook_alone(sample):
    assert sample["pdf"] == sample["folder"] / "offer_model.pdf"
    assert sample["pdf"].read_bytes().startswith(b"%PDF-")
    assert sample["workbook"].read_bytes() == sample["workbook_bytes"]
    assert not [p.name for p in sample["folder"].iterdir() if p.name.startswith((".xlmodel-", ".~lock"))]


def test_pdf_holds_exactly_the_summary_and_negotiation_pages(sample, tmp_path):
    # Exporting one sheet hides the other, which has a print area: this also proves that a hidden
    # sheet with a print area of its own stays out of the PDF.
    summary = pages(export_pdf(sample["workbook"], tmp_path / "summary.pdf", sheets=("Summary",)))
    negotiation = pages(export_pdf(sample["workbook"], tmp_path / "negotiation.pdf", sheets=("Negotiation",)))
    every_sheet = pages(convert(sample["workbook"], "pdf", tmp_path))
    exported = pages(sample["pdf"])
    print(f"pages: Summary {summary}, Negotiation {negotiation}, both {exported}, every sheet {every_sheet}")
    assert summary >= 1 and negotiation >= 1
    assert exported == summary + negotiation >= 2
    assert exported * 5 <= every_sheet


def test_pdf_starts_with_the_summary_and_shows_no_other_sheet(sample):
    first_page = pdf_text(sample["pdf"], "-f", "1", "-l", "1")
    assert first_page.lstrip().startswith("Offer comparison")
    text = flat(pdf_text(sample["pdf"]))
    assert "Negotiation" in text and "Leaving early" in text
    workbook = openpyxl.load_workbook(sample["workbook"])
    for name in OTHER_SHEETS:
        note = workbook[name]["A2"].value  # each sheet's own subtitle, written as text
        assert isinstance(note, str) and not note.startswith("=")
        assert flat(note)[:40] not in text, name


def test_pdf_text_carries_the_offer_names_and_headline_figures(sample):
    valuation = sample["valuation"]
    deal = valuation.negotiation
    text = pdf_text(sample["pdf"], "-layout")
    for offer in valuation.offers:
        assert offer.name in text
        assert money(offer.pv) in text, (offer.name, money(offer.pv))
        assert money(offer.total) in text
    target = next(o for o in valuation.offers if o.name == deal.target)
    assert f"Target: {deal.target}" in text
    assert deal.gap > 0
    gap_line = next(line for line in text.splitlines() if line.strip().startswith("Gap in present value"))
    assert money(deal.gap) in gap_line
    assert f"${target.pv:,.2f}" in text  # the Negotiation sheet shows cents
    assert money(deal.ask_base) in text and money(deal.ask_signon) in text
    assert f"{deal.target} trails {deal.alternative} by {money(deal.gap)}" in flat(text)


def test_first_page_renders_to_a_real_png(sample, tmp_path):
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", str(sample["pdf"]), str(tmp_path / "page")],
                   check=True, capture_output=True)
    (png,) = tmp_path.glob("page*.png")
    print(f"\nfirst page of the PDF, for inspection: {png}")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (880, 680)  # US Letter, landscape, at 80 dpi
    assert len(data) > 20_000  # a blank page compresses to a few kB; text and two charts do not


# --- the command line --------------------------------------------------------------------------

def test_cli_writes_the_default_pdf_refuses_to_overwrite_and_forces(sample, tmp_path):
    workbook = tmp_path / "mine.xlsx"
    workbook.write_bytes(sample["workbook_bytes"])
    first = run_pdf(workbook.name, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "wrote mine.pdf" in first.stdout
    pdf = tmp_path / "mine.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")

    pdf.write_bytes(b"keep me")
    again = run_pdf(workbook.name, cwd=tmp_path)
    assert_clean_error(again, "mine.pdf", "already exists", "--force")
    assert pdf.read_bytes() == b"keep me"

    forced = run_pdf(workbook.name, "--force", "-o", "mine.pdf", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert pages(pdf) == pages(sample["pdf"])
    assert workbook.read_bytes() == sample["workbook_bytes"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.pdf", "mine.xlsx"]


def test_missing_workbook(tmp_path):
    result = run_pdf("absent.xlsx", cwd=tmp_path)
    assert_clean_error(result, "absent.xlsx", "does not exist")
    assert list(tmp_path.iterdir()) == []


def test_workbook_that_is_a_folder(tmp_path):
    (tmp_path / "folder.xlsx").mkdir()
    assert_clean_error(run_pdf("folder.xlsx", cwd=tmp_path), "folder.xlsx", "is not a file")


def test_not_a_zip_file(tmp_path):
    (tmp_path / "notes.xlsx").write_text("not a workbook")
    (tmp_path / "notes.pdf").write_bytes(b"older pdf")
    result = run_pdf("notes.xlsx", "--force", cwd=tmp_path)
    assert_clean_error(result, "notes.xlsx", "not an .xlsx workbook", "not a zip file")
    assert (tmp_path / "notes.xlsx").read_text() == "not a workbook"
    assert (tmp_path / "notes.pdf").read_bytes() == b"older pdf"


def test_a_zip_that_is_not_a_workbook(tmp_path):
    with zipfile.ZipFile(tmp_path / "archive.xlsx", "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert_clean_error(run_pdf("archive.xlsx", cwd=tmp_path), "archive.xlsx", "not an .xlsx workbook", "xl/workbook.xml")
    assert not (tmp_path / "archive.pdf").exists()


def test_workbook_not_made_by_xlmodel(tmp_path):
    other = openpyxl.Workbook()
    other.active.title = "Budget"
    other.save(tmp_path / "budget.xlsx")
    result = run_pdf("budget.xlsx", cwd=tmp_path)
    assert_clean_error(result, "budget.xlsx", "no Summary or Negotiation sheets", "Budget", "xlmodel build")
    assert not (tmp_path / "budget.pdf").exists()


def test_workbook_missing_one_of_the_sheets(tmp_path):
    partial = openpyxl.Workbook()
    partial.active.title = "Summary"
    partial.create_sheet("Inputs")
    partial.save(tmp_path / "partial.xlsx")
    assert_clean_error(run_pdf("partial.xlsx", cwd=tmp_path), "partial.xlsx", "has no Negotiation sheet")


@pytest.mark.parametrize("output, reason", [("out.txt", "must end in .pdf"), ("nowhere/out.pdf", "does not exist"),
                                            (".", "is a folder")])
def test_bad_output_names(sample, tmp_path, output, reason):
    workbook = tmp_path / "model.xlsx"
    workbook.write_bytes(sample["workbook_bytes"])
    assert_clean_error(run_pdf("model.xlsx", "-o", output, cwd=tmp_path), reason)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.xlsx"]


def test_libreoffice_missing_says_how_to_install_it(sample, tmp_path):
    workbook = tmp_path / "model.xlsx"
    workbook.write_bytes(sample["workbook_bytes"])
    (tmp_path / "model.pdf").write_bytes(b"older pdf")
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    result = run_pdf("model.xlsx", "--force", cwd=tmp_path, path=str(empty_bin))
    assert_clean_error(result, "model.xlsx", "LibreOffice", "not found", INSTALL_HINT)
    assert (tmp_path / "model.pdf").read_bytes() == b"older pdf"
    assert workbook.read_bytes() == sample["workbook_bytes"]


FAKE_SOFFICE = {
    "fails": 'echo "Error: source file could not be loaded" >&2\nexit 1\n',
    "writes nothing": "exit 0\n",
    "writes no pdf": ('out=""; prev=""; src=""\n'
                      'for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; src="$a"; done\n'
                      'name=$(basename "$src"); echo "garbage" > "$out/${name%.*}.pdf"\n'),
}


@pytest.mark.parametrize("behaviour, reason", [("fails", "exit code 1, Error: source file could not be loaded"),
                                               ("writes nothing", "LibreOffice could not export it to PDF"),
                                               ("writes no pdf", "not a PDF")])
def test_libreoffice_failing(sample, tmp_path, behaviour, reason):
    workbook = tmp_path / "model.xlsx"
    workbook.write_bytes(sample["workbook_bytes"])
    (tmp_path / "model.pdf").write_bytes(b"older pdf")
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    fake = fake_bin / "soffice"
    fake.write_text("#!/bin/sh\n" + FAKE_SOFFICE[behaviour])
    fake.chmod(0o755)
    result = run_pdf("model.xlsx", "--force", cwd=tmp_path, path=f"{fake_bin}{os.pathsep}/usr/bin{os.pathsep}/bin")
    assert_clean_error(result, "model.xlsx", "LibreOffice could not export it to PDF", reason)
    assert (tmp_path / "model.pdf").read_bytes() == b"older pdf"
    assert workbook.read_bytes() == sample["workbook_bytes"]
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".xlmodel-")]


# --- choosing the sheets: the edit of xl/workbook.xml -------------------------------------------

EXCEL_STYLE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
               '<x:bookViews><x:workbookView xWindow="0" activeTab="2"/></x:bookViews><x:sheets>'
               '<x:sheet name="R&amp;D notes" sheetId="9" r:id="rId1"/>'
               "<x:sheet r:id='rId2' sheetId='1' name='Summary' state='veryHidden'/>"
               '<x:sheet name="Inputs" sheetId="2" state="visible" r:id="rId3"/>'
               '<x:sheet name="Negotiation" sheetId="7" r:id="rId4"></x:sheet>'
               '</x:sheets><x:definedNames>'
               '<x:definedName localSheetId="2" name="_xlnm.Print_Area">Inputs!$A$1:$C$9</x:definedName>'
               '<x:definedName name="_xlnm.Print_Titles" localSheetId="0">\'R&amp;D notes\'!$1:$1</x:definedName>'
               '<x:definedName name="_xlnm.Print_Area" localSheetId="3">Negotiation!$A$1:$E$47</x:definedName>'
               '<x:definedName name="Rate" localSheetId="2">Inputs!$B$2</x:definedName>'
               '</x:definedNames></x:workbook>')


def test_only_sheets_hides_every_other_sheet_whatever_the_writer():
    assert sheet_names(EXCEL_STYLE) == ["R&D notes", "Summary", "Inputs", "Negotiation"]
    edited = only_sheets(EXCEL_STYLE, PDF_SHEETS)
    tags = re.findall(r"<x:sheet\s[^>]*>", edited)
    state = {re.search(r"""name=["']([^"']+)""", t).group(1): re.search(r"""state=["'](\w+)""", t).group(1) for t in tags}
    assert state == {"R&amp;D notes": "hidden", "Summary": "visible", "Inputs": "hidden", "Negotiation": "visible"}
    assert sheet_names(edited) == sheet_names(EXCEL_STYLE)
    # a hidden sheet with a print area of its own would still be exported: its print names go
    assert "Inputs!$A$1:$C$9" not in edited and "R&amp;D notes\'!$1:$1" not in edited
    assert "Negotiation!$A$1:$E$47" in edited and "Inputs!$B$2" in edited
    assert 'activeTab="1"' in edited and 'firstSheet="1"' in edited  # open on the Summary, not on a hidden sheet
    assert "</x:sheet>" in edited and edited.startswith('<?xml version="1.0"')


def test_only_sheets_drops_a_definednames_list_left_empty():
    xml = ('<workbook><sheets><sheet name="Summary" sheetId="1" r:id="rId1"/><sheet name="Checks" sheetId="2" r:id="rId2"/>'
           '<sheet name="Negotiation" sheetId="3" r:id="rId3"/></sheets><definedNames>'
           '<definedName name="_xlnm.Print_Area" localSheetId="1">Checks!$A$1:$B$5</definedName>'
           '</definedNames><calcPr calcId="124519"/></workbook>')
    edited = only_sheets(xml, PDF_SHEETS)
    assert "definedName" not in edited and '<calcPr calcId="124519"/>' in edited
    assert 'name="Checks" sheetId="2" r:id="rId2" state="hidden"/>' in edited


# --- the recruiter's page -----------------------------------------------------------------------

def test_cli_recruiter_writes_one_page_of_its_own_and_the_help_tells_the_two_apart(sample, tmp_path):
    workbook = tmp_path / "mine.xlsx"
    workbook.write_bytes(sample["workbook_bytes"])
    result = run_pdf(workbook.name, "--recruiter", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "wrote mine-recruiter.pdf (the Recruiter page, fit to send," in result.stdout
    pdf = tmp_path / "mine-recruiter.pdf"
    assert pages(pdf) == 1 and not (tmp_path / "mine.pdf").exists()
    text = flat(pdf_text(pdf))
    assert text.startswith("Amazon offer: the terms side by side, and my request")
    for word in ("present value", "Gap", "break-even", "Scenario", "Leaving early", "Offer comparison"):
        assert word not in text, word
    help_text = subprocess.run([sys.executable, "-m", "xlmodel", "pdf", "--help"], capture_output=True, text=True,
                               env={**os.environ, "PYTHONPATH": str(REPO)}).stdout
    help_text = flat(help_text)
    assert "advisor's pages" in help_text and "never send them to a recruiter" in help_text
    assert "--recruiter" in help_text
