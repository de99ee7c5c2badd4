"""`xlmodel read`: a workbook's inputs, as a user left them in Excel or LibreOffice, back into an
offers file that gives the same figures as the workbook."""
from __future__ import annotations

import dataclasses
import datetime as dt
import math
import shutil
import tomllib
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import run_cli
from workbook_support import CENT, SAMPLES, as_date, build, input_cell, name_values, scenario_cell
from xlmodel.engine import value_all
from xlmodel.errors import InputError
from xlmodel.libreoffice import recalculate
from xlmodel.inputs.offers_file import load_offers
from xlmodel.inputs.schedule_file import parse_schedule
from xlmodel.schedules import preset
from xlmodel.workbook_reader import dumps, read_workbook, toml_string

BY_STEM = {path.stem: path for path in SAMPLES}


def assert_same(actual, expected, path="figures"):
    """Two as_json() documents equal, floats within 1e-6."""
    if isinstance(expected, float) or isinstance(actual, float):
        assert actual == pytest.approx(expected, rel=1e-12, abs=1e-6), path
    elif isinstance(expected, dict):
        assert isinstance(actual, dict) and actual.keys() == expected.keys(), path
        for key in expected:
            assert_same(actual[key], expected[key], f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), path
        for n, (a, e) in enumerate(zip(actual, expected)):
            assert_same(a, e, f"{path}[{n}]")
    else:
        assert actual == expected, path


def figures(offers_file) -> dict:
    return value_all(offers_file).as_json()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Each sample's workbook, built once; tests copy it before editing."""
    folder = tmp_path_factory.mktemp("built")
    return {stem: build(load_offers(path), folder, f"{stem}.xlsx") for stem, path in BY_STEM.items()}


def copy(built, stem: str, folder: Path, name: str = "model.xlsx") -> Path:
    return Path(shutil.copyfile(built[stem], folder / name))


def edit(path: Path, change) -> Path:
    workbook = openpyxl.load_workbook(path)
    change(workbook)
    workbook.save(path)
    return path


# --- every sample: build, read back, the same figures ---------------------------------------------

@pytest.mark.parametrize("stem", sorted(BY_STEM))
def test_every_sample_reads_back_to_the_same_figures(built, tmp_path, stem):
    original = load_offers(BY_STEM[stem])
    inputs = read_workbook(built[stem])
    text = dumps(inputs.document)
    assert tomllib.loads(text) == inputs.document  # the writer is exact
    written = tmp_path / "read.toml"
    written.write_text(text, encoding="utf-8")
    read_back = load_offers(written)
    assert_same(figures(read_back), figures(original))
    assert read_back.model == original.model
    assert [o.name for o in read_back.offers] == [o.name for o in original.offers]
    # [[scenarios]] only when the workbook's scenarios are not the default Bear / Base / Bull.
    assert ("[[scenarios]]" in text) == original.scenarios_given
    assert read_back.scenarios == original.scenarios


def test_the_command_writes_beside_the_workbook_and_never_overwrites(built, tmp_path):
    workbook = copy(built, "three_way", tmp_path, "mine.xlsx")
    result = run_cli("read", workbook)
    assert result.returncode == 0, result.stderr
    output = tmp_path / "mine.toml"
    assert str(output) in result.stdout and "3 offers" in result.stdout
    assert_same(figures(load_offers(output)), figures(load_offers(BY_STEM["three_way"])))

    output.write_text("# my notes\n")
    again = run_cli("read", workbook)
    assert again.returncode == 2 and "already exists" in again.stderr and "--force" in again.stderr
    assert output.read_text() == "# my notes\n"
    assert run_cli("read", workbook, "--force").returncode == 0
    assert output.read_text(encoding="utf-8").startswith("# Offers read from mine.xlsx")

    other = tmp_path / "other.toml"
    assert run_cli("read", workbook, "-o", other).returncode == 0
    assert other.read_text(encoding="utf-8") == output.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.toml", "mine.xlsx", "other.toml"]  # no temp files


# --- edits made in LibreOffice: the file read gives the workbook's figures --------------------------

def _replace_offer(offers_file, offer, **changes):
    offers = tuple(dataclasses.replace(o, **changes) if o.name == offer else o for o in offers_file.offers)
    return dataclasses.replace(offers_file, offers=offers)


def _replace_equity(offers_file, offer, **changes):
    return _replace_offer(offers_file, offer, equity=dataclasses.replace(offers_file.offer(offer).equity, **changes))


def _custom_table(workbook, offer: str):
    """(sheet, first row, month column) of an offer's own tranche table on Schedules."""
    name = input_cell(workbook, "name", offer)
    sheet = workbook["Schedules"]
    wanted = f'="custom: "&Inputs!${name.column_letter}${name.row}'
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == wanted and sheet.cell(row=cell.row + 1, column=cell.column).value == "Month":
                return sheet, cell.row + 2, cell.column
    raise AssertionError(f"no custom tranche table for {offer}")


