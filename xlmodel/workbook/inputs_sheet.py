"""Inputs: the model settings, one column per offer and one per scenario, each row keyed by its
path in the offers file, with units, notes and data validation."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..inputs import keys as input_keys
from ..schedules import PRESET_NAMES
from . import styles, tax_sheet
from ..texts import pieces as t
from .cells import Sheet
from .layout import LABEL_COL, PARAM_COL, SCENARIO_KEYS, Layout
from .negotiation_package import lever_ref
from .refs import area


@dataclass(frozen=True)
class Rule:
    """How one kind of input is shown and checked."""
    unit: str
    number_format: Optional[str]
    kind: str  # a DataValidation type, or "" for none
    operator: Optional[str] = None
    low: Optional[str] = None
    high: Optional[str] = None
    message: str = ""


MONEY = Rule("$", styles.MONEY, "decimal", "greaterThanOrEqual", "0", None, "Enter an amount of 0 or more.")
FRACTION = Rule("fraction", styles.PERCENT, "decimal", "between", "0", "1", "Enter a fraction from 0 to 1 (0.15 = 15%).")
GROWTH = Rule("a year", styles.PERCENT, "decimal", "between", "-0.999999", "10",
              "Enter annual growth above -100% (0.15 = 15%).")
MULTIPLE = Rule("x", styles.NUMBER, "decimal", "between", "0", "10", "Enter a factor from 0 to 10.")
SHARE_OF_PAY = Rule("fraction", styles.PERCENT, "decimal", "between", "0", "10", "Enter a fraction from 0 to 10 (0.15 = 15%).")
MONTHS = Rule("months", styles.INTEGER, "whole", "between", "0", "120", "Enter whole months from 0 to 120.")
DAYS = Rule("business days", styles.INTEGER, "whole", "between", "0", "1000", "Enter whole business days, 0 or more.")
DATE = Rule("date", styles.DATE, "date", "greaterThan", "1", None, "Enter a date, such as 2027-01-04.")
PRICE = Rule("$ a share", styles.MONEY_CENTS, "decimal", "greaterThan", "0", None, "Enter a price above 0.")
SHARES = Rule("shares", styles.NUMBER, "decimal", "greaterThanOrEqual", "0", None, "Enter a number of shares, 0 or more.")
TEXT = Rule("", None, "")
YES_NO = Rule("", None, "list", message="Choose TRUE or FALSE, or leave blank.")

OFFER_RULES = {
    "name": (TEXT, "the offer's name, unique"),
    "title": (TEXT, "display only"),
    "base": (MONEY, "annual base salary"),
    "annual_raise": (FRACTION, "raise at each work anniversary"),
    "bonus_target": (SHARE_OF_PAY, "bonus as a fraction of the year's salary"),
    "bonus_payout": (MULTIPLE, "expected payout factor (1 = target)"),
    "signon_payment": (Rule("", None, "list", message="Choose upfront or monthly."),
                       "upfront: month 1 of each year; monthly: spread over the year"),
    "signon_clawback_months": (MONTHS, "an upfront sign-on is repaid pro rata if you quit within this"),
    "equity.type": (Rule("", None, "list", message="Choose rsu, options or none."), "rsu, options or none"),
    "equity.grant_value": (MONEY, "grant size in dollars (one of grant_value, shares, percent)"),
    "equity.shares": (SHARES, "grant size in shares"),
    "equity.percent": (FRACTION, "grant as a fraction of the company (0.001 = 0.1%)"),
    "equity.company_value": (MONEY, "company value, only with percent"),
    "equity.price": (PRICE, "share price today (private: preferred price)"),
    "equity.growth": (GROWTH, "annual share price growth"),
    "equity.schedule": (Rule("", None, "list", message="Choose a preset or custom."),
                        "a preset, or custom: the offer's tranche table on Schedules"),
    "equity.strike": (Rule("$ a share", styles.MONEY_CENTS, "decimal", "greaterThanOrEqual", "0", None,
                           "Enter a strike price, 0 or more."), "options only: exercise price"),
    "equity.liquidity_probability": (FRACTION, "chance the equity is ever sellable"),
    "equity.dilution": (Rule("a year", styles.PERCENT, "decimal", "between", "0", "0.999999",
                             "Enter annual dilution from 0 to below 1."), "annual dilution of the holding"),
    "equity.refresh_value": (MONEY, "refresher grant value at each anniversary"),
    "equity.volatility": (Rule("a year", styles.PERCENT, "decimal", "between", "0", "5",
                               "Enter a yearly volatility from 0 to 5 (0.6 = 60%)."),
                          "yearly volatility of the stock, for the odds (0: only liquidity varies)"),
    "equity.preference": (MONEY, "liquidation preference paid to investors before common stock"),
    "equity.participating": (YES_NO, "TRUE: preferred also shares what is left after its preference"),
    "equity.preferred_share": (Rule("fraction", styles.PERCENT, "decimal", "between", "0", "0.999999",
                                    "Enter a fraction from 0 to below 1."),
                               "fraction of the fully diluted shares held as preferred"),
    "equity.exercise_window_months": (MONTHS, "options: months after leaving to buy the vested options"),
    "fallback.bump": (SHARE_OF_PAY, "salary bump as a fraction of base (or bump_amount, not both)"),
    "fallback.bump_amount": (MONEY, "salary bump in annual dollars (or bump, not both)"),
    "fallback.after_months": (MONTHS, "the bump is paid from the month after this"),
    "fallback.probability": (FRACTION, "chance the milestone is met"),
    "fallback.guaranteed_months": (MONTHS, "base pay guaranteed through this month if the role is cut"),
    "tax_location": (Rule("", None, "list", message="Choose a location table's name (see Tax) or none."),
                     "a location table on the Tax sheet, or none (federal and payroll taxes only)"),
}

MODEL_RULES = {
    "model.start_date": (DATE, "first day of work; month 1 begins here"),
    "model.horizon_years": (Rule("years", styles.INTEGER, ""), "fixed when the workbook is built: rebuild to change it"),
    "model.discount_rate": (FRACTION, "annual rate for present value"),
    "model.target": (Rule("", None, "list", message="Choose one of the offers."), "the offer being negotiated"),
    "model.decision_date": (DATE, "the day the competing offer is shared (blank: no dates)"),
    "model.response_business_days": (DAYS, "the answer window you give the company"),
    "model.expiry_business_days": (DAYS, "when an offer lapses after silence"),
    "model.draws": (Rule("draws", styles.INTEGER, "whole", "between", "0", "10000",
                         "Enter whole draws from 0 to 10,000."), "deterministic draws of each offer's outcome (0: none)"),
    "model.seed": (Rule("", styles.INTEGER, "whole", "between", "0", "4294967295",
                        "Enter a whole number from 0 to 4,294,967,295."), "the first number of the draws' generator"),
}

SCENARIO_RULES = {
    "scenario.name": (TEXT, "the scenario's name"),
    "scenario.growth": (GROWTH, "replaces every offer's growth (blank: keep)"),
    "scenario.growth_shift": (Rule("a year", styles.PERCENT, "decimal", "between", "-10", "10",
                                   "Enter a shift in growth, such as -0.2."), "added to every offer's growth (blank: none)"),
    "scenario.milestone": (Rule("", None, "list", message="Choose TRUE, FALSE or leave blank."),
                           "TRUE: every fallback probability 1; FALSE: 0; blank: as offered"),
    "scenario.liquidity": (FRACTION, "replaces every liquidity probability (blank: keep)"),
}


def rule_for_offer_key(key: str) -> tuple[Rule, str]:
    if key.startswith("signon."):
        return MONEY, f"sign-on for employment year {key.split('.')[1]}"
    return OFFER_RULES[key]


def _validation(rule: Rule, choices=None) -> Optional[dict]:
    """XlsxWriter's data validation for a rule, with its error message."""
    if not rule.kind:
        return None
    options = {"validate": rule.kind, "ignore_blank": True, "show_input": False, "show_error": True,
               "error_title": "xlmodel input", "error_message": rule.message}
    if rule.kind == "list":
        options["source"] = choices
        return options
    criteria = {"between": "between", "greaterThanOrEqual": ">=", "greaterThan": ">"}[rule.operator]
    options["criteria"] = criteria
    bound = int if rule.kind == "whole" else float
    low = bound(float(rule.low))
    # a date is its day number (XlsxWriter's date rule wants datetimes); "whole" is its "integer"
    options["validate"] = {"whole": "integer", "date": "decimal"}.get(rule.kind, rule.kind)
    if criteria == "between":
        options["minimum"], options["maximum"] = low, bound(float(rule.high))
    else:
        options["value"] = low
    return options


