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

from typing import Any

from ..engine import tax as tax_rules
from . import styles
from .cells import Sheet
from .figures import Figures
from .layout import LABEL_COL, NEGOTIATION, PARAM_COL, Layout
from .negotiation_layout import ROWS as DEAL
from .printing import print_ready
from .refs import area, cell, col
from .tax_layout import FEDERAL_COLUMNS, TOTAL_COLUMNS
from .tax_formulas import YearFormulas
from .tax_results import OfferYear, after_tax_results, offer_years, reconciles, settings
from .tax_tables import write_federal, write_in_use, write_locations, write_matches, write_settings

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


def heading(what: str) -> str:
    if what.startswith("credit_"):
        k, _, gross = what[len("credit_"):].partition("_")
        return f"Credit {k}" + (" before phase-out" if gross else "")
    return HEADINGS[what]


def write(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    lay = layout.tax
    tax = settings(figures)
    sheet.title("Tax", "Each employment year taxed as one year of wages; equity (RSUs and options) is taxed as wages "
                "when it vests, at its valued amount. Blue cells are inputs: update the tables for a new year, add a "
                "location in an empty slot of four columns. Calculations below.")
    years = {i: offer_years(figures, layout, i) for i in range(layout.offers)}
    write_settings(sheet, figures, lay, tax)
    write_federal(sheet, lay, tax)
    write_locations(sheet, lay, tax)
    write_in_use(sheet, lay, tax)
    write_matches(sheet, figures, layout)
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
            "reconciles": reconciles(t.wages, year.cashflows_total)}


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
