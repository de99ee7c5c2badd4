"""After-tax figures: hand-worked years, the caps and thresholds, indexation, locations, the PV scaling."""
from __future__ import annotations

import re
import tomllib

import pytest

from conftest import REPO, TEMPLATE, cli_json, model_table, offer_value
from xlmodel.engine import tax
from xlmodel.engine import value_all
from xlmodel.model import TaxLocation, TaxSettings
from xlmodel.inputs.offers_file import load_offers

SAMPLE = REPO / "samples" / "seattle_vs_sf.toml"
LOCATIONS = REPO / "templates" / "tax_locations.toml"


def approx(x):
    return pytest.approx(x, rel=1e-12, abs=1e-6)


def salary_only(base: float, *, years: int = 1, rate: float = 0.0, tax_table: str = "[tax]\n",
                location: str = "none", start: str = "2027-01-04") -> str:
    """One offer paying `base` a year in equal months, no raise; W_y = base in every year."""
    return (model_table(years, rate).replace("2027-01-04", start)
            + f'[[offers]]\nname = "Job"\nbase = {base}\ntax_location = "{location}"\n' + tax_table)


def year1(valuate, text: str) -> tax.YearTax:
    return offer_value(valuate(text), "Job").after_tax.by_year[0]


# --- hand-worked years ----------------------------------------------------------------------------

def test_a_single_filers_year_bracket_by_bracket(valuate):
    # W = 250,000, single, 2027 with no indexation (I = 1).
    # Taxable: 250,000 - 16,100 = 233,900.
    #   10% x 12,400                        =  1,240
    #   12% x (50,400 - 12,400)  = 38,000   =  4,560
    #   22% x (105,700 - 50,400) = 55,300   = 12,166
    #   24% x (201,775 - 105,700) = 96,075  = 23,058
    #   32% x (233,900 - 201,775) = 32,125  = 10,280
    #   federal                              = 51,304
    # Social security 6.2% x 184,500 (capped) = 11,439; Medicare 1.45% x 250,000 = 3,625;
    # additional Medicare 0.9% x (250,000 - 200,000) = 450.  T = 66,818.
    year = year1(valuate, salary_only(250000))
    assert year.wages == approx(250000)
    assert year.federal == approx(51304)
    assert (year.social_security, year.medicare, year.additional_medicare) == (approx(11439), approx(3625), approx(450))
    assert year.location == 0
    assert year.total == approx(66818)
    assert year.after_tax == approx(250000 - 66818)


def test_a_joint_filers_year_bracket_by_bracket(valuate):
    # W = 450,000, joint. Taxable: 450,000 - 32,200 = 417,800.
    #   10% x 24,800                         =  2,480
    #   12% x (100,800 - 24,800)  = 76,000   =  9,120
    #   22% x (211,400 - 100,800) = 110,600  = 24,332
    #   24% x (403,550 - 211,400) = 192,150  = 46,116
    #   32% x (417,800 - 403,550) = 14,250   =  4,560
    #   federal                               = 86,608
    # Social security 11,439 (capped); Medicare 1.45% x 450,000 = 6,525;
    # additional Medicare 0.9% x (450,000 - 250,000) = 1,800.  T = 106,372.
    year = year1(valuate, salary_only(450000, tax_table='[tax]\nfiling_status = "joint"\n'))
    assert year.federal == approx(86608)
    assert year.additional_medicare == approx(1800)
    assert year.total == approx(106372)
    data = offer_value(valuate(salary_only(450000, tax_table='[tax]\nfiling_status = "joint"\n')), "Job")
    assert data.after_tax.taxes == [approx(106372)]
    assert data.after_tax.years == [approx(450000 - 106372)]


def test_wages_below_the_standard_deduction_owe_no_income_tax():
    assert tax.federal_income_tax(16100) == 0
    assert tax.federal_income_tax(16100 + 1000) == approx(100)          # 10% of the first 1,000 taxable
    assert tax.federal_income_tax(32200, "joint") == 0


# --- payroll caps and thresholds ----------------------------------------------------------------

def test_social_security_stops_at_the_wage_base():
    assert tax.social_security_tax(100000) == approx(6200)
    assert tax.social_security_tax(184500) == approx(11439)
    assert tax.social_security_tax(400000) == approx(11439)             # 6.2% x 184,500, no more
    assert tax.social_security_tax(400000, index=1.1) == approx(0.062 * 202950)   # the cap is indexed


