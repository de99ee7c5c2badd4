"""Guards on the inputs: for every cell of Inputs (and each offer's custom tranche table on
Schedules), a type and range check with the ranges of the offers file, and the plain sentence
that names it when it fails.

A check is a `Cond`: its formula (no '=') and, beside it, what it gives for the values the
workbook is built with, so the Checks sheet stores every result. Blank means "not given" where
the offers file has a default for it, as everywhere in the workbook. A number typed as text is
not a number (ISNUMBER is FALSE), so it fails: the workbook's formulas would read it as 0 or an
error. `scenario.milestone` must be a real TRUE/FALSE: the text "TRUE" is ignored by the
formulas and refused by `xlmodel read`, so it fails too.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any, Callable, Optional

from ..inputs import keys as input_keys
from ..inputs.schedule_file import FRACTION_TOLERANCE
from ..schedules import PRESET_NAMES
from .cells import serial
from .figures import Figures
from .layout import ACCELERATED, INPUTS, MAX_MONTHS, PARAM_COL, SCENARIO_KEYS, SCHEDULES, Layout
from .refs import area, col
from .schedules_sheet import table_tranches, tranche_area

OFFERS_TITLE = "Inputs: offers"
LAST_SERIAL_DAY = 2958465  # 9999-12-31, the last day a spreadsheet can hold
GROWTH_LOW, GROWTH_HIGH = -1.0, 10.0


@dataclass(frozen=True)
class Cond:
    """A TRUE/FALSE check: its formula (without '=') and its value for the built inputs."""
    f: str
    v: bool


def _blank_value(value: Any) -> bool:
    return value is None or value == ""


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _text(value: Any) -> str:
    """A value as a spreadsheet's text functions (EXACT, &) see it."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _bound(x: float) -> str:
    return format(x, ".15g")


def blank(ref: str, value: Any) -> Cond:
    return Cond(f'{ref}=""', _blank_value(value))


def given(ref: str, value: Any) -> Cond:
    return Cond(f'{ref}<>""', not _blank_value(value))


def number(ref: str, value: Any, low: Optional[float] = None, high: Optional[float] = None, low_open: bool = False,
           high_open: bool = False, whole: bool = False) -> Cond:
    """A number (not text) within the bounds; `whole`: a whole number."""
    tests, holds = [], _is_number(value)
    if whole:
        tests.append(f"INT({ref})={ref}")
        holds = holds and float(value).is_integer()
    if low is not None:
        tests.append(f"{ref}{'>' if low_open else '>='}{_bound(low)}")
        holds = holds and (value > low if low_open else value >= low)
    if high is not None:
        tests.append(f"{ref}{'<' if high_open else '<='}{_bound(high)}")
        holds = holds and (value < high if high_open else value <= high)
    inner = tests[0] if len(tests) == 1 else f"AND({','.join(tests)})"
    return Cond(f"IF(ISNUMBER({ref}),{inner},FALSE)" if tests else f"ISNUMBER({ref})", bool(holds))


def date(ref: str, value: Any) -> Cond:
    day = serial(value) if isinstance(value, dt.date) else value
    return number(ref, day, 1, LAST_SERIAL_DAY, whole=True)


def one_of(ref: str, value: Any, choices) -> Cond:
    """Exactly one of the choices, case and all (as the offers file compares)."""
    return Cond("OR(" + ",".join(f'EXACT({ref},"{c}")' for c in choices) + ")", _text(value) in choices)


def text(ref: str, value: Any) -> Cond:
    """Text that is not blank."""
    return Cond(f'IF(ISTEXT({ref}),LEN(TRIM({ref}))>0,FALSE)', isinstance(value, str) and bool(value.strip(" ")))


def logical(ref: str, value: Any) -> Cond:
    return Cond(f"ISLOGICAL({ref})", isinstance(value, bool))


def exactly_once(ref: str, value: Any, names: str, name_values: list) -> Cond:
    """The value matches exactly one of the cells of `names`."""
    count = sum(_text(n) == _text(value) for n in name_values)
    return Cond(f"SUMPRODUCT(EXACT({names},{ref})*1)=1", count == 1)


