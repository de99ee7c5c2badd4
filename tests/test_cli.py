"""The command line as a user runs it: `python -m xlmodel value|init ...` in a fresh interpreter."""
from __future__ import annotations

import json
import re

import pytest

from conftest import SAMPLES, TEMPLATE, cli_json, model_table, run_cli
from error_cases import CASES
from xlmodel.offers_file import load_offers

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
OFFER_KEYS = {"name", "years", "total", "pv", "annualized", "components", "after_tax"}
COMPONENTS = {"salary", "bonus", "signon", "equity"}
NEGOTIATION_KEYS = {"target", "alternative", "gap", "ask_base", "ask_signon", "ask_equity", "respond_by", "expires",
                    "ask_bump", "ask_bump_amount", "probability_to_close", "acceleration_value", "acceleration_kept",
                    "gap_after_acceleration", "package_bump",
                    "after_tax_gap"}


def approx(x):
    return pytest.approx(x, rel=1e-9, abs=1e-6)


# --- errors: exit code 2, one message on stderr, no traceback ---------------------------------

def assert_input_error(result, *fragments):
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("xlmodel: error: ")
    for fragment in fragments:
        assert fragment in result.stderr


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_value_reports_each_input_error(write_toml, case):
    path = write_toml(case.text)
    result = run_cli("value", path)
    where = f"{path}: {case.key}" if case.key else f"{path}: "
    assert_input_error(result, where, case.reason)
    assert len(result.stderr.strip().splitlines()) == 1


def test_value_reports_a_missing_file(tmp_path):
    path = tmp_path / "missing.toml"
    assert_input_error(run_cli("value", path), str(path), "not found")


def test_json_errors_go_to_stderr_too(write_toml):
    path = write_toml(CASES[0].text)
    assert_input_error(run_cli("value", path, "--json"), str(path), "model.start_date")


