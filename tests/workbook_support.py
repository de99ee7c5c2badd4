"""Helpers for the workbook tests: build, recalculate in LibreOffice, read names and inputs."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from xlmodel.engine import value_all
from xlmodel.libreoffice import recalculate
from xlmodel.workbook import build_workbook, save_workbook

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.toml"))
AMAZON = SAMPLES[[p.stem for p in SAMPLES].index("amazon_vs_startup")]  # offers Amazon, Nimbus AI; default scenarios
THREE_WAY = SAMPLES[[p.stem for p in SAMPLES].index("three_way")]  # Amazon, Google, Meta (own table); 4 scenarios
CENT = 0.01


def approx_money(expected):
    """An engine money figure (or a list of them) as the workbook must show it: to the cent, and
    one of more than ten billion (a drawn file can make one) to 1e-12 of its size."""
    return pytest.approx(expected, rel=1e-12, abs=CENT)


def approx_fraction(expected):
    """A fraction, growth or probability: to 1e-9, and a large one to 1e-9 of its size (the
    probability to close is millions when the bump alone is worth next to nothing)."""
    return pytest.approx(expected, rel=1e-9, abs=1e-9)


def build(offers_file, folder: Path, name: str = "model.xlsx") -> Path:
    return save_workbook(build_workbook(offers_file), folder / name)


def recalculated(path: Path, folder: Path) -> openpyxl.Workbook:
    out = folder / "recalculated"
    out.mkdir(exist_ok=True)
    return openpyxl.load_workbook(recalculate(path, out), data_only=True)


def recalculate_with_gnumeric(path: Path, folder: Path) -> Path:
    """Gnumeric's recalculation of a workbook (`ssconvert --recalc`), written beside it as .xlsx."""
    import subprocess

    folder.mkdir(exist_ok=True)
    out = folder / path.with_suffix(".xlsx").name
    subprocess.run(["ssconvert", "--recalc", str(path), str(out)], check=True, capture_output=True, timeout=600)
    return out


def name_cells(workbook: openpyxl.Workbook, name: str) -> list[list]:
    """The cells a defined name covers, as rows."""
    (sheet, reference), = workbook.defined_names[name].destinations
    found = workbook[sheet][reference.replace("$", "")]
    if not isinstance(found, tuple):
        return [[found]]
    return [list(row) if isinstance(row, tuple) else [row] for row in found]


def name_values(workbook: openpyxl.Workbook, name: str) -> list[list]:
    return [[cell.value for cell in row] for row in name_cells(workbook, name)]


def as_date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, (int, float)):
        return (dt.datetime(1899, 12, 30) + dt.timedelta(days=value)).date()
    return value


KEY_COL, VALUE_COL = 2, 3  # Inputs: the key paths in column B, the values from column C


def input_cell(workbook: openpyxl.Workbook, key: str, offer: str | None = None):
    """The Inputs cell of a key path (column B), in the offer's column (by the `name` row)."""
    sheet = workbook["Inputs"]
    rows = {sheet.cell(row=r, column=KEY_COL).value: r for r in range(1, sheet.max_row + 1)}
    if offer is None:
        return sheet.cell(row=rows[key], column=VALUE_COL)
    name_row = rows["name"]
    columns = {sheet.cell(row=name_row, column=c).value: c for c in range(VALUE_COL, sheet.max_column + 1)}
    return sheet.cell(row=rows[key], column=columns[offer])


def scenario_cell(workbook: openpyxl.Workbook, key: str, scenario: str | int):
    """The Inputs cell of a scenario key in the scenario table, by the scenario's name or its
    position (0-based) among the scenarios."""
    sheet = workbook["Inputs"]
    keys_row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(row=r, column=VALUE_COL).value == "scenario.name")
    columns = {sheet.cell(row=keys_row, column=c).value: c for c in range(VALUE_COL, sheet.max_column + 1)}
    first = keys_row + 2
    if isinstance(scenario, int):
        row = first + scenario
    else:
        row = next(r for r in range(first, sheet.max_row + 1)
                   if sheet.cell(row=r, column=columns["scenario.name"]).value == scenario)
    return sheet.cell(row=row, column=columns[key])


def error_cells(workbook: openpyxl.Workbook) -> list[str]:
    errors = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "Err:")
    found = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(errors):
                    found.append(f"{sheet.title}!{cell.coordinate}={cell.value}")
    return found