def all_of(*conds: Cond) -> Cond:
    return Cond("AND(" + ",".join(c.f for c in conds) + ")", all(c.v for c in conds))


def any_of(*conds: Cond) -> Cond:
    return Cond("OR(" + ",".join(c.f for c in conds) + ")", any(c.v for c in conds))


def when(condition: Cond, then: Cond, otherwise: bool = True) -> Cond:
    """`then` where `condition` holds; elsewhere `otherwise`."""
    return Cond(f"IF({condition.f},{then.f},{'TRUE' if otherwise else 'FALSE'})",
                then.v if condition.v else otherwise)


def or_blank(ref: str, value: Any, check: Cond) -> Cond:
    return Cond(f'IF({ref}="",TRUE,{check.f})', _blank_value(value) or check.v)


def guarded(check: Cond) -> Cond:
    """A check that is FALSE, never an error, whatever the cell holds (an error value, say)."""
    return Cond(f"IFERROR({check.f},FALSE)", check.v)


@dataclass(frozen=True)
class GuardRow:
    """One key's check in every column of a section, and what the key must be."""
    key: str
    requirement: str  # "must be a number from 0 to 1": the message reads "<sheet>: <key> (<label>) <requirement>"
    checks: list[Cond]
    sheet: str = INPUTS


@dataclass(frozen=True)
class Section:
    title: str
    rows: list[GuardRow]
    labels: list[tuple[str, str]]  # (formula without '=', value) naming each column: "offer Nimbus AI"; none: one column


# --- the requirements, in words ----------------------------------------------------------------

OR_BLANK = ", or blank"
FRACTION_TEXT = "must be a number from 0 to 1"
AMOUNT_TEXT = "must be a number, 0 or more"
GROWTH_TEXT = "must be a number above -100% (-1) and at most 1000% (10)"
MONTHS_TEXT = "must be a whole number from 0 to 120"
TEN_TEXT = "must be a number from 0 to 10"
PRESET_TEXT = "must be a preset (" + ", ".join(PRESET_NAMES) + ") or custom"

Check = Callable[[str, Any], Cond]


def _fraction(r, v): return number(r, v, 0.0, 1.0)
def _amount(r, v): return number(r, v, 0.0)
def _ten(r, v): return number(r, v, 0.0, 10.0)
def _growth(r, v): return number(r, v, GROWTH_LOW, GROWTH_HIGH, low_open=True)
def _months(r, v): return number(r, v, 0, 12 * 10, whole=True)


# key -> (check of the cell alone, the requirement, blank allowed) for the offer keys that stand alone
OFFER_CELL_RULES: dict[str, tuple[Check, str, bool]] = {
    "base": (_amount, AMOUNT_TEXT, False),
    "annual_raise": (_fraction, FRACTION_TEXT, True),
    "bonus_target": (_ten, TEN_TEXT, True),
    "bonus_payout": (_ten, TEN_TEXT, True),
    "signon_payment": (lambda r, v: one_of(r, v, ("upfront", "monthly")), "must be upfront or monthly (blank: upfront)",
                       True),
    "signon_clawback_months": (_months, MONTHS_TEXT, True),
    "equity.type": (lambda r, v: one_of(r, v, ("rsu", "options", input_keys.NO_EQUITY)),
                    "must be rsu, options or none", False),
    "equity.grant_value": (_amount, AMOUNT_TEXT, True),
    "equity.shares": (_amount, AMOUNT_TEXT, True),
    "equity.percent": (_fraction, FRACTION_TEXT, True),
    "equity.price": (lambda r, v: number(r, v, 0.0, low_open=True), "must be a number above 0", False),
    "equity.growth": (_growth, GROWTH_TEXT, True),
    "equity.schedule": (lambda r, v: one_of(r, v, PRESET_NAMES + (input_keys.CUSTOM_SCHEDULE,)), PRESET_TEXT, False),
    "equity.strike": (_amount, AMOUNT_TEXT, True),
    "equity.liquidity_probability": (_fraction, FRACTION_TEXT, True),
    "equity.dilution": (lambda r, v: number(r, v, 0.0, 1.0, high_open=True), "must be a number from 0 to below 1",
                        True),
    "equity.refresh_value": (_amount, AMOUNT_TEXT, True),
    "equity.volatility": (lambda r, v: number(r, v, 0.0, 5.0), "must be a number from 0 to 5", True),
    "equity.preference": (_amount, AMOUNT_TEXT, True),
    "equity.participating": (lambda r, v: logical(r, v), "must be TRUE, FALSE (not as text) or blank", True),
    "equity.exercise_window_months": (_months, MONTHS_TEXT, True),
    "fallback.bump_amount": (_amount, AMOUNT_TEXT, True),
    "fallback.guaranteed_months": (_months, MONTHS_TEXT, True),
}


