#!/usr/bin/env python3
"""xlmodel benchmarks: every figure measured side by side, in one run, against its floor.

    python benchmarks/run.py                    # full run (a few minutes); writes benchmarks/results.json
    python benchmarks/run.py --quick            # smoke mode: few runs, small sizes, no JSON unless --json
    python benchmarks/run.py --no-libreoffice   # skip section 3 (LibreOffice)

Sections, each printed as a table, then one table of goals (measured, goal, MET / NOT MET):

1. `xlmodel build` as a whole process (`python -m xlmodel build -o TMP --force`, the default
   sample) against its floor: a bare Python process that imports xlsxwriter and writes as many
   formula cells as the built workbook has, of the same average formula length, each with a
   stored value, into one workbook in memory, then to disk. Median of N runs each, interleaved
   so that drift hits both alike. Goal: build within 1.3x the floor. Then where the time goes:
   the phases of a build timed inside one process, the imports (`python -X importtime`),
   whether the build pulls in modules it does not need, and the hot spots (cProfile).
2. One OFFERVALUE call (the Excel function in udfs/xlmodel_udfs.py), median per call over many
   calls made the way Excel makes them (columns of cells). Goal: under 1 ms. And the engine
   alone (`engine.value_offer`) over 10,000 generated, varied offers (no goal: for reference).
3. LibreOffice's full recalculation of the workbook, through UNO (benchmarks/uno_recalc.py run
   by /usr/bin/python3, which has LibreOffice's `uno` module): each file loaded hidden, then
   `calculateAll()` timed several times (median), for 1 and 8 offers over 2, 4, 6, 8 and 10
   years (offers cycling Amazon's back-loaded RSUs with a fallback, a start-up's options with
   a strike, and RSUs with refreshers). Goals: 10 years within 6x the time of 2 years, for
   1 and for 8 offers; 8 offers x 10 years under 0.1 s. Where the time goes: the 8 x 10
   workbook again with one sheet's formulas replaced by their values, sheet by sheet.
4. How the workbook grows: bytes and formulas (cells whose text starts with "=") as the horizon
   grows (1 to 10 years, 2 offers) and as the offers grow (1 to 8, 4 years), with a linearity
   measure: R^2 of a least-squares line and the spread of the successive differences.

Bytecode: the subprocesses of section 1 run with a private bytecode cache (PYTHONPYCACHEPREFIX,
warmed before timing), as an installed package has; PYTHONDONTWRITEBYTECODE in the caller's
environment would otherwise make every run recompile xlmodel while xlsxwriter, in site-packages,
keeps its cache. When that variable is set, the uncached build is timed as well, for reference.

Times are measured here only; the tests never assert on them (tests/test_benchmarks_smoke.py
only runs --quick to prove the script works).
"""
from __future__ import annotations

import argparse
import copy
import cProfile
import datetime as dt
import json
import os
import platform
import pstats
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from pathlib import Path
from typing import Any, Callable, Optional
from xml.etree import ElementTree

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import openpyxl  # noqa: E402  (after the path: the checkout's xlmodel, not an installed copy)
import xlsxwriter  # noqa: E402

from xlmodel import engine  # noqa: E402
from xlmodel.inputs.offers_file import load_offers, parse_offers  # noqa: E402
from xlmodel.resources import default_sample  # noqa: E402
from xlmodel.toml_writer import dumps  # noqa: E402

RESULTS_JSON = REPO / "benchmarks" / "results.json"
SHEET_XML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

BUILD_GOAL_RATIO = 1.3  # build process time / the bare XlsxWriter process's time
OFFERVALUE_GOAL_MS = 1.0  # per call
WHOLE_COLUMN_GOAL_MS = 100.0  # one call whose ranges are whole columns: the function itself, not Excel's read
RECALC_GROWTH_GOAL = 6.0  # calculateAll at 10 years / at 2 years
RECALC_LARGEST_GOAL_S = 0.1  # calculateAll of 8 offers x 10 years
UNO_PYTHON = "/usr/bin/python3"  # the Python LibreOffice's uno module is installed for (python3-uno)

# How much work each mode does: (full, quick).
SETTINGS = {
    "build_runs": (15, 3),
    "phase_runs": (5, 1),
    "udf_calls": (5000, 300),
    "engine_offers": (10_000, 500),
    "engine_passes": (3, 1),
    "uno_runs": (21, 3),
    "recalc_years": ((2, 4, 6, 8, 10), (2, 4)),
    "recalc_offers": ((1, 8), (1, 2)),
    "years": (tuple(range(1, 11)), (1, 2, 3)),
    "offer_counts": (tuple(range(1, 9)), (1, 2, 3)),
}
SCALING_OFFERS = 2  # offers while the horizon grows
SCALING_YEARS = 4  # years while the offers grow


# --- small helpers ------------------------------------------------------------------------------

def median(values: list[float]) -> float:
    return statistics.median(values)


def verdict(met: Optional[bool]) -> str:
    return "n/a" if met is None else ("MET" if met else "NOT MET")


def table(headers: list[str], rows: list[list[Any]], indent: str = "  ") -> str:
    """A plain-text table: text columns left-aligned, numbers right-aligned."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [len(cells) > 1 and all(_looks_numeric(row[i]) or not row[i] for row in cells[1:])
               for i in range(len(headers))]

    def line(row):
        return indent + "  ".join(c.rjust(w) if num else c.ljust(w)
                                  for c, w, num in zip(row, widths, numeric)).rstrip()
    rule = indent + "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule] + [line(row) for row in cells[1:]])


def _looks_numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[-+]?[\d,]*\.?\d+(e[-+]?\d+)?\s*(ms|s|µs|x|%|KB|B)?", text.strip()))


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms"


def heading(text: str) -> None:
    print(f"\n{text}\n{'=' * len(text)}")


def interleaved(commands: dict[str, Callable[[], float]], runs: int) -> dict[str, list[float]]:
    """Run each timed command `runs` times, round-robin, starting one later each round."""
    names = list(commands)
    times: dict[str, list[float]] = {name: [] for name in names}
    for i in range(runs):
        for name in names[i % len(names):] + names[:i % len(names)]:
            times[name].append(commands[name]())
    return times


def spread(times: list[float]) -> dict[str, float]:
    return {"median": median(times), "min": min(times), "max": max(times), "runs": len(times)}


# --- offers files, written programmatically ------------------------------------------------------

def to_toml(document: dict) -> str:
    """An offers file as TOML, by the project's writer (the one `xlmodel read` uses)."""
    return dumps(document)


def sample_document() -> dict:
    with open(default_sample(), "rb") as handle:
        return tomllib.load(handle)


