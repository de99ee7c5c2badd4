"""The Tax sheet's input tables: the settings, the federal tables, each location's columns (with room
for more) and, from them, the tables of the filing status in use, in one grid every offer's
formulas read; then which location each offer names."""
from __future__ import annotations

from typing import Optional

from .. import tax_grid
from ..engine import tax as tax_rules
from ..inputs import schema
from ..inputs.shipped_locations import shipped_names
from ..model import NO_TAX_LOCATION, TaxLocation, TaxSettings
from . import styles
from .cells import Sheet
from .figures import Figures
from .layout import LABEL_COL, PARAM_COL, Layout
from .refs import cell, col
from .tax_layout import (CHOICES_HEADING, FEDERAL_KEYS, JOINT_LABEL, LOCATIONS_KEY, SETTING_KEYS, STEP_TABLES,
                         TaxLayout, bracket_tables, federal_key)
from .tax_results import settings


SETTING_NOTES = {  # the schema's keys take their unit and note from their Field
    "tax": ("TRUE/FALSE", "TRUE: after-tax figures (the offers file's [tax] table); FALSE: none"),
    "tax.table_year": ("year", "the year of the tables below (the offers file's are 2026's)"),
    **{f"tax.{field.key}": (field.unit, field.note) for field in schema.TAX},
}
SOURCE_2026 = "2026; IRS Rev. Proc. 2025-32"
FEDERAL_LABELS = {
    "federal.standard_deduction": ("Standard deduction: single | joint", styles.MONEY, SOURCE_2026),
    "federal.additional_medicare_threshold": ("Additional Medicare threshold (not indexed): single | joint",
                                              styles.MONEY, "26 U.S.C. 3101(b)(2)"),
    "federal.social_security_rate": ("Social security rate", styles.FRACTION, "26 U.S.C. 3101(a)"),
    "federal.social_security_wage_base": ("Social security wage base", styles.MONEY, "2026; SSA COLA fact sheet"),
    "federal.medicare_rate": ("Medicare rate", styles.FRACTION, "26 U.S.C. 3101(b)(1)"),
    "federal.additional_medicare_rate": ("Additional Medicare rate", styles.FRACTION, "26 U.S.C. 3101(b)(2)"),
    "federal.salt_cap": ("Cap on deducted state and local taxes", styles.MONEY,
                         "2026; 26 U.S.C. 164(b)(6)-(7) as P.L. 119-21 sets it"),
    "federal.salt_phaseout_threshold": ("The cap falls for income above", styles.MONEY, "2026; 26 U.S.C. 164(b)(7)"),
    "federal.salt_phaseout_rate": ("... by this share of the excess", styles.FRACTION, "26 U.S.C. 164(b)(7)"),
    "federal.salt_floor": ("... never below", styles.MONEY, "26 U.S.C. 164(b)(7)(B)(iii)"),
    "federal.itemized_limitation_rate": ("Itemized deductions lose this share (2/37) of the lesser of them and the "
                                         "income above the top bracket", styles.FRACTION,
                                         "2026; 26 U.S.C. 68 as P.L. 119-21 sets it"),
}
FEDERAL_VALUES = {
    "federal.standard_deduction": tax_rules.STANDARD_DEDUCTION,
    "federal.additional_medicare_threshold": tax_rules.ADDITIONAL_MEDICARE_THRESHOLD,
    "federal.social_security_rate": tax_rules.SOCIAL_SECURITY_RATE,
    "federal.social_security_wage_base": tax_rules.SOCIAL_SECURITY_WAGE_BASE,
    "federal.medicare_rate": tax_rules.MEDICARE_RATE,
    "federal.additional_medicare_rate": tax_rules.ADDITIONAL_MEDICARE_RATE,
    "federal.salt_cap": tax_rules.SALT_CAP,
    "federal.salt_phaseout_threshold": tax_rules.SALT_PHASEOUT_THRESHOLD,
    "federal.salt_phaseout_rate": tax_rules.SALT_PHASEOUT_RATE,
    "federal.salt_floor": tax_rules.SALT_FLOOR,
    "federal.itemized_limitation_rate": tax_rules.ITEMIZED_LIMITATION_RATE,
}
GRID_NOTES = {"single": "single | joint", "from": "lower bound | rate"}


# --- the sheet ------------------------------------------------------------------------------------

def _validation(sheet: Sheet, row: int, column: int, options: dict, message: str) -> None:
    sheet.ws.data_validation(row - 1, column - 1, row - 1, column - 1, {
        "ignore_blank": True, "show_input": False, "show_error": True, "error_title": "xlmodel input",
        "error_message": message, **options})


