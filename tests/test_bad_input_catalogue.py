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
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

import openpyxl
import pytest

from conftest import run_cli
import xlmodel_udfs as udfs
from workbook_support import SAMPLES, build, error_cells, input_cell, name_values, recalculated
from xlmodel.inputs.offers_file import load_offers, parse_offers
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


def set_general(key: str, value: Any) -> Callable[[openpyxl.Workbook], None]:
    """A model input set to a number in the General format (not shown as a date)."""
    def edit(book: openpyxl.Workbook) -> None:
        cell = input_cell(book, key)
        cell.value, cell.number_format = value, "General"
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


def symlink(name: str, target: str, also: Optional[Setup] = None) -> Setup:
    def setup(folder: Path, workbook: bytes) -> None:
        if also:
            also(folder, workbook)
        (folder / name).symlink_to(target)
    return setup


def big_file(name: str, size: int) -> Setup:
    """A file of `size` bytes: an offers file's start, then comment lines."""
    def setup(folder: Path, workbook: bytes) -> None:
        head = (MODEL + OFFER_A).encode()
        line = b"# " + b"x" * 97 + b"\n"
        (folder / name).write_bytes(head + line * ((size - len(head)) // len(line) + 1))
    return setup


def zip_bomb(name: str, part_bytes: int, parts: int = 1) -> Setup:
    """A zip with an Excel workbook's part names, whose parts unpack to `part_bytes` of zeros each."""
    def setup(folder: Path, workbook: bytes) -> None:
        with zipfile.ZipFile(folder / name, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            for index in range(parts):
                with archive.open(f"xl/worksheets/sheet{index + 1}.xml", "w") as part:
                    chunk = bytes(min(part_bytes, 1 << 20))
                    for start in range(0, part_bytes, len(chunk)):
                        part.write(chunk[:part_bytes - start])
    return setup


def many_parts(name: str, count: int) -> Setup:
    def setup(folder: Path, workbook: bytes) -> None:
        with zipfile.ZipFile(folder / name, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            for index in range(count):
                archive.writestr(f"xl/p{index}.xml", "")
    return setup


def damaged_zip(name: str) -> Setup:
    """The sample workbook with its central directory's first signature broken."""
    def setup(folder: Path, workbook: bytes) -> None:
        at = workbook.rindex(b"PK\x01\x02", 0, workbook.index(b"PK\x05\x06"))
        first = workbook.index(b"PK\x01\x02")
        assert first <= at
        (folder / name).write_bytes(workbook[:first] + b"XX" + workbook[first + 2:])
    return setup


LONG_NAME = "x" * 300   # longer than the 255 bytes a file name may have on common file systems
TOO_LONG_TEXT = "n" * 32768
TEXT_OFFER = '[[offers]]\nname = "{name}"\ntitle = "{title}"\nbase = 100000\n'


def text_offer(name: str = "A", title: str = "") -> str:
    return TEXT_OFFER.format(name=name, title=title)


def late_model(start: str = "2027-01-04", years: int = 2, extra: str = "") -> str:
    return f"[model]\nstart_date = {start}\nhorizon_years = {years}\n{extra}"


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
    # figures that would overflow: every amount, count and price is bounded
    Row("offers-base-1e300", OffersText(MODEL + OFFER_A.replace("100000", "1e300"), "offers[0].base"),
        "must be at most 1e+12, got 1e+300"),
    Row("offers-base-a-41-digit-integer", OffersText(MODEL + OFFER_A.replace("100000", "1" + "0" * 40), "offers[0].base"),
        "must be at most 1e+12, got a number of 41 digits"),
    Row("offers-signon-1e300", OffersText(MODEL + OFFER_A + "signon = [1e300]\n", "offers[0].signon[0]"),
        "must be at most 1e+12"),
    Row("offers-grant-value-1e300", OffersText(MODEL + OFFER_A + equity_b(grant_value="1e300"),
                                               "offers[1].equity.grant_value"), "must be at most 1e+12"),
    Row("offers-tiny-price-under-a-huge-grant", OffersText(MODEL + OFFER_A + equity_b(grant_value="1e12", price="1e-300"),
                                                           "offers[1].equity.price"), "must be at least 1e-06, got 1e-300"),
    Row("offers-price-1e300", OffersText(MODEL + OFFER_A + equity_b(price="1e300"), "offers[1].equity.price"),
        "must be at most 1e+09"),
    Row("offers-shares-1e300", OffersText(MODEL + OFFER_A + equity_b(grant_value='DROP', shares="1e300")
                                          .replace("grant_value = DROP\n", ""), "offers[1].equity.shares"),
        "must be at most 1e+12"),
    Row("offers-company-value-1e300", OffersText(MODEL + OFFER_A + equity_b(grant_value='DROP', percent="0.5",
                                                                           company_value="1e300")
                                                 .replace("grant_value = DROP\n", ""), "offers[1].equity.company_value"),
        "must be at most 1e+15"),
    Row("offers-strike-1e300", OffersText(MODEL + OFFER_A + equity_b(type='"options"', strike="1e300"),
                                          "offers[1].equity.strike"), "must be at most 1e+09"),
    Row("offers-refresh-1e300", OffersText(MODEL + OFFER_A + equity_b(refresh_value="1e300"),
                                           "offers[1].equity.refresh_value"), "must be at most 1e+12"),
    Row("offers-bump-amount-1e300", OffersText(MODEL + OFFER_A + "[offers.fallback]\nbump_amount = 1e300\n"
                                               "after_months = 6\nprobability = 0.5\n", "offers[0].fallback.bump_amount"),
        "must be at most 1e+12"),
    # text a workbook cannot hold
    Row("offers-name-with-u-fffe", OffersText(MODEL + text_offer(name="A\\uFFFEB"), "offers[0].name"),
        "a workbook cannot hold: U+FFFE at character 2"),
    Row("offers-name-with-u-ffff", OffersText(MODEL + text_offer(name="\\uFFFF"), "offers[0].name"), "U+FFFF"),
    Row("offers-title-with-a-vertical-tab", OffersText(MODEL + text_offer(title="Staff\\u000BEngineer"),
                                                       "offers[0].title"), "U+000B at character 6"),
    Row("offers-title-with-a-form-feed", OffersText(MODEL + text_offer(title="\\f"), "offers[0].title"), "U+000C"),
    Row("offers-scenario-name-with-u-001f", OffersText(MODEL + OFFER_A + '[[scenarios]]\nname = "S\\u001F"\n',
                                                       "scenarios[0].name"), "U+001F"),
    Row("offers-target-with-u-0008", OffersText(MODEL + 'target = "A\\b"\n' + OFFER_A, "model.target"), "U+0008"),
    Row("offers-name-longer-than-a-cell", OffersText(MODEL + text_offer(name=TOO_LONG_TEXT), "offers[0].name"),
        "is 32,768 characters long; a workbook cell holds at most 32,767"),
    Row("offers-title-longer-than-a-cell", OffersText(MODEL + text_offer(title="\U0001F600" * 16384), "offers[0].title"),
        "is 32,768 characters long"),   # an emoji is two of Excel's characters
    Row("offers-scenario-name-longer-than-a-cell", OffersText(MODEL + OFFER_A + f'[[scenarios]]\nname = "{TOO_LONG_TEXT}"\n',
                                                              "scenarios[0].name"), "32,768 characters"),
    Row("offers-target-longer-than-a-cell", OffersText(MODEL + f'target = "{TOO_LONG_TEXT}"\n' + OFFER_A, "model.target"),
        "32,768 characters"),
    # dates beyond the calendar, and dates spoken of plainly
    Row("offers-decision-date-in-9999", OffersText(late_model(extra="decision_date = 9999-12-30\n") + OFFER_A,
                                                   "model.decision_date"),
        "is so late that 10 business days after it run past 9999-12-31"),
    Row("offers-holidays-push-the-deadline-past-9999", OffersText(late_model(
        extra="decision_date = 9999-12-20\nresponse_business_days = 5\nexpiry_business_days = 5\n"
              "holidays = [9999-12-27, 9999-12-28, 9999-12-29, 9999-12-30, 9999-12-31]\n") + OFFER_A,
        "model.decision_date"), "5 business days after it run past 9999-12-31"),
    Row("offers-horizon-past-9999", OffersText(late_model("9995-06-01", 10) + OFFER_A, "model.start_date"),
        "the 10-year horizon runs past 9999-12-31, the last date a workbook can hold; start in 9989 or earlier"),
    Row("offers-start-date-before-1900", OffersText(late_model("1899-12-31") + OFFER_A, "model.start_date"),
        "must be a date from 1900-03-01 to 9999-12-31 (the dates a workbook can hold), got 1899-12-31"),
    Row("offers-holiday-with-a-time", OffersText(MODEL + "holidays = [2026-12-25T10:00:00]\n" + OFFER_A,
                                                 "model.holidays[0]"),
        "must be a date such as 2027-01-04, got a date and time (2026-12-25T10:00:00)"),
    Row("offers-start-date-a-time-of-day", OffersText(late_model("09:30:00") + OFFER_A, "model.start_date"),
        "must be a date such as 2027-01-04, got a time of day (09:30:00)"),
    Row("offers-decision-date-soon", OffersText(MODEL + 'decision_date = "soon"\n' + OFFER_A, "model.decision_date"),
        "must be a date such as 2027-01-04, got 'soon'"),
    Row("offers-arrays-nested-too-deep", OffersText(MODEL + OFFER_A + "signon = " + "[" * 100_000 + "]" * 100_000 + "\n"),
        "malformed TOML: arrays or tables nested thousands deep"),
    Row("offers-tables-nested-too-deep", OffersText(MODEL + OFFER_A + "x = " + "{a=" * 100_000 + "1" + "}" * 100_000 + "\n"),
        "malformed TOML: arrays or tables nested thousands deep"),
    Row("offers-unknown-key-a-megabyte-long", OffersText(MODEL + OFFER_A + "k" * 1_000_000 + " = 1\n",
                                                         "offers[0]." + "k" * 40 + "..." + "k" * 40), "unknown key"),
    Row("offers-too-many-holidays", OffersText(MODEL + "holidays = [" + ", ".join(["2027-01-01"] * 1001) + "]\n"
                                               + OFFER_A, "model.holidays"), "lists 1,001 dates; at most 1,000"),

    # --- command-line arguments
    Row("value-on-a-file-far-too-large", Cli(("value", "huge.toml"), big_file("huge.toml", 10_000_001)),
        "far larger than an offers file can be", ("huge.toml",)),
    Row("value-a-name-too-long", Cli(("value", LONG_NAME + ".toml")), "the name is too long for the file system",
        ("xxx",)),
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
    Row("build-a-name-a-workbook-cannot-hold", Cli(("build", "bad.toml", "-o", "out.xlsx"),
                                                   files({"bad.toml": MODEL + text_offer(name="\\uFFFE")})),
        "a workbook cannot hold: U+FFFE", ("bad.toml: offers[0].name",)),
    Row("build-into-a-folder-that-cannot-be-written", Cli(("build", "-o", "/sys/out.xlsx")),
        "cannot write in the folder '/sys': permission denied", ("/sys/out.xlsx",)),
    Row("build-into-proc", Cli(("build", "-o", "/proc/out.xlsx")), "cannot write in the folder '/proc'",
        ("/proc/out.xlsx",)),
    Row("build-into-a-file-as-folder", Cli(("build", "-o", "notes.txt/out.xlsx"), files({"notes.txt": "mine"})),
        "'notes.txt' is a file, not a folder", ("notes.txt/out.xlsx",)),
    Row("build-a-name-too-long", Cli(("build", "-o", LONG_NAME + ".xlsx")),
        "the file name is too long: 305 bytes, where the file system allows 255", ("xxx",)),
    Row("build-only-a-suffix", Cli(("build", "-o", ".xlsx")), "is only a suffix; give a name such as offer_model.xlsx",
        (".xlsx",)),
    Row("build-udf-only-a-suffix", Cli(("build", "--udf", "-o", ".XLSM")),
        "is only a suffix; give a name such as offer_model.xlsm", (".XLSM",)),
    Row("build-over-the-offers-file-forced", Cli(("build", "offers.xlsx", "-o", "offers.xlsx", "--force"),
                                                 files({"offers.xlsx": MODEL + OFFER_A})),
        "is the file being read (offers.xlsx)", ("offers.xlsx",)),
    Row("build-over-a-link-to-the-offers-file-forced",
        Cli(("build", "offers.toml", "-o", "out.xlsx", "--force"),
            symlink("out.xlsx", "offers.toml", also=files({"offers.toml": MODEL + OFFER_A}))),
        "is the file being read (offers.toml)", ("out.xlsx",)),
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
    Row("init-into-a-folder-that-cannot-be-written", Cli(("init", "/sys/offers.toml")),
        "cannot write in the folder '/sys': permission denied", ("/sys/offers.toml",)),
    Row("init-into-a-file-as-folder", Cli(("init", "notes.txt/offers.toml"), files({"notes.txt": "mine"})),
        "is a file, not a folder", ("notes.txt",)),
    Row("init-a-name-too-long", Cli(("init", LONG_NAME + ".toml")), "the file name is too long", ("xxx",)),
    Row("init-only-a-suffix", Cli(("init", ".toml")), "is only a suffix; give a name such as offers.toml", (".toml",)),
    Row("pdf-of-a-missing-workbook", Cli(("pdf", "missing.xlsx")), "does not exist", ("missing.xlsx",)),
    Row("pdf-of-a-folder", Cli(("pdf", "book.xlsx"), folders("book.xlsx")), "is not a file", ("book.xlsx",)),
    Row("pdf-of-a-text-file", Cli(("pdf", "notes.xlsx"), files({"notes.xlsx": "hello"})),
        "not an .xlsx workbook", ("notes.xlsx",)),
    Row("pdf-of-a-zip-that-is-no-workbook", Cli(("pdf", "book.xlsx"), files({"book.xlsx": zip_of({"readme.txt": "hi"})})),
        "has no xl/workbook.xml", ("book.xlsx",)),
    Row("pdf-of-another-workbook", Cli(("pdf", "book.xlsx"), files({"book.xlsx": zip_of(
        {"xl/workbook.xml": '<workbook><sheets><sheet name="Sheet1" sheetId="1"/></sheets></workbook>'})})),
        "has no Summary or Negotiation sheets", ("book.xlsx",)),
    Row("pdf-into-a-folder-that-cannot-be-written", Cli(("pdf", "book.xlsx", "-o", "/sys/book.pdf"), the_workbook()),
        "cannot write in the folder '/sys'", ("/sys/book.pdf",)),
    Row("pdf-a-name-too-long", Cli(("pdf", "book.xlsx", "-o", LONG_NAME + ".pdf"), the_workbook()),
        "the file name is too long", ("xxx",)),
    Row("pdf-of-a-name-too-long", Cli(("pdf", LONG_NAME + ".xlsx")), "the name is too long", ("xxx",)),
    Row("pdf-only-a-suffix", Cli(("pdf", "book.xlsx", "-o", ".pdf"), the_workbook()), "is only a suffix", (".pdf",)),
    Row("pdf-over-the-workbook-forced", Cli(("pdf", "book.pdf", "-o", "book.pdf", "--force"), the_workbook("book.pdf")),
        "is the file being read", ("book.pdf",)),
    Row("pdf-output-not-pdf", Cli(("pdf", "book.xlsx", "-o", "out.txt"), the_workbook()), "must end in .pdf",
        ("out.txt",)),
    Row("pdf-existing-output-without-force", Cli(("pdf", "book.xlsx"), the_workbook(also=files({"book.pdf": b"%PDF-mine"}))),
        "already exists", ("book.pdf", "--force")),
    Row("lite-into-a-file", Cli(("lite", "-o", "notes.txt"), files({"notes.txt": "mine"})),
        "is a file, not a folder", ("notes.txt",)),
    Row("lite-over-existing-files", Cli(("lite", "-o", "lite"), files({"lite/main.py": "# my code\n"})),
        "already exists", ("main.py", "--force")),
    Row("lite-into-a-folder-that-cannot-be-written", Cli(("lite", "-o", "/sys/lite")),
        "cannot write in the folder '/sys'", ("/sys/lite",)),
    Row("lite-a-name-too-long", Cli(("lite", "-o", LONG_NAME)), "the file name is too long", ("xxx",)),
    Row("lite-below-a-file", Cli(("lite", "-o", "notes.txt/lite"), files({"notes.txt": "mine"})),
        "'notes.txt' is a file, not a folder", ("notes.txt/lite",)),
    Row("read-a-missing-workbook", Cli(("read", "missing.xlsx")), "file not found", ("missing.xlsx",)),
    Row("read-a-folder", Cli(("read", "book.xlsx"), folders("book.xlsx")), "is a folder", ("book.xlsx",)),
    Row("read-the-current-folder", Cli(("read", ".")), "is a folder", (".",)),
    Row("read-a-text-file", Cli(("read", "notes.xlsx"), files({"notes.xlsx": "hello"})),
        "is not an Excel workbook", ("notes.xlsx",)),
    Row("read-an-old-xls", Cli(("read", "old.xls"), files({"old.xls": OLD_XLS})), "old-style Excel .xls",
        ("old.xls",)),
    Row("read-into-a-folder-that-cannot-be-written", Cli(("read", "book.xlsx", "-o", "/sys/book.toml"), the_workbook()),
        "cannot write in the folder '/sys'", ("/sys/book.toml",)),
    Row("read-a-name-too-long", Cli(("read", "book.xlsx", "-o", LONG_NAME + ".toml"), the_workbook()),
        "the file name is too long", ("xxx",)),
    Row("read-only-a-suffix", Cli(("read", "book.xlsx", "-o", ".toml"), the_workbook()),
        "is only a suffix; give a name such as offers.toml", (".toml",)),
    Row("read-over-the-workbook-forced", Cli(("read", "book.toml", "-o", "book.toml", "--force"),
                                             the_workbook("book.toml")), "is the file being read", ("book.toml",)),
    Row("read-a-zip-bomb-by-ratio", Cli(("read", "bomb.xlsx", "-o", "back.toml"), zip_bomb("bomb.xlsx", 5_000_000)),
        "is compressed", ("bomb.xlsx: xl/worksheets/sheet1.xml", "to 1", "zip bomb")),
    Row("read-a-zip-bomb-by-size", Cli(("read", "bomb.xlsx", "-o", "back.toml"), zip_bomb("bomb.xlsx", 900_000, 120)),
        "would unpack to 108,000,008 bytes, far more than any model", ("bomb.xlsx", "zip bomb")),  # 120 x 900,000 + 8
    Row("read-a-zip-of-too-many-parts", Cli(("read", "parts.xlsx", "-o", "back.toml"), many_parts("parts.xlsx", 10_001)),
        "holds 10,002 parts", ("parts.xlsx",)),
    Row("read-a-damaged-zip", Cli(("read", "book.xlsx", "-o", "back.toml"), damaged_zip("book.xlsx")),
        "the zip file is damaged", ("book.xlsx",)),
    Row("read-a-workbook-far-too-large", Cli(("read", "huge.xlsx", "-o", "back.toml"), big_file("huge.xlsx", 50_000_001)),
        "far larger than a workbook can be", ("huge.xlsx",)),
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
    Row("read-a-date-serial-beyond-the-calendar", Cli(("read", "edited.xlsx", "-o", "back.toml"),
                                                      edited_workbook(set_input("model.start_date", None, 1e12))),
        "holds the error #VALUE!", ("edited.xlsx", "model.start_date")),   # as openpyxl reads a date cell
    Row("read-a-number-beyond-the-calendar-in-a-date-input", Cli(("read", "edited.xlsx", "-o", "back.toml"),
                                                                 edited_workbook(set_general("model.start_date", 1e12))),
        "must be a date such as 2027-01-04, got the number 1000000000000", ("edited.xlsx", "model.start_date")),
    Row("read-a-date-serial-in-year-9999", Cli(("read", "edited.xlsx", "-o", "back.toml"),
                                               edited_workbook(set_input("model.start_date", None, 2958000))),
        "runs past 9999-12-31", ("edited.xlsx", "model.start_date")),   # serial 2,958,000 is in 9998
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