def offers_document(template: dict, horizon_years: int, offer_count: int) -> dict:
    """The template with `horizon_years` and `offer_count` offers: its own offers in turn,
    renamed "Amazon 2", "Nimbus AI 2", ... once they repeat; sign-ons cut to the horizon."""
    document = copy.deepcopy(template)
    document["model"]["horizon_years"] = horizon_years
    originals = template["offers"]
    offers = []
    for i in range(offer_count):
        offer = copy.deepcopy(originals[i % len(originals)])
        if i >= len(originals):
            offer["name"] = f"{offer['name']} {i // len(originals) + 1}"
        if isinstance(offer.get("signon"), list):
            offer["signon"] = offer["signon"][:horizon_years]
        offers.append(offer)
    document["offers"] = offers
    if document["model"].get("target") not in {o["name"] for o in offers}:
        document["model"]["target"] = offers[0]["name"]
    return document


SCHEDULE_CHOICES = ("amazon", "standard", "quarterly-cliff", "meta", "google",
                    {"yearly": [0.4, 0.3, 0.2, 0.1], "every_months": 3},
                    {"months": 12, "every_months": 1, "cliff_months": 6},
                    {"tranches": [[6, 0.5], [18, 0.25], [30, 0.25]]})


def varied_offers(count: int, seed: int = 2026) -> list[tuple[dict, dict]]:
    """`count` (model, offer) tables for the engine: every sample offer in turn, with its pay,
    growth, schedule, horizon (1 to 10 years), discounting, refreshers and fallback varied."""
    rng = random.Random(seed)
    templates = []
    for path in sorted((REPO / "samples").glob("*.toml")):
        with open(path, "rb") as handle:
            templates += tomllib.load(handle)["offers"]
    tables = []
    for i in range(count):
        horizon = rng.randint(1, 10)
        offer = copy.deepcopy(templates[i % len(templates)])
        offer["name"] = f"{offer['name']} #{i}"
        offer.pop("tax_location", None)  # the engine's pre-tax figures: no [tax] table here
        offer["base"] = round(offer["base"] * rng.uniform(0.8, 1.25), -2)
        offer["annual_raise"] = round(rng.uniform(0.0, 0.06), 3)
        if "signon" in offer:
            signon = offer["signon"] if isinstance(offer["signon"], list) else [offer["signon"]]
            offer["signon"] = [round(x * rng.uniform(0.5, 1.5), -2) for x in signon][:horizon]
        equity = offer.get("equity")
        if equity is not None:
            equity["growth"] = round(rng.uniform(-0.2, 0.4), 3)
            equity["price"] = round(equity["price"] * rng.uniform(0.7, 1.3), 2)
            equity["schedule"] = copy.deepcopy(rng.choice(SCHEDULE_CHOICES))
            if rng.random() < 0.3:
                equity["refresh_value"] = round(rng.uniform(10_000, 100_000), -3)
            if rng.random() < 0.1:
                del offer["equity"]
        if "fallback" not in offer and rng.random() < 0.3:
            offer["fallback"] = {"bump": round(rng.uniform(0.05, 0.2), 2), "after_months": rng.randint(3, 24),
                                 "probability": round(rng.random(), 2), "guaranteed_months": 12}
        model = {"start_date": dt.date(2027, 1, 4), "horizon_years": horizon,
                 "discount_rate": round(rng.uniform(0.0, 0.1), 3)}
        tables.append((model, offer))
    return tables


def parse_one(model: dict, offer: dict):
    """(Offer, ModelSettings), checked as an offers file with one offer (as the UDFs do)."""
    offers_file = parse_offers({"model": model, "offers": [offer], "scenarios": [{"name": "Base"}]}, "<bench>")
    return offers_file.offers[0], offers_file.model


def build_file(offers_path: Path, output: Path) -> float:
    """Build the workbook in this process; the seconds it took (build and save)."""
    from xlmodel.workbook import build_workbook, save_workbook
    start = time.perf_counter()
    save_workbook(build_workbook(load_offers(offers_path)), output, force=True)
    return time.perf_counter() - start


def count_cells(path: Path) -> dict[str, dict[str, int]]:
    """Per sheet: cells that hold something, and formulas (text that starts with "=")."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    counts = {}
    for sheet in workbook.worksheets:
        filled = formulas = 0
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if value is None:
                    continue
                filled += 1
                text = getattr(value, "text", value)  # an ArrayFormula keeps its formula in .text
                if isinstance(text, str) and text.startswith("="):
                    formulas += 1
        counts[sheet.title] = {"cells": filled, "formulas": formulas}
    workbook.close()
    return counts


# --- section 1: xlmodel build against its floor, a bare XlsxWriter process ----------------------

PHASES_CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
import xlsxwriter
t1 = time.perf_counter()
import xlmodel.cli
t2 = time.perf_counter()
from xlmodel.workbook import build_workbook, save_workbook
t3 = time.perf_counter()
from xlmodel.inputs.offers_file import load_offers
from xlmodel.resources import default_sample
offers = load_offers(default_sample())
t4 = time.perf_counter()
workbook = build_workbook(offers)
t5 = time.perf_counter()
save_workbook(workbook, sys.argv[1], force=True)
t6 = time.perf_counter()
print(json.dumps({
    "phases": {"import xlsxwriter": t1 - t0, "import xlmodel.cli": t2 - t1, "import xlmodel.workbook": t3 - t2,
               "read the offers file": t4 - t3, "build_workbook (the .xlsx in memory)": t5 - t4,
               "save_workbook (write it to disk)": t6 - t5},
    "modules": sorted(sys.modules),
}))
"""

# The floor: what any program pays to write this many formulas with XlsxWriter, and nothing more.
FLOOR_CHILD = r"""
import io, sys
import xlsxwriter
cells, length, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
body = "1" + "+1" * ((length - 1) // 2)
body += "0" * (length - len(body))  # "1+1+...+10": exactly `length` characters
buffer = io.BytesIO()
workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
sheet = workbook.add_worksheet()
for i in range(cells):
    sheet.write_formula(i // 50, i % 50, "=" + body, None, float(i))
workbook.close()
with open(path, "wb") as out:
    out.write(buffer.getvalue())
"""
FLOOR_MODULES_CHILD = "import io, json, sys, xlsxwriter; print(json.dumps(sorted(sys.modules)))"


def formula_stats(path: Path) -> dict[str, Any]:
    """The formula cells of a built workbook, from its sheet XML: how many, and their mean length
    (the text of <f>, without the leading "=")."""
    lengths = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet") and name.endswith(".xml"):
                root = ElementTree.fromstring(archive.read(name))
                lengths += [len(f.text or "") for f in root.iter(f"{{{SHEET_XML}}}f")]
    return {"formulas": len(lengths), "mean_length": sum(lengths) / len(lengths) if lengths else 0.0}


