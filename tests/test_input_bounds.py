"""The parser and the workbook agree at every bound of every numeric input: a value just inside
a bound and one just outside, typed into the Inputs cell and recalculated in LibreOffice, pass
the cell's check on Checks (and the master check, ChecksOK) exactly when the offers file with
that value passes `parse_offers`, so `xlmodel read` never refuses a workbook whose checks said
all was well.

One workbook holds every numeric key (three offers: RSUs by grant value with a fallback bump,
options by shares with the odds' keys, a percent of the company with a preference and a bump in
dollars; three scenarios; the negotiation levers); one LibreOffice run edits its cells through
UNO, one case after the other (tests/uno_cells.py)."""
from __future__ import annotations

import copy
import json
import math
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from xlmodel.errors import InputError
from xlmodel.inputs import keys as input_keys
from xlmodel.inputs import schema
from xlmodel.inputs.offers_file import parse_offers
from xlmodel.libreoffice import profile, soffice
from xlmodel.workbook.checks_sheet import MASTER_ROW, ChecksPlan
from xlmodel.workbook.figures import Figures
from xlmodel.workbook.inputs_layout import INPUTS, VALUE_COL
from xlmodel.workbook.layout import CHECKS, PARAM_COL, plan

from workbook_support import build

UNO_PYTHON = Path("/usr/bin/python3")
RUNNER = Path(__file__).with_name("uno_cells.py")

DOCUMENT = {
    "model": {"start_date": date(2027, 1, 4), "horizon_years": 3, "discount_rate": 0.05, "target": "Anchor",
              "response_business_days": 5, "expiry_business_days": 10, "draws": 200, "seed": 7},
    "offers": [
        {"name": "Anchor", "base": 200000, "annual_raise": 0.03, "bonus_target": 0.1, "bonus_payout": 1.0,
         "signon": [50000, 20000], "signon_clawback_months": 12,
         "equity": {"type": "rsu", "grant_value": 300000, "price": 100.0, "growth": 0.1, "schedule": "standard",
                    "refresh_value": 50000, "preferred_share": 0.1},
         "fallback": {"bump": 0.1, "after_months": 6, "probability": 0.5, "guaranteed_months": 6}},
        {"name": "Bolt", "base": 220000,
         "equity": {"type": "options", "shares": 50000, "price": 10.0, "strike": 2.0, "growth": 0.3,
                    "schedule": "meta", "liquidity_probability": 0.5, "dilution": 0.05, "volatility": 0.6,
                    "exercise_window_months": 3}},
        {"name": "Crest", "base": 210000,
         "equity": {"type": "options", "percent": 0.002, "company_value": 500_000_000, "price": 5.0,
                    "schedule": "quarterly-cliff", "preference": 50_000_000, "preferred_share": 0.3},
         "fallback": {"bump_amount": 20000, "after_months": 12, "probability": 0.4}},
    ],
    "scenarios": [{"name": "Flat", "growth": 0.0}, {"name": "Shifted", "growth_shift": -0.2},
                  {"name": "Dry", "liquidity": 0.5, "milestone": True}],
    "negotiation": {"fallback_after_months": 6, "fallback_probability": 0.6},
}

# Inputs key -> the offer (by position) whose column it is tried in
OFFER_OF = {"base": 0, "annual_raise": 0, "bonus_target": 0, "bonus_payout": 0, "signon.1": 0,
            "signon_clawback_months": 0, "equity.grant_value": 0, "equity.refresh_value": 0,
            "equity.preferred_share": 0, "fallback.bump": 0, "fallback.after_months": 0, "fallback.probability": 0,
            "fallback.guaranteed_months": 0,
            "equity.shares": 1, "equity.price": 1, "equity.strike": 1, "equity.growth": 1,
            "equity.liquidity_probability": 1, "equity.dilution": 1, "equity.volatility": 1,
            "equity.exercise_window_months": 1,
            "equity.percent": 2, "equity.company_value": 2, "equity.preference": 2, "fallback.bump_amount": 2}
SCENARIO_OF = {"scenario.growth": 0, "scenario.growth_shift": 1, "scenario.liquidity": 2}
# model.horizon_years has a rule of its own on Inputs: it must stay what the workbook was built for.
NOT_HERE = {"model.horizon_years"}


def numeric_keys() -> list[str]:
    keys = [k for k in input_keys.FIXED_KEYS + ("signon.1",) if input_keys.input_field(k).is_number]
    return [k for k in keys if k not in NOT_HERE]


def step(field: schema.Field, bound: float) -> float:
    """How far from a bound "just" is: one for a whole number; a billionth of the bound (at least of
    1) for any other, far beyond the last digits in which LibreOffice counts two numbers equal."""
    return 1 if field.kind == schema.WHOLE else max(abs(bound), 1.0) * 1e-9


def bound_cases() -> list[tuple[str, str, str, float]]:
    """(key, which bound, inside or outside, value) for every bound of every numeric key."""
    cases = []
    for key in numeric_keys():
        field = input_keys.input_field(key)
        for which, bound, is_open, sign in (("low", field.low, field.low_open, -1), ("high", field.high,
                                                                                    field.high_open, 1)):
            if bound is None:
                continue
            delta = step(field, bound)
            inside = bound - sign * delta if is_open else bound
            outside = bound if is_open else bound + sign * delta
            cases += [(key, which, "inside", inside), (key, which, "outside", outside)]
    return cases