def test_additional_medicare_starts_above_its_threshold_by_filing_status():
    assert tax.additional_medicare_tax(200000) == 0
    assert tax.additional_medicare_tax(210000) == approx(90)            # 0.9% x 10,000
    assert tax.additional_medicare_tax(210000, "joint") == 0
    assert tax.additional_medicare_tax(260000, "joint") == approx(90)
    assert tax.medicare_tax(210000) == approx(3045)                      # 1.45% on every dollar


def test_the_additional_medicare_threshold_is_not_indexed(valuate):
    text = salary_only(250000, years=2, tax_table="[tax]\nindexation = 0.5\n")
    for year in offer_value(valuate(text), "Job").after_tax.by_year:
        assert year.additional_medicare == approx(450)                   # 0.9% x (250,000 - 200,000) both years


# --- indexation -----------------------------------------------------------------------------------

def test_indexation_factor_counts_calendar_years_from_2026():
    assert tax.indexation_factor(0.03, 2026, 1) == 1
    assert tax.indexation_factor(0.03, 2027, 1) == approx(1.03)
    assert tax.indexation_factor(0.03, 2027, 2) == approx(1.03 ** 2)
    assert tax.indexation_factor(0.0, 2031, 4) == 1


def test_a_year_2_figure_with_indexed_bounds(valuate):
    # Start 2027, indexation 3%: year 2 is calendar 2028, I = 1.03^2 = 1.0609. W = 120,000 single.
    # Deduction 16,100 x 1.0609 = 17,080.49; taxable 102,919.51.
    # Bounds: 12,400 x 1.0609 = 13,155.16; 50,400 x 1.0609 = 53,469.36.
    #   10% x 13,155.16                          =  1,315.516
    #   12% x (53,469.36 - 13,155.16) = 40,314.20 =  4,837.704
    #   22% x (102,919.51 - 53,469.36) = 49,450.15 = 10,879.033
    #   federal                                   = 17,032.253
    # Social security 6.2% x 120,000 = 7,440 (below 184,500 x 1.0609); Medicare 1,740.  T = 26,212.253.
    text = salary_only(120000, years=2, tax_table="[tax]\nindexation = 0.03\n")
    year2 = offer_value(valuate(text), "Job").after_tax.by_year[1]
    assert year2.index == approx(1.0609)
    assert year2.federal == approx(17032.253)
    assert year2.total == approx(26212.253)


def test_an_indexed_wage_cap_in_year_2(valuate):
    # Year 2 of a 2027 start at 3%: the social security cap is 184,500 x 1.0609 = 195,736.05.
    text = salary_only(300000, years=2, tax_table="[tax]\nindexation = 0.03\n")
    year2 = offer_value(valuate(text), "Job").after_tax.by_year[1]
    assert year2.social_security == approx(0.062 * 195736.05)


# --- locations ------------------------------------------------------------------------------------

def test_a_location_with_brackets_a_deduction_and_a_capped_payroll_tax(valuate):
    # W = 150,000. Income: (150,000 - 5,000) taxable: 1% x 10,000 + 5% x 135,000 = 100 + 6,750 = 6,850.
    # Payroll: 1% up to 100,000 = 1,000, plus 0.5% with no cap x 150,000 = 750.  Location = 8,600.
    table = ("[tax]\n[tax.locations.Here]\nbrackets = [[0, 0.01], [10000, 0.05]]\ndeduction = 5000\n"
             "payroll = [[0.01, 100000], [0.005, 0]]\n")
    year = year1(valuate, salary_only(150000, tax_table=table, location="Here"))
    assert year.location_income == approx(6850)
    assert year.location_payroll == approx(1750)
    assert year.total == approx(tax.year_tax(150000).total + 8600)


def test_a_location_payroll_cap_is_indexed(valuate):
    # Year 2 at 3%: the cap 100,000 x 1.0609 = 106,090; 1% of it = 1,060.90.
    table = "[tax]\nindexation = 0.03\n[tax.locations.Here]\nbrackets = [[0, 0]]\npayroll = [[0.01, 100000]]\n"
    text = salary_only(150000, years=2, tax_table=table, location="Here")
    assert offer_value(valuate(text), "Job").after_tax.by_year[1].location_payroll == approx(1060.90)