def python_env(cache_dir: Optional[Path]) -> dict[str, str]:
    """The environment for the subprocesses: this checkout first on the path; a private,
    writable bytecode cache when `cache_dir` is given."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    if cache_dir is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(cache_dir)
    return env


def timed_process(command: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.strip()}")
    return elapsed


def parse_importtime(stderr: str) -> list[tuple[int, str, float, float]]:
    """(depth, module, self ms, cumulative ms) from `python -X importtime` output, each module
    before the modules it imported (Python prints them after)."""
    roots: list[tuple[tuple, list]] = []
    for line in stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( +)(\S+)$", line)
        if not match:
            continue
        entry = ((len(match[3]) - 1) // 2, match[4], int(match[1]) / 1e3, int(match[2]) / 1e3)
        children = []
        while roots and roots[-1][0][0] > entry[0]:
            children.insert(0, roots.pop())
        roots.append((entry, children))

    def walk(nodes):
        for entry, children in nodes:
            yield entry
            yield from walk(children)
    return list(walk(roots))


def profile_build() -> dict[str, Any]:
    """cProfile of build_workbook and save_workbook on the default sample, in this process
    (after one warm-up build, so imports are not counted). Times are inflated by the profiler:
    read them as shares."""
    from xlmodel.workbook import build_workbook, save_workbook
    offers = load_offers(default_sample())
    build_workbook(offers)
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="xlmodel-bench-") as tmp:
        built = build_workbook(offers)
        for phase, run in (("build", lambda: build_workbook(offers)),
                           ("save", lambda: save_workbook(built, Path(tmp) / "profiled.xlsx", force=True))):
            profiler = cProfile.Profile()
            profiler.enable()
            run()
            profiler.disable()
            stats = pstats.Stats(profiler).stats  # {(file, line, function): (cc, nc, tottime, cumtime, callers)}
            total = sum(entry[2] for entry in stats.values())
            functions = [{"function": f"{_short(file)}:{name}", "calls": nc, "self_s": tt, "cumulative_s": ct}
                         for (file, _, name), (_, nc, tt, ct, _) in stats.items()]
            report[phase] = {"profiled_s": total, "functions": functions}
    build = report["build"]
    build["sheets"] = {_sheet_of(f["function"]): f["cumulative_s"] for f in build["functions"]
                       if f["function"].endswith("_sheet.py:write")}
    return report


def _short(file: str) -> str:
    for marker in ("xlmodel/", "xlsxwriter/"):
        if marker in file:
            return marker + file.split(marker, 1)[1]
    return file.rsplit("/", 1)[-1]


def _sheet_of(function: str) -> str:
    return function.split("/")[-1].split("_sheet.py")[0].capitalize()


def bench_build(runs: int, phase_runs: int, tmp: Path) -> dict[str, Any]:
    cache = tmp / "pycache"
    env = python_env(cache)
    output = tmp / "offer_model.xlsx"
    build = [sys.executable, "-m", "xlmodel", "build", "-o", str(output), "--force"]
    timed_process(build, env, tmp)  # warm the bytecode cache and the disk cache; the file to measure
    stats = formula_stats(output)
    floor = [sys.executable, "-c", FLOOR_CHILD, str(stats["formulas"]), str(round(stats["mean_length"])),
             str(tmp / "floor.xlsx")]
    timed_process(floor, env, tmp)
    floor_stats = formula_stats(tmp / "floor.xlsx")
    commands = {"python -m xlmodel build -o TMP --force": lambda: timed_process(build, env, tmp),
                "floor: bare XlsxWriter, same formulas": lambda: timed_process(floor, env, tmp)}
    uncached = "PYTHONDONTWRITEBYTECODE" in os.environ and runs >= 5
    if uncached:
        raw_env = python_env(None)
        commands["build, no bytecode cache (as this shell runs it)"] = lambda: timed_process(build, raw_env, tmp)
    times = interleaved(commands, runs)
    names = list(commands)
    result: dict[str, Any] = {"runs": runs, "build": spread(times[names[0]]), "floor": spread(times[names[1]]),
                              "formulas": stats["formulas"], "mean_formula_length": stats["mean_length"],
                              "floor_formulas": floor_stats["formulas"],
                              "floor_mean_formula_length": floor_stats["mean_length"],
                              "bytes": output.stat().st_size, "floor_bytes": (tmp / "floor.xlsx").stat().st_size}
    if uncached:
        result["build_without_bytecode_cache"] = spread(times[names[2]])
    result["ratio"] = result["build"]["median"] / result["floor"]["median"]

    # Where the time goes: phases inside one process, the rest is interpreter start-up and exit.
    samples = []
    for _ in range(phase_runs):
        start = time.perf_counter()
        child = subprocess.run([sys.executable, "-c", PHASES_CHILD, str(tmp / "phases.xlsx")], env=env, cwd=tmp,
                               capture_output=True, text=True, check=True)
        wall = time.perf_counter() - start
        sample = json.loads(child.stdout)
        sample["phases"]["interpreter start-up and exit"] = wall - sum(sample["phases"].values())
        samples.append(sample)
    phases = {name: median([s["phases"][name] for s in samples]) for name in samples[0]["phases"]}
    floor_modules = set(json.loads(subprocess.run([sys.executable, "-c", FLOOR_MODULES_CHILD], env=env, cwd=tmp,
                                                  capture_output=True, text=True, check=True).stdout))
    build_modules = set(samples[0]["modules"])
    extra = sorted(build_modules - floor_modules)
    heavy = {name: name in build_modules for name in ("numpy", "pandas", "openpyxl", "xlwings", "formulas",
                                                      "xlmodel_udfs", "xlmodel.pdf_export", "xlmodel.lite",
                                                      "xlmodel.report")}
    importtime = subprocess.run([sys.executable, "-X", "importtime", *build[1:]], env=env, cwd=tmp,
                                capture_output=True, text=True, check=True).stderr
    result.update({
        "phases": phases,
        "modules_beyond_floor": {"count": len(extra),
                                 "packages": sorted({m.split(".")[0] for m in extra})},
        "heavy_modules_imported": heavy,
        "importtime": [{"depth": d, "module": m, "self_ms": s, "cumulative_ms": c}
                       for d, m, s, c in parse_importtime(importtime)
                       if c >= 1.0 and (d == 0 or m.startswith("xlmodel") or m == "xlsxwriter")],
        "profile": profile_build(),
    })
    return result


def print_build(result: dict[str, Any]) -> None:
    heading("1. xlmodel build (whole process) against its floor, a bare XlsxWriter process")
    rows = [["python -m xlmodel build -o TMP --force", ms(result["build"]["median"]), ms(result["build"]["min"]),
             ms(result["build"]["max"]), result["build"]["runs"]],
            ["floor: python, import xlsxwriter, the same formulas", ms(result["floor"]["median"]),
             ms(result["floor"]["min"]), ms(result["floor"]["max"]), result["floor"]["runs"]]]
    if "build_without_bytecode_cache" in result:
        b = result["build_without_bytecode_cache"]
        rows.append(["build, no bytecode cache (PYTHONDONTWRITEBYTECODE=1)", ms(b["median"]), ms(b["min"]),
                     ms(b["max"]), b["runs"]])
    print(table(["process", "median", "min", "max", "runs"], rows))
    print(f"  the floor writes {result['floor_formulas']:,} formulas of {result['floor_mean_formula_length']:.1f} "
          f"characters, each with a stored value (the build's: {result['formulas']:,} of "
          f"{result['mean_formula_length']:.1f}); {result['floor_bytes']:,} bytes against the build's "
          f"{result['bytes']:,}")
    print(f"  build / floor = {result['ratio']:.2f}x (goal <= {BUILD_GOAL_RATIO}x; "
          f"budget above the floor {ms((BUILD_GOAL_RATIO - 1) * result['floor']['median'])}, "
          f"used {ms(result['build']['median'] - result['floor']['median'])})")

    print(f"\n  Where a build's time goes (phases timed inside the process, median of {result['phase_runs']} runs):")
    phases = result["phases"]
    total = sum(phases.values())
    order = ["interpreter start-up and exit"] + [k for k in phases if k != "interpreter start-up and exit"]
    print(table(["phase", "time", "share"],
                [[name, ms(phases[name]), f"{100 * phases[name] / total:.0f}%"] for name in order]
                + [["total", ms(total), "100%"]]))
    print(f"  per formula: build and write in memory "
          f"{1e6 * phases['build_workbook (the .xlsx in memory)'] / result['formulas']:.1f} µs")

    heavy = result["heavy_modules_imported"]
    print("\n  Imports: modules loaded by the build beyond the floor's: "
          f"{result['modules_beyond_floor']['count']} (packages: {', '.join(result['modules_beyond_floor']['packages'])})")
    print("  " + ", ".join(f"{name} {'yes' if used else 'no'}" for name, used in heavy.items()))
    notes = {"site": "  (start-up: site-packages .pth hooks; the floor pays it too)",
             "xlsxwriter": "  (the floor's own import)"}
    print(table(["python -X importtime of the build (top level, xlmodel.*, xlsxwriter; >= 1 ms)", "self", "cumulative"],
                [["  " * e["depth"] + e["module"] + notes.get(e["module"], ""), f"{e['self_ms']:.1f} ms",
                  f"{e['cumulative_ms']:.1f} ms"] for e in result["importtime"]]))

    profile = result["profile"]
    build = profile["build"]
    print(f"\n  Hot spots (cProfile, profiled build {ms(build['profiled_s'])}, save {ms(profile['save']['profiled_s'])}):")
    print(table(["sheet writer (xlmodel/workbook)", "cumulative", "share of build"],
                [[name, ms(t), f"{100 * t / build['profiled_s']:.0f}%"]
                 for name, t in sorted(build["sheets"].items(), key=lambda kv: -kv[1])]))
    top = sorted((f for f in build["functions"] if f["function"].startswith("xlmodel/workbook")
                  and not f["function"].endswith(("builder.py:build_workbook", "_sheet.py:write"))),
                 key=lambda f: -f["cumulative_s"])[:6]
    top_writer = sorted((f for f in build["functions"] + profile["save"]["functions"]
                         if f["function"].startswith("xlsxwriter")), key=lambda f: -f["self_s"])[:5]
    print(table(["function", "calls", "cumulative", "self"],
                [[f["function"], f"{f['calls']:,}", ms(f["cumulative_s"]), ms(f["self_s"])] for f in top + top_writer]))


# --- section 2: OFFERVALUE and the engine ---------------------------------------------------------

def udf_calls() -> tuple[Optional[Callable], list[tuple[tuple, float]], str]:
    """OFFERVALUE and, for every sample offer, its arguments as Excel passes them (ndim=2 columns)
    with the engine's PV to check the answer. Without the UDF module: parse_offers + value_offer."""
    from xlmodel.inputs.keys import model_inputs, offer_inputs, offer_keys
    calls = []
    try:
        from xlmodel_udfs import OFFERVALUE
        how = "xlmodel_udfs.OFFERVALUE(keys, values, model_keys, model_values, 'pv', tranches)"
    except (ImportError, AttributeError) as error:
        OFFERVALUE = None
        how = f"OFFERVALUE not available ({error}): timed parse_offers + engine.value_offer instead"
    for path in sorted((REPO / "samples").glob("*.toml")):
        offers_file = load_offers(path)
        horizon = offers_file.model.horizon_years
        model = model_inputs(offers_file.model)
        for offer in offers_file.offers:
            keys = list(offer_keys(horizon))
            inputs = offer_inputs(offer, horizon)
            custom = offer.equity is not None and offer.equity.schedule.preset is None
            tranches = [[m, f] for m, f in offer.equity.schedule.tranches] if custom else None
            args = ([[k] for k in keys], [[inputs[k]] for k in keys],
                    [[k] for k in model], [[v] for v in model.values()], "pv", tranches)
            calls.append((args, engine.value_offer(offer, offers_file.model).pv))
    if OFFERVALUE is None:
        with open(default_sample(), "rb") as handle:
            document = tomllib.load(handle)
        model = {k: v for k, v in document["model"].items() if k != "target"}
        calls = [((model, offer), None) for offer in document["offers"]]
        return (lambda model, offer: engine.value_offer(*parse_one(model, offer)).pv), calls, how
    return OFFERVALUE, calls, how


