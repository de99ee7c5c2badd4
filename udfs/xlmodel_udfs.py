"""Excel functions (xlwings UDFs) over the xlmodel engine.

Thin wrappers: each function turns its cell arguments into the engine's Offer and
ModelSettings (checked by `offers_file.parse_offers`, so bad input gets the same message as
the command line) and calls one engine function. There is no valuation logic here.

One module serves both runtimes: classic xlwings UDFs (Windows Excel with the add-in, "UDF
Modules" = xlmodel_udfs) and xlwings Lite (`xlmodel lite` writes a main.py that embeds the
engine and then this file). So it uses only the decorator options the two share: `@func`
bare, `@arg(name, ndim=2, err_to_str=True, doc=...)`, and no type hints on the arguments
(Lite treats hints as converters).

Arguments, as laid out on the workbook's Inputs sheet (see xlmodel.input_keys):
- keys / values: a column of key paths (`base`, `signon.1`, `equity.growth`, ...) and the
  column of one offer's values beside it. Blank value = the default; blank key = row skipped.
- model_keys / model_values: the same for the `model.*` keys (the `model.` prefix may be left
  out), holiday rows (`model.holidays.1`, `model.holidays.2`, ...: dates or blanks) included.
  Optional: without them the horizon is 4 years and nothing is discounted. Dates may be
  dates or Excel serial numbers. `model.target` is ignored (one offer at a time), and
  `model.start_date` and the holidays change no value these functions return.
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
import functools
import math
import re
from datetime import date, datetime, timedelta

from xlwings import arg, func

from xlmodel import engine
from xlmodel.engine import levers
from xlmodel.errors import InputError
from xlmodel.excel_cells import excel_error, is_blank, is_js_null, trim_trailing_blanks
from xlmodel.inputs import schema
from xlmodel.inputs.keys import CUSTOM_SCHEDULE, NO_EQUITY, TAX_LOCATION_KEY, offer_table
from xlmodel.model import NO_TAX_LOCATION
from xlmodel.inputs.offers_file import parse_offers
from xlmodel.inputs.schedule_file import parse_schedule
from xlmodel.schedules import vested_fraction
from dataclasses import replace

from xlmodel import tax_grid
from xlmodel.engine.tax import TABLE_YEAR, after_tax_value
from xlmodel.inputs.shipped_locations import shipped_locations
from xlmodel.inputs.table_reader import TableReader
from xlmodel.inputs.tax_file import read_tax

ERROR_PREFIX = "#XLMODEL: "
SOURCE = "<cells>"
DEFAULT_OFFER_NAME = "Offer"
DEFAULT_HORIZON_YEARS = 4
PLACEHOLDER_START_DATE = date(2000, 1, 1)  # required by the file format, used by no UDF result
EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 in Excel's 1900 date system
DATE_KEYS = ("start_date", "decision_date")
IGNORED_MODEL_KEYS = ("target",)
HOLIDAY_KEY = re.compile(r"^holidays\.(\d+)$")
METRICS = ("pv", "total", "annualized", "after_tax_pv", "after_tax_total")
AFTER_TAX_METRICS = {"after_tax_pv": "pv", "after_tax_total": "total"}
TAX_KEYS = ("tax",) + schema.TAX.keys() + ("table_year",)  # the switch, the [tax] table's keys, the tables' year
GIVEN_LOCATION = "given"  # the one location table the location ranges describe
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


class _ArgError(InputError):
    def __init__(self, key: str, reason: str):
        super().__init__(SOURCE, (key,) if key else (), reason)


# --- cells to engine inputs -----------------------------------------------------------------

def _check_error(name: str, value) -> None:
    """An Excel error value where an input belongs: say so, naming the input."""
    error = excel_error(value)
    if error:
        raise _ArgError(name, f"the cell holds {error}")


def _cell(value, name: str = ""):
    """One cell's value, tidied: text stripped, whole floats as ints (so messages say 5, not 5.0).

    With `name`, an Excel error value in the cell is reported as that input's error."""
    if hasattr(value, "tolist"):  # numpy scalars, as some spreadsheet engines pass them
        value = value.tolist()
    while isinstance(value, (list, tuple)) and len(value) == 1:  # a one-cell range where one value is due
        value = value[0]
    if is_js_null(value):
        return None
    if name:
        _check_error(name, value)
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _rows(name: str, value) -> list[list]:
    """Any Excel argument (one cell, a row, a column or a block) as a list of rows."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if value is None or is_js_null(value):
        return []
    if not isinstance(value, (list, tuple)):
        return [[value]]
    value = trim_trailing_blanks(value)
    if not value:
        return []
    if all(isinstance(row, (list, tuple)) for row in value):
        return [list(row) for row in value]
    if any(isinstance(row, (list, tuple)) for row in value):
        raise _ArgError(name, "must be a range of cells")
    return [list(value)]


def _line(name: str, value) -> list:
    """A single column or row of cells as a flat list."""
    rows = _rows(name, value)
    if all(len(row) == 1 for row in rows):
        return [row[0] for row in rows]
    if len(rows) == 1:
        return rows[0]
    raise _ArgError(name, f"must be a single column (or row) of cells, got {len(rows)} rows x {len(rows[0])} columns")


def _pairs(keys_name: str, keys, values_name: str, values, prefix: str = "") -> list[tuple[str, object]]:
    """(key, value) pairs from a column of keys and the column of values beside it.

    With a prefix ("model."), keys that leave it out get it, as the input key they stand for."""
    key_count, value_count = _cell_count(keys), _cell_count(values)
    if key_count != value_count:
        raise _ArgError(values_name, f"must have as many cells as {keys_name} "
                        f"({key_count} keys, {value_count} values)")
    key_cells = _line(keys_name, keys)
    if isinstance(values, (list, tuple)) and len(values) == value_count:
        values = values[:len(key_cells)]  # a value beside no key is never read: no need to look at it
    value_cells = _line(values_name, values)
    # Two ranges of one size (A:A beside B:B) may end their filled cells at different rows.
    filled = max(len(key_cells), len(value_cells))
    key_cells += [None] * (filled - len(key_cells))
    value_cells += [None] * (filled - len(value_cells))
    pairs = []
    for row, (key, value) in enumerate(zip(key_cells, value_cells), start=1):
        if is_blank(key):
            continue
        _check_error(f"{keys_name} row {row}", key)
        if not isinstance(key, str):
            raise _ArgError(keys_name, f"holds {_cell(key)!r} where a key such as 'base' belongs")
        key = key.strip()
        if prefix and not key.startswith(prefix):
            key = prefix + key
        pairs.append((key, _cell(value, key)))
    return pairs


def _cell_count(value) -> int:
    """How many cells a one-column (or one-row) argument spans, blanks included."""
    if hasattr(value, "shape"):
        return int(getattr(value, "size", 1))
    if value is None or is_js_null(value):
        return 0
    if not isinstance(value, (list, tuple)):
        return 1
    if len(value) == 1 and isinstance(value[0], (list, tuple)):
        return len(value[0])  # one row
    return len(value)


def _date(key: str, value):
    """A date cell: a date, a datetime, an Excel serial number or ISO text (left to the parser)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not 1 <= value < 2958466:  # 1900-01-01 .. 9999-12-31
            raise _ArgError(f"model.{key}", f"must be a date, got {value!r}")
        return EXCEL_EPOCH + timedelta(days=int(value))
    return value