def _requirement(text: str, blank_allowed: bool) -> str:
    return text + (OR_BLANK if blank_allowed else "")


class _Offer:
    """One offer column: its cells and the values the workbook is built with."""

    def __init__(self, layout: Layout, index: int, values: dict, known_locations: tuple[str, ...] = ()):
        self.layout, self.index, self.values = layout, index, values
        self.known_locations = (input_keys.NO_TAX_LOCATION,) + known_locations

    def ref(self, key: str) -> str:
        return self.layout.inputs.offer(key, self.index)

    def cell(self, key: str, check: Check) -> Cond:
        return check(self.ref(key), self.values[key])

    def blank(self, key: str) -> Cond:
        return blank(self.ref(key), self.values[key])

    def has_equity(self) -> Cond:
        c = self.cell("equity.type", lambda r, v: one_of(r, v, (input_keys.NO_EQUITY,)))
        return Cond(f"NOT({c.f})", not c.v)

    def has_fallback(self) -> Cond:
        return any_of(*(given(self.ref(k), self.values[k]) for k in input_keys.FALLBACK_KEYS))


def _offer_check(offer: _Offer, key: str, names: str, name_values: list) -> Cond:
    ref, value = offer.ref(key), offer.values[key]
    if key == "name":
        return all_of(text(ref, value), exactly_once(ref, value, names, name_values))
    if key == "title":
        return Cond(f"NOT(OR(ISLOGICAL({ref}),ISERROR({ref})))", not isinstance(value, bool))
    if key.startswith("signon."):
        return or_blank(ref, value, _amount(ref, value))
    if key == "equity.company_value":  # given exactly when percent or a preference is
        amount = _amount(ref, value)
        preference_ref, preference = offer.ref("equity.preference"), offer.values["equity.preference"]
        needed = Cond(f'OR({offer.ref("equity.percent")}<>"",N({preference_ref})>0)',
                      not offer.blank("equity.percent").v or (_is_number(preference) and preference > 0))
        rule = Cond(f'IF({needed.f},{amount.f},{ref}="")', amount.v if needed.v else _blank_value(value))
        return when(offer.has_equity(), rule)
    if key == "equity.preferred_share":  # from 0 to below 1, above 0 with a preference
        preference_ref, preference = offer.ref("equity.preference"), offer.values["equity.preference"]
        share = number(ref, value, 0.0, 1.0, high_open=True)
        positive = number(ref, value, 0.0, 1.0, low_open=True, high_open=True)
        with_preference = Cond(f"N({preference_ref})>0", _is_number(preference) and preference > 0)
        rule = Cond(f"IF({with_preference.f},{positive.f},{or_blank(ref, value, share).f})",
                    positive.v if with_preference.v else or_blank(ref, value, share).v)
        return when(offer.has_equity(), rule)
    if key == "fallback.bump":  # a clause needs a bump (this or bump_amount)
        needs_one = when(offer.has_fallback(), any_of(given(ref, value), given(offer.ref("fallback.bump_amount"),
                                                                               offer.values["fallback.bump_amount"])))
        return all_of(or_blank(ref, value, _ten(ref, value)), needs_one)
    if key in ("fallback.after_months", "fallback.probability"):
        check = _months if key == "fallback.after_months" else _fraction
        return when(offer.has_fallback(), check(ref, value))
    if key == input_keys.TAX_LOCATION_KEY:  # "none", or a location named on the Tax sheet
        tax = offer.layout.tax
        names = area(tax.names_row, tax.slot_col(1), tax.names_row, tax.last_slot_col, "Tax")
        known = offer.known_locations
        return or_blank(ref, value, Cond(f'OR(EXACT({ref},"{input_keys.NO_TAX_LOCATION}"),'
                                         f"SUMPRODUCT(EXACT({names},{ref})*1)>0)", _text(value) in known))
    check, _, blank_allowed = OFFER_CELL_RULES[key]
    rule = or_blank(ref, value, check(ref, value)) if blank_allowed else check(ref, value)
    if key.startswith("equity.") and key != "equity.type":
        return when(offer.has_equity(), rule)
    return rule