def test_location_none_adds_nothing():
    assert tax.location_income_tax(500000, None) == 0
    assert tax.location_payroll_tax(500000, None) == 0


# --- W_y = 0 and the present value --------------------------------------------------------------

def test_a_year_without_pay_has_no_tax_and_a_scale_of_0(valuate):
    # All pay is one RSU tranche at month 12: year 2 pays nothing.
    text = (model_table(2, 0.05) + '[[offers]]\nname = "Job"\nbase = 0\n[offers.equity]\ntype = "rsu"\n'
            'grant_value = 100000\nprice = 10\nschedule = { tranches = [[12, 1.0]] }\n[tax]\n')
    after = offer_value(valuate(text), "Job").after_tax
    assert after.by_year[1].wages == 0
    assert after.taxes[1] == 0 and after.years[1] == 0
    assert after.by_year[1].scale == 0
    assert tax.year_tax(0).scale == 0
    # Year 1: W = 100,000 at month 12. Taxable 83,900: 10% x 12,400 + 12% x 38,000 + 22% x 33,500
    # = 1,240 + 4,560 + 7,370 = 13,170; payroll 7.65% x 100,000 = 7,650; T = 20,820.
    # The PV is (100,000 - 20,820) x 1.05^-1.
    assert after.taxes[0] == approx(20820)
    assert after.pv == approx((100000 - 20820) / 1.05)


def test_after_tax_pv_scales_each_month_by_its_years_share_kept(valuate):
    # Two years of 120,000 and 240,000 (a 100% raise), 6% discount: every month of year y is scaled
    # by 1 - T_y / W_y and discounted at (1.06)^(-m/12).
    text = (model_table(2, 0.06) + '[[offers]]\nname = "Job"\nbase = 120000\nannual_raise = 1.0\n[tax]\n')
    after = offer_value(valuate(text), "Job").after_tax
    t1, t2 = tax.year_tax(120000, index=1.0).total, tax.year_tax(240000, index=1.0).total
    expected = (sum(10000 * (1 - t1 / 120000) * 1.06 ** (-m / 12) for m in range(1, 13))
                + sum(20000 * (1 - t2 / 240000) * 1.06 ** (-m / 12) for m in range(13, 25)))
    assert after.pv == approx(expected)
    assert after.total == approx(120000 - t1 + 240000 - t2)


def test_after_tax_figures_add_up_and_stay_below_the_pre_tax_ones():
    for offer in value_all(load_offers(SAMPLE)).offers:
        after = offer.after_tax
        assert [a + t for a, t in zip(after.years, after.taxes)] == [approx(w) for w in offer.years]
        assert after.total == approx(sum(after.years))
        assert 0 < after.pv < offer.pv


# --- the negotiation and the JSON ---------------------------------------------------------------

def test_without_a_tax_table_there_are_no_after_tax_figures(valuate):
    valuation = valuate(model_table(1) + '[[offers]]\nname = "A"\nbase = 1\n[[offers]]\nname = "B"\nbase = 2\n')
    assert all(v.after_tax is None for v in valuation.offers)
    assert valuation.negotiation.after_tax_gap is None
    data = valuation.as_json()
    assert [o["after_tax"] for o in data["offers"]] == [None, None]
    assert data["negotiation"]["after_tax_gap"] is None


def test_a_single_offer_has_an_after_tax_gap_of_0(valuate):
    assert valuate(salary_only(100000)).negotiation.after_tax_gap == 0


def test_the_after_tax_gap_uses_the_pre_tax_alternative(valuate):
    text = (model_table(1) + 'target = "T"\n'
            '[[offers]]\nname = "T"\nbase = 100000\n'
            '[[offers]]\nname = "Big"\nbase = 150000\ntax_location = "High"\n'
            '[[offers]]\nname = "Mid"\nbase = 140000\n'
            '[tax]\ndeductions = "standard"\n[tax.locations.High]\nbrackets = [[0, 0.2]]\n')
    valuation = valuate(text)
    values = {v.name: v for v in valuation.offers}
    assert valuation.negotiation.alternative == "Big"          # the highest PV before tax ...
    assert values["Mid"].after_tax.pv > values["Big"].after_tax.pv   # ... though not after tax
    # After tax: T keeps 100,000 - 20,820 = 79,180; Big keeps 150,000 - 36,209 (federal and payroll)
    # - 30,000 (20% location) = 83,791; the gap is 4,611.
    assert values["T"].after_tax.pv == approx(79180)
    assert values["Big"].after_tax.pv == approx(83791)
    assert valuation.negotiation.after_tax_gap == approx(4611)