def test_edits_saved_by_libreoffice_read_back_to_the_workbooks_figures(built, tmp_path):
    """Base, growth, a schedule switched to a preset, tranches moved in a custom table (one past a
    gap of blank rows), a holiday, scenario growth, an input given as a formula, and names that
    look like formulas or hold quotes; LibreOffice then re-saves the workbook."""
    google = preset("google").tranches
    edited_google = [(6, google[0][1])] + list(google[2:]) + [(2, google[1][1])]

    def change(workbook):
        input_cell(workbook, "base", "Amazon").value = 205000
        input_cell(workbook, "equity.growth", "Amazon").value = 0.12
        input_cell(workbook, "annual_raise", "Google").value = "=0.03+0.005"  # a formula: its value is read
        input_cell(workbook, "equity.schedule", "Meta").value = "meta"  # custom -> a preset
        input_cell(workbook, "equity.schedule", "Google").value = "custom"  # its table, prefilled with google's
        sheet, first, column = _custom_table(workbook, "Google")
        assert sheet.cell(row=first, column=column).value == 1
        sheet.cell(row=first, column=column).value = 6  # month 1 -> 6
        for c in (column, column + 1):  # the second tranche leaves a blank row ...
            sheet.cell(row=first + 1, column=c).value = None
        sheet.cell(row=first + 60, column=column).value = 2  # ... and comes back after a gap
        sheet.cell(row=first + 60, column=column + 1).value = google[1][1]
        input_cell(workbook, "model.holidays.4").value = dt.datetime(2026, 12, 3)  # respond-by moves
        scenario_cell(workbook, "scenario.growth", "Flat stock").value = 0.05  # 0% -> 5%
        scenario_cell(workbook, "scenario.growth_shift", "Downturn").value = -0.3  # -25% -> -30%
        for offer, name in (("Meta", "=1+1"), ("Google", 'a "quoted" \\ name')):
            cell = input_cell(workbook, "name", offer)
            cell.value = name
            cell.data_type = "s"  # text, as a user types '=1+1

    def expected(offers_file):
        changed = _replace_offer(offers_file, "Amazon", base=205000.0)
        changed = _replace_equity(changed, "Amazon", growth=0.12)
        changed = _replace_offer(changed, "Google", annual_raise=0.035)
        changed = _replace_equity(changed, "Meta", schedule=preset("meta"))
        changed = _replace_equity(changed, "Google", schedule=parse_schedule({"tranches": [list(t) for t in edited_google]}))
        changed = _replace_offer(changed, "Meta", name="=1+1")
        changed = _replace_offer(changed, "Google", name='a "quoted" \\ name')
        model = dataclasses.replace(changed.model, holidays=tuple(sorted(changed.model.holidays + (dt.date(2026, 12, 3),))))
        scenarios = list(changed.scenarios)
        scenarios[0] = dataclasses.replace(scenarios[0], growth=0.05)
        scenarios[1] = dataclasses.replace(scenarios[1], growth_shift=-0.3)
        return dataclasses.replace(changed, model=model, scenarios=tuple(scenarios))

    path = edit(copy(built, "three_way", tmp_path), change)
    resaved = recalculate(path, tmp_path / "libreoffice")
    inputs = read_workbook(resaved)
    want = expected(load_offers(BY_STEM["three_way"]))
    read = figures(inputs.offers_file)
    assert_same(read, figures(want))
    assert inputs.offers_file.model.holidays == want.model.holidays
    assert value_all(inputs.offers_file).negotiation.respond_by == dt.date(2026, 12, 7)

    # ... and the figures LibreOffice calculated in the workbook itself, to the cent.
    calculated = openpyxl.load_workbook(resaved, data_only=True)
    names = [o["name"] for o in read["offers"]]
    assert name_values(calculated, "OfferNames") == [names]
    for name, metric in (("OfferPV", "pv"), ("OfferTotal", "total"), ("OfferAnnualized", "annualized")):
        assert name_values(calculated, name)[0] == pytest.approx([o[metric] for o in read["offers"]], abs=CENT), name
    for name, metric in (("ScenarioPV", "pv"), ("ScenarioTotal", "total")):
        for row, scenario in zip(name_values(calculated, name), read["scenarios"]):
            assert row == pytest.approx([scenario[metric][n] for n in names], abs=CENT), name
    deal = read["negotiation"]
    for name, key in (("GapPV", "gap"), ("AskBase", "ask_base"), ("AskSignon", "ask_signon"), ("AskEquity", "ask_equity")):
        assert name_values(calculated, name)[0][0] == pytest.approx(deal[key], abs=CENT), name
    assert as_date(name_values(calculated, "RespondBy")[0][0]).isoformat() == deal["respond_by"]
    assert as_date(name_values(calculated, "ExpiresOn")[0][0]).isoformat() == deal["expires"]
    assert name_values(calculated, "ChecksOK") == [[True]]

    # The file written from it says the same, scenarios included (they are no longer the defaults).
    output = tmp_path / "edited.toml"
    result = run_cli("read", resaved, "-o", output)
    assert result.returncode == 0, result.stderr
    text = output.read_text(encoding="utf-8")
    assert 'name = "a \\"quoted\\" \\\\ name"' in text and 'name = "=1+1"' in text
    assert "schedule = { tranches = [" in text and 'schedule = "meta"' in text
    assert_same(figures(load_offers(output)), read)


