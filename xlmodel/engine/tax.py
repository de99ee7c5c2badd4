"""After-tax figures: each employment year taxed as one tax year of wages.

Every function here is public and plain so that the workbook and the spreadsheet functions can
call the same pieces: the federal income tax with its deduction (standard, or itemized with the
2026 cap on state and local taxes), the payroll taxes (social security, Medicare, the additional
Medicare tax), a location's income taxes (state and local) and payroll taxes, the year's total
T_y and the factor 1 - T_y / W_y that scales the year's monthly pay.

A year is worked in two passes, so that nothing is circular (docs/tax.md):
1. the location's income taxes with the federal return on its standard deduction: the state and
   local income taxes that itemizing deducts (as withholding would estimate them);
2. the federal return: itemized (those taxes and the deductible payroll taxes, capped, plus
   `other_itemized`, less the limitation of the 37% bracket) or standard, the larger under
   "best"; then the location's income taxes again with the federal return as filed, which
   changes them only where the state follows the federal return (Colorado's federal taxable
   income, Oregon's subtraction of federal tax, Georgia's and Virginia's itemizing).

Tables are those of 2026; with `indexation` g, the year that begins in calendar year C uses
bounds, deductions, credits and wage caps times I = (1 + g)^(C - 2026). The additional Medicare
threshold and a location's surtax thresholds are fixed in law and never indexed.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional, Sequence

from ..model import NO_TAX_LOCATION, Brackets, LocationCredit, TaxLocation, TaxSettings

TABLE_YEAR = 2026

# 2026 federal income tax: (lower bound of taxable income, marginal rate), by filing status.
FEDERAL_BRACKETS = {
    "single": ((0, 0.10), (12_400, 0.12), (50_400, 0.22), (105_700, 0.24), (201_775, 0.32),
               (256_225, 0.35), (640_600, 0.37)),
    "joint": ((0, 0.10), (24_800, 0.12), (100_800, 0.22), (211_400, 0.24), (403_550, 0.32),
              (512_450, 0.35), (768_700, 0.37)),
}
STANDARD_DEDUCTION = {"single": 16_100, "joint": 32_200}

SOCIAL_SECURITY_RATE = 0.062
SOCIAL_SECURITY_WAGE_BASE = 184_500
MEDICARE_RATE = 0.0145
ADDITIONAL_MEDICARE_RATE = 0.009
ADDITIONAL_MEDICARE_THRESHOLD = {"single": 200_000, "joint": 250_000}

# The 2026 cap on the itemized deduction of state and local taxes (26 U.S.C. 164(b)(6)-(7), as
# P.L. 119-21 sets it): 40,400, less 30% of income above 505,000, never below 10,000.
SALT_CAP = 40_400
SALT_PHASEOUT_THRESHOLD = 505_000
SALT_PHASEOUT_RATE = 0.30
SALT_FLOOR = 10_000
# 26 U.S.C. 68 from 2026: itemized deductions less 2/37 of the lesser of them and the income above
# the start of the 37% bracket.
ITEMIZED_LIMITATION_RATE = 2 / 37


def indexation_factor(indexation: float, start_year: int, year: int) -> float:
    """I_y for employment year `year` (1, 2, ...) of a job that starts in calendar year `start_year`."""
    return (1.0 + indexation) ** (start_year + year - 1 - TABLE_YEAR)


def bracket_tax(income: float, brackets: Sequence[tuple[float, float]], index: float = 1.0) -> float:
    """Tax on `income` under marginal-rate brackets whose lower bounds are scaled by `index`."""
    tax = 0.0
    for i, (lower, rate) in enumerate(brackets):
        low = lower * index
        high = brackets[i + 1][0] * index if i + 1 < len(brackets) else float("inf")
        tax += rate * max(0.0, min(income, high) - low)
    return tax


def step_value(x: float, table: Sequence[tuple], column: int = 1, index: float = 1.0) -> float:
    """The `column` of the last row of `table` whose first figure x index is at most x (0 below the
    first): a table of amounts by income, such as Oregon's cap on its federal tax subtraction."""
    found = 0.0
    for row in table:
        if x >= row[0] * index:
            found = row[column]
    return found


