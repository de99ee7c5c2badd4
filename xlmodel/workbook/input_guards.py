"""Guards on the inputs: for every cell of Inputs (and each tranche table on Schedules), a type
and range check and the plain sentence that names it when it fails.

The check of a cell alone and its sentence come from the input's Field in the schema
(`conditions.field_check`, `field_words.requirement`), so a value passes exactly when the offers
file takes it. Written here by hand are only the rules that tie several cells together: a
name used once, the target among the offers, the company value with a percent or a preference,
the preferred share with a preference, a fallback clause with its bump, a growth shift that
keeps every offer's growth above -100%, a tax location named on the Tax sheet, the tranche
tables."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..inputs import keys as input_keys
from ..inputs.field_words import requirement
from ..inputs.schedule_file import FRACTION_TOLERANCE
from . import conditions as c
from .conditions import Cond
from .figures import Figures
from .inputs_layout import INPUTS
from .inputs_sheet import scenario_inputs
from .calc_layout import EQUITY_PARAMETERS
from .layout import ACCELERATED, DRAWS, MAX_MONTHS, SCHEDULES, Layout
from .refs import area, col
from .schedules_sheet import table_tranches, tranche_area

OFFERS_TITLE = "Inputs: offers"
GROWTH_FLOOR = -1.0  # every offer's growth must stay above it under every scenario


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


def field_row(key: str, ref: str, value: Any) -> GuardRow:
    """A key of one cell (a model setting, a lever) checked as its Field says."""
    field = input_keys.input_field(key)
    return GuardRow(key, requirement(field), [c.field_check(field, ref, value)])


class OfferColumn:
    """One offer column: its cells and the values the workbook is built with."""

    def __init__(self, layout: Layout, index: int, values: dict, known_locations: tuple[str, ...] = ()):
        self.layout, self.index, self.values = layout, index, values
        self.known_locations = (input_keys.NO_TAX_LOCATION,) + known_locations

    def ref(self, key: str) -> str:
        return self.layout.inputs.offer(key, self.index)

    def cell(self, key: str) -> tuple[str, Any]:
        return self.ref(key), self.values[key]

    def has_equity(self) -> Cond:
        return c.negated(self.no_equity())

    def no_equity(self) -> Cond:
        return c.one_of(*self.cell("equity.type"), (input_keys.NO_EQUITY,))

    def has_fallback(self) -> Cond:
        return c.any_of(*(c.given(*self.cell(k)) for k in input_keys.FALLBACK_KEYS))

    def has_preference(self) -> Cond:
        return c.positive(*self.cell("equity.preference"))

    def uses_custom_table(self) -> Cond:
        return c.all_of(self.has_equity(), c.one_of(*self.cell("equity.schedule"), (input_keys.CUSTOM_SCHEDULE,)))


def _offer_check(offer: OfferColumn, key: str, names: str, name_values: list) -> Cond:
    ref, value = offer.cell(key)
    field = input_keys.input_field(key)
    if key == "name":
        return c.all_of(c.text(ref, value), c.exactly_once(ref, value, names, name_values))
    if key == "equity.company_value":  # given exactly when percent or a preference is
        needed = c.any_of(c.given(*offer.cell("equity.percent")), offer.has_preference())
        rule = c.choose(needed, c.value_check(field, ref, value), c.blank(ref, value))
        return c.when(offer.has_equity(), rule)
    if key == "equity.preferred_share":  # above 0 with a preference
        with_preference = c.all_of(c.value_check(field, ref, value), c.positive(ref, value))
        return c.when(offer.has_equity(), c.choose(offer.has_preference(), with_preference,
                                                   c.field_check(field, ref, value)))
    if key == "fallback.bump":  # a clause needs a bump (this or bump_amount)
        needs_one = c.when(offer.has_fallback(), c.any_of(c.given(ref, value), c.given(*offer.cell("fallback.bump_amount"))))
        return c.all_of(c.field_check(field, ref, value), needs_one)
    if key == input_keys.TAX_LOCATION_KEY:  # "none", or a location named on the Tax sheet
        tax = offer.layout.tax
        locations = area(tax.names_row, tax.slot_col(1), tax.names_row, tax.last_slot_col, "Tax")
        known = c.any_of(c.one_of(ref, value, (input_keys.NO_TAX_LOCATION,)),
                         c.at_least_once(ref, value, locations, list(offer.known_locations[1:])))
        return c.or_blank(ref, value, known)
    rule = c.field_check(field, ref, value)
    if key.startswith("equity.") and key != "equity.type":
        return c.when(offer.has_equity(), rule)
    if key.startswith("fallback.") and field.required:
        return c.when(offer.has_fallback(), rule)
    return rule


def _offer_requirement(key: str) -> str:
    field = input_keys.input_field(key)
    hand = {
        "name": "must be text, not blank, used by no other offer",
        "equity.company_value": requirement(field, False) + " with equity.percent or a preference, blank without them",
        "equity.preferred_share": requirement(field) + "; above 0 with a preference",
        "fallback.bump": requirement(field) + "; a fallback clause needs bump or bump_amount",
        input_keys.TAX_LOCATION_KEY: "must be none or a location named on the Tax sheet, or blank",
    }
    if key in hand:
        return hand[key]
    if key.startswith("fallback.") and field.required:
        return requirement(field) + " when the offer has a fallback clause"
    return requirement(field)


def _label(noun: str, name_ref: str, name: str, where: str) -> tuple[str, str]:
    """'offer Nimbus AI', or where the column is when its name is blank or broken."""
    fallback = f'"the {noun} in {where}"'
    return (f'IFERROR(IF(LEN(TRIM({name_ref}))=0,{fallback},"{noun} "&{name_ref}),{fallback})', f"{noun} {name}")


def model_section(figures: Figures, layout: Layout) -> Section:
    settings = figures.settings
    values = input_keys.model_inputs(settings)
    ref = layout.inputs.model
    names = layout.inputs.offer_area("name")
    name_values = [o.name for o in figures.offers_file.offers]
    years_ref = ref("model.horizon_years")
    rows = []
    for key in input_keys.MODEL_KEYS:
        if key == "model.horizon_years":
            rows.append(GuardRow(key, f"must stay {settings.horizon_years}: the timeline is fixed when the workbook is "
                                 "built (rebuild it to change the horizon)",
                                 [Cond(f"IF(ISNUMBER({years_ref}),{years_ref}={settings.horizon_years},FALSE)",
                                       values[key] == settings.horizon_years)]))
        elif key == "model.target":
            rows.append(GuardRow(key, "must be one of the offer names, exactly",
                                 [c.at_least_once(ref(key), values[key], names, name_values)]))
        else:
            rows.append(field_row(key, ref(key), values[key]))
    holidays = settings.holidays
    for n, key in enumerate(layout.inputs.holiday_keys()):
        rows.append(field_row(key, ref(key), holidays[n] if n < len(holidays) else None))
    return Section("Inputs: model settings", rows, [])


def offer_values(figures: Figures, layout: Layout) -> list[dict]:
    return [input_keys.offer_inputs(o, layout.years) for o in figures.offers_file.offers]


def offer_columns(figures: Figures, layout: Layout) -> list[OfferColumn]:
    tax = figures.offers_file.tax
    locations = tuple(tax.locations) if tax else ()
    return [OfferColumn(layout, i, v, locations) for i, v in enumerate(offer_values(figures, layout))]


def offer_labels(layout: Layout, offers: list[OfferColumn]) -> list[tuple[str, str]]:
    return [_label("offer", o.ref("name"), o.values["name"], f"column {col(layout.inputs.value_col(o.index))}")
            for o in offers]


def offers_section(figures: Figures, layout: Layout) -> Section:
    offers = offer_columns(figures, layout)
    names = layout.inputs.offer_area("name")
    name_values = [o.values["name"] for o in offers]
    rows = [GuardRow(key, _offer_requirement(key), [_offer_check(o, key, names, name_values) for o in offers])
            for key in input_keys.offer_keys(layout.years)]
    return Section(OFFERS_TITLE, rows, offer_labels(layout, offers))


def _keeps_growth(shift_ref: str, shift: Any, offers: list[OfferColumn], layout: Layout) -> Cond:
    """Every offer with equity keeps its growth plus the shift above -100%: one sum over the rows
    of the offers' equity types and growths on the Draws sheet (links to Inputs), so the formula
    does not grow with the number of offers."""
    # <> rather than EXACT: Gnumeric's EXACT does not take a range; a type in any other case
    # fails its own check.
    no_equity = lambda o: str(o.values["equity.type"]).lower() == input_keys.NO_EQUITY
    value = all(no_equity(o) or (
        c.is_number_value(shift) and (o.values["equity.growth"] if c.is_number_value(o.values["equity.growth"])
                                      else 0.0) + shift > GROWTH_FLOOR) for o in offers)
    lay = layout.draws
    across = lambda row: area(row, lay.parameters.first_col, row, lay.parameters.first_col + layout.offers - 1, DRAWS)
    kinds = across(lay.parameters.first + EQUITY_PARAMETERS.index("kind"))
    below = f"{across(lay.growth_row)}+{shift_ref}<={c.formula_number(GROWTH_FLOOR)}"
    return Cond(f'SUMPRODUCT(({kinds}<>"{input_keys.NO_EQUITY}")*({below}))=0', value)


def scenarios_section(figures: Figures, layout: Layout) -> Section:
    lay = layout.inputs
    values = [scenario_inputs(s) for s in figures.offers_file.scenarios]
    offers = offer_columns(figures, layout)
    names = lay.scenario_area("scenario.name")
    name_values = [v["scenario.name"] for v in values]
    checks: dict[str, list[Cond]] = {key: [] for key in input_keys.SCENARIO_KEYS}
    for j, v in enumerate(values):
        cell = lambda key: (lay.scenario(key, j), v[key])
        for key in input_keys.SCENARIO_KEYS:
            field = input_keys.input_field(key)
            if key == "scenario.name":
                check = c.all_of(c.text(*cell(key)), c.exactly_once(*cell(key), names, name_values))
            elif key == "scenario.growth_shift":
                shift_ok = c.all_of(c.value_check(field, *cell(key)), c.blank(*cell("scenario.growth")),
                                    _keeps_growth(*cell(key), offers, layout))
                check = c.or_blank(*cell(key), shift_ok)
            else:
                check = c.field_check(field, *cell(key))
            checks[key].append(check)
    requirements = {key: requirement(input_keys.input_field(key)) for key in input_keys.SCENARIO_KEYS}
    requirements["scenario.name"] = "must be text, not blank, used by no other scenario"
    requirements["scenario.growth_shift"] += ("; not with scenario.growth; and keep every offer's growth above "
                                              f"{c.formula_number(GROWTH_FLOOR)} (-100%)")
    rows = [GuardRow(key, requirements[key], checks[key]) for key in input_keys.SCENARIO_KEYS]
    labels = [_label("scenario", lay.scenario("scenario.name", j), v["scenario.name"],
                     f"row {lay.scenario_first_row + j}") for j, v in enumerate(values)]
    return Section("Inputs: scenarios", rows, labels)


def _table_values(figures: Figures, layout: Layout, key: str) -> tuple[list, list]:
    """A tranche table's months and fractions, blanks for its empty rows."""
    tranches = list(table_tranches(figures, key))
    rows = layout.schedules.table_rows[key]
    months = [m for m, _ in tranches] + [None] * (rows - len(tranches))
    fractions = [f for _, f in tranches] + [None] * (rows - len(tranches))
    return months, fractions


