"""`xlmodel lite`'s main.py in xlwings Lite's own runtime: Pyodide (CPython compiled to WebAssembly).

tests/pyodide/run.mjs loads the npm package `pyodide` under Node, writes a stub `xlwings`
(pass-through func/arg/ret) into Pyodide's file system, runs main.py and calls every Excel
function with arguments shaped as Lite delivers them: ranges as lists of rows, blanks as None
(or Pyodide's own JsNull, as older xlwings let through), numbers as floats, dates as Excel
serial numbers, error values as their text (err_to_str). One Node process runs every call of
the session as one batch (JSON in, JSON out). Each result must equal, to the cent, what the
engine computes here in CPython.

Needs Node and `npm ci` in tests/pyodide (bash scripts/test installs both).
"""
from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from xlmodel import engine, lite
from xlmodel.engine import levers
from xlmodel.inputs.keys import model_inputs, offer_inputs, offer_keys
from xlmodel.model import NegotiationSettings
from xlmodel.inputs.offers_file import load_offers
from xlmodel.schedules import vested_fraction

REPO = Path(__file__).resolve().parent.parent
RUNNER_DIR = REPO / "tests" / "pyodide"
SAMPLES = sorted((REPO / "samples").glob("*.toml"))
EXCEL_EPOCH = date(1899, 12, 30)
CENT = 0.005
JSNULL = {"jsnull": True}  # run.mjs turns this into pyodide.ffi.jsnull
FRACTIONS = ("VESTED", "VESTSCHEDULE", "BREAKEVENGROWTH", "ASKBUMP", "PROBABILITYTOCLOSE")  # not dollars: compared to 1e-12


def serial(value):
    """A date as the Excel serial number (a float) Lite passes for a date cell."""
    return float((value - EXCEL_EPOCH).days) if isinstance(value, date) else value


def lite_number(value):
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def column(cells) -> list[list]:
    """A one-column range with @arg(ndim=2): one list per row."""
    return [[lite_number(serial(cell))] for cell in cells]


class Batch:
    """Calls for the single Node run: (id, function, Lite-shaped arguments, expected result)."""

    def __init__(self):
        self.calls: list[tuple[str, str, list, object]] = []

    def add(self, call_id: str, name: str, args: list, expected) -> None:
        self.calls.append((call_id, name, args, expected))


def sample_calls(batch: Batch) -> None:
    """Every function on every offer of every sample, expected values from the engine."""
    for path in SAMPLES:
        offers_file = load_offers(path)
        settings = offers_file.model
        years = settings.horizon_years
        model_keys = list(model_inputs(settings))
        model_values = list(model_inputs(settings).values())
        holiday_slots = len(settings.holidays) + 3  # the Inputs sheet's model block: holiday rows, blanks after
        model_keys += [f"model.holidays.{n}" for n in range(1, holiday_slots + 1)]
        model_values += list(settings.holidays) + [None] * (holiday_slots - len(settings.holidays))
        model = [column(model_keys), column(model_values)]
        valuation = engine.value_all(offers_file)
        for number, offer in enumerate(offers_file.offers, start=1):
            keys = list(offer_keys(years))
            inputs = offer_inputs(offer, years)
            columns = [column(keys), column([inputs[k] for k in keys]), *model]
            schedule = offer.equity.schedule if offer.equity else None
            tranches = [[float(m), f] for m, f in schedule.tranches] if schedule and not schedule.preset else None
            value = engine.value_offer(offer, settings)
            tag = f"{path.stem}/{offer.name}"
            for metric in ("pv", "total", "annualized"):
                batch.add(f"{tag} OFFERVALUE {metric}", "OFFERVALUE", [*columns, metric, tranches], getattr(value, metric))
            batch.add(f"{tag} OFFERTC", "OFFERTC", [*columns, tranches], value.years)
            gap = 25_000.0
            batch.add(f"{tag} ASKBASE", "ASKBASE", [gap, *columns, tranches], engine.ask_base(offer, settings, gap))
            ask_equity = engine.ask_equity(offer, settings, gap)
            batch.add(f"{tag} ASKEQUITY", "ASKEQUITY", [gap, *columns, tranches], "" if ask_equity is None else ask_equity)
            goal = value.pv * 1.02
            growth = engine.growth_for_pv(offer, settings, goal)
            batch.add(f"{tag} BREAKEVENGROWTH", "BREAKEVENGROWTH", [goal, *columns, tranches],
                      "" if growth is None else growth)
            for month, mode in ((18.0, "quit"), (6.0, "cut"), (float(settings.months), "quit")):
                batch.add(f"{tag} LEAVEVALUE {month:g} {mode}", "LEAVEVALUE", [month, *columns, mode, tranches],
                          engine.leave_value(offer, settings, int(month), mode))
            own_levers = NegotiationSettings.for_target(offer)  # blank levers: the offer's own clause, else defaults
            batch.add(f"{tag} ASKBUMP", "ASKBUMP", [gap, *columns, None, None, tranches],
                      levers.ask_bump(offer, settings, own_levers, gap))
            probability = levers.probability_to_close(offer, settings, goal)
            batch.add(f"{tag} PROBABILITYTOCLOSE", "PROBABILITYTOCLOSE", [goal, *columns, tranches],
                      "" if probability is None else probability)
            acceleration = levers.acceleration_value(offer, settings, own_levers)
            batch.add(f"{tag} ACCELERATIONVALUE", "ACCELERATIONVALUE", [*columns, [[12.0, 0.75], [24.0, 0.25]], tranches],
                      "" if acceleration is None else acceleration)
            outcomes = valuation.offers[number - 1].outcomes
            for statistic in ("p10", "p50", "p90", "mean"):
                batch.add(f"{tag} OFFERODDS {statistic}", "OFFERODDS",
                          [statistic, *columns, tranches, float(number), float(len(offers_file.offers))],
                          outcomes[statistic])
            if schedule:
                argument = schedule.preset or tranches
                batch.add(f"{tag} VESTED", "VESTED", [argument, 24.0], vested_fraction(schedule.tranches, 24))
                batch.add(f"{tag} VESTSCHEDULE", "VESTSCHEDULE", [argument], [[m, f] for m, f in schedule.tranches])
        batch.add(f"{path.stem} ASKSIGNON", "ASKSIGNON", [10_000.0, *model], engine.ask_signon(settings, 10_000))