def top_rate(brackets: Brackets) -> float:
    return brackets[-1][1] if brackets else 0.0


def bracket_start(x: float, brackets: Brackets, index: float = 1.0) -> float:
    """The lower bound (x index) of the bracket that holds x."""
    return step_value(x, brackets, 0, index) * index


def federal_income_tax(wages: float, filing_status: str = "single", index: float = 1.0,
                       deduction: Optional[float] = None) -> float:
    """The federal income tax on wages less `deduction` (default: the standard deduction x index)."""
    if deduction is None:
        deduction = STANDARD_DEDUCTION[filing_status] * index
    return bracket_tax(max(0.0, wages - deduction), FEDERAL_BRACKETS[filing_status], index)


def social_security_tax(wages: float, index: float = 1.0) -> float:
    return SOCIAL_SECURITY_RATE * min(wages, SOCIAL_SECURITY_WAGE_BASE * index)


def medicare_tax(wages: float) -> float:
    return MEDICARE_RATE * wages


def additional_medicare_tax(wages: float, filing_status: str = "single") -> float:
    return ADDITIONAL_MEDICARE_RATE * max(0.0, wages - ADDITIONAL_MEDICARE_THRESHOLD[filing_status])


def salt_cap(wages: float, index: float = 1.0) -> float:
    """The year's cap on deducted state and local taxes: the income (the year's wages) above the
    threshold lowers it by the phase-down rate, never below the floor."""
    cap = SALT_CAP * index
    return max(min(SALT_CAP, SALT_FLOOR) * index,
               cap - SALT_PHASEOUT_RATE * max(0.0, wages - SALT_PHASEOUT_THRESHOLD * index))


def itemized_limitation(itemized: float, wages: float, filing_status: str = "single", index: float = 1.0) -> float:
    """What 26 U.S.C. 68 takes from itemized deductions: 2/37 of the lesser of them and the income
    (wages) above the lower bound of the top bracket."""
    top = FEDERAL_BRACKETS[filing_status][-1][0] * index
    return ITEMIZED_LIMITATION_RATE * min(itemized, max(0.0, wages - top))


@dataclass(frozen=True)
class FederalReturn:
    """What a location's tax may take from the federal return: the deduction taken, whether it is
    itemized, the taxable income, the income tax, the state and local taxes deducted and the
    itemized deductions before the limitation."""
    deduction: float
    itemizes: bool
    taxable: float
    tax: float
    salt: float = 0.0
    itemized_before_limit: float = 0.0
    standard: float = 0.0  # the federal standard deduction x index


def credit_parts(credit: LocationCredit, wages: float, taxable: float, filing_status: str, index: float,
                 itemizes: bool) -> tuple[float, float]:
    """A location credit before and after its phase-out: its amount and bracket part (0 above its
    income limit, or for a return that does not itemize when it is for itemizers only), then that
    less the phase-out, never below 0."""
    limit = credit.income_limit[filing_status]
    if (limit is not None and wages > limit * index) or (credit.itemizers_only and not itemizes):
        return 0.0, 0.0
    gross = credit.amount[filing_status] * index + bracket_tax(taxable, credit.brackets[filing_status], index)
    start = credit.phaseout_start[filing_status]
    reduction = 0.0
    if start is not None and credit.phaseout_step > 0:
        steps = math.ceil(max(0.0, wages - start * index) / (credit.phaseout_step * index))
        reduction = steps * credit.phaseout_reduction[filing_status] * index
    return gross, max(0.0, gross - reduction)


def credit_value(credit: LocationCredit, wages: float, taxable: float, filing_status: str, index: float,
                 itemizes: bool) -> float:
    return credit_parts(credit, wages, taxable, filing_status, index, itemizes)[1]


