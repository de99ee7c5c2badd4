"""Section 1: `xlmodel build` as a whole process against its floor, a bare Python process that
writes as many formulas of the same mean length with XlsxWriter; then where a build's time goes
(phases inside one process, imports, modules beyond the floor's, cProfile's hot spots)."""
from __future__ import annotations

import cProfile
import json
import os
import pstats
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Optional

from benchmarks.common import REPO, formula_stats, heading, interleaved, median, ms, spread, table
from xlmodel.inputs.offers_file import load_offers
from xlmodel.resources import default_sample

BUILD_GOAL_RATIO = 1.3  # build process time / the bare XlsxWriter process's time
WRITERS_PHASE = "build_workbook: the valuation and the sheet writers"
CLOSE_PHASE = "build_workbook: XlsxWriter serialises the .xlsx (close)"

PHASES_CHILD = r"""
import json, sys, time
output, writers_phase, close_phase = sys.argv[1:4]
t0 = time.perf_counter()
import xlsxwriter
t1 = time.perf_counter()
closing = []  # XlsxWriter's serialisation of the workbook, timed apart from the sheet writers
_close = xlsxwriter.Workbook.close
def timed_close(self):
    start = time.perf_counter()
    try:
        return _close(self)
    finally:
        closing.append(time.perf_counter() - start)
xlsxwriter.Workbook.close = timed_close
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
save_workbook(workbook, output, force=True)
t6 = time.perf_counter()
print(json.dumps({
    "phases": {"import xlsxwriter": t1 - t0, "import xlmodel.cli": t2 - t1, "import xlmodel.workbook": t3 - t2,
               "read the offers file": t4 - t3, writers_phase: t5 - t4 - sum(closing), close_phase: sum(closing),
               "save_workbook (write it to disk)": t6 - t5},
    "modules": sorted(sys.modules),
}))
"""

# The floor: what any program pays to write this many formulas with XlsxWriter, and nothing more.
# Each formula is stored as written, as the build stores its own (xlmodel/workbook/cells.py,
# PlainFormulas): XlsxWriter's write_formula would first run its regular expressions for newer
# function names over every formula, work the build does not do.
FLOOR_CHILD = r"""
import io, sys
import xlsxwriter
from xlsxwriter.worksheet import CellFormulaTuple
cells, length, path, constants = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
body = "1" + "+1" * ((length - 1) // 2)
body += "0" * (length - len(body))  # "1+1+...+10": exactly `length` characters
buffer = io.BytesIO()
workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
sheet = workbook.add_worksheet()
for i in range(cells):
    row, col = i // 50, i % 50
    sheet._check_dimensions(row, col)
    sheet.table[row][col] = CellFormulaTuple(body, None, float(i))
for i in range(constants):  # the constants beside them (inputs, labels, the draws' uniforms), as numbers
    sheet.write_number(cells // 50 + 1 + i // 50, i % 50, float(i))
workbook.close()
with open(path, "wb") as out:
    out.write(buffer.getvalue())
"""
FLOOR_MODULES_CHILD = "import io, json, sys, xlsxwriter; print(json.dumps(sorted(sys.modules)))"


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
             str(tmp / "floor.xlsx"), str(stats["constants"])]
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
                              "constants": stats["constants"], "floor_constants": floor_stats["constants"],
                              "bytes": output.stat().st_size, "floor_bytes": (tmp / "floor.xlsx").stat().st_size}
    if uncached:
        result["build_without_bytecode_cache"] = spread(times[names[2]])
    result["ratio"] = result["build"]["median"] / result["floor"]["median"]

    # Where the time goes: phases inside one process, the rest is interpreter start-up and exit.
    samples = []
    for _ in range(phase_runs):
        start = time.perf_counter()
        child = subprocess.run([sys.executable, "-c", PHASES_CHILD, str(tmp / "phases.xlsx"), WRITERS_PHASE, CLOSE_PHASE], env=env, cwd=tmp,
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
          f"{result['mean_formula_length']:.1f}), and {result['floor_constants']:,} constants (the build's: "
          f"{result['constants']:,}); {result['floor_bytes']:,} bytes against the build's {result['bytes']:,}")
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
    writers, close = phases[WRITERS_PHASE], phases[CLOSE_PHASE]
    print(f"  per formula: the valuation and the writers {1e6 * writers / result['formulas']:.1f} µs, "
          f"XlsxWriter's serialisation {1e6 * close / result['formulas']:.1f} µs")
    # What the goal asks, read against XlsxWriter's own share: a build that spent no time of its
    # own would still pay start-up, the xlsxwriter import and the serialisation of its content.
    bare = phases["interpreter start-up and exit"] + phases["import xlsxwriter"] + close
    print(f"  with no time of xlmodel's own (start-up, import xlsxwriter, XlsxWriter serialising this workbook's "
          f"cells, strings and formats): {ms(bare)} = {bare / result['floor']['median']:.2f}x the floor")

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
