"""Excel functions (xlwings UDFs) over the xlmodel engine.

Thin wrappers: each function turns its cell arguments into the engine's Offer and
ModelSettings (checked by `offers_file.parse_offers`, so bad input gets the same message as
the command line) and calls one engine function. There is no valuation logic here.

One module serves both runtimes: classic xlwings UDFs (Windows Excel with the add-in, "UDF
Modules" = xlmodel_udfs) and xlwings Lite (`xlmodel lite` writes a main.py that embeds the
engine and then this file). So it uses only the decorator options the two share: `@func`
bare, `@arg(name, ndim=2, err_to_str=True, doc=...)`, and no type hints on the arguments
(Lite treats hints as converters).

The arguments are turned into the engine's inputs by `xlmodel.udf_arguments` (tested without
xlwings), laid out as on the workbook's Inputs sheet:
- keys / values: the column of key paths (column B of the offers block: `base`, `signon.1`,
  `equity.growth`, ...) and one offer's column of values beside it (column C for the first
  offer). Blank value = the default; blank key = row skipped.
- model_keys / model_values: the same for the `model.*` keys (column B and C of the model
  settings, the holiday rows `model.holidays.N` included; the `model.` prefix may be left out).
  Optional: without them the horizon is 4 years, nothing is discounted and 1,000 draws start
  from seed 1. Dates may be dates or Excel serial numbers. `model.target` is ignored (one
  offer at a time), and `model.start_date` and the holidays change no value these functions
  return.
- tranches: a two-column range (month, fraction), used when `equity.schedule` is "custom".
- tax / location_keys / location_values (OFFERVALUE's after-tax metrics only): `tax` is a key/value
  range of two columns, as on the Tax sheet (keys with or without the `tax.` prefix):
  `filing_status` ("single" or "joint", default single), `indexation` (default 0), `deductions`
  ("best", "standard" or "itemized", default best), `other_itemized` (default 0), and optionally
  `tax` (TRUE/FALSE: FALSE gives an empty result, as the workbook without [tax]) and `table_year`
  (must be 2026, the year of the federal tables the functions use). `location_keys` is the Tax
  sheet's column of location row keys and `location_values` the offer's location's four columns
  beside them: the location's table. Without them, an offer whose `tax_location` names a shipped
  location ("CA", "NY-NYC", ...) uses the shipped table. An offer whose `tax_location` is "none"
  pays no location tax whatever those ranges hold.

Any range may be a whole column (A:A): the blank rows after the last filled one are dropped.
An Excel error value in an input cell (#N/A, #REF!, ...) is never read as a blank: every
argument is read with err_to_str=True and the result is "#XLMODEL: <key>: the cell holds #N/A".
Errors never raise: the cell shows "#XLMODEL: <key>: <reason>".
"""
from xlwings import arg, func

from xlmodel import engine
from xlmodel.engine import levers
from xlmodel.engine.outcomes import PERCENTILES, offer_outcomes
from xlmodel.engine.tax import after_tax_value
from xlmodel.schedules import vested_fraction
from xlmodel.udf_arguments import (PLACEHOLDER_START_DATE, ArgumentError, cell_errors, choice, chosen_schedule,
                                   levers_file, number, offer_and_settings, offer_position,
                                   offer_settings_location, model_settings, tax_settings, whole)

METRICS = ("pv", "total", "annualized", "after_tax_pv", "after_tax_total")
AFTER_TAX_METRICS = {"after_tax_pv": "pv", "after_tax_total": "total"}
STATISTICS = tuple(PERCENTILES) + ("mean",)
MAX_MONTH = 1_000_000