def test_default_scenarios_saved_by_libreoffice_are_left_out(built, tmp_path):
    """LibreOffice stores TRUE and FALSE as =TRUE() and =FALSE(): still the defaults, so no [[scenarios]]."""
    resaved = recalculate(copy(built, "amazon_vs_startup", tmp_path), tmp_path / "libreoffice")
    assert scenario_cell(openpyxl.load_workbook(resaved), "scenario.milestone", 0).value == "=FALSE()"  # Bear's
    inputs = read_workbook(resaved)
    assert "scenarios" not in inputs.document and not inputs.offers_file.scenarios_given
    assert_same(figures(inputs.offers_file), figures(load_offers(BY_STEM["amazon_vs_startup"])))


def test_blank_inputs_with_a_default_other_than_zero(built, tmp_path):
    """A cleared cell means the file's default in the workbook's formulas too, not 0."""
    def change(workbook):
        input_cell(workbook, "bonus_payout", "Nimbus AI").value = None
        input_cell(workbook, "equity.liquidity_probability", "Nimbus AI").value = None
        input_cell(workbook, "signon_clawback_months", "Amazon").value = None
        input_cell(workbook, "model.response_business_days").value = None
        input_cell(workbook, "model.expiry_business_days").value = None

    resaved = recalculate(edit(copy(built, "amazon_vs_startup", tmp_path), change), tmp_path / "libreoffice")
    read = figures(read_workbook(resaved).offers_file)
    calculated = openpyxl.load_workbook(resaved, data_only=True)
    assert as_date(name_values(calculated, "RespondBy")[0][0]).isoformat() == read["negotiation"]["respond_by"]
    assert as_date(name_values(calculated, "ExpiresOn")[0][0]).isoformat() == read["negotiation"]["expires"]
    assert name_values(calculated, "OfferPV")[0] == pytest.approx([o["pv"] for o in read["offers"]], abs=CENT)
    quit_at_6 = name_values(calculated, "LeaveQuit")[0]
    assert quit_at_6 == pytest.approx([read["leave"][o["name"]]["6"]["quit"] for o in read["offers"]], abs=CENT)


# --- errors through the command line: exit 2, sheet, cell and key, nothing written ------------------

def _text_file(folder: Path, built) -> Path:
    path = folder / "notes.xlsx"
    path.write_text("base = 215000\n")
    return path


def _other_zip(folder: Path, built) -> Path:
    path = folder / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
    return path


def _no_inputs_sheet(folder: Path, built) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "hello"
    path = folder / "budget.xlsx"
    workbook.save(path)
    return path


def _no_key_column(folder: Path, built) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Inputs"
    sheet["A1"], sheet["B1"], sheet["A2"], sheet["B2"] = "Salary", 215000, "Bonus", 0.1
    path = folder / "budget.xlsx"
    workbook.save(path)
    return path


def _base_as_text(folder: Path, built) -> Path:
    return edit(copy(built, "amazon_vs_startup", folder),
                lambda wb: setattr(input_cell(wb, "base", "Amazon"), "value", "lots"))


def _price_row_deleted(folder: Path, built) -> Path:
    def change(workbook):
        workbook["Inputs"].delete_rows(input_cell(workbook, "equity.price", "Amazon").row)
    return edit(copy(built, "amazon_vs_startup", folder), change)


def _blank_offer_name(folder: Path, built) -> Path:
    return edit(copy(built, "amazon_vs_startup", folder),
                lambda wb: setattr(input_cell(wb, "name", "Nimbus AI"), "value", None))


def _cell_of(key, offer=None):
    def where(built):
        workbook = openpyxl.load_workbook(built["amazon_vs_startup"])
        return f"Inputs!{input_cell(workbook, key, offer).coordinate}"
    return where


CLI_CASES = [
    ("missing file", lambda folder, built: folder / "missing.xlsx", lambda b: ["missing.xlsx: file not found"]),
    ("text file named .xlsx", _text_file, lambda b: ["notes.xlsx: is not an Excel workbook (.xlsx)"]),
    ("zip that is not a workbook", _other_zip, lambda b: ["archive.xlsx: is a zip file but not an Excel workbook"]),
    ("no Inputs sheet", _no_inputs_sheet, lambda b: ["budget.xlsx: has no Inputs sheet (its sheets: Sheet)",
                                                     "xlmodel build"]),
    ("no key column", _no_key_column, lambda b: ["budget.xlsx: Inputs!B:B: column B holds no key paths"]),
    ("text in a number cell", _base_as_text,
     lambda b: [f"model.xlsx: {_cell_of('base', 'Amazon')(b)}: base (offer 'Amazon'): must be a number, got text 'lots'"]),
    ("a key row deleted", _price_row_deleted,
     lambda b: ["model.xlsx: Inputs!B:B: equity.price: no row of column B holds this key (was a row deleted?)"]),
    ("a blank offer name", _blank_offer_name,
     lambda b: [f"model.xlsx: {_cell_of('name', 'Nimbus AI')(b)}: name (offer in column D): is blank; "
                "every offer needs a name"]),
]