def per_call_times(function: Callable, argument_sets: list[tuple], count: int) -> list[float]:
    clock = time.perf_counter
    times = []
    for i in range(count):
        args = argument_sets[i % len(argument_sets)]
        start = clock()
        function(*args)
        times.append(clock() - start)
    return times


EXCEL_ROWS = 1_048_576
WHOLE_COLUMN_RUNS = 5


def whole_column_call(function: Callable, args: tuple) -> dict[str, Any]:
    """The same OFFERVALUE call on small ranges and on whole columns (A:A), side by side.

    A whole column arrives (ndim=2) as a row per cell, blanks as None down to row 1,048,576:
    each blank row a list of its own, as xlwings builds them. Only the function is timed."""
    def whole(cells):
        return cells + [[None] for _ in range(EXCEL_ROWS - len(cells))] if isinstance(cells, list) else cells
    keys, values, model_keys, model_values, *rest = args
    whole_args = (whole(keys), whole(values), whole(model_keys), whole(model_values), *rest)
    small_times, whole_times = [], []
    for _ in range(WHOLE_COLUMN_RUNS):
        for arguments, times in ((args, small_times), (whole_args, whole_times)):
            start = time.perf_counter()
            result = function(*arguments)
            times.append(time.perf_counter() - start)
    return {"rows": EXCEL_ROWS, "runs": WHOLE_COLUMN_RUNS, "small_median_ms": 1e3 * median(small_times),
            "whole_median_ms": 1e3 * median(whole_times), "same_result": function(*whole_args) == function(*args)}