@pytest.mark.parametrize("args", [["nonsense"], [], ["value", "a.toml", "b.toml"], ["init", "--bogus"]])
def test_usage_errors_exit_2_without_traceback(args):
    result = run_cli(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "usage:" in result.stderr


# --- the JSON shape ------------------------------------------------------------------------

def check_shape(data: dict) -> None:
    assert set(data) == {"offers", "scenarios", "negotiation", "leave"}
    names = [offer["name"] for offer in data["offers"]]
    for offer in data["offers"]:
        assert set(offer) == OFFER_KEYS
        assert set(offer["components"]) == COMPONENTS
        assert all(isinstance(x, (int, float)) for x in offer["years"])
        assert offer["total"] == approx(sum(offer["years"]))
        assert offer["total"] == approx(sum(offer["components"].values()))
        assert offer["annualized"] == approx(offer["total"] / len(offer["years"]))
        if offer["after_tax"] is not None:
            assert set(offer["after_tax"]) == {"years", "taxes", "total", "pv"}
            assert offer["after_tax"]["total"] == approx(sum(offer["after_tax"]["years"]))
    for scenario in data["scenarios"]:
        assert set(scenario) == {"name", "pv", "total"}
        assert list(scenario["pv"]) == names and list(scenario["total"]) == names
    deal = data["negotiation"]
    assert set(deal) == NEGOTIATION_KEYS
    assert deal["target"] in names
    assert deal["alternative"] is None or deal["alternative"] in names
    assert deal["gap"] >= 0
    for day in ("respond_by", "expires"):
        assert deal[day] is None or ISO_DATE.match(deal[day])
    assert 0 <= deal["gap_after_acceleration"] <= deal["gap"]
    if deal["acceleration_kept"] is not None:
        assert set(deal["acceleration_kept"]) <= set(next(iter(data["leave"].values())))
    assert list(data["leave"]) == names
    for by_month in data["leave"].values():
        assert by_month and all(month.isdigit() for month in by_month)
        for kept in by_month.values():
            assert set(kept) == {"quit", "cut"}
            assert kept["cut"] >= kept["quit"] - 1e-6   # a cut never repays and may pay on


@pytest.mark.parametrize("path", SAMPLES + [TEMPLATE], ids=lambda p: p.name)
def test_json_shape_of_every_sample(path):
    data = cli_json(path)
    check_shape(data)
    offers_file = load_offers(path)
    assert [o["name"] for o in data["offers"]] == [o.name for o in offers_file.offers]
    if not offers_file.scenarios_given:
        assert [s["name"] for s in data["scenarios"]] == ["Bear", "Base", "Bull"]
    for scenario in data["scenarios"]:
        if scenario["name"] == "Base" or scenario["name"] == "Plan":   # scenarios without overrides
            for offer in data["offers"]:
                assert scenario["pv"][offer["name"]] == approx(offer["pv"])
                assert scenario["total"][offer["name"]] == approx(offer["total"])


def test_json_of_the_amazon_sample_in_detail():
    data = cli_json(SAMPLES[0])
    assert SAMPLES[0].name == "amazon_vs_startup.toml"
    assert [o["name"] for o in data["offers"]] == ["Amazon", "Nimbus AI"]
    assert [s["name"] for s in data["scenarios"]] == ["Bear", "Base", "Bull"]
    base = data["scenarios"][1]
    for offer in data["offers"]:
        assert base["pv"][offer["name"]] == approx(offer["pv"])
        assert base["total"][offer["name"]] == approx(offer["total"])
        assert len(offer["years"]) == 4
    deal = data["negotiation"]
    assert (deal["target"], deal["alternative"]) == ("Amazon", "Nimbus AI")
    # Decision Wed 2026-11-25, Thanksgiving Thu 26 off: 5 and 10 business days.
    assert (deal["respond_by"], deal["expires"]) == ("2026-12-03", "2026-12-10")
    assert deal["gap"] == approx(data["offers"][1]["pv"] - data["offers"][0]["pv"])
    assert deal["ask_equity"] > 0
    assert set(data["leave"]["Amazon"]) == {"6", "12", "18", "24", "36"}
    # Amazon year 1: salary 215,000 + the expected bump on months 7-12, the 95,000 sign-on and
    # 5% of 480,000 of RSUs at month 12's price.
    year1 = 215000 + 215000 * 0.15 * 0.6 / 12 * 6 + 95000 + 480000 / 220 * 0.05 * 220 * 1.15
    assert data["offers"][0]["years"][0] == approx(year1)
    # Quitting Amazon at month 6 repays half the first sign-on.
    assert data["leave"]["Amazon"]["6"]["quit"] == approx(215000 / 2 + 95000 / 2)


def test_json_without_a_decision_date_has_null_dates(write_toml):
    path = write_toml(model_table(1) + '[[offers]]\nname = "Solo"\nbase = 100000\n')
    data = cli_json(path)
    check_shape(data)
    assert data["negotiation"] == {"target": "Solo", "alternative": None, "gap": 0, "ask_base": 0,
                                   "ask_signon": 0, "ask_equity": None, "respond_by": None, "expires": None,
                                   "ask_bump": 0, "ask_bump_amount": 0, "probability_to_close": None,
                                   "acceleration_value": None, "acceleration_kept": None,
                                   "gap_after_acceleration": 0, "package_bump": 0,
                                   "after_tax_gap": None}
    assert data["leave"] == {"Solo": {"6": {"quit": approx(50000), "cut": approx(50000)},
                                      "12": {"quit": approx(100000), "cut": approx(100000)}}}


def test_value_without_a_file_uses_the_bundled_sample():
    assert cli_json() == cli_json(SAMPLES[0])


def test_text_report(write_toml):
    result = run_cli("value", SAMPLES[0])
    assert result.returncode == 0, result.stderr
    for text in ("Amazon", "Nimbus AI", "Present value", "Scenarios", "Negotiation", "Leaving early",
                 "Thu 2026-12-03", "Package", "Acceleration value"):
        assert text in result.stdout
    assert result.stderr == ""


# --- init ---------------------------------------------------------------------------------

def test_init_writes_a_file_that_validates_and_values(tmp_path):
    path = tmp_path / "mine.toml"
    result = run_cli("init", path)
    assert result.returncode == 0, result.stderr
    assert path.read_bytes() == TEMPLATE.read_bytes()
    load_offers(path)
    check_shape(cli_json(path))


def test_init_defaults_to_offers_toml_in_the_current_folder(tmp_path):
    result = run_cli("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "offers.toml").exists()
    assert run_cli("value", "offers.toml", cwd=tmp_path).returncode == 0


def test_init_refuses_to_overwrite_without_force(tmp_path):
    path = tmp_path / "offers.toml"
    path.write_text("# my own notes\n")
    result = run_cli("init", path)
    assert_input_error(result, str(path), "already exists", "--force")
    assert path.read_text() == "# my own notes\n"


def test_init_force_overwrites(tmp_path):
    path = tmp_path / "offers.toml"
    path.write_text("# my own notes\n")
    result = run_cli("init", path, "--force")
    assert result.returncode == 0, result.stderr
    assert path.read_bytes() == TEMPLATE.read_bytes()


def test_init_into_a_missing_folder(tmp_path):
    path = tmp_path / "no" / "such" / "offers.toml"
    assert_input_error(run_cli("init", path), "does not exist")
    assert not path.exists()


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("xlmodel ")


def test_json_output_is_valid_json_with_finite_numbers():
    text = run_cli("value", SAMPLES[-1], "--json").stdout
    json.loads(text, parse_constant=lambda name: pytest.fail(f"non-finite number {name} in JSON"))