@dataclass(frozen=True)
class LocationIncomeTax:
    """A location's income taxes on one year's wages, step by step (as the Tax sheet's row)."""
    base: float = 0.0  # wages, or federal taxable income with its add-backs
    addbacks: float = 0.0
    subtraction: float = 0.0  # of federal income tax
    standard: float = 0.0  # the state's standard deduction x index
    deduction: float = 0.0  # standard or the state's itemized
    exemption: float = 0.0  # exemptions and the deduction of social security and Medicare taxes
    taxable: float = 0.0
    brackets: float = 0.0
    bracket_start: float = 0.0
    recapture_phase: float = 0.0  # the share of the incremental benefit recaptured
    recapture: float = 0.0  # New York's supplemental tax
    surtax: float = 0.0
    credits_gross: tuple[float, ...] = ()  # before each credit's phase-out
    credits: tuple[float, ...] = ()
    state: float = 0.0
    local_brackets: float = 0.0
    local: float = 0.0

    @property
    def total(self) -> float:
        return self.state + self.local


NO_LOCATION_TAX = LocationIncomeTax()


def state_deduction(location: TaxLocation, filing_status: str, index: float, federal: FederalReturn,
                    deductions: str = "best", other_itemized: float = 0.0) -> float:
    """The location's standard deduction, or its itemized deductions as its `itemized` rule says."""
    standard = location.deduction[filing_status] * index
    rule = location.itemized
    if rule == "own":
        return standard if deductions == "standard" else max(standard, other_itemized)
    if rule == "with_federal":
        return max(standard, other_itemized) if federal.itemizes else standard
    if rule == "follow":
        return other_itemized if federal.itemizes else standard
    if rule == "federal":
        return federal.deduction if federal.itemizes else standard
    return standard


def location_income_taxes(wages: float, location: Optional[TaxLocation], federal: FederalReturn,
                          filing_status: str = "single", index: float = 1.0, deductions: str = "best",
                          other_itemized: float = 0.0, fica: float = 0.0) -> LocationIncomeTax:
    """A location's state and local income taxes on a year's wages, given the federal return
    (`fica`: the employee's social security and Medicare taxes, for a deduction of them)."""
    if location is None:
        return NO_LOCATION_TAX
    s, i = filing_status, index
    addbacks = 0.0
    if location.addback_state_tax and federal.itemizes:
        addbacks += min(federal.salt, max(0.0, federal.itemized_before_limit - federal.standard))
    if location.addback_deductions_above is not None and wages >= location.addback_deductions_above * i:
        addbacks += max(0.0, federal.deduction - location.addback_deductions_exempt[s] * i)
    base = (federal.taxable if location.base == "federal_taxable" else wages) + addbacks
    subtraction = 0.0
    if location.federal_tax_subtraction[s]:
        subtraction = min(max(0.0, federal.tax), step_value(wages, location.federal_tax_subtraction[s], 1, i) * i)
    standard = location.deduction[s] * i
    deduction = state_deduction(location, s, i, federal, deductions, other_itemized)
    limit = location.exemption_income_limit[s]
    exemption = location.exemption[s] * i if limit is None or wages <= limit * i else 0.0
    exemption += min(location.fica_deduction * i, fica)
    taxable = max(0.0, base - subtraction - deduction - exemption)
    brackets = bracket_tax(taxable, location.brackets[s], i)
    start = bracket_start(taxable, location.brackets[s], i)
    recapture = phase = 0.0
    if location.recapture_start is not None:
        applicable = max(0.0, wages - max(start, location.recapture_start * i))
        phase = min(1.0, applicable / (location.recapture_phase_in * i)) if location.recapture_phase_in > 0 else 1.0
        flat = location.recapture_flat_above
        if flat is not None and wages > flat * i:
            recapture = taxable * top_rate(location.brackets[s]) - brackets
        else:
            table = location.recapture[s]
            recapture = i * (step_value(taxable, table, 1, i) + phase * step_value(taxable, table, 2, i))
    surtax = sum(rate * max(0.0, taxable - threshold) for threshold, rate in location.surtax)
    parts = [credit_parts(c, wages, taxable, s, i, federal.itemizes) for c in location.credits]
    credits_gross = tuple(gross for gross, _ in parts)
    credits = tuple(value for _, value in parts)
    state_credits = sum(v for c, v in zip(location.credits, credits) if not c.local)
    local_credits = sum(v for c, v in zip(location.credits, credits) if c.local)
    state = max(0.0, brackets + recapture - state_credits) + surtax
    local_brackets = bracket_tax(taxable, location.local_brackets[s], i)
    local = max(0.0, local_brackets - local_credits)
    return LocationIncomeTax(base, addbacks, subtraction, standard, deduction, exemption, taxable, brackets, start,
                             phase, recapture, surtax, credits_gross, credits, state, local_brackets, local)


