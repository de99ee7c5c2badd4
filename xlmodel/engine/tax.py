"""After-tax figures: each employment year taxed as one tax year of wages.

Every function here is public and plain so that the workbook and the spreadsheet functions can
call the same pieces: the federal income tax, the payroll taxes (social security, Medicare, the
additional Medicare tax), a location's income and payroll taxes, the year's total T_y and the
factor 1 - T_y / W_y that scales the year's monthly pay.

Tables are those of 2026; with `indexation` g, the year that begins in calendar year C uses
bounds, deductions and wage caps times I = (1 + g)^(C - 2026). The additional Medicare
threshold is fixed in law and never indexed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

from ..model import NO_TAX_LOCATION, TaxLocation, TaxSettings

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


def federal_income_tax(wages: float, filing_status: str = "single", index: float = 1.0) -> float:
    taxable = max(0.0, wages - STANDARD_DEDUCTION[filing_status] * index)
    return bracket_tax(taxable, FEDERAL_BRACKETS[filing_status], index)


def social_security_tax(wages: float, index: float = 1.0) -> float:
    return SOCIAL_SECURITY_RATE * min(wages, SOCIAL_SECURITY_WAGE_BASE * index)


def medicare_tax(wages: float) -> float:
    return MEDICARE_RATE * wages


def additional_medicare_tax(wages: float, filing_status: str = "single") -> float:
    return ADDITIONAL_MEDICARE_RATE * max(0.0, wages - ADDITIONAL_MEDICARE_THRESHOLD[filing_status])


def location_income_tax(wages: float, location: Optional[TaxLocation], index: float = 1.0) -> float:
    if location is None:
        return 0.0
    return bracket_tax(max(0.0, wages - location.deduction * index), location.brackets, index)


def location_payroll_tax(wages: float, location: Optional[TaxLocation], index: float = 1.0) -> float:
    if location is None:
        return 0.0
    return sum(rate * (wages if cap == 0 else min(wages, cap * index)) for rate, cap in location.payroll)


@dataclass(frozen=True)
class YearTax:
    """One employment year's wages W_y and each tax on them."""
    wages: float
    index: float
    federal: float
    social_security: float
    medicare: float
    additional_medicare: float
    location_income: float
    location_payroll: float

    @property
    def payroll(self) -> float:
        return self.social_security + self.medicare + self.additional_medicare

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


def resolve_location(tax: TaxSettings, name: str) -> Optional[TaxLocation]:
    """The location table an offer's `tax_location` names; None for "none"."""
    return None if name == NO_TAX_LOCATION else tax.locations[name]


def year_tax(wages: float, filing_status: str = "single", location: Optional[TaxLocation] = None,
             index: float = 1.0) -> YearTax:
    """Every tax on one year's wages, with the tables indexed by `index` (I_y)."""
    return YearTax(
        wages=wages, index=index,
        federal=federal_income_tax(wages, filing_status, index),
        social_security=social_security_tax(wages, index),
        medicare=medicare_tax(wages),
        additional_medicare=additional_medicare_tax(wages, filing_status),
        location_income=location_income_tax(wages, location, index),
        location_payroll=location_payroll_tax(wages, location, index),
    )


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
                        indexation_factor(tax.indexation, start_year, y))
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