def _validate(sheet: Sheet, row: int, column: int, rule: Rule, choices=None) -> None:
    options = _validation(rule, choices)
    if options is not None:
        sheet.ws.data_validation(row - 1, column - 1, row - 1, column - 1, options)


def _describe_row(sheet: Sheet, lay, row: int, key: str, unit: str, note: str, style: str = styles.FORMULA) -> None:
    """Column A's key path, then the unit and the note beside the values."""
    sheet.label(row, LABEL_COL, key, style)
    sheet.label(row, lay.unit_col, unit, styles.NOTE)
    sheet.label(row, lay.note_col, note, styles.NOTE)


def write(sheet: Sheet, figures, layout: Layout) -> None:
    offers_file = figures.offers_file
    lay = layout.inputs
    sheet.title("Inputs", "Blue on pale yellow: inputs you may change. Column A: the key path in the offers file.")
    for i, name in enumerate(("Key", "Value")):
        sheet.label(4, LABEL_COL + i, name, styles.HEADER)
    sheet.label(4, lay.unit_col, "Unit", styles.HEADER)
    sheet.label(4, lay.note_col, "Note", styles.HEADER)

    settings = input_keys.model_inputs(offers_file.model)
    offer_names_area = area(lay.offer_row["name"], PARAM_COL, lay.offer_row["name"], PARAM_COL + layout.offers - 1)
    for key, row in lay.model_row.items():
        rule, note = MODEL_RULES[key]
        _describe_row(sheet, lay, row, key, rule.unit, note)
        if key == "model.horizon_years":  # fixed by the timeline's width: shown, locked
            sheet.value(row, PARAM_COL, settings[key], rule.number_format, styles.CONSTANT)
            continue
        sheet.value(row, PARAM_COL, settings[key], rule.number_format)
        _validate(sheet, row, PARAM_COL, rule, "=" + offer_names_area if rule.kind == "list" else None)

    first, last = lay.holiday_rows
    holidays = offers_file.model.holidays
    for n, row in enumerate(range(first, last + 1)):
        sheet.label(row, LABEL_COL, f"model.holidays.{n + 1}")
        sheet.value(row, PARAM_COL, holidays[n] if n < len(holidays) else None, styles.DATE)
        _validate(sheet, row, PARAM_COL, DATE)
        if n == 0:
            sheet.label(row, lay.unit_col, "date", styles.NOTE)
            sheet.label(row, lay.note_col, "holidays skipped by business-day dates (blank: none)", styles.NOTE)

    sheet.label(lay.offers_header_row - 1, LABEL_COL, "Offers: one column each", styles.TITLE)
    lists = {
        "signon_payment": ["upfront", "monthly"],
        "equity.type": ["rsu", "options", input_keys.NO_EQUITY],
        "equity.schedule": list(PRESET_NAMES) + [input_keys.CUSTOM_SCHEDULE],
        input_keys.TAX_LOCATION_KEY: "=" + tax_sheet.choices_area(layout.tax),
        "equity.participating": ["TRUE", "FALSE"],
    }
    for i, offer in enumerate(offers_file.offers):
        column = PARAM_COL + i
        for key, content in input_keys.offer_inputs(offer, layout.years).items():
            rule, _ = rule_for_offer_key(key)
            row = lay.offer_row[key]
            extra = {"bold": True} if key == "name" else {}
            sheet.value(row, column, content, rule.number_format, **extra)
            _validate(sheet, row, column, rule, lists.get(key))
    for key, row in lay.offer_row.items():
        rule, note = rule_for_offer_key(key)
        _describe_row(sheet, lay, row, key, rule.unit, note, styles.HEADER if key == "name" else styles.FORMULA)

    sheet.label(lay.scenarios_header_row - 1, LABEL_COL, "Scenarios: one column each", styles.TITLE)
    for j, scenario in enumerate(offers_file.scenarios):
        column = PARAM_COL + j
        contents = {"scenario.name": scenario.name, "scenario.growth": scenario.growth,
                    "scenario.growth_shift": scenario.growth_shift, "scenario.milestone": scenario.milestone,
                    "scenario.liquidity": scenario.liquidity}
        for key in SCENARIO_KEYS:
            rule, _ = SCENARIO_RULES[key]
            extra = {"bold": True} if key == "scenario.name" else {}
            sheet.value(lay.scenario_row[key], column, contents[key], rule.number_format, **extra)
            _validate(sheet, lay.scenario_row[key], column, rule,
                      ["TRUE", "FALSE"] if key == "scenario.milestone" else None)
    for key in SCENARIO_KEYS:
        rule, note = SCENARIO_RULES[key]
        row = lay.scenario_row[key]
        _describe_row(sheet, lay, row, key, rule.unit, note, styles.HEADER if key == "scenario.name" else styles.FORMULA)

    write_negotiation_levers(sheet, figures, layout)

    sheet.width(1, 30)
    sheet.width(PARAM_COL, 18, lay.unit_col - 1)
    sheet.width(lay.unit_col, 14)
    sheet.width(lay.note_col, 60)
    sheet.freeze(5, 2)