CASES = bound_cases()


def with_value(key: str, value: float) -> dict:
    document = copy.deepcopy(DOCUMENT)
    if key.startswith("model."):
        document["model"][key.split(".", 1)[1]] = value
    elif key.startswith("scenario."):
        document["scenarios"][SCENARIO_OF[key]][key.split(".", 1)[1]] = value
    elif key.startswith("negotiation."):
        document["negotiation"][key.split(".", 1)[1]] = value
    else:
        offer = document["offers"][OFFER_OF[key]]
        table, _, name = key.rpartition(".")
        if key == "signon.1":
            offer["signon"][0] = value
        elif table:
            offer[table][name] = value
        else:
            offer[key] = value
    return document


def path_of(key: str) -> tuple:
    """The key path in the offers file of the Inputs key as this test types it."""
    table, _, name = key.rpartition(".")
    if table in ("model", "negotiation"):
        return (table, name)
    if table == "scenario":
        return ("scenarios", SCENARIO_OF[key], name)
    if key == "signon.1":
        return ("offers", OFFER_OF[key], "signon", 0)
    return ("offers", OFFER_OF[key]) + ((table, name) if table else (key,))


def refusal(document: dict):
    """The parser's error for a document (None when it accepts it)."""
    try:
        parse_offers(document)
    except InputError as error:
        return error
    return None


def places(offers_file):
    """key -> ((row, column) of its Inputs cell, (row, column) of its check on Checks)."""
    layout = plan(offers_file)
    lay = layout.inputs
    checks = ChecksPlan(Figures(offers_file), layout)
    guard = {}
    for section, header in zip(checks.sections, checks.section_headers):
        for n, row in enumerate(section.rows):
            guard[row.key] = header + 1 + n
    found = {}
    for key in numeric_keys():
        if key.startswith("model."):
            where, column = (lay.model_row[key], VALUE_COL), 0
        elif key.startswith("negotiation."):
            where, column = (lay.negotiation_row[key], VALUE_COL), 0
        elif key.startswith("scenario."):
            column = SCENARIO_OF[key]
            where = (lay.scenario_first_row + column, lay.scenario_col(key))
        else:
            column = OFFER_OF[key]
            where = (lay.offer_row[key], lay.value_col(column))
        found[key] = (where, (guard[key], PARAM_COL + column))
    return found


@pytest.fixture(scope="module")
def workbook_answers(tmp_path_factory):
    """Each case's (its check, ChecksOK) as LibreOffice computes them, the value typed on Inputs."""
    if not UNO_PYTHON.exists() or shutil.which("soffice") is None:
        pytest.skip("needs LibreOffice and its Python (python3-uno)")
    folder = tmp_path_factory.mktemp("bounds")
    offers_file = parse_offers(DOCUMENT)
    path = build(offers_file, folder, "bounds.xlsx")
    where = places(offers_file)
    cases = []
    for key, _, _, value in CASES:
        (row, column), guard = where[key]
        cases.append({"sheet": INPUTS, "row": row, "column": column, "value": value,
                      "reads": [[CHECKS, *guard], [CHECKS, MASTER_ROW, PARAM_COL]]})
    baseline = {"sheet": INPUTS, "row": where["base"][0][0], "column": where["base"][0][1],
                "value": DOCUMENT["offers"][0]["base"], "reads": [[CHECKS, MASTER_ROW, PARAM_COL]]}
    job = folder / "job.json"
    job.write_text(json.dumps({"soffice": soffice(), "profile": profile(folder / "profile"), "file": str(path),
                               "cases": [baseline] + cases}))
    run = subprocess.run([str(UNO_PYTHON), str(RUNNER), str(job)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    answers = json.loads(run.stdout)
    assert answers[0] == [1.0], "the workbook as built passes its checks"
    return {case[:3]: tuple(answer) for case, answer in zip(CASES, answers[1:])}


def test_every_numeric_key_is_tried_at_both_ends():
    tried = {(key, which) for key, which, _, _ in CASES}
    assert len(tried) == 2 * len(numeric_keys()) - sum(
        input_keys.input_field(k).low is None or input_keys.input_field(k).high is None for k in numeric_keys())
    assert {"base", "equity.price", "equity.company_value", "equity.preference", "model.seed",
            "scenario.growth_shift", "negotiation.fallback_probability"} <= {key for key, _ in tried}


@pytest.mark.parametrize("key, which, side, value", CASES, ids=[f"{k}-{w}-{s}" for k, w, s, _ in CASES])
def test_the_parser_and_the_workbook_agree_at_the_bound(workbook_answers, key, which, side, value):
    """ChecksOK is TRUE exactly when the parser takes the value; the key's own check is FALSE
    exactly when the parser's refusal is about that key (a value that breaks a rule about another
    key, such as a growth that a scenario's shift takes to -100%, fails that key's check)."""
    error = refusal(with_value(key, value))
    check, master = workbook_answers[(key, which, side)]
    assert check in (0.0, 1.0) and master in (0.0, 1.0), (check, master)
    assert (master == 1.0) == (error is None), (key, value, error)
    assert (check == 1.0) == (error is None or error.path != path_of(key)), (key, value, error)
    if side == "outside":
        assert error is not None and error.path == path_of(key) and math.isfinite(value), error
