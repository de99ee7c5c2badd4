"""docs/offers-file.md, written from the schema: every key of an offers file with its kind,
bounds, default, unit and meaning, and the thresholds at which a rate reads like a percentage.

    python -m xlmodel.inputs.reference > docs/offers-file.md

tests/test_docs.py keeps the file equal to what this writes, so the documentation states the
parser's very ranges."""
from __future__ import annotations

from . import schema
from .field_words import bound_text, bound_words, default_words
from .schema import Field, Table

HEAD = """# The offers file: every key

Written from `xlmodel/inputs/schema.py` by `python -m xlmodel.inputs.reference` (the tests keep
it equal to what that writes): the parser reads every value through the Field listed here, the
workbook's Inputs sheet labels, validates and checks each cell with it, and `xlmodel read` and
the Excel functions know the keys from it. [model.md](model.md) explains what each key does to
the valuation.

Bounds: `[a, b]` includes both ends, `(a, b]` excludes a, `[a, b)` excludes b. A key with a
default may be left out (and a workbook cell left blank); a required key may not. A rate is a
fraction: 0.08 is 8%.
"""

TABLE_HEADINGS = {
    "model": "`[model]`", "offers": "`[[offers]]`", "equity": "`[offers.equity]` (optional: no equity without it)",
    "fallback": "`[offers.fallback]` (optional: a contingent bump)", "scenarios": "`[[scenarios]]` (optional: "
    "without any, Bear, Base and Bull stand in)", "negotiation": "`[negotiation]` (optional)",
    "tax": "`[tax]` (optional: after-tax figures; its `locations` tables: see tax.md)",
}

RULES = """## Rules that tie keys together

- `[offers.equity]`: exactly one grant size of `grant_value`, `shares` and `percent`;
  `company_value` is given exactly when `percent` is, or a `preference` above 0; with a
  preference, `preferred_share` is above 0.
- `[offers.fallback]`: exactly one of `bump` and `bump_amount`.
- `signon` lists at most `horizon_years` amounts.
- `[[scenarios]]`: at most one of `growth` and `growth_shift`; a shift keeps every offer's
  growth above -1 (-100%).
- Offer names are unique, and so are scenario names (exactly, case included); `model.target`
  names an offer.
- A schedule's fractions sum to 1 (within 0.000001); a tranche's month is a whole number from
  1 to 120.
"""

PERCENT_HEAD = """## A rate typed as a whole number

A rate of 8 is 800%: allowed where the bounds allow it, but probably meant as 0.08. At or above
its threshold, an allowed rate gets a warning ("is 800% a year; did you mean 0.08?", in the
reader's `OffersFile.warnings`; the workbook's Checks sheet lists the same warning for a value
typed on Inputs, and its master check ignores it), and above the rate's upper bound its error
asks "did you mean 0.08?" when a hundredth of the value is allowed.

| key | table | warns at or above |
| --- | --- | --- |
"""


def kind_words(field: Field) -> str:
    kind = field.kind
    if kind == schema.WHOLE:
        return "whole number"
    if kind == schema.CHOICE:
        return "one of " + ", ".join(f"`{c}`" for c in field.choices)
    return {schema.NUMBER: "number", schema.TEXT: "text", schema.BOOLEAN: "true or false", schema.DATE: "date",
            schema.DATES: "list of dates", schema.AMOUNTS: "number or list of numbers",
            schema.SCHEDULE: "preset name or schedule table"}[kind]


def bounds_words(field: Field) -> str:
    """"[0, 1]", "(-1, 10]", "[0, 1,000,000,000,000]"; "" for a key without bounds."""
    if field.kind in (schema.DATE, schema.DATES):
        return "1900-03-01 to 9999-12-31"
    if field.low is None and field.high is None:
        return ""
    low = "" if field.low is None else bound_text(field.low)
    high = "" if field.high is None else bound_text(field.high)
    return f"{'(' if field.low_open else '['}{low}, {high}{')' if field.high_open else ']'}"


def default_cell(field: Field) -> str:
    if field.required:
        return "required"
    if field.default == "":
        return '`""`'
    default = default_words(field)
    return f"`{default}`" if default else "not given"


def table_rows(table: Table) -> list[str]:
    rows = ["| key | kind | bounds | default | unit | meaning |", "| --- | --- | --- | --- | --- | --- |"]
    for field in table:
        meaning = field.label + (f": {field.note}" if field.note else "")
        rows.append(f"| `{field.key}` | {kind_words(field)} | {bounds_words(field)} | {default_cell(field)} | "
                    f"{field.unit} | {meaning} |")
    return rows


def percent_rows() -> list[str]:
    rows = []
    for table in schema.TABLES.values():
        for field in table:
            if field.percent_like is not None:
                heading = TABLE_HEADINGS[table.name].split(" ")[0]
                rows.append(f"| `{field.key}` | {heading} | {bound_words(field, field.percent_like)} |")
    return rows


def reference() -> str:
    """The text of docs/offers-file.md."""
    parts = [HEAD]
    for name, table in schema.TABLES.items():
        parts.append(f"## {TABLE_HEADINGS[name]}\n\n" + "\n".join(table_rows(table)) + "\n")
    parts.append(RULES)
    parts.append(PERCENT_HEAD + "\n".join(percent_rows()) + "\n")
    return "\n".join(parts)


if __name__ == "__main__":
    print(reference(), end="")
