"""Tax: the tax tables as inputs (federal, payroll, each location of the offers file, with room for
more), each offer's taxes by employment year as live formulas, and the after-tax results.

Every bracket sum is SUMPRODUCT((x > lower) * (x - lower) * step) over a table, where a row's
step is its rate minus the rate of the filled row above it (blank rows step by 0), which is the
marginal-rate sum of the brackets written as one linear formula. A location is picked by its
position in the row of names: its two columns hold its bounds and rates (then payroll rate and
cap), so one formula serves every offer. Without a [tax] table the switch in B5 is FALSE and every
after-tax result is empty, as the engine leaves them null."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

from ..engine import tax as tax_rules
from ..inputs import schema
from ..model import NO_TAX_LOCATION, TaxSettings
from . import styles
from .cashflows_sheet import year_range
from .cells import Sheet
from .figures import Figures
from .layout import CASHFLOWS, LABEL_COL, NEGOTIATION, PARAM_COL, TAX, Layout
from .negotiation_layout import ROWS as DEAL
from .refs import area, cell, col
from .tax_layout import (DEDUCTION_KEY, FEDERAL_KEYS, LOCATIONS_KEY, SETTING_KEYS, TaxLayout, bracket_key,
                         federal_key, payroll_key)

SETTING_NOTES = {
    "tax": ("TRUE/FALSE", "TRUE: after-tax figures (the offers file's [tax] table); FALSE: none"),
    "tax.filing_status": ("", "single or joint: picks the federal column and the Medicare threshold"),
    "tax.indexation": ("a year", "bounds, deductions and wage caps grow by this after the table year"),
    "tax.table_year": ("year", "the year of the tables below (the offers file's are 2026's)"),
}
FEDERAL_LABELS = {
    "federal.standard_deduction": ("Standard deduction", styles.MONEY),
    "federal.additional_medicare_threshold": ("Additional Medicare threshold (not indexed)", styles.MONEY),
    "federal.social_security_rate": ("Social security rate", styles.FRACTION),
    "federal.social_security_wage_base": ("Social security wage base", styles.MONEY),
    "federal.medicare_rate": ("Medicare rate", styles.FRACTION),
    "federal.additional_medicare_rate": ("Additional Medicare rate", styles.FRACTION),
}
YEAR_HEADINGS = {
    "year": "Year", "wages": "Wages W_y", "index": "Index I_y", "federal_taxable": "Federal taxable",
    "federal": "Federal income tax", "social_security": "Social security", "medicare": "Medicare",
    "additional_medicare": "Additional Medicare", "location_slot": "Location column", "location_taxable":
    "Location taxable", "location_income": "Location income tax", "location_payroll": "Location payroll",
    "total": "Tax T_y", "after_tax": "After tax", "kept": "Share kept", "after_tax_pv": "After-tax PV",
}
YEAR_FORMATS = {"year": styles.INTEGER, "index": styles.FACTOR, "location_slot": styles.INTEGER,
                "kept": styles.FACTOR}


def settings(figures: Figures) -> TaxSettings:
    """The tax settings the sheet shows: the file's, else the defaults with no location."""
    return figures.offers_file.tax or TaxSettings()


@dataclass
class OfferYear:
    """One offer's taxes in one employment year, as the sheet's row computes them."""
    tax: tax_rules.YearTax
    location_slot: int
    location_taxable: float
    federal_taxable: float
    after_tax_pv: float