def evaluate_with_udfs(path: Path, udf_module, names) -> dict:
    """Evaluate a workbook with the `formulas` package, the real UDFs registered under `names`.

    The package passes its own marker for empty cells; xlwings passes None, so it is replaced."""
    import formulas
    from formulas.functions import replace_empty, wrap_func

    registry = formulas.get_functions()
    saved = {name: registry.get(name) for name in names}
    try:
        for name in names:
            udf = getattr(udf_module, name)
            registry[name] = wrap_func(lambda *args, udf=udf: udf(*(replace_empty(a, None) for a in args)))
        return formulas.ExcelModel().loads(str(path)).finish().calculate()
    finally:
        for name, previous in saved.items():
            if previous is None:
                registry.pop(name, None)
            else:
                registry[name] = previous


def formula_cells(path: Path) -> dict[tuple[str, str], object]:
    """Every formula cell of a workbook and the result stored with it, read without recalculating."""
    formulas = openpyxl.load_workbook(path)
    stored = openpyxl.load_workbook(path, data_only=True)
    found = {}
    for sheet in formulas.worksheets:
        values = stored[sheet.title]
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or type(cell.value).__name__ == "ArrayFormula":
                    found[(sheet.title, cell.coordinate)] = values[cell.coordinate].value
    return found


def same_result(stored, computed, tolerance: float = CENT) -> bool:
    """A stored result against LibreOffice's: numbers to the cent (or 1e-9 of their size), text,
    TRUE/FALSE and dates exactly; an empty result is None or ""."""
    if stored in (None, "") or computed in (None, ""):
        return stored in (None, "") and computed in (None, "")
    if isinstance(stored, bool) or isinstance(computed, bool):
        return stored == computed
    if isinstance(stored, dt.datetime) or isinstance(computed, dt.datetime):
        return as_date(stored) == as_date(computed)
    if isinstance(stored, (int, float)) and isinstance(computed, (int, float)):
        return abs(stored - computed) <= max(tolerance, 1e-9 * abs(computed))
    return stored == computed


def stored_mismatches(path: Path, recalculated_workbook: openpyxl.Workbook) -> list[str]:
    """Formula cells whose stored result differs from LibreOffice's recalculation (or is missing)."""
    problems = []
    for (sheet, coordinate), stored in formula_cells(path).items():
        computed = recalculated_workbook[sheet][coordinate].value
        if not same_result(stored, computed):
            problems.append(f"{sheet}!{coordinate}: stored {stored!r}, LibreOffice {computed!r}")
    return problems


LEVER_NAMES = {"AskBump": "ask_bump", "AskBumpAmount": "ask_bump_amount", "ProbabilityToClose": "probability_to_close",
               "AccelerationValue": "acceleration_value", "GapAfterAcceleration": "gap_after_acceleration",
               "PackageBump": "package_bump"}


def assert_levers_match_engine(workbook: openpyxl.Workbook, offers_file) -> None:
    """The package's named figures, as recalculated, against `xlmodel value`'s negotiation: money
    to the cent, fractions to 1e-9, a null figure an empty cell; AccelerationKept over the leave
    months within the horizon."""
    deal = value_all(offers_file).negotiation
    for name, key in LEVER_NAMES.items():
        (found,), = name_values(workbook, name)
        expected = getattr(deal, key)
        if expected is None:
            assert found in (None, ""), name
        else:
            money = name in ("AskBumpAmount", "AccelerationValue", "GapAfterAcceleration")
            assert found == (approx_money(expected) if money else approx_fraction(expected)), name
    (kept,) = name_values(workbook, "AccelerationKept")
    if deal.acceleration_kept is None:
        assert all(value in (None, "") for value in kept)
    else:
        months = [m for m in (6, 12, 18, 24, 36) if m <= 12 * offers_file.model.horizon_years]
        assert list(deal.acceleration_kept) == months
        assert kept == approx_money([deal.acceleration_kept[m] for m in months])