DOC_KEYS = "Column of input keys (base, signon.1, equity.growth, ...) as on the Inputs sheet"
DOC_VALUES = "The offer's column of values beside the keys; blank = default"
DOC_MODEL_KEYS = "Optional: column of model keys (model.start_date, model.horizon_years, model.discount_rate)"
DOC_MODEL_VALUES = "Optional: the model values beside them; default a 4-year horizon, no discounting"
DOC_TRANCHES = 'Optional: two columns (month, fraction), used when equity.schedule is "custom"'
DOC_GAP = "The PV gap to close, in dollars (0 or less: nothing to ask)"
DOC_TAX = ('Optional, after-tax metrics: two columns of tax keys and values (filing_status, indexation, deductions, '
           'other_itemized), as on the Tax sheet')
DOC_LOCATION_KEYS = "Optional, after-tax metrics: the Tax sheet's column of location row keys (deduction, brackets_single.1, ...)"
DOC_LOCATION_VALUES = "Optional, after-tax metrics: the offer's location's four columns beside those keys"
DOC_SCHEDULE = ('A preset ("amazon", "standard", "quarterly-cliff", "meta", "google"), "custom" (then tranches), '
                'or two columns (month, fraction)')


@func
@arg("keys", err_to_str=True, ndim=2, doc=DOC_KEYS)
@arg("values", err_to_str=True, ndim=2, doc=DOC_VALUES)
@arg("model_keys", err_to_str=True, ndim=2, doc=DOC_MODEL_KEYS)
@arg("model_values", err_to_str=True, ndim=2, doc=DOC_MODEL_VALUES)
@arg("metric", err_to_str=True, doc='"pv" (present value, default), "total" (nominal), "annualized" (total / years), '
                                    '"after_tax_pv" or "after_tax_total"')
@arg("tranches", err_to_str=True, ndim=2, doc=DOC_TRANCHES)
@arg("tax", err_to_str=True, ndim=2, doc=DOC_TAX)
@arg("location_keys", err_to_str=True, ndim=2, doc=DOC_LOCATION_KEYS)
@arg("location_values", err_to_str=True, ndim=2, doc=DOC_LOCATION_VALUES)
@cell_errors
def OFFERVALUE(keys, values, model_keys=None, model_values=None, metric="pv", tranches=None, tax=None,
               location_keys=None, location_values=None):
    """An offer's present value ("pv"), nominal total, annualized value, or after-tax PV or total (tax ranges)."""
    metric = choice("metric", metric, METRICS, "pv")
    offer, settings, location = offer_settings_location(keys, values, model_keys, model_values, tranches)
    value = engine.value_offer(offer, settings)
    if metric not in AFTER_TAX_METRICS:
        return getattr(value, metric)
    found = tax_settings(tax, location_keys, location_values, location)
    if found is None:
        return ""  # tax switched off: no after-tax figure, as the workbook leaves it empty
    settings_tax, location_name = found
    if settings_tax.indexation and settings.start_date == PLACEHOLDER_START_DATE:
        raise ArgumentError("model.start_date", "is needed with tax indexation: the tables are indexed from its year")
    flows = value.flows
    after = after_tax_value([flows.total(m) for m in range(1, flows.months + 1)],
                            flows.month_present_values(settings.discount_rate), settings.start_date.year,
                            settings_tax, location_name)
    return getattr(after, AFTER_TAX_METRICS[metric])


@func
@arg("keys", err_to_str=True, ndim=2, doc=DOC_KEYS)
@arg("values", err_to_str=True, ndim=2, doc=DOC_VALUES)
@arg("model_keys", err_to_str=True, ndim=2, doc=DOC_MODEL_KEYS)
@arg("model_values", err_to_str=True, ndim=2, doc=DOC_MODEL_VALUES)
@arg("tranches", err_to_str=True, ndim=2, doc=DOC_TRANCHES)
@cell_errors
def OFFERTC(keys, values, model_keys=None, model_values=None, tranches=None):
    """An offer's total compensation in each employment year, as one row (it spills right)."""
    offer, settings = offer_and_settings(keys, values, model_keys, model_values, tranches)
    return engine.value_offer(offer, settings).years


