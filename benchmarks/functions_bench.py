"""Section 2: one OFFERVALUE call (the Excel function in udfs/xlmodel_udfs.py), timed call by call
with its arguments as Excel passes them, on small ranges and on whole columns; and the engine
valuing a whole offers file with its draws, and alone over many generated, varied offers."""
from __future__ import annotations

import copy
import datetime as dt
import random
import time
import tomllib
from typing import Any, Callable, Optional

from benchmarks.common import REPO, heading, median, parse_one, spread, table
from benchmarks.recalc_bench import DRAW_VOLATILITY, GOAL_DRAWS, recalculation_document
from xlmodel import engine
from xlmodel.engine.valuation import value_all
from xlmodel.inputs.offers_file import load_offers, parse_offers
from xlmodel.resources import default_sample

OFFERVALUE_GOAL_MS = 1.0  # per call
WHOLE_COLUMN_GOAL_MS = 100.0  # one call whose ranges are whole columns: the function itself, not Excel's read
DRAWS_GOAL_S = 0.5  # the engine valuing DRAWS_OFFERS offers x DRAWS_YEARS years with DRAWS draws
DRAWS_OFFERS, DRAWS_YEARS, DRAWS = 8, 10, GOAL_DRAWS


SCHEDULE_CHOICES = ("amazon", "standard", "quarterly-cliff", "meta", "google",
                    {"yearly": [0.4, 0.3, 0.2, 0.1], "every_months": 3},
                    {"months": 12, "every_months": 1, "cliff_months": 6},
                    {"tranches": [[6, 0.5], [18, 0.25], [30, 0.25]]})


def varied_offers(count: int, seed: int = 2026) -> list[tuple[dict, dict]]:
    """`count` (model, offer) tables for the engine: every sample offer in turn, with its pay,
    growth, schedule, horizon (1 to 10 years), discounting, refreshers and fallback varied."""
    rng = random.Random(seed)
    templates = []
    for path in sorted((REPO / "samples").glob("*.toml")):
        with open(path, "rb") as handle:
            templates += tomllib.load(handle)["offers"]
    tables = []
    for i in range(count):
        horizon = rng.randint(1, 10)
        offer = copy.deepcopy(templates[i % len(templates)])
        offer["name"] = f"{offer['name']} #{i}"
        offer.pop("tax_location", None)  # the engine's pre-tax figures: no [tax] table here
        offer["base"] = round(offer["base"] * rng.uniform(0.8, 1.25), -2)
        offer["annual_raise"] = round(rng.uniform(0.0, 0.06), 3)
        if "signon" in offer:
            signon = offer["signon"] if isinstance(offer["signon"], list) else [offer["signon"]]
            offer["signon"] = [round(x * rng.uniform(0.5, 1.5), -2) for x in signon][:horizon]
        equity = offer.get("equity")
        if equity is not None:
            equity["growth"] = round(rng.uniform(-0.2, 0.4), 3)
            equity["price"] = round(equity["price"] * rng.uniform(0.7, 1.3), 2)
            equity["schedule"] = copy.deepcopy(rng.choice(SCHEDULE_CHOICES))
            if rng.random() < 0.3:
                equity["refresh_value"] = round(rng.uniform(10_000, 100_000), -3)
            if rng.random() < 0.1:
                del offer["equity"]
        if "fallback" not in offer and rng.random() < 0.3:
            offer["fallback"] = {"bump": round(rng.uniform(0.05, 0.2), 2), "after_months": rng.randint(3, 24),
                                 "probability": round(rng.random(), 2), "guaranteed_months": 12}
        model = {"start_date": dt.date(2027, 1, 4), "horizon_years": horizon,
                 "discount_rate": round(rng.uniform(0.0, 0.1), 3)}
        tables.append((model, offer))
    return tables


