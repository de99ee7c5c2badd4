"""Reading and checking offers files: defaults, and every validation error (docs/model.md and the offers template)."""
from __future__ import annotations

from datetime import date

import pytest

from conftest import SAMPLES, TEMPLATE, model_table
from error_cases import CASES, MODEL, OFFER_A
from xlmodel.errors import InputError
from xlmodel.model import DEFAULT_SCENARIOS
from xlmodel.inputs.offers_file import load_offers, parse_offers


def key_path(error: InputError) -> str:
    """The key path without the "(offer 'B')" label that follows it."""
    return error.key.split(" (")[0]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_error_names_file_key_path_and_reason(write_toml, case):
    path = write_toml(case.text)
    with pytest.raises(InputError) as caught:
        load_offers(path)
    error = caught.value
    assert error.source == str(path)
    assert key_path(error) == case.key
    assert case.reason in error.reason
    assert error.message.startswith(f"{path}: ")
    if case.key:
        assert f"{path}: {case.key}" in error.message
    assert case.reason in error.message


def test_offer_errors_also_name_the_offer(write_toml):
    path = write_toml(MODEL + OFFER_A + '[[offers]]\nname = "Nimbus"\nbase = -1\n')
    with pytest.raises(InputError, match=r"offers\[1\]\.base \(offer 'Nimbus'\): must not be negative"):
        load_offers(path)


def test_unknown_key_is_an_error_even_when_everything_else_is_right(write_toml):
    # The sample is valid; one misspelt optional key must not be silently ignored.
    text = SAMPLES[0].read_text().replace("growth = 0.15", "grwoth = 0.15")
    with pytest.raises(InputError) as caught:
        load_offers(write_toml(text))
    assert caught.value.key.startswith("offers[0].equity.grwoth")
    assert "did you mean 'growth'?" in caught.value.reason


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere.toml"
    with pytest.raises(InputError) as caught:
        load_offers(path)
    assert caught.value.source == str(path)
    assert "not found" in caught.value.reason


def test_a_folder_is_not_an_offers_file(tmp_path):
    with pytest.raises(InputError, match="folder"):
        load_offers(tmp_path)


def test_binary_file(tmp_path):
    path = tmp_path / "offers.toml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(InputError, match="UTF-8"):
        load_offers(path)


def test_malformed_toml_says_where(write_toml):
    path = write_toml(MODEL + OFFER_A + "base = = 3\n")
    with pytest.raises(InputError) as caught:
        load_offers(path)
    assert "line 8" in caught.value.reason


# --- defaults ----------------------------------------------------------------------------------

def test_defaults_of_a_minimal_file(load):
    offers = load("[model]\nstart_date = 2027-01-04\nhorizon_years = 3\n" + OFFER_A)
    model = offers.model
    assert model.start_date == date(2027, 1, 4) and model.horizon_years == 3
    assert model.discount_rate == 0
    assert model.target == "A"
    assert model.decision_date is None
    assert (model.response_business_days, model.expiry_business_days) == (5, 10)
    assert model.holidays == ()
    offer = offers.offers[0]
    assert (offer.annual_raise, offer.bonus_target, offer.bonus_payout) == (0, 0, 1)
    assert offer.signon == () and offer.signon_payment == "upfront" and offer.signon_clawback_months == 12
    assert offer.equity is None and offer.fallback is None
    assert offers.scenarios == DEFAULT_SCENARIOS and not offers.scenarios_given


def test_default_scenarios_are_the_specs():
    assert [(s.name, s.growth, s.growth_shift, s.milestone, s.liquidity) for s in DEFAULT_SCENARIOS] == [
        ("Bear", None, -0.20, False, None), ("Base", None, None, None, None), ("Bull", None, 0.20, True, None)]


def test_equity_and_fallback_defaults(load):
    offers = load(model_table(4) + """
[[offers]]
name = "A"
base = 1
[offers.equity]
type = "options"
shares = 1000
price = 4
schedule = "meta"
[offers.fallback]
bump_amount = 1000
after_months = 6
probability = 0.5
""")
    equity, fallback = offers.offers[0].equity, offers.offers[0].fallback
    assert (equity.growth, equity.strike, equity.liquidity_probability, equity.dilution, equity.refresh_value) \
        == (0, 0, 1, 0, 0)
    assert equity.shares == 1000
    assert fallback.guaranteed_months == 0 and fallback.bump is None


def test_shares_from_grant_value_and_from_percent(load):
    offers = load(model_table(1) + """
[[offers]]
name = "A"
base = 1
[offers.equity]
type = "rsu"
grant_value = 480000
price = 220
schedule = "amazon"
[[offers]]
name = "B"
base = 1
[offers.equity]
type = "options"
percent = 0.002
company_value = 300000000
price = 12
schedule = "standard"
""")
    assert offers.offers[0].equity.shares == pytest.approx(480000 / 220)
    assert offers.offers[1].equity.shares == pytest.approx(0.002 * 300000000 / 12)


def test_explicit_target_and_holidays_sorted(load):
    offers = load(model_table(2, extra='target = "B"\nholidays = [2026-12-25, 2026-11-26]') + OFFER_A
                  + '[[offers]]\nname = "B"\nbase = 2\n')
    assert offers.target.name == "B"
    assert offers.model.holidays == (date(2026, 11, 26), date(2026, 12, 25))


def test_signon_as_many_entries_as_years_is_fine(load):
    offers = load(model_table(2) + OFFER_A + "signon = [2, 1]\n")
    assert offers.offers[0].signon == (2, 1)


def test_given_scenarios_replace_the_defaults(load):
    offers = load(model_table(2) + OFFER_A + '[[scenarios]]\nname = "Only"\nliquidity = 0.5\n')
    assert [s.name for s in offers.scenarios] == ["Only"] and offers.scenarios_given