@func
@arg("schedule", err_to_str=True, ndim=2, doc=DOC_SCHEDULE)
@arg("month", err_to_str=True, doc="Month of employment (0, 1, 2, ...); month 1 is the first month of work")
@arg("tranches", err_to_str=True, ndim=2, doc=DOC_TRANCHES)
@cell_errors
def VESTED(schedule, month, tranches=None):
    """The fraction of a grant vested by the end of a month (cumulative, 0 to 1)."""
    month = whole("month", month, 0, MAX_MONTH)
    return vested_fraction(chosen_schedule(schedule, tranches).tranches, month)


@func
@arg("schedule", err_to_str=True, ndim=2, doc=DOC_SCHEDULE)
@arg("tranches", err_to_str=True, ndim=2, doc=DOC_TRANCHES)
@cell_errors
def VESTSCHEDULE(schedule, tranches=None):
    """A vesting schedule's tranches as two columns: vest month and fraction of the grant."""
    return [[month, fraction] for month, fraction in chosen_schedule(schedule, tranches).tranches]


@func
@arg("gap", err_to_str=True, doc=DOC_GAP)
@arg("keys", err_to_str=True, ndim=2, doc=DOC_KEYS)
@arg("values", err_to_str=True, ndim=2, doc=DOC_VALUES)
@arg("model_keys", err_to_str=True, ndim=2, doc=DOC_MODEL_KEYS)
@arg("model_values", err_to_str=True, ndim=2, doc=DOC_MODEL_VALUES)
@arg("tranches", err_to_str=True, ndim=2, doc=DOC_TRANCHES)
@cell_errors
def ASKBASE(gap, keys, values, model_keys=None, model_values=None, tranches=None):
    """Extra year-1 base salary (raised like base) that alone closes a PV gap."""
    gap = number("gap", gap)
    offer, settings = offer_and_settings(keys, values, model_keys, model_values, tranches)
    return engine.ask_base(offer, settings, gap)


@func
@arg("gap", err_to_str=True, doc=DOC_GAP)
@arg("model_keys", err_to_str=True, ndim=2, doc=DOC_MODEL_KEYS)
@arg("model_values", err_to_str=True, ndim=2, doc=DOC_MODEL_VALUES)
@cell_errors
def ASKSIGNON(gap, model_keys=None, model_values=None):
    """Extra sign-on bonus, paid in month 1, that alone closes a PV gap."""
    gap = number("gap", gap)
    return engine.ask_signon(model_settings(model_keys, model_values), gap)


@func
@arg("gap", err_to_str=True, doc=DOC_GAP)
@arg("keys", err_to_str=True, ndim=2, doc=DOC_KEYS)
@arg("values", err_to_str=True, ndim=2, doc=DOC_VALUES)
@arg("model_keys", err_to_str=True, ndim=2, doc=DOC_MODEL_KEYS)
@arg("model_values", err_to_str=True, ndim=2, doc=DOC_MODEL_VALUES)
@arg("tranches", err_to_str=True, ndim=2, doc=DOC_TRANCHES)
@cell_errors
def ASKEQUITY(gap, keys, values, model_keys=None, model_values=None, tranches=None):
    """Extra RSU grant value, on the offer's own schedule, that closes a PV gap; empty for an offer without RSUs."""
    gap = number("gap", gap)
    offer, settings = offer_and_settings(keys, values, model_keys, model_values, tranches)
    if offer.equity is None or not offer.equity.is_rsu:
        return ""  # as the workbook's equity ask: no RSU grant to extend (options or no equity)
    ask = engine.ask_equity(offer, settings, gap)
    if ask is None:
        raise ArgumentError("equity", "no extra grant closes the gap: none of it is worth anything within the "
                        "horizon (liquidity 0, or no tranche vests in time)")
    return ask


