"""Where the Tax sheet's tables sit: the settings, the federal tables, the location tables in a
regular grid (four columns per location, the same rows for every location, so one formula picks
any location's cells by its column), the figures by offer and year, the results and the checks.

Rows of the location grid come from `xlmodel.tax_grid`; below them, for each location, the
tables of the filing status in use in numbers only (running bounds and rates, their steps), which
the yearly formulas sum with SUMPRODUCT over every location's columns at once."""
from __future__ import annotations

from dataclasses import dataclass

from .. import tax_grid
from ..engine.tax import FEDERAL_BRACKETS
from ..inputs import schema
from ..model import OffersFile

# The switch, every key of the offers file's [tax] table (the schema's), then the year of the tables.
SETTING_KEYS = ("tax",) + tuple(f"tax.{key}" for key in schema.TAX.keys()) + ("tax.table_year",)
JOINT_LABEL = "Calculated: filing status column (0 single, 1 joint)"
FEDERAL_KEYS = ("federal.standard_deduction", "federal.additional_medicare_threshold",
                "federal.social_security_rate", "federal.social_security_wage_base", "federal.medicare_rate",
                "federal.additional_medicare_rate", "federal.salt_cap", "federal.salt_phaseout_threshold",
                "federal.salt_phaseout_rate", "federal.salt_floor", "federal.itemized_limitation_rate")
FEDERAL_SPARE_ROWS = 3
LOCATION_SLOTS_MIN, LOCATION_SPARE_SLOTS = 3, 2
LOCATIONS_KEY = "tax.locations"
DEDUCTION_KEY = "deduction"
CHOICES_HEADING = "tax_location choices"

# The tables of the filing status in use, per location: a bracket table's running lower bound,
# running rate, rate step and bound step; a step table's running "from", running value and step.
BRACKET_USE = ("bound", "rate", "step", "bound_step")
STEP_USE = ("from", "value", "step")


def bracket_tables(sizes: tax_grid.Sizes) -> list[tuple[str, str, int]]:
    """(name, input row prefix without the status, rows) of every bracket table."""
    tables = [("brackets", "brackets", sizes.lists["brackets"]),
              ("local_brackets", "local_brackets", sizes.lists["local_brackets"])]
    tables += [(f"credits.{k}.brackets", tax_grid.credit_key(k, "brackets"), sizes.credit_brackets)
               for k in range(1, sizes.credits + 1)]
    return tables


# Step tables: (name, input row prefix without the status, which cell holds the value).
STEP_TABLES = (("federal_tax_subtraction", "federal_tax_subtraction", 1), ("recapture_base", "recapture", 1),
               ("recapture_increment", "recapture", 2))

# The yearly tables, one row per offer and employment year (column A names the offer).
FEDERAL_COLUMNS = ("year", "wages", "cashflows_total", "index", "standard_deduction", "standard_taxable",
                   "standard_federal", "location_slot", "location_payroll", "deductible_payroll", "salt_income_taxes",
                   "salt_cap", "salt", "other_itemized", "limitation", "itemized", "itemizes", "deduction",
                   "federal_taxable", "federal", "social_security", "medicare", "additional_medicare")


def location_columns(credits: int) -> tuple[str, ...]:
    """The columns of the location's income tax tables (once with the federal standard deduction,
    once as filed)."""
    columns = ["federal_deduction", "federal_itemizes", "federal_taxable", "federal_tax", "addbacks", "base",
               "subtraction", "standard", "deduction", "exemption", "taxable", "brackets", "bracket_start",
               "recapture_phase", "recapture", "surtax"]
    for k in range(1, credits + 1):
        columns += [f"credit_{k}_gross", f"credit_{k}"]
    return tuple(columns + ["state", "local_brackets", "local"])


TOTAL_COLUMNS = ("total", "after_tax", "kept", "after_tax_pv", "reconciles")
RESULT_KEYS = ("after_tax_total", "after_tax_pv")
YEAR_SECTIONS = ("federal", "estimate", "filed", "totals")


def federal_key(n: int) -> str:
    return f"federal.brackets.{n}"