def _offer_requirement(key: str) -> str:
    if key == "name":
        return "must be text, not blank, used by no other offer"
    if key == "title":
        return "must be text or blank"
    if key.startswith("signon."):
        return _requirement(AMOUNT_TEXT, True)
    if key == "equity.company_value":
        return AMOUNT_TEXT + " with equity.percent or a preference, blank without them"
    if key == "equity.preferred_share":
        return "must be a number from 0 to below 1, or blank; above 0 with a preference"
    if key == "fallback.bump":
        return _requirement(TEN_TEXT, True) + "; a fallback clause needs bump or bump_amount"
    if key == "fallback.after_months":
        return MONTHS_TEXT + " when the offer has a fallback clause"
    if key == "fallback.probability":
        return FRACTION_TEXT + " when the offer has a fallback clause"
    if key == input_keys.TAX_LOCATION_KEY:
        return "must be none or a location named on the Tax sheet"
    _, requirement, blank_allowed = OFFER_CELL_RULES[key]
    return _requirement(requirement, blank_allowed)


def _names_area(layout: Layout, row_key: str, count: int) -> str:
    row = layout.inputs.offer_row[row_key] if row_key == "name" else layout.inputs.scenario_row[row_key]
    return area(row, PARAM_COL, row, PARAM_COL + count - 1, INPUTS)


def _label(noun: str, name_ref: str, name: str, column: int) -> tuple[str, str]:
    """'offer Nimbus AI', or where the column is when its name is blank or broken."""
    fallback = f'"the {noun} in column {col(column)}"'
    return (f'IFERROR(IF(LEN(TRIM({name_ref}))=0,{fallback},"{noun} "&{name_ref}),{fallback})', f"{noun} {name}")


def model_section(figures: Figures, layout: Layout) -> Section:
    settings = figures.settings
    values = input_keys.model_inputs(settings)
    ref = layout.inputs.model
    names = _names_area(layout, "name", layout.offers)
    name_values = [o.name for o in figures.offers_file.offers]
    days = lambda r, v: number(r, v, 0, 1000, whole=True)
    rows = [
        GuardRow("model.start_date", "must be a date",
                 [date(ref("model.start_date"), values["model.start_date"])]),
        GuardRow("model.horizon_years", f"must stay {settings.horizon_years}: the timeline is fixed when the "
                 "workbook is built (rebuild it to change the horizon)",
                 [Cond(f'IF(ISNUMBER({ref("model.horizon_years")}),{ref("model.horizon_years")}='
                       f'{settings.horizon_years},FALSE)', values["model.horizon_years"] == settings.horizon_years)]),
        GuardRow("model.discount_rate", _requirement(FRACTION_TEXT, True),
                 [or_blank(ref("model.discount_rate"), values["model.discount_rate"],
                           _fraction(ref("model.discount_rate"), values["model.discount_rate"]))]),
        GuardRow("model.target", "must be one of the offer names, exactly",
                 [Cond(f'SUMPRODUCT(EXACT({names},{ref("model.target")})*1)>0',
                       _text(values["model.target"]) in [_text(n) for n in name_values])]),
        GuardRow("model.decision_date", "must be a date, or blank",
                 [or_blank(ref("model.decision_date"), values["model.decision_date"],
                           date(ref("model.decision_date"), values["model.decision_date"]))]),
    ]
    for key in ("model.response_business_days", "model.expiry_business_days"):
        rows.append(GuardRow(key, "must be a whole number from 0 to 1000, or blank",
                             [or_blank(ref(key), values[key], days(ref(key), values[key]))]))
    draws = lambda r, v: number(r, v, 0, 10_000, whole=True)
    seed = lambda r, v: number(r, v, 0, 2**32 - 1, whole=True)
    rows.append(GuardRow("model.draws", "must be a whole number from 0 to 10000, or blank",
                         [or_blank(ref("model.draws"), values["model.draws"], draws(ref("model.draws"), values["model.draws"]))]))
    rows.append(GuardRow("model.seed", "must be a whole number from 0 to 4294967295, or blank",
                         [or_blank(ref("model.seed"), values["model.seed"], seed(ref("model.seed"), values["model.seed"]))]))
    first, last = layout.inputs.holiday_rows
    holidays = settings.holidays
    for n, row in enumerate(range(first, last + 1)):
        reference = f"{INPUTS}!$B${row}"
        value = holidays[n] if n < len(holidays) else None
        rows.append(GuardRow(f"model.holidays.{n + 1}", "must be a date, or blank",
                             [or_blank(reference, value, date(reference, value))]))
    return Section("Inputs: model settings", rows, [])