def bench_functions(udf_count: int, engine_offers: int, engine_passes: int) -> dict[str, Any]:
    function, calls, how = udf_calls()
    mismatches = [expected for args, expected in calls
                  if expected is not None and abs(function(*args) - expected) > 1e-6 * max(1.0, abs(expected))]
    argument_sets = [args for args, _ in calls]
    per_call_times(function, argument_sets, 50)  # warm-up
    udf = sorted(per_call_times(function, argument_sets, udf_count))

    # The engine alone on the same offers, to show what the UDF adds (reading the cells, checking).
    pairs = [(offer, offers_file.model) for path in sorted((REPO / "samples").glob("*.toml"))
             for offers_file in [load_offers(path)] for offer in offers_file.offers]
    engine_only = per_call_times(engine.value_offer, pairs, udf_count)

    tables = varied_offers(engine_offers)
    start = time.perf_counter()
    parsed = [parse_one(model, offer) for model, offer in tables]
    parse_s = time.perf_counter() - start
    pass_times = []
    for _ in range(engine_passes):
        start = time.perf_counter()
        for offer, settings in parsed:
            engine.value_offer(offer, settings)
        pass_times.append(time.perf_counter() - start)
    months = sum(settings.months for _, settings in parsed)
    whole = whole_column_call(function, argument_sets[0]) if how.startswith("xlmodel_udfs") else None
    return {
        "whole_column": whole,
        "offervalue": {"how": how, "calls": udf_count, "distinct_offers": len(calls),
                       "median_ms": 1e3 * median(udf), "p95_ms": 1e3 * udf[int(0.95 * (len(udf) - 1))],
                       "min_ms": 1e3 * udf[0], "mismatches": len(mismatches),
                       "engine_value_offer_median_ms": 1e3 * median(engine_only)},
        "engine": {"offers": len(parsed), "passes": engine_passes, "total_s": median(pass_times),
                   "per_offer_ms": 1e3 * median(pass_times) / len(parsed),
                   "mean_horizon_years": months / 12 / len(parsed),
                   "parse_total_s": parse_s},
    }


def print_functions(result: dict[str, Any]) -> None:
    heading("2. OFFERVALUE (one call) and the engine (10,000 offers)")
    udf, eng = result["offervalue"], result["engine"]
    print(f"  {udf['how']}")
    print(f"  {udf['calls']:,} calls cycling over {udf['distinct_offers']} sample offers, each timed on its own"
          + ("" if not udf["mismatches"] else f"; WARNING: {udf['mismatches']} answers differ from the engine"))
    print(table(["what", "median", "p95", "min"],
                [["OFFERVALUE, per call", f"{udf['median_ms']:.3f} ms", f"{udf['p95_ms']:.3f} ms",
                  f"{udf['min_ms']:.3f} ms"],
                 ["engine.value_offer alone, per call", f"{udf['engine_value_offer_median_ms']:.3f} ms", "", ""]]))
    whole = result.get("whole_column")
    if whole:
        print(table(["OFFERVALUE, same offer", "median", "result"],
                    [["small ranges (A5:A40 and beside)", f"{whole['small_median_ms']:.3f} ms", ""],
                     [f"whole columns (keys, values, model keys and values: {whole['rows']:,} rows each)", f"{whole['whole_median_ms']:.1f} ms",
                      "same" if whole["same_result"] else "DIFFERENT"]]))
    print(table(["engine over generated offers", "offers", "total", "per offer"],
                [[f"value_offer (median of {eng['passes']} passes; horizons 1-10, mean {eng['mean_horizon_years']:.1f} y)",
                  f"{eng['offers']:,}", f"{eng['total_s']:.3f} s", f"{eng['per_offer_ms']:.3f} ms"],
                 ["parse_offers (checking the same offers, once)", f"{eng['offers']:,}", f"{eng['parse_total_s']:.3f} s",
                  f"{1e3 * eng['parse_total_s'] / eng['offers']:.3f} ms"]]))


# --- section 3: LibreOffice's full recalculation, through UNO -----------------------------------------

def recalculation_templates() -> list[dict]:
    """The offers the recalculated workbooks cycle through: Amazon's back-loaded RSUs with a fallback
    and the start-up's options with a strike (the default sample), Google's RSUs with refreshers."""
    with open(REPO / "samples" / "three_way.toml", "rb") as handle:
        refreshed = next(o for o in tomllib.load(handle)["offers"] if o["name"] == "Google")
    return sample_document()["offers"] + [refreshed]


def recalculation_document(horizon_years: int, offer_count: int) -> dict:
    return offers_document({**sample_document(), "offers": recalculation_templates()}, horizon_years, offer_count)


_FORMULA_CELL = re.compile(r"<c ([^>]*?)(?<!/)>(.*?)</c>", re.S)  # not an empty <c .../>
_FORMULA = re.compile(r"<f[^>]*/>|<f[^>]*>.*?</f>", re.S)


def _frozen_cell(match: re.Match) -> str:
    attributes, inner = match[1], match[2]
    if "<f" not in inner:
        return match[0]
    inner = _FORMULA.sub("", inner)
    if 't="str"' in attributes:  # a formula's text result: an inline string once the formula is gone
        value = re.search(r"<v>(.*?)</v>", inner, re.S)
        text = value[1] if value else ""
        inline = attributes.replace('t="str"', 't="inlineStr"')
        return f'<c {inline}><is><t xml:space="preserve">{text}</t></is></c>'
    if "<v></v>" in inner or "<v/>" in inner or "<v>" not in inner:  # an empty result: an empty cell
        return f"<c {attributes}/>"
    return f"<c {attributes}>{inner}</c>"


def frozen_copy(path: Path, sheet_names: list[str], target: Path) -> Path:
    """A copy of the workbook with the named sheets' formulas replaced by their stored results (which
    tests/test_stored_results.py proves are LibreOffice's own): recalculating it costs what the other
    sheets' formulas cost."""
    with zipfile.ZipFile(path) as archive:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {rel.get("Id"): rel.get("Target")
                   for rel in rels.iter("{http://schemas.openxmlformats.org/package/2006/relationships}Relationship")}
        rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        parts = {"xl/" + targets[sheet.get(rid)] for sheet in book.iter(f"{{{SHEET_XML}}}sheet")
                 if sheet.get("name") in sheet_names}
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for item in archive.infolist():
                data = archive.read(item)
                if item.filename in parts:
                    data = _FORMULA_CELL.sub(_frozen_cell, data.decode("utf-8")).encode("utf-8")
                out.writestr(item, data)
    return target


def sheet_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    return [sheet.get("name") for sheet in book.iter(f"{{{SHEET_XML}}}sheet")]