def offer_years(figures: Figures, index: int) -> list[OfferYear]:
    """Every year of an offer, from the engine's tax functions (its own figures when there is a [tax] table)."""
    tax = settings(figures)
    offer = figures.offers_file.offers[index]
    value = figures.offer_value(index)
    names = list(tax.locations)
    location = tax_rules.resolve_location(tax, offer.tax_location) if offer.tax_location in tax.locations else None
    slot = 2 * names.index(offer.tax_location) + 1 if location is not None else 0
    by_year = value.after_tax.by_year if value.after_tax else None
    month_pvs = figures.blocks[index].pv
    years = []
    for y in range(1, figures.settings.horizon_years + 1):
        index_y = tax_rules.indexation_factor(tax.indexation, figures.settings.start_date.year, y)
        year = by_year[y - 1] if by_year else tax_rules.year_tax(value.years[y - 1], tax.filing_status, location,
                                                                 index_y)
        deduction = location.deduction if location else 0.0
        years.append(OfferYear(
            year, slot, max(0.0, year.wages - deduction * year.index) if location else 0.0,
            max(0.0, year.wages - tax_rules.STANDARD_DEDUCTION[tax.filing_status] * year.index),
            year.scale * math.fsum(month_pvs[12 * (y - 1):12 * y])))
    return years


def after_tax_results(figures: Figures) -> Optional[dict]:
    """The named results (None without a [tax] table): by year and by offer, and the gap."""
    if figures.offers_file.tax is None:
        return None
    values = [figures.offer_value(i).after_tax for i in range(len(figures.offers_file.offers))]
    return {"taxes": [v.taxes for v in values], "years": [v.years for v in values],
            "after_tax_total": [v.total for v in values], "after_tax_pv": [v.pv for v in values],
            "gap": figures.valuation.negotiation.after_tax_gap}


# --- references other sheets use ------------------------------------------------------------------

def switch_ref(lay: TaxLayout) -> str:
    return cell(lay.setting_row["tax"], PARAM_COL, TAX)


def choices_area(lay: TaxLayout) -> str:
    return area(lay.names_row, lay.choices_col, lay.names_row + lay.slots, lay.choices_col, TAX)


def result_area(layout: Layout, key: str) -> str:
    row = layout.tax.result_row[key]
    return area(row, layout.offer_col(0), row, layout.offer_col(layout.offers - 1), TAX)


def years_area(layout: Layout, which: str) -> str:
    rows = layout.tax.tax_year_rows if which == "taxes" else layout.tax.after_tax_year_rows
    return area(rows[0], layout.offer_col(0), rows[-1], layout.offer_col(layout.offers - 1), TAX)


def gap_ref(layout: Layout) -> str:
    return cell(layout.tax.gap_row, PARAM_COL, TAX)


def defined_names(layout: Layout) -> dict[str, str]:
    return {"OfferAfterTaxPV": result_area(layout, "after_tax_pv"),
            "OfferAfterTaxTotal": result_area(layout, "after_tax_total"),
            "OfferAfterTaxYear": years_area(layout, "after_tax"),
            "OfferTaxYear": years_area(layout, "taxes"),
            "GapAfterTax": gap_ref(layout)}


# --- the sheet ------------------------------------------------------------------------------------

def _list(sheet: Sheet, row: int, column: int, source, message: str) -> None:
    sheet.ws.data_validation(row - 1, column - 1, row - 1, column - 1, {
        "validate": "list", "source": source, "ignore_blank": True, "show_input": False, "show_error": True,
        "error_title": "xlmodel input", "error_message": message})


def _number(sheet: Sheet, row: int, column: int, low: float, high: Optional[float], message: str) -> None:
    options = {"validate": "decimal", "ignore_blank": True, "show_input": False, "show_error": True,
               "error_title": "xlmodel input", "error_message": message}
    if high is None:
        options.update(criteria=">=", value=low)
    else:
        options.update(criteria="between", minimum=low, maximum=high)
    sheet.ws.data_validation(row - 1, column - 1, row - 1, column - 1, options)