def _list(sheet: Sheet, row: int, column: int, source, message: str) -> None:
    _validation(sheet, row, column, {"validate": "list", "source": source}, message)


def _number(sheet: Sheet, row: int, column: int, low: float, high: Optional[float], message: str) -> None:
    options = {"validate": "decimal"}
    if high is None:
        options.update(criteria=">=", value=low)
    else:
        options.update(criteria="between", minimum=low, maximum=high)
    _validation(sheet, row, column, options, message)


def write_settings(sheet: Sheet, figures: Figures, lay: TaxLayout, tax: TaxSettings) -> None:
    for n, text in enumerate(("Key", "Value", "Unit", "Note")):
        sheet.label(4, LABEL_COL + n, text, styles.HEADER)
    values = {"tax": figures.offers_file.tax is not None, "tax.filing_status": tax.filing_status,
              "tax.indexation": tax.indexation, "tax.table_year": tax_rules.TABLE_YEAR,
              "tax.deductions": tax.deductions, "tax.other_itemized": tax.other_itemized}
    formats = {"tax.indexation": styles.PERCENT, "tax.table_year": styles.INTEGER, "tax.other_itemized": styles.MONEY}
    for key in SETTING_KEYS:
        row = lay.setting_row[key]
        unit, note = SETTING_NOTES[key]
        sheet.label(row, LABEL_COL, key)
        sheet.value(row, PARAM_COL, values[key], formats.get(key))
        sheet.label(row, PARAM_COL + 1, unit, styles.NOTE)
        sheet.label(row, PARAM_COL + 2, note, styles.NOTE)
    rows = lay.setting_row
    _list(sheet, rows["tax"], PARAM_COL, ["TRUE", "FALSE"], "Choose TRUE or FALSE.")
    _list(sheet, rows["tax.filing_status"], PARAM_COL, list(schema.TAX["filing_status"].choices),
          "Choose single or joint.")
    _list(sheet, rows["tax.deductions"], PARAM_COL, list(schema.TAX["deductions"].choices),
          "Choose best, standard or itemized.")
    _number(sheet, rows["tax.indexation"], PARAM_COL, 0, 1, "Enter a fraction from 0 to 1 (0.025 = 2.5%).")
    _number(sheet, rows["tax.other_itemized"], PARAM_COL, 0, None, "Enter dollars a year, 0 or more.")
    _validation(sheet, rows["tax.table_year"], PARAM_COL, {"validate": "integer", "criteria": "between",
                                                            "minimum": 1900, "maximum": 9999},
                "Enter a year, such as 2026.")
    sheet.label(lay.joint_row, LABEL_COL, JOINT_LABEL, styles.NOTE)
    sheet.formula(lay.joint_row, PARAM_COL, f'=IF({cell(rows["tax.filing_status"], PARAM_COL)}="joint",1,0)',
                  1 if tax.filing_status == "joint" else 0, styles.INTEGER)


def joint_ref(lay: TaxLayout) -> str:
    return cell(lay.joint_row, PARAM_COL)