def udf_calls() -> tuple[Optional[Callable], list[tuple[tuple, float]], str]:
    """OFFERVALUE and, for every sample offer, its arguments as Excel passes them (ndim=2 columns)
    with the engine's PV to check the answer. Without the UDF module: parse_offers + value_offer."""
    from xlmodel.inputs.keys import model_inputs, offer_inputs, offer_keys
    calls = []
    try:
        from xlmodel_udfs import OFFERVALUE
        how = "xlmodel_udfs.OFFERVALUE(keys, values, model_keys, model_values, 'pv', tranches)"
    except (ImportError, AttributeError) as error:
        OFFERVALUE = None
        how = f"OFFERVALUE not available ({error}): timed parse_offers + engine.value_offer instead"
    for path in sorted((REPO / "samples").glob("*.toml")):
        offers_file = load_offers(path)
        horizon = offers_file.model.horizon_years
        model = model_inputs(offers_file.model)
        for offer in offers_file.offers:
            keys = list(offer_keys(horizon))
            inputs = offer_inputs(offer, horizon)
            custom = offer.equity is not None and offer.equity.schedule.preset is None
            tranches = [[m, f] for m, f in offer.equity.schedule.tranches] if custom else None
            args = ([[k] for k in keys], [[inputs[k]] for k in keys],
                    [[k] for k in model], [[v] for v in model.values()], "pv", tranches)
            calls.append((args, engine.value_offer(offer, offers_file.model).pv))
    if OFFERVALUE is None:
        with open(default_sample(), "rb") as handle:
            document = tomllib.load(handle)
        model = {k: v for k, v in document["model"].items() if k != "target"}
        calls = [((model, offer), None) for offer in document["offers"]]
        return (lambda model, offer: engine.value_offer(*parse_one(model, offer)).pv), calls, how
    return OFFERVALUE, calls, how


def per_call_times(function: Callable, argument_sets: list[tuple], count: int) -> list[float]:
    clock = time.perf_counter
    times = []
    for i in range(count):
        args = argument_sets[i % len(argument_sets)]
        start = clock()
        function(*args)
        times.append(clock() - start)
    return times


EXCEL_ROWS = 1_048_576
WHOLE_COLUMN_RUNS = 5


def whole_column_call(function: Callable, args: tuple) -> dict[str, Any]:
    """The same OFFERVALUE call on small ranges and on whole columns (A:A), side by side.

    A whole column arrives (ndim=2) as a row per cell, blanks as None down to row 1,048,576:
    each blank row a list of its own, as xlwings builds them. Only the function is timed."""
    def whole(cells):
        return cells + [[None] for _ in range(EXCEL_ROWS - len(cells))] if isinstance(cells, list) else cells
    keys, values, model_keys, model_values, *rest = args
    whole_args = (whole(keys), whole(values), whole(model_keys), whole(model_values), *rest)
    small_times, whole_times = [], []
    for _ in range(WHOLE_COLUMN_RUNS):
        for arguments, times in ((args, small_times), (whole_args, whole_times)):
            start = time.perf_counter()
            function(*arguments)
            times.append(time.perf_counter() - start)
    return {"rows": EXCEL_ROWS, "runs": WHOLE_COLUMN_RUNS, "small_median_ms": 1e3 * median(small_times),
            "whole_median_ms": 1e3 * median(whole_times), "same_result": function(*whole_args) == function(*args)}


def draws_valuation(passes: int) -> dict[str, Any]:
    """The engine valuing a whole offers file with its draws, as `xlmodel value` does: 8 offers
    x 10 years with DRAWS draws (the options' volatility as in section 3), the median of passes."""
    offers_file = parse_offers(recalculation_document(DRAWS_YEARS, DRAWS_OFFERS, DRAWS), "<draws benchmark>")
    value_all(offers_file)  # warm-up
    times = []
    for _ in range(max(passes, 3)):
        start = time.perf_counter()
        value_all(offers_file)
        times.append(time.perf_counter() - start)
    return {"offers": DRAWS_OFFERS, "years": DRAWS_YEARS, "draws": DRAWS, "volatility": DRAW_VOLATILITY,
            **spread(times)}


