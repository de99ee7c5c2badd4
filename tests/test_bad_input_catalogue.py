"""A catalogue of bad input, one row each: what provokes it and the fragment its message must hold.

Four kinds of row, all in one table:
- OffersText: an offers file (beyond tests/error_cases.py) given to `xlmodel value`;
- Cli: command-line arguments, with the files a user might already have;
- Udf: a call of an Excel function (udfs/xlmodel_udfs.py) with a bad argument;
- and, through Cli rows on `xlmodel read`, workbooks a user edited badly.

Every command runs as `python -m xlmodel ...` in a fresh interpreter, in a folder of its
own. It must exit with code 2, say on stderr which file (and key or cell) and why, print no
traceback, and leave every file in the folder as it was, byte for byte: nothing of the user's
is overwritten, lost or half-written. A UDF never raises: it returns "#XLMODEL: ..." text.

At the end: user text that looks like a formula stays inert text in every sheet, before and
after LibreOffice recalculates the workbook.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

import openpyxl
import pytest

from conftest import run_cli
import xlmodel_udfs as udfs
from workbook_support import SAMPLES, build, error_cells, input_cell, name_values, recalculated
from xlmodel.offers_file import load_offers, parse_offers
from xlmodel.workbook import build_workbook, save_workbook

AMAZON = next(p for p in SAMPLES if p.stem == "amazon_vs_startup")

MODEL = "[model]\nstart_date = 2027-01-04\nhorizon_years = 2\n"
OFFER_A = '[[offers]]\nname = "A"\nbase = 100000\n'


def equity_b(**keys: str) -> str:
    """Offer "B" (offers[1]) with an RSU grant; `keys` replace or add equity lines (TOML text)."""
    lines = {"type": '"rsu"', "grant_value": "100000", "price": "50", "schedule": '"standard"', **keys}
    body = "".join(f"{k} = {v}\n" for k, v in lines.items())
    return f'[[offers]]\nname = "B"\nbase = 90000\n[offers.equity]\n{body}'


# --- the kinds of row ---------------------------------------------------------------------------

def snapshot(folder: Path) -> dict[str, Any]:
    """Every file and folder below `folder`: bytes for files, None for folders."""
    return {str(p.relative_to(folder)): (None if p.is_dir() else p.read_bytes()) for p in sorted(folder.rglob("*"))}


def assert_clean_refusal(result, folder: Path, before: dict, fragment: str, names: tuple[str, ...]) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stdout == "", result.stdout
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("xlmodel: error: "), result.stderr
    assert fragment in message, message
    for name in names:
        assert name in message, f"{name!r} not named in: {message}"
    assert snapshot(folder) == before, "files in the folder changed"


@dataclass(frozen=True)
class OffersText:
    """An offers file (text, or bytes for a non-text file) valued by `xlmodel value offers.toml`."""
    text: str | bytes
    key: str = ""   # the key path the message must name after "offers.toml: "

    def check(self, folder: Path, row: "Row", workbook: bytes) -> None:
        path = folder / "offers.toml"
        path.write_bytes(self.text if isinstance(self.text, bytes) else self.text.encode("utf-8"))
        before = snapshot(folder)
        result = run_cli("value", "offers.toml", cwd=folder)
        where = f"offers.toml: {self.key}" if self.key else "offers.toml: "
        assert_clean_refusal(result, folder, before, row.fragment, (where,) + row.names)


Setup = Callable[[Path, bytes], None]


@dataclass(frozen=True)
class Cli:
    """`python -m xlmodel ARGS` in a folder that `setup(folder, sample_workbook_bytes)` prepared."""
    args: tuple[str, ...]
    setup: Optional[Setup] = None

    def check(self, folder: Path, row: "Row", workbook: bytes) -> None:
        if self.setup:
            self.setup(folder, workbook)
        before = snapshot(folder)
        result = run_cli(*self.args, cwd=folder)
        assert_clean_refusal(result, folder, before, row.fragment, row.names)


@dataclass(frozen=True)
class Udf:
    """An Excel function called with a bad argument: it returns '#XLMODEL: ...' and never raises."""
    call: Callable[[], Any]

    def check(self, folder: Path, row: "Row", workbook: bytes) -> None:
        result = self.call()   # an exception here fails the row: a UDF must never raise
        assert isinstance(result, str) and result.startswith("#XLMODEL"), result
        assert "unexpected" not in result, f"a bug, not an input error: {result}"
        for text in (row.fragment,) + row.names:
            assert text in result, result


@dataclass(frozen=True)
class Row:
    id: str
    provoke: OffersText | Cli | Udf
    fragment: str                      # the reason, or part of it
    names: tuple[str, ...] = ()        # the file, key, cell or option the message must also name
    known_bug: str = ""                # an xfail(strict) row: what is wrong and whose it is


# --- setups: what the user already has in the folder ---------------------------------------------

def files(contents: dict[str, str | bytes]) -> Setup:
    """Write files ({relative path: text or bytes})."""
    def setup(folder: Path, workbook: bytes) -> None:
        for name, content in contents.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return setup


def folders(*names: str) -> Setup:
    def setup(folder: Path, workbook: bytes) -> None:
        for name in names:
            (folder / name).mkdir(parents=True)
    return setup


def the_workbook(name: str = "book.xlsx", also: Optional[Setup] = None) -> Setup:
    """The sample workbook as `xlmodel build` wrote it (plus what `also` writes)."""
    def setup(folder: Path, workbook: bytes) -> None:
        (folder / name).write_bytes(workbook)
        if also:
            also(folder, workbook)
    return setup


def edited_workbook(edit: Callable[[openpyxl.Workbook], None], name: str = "edited.xlsx") -> Setup:
    """The sample workbook, edited with openpyxl as a user might edit it in Excel."""
    def setup(folder: Path, workbook: bytes) -> None:
        book = openpyxl.load_workbook(io.BytesIO(workbook))
        edit(book)
        book.save(folder / name)
    return setup


def set_input(key: str, offer: Optional[str], value: Any) -> Callable[[openpyxl.Workbook], None]:
    def edit(book: openpyxl.Workbook) -> None:
        input_cell(book, key, offer).value = value
    return edit


def delete_input_row(key: str) -> Callable[[openpyxl.Workbook], None]:
    def edit(book: openpyxl.Workbook) -> None:
        book["Inputs"].delete_rows(input_cell(book, key, "Amazon").row)
    return edit


def delete_sheet(name: str) -> Callable[[openpyxl.Workbook], None]:
    def edit(book: openpyxl.Workbook) -> None:
        del book[name]
    return edit


def zip_of(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


OLD_XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
NOT_UTF8 = b"[model]\nstart_date = 2027-01-04\n# caf\xe9\n"
BAD_OFFERS = MODEL + OFFER_A + "bonus_traget = 0.1\n"
CONTROL_CHARACTER_NAME = MODEL + '[[offers]]\nname = "A\\u0007B"\nbase = 100000\n'

# --- UDF arguments ----------------------------------------------------------------------------

KEYS = ["name", "base", "equity.type"]
VALUES = ["X", 150000, "none"]
OPTIONS_KEYS = ["name", "base", "equity.type", "equity.grant_value", "equity.price", "equity.schedule"]
OPTIONS_VALUES = ["X", 150000, "options", 100000, 10, "amazon"]
RSU_KEYS, RSU_VALUES = OPTIONS_KEYS, ["X", 150000, "rsu", 100000, 10, "amazon"]


# --- the catalogue ------------------------------------------------------------------------------

CATALOGUE = [
    # --- offers files, beyond tests/error_cases.py
    Row("offers-yearly-empty", OffersText(MODEL + OFFER_A + equity_b(schedule="{ yearly = [] }"),
                                          "offers[1].equity.schedule.yearly"), "at least one year's fraction"),
    Row("offers-yearly-eleven-years", OffersText(MODEL + OFFER_A + equity_b(schedule="{ yearly = [0.1, 0.1, 0.1, 0.1, "
                                                 "0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05] }"),
                                                 "offers[1].equity.schedule.yearly"), "at most 10"),
    Row("offers-tranches-empty", OffersText(MODEL + OFFER_A + equity_b(schedule="{ tranches = [] }"),
                                            "offers[1].equity.schedule.tranches"), "list of [month, fraction] pairs"),
    Row("offers-tranche-month-121", OffersText(MODEL + OFFER_A + equity_b(schedule="{ tranches = [[121, 1.0]] }"),
                                               "offers[1].equity.schedule.tranches[0]"), "from 1 to 120, got 121"),
    Row("offers-tranche-fraction-above-1",
        OffersText(MODEL + OFFER_A + equity_b(schedule="{ tranches = [[12, 1.5], [24, -0.5]] }"),
                   "offers[1].equity.schedule.tranches[0]"), "between 0 and 1, got 1.5"),
    Row("offers-schedule-table-without-a-form", OffersText(MODEL + OFFER_A + equity_b(schedule="{ every_months = 3 }"),
                                                           "offers[1].equity.schedule"),
        "exactly one of 'yearly', 'months' or 'tranches'"),
    Row("offers-growth-above-10", OffersText(MODEL + OFFER_A + equity_b(growth="11"), "offers[1].equity.growth"),
        "between -1 and 10, got 11"),
    Row("offers-bump-above-10", OffersText(MODEL + OFFER_A + "[offers.fallback]\nbump = 11\nafter_months = 6\n"
                                           "probability = 0.5\n", "offers[0].fallback.bump"), "between 0 and 10"),
    Row("offers-base-nan", OffersText(MODEL + OFFER_A.replace("100000", "nan"), "offers[0].base"), "finite number"),
    Row("offers-base-infinite", OffersText(MODEL + OFFER_A.replace("100000", "inf"), "offers[0].base"),
        "finite number"),
    Row("offers-start-date-february-30", OffersText(MODEL.replace("2027-01-04", '"2027-02-30"') + OFFER_A,
                                                    "model.start_date"), "must be a date such as 2027-01-04"),
    Row("offers-clawback-121-months", OffersText(MODEL + OFFER_A + "signon_clawback_months = 121\n",
                                                 "offers[0].signon_clawback_months"), "between 0 and 120"),
    Row("offers-fallback-not-a-table", OffersText(MODEL + '[[offers]]\nname = "A"\nbase = 1\nfallback = 0.15\n',
                                                  "offers[0].fallback"), "must be a table"),
    Row("offers-scenarios-not-tables", OffersText("scenarios = 3\n" + MODEL + OFFER_A, "scenarios"),
        "array of tables"),
    Row("offers-response-days-negative", OffersText(MODEL + "response_business_days = -1\n" + OFFER_A,
                                                    "model.response_business_days"), "between 0 and 1000"),
    Row("offers-not-utf8", OffersText(NOT_UTF8), "not a UTF-8 text file"),
    Row("offers-empty-file", OffersText("", "model"), "is required but missing"),

    # --- command-line arguments
    Row("cli-unknown-command", Cli(("frobnicate",)), "invalid choice: 'frobnicate'"),
    Row("cli-unknown-option", Cli(("value", "--bogus")), "unrecognized arguments: --bogus"),
    Row("cli-option-without-its-value", Cli(("build", "-o")), "expected one argument", ("-o/--output",)),
    Row("build-output-not-xlsx", Cli(("build", "-o", "out.txt")), "must end in .xlsx", ("out.txt",)),
    Row("build-udf-output-not-xlsm", Cli(("build", "--udf", "-o", "x.xlsx")), "must end in .xlsm", ("x.xlsx",)),
    Row("build-into-a-missing-folder", Cli(("build", "-o", "nowhere/out.xlsx")), "does not exist", ("nowhere",)),
    Row("build-output-is-a-folder-forced", Cli(("build", "-o", "book.xlsx", "--force"), folders("book.xlsx")),
        "is a folder", ("book.xlsx",)),
    Row("build-output-is-a-folder", Cli(("build", "-o", "book.xlsx"), folders("book.xlsx")), "is a folder",
        ("book.xlsx",)),   # not "already exists; pass --force", which --force would then refuse
    Row("build-existing-output-without-force", Cli(("build", "-o", "mine.xlsx"), files({"mine.xlsx": b"my own work"})),
        "already exists", ("mine.xlsx", "--force")),
    Row("build-bad-offers-writes-nothing", Cli(("build", "bad.toml", "-o", "out.xlsx"), files({"bad.toml": BAD_OFFERS})),
        "unknown key (did you mean 'bonus_target'?)", ("bad.toml: offers[0].bonus_traget",)),
    Row("build-control-character-in-a-name", Cli(("build", "ctrl.toml", "-o", "out.xlsx"),
                                                 files({"ctrl.toml": CONTROL_CHARACTER_NAME})),
        "must not contain control characters", ("ctrl.toml", "offers[0].name")),
    Row("value-on-a-folder", Cli(("value", "offers"), folders("offers")), "is a folder", ("offers",)),
    Row("value-on-a-missing-file", Cli(("value", "missing.toml")), "file not found", ("missing.toml",)),
    Row("value-on-a-workbook", Cli(("value", "book.xlsx"), the_workbook()), "not a UTF-8 text file", ("book.xlsx",)),
    Row("calendar-without-a-decision-date", Cli(("calendar", "plain.toml"), files({"plain.toml": MODEL + OFFER_A})),
        "is needed for a calendar of deadlines", ("plain.toml: model.decision_date",)),
    Row("calendar-output-not-ics", Cli(("calendar", "-o", "deadlines.txt")), "must end in .ics", ("deadlines.txt",)),
    Row("calendar-over-an-existing-file", Cli(("calendar",), files({"deadlines.ics": "BEGIN:VCALENDAR\r\n"})),
        "already exists", ("deadlines.ics", "--force")),
    Row("calendar-into-a-missing-folder", Cli(("calendar", "-o", "nowhere/deadlines.ics")), "does not exist",
        ("nowhere",)),
    Row("calendar-bad-negotiation-table", Cli(("calendar", "bad.toml"), files(
        {"bad.toml": MODEL + "decision_date = 2026-11-25\n" + OFFER_A + "[negotiation]\nfallback_probability = 2\n"})),
        "between 0 and 1", ("bad.toml: negotiation.fallback_probability",)),
    Row("init-over-an-existing-file", Cli(("init",), files({"offers.toml": "# my notes\n"})), "already exists",
        ("offers.toml", "--force")),
    Row("init-into-a-missing-folder", Cli(("init", "nowhere/offers.toml")), "does not exist", ("nowhere",)),
    Row("pdf-of-a-missing-workbook", Cli(("pdf", "missing.xlsx")), "does not exist", ("missing.xlsx",)),
    Row("pdf-of-a-folder", Cli(("pdf", "book.xlsx"), folders("book.xlsx")), "is not a file", ("book.xlsx",)),
    Row("pdf-of-a-text-file", Cli(("pdf", "notes.xlsx"), files({"notes.xlsx": "hello"})),
        "not an .xlsx workbook", ("notes.xlsx",)),
    Row("pdf-of-a-zip-that-is-no-workbook", Cli(("pdf", "book.xlsx"), files({"book.xlsx": zip_of({"readme.txt": "hi"})})),
        "has no xl/workbook.xml", ("book.xlsx",)),
    Row("pdf-of-another-workbook", Cli(("pdf", "book.xlsx"), files({"book.xlsx": zip_of(
        {"xl/workbook.xml": '<workbook><sheets><sheet name="Sheet1" sheetId="1"/></sheets></workbook>'})})),
        "has no Summary or Negotiation sheets", ("book.xlsx",)),
    Row("pdf-output-not-pdf", Cli(("pdf", "book.xlsx", "-o", "out.txt"), the_workbook()), "must end in .pdf",
        ("out.txt",)),
    Row("pdf-existing-output-without-force", Cli(("pdf", "book.xlsx"), the_workbook(also=files({"book.pdf": b"%PDF-mine"}))),
        "already exists", ("book.pdf", "--force")),
    Row("lite-into-a-file", Cli(("lite", "-o", "notes.txt"), files({"notes.txt": "mine"})),
        "is a file, not a folder", ("notes.txt",)),
    Row("lite-over-existing-files", Cli(("lite", "-o", "lite"), files({"lite/main.py": "# my code\n"})),
        "already exists", ("main.py", "--force")),
    Row("read-a-missing-workbook", Cli(("read", "missing.xlsx")), "file not found", ("missing.xlsx",)),
    Row("read-a-folder", Cli(("read", "book.xlsx"), folders("book.xlsx")), "is a folder", ("book.xlsx",)),
    Row("read-the-current-folder", Cli(("read", ".")), "is a folder", (".",)),
    Row("read-a-text-file", Cli(("read", "notes.xlsx"), files({"notes.xlsx": "hello"})),
        "is not an Excel workbook", ("notes.xlsx",)),
    Row("read-an-old-xls", Cli(("read", "old.xls"), files({"old.xls": OLD_XLS})), "old-style Excel .xls",
        ("old.xls",)),
    Row("read-over-an-existing-offers-file", Cli(("read", "book.xlsx"), the_workbook(also=files({"book.toml": "# mine\n"}))),
        "already exists", ("book.toml", "--force")),

    # --- workbook edits, read back by `xlmodel read`
    Row("read-text-in-a-number-cell", Cli(("read", "edited.xlsx", "-o", "back.toml"),
                                          edited_workbook(set_input("base", "Amazon", "lots"))),
        "must be a number, got text 'lots'", ("edited.xlsx", "Inputs!", "base (offer 'Amazon')")),
    Row("read-a-number-typed-as-text", Cli(("read", "edited.xlsx", "-o", "back.toml"),
                                           edited_workbook(set_input("base", "Amazon", "230000"))),
        "type it again as a number", ("edited.xlsx", "base (offer 'Amazon')")),
    Row("read-a-deleted-row", Cli(("read", "edited.xlsx", "-o", "back.toml"), edited_workbook(delete_input_row("base"))),
        "was a row deleted?", ("edited.xlsx", "base")),
    Row("read-a-formula-never-calculated", Cli(("read", "edited.xlsx", "-o", "back.toml"),
                                               edited_workbook(set_input("model.discount_rate", None, "=1/0"))),
        "no calculated value", ("edited.xlsx", "model.discount_rate")),
    Row("read-without-the-inputs-sheet", Cli(("read", "edited.xlsx", "-o", "back.toml"),
                                             edited_workbook(delete_sheet("Inputs"))),
        "has no Inputs sheet", ("edited.xlsx",)),
    Row("read-a-negative-base", Cli(("read", "edited.xlsx", "-o", "back.toml"),
                                    edited_workbook(set_input("base", "Nimbus AI", -5))),
        "must not be negative", ("edited.xlsx", "base (offer 'Nimbus AI')")),

    # --- UDF arguments
    Row("udf-bad-metric", Udf(lambda: udfs.OFFERVALUE(KEYS, VALUES, None, None, "npv")), "got 'npv'", ("metric",)),
    Row("udf-negative-base", Udf(lambda: udfs.OFFERVALUE(KEYS, ["X", -5, "none"])), "must not be negative", ("base",)),
    Row("udf-unknown-key", Udf(lambda: udfs.OFFERVALUE(KEYS + ["bonus"], VALUES + [0.1])), "unknown key", ("bonus",)),
    Row("udf-misspelt-required-key", Udf(lambda: udfs.OFFERVALUE(["name", "bsae"], ["X", 1])), "'bsae'", ("base",)),
    Row("udf-negative-month", Udf(lambda: udfs.VESTED("amazon", -1)), "got -1", ("month",)),
    Row("udf-fractional-month", Udf(lambda: udfs.VESTED("amazon", 2.5)), "whole number", ("month",)),
    Row("udf-text-month", Udf(lambda: udfs.VESTED("amazon", "soon")), "whole number", ("month",)),
    Row("udf-unknown-preset", Udf(lambda: udfs.VESTED("vesting", 12)), "unknown schedule preset 'vesting'"),
    Row("udf-schedule-not-summing-to-1", Udf(lambda: udfs.VESTSCHEDULE([[12, 0.5], [24, 0.4]])), "sum to 1"),
    Row("udf-schedule-month-0", Udf(lambda: udfs.VESTED([[0, 1.0]], 12)), "from 1 to 120"),
    Row("udf-leave-month-beyond-horizon", Udf(lambda: udfs.LEAVEVALUE(49, KEYS, VALUES)), "between 1 and 48",
        ("month",)),
    Row("udf-bad-leave-mode", Udf(lambda: udfs.LEAVEVALUE(6, KEYS, VALUES, None, None, "fired")), "got 'fired'",
        ("mode",)),
    Row("udf-error-value-in-discount-rate", Udf(lambda: udfs.OFFERVALUE(KEYS, VALUES, ["model.discount_rate"], ["#REF!"])),
        "the cell holds #REF!", ("model.discount_rate",)),
    Row("udf-gap-as-text", Udf(lambda: udfs.ASKBASE("lots", KEYS, VALUES)), "must be a number", ("gap",)),
    Row("udf-keys-and-values-differ-in-length", Udf(lambda: udfs.OFFERTC(KEYS, ["X", 1])), "as many cells as keys",
        ("values",)),
    Row("udf-horizon-11", Udf(lambda: udfs.OFFERVALUE(KEYS, VALUES, ["model.horizon_years"], [11])),
        "between 1 and 10", ("model.horizon_years",)),
    Row("udf-equity-ask-beyond-any-number", Udf(lambda: udfs.ASKEQUITY(
        400000, RSU_KEYS + ["equity.liquidity_probability"], RSU_VALUES + [1e-310])), "no extra grant closes the gap",
        ("equity",)),
    Row("udf-custom-schedule-without-tranches", Udf(lambda: udfs.OFFERVALUE(
        OPTIONS_KEYS, OPTIONS_VALUES[:-1] + ["custom"])), "give the tranches", ("tranches",)),
]


def _params():
    for row in CATALOGUE:
        marks = [pytest.mark.xfail(strict=True, reason=row.known_bug)] if row.known_bug else []
        yield pytest.param(row, id=row.id, marks=marks)


@pytest.fixture(scope="module")
def sample_workbook(tmp_path_factory) -> bytes:
    """The bytes of the workbook `xlmodel build` writes for the bundled sample."""
    folder = tmp_path_factory.mktemp("sample")
    return save_workbook(build_workbook(load_offers(AMAZON)), folder / "book.xlsx").read_bytes()


@pytest.mark.parametrize("row", _params())
def test_bad_input_is_refused_clearly(row, tmp_path, sample_workbook):
    row.provoke.check(tmp_path, row, sample_workbook)


def test_the_catalogue_covers_every_kind():
    kinds = {type(row.provoke) for row in CATALOGUE}
    assert kinds == {OffersText, Cli, Udf}
    assert len(CATALOGUE) >= 30
    assert len({row.id for row in CATALOGUE}) == len(CATALOGUE), "ids are unique"
    commands = {row.provoke.args[0] for row in CATALOGUE if isinstance(row.provoke, Cli)}
    assert {"value", "build", "init", "pdf", "read", "lite", "calendar"} <= commands


# --- user text that looks like a formula stays text ----------------------------------------------

HOSTILE = ("=cmd|' /C calc'!A0", "@SUM(1)", "+1", "-1", "=1+1")


def hostile_offers_file():
    """Five offers and five scenarios named with formula-like text, titles too; equity of both kinds,
    a custom tranche table and a fallback, so that the names reach every sheet."""
    offers = []
    for i, name in enumerate(HOSTILE):
        offer = {"name": name, "title": HOSTILE[(i + 1) % len(HOSTILE)], "base": 150000 + 10000 * i,
                 "signon": [20000]}
        if i % 2 == 0:
            offer["equity"] = {"type": "rsu" if i != 2 else "options", "grant_value": 200000, "price": 40,
                               "growth": 0.1, "strike": 10,
                               "schedule": "amazon" if i == 0 else {"tranches": [[6, 0.5], [18, 0.5]]}}
        else:
            offer["fallback"] = {"bump": 0.1, "after_months": 6, "probability": 0.5}
        offers.append(offer)
    data = {"model": {"start_date": dt.date(2027, 1, 4), "horizon_years": 2,
                      "discount_rate": 0.05, "target": HOSTILE[-1], "decision_date": "2026-11-25"},
            "offers": offers,
            "scenarios": [{"name": name, "growth_shift": 0.05 * i} for i, name in enumerate(HOSTILE)]}
    return parse_offers(data, "<hostile>")


def test_formula_like_names_titles_and_scenarios_stay_inert_text(tmp_path):
    offers_file = hostile_offers_file()
    path = build(offers_file, tmp_path)

    raw = openpyxl.load_workbook(path)
    found = {text: 0 for text in HOSTILE}
    for sheet in raw.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value in found:
                    assert cell.data_type == "s", f"{sheet.title}!{cell.coordinate} holds {cell.value!r} as a formula"
                    found[cell.value] += 1
    assert all(found.values()), f"each text is written somewhere: {found}"
    for name in HOSTILE:
        assert input_cell(raw, "name", name).data_type == "s"
        assert input_cell(raw, "title", name).data_type == "s"

    book = recalculated(path, tmp_path)
    assert name_values(book, "OfferNames") == [list(HOSTILE)]
    assert [row[0] for row in name_values(book, "ScenarioNames")] == list(HOSTILE)
    for name in HOSTILE:
        assert input_cell(book, "title", name).value == HOSTILE[(HOSTILE.index(name) + 1) % len(HOSTILE)]
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "e", f"{sheet.title}!{cell.coordinate} = {cell.value}"
    assert error_cells(book) == []
    assert name_values(book, "ChecksOK") == [[True]]
