"""Read and check an offers file (TOML), as docs/offers-file.md describes it.

Every problem raises `InputError` naming the file, the key path (`offers[1].equity.growth`,
offers counted from 0 as in the file's array) and the reason. Unknown keys are errors. Each
value is read through its Field of `inputs.schema`; the rules that tie keys together are here.
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Optional

from ..business_days import workday
from ..errors import InputError, read_user_file, shorten
from ..model import (DEFAULT_SCENARIOS, Equity, Fallback, ModelSettings, NegotiationSettings, Offer, OffersFile,
                     Scenario, Wording)
from . import schema
from .schedule_file import read_schedule
from .schema import EQUITY, FALLBACK, MAX_HOLIDAYS, MODEL, NEGOTIATION, OFFER, SCENARIO
from .table_reader import LAST_DATE, MISSING, TableReader, describe
from .shipped_locations import with_shipped_locations
from .tax_file import read_tax

MAX_FILE_BYTES = 10_000_000  # a real offers file is a few kilobytes
GRANT_SIZES = (("grant_value",), ("shares",), ("percent",))  # exactly one sizes a grant


def _read_model(top: TableReader) -> ModelSettings:
    table = top.inner("model", top.raw("model", required=True))
    settings = {field.key: table.read(field) for field in MODEL if field.kind != schema.DATES}
    holidays = table.raw("holidays")
    if holidays is MISSING:
        holidays = []
    if not isinstance(holidays, list):
        raise table.error("holidays", f"must be a list of dates, got {describe(holidays)}")
    if len(holidays) > MAX_HOLIDAYS:
        raise table.error("holidays", f"lists {len(holidays):,} dates; at most {MAX_HOLIDAYS:,}")
    settings["holidays"] = tuple(sorted({table.date_value(("holidays", i), d) for i, d in enumerate(holidays)}))
    table.finish()
    _check_calendar(table, settings)
    return ModelSettings(**settings)


def _check_calendar(table: TableReader, settings: dict) -> None:
    """Every date the model counts to (the horizon's last month, the reply deadlines) must exist."""
    start, years = settings["start_date"], settings["horizon_years"]
    if start.year + years > LAST_DATE.year:  # the horizon ends 12 x years months after the start
        raise table.error("start_date", f"is so late that the {years}-year horizon runs past {LAST_DATE}, the last "
                          f"date a workbook can hold; start in {LAST_DATE.year - years} or earlier")
    decision = settings["decision_date"]
    if decision is None:
        return
    days = max(settings["response_business_days"], settings["expiry_business_days"])
    try:
        workday(decision, days, settings["holidays"])
    except OverflowError:
        raise table.error("decision_date", f"is so late that {days} business days after it run past {LAST_DATE}, "
                          f"the last date a workbook can hold") from None


def _read_equity(parent: TableReader) -> Optional[Equity]:
    data = parent.raw("equity")
    if data is MISSING:
        return None
    table = parent.inner("equity", data)
    kind = table.read(EQUITY["type"])
    sizes = [key for (key,) in GRANT_SIZES if key in data]
    if len(sizes) != 1:
        raise table.error("", "must give exactly one grant size: grant_value, shares or percent"
                          + (f" (got {', '.join(sizes)})" if sizes else ""), parts=GRANT_SIZES)
    values = {field.key: table.read(field) for field in EQUITY if field.key not in ("type", "schedule")}
    percent, company_value, preference = values["percent"], values["company_value"], values["preference"]
    if percent is not None and company_value is None:
        raise table.error("company_value", "is required with percent (the company's value in dollars)")
    if preference > 0 and company_value is None:
        raise table.error("company_value", "is required with a preference (the company's value in dollars)")
    if percent is None and preference == 0 and company_value is not None:
        raise table.error("company_value", "is only used with percent or a preference")
    if preference > 0 and not values["preferred_share"] > 0:
        raise table.error("preferred_share", "must be above 0 with a preference (the fraction of the fully diluted "
                          "shares that are preferred)")
    price = values["price"]
    if values["grant_value"] is not None:
        shares = values["grant_value"] / price
    elif values["shares"] is not None:
        shares = values["shares"]
    else:
        shares = percent * company_value / price
    schedule = read_schedule(table, "schedule")
    table.finish()
    return Equity(type=kind, shares=shares, schedule=schedule, grant_shares=values.pop("shares"),
                  **values)


def _read_fallback(parent: TableReader) -> Optional[Fallback]:
    data = parent.raw("fallback")
    if data is MISSING:
        return None
    table = parent.inner("fallback", data)
    if ("bump" in data) == ("bump_amount" in data):
        raise table.error("", "must give exactly one of bump (a fraction of base) or bump_amount (annual dollars)",
                          parts=(("bump",), ("bump_amount",)))
    fallback = Fallback(**{field.key: table.read(field) for field in FALLBACK})
    table.finish()
    return fallback


def _read_offer(top: TableReader, index: int, data: Any, horizon_years: int) -> Offer:
    table = TableReader(top.source, ("offers", index), data, warnings=top.warnings)
    name = table.read(OFFER["name"])
    if not name.strip():
        raise table.error("name", "must not be empty")
    table.label = f"offer {shorten(name)!r}"
    values = {field.key: table.read(field) for field in OFFER if field.key != "name"}
    if len(values["signon"]) > horizon_years:
        raise table.error("signon", f"has {len(values['signon'])} entries but the horizon is {horizon_years} years")
    offer = Offer(name=name, equity=_read_equity(table), fallback=_read_fallback(table), **values)
    table.finish()
    return offer


def _read_scenario(top: TableReader, index: int, data: Any) -> Scenario:
    table = TableReader(top.source, ("scenarios", index), data, warnings=top.warnings)
    name = table.read(SCENARIO["name"])
    if not name.strip():
        raise table.error("name", "must not be empty")
    table.label = f"scenario {shorten(name)!r}"
    if "growth" in data and "growth_shift" in data:
        raise table.error("", "must give at most one of growth or growth_shift", parts=(("growth",), ("growth_shift",)))
    scenario = Scenario(name=name, **{field.key: table.read(field) for field in SCENARIO if field.key != "name"})
    table.finish()
    return scenario


def _read_negotiation(top: TableReader, target: Offer) -> NegotiationSettings:
    data = top.raw("negotiation")
    if data is MISSING:
        return NegotiationSettings.for_target(target)
    table = top.inner("negotiation", data)
    after_months = table.read(NEGOTIATION["fallback_after_months"])
    probability = table.read(NEGOTIATION["fallback_probability"])
    schedule = read_schedule(table, "accelerated_schedule") if "accelerated_schedule" in data else None
    table.known.append("accelerated_schedule")  # so that a misspelt key gets it as a suggestion
    words = {field.key: table.read(field) for field in NEGOTIATION if field.key in Wording.__dataclass_fields__}
    for key in ("milestone", "alternative_label"):  # blank text says nothing: the default stands
        if not words[key].strip():
            words[key] = NEGOTIATION[key].default
    table.finish()
    return NegotiationSettings.for_target(target, after_months, probability, schedule, Wording(**words))


def _array_of_tables(top: TableReader, key: str, required: bool) -> list:
    value = top.raw(key, required)
    if value is MISSING:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise top.error(key, f"must be an array of tables ([[{key}]] sections)")
    if required and not value:
        raise top.error(key, "must list at least one offer")
    return value


def parse_offers(data: dict, source: str = "<offers>") -> OffersFile:
    """Check a parsed TOML document and return the offers file it describes."""
    top = TableReader(source, (), data)
    model = _read_model(top)
    offers = tuple(_read_offer(top, i, item, model.horizon_years)
                   for i, item in enumerate(_array_of_tables(top, "offers", required=True)))
    scenarios = tuple(_read_scenario(top, i, item)
                      for i, item in enumerate(_array_of_tables(top, "scenarios", required=False)))
    top.raw("negotiation")
    tax = read_tax(top)
    top.finish()
    tax = with_shipped_locations(source, offers, tax)

    _check_unique(source, "offers", [o.name for o in offers])
    _check_unique(source, "scenarios", [s.name for s in scenarios])
    names = [o.name for o in offers]
    if model.target is None:
        model = ModelSettings(**{**model.__dict__, "target": names[0]})
    elif model.target not in names:
        raise InputError(source, ("model", "target"), f"names no offer: {shorten(model.target)!r} "
                         f"(offers are {', '.join(repr(shorten(n)) for n in names)})")
    given = bool(scenarios)
    scenarios = scenarios or DEFAULT_SCENARIOS
    _check_scenario_growth(source, offers, scenarios, given)
    target = next(o for o in offers if o.name == model.target)
    return OffersFile(model=model, offers=offers, scenarios=scenarios, scenarios_given=given,
                      negotiation=_read_negotiation(top, target), tax=tax, warnings=tuple(top.warnings))


def _check_unique(source: str, key: str, names: list[str]) -> None:
    seen: set[str] = set()
    for i, name in enumerate(names):
        if name in seen:
            raise InputError(source, (key, i, "name"), f"{shorten(name)!r} is used twice; names must be unique")
        seen.add(name)


def _check_scenario_growth(source: str, offers, scenarios, given: bool) -> None:
    for i, scenario in enumerate(scenarios):
        if scenario.growth_shift is None:
            continue
        for j, offer in enumerate(offers):
            if offer.equity and offer.equity.growth + scenario.growth_shift <= -1.0:
                # A default scenario is not in the file: point at the growth the user can change.
                path = ("scenarios", i, "growth_shift") if given else ("offers", j, "equity", "growth")
                raise InputError(source, path, f"scenario {scenario.name!r} takes offer {offer.name!r}'s growth to "
                                 f"{offer.equity.growth + scenario.growth_shift:g}; growth must stay above -1")


def load_offers(path: str | Path) -> OffersFile:
    path = Path(path)
    source = str(path)
    content = read_user_file(path, "an offers file", MAX_FILE_BYTES)
    try:
        text = content.decode("utf-8-sig")  # a byte-order mark, as some Windows editors write, is skipped
    except UnicodeDecodeError:
        raise InputError(source, (), "is not a UTF-8 text file (an offers file is TOML text)") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(source, (), f"malformed TOML: {error}") from None
    except RecursionError:  # the parser recurses into each nested array or inline table
        raise InputError(source, (), "malformed TOML: arrays or tables nested thousands deep") from None
    return parse_offers(data, source)
