"""Tax: the tax tables as inputs (federal, payroll, the itemized deduction's cap, each location the
offers use, with room for more), each offer's taxes by employment year as live formulas, and the
after-tax results and their checks.

Every bracket sum is SUMPRODUCT((x > bound) * (x - bound) * step) over a table, where a row's
step is its rate minus the rate of the filled row above it (blank rows step by 0): the
marginal-rate sum written as one linear formula. A location's cells are found by its column (the
first of its four), and every location's tables of the filing status in use sit in one grid, so
one formula serves every offer: SUMPRODUCT((COLUMN(grid) = column) * ...). A year is worked as the
engine works it (xlmodel/engine/tax.py): the location's income taxes with the federal standard
deduction (the estimate itemizing deducts), the federal return, the location's income taxes as
filed, then the totals. Without a [tax] table the switch in B5 is FALSE and every after-tax result
is empty, as the engine leaves them null."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Optional

from .. import tax_grid
from ..engine import tax as tax_rules
from ..inputs import schema
from ..inputs.shipped_locations import shipped_names
from ..model import NO_TAX_LOCATION, TaxLocation, TaxSettings
from . import styles
from .cashflows_sheet import year_range
from .cells import Sheet
from .figures import Figures
from .layout import CASHFLOWS, CHECKS, LABEL_COL, NEGOTIATION, PARAM_COL, TAX, Layout
from .negotiation_layout import ROWS as DEAL
from .printing import print_ready
from .refs import area, cell, col
from .tax_layout import (CHOICES_HEADING, FEDERAL_COLUMNS, FEDERAL_KEYS, JOINT_LABEL, LOCATIONS_KEY, SETTING_KEYS,
                         STEP_TABLES, TOTAL_COLUMNS, TaxLayout, _bracket_tables, federal_key)

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
SECTION_TITLES = {
    "federal": "By year: wages, payroll taxes and the federal return",
    "estimate": "By year: state and local income taxes with the federal standard deduction (what itemizing deducts)",
    "filed": "By year: state and local income taxes with the federal return as filed",
    "totals": "By year: taxes and what is kept (equity, options included, is taxed as wages when it vests)",
}
HEADINGS = {
    "year": "Year", "wages": "Wages W_y", "cashflows_total": "Cashflows year total", "index": "Index I_y",
    "standard_deduction": "Standard deduction", "standard_taxable": "Taxable, standard",
    "standard_federal": "Income tax, standard", "location_slot": "Location column",
    "location_payroll": "Location payroll", "deductible_payroll": "Of it deductible",
    "salt_income_taxes": "State, local income tax", "salt_cap": "SALT cap", "salt": "SALT deducted",
    "other_itemized": "Other itemized", "limitation": "Limitation", "itemized": "Itemized",
    "itemizes": "Itemizes", "deduction": "Deduction taken", "federal_taxable": "Federal taxable",
    "federal": "Federal income tax", "social_security": "Social security", "medicare": "Medicare",
    "additional_medicare": "Additional Medicare",
    "federal_deduction": "Federal deduction", "federal_itemizes": "Federal itemizes",
    "federal_tax": "Federal income tax", "addbacks": "Add-backs", "base": "Base", "subtraction": "Federal tax off",
    "standard": "Standard", "exemption": "Exemptions", "taxable": "Taxable", "brackets": "Bracket tax",
    "bracket_start": "Bracket from", "recapture_phase": "Recapture share", "recapture": "Recapture",
    "surtax": "Surtax", "state": "State income tax", "local_brackets": "Local bracket tax",
    "local": "Local income tax",
    "total": "Tax T_y", "after_tax": "After tax", "kept": "Share kept", "after_tax_pv": "After-tax PV",
    "reconciles": "Wages reconcile",
}
FORMATS = {"year": styles.INTEGER, "index": styles.FACTOR, "location_slot": styles.INTEGER, "kept": styles.FACTOR,
           "itemizes": None, "federal_itemizes": None, "reconciles": None, "recapture_phase": styles.FACTOR}
GRID_NOTES = {"single": "single | joint", "from": "lower bound | rate"}


def heading(what: str) -> str:
    if what.startswith("credit_"):
        k, _, gross = what[len("credit_"):].partition("_")
        return f"Credit {k}" + (" before phase-out" if gross else "")
    return HEADINGS[what]


def settings(figures: Figures) -> TaxSettings:
    """The tax settings the sheet shows: the file's, else the defaults with no location."""
    return figures.offers_file.tax or TaxSettings()


