"""Inputs: the model settings, one column per offer, the negotiation's levers and wording, and a
table of scenarios (inputs_layout.py says where each sits).

Each row reads as a person reads it: the label, the key path (what `xlmodel read` and the Excel
functions read), the value, its unit, the note. The labels, units, notes, number formats and the
data validation of every input (with its error message) come from the input's Field in the
schema, so they say what the offers file accepts."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from ..inputs import keys as input_keys
from ..inputs import schema
from ..inputs.field_words import unit_words, validation_message
from ..inputs.schema import Field
from ..inputs.table_reader import FIRST_DATE, LAST_DATE
from ..texts import pieces as t
from . import styles, tax_results
from .cells import Sheet
from .conditions import formula_number
from .inputs_layout import KEY_COL, LABEL_COL, VALUE_COL, InputsLayout
from .layout import Layout
from .negotiation_package import lever_ref
from .refs import cell

NUMBER_FORMATS = {schema.MONEY: styles.MONEY, schema.RATE: styles.PERCENT, schema.FACTOR: styles.NUMBER,
                  schema.COUNT: styles.INTEGER, schema.PRICE: styles.MONEY_CENTS, schema.SHARES: styles.NUMBER,
                  schema.DAY: styles.DATE}
BOOLEANS = ["TRUE", "FALSE"]
ERROR_TITLE = "xlmodel input"
NOTE_SPILL = 4  # columns the notes run on into, to the right of the last one


def percent_text(reference: str, value: float) -> t.Txt:
    """A fraction as a percentage, "60%" or "7.5%" (its decimals in the reader's own notation):
    rounded to 12 decimals, so that no engine spells out the last bits of 0.6 x 100."""
    return t.Txt(f'ROUND({reference}*100,12)&"%"', format(round(value * 100, 12), ".15g") + "%")


def number_format(field: Field) -> Optional[str]:
    return NUMBER_FORMATS.get(field.reads)


def label(key: str) -> str:
    """The English label of an Inputs row: the Field's, with the year or the holiday's number."""
    field = input_keys.input_field(key)
    found = input_keys.numbered(key)
    if found is not None:
        stem, number = found
        return f"{field.label}, year {number}" if stem == input_keys.SIGNON_KEY else f"{field.label} {number}"
    return field.label


def validation(field: Field, where: str, choices=None) -> Optional[dict]:
    """XlsxWriter's data validation of an input cell (`where`, its reference) from its Field, with
    the error message that says what to type; None for free text."""
    options = {"ignore_blank": True, "show_input": False, "show_error": True, "error_title": ERROR_TITLE,
               "error_message": validation_message(field)}
    if choices is not None or field.kind in (schema.CHOICE, schema.BOOLEAN):
        source = choices if choices is not None else (BOOLEANS if field.kind == schema.BOOLEAN else list(field.choices))
        if field.kind == schema.TEXT:  # a name from the workbook: the offers, the Tax sheet's locations
            options["error_message"] = f"{field.label}: choose one of the names in the list."
        return {**options, "validate": "list", "source": source}
    if field.kind == schema.DATE:
        day = lambda d: dt.datetime(d.year, d.month, d.day)
        return {**options, "validate": "date", "criteria": "between", "minimum": day(FIRST_DATE),
                "maximum": day(LAST_DATE)}
    if not field.is_number or (field.low is None and field.high is None):
        return None
    if field.low_open or field.high_open or field.low is None or field.high is None:
        tests = [f"ISNUMBER({where})"]
        if field.kind == schema.WHOLE:
            tests.append(f"INT({where})={where}")
        if field.low is not None:
            tests.append(f"{where}{'>' if field.low_open else '>='}{formula_number(field.low)}")
        if field.high is not None:
            tests.append(f"{where}{'<' if field.high_open else '<='}{formula_number(field.high)}")
        return {**options, "validate": "custom", "value": f"=AND({','.join(tests)})"}
    kind, bound = ("integer", int) if field.kind == schema.WHOLE else ("decimal", float)
    return {**options, "validate": kind, "criteria": "between", "minimum": bound(field.low),
            "maximum": bound(field.high)}


def _input(sheet: Sheet, row: int, column: int, key: str, value: Any, choices=None, **extra) -> None:
    """An input cell with its number format and data validation."""
    field = input_keys.input_field(key)
    sheet.value(row, column, value, number_format(field), **extra)
    options = validation(field, cell(row, column, abs_row=False, abs_col=False), choices)
    if options is not None:
        sheet.ws.data_validation(row - 1, column - 1, row - 1, column - 1, options)


def _describe(sheet: Sheet, lay: InputsLayout, block: str, row: int, key: str, note: Optional[t.Txt] = None,
              style: str = styles.FORMULA) -> None:
    """A row's label and key path, and its unit and note beside the values."""
    field = input_keys.input_field(key)
    sheet.label(row, LABEL_COL, label(key), style)
    sheet.label(row, KEY_COL, key, styles.NOTE)
    sheet.label(row, lay.unit_col(block), unit_words(field), styles.NOTE)
    if note is None:
        sheet.label(row, lay.note_col(block), field.note, styles.NOTE)
    else:
        sheet.formula(row, lay.note_col(block), note.formula, note.v, style=styles.NOTE)


def _block_header(sheet: Sheet, lay: InputsLayout, block: str, title: str, values: list[str]) -> None:
    header = lay.headers[block]
    sheet.label(header - 1, LABEL_COL, title, styles.TITLE)
    for column, text in enumerate(["Input", "Key path", *values], start=LABEL_COL):
        sheet.label(header, column, text, styles.HEADER)
    sheet.label(header, lay.unit_col(block), "Unit", styles.HEADER)
    sheet.label(header, lay.note_col(block), "Note", styles.HEADER)


def write(sheet: Sheet, figures, layout: Layout) -> None:
    offers_file = figures.offers_file
    lay = layout.inputs
    sheet.title("Inputs", "Blue on pale yellow: the inputs you may change. Each row: what it is, its key path in the "
                "offers file (what xlmodel read and the Excel functions read), the value, its unit and a note.")
    _model_block(sheet, offers_file, lay)
    _offers_block(sheet, offers_file, layout)
    _negotiation_block(sheet, figures, lay)
    _scenarios_table(sheet, offers_file, lay)
    sheet.width(LABEL_COL, 34)
    sheet.width(KEY_COL, 29)
    sheet.width(VALUE_COL, 18, lay.last_col)
    # The notes run on to the right over empty cells (a wide note column would widen a scenario
    # column that shares it); the print area takes them in.
    sheet.freeze(3, VALUE_COL)
    sheet.ws.set_landscape()
    sheet.ws.fit_to_pages(1, 0)  # as wide as one page, as long as it takes
    last_row = lay.scenario_first_row + lay.scenarios + len(input_keys.SCENARIO_KEYS)
    sheet.ws.print_area(0, 0, last_row, lay.last_col + NOTE_SPILL)


def _model_block(sheet: Sheet, offers_file, lay: InputsLayout) -> None:
    _block_header(sheet, lay, "model", "Model settings", ["Value"])
    settings = input_keys.model_inputs(offers_file.model)
    for key, row in lay.model_row.items():
        _describe(sheet, lay, "model", row, key)
        if key == "model.horizon_years":  # fixed by the timeline's width: shown, locked
            sheet.value(row, VALUE_COL, settings[key], styles.INTEGER, styles.CONSTANT)
        else:
            _input(sheet, row, VALUE_COL, key, settings[key],
                   ["=" + lay.offer_area("name")] if key == "model.target" else None)
    holidays = offers_file.model.holidays
    for n, key in enumerate(lay.holiday_keys()):
        row = lay.holiday_row(key)
        sheet.label(row, LABEL_COL, label(key))
        sheet.label(row, KEY_COL, key, styles.NOTE)
        _input(sheet, row, VALUE_COL, key, holidays[n] if n < len(holidays) else None)
        if n == 0:
            field = input_keys.input_field(key)
            sheet.label(row, lay.unit_col("model"), unit_words(field), styles.NOTE)
            sheet.label(row, lay.note_col("model"), field.note, styles.NOTE)


def _offers_block(sheet: Sheet, offers_file, layout: Layout) -> None:
    lay = layout.inputs
    _block_header(sheet, lay, "offers", "Offers: one column each", [f"Offer {i + 1}" for i in range(lay.offers)])
    choices = {input_keys.TAX_LOCATION_KEY: "=" + tax_results.choices_area(layout.tax)}
    for i, offer in enumerate(offers_file.offers):
        for key, content in input_keys.offer_inputs(offer, layout.years).items():
            extra = {"bold": True} if key == "name" else {}
            _input(sheet, lay.offer_row[key], lay.value_col(i), key, content, choices.get(key), **extra)
    for key, row in lay.offer_row.items():
        _describe(sheet, lay, "offers", row, key, style=styles.CHECK if key == "name" else styles.FORMULA)


def _negotiation_block(sheet: Sheet, figures, lay: InputsLayout) -> None:
    """The [negotiation] levers and wording (the accelerated schedule is its own table on
    Schedules). A blank lever takes the file's default, and its note shows the value in use."""
    settings = figures.offers_file.negotiation
    _block_header(sheet, lay, "negotiation", "Negotiation: the levers and the wording of the texts (the accelerated "
                  "schedule: its table on Schedules)", ["Value"])
    values = input_keys.negotiation_inputs(settings)
    in_use = {
        "negotiation.fallback_after_months": t.join(
            "blank: the target's fallback.after_months, else 6 (in use: ",
            t.whole(lever_ref("after_months"), settings.fallback_after_months), ")"),
        "negotiation.fallback_probability": t.join(
            "blank: the target's fallback.probability, else 100% (in use: ",
            percent_text(lever_ref("probability"), settings.fallback_probability), ")"),
    }
    for key, row in lay.negotiation_row.items():
        _describe(sheet, lay, "negotiation", row, key, in_use.get(key))
        _input(sheet, row, VALUE_COL, key, values[key])


def scenario_inputs(scenario) -> dict[str, Any]:
    return {f"scenario.{name}": getattr(scenario, name) for name in schema.SCENARIO.keys()}


def _scenarios_table(sheet: Sheet, offers_file, lay: InputsLayout) -> None:
    """One row per scenario, one column per key: its labels, key paths and units above it."""
    header = lay.headers["scenarios"]
    sheet.label(header - 1, LABEL_COL, "Scenarios: one row each, applied to every offer (a blank cell keeps what "
                "the offers say)", styles.TITLE)
    sheet.label(header, LABEL_COL, "", styles.HEADER)
    sheet.label(header, KEY_COL, "", styles.HEADER)
    sheet.label(lay.scenario_keys_row, LABEL_COL, "Key path", styles.NOTE)
    sheet.label(lay.scenario_keys_row + 1, LABEL_COL, "Unit", styles.NOTE)
    for key in input_keys.SCENARIO_KEYS:
        field, column = input_keys.input_field(key), lay.scenario_col(key)
        sheet.label(header, column, field.label, styles.HEADER)
        sheet.label(lay.scenario_keys_row, column, key, styles.NOTE)
        sheet.label(lay.scenario_keys_row + 1, column, unit_words(field), styles.NOTE)
    for j, scenario in enumerate(offers_file.scenarios):
        row = lay.scenario_first_row + j
        sheet.label(row, LABEL_COL, f"Scenario {j + 1}")
        for key, value in scenario_inputs(scenario).items():
            _input(sheet, row, lay.scenario_col(key), key, value, **({"bold": True} if key == "scenario.name" else {}))
    notes = lay.scenario_first_row + lay.scenarios + 1
    for n, key in enumerate(input_keys.SCENARIO_KEYS):
        field = input_keys.input_field(key)
        sheet.label(notes + n, LABEL_COL, field.label, styles.NOTE)
        sheet.label(notes + n, VALUE_COL, field.note, styles.NOTE)