def _tranche_pairs(name: str, value) -> list[list]:
    """A two-column (month, fraction) range as pairs; empty rows are skipped."""
    pairs = []
    for number, row in enumerate(_rows(name, value), start=1):
        cells = [_cell(c, f"{name} row {number}") for c in row]
        if all(is_blank(c) for c in cells):
            continue
        if len(cells) != 2:
            raise _ArgError(name, f"must be two columns (month, fraction), got {len(cells)}")
        if any(is_blank(c) for c in cells):
            raise _ArgError(f"{name} row {number}", "needs both a month and a fraction")
        pairs.append(cells)
    return pairs


def _input_key(key: str, tranches_name: str = "tranches", holiday_keys: tuple[str, ...] = ()) -> str:
    """The offers file's key path (`offers[0].signon[1] (offer 'X')`) as the input key (`signon.2`)."""
    key = re.sub(r" \(.*\)$", "", key)
    holiday = re.match(r"^model\.holidays\[(\d+)\]$", key)
    if holiday and int(holiday[1]) < len(holiday_keys):
        return holiday_keys[int(holiday[1])]
    key = re.sub(r"^offers\[\d+\]\.?", "", key)
    key = re.sub(r"^signon\[(\d+)\]$", lambda m: f"signon.{int(m[1]) + 1}", key)
    key = re.sub(r"^(?:equity\.)?schedule\.tranches\[(\d+)\]$", lambda m: f"{tranches_name} row {int(m[1]) + 1}", key)
    return re.sub(r"^(?:equity\.)?schedule\.tranches$", tranches_name, key)