def _table_checks(figures: Figures, layout: Layout, key: str, tolerance: str) -> dict[str, Cond]:
    """A tranche table's months (whole, 1 to 120), fractions (0 to 1, a hair over from merged
    tranches) and rows (both or neither)."""
    months_area, fractions_area = tranche_area(layout, key, "month"), tranche_area(layout, key, "fraction")
    months, fractions = _table_values(figures, layout, key)
    return {"months": c.numbers_only(months_area, months, 1, MAX_MONTHS, whole=True),
            "fractions": c.numbers_only(fractions_area, fractions, 0.0, 1.0, whole=False, high_slack=tolerance,
                                        slack=FRACTION_TOLERANCE),
            "pairs": c.paired(months_area, fractions_area, months, fractions)}


TRANCHE_REQUIREMENTS = {"months": f"must be whole numbers from 1 to {MAX_MONTHS}",
                        "fractions": "must be numbers from 0 to 1",
                        "pairs": "must each have both a month and a fraction, or neither"}
TRANCHE_KEYS = {"months": "tranche months", "fractions": "tranche fractions", "pairs": "tranche rows"}


def tranches_section(figures: Figures, layout: Layout, tolerance: str) -> Section:
    offers = offer_columns(figures, layout)
    checks: dict[str, list[Cond]] = {what: [] for what in TRANCHE_KEYS}
    for offer in offers:
        table = _table_checks(figures, layout, f"custom:{offer.index}", tolerance)
        for what in TRANCHE_KEYS:
            checks[what].append(c.when(offer.uses_custom_table(), table[what]))
    rows = [GuardRow(f"custom {TRANCHE_KEYS[what]}", TRANCHE_REQUIREMENTS[what], checks[what], SCHEDULES)
            for what in TRANCHE_KEYS]
    return Section("Schedules: each offer's custom tranche table (checked when equity.schedule is custom)", rows,
                   offer_labels(layout, offers))