@func
@arg("alternative_pv", err_to_str=True, doc="The present value to tie with (the best competing offer's PV), in dollars")
@arg("keys", err_to_str=True, ndim=2, doc=DOC_KEYS)
@arg("values", err_to_str=True, ndim=2, doc=DOC_VALUES)
@arg("model_keys", err_to_str=True, ndim=2, doc=DOC_MODEL_KEYS)
@arg("model_values", err_to_str=True, ndim=2, doc=DOC_MODEL_VALUES)
@arg("tranches", err_to_str=True, ndim=2, doc=DOC_TRANCHES)
@cell_errors
def BREAKEVENGROWTH(alternative_pv, keys, values, model_keys=None, model_values=None, tranches=None):
    """The offer's annual stock growth, between -30% and +30%, at which its PV equals alternative_pv; empty if none."""
    goal = number("alternative_pv", alternative_pv)
    offer, settings = offer_and_settings(keys, values, model_keys, model_values, tranches)
    growth = engine.growth_for_pv(offer, settings, goal)
    return "" if growth is None else growth


@func
@arg("month", err_to_str=True, doc="The last month worked (1 = the first month, up to 12 x horizon_years)")
@arg("keys", err_to_str=True, ndim=2, doc=DOC_KEYS)
@arg("values", err_to_str=True, ndim=2, doc=DOC_VALUES)
@arg("model_keys", err_to_str=True, ndim=2, doc=DOC_MODEL_KEYS)
@arg("model_values", err_to_str=True, ndim=2, doc=DOC_MODEL_VALUES)
@arg("mode", err_to_str=True, doc='"quit" (default: the sign-on clawback applies) or "cut" (the role is cut: guaranteed pay runs on)')
@arg("tranches", err_to_str=True, ndim=2, doc=DOC_TRANCHES)
@cell_errors
def LEAVEVALUE(month, keys, values, model_keys=None, model_values=None, mode="quit", tranches=None):
    """Nominal dollars kept when leaving after a month: pay, bonus, sign-on and vested equity so far."""
    mode = choice("mode", mode, engine.LEAVE_MODES, "quit")
    offer, settings = offer_and_settings(keys, values, model_keys, model_values, tranches)
    month = whole("month", month, 1, settings.months, " (the horizon's months)")
    return engine.leave_value(offer, settings, month, mode)


DOC_AFTER_MONTHS = ("Optional: the bump asked for is paid from the month after this; blank = the offer's "
                    "fallback.after_months, else 6")
DOC_PROBABILITY = "Optional: the chance its milestone is met; blank = the offer's fallback.probability, else 1"
DOC_ACCELERATED = ('Optional: the accelerated schedule, two columns (month, fraction) or a preset name; '
                   'blank = 75% at month 12, 25% at month 24')


@func
@arg("gap", err_to_str=True, doc=DOC_GAP)
@arg("keys", err_to_str=True, ndim=2, doc=DOC_KEYS)
@arg("values", err_to_str=True, ndim=2, doc=DOC_VALUES)
@arg("model_keys", err_to_str=True, ndim=2, doc=DOC_MODEL_KEYS)
@arg("model_values", err_to_str=True, ndim=2, doc=DOC_MODEL_VALUES)
@arg("after_months", err_to_str=True, doc=DOC_AFTER_MONTHS)
@arg("probability", err_to_str=True, doc=DOC_PROBABILITY)
@arg("tranches", err_to_str=True, ndim=2, doc=DOC_TRANCHES)
@cell_errors
def ASKBUMP(gap, keys, values, model_keys=None, model_values=None, after_months=None, probability=None,
            tranches=None):
    """The extra fallback bump, as a fraction of base, that alone closes a PV gap when paid from month after_months + 1 with the milestone's probability."""
    gap = number("gap", gap)
    offers_file = levers_file(keys, values, model_keys, model_values, tranches, after_months, probability)
    ask = levers.ask_bump(offers_file.target, offers_file.model, offers_file.negotiation, gap)
    if ask is None:
        raise ArgumentError("probability", "no bump closes the gap: the milestone probability is 0, or no month of "
                        "the horizon is left after after_months")
    return ask