def write_federal(sheet: Sheet, lay: TaxLayout, tax: TaxSettings) -> None:
    header = lay.federal_header
    for n, text in enumerate(("Federal income tax (2026; IRS Rev. Proc. 2025-32)", "Single: from", "Rate",
                              "Joint: from", "Rate", "In use: from", "Rate so far", "Step")):
        sheet.label(header, LABEL_COL + n, text, styles.HEADER)
    joint = joint_ref(lay)
    used = tax_rules.FEDERAL_BRACKETS[tax.filing_status]
    previous_rate = 0.0
    for n, row in enumerate(lay.federal_rows):
        sheet.label(row, LABEL_COL, federal_key(n + 1))
        for status, column in (("single", 2), ("joint", 4)):
            table = tax_rules.FEDERAL_BRACKETS[status]
            bound, rate = table[n] if n < len(table) else (None, None)
            sheet.value(row, column, bound, styles.MONEY)
            sheet.value(row, column + 1, rate, styles.PERCENT)
            _number(sheet, row, column, 0, None, "Enter a lower bound, 0 or more.")
            _number(sheet, row, column + 1, 0, 1, "Enter a rate from 0 to 1 (0.22 = 22%).")
        filled = n < len(used)
        rate_so_far = used[n][1] if filled else previous_rate
        sheet.formula(row, 6, f"=IF({joint}=1,SUM(D{row}),SUM(B{row}))", used[n][0] if filled else 0, styles.MONEY)
        before = f"G{row - 1}" if n else "0"
        sheet.formula(row, 7, f"=IF(IF({joint}=1,ISNUMBER(D{row}),ISNUMBER(B{row})),IF({joint}=1,SUM(E{row}),"
                               f"SUM(C{row})),{before})", rate_so_far, styles.PERCENT)
        sheet.formula(row, 8, f"=G{row}-{before}", rate_so_far - previous_rate, styles.FRACTION)
        previous_rate = rate_so_far
    is_joint = tax.filing_status == "joint"
    for key in FEDERAL_KEYS:
        row = lay.federal_row[key]
        label, number_format, source = FEDERAL_LABELS[key]
        sheet.label(row, LABEL_COL, key)
        value = FEDERAL_VALUES[key]
        if isinstance(value, dict):
            sheet.value(row, 2, value["single"], number_format)
            sheet.value(row, 4, value["joint"], number_format)
            sheet.formula(row, 6, f"=IF({joint}=1,SUM(D{row}),SUM(B{row}))", value["joint" if is_joint else "single"],
                          number_format)
            _number(sheet, row, 4, 0, None, "Enter an amount, 0 or more.")
        else:
            sheet.value(row, 2, value, number_format)
        high = 1 if number_format == styles.FRACTION else None
        _number(sheet, row, 2, 0, high, "Enter a rate from 0 to 1." if high else "Enter an amount, 0 or more.")
        sheet.label(row, 7, f"{label} ({source})", styles.NOTE)


def federal_ref(lay: TaxLayout, key: str, column: int = 6) -> str:
    """A federal figure: the one in use (column F) for a pair, else the value in column B."""
    if not isinstance(FEDERAL_VALUES[key], dict):
        column = 2
    return cell(lay.federal_row[key], column)


def _grid_note(holds: tuple[str, ...]) -> str:
    return " | ".join(holds)


def write_locations(sheet: Sheet, lay: TaxLayout, tax: TaxSettings) -> None:
    sheet.label(lay.locations_header, LABEL_COL, "Location tables (docs/tax.md): four columns each; add one in an "
                "empty slot", styles.HEADER)
    for column in range(2, lay.note_col):
        sheet.label(lay.locations_header, column, "", styles.HEADER)
    sheet.label(lay.locations_header, lay.note_col, "the cells hold", styles.HEADER)
    sheet.label(lay.names_row, LABEL_COL, LOCATIONS_KEY)
    sheet.label(lay.names_row, lay.note_col, "name", styles.NOTE)
    holds = _row_holds(lay)
    for key, row in lay.grid_row.items():
        sheet.label(row, LABEL_COL, key)
        sheet.label(row, lay.note_col, _grid_note(holds[key]), styles.NOTE)
    places = list(tax.locations.values())
    for slot in range(1, lay.slots + 1):
        first = lay.slot_col(slot)
        location = places[slot - 1] if slot <= len(places) else None
        sheet.value(lay.names_row, first, location.name if location else None, bold=True)
        for key, values in tax_grid.location_cells(location, lay.sizes).items():
            row = lay.grid_row[key]
            for n, value in enumerate(values):
                what = holds[key][n]
                sheet.value(row, first + n, value, _format_of(key, what))
                _validate_cell(sheet, key, what, row, first + n)
    # The drop-down list of Inputs' tax_location: "none", each slot's name, then the shipped names
    # the sheet does not list (choosing one of them needs its table: rebuild, or type it in a slot).
    sheet.label(lay.names_row - 1, lay.choices_col, CHOICES_HEADING, styles.HEADER)
    sheet.value(lay.names_row, lay.choices_col, NO_TAX_LOCATION, style=styles.CONSTANT)
    for slot in range(1, lay.slots + 1):
        name = cell(lay.names_row, lay.slot_col(slot))
        sheet.formula(lay.names_row + slot, lay.choices_col, f'=IF({name}="","",{name})',
                      places[slot - 1].name if slot <= len(places) else "")
    others = [n for n in shipped_names() if n not in tax.locations]
    for n, name in enumerate(others, start=1):
        sheet.value(lay.names_row + lay.slots + n, lay.choices_col, name, style=styles.CONSTANT)