def uno_available() -> Optional[str]:
    """None when /usr/bin/python3 can import uno; otherwise why not."""
    try:
        found = subprocess.run([UNO_PYTHON, "-c", "import uno"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"{UNO_PYTHON} not runnable ({error})"
    if found.returncode != 0:
        return f"{UNO_PYTHON} cannot import uno (Debian: apt-get install python3-uno)"
    return None


OPTIONS_REFRESHER = 40_000  # the extra series: the start-up's options with a yearly refresher grant


def recalculation_series(offer_counts: tuple[int, ...]) -> dict[str, dict[str, Any]]:
    """The workbooks of section 3, by series: the goals' (1 and 8 offers cycling the sample offers),
    and one beyond them, a single options offer with refreshers (the equity formula's costliest branch)."""
    series = {f"{count} offer{'s' * (count > 1)}": {"goal": True, "document": (lambda h, c=count: recalculation_document(h, c))}
              for count in offer_counts}

    def options_with_refreshers(horizon: int) -> dict:
        document = recalculation_document(horizon, 2)
        options = copy.deepcopy(document["offers"][1])
        options["equity"]["refresh_value"] = OPTIONS_REFRESHER
        document["offers"] = [options]
        document["model"]["target"] = options["name"]
        return document
    series["1 offer: options with refreshers"] = {"goal": False, "document": options_with_refreshers}
    return series


def bench_recalculation(runs: int, years: tuple[int, ...], offer_counts: tuple[int, ...], tmp: Path) -> dict[str, Any]:
    from xlmodel.errors import InputError
    from xlmodel.libreoffice import profile, soffice
    from xlmodel.workbook import build_workbook, save_workbook
    try:
        office = soffice()
    except InputError as error:
        return {"skipped": error.message}
    missing = uno_available()
    if missing:
        return {"skipped": missing}
    series = recalculation_series(offer_counts)
    files = {}
    for s, (name, spec) in enumerate(series.items()):
        for horizon in years:
            offers_file = parse_offers(spec["document"](horizon), f"<{name} x {horizon} years>")
            files[(name, horizon)] = save_workbook(build_workbook(offers_file), tmp / f"recalc-{s}-{horizon}.xlsx",
                                                   force=True)
    # Where the time goes, at the shortest and longest horizon: each sheet's formulas alone (every
    # other sheet's replaced by their values), and the whole workbook less one sheet's formulas.
    corners = [(name, horizon) for name in series for horizon in (min(years), max(years))]
    variants: dict[tuple[str, int], dict[str, dict[str, Path]]] = {}
    for name, horizon in corners:
        path = files[(name, horizon)]
        names = sheet_names(path)
        stem = str(path)[:-len(".xlsx")]
        variants[(name, horizon)] = {
            "alone": {sheet: frozen_copy(path, [n for n in names if n != sheet], Path(f"{stem}-alone-{i}.xlsx"))
                      for i, sheet in enumerate(names)},
            "without": {sheet: frozen_copy(path, [sheet], Path(f"{stem}-without-{i}.xlsx"))
                        for i, sheet in enumerate(names)},
            "no formula": {"": frozen_copy(path, names, Path(f"{stem}-values.xlsx"))}}
    every_file = list(files.values()) + [p for kinds in variants.values() for paths in kinds.values()
                                          for p in paths.values()]
    job = {"soffice": office, "profile": profile(tmp / "uno-profile"), "runs": runs, "files": [str(p) for p in every_file]}
    (tmp / "uno-job.json").write_text(json.dumps(job))
    child = subprocess.run([UNO_PYTHON, str(REPO / "benchmarks" / "uno_recalc.py"), str(tmp / "uno-job.json")],
                           capture_output=True, text=True, timeout=3600)
    if child.returncode != 0:
        raise RuntimeError(f"uno_recalc.py failed ({child.returncode}): {child.stderr.strip()[-2000:]}")
    timings = json.loads(child.stdout)["files"]
    rows = []
    for (name, horizon), path in files.items():
        stats = formula_stats(path)
        rows.append({"series": name, "years": horizon, "formulas": stats["formulas"], **spread(timings[str(path)])})
    by_point = {(r["series"], r["years"]): r for r in rows}
    growth = {name: {"time": by_point[(name, max(years))]["median"] / by_point[(name, min(years))]["median"],
                     "formulas": by_point[(name, max(years))]["formulas"] / by_point[(name, min(years))]["formulas"],
                     "goal": spec["goal"]}
              for name, spec in series.items()}
    attribution = []
    for (name, horizon), kinds in variants.items():
        full = by_point[(name, horizon)]["median"]
        per_sheet = formula_stats_by_sheet(files[(name, horizon)])
        sheets = {sheet: {"formulas": per_sheet.get(sheet, 0),
                          "alone_s": median(timings[str(kinds["alone"][sheet])]),
                          "saved_without_s": full - median(timings[str(kinds["without"][sheet])])}
                  for sheet in kinds["alone"]}
        attribution.append({"series": name, "years": horizon, "full_s": full,
                            "no_formula_s": median(timings[str(kinds["no formula"][""])]), "sheets": sheets})
    largest = f"{max(offer_counts)} offers"
    return {"runs": runs, "version": libreoffice_version(), "rows": rows, "growth": growth,
            "shortest_years": min(years), "longest_years": max(years), "largest": largest,
            "largest_s": by_point[(largest, max(years))]["median"], "attribution": attribution}


def formula_stats_by_sheet(path: Path) -> dict[str, int]:
    """Sheet name -> its formula cells."""
    counts = {}
    with zipfile.ZipFile(path) as archive:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {rel.get("Id"): rel.get("Target")
                   for rel in rels.iter("{http://schemas.openxmlformats.org/package/2006/relationships}Relationship")}
        rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        for sheet in book.iter(f"{{{SHEET_XML}}}sheet"):
            root = ElementTree.fromstring(archive.read("xl/" + targets[sheet.get(rid)]))
            counts[sheet.get("name")] = sum(1 for _ in root.iter(f"{{{SHEET_XML}}}f"))
    return counts


def libreoffice_version() -> str:
    from xlmodel.libreoffice import soffice
    with tempfile.TemporaryDirectory() as home:
        try:
            out = subprocess.run([soffice(), "--version"], capture_output=True, text=True, timeout=60,
                                 env={**os.environ, "HOME": home}).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return "unknown"
    return out or "unknown"


def print_recalculation(result: dict[str, Any]) -> None:
    heading("3. LibreOffice: full recalculation (calculateAll through UNO)")
    if "skipped" in result:
        print(f"  skipped: {result['skipped']}")
        return
    print(f"  {result['version']}; every workbook loaded hidden, one untimed calculateAll each, then "
          f"{result['runs']} rounds of one timed calculateAll per workbook; medians (min in brackets)")
    series = list(result["growth"])
    years = sorted({r["years"] for r in result["rows"]})
    by_point = {(r["series"], r["years"]): r for r in result["rows"]}
    print(table(["years"] + [f"{s}: calculateAll" for s in series] + [f"{s}: formulas" for s in series],
                [[y] + [f"{ms(by_point[(s, y)]['median'])} ({by_point[(s, y)]['min'] * 1e3:.1f})" for s in series]
                 + [f"{by_point[(s, y)]['formulas']:,}" for s in series] for y in years]))
    for name, growth in result["growth"].items():
        goal = f"goal <= {RECALC_GROWTH_GOAL:g}x" if growth["goal"] else "beyond the goals"
        print(f"  {name}: {years[-1]} years / {years[0]} years = {growth['time']:.2f}x ({goal}; "
              f"the formulas grow {growth['formulas']:.2f}x)")
    print(f"  {result['largest']} x {result['longest_years']} years: {ms(result['largest_s'])} "
          f"(goal < {ms(RECALC_LARGEST_GOAL_S)})")

    print("\n  Where the time goes. alone: calculateAll of a copy in which only that sheet keeps its formulas"
          "\n  (the others' replaced by their stored values); saved: the full time less that of a copy without"
          "\n  that sheet's formulas. Formulas that read other formulas cost more, so neither column adds up"
          "\n  to the full time.")
    for corner_pair in [result["attribution"][i:i + 2] for i in range(0, len(result["attribution"]), 2)]:
        print(f"\n  {corner_pair[0]['series']}:")
        names = list(corner_pair[0]["sheets"])
        headers = ["sheet"]
        for corner in corner_pair:
            headers += [f"{corner['years']}y formulas", f"{corner['years']}y alone", f"{corner['years']}y saved"]
        headers += ["formulas grow", "time alone grows"]
        rows = []
        for name in names:
            row = [name]
            for corner in corner_pair:
                sheet = corner["sheets"][name]
                row += [f"{sheet['formulas']:,}", ms(sheet["alone_s"]), ms(sheet["saved_without_s"])]
            a, b = corner_pair[0]["sheets"][name], corner_pair[-1]["sheets"][name]
            row += [f"{b['formulas'] / a['formulas']:.2f}x" if a["formulas"] else "",
                    f"{b['alone_s'] / a['alone_s']:.2f}x" if a["formulas"] and a["alone_s"] > 0 else ""]
            rows.append(row)
        rows.append(["whole workbook"] + [cell for corner in corner_pair
                                          for cell in (f"{sum(s['formulas'] for s in corner['sheets'].values()):,}",
                                                       ms(corner["full_s"]), "")] + ["", ""])
        rows.append(["no formula at all"] + [cell for corner in corner_pair
                                             for cell in ("", ms(corner["no_formula_s"]), "")] + ["", ""])
        print(table(headers, rows))


# --- section 4: size and formulas as the model grows -------------------------------------------------

def linear_fit(xs: list[float], ys: list[float]) -> dict[str, float]:
    """Least squares by hand: y = intercept + slope * x, R^2, and the successive differences'
    spread (largest / smallest step; 1.0 = perfectly even steps)."""
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sxx if sxx else 0.0
    intercept = mean_y - slope * mean_x
    ss_tot = sum((y - mean_y) ** 2 for y in ys)
    ss_res = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys))
    steps = [(b - a) / (xb - xa) for a, b, xa, xb in zip(ys, ys[1:], xs, xs[1:])]
    half = len(steps) // 2
    early, late = sum(steps[:half]) / half, sum(steps[-half:]) / half
    second = [b - a for a, b in zip(steps, steps[1:])]
    return {"slope": slope, "intercept": intercept, "r2": 1.0 - ss_res / ss_tot if ss_tot else 1.0,
            "steps": steps,
            "late_over_early_step": late / early if early else float("nan"),  # 1.0: even steps
            "mean_second_difference": sum(second) / len(second) if second else 0.0}


