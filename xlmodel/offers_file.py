"""Read and check an offers file (TOML), as docs/model.md describes it.

Every problem raises `InputError` naming the file, the key path (`offers[1].equity.growth`,
offers counted from 0 as in the file's array) and the reason. Unknown keys are errors.
"""
from __future__ import annotations

import difflib
import math
import re
import tomllib
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Optional

from . import schedules
from .business_days import workday
from .errors import InputError, read_user_file
from .model import (DEFAULT_SCENARIOS, NO_TAX_LOCATION, Equity, Fallback, ModelSettings, NegotiationSettings,
                    Offer, OffersFile, Scenario, Schedule)

FRACTION_TOLERANCE = 1e-6
MAX_HORIZON_YEARS = 10
MAX_FILE_BYTES = 10_000_000  # a real offers file is a few kilobytes
# Bounds that keep every figure finite (no sum, product or JSON number overflows) and far beyond
# any real offer: dollar amounts, company values, share counts and per-share prices.
MAX_AMOUNT = 1e12
MAX_COMPANY_VALUE = 1e15
MAX_SHARES = 1e12
MIN_PRICE, MAX_PRICE = 1e-6, 1e9
# The dates a workbook can hold the same way in Excel and LibreOffice (serials agree from 1900-03-01).
FIRST_DATE, LAST_DATE = date(1900, 3, 1), date(9999, 12, 31)
MAX_HOLIDAYS = 1000
MAX_TEXT = 32_767  # characters in a workbook cell
_MISSING = object()


class _Table:
    """One TOML table being read: takes keys one by one, then rejects what is left over."""

    def __init__(self, source: str, path: str, data: Any, label: str = ""):
        self.source, self.path, self.label = source, path, label
        if not isinstance(data, dict):
            raise self.error("", f"must be a table, got {_describe(data)}")
        self.data = data
        self.known: list[str] = []

    def key_path(self, key: str) -> str:
        full = f"{self.path}.{key}" if self.path and key else (self.path or key)
        return f"{full} ({self.label})" if self.label else full

    def error(self, key: str, reason: str) -> InputError:
        return InputError(self.source, self.key_path(key), reason)

    def raw(self, key: str, required: bool = False) -> Any:
        self.known.append(key)
        if key not in self.data:
            if required:
                raise self.error(key, "is required but missing" + self._typo_hint(key))
            return _MISSING
        return self.data[key]

    def _typo_hint(self, key: str) -> str:
        close = difflib.get_close_matches(key, [k for k in self.data if isinstance(k, str)], n=1)
        return f" (is {close[0]!r} a typo for it?)" if close else ""

    def number(self, key: str, default: Any = None, required: bool = False,
               low: float = -math.inf, high: float = math.inf,
               low_open: bool = False, high_open: bool = False) -> Any:
        value = self.raw(key, required)
        if value is _MISSING:
            return default
        return _check_number(self, key, value, low, high, low_open, high_open)

    def integer(self, key: str, default: Any = None, required: bool = False,
                low: int = 0, high: int = 10**6) -> Any:
        value = self.raw(key, required)
        if value is _MISSING:
            return default
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"must be a whole number, got {_describe(value)}")
        if not low <= value <= high:
            raise self.error(key, f"must be between {low} and {high}, got {_number_text(value)}")
        return value

    def string(self, key: str, default: Any = None, required: bool = False,
               choices: Optional[tuple[str, ...]] = None) -> Any:
        value = self.raw(key, required)
        if value is _MISSING:
            return default
        if not isinstance(value, str):
            raise self.error(key, f"must be text, got {_describe(value)}")
        problem = text_problem(value)
        if problem:
            raise self.error(key, problem)
        if choices is not None and value not in choices:
            raise self.error(key, f"must be one of {', '.join(repr(c) for c in choices)}, got {_shorten(value)!r}")
        return value

    def boolean(self, key: str, default: Any = None) -> Any:
        value = self.raw(key)
        if value is _MISSING:
            return default
        if not isinstance(value, bool):
            raise self.error(key, f"must be true or false, got {_describe(value)}")
        return value

    def date(self, key: str, default: Any = None, required: bool = False) -> Any:
        value = self.raw(key, required)
        if value is _MISSING:
            return default
        return _check_date(self, key, value)

    def finish(self) -> None:
        for key in self.data:
            if key not in self.known:
                hint = difflib.get_close_matches(key, self.known, n=1)
                suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
                raise self.error(_shorten(key), f"unknown key{suggestion}")