def _row_holds(lay: TaxLayout) -> dict[str, tuple[str, ...]]:
    """What each cell of each grid row holds (its note and its format)."""
    holds = dict(tax_grid.SCALARS)
    for key, cells, _, _, per_status in tax_grid.LISTS:
        for block in tax_grid.list_blocks(key, per_status):
            for n in range(1, lay.sizes.lists[key] + 1):
                holds[tax_grid.numbered(block, n)] = cells
    for k in range(1, lay.sizes.credits + 1):
        for part, cells in tax_grid.CREDIT_ROWS:
            holds[tax_grid.credit_key(k, part)] = cells
        for status in tax_grid.STATUSES:
            for n in range(1, lay.sizes.credit_brackets + 1):
                holds[tax_grid.numbered(tax_grid.credit_key(k, f"brackets_{status}"), n)] = tax_grid.BRACKETS
    return holds


def _format_of(key: str, what: str) -> Optional[str]:
    if what in ("rate",):
        return styles.FRACTION
    if what in ("name", "rule", "income", "TRUE/FALSE", "local", "itemizers only", "deductible", "year and source"):
        return None
    return styles.MONEY_CENTS


def _validate_cell(sheet: Sheet, key: str, what: str, row: int, column: int) -> None:
    if what == "rate":
        _number(sheet, row, column, 0, 1, "Enter a rate from 0 to 1 (0.093 = 9.3%).")
    elif what == "rule":
        _list(sheet, row, column, list(schema.ITEMIZED_MODES), "Choose none, own, with_federal, follow or federal.")
    elif what == "income":
        _list(sheet, row, column, list(schema.BASES), "Choose wages or federal_taxable.")
    elif what in ("TRUE/FALSE", "local", "itemizers only", "deductible"):
        _list(sheet, row, column, ["TRUE", "FALSE"], "Choose TRUE or FALSE.")
    elif _format_of(key, what) == styles.MONEY_CENTS:
        _number(sheet, row, column, 0, None, "Enter an amount, 0 or more.")


# --- the tables of the filing status in use ---------------------------------------------------------

def _status_rows(lay: TaxLayout, prefix: str, n: int) -> tuple[int, int]:
    return lay.grid_row[tax_grid.numbered(f"{prefix}_single", n)], lay.grid_row[tax_grid.numbered(f"{prefix}_joint", n)]


def _bracket_values(location: Optional[TaxLocation], name: str, status: str) -> tuple:
    if location is None:
        return ()
    if name.startswith("credits."):
        k = int(name.split(".")[1])
        return location.credits[k - 1].brackets[status] if k <= len(location.credits) else ()
    return getattr(location, name)[status]