def test_parse_offers_takes_an_already_parsed_document():
    offers = parse_offers({"model": {"start_date": date(2027, 1, 4), "horizon_years": 1},
                           "offers": [{"name": "A", "base": 1}]}, source="inline")
    assert offers.offers[0].name == "A"
    with pytest.raises(InputError, match="^inline: offers\\[0\\]\\.base"):
        parse_offers({"model": {"start_date": date(2027, 1, 4), "horizon_years": 1},
                      "offers": [{"name": "A"}]}, source="inline")


@pytest.mark.parametrize("path", SAMPLES + [TEMPLATE], ids=lambda p: p.name)
def test_every_sample_and_the_template_validate(path):
    offers = load_offers(path)
    assert offers.offers


# --- the edges: byte-order mark, bounds, floating-point sums, the end of the calendar -----------

def test_a_utf8_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "offers.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (MODEL + OFFER_A).encode("utf-8"))
    assert load_offers(path).offers[0].base == 100000


def test_the_largest_amounts_and_the_smallest_price_give_finite_figures(load):
    import json
    import math

    from xlmodel.engine import value_all

    offers_file = load(model_table(10, 0.0) + """
[[offers]]
name = "Huge"
base = 1e12
annual_raise = 1
bonus_target = 10
bonus_payout = 10
signon = [1e12, 1e12, 1e12, 1e12, 1e12, 1e12, 1e12, 1e12, 1e12, 1e12]
[offers.equity]
type = "rsu"
grant_value = 1e12
price = 1e-6
growth = 10
refresh_value = 1e12
schedule = "standard"
[offers.fallback]
bump_amount = 1e12
after_months = 0
probability = 1
guaranteed_months = 120
""")
    assert offers_file.offers[0].equity.shares == pytest.approx(1e12 / 1e-6)   # grant value / price
    figures = value_all(offers_file).as_json()
    text = json.dumps(figures, allow_nan=False)   # raises on inf or nan
    numbers = []
    json.loads(text, parse_float=lambda s: numbers.append(float(s)) or float(s))
    assert numbers and all(math.isfinite(x) for x in numbers)


def test_fractions_that_sum_to_1_within_floating_point_error_are_accepted(load):
    assert sum([1 / 48] * 48) == 1.0000000000000007 and sum([0.1] * 10) == 0.9999999999999999
    for tranches in ([[m, 1 / 48] for m in range(1, 49)], [[m, 0.1] for m in range(1, 11)]):
        text = ", ".join(f"[{m}, {f!r}]" for m, f in tranches)
        offers_file = load(MODEL + OFFER_A + "[offers.equity]\ntype = \"rsu\"\ngrant_value = 1000\nprice = 1\n"
                           f"schedule = {{ tranches = [{text}] }}\n")
        assert [t for t, _ in offers_file.offers[0].equity.schedule.tranches] == [m for m, _ in tranches]


def test_the_last_decision_date_whose_deadlines_fit_the_calendar(load):
    from xlmodel.engine import value_all

    # Mon 9999-12-20 + 5 business days = Mon 9999-12-27: fits; with the 27th to the 31st as
    # holidays it would not (that case is in the bad-input catalogue).
    offers_file = load(MODEL + "decision_date = 9999-12-20\nresponse_business_days = 5\n"
                       "expiry_business_days = 5\n" + OFFER_A)
    deal = value_all(offers_file).negotiation
    assert deal.respond_by == deal.expires == date(9999, 12, 27)


def test_the_last_start_date_whose_horizon_fits_the_calendar(load):
    assert load(model_table(10).replace("2027-01-04", "9989-12-31") + OFFER_A).model.start_date == date(9989, 12, 31)


def test_text_of_exactly_a_cells_length_is_accepted(load):
    name = "n" * 32767
    assert load(MODEL + f'[[offers]]\nname = "{name}"\nbase = 1\n').offers[0].name == name


def test_a_long_name_is_shortened_in_the_label_of_other_errors(write_toml):
    path = write_toml(MODEL + f'[[offers]]\nname = "{"n" * 5000}"\nbase = -1\n')
    with pytest.raises(InputError) as caught:
        load_offers(path)
    assert len(caught.value.message) < 400 and "must not be negative" in caught.value.message


def test_a_lone_surrogate_is_refused_naming_the_key():
    # A TOML file cannot hold one; a document from a workbook or an Excel function can.
    document = {"model": {"start_date": date(2027, 1, 4), "horizon_years": 1},
                "offers": [{"name": "A", "title": "Staff \ud800", "base": 1}]}
    with pytest.raises(InputError) as caught:
        parse_offers(document, "<workbook>")
    assert caught.value.message == ("<workbook>: offers[0].title (offer 'A'): must not contain control characters "
                                    "(such as line breaks) or other characters a workbook cannot hold: "
                                    "U+D800 at character 7")


def test_a_tranche_a_hair_over_one_from_gathering_at_a_cliff_is_accepted(load):
    """Nine tranches of 1/9 gathered at a 9-month cliff add up to 1.0000000000000002 in floating
    point; a workbook's custom table then holds that figure, and reading it back must work."""
    gathered = sum([1 / 9] * 9)
    assert gathered > 1
    offers_file = load(f"""
        [model]
        start_date = 2027-01-04
        horizon_years = 1
        [[offers]]
        name = "A"
        base = 1
        [offers.equity]
        type = "rsu"
        shares = 10
        price = 1
        schedule = {{ tranches = [[9, {gathered!r}]] }}
        """)
    assert offers_file.offers[0].equity.schedule.tranches == ((9, 1.0),)
