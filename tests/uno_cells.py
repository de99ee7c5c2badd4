#!/usr/bin/python3
"""Edit cells of one workbook in LibreOffice through UNO and read what the formulas give.

Run by the tests with the system Python that has LibreOffice's `uno` module (Debian:
python3-uno), not the project's Python:

    /usr/bin/python3 tests/uno_cells.py JOB.json

JOB.json: {"soffice": path, "profile": file URI, "file": path, "cases": [{"sheet", "row", "column",
"value", "reads": [[sheet, row, column], ...]}, ...]} (rows and columns 1-based). For each case
the cell is set to the number `value`, the workbook recalculated (calculateAll), the `reads`
read (a number, or the text "#ERROR" for an error value) and the cell given back what it held,
so every case starts from the workbook as built. Prints JSON: a list of read values per case."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "benchmarks"))
from uno_recalc import load, office  # noqa: E402  (the one way this project starts LibreOffice for UNO)


def read(document, sheet, row, column):
    cell = document.Sheets.getByName(sheet).getCellByPosition(column - 1, row - 1)
    return "#ERROR" if cell.getError() else cell.getValue()


def main():
    with open(sys.argv[1]) as handle:
        job = json.load(handle)
    results = []
    with office(job["soffice"], job["profile"]) as desktop:
        document = load(desktop, job["file"])
        document.calculateAll()
        for case in job["cases"]:
            cell = document.Sheets.getByName(case["sheet"]).getCellByPosition(case["column"] - 1, case["row"] - 1)
            before = cell.getFormula()
            cell.setValue(float(case["value"]))
            document.calculateAll()
            results.append([read(document, *where) for where in case["reads"]])
            cell.setFormula(before)
        document.close(True)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