def write_in_use(sheet: Sheet, lay: TaxLayout, tax: TaxSettings) -> None:
    joint = joint_ref(lay)
    status = tax.filing_status
    sheet.label(lay.use_header, LABEL_COL, "Calculated: each location's tables for the filing status in use",
                styles.HEADER)
    for column in range(2, lay.note_col):
        sheet.label(lay.use_header, column, "", styles.HEADER)
    sheet.label(lay.use_header, lay.note_col, "the cells hold", styles.HEADER)
    places = list(tax.locations.values())
    for name, prefix, count in bracket_tables(lay.sizes):
        for n, row in enumerate(lay.bracket_use[name], start=1):
            sheet.label(row, LABEL_COL, f"in use: {name}.{n}")
            sheet.label(row, lay.note_col, "from | rate so far | step | bound step", styles.NOTE)
    for name, prefix, _ in STEP_TABLES:
        for n, row in enumerate(lay.step_use[name], start=1):
            sheet.label(row, LABEL_COL, f"in use: {name}.{n}")
            sheet.label(row, lay.note_col, "from | value so far | step", styles.NOTE)
    for n, row in enumerate(lay.payroll_use, start=1):
        sheet.label(row, LABEL_COL, f"in use: payroll.{n}")
        sheet.label(row, lay.note_col, "rate | cap | deductible (1/0)", styles.NOTE)
    for n, row in enumerate(lay.surtax_use, start=1):
        sheet.label(row, LABEL_COL, f"in use: surtax.{n}")
        sheet.label(row, lay.note_col, "above | rate", styles.NOTE)
    sheet.label(lay.top_rate_row, LABEL_COL, "in use: top rate")
    sheet.label(lay.top_rate_row, lay.note_col, "the last bracket's rate", styles.NOTE)
    for slot in range(1, lay.slots + 1):
        x = lay.slot_col(slot)
        location = places[slot - 1] if slot <= len(places) else None
        a, b, c, d = (col(x + k) for k in range(4))
        for name, prefix, _ in bracket_tables(lay.sizes):
            rows = lay.bracket_use[name]
            table = _bracket_values(location, name, status)
            bound = rate = 0.0
            for n, row in enumerate(rows, start=1):
                s_row, j_row = _status_rows(lay, prefix, n)
                filled = f"IF({joint}=1,ISNUMBER({a}{j_row}),ISNUMBER({a}{s_row}))"
                before_a, before_b = (f"{a}{row - 1}", f"{b}{row - 1}") if n > 1 else ("0", "0")
                new_bound, new_rate = table[n - 1] if n <= len(table) else (bound, rate)
                sheet.formula(row, x, f"=IF({filled},IF({joint}=1,{a}{j_row},{a}{s_row}),{before_a})", new_bound,
                              styles.MONEY_CENTS)
                sheet.formula(row, x + 1, f"=IF({filled},IF({joint}=1,SUM({b}{j_row}),SUM({b}{s_row})),{before_b})",
                              new_rate, styles.FRACTION)
                sheet.formula(row, x + 2, f"={b}{row}-{before_b}", new_rate - rate, styles.FRACTION)
                sheet.formula(row, x + 3, f"={a}{row}-{before_a}", new_bound - bound, styles.MONEY_CENTS)
                bound, rate = new_bound, new_rate
        for name, prefix, value_cell in STEP_TABLES:
            rows = lay.step_use[name]
            table = getattr(location, prefix)[status] if location else ()
            start = value = 0.0
            v = col(x + value_cell)
            for n, row in enumerate(rows, start=1):
                s_row, j_row = _status_rows(lay, prefix, n)
                filled = f"IF({joint}=1,ISNUMBER({a}{j_row}),ISNUMBER({a}{s_row}))"
                before_a, before_b = (f"{a}{row - 1}", f"{b}{row - 1}") if n > 1 else ("0", "0")
                new_start, new_value = (table[n - 1][0], table[n - 1][value_cell]) if n <= len(table) else (start, value)
                sheet.formula(row, x, f"=IF({filled},IF({joint}=1,{a}{j_row},{a}{s_row}),{before_a})", new_start,
                              styles.MONEY_CENTS)
                sheet.formula(row, x + 1, f"=IF({filled},IF({joint}=1,SUM({v}{j_row}),SUM({v}{s_row})),{before_b})",
                              new_value, styles.MONEY_CENTS)
                sheet.formula(row, x + 2, f"={b}{row}-{before_b}", new_value - value, styles.MONEY_CENTS)
                start, value = new_start, new_value
        payroll = location.payroll if location else ()
        for n, row in enumerate(lay.payroll_use, start=1):
            source = lay.grid_row[tax_grid.numbered("payroll", n)]
            item = payroll[n - 1] if n <= len(payroll) else None
            sheet.formula(row, x, f"=SUM({a}{source})", item.rate if item else 0, styles.FRACTION)
            sheet.formula(row, x + 1, f"=SUM({b}{source})", item.cap if item else 0, styles.MONEY_CENTS)
            sheet.formula(row, x + 2, f"=IF({c}{source}=TRUE,1,0)", 1 if item and item.deductible else 0,
                          styles.INTEGER)
        surtax = location.surtax if location else ()
        for n, row in enumerate(lay.surtax_use, start=1):
            source = lay.grid_row[tax_grid.numbered("surtax", n)]
            item = surtax[n - 1] if n <= len(surtax) else (0, 0)
            sheet.formula(row, x, f"=SUM({a}{source})", item[0], styles.MONEY_CENTS)
            sheet.formula(row, x + 1, f"=SUM({b}{source})", item[1], styles.FRACTION)
        steps = lay.bracket_use["brackets"]
        sheet.formula(lay.top_rate_row, x, f"=SUM({c}{steps[0]}:{c}{steps[-1]})",
                      tax_rules.top_rate(location.brackets[status]) if location else 0, styles.FRACTION)


def write_matches(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    """Per offer, TRUE under the location it names: EXACT, as the engine matches names (MATCH and =
    ignore case, and MATCH reads * and ? as wildcards), one cell at a time (Gnumeric computes
    EXACT of a range inside SUMPRODUCT as an error)."""
    lay = layout.tax
    places = list(settings(figures).locations)
    for i, offer in enumerate(figures.offers_file.offers):
        row = lay.match_rows[i]
        sheet.formula(row, LABEL_COL, f'="names the location: "&{layout.inputs.offer("name", i)}',
                      f"names the location: {offer.name}")
        location = layout.inputs.offer("tax_location", i)
        for slot in range(1, lay.slots + 1):
            name = places[slot - 1] if slot <= len(places) else None
            sheet.formula(row, lay.slot_col(slot), f"=EXACT({cell(lay.names_row, lay.slot_col(slot))},{location})",
                          (name or "") == offer.tax_location)