@pytest.mark.parametrize("make, expected", [c[1:] for c in CLI_CASES], ids=[c[0] for c in CLI_CASES])
def test_each_error_through_the_command_line(built, tmp_path, make, expected):
    workbook = make(tmp_path, built)
    before = workbook.read_bytes() if workbook.exists() else None
    mine = tmp_path / "mine.toml"
    mine.write_text("# my own offers\n")
    for args in ([workbook], [workbook, "-o", mine, "--force"]):
        result = run_cli("read", *args)
        assert result.returncode == 2, (result.stdout, result.stderr)
        assert "Traceback" not in result.stderr and result.stdout == ""
        assert result.stderr.startswith("xlmodel: error: ") and len(result.stderr.strip().splitlines()) == 1
        for fragment in expected(built):
            assert fragment in result.stderr, result.stderr
    assert not workbook.with_suffix(".toml").exists()
    assert mine.read_text() == "# my own offers\n"
    assert (workbook.read_bytes() if workbook.exists() else None) == before
    left = {"mine.toml"} | ({workbook.name} if before is not None else set())
    assert {p.name for p in tmp_path.iterdir()} == left  # nothing written, no temporary file left behind


# --- more broken inputs, through the library: each names its cell -----------------------------------

def _set(key, offer, value, as_text=False):
    def change(workbook):
        cell = input_cell(workbook, key, offer)
        cell.value = value
        if as_text:
            cell.data_type = "s"
    return change


def _scenario_text(key, scenario):
    def change(workbook):
        scenario_cell(workbook, key, scenario).value = "soon"
    return change


def _tranche(n, month=None, fraction=None, clear=False):
    """Amazon on its own table, with tranche n (from 0) changed."""
    def change(workbook):
        input_cell(workbook, "equity.schedule", "Amazon").value = "custom"
        sheet, first, column = _custom_table(workbook, "Amazon")
        if clear:
            sheet.cell(row=first + n, column=column).value = None
        if month is not None:
            sheet.cell(row=first + n, column=column).value = month
        if fraction is not None:
            sheet.cell(row=first + n, column=column + 1).value = fraction
    return change


def _beside_the_offers(workbook):
    base = input_cell(workbook, "base", "Nimbus AI")
    workbook["Inputs"].cell(row=base.row, column=base.column + 1).value = 99000


class Cells:
    """Cell addresses in the built amazon_vs_startup workbook, for the expected messages."""

    def __init__(self, path: Path):
        self.workbook = openpyxl.load_workbook(path)

    def __call__(self, key, offer=None, last_key=None) -> str:
        cell = input_cell(self.workbook, key, offer)
        if last_key is None:
            return f"Inputs!{cell.coordinate}"
        return f"Inputs!{cell.coordinate}:{input_cell(self.workbook, last_key, offer).coordinate}"

    def at(self, key, letter) -> str:
        return f"Inputs!{letter}{input_cell(self.workbook, key).row}"

    def scenario(self, key, scenario) -> str:
        return f"Inputs!{scenario_cell(self.workbook, key, scenario).coordinate}"

    def tranche(self, n, which):
        sheet, first, column = _custom_table(self.workbook, "Amazon")
        return f"Schedules!{sheet.cell(row=first + n, column=column + (which == 'fraction')).coordinate}"

    def table(self):
        sheet, first, column = _custom_table(self.workbook, "Amazon")
        return (f"Schedules!{sheet.cell(row=first, column=column).coordinate}:"
                f"{sheet.cell(row=first + 119, column=column + 1).coordinate}")


