"""Make tests/data/policyengine_2026.csv: PolicyEngine-US's taxes on W-2 wages in 2026, the
reference the shipped location tables are checked against (tests/test_tax_reference.py).

    pip install policyengine-us      # about 860 MB; the tests never need it
    python scripts/make_tax_reference.py [-o tests/data/policyengine_2026.csv]

One earner aged 35 (a joint return adds a spouse with no income), wages only, for every shipped
location, single and joint, at wages from $100,000 to $1,500,000, twice: with the standard
deduction forced (`tax_unit_itemizes` false) and with PolicyEngine free to itemize. Each row
holds the federal income tax, the employee's social security, Medicare and additional Medicare
taxes, the state and local income taxes, the employee's state payroll taxes, whether the return
itemizes and the SALT deduction PolicyEngine took. The first line names the package version.

Each (location, filing status, deduction rule) is one simulation of twelve households, about a
second each once the package has loaded (some 20 to 60 s).
"""
from __future__ import annotations

import argparse
import csv
import sys
from importlib import metadata
from pathlib import Path

YEAR = 2026
WAGES = (100_000, 150_000, 200_000, 250_000, 300_000, 400_000, 500_000, 600_000, 800_000, 1_000_000,
         1_200_000, 1_500_000)
# Each shipped location as PolicyEngine places a household: a state, and for New York City a county.
LOCATIONS = {
    "WA": ("WA", None), "TX": ("TX", None), "FL": ("FL", None), "NV": ("NV", None), "CA": ("CA", None),
    "NY": ("NY", None), "NY-NYC": ("NY", "NEW_YORK_COUNTY_NY"), "MA": ("MA", None), "IL": ("IL", None),
    "CO": ("CO", None), "GA": ("GA", None), "OR": ("OR", None), "NJ": ("NJ", None), "VA": ("VA", None),
    "NC": ("NC", None),
}
FILING_STATUSES = ("single", "joint")
DEDUCTIONS = {"standard": False, "best": None}  # tax_unit_itemizes forced false, or left to PolicyEngine
# Summed over the tax unit's members (Person variables) or read for it (TaxUnit variables).
TAXES = ("income_tax", "employee_social_security_tax", "employee_medicare_tax", "additional_medicare_tax",
         "state_income_tax", "local_income_tax", "employee_state_payroll_tax")
DETAILS = ("tax_unit_itemizes", "salt_deduction")
COLUMNS = ("location", "filing_status", "deductions", "wages") + TAXES + ("total",) + DETAILS
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "policyengine_2026.csv"


def situation(state: str, county, joint: bool, itemizes) -> dict:
    """Twelve households, one per wage level, each its own tax unit, family and SPM unit."""
    people, units = {}, {name: {} for name in ("tax_units", "families", "spm_units", "marital_units", "households")}
    for n, wages in enumerate(WAGES):
        members = [f"head{n}"]
        people[f"head{n}"] = {"age": {YEAR: 35}, "employment_income": {YEAR: wages}}
        if joint:
            members.append(f"spouse{n}")
            people[f"spouse{n}"] = {"age": {YEAR: 35}, "employment_income": {YEAR: 0}}
        tax_unit = {"members": members}
        if itemizes is not None:
            tax_unit["tax_unit_itemizes"] = {YEAR: itemizes}
        household = {"members": members, "state_code": {YEAR: state}}
        if county:
            household["county_str"] = {YEAR: county}
        units["tax_units"][f"tu{n}"] = tax_unit
        units["families"][f"f{n}"] = {"members": members}
        units["spm_units"][f"s{n}"] = {"members": members}
        units["marital_units"][f"m{n}"] = {"members": members}
        units["households"][f"h{n}"] = household
    return {"people": people, **units}


def rows_for(simulation_class, location: str, filing_status: str, deductions: str) -> list[dict]:
    state, county = LOCATIONS[location]
    simulation = simulation_class(situation=situation(state, county, filing_status == "joint", DEDUCTIONS[deductions]))
    figures = {name: simulation.calculate(name, YEAR, map_to="tax_unit") for name in TAXES + DETAILS}
    rows = []
    for n, wages in enumerate(WAGES):
        row = {"location": location, "filing_status": filing_status, "deductions": deductions, "wages": wages}
        for name in TAXES:
            row[name] = round(float(figures[name][n]), 2)
        row["total"] = round(sum(row[name] for name in TAXES), 2)
        row["tax_unit_itemizes"] = int(bool(figures["tax_unit_itemizes"][n]))
        row["salt_deduction"] = round(float(figures["salt_deduction"][n]), 2)
        rows.append(row)
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    from policyengine_us import Simulation
    version = metadata.version("policyengine-us")
    rows = []
    for location in LOCATIONS:
        for filing_status in FILING_STATUSES:
            for deductions in DEDUCTIONS:
                rows += rows_for(Simulation, location, filing_status, deductions)
                print(f"{location} {filing_status} {deductions}", file=sys.stderr, flush=True)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", newline="") as out:
        out.write(f"# policyengine-us {version}, tax year {YEAR}, W-2 wages of one earner (joint: a spouse "
                  f"with no income); made by scripts/make_tax_reference.py\n")
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
