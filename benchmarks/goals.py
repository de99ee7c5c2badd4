"""The goals of every section in one table: what was measured, the goal, MET / NOT MET (or a
reading where there is no stated goal)."""
from __future__ import annotations

from typing import Any, Optional

from benchmarks.build_bench import BUILD_GOAL_RATIO
from benchmarks.common import heading, ms, table
from benchmarks.functions_bench import DRAWS_GOAL_S, OFFERVALUE_GOAL_MS, WHOLE_COLUMN_GOAL_MS
from benchmarks.recalc_bench import DRAWS_GROWTH_GOAL, GOAL_DRAWS, RECALC_DRAWS_GOAL_S, RECALC_GROWTH_GOAL, RECALC_LARGEST_GOAL_S
from benchmarks.scaling_bench import shape


def verdict(met: Optional[bool]) -> str:
    return "n/a" if met is None else ("MET" if met else "NOT MET")


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
        draws = functions.get("with_draws")
        if draws:
            rows.append({"goal": f"the engine valuing {draws['offers']} offers x {draws['years']} years with "
                                 f"{draws['draws']:,} draws",
                         "measured": ms(draws["median"]), "target": f"< {ms(DRAWS_GOAL_S)}",
                         "met": draws["median"] < DRAWS_GOAL_S})
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
        rows.append({"goal": f"LibreOffice calculateAll, {recalc['largest']} x {long} years, no draws",
                     "measured": ms(recalc["largest_s"]), "target": f"< {ms(RECALC_LARGEST_GOAL_S)}",
                     "met": recalc["largest_s"] < RECALC_LARGEST_GOAL_S})
        draws = recalc.get("draws")
        if draws:
            by_count = {row["draws"]: row["median"] for row in draws["rows"]}
            first, last = draws["first"], draws["last"]
            if first == GOAL_DRAWS:  # a quick run uses fewer
                rows.append({"goal": f"LibreOffice calculateAll, {recalc['largest']} x {long} years, {first:,} draws",
                             "measured": ms(by_count[first]), "target": f"< {ms(RECALC_DRAWS_GOAL_S)}",
                             "met": by_count[first] < RECALC_DRAWS_GOAL_S})
            rows.append({"goal": f"LibreOffice calculateAll, {last:,} draws vs {first:,}",
                         "measured": f"{draws['growth']:.2f}x", "target": f"<= {DRAWS_GROWTH_GOAL:g}x",
                         "met": draws["growth"] <= DRAWS_GROWTH_GOAL})
        orientation = recalc.get("orientation")
        if orientation:
            (_, along), (_, down) = orientation["layouts"].items()
            ratio = down["median"] / along["median"]
            rows.append({"goal": f"LibreOffice, the same monthly formulas ({orientation['offers']} offers x "
                                 f"{orientation['months']} months) down a column vs along a row (a reading)",
                         "measured": f"{ratio:.2f}x ({ms(down['median'])} vs {ms(along['median'])})",
                         "target": "(none: the layout's cost)", "met": None,
                         "reading": "down a column is faster" if ratio < 1 else "no faster down a column"})
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
