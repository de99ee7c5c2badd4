"""Every key of an offers file, written once: its kind, bounds, default, choices, unit and words.

The parser (`inputs.offers_file`) reads each value through its Field, so the bounds and
defaults here are the file's; the workbook writes its Inputs rows (label, key path, unit, note,
data validation) and builds each cell's check on the Checks sheet from the same Fields (their
words: `inputs.field_words`);
`xlmodel read` and the Excel functions find their keys and kinds here; and the range table of
docs/offers-file.md is generated from it (tests/test_docs.py keeps them equal).

A Field describes one key of one table. Rules that tie several keys together (exactly one
grant size, a bump needs one of two keys, ...) are written beside the readers that apply them.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Optional

# What a value is.
NUMBER, WHOLE, TEXT, CHOICE, BOOLEAN, DATE = "number", "whole", "text", "choice", "boolean", "date"
AMOUNTS, DATES, SCHEDULE = "amounts", "dates", "schedule"  # a list of amounts, of dates; a schedule
# A location table's lists, each read by tax_file: rows of numbers ([lower bound, rate], ...), the
# payroll rows and the credits (inline tables).
ROWS, PAYROLL_ROWS, CREDITS = "rows", "payroll rows", "credits"

# How a value reads (the workbook's number format and the unit column).
MONEY, RATE, FACTOR, COUNT, PRICE, SHARES, DAY, WORDS = (
    "money", "rate", "factor", "count", "price", "shares", "day", "words")

# Bounds that keep every figure finite (no sum, product or JSON number overflows) and far beyond
# any real offer.
MAX_AMOUNT = 1e12
MAX_COMPANY_VALUE = 1e15
MAX_SHARES = 1e12
MIN_PRICE, MAX_PRICE = 1e-6, 1e9
MAX_HORIZON_YEARS = 10
MAX_MONTHS = 12 * MAX_HORIZON_YEARS
MAX_BUSINESS_DAYS = 1000
MAX_HOLIDAYS = 1000
MAX_DRAWS = 10_000
MAX_SEED = 2**32 - 1
MAX_VOLATILITY = 5.0


@dataclass(frozen=True)
class Field:
    """One key of one table of the offers file.

    `low`/`high` bound a number (`low_open`/`high_open`: the bound itself is refused);
    `default` is the value when the key is absent (None: absent means "not given");
    `percent_like` is the value at or above which a rate reads like a percentage typed as a
    whole number (8 meant as 8%): a warning, or the suggestion beside an error above `high`.
    """
    key: str
    kind: str
    label: str
    unit: str = ""
    note: str = ""
    reads: str = ""  # MONEY, RATE, ...: how the value is shown
    default: Any = None
    required: bool = False
    low: Optional[float] = None
    high: Optional[float] = None
    low_open: bool = False
    high_open: bool = False
    choices: tuple[str, ...] = ()
    percent_like: Optional[float] = None
    per: str = ""  # what a rate is per, for the warning: "a year", "of base"

    @property
    def is_number(self) -> bool:
        return self.kind in (NUMBER, WHOLE)

    def admits(self, value: float) -> bool:
        """Whether a number is within the bounds."""
        low = -math.inf if self.low is None else self.low
        high = math.inf if self.high is None else self.high
        above = value > low if self.low_open else value >= low
        below = value < high if self.high_open else value <= high
        return above and below


@dataclass(frozen=True)
class Table:
    """The keys of one table, in the order the Inputs sheet lists them."""
    name: str  # as in key paths: "model", "equity", ...
    fields: tuple[Field, ...]

    def __getitem__(self, key: str) -> Field:
        for field in self.fields:
            if field.key == key:
                return field
        raise KeyError(key)

    def keys(self) -> tuple[str, ...]:
        return tuple(field.key for field in self.fields)

    def __iter__(self):
        return iter(self.fields)


def _fraction(key, label, note="", default=None, required=False, **extra) -> Field:
    return Field(key, NUMBER, label, "fraction", note, RATE, default, required, 0.0, 1.0, **extra)


def _money(key, label, note="", default=None, required=False, high=MAX_AMOUNT, **extra) -> Field:
    return Field(key, NUMBER, label, "$", note, MONEY, default, required, 0.0, high, **extra)


def _months(key, label, note="", default=None, required=False) -> Field:
    return Field(key, WHOLE, label, "months", note, COUNT, default, required, 0, MAX_MONTHS)


def _text(key, label, note="", default=None, required=False) -> Field:
    return Field(key, TEXT, label, "", note, WORDS, default, required)


MODEL = Table("model", (
    Field("start_date", DATE, "First day of work", "date", "month 1 begins here", DAY, required=True),
    Field("horizon_years", WHOLE, "Horizon", "years", "years valued; fixed when the workbook is built", COUNT,
          required=True, low=1, high=MAX_HORIZON_YEARS),
    _fraction("discount_rate", "Discount rate", "annual rate for present value", 0.0, percent_like=1.0, per="a year"),
    _text("target", "Target offer", "the offer being negotiated (blank: the first offer)"),
    Field("decision_date", DATE, "Competing offer shared on", "date",
          "the day the competing offer is shared (blank: no dates)", DAY),
    Field("response_business_days", WHOLE, "Answer window", "business days", "the window you give the company",
          COUNT, 5, low=0, high=MAX_BUSINESS_DAYS),
    Field("expiry_business_days", WHOLE, "Offer lapses after", "business days", "when an offer lapses after silence",
          COUNT, 10, low=0, high=MAX_BUSINESS_DAYS),
    Field("holidays", DATES, "Holiday", "date", "skipped by business-day dates (blank: none)", DAY, ()),
    Field("draws", WHOLE, "Outcomes drawn", "draws", "deterministic draws of each offer's outcome (0: none)", COUNT,
          1000, low=0, high=MAX_DRAWS),
    Field("seed", WHOLE, "Seed of the draws", "", "the first number of the draws' generator", COUNT, 1, low=0,
          high=MAX_SEED),
))

OFFER = Table("offers", (
    _text("name", "Offer", "the offer's name, unique", required=True),
    _text("title", "Title", "display only", ""),
    _money("base", "Base salary", "annual base salary", required=True),
    _fraction("annual_raise", "Raise a year", "raise at each work anniversary", 0.0, percent_like=1.0, per="a year"),
    Field("bonus_target", NUMBER, "Bonus target", "fraction", "bonus as a fraction of the year's salary", RATE, 0.0,
          low=0.0, high=10.0, percent_like=2.0, per="of salary"),
    Field("bonus_payout", NUMBER, "Bonus payout", "x", "expected payout factor (1 = target)", FACTOR, 1.0, low=0.0,
          high=10.0),
    Field("signon", AMOUNTS, "Sign-on", "$", "sign-on for an employment year", MONEY, (), low=0.0, high=MAX_AMOUNT),
    Field("signon_payment", CHOICE, "Sign-on paid", "", "upfront: month 1 of each year; monthly: spread over the year",
          WORDS, "upfront", choices=("upfront", "monthly")),
    _months("signon_clawback_months", "Sign-on clawback", "an upfront sign-on is repaid pro rata if you quit within "
            "this", 12),
    _text("tax_location", "Tax location", "a location table (see Tax), or none (federal and payroll taxes only)",
          "none"),
))

EQUITY = Table("equity", (
    Field("type", CHOICE, "Equity", "", "rsu or options", WORDS, required=True, choices=("rsu", "options")),
    _money("grant_value", "Grant value", "grant size in dollars (one of grant_value, shares, percent)"),
    Field("shares", NUMBER, "Grant in shares", "shares", "grant size in shares", SHARES, low=0.0, high=MAX_SHARES),
    Field("percent", NUMBER, "Grant as a share of the company", "fraction", "0.001 = 0.1%, with company_value", RATE,
          low=0.0, high=1.0, percent_like=0.1, per="of the company"),
    _money("company_value", "Company value", "with percent or a preference: the post-money value today",
           high=MAX_COMPANY_VALUE, low_open=True),  # above 0: the fully diluted shares are company_value / price
    Field("price", NUMBER, "Share price today", "$ a share", "a private company's preferred price", PRICE,
          required=True, low=MIN_PRICE, high=MAX_PRICE),
    Field("growth", NUMBER, "Stock growth", "a year", "annual share price growth", RATE, 0.0, low=-1.0, high=10.0,
          low_open=True, percent_like=2.0, per="a year"),
    Field("schedule", SCHEDULE, "Vesting schedule", "", "a preset, or custom: the offer's tranche table on Schedules",
          WORDS, required=True),
    Field("strike", NUMBER, "Strike", "$ a share", "options only: exercise price", PRICE, 0.0, low=0.0,
          high=MAX_PRICE),
    _fraction("liquidity_probability", "Liquidity odds", "chance the equity is ever sellable", 1.0),
    Field("dilution", NUMBER, "Dilution a year", "a year", "annual dilution of the holding", RATE, 0.0, low=0.0,
          high=1.0, high_open=True),
    _money("refresh_value", "Refresher grant", "refresher grant value at each anniversary", 0.0),
    Field("volatility", NUMBER, "Volatility", "a year", "yearly volatility of the stock, for the odds", RATE, 0.0,
          low=0.0, high=MAX_VOLATILITY, percent_like=2.0, per="a year"),
    _money("preference", "Liquidation preference", "paid to investors before common stock", 0.0,
           high=MAX_COMPANY_VALUE),
    Field("participating", BOOLEAN, "Participating preferred", "", "TRUE: preferred also shares what is left",
          WORDS, False),
    Field("preferred_share", NUMBER, "Preferred share", "fraction", "of the fully diluted shares, held as preferred",
          RATE, 0.0, low=0.0, high=1.0, high_open=True),
    _months("exercise_window_months", "Exercise window", "options only: months after leaving to exercise", 3),
))

FALLBACK = Table("fallback", (
    Field("bump", NUMBER, "Fallback bump", "fraction", "salary bump as a fraction of base (or bump_amount)", RATE,
          low=0.0, high=10.0, percent_like=1.0, per="of base"),
    _money("bump_amount", "Fallback bump in dollars", "salary bump in annual dollars (or bump)"),
    _months("after_months", "Bump paid after", "the bump is paid from the month after this", required=True),
    _fraction("probability", "Milestone odds", "chance the milestone is met", required=True),
    _months("guaranteed_months", "Guaranteed tenure", "base pay guaranteed through this month if the role is cut", 0),
))

SCENARIO = Table("scenarios", (
    _text("name", "Scenario", "the scenario's name", required=True),
    Field("growth", NUMBER, "Stock growth", "a year", "replaces every offer's growth (blank: keep)", RATE, low=-1.0,
          high=10.0, low_open=True, percent_like=2.0, per="a year"),
    Field("growth_shift", NUMBER, "Growth shift", "a year", "added to every offer's growth (blank: none)", RATE,
          low=-10.0, high=10.0),
    Field("milestone", BOOLEAN, "Milestone met", "", "TRUE: every fallback probability 1; FALSE: 0; blank: as "
          "offered", WORDS),
    _fraction("liquidity", "Liquidity odds", "replaces every liquidity probability (blank: keep)"),
))

DEFAULT_MILESTONE = "a milestone we agree on"
DEFAULT_ALTERNATIVE_LABEL = "a competing offer"

NEGOTIATION = Table("negotiation", (
    _months("fallback_after_months", "Bump asked for, paid after", "blank: the target's fallback.after_months, else 6"),
    _fraction("fallback_probability", "Odds of the bump asked for", "blank: the target's fallback.probability, else 1"),
    Field("accelerated_schedule", SCHEDULE, "Accelerated schedule", "", "its table on Schedules", WORDS),
    _text("milestone", "Milestone", "what the bump is tied to, in words", DEFAULT_MILESTONE),
    Field("redact", BOOLEAN, "Name the rival only by its label", "", "TRUE: recruiter texts say the label, never "
          "the name", WORDS, False),
    _text("alternative_label", "Rival's label", "how recruiter texts name the rival when redact is TRUE",
          DEFAULT_ALTERNATIVE_LABEL),
    _text("recruiter", "Recruiter", "greets the texts (blank: Hi there)", ""),
    _text("candidate", "Your name", "signs the texts (blank: no signature)", ""),
    Field("competing_deadline", DATE, "Rival's deadline", "date", "quoted as the reason for the window when given",
          DAY),
))

TAX = Table("tax", (
    Field("filing_status", CHOICE, "Filing status", "", "single or joint", WORDS, "single",
          choices=("single", "joint")),
    _fraction("indexation", "Indexation", "yearly growth of bounds, deductions and wage caps after 2026", 0.0),
    Field("deductions", CHOICE, "Deductions", "", "best: the larger of itemized and standard", WORDS, "best",
          choices=("best", "standard", "itemized")),
    _money("other_itemized", "Other itemized deductions", "a year: mortgage interest, gifts, ...", 0.0),
))

FILING_STATUSES = ("single", "joint")
ITEMIZED_MODES = ("none", "own", "with_federal", "follow", "federal")
BASES = ("wages", "federal_taxable")


@dataclass(frozen=True)
class RowsField(Field):
    """A list of rows of numbers: `columns` names each figure ("lower bound", "rate"); the first
    figure of each row ascends strictly (from 0 when `from_zero`); `limits` bounds each column."""
    columns: tuple[str, ...] = ()
    limits: tuple[float, ...] = ()
    from_zero: bool = True


def _rows(key, label, columns, limits, note="", required=False, from_zero=True) -> RowsField:
    return RowsField(key, ROWS, label, "", note, WORDS, required=required, columns=columns, limits=limits,
                     from_zero=from_zero)


def _brackets(key, label, note="", required=False) -> RowsField:
    return _rows(key, label, ("lower bound", "rate"), (math.inf, 1.0), note, required)


def _per_status(*fields: Field) -> tuple[Field, ...]:
    """Each figure that may differ by filing status as three keys: `key` for every status, or
    `key_single` and `key_joint`."""
    from dataclasses import replace
    found = []
    for field in fields:
        found.append(field)
        for status in FILING_STATUSES:
            found.append(replace(field, key=f"{field.key}_{status}", label=f"{field.label} ({status})",
                                 required=False))
    return tuple(found)


# Keys that may be given per filing status (`deduction`, or `deduction_single` and `deduction_joint`).
LOCATION_PER_STATUS = ("brackets", "deduction", "exemption", "exemption_income_limit", "addback_deductions_exempt",
                       "federal_tax_subtraction", "recapture", "local_brackets")
CREDIT_PER_STATUS = ("amount", "brackets", "income_limit", "phaseout_start", "phaseout_reduction")

TAX_LOCATION = Table("tax.locations", (
    _text("source", "Year and source", "the tax year of the figures and where they come from", ""),
) + _per_status(
    _brackets("brackets", "Income tax brackets", "[lower bound of taxable income, rate], from 0 ([[0, 0]]: none)",
              required=True),
    _money("deduction", "Standard deduction", "subtracted from the base before the brackets", 0.0),
    _money("exemption", "Exemptions", "subtracted like the deduction", 0.0),
    _money("exemption_income_limit", "Exemptions up to wages of", "no exemption above (blank: at every income)"),
) + (
    _money("fica_deduction", "Social security and Medicare deducted up to", "the employee's taxes, up to this", 0.0),
    Field("itemized", CHOICE, "Itemizing", "", "none, own, with_federal, follow or federal (docs/tax.md)", WORDS,
          "none", choices=ITEMIZED_MODES),
    Field("base", CHOICE, "Income taxed", "", "wages, or federal_taxable (federal taxable income)", WORDS, "wages",
          choices=BASES),
    Field("addback_state_tax", BOOLEAN, "Adds back the state tax deducted", "",
          "TRUE: the state income tax deducted on the federal return is added back", WORDS, False),
    _money("addback_deductions_above", "Adds back the federal deduction from wages of",
           "blank: never; then the deduction less the exempt part is added back"),
) + _per_status(
    _money("addback_deductions_exempt", "Federal deduction not added back", "", 0.0),
    _rows("federal_tax_subtraction", "Federal income tax subtracted, up to", ("wages from", "cap"),
          (math.inf, MAX_AMOUNT), "[wages from, cap of the subtraction], from 0"),
) + (
    _rows("surtax", "Surtax", ("taxable income above", "rate"), (math.inf, 1.0),
          "[threshold, rate]; the threshold is never indexed", from_zero=False),
) + _per_status(
    _rows("recapture", "Tax benefit recapture", ("taxable income from", "base", "increment"),
          (math.inf, MAX_AMOUNT, MAX_AMOUNT), "[taxable income from, recaptured, phased in], from 0"),
) + (
    _money("recapture_start", "Recapture from wages of", "blank: no recapture"),
    Field("recapture_phase_in", NUMBER, "Recapture phased in over", "$", "wages over which each step phases in",
          MONEY, 0.0, low=0.0, high=MAX_AMOUNT),
    _money("recapture_flat_above", "Top rate on all income above wages of", "blank: never"),
    Field("credits", CREDITS, "Credits", "", "inline tables (docs/tax.md)", WORDS, ()),
    _text("local_name", "Local income tax", "the city's name", ""),
) + _per_status(
    _brackets("local_brackets", "Local income tax brackets", "on the same taxable income; blank: none"),
) + (
    Field("payroll", PAYROLL_ROWS, "Payroll taxes", "", "{ rate, cap, deductible, name } or [rate, cap]", WORDS, ()),
))

LOCATION_CREDIT = Table("credits", (
    _text("name", "Credit", "its name", required=True),
    Field("local", BOOLEAN, "Against the local tax", "", "TRUE: the local income tax; FALSE: the state's", WORDS,
          False),
    Field("itemizers_only", BOOLEAN, "Only when itemizing", "", "TRUE: only when the federal return itemizes",
          WORDS, False),
) + _per_status(
    _money("amount", "Amount", "a year", 0.0),
    _brackets("brackets", "Brackets on taxable income", "[lower bound, rate]: added to the amount"),
    _money("income_limit", "Up to wages of", "none above (blank: no limit)"),
    _money("phaseout_start", "Phase-out from wages of", "blank: none"),
) + (
    Field("phaseout_step", NUMBER, "Phase-out step", "$", "for each step of wages, or part of one", MONEY, 0.0,
          low=0.0, high=MAX_AMOUNT),
) + _per_status(
    _money("phaseout_reduction", "Reduction a step", "", 0.0),
))

LOCATION_PAYROLL = Table("payroll", (
    _text("name", "Payroll tax", "its name", ""),
    _fraction("rate", "Rate", "of wages", required=True),
    _money("cap", "Annual wage cap", "0: no cap", 0.0),
    Field("deductible", BOOLEAN, "Deductible", "", "TRUE: itemized with the state income taxes", WORDS, False),
))

TABLES = {table.name: table for table in (MODEL, OFFER, EQUITY, FALLBACK, SCENARIO, NEGOTIATION, TAX)}
LOCATION_TABLES = {table.name: table for table in (TAX_LOCATION, LOCATION_CREDIT, LOCATION_PAYROLL)}


def field_at(path: tuple) -> Optional[Field]:
    """The Field of a key path such as ("offers", 1, "equity", "growth"); None for a path that
    names no single key (a table, a list item, a schedule's inner key)."""
    names = [part for part in path if isinstance(part, str)]
    if len(names) == 2 and names[0] in TABLES:
        table = TABLES[names[0]]
    elif len(names) == 3 and names[0] == "offers" and names[1] in ("equity", "fallback"):
        table = TABLES[names[1]]
    else:
        return None
    try:
        return table[names[-1]]
    except KeyError:
        return None


def meant_fraction(field: Optional[Field], value: float) -> Optional[str]:
    """For a rate typed as a whole-number percentage (8 for 8%), "did you mean 0.08?"; None
    where value / 100 would not be allowed either, or the key is not a rate."""
    if field is None or field.reads != RATE or not value > 0:
        return None
    meant = value / 100
    return f"did you mean {meant:g}?" if field.admits(meant) else None


def percent_reading(field: Field, value: float) -> Optional[str]:
    """For an allowed rate at or above its `percent_like` threshold, what it is and what it
    probably means: "is 800% a year; did you mean 0.08?". None for a value that reads right."""
    if field.percent_like is None or not value >= field.percent_like:
        return None
    hint = meant_fraction(field, value)
    if hint is None:
        return None
    per = f" {field.per}" if field.per else ""
    return f"is {value * 100:,.10g}%{per}; {hint}"
