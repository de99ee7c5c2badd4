"""benchmarks/run.py runs and prints its tables (quick mode, no LibreOffice).

Only that the script works: no time is asserted here, ever. Speed is measured by running
`python benchmarks/run.py` (see benchmarks/results.json), not by the tests.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