LIBRARY_CASES = [
    ("required input blank", _set("equity.price", "Amazon", None),
     lambda c: f"{c('equity.price', 'Amazon')}: equity.price (offer 'Amazon'): is blank but required"),
    ("number stored as text", _set("base", "Nimbus AI", "245000", as_text=True),
     lambda c: f"{c('base', 'Nimbus AI')}: base (offer 'Nimbus AI'): must be a number, got text '245000' (the cell holds text"),
    ("out of range", _set("equity.liquidity_probability", "Nimbus AI", 1.5),
     lambda c: f"{c('equity.liquidity_probability', 'Nimbus AI')}: equity.liquidity_probability (offer 'Nimbus AI'): "
               "must be between 0 and 1, got 1.5"),
    ("bad date", _set("model.start_date", None, "next spring"),
     lambda c: f"{c('model.start_date')}: model.start_date: must be a date such as 2027-01-04, got 'next spring'"),
    ("bad holiday", _set("model.holidays.2", None, "xmas"),
     lambda c: f"{c('model.holidays.2')}: model.holidays.2: must be a date such as 2027-01-04, got 'xmas'"),
    ("unknown preset", _set("equity.schedule", "Amazon", "amazn"),
     lambda c: f"{c('equity.schedule', 'Amazon')}: equity.schedule (offer 'Amazon'): unknown schedule preset 'amazn'"),
    ("two grant sizes", _set("equity.shares", "Amazon", 100),
     lambda c: f"{c('equity.grant_value', 'Amazon', 'equity.percent')}: equity (offer 'Amazon'): "
               "must give exactly one grant size"),
    ("bump and bump_amount", _set("fallback.bump_amount", "Amazon", 20000),
     lambda c: f"{c('fallback.bump', 'Amazon', 'fallback.bump_amount')}: fallback (offer 'Amazon'): must give exactly one"),
    ("duplicate names", _set("name", "Nimbus AI", "Amazon"),
     lambda c: f"{c('name', 'Nimbus AI')}: name (offer 'Amazon'): 'Amazon' is used twice"),
    ("target names no offer", _set("model.target", None, "Google"),
     lambda c: f"{c('model.target')}: model.target: names no offer: 'Google'"),
    ("negative sign-on", _set("signon.3", "Amazon", -5),
     lambda c: f"{c('signon.3', 'Amazon')}: signon.3 (offer 'Amazon'): must not be negative, got -5"),
    ("formula never calculated", _set("base", "Amazon", "=200000*1.1"),
     lambda c: f"{c('base', 'Amazon')}: base (offer 'Amazon'): holds a formula (=200000*1.1) with no calculated value"),
    ("scenario growth as text", _scenario_text("scenario.growth", "Base"),
     lambda c: f"{c.scenario('scenario.growth', 'Base')}: scenario.growth (scenario 'Base'): "
               "must be a number, got text 'soon'"),
    ("milestone as text", _scenario_text("scenario.milestone", "Bear"),
     lambda c: f"{c.scenario('scenario.milestone', 'Bear')}: scenario.milestone (scenario 'Bear'): must be true or "
               "false, got text 'soon'"),
    ("blank equity type with a grant", _set("equity.type", "Nimbus AI", None),
     lambda c: f"{c('equity.type', 'Nimbus AI')}: equity.type (offer 'Nimbus AI'): is blank but the offer has equity inputs"),
    ("tranche fraction as text", _tranche(2, fraction="a fifth"),
     lambda c: f"{c.tranche(2, 'fraction')}: custom tranche 3 fraction (offer 'Amazon'): must be a number, got text 'a fifth'"),
    ("tranche month out of range", _tranche(0, month=130),
     lambda c: f"{c.tranche(0, 'month')}: custom tranche 1 month (offer 'Amazon'): "
               "month must be a whole number from 1 to 120, got 130"),
    ("tranche month missing", _tranche(1, clear=True),
     lambda c: f"{c.tranche(1, 'month')}: custom tranche 2 month (offer 'Amazon'): is blank; "
               "a tranche needs a month and a fraction"),
    ("tranches not summing to 1", _tranche(0, fraction=0.5),
     lambda c: f"{c.table()}: custom tranche table (offer 'Amazon'): fractions must sum to 1 (100%), they sum to 1.45"),
    ("a value beside the offers", _beside_the_offers,
     lambda c: f"{c.at('base', 'E')}: base: column E is not one of the workbook's 2 offers "
               "(C:D), so no formula uses it"),
]


@pytest.mark.parametrize("change, message", [c[1:] for c in LIBRARY_CASES], ids=[c[0] for c in LIBRARY_CASES])
def test_each_broken_input_names_its_cell(built, tmp_path, change, message):
    path = edit(copy(built, "amazon_vs_startup", tmp_path), change)
    with pytest.raises(InputError) as caught:
        read_workbook(path)
    expected = f"{path}: {message(Cells(built['amazon_vs_startup']))}"
    assert caught.value.message.startswith(expected), caught.value.message


# --- the TOML writer --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["=1+1", 'a "quoted" name', "back\\slash", "tab\there", "line\nbreak", "\x00\x1f\x7f",
                                  "café ☕ 日本", "'single'", '"""', "", "#not a comment", "[[offers]]"])
def test_strings_round_trip(text):
    assert tomllib.loads(f"x = {toml_string(text)}\n") == {"x": text}