def offer_values(figures: Figures, layout: Layout) -> list[dict]:
    return [input_keys.offer_inputs(o, layout.years) for o in figures.offers_file.offers]


def offers_section(figures: Figures, layout: Layout) -> Section:
    values = offer_values(figures, layout)
    tax = figures.offers_file.tax
    locations = tuple(tax.locations) if tax else ()
    offers = [_Offer(layout, i, v, locations) for i, v in enumerate(values)]
    names = _names_area(layout, "name", layout.offers)
    name_values = [v["name"] for v in values]
    rows = [GuardRow(key, _offer_requirement(key), [_offer_check(o, key, names, name_values) for o in offers])
            for key in input_keys.offer_keys(layout.years)]
    labels = [_label("offer", layout.inputs.offer("name", i), v["name"], PARAM_COL + i) for i, v in enumerate(values)]
    return Section(OFFERS_TITLE, rows, labels)


def scenario_values(figures: Figures) -> list[dict]:
    return [{"scenario.name": s.name, "scenario.growth": s.growth, "scenario.growth_shift": s.growth_shift,
             "scenario.milestone": s.milestone, "scenario.liquidity": s.liquidity}
            for s in figures.offers_file.scenarios]


def _keeps_growth(shift_ref: str, shift: Any, offers: list[_Offer]) -> Cond:
    """Every offer with equity keeps its growth plus the shift above -100%."""
    terms = []
    for offer in offers:
        growth = offer.values["equity.growth"]
        own = growth if _is_number(growth) else 0.0
        above = Cond(f"N({offer.ref('equity.growth')})+{shift_ref}>{_bound(GROWTH_LOW)}",
                     _is_number(shift) and own + shift > GROWTH_LOW)
        terms.append(any_of(Cond(f"NOT({offer.has_equity().f})", not offer.has_equity().v), above))
    return all_of(*terms)