def test_json_carries_after_tax_per_offer_and_the_gap():
    data = cli_json(SAMPLE)
    for offer in data["offers"]:
        assert set(offer["after_tax"]) == {"years", "taxes", "total", "pv"}
        assert len(offer["after_tax"]["years"]) == len(offer["years"]) == len(offer["after_tax"]["taxes"])
    assert data["negotiation"]["after_tax_gap"] == 0


# --- the Seattle vs San Francisco sample: the lead flips after tax -------------------------------

def test_the_pre_tax_leader_loses_after_tax_because_of_state_tax(tmp_path):
    valuation = value_all(load_offers(SAMPLE))
    amazon, sf = offer_value(valuation, "Amazon"), offer_value(valuation, "Harbor AI")
    assert sf.pv > amazon.pv and valuation.negotiation.gap > 0
    assert amazon.after_tax.pv > sf.after_tax.pv
    assert valuation.negotiation.after_tax_gap == 0
    # With both offers placed nowhere (federal tax only) the San Francisco offer still leads after
    # tax: it is California's tax that turns the comparison.
    stateless = tmp_path / "stateless.toml"
    stateless.write_text(re.sub(r'tax_location = ".*"', 'tax_location = "none"', SAMPLE.read_text()))
    nowhere = value_all(load_offers(stateless))
    assert offer_value(nowhere, "Harbor AI").after_tax.pv > offer_value(nowhere, "Amazon").after_tax.pv


def test_text_report_shows_after_tax_figures_and_gap(tmp_path):
    from conftest import run_cli
    result = run_cli("value", SAMPLE)
    assert result.returncode == 0, result.stderr
    for text in ("After tax (single filer", "Year 1: after tax", "Present value: after tax",
                 "Amazon leads Harbor AI after tax by", "Year 1: federal deduction", "itemized", "CA"):
        assert text in result.stdout
    plain = run_cli("value", REPO / "samples" / "amazon_vs_startup.toml").stdout
    assert "After tax (" not in plain and "n/a (no [tax] table)" in plain


# --- the federal deduction: itemizing, the cap on state and local taxes, the limitation -----------

def test_the_salt_cap_falls_above_505000_and_stops_at_10000():
    assert tax.salt_cap(500_000) == approx(40_400)
    assert tax.salt_cap(600_000) == approx(40_400 - 0.3 * 95_000)       # 11,900
    assert tax.salt_cap(610_000) == approx(10_000)                       # 40,400 - 31,500, below the floor
    assert tax.salt_cap(2_000_000) == approx(10_000)
    assert tax.salt_cap(600_000, index=1.1) == approx(44_440 - 0.3 * (600_000 - 555_500))   # all indexed


def test_the_itemized_limitation_takes_2_37_above_the_top_bracket():
    assert tax.itemized_limitation(50_000, 600_000) == 0                 # below 640,600
    assert tax.itemized_limitation(50_000, 660_600) == approx(2 / 37 * 20_000)
    assert tax.itemized_limitation(50_000, 2_000_000) == approx(2 / 37 * 50_000)
    assert tax.itemized_limitation(50_000, 800_000, "joint") == approx(2 / 37 * 31_300)


TEN_PERCENT = "[tax.locations.Ten]\nbrackets = [[0, 0.10]]\n"


def test_best_itemizes_the_state_tax_when_it_beats_the_standard_deduction(valuate):
    # W = 300,000 in a 10% location: 30,000 of state tax (under the 40,400 cap) beats 16,100.
    # Federal on 270,000 = 63,269.25 (the 35% bracket from 256,225); with the standard deduction,
    # on 283,900: 68,134.25. Itemizing saves 35% x 13,900 = 4,865.
    best = year1(valuate, salary_only(300000, tax_table="[tax]\n" + TEN_PERCENT, location="Ten"))
    assert best.itemizes and best.salt == approx(30_000) and best.deduction == approx(30_000)
    assert best.federal == approx(63_269.25)
    standard = year1(valuate, salary_only(300000, tax_table='[tax]\ndeductions = "standard"\n' + TEN_PERCENT,
                                          location="Ten"))
    assert not standard.itemizes and standard.federal == approx(68_134.25)
    assert standard.total - best.total == approx(4_865)