def test_the_writer_round_trips_every_value_exactly():
    floats = [0.1 + 0.2, 1 / 3, 1e-7, 1e16, 2.5e-308, 5e-324, -0.0, 0.020833333333333332, 123456789.12345679]
    document = {
        "model": {"start_date": dt.date(2027, 1, 4), "horizon_years": 4, "discount_rate": 0.05,
                  "holidays": [dt.date(2026, 12, 25)], "target": "=1+1"},
        "offers": [
            {"name": "=1+1", "title": 'a "quoted" \\ name\n', "base": 215000, "signon": [95000.5, 0.0, 7],
             "equity": {"type": "rsu", "price": 220.0, "schedule": {"tranches": [[m, 1 / 48] for m in range(1, 49)]},
                        "growth": floats[0]},
             "fallback": {"bump": 0.15, "after_months": 6, "probability": 0.6}},
            {"name": "B", "base": 1.0, "equity": {"type": "options", "schedule": "meta", "price": 1e-7}},
        ],
        "scenarios": [{"name": "x", "growth": f, "milestone": n % 2 == 0} for n, f in enumerate(floats)],
    }
    text = dumps(document, "a comment\nof two lines")
    assert tomllib.loads(text) == document
    for value in floats:
        assert math.copysign(1, tomllib.loads(f"v = {dumps({'v': value}).split('=')[1]}")["v"]) == math.copysign(1, value)
    assert "\n[offers.equity]\n" in text and "\n[offers.fallback]\n" in text and "\n[[scenarios]]\n" in text
    assert text.startswith("# a comment\n# of two lines\n")


# --- the edges: TRUE/FALSE typed as text, sums within floating-point error ----------------------

def test_true_and_false_typed_as_text_in_a_yes_no_input_are_booleans(built, tmp_path):
    def change(workbook):
        # The default scenarios: Bear (milestone FALSE), Base (blank), Bull (TRUE).
        scenario_cell(workbook, "scenario.milestone", "Bear").value = "true"
        scenario_cell(workbook, "scenario.milestone", "Base").value = " FALSE "
        scenario_cell(workbook, "scenario.milestone", "Bull").value = "True"

    read = read_workbook(edit(copy(built, "amazon_vs_startup", tmp_path), change))
    milestones = {s["name"]: s.get("milestone") for s in read.document["scenarios"]}
    assert milestones == {"Bear": True, "Base": False, "Bull": True}
    assert [s.milestone for s in read.offers_file.scenarios] == [True, False, True]


def test_a_custom_table_summing_to_1_within_floating_point_error_reads_back(tmp_path):
    tranches = [[month, 1 / 48] for month in range(1, 49)]
    assert sum(f for _, f in tranches) == 1.0000000000000007   # not exactly 1, within 1e-6
    document = {"model": {"start_date": dt.date(2027, 1, 4), "horizon_years": 4},
                "offers": [{"name": "A", "base": 100000,
                            "equity": {"type": "rsu", "grant_value": 48000, "price": 10,
                                       "schedule": {"tranches": tranches}}}]}
    from xlmodel.inputs.offers_file import parse_offers
    path = build(parse_offers(document), tmp_path)
    read = read_workbook(path)   # accepted, not "fractions must sum to 1"
    read_back = read.document["offers"][0]["equity"]["schedule"]["tranches"]
    assert [m for m, _ in read_back] == [m for m, _ in tranches]
    assert [f for _, f in read_back] == pytest.approx([f for _, f in tranches], rel=1e-15)
    assert_same(figures(read.offers_file), figures(parse_offers(document)))


# --- the Tax sheet --------------------------------------------------------------------------------

def _tax_row(workbook, key: str) -> int:
    sheet = workbook["Tax"]
    return next(r for r in range(1, sheet.max_row + 1) if sheet.cell(row=r, column=1).value == key)


@pytest.mark.parametrize("change, where, message", [
    # California's slot is columns F to I (Washington's B to E).
    (lambda wb: wb["Tax"].cell(row=_tax_row(wb, "brackets_single.2"), column=7).__setattr__("value", 2.0),
     "Tax!F", "tax.locations.CA.brackets_single[1]: the rate must be between 0 and 1, got 2"),
    (lambda wb: wb["Tax"].cell(row=_tax_row(wb, "brackets_single.2"), column=7).__setattr__("value", None),
     "Tax!F", "its rate is blank; a row needs from, rate"),
    (lambda wb: wb["Tax"].cell(row=_tax_row(wb, "itemized"), column=6).__setattr__("value", "always"),
     "Tax!F", "tax.locations.CA.itemized: must be one of 'none', 'own'"),
    (lambda wb: wb["Tax"].cell(row=_tax_row(wb, "tax.filing_status"), column=2).__setattr__("value", "married"),
     "Tax!B", "tax.filing_status: must be one of 'single', 'joint', got 'married'"),
    (lambda wb: input_cell(wb, "tax_location", "Amazon").__setattr__("value", "XX"),
     "Inputs!C", "tax_location (offer 'Amazon'): names no location: 'XX'"),
])
def test_bad_tax_inputs_name_the_cell(built, tmp_path, change, where, message):
    path = edit(copy(built, "seattle_vs_sf", tmp_path), change)
    with pytest.raises(InputError) as raised:
        read_workbook(path)
    assert where in str(raised.value) and message in str(raised.value)