def scenarios_section(figures: Figures, layout: Layout) -> Section:
    values = scenario_values(figures)
    offers = [_Offer(layout, i, v) for i, v in enumerate(offer_values(figures, layout))]
    names = _names_area(layout, "scenario.name", layout.scenarios)
    name_values = [v["scenario.name"] for v in values]
    checks: dict[str, list[Cond]] = {key: [] for key in SCENARIO_KEYS}
    for j, v in enumerate(values):
        ref = lambda key: layout.inputs.scenario(key, j)
        shift_ref, shift = ref("scenario.growth_shift"), v["scenario.growth_shift"]
        checks["scenario.name"].append(all_of(text(ref("scenario.name"), v["scenario.name"]),
                                              exactly_once(ref("scenario.name"), v["scenario.name"], names,
                                                           name_values)))
        checks["scenario.growth"].append(or_blank(ref("scenario.growth"), v["scenario.growth"],
                                                  _growth(ref("scenario.growth"), v["scenario.growth"])))
        shift_ok = all_of(number(shift_ref, shift, -10.0, 10.0),
                          blank(ref("scenario.growth"), v["scenario.growth"]),
                          _keeps_growth(shift_ref, shift, offers))
        checks["scenario.growth_shift"].append(or_blank(shift_ref, shift, shift_ok))
        checks["scenario.milestone"].append(or_blank(ref("scenario.milestone"), v["scenario.milestone"],
                                                     logical(ref("scenario.milestone"), v["scenario.milestone"])))
        checks["scenario.liquidity"].append(or_blank(ref("scenario.liquidity"), v["scenario.liquidity"],
                                                     _fraction(ref("scenario.liquidity"), v["scenario.liquidity"])))
    requirements = {
        "scenario.name": "must be text, not blank, used by no other scenario",
        "scenario.growth": _requirement(GROWTH_TEXT, True),
        "scenario.growth_shift": ("must be a number from -10 to 10, or blank; not with scenario.growth; and keep "
                                  "every offer's growth above -100%"),
        "scenario.milestone": "must be TRUE, FALSE (not as text) or blank",
        "scenario.liquidity": _requirement(FRACTION_TEXT, True),
    }
    rows = [GuardRow(key, requirements[key], checks[key]) for key in SCENARIO_KEYS]
    labels = [_label("scenario", layout.inputs.scenario("scenario.name", j), v["scenario.name"], PARAM_COL + j)
              for j, v in enumerate(values)]
    return Section("Inputs: scenarios", rows, labels)


def _column_values(figures: Figures, layout: Layout, index: int) -> tuple[list, list]:
    key = f"custom:{index}"
    tranches = list(table_tranches(figures, key))
    rows = layout.schedules.table_rows[key]
    months = [m for m, _ in tranches] + [None] * (rows - len(tranches))
    fractions = [f for _, f in tranches] + [None] * (rows - len(tranches))
    return months, fractions


def _numbers_only(cells: str, values: list, low: float, high: float, whole: bool) -> Cond:
    """Every filled cell of a column is a number in [low, high] (whole, if asked)."""
    filled = [v for v in values if not _blank_value(v)]
    numbers_only = all(_is_number(v) for v in filled)
    in_range = numbers_only and all(low <= v <= high and (not whole or float(v).is_integer()) for v in filled)
    tests = [f'COUNTIF({cells},"<{_bound(low)}")=0', f'COUNTIF({cells},">{_bound(high)}")=0']
    if whole:
        tests.append(f"SUMPRODUCT((INT({cells})<>{cells})*1)=0")  # only reached when every cell is a number
    return Cond(f"IF(COUNTA({cells})>COUNT({cells}),FALSE,AND({','.join(tests)}))", in_range)


def tranches_section(figures: Figures, layout: Layout) -> Section:
    offers = [_Offer(layout, i, v) for i, v in enumerate(offer_values(figures, layout))]
    checks: dict[str, list[Cond]] = {"months": [], "fractions": [], "pairs": []}
    for offer in offers:
        i = offer.index
        months_area = tranche_area(layout, f"custom:{i}", "month")
        fractions_area = tranche_area(layout, f"custom:{i}", "fraction")
        months, fractions = _column_values(figures, layout, i)
        used = all_of(offer.has_equity(), offer.cell("equity.schedule",
                                                     lambda r, v: one_of(r, v, (input_keys.CUSTOM_SCHEDULE,))))
        checks["months"].append(when(used, _numbers_only(months_area, months, 1, MAX_MONTHS, whole=True)))
        # a tranche merged from several in one month may sum a hair over 1 in floating point
        checks["fractions"].append(when(used, _numbers_only(fractions_area, fractions, 0.0, 1.0 + FRACTION_TOLERANCE,
                                                            whole=False)))
        paired = all(_blank_value(m) == _blank_value(f) for m, f in zip(months, fractions))
        checks["pairs"].append(when(used, Cond(f'SUMPRODUCT((({months_area}="")-({fractions_area}=""))^2)=0',
                                               paired)))
    rows = [
        GuardRow("custom tranche months", f"must be whole numbers from 1 to {MAX_MONTHS}", checks["months"],
                 SCHEDULES),
        GuardRow("custom tranche fractions", "must be numbers from 0 to 1", checks["fractions"], SCHEDULES),
        GuardRow("custom tranche rows", "must each have both a month and a fraction, or neither", checks["pairs"],
                 SCHEDULES),
    ]
    labels = [_label("offer", layout.inputs.offer("name", o.index), o.values["name"], PARAM_COL + o.index)
              for o in offers]
    return Section("Schedules: each offer's custom tranche table (checked when equity.schedule is custom)", rows,
                   labels)


