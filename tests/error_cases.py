"""Bad offers files, each with the key path and the reason its error must name.

Shared by test_offers_file.py (the library) and test_cli.py (the command line).
Offers are indexed from 0, as in the file's array of [[offers]] tables.
"""
from __future__ import annotations

from dataclasses import dataclass

MODEL = """
[model]
start_date = 2027-01-04
horizon_years = 2
"""


def horizon(years) -> str:
    """MODEL with another horizon_years."""
    return MODEL.replace("horizon_years = 2", f"horizon_years = {years}")

OFFER_A = """
[[offers]]
name = "A"
base = 100000
"""


def equity_b(*lines: str, schedule: str = '"standard"') -> str:
    """A second offer, "B" (offers[1]), with an equity table: defaults plus `lines`."""
    keys = {"type": '"rsu"', "grant_value": "100000", "price": "50", "schedule": schedule}
    for line in lines:
        key, _, value = line.partition("=")
        keys[key.strip()] = value.strip()
    body = "\n".join(f"{k} = {v}" for k, v in keys.items() if v != "DROP")
    return f'\n[[offers]]\nname = "B"\nbase = 90000\n[offers.equity]\n{body}\n'


def fallback_a(*lines: str) -> str:
    """Offer "A" (offers[0]) with a fallback table: defaults plus `lines`."""
    keys = {"bump": "0.15", "after_months": "6", "probability": "0.6"}
    for line in lines:
        key, _, value = line.partition("=")
        keys[key.strip()] = value.strip()
    body = "\n".join(f"{k} = {v}" for k, v in keys.items() if v != "DROP")
    return OFFER_A + f"[offers.fallback]\n{body}\n"


def tax(*lines: str) -> str:
    """A [tax] table with `lines` (TOML text)."""
    return "\n[tax]\n" + "".join(f"{line}\n" for line in lines)


def location(*lines: str, name: str = "CA") -> str:
    """A [tax.locations.NAME] table with `lines` (TOML text)."""
    return f"[tax.locations.{name}]\n" + "".join(f"{line}\n" for line in lines)


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    key: str      # the key path, without the "(offer 'B')" label
    reason: str   # a fragment of the reason


