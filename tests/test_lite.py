"""`xlmodel lite`: a main.py for xlwings Lite that works on its own and agrees with the UDF module.

main.py runs here in a fresh interpreter where the installed xlmodel, xlmodel_udfs and
openpyxl cannot be imported, as in xlwings Lite, where only xlwings is installed.
"""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import xlmodel_udfs as udfs
from xlmodel import lite
from xlmodel.cli import main as cli_main
from xlmodel.inputs.keys import model_inputs, offer_inputs, offer_keys
from xlmodel.inputs.offers_file import load_offers

REPO = Path(__file__).resolve().parent.parent
SAMPLES = sorted((REPO / "samples").glob("*.toml"))
UDF_NAMES = ("OFFERVALUE", "OFFERTC", "VESTED", "VESTSCHEDULE", "ASKBASE", "ASKSIGNON", "ASKEQUITY",
             "BREAKEVENGROWTH", "LEAVEVALUE", "ASKBUMP", "PROBABILITYTOCLOSE", "ACCELERATIONVALUE", "OFFERODDS")
EXCEL_EPOCH_ORDINAL = 693594  # date(1899, 12, 30).toordinal()

# Runs main.py the way xlwings Lite does (as the module "main"), twice, as Lite re-runs it
# after an edit; then calls the functions listed in cases.json and prints the results as JSON.
RUNNER = r'''
import importlib.abc, json, runpy, sys

class Unavailable(importlib.abc.MetaPathFinder):
    """xlwings Lite has none of these: main.py must not need them."""
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("xlmodel", "xlmodel_udfs", "udfs", "openpyxl", "formulas"):
            raise ImportError(f"{name} is not available in xlwings Lite")

sys.meta_path.insert(0, Unavailable())
main_py, cases_json = sys.argv[1], sys.argv[2]
runpy.run_path(main_py, run_name="main")
namespace = runpy.run_path(main_py, run_name="main")
import xlmodel.engine
results = {
    "origin": xlmodel.engine.__spec__.origin,
    "functions": sorted(name for name, value in namespace.items() if name.isupper() and callable(value)),
    "sources": namespace["_XLMODEL_SOURCES"],
    "results": [namespace[name](*args) for name, args in json.load(open(cases_json))],
}
print(json.dumps(results))
'''


def serial(value):
    """Dates as Excel serial numbers, as xlwings Lite passes them."""
    return value.toordinal() - EXCEL_EPOCH_ORDINAL if hasattr(value, "toordinal") else value


def cases() -> list[tuple[str, list]]:
    """UDF calls on every offer of every sample, plus bad ones: (name, arguments)."""
    calls = []
    for path in SAMPLES:
        offers_file = load_offers(path)
        settings = offers_file.model
        model_keys = list(model_inputs(settings))
        model_values = [serial(v) for v in model_inputs(settings).values()]
        for offer in offers_file.offers:
            keys = list(offer_keys(settings.horizon_years))
            values = [offer_inputs(offer, settings.horizon_years)[k] for k in keys]
            schedule = offer.equity.schedule if offer.equity else None
            tranches = [list(t) for t in schedule.tranches] if schedule and not schedule.preset else None
            columns = [keys, values, model_keys, model_values]
            calls += [
                ("OFFERVALUE", [*columns, "pv", tranches]),
                ("OFFERVALUE", [*columns, "total", tranches]),
                ("OFFERVALUE", [*columns, "annualized", tranches]),
                ("OFFERTC", [*columns, tranches]),
                ("ASKBASE", [25000, *columns, tranches]),
                ("ASKEQUITY", [25000, *columns, tranches]),
                ("BREAKEVENGROWTH", [2_000_000, *columns, tranches]),
                ("LEAVEVALUE", [18, *columns[:4], "quit", tranches]),
                ("LEAVEVALUE", [6, *columns[:4], "cut", tranches]),
                ("ASKBUMP", [25000, *columns, None, None, tranches]),
                ("ASKBUMP", [25000, *columns, 12, 0.5, tranches]),
                ("PROBABILITYTOCLOSE", [2_000_000, *columns, tranches]),
                ("ACCELERATIONVALUE", [*columns, None, tranches]),
                ("ACCELERATIONVALUE", [*columns, [[6, 0.5], [18, 0.5]], tranches]),
                ("OFFERODDS", ["p10", *columns, tranches]),
                ("OFFERODDS", ["mean", *columns, tranches, 2, 3]),
            ]
            if schedule:
                calls += [("VESTED", [schedule.preset or tranches, 24]),
                          ("VESTSCHEDULE", [schedule.preset or tranches])]
        calls.append(("ASKSIGNON", [10000, model_keys, model_values]))
    calls += [("OFFERVALUE", [["base"], [-5]]), ("VESTED", ["nope", 12]), ("LEAVEVALUE", [6, ["base"], [1], None, None, "fired"])]
    return calls