def shape(fit: dict[str, float]) -> str:
    """'linear' when the line fits (R^2 >= 0.99) and the later steps are within 10% of the
    earlier ones; otherwise which way it bends."""
    ratio = fit["late_over_early_step"]
    if fit["r2"] >= 0.99 and 0.9 <= ratio <= 1.1:
        return "linear"
    return "superlinear (steps grow)" if ratio > 1.1 else "sublinear (steps shrink)" if ratio < 0.9 else "not linear"


def bench_scaling(years: tuple[int, ...], offer_counts: tuple[int, ...], tmp: Path) -> dict[str, Any]:
    template = sample_document()
    series = {"years": [(y, SCALING_OFFERS, y) for y in years],
              "offers": [(n, n, SCALING_YEARS) for n in offer_counts]}
    result: dict[str, Any] = {}
    for axis, points in series.items():
        rows = []
        for x, offer_count, horizon in points:
            stem = f"{axis}-{x}"
            offers_path = tmp / f"{stem}.toml"
            offers_path.write_text(to_toml(offers_document(template, horizon, offer_count)), encoding="utf-8")
            workbook = tmp / f"{stem}.xlsx"
            seconds = build_file(offers_path, workbook)
            counts = count_cells(workbook)
            rows.append({"x": x, "offers": offer_count, "years": horizon, "bytes": workbook.stat().st_size,
                         "formulas": sum(c["formulas"] for c in counts.values()),
                         "cells": sum(c["cells"] for c in counts.values()), "build_s": seconds,
                         "formulas_by_sheet": {name: c["formulas"] for name, c in counts.items()}})
        xs = [r["x"] for r in rows]
        fits = {key: linear_fit(xs, [r[key] for r in rows]) for key in ("bytes", "formulas")} if len(rows) > 2 else {}
        sheets = {}
        for sheet in rows[-1]["formulas_by_sheet"] if len(rows) > 2 else ():
            counts = [r["formulas_by_sheet"].get(sheet, 0) for r in rows]
            if counts[-1] > counts[0]:
                sheets[sheet] = linear_fit(xs, counts)
        result[axis] = {"rows": rows, "fit": fits, "sheet_fits": sheets}
    return result


def print_scaling(result: dict[str, Any]) -> None:
    heading("4. Workbook size and formulas as the model grows")
    titles = {"years": f"horizon years 1..N, {SCALING_OFFERS} offers", "offers": f"offers 1..N, {SCALING_YEARS} years"}
    for axis, data in result.items():
        rows = data["rows"]
        print(f"\n  {titles[axis]} (offers files generated from {default_sample().name}, built in this process)")
        previous = None
        lines = []
        for r in rows:
            step_b = "" if previous is None else f"{r['bytes'] - previous['bytes']:+,}"
            step_f = "" if previous is None else f"{r['formulas'] - previous['formulas']:+,}"
            lines.append([r["x"], f"{r['bytes']:,}", step_b, f"{r['formulas']:,}", step_f,
                          f"{r['cells']:,}", f"{r['build_s']:.2f} s"])
            previous = r
        print(table([axis, "bytes", "+bytes", "formulas", "+formulas", "cells filled", "build+save"], lines))
        biggest = rows[-1]["formulas_by_sheet"]
        print("  formulas by sheet at the largest point: "
              + ", ".join(f"{name} {count:,}" for name, count in biggest.items() if count))
        if data["sheet_fits"]:
            # Only bends that matter: a second difference of at least 1% of the whole workbook's step.
            material = 0.01 * data["fit"]["formulas"]["slope"]
            bending = {name: fit for name, fit in data["sheet_fits"].items()
                       if shape(fit) != "linear" and abs(fit["mean_second_difference"]) >= material}
            print("  sheets whose formulas bend away from a line: " + ("; ".join(
                f"{name}: {shape(fit)}, each step {fit['mean_second_difference']:+,.0f} formulas on the one before"
                for name, fit in bending.items()) or "none"))
        for key, fit in data["fit"].items():
            print(f"  {key}: {fit['slope']:,.0f} per {axis[:-1]} ({fit['intercept']:+,.0f} fixed), R^2 = {fit['r2']:.4f}; "
                  f"steps {min(fit['steps']):,.0f} to {max(fit['steps']):,.0f}, later/earlier steps "
                  f"{fit['late_over_early_step']:.2f}, mean second difference {fit['mean_second_difference']:+,.0f} "
                  f"-> {shape(fit)}")


# --- the goals -------------------------------------------------------------------------------------

