"""The Excel functions' arguments (xlmodel.udf_arguments), without xlwings: cells into an offers
file, each error named by the argument (or the row of a range) its key path came from."""
from __future__ import annotations

import pytest

from xlmodel.udf_arguments import (ArgumentError, Names, cell_errors, levers_file, model_settings, offer_file,
                                   offer_position, schedule)

CUSTOM = (["name", "base", "equity.type", "equity.grant_value", "equity.price", "equity.schedule"],
          ["X", 100000, "rsu", 48000, 10, "custom"])


def message(call) -> str:
    return cell_errors(call)()


@pytest.mark.parametrize("call, expected", [
    (lambda: offer_file(["base", "signon.1", "signon.2"], [1, 5, -5]), "signon.2: must not be negative, got -5"),
    (lambda: offer_file(["title"], ["x"]), "base: is required but missing"),
    (lambda: offer_file(["base", "fallback.bump"], [1, 0.1]), "fallback.after_months: is required but missing"),
    (lambda: offer_file(["base", "bse"], [1, 2]), "bse: unknown key (did you mean 'base'?)"),
    (lambda: offer_file(*CUSTOM, tranches=[[12, 0.5], [None, None], [0, 0.5]]),
     "tranches row 3: month must be a whole number from 1 to 120, got 0"),
    (lambda: offer_file(*CUSTOM, tranches=[[12, 0.5]]), "tranches: fractions must sum to 1 (100%), they sum to 0.5"),
    (lambda: offer_file(["base"], [1], ["horizon_years", "holidays.1", "holidays.3"], [1, None, "soon"]),
     "model.holidays.3: must be a date such as 2027-01-04, got 'soon'"),
    (lambda: offer_file(["base"], [1], ["draws"], [20000]), "model.draws: must be between 0 and 10000, got 20000"),
    (lambda: offer_file(["base", "equity.type", "equity.shares", "equity.price", "equity.schedule", "equity.preference"],
                        [1, "options", 100, 1, "meta", 1e6]),
     "equity.company_value: is required with a preference (the company's value in dollars)"),
    (lambda: offer_file(["base", "equity.type", "equity.shares", "equity.price", "equity.schedule",
                         "equity.preference", "equity.company_value"], [1, "options", 100, 1, "meta", 1e6, 1e9]),
     "equity.preferred_share: must be above 0 with a preference"),
    (lambda: schedule("schedule", [[12, 0.5], [24, "x"]]), "schedule row 2: must be a number, got text 'x'"),
    (lambda: levers_file(["base"], [1], None, None, None, accelerated_tranches=[[12, 0.5], [None, None], [0, 0.5]]),
     "accelerated_tranches row 3: month must be a whole number from 1 to 120, got 0"),
    (lambda: levers_file(["base"], [1], None, None, None, probability=2), "probability: must be between 0 and 1"),
    (lambda: offer_position(3, 2), "offer_number: must be between 1 and 2 (the offer's place among offer_count offers)"),
])
def test_each_error_names_the_argument_it_came_from(call, expected):
    assert message(call).startswith("#XLMODEL: " + expected), message(call)


def test_the_keys_of_the_odds_are_read():
    keys = ["name", "base", "equity.type", "equity.shares", "equity.price", "equity.schedule", "equity.volatility",
            "equity.preference", "equity.company_value", "equity.participating", "equity.preferred_share",
            "equity.exercise_window_months"]
    values = ["X", 150000, "options", 1000, 5, "standard", 0.6, 2e7, 1e8, True, 0.3, 6]
    offers_file = offer_file(keys, values, ["draws", "seed"], [200, 7])
    equity = offers_file.offers[0].equity
    assert (equity.volatility, equity.preference, equity.company_value, equity.participating, equity.preferred_share,
            equity.exercise_window_months) == (0.6, 2e7, 1e8, True, 0.3, 6)
    assert (offers_file.model.draws, offers_file.model.seed) == (200, 7)
    assert (model_settings(["model.draws"], [0]).draws, model_settings(None, None).draws) == (0, 1000)


def test_names_fall_back_to_the_nearest_table():
    names = Names({("offers", 0): "", ("offers", 0, "fallback"): "fallback", ("model",): "model"})
    assert names.of(("offers", 0, "fallback", "after_months")) == "fallback.after_months"
    assert names.of(("offers", 0, "base")) == "base"
    assert names.of(("model", "horizon_years")) == "model.horizon_years"
    assert names.of(("tax", "filing_status")) == "tax.filing_status"


def test_an_argument_error_is_an_input_error_with_the_argument_as_its_key():
    error = ArgumentError("gap", "must be a number, got 'big'")
    assert (error.key, error.reason, error.path) == ("gap", "must be a number, got 'big'", ("gap",))