def test_other_itemized_deductions_add_to_the_capped_state_tax(valuate):
    # W = 600,000: the cap is 11,900, below the 60,000 of state tax; plus 20,000 of mortgage interest,
    # 31,900 itemized (no limitation below 640,600).
    table = "[tax]\nother_itemized = 20000\n" + TEN_PERCENT
    year = year1(valuate, salary_only(600000, tax_table=table, location="Ten"))
    assert year.salt == approx(11_900) and year.itemized == approx(31_900) and year.itemizes


def test_itemized_forced_is_taken_even_when_smaller(valuate):
    year = year1(valuate, salary_only(100000, tax_table='[tax]\ndeductions = "itemized"\n'))
    assert year.itemizes and year.deduction == 0                          # no state tax, nothing else
    assert year.federal == approx(tax.bracket_tax(100000, tax.FEDERAL_BRACKETS["single"]))


def test_deductible_payroll_taxes_count_with_the_state_income_tax(valuate):
    table = ('[tax]\n[tax.locations.P]\nbrackets = [[0, 0.05]]\n'
             'payroll = [{ rate = 0.01, deductible = true }, { rate = 0.02 }]\n')
    year = year1(valuate, salary_only(400000, tax_table=table, location="P"))
    assert year.deductible_payroll == approx(4_000) and year.location_payroll == approx(12_000)
    assert year.salt == approx(20_000 + 4_000)


# --- the shipped locations ------------------------------------------------------------------------

SHIPPED = ("WA", "TX", "FL", "NV", "CA", "NY", "NY-NYC", "MA", "IL", "CO", "GA", "OR", "NJ", "VA", "NC")


def shipped_tables() -> dict:
    return tomllib.loads(LOCATIONS.read_text())["tax"]["locations"]


def test_every_shipped_location_works_by_name_without_a_table(tmp_path):
    offers = "".join(f'[[offers]]\nname = "{n}"\nbase = 300000\ntax_location = "{n}"\n' for n in SHIPPED)
    path = tmp_path / "offers.toml"
    path.write_text(model_table(1) + offers + '[tax]\nfiling_status = "joint"\n')
    offers_file = load_offers(path)
    assert list(offers_file.tax.locations) == list(SHIPPED)
    assert set(shipped_tables()) == set(SHIPPED)
    for offer in value_all(offers_file).offers:
        assert offer.after_tax.taxes[0] > 0


def test_a_table_of_the_same_name_replaces_the_shipped_one(valuate):
    table = "[tax]\n[tax.locations.CA]\nbrackets = [[0, 0.5]]\n"
    year = year1(valuate, salary_only(100000, tax_table=table, location="CA"))
    assert year.state_income == approx(50_000) and year.location_payroll == 0


def test_only_the_shipped_locations_the_offers_name_are_listed(valuate):
    valuation_file = load_offers(SAMPLE)
    assert list(valuation_file.tax.locations) == ["WA", "CA"]


def test_californias_2026_tables_are_2025s_uprated_with_the_exemption_credit_and_the_surtax():
    from xlmodel.inputs.shipped_locations import shipped_locations
    california = shipped_locations()["CA"]
    # 2025's FTB Schedule X lower bounds times 1.0226629 (PolicyEngine's ratio to more digits), to 2 cents.
    schedule_x_2025 = (0, 11079, 26264, 41452, 57542, 72724, 371479, 445771, 742953)
    assert [b for b, _ in california.brackets.single] == [pytest.approx(b * 1.0226629, abs=0.02)
                                                          for b in schedule_x_2025]
    assert california.brackets.joint[-1] == (1519580.96, 0.123)           # no 1% bracket: a surtax
    assert california.surtax == ((1_000_000, 0.01),)
    # The personal exemption credit at 300,000 single: 156.47 less $6 for each of the 17 steps of
    # $2,500 (or part) above 257,918.65: 54.47. The single return's tax is net of it.
    credit, = california.credits
    assert tax.credit_value(credit, 300_000, 290_000, "single", 1.0, False) == approx(156.47 - 6 * 17)
    assert tax.credit_value(credit, 300_000, 290_000, "joint", 1.0, False) == approx(312.93)
    assert tax.credit_value(credit, 400_000, 390_000, "single", 1.0, False) == 0