def locations(figures: Figures) -> list[TaxLocation]:
    return list(settings(figures).locations.values())


# --- the stored results ------------------------------------------------------------------------------

@dataclass
class OfferYear:
    """One offer's taxes in one employment year, as the sheet's rows compute them."""
    tax: tax_rules.YearTax
    slot: int  # the location's first column, 0 for none
    cashflows_total: float
    after_tax_pv: float


def offer_years(figures: Figures, layout: Layout, index: int) -> list[OfferYear]:
    """Every year of an offer, from the engine's tax functions (its own figures when there is a [tax] table)."""
    tax = settings(figures)
    lay = layout.tax
    offer = figures.offers_file.offers[index]
    value = figures.offer_value(index)
    names = list(tax.locations)
    location = tax.locations.get(offer.tax_location)
    slot = lay.slot_col(names.index(offer.tax_location) + 1) if location is not None else 0
    by_year = value.after_tax.by_year if value.after_tax else None
    block = figures.blocks[index]
    years = []
    for y in range(1, figures.settings.horizon_years + 1):
        months = range(12 * (y - 1), 12 * y)
        if by_year:
            year = by_year[y - 1]
        else:
            index_y = tax_rules.indexation_factor(tax.indexation, figures.settings.start_date.year, y)
            year = tax_rules.year_tax(sum(block.total[m] for m in months), tax.filing_status, location, index_y,
                                      tax.deductions, tax.other_itemized)
        years.append(OfferYear(year, slot, value.years[y - 1], year.scale * math.fsum(block.pv[m] for m in months)))
    return years


def after_tax_results(figures: Figures) -> Optional[dict]:
    """The named results (None without a [tax] table): by year and by offer, and the gap."""
    if figures.offers_file.tax is None:
        return None
    values = [figures.offer_value(i).after_tax for i in range(len(figures.offers_file.offers))]
    return {"taxes": [v.taxes for v in values], "years": [v.years for v in values],
            "deductions": [[y.deduction for y in v.by_year] for v in values],
            "after_tax_total": [v.total for v in values], "after_tax_pv": [v.pv for v in values],
            "gap": figures.valuation.negotiation.after_tax_gap}


# --- references other sheets use ------------------------------------------------------------------

def switch_ref(lay: TaxLayout) -> str:
    return cell(lay.setting_row["tax"], PARAM_COL, TAX)


def choices_area(lay: TaxLayout) -> str:
    return area(lay.names_row, lay.choices_col, lay.names_row + lay.choices, lay.choices_col, TAX)


def result_area(layout: Layout, key: str) -> str:
    row = layout.tax.result_row[key]
    return area(row, layout.offer_col(0), row, layout.offer_col(layout.offers - 1), TAX)


def years_area(layout: Layout, which: str) -> str:
    rows = {"taxes": layout.tax.tax_year_rows, "after_tax": layout.tax.after_tax_year_rows}[which]
    return area(rows[0], layout.offer_col(0), rows[-1], layout.offer_col(layout.offers - 1), TAX)


def gap_ref(layout: Layout) -> str:
    return cell(layout.tax.gap_row, PARAM_COL, TAX)


def defined_names(layout: Layout) -> dict[str, str]:
    return {"OfferAfterTaxPV": result_area(layout, "after_tax_pv"),
            "OfferAfterTaxTotal": result_area(layout, "after_tax_total"),
            "OfferAfterTaxYear": years_area(layout, "after_tax"),
            "OfferTaxYear": years_area(layout, "taxes"),
            "GapAfterTax": gap_ref(layout)}


def offer_check_ref(layout: Layout, index: int) -> str:
    """The Tax sheet's check of an offer (its wages equal the Cashflows year totals in every year),
    for the Checks sheet and the master check."""
    return cell(layout.tax.check_row, layout.offer_col(index), TAX)


def offer_check_value(figures: Figures, index: int) -> bool:
    block, value = figures.blocks[index], figures.offer_value(index)
    return all(_reconciles(sum(block.total[12 * (y - 1):12 * y]), value.years[y - 1])
               for y in range(1, figures.settings.horizon_years + 1))


