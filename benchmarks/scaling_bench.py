"""Section 4: how the workbook grows, bytes and formulas, as the horizon and the offers grow, with
a linearity measure (a least-squares line's R^2 and the spread of the successive steps)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmarks.common import build_file, count_cells, heading, offers_document, sample_document, table, to_toml
from xlmodel.resources import default_sample

SCALING_OFFERS = 2  # offers while the horizon grows
SCALING_YEARS = 4  # years while the offers grow


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