@dataclass
class TaxLayout:
    setting_row: dict[str, int]
    joint_row: int  # J: 1 for joint filers, 0 for single: the offset of the joint cell of a pair
    federal_header: int
    federal_rows: list[int]  # bracket rows: B single from, C rate, D joint from, E rate; F..H in use
    federal_row: dict[str, int]  # FEDERAL_KEYS -> row (B single or the value, D joint, F in use)
    locations_header: int
    names_row: int
    sizes: tax_grid.Sizes
    grid_row: dict[str, int]  # every input row key of the location grid -> row
    use_header: int
    bracket_use: dict[str, list[int]]  # bracket table -> its in-use rows
    step_use: dict[str, list[int]]  # step table -> its in-use rows
    payroll_use: list[int]  # rate, cap, deductible (1/0)
    surtax_use: list[int]  # threshold, rate
    top_rate_row: int
    match_rows: list[int]  # per offer: TRUE in the first column of the location it names
    slots: int
    choices_col: int  # the drop-down list of tax_location: "none", each location's name, the shipped names
    choices: int  # how many names the list holds below "none"
    sections: dict[str, int]  # YEAR_SECTIONS -> heading row
    year_rows: dict[tuple[str, int, int], int]  # (section, offer, year 1..) -> row
    location_columns: tuple[str, ...]
    tax_year_rows: list[int]  # T_y, years by offers
    after_tax_year_rows: list[int]  # W_y - T_y, years by offers
    deduction_year_rows: list[int]  # the federal deduction taken, years by offers
    result_row: dict[str, int]
    gap_row: int
    check_row: int  # per offer: the wages reconcile with the Cashflows year totals
    last_row: int

    def slot_col(self, slot: int) -> int:
        """The first column of location slot 1, 2, ..."""
        return 2 + tax_grid.WIDTH * (slot - 1)

    @property
    def last_slot_col(self) -> int:
        return self.slot_col(self.slots) + tax_grid.WIDTH - 1

    @property
    def note_col(self) -> int:
        """What the cells of each location row hold, right of the last slot past the columns the
        shifted grids of the yearly formulas reach (which must hold no text)."""
        return self.last_slot_col + tax_grid.WIDTH

    def year_col(self, section: str, what: str) -> int:
        columns = {"federal": FEDERAL_COLUMNS, "estimate": self.location_columns, "filed": self.location_columns,
                   "totals": TOTAL_COLUMNS}[section]
        return 2 + columns.index(what)

    @property
    def last_col(self) -> int:
        return max(self.choices_col, 1 + len(FEDERAL_COLUMNS), 1 + len(self.location_columns))


def plan_tax(offers_file: OffersFile, offers: int, years: int) -> TaxLayout:
    from ..inputs.shipped_locations import shipped_names
    tax = offers_file.tax
    locations = list(tax.locations.values()) if tax else []
    row = 5
    setting_row = {}
    for key in SETTING_KEYS:
        setting_row[key] = row
        row += 1
    joint_row = row
    federal_header = row + 2
    federal_count = max(len(b) for b in FEDERAL_BRACKETS.values()) + FEDERAL_SPARE_ROWS
    federal_rows = [federal_header + 1 + n for n in range(federal_count)]
    row = federal_rows[-1] + 1
    federal_row = {}
    for key in FEDERAL_KEYS:
        federal_row[key] = row
        row += 1

    slots = max(LOCATION_SLOTS_MIN, len(locations) + LOCATION_SPARE_SLOTS)
    sizes = tax_grid.Sizes.of(locations)
    locations_header = row + 1
    names_row = locations_header + 1
    row = names_row + 1
    grid_row = {}
    for key in tax_grid.location_cells(None, sizes):
        grid_row[key] = row
        row += 1
    use_header = row + 1
    row = use_header + 1
    bracket_use, step_use = {}, {}
    for name, _, count in bracket_tables(sizes):
        bracket_use[name] = list(range(row, row + count))
        row += count
    for name, prefix, _ in STEP_TABLES:
        count = sizes.lists[prefix]
        step_use[name] = list(range(row, row + count))
        row += count
    payroll_use = list(range(row, row + sizes.lists["payroll"]))
    row += len(payroll_use)
    surtax_use = list(range(row, row + sizes.lists["surtax"]))
    row += len(surtax_use)
    top_rate_row = row
    row += 2
    match_rows = list(range(row, row + offers))
    row += offers
    choices = slots + len([n for n in shipped_names() if n not in (tax.locations if tax else {})])
    choices_col = 2 + tax_grid.WIDTH * slots + tax_grid.WIDTH + 1  # two columns right of the notes

    columns = location_columns(sizes.credits)
    sections, year_rows = {}, {}
    row += 2
    for section in YEAR_SECTIONS:
        sections[section] = row
        row += 1
        for i in range(offers):
            for y in range(1, years + 1):
                year_rows[(section, i, y)] = row
                row += 1
        row += 2
    tax_year_rows = [row + 1 + y for y in range(years)]  # a heading above
    row = tax_year_rows[-1] + 3
    after_tax_year_rows = [row + y for y in range(years)]
    row = after_tax_year_rows[-1] + 3
    deduction_year_rows = [row + y for y in range(years)]
    row = deduction_year_rows[-1] + 2
    result_row = {key: row + n for n, key in enumerate(RESULT_KEYS)}
    gap_row = row + len(RESULT_KEYS) + 1
    check_row = gap_row + 3
    return TaxLayout(setting_row, joint_row, federal_header, federal_rows, federal_row, locations_header, names_row,
                     sizes, grid_row, use_header, bracket_use, step_use, payroll_use, surtax_use, top_rate_row, match_rows, slots,
                     choices_col, choices, sections, year_rows, columns, tax_year_rows, after_tax_year_rows,
                     deduction_year_rows, result_row, gap_row, check_row, check_row)