def negotiation_section(figures: Figures, layout: Layout) -> Section:
    """The [negotiation] levers on Inputs and the accelerated table on Schedules: one of each."""
    values = input_keys.negotiation_inputs(figures.offers_file.negotiation)
    ref = layout.inputs.negotiation
    after, probability = "negotiation.fallback_after_months", "negotiation.fallback_probability"
    key = ACCELERATED
    months_area, fractions_area = tranche_area(layout, key, "month"), tranche_area(layout, key, "fraction")
    tranches = list(table_tranches(figures, key))
    size = layout.schedules.table_rows[key]
    months = [m for m, _ in tranches] + [None] * (size - len(tranches))
    fractions = [f for _, f in tranches] + [None] * (size - len(tranches))
    total = sum(f for _, f in tranches)
    rows = [
        GuardRow(after, _requirement(MONTHS_TEXT, True),
                 [or_blank(ref(after), values[after], _months(ref(after), values[after]))]),
        GuardRow(probability, _requirement(FRACTION_TEXT, True),
                 [or_blank(ref(probability), values[probability], _fraction(ref(probability), values[probability]))]),
        *(GuardRow(key, "must be text, or blank", [Cond(f"NOT(OR(ISLOGICAL({ref(key)}),ISERROR({ref(key)})))",
                                                        not isinstance(values[key], bool))])
          for key in ("negotiation.milestone", "negotiation.alternative_label", "negotiation.recruiter",
                      "negotiation.candidate")),
        GuardRow("negotiation.redact", "must be TRUE, FALSE (not as text) or blank",
                 [or_blank(ref("negotiation.redact"), values["negotiation.redact"],
                           logical(ref("negotiation.redact"), values["negotiation.redact"]))]),
        GuardRow("negotiation.competing_deadline", "must be a date, or blank",
                 [or_blank(ref("negotiation.competing_deadline"), values["negotiation.competing_deadline"],
                           date(ref("negotiation.competing_deadline"), values["negotiation.competing_deadline"]))]),
        GuardRow("accelerated tranche months", f"must be whole numbers from 1 to {MAX_MONTHS}",
                 [_numbers_only(months_area, months, 1, MAX_MONTHS, whole=True)], SCHEDULES),
        GuardRow("accelerated tranche fractions", "must be numbers from 0 to 1 that sum to 100%",
                 [all_of(_numbers_only(fractions_area, fractions, 0.0, 1.0 + FRACTION_TOLERANCE, whole=False),
                         Cond(f"ABS(SUM({fractions_area})-1)<={FRACTION_TOLERANCE}",
                              abs(total - 1) <= FRACTION_TOLERANCE))], SCHEDULES),
        GuardRow("accelerated tranche rows", "must each have both a month and a fraction, or neither",
                 [Cond(f'SUMPRODUCT((({months_area}="")-({fractions_area}=""))^2)=0',
                       all(_blank_value(m) == _blank_value(f) for m, f in zip(months, fractions)))], SCHEDULES),
    ]
    return Section("Negotiation levers: Inputs and the accelerated table on Schedules", rows, [])


def sections(figures: Figures, layout: Layout) -> list[Section]:
    """Every input's guard, in the order the first problem is looked for."""
    found = [model_section(figures, layout), offers_section(figures, layout), scenarios_section(figures, layout),
             tranches_section(figures, layout), negotiation_section(figures, layout)]
    return [replace(section, rows=[replace(row, checks=[guarded(c) for c in row.checks]) for row in section.rows])
            for section in found]