class _ModelTable(dict):
    """The [model] table the model cells describe, and the input key of each holiday in its list."""
    holiday_keys: tuple[str, ...] = ()


def _model_table(pairs) -> _ModelTable:
    table, seen, holidays = _ModelTable(), set(), []
    for key, value in pairs:
        name = key[len("model."):] if key.startswith("model.") else key
        if name in seen:
            raise _ArgError(f"model.{name}", "is given twice")
        seen.add(name)
        if name in IGNORED_MODEL_KEYS or is_blank(value):
            continue
        holiday = HOLIDAY_KEY.match(name)
        if holiday:
            holidays.append((int(holiday[1]), f"model.{name}", _date(name, value)))
        else:
            table[name] = _date(name, value) if name in DATE_KEYS else value
    if holidays:
        holidays.sort(key=lambda entry: entry[0])
        table["holidays"] = [day for _, _, day in holidays]
        table.holiday_keys = tuple(key for _, key, _ in holidays)
    table.setdefault("start_date", PLACEHOLDER_START_DATE)
    table.setdefault("horizon_years", DEFAULT_HORIZON_YEARS)
    return table


def _parse(model: _ModelTable, offer: dict, tranches_name: str = "tranches"):
    offers_file = _parse_file(model, offer, tranches_name=tranches_name)
    return offers_file.offers[0], offers_file.model


def _parse_file(model: _ModelTable, offer: dict, negotiation=None, tranches_name: str = "tranches"):
    """The offers file of one offer (the target) and, optionally, its [negotiation] table."""
    # One neutral scenario: the UDFs use none, so the default Bear/Bull growth checks must not apply.
    data = {"model": dict(model), "offers": [offer], "scenarios": [{"name": "Base"}]}
    if negotiation:
        data["negotiation"] = negotiation
    try:
        return parse_offers(data, SOURCE)
    except InputError as error:
        raise _ArgError(_input_key(_lever_key(error.key), tranches_name, model.holiday_keys), error.reason) from None


def _offer(keys, values, model_keys, model_values, tranches):
    """The engine's (Offer, ModelSettings) for one offer column and the model column.

    The offer's tax_location is left out: the location's tables come as ranges (see _tax)."""
    return _offer_and_location(keys, values, model_keys, model_values, tranches)[:2]


def _offer_and_location(keys, values, model_keys, model_values, tranches):
    """(Offer, ModelSettings, tax_location or None when not given)."""
    model, table, location = _offer_tables(keys, values, model_keys, model_values, tranches)
    return (*_parse(model, table), location)