def goals(results: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    build = results.get("build")
    if build:
        rows.append({"goal": "xlmodel build vs a bare XlsxWriter process writing the same formulas",
                     "measured": f"{build['ratio']:.2f}x ({ms(build['build']['median'])} vs {ms(build['floor']['median'])})",
                     "target": f"<= {BUILD_GOAL_RATIO}x", "met": build["ratio"] <= BUILD_GOAL_RATIO})
    functions = results.get("functions")
    if functions:
        udf = functions["offervalue"]
        rows.append({"goal": "one OFFERVALUE call (median)" + ("" if udf["how"].startswith("xlmodel_udfs") else " [fallback: engine]"),
                     "measured": f"{udf['median_ms']:.3f} ms", "target": f"< {OFFERVALUE_GOAL_MS:g} ms",
                     "met": udf["median_ms"] < OFFERVALUE_GOAL_MS})
        whole = functions.get("whole_column")
        if whole:
            rows.append({"goal": "one OFFERVALUE call on whole columns (A:A)",
                         "measured": f"{whole['whole_median_ms']:.1f} ms", "target": f"< {WHOLE_COLUMN_GOAL_MS:g} ms",
                         "met": whole["whole_median_ms"] < WHOLE_COLUMN_GOAL_MS and whole["same_result"]})
        eng = functions["engine"]
        rows.append({"goal": f"engine.value_offer on {eng['offers']:,} varied offers",
                     "measured": f"{eng['total_s']:.2f} s ({eng['per_offer_ms']:.3f} ms/offer)",
                     "target": "(none: reference)", "met": None})
    recalc = results.get("libreoffice")
    if recalc and "skipped" not in recalc:
        short, long = recalc["shortest_years"], recalc["longest_years"]
        for name, growth in recalc["growth"].items():
            row = {"goal": f"LibreOffice calculateAll, {name}: {long} years vs {short} years",
                   "measured": f"{growth['time']:.2f}x (formulas {growth['formulas']:.2f}x)",
                   "target": f"<= {RECALC_GROWTH_GOAL:g}x", "met": growth["time"] <= RECALC_GROWTH_GOAL}
            if not growth["goal"]:
                row.update(goal=row["goal"] + " (beyond the goals)", met=None,
                           reading=f"{'within' if row['met'] else 'beyond'} {RECALC_GROWTH_GOAL:g}x")
            rows.append(row)
        rows.append({"goal": f"LibreOffice calculateAll, {recalc['largest']} x {long} years",
                     "measured": ms(recalc["largest_s"]), "target": f"< {ms(RECALC_LARGEST_GOAL_S)}",
                     "met": recalc["largest_s"] < RECALC_LARGEST_GOAL_S})
    elif recalc:
        rows.append({"goal": "LibreOffice calculateAll", "measured": "skipped", "target": "", "met": None})
    for axis, data in (results.get("scaling") or {}).items():
        for key, fit in data["fit"].items():
            rows.append({"goal": f"{key} as {axis} grow (a reading, not a stated goal)",
                         "measured": f"{fit['slope']:,.0f}/{axis[:-1]}, R^2 {fit['r2']:.4f}, "
                                     f"steps x{fit['late_over_early_step']:.2f}",
                         "target": "linear", "met": None, "reading": shape(fit)})
    return rows


def print_goals(rows: list[dict[str, Any]]) -> None:
    heading("Goals")
    print(table(["what", "measured", "goal", "verdict"],
                [[r["goal"], r["measured"], r["target"], r.get("reading") or verdict(r["met"])] for r in rows]))


# --- main ----------------------------------------------------------------------------------------

def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smoke mode: few runs, small sizes (seconds, not a minute)")
    parser.add_argument("--no-libreoffice", action="store_true", help="skip section 3 (LibreOffice through UNO)")
    parser.add_argument("--runs", type=int, help="runs per process in section 1 and calculateAll calls per workbook "
                                                 "in section 3 (default 15 and 21; quick 3 and 3)")
    parser.add_argument("--json", type=Path, help=f"write the results here (default for a full run: {RESULTS_JSON.relative_to(REPO)})")
    parser.add_argument("--no-json", action="store_true", help="write no JSON")
    args = parser.parse_args(argv)
    mode = 1 if args.quick else 0
    setting = {name: value[mode] for name, value in SETTINGS.items()}
    json_path = None if args.no_json else (args.json or (None if args.quick else RESULTS_JSON))

    started = time.perf_counter()
    print(f"xlmodel benchmarks ({'quick' if args.quick else 'full'} run) - {dt.datetime.now():%Y-%m-%d %H:%M}")
    print(f"Python {platform.python_version()}, XlsxWriter {xlsxwriter.__version__}, {platform.system()} "
          f"{platform.machine()}, {os.cpu_count()} CPUs, load average {load_average()} at the start "
          "(other work on the machine makes every figure noisier; the ratios are of interleaved runs)")
    results: dict[str, Any] = {"mode": "quick" if args.quick else "full",
                               "generated": dt.datetime.now().isoformat(timespec="seconds"),
                               "machine": {"python": platform.python_version(), "xlsxwriter": xlsxwriter.__version__,
                                           "platform": platform.platform(), "cpus": os.cpu_count(),
                                           "load_average_at_start": load_average()}}
    with tempfile.TemporaryDirectory(prefix="xlmodel-bench-") as tmp_name:
        tmp = Path(tmp_name)
        build_dir, lo_dir, scale_dir = (tmp / name for name in ("build", "libreoffice", "scaling"))
        for folder in (build_dir, lo_dir, scale_dir):
            folder.mkdir()

        results["build"] = bench_build(args.runs or setting["build_runs"], setting["phase_runs"], build_dir)
        results["build"]["phase_runs"] = setting["phase_runs"]
        print_build(results["build"])

        results["functions"] = bench_functions(setting["udf_calls"], setting["engine_offers"], setting["engine_passes"])
        print_functions(results["functions"])

        if args.no_libreoffice:
            results["libreoffice"] = {"skipped": "--no-libreoffice"}
        else:
            results["libreoffice"] = bench_recalculation(args.runs or setting["uno_runs"], setting["recalc_years"],
                                                         setting["recalc_offers"], lo_dir)
        print_recalculation(results["libreoffice"])

        results["scaling"] = bench_scaling(setting["years"], setting["offer_counts"], scale_dir)
        print_scaling(results["scaling"])

    results["goals"] = goals(results)
    print_goals(results["goals"])
    results["seconds"] = time.perf_counter() - started
    print(f"\n(benchmark took {results['seconds']:.0f} s)")
    if json_path:
        json_path.write_text(json.dumps(_trim(results), indent=2) + "\n", encoding="utf-8")
        print(f"results written to {json_path}")
    return 0


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def _trim(results: dict[str, Any]) -> dict[str, Any]:
    """The JSON without the bulky raw profile: the sheets and the top functions only."""
    results = copy.deepcopy(results)
    profile = results.get("build", {}).get("profile")
    if profile:
        for phase in profile.values():
            phase["functions"] = sorted(phase["functions"], key=lambda f: -f["self_s"])[:10]
    return results


if __name__ == "__main__":
    raise SystemExit(main())