NEGOTIATION_RULES = {
    "negotiation.fallback_after_months": (MONTHS, "the bump asked for is paid from the month after this"),
    "negotiation.fallback_probability": (FRACTION, "chance the milestone of the bump asked for is met"),
    "negotiation.milestone": (TEXT, "what the bump is tied to, in words"),
    "negotiation.redact": (YES_NO, "TRUE: recruiter texts name the rival only by its label"),
    "negotiation.alternative_label": (TEXT, "how recruiter texts name the rival when redact is TRUE"),
    "negotiation.recruiter": (TEXT, "greets the texts (blank: Hi there)"),
    "negotiation.candidate": (TEXT, "signs the texts (blank: no signature)"),
    "negotiation.competing_deadline": (DATE, "the rival's own deadline, quoted as the reason for the window"),
}


def write_negotiation_levers(sheet: Sheet, figures, layout: Layout) -> None:
    """The [negotiation] levers: when the bump asked for starts and its odds (the accelerated
    schedule is its own tranche table on Schedules). A blank cell takes the file's default, and
    the note shows the value in use, whichever it is."""
    lay = layout.inputs
    settings = figures.offers_file.negotiation
    rows = lay.negotiation_row
    sheet.label(min(rows.values()) - 1, LABEL_COL, "Negotiation levers (the accelerated schedule: its table on "
                "Schedules)", styles.TITLE)
    values = input_keys.negotiation_inputs(settings)
    in_use = {
        "negotiation.fallback_after_months": t.join(
            "blank: the target's fallback.after_months, else 6 (in use: ",
            t.whole(lever_ref("after_months"), settings.fallback_after_months), ")"),
        "negotiation.fallback_probability": t.join(
            "blank: the target's fallback.probability, else 100% (in use: ",
            t.percent(lever_ref("probability"), settings.fallback_probability), ")"),
    }
    choices = {"negotiation.redact": ["TRUE", "FALSE"]}
    for key, row in rows.items():
        rule, note = NEGOTIATION_RULES[key]
        sheet.label(row, LABEL_COL, key)
        sheet.label(row, lay.unit_col, rule.unit, styles.NOTE)
        sheet.value(row, PARAM_COL, values[key], rule.number_format)
        _validate(sheet, row, PARAM_COL, rule, choices.get(key))
        if key in in_use:
            sentence = t.join(note, "; ", in_use[key])
            sheet.formula(row, lay.note_col, sentence.formula, sentence.v, style=styles.NOTE)
        else:
            sheet.label(row, lay.note_col, note, styles.NOTE)