def _offer_tables(keys, values, model_keys, model_values, tranches):
    """The [model] table, the [[offers]] table and the tax_location (None when not given) that one
    offer column and the model column describe."""
    offer_pairs = _pairs("keys", keys, "values", values)
    model_pairs = [(k, v) for k, v in offer_pairs if k.startswith("model.")]
    model_pairs += _pairs("model_keys", model_keys, "model_values", model_values, prefix="model.")
    columns = {}
    for key, value in offer_pairs:
        if key.startswith("model."):
            continue
        if key in columns:
            raise _ArgError(key, "is given twice")
        columns[key] = value
    equity_type = columns.get("equity.type")
    if is_blank(equity_type) and any(not is_blank(v) for k, v in columns.items() if k.startswith("equity.")):
        raise _ArgError("equity.type", f'is required with the other equity inputs: "rsu", "options" or "{NO_EQUITY}"')
    pairs = []
    if columns.get("equity.schedule") == CUSTOM_SCHEDULE and equity_type != NO_EQUITY:
        pairs = _tranche_pairs("tranches", tranches)
        if not pairs:
            raise _ArgError("tranches", f'equity.schedule is "{CUSTOM_SCHEDULE}": give the tranches as two columns (month, fraction)')
    location = columns.pop(TAX_LOCATION_KEY, None)
    if not is_blank(location) and not isinstance(location, str):
        raise _ArgError(TAX_LOCATION_KEY, f"must be a location's name or \"{NO_TAX_LOCATION}\", got {location!r}")
    table = offer_table(columns, pairs)
    table.setdefault("name", DEFAULT_OFFER_NAME)
    return _model_table(model_pairs), table, None if is_blank(location) else location


def _settings(model_keys, model_values):
    """The model settings alone (checked with a stand-in offer that no result depends on)."""
    model_pairs = _pairs("model_keys", model_keys, "model_values", model_values, prefix="model.")
    return _parse(_model_table(model_pairs), {"name": DEFAULT_OFFER_NAME, "base": 0})[1]


def _schedule_value(name: str, value):
    """A schedule argument as an offers file gives it: a preset name or {"tranches": pairs}."""
    rows = _rows(name, value)
    if len(rows) == 1 and len(rows[0]) == 1 and isinstance(_cell(rows[0][0], name), str):
        return _cell(rows[0][0])
    pairs = _tranche_pairs(name, rows)
    if not pairs:
        raise _ArgError(name, "is empty: give a preset name or two columns (month, fraction)")
    return {"tranches": pairs}


def _schedule(name: str, value):
    schedule = _schedule_value(name, value)
    try:
        return parse_schedule(schedule, SOURCE, "schedule")
    except InputError as error:
        raise _ArgError(_input_key(error.key, name), error.reason) from None


def _number(name: str, value) -> float:
    value = _cell(value, name)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _ArgError(name, f"must be a number, got {value!r}")
    return float(value)