def bench_functions(udf_count: int, engine_offers: int, engine_passes: int) -> dict[str, Any]:
    function, calls, how = udf_calls()
    mismatches = [expected for args, expected in calls
                  if expected is not None and abs(function(*args) - expected) > 1e-6 * max(1.0, abs(expected))]
    argument_sets = [args for args, _ in calls]
    per_call_times(function, argument_sets, 50)  # warm-up
    udf = sorted(per_call_times(function, argument_sets, udf_count))

    # The engine alone on the same offers, to show what the UDF adds (reading the cells, checking).
    pairs = [(offer, offers_file.model) for path in sorted((REPO / "samples").glob("*.toml"))
             for offers_file in [load_offers(path)] for offer in offers_file.offers]
    engine_only = per_call_times(engine.value_offer, pairs, udf_count)

    tables = varied_offers(engine_offers)
    start = time.perf_counter()
    parsed = [parse_one(model, offer) for model, offer in tables]
    parse_s = time.perf_counter() - start
    pass_times = []
    for _ in range(engine_passes):
        start = time.perf_counter()
        for offer, settings in parsed:
            engine.value_offer(offer, settings)
        pass_times.append(time.perf_counter() - start)
    months = sum(settings.months for _, settings in parsed)
    with_draws = draws_valuation(engine_passes)
    whole = whole_column_call(function, argument_sets[0]) if how.startswith("xlmodel_udfs") else None
    return {
        "whole_column": whole,
        "offervalue": {"how": how, "calls": udf_count, "distinct_offers": len(calls),
                       "median_ms": 1e3 * median(udf), "p95_ms": 1e3 * udf[int(0.95 * (len(udf) - 1))],
                       "min_ms": 1e3 * udf[0], "mismatches": len(mismatches),
                       "engine_value_offer_median_ms": 1e3 * median(engine_only)},
        "with_draws": with_draws,
        "engine": {"offers": len(parsed), "passes": engine_passes, "total_s": median(pass_times),
                   "per_offer_ms": 1e3 * median(pass_times) / len(parsed),
                   "mean_horizon_years": months / 12 / len(parsed),
                   "parse_total_s": parse_s},
    }


def print_functions(result: dict[str, Any]) -> None:
    heading("2. OFFERVALUE (one call) and the engine (10,000 offers)")
    udf, eng = result["offervalue"], result["engine"]
    print(f"  {udf['how']}")
    print(f"  {udf['calls']:,} calls cycling over {udf['distinct_offers']} sample offers, each timed on its own"
          + ("" if not udf["mismatches"] else f"; WARNING: {udf['mismatches']} answers differ from the engine"))
    print(table(["what", "median", "p95", "min"],
                [["OFFERVALUE, per call", f"{udf['median_ms']:.3f} ms", f"{udf['p95_ms']:.3f} ms",
                  f"{udf['min_ms']:.3f} ms"],
                 ["engine.value_offer alone, per call", f"{udf['engine_value_offer_median_ms']:.3f} ms", "", ""]]))
    whole = result.get("whole_column")
    if whole:
        print(table(["OFFERVALUE, same offer", "median", "result"],
                    [["small ranges (A5:A40 and beside)", f"{whole['small_median_ms']:.3f} ms", ""],
                     [f"whole columns (keys, values, model keys and values: {whole['rows']:,} rows each)", f"{whole['whole_median_ms']:.1f} ms",
                      "same" if whole["same_result"] else "DIFFERENT"]]))
    print(table(["engine over generated offers", "offers", "total", "per offer"],
                [[f"value_offer (median of {eng['passes']} passes; horizons 1-10, mean {eng['mean_horizon_years']:.1f} y)",
                  f"{eng['offers']:,}", f"{eng['total_s']:.3f} s", f"{eng['per_offer_ms']:.3f} ms"],
                 ["parse_offers (checking the same offers, once)", f"{eng['offers']:,}", f"{eng['parse_total_s']:.3f} s",
                  f"{1e3 * eng['parse_total_s'] / eng['offers']:.3f} ms"]]))
    draws = result["with_draws"]
    print(f"  value_all, {draws['offers']} offers x {draws['years']} years with {draws['draws']:,} draws (the options' "
          f"volatility {draws['volatility']:g}): {draws['median'] * 1e3:.1f} ms (min {draws['min'] * 1e3:.1f}; "
          f"goal < {DRAWS_GOAL_S * 1e3:.0f} ms)")