def run_main_py(main_py: Path, tmp_path: Path, calls) -> dict:
    cases_json = tmp_path / "cases.json"
    cases_json.write_text(json.dumps(calls), encoding="utf-8")
    runner = tmp_path / "runner.py"
    runner.write_text(RUNNER, encoding="utf-8")
    result = subprocess.run([sys.executable, str(runner), str(main_py), str(cases_json)],
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lite")
    paths = lite.write_lite(folder)
    return folder, paths


def test_writes_main_py_and_requirements(written):
    folder, paths = written
    assert paths == [folder / "main.py", folder / "requirements.txt"]
    assert (folder / "requirements.txt").read_text() == "xlwings>=0.33\n"
    compile((folder / "main.py").read_text(encoding="utf-8"), "main.py", "exec")


def test_main_py_runs_without_xlmodel_and_agrees_with_the_udf_module(written, tmp_path):
    folder, _ = written
    calls = cases()
    lite_run = run_main_py(folder / "main.py", tmp_path, calls)
    assert lite_run["origin"] == "<xlmodel-lite>/xlmodel/engine.py"  # the embedded engine, not the installed one
    assert lite_run["functions"] == sorted(UDF_NAMES)
    expected = [json.loads(json.dumps(getattr(udfs, name)(*args))) for name, args in calls]
    assert lite_run["results"] == expected
    errors = [(name, r) for (name, _), r in zip(calls[:-3], expected) if isinstance(r, str) and r.startswith("#XLMODEL")]
    assert errors == []
    empty = [name for (name, _), r in zip(calls, expected) if r == "" and name == "ASKEQUITY"]
    options = [offer.name for path in SAMPLES for offer in load_offers(path).offers
               if offer.equity is not None and not offer.equity.is_rsu]
    assert options == ["Nimbus AI", "Quanta AI"]
    assert empty == ["ASKEQUITY"] * len(options)  # options: no RSU grant to extend, an empty cell
    assert [r[:10] for r in expected[-3:]] == ["#XLMODEL: "] * 3


def test_embedded_sources_are_the_packages_own(written, tmp_path):
    folder, _ = written
    sources = run_main_py(folder / "main.py", tmp_path, [])["sources"]
    package = Path(lite.__file__).parent
    assert "xlmodel.engine" in sources and "xlmodel.inputs.offers_file" in sources
    for name, text in sources.items():
        parts = name.split(".")[1:]
        as_package = package.joinpath(*parts, "__init__.py")
        source = as_package if as_package.is_file() else package.joinpath(*parts[:-1], f"{parts[-1]}.py")
        assert text == source.read_text(encoding="utf-8"), name
    # Only what the UDFs need: no command line, no workbook writer, no files on disk.
    assert not {"xlmodel.cli", "xlmodel.report", "xlmodel.resources", "xlmodel.lite"} & set(sources)
    assert not any(name.startswith("xlmodel.workbook") for name in sources)


def test_main_py_ends_with_the_udf_module_verbatim(written):
    folder, _ = written
    main_py = (folder / "main.py").read_text(encoding="utf-8")
    assert main_py.endswith(Path(udfs.__file__).read_text(encoding="utf-8"))
    tree = ast.parse(main_py)
    defined = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert set(UDF_NAMES) <= defined  # defined in main.py itself, where Lite looks for them


def test_needed_modules_follow_the_imports():
    modules = lite.needed_modules()
    assert {"", "engine", "engine.valuation", "inputs", "inputs.offers_file", "inputs.keys", "model", "schedules", "errors",
            "business_days"} <= set(modules)
    assert "cli" not in modules and "lite" not in modules


def test_literal_round_trips_awkward_text():
    for text in ["plain", "ends with a backslash \\", "has ''' quotes", 'has """ quotes', "tab\tand \\n", "crlf\r\n"]:
        assert ast.literal_eval(lite._literal(text)) == text


# --- the command -------------------------------------------------------------------------------

def test_cli_writes_then_refuses_to_overwrite_without_force(tmp_path, capsys):
    out = tmp_path / "lite"
    assert cli_main(["lite", "-o", str(out)]) == 0
    assert "main.py" in capsys.readouterr().out
    main_py = out / "main.py"
    main_py.write_text("# my edits\n")
    assert cli_main(["lite", "-o", str(out)]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"xlmodel: error: {main_py} and {out / 'requirements.txt'}: already exist; pass --force")
    assert main_py.read_text() == "# my edits\n"  # untouched
    assert cli_main(["lite", "-o", str(out), "--force"]) == 0
    assert main_py.read_text(encoding="utf-8") == lite.main_py()


def test_cli_refuses_when_one_file_exists(tmp_path, capsys):
    (tmp_path / "requirements.txt").write_text("pandas\n")
    assert cli_main(["lite", "-o", str(tmp_path)]) == 2
    assert f"{tmp_path / 'requirements.txt'}: already exists; pass --force" in capsys.readouterr().err
    assert not (tmp_path / "main.py").exists()  # nothing half-written


def test_cli_refuses_a_file_as_the_folder(tmp_path, capsys):
    target = tmp_path / "file.txt"
    target.write_text("x")
    assert cli_main(["lite", "-o", str(target)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


def test_cli_default_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli_main(["lite"]) == 0
    assert (tmp_path / "xlmodel-lite" / "main.py").is_file()
    assert (tmp_path / "xlmodel-lite" / "requirements.txt").is_file()


def test_lite_command_is_in_the_help(capsys):
    with pytest.raises(SystemExit):
        cli_main(["--help"])
    assert "lite" in capsys.readouterr().out