def _whole(name: str, value, low: int, high: int, what: str = "") -> int:
    value = _cell(value, name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _ArgError(name, f"must be a whole number, got {value!r}")
    if not low <= value <= high:
        raise _ArgError(name, f"must be between {low} and {high}{what}, got {value}")
    return value


def _choice(name: str, value, choices: tuple[str, ...], default: str) -> str:
    value = default if is_blank(value) else _cell(value, name)
    if not isinstance(value, str) or value.lower() not in choices:
        raise _ArgError(name, f"must be one of {', '.join(repr(c) for c in choices)}, got {value!r}")
    return value.lower()


LEVER_ARGUMENTS = {"fallback_after_months": "after_months", "fallback_probability": "probability",
                   "accelerated_schedule": "accelerated_tranches"}


def _lever_key(key: str) -> str:
    """A [negotiation] key path (`negotiation.fallback_probability`) as the argument that gave it."""
    found = re.match(r"^negotiation\.(\w+)(.*)$", key)
    if not found:
        return key
    name, rest = LEVER_ARGUMENTS.get(found[1], found[1]), found[2]
    row = re.match(r"^\.tranches\[(\d+)\]", rest)
    return f"{name} row {int(row[1]) + 1}" if row else name


def _levers_file(keys, values, model_keys, model_values, tranches, after_months=None, probability=None,
                 accelerated_tranches=None):
    """The offers file of one offer, the target, with the [negotiation] levers the arguments give
    (a blank one takes the file's default: the offer's fallback clause, else 6 months and 1)."""
    model, offer, _ = _offer_tables(keys, values, model_keys, model_values, tranches)
    negotiation = {}
    for name, value in (("fallback_after_months", after_months), ("fallback_probability", probability)):
        value = _cell(value, LEVER_ARGUMENTS[name])
        if not is_blank(value):
            negotiation[name] = value
    if accelerated_tranches is not None and not is_js_null(accelerated_tranches) and _rows(
            "accelerated_tranches", accelerated_tranches):
        negotiation["accelerated_schedule"] = _schedule_value("accelerated_tranches", accelerated_tranches)
    return _parse_file(model, offer, negotiation)


def _cell_errors(udf):
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


# --- the functions --------------------------------------------------------------------------

def _tax_settings(tax, location_keys, location_values, location):
    """The tax part of OFFERVALUE: the [tax] settings the ranges describe, checked as the offers
    file's are (None when `tax` says FALSE), with the offer's location: its block of the Tax sheet
    (keys and the location's four columns) when given, else the shipped table of its name."""
    table, seen = {}, set()
    for key, value in _tax_pairs(tax):
        name = key[len("tax."):] if key.startswith("tax.") else key
        if name not in TAX_KEYS:
            raise _ArgError(f"tax: {key}", f"is not a tax key; the keys are {', '.join(TAX_KEYS)}")
        if name in seen:
            raise _ArgError(f"tax: {name}", "is given twice")
        seen.add(name)
        if not is_blank(value):
            table[name] = value
    switch = table.pop("tax", True)
    if switch is False or (isinstance(switch, str) and switch.upper() == "FALSE"):
        return None
    if switch is not True and not (isinstance(switch, str) and switch.upper() == "TRUE"):
        raise _ArgError("tax: tax", f"must be TRUE or FALSE, got {switch!r}")
    year = table.pop("table_year", TABLE_YEAR)
    if year != TABLE_YEAR:
        raise _ArgError("tax: table_year", f"must be {TABLE_YEAR}: the functions use the federal tables of "
                        f"{TABLE_YEAR}, got {year!r}")
    given = location not in (None, NO_TAX_LOCATION) and _cell_count(location_keys) > 0
    if given:
        try:
            table["locations"] = {GIVEN_LOCATION: tax_grid.location_table(
                _location_cells(location_keys, location_values))}
        except tax_grid.GridError as error:
            raise _ArgError(f"location: {error.key}", error.reason) from None
    try:
        settings = read_tax(TableReader(SOURCE, (), {"tax": table}))
    except InputError as error:
        raise _ArgError(_tax_key(error.key), error.reason) from None
    if given:
        return settings, GIVEN_LOCATION
    if location in (None, NO_TAX_LOCATION):
        return settings, NO_TAX_LOCATION
    shipped = shipped_locations()  # none in xlwings Lite, which has no bundled files
    if location not in shipped:
        raise _ArgError(TAX_LOCATION_KEY, f"names no shipped location: {location!r}; give its table as "
                                          f"location_keys and location_values (its rows on the Tax sheet)")
    return replace(settings, locations={location: shipped[location]}), location


def _location_cells(location_keys, location_values) -> dict:
    """The Tax sheet's location rows: each key (column A) and the location's four cells beside it."""
    keys = _line("location_keys", location_keys)
    rows = _rows("location_values", location_values)
    if len(rows) < len(keys):
        rows += [[]] * (len(keys) - len(rows))
    cells = {}
    for number, (key, row) in enumerate(zip(keys, rows), start=1):
        if is_blank(key):
            continue
        _check_error(f"location_keys row {number}", key)
        if not isinstance(key, str):
            raise _ArgError("location_keys", f"holds {_cell(key)!r} where a key such as 'deduction' belongs")
        key = key.strip()
        if len(row) > tax_grid.WIDTH:
            raise _ArgError("location_values", f"must be at most {tax_grid.WIDTH} columns, got {len(row)}")
        cells[key] = tuple(_cell(value, f"location: {key}") for value in row)
    return cells


def _tax_pairs(tax) -> list[tuple[str, object]]:
    """The (key, value) rows of the two-column tax range."""
    pairs = []
    for number, row in enumerate(_rows("tax", tax), start=1):
        if len(row) != 2:
            raise _ArgError("tax", f"must be two columns (key, value), got {len(row)}")
        key, value = row
        if is_blank(key):
            continue
        _check_error(f"tax row {number}", key)
        if not isinstance(key, str):
            raise _ArgError("tax", f"holds {_cell(key)!r} where a key such as 'filing_status' belongs")
        pairs.append((key.strip(), _cell(value, f"tax: {key.strip()}")))
    return pairs


def _tax_key(key: str) -> str:
    """tax.locations.given.brackets_single[1] -> location: brackets_single.2 (the Tax sheet's row
    key); tax.filing_status -> tax: filing_status."""
    found = re.match(rf"^tax\.locations\.{GIVEN_LOCATION}\.(\w+)\[(\d+)\](.*)$", key)
    if found:
        return f"location: {found[1]}.{int(found[2]) + 1}{found[3]}"
    found = re.match(rf"^tax\.locations\.{GIVEN_LOCATION}\.?(.*)$", key)
    if found:
        return f"location: {found[1] or 'table'}"
    return "tax: " + key[len("tax."):] if key.startswith("tax.") else key


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
@_cell_errors
def OFFERVALUE(keys, values, model_keys=None, model_values=None, metric="pv", tranches=None, tax=None,
               location_keys=None, location_values=None):
    """An offer's present value ("pv"), nominal total, annualized value, or after-tax PV or total (tax ranges)."""
    metric = _choice("metric", metric, METRICS, "pv")
    offer, settings, location = _offer_and_location(keys, values, model_keys, model_values, tranches)
    value = engine.value_offer(offer, settings)
    if metric not in AFTER_TAX_METRICS:
        return getattr(value, metric)
    found = _tax_settings(tax, location_keys, location_values, location)
    if found is None:
        return ""  # tax switched off: no after-tax figure, as the workbook leaves it empty
    settings_tax, location_name = found
    if settings_tax.indexation and settings.start_date == PLACEHOLDER_START_DATE:
        raise _ArgError("model.start_date", "is needed with tax indexation: the tables are indexed from its year")
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
@_cell_errors
def OFFERTC(keys, values, model_keys=None, model_values=None, tranches=None):
    """An offer's total compensation in each employment year, as one row (it spills right)."""
    offer, settings = _offer(keys, values, model_keys, model_values, tranches)
    return engine.value_offer(offer, settings).years


def _chosen_schedule(schedule, tranches):
    """A schedule argument, where "custom" (as in equity.schedule) means the tranches range."""
    rows = _rows("schedule", schedule)
    if len(rows) == 1 and len(rows[0]) == 1 and _cell(rows[0][0], "schedule") == CUSTOM_SCHEDULE:
        if tranches is None or is_js_null(tranches):
            raise _ArgError("tranches", 'is needed when the schedule is "custom"')
        return _schedule("tranches", tranches)
    return _schedule("schedule", schedule)


@func
@arg("schedule", err_to_str=True, ndim=2, doc=DOC_SCHEDULE)
@arg("month", err_to_str=True, doc="Month of employment (0, 1, 2, ...); month 1 is the first month of work")
@arg("tranches", err_to_str=True, ndim=2, doc=DOC_TRANCHES)
@_cell_errors
def VESTED(schedule, month, tranches=None):
    """The fraction of a grant vested by the end of a month (cumulative, 0 to 1)."""
    month = _whole("month", month, 0, MAX_MONTH)
    return vested_fraction(_chosen_schedule(schedule, tranches).tranches, month)


@func
@arg("schedule", err_to_str=True, ndim=2, doc=DOC_SCHEDULE)
@arg("tranches", err_to_str=True, ndim=2, doc=DOC_TRANCHES)
@_cell_errors
def VESTSCHEDULE(schedule, tranches=None):
    """A vesting schedule's tranches as two columns: vest month and fraction of the grant."""
    return [[month, fraction] for month, fraction in _chosen_schedule(schedule, tranches).tranches]


@func
@arg("gap", err_to_str=True, doc=DOC_GAP)
@arg("keys", err_to_str=True, ndim=2, doc=DOC_KEYS)
@arg("values", err_to_str=True, ndim=2, doc=DOC_VALUES)
@arg("model_keys", err_to_str=True, ndim=2, doc=DOC_MODEL_KEYS)
@arg("model_values", err_to_str=True, ndim=2, doc=DOC_MODEL_VALUES)
@arg("tranches", err_to_str=True, ndim=2, doc=DOC_TRANCHES)
@_cell_errors
def ASKBASE(gap, keys, values, model_keys=None, model_values=None, tranches=None):
    """Extra year-1 base salary (raised like base) that alone closes a PV gap."""
    gap = _number("gap", gap)
    offer, settings = _offer(keys, values, model_keys, model_values, tranches)
    return engine.ask_base(offer, settings, gap)


@func
@arg("gap", err_to_str=True, doc=DOC_GAP)
@arg("model_keys", err_to_str=True, ndim=2, doc=DOC_MODEL_KEYS)
@arg("model_values", err_to_str=True, ndim=2, doc=DOC_MODEL_VALUES)
@_cell_errors
def ASKSIGNON(gap, model_keys=None, model_values=None):
    """Extra sign-on bonus, paid in month 1, that alone closes a PV gap."""
    gap = _number("gap", gap)
    return engine.ask_signon(_settings(model_keys, model_values), gap)


@func
@arg("gap", err_to_str=True, doc=DOC_GAP)
@arg("keys", err_to_str=True, ndim=2, doc=DOC_KEYS)
@arg("values", err_to_str=True, ndim=2, doc=DOC_VALUES)
@arg("model_keys", err_to_str=True, ndim=2, doc=DOC_MODEL_KEYS)
@arg("model_values", err_to_str=True, ndim=2, doc=DOC_MODEL_VALUES)
@arg("tranches", err_to_str=True, ndim=2, doc=DOC_TRANCHES)
@_cell_errors
def ASKEQUITY(gap, keys, values, model_keys=None, model_values=None, tranches=None):
    """Extra RSU grant value, on the offer's own schedule, that closes a PV gap; empty for an offer without RSUs."""
    gap = _number("gap", gap)
    offer, settings = _offer(keys, values, model_keys, model_values, tranches)
    if offer.equity is None or not offer.equity.is_rsu:
        return ""  # as the workbook's equity ask: no RSU grant to extend (options or no equity)
    ask = engine.ask_equity(offer, settings, gap)
    if ask is None:
        raise _ArgError("equity", "no extra grant closes the gap: none of it is worth anything within the "
                        "horizon (liquidity 0, or no tranche vests in time)")
    return ask


@func
@arg("alternative_pv", err_to_str=True, doc="The present value to tie with (the best competing offer's PV), in dollars")
@arg("keys", err_to_str=True, ndim=2, doc=DOC_KEYS)
@arg("values", err_to_str=True, ndim=2, doc=DOC_VALUES)
@arg("model_keys", err_to_str=True, ndim=2, doc=DOC_MODEL_KEYS)
@arg("model_values", err_to_str=True, ndim=2, doc=DOC_MODEL_VALUES)
@arg("tranches", err_to_str=True, ndim=2, doc=DOC_TRANCHES)
@_cell_errors
def BREAKEVENGROWTH(alternative_pv, keys, values, model_keys=None, model_values=None, tranches=None):
    """The offer's annual stock growth, between -30% and +30%, at which its PV equals alternative_pv; empty if none."""
    goal = _number("alternative_pv", alternative_pv)
    offer, settings = _offer(keys, values, model_keys, model_values, tranches)
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
@_cell_errors
def LEAVEVALUE(month, keys, values, model_keys=None, model_values=None, mode="quit", tranches=None):
    """Nominal dollars kept when leaving after a month: pay, bonus, sign-on and vested equity so far."""
    mode = _choice("mode", mode, engine.LEAVE_MODES, "quit")
    offer, settings = _offer(keys, values, model_keys, model_values, tranches)
    month = _whole("month", month, 1, settings.months, " (the horizon's months)")
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
@_cell_errors
def ASKBUMP(gap, keys, values, model_keys=None, model_values=None, after_months=None, probability=None,
            tranches=None):
    """The extra fallback bump, as a fraction of base, that alone closes a PV gap when paid from month after_months + 1 with the milestone's probability."""
    gap = _number("gap", gap)
    offers_file = _levers_file(keys, values, model_keys, model_values, tranches, after_months, probability)
    ask = levers.ask_bump(offers_file.target, offers_file.model, offers_file.negotiation, gap)
    if ask is None:
        raise _ArgError("probability", "no bump closes the gap: the milestone probability is 0, or no month of "
                        "the horizon is left after after_months")
    return ask


@func
@arg("alternative_pv", err_to_str=True, doc="The present value to tie with (the best competing offer's PV), in dollars")
@arg("keys", err_to_str=True, ndim=2, doc=DOC_KEYS)
@arg("values", err_to_str=True, ndim=2, doc=DOC_VALUES)
@arg("model_keys", err_to_str=True, ndim=2, doc=DOC_MODEL_KEYS)
@arg("model_values", err_to_str=True, ndim=2, doc=DOC_MODEL_VALUES)
@arg("tranches", err_to_str=True, ndim=2, doc=DOC_TRANCHES)
@_cell_errors
def PROBABILITYTOCLOSE(alternative_pv, keys, values, model_keys=None, model_values=None, tranches=None):
    """The milestone probability of the offer's own fallback clause at which its PV equals alternative_pv (above 1: none closes it); empty without a clause that pays."""
    goal = _number("alternative_pv", alternative_pv)
    offer, settings = _offer(keys, values, model_keys, model_values, tranches)
    probability = levers.probability_to_close(offer, settings, goal)
    return "" if probability is None else probability


@func
@arg("keys", err_to_str=True, ndim=2, doc=DOC_KEYS)
@arg("values", err_to_str=True, ndim=2, doc=DOC_VALUES)
@arg("model_keys", err_to_str=True, ndim=2, doc=DOC_MODEL_KEYS)
@arg("model_values", err_to_str=True, ndim=2, doc=DOC_MODEL_VALUES)
@arg("accelerated_tranches", err_to_str=True, ndim=2, doc=DOC_ACCELERATED)
@arg("tranches", err_to_str=True, ndim=2, doc=DOC_TRANCHES)
@_cell_errors
def ACCELERATIONVALUE(keys, values, model_keys=None, model_values=None, accelerated_tranches=None, tranches=None):
    """The PV gained when the offer's initial grant vests on the accelerated schedule instead of its own (may be negative); empty without equity."""
    offers_file = _levers_file(keys, values, model_keys, model_values, tranches,
                               accelerated_tranches=accelerated_tranches)
    value = levers.acceleration_value(offers_file.target, offers_file.model, offers_file.negotiation)
    return "" if value is None else value