@func
@arg("alternative_pv", err_to_str=True, doc="The present value to tie with (the best competing offer's PV), in dollars")
@arg("keys", err_to_str=True, ndim=2, doc=DOC_KEYS)
@arg("values", err_to_str=True, ndim=2, doc=DOC_VALUES)
@arg("model_keys", err_to_str=True, ndim=2, doc=DOC_MODEL_KEYS)
@arg("model_values", err_to_str=True, ndim=2, doc=DOC_MODEL_VALUES)
@arg("tranches", err_to_str=True, ndim=2, doc=DOC_TRANCHES)
@cell_errors
def PROBABILITYTOCLOSE(alternative_pv, keys, values, model_keys=None, model_values=None, tranches=None):
    """The milestone probability of the offer's own fallback clause at which its PV equals alternative_pv (above 1: none closes it); empty without a clause that pays."""
    goal = number("alternative_pv", alternative_pv)
    offer, settings = offer_and_settings(keys, values, model_keys, model_values, tranches)
    probability = levers.probability_to_close(offer, settings, goal)
    return "" if probability is None else probability


@func
@arg("keys", err_to_str=True, ndim=2, doc=DOC_KEYS)
@arg("values", err_to_str=True, ndim=2, doc=DOC_VALUES)
@arg("model_keys", err_to_str=True, ndim=2, doc=DOC_MODEL_KEYS)
@arg("model_values", err_to_str=True, ndim=2, doc=DOC_MODEL_VALUES)
@arg("accelerated_tranches", err_to_str=True, ndim=2, doc=DOC_ACCELERATED)
@arg("tranches", err_to_str=True, ndim=2, doc=DOC_TRANCHES)
@cell_errors
def ACCELERATIONVALUE(keys, values, model_keys=None, model_values=None, accelerated_tranches=None, tranches=None):
    """The PV gained when the offer's initial grant vests on the accelerated schedule instead of its own (may be negative); empty without equity."""
    offers_file = levers_file(keys, values, model_keys, model_values, tranches,
                               accelerated_tranches=accelerated_tranches)
    value = levers.acceleration_value(offers_file.target, offers_file.model, offers_file.negotiation)
    return "" if value is None else value


@func
@arg("statistic", err_to_str=True, doc='"p10", "p50" (the median, default), "p90" or "mean" of the draws\' present values')
@arg("keys", err_to_str=True, ndim=2, doc=DOC_KEYS)
@arg("values", err_to_str=True, ndim=2, doc=DOC_VALUES)
@arg("model_keys", err_to_str=True, ndim=2, doc=DOC_MODEL_KEYS)
@arg("model_values", err_to_str=True, ndim=2, doc=DOC_MODEL_VALUES)
@arg("tranches", err_to_str=True, ndim=2, doc=DOC_TRANCHES)
@arg("offer_number", err_to_str=True, doc="Optional: the offer's place among the workbook's offers (1 = the first; "
                                          "blank: 1), so its draws are the workbook's")
@arg("offer_count", err_to_str=True, doc="Optional: how many offers draw from the one generator (blank: 1)")
@cell_errors
def OFFERODDS(statistic, keys, values, model_keys=None, model_values=None, tranches=None, offer_number=None,
              offer_count=None):
    """The offer's present value at the 10th, 50th or 90th percentile of model.draws deterministic draws, or their mean; empty when model.draws is 0."""
    statistic = choice("statistic", statistic, STATISTICS, "p50")
    position, count = offer_position(offer_number, offer_count)
    offer, settings = offer_and_settings(keys, values, model_keys, model_values, tranches)
    value = engine.value_offer(offer, settings)
    outcomes = offer_outcomes(offer, settings, value.flows, value.pv, position, count)
    return "" if outcomes is None else outcomes[statistic]

