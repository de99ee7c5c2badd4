"""Section 3: LibreOffice's full recalculation (calculateAll through UNO, by benchmarks/uno_recalc.py
in the Python that has LibreOffice's uno module) as the horizon grows, and where the time goes:
copies of a workbook with some sheets' formulas frozen into their stored results."""
from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import tempfile
import tomllib
import zipfile
from pathlib import Path
from typing import Any, Optional
from xml.etree import ElementTree

from benchmarks.common import (REPO, SHEET_XML, formula_stats, heading, median, ms, offers_document,
                               sample_document, spread, table)
from benchmarks.orientation_bench import orientation_workbooks
from xlmodel.inputs.offers_file import parse_offers

RECALC_GROWTH_GOAL = 6.0  # calculateAll at 10 years / at 2 years
RECALC_LARGEST_GOAL_S = 0.1  # calculateAll of 8 offers x 10 years, before the draws
RECALC_DRAWS_GOAL_S = 0.25  # the same with GOAL_DRAWS draws
GOAL_DRAWS = 1000  # the count of draws the goals name
DRAWS_GROWTH_GOAL = 2.2  # 2,000 draws against 1,000
DRAW_VOLATILITY = 0.6  # the options' yearly volatility in the draws' workbooks: at 0 every draw is the same
UNO_PYTHON = "/usr/bin/python3"  # the Python LibreOffice's uno module is installed for (python3-uno)


def recalculation_templates() -> list[dict]:
    """The offers the recalculated workbooks cycle through: Amazon's back-loaded RSUs with a fallback
    and the start-up's options with a strike (the default sample), Google's RSUs with refreshers."""
    with open(REPO / "samples" / "three_way.toml", "rb") as handle:
        refreshed = next(o for o in tomllib.load(handle)["offers"] if o["name"] == "Google")
    return sample_document()["offers"] + [refreshed]


def recalculation_document(horizon_years: int, offer_count: int, draws: int = 0) -> dict:
    """The offers cycled to `offer_count`, with `draws` draws (none by default: the horizon's series
    measure the workbook before the odds; with draws, the options carry DRAW_VOLATILITY)."""
    document = offers_document({**sample_document(), "offers": recalculation_templates()}, horizon_years, offer_count)
    document["model"]["draws"] = draws
    if draws:
        for offer in document["offers"]:
            if offer.get("equity", {}).get("type") == "options":
                offer["equity"]["volatility"] = DRAW_VOLATILITY
    return document


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


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the path of its XML part in the archive, in the workbook's order."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target")
               for rel in rels.iter("{http://schemas.openxmlformats.org/package/2006/relationships}Relationship")}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    return {sheet.get("name"): "xl/" + targets[sheet.get(rid)] for sheet in book.iter(f"{{{SHEET_XML}}}sheet")}


def frozen_copy(path: Path, sheet_names: list[str], target: Path) -> Path:
    """A copy of the workbook with the named sheets' formulas replaced by their stored results (which
    tests/test_stored_results.py proves are LibreOffice's own): recalculating it costs what the other
    sheets' formulas cost."""
    with zipfile.ZipFile(path) as archive:
        parts = {part for name, part in sheet_parts(archive).items() if name in sheet_names}
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


def bench_recalculation(runs: int, years: tuple[int, ...], offer_counts: tuple[int, ...], draw_counts: tuple[int, ...],
                        tmp: Path) -> dict[str, Any]:
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
    # The largest workbook again with each count of draws (0 draws: the series' own), and without
    # its Draws sheet's formulas.
    draw_files = {0: files[(f"{max(offer_counts)} offers", max(years))]}
    for count in draw_counts:
        offers_file = parse_offers(recalculation_document(max(years), max(offer_counts), count), f"<{count} draws>")
        draw_files[count] = save_workbook(build_workbook(offers_file), tmp / f"recalc-draws-{count}.xlsx", force=True)
    without_draws = {count: frozen_copy(path, ["Draws"], tmp / f"recalc-draws-{count}-frozen.xlsx")
                     for count, path in draw_files.items() if count}
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
    # The layout's cost: the same monthly lines along a row and down a column.
    orientation = orientation_workbooks(tmp, max(offer_counts), 12 * max(years))
    every_file = (list(files.values()) + [draw_files[c] for c in draw_counts] + list(without_draws.values())
                  + [p for kinds in variants.values() for paths in kinds.values() for p in paths.values()]
                  + list(orientation.values()))
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
    draws = [{"draws": count, "formulas": formula_stats(path)["formulas"], **spread(timings[str(path)]),
              "draws_sheet_saved_s": (median(timings[str(path)]) - median(timings[str(without_draws[count])])
                                      if count else 0.0)}
             for count, path in draw_files.items()]
    by_count = {row["draws"]: row["median"] for row in draws}
    first, last = min(draw_counts), max(draw_counts)
    return {"runs": runs, "version": libreoffice_version(), "rows": rows, "growth": growth,
            "draws": {"rows": draws, "volatility": DRAW_VOLATILITY, "first": first, "last": last,
                      "growth": by_count[last] / by_count[first]},
            "shortest_years": min(years), "longest_years": max(years), "largest": largest,
            "largest_s": by_point[(largest, max(years))]["median"], "attribution": attribution,
            "orientation": {"offers": max(offer_counts), "months": 12 * max(years),
                            "formulas": formula_stats(next(iter(orientation.values())))["formulas"],
                            "layouts": {layout: spread(timings[str(path)]) for layout, path in orientation.items()}}}


def formula_stats_by_sheet(path: Path) -> dict[str, int]:
    """Sheet name -> its formula cells."""
    counts = {}
    with zipfile.ZipFile(path) as archive:
        for name, part in sheet_parts(archive).items():
            root = ElementTree.fromstring(archive.read(part))
            counts[name] = sum(1 for _ in root.iter(f"{{{SHEET_XML}}}f"))
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
    draws = result["draws"]
    print(f"\n  {result['largest']} x {result['longest_years']} years with draws (the options' volatility "
          f"{draws['volatility']:g}):")
    print(table(["draws", "formulas", "calculateAll", "min", "the Draws sheet's formulas cost"],
                [[f"{r['draws']:,}", f"{r['formulas']:,}", ms(r["median"]), ms(r["min"]),
                  ms(r["draws_sheet_saved_s"]) if r["draws"] else ""] for r in draws["rows"]]))
    print(f"  {draws['last']:,} draws / {draws['first']:,} draws = {draws['growth']:.2f}x (goal <= {DRAWS_GROWTH_GOAL:g}x)")

    orientation = result["orientation"]
    (row_layout, row_time), (column_layout, column_time) = orientation["layouts"].items()
    print(f"\n  The layout: the same {orientation['formulas']:,} monthly formulas ({orientation['offers']} offers x "
          f"{orientation['months']} months), {row_layout} {ms(row_time['median'])}, {column_layout} "
          f"{ms(column_time['median'])} ({column_time['median'] / row_time['median']:.2f}x)")

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