def test_the_californian_surtax_threshold_is_not_indexed(valuate):
    # With 10% indexation from 2026, a year 2 (calendar 2028) of 1,500,000 still pays 1% of the
    # taxable income above 1,000,000 (not above 1,210,000).
    text = salary_only(1_500_000, years=2, tax_table="[tax]\nindexation = 0.1\n", location="CA", start="2027-01-04")
    year2 = offer_value(valuate(text), "Job").after_tax.by_year[1]
    assert year2.filed.surtax == approx(0.01 * (year2.filed.taxable - 1_000_000))


def test_new_yorks_recapture_and_new_york_citys_credits(valuate):
    # NY single, 300,000: taxable 292,000 in the 6.85% bracket (from 215,400); the recapture phases
    # in over 50,000 of income from 215,400: complete at 300,000, so 567 + 2,047 = 2,614 (the
    # PolicyEngine figure). New York City: no school tax credit above 250,000 of income; its rate
    # reduction (under 500,000): 0.171% x 12,000 + 0.228% x 280,000 = 658.92.
    text = salary_only(300000, tax_table='[tax]\ndeductions = "standard"\n', location="NY-NYC")
    year = year1(valuate, text)
    assert year.filed.taxable == approx(292_000) and year.filed.recapture == approx(2_614)
    assert year.filed.credits == (0.0, approx(658.92))
    assert year.filed.local == approx(year.filed.local_brackets - 658.92)


def test_an_unknown_location_names_the_key_and_suggests_a_close_name(tmp_path):
    from xlmodel.errors import InputError
    path = tmp_path / "offers.toml"
    path.write_text(model_table(1) + '[[offers]]\nname = "Job"\nbase = 1\ntax_location = "NY_NYC"\n[tax]\n')
    with pytest.raises(InputError) as caught:
        load_offers(path)
    message = str(caught.value)
    assert "offers[0].tax_location" in message and "did you mean 'NY-NYC'?" in message


def test_every_shipped_table_has_its_year_and_source_beside_it():
    text = LOCATIONS.read_text()
    tables = shipped_tables()
    for name in SHIPPED:
        header = re.search(rf"^\[tax\.locations\.{re.escape(name)}\]", text, re.M).start()
        comment = text[max(0, text.rfind("\n\n", 0, header - 2)):header]
        assert re.search(r"https?://|Constitution|RCW|Code|ORS|ILCS|C\.R\.S\.|M\.G\.L\.", comment), f"{name}: no source"
        assert re.search(r"20\d\d", comment + tables[name]["source"]) or name in ("TX", "FL", "NV"), f"{name}: no year"
        assert tables[name]["source"], f"{name}: no source key"


@pytest.mark.parametrize("path", [TEMPLATE, SAMPLE], ids=lambda p: p.name)
def test_the_template_and_the_sample_name_shipped_locations_without_copying_them(path):
    data = tomllib.loads(path.read_text())
    assert "locations" not in data["tax"]
    assert {o.get("tax_location") for o in data["offers"]} <= set(SHIPPED) | {None, "none"}


def test_a_location_table_from_the_engines_functions_directly():
    # The public pieces used alone, as a spreadsheet function would: Washington's payroll at 250,000:
    # WA Cares 0.58% x 250,000 = 1,450; family leave 0.807159% x 184,500 = 1,489.208355.
    washington = TaxLocation("WA", ((0, 0),), 0, ((0.0058, 0), (0.00807159, 184500)))
    assert tax.location_payroll_tax(250000, washington) == approx(1450 + 1489.208355)
    settings = TaxSettings(locations={"WA": washington})
    after = tax.after_tax_value([250000 / 12] * 12, [250000 / 12] * 12, 2026, settings, "WA")
    assert after.taxes == [approx(66818 + 1450 + 1489.208355)]   # the single year worked above, plus WA
