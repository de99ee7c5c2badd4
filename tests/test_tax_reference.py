"""The engine's taxes against PolicyEngine-US (tests/data/policyengine_2026.csv, made once by
scripts/make_tax_reference.py with the package version in its first line): every shipped
location, single and joint, wages from $100,000 to $1,500,000.

With the standard deduction forced, the engine's total tax is within $1 of PolicyEngine's in
every case, and so is each part (federal income tax, payroll taxes, state and local income
taxes, state payroll taxes). Where itemizing is allowed the totals are within 2%: PolicyEngine
deducts the state tax it estimates from withholding and leaves out the mandatory disability and
family-leave contributions that the IRS counts as state income tax, which the engine deducts
(docs/tax.md gives the differences).
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from xlmodel.engine import tax
from xlmodel.inputs.shipped_locations import shipped_locations

REFERENCE = Path(__file__).resolve().parent / "data" / "policyengine_2026.csv"
SHIPPED = ("WA", "TX", "FL", "NV", "CA", "NY", "NY-NYC", "MA", "IL", "CO", "GA", "OR", "NJ", "VA", "NC")
DOLLAR = 1.0
ITEMIZING_SHARE = 0.02


def reference_rows() -> list[dict]:
    with REFERENCE.open() as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


ROWS = reference_rows()


def engine_year(row: dict) -> tax.YearTax:
    return tax.year_tax(float(row["wages"]), row["filing_status"], shipped_locations()[row["location"]], 1.0,
                        row["deductions"], 0.0)


def case_id(row: dict) -> str:
    return f"{row['location']}-{row['filing_status']}-{row['deductions']}-{row['wages']}"


def test_the_reference_names_its_version_and_covers_every_shipped_location():
    first = REFERENCE.read_text().splitlines()[0]
    assert first.startswith("# policyengine-us ") and "tax year 2026" in first
    assert {row["location"] for row in ROWS} == set(SHIPPED) == set(shipped_locations())
    assert {(row["filing_status"], row["deductions"]) for row in ROWS} == {
        (s, d) for s in ("single", "joint") for d in ("standard", "best")}


@pytest.mark.parametrize("row", [r for r in ROWS if r["deductions"] == "standard"], ids=case_id)
def test_with_the_standard_deduction_every_tax_is_within_a_dollar(row):
    year = engine_year(row)
    assert not year.itemizes
    parts = {
        "income_tax": year.federal,
        "employee_social_security_tax": year.social_security,
        "employee_medicare_tax": year.medicare,
        "additional_medicare_tax": year.additional_medicare,
        "state_income_tax": year.state_income,
        "local_income_tax": year.local_income,
        "employee_state_payroll_tax": year.location_payroll,
        "total": year.total,
    }
    for name, value in parts.items():
        assert value == pytest.approx(float(row[name]), abs=DOLLAR), name


@pytest.mark.parametrize("row", [r for r in ROWS if r["deductions"] == "best"], ids=case_id)
def test_where_itemizing_is_allowed_the_total_is_within_2_percent(row):
    year = engine_year(row)
    assert year.total == pytest.approx(float(row["total"]), rel=ITEMIZING_SHARE)
    # The payroll taxes do not depend on the deduction: to the dollar still.
    assert year.location_payroll == pytest.approx(float(row["employee_state_payroll_tax"]), abs=DOLLAR)


def test_itemizing_lowers_the_federal_tax_in_san_francisco_at_400000():
    # The case: at $400,000 in California a single filer itemizes; PolicyEngine's federal
    # income tax is about $6,000 below the standard deduction's. The engine saves that and 35% (the
    # bracket) of the State Disability Insurance it deducts too (1.3% x 400,000 = 5,200), which
    # PolicyEngine leaves out.
    rows = {r["deductions"]: r for r in ROWS if (r["location"], r["filing_status"], r["wages"]) == ("CA", "single", "400000")}
    saving = float(rows["standard"]["income_tax"]) - float(rows["best"]["income_tax"])
    assert 5_500 < saving < 7_000
    engine_saving = engine_year(rows["standard"]).federal - engine_year(rows["best"]).federal
    assert engine_saving == pytest.approx(saving + 0.35 * 5_200, abs=DOLLAR)
