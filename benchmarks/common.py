"""What every section of the benchmarks shares: the checkout's paths, medians and spreads,
round-robin runs, plain-text tables, and offers files written programmatically (by the project's
own TOML writer) and built into workbooks whose cells and formulas are counted."""
from __future__ import annotations

import copy
import os
import re
import statistics
import time
import tomllib
import zipfile
from pathlib import Path
from typing import Any, Callable
from xml.etree import ElementTree

import openpyxl

from xlmodel.inputs.offers_file import load_offers, parse_offers
from xlmodel.resources import default_sample
from xlmodel.toml_writer import dumps

REPO = Path(__file__).resolve().parent.parent
SHEET_XML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


# --- small helpers ------------------------------------------------------------------------------

def median(values: list[float]) -> float:
    return statistics.median(values)


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


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


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


def formula_stats(path: Path) -> dict[str, Any]:
    """The formula cells of a built workbook, from its sheet XML: how many, and their mean length
    (the text of <f>, without the leading "="); and its constants (cells with a value and no formula:
    numbers, text, booleans)."""
    lengths, constants = [], 0
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet") and name.endswith(".xml"):
                root = ElementTree.fromstring(archive.read(name))
                lengths += [len(f.text or "") for f in root.iter(f"{{{SHEET_XML}}}f")]
                constants += sum(1 for c in root.iter(f"{{{SHEET_XML}}}c")
                                 if c.find(f"{{{SHEET_XML}}}f") is None and c.find(f"{{{SHEET_XML}}}v") is not None)
    return {"formulas": len(lengths), "mean_length": sum(lengths) / len(lengths) if lengths else 0.0,
            "constants": constants}