def test_a_shipped_location_reads_back_by_name_and_an_edited_one_as_its_table(built, tmp_path):
    """The sample's WA and CA are the shipped tables: the offers file names them. California's SDI
    raised to 2% makes California's table the file's own."""
    assert "locations" not in read_workbook(copy(built, "seattle_vs_sf", tmp_path)).document["tax"]

    def change(workbook):
        workbook["Tax"].cell(row=_tax_row(workbook, "payroll.1"), column=6).value = 0.02
    inputs = read_workbook(edit(copy(built, "seattle_vs_sf", tmp_path, "edited.xlsx"), change))
    assert list(inputs.document["tax"]["locations"]) == ["CA"]
    assert inputs.offers_file.tax.locations["CA"].payroll[0].rate == 0.02


def test_tax_switched_off_reads_back_without_a_tax_table(built, tmp_path):
    """FALSE on the Tax sheet and every offer at "none": the offers file has no [tax] table."""
    def change(workbook):
        workbook["Tax"].cell(row=_tax_row(workbook, "tax"), column=2).value = False
        for offer in ("Amazon", "Harbor AI"):
            input_cell(workbook, "tax_location", offer).value = "none"
    inputs = read_workbook(edit(copy(built, "seattle_vs_sf", tmp_path), change))
    assert "tax" not in inputs.document and inputs.offers_file.tax is None
    assert all(o.after_tax is None for o in value_all(inputs.offers_file).offers)


# --- the negotiation levers ---------------------------------------------------------------------------

LEVERS_FILE = """
[model]
start_date = 2027-01-04
horizon_years = 4
discount_rate = 0.05

[[offers]]
name = "Target"
base = 180000
[offers.equity]
type = "rsu"
grant_value = 200000
price = 100
growth = 0.02
schedule = "standard"
[offers.fallback]
bump = 0.05
after_months = 3
probability = 0.5

[[offers]]
name = "Other"
base = 240000

[negotiation]
fallback_probability = 0.4
accelerated_schedule = { tranches = [[6, 0.2], [12, 0.3], [18, 0.3], [24, 0.1], [30, 0.1]] }
"""


def _accelerated_cells(workbook):
    """(sheet, first row, month column) of the accelerated tranche table on Schedules."""
    from xlmodel.workbook.schedules_sheet import ACCELERATED_TITLE
    sheet = workbook["Schedules"]
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == ACCELERATED_TITLE and sheet.cell(row=cell.row + 1, column=cell.column).value == "Month":
                return sheet, cell.row + 2, cell.column
    raise AssertionError("no accelerated tranche table")


def test_the_negotiation_levers_read_back(tmp_path):
    source = tmp_path / "levers.toml"
    source.write_text(LEVERS_FILE, encoding="utf-8")
    original = load_offers(source)
    inputs = read_workbook(build(original, tmp_path))
    # The probability and the schedule were set; after_months was not, so its cell stays blank
    # and still follows the target's fallback.after_months (3).
    assert inputs.document["negotiation"] == {
        "fallback_probability": 0.4,
        "accelerated_schedule": {"tranches": [[6, 0.2], [12, 0.3], [18, 0.3], [24, 0.1], [30, 0.1]]}}
    assert inputs.offers_file.negotiation == original.negotiation
    assert inputs.offers_file.negotiation.fallback_after_months == 3
    assert "[negotiation]" in dumps(inputs.document)
    assert tomllib.loads(dumps(inputs.document)) == inputs.document
    assert_same(figures(inputs.offers_file), figures(original))


def test_a_file_without_levers_reads_back_without_them(built):
    inputs = read_workbook(built["amazon_vs_startup"])
    assert "negotiation" not in inputs.document
    assert inputs.offers_file.negotiation.given == ()


def test_edited_levers_read_back(built, tmp_path):
    def change(workbook):
        input_cell(workbook, "negotiation.fallback_after_months").value = 9
        sheet, first, column = _accelerated_cells(workbook)
        sheet.cell(first, column).value = 6  # 75% at month 6 rather than 12
    inputs = read_workbook(edit(copy(built, "amazon_vs_startup", tmp_path), change))
    negotiation = inputs.offers_file.negotiation
    assert (negotiation.fallback_after_months, negotiation.fallback_probability) == (9, 0.6)  # 0.6: Amazon's own
    assert negotiation.accelerated_schedule.tranches == ((6, 0.75), (24, 0.25))
    assert set(negotiation.given) == {"fallback_after_months", "accelerated_schedule"}