# Characters XML 1.0 (so a workbook) cannot hold: control characters but tab, lone surrogates,
# U+FFFE and U+FFFF; and line breaks, which XML can hold but a one-line input should not.
_UNWRITABLE = re.compile("[\x00-\x08\x0a-\x1f\ud800-\udfff\ufffe\uffff]")


def text_problem(value: str) -> Optional[str]:
    """Why `value` cannot be written to a workbook cell, or None."""
    found = _UNWRITABLE.search(value)
    if found:
        return (f"must not contain control characters (such as line breaks) or other characters a workbook "
                f"cannot hold: U+{ord(found.group()):04X} at character {found.start() + 1}")
    length = len(value.encode("utf-16-le", "surrogatepass")) // 2  # Excel counts UTF-16 units
    if length > MAX_TEXT:
        return f"is {length:,} characters long; a workbook cell holds at most {MAX_TEXT:,}"
    return None


def _shorten(text: str, keep: int = 40) -> str:
    return text if len(text) <= 2 * keep else f"{text[:keep]}...{text[-keep:]}"


def _number_text(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 24 else f"a number of {len(text.lstrip('-'))} digits"


def _describe(value: Any) -> str:
    if isinstance(value, datetime):
        return f"a date and time ({value.isoformat()})"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, time):
        return f"a time of day ({value.isoformat()})"
    kinds = {bool: "true/false", str: "text", list: "a list", dict: "a table", int: "the number", float: "the number"}
    kind = kinds.get(type(value), type(value).__name__)
    if isinstance(value, str):
        shown = repr(_shorten(value))
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        shown = _number_text(value)
    elif isinstance(value, (list, dict)):
        shown = ""
    else:
        shown = repr(value)
    return f"{kind} {shown}".strip()


