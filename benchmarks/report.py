"""The results part of docs/benchmarks.md, written from benchmarks/results.json: the run it comes
from and its goals table, between two markers, so the page never quotes figures of another run.

    python -m benchmarks.report     # rewrite that part of docs/benchmarks.md from results.json

A full run (`python benchmarks/run.py`) rewrites it too; tests/test_docs.py checks that the page
holds what results.json gives."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from benchmarks.goals import verdict

REPO = Path(__file__).resolve().parent.parent
RESULTS_JSON = REPO / "benchmarks" / "results.json"
PAGE = REPO / "docs" / "benchmarks.md"
BEGIN = "<!-- from benchmarks/results.json: python -m benchmarks.report rewrites what follows -->"
END = "<!-- end of what benchmarks/results.json gives -->"


def results_part(results: dict[str, Any]) -> str:
    machine = results["machine"]
    day, _, time = results["generated"].partition("T")
    lines = [BEGIN, "",
             f"The run of {day} at {time[:5]} ({results['mode']} run, {results['seconds']:,.0f} s): Python "
             f"{machine['python']}, XlsxWriter {machine['xlsxwriter']}, {machine['cpus']} cores, load average "
             f"{machine['load_average_at_start']} at the start.", "",
             "| goal | measured | target | verdict |", "| --- | --- | --- | --- |"]
    for row in results["goals"]:
        lines.append(f"| {row['goal']} | {row['measured']} | {row['target']} | "
                     f"{row.get('reading') or verdict(row['met'])} |")
    return "\n".join(lines + [""] + recalculation_table(results) + draws_table(results) + ["", END])


def recalculation_table(results: dict[str, Any]) -> list[str]:
    """LibreOffice's calculateAll by horizon, one column per series: median (minimum)."""
    rows = results.get("libreoffice", {}).get("rows") or []
    if not rows:
        return ["No LibreOffice figures in this run."]
    series = list(dict.fromkeys(r["series"] for r in rows))
    cells = {(r["series"], r["years"]): f"{1000 * r['median']:,.1f} ms ({1000 * r['min']:,.1f})" for r in rows}
    runs = rows[0]["runs"]
    lines = [f"LibreOffice's `calculateAll`, median of {runs} (the minimum in brackets):", "",
             "| years | " + " | ".join(series) + " |", "| ---: |" + " ---: |" * len(series)]
    for years in sorted({r["years"] for r in rows}):
        lines.append(f"| {years} | " + " | ".join(cells.get((name, years), "") for name in series) + " |")
    return lines


def draws_table(results: dict[str, Any]) -> list[str]:
    """The largest workbook's calculateAll by count of draws: median (minimum), and what the Draws
    sheet's formulas cost (the time less that of a copy with them frozen)."""
    recalc = results.get("libreoffice", {})
    draws = recalc.get("draws")
    if not draws:
        return []
    lines = ["", f"The same for {recalc['largest']} x {recalc['longest_years']} years by count of draws (the options' "
                 f"volatility {draws['volatility']:g}):", "",
             "| draws | formulas | calculateAll | the Draws sheet's formulas |", "| ---: | ---: | ---: | ---: |"]
    for row in draws["rows"]:
        cost = f"{1000 * row['draws_sheet_saved_s']:,.1f} ms" if row["draws"] else ""
        lines.append(f"| {row['draws']:,} | {row['formulas']:,} | {1000 * row['median']:,.1f} ms "
                     f"({1000 * row['min']:,.1f}) | {cost} |")
    return lines


def rewritten(page: str, results: dict[str, Any]) -> str:
    before, found, rest = page.partition(BEGIN)
    if not found:
        raise ValueError(f"{PAGE.name} has no line {BEGIN!r}")
    _, found, after = rest.partition(END)
    if not found:
        raise ValueError(f"{PAGE.name} has no line {END!r}")
    return before + results_part(results) + after


def write_page(results_path: Path = RESULTS_JSON, page: Path = PAGE) -> None:
    results = json.loads(results_path.read_text(encoding="utf-8"))
    page.write_text(rewritten(page.read_text(encoding="utf-8"), results), encoding="utf-8")


if __name__ == "__main__":
    write_page()