@pytest.mark.parametrize("change, message", [
    (lambda w: setattr(input_cell(w, "negotiation.fallback_probability"), "value", 1.5),
     lambda path: "Inputs!C{row}: negotiation.fallback_probability: must be between 0 and 1, got 1.5"),
    (lambda w: (lambda s, r, c: setattr(s.cell(r, c + 1), "value", 0.5))(*_accelerated_cells(w)),
     lambda path: "Schedules!{table}: accelerated tranche table: fractions must sum to 1 (100%), they sum to 0.75"),
    (lambda w: (lambda s, r, c: setattr(s.cell(r + 1, c), "value", None))(*_accelerated_cells(w)),
     lambda path: "Schedules!{month}: accelerated tranche 2 month: is blank; a tranche needs a month and a fraction"),
], ids=["probability above 1", "fractions not summing to 1", "a blank month"])
def test_a_broken_lever_names_its_cell(built, tmp_path, change, message):
    from openpyxl.utils import get_column_letter
    path = edit(copy(built, "amazon_vs_startup", tmp_path), change)
    workbook = openpyxl.load_workbook(path)
    sheet, first, column = _accelerated_cells(workbook)
    month, fraction = get_column_letter(column), get_column_letter(column + 1)
    places = {"row": input_cell(workbook, "negotiation.fallback_probability").row,
              "table": f"{month}{first}:{fraction}{first + 119}", "month": f"{month}{first + 1}"}
    with pytest.raises(InputError) as caught:
        read_workbook(path)
    assert caught.value.message.startswith(f"{path}: " + message(path).format(**places)), caught.value.message


# --- the keys of the odds, the exercise window and the wording ----------------------------------------

NEW_KEYS_FILE = LEVERS_FILE.replace("horizon_years = 4\n", "horizon_years = 4\ndraws = 250\nseed = 42\n").replace(
    '''[[offers]]
name = "Other"
base = 240000
''', '''[[offers]]
name = "Other"
base = 240000
[offers.equity]
type = "options"
shares = 40000
price = 12
strike = 3
schedule = "meta"
company_value = 800000000
volatility = 0.7
preference = 100000000
participating = true
preferred_share = 0.25
exercise_window_months = 90
''').replace("[negotiation]\n", '''[negotiation]
milestone = "the staff promotion"
redact = true
alternative_label = "a larger company"
recruiter = "Sam"
candidate = "Alex"
competing_deadline = 2027-01-15
''')


def test_the_new_keys_read_back_and_defaults_are_left_out(tmp_path):
    source = tmp_path / "new.toml"
    source.write_text(NEW_KEYS_FILE, encoding="utf-8")
    original = load_offers(source)
    inputs = read_workbook(build(original, tmp_path))
    document = inputs.document
    assert (document["model"]["draws"], document["model"]["seed"]) == (250, 42)
    equity = document["offers"][1]["equity"]
    assert {k: equity[k] for k in ("volatility", "preference", "participating", "preferred_share",
                                   "exercise_window_months", "company_value")} == {
        "volatility": 0.7, "preference": 100000000, "participating": True, "preferred_share": 0.25,
        "exercise_window_months": 90, "company_value": 800000000}
    assert {k: document["negotiation"][k] for k in ("milestone", "redact", "alternative_label", "recruiter",
                                                    "candidate", "competing_deadline")} == {
        "milestone": "the staff promotion", "redact": True, "alternative_label": "a larger company",
        "recruiter": "Sam", "candidate": "Alex", "competing_deadline": dt.date(2027, 1, 15)}
    target_equity = document["offers"][0]["equity"]
    for key in ("volatility", "preference", "participating", "preferred_share", "exercise_window_months", "strike"):
        assert key not in target_equity, key  # its default: a file that never named it means the same
    assert inputs.offers_file.offers == original.offers and inputs.offers_file.model == original.model
    assert inputs.offers_file.negotiation == original.negotiation
    assert tomllib.loads(dumps(document)) == document


@pytest.mark.parametrize("change, message", [
    (_set("equity.preferred_share", "Nimbus AI", 1.2),
     lambda c: f"{c('equity.preferred_share', 'Nimbus AI')}: equity.preferred_share (offer 'Nimbus AI'): must be between "
               "0 and 1, got 1.2"),
    (_set("equity.participating", "Nimbus AI", "maybe"),
     lambda c: f"{c('equity.participating', 'Nimbus AI')}: equity.participating (offer 'Nimbus AI'): must be true or "
               "false, got text 'maybe'"),
    (_set("model.draws", None, 2.5), lambda c: f"{c('model.draws')}: model.draws: must be a whole number"),
    (_set("equity.preference", "Nimbus AI", 5e6),
     lambda c: f"{c('equity.company_value', 'Nimbus AI')}: equity.company_value (offer 'Nimbus AI'): is required "
               "with a preference"),
], ids=["preferred share above 1", "participating as text", "draws not whole", "a preference without company value"])
def test_a_broken_new_key_names_its_cell(built, tmp_path, change, message):
    path = edit(copy(built, "amazon_vs_startup", tmp_path), change)
    with pytest.raises(InputError) as caught:
        read_workbook(path)
    assert caught.value.message.startswith(f"{path}: {message(Cells(built['amazon_vs_startup']))}"), caught.value.message
