"""benchmarks/run.py runs and prints its tables (quick mode, no LibreOffice).

Only that the script works and measures what it says: no time is asserted here, ever. Speed is
measured by running `python benchmarks/run.py` (see benchmarks/results.json), not by the tests.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from xlmodel.inputs.offers_file import load_offers
from xlmodel.workbook import build_workbook, save_workbook

REPO = Path(__file__).resolve().parent.parent


def test_quick_benchmark_prints_every_section_and_writes_json(tmp_path):
    results = tmp_path / "results.json"
    run = subprocess.run([sys.executable, str(REPO / "benchmarks" / "run.py"), "--quick", "--no-libreoffice",
                          "--json", str(results)], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    for heading in ("1. xlmodel build", "2. OFFERVALUE", "3. LibreOffice", "4. Workbook size", "Goals"):
        assert heading in run.stdout
    assert "skipped: --no-libreoffice" in run.stdout
    data = json.loads(results.read_text())
    assert data["mode"] == "quick"
    assert {"build", "functions", "libreoffice", "scaling", "goals"} <= set(data)
    assert all(row["formulas"] > 0 and row["bytes"] > 0 for row in data["scaling"]["years"]["rows"])
    assert data["functions"]["offervalue"]["mismatches"] == 0  # the timed calls gave the engine's answers
    # The floor writes what the build writes: as many formulas, of the same mean length (to a character).
    build = data["build"]
    assert build["floor_formulas"] == build["formulas"] > 1000
    assert abs(build["floor_mean_formula_length"] - build["mean_formula_length"]) <= 0.5


def test_a_frozen_copy_keeps_every_value_and_no_formula_of_its_sheets(tmp_path):
    """Section 3 costs each sheet by recalculating a copy with that sheet's formulas replaced by values."""
    sys.path.insert(0, str(REPO))  # the checkout's benchmarks package (not a namespace package elsewhere)
    try:
        from benchmarks.recalc_bench import frozen_copy
    finally:
        sys.path.remove(str(REPO))
    path = save_workbook(build_workbook(load_offers(REPO / "samples" / "amazon_vs_startup.toml")),
                         tmp_path / "model.xlsx")
    frozen = frozen_copy(path, ["Cashflows", "Negotiation"], tmp_path / "frozen.xlsx")
    stored, formulas = openpyxl.load_workbook(path, data_only=True), openpyxl.load_workbook(path)
    copy_values, copy_formulas = openpyxl.load_workbook(frozen, data_only=True), openpyxl.load_workbook(frozen)
    for sheet in stored.sheetnames:
        kept = [(c.coordinate, c.value) for row in formulas[sheet].iter_rows() for c in row if c.data_type == "f"]
        left = [c.coordinate for row in copy_formulas[sheet].iter_rows() for c in row if c.data_type == "f"]
        if sheet in ("Cashflows", "Negotiation"):
            assert kept and left == [], sheet
        else:
            assert left == [coordinate for coordinate, _ in kept], sheet
        for row in stored[sheet].iter_rows():
            for cell in row:
                assert copy_values[sheet][cell.coordinate].value in ((cell.value, "") if cell.value is None
                                                                      else (cell.value,)), (sheet, cell.coordinate)


def test_the_layout_comparison_computes_the_same_figures_both_ways(tmp_path):
    """Section 3 times the same monthly lines along a row and down a column: a fair comparison
    only if LibreOffice computes the same figure in every cell of both (by hand: month 12's
    bonus is 15% of the year's salary, the first year's salary being 150,000)."""
    from xlmodel.libreoffice import recalculate_all
    sys.path.insert(0, str(REPO))
    try:
        from benchmarks.orientation_bench import LINES_PER_OFFER, orientation_workbooks
    finally:
        sys.path.remove(str(REPO))
    offers, months = 2, 24
    books = orientation_workbooks(tmp_path, offers, months)
    recalculated = recalculate_all(list(books.values()), tmp_path / "recalculated")
    along, down = (openpyxl.load_workbook(path, data_only=True)["Lines"] for path in recalculated)
    lines = 2 + offers * LINES_PER_OFFER
    for line in range(lines):
        for month in range(1, months + 1):
            # along a row: line l in row l + 2, month m in column m + 2; down a column: transposed
            a = along.cell(row=line + 2, column=month + 2).value
            d = down.cell(row=month + 2, column=line + 2).value
            assert a == d and isinstance(a, (int, float)), (line, month, a, d)
    bonus_line = 2 + 7  # the first offer's year-end bonus
    assert along.cell(row=bonus_line + 2, column=12 + 2).value == pytest.approx(0.15 * 150000)
    assert along.cell(row=bonus_line + 2, column=11 + 2).value == 0
    formulas = openpyxl.load_workbook(books["months along a row"])["Lines"]
    assert sum(c.data_type == "f" for row in formulas.iter_rows() for c in row) == months * (lines - 1)