def assert_outcomes_match_engine(workbook, valuation) -> None:
    """The odds: each offer's percentiles and mean over the draws, and the odds the alternative
    wins, against the engine (empty cells without draws)."""
    for name, key in (("OfferPV10", "p10"), ("OfferPV50", "p50"), ("OfferPV90", "p90"), ("OfferPVMean", "mean")):
        found = name_values(workbook, name)[0]
        expected = [o.outcomes[key] if o.outcomes else None for o in valuation.offers]
        assert [None if x == "" else x for x in found] == [approx_money(x) if x is not None else None
                                                           for x in expected], name
    odds = name_values(workbook, "OddsAlternativeWins")[0][0]
    expected = valuation.negotiation.odds_alternative_wins
    assert (None if odds == "" else odds) == (approx_fraction(expected) if expected is not None else None)


def assert_matches_engine(workbook, offers_file):
    valuation = value_all(offers_file)
    offers = valuation.offers
    assert name_values(workbook, "OfferNames") == [[o.name for o in offers]]
    for name, metric in (("OfferTotal", "total"), ("OfferPV", "pv"), ("OfferAnnualized", "annualized")):
        assert name_values(workbook, name)[0] == approx_money([getattr(o, metric) for o in offers]), name
    for name, component in (("OfferSalary", "salary"), ("OfferBonus", "bonus"), ("OfferSignon", "signon"),
                            ("OfferEquity", "equity")):
        assert name_values(workbook, name)[0] == approx_money([o.components[component] for o in offers])
    years = name_values(workbook, "OfferYearTC")
    for y, row in enumerate(years):
        assert row == approx_money([o.years[y] for o in offers])
    assert [row[0] for row in name_values(workbook, "ScenarioNames")] == [s.name for s in valuation.scenarios]
    for name, metric in (("ScenarioPV", "pv"), ("ScenarioTotal", "total")):
        for row, scenario in zip(name_values(workbook, name), valuation.scenarios):
            assert row == approx_money([getattr(scenario, metric)[o.name] for o in offers]), name
    deal = valuation.negotiation
    for name, expected in (("GapPV", deal.gap), ("AskBase", deal.ask_base), ("AskSignon", deal.ask_signon)):
        assert name_values(workbook, name)[0][0] == approx_money(expected), name
    ask_equity = name_values(workbook, "AskEquity")[0][0]
    if deal.ask_equity is None:
        assert ask_equity in (None, "")
    else:
        assert ask_equity == approx_money(deal.ask_equity)
    assert as_date(name_values(workbook, "RespondBy")[0][0]) == deal.respond_by
    assert as_date(name_values(workbook, "ExpiresOn")[0][0]) == deal.expires
    assert name_values(workbook, "ChecksOK") == [[True]]
    months = [row[0] for row in name_values(workbook, "LeaveMonths")]
    assert months == [m for m in (6, 12, 18, 24, 36) if m <= 12 * offers_file.model.horizon_years]
    for which in ("quit", "cut"):
        for month, row in zip(months, name_values(workbook, "Leave" + which.capitalize())):
            assert row == approx_money([valuation.leave[o.name][month][which] for o in offers]), (which, month)
    for month, row in zip(months, name_values(workbook, "LeaveExerciseCost")):
        expected = [valuation.leave[o.name][month]["exercise_cost"] for o in offers]
        assert [x if x not in ("",) else None for x in row] == [approx_money(x) if x is not None else None
                                                               for x in expected], month
    assert_outcomes_match_engine(workbook, valuation)
    growths = [row[0] for row in name_values(workbook, "SensitivityGrowth")]
    assert growths == pytest.approx([-0.3, -0.2, -0.1, 0.0, 0.1, 0.2, 0.3])
    for growth, row in zip(growths, name_values(workbook, "SensitivityPV")):
        expected = [next(pv for g, pv in valuation.sensitivity[o.name].items() if abs(g - growth) < 1e-9) for o in offers]
        assert row == approx_money(expected), growth
    break_even = name_values(workbook, "BreakEvenGrowth")[0][0]
    if valuation.break_even_growth is None:
        assert break_even in (None, "")
    else:
        assert break_even == approx_fraction(valuation.break_even_growth)
    assert_levers_match_engine(workbook, offers_file)
    assert error_cells(workbook) == []


FEW_DRAWS = 100


def with_few_draws(offers_file, draws: int = FEW_DRAWS):
    """The offers file with fewer draws, for tests of the inputs' checks: a workbook's Draws sheet
    is most of what LibreOffice and Gnumeric recalculate, and its rows all follow one pattern."""
    return replace(offers_file, model=replace(offers_file.model, draws=min(draws, offers_file.model.draws)))