def _reconciles(wages: float, year_total: float) -> bool:
    from .checks_sheet import TOLERANCE
    return abs(wages - year_total) <= TOLERANCE


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


def write(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    lay = layout.tax
    tax = settings(figures)
    sheet.title("Tax", "Each employment year taxed as one year of wages; equity (RSUs and options) is taxed as wages "
                "when it vests, at its valued amount. Blue cells are inputs: update the tables for a new year, add a "
                "location in an empty slot of four columns. Calculations below.")
    years = {i: offer_years(figures, layout, i) for i in range(layout.offers)}
    _write_settings(sheet, figures, lay, tax)
    _write_federal(sheet, lay, tax)
    _write_locations(sheet, lay, tax)
    _write_in_use(sheet, lay, tax)
    _write_matches(sheet, figures, layout)
    formulas = YearFormulas(figures, layout)
    for section in ("federal", "estimate", "filed", "totals"):
        _write_section(sheet, figures, layout, formulas, section, years)
    _write_results(sheet, figures, layout, years)
    sheet.width(1, 46)
    sheet.width(2, 13, lay.last_col)
    sheet.width(lay.note_col, 22)
    sheet.width(lay.choices_col, 16)
    sheet.freeze(4, 2)
    print_ready(sheet, (1, 1, lay.last_row, lay.last_col), figures.offers_file)


def _write_settings(sheet: Sheet, figures: Figures, lay: TaxLayout, tax: TaxSettings) -> None:
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


def _joint(lay: TaxLayout) -> str:
    return cell(lay.joint_row, PARAM_COL)


def _write_federal(sheet: Sheet, lay: TaxLayout, tax: TaxSettings) -> None:
    header = lay.federal_header
    for n, text in enumerate(("Federal income tax (2026; IRS Rev. Proc. 2025-32)", "Single: from", "Rate",
                              "Joint: from", "Rate", "In use: from", "Rate so far", "Step")):
        sheet.label(header, LABEL_COL + n, text, styles.HEADER)
    joint = _joint(lay)
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


def _federal(lay: TaxLayout, key: str, column: int = 6) -> str:
    """A federal figure: the one in use (column F) for a pair, else the value in column B."""
    if not isinstance(FEDERAL_VALUES[key], dict):
        column = 2
    return cell(lay.federal_row[key], column)


def _grid_note(holds: tuple[str, ...]) -> str:
    return " | ".join(holds)


def _write_locations(sheet: Sheet, lay: TaxLayout, tax: TaxSettings) -> None:
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


def _write_in_use(sheet: Sheet, lay: TaxLayout, tax: TaxSettings) -> None:
    joint = _joint(lay)
    status = tax.filing_status
    sheet.label(lay.use_header, LABEL_COL, "Calculated: each location's tables for the filing status in use",
                styles.HEADER)
    for column in range(2, lay.note_col):
        sheet.label(lay.use_header, column, "", styles.HEADER)
    sheet.label(lay.use_header, lay.note_col, "the cells hold", styles.HEADER)
    places = list(tax.locations.values())
    for name, prefix, count in _bracket_tables(lay.sizes):
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
        for name, prefix, _ in _bracket_tables(lay.sizes):
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


def _write_matches(sheet: Sheet, figures: Figures, layout: Layout) -> None:
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


# --- the yearly formulas ------------------------------------------------------------------------------

class YearFormulas:
    """The formula of each column of the yearly tables, for one offer and year."""

    def __init__(self, figures: Figures, layout: Layout):
        self.layout, self.lay = layout, layout.tax
        lay = self.lay
        self.last = lay.last_slot_col
        self.joint = _joint(lay)
        self.setting = lambda key: cell(lay.setting_row[key], PARAM_COL)
        rows = lay.federal_rows
        self.federal_bounds, self.federal_steps = area(rows[0], 6, rows[-1], 6), area(rows[0], 8, rows[-1], 8)
        self.names = area(lay.names_row, 2, lay.names_row, self.last)

    def matches(self, i: int) -> str:
        row = self.lay.match_rows[i]
        return area(row, 2, row, self.last)

    def pick(self, key: str, slot: str, offset: str = "") -> str:
        """A location's cell of a grid row: INDEX(row, 1, its column + offset)."""
        row = self.lay.grid_row[key]
        return f"INDEX({area(row, 1, row, self.last)},1,{slot}{offset})"

    def pick_row(self, row: int, slot: str) -> str:
        return f"INDEX({area(row, 1, row, self.last)},1,{slot})"

    def grid(self, rows: list[int], shift: int = 0) -> str:
        """Every location's in-use rows, `shift` cells right of each location's first column."""
        return area(rows[0], 2 + shift, rows[-1], self.last + shift)

    def brackets(self, x: str, rows: list[int], slot: str, index: str) -> str:
        bound, step = self.grid(rows), self.grid(rows, 2)
        return f"SUMPRODUCT((COLUMN({bound})={slot})*({x}>{bound}*{index})*({x}-{bound}*{index})*{step})"

    def steps(self, x: str, rows: list[int], slot: str, index: str, shift: int = 2) -> str:
        """The value of a step table at x (the last row whose "from" x index is at most x)."""
        start, step = self.grid(rows), self.grid(rows, shift)
        return f"SUMPRODUCT((COLUMN({start})={slot})*({x}>={start}*{index})*{step})"

    def federal_row(self, section: str, i: int, y: int) -> dict[str, str]:
        layout, lay = self.layout, self.lay
        inputs = layout.inputs
        row = lay.year_rows[(section, i, y)]
        c = lambda what: f"{col(lay.year_col(section, what))}{row}"
        w, index, slot = c("wages"), c("index"), c("location_slot")
        estimate = lay.year_rows[("estimate", i, y)]
        est = lambda what: f"{col(lay.year_col('estimate', what))}{estimate}"
        block = layout.cashflows[i]
        payroll = lay.payroll_use
        rate, cap, deductible = self.grid(payroll), self.grid(payroll, 1), self.grid(payroll, 2)
        capped = f"({w}-({cap}>0)*({w}>{cap}*{index})*({w}-{cap}*{index}))"
        top = f"MAX({self.federal_bounds})"
        fed = lambda key: _federal(lay, key)
        return {
            "wages": f"=SUM({year_range(block.row('total'), y, CASHFLOWS)})",
            "cashflows_total": f"={cell(layout.results.year_rows[y - 1], layout.offer_col(i), CASHFLOWS)}",
            "index": (f"=(1+SUM({self.setting('tax.indexation')}))^(YEAR({inputs.model('model.start_date')})"
                      f"+{c('year')}-1-SUM({self.setting('tax.table_year')}))"),
            "standard_deduction": f"={fed('federal.standard_deduction')}*{index}",
            "standard_taxable": f"=MAX(0,{w}-{c('standard_deduction')})",
            "standard_federal": self._federal_tax(c("standard_taxable"), index),
            # The location's first column (0: "none" or no such name), from the offer's row of matches.
            "location_slot": (f'=IF(OR({inputs.offer("tax_location", i)}="",{inputs.offer("tax_location", i)}='
                              f'"{NO_TAX_LOCATION}"),0,SUMPRODUCT(({self.matches(i)}=TRUE)*COLUMN({self.matches(i)})))'),
            "location_payroll": f"=SUMPRODUCT((COLUMN({rate})={slot})*{rate}*{capped})",
            "deductible_payroll": f"=SUMPRODUCT((COLUMN({rate})={slot})*{rate}*{capped}*{deductible})",
            "salt_income_taxes": f"={est('state')}+{est('local')}",
            "salt_cap": (f"=MAX(MIN({fed('federal.salt_cap')},{fed('federal.salt_floor')})*{index},"
                         f"{fed('federal.salt_cap')}*{index}-{fed('federal.salt_phaseout_rate')}*MAX(0,{w}"
                         f"-{fed('federal.salt_phaseout_threshold')}*{index}))"),
            "salt": f"=MIN({c('salt_cap')},{c('salt_income_taxes')}+{c('deductible_payroll')})",
            "other_itemized": f"=SUM({self.setting('tax.other_itemized')})",
            "limitation": (f"={fed('federal.itemized_limitation_rate')}*MIN({c('salt')}+{c('other_itemized')},"
                           f"MAX(0,{w}-{top}*{index}))"),
            "itemized": f"={c('salt')}+{c('other_itemized')}-{c('limitation')}",
            "itemizes": (f'=IF({self.setting("tax.deductions")}="itemized",TRUE,IF({self.setting("tax.deductions")}'
                         f'="standard",FALSE,{c("itemized")}>{c("standard_deduction")}))'),
            "deduction": f"=IF({c('itemizes')},{c('itemized')},{c('standard_deduction')})",
            "federal_taxable": f"=MAX(0,{w}-{c('deduction')})",
            "federal": self._federal_tax(c("federal_taxable"), index),
            "social_security": (f"={fed('federal.social_security_rate')}*MIN({w},"
                                f"{fed('federal.social_security_wage_base')}*{index})"),
            "medicare": f"={fed('federal.medicare_rate')}*{w}",
            "additional_medicare": (f"={fed('federal.additional_medicare_rate')}*MAX(0,{w}"
                                    f"-{fed('federal.additional_medicare_threshold')})"),
        }

    def _federal_tax(self, x: str, index: str) -> str:
        return (f"=SUMPRODUCT(({x}>{self.federal_bounds}*{index})*({x}-{self.federal_bounds}*{index})"
                f"*{self.federal_steps})")

    def location_row(self, section: str, i: int, y: int) -> dict[str, str]:
        lay = self.lay
        row = lay.year_rows[(section, i, y)]
        federal = lay.year_rows[("federal", i, y)]
        c = lambda what: f"{col(lay.year_col(section, what))}{row}"
        f = lambda what: f"{col(lay.year_col('federal', what))}{federal}"
        w, index, slot, j = f("wages"), f("index"), f("location_slot"), self.joint
        pick = lambda key, offset="": self.pick(key, slot, offset)
        by_status = f"+{j}"
        context = ({"federal_deduction": f"={f('standard_deduction')}", "federal_itemizes": "=FALSE",
                    "federal_taxable": f"={f('standard_taxable')}", "federal_tax": f"={f('standard_federal')}"}
                   if section == "estimate" else
                   {"federal_deduction": f"={f('deduction')}", "federal_itemizes": f"={f('itemizes')}",
                    "federal_taxable": f"={f('federal_taxable')}", "federal_tax": f"={f('federal')}"})
        itemizes = c("federal_itemizes")
        above = pick("addback_deductions_above")
        rule = pick("itemized")
        std, other = c("standard"), f("other_itemized")
        ti = c("taxable")
        limit = pick("exemption_income_limit", by_status)
        start, flat, phase = pick("recapture_start"), pick("recapture_flat_above"), pick("recapture_phase_in")
        surtax = lay.surtax_use
        on = lambda expression: f"=IF({slot}>0,{expression},0)"
        formulas = {
            **context,
            # The state tax deducted federally is added back only as filed (the estimate takes the
            # standard deduction, and must not depend on the deduction it estimates).
            "addbacks": on((f"IF(AND({pick('addback_state_tax')}=TRUE,{itemizes}),MIN({f('salt')},MAX(0,{f('salt')}"
                            f"+{other}-{f('standard_deduction')})),0)+" if section == "filed" else "")
                           + f"IF(ISNUMBER({above}),IF({w}>={above}*{index},MAX(0,{c('federal_deduction')}"
                           f"-SUM({pick('addback_deductions_exempt', by_status)})*{index}),0),0)"),
            "base": on(f'IF({pick("base")}="federal_taxable",{c("federal_taxable")},{w})+{c("addbacks")}'),
            "subtraction": on(f"MIN(MAX(0,{c('federal_tax')}),{index}*"
                              f"{self.steps(w, lay.step_use['federal_tax_subtraction'], slot, index)})"),
            "standard": on(f"SUM({pick('deduction', by_status)})*{index}"),
            "deduction": on(f'IF({rule}="own",IF({self.setting("tax.deductions")}="standard",{std},MAX({std},{other})),'
                            f'IF({rule}="with_federal",IF({itemizes},MAX({std},{other}),{std}),IF({rule}="follow",'
                            f'IF({itemizes},{other},{std}),IF({rule}="federal",IF({itemizes},{c("federal_deduction")},'
                            f'{std}),{std}))))'),
            "exemption": on(f"SUM({pick('exemption', by_status)})*{index}*IF(ISNUMBER({limit}),{w}<={limit}*{index},"
                            f"TRUE)+MIN(SUM({pick('fica_deduction')})*{index},{f('social_security')}"
                            f"+{f('medicare')})"),
            "taxable": f"=MAX(0,{c('base')}-{c('subtraction')}-{c('deduction')}-{c('exemption')})",
            "brackets": "=" + self.brackets(ti, lay.bracket_use["brackets"], slot, index),
            "bracket_start": f"={index}*" + self.steps(ti, lay.bracket_use["brackets"], slot, index, 3),
            "recapture_phase": on(f"IF(ISNUMBER({start}),IF(SUM({phase})>0,MIN(1,MAX(0,{w}-MAX({c('bracket_start')},"
                                  f"SUM({start})*{index}))/(SUM({phase})*{index})),1),0)"),
            "recapture": on(f"IF(ISNUMBER({start}),IF(AND(ISNUMBER({flat}),{w}>SUM({flat})*{index}),{ti}*"
                            f"{self.pick_row(lay.top_rate_row, slot)}-{c('brackets')},{index}*("
                            f"{self.steps(ti, lay.step_use['recapture_base'], slot, index)}+{c('recapture_phase')}*"
                            f"{self.steps(ti, lay.step_use['recapture_increment'], slot, index)})),0)"),
            "surtax": (f"=SUMPRODUCT((COLUMN({self.grid(surtax)})={slot})*({ti}>{self.grid(surtax)})*({ti}"
                       f"-{self.grid(surtax)})*{self.grid(surtax, 1)})"),
        }
        state_credits, local_credits = [], []
        for k in range(1, lay.sizes.credits + 1):
            name = pick(tax_grid.credit_key(k))
            limit = pick(tax_grid.credit_key(k, "income_limit"), by_status)
            begin = pick(tax_grid.credit_key(k, "phaseout_start"), by_status)
            phaseout = tax_grid.credit_key(k, "phaseout")
            gross, net = c(f"credit_{k}_gross"), c(f"credit_{k}")
            formulas[f"credit_{k}_gross"] = on(
                f'IF({name}="",0,IF(ISNUMBER({limit}),{w}<={limit}*{index},TRUE)*OR('
                f'{pick(tax_grid.credit_key(k, "flags"), "+1")}<>TRUE,{itemizes})*(SUM({pick(tax_grid.credit_key(k, "amount"), by_status)})'
                f'*{index}+{self.brackets(ti, lay.bracket_use[f"credits.{k}.brackets"], slot, index)}))')
            step = f"SUM({pick(phaseout)})"
            formulas[f"credit_{k}"] = on(
                f"MAX(0,{gross}-IF(AND(ISNUMBER({begin}),{step}>0),SUM({pick(phaseout, f'+1+{j}')})*{index}*"
                f"ROUNDUP(MAX(0,{w}-SUM({begin})*{index})/({step}*{index}),0),0))")
            local = f"({pick(tax_grid.credit_key(k, 'flags'))}=TRUE)"
            state_credits.append(f"{net}*NOT{local}")
            local_credits.append(f"{net}*{local}")
        formulas["state"] = on(f"MAX(0,{c('brackets')}+{c('recapture')}-{'-'.join(state_credits)})+{c('surtax')}")
        formulas["local_brackets"] = "=" + self.brackets(ti, lay.bracket_use["local_brackets"], slot, index)
        formulas["local"] = on(f"MAX(0,{c('local_brackets')}-{'-'.join(local_credits)})")
        return formulas

    def totals_row(self, figures: Figures, i: int, y: int) -> dict[str, str]:
        lay = self.lay
        row = lay.year_rows[("totals", i, y)]
        federal, filed = lay.year_rows[("federal", i, y)], lay.year_rows[("filed", i, y)]
        f = lambda what: f"{col(lay.year_col('federal', what))}{federal}"
        s = lambda what: f"{col(lay.year_col('filed', what))}{filed}"
        c = lambda what: f"{col(lay.year_col('totals', what))}{row}"
        pv_row = self.layout.cashflows[i].row("pv")
        from .checks_sheet import TOLERANCE_ROW
        tolerance = cell(TOLERANCE_ROW, PARAM_COL, CHECKS)
        return {
            "total": (f"={f('federal')}+{f('social_security')}+{f('medicare')}+{f('additional_medicare')}"
                      f"+{f('location_payroll')}+{s('state')}+{s('local')}"),
            "after_tax": f"={f('wages')}-{c('total')}",
            "kept": f"=IF({f('wages')}=0,0,1-{c('total')}/{f('wages')})",
            "after_tax_pv": f"={c('kept')}*SUM({year_range(pv_row, y, CASHFLOWS)})",
            "reconciles": f"=ABS({f('wages')}-{f('cashflows_total')})<={tolerance}",
        }


def _location_values(tax: tax_rules.LocationIncomeTax, credits: int, context: dict) -> dict[str, Any]:
    values = dict(context)
    for what in ("addbacks", "base", "subtraction", "standard", "deduction", "exemption", "taxable", "brackets",
                 "bracket_start", "recapture_phase", "recapture", "surtax", "state", "local_brackets", "local"):
        values[what] = getattr(tax, what)
    for k in range(1, credits + 1):
        values[f"credit_{k}_gross"] = tax.credits_gross[k - 1] if k <= len(tax.credits) else 0.0
        values[f"credit_{k}"] = tax.credits[k - 1] if k <= len(tax.credits) else 0.0
    return values


def _values(section: str, year: OfferYear, credits: int) -> dict[str, Any]:
    t = year.tax
    if section == "federal":
        return {"year": None, "wages": t.wages, "cashflows_total": year.cashflows_total, "index": t.index,
                "standard_deduction": t.standard_deduction, "standard_taxable": t.standard_taxable,
                "standard_federal": t.standard_federal, "location_slot": year.slot,
                "location_payroll": t.location_payroll, "deductible_payroll": t.deductible_payroll,
                "salt_income_taxes": t.estimate.total, "salt_cap": t.salt_cap, "salt": t.salt,
                "other_itemized": t.itemized_before_limit - t.salt, "limitation": t.limitation,
                "itemized": t.itemized, "itemizes": t.itemizes, "deduction": t.deduction,
                "federal_taxable": t.federal_taxable, "federal": t.federal, "social_security": t.social_security,
                "medicare": t.medicare, "additional_medicare": t.additional_medicare}
    if section == "estimate":
        return _location_values(t.estimate, credits, {
            "federal_deduction": t.standard_deduction, "federal_itemizes": False,
            "federal_taxable": t.standard_taxable, "federal_tax": t.standard_federal})
    if section == "filed":
        return _location_values(t.filed, credits, {
            "federal_deduction": t.deduction, "federal_itemizes": t.itemizes, "federal_taxable": t.federal_taxable,
            "federal_tax": t.federal})
    return {"total": t.total, "after_tax": t.after_tax, "kept": t.scale, "after_tax_pv": year.after_tax_pv,
            "reconciles": _reconciles(t.wages, year.cashflows_total)}


def _write_section(sheet: Sheet, figures: Figures, layout: Layout, formulas: YearFormulas, section: str,
                   years: dict[int, list[OfferYear]]) -> None:
    lay = layout.tax
    inputs = layout.inputs
    columns = {"federal": FEDERAL_COLUMNS, "estimate": lay.location_columns, "filed": lay.location_columns,
               "totals": TOTAL_COLUMNS}[section]
    header = lay.sections[section]
    sheet.label(header - 1, LABEL_COL, SECTION_TITLES[section], styles.TITLE)
    sheet.label(header, LABEL_COL, "Offer", styles.HEADER)
    for what in columns:
        sheet.label(header, lay.year_col(section, what), heading(what), styles.HEADER, text_wrap=True)
    sheet.height(header, 45)  # three lines of a wrapped heading
    for i, offer in enumerate(figures.offers_file.offers):
        for y, year in enumerate(years[i], start=1):
            row = lay.year_rows[(section, i, y)]
            sheet.formula(row, LABEL_COL, f"={inputs.offer('name', i)}", offer.name)
            if section == "federal":
                expressions = formulas.federal_row(section, i, y)
                sheet.value(row, lay.year_col(section, "year"), y, styles.INTEGER, styles.CONSTANT)
            elif section == "totals":
                expressions = formulas.totals_row(figures, i, y)
            else:
                expressions = formulas.location_row(section, i, y)
            values = _values(section, year, lay.sizes.credits)
            for what, expression in expressions.items():
                sheet.formula(row, lay.year_col(section, what), expression, values[what],
                              FORMATS.get(what, styles.MONEY))


def _write_results(sheet: Sheet, figures: Figures, layout: Layout, years: dict[int, list[OfferYear]]) -> None:
    lay = layout.tax
    inputs = layout.inputs
    on = cell(lay.setting_row["tax"], PARAM_COL)
    results = after_tax_results(figures)
    offers = figures.offers_file.offers
    value = lambda key, i, y=None: "" if results is None else (results[key][i] if y is None else results[key][i][y])
    tables = ((lay.tax_year_rows, "taxes", "Tax by year (empty without [tax])", ("totals", "total")),
              (lay.after_tax_year_rows, "years", "After-tax pay by year", ("totals", "after_tax")),
              (lay.deduction_year_rows, "deductions", "Federal deduction taken by year (itemized when larger)",
               ("federal", "deduction")))
    for rows, key, title, (section, source) in tables:
        sheet.label(rows[0] - 1, LABEL_COL, title, styles.HEADER)
        for i, offer in enumerate(offers):
            sheet.formula(rows[0] - 1, layout.offer_col(i), f"={inputs.offer('name', i)}", offer.name,
                          style=styles.HEADER)
            for y, row in enumerate(rows, start=1):
                year_row = lay.year_rows[(section, i, y)]
                sheet.formula(row, layout.offer_col(i), f'=IF({on},{col(lay.year_col(section, source))}{year_row},"")',
                              value(key, i, y - 1), styles.MONEY)
        for y, row in enumerate(rows, start=1):
            sheet.label(row, LABEL_COL, f"Year {y}")
    labels = {"after_tax_total": "After-tax total", "after_tax_pv": "After-tax present value"}
    for key, row in lay.result_row.items():
        sheet.label(row, LABEL_COL, labels[key], bold=key == "after_tax_pv")
        source = "after_tax" if key == "after_tax_total" else "after_tax_pv"
        letter = col(lay.year_col("totals", source))
        for i in range(len(offers)):
            first, last = lay.year_rows[("totals", i, 1)], lay.year_rows[("totals", i, layout.years)]
            sheet.formula(row, layout.offer_col(i), f'=IF({on},SUM({letter}{first}:{letter}{last}),"")',
                          value(key, i), styles.MONEY, bold=key == "after_tax_pv")
    pvs = area(lay.result_row["after_tax_pv"], layout.offer_col(0), lay.result_row["after_tax_pv"],
               layout.offer_col(layout.offers - 1))
    alternative_pvs = area(DEAL.per_offer("alternative_pv"), layout.offer_col(0), DEAL.per_offer("alternative_pv"),
                           layout.offer_col(layout.offers - 1), NEGOTIATION)
    sheet.label(lay.gap_row, LABEL_COL, "Gap in after-tax present value", bold=True)
    sheet.formula(lay.gap_row, PARAM_COL, (
        f'=IF({on},IF({DEAL.ref("alternative")}="",0,MAX(0,INDEX({pvs},1,MATCH({DEAL.ref("alternative_pv")},'
        f'{alternative_pvs},0))-INDEX({pvs},1,{DEAL.target_index()}))),"")'),
        "" if results is None else results["gap"], styles.MONEY, bold=True)
    sheet.label(lay.gap_row, PARAM_COL + 1, "the best alternative's after-tax PV less the target's, at least 0",
                styles.NOTE)
    # The check the Checks sheet reads: each offer's wages equal the Cashflows year totals in every year.
    sheet.label(lay.check_row - 1, LABEL_COL, "Check", styles.HEADER)
    sheet.label(lay.check_row, LABEL_COL, "Wages W_y equal the Cashflows year totals, every year", styles.CHECK)
    letter = col(lay.year_col("totals", "reconciles"))
    for i in range(len(offers)):
        first, last = lay.year_rows[("totals", i, 1)], lay.year_rows[("totals", i, layout.years)]
        sheet.formula(lay.check_row, layout.offer_col(i), f"=AND({letter}{first}:{letter}{last})",
                      all(_values("totals", year, 0)["reconciles"] for year in years[i]), style=styles.CHECK)
