"""The notebook API (`xlmodel.value`, `xlmodel.build`) and `xlmodel value --csv`, against the engine,
the JSON output and hand-worked figures."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import xlmodel
from conftest import REPO, SAMPLES, cli_json, model_table, run_cli
from xlmodel.engine import COMPONENTS, value_all
from xlmodel.errors import InputError
from xlmodel.monthly_table import MONTHLY_COLUMNS, add_months, month_end
from xlmodel.inputs.offers_file import load_offers

THREE_WAY = REPO / "samples" / "three_way.toml"


def approx(x):
    return pytest.approx(x, rel=1e-9, abs=1e-6)


# A small file worked by hand: a year at $120,000 with a 10% bonus, $12,000 of sign-on paid
# monthly, 5% a year discounting, starting on 2027-01-04.
HAND_WORKED = model_table(1, 0.05) + """
[[offers]]
name = "Solo"
base = 120000
bonus_target = 0.10
signon = [12000]
signon_payment = "monthly"
"""


# --- input: a path, a pathlib.Path or the TOML text ---------------------------------------------

@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_text_path_and_pathlib_inputs_give_the_same_figures(sample):
    by_text = xlmodel.value(sample.read_text(encoding="utf-8")).as_json()
    assert xlmodel.value(str(sample)).as_json() == by_text
    assert xlmodel.value(sample).as_json() == by_text


def test_bad_text_raises_the_input_error_with_its_key_path():
    with pytest.raises(InputError) as caught:
        xlmodel.value(model_table() + '[[offers]]\nname = "A"\nbase = -5\n')
    assert caught.value.message == "<offers text>: offers[0].base (offer 'A'): must not be negative, got -5"


def test_malformed_text_and_a_missing_file_raise_input_errors(tmp_path):
    with pytest.raises(InputError, match=r"^<offers text>: malformed TOML"):
        xlmodel.value("[model]\nstart_date = \n")
    with pytest.raises(InputError, match="file not found"):
        xlmodel.value(tmp_path / "missing.toml")
    with pytest.raises(InputError, match="file not found"):
        xlmodel.value(str(tmp_path / "missing.toml"))


def test_other_inputs_are_a_type_error():
    with pytest.raises(TypeError, match="path or the offers file's TOML text"):
        xlmodel.value(42)


# --- summary, yearly, monthly against the engine ------------------------------------------------

@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_summary_equals_the_engine(sample):
    engine_values = value_all(load_offers(sample)).offers
    summary = xlmodel.value(sample).summary()
    assert list(summary.index) == [v.name for v in engine_values]
    taxed = engine_values[0].after_tax is not None
    assert list(summary.columns) == ["total", "pv", "annualized", *COMPONENTS] + (
        ["after_tax_total", "after_tax_pv"] if taxed else [])
    for v in engine_values:
        row = summary.loc[v.name]
        if taxed:
            assert (row["after_tax_total"], row["after_tax_pv"]) == (v.after_tax.total, v.after_tax.pv)
        assert (row["total"], row["pv"], row["annualized"]) == (v.total, v.pv, v.annualized)
        assert {name: row[name] for name in COMPONENTS} == v.components


def test_summary_equals_the_json_of_the_command_line():
    summary = xlmodel.value(THREE_WAY).summary()
    for offer in cli_json(THREE_WAY)["offers"]:
        row = summary.loc[offer["name"]]
        assert row["total"] == approx(offer["total"])
        assert row["pv"] == approx(offer["pv"])
        assert row["annualized"] == approx(offer["annualized"])
        for name in COMPONENTS:
            assert row[name] == approx(offer["components"][name])


def test_summary_from_the_repository_root_as_a_user_types_it():
    code = ("import json, xlmodel; s = xlmodel.value('samples/three_way.toml').summary();"
            "print(json.dumps({n: [s.loc[n, 'total'], s.loc[n, 'pv']] for n in s.index}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    for offer in cli_json(THREE_WAY)["offers"]:
        assert figures[offer["name"]] == [approx(offer["total"]), approx(offer["pv"])]


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_yearly_equals_the_engine_years_and_adds_up_by_component(sample):
    valuation = xlmodel.value(sample)
    yearly = valuation.yearly()
    for v in valuation.result.offers:
        rows = yearly[yearly["offer"] == v.name]
        assert list(rows["year"]) == list(range(1, len(v.years) + 1))
        assert list(rows["total"]) == v.years
        assert list(rows[list(COMPONENTS)].sum(axis=1)) == [approx(y) for y in v.years]
        for name in COMPONENTS:
            assert rows[name].sum() == approx(v.components[name])


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_monthly_sums_to_the_totals_and_discounts_to_the_pv(sample):
    valuation = xlmodel.value(sample)
    monthly = valuation.monthly()
    months = valuation.offers_file.model.months
    assert list(monthly.columns) == list(MONTHLY_COLUMNS)
    assert len(monthly) == months * len(valuation.offer_names)
    for v in valuation.result.offers:
        rows = monthly[monthly["offer"] == v.name]
        assert list(rows["month"]) == list(range(1, months + 1))
        assert rows["total"].sum() == approx(v.total)
        assert rows["present_value"].sum() == approx(v.pv)
        for name in COMPONENTS:
            assert rows[name].sum() == approx(v.components[name])


def test_monthly_by_hand():
    monthly = xlmodel.value(HAND_WORKED).monthly()
    first, last = monthly.iloc[0], monthly.iloc[11]
    # Month 1: 120,000 / 12 of salary and 12,000 / 12 of sign-on, discounted by 1.05^(-1/12).
    assert (first["salary"], first["bonus"], first["signon"]) == (approx(10000), 0, approx(1000))
    assert first["present_value"] == approx(11000 / 1.05 ** (1 / 12))
    # Month 12 adds the bonus: 10% of the year's 120,000 of salary; discounted a full year.
    assert last["bonus"] == approx(12000)
    assert last["total"] == approx(10000 + 12000 + 1000)
    assert last["present_value"] == approx(23000 / 1.05)
    # Month 1 began on Monday 2027-01-04, so it ends on 2027-02-03; month 12 on 2028-01-03.
    assert first["date"].date() == date(2027, 2, 3)
    assert last["date"].date() == date(2028, 1, 3)


@pytest.mark.parametrize("start, month, end", [
    (date(2027, 2, 1), 1, date(2027, 2, 28)),
    (date(2027, 2, 1), 12, date(2028, 1, 31)),
    (date(2027, 3, 1), 12, date(2028, 2, 29)),    # a leap February
    (date(2027, 1, 31), 1, date(2027, 2, 27)),    # Jan 31 + 1 month is Feb 28, less a day
    (date(2027, 12, 15), 13, date(2029, 1, 14)),
])
def test_month_end_is_start_plus_months_less_a_day(start, month, end):
    assert month_end(start, month) == end


def test_add_months_clamps_to_the_month_end():
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2027, 1, 31), 3) == date(2027, 4, 30)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)


# --- scenarios, negotiation, leaving early ------------------------------------------------------

def test_scenarios_negotiation_and_leave_equal_the_json():
    figures = cli_json(THREE_WAY)
    valuation = xlmodel.value(THREE_WAY)
    scenarios = valuation.scenarios()
    expected = [(s["name"], name, s["pv"][name], s["total"][name]) for s in figures["scenarios"] for name in s["pv"]]
    assert [tuple(row) for row in scenarios.itertuples(index=False)] == [
        (s, o, approx(pv), approx(total)) for s, o, pv, total in expected]

    negotiation = valuation.negotiation.as_json()
    assert valuation.texts() == figures["negotiation"].pop("texts") == valuation.as_json()["negotiation"]["texts"]
    for key, expected_value in figures["negotiation"].items():
        assert negotiation[key] == (approx(expected_value) if isinstance(expected_value, float) else expected_value)

    leave = valuation.leave()
    for name, by_month in figures["leave"].items():
        for month, kept in by_month.items():
            row = leave[(leave["offer"] == name) & (leave["month"] == int(month))].iloc[0]
            assert (row["quit"], row["cut"]) == (approx(kept["quit"]), approx(kept["cut"]))


def test_default_scenarios_are_bear_base_bull():
    assert list(dict.fromkeys(xlmodel.value(HAND_WORKED).scenarios()["scenario"])) == ["Bear", "Base", "Bull"]


# --- after-tax columns, when the engine provides them --------------------------------------------

class _AfterTax:
    def __init__(self, total, pv):
        self.total, self.pv = total, pv


@pytest.mark.parametrize("make", [lambda t, p: _AfterTax(t, p), lambda t, p: {"total": t, "pv": p}],
                         ids=["object", "mapping"])
def test_after_tax_columns_appear_with_after_tax_figures(make):
    valuation = xlmodel.value(THREE_WAY)
    assert "after_tax_pv" not in valuation.summary().columns
    for n, offer in enumerate(valuation.result.offers):
        offer.after_tax = make(1000.0 * n, 900.0 * n)
    summary = valuation.summary()
    assert list(summary.columns[-2:]) == ["after_tax_total", "after_tax_pv"]
    assert list(summary["after_tax_total"]) == [0.0, 1000.0, 2000.0]
    assert list(summary["after_tax_pv"]) == [0.0, 900.0, 1800.0]


# --- build ---------------------------------------------------------------------------------------

def test_build_writes_the_workbook_and_keeps_an_existing_one(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "model.xlsx"
    assert xlmodel.build(HAND_WORKED, out) == out
    assert "Summary" in load_workbook(out).sheetnames
    with pytest.raises(InputError, match="already exists"):
        xlmodel.build(HAND_WORKED, out)
    xlmodel.build(THREE_WAY, str(out), force=True)
    assert load_workbook(out, read_only=True)["Inputs"] is not None
    with pytest.raises(InputError, match=r"must end in \.xlsx"):
        xlmodel.build(HAND_WORKED, tmp_path / "model.xls")


# --- `xlmodel value --csv` ----------------------------------------------------------------------

def hand_worked_file(folder: Path) -> Path:
    path = folder / "solo.toml"
    path.write_text(HAND_WORKED, encoding="utf-8")
    return path


def test_csv_to_stdout_is_the_monthly_table(tmp_path):
    result = run_cli("value", THREE_WAY, "--csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    monthly = xlmodel.value(THREE_WAY).monthly()
    assert list(rows[0]) == list(MONTHLY_COLUMNS)
    assert len(rows) == len(monthly)
    for row, expected in zip(rows, monthly.itertuples(index=False)):
        assert (row["offer"], int(row["month"]), row["date"]) == (expected.offer, expected.month,
                                                                  expected.date.date().isoformat())
        for name in (*COMPONENTS, "total", "present_value"):
            assert float(row[name]) == getattr(expected, name)  # unrounded: repr round-trips
    assert run_cli("value", THREE_WAY, "--csv", "-").stdout == result.stdout


def test_csv_to_a_file_needs_force_to_overwrite(tmp_path):
    out = tmp_path / "months.csv"
    first = run_cli("value", hand_worked_file(tmp_path), "--csv", out)
    assert first.returncode == 0, first.stderr
    assert out.read_text().splitlines()[1].startswith("Solo,1,2027-02-03,10000.0,0.0,1000.0,0.0,11000.0,")
    again = run_cli("value", THREE_WAY, "--csv", out)
    assert again.returncode == 2 and "already exists; pass --force" in again.stderr
    assert out.read_text().splitlines()[1].startswith("Solo,")
    assert run_cli("value", THREE_WAY, "--csv", out, "--force").returncode == 0
    assert out.read_text().splitlines()[1].startswith("Amazon,1,2027-02-28,")


def test_csv_refuses_a_file_that_is_not_csv(tmp_path):
    result = run_cli("value", THREE_WAY, "--csv", tmp_path / "months.txt")
    assert result.returncode == 2 and "must end in .csv" in result.stderr and "Traceback" not in result.stderr
    # `--csv OFFERS.toml` would take the offers file for the CSV target: say how to write it instead.
    mistaken = run_cli("value", "--csv", THREE_WAY)
    assert mistaken.returncode == 2 and f"xlmodel value {THREE_WAY} --csv" in mistaken.stderr


# --- import cost: `import xlmodel` and the CLI never load pandas ---------------------------------

def _imported_modules(code: str) -> set[str]:
    result = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules), file=sys.stderr)"],
                            capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr
    return set(result.stderr.split())


def test_import_xlmodel_loads_neither_the_engine_nor_pandas():
    modules = _imported_modules("import xlmodel")
    assert "pandas" not in modules and "xlmodel.api" not in modules and "xlmodel.engine" not in modules


@pytest.mark.parametrize("args", [[], ["--json"], ["--csv"], ["--texts"]], ids=["text", "json", "csv", "texts"])
def test_xlmodel_value_never_imports_pandas(args):
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "xlmodel", "value", *args],
                            capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "xlmodel.engine" in imported  # the check reads the import log it means to read
    assert not any(name == "pandas" or name.startswith("pandas.") for name in imported)
    assert "openpyxl" not in imported and "xlsxwriter" not in imported


def test_value_through_the_api_loads_pandas_only_for_dataframes():
    modules = _imported_modules("import xlmodel; xlmodel.value('samples/three_way.toml').negotiation")
    assert "pandas" not in modules
    assert "pandas" in _imported_modules("import xlmodel; xlmodel.value('samples/three_way.toml').summary()")


def test_xlwings_lite_does_not_embed_the_notebook_api():
    from xlmodel.lite import needed_modules

    assert "api" not in needed_modules() and "monthly_table" not in needed_modules()