def location_payroll_tax(wages: float, location: Optional[TaxLocation], index: float = 1.0,
                         deductible_only: bool = False) -> float:
    """The location's payroll taxes (only those marked deductible, with `deductible_only`)."""
    if location is None:
        return 0.0
    return sum(p.rate * (wages if p.cap == 0 else min(wages, p.cap * index)) for p in location.payroll
               if p.deductible or not deductible_only)


def standard_return(wages: float, filing_status: str = "single", index: float = 1.0) -> FederalReturn:
    standard = STANDARD_DEDUCTION[filing_status] * index
    taxable = max(0.0, wages - standard)
    return FederalReturn(standard, False, taxable, bracket_tax(taxable, FEDERAL_BRACKETS[filing_status], index),
                         standard=standard)


def location_income_tax(wages: float, location: Optional[TaxLocation], index: float = 1.0,
                        filing_status: str = "single") -> float:
    """The location's state and local income taxes with the federal return on its standard deduction."""
    return location_income_taxes(wages, location, standard_return(wages, filing_status, index), filing_status,
                                 index, fica=social_security_tax(wages, index) + medicare_tax(wages)).total


@dataclass(frozen=True)
class YearTax:
    """One employment year's wages W_y and each tax on them, with the steps between."""
    wages: float
    index: float
    federal: float
    social_security: float
    medicare: float
    additional_medicare: float
    location_income: float  # state and local income taxes, as filed
    location_payroll: float
    standard_deduction: float = 0.0
    federal_taxable: float = 0.0
    salt_taxes: float = 0.0  # state and local income taxes (the estimate) and deductible payroll taxes
    salt_cap: float = 0.0
    salt: float = 0.0  # deducted: the lesser of the two
    itemized_before_limit: float = 0.0
    limitation: float = 0.0
    itemized: float = 0.0
    itemizes: bool = False
    deduction: float = 0.0  # the federal deduction taken
    deductible_payroll: float = 0.0
    standard_taxable: float = 0.0
    standard_federal: float = 0.0
    estimate: LocationIncomeTax = NO_LOCATION_TAX  # with the federal standard deduction
    filed: LocationIncomeTax = NO_LOCATION_TAX  # with the federal return as filed

    @property
    def payroll(self) -> float:
        return self.social_security + self.medicare + self.additional_medicare

    @property
    def state_income(self) -> float:
        return self.filed.state

    @property
    def local_income(self) -> float:
        return self.filed.local

    @property
    def location(self) -> float:
        return self.location_income + self.location_payroll

    @property
    def total(self) -> float:
        """T_y."""
        return self.federal + self.payroll + self.location

    @property
    def after_tax(self) -> float:
        return self.wages - self.total

    @property
    def scale(self) -> float:
        """1 - T_y / W_y: the share of each month's pay kept in this year (0 when W_y = 0)."""
        return 1.0 - self.total / self.wages if self.wages else 0.0


def shipped_location(name: str) -> Optional[TaxLocation]:
    from ..inputs.shipped_locations import shipped_locations
    return shipped_locations().get(name)


def resolve_location(tax: TaxSettings, name: str) -> Optional[TaxLocation]:
    """The location table an offer's `tax_location` names (the file's, else the shipped one of that
    name); None for "none"."""
    if name == NO_TAX_LOCATION:
        return None
    if name in tax.locations:
        return tax.locations[name]
    location = shipped_location(name)
    if location is None:
        raise KeyError(name)
    return location