def edge_calls(batch: Batch) -> None:
    """Lite's own ways of passing cells, with hand-worked expectations."""
    one_year = [[["model.horizon_years"]], [[1.0]]]
    # 1 year, no discounting: 100,000 base = 100,000; Lite's JsNull blanks take the defaults.
    batch.add("jsnull blanks", "OFFERVALUE",
              [[["name"], ["base"], [JSNULL], ["annual_raise"]], [[JSNULL], [100000.0], ["x"], [JSNULL]],
               *one_year, JSNULL, JSNULL], 100_000.0)
    # A whole column cut short for the JSON: trailing blank rows are dropped.
    batch.add("long column", "OFFERVALUE",
              [[["base"]] + [[None]] * 5000, [[100000.0]] + [[JSNULL]] * 5000, *one_year], 100_000.0)
    # Error values arrive as their text with err_to_str: named, never read as blank.
    batch.add("#REF! discount rate", "OFFERVALUE",
              [[["base"]], [[60000.0]], [["model.horizon_years"], ["model.discount_rate"]], [[2.0], ["#REF!"]]],
              "#XLMODEL: model.discount_rate: the cell holds #REF!")
    batch.add("#N/A gap", "ASKSIGNON", ["#N/A"], "#XLMODEL: gap: the cell holds #N/A")
    # Pyodide turns a whole JavaScript number into an int: 5% + 15% + 20% of Amazon's grant by month 30.
    batch.add("whole-number month as int", "VESTED", ["amazon", 30], 0.40)
    # No RSUs: an empty cell.
    batch.add("ASKEQUITY without equity", "ASKEQUITY", [1000.0, [["base"]], [[100000.0]]], "")
    # A date as Lite passes it (serial float) for the holiday; holidays change no value.
    batch.add("holiday serial", "OFFERVALUE",
              [[["base"]], [[120000.0]], [["model.horizon_years"], ["model.holidays.1"], ["model.holidays.2"]],
               [[1.0], [serial(date(2027, 12, 24))], [None]]], 120_000.0)


@pytest.fixture(scope="session")
def pyodide_run(tmp_path_factory):
    node = shutil.which("node")
    if node is None or not (RUNNER_DIR / "node_modules" / "pyodide").is_dir():
        pytest.skip("needs Node and `npm ci` in tests/pyodide (bash scripts/test installs both)")
    batch = Batch()
    sample_calls(batch)
    edge_calls(batch)
    payload = {"main_py": lite.main_py(), "calls": [[name, args] for _, name, args, _ in batch.calls]}
    result = subprocess.run([node, "run.mjs"], input=json.dumps(payload), cwd=RUNNER_DIR,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    return batch, output


def assert_same(call_id: str, name: str, got, expected) -> None:
    tolerance = 1e-12 if name in FRACTIONS else CENT
    if isinstance(expected, list):
        assert isinstance(got, list) and len(got) == len(expected), (call_id, got, expected)
        for g, e in zip(got, expected):
            assert_same(call_id, name, g, e)
    elif isinstance(expected, str):
        assert got == expected, call_id
    else:
        assert isinstance(got, (int, float)) and abs(got - expected) <= tolerance, (call_id, got, expected)


def test_main_py_runs_in_pyodide_with_its_embedded_engine(pyodide_run):
    _, output = pyodide_run
    assert output["python"].startswith("3.")
    assert output["engine_origin"] == "<xlmodel-lite>/xlmodel/engine.py"


def test_every_function_in_pyodide_equals_the_engine_to_the_cent(pyodide_run):
    batch, output = pyodide_run
    assert len(output["results"]) == len(batch.calls)
    called = {name for _, name, _, _ in batch.calls}
    assert called == {"OFFERVALUE", "OFFERTC", "VESTED", "VESTSCHEDULE", "ASKBASE", "ASKSIGNON", "ASKEQUITY",
                      "BREAKEVENGROWTH", "LEAVEVALUE", "ASKBUMP", "PROBABILITYTOCLOSE", "ACCELERATIONVALUE",
                      "OFFERODDS"}
    for (call_id, name, _, expected), result in zip(batch.calls, output["results"]):
        assert "raised" not in result, (call_id, result)
        assert_same(call_id, name, result["value"], expected)
