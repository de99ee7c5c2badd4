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
   calls made the way Excel makes them (columns of cells). Goal: under 1 ms. The engine valuing
   8 offers x 10 years with 1,000 draws (`value_all`). Goal: under 0.5 s. And the engine alone
   (`engine.value_offer`) over 10,000 generated, varied offers (no goal: for reference).
3. LibreOffice's full recalculation of the workbook, through UNO (benchmarks/uno_recalc.py run
   by /usr/bin/python3, which has LibreOffice's `uno` module): each file loaded hidden, then
   `calculateAll()` timed several times (median), for 1 and 8 offers over 2, 4, 6, 8 and 10
   years (offers cycling Amazon's back-loaded RSUs with a fallback, a start-up's options with
   a strike, and RSUs with refreshers), without draws; then 8 offers x 10 years with 1,000 and
   2,000 draws (the options' volatility 0.6). Goals: 10 years within 6x the time of 2 years, for
   1 and for 8 offers; 8 offers x 10 years under 0.1 s without draws, under 0.25 s with 1,000;
   2,000 draws within 2.2x the time of 1,000. Where the time goes: the 8 x 10 workbook again
   with one sheet's formulas replaced by their values, sheet by sheet; and the layout's cost,
   the same monthly formulas along rows and down columns (orientation_bench.py).
4. How the workbook grows: bytes and formulas (cells whose text starts with "=") as the horizon
   grows (1 to 10 years, 2 offers) and as the offers grow (1 to 8, 4 years), with a linearity
   measure: R^2 of a least-squares line and the spread of the successive differences.

Bytecode: the subprocesses of section 1 run with a private bytecode cache (PYTHONPYCACHEPREFIX,
warmed before timing), as an installed package has; PYTHONDONTWRITEBYTECODE in the caller's
environment would otherwise make every run recompile xlmodel while xlsxwriter, in site-packages,
keeps its cache. When that variable is set, the uncached build is timed as well, for reference.

Times are measured here only; the tests never assert on them (tests/test_benchmarks_smoke.py
only runs --quick to prove the script works).

The sections live beside this entry point, one module each: common.py, build_bench.py,
functions_bench.py, recalc_bench.py, orientation_bench.py, scaling_bench.py and goals.py (see docs/benchmarks.md).
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Optional

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the checkout's xlmodel and benchmarks package, not an installed copy

import xlsxwriter  # noqa: E402

from benchmarks.build_bench import bench_build, print_build  # noqa: E402
from benchmarks.common import load_average  # noqa: E402
from benchmarks.functions_bench import bench_functions, print_functions  # noqa: E402
from benchmarks.goals import goals, print_goals  # noqa: E402
from benchmarks.recalc_bench import GOAL_DRAWS, bench_recalculation, print_recalculation  # noqa: E402
from benchmarks.report import RESULTS_JSON, write_page  # noqa: E402
from benchmarks.scaling_bench import bench_scaling, print_scaling  # noqa: E402


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
    "draw_counts": ((GOAL_DRAWS, 2 * GOAL_DRAWS), (100, 200)),
    "years": (tuple(range(1, 11)), (1, 2, 3)),
    "offer_counts": (tuple(range(1, 9)), (1, 2, 3)),
}


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
                                                         setting["recalc_offers"], setting["draw_counts"], lo_dir)
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
        if json_path.resolve() == RESULTS_JSON:  # the record: docs/benchmarks.md quotes it
            write_page()
            print("docs/benchmarks.md: its results rewritten from it")
    return 0


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