def negotiation_section(figures: Figures, layout: Layout, tolerance: str) -> Section:
    """The [negotiation] levers and wording on Inputs and the accelerated table on Schedules."""
    values = input_keys.negotiation_inputs(figures.offers_file.negotiation)
    rows = [field_row(key, layout.inputs.negotiation(key), values[key]) for key in input_keys.NEGOTIATION_KEYS]
    table = _table_checks(figures, layout, ACCELERATED, tolerance)
    fractions = tranche_area(layout, ACCELERATED, "fraction")
    total = sum(f for _, f in table_tranches(figures, ACCELERATED))
    table["fractions"] = c.all_of(table["fractions"], Cond(f"ABS(SUM({fractions})-1)<={tolerance}",
                                                           abs(total - 1) <= FRACTION_TOLERANCE))
    requirements = dict(TRANCHE_REQUIREMENTS, fractions="must be numbers from 0 to 1 that sum to 100%")
    rows += [GuardRow(f"accelerated {TRANCHE_KEYS[what]}", requirements[what], [table[what]], SCHEDULES)
             for what in TRANCHE_KEYS]
    return Section("Negotiation: Inputs and the accelerated table on Schedules", rows, [])


def sections(figures: Figures, layout: Layout, tolerance: str) -> list[Section]:
    """Every input's guard, in the order the first problem is looked for; `tolerance` is the
    Checks cell that holds how far a sum of fractions may stray from 1."""
    found = [model_section(figures, layout), offers_section(figures, layout), scenarios_section(figures, layout),
             tranches_section(figures, layout, tolerance), negotiation_section(figures, layout, tolerance)]
    return [replace(section, rows=[replace(row, checks=[c.guarded(check) for check in row.checks])
                                   for row in section.rows])
            for section in found]

