"""Where the Tax sheet's tables sit: the settings, the federal tables, the location tables in a
regular grid (a pair of columns per location, the same rows for every location, so one formula
picks any location's column by position), the figures by offer and year, and the results."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import OffersFile
from ..engine.tax import FEDERAL_BRACKETS

SETTING_KEYS = ("tax", "tax.filing_status", "tax.indexation", "tax.table_year")
FEDERAL_KEYS = ("federal.standard_deduction", "federal.additional_medicare_threshold",
                "federal.social_security_rate", "federal.social_security_wage_base", "federal.medicare_rate",
                "federal.additional_medicare_rate")
FEDERAL_SPARE_ROWS = 3
LOCATION_SLOTS_MIN, LOCATION_SPARE_SLOTS = 3, 2
BRACKET_ROWS_MIN, BRACKET_SPARE_ROWS = 12, 3
PAYROLL_ROWS_MIN, PAYROLL_SPARE_ROWS = 4, 2
LOCATIONS_KEY = "tax.locations"
DEDUCTION_KEY = "deduction"

# The figures of one offer and employment year, one column each (column A names the offer).
YEAR_COLUMNS = ("year", "wages", "index", "federal_taxable", "federal", "social_security", "medicare",
                "additional_medicare", "location_slot", "location_taxable", "location_income", "location_payroll", "total", "after_tax",
                "kept", "after_tax_pv")
RESULT_KEYS = ("after_tax_total", "after_tax_pv")


def bracket_key(n: int) -> str:
    return f"brackets.{n}"


def payroll_key(n: int) -> str:
    return f"payroll.{n}"


def federal_key(n: int) -> str:
    return f"federal.brackets.{n}"


@dataclass
class TaxLayout:
    setting_row: dict[str, int]
    federal_header: int
    federal_rows: list[int]  # bracket rows: B single from, C rate, D joint from, E rate; F..H in use
    federal_row: dict[str, int]  # FEDERAL_KEYS -> row (B single, D joint, F in use)
    locations_header: int
    names_row: int
    deduction_row: int
    bracket_rows: list[int]
    payroll_rows: list[int]
    step_rows: list[int]  # per location: running rate (second column), marginal step (first column)
    slots: int
    choices_col: int  # the drop-down list of tax_location: "none", then every location's name
    years_header: int
    year_rows: dict[tuple[int, int], int]  # (offer, year 1..) -> row
    tax_year_rows: list[int]  # T_y, years by offers
    after_tax_year_rows: list[int]  # W_y - T_y, years by offers
    result_row: dict[str, int]
    gap_row: int

    def slot_col(self, slot: int) -> int:
        """The first column (lower bound, or payroll rate) of location slot 1, 2, ..."""
        return 2 + 2 * (slot - 1)

    @property
    def last_slot_col(self) -> int:
        return self.slot_col(self.slots) + 1

    def year_col(self, what: str) -> int:
        return 2 + YEAR_COLUMNS.index(what)


def plan_tax(offers_file: OffersFile, offers: int, years: int) -> TaxLayout:
    tax = offers_file.tax
    locations = list(tax.locations.values()) if tax else []
    row = 5
    setting_row = {}
    for key in SETTING_KEYS:
        setting_row[key] = row
        row += 1
    federal_header = row + 1
    federal_count = max(len(b) for b in FEDERAL_BRACKETS.values()) + FEDERAL_SPARE_ROWS
    federal_rows = [federal_header + 1 + n for n in range(federal_count)]
    row = federal_rows[-1] + 1
    federal_row = {}
    for key in FEDERAL_KEYS:
        federal_row[key] = row
        row += 1

    slots = max(LOCATION_SLOTS_MIN, len(locations) + LOCATION_SPARE_SLOTS)
    brackets = max(BRACKET_ROWS_MIN, max((len(l.brackets) for l in locations), default=0) + BRACKET_SPARE_ROWS)
    payroll = max(PAYROLL_ROWS_MIN, max((len(l.payroll) for l in locations), default=0) + PAYROLL_SPARE_ROWS)
    locations_header = row + 1
    names_row = locations_header + 1
    deduction_row = names_row + 1
    bracket_rows = [deduction_row + 2 + n for n in range(brackets)]  # a "from / rate" heading row first
    payroll_rows = [bracket_rows[-1] + 2 + n for n in range(payroll)]  # a "rate / cap" heading row first
    step_rows = [payroll_rows[-1] + 3 + n for n in range(brackets)]  # a section heading and a column heading
    row = step_rows[-1] + 2
    choices_col = 2 + 2 * slots + 1

    years_header = row + 1
    year_rows = {}
    row = years_header + 1
    for i in range(offers):
        for y in range(1, years + 1):
            year_rows[(i, y)] = row
            row += 1
    row += 2
    tax_year_rows = [row + y for y in range(years)]  # its heading above
    row = tax_year_rows[-1] + 3
    after_tax_year_rows = [row + y for y in range(years)]
    row = after_tax_year_rows[-1] + 1
    result_row = {key: row + n for n, key in enumerate(RESULT_KEYS)}
    gap_row = row + len(RESULT_KEYS) + 1
    return TaxLayout(setting_row, federal_header, federal_rows, federal_row, locations_header, names_row,
                     deduction_row, bracket_rows, payroll_rows, step_rows, slots, choices_col, years_header, year_rows,
                     tax_year_rows, after_tax_year_rows, result_row, gap_row)