def write(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    lay = layout.tax
    tax = settings(figures)
    sheet.title("Tax", "Each employment year taxed as one year of wages. Blue cells are inputs: update the tables "
                "for a new year, add a location in an empty pair of columns. Calculations below.")
    _write_settings(sheet, figures, lay, tax)
    _write_federal(sheet, lay, tax)
    _write_locations(sheet, lay, tax)
    _write_years(sheet, figures, layout)
    _write_results(sheet, figures, layout)
    sheet.width(1, 40)
    sheet.width(2, 14, max(lay.choices_col, PARAM_COL + 16))
    sheet.freeze(4, 2)


def _write_settings(sheet: Sheet, figures: Figures, lay: TaxLayout, tax: TaxSettings) -> None:
    for n, heading in enumerate(("Key", "Value", "Unit", "Note")):
        sheet.label(4, LABEL_COL + n, heading, styles.HEADER)
    values = {"tax": figures.offers_file.tax is not None, "tax.filing_status": tax.filing_status,
              "tax.indexation": tax.indexation, "tax.table_year": tax_rules.TABLE_YEAR}
    formats = {"tax.indexation": styles.PERCENT, "tax.table_year": styles.INTEGER}
    for key in SETTING_KEYS:
        row = lay.setting_row[key]
        unit, note = SETTING_NOTES[key]
        sheet.label(row, LABEL_COL, key)
        sheet.value(row, PARAM_COL, values[key], formats.get(key))
        sheet.label(row, PARAM_COL + 1, unit, styles.NOTE)
        sheet.label(row, PARAM_COL + 2, note, styles.NOTE)
    _list(sheet, lay.setting_row["tax"], PARAM_COL, ["TRUE", "FALSE"], "Choose TRUE or FALSE.")
    _list(sheet, lay.setting_row["tax.filing_status"], PARAM_COL, list(schema.TAX["filing_status"].choices), "Choose single or joint.")
    _number(sheet, lay.setting_row["tax.indexation"], PARAM_COL, 0, 1, "Enter a fraction from 0 to 1 (0.025 = 2.5%).")
    sheet.ws.data_validation(lay.setting_row["tax.table_year"] - 1, PARAM_COL - 1, lay.setting_row["tax.table_year"] - 1,
                             PARAM_COL - 1, {"validate": "integer", "criteria": "between", "minimum": 1900,
                                             "maximum": 9999, "error_message": "Enter a year, such as 2026."})


def _joint(lay: TaxLayout) -> str:
    return f'{cell(lay.setting_row["tax.filing_status"], PARAM_COL)}="joint"'


def _write_federal(sheet: Sheet, lay: TaxLayout, tax: TaxSettings) -> None:
    header = lay.federal_header
    for n, heading in enumerate(("Federal income tax", "Single: from", "Rate", "Joint: from", "Rate",
                                 "In use: from", "Rate so far", "Step")):
        sheet.label(header, LABEL_COL + n, heading, styles.HEADER)
    joint = _joint(lay)
    is_joint = tax.filing_status == "joint"
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
        sheet.formula(row, 6, f"=IF({joint},N(D{row}),N(B{row}))", used[n][0] if filled else 0, styles.MONEY)
        before = f"G{row - 1}" if n else "0"
        sheet.formula(row, 7, f"=IF(IF({joint},ISNUMBER(D{row}),ISNUMBER(B{row})),IF({joint},N(E{row}),N(C{row})),"
                               f"{before})", rate_so_far, styles.PERCENT)
        sheet.formula(row, 8, f"=G{row}-{before}", rate_so_far - previous_rate, styles.FRACTION)
        previous_rate = rate_so_far
    values = {
        "federal.standard_deduction": tax_rules.STANDARD_DEDUCTION,
        "federal.additional_medicare_threshold": tax_rules.ADDITIONAL_MEDICARE_THRESHOLD,
        "federal.social_security_rate": tax_rules.SOCIAL_SECURITY_RATE,
        "federal.social_security_wage_base": tax_rules.SOCIAL_SECURITY_WAGE_BASE,
        "federal.medicare_rate": tax_rules.MEDICARE_RATE,
        "federal.additional_medicare_rate": tax_rules.ADDITIONAL_MEDICARE_RATE,
    }
    for key in FEDERAL_KEYS:
        row = lay.federal_row[key]
        label, number_format = FEDERAL_LABELS[key]
        sheet.label(row, LABEL_COL, key)
        value = values[key]
        if isinstance(value, dict):
            sheet.value(row, 2, value["single"], number_format)
            sheet.value(row, 4, value["joint"], number_format)
            sheet.formula(row, 6, f"=IF({joint},N(D{row}),N(B{row}))", value["joint" if is_joint else "single"],
                          number_format)
            sheet.label(row, 7, label + ": single | joint", styles.NOTE)
        else:
            sheet.value(row, 2, value, number_format)
            sheet.label(row, 3, label, styles.NOTE)


def _federal(lay: TaxLayout, key: str, column: int = 6) -> str:
    return cell(lay.federal_row[key], column)


def _write_locations(sheet: Sheet, lay: TaxLayout, tax: TaxSettings) -> None:
    sheet.label(lay.locations_header, LABEL_COL, "Location tables: two columns each; add one in an empty pair",
                styles.HEADER)
    for column in range(2, lay.last_slot_col + 1):
        sheet.label(lay.locations_header, column, "", styles.HEADER)
    sheet.label(lay.names_row, LABEL_COL, LOCATIONS_KEY)
    sheet.label(lay.deduction_row, LABEL_COL, DEDUCTION_KEY)
    sheet.label(lay.bracket_rows[0] - 1, LABEL_COL, "brackets: lower bound, rate", styles.NOTE)
    sheet.label(lay.payroll_rows[0] - 1, LABEL_COL, "payroll: rate, annual wage cap (0: none)", styles.NOTE)
    sheet.label(lay.step_rows[0] - 1, LABEL_COL, "Calculated: each bracket's step and the rate so far",
                styles.HEADER)
    for n, row in enumerate(lay.bracket_rows):
        sheet.label(row, LABEL_COL, bracket_key(n + 1))
        sheet.label(lay.step_rows[n], LABEL_COL, f"step {n + 1}")
    for n, row in enumerate(lay.payroll_rows):
        sheet.label(row, LABEL_COL, payroll_key(n + 1))
    locations = list(tax.locations.values())
    for slot in range(1, lay.slots + 1):
        first = lay.slot_col(slot)
        second = first + 1
        location = locations[slot - 1] if slot <= len(locations) else None
        sheet.value(lay.names_row, first, location.name if location else None, bold=True)
        sheet.label(lay.names_row, second, "<- name", styles.NOTE)
        sheet.value(lay.deduction_row, first, location.deduction if location else None, styles.MONEY)
        _number(sheet, lay.deduction_row, first, 0, None, "Enter a deduction, 0 or more.")
        for heading, row in (("from", lay.bracket_rows[0] - 1), ("rate", lay.bracket_rows[0] - 1)):
            sheet.label(row, first if heading == "from" else second, heading, styles.HEADER)
        sheet.label(lay.payroll_rows[0] - 1, first, "rate", styles.HEADER)
        sheet.label(lay.payroll_rows[0] - 1, second, "cap", styles.HEADER)
        sheet.label(lay.step_rows[0] - 1, first, "step", styles.HEADER)
        sheet.label(lay.step_rows[0] - 1, second, "rate so far", styles.HEADER)
        brackets = location.brackets if location else ()
        payroll = location.payroll if location else ()
        previous = 0.0
        for n, row in enumerate(lay.bracket_rows):
            bound, rate = brackets[n] if n < len(brackets) else (None, None)
            sheet.value(row, first, bound, styles.MONEY)
            sheet.value(row, second, rate, styles.PERCENT)
            _number(sheet, row, first, 0, None, "Enter a lower bound, 0 or more.")
            _number(sheet, row, second, 0, 1, "Enter a rate from 0 to 1 (0.093 = 9.3%).")
            step_row = lay.step_rows[n]
            so_far = rate if bound is not None else previous
            before = f"{col(second)}{step_row - 1}" if n else "0"
            sheet.formula(step_row, second, f"=IF(ISNUMBER({col(first)}{row}),N({col(second)}{row}),{before})", so_far,
                          styles.PERCENT)
            sheet.formula(step_row, first, f"={col(second)}{step_row}-{before}", so_far - previous, styles.FRACTION)
            previous = so_far
        for n, row in enumerate(lay.payroll_rows):
            rate, cap = payroll[n] if n < len(payroll) else (None, None)
            sheet.value(row, first, rate, styles.FRACTION)
            sheet.value(row, second, cap, styles.MONEY)
            _number(sheet, row, first, 0, 1, "Enter a rate from 0 to 1 (0.013 = 1.3%).")
            _number(sheet, row, second, 0, None, "Enter a wage cap, 0 (none) or more.")
    # The drop-down list of Inputs' tax_location: "none", then each name.
    sheet.label(lay.names_row - 1, lay.choices_col, "tax_location choices", styles.HEADER)
    sheet.value(lay.names_row, lay.choices_col, NO_TAX_LOCATION, style=styles.CONSTANT)
    for slot in range(1, lay.slots + 1):
        name = cell(lay.names_row, lay.slot_col(slot))
        sheet.formula(lay.names_row + slot, lay.choices_col, f'=IF({name}="","",{name})',
                      locations[slot - 1].name if slot <= len(locations) else "")


def _grid(lay: TaxLayout, rows: list[int]) -> str:
    return area(rows[0], 2, rows[-1], lay.last_slot_col)


def _write_years(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    lay = layout.tax
    inputs = layout.inputs
    sheet.label(lay.years_header, LABEL_COL, "Offer", styles.HEADER)
    for what, heading in YEAR_HEADINGS.items():
        sheet.label(lay.years_header, lay.year_col(what), heading, styles.HEADER)
    c = lambda what, row: f"{col(lay.year_col(what))}{row}"
    setting = lambda key: cell(lay.setting_row[key], PARAM_COL)
    bounds, steps = area(lay.federal_rows[0], 6, lay.federal_rows[-1], 6), area(lay.federal_rows[0], 8,
                                                                                 lay.federal_rows[-1], 8)
    names = area(lay.names_row, 2, lay.names_row, lay.last_slot_col)
    deductions = area(lay.deduction_row, 2, lay.deduction_row, lay.last_slot_col)
    location_bounds, location_steps = _grid(lay, lay.bracket_rows), _grid(lay, lay.step_rows)
    payroll = _grid(lay, lay.payroll_rows)
    start = inputs.model("model.start_date")
    for index, offer in enumerate(figures.offers_file.offers):
        location = inputs.offer("tax_location", index)
        pv_row = layout.cashflows[index].row("pv")
        for y, year in enumerate(offer_years(figures, index), start=1):
            row = lay.year_rows[(index, y)]
            t = year.tax
            w, i, slot = c("wages", row), c("index", row), c("location_slot", row)
            pick = f"MAX(1,{slot})"
            formulas = {
                "wages": (f"={cell(layout.results.year_rows[y - 1], layout.offer_col(index), CASHFLOWS)}", t.wages),
                "index": (f"=(1+N({setting('tax.indexation')}))^(YEAR({start})+{c('year', row)}-1"
                          f"-N({setting('tax.table_year')}))", t.index),
                "federal_taxable": (f"=MAX(0,{w}-{_federal(lay, 'federal.standard_deduction')}*{i})",
                                    year.federal_taxable),
                "federal": (f"=SUMPRODUCT(({c('federal_taxable', row)}>{bounds}*{i})*({c('federal_taxable', row)}"
                            f"-{bounds}*{i})*{steps})", t.federal),
                "social_security": (f"=N({_federal(lay, 'federal.social_security_rate', 2)})*MIN({w},"
                                    f"N({_federal(lay, 'federal.social_security_wage_base', 2)})*{i})",
                                    t.social_security),
                "medicare": (f"=N({_federal(lay, 'federal.medicare_rate', 2)})*{w}", t.medicare),
                "additional_medicare": (f"=N({_federal(lay, 'federal.additional_medicare_rate', 2)})*MAX(0,{w}"
                                        f"-{_federal(lay, 'federal.additional_medicare_threshold')})",
                                        t.additional_medicare),
                # The location's first column among the names (0: "none" or no such name); EXACT, as the
                # engine matches names, where MATCH would ignore case and read * and ? as wildcards.
                "location_slot": (f'=IF(OR({location}="",{location}="{NO_TAX_LOCATION}"),0,'
                                  f"SUMPRODUCT(EXACT({names},{location})*(COLUMN({names})-1)))", year.location_slot),
                "location_taxable": (f"=({slot}>0)*MAX(0,{w}-N(INDEX({deductions},1,{pick}))*{i})",
                                     year.location_taxable),
                "location_income": (f"=({slot}>0)*SUMPRODUCT(({c('location_taxable', row)}>INDEX({location_bounds},0,"
                                    f"{pick})*{i})*({c('location_taxable', row)}-INDEX({location_bounds},0,{pick})*{i})"
                                    f"*INDEX({location_steps},0,{pick}))", t.location_income),
                "location_payroll": (f"=({slot}>0)*SUMPRODUCT(INDEX({payroll},0,{pick})*({w}-(INDEX({payroll},0,"
                                     f"{pick}+1)>0)*({w}>INDEX({payroll},0,{pick}+1)*{i})*({w}-INDEX({payroll},0,"
                                     f"{pick}+1)*{i})))", t.location_payroll),
                "total": (f"={c('federal', row)}+{c('social_security', row)}+{c('medicare', row)}"
                          f"+{c('additional_medicare', row)}+{c('location_income', row)}+{c('location_payroll', row)}",
                          t.total),
                "after_tax": (f"={w}-{c('total', row)}", t.after_tax),
                "kept": (f"=IF({w}=0,0,1-{c('total', row)}/{w})", t.scale),
                "after_tax_pv": (f"={c('kept', row)}*SUM({year_range(pv_row, y, CASHFLOWS)})", year.after_tax_pv),
            }
            sheet.formula(row, LABEL_COL, f"={inputs.offer('name', index)}", offer.name)
            sheet.value(row, lay.year_col("year"), y, styles.INTEGER, styles.CONSTANT)
            for what, (expression, result) in formulas.items():
                sheet.formula(row, lay.year_col(what), expression, result, YEAR_FORMATS.get(what, styles.MONEY))


def _write_results(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    lay = layout.tax
    inputs = layout.inputs
    on = cell(lay.setting_row["tax"], PARAM_COL)
    results = after_tax_results(figures)
    offers = figures.offers_file.offers
    value = lambda key, i, y=None: "" if results is None else (results[key][i] if y is None else results[key][i][y])
    for rows, key, heading, label in ((lay.tax_year_rows, "taxes", "Tax by year (empty without [tax])", "Year {}"),
                                      (lay.after_tax_year_rows, "years", "After-tax pay by year",
                                       "Year {}")):
        sheet.label(rows[0] - 1, LABEL_COL, heading, styles.HEADER)
        for i, offer in enumerate(offers):
            sheet.formula(rows[0] - 1, layout.offer_col(i), f"={inputs.offer('name', i)}", offer.name,
                          style=styles.HEADER)
            source = "total" if key == "taxes" else "after_tax"
            for y, row in enumerate(rows, start=1):
                year_row = lay.year_rows[(i, y)]
                sheet.formula(row, layout.offer_col(i), f'=IF({on},{col(lay.year_col(source))}{year_row},"")',
                              value(key, i, y - 1), styles.MONEY)
        for y, row in enumerate(rows, start=1):
            sheet.label(row, LABEL_COL, label.format(y))
    labels = {"after_tax_total": "After-tax total", "after_tax_pv": "After-tax present value"}
    for key, row in lay.result_row.items():
        sheet.label(row, LABEL_COL, labels[key], bold=key == "after_tax_pv")
        source = "after_tax" if key == "after_tax_total" else "after_tax_pv"
        for i in range(len(offers)):
            first, last = lay.year_rows[(i, 1)], lay.year_rows[(i, layout.years)]
            letter = col(lay.year_col(source))
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
