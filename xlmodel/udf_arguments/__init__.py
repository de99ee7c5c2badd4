"""The Excel functions' arguments as the engine's inputs, testable without xlwings.

The UDF module (udfs/xlmodel_udfs.py) is thin wrappers over this package and the engine: `cells`
tidies what Excel passes (ranges as lists of rows, blanks, error values, whole columns), `offer`
turns the key and value columns into an offers file checked by the parser (each key path named
by the argument it came from), `tax_ranges` reads the after-tax ranges. Every mistake is an
`ArgumentError`, which `cell_errors` turns into the text "#XLMODEL: <argument>: <reason>".

Arguments, as laid out on the workbook's Inputs sheet:
- keys / values: the column of key paths (column B of the offers block: `name`, `base`,
  `signon.1`, `equity.growth`, ...) and one offer's column of values beside it. Blank value =
  the default; blank key = row skipped. Every key of an offer column is accepted, the equity
  keys of the odds (`equity.volatility`, `equity.preference`, ...) included.
- model_keys / model_values: the same for the `model.*` keys (the `model.` prefix may be left
  out), the holiday rows (`model.holidays.1`, ...: dates, serial numbers or blanks), `model.draws`
  and `model.seed` included. Optional: without them the horizon is 4 years, nothing is
  discounted and 1,000 draws start from seed 1. `model.target` is ignored (one offer at a time).
- tranches: a two-column range (month, fraction), used when `equity.schedule` is "custom".
"""
from __future__ import annotations

import functools

from ..errors import InputError
from .cells import (SOURCE, ArgumentError, cell, check_error, choice, key_value_pairs, line, number, rows,
                    tranche_rows, whole)
from .offer import (DEFAULT_HORIZON_YEARS, DEFAULT_OFFER_NAME, PLACEHOLDER_START_DATE, Names, chosen_schedule,
                    levers_file, model_table, offer_and_settings, offer_file, offer_settings_location, offer_tables,
                    schedule, model_settings)
from .tax_ranges import GIVEN_LOCATION, TAX_KEYS, tax_settings

ERROR_PREFIX = "#XLMODEL: "


def cell_errors(udf):
    """Return "#XLMODEL: key: reason" instead of raising: Excel shows it in the cell."""
    @functools.wraps(udf)
    def wrapper(*args, **kwargs):
        try:
            return udf(*args, **kwargs)
        except InputError as error:
            return ERROR_PREFIX + (f"{error.key}: {error.reason}" if error.key else error.reason)
        except Exception as error:  # a bug, not bad input: still a readable cell, never a crash
            return f"{ERROR_PREFIX}unexpected {type(error).__name__}: {error} (please report it)"
    return wrapper


def offer_position(offer_number, offer_count) -> tuple[int, int]:
    """OFFERODDS's offer_number and offer_count (blank: 1 of 1) as the 0-based position among the
    offers whose draws share one generator."""
    count = 1 if cell(offer_count, "offer_count") in (None, "") else whole("offer_count", offer_count, 1, 1_000_000)
    number_given = cell(offer_number, "offer_number")
    position = 1 if number_given in (None, "") else whole("offer_number", offer_number, 1, count,
                                                           " (the offer's place among offer_count offers)")
    return position - 1, count


__all__ = [
    "ERROR_PREFIX", "SOURCE", "ArgumentError", "cell", "cell_errors", "check_error", "choice", "key_value_pairs",
    "line", "number", "rows", "tranche_rows", "whole", "DEFAULT_HORIZON_YEARS", "DEFAULT_OFFER_NAME",
    "PLACEHOLDER_START_DATE", "Names", "chosen_schedule", "levers_file", "model_table", "offer_and_settings",
    "offer_file", "offer_settings_location", "offer_tables", "schedule", "model_settings", "GIVEN_LOCATION", "TAX_KEYS",
    "tax_settings", "offer_position",
]