def year_tax(wages: float, filing_status: str = "single", location: Optional[TaxLocation] = None,
             index: float = 1.0, deductions: str = "best", other_itemized: float = 0.0) -> YearTax:
    """Every tax on one year's wages, with the tables indexed by `index` (I_y)."""
    s, i = filing_status, index
    social_security, medicare = social_security_tax(wages, i), medicare_tax(wages)
    standard = standard_return(wages, s, i)
    fica = social_security + medicare
    estimate = location_income_taxes(wages, location, standard, s, i, deductions, other_itemized, fica)
    payroll = location_payroll_tax(wages, location, i)
    deductible_payroll = location_payroll_tax(wages, location, i, deductible_only=True)
    salt_taxes = estimate.total + deductible_payroll
    cap = salt_cap(wages, i)
    salt = min(cap, salt_taxes)
    before_limit = salt + other_itemized
    limitation = itemized_limitation(before_limit, wages, s, i)
    itemized = before_limit - limitation
    itemizes = {"itemized": True, "standard": False}.get(deductions, itemized > standard.deduction)
    deduction = itemized if itemizes else standard.deduction
    taxable = max(0.0, wages - deduction)
    federal = bracket_tax(taxable, FEDERAL_BRACKETS[s], i)
    filed = estimate
    if itemizes:
        as_filed = FederalReturn(deduction, True, taxable, federal, salt, before_limit, standard.deduction)
        filed = location_income_taxes(wages, location, as_filed, s, i, deductions, other_itemized, fica)
    return YearTax(
        wages=wages, index=i, federal=federal, social_security=social_security, medicare=medicare,
        additional_medicare=additional_medicare_tax(wages, s), location_income=filed.total, location_payroll=payroll,
        standard_deduction=standard.deduction, federal_taxable=taxable, salt_taxes=salt_taxes, salt_cap=cap,
        salt=salt, itemized_before_limit=before_limit, limitation=limitation, itemized=itemized, itemizes=itemizes,
        deduction=deduction, deductible_payroll=deductible_payroll, standard_taxable=standard.taxable,
        standard_federal=standard.tax, estimate=estimate, filed=filed)


@dataclass
class AfterTax:
    years: list[float]  # after-tax pay W_y - T_y
    taxes: list[float]  # T_y
    total: float
    pv: float
    by_year: list[YearTax] = field(repr=False, default_factory=list)

    def as_json(self) -> dict:
        return {"years": self.years, "taxes": self.taxes, "total": self.total, "pv": self.pv}


def after_tax_value(monthly_totals: Sequence[float], month_present_values: Sequence[float], start_year: int,
                    tax: TaxSettings, location_name: str = NO_TAX_LOCATION) -> AfterTax:
    """After-tax pay by year, its total and present value, from an offer's monthly total pay and
    each month's present value.

    Year y's wages W_y are its twelve months' total; the present value of each of those months
    (a held share's later growth included) is scaled by the year's 1 - T_y / W_y.
    """
    location = resolve_location(tax, location_name)
    by_year = []
    pv = 0.0
    for y in range(1, len(monthly_totals) // 12 + 1):
        months = range(12 * (y - 1), 12 * y)
        year = year_tax(sum(monthly_totals[i] for i in months), tax.filing_status, location,
                        indexation_factor(tax.indexation, start_year, y), tax.deductions, tax.other_itemized)
        by_year.append(year)
        pv += sum(month_present_values[i] * year.scale for i in months)
    years = [year.after_tax for year in by_year]
    return AfterTax(years=years, taxes=[year.total for year in by_year], total=sum(years), pv=pv, by_year=by_year)


def after_tax_gap(target: Optional[AfterTax], alternative: Optional[AfterTax]) -> Optional[float]:
    """max(0, after-tax PV of the alternative - the target's); None without after-tax figures,
    0 without an alternative offer."""
    if target is None:
        return None
    if alternative is None:
        return 0.0
    return max(0.0, alternative.pv - target.pv)