CASES = [
    # --- missing required keys
    Case("missing-start-date", "[model]\nhorizon_years = 2\n" + OFFER_A, "model.start_date", "required"),
    Case("missing-horizon", "[model]\nstart_date = 2027-01-04\n" + OFFER_A, "model.horizon_years", "required"),
    Case("missing-model", OFFER_A, "model", "required"),
    Case("missing-offers", MODEL, "offers", "required"),
    Case("missing-name", MODEL + OFFER_A + "[[offers]]\nbase = 1\n", "offers[1].name", "required"),
    Case("missing-base", MODEL + OFFER_A + '[[offers]]\nname = "B"\n', "offers[1].base", "required"),
    Case("missing-equity-type", MODEL + OFFER_A + equity_b("type = DROP"), "offers[1].equity.type", "required"),
    Case("missing-equity-price", MODEL + OFFER_A + equity_b("price = DROP"), "offers[1].equity.price", "required"),
    Case("missing-schedule", MODEL + OFFER_A + equity_b("schedule = DROP"), "offers[1].equity.schedule", "required"),
    Case("missing-grant-size", MODEL + OFFER_A + equity_b("grant_value = DROP"), "offers[1].equity", "grant size"),
    Case("missing-after-months", MODEL + fallback_a("after_months = DROP"), "offers[0].fallback.after_months",
         "required"),
    Case("missing-probability", MODEL + fallback_a("probability = DROP"), "offers[0].fallback.probability",
         "required"),
    Case("missing-bump", MODEL + fallback_a("bump = DROP"), "offers[0].fallback", "exactly one of bump"),
    Case("missing-scenario-name", MODEL + OFFER_A + "[[scenarios]]\ngrowth = 0.1\n", "scenarios[0].name",
         "required"),
    Case("percent-without-company-value", MODEL + OFFER_A + equity_b("grant_value = DROP", "percent = 0.001"),
         "offers[1].equity.company_value", "required"),
    # --- wrong types
    Case("base-is-text", MODEL + OFFER_A.replace("100000", '"lots"'), "offers[0].base", "must be a number"),
    Case("base-is-bool", MODEL + OFFER_A.replace("100000", "true"), "offers[0].base", "must be a number"),
    Case("horizon-not-whole", horizon(2.5) + OFFER_A, "model.horizon_years", "whole number"),
    Case("start-date-text", MODEL.replace("2027-01-04", '"soon"') + OFFER_A, "model.start_date", "date"),
    Case("start-date-datetime", MODEL.replace("2027-01-04", "2027-01-04T09:00:00") + OFFER_A,
         "model.start_date", "date"),
    Case("target-not-text", MODEL + "target = 3\n" + OFFER_A, "model.target", "text"),
    Case("holidays-not-a-list", MODEL + "holidays = 2026-12-25\n" + OFFER_A, "model.holidays", "list"),
    Case("holiday-not-a-date", MODEL + 'holidays = [2026-12-25, "xmas"]\n' + OFFER_A, "model.holidays[1]", "date"),
    Case("signon-not-numbers", MODEL + OFFER_A + 'signon = ["big"]\n', "offers[0].signon[0]", "must be a number"),
    Case("signon-payment-choice", MODEL + OFFER_A + 'signon_payment = "weekly"\n', "offers[0].signon_payment",
         "must be one of"),
    Case("equity-type-choice", MODEL + OFFER_A + equity_b('type = "stock"'), "offers[1].equity.type",
         "must be one of"),
    Case("equity-not-a-table", MODEL + OFFER_A + "equity = 5\n", "offers[0].equity", "must be a table"),
    Case("schedule-not-a-preset", MODEL + OFFER_A + equity_b(schedule='"vesting"'), "offers[1].equity.schedule",
         "unknown schedule preset"),
    Case("schedule-a-number", MODEL + OFFER_A + equity_b(schedule="4"), "offers[1].equity.schedule",
         "preset name or a table"),
    Case("tranche-not-a-pair", MODEL + OFFER_A + equity_b(schedule="{ tranches = [[12]] }"),
         "offers[1].equity.schedule.tranches[0]", "pair"),
    Case("milestone-not-bool", MODEL + OFFER_A + '[[scenarios]]\nname = "S"\nmilestone = "yes"\n',
         "scenarios[0].milestone", "true or false"),
    Case("offers-not-tables", "offers = [1, 2]\n" + MODEL, "offers", "array of tables"),
    # --- negative amounts
    Case("negative-base", MODEL + OFFER_A.replace("100000", "-100000"), "offers[0].base", "negative"),
    Case("negative-signon", MODEL + OFFER_A + "signon = [1000, -5]\n", "offers[0].signon[1]", "negative"),
    Case("negative-grant", MODEL + OFFER_A + equity_b("grant_value = -1"), "offers[1].equity.grant_value",
         "negative"),
    Case("negative-refresh", MODEL + OFFER_A + equity_b("refresh_value = -1000"), "offers[1].equity.refresh_value",
         "negative"),
    Case("negative-strike", MODEL + OFFER_A + equity_b('type = "options"', "strike = -1"),
         "offers[1].equity.strike", "negative"),
    Case("negative-bump-amount", MODEL + fallback_a("bump = DROP", "bump_amount = -22000"),
         "offers[0].fallback.bump_amount", "negative"),
    Case("zero-price", MODEL + OFFER_A + equity_b("price = 0"), "offers[1].equity.price", "at least 1e-06, got 0"),
    # --- probabilities and rates out of range
    Case("probability-above-1", MODEL + fallback_a("probability = 1.5"), "offers[0].fallback.probability",
         "between 0 and 1"),
    Case("liquidity-below-0", MODEL + OFFER_A + equity_b("liquidity_probability = -0.1"),
         "offers[1].equity.liquidity_probability", "between 0 and 1"),
    Case("dilution-of-1", MODEL + OFFER_A + equity_b("dilution = 1.0"), "offers[1].equity.dilution", "between"),
    Case("discount-rate-above-1", MODEL + "discount_rate = 1.5\n" + OFFER_A, "model.discount_rate", "between"),
    Case("discount-rate-negative", MODEL + "discount_rate = -0.01\n" + OFFER_A, "model.discount_rate", "between"),
    Case("raise-above-1", MODEL + OFFER_A + "annual_raise = 3\n", "offers[0].annual_raise", "between"),
    Case("growth-of-minus-1", MODEL + OFFER_A + equity_b("growth = -1"), "offers[1].equity.growth", "-1"),
    Case("percent-above-1", MODEL + OFFER_A + equity_b("grant_value = DROP", "percent = 2",
                                                        "company_value = 1e9"), "offers[1].equity.percent", "between"),
    Case("scenario-liquidity", MODEL + OFFER_A + '[[scenarios]]\nname = "S"\nliquidity = 2\n',
         "scenarios[0].liquidity", "between 0 and 1"),
    Case("horizon-zero", horizon(0) + OFFER_A, "model.horizon_years", "between 1 and 10"),
    Case("horizon-eleven", horizon(11) + OFFER_A, "model.horizon_years", "between 1 and 10"),
    Case("default-bear-takes-growth-below-minus-1", MODEL + OFFER_A + equity_b("growth = -0.9"),
         "offers[1].equity.growth", "Bear"),
    Case("scenario-shift-below-minus-1", MODEL + OFFER_A + equity_b("growth = 0.1")
         + '[[scenarios]]\nname = "Crash"\ngrowth_shift = -1.5\n', "scenarios[0].growth_shift", "above -1"),
    # --- unknown keys
    Case("typo-grwoth", MODEL + OFFER_A + equity_b("grwoth = 0.15"), "offers[1].equity.grwoth",
         "unknown key (did you mean 'growth'?)"),
    Case("typo-anual-raise", MODEL + OFFER_A + "anual_raise = 0.03\n", "offers[0].anual_raise",
         "did you mean 'annual_raise'"),
    Case("typo-in-model", MODEL + "dicsount_rate = 0.05\n" + OFFER_A, "model.dicsount_rate",
         "did you mean 'discount_rate'"),
    Case("typo-in-scenario", MODEL + OFFER_A + '[[scenarios]]\nname = "S"\ngrowth_shfit = 0.1\n',
         "scenarios[0].growth_shfit", "did you mean 'growth_shift'"),
    Case("typo-in-fallback", MODEL + fallback_a("guaranteed_month = 12"), "offers[0].fallback.guaranteed_month",
         "did you mean 'guaranteed_months'"),
    Case("typo-in-schedule", MODEL + OFFER_A + equity_b(schedule="{ months = 12, cliff_month = 6 }"),
         "offers[1].equity.schedule.cliff_month", "did you mean 'cliff_months'"),
    Case("unknown-top-level", MODEL + OFFER_A + "[notes]\ntext = 'x'\n", "notes", "unknown key"),
    Case("unknown-no-suggestion", MODEL + OFFER_A + "xyzzy = 1\n", "offers[0].xyzzy", "unknown key"),
    # --- schedules
    Case("tranches-sum-below-1", MODEL + OFFER_A + equity_b(schedule="{ tranches = [[12, 0.5], [24, 0.4]] }"),
         "offers[1].equity.schedule.tranches", "sum to 1"),
    Case("yearly-sum-above-1", MODEL + OFFER_A + equity_b(schedule="{ yearly = [0.5, 0.6] }"),
         "offers[1].equity.schedule.yearly", "sum to 1"),
    Case("every-months-not-dividing-12",
         MODEL + OFFER_A + equity_b(schedule="{ yearly = [0.5, 0.5], every_months = 5 }"),
         "offers[1].equity.schedule.every_months", "divide 12"),
    Case("every-months-not-dividing-months", MODEL + OFFER_A
         + equity_b(schedule="{ months = 12, every_months = 5 }"), "offers[1].equity.schedule.every_months",
         "divide months"),
    Case("two-schedule-forms", MODEL + OFFER_A + equity_b(schedule="{ months = 12, tranches = [[12, 1.0]] }"),
         "offers[1].equity.schedule", "exactly one"),
    Case("tranche-month-zero", MODEL + OFFER_A + equity_b(schedule="{ tranches = [[0, 1.0]] }"),
         "offers[1].equity.schedule.tranches[0]", "month"),
    # --- relations between keys
    Case("signon-longer-than-horizon", MODEL + OFFER_A + "signon = [1, 2, 3]\n", "offers[0].signon",
         "3 entries but the horizon is 2 years"),
    Case("duplicate-offer-name", MODEL + OFFER_A + OFFER_A, "offers[1].name", "used twice"),
    Case("duplicate-scenario-name", MODEL + OFFER_A + '[[scenarios]]\nname = "S"\n[[scenarios]]\nname = "S"\n',
         "scenarios[1].name", "used twice"),
    Case("target-names-no-offer", MODEL + 'target = "Amazn"\n' + OFFER_A, "model.target", "names no offer"),
    Case("bump-and-bump-amount", MODEL + fallback_a("bump_amount = 22000"), "offers[0].fallback",
         "exactly one of bump"),
    Case("growth-and-growth-shift", MODEL + OFFER_A + '[[scenarios]]\nname = "S"\ngrowth = 0\ngrowth_shift = 0.1\n',
         "scenarios[0]", "at most one of growth or growth_shift"),
    Case("two-grant-sizes", MODEL + OFFER_A + equity_b("shares = 100"), "offers[1].equity", "exactly one grant size"),
    Case("company-value-without-percent", MODEL + OFFER_A + equity_b("company_value = 1e9"),
         "offers[1].equity.company_value", "only used with percent"),
    Case("empty-name", MODEL + OFFER_A.replace('"A"', '" "'), "offers[0].name", "empty"),
    Case("no-offers", "offers = []\n" + MODEL, "offers", "at least one offer"),
    # --- the [negotiation] table
    Case("negotiation-typo", MODEL + OFFER_A + "[negotiation]\nfallback_after_month = 6\n",
         "negotiation.fallback_after_month", "did you mean 'fallback_after_months'"),
    Case("negotiation-unknown-key", MODEL + OFFER_A + "[negotiation]\nbase_raise = 0.1\n", "negotiation.base_raise",
         "unknown key"),
    Case("negotiation-not-a-table", "negotiation = 3\n" + MODEL + OFFER_A, "negotiation", "must be a table"),
    Case("negotiation-months-above-120", MODEL + OFFER_A + "[negotiation]\nfallback_after_months = 121\n",
         "negotiation.fallback_after_months", "between 0 and 120"),
    Case("negotiation-months-negative", MODEL + OFFER_A + "[negotiation]\nfallback_after_months = -1\n",
         "negotiation.fallback_after_months", "between 0 and 120"),
    Case("negotiation-months-not-whole", MODEL + OFFER_A + "[negotiation]\nfallback_after_months = 6.5\n",
         "negotiation.fallback_after_months", "whole number"),
    Case("negotiation-probability-above-1", MODEL + OFFER_A + "[negotiation]\nfallback_probability = 1.5\n",
         "negotiation.fallback_probability", "between 0 and 1"),
    Case("negotiation-probability-text", MODEL + OFFER_A + '[negotiation]\nfallback_probability = "likely"\n',
         "negotiation.fallback_probability", "must be a number"),
    Case("negotiation-schedule-sum", MODEL + OFFER_A
         + "[negotiation]\naccelerated_schedule = { tranches = [[12, 0.75], [24, 0.2]] }\n",
         "negotiation.accelerated_schedule.tranches", "sum to 1"),
    Case("negotiation-schedule-preset", MODEL + OFFER_A + '[negotiation]\naccelerated_schedule = "fast"\n',
         "negotiation.accelerated_schedule", "unknown schedule preset 'fast'"),
    Case("negotiation-schedule-typo", MODEL + OFFER_A
         + "[negotiation]\naccelerated_schedule = { months = 12, every_month = 3 }\n",
         "negotiation.accelerated_schedule.every_month", "did you mean 'every_months'"),
    # --- the [tax] table and tax_location
    Case("tax-not-a-table", "tax = 3\n" + MODEL + OFFER_A, "tax", "must be a table"),
    Case("tax-filing-status-choice", MODEL + OFFER_A + tax('filing_status = "married"'), "tax.filing_status",
         "must be one of 'single', 'joint'"),
    Case("tax-indexation-above-1", MODEL + OFFER_A + tax("indexation = 1.5"), "tax.indexation", "between 0 and 1"),
    Case("tax-indexation-negative", MODEL + OFFER_A + tax("indexation = -0.02"), "tax.indexation", "between 0 and 1"),
    Case("tax-typo-in-table", MODEL + OFFER_A + tax('filing = "single"'), "tax.filing",
         "did you mean 'filing_status'"),
    Case("tax-locations-not-a-table", MODEL + OFFER_A + tax("locations = 3"), "tax.locations", "must be a table"),
    Case("tax-location-not-a-table", MODEL + OFFER_A + tax("locations = { CA = 3 }"), "tax.locations.CA",
         "must be a table"),
    Case("tax-location-named-none", MODEL + OFFER_A + tax() + location("brackets = [[0, 0]]", name="none"),
         "tax.locations.none", "reserved"),
    Case("tax-brackets-missing", MODEL + OFFER_A + tax() + location("deduction = 5000"), "tax.locations.CA.brackets",
         "required"),
    Case("tax-brackets-misspelt", MODEL + OFFER_A + tax() + location("bracket = [[0, 0.01]]"),
         "tax.locations.CA.brackets", "is 'bracket' a typo"),
    Case("tax-brackets-empty", MODEL + OFFER_A + tax() + location("brackets = []"), "tax.locations.CA.brackets",
         "at least one"),
    Case("tax-brackets-not-a-list", MODEL + OFFER_A + tax() + location("brackets = 0.05"),
         "tax.locations.CA.brackets", "list of [lower bound, rate] pairs"),
    Case("tax-bracket-not-a-pair", MODEL + OFFER_A + tax() + location("brackets = [[0, 0.01], [1000]]"),
         "tax.locations.CA.brackets[1]", "pair"),
    Case("tax-brackets-not-from-0", MODEL + OFFER_A + tax() + location("brackets = [[100, 0.01]]"),
         "tax.locations.CA.brackets[0]", "must start at 0"),
    Case("tax-brackets-not-ascending", MODEL + OFFER_A + tax()
         + location("brackets = [[0, 0.01], [5000, 0.02], [5000, 0.04]]"), "tax.locations.CA.brackets[2]",
         "ascend strictly: 5000 follows 5000"),
    Case("tax-brackets-descending", MODEL + OFFER_A + tax()
         + location("brackets = [[0, 0.01], [5000, 0.02], [4000, 0.04]]"), "tax.locations.CA.brackets[2]",
         "ascend strictly"),
    Case("tax-bracket-bound-negative", MODEL + OFFER_A + tax() + location("brackets = [[0, 0.01], [-5, 0.02]]"),
         "tax.locations.CA.brackets[1]", "the lower bound must not be negative"),
    Case("tax-bracket-rate-above-1", MODEL + OFFER_A + tax() + location("brackets = [[0, 0.01], [1000, 1.5]]"),
         "tax.locations.CA.brackets[1]", "the rate must be between 0 and 1, got 1.5"),
    Case("tax-bracket-rate-text", MODEL + OFFER_A + tax() + location('brackets = [[0, "1%"]]'),
         "tax.locations.CA.brackets[0]", "must be a number"),
    Case("tax-deduction-negative", MODEL + OFFER_A + tax() + location("brackets = [[0, 0]]", "deduction = -1"),
         "tax.locations.CA.deduction", "must not be negative"),
    Case("tax-payroll-not-pairs", MODEL + OFFER_A + tax() + location("brackets = [[0, 0]]", "payroll = [0.013]"),
         "tax.locations.CA.payroll[0]", "[rate, annual wage cap] pair"),
    Case("tax-payroll-unknown-key", MODEL + OFFER_A + tax()
         + location("brackets = [[0, 0]]", "payroll = [{ rate = 0.01, deductable = true }]"),
         "tax.locations.CA.payroll[0].deductable", "did you mean 'deductible'"),
    Case("tax-payroll-rate-above-1", MODEL + OFFER_A + tax() + location("brackets = [[0, 0]]", "payroll = [[1.3, 0]]"),
         "tax.locations.CA.payroll[0]", "between 0 and 1"),
    Case("tax-payroll-cap-negative", MODEL + OFFER_A + tax()
         + location("brackets = [[0, 0]]", "payroll = [[0.01, 0], [0.01, -100]]"), "tax.locations.CA.payroll[1]",
         "the wage cap must not be negative"),
    Case("tax-unknown-key-in-location", MODEL + OFFER_A + tax() + location("brackets = [[0, 0]]", "deductions = 5"),
         "tax.locations.CA.deductions", "did you mean 'deduction'"),
    Case("tax-location-not-text", MODEL + OFFER_A + "tax_location = 3\n", "offers[0].tax_location", "must be text"),
    Case("tax-location-without-tax-table", MODEL + OFFER_A + 'tax_location = "CA"\n', "offers[0].tax_location",
         "needs a [tax] table"),
    Case("tax-location-names-no-table", MODEL + OFFER_A + 'tax_location = "Atlantis"\n' + tax()
         + location("brackets = [[0, 0]]"), "offers[0].tax_location", "names no location: 'Atlantis'"),
    Case("tax-location-typo", MODEL + OFFER_A + 'tax_location = "Ca"\n' + tax() + location("brackets = [[0, 0]]"),
         "offers[0].tax_location", "did you mean 'CA'"),
    Case("tax-location-close-to-a-shipped-one", MODEL + OFFER_A + 'tax_location = "NY-NCY"\n' + tax(),
         "offers[0].tax_location", "did you mean 'NY-NYC'"),
    Case("tax-deductions-choice", MODEL + OFFER_A + tax('deductions = "max"'), "tax.deductions",
         "must be one of 'best', 'standard', 'itemized'"),
    Case("tax-other-itemized-negative", MODEL + OFFER_A + tax("other_itemized = -5"), "tax.other_itemized",
         "must not be negative"),
    Case("tax-brackets-both-ways", MODEL + OFFER_A + tax()
         + location("brackets = [[0, 0]]", "brackets_single = [[0, 0.01]]", "brackets_joint = [[0, 0.01]]"),
         "tax.locations.CA.brackets_single", "is given with 'brackets'"),
    Case("tax-brackets-single-without-joint", MODEL + OFFER_A + tax() + location("brackets_single = [[0, 0.01]]"),
         "tax.locations.CA.brackets_joint", "is required with brackets_single"),
    Case("tax-itemized-rule", MODEL + OFFER_A + tax() + location("brackets = [[0, 0]]", 'itemized = "yes"'),
         "tax.locations.CA.itemized", "must be one of 'none', 'own'"),
    Case("tax-recapture-without-start", MODEL + OFFER_A + tax()
         + location("brackets = [[0, 0]]", "recapture = [[0, 0, 100]]"), "tax.locations.CA.recapture_start",
         "is required with a recapture table"),
    Case("tax-credit-without-name", MODEL + OFFER_A + tax()
         + location("brackets = [[0, 0]]", "credits = [{ amount = 100 }]"), "tax.locations.CA.credits[0].name",
         "required"),
    Case("tax-credit-phaseout-without-step", MODEL + OFFER_A + tax()
         + location("brackets = [[0, 0]]", 'credits = [{ name = "c", amount = 100, phaseout_start = 1000 }]'),
         "tax.locations.CA.credits[0].phaseout_step", "must be above 0"),
    # --- the file itself
    Case("malformed-toml", MODEL + OFFER_A + "base = = 3\n", "", "malformed TOML"),
    Case("duplicate-key-toml", MODEL + OFFER_A + "base = 3\n", "", "malformed TOML"),
]
