"""The Tax sheet's stored results, from the engine's tax functions, and the references other sheets
use: the switch, the location choices, the named after-tax results and each offer's check."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

from ..engine import tax as tax_rules
from ..model import TaxSettings
from .calc_layout import TOLERANCE
from .figures import Figures
from .layout import PARAM_COL, TAX, Layout
from .refs import area, cell
from .tax_layout import TaxLayout


def settings(figures: Figures) -> TaxSettings:
    """The tax settings the sheet shows: the file's, else the defaults with no location."""
    return figures.offers_file.tax or TaxSettings()


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
    return all(reconciles(sum(block.total[12 * (y - 1):12 * y]), value.years[y - 1])
               for y in range(1, figures.settings.horizon_years + 1))


def reconciles(wages: float, year_total: float) -> bool:
    return abs(wages - year_total) <= TOLERANCE