def _check_number(table: _Table, key: str, value: Any, low: float, high: float,
                  low_open: bool = False, high_open: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise table.error(key, f"must be a number, got {_describe(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise table.error(key, f"must be a finite number, got {value}")
    too_low = value <= low if low_open else value < low  # exact for Python ints of any size
    too_high = value >= high if high_open else value > high
    shown = _number_text(value)
    size_bound = high > 10  # an upper bound on size (amounts, prices), not a range such as [0, 1]
    if too_low and (size_bound or high == math.inf):
        if low == 0 and not low_open:
            raise table.error(key, f"must not be negative, got {shown}")
        word = "greater than" if low_open else "at least"
        raise table.error(key, f"must be {word} {low:g}, got {shown}")
    if too_high and size_bound:
        raise table.error(key, f"must be at most {high:g}, got {shown}")
    if too_low or too_high:
        raise table.error(key, f"must be between {low:g} and {high:g}, got {shown}")
    try:
        return float(value)
    except OverflowError:  # an integer beyond any float, where no upper bound was given
        raise table.error(key, f"must be a finite number, got {shown}") from None


def _check_date(table: _Table, key: str, value: Any) -> date:
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise table.error(key, f"must be a date such as 2027-01-04, got {_shorten(value)!r}") from None
    if type(value) is not date:
        raise table.error(key, f"must be a date such as 2027-01-04, got {_describe(value)}")
    if not FIRST_DATE <= value <= LAST_DATE:
        raise table.error(key, f"must be a date from {FIRST_DATE} to {LAST_DATE} (the dates a workbook can hold), "
                          f"got {value.isoformat()}")
    return value


def _number_list(table: _Table, key: str, low: float = 0.0, high: float = math.inf) -> Any:
    value = table.raw(key)
    if value is _MISSING:
        return _MISSING
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list):
        raise table.error(key, f"must be a list of numbers, got {_describe(value)}")
    return tuple(_check_number(table, f"{key}[{i}]", item, low, high) for i, item in enumerate(value))


# --- schedules -------------------------------------------------------------------------

def _read_schedule(parent: _Table, key: str) -> Schedule:
    value = parent.raw(key, required=True)
    if isinstance(value, str):
        if value not in schedules.PRESETS:
            names = ", ".join(repr(n) for n in schedules.PRESET_NAMES)
            raise parent.error(key, f"unknown schedule preset {value!r}; use one of {names} or a table")
        return schedules.preset(value)
    if not isinstance(value, dict):
        raise parent.error(key, f"must be a preset name or a table, got {_describe(value)}")
    table = _Table(parent.source, parent.key_path(key).split(" (")[0], value, parent.label)
    forms = [form for form in ("yearly", "months", "tranches") if form in value]
    if len(forms) != 1:
        raise table.error("", "must have exactly one of 'yearly', 'months' or 'tranches'")
    form = forms[0]
    if form == "tranches":
        tranches = _read_tranches(table)
    elif form == "yearly":
        yearly = _number_list(table, "yearly", 0.0, 1.0)
        if not yearly:
            raise table.error("yearly", "must list at least one year's fraction")
        if len(yearly) > MAX_HORIZON_YEARS:
            raise table.error("yearly", f"lists {len(yearly)} years; at most {MAX_HORIZON_YEARS}")
        every = table.integer("every_months", default=12, low=1, high=12)
        if 12 % every:
            raise table.error("every_months", f"must divide 12 (1, 2, 3, 4, 6 or 12), got {every}")
        cliff = table.integer("cliff_months", default=0, low=0, high=12 * MAX_HORIZON_YEARS)
        tranches = schedules.yearly_tranches(list(yearly), every, cliff)
    else:
        months = table.integer("months", required=True, low=1, high=12 * MAX_HORIZON_YEARS)
        every = table.integer("every_months", default=1, low=1, high=months)
        if months % every:
            raise table.error("every_months", f"must divide months ({months}), got {every}")
        cliff = table.integer("cliff_months", default=0, low=0, high=12 * MAX_HORIZON_YEARS)
        tranches = schedules.linear_tranches(months, every, cliff)
    table.finish()
    total = sum(fraction for _, fraction in tranches)
    if abs(total - 1.0) > FRACTION_TOLERANCE:
        raise table.error(form, f"fractions must sum to 1 (100%), they sum to {total:.6g}")
    return Schedule(tranches)


def parse_schedule(value: Any, source: str = "<schedule>", key: str = "schedule") -> Schedule:
    """Check one schedule on its own (a preset name or a table) exactly as in an offers file."""
    return _read_schedule(_Table(source, "", {key: value}), key)


def _read_tranches(table: _Table) -> tuple:
    value = table.raw("tranches")
    if not isinstance(value, list) or not value:
        raise table.error("tranches", "must be a list of [month, fraction] pairs")
    pairs = []
    for i, pair in enumerate(value):
        key = f"tranches[{i}]"
        if not isinstance(pair, list) or len(pair) != 2:
            raise table.error(key, f"must be a [month, fraction] pair, got {_describe(pair)}")
        month, fraction = pair
        if isinstance(month, float) and month.is_integer():
            month = int(month)
        if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12 * MAX_HORIZON_YEARS:
            raise table.error(key, f"month must be a whole number from 1 to {12 * MAX_HORIZON_YEARS}, got {_number_text(month) if type(month) in (int, float) else _describe(month)}")
        # tranches gathered at a cliff can add up to a hair over 1 (9 x 1/9 = 1.0000000000000002)
        fraction = _check_number(table, key, fraction, 0.0, 1.0 + FRACTION_TOLERANCE)
        pairs.append((month, min(fraction, 1.0)))
    return schedules._merge(pairs)


# --- the parts of the file ----------------------------------------------------------------

def _read_model(source: str, data: Any) -> ModelSettings:
    table = _Table(source, "model", data)
    settings = dict(
        start_date=table.date("start_date", required=True),
        horizon_years=table.integer("horizon_years", required=True, low=1, high=MAX_HORIZON_YEARS),
        discount_rate=table.number("discount_rate", 0.0, low=0.0, high=1.0),
        target=table.string("target"),
        decision_date=table.date("decision_date"),
        response_business_days=table.integer("response_business_days", 5, low=0, high=1000),
        expiry_business_days=table.integer("expiry_business_days", 10, low=0, high=1000),
    )
    holidays = table.raw("holidays")
    if holidays is _MISSING:
        holidays = []
    if not isinstance(holidays, list):
        raise table.error("holidays", f"must be a list of dates, got {_describe(holidays)}")
    if len(holidays) > MAX_HOLIDAYS:
        raise table.error("holidays", f"lists {len(holidays):,} dates; at most {MAX_HOLIDAYS:,}")
    settings["holidays"] = tuple(sorted({_check_date(table, f"holidays[{i}]", d) for i, d in enumerate(holidays)}))
    table.finish()
    _check_calendar(table, settings)
    return ModelSettings(**settings)


def _check_calendar(table: _Table, settings: dict) -> None:
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


def _read_equity(parent: _Table) -> Optional[Equity]:
    data = parent.raw("equity")
    if data is _MISSING:
        return None
    table = _Table(parent.source, f"{parent.path}.equity", data, parent.label)
    kind = table.string("type", required=True, choices=("rsu", "options"))
    sizes = [key for key in ("grant_value", "shares", "percent") if key in data]
    if len(sizes) != 1:
        raise table.error("", "must give exactly one grant size: grant_value, shares or percent"
                          + (f" (got {', '.join(sizes)})" if sizes else ""))
    grant_value = table.number("grant_value", low=0.0, high=MAX_AMOUNT)
    grant_shares = table.number("shares", low=0.0, high=MAX_SHARES)
    percent = table.number("percent", low=0.0, high=1.0)
    company_value = table.number("company_value", low=0.0, high=MAX_COMPANY_VALUE)
    if percent is not None and company_value is None:
        raise table.error("company_value", "is required with percent (the company's value in dollars)")
    if percent is None and company_value is not None:
        raise table.error("company_value", "is only used with percent")
    price = table.number("price", required=True, low=MIN_PRICE, high=MAX_PRICE)
    if grant_value is not None:
        shares = grant_value / price
    elif grant_shares is not None:
        shares = grant_shares
    else:
        shares = percent * company_value / price
    equity = Equity(
        type=kind, shares=shares, price=price,
        growth=table.number("growth", 0.0, low=-1.0, high=10.0, low_open=True),
        schedule=_read_schedule(table, "schedule"),
        strike=table.number("strike", 0.0, low=0.0, high=MAX_PRICE),
        liquidity_probability=table.number("liquidity_probability", 1.0, low=0.0, high=1.0),
        dilution=table.number("dilution", 0.0, low=0.0, high=1.0, high_open=True),
        refresh_value=table.number("refresh_value", 0.0, low=0.0, high=MAX_AMOUNT),
        grant_value=grant_value, grant_shares=grant_shares, percent=percent, company_value=company_value,
    )
    table.finish()
    return equity


def _read_fallback(parent: _Table) -> Optional[Fallback]:
    data = parent.raw("fallback")
    if data is _MISSING:
        return None
    table = _Table(parent.source, f"{parent.path}.fallback", data, parent.label)
    if ("bump" in data) == ("bump_amount" in data):
        raise table.error("", "must give exactly one of bump (a fraction of base) or bump_amount (annual dollars)")
    fallback = Fallback(
        after_months=table.integer("after_months", required=True, low=0, high=12 * MAX_HORIZON_YEARS),
        probability=table.number("probability", required=True, low=0.0, high=1.0),
        bump=table.number("bump", low=0.0, high=10.0),
        bump_amount=table.number("bump_amount", low=0.0, high=MAX_AMOUNT),
        guaranteed_months=table.integer("guaranteed_months", 0, low=0, high=12 * MAX_HORIZON_YEARS),
    )
    table.finish()
    return fallback


def _read_offer(source: str, index: int, data: Any, horizon_years: int) -> Offer:
    table = _Table(source, f"offers[{index}]", data)
    name = table.string("name", required=True)
    if not name.strip():
        raise table.error("name", "must not be empty")
    table.label = f"offer {_shorten(name)!r}"
    signon = _number_list(table, "signon", 0.0, MAX_AMOUNT)
    signon = () if signon is _MISSING else signon
    if len(signon) > horizon_years:
        raise table.error("signon", f"has {len(signon)} entries but the horizon is {horizon_years} years")
    offer = Offer(
        name=name,
        title=table.string("title", ""),
        base=table.number("base", required=True, low=0.0, high=MAX_AMOUNT),
        annual_raise=table.number("annual_raise", 0.0, low=0.0, high=1.0),
        bonus_target=table.number("bonus_target", 0.0, low=0.0, high=10.0),
        bonus_payout=table.number("bonus_payout", 1.0, low=0.0, high=10.0),
        signon=signon,
        signon_payment=table.string("signon_payment", "upfront", choices=("upfront", "monthly")),
        signon_clawback_months=table.integer("signon_clawback_months", 12, low=0, high=12 * MAX_HORIZON_YEARS),
        equity=_read_equity(table),
        fallback=_read_fallback(table),
        tax_location=table.string("tax_location", NO_TAX_LOCATION),
    )
    table.finish()
    return offer


def _read_scenario(source: str, index: int, data: Any) -> Scenario:
    table = _Table(source, f"scenarios[{index}]", data)
    name = table.string("name", required=True)
    if not name.strip():
        raise table.error("name", "must not be empty")
    table.label = f"scenario {_shorten(name)!r}"
    if "growth" in data and "growth_shift" in data:
        raise table.error("", "must give at most one of growth or growth_shift")
    scenario = Scenario(
        name=name,
        growth=table.number("growth", low=-1.0, high=10.0, low_open=True),
        growth_shift=table.number("growth_shift", low=-10.0, high=10.0),
        milestone=table.boolean("milestone"),
        liquidity=table.number("liquidity", low=0.0, high=1.0),
    )
    table.finish()
    return scenario


def _read_negotiation(source: str, data: Any, target: Offer) -> NegotiationSettings:
    if data is _MISSING:
        return NegotiationSettings.for_target(target)
    table = _Table(source, "negotiation", data)
    after_months = table.integer("fallback_after_months", low=0, high=12 * MAX_HORIZON_YEARS)
    probability = table.number("fallback_probability", low=0.0, high=1.0)
    schedule = _read_schedule(table, "accelerated_schedule") if "accelerated_schedule" in data else None
    table.known.append("accelerated_schedule")  # so that a misspelt key gets it as a suggestion
    table.finish()
    return NegotiationSettings.for_target(target, after_months, probability, schedule)


def _array_of_tables(top: _Table, key: str, required: bool) -> list:
    value = top.raw(key, required)
    if value is _MISSING:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise top.error(key, f"must be an array of tables ([[{key}]] sections)")
    if required and not value:
        raise top.error(key, "must list at least one offer")
    return value


def parse_offers(data: dict, source: str = "<offers>") -> OffersFile:
    """Check a parsed TOML document and return the offers file it describes."""
    from .tax_file import check_tax_locations, read_tax  # here, not at the top: tax_file reads with _Table
    top = _Table(source, "", data)
    model = _read_model(source, top.raw("model", required=True))
    offers = tuple(_read_offer(source, i, item, model.horizon_years)
                   for i, item in enumerate(_array_of_tables(top, "offers", required=True)))
    scenarios = tuple(_read_scenario(source, i, item)
                      for i, item in enumerate(_array_of_tables(top, "scenarios", required=False)))
    negotiation = top.raw("negotiation")
    tax = read_tax(source, top.raw("tax"))
    top.finish()
    check_tax_locations(source, offers, tax)

    _check_unique(source, "offers", [o.name for o in offers])
    _check_unique(source, "scenarios", [s.name for s in scenarios])
    names = [o.name for o in offers]
    if model.target is None:
        model = ModelSettings(**{**model.__dict__, "target": names[0]})
    elif model.target not in names:
        raise InputError(source, "model.target",
                         f"names no offer: {_shorten(model.target)!r} (offers are {', '.join(repr(_shorten(n)) for n in names)})")
    given = bool(scenarios)
    scenarios = scenarios or DEFAULT_SCENARIOS
    _check_scenario_growth(source, offers, scenarios, given)
    target = next(o for o in offers if o.name == model.target)
    return OffersFile(model=model, offers=offers, scenarios=scenarios, scenarios_given=given,
                      negotiation=_read_negotiation(source, negotiation, target), tax=tax)


def _check_unique(source: str, key: str, names: list[str]) -> None:
    seen: set[str] = set()
    for i, name in enumerate(names):
        if name in seen:
            raise InputError(source, f"{key}[{i}].name", f"{_shorten(name)!r} is used twice; names must be unique")
        seen.add(name)


def _check_scenario_growth(source: str, offers, scenarios, given: bool) -> None:
    for i, scenario in enumerate(scenarios):
        if scenario.growth_shift is None:
            continue
        for j, offer in enumerate(offers):
            if offer.equity and offer.equity.growth + scenario.growth_shift <= -1.0:
                # A default scenario is not in the file: point at the growth the user can change.
                key = f"scenarios[{i}].growth_shift" if given else f"offers[{j}].equity.growth"
                raise InputError(source, key, f"scenario {scenario.name!r} takes offer {offer.name!r}'s growth to "
                                 f"{offer.equity.growth + scenario.growth_shift:g}; growth must stay above -1")


def load_offers(path: str | Path) -> OffersFile:
    path = Path(path)
    source = str(path)
    content = read_user_file(path, "an offers file", MAX_FILE_BYTES)
    try:
        text = content.decode("utf-8-sig")  # a byte-order mark, as some Windows editors write, is skipped
    except UnicodeDecodeError:
        raise InputError(source, "", "is not a UTF-8 text file (an offers file is TOML text)") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(source, "", f"malformed TOML: {error}") from None
    except RecursionError:  # the parser recurses into each nested array or inline table
        raise InputError(source, "", "malformed TOML: arrays or tables nested thousands deep") from None
    return parse_offers(data, source)
