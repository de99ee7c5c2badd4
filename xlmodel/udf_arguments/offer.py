"""The arguments of an Excel function as an offers file: the model column, one offer column (and
its tranche range), the negotiation levers; checked by `offers_file.parse_offers`, so a bad
value gets the command line's reason.

While the tables are built, each key path of the file is recorded with the argument (or the
cell of an argument) it came from, `Names`: an error's path (("offers", 0, "signon", 1)) is
looked up there ("signon.2"), never parsed back from its message."""
from __future__ import annotations

from datetime import date
from typing import Any, Optional

from ..errors import InputError, key_path
from ..excel_cells import is_blank, is_js_null
from ..inputs import keys as input_keys
from ..inputs import schema
from ..inputs.keys import CUSTOM_SCHEDULE, NO_EQUITY, TAX_LOCATION_KEY, offer_table
from ..inputs.offers_file import parse_offers
from ..inputs.schedule_file import parse_schedule
from ..model import NO_TAX_LOCATION
from .cells import SOURCE, ArgumentError, cell, key_value_pairs, rows, serial_date, tranche_rows

DEFAULT_OFFER_NAME = "Offer"
DEFAULT_HORIZON_YEARS = 4
PLACEHOLDER_START_DATE = date(2000, 1, 1)  # required by the file format, used by no function's result
DATE_KEYS = tuple(f.key for f in schema.MODEL if f.kind == schema.DATE)
IGNORED_MODEL_KEYS = ("target",)  # one offer at a time: it is the target
OFFER = ("offers", 0)
LEVER_ARGUMENTS = {"fallback_after_months": "after_months", "fallback_probability": "probability",
                   "accelerated_schedule": "accelerated_tranches"}


class Names:
    """Which argument each key path of the offers file came from."""

    def __init__(self, names: Optional[dict[tuple, str]] = None):
        self.names: dict[tuple, str] = dict(names or {})

    def add(self, path: tuple, name: str) -> None:
        self.names[tuple(path)] = name

    def update(self, other: "Names") -> None:
        self.names.update(other.names)

    def of(self, path: tuple) -> str:
        """The argument of a path: its own, else its nearest table's followed by the rest of the
        path (a required key left out: "fallback" + "after_months")."""
        for cut in range(len(path), 0, -1):
            if path[:cut] in self.names:
                base, rest = self.names[path[:cut]], path[cut:]
                if not rest:
                    return base
                tail = key_path(rest)
                return f"{base}.{tail}" if base and not isinstance(rest[0], int) else base + tail
        return key_path(path)

    def error(self, error: InputError) -> ArgumentError:
        return ArgumentError(self.of(error.path), error.reason)


def tranche_names(path: tuple, name: str, found: list[tuple[int, list]]) -> Names:
    """A tranche range's key paths: the table, and each pair by its row in the range."""
    names = Names({path: name, path + ("tranches",): name})
    for n, (row, _) in enumerate(found):
        names.add(path + ("tranches", n), f"{name} row {row}")
    return names


def model_table(pairs) -> tuple[dict, Names]:
    """The [model] table the model cells describe, and the argument of each of its keys."""
    table: dict[str, Any] = {}
    names = Names({("model",): "model"})
    seen, holidays = set(), []
    for key, value in pairs:
        name = key[len("model."):] if key.startswith("model.") else key
        if name in seen:
            raise ArgumentError(f"model.{name}", "is given twice")
        seen.add(name)
        if name in IGNORED_MODEL_KEYS or is_blank(value):
            continue
        holiday = input_keys.numbered(f"model.{name}")
        if holiday is not None and holiday[0] == input_keys.HOLIDAY_KEY:
            holidays.append((holiday[1], f"model.{name}", serial_date(f"model.{name}", value)))
            continue
        table[name] = serial_date(f"model.{name}", value) if name in DATE_KEYS else value
        names.add(("model", name), f"model.{name}")
    if holidays:
        holidays.sort(key=lambda entry: entry[0])
        table["holidays"] = [day for _, _, day in holidays]
        names.add(("model", "holidays"), input_keys.HOLIDAY_KEY)
        for n, (_, key, _) in enumerate(holidays):
            names.add(("model", "holidays", n), key)
    table.setdefault("start_date", PLACEHOLDER_START_DATE)
    table.setdefault("horizon_years", DEFAULT_HORIZON_YEARS)
    return table, names


def offer_names(columns: dict) -> Names:
    """Where each key of an offer column lands in the [[offers]] table (as `offer_table` puts it)."""
    names = Names({OFFER: "", OFFER + ("equity",): "equity", OFFER + ("fallback",): "fallback",
                   OFFER + ("signon",): "signon"})
    for key in columns:
        table, _, rest = key.partition(".")
        if table == input_keys.SIGNON_KEY and rest.isdigit():
            names.add(OFFER + ("signon", int(rest) - 1), key)
        elif table in ("equity", "fallback") and rest:
            names.add(OFFER + (table, rest), key)
        else:
            names.add(OFFER + (key,), key)
    return names


def offer_tables(keys, values, model_keys, model_values, tranches) -> tuple[dict, dict, Optional[str], Names]:
    """The [model] table, the [[offers]] table, the tax_location (None when not given) and the
    names of their keys, from one offer column and the model column."""
    offer_pairs = key_value_pairs("keys", keys, "values", values)
    model_pairs = [(k, v) for k, v in offer_pairs if k.startswith("model.")]
    model_pairs += key_value_pairs("model_keys", model_keys, "model_values", model_values, prefix="model.")
    columns = {}
    for key, value in offer_pairs:
        if key.startswith("model."):
            continue
        if key in columns:
            raise ArgumentError(key, "is given twice")
        columns[key] = value
    equity_type = columns.get("equity.type")
    if is_blank(equity_type) and any(not is_blank(v) for k, v in columns.items() if k.startswith("equity.")):
        raise ArgumentError("equity.type", f'is required with the other equity inputs: "rsu", "options" or "{NO_EQUITY}"')
    found = []
    if columns.get("equity.schedule") == CUSTOM_SCHEDULE and equity_type != NO_EQUITY:
        found = tranche_rows("tranches", tranches)
        if not found:
            raise ArgumentError("tranches", f'equity.schedule is "{CUSTOM_SCHEDULE}": give the tranches as two columns '
                                "(month, fraction)")
    location = columns.pop(TAX_LOCATION_KEY, None)
    if not is_blank(location) and not isinstance(location, str):
        raise ArgumentError(TAX_LOCATION_KEY, f"must be a location's name or \"{NO_TAX_LOCATION}\", got {location!r}")
    names = offer_names(columns)
    schedule_path = OFFER + ("equity", "schedule")  # stays equity.schedule: the tranches below it are the range's
    for path, shown in tranche_names(schedule_path, "tranches", found).names.items():
        if path != schedule_path:
            names.add(path, shown)
    table = offer_table(columns, [pair for _, pair in found])
    table.setdefault("name", DEFAULT_OFFER_NAME)
    model, model_names = model_table(model_pairs)
    names.update(model_names)
    return model, table, None if is_blank(location) else location, names


def parse_file(model: dict, offer: dict, names: Names, negotiation: Optional[dict] = None):
    """The offers file of one offer (the target) and, optionally, its [negotiation] table."""
    # One neutral scenario: the functions use none, so the default Bear/Bull growth checks must not apply.
    data = {"model": dict(model), "offers": [offer], "scenarios": [{"name": "Base"}]}
    if negotiation:
        data["negotiation"] = negotiation
    try:
        return parse_offers(data, SOURCE)
    except InputError as error:
        raise names.error(error) from None


def offer_file(keys, values, model_keys=None, model_values=None, tranches=None):
    """The offers file of one offer column (with the model column and its tranche range)."""
    model, table, _, names = offer_tables(keys, values, model_keys, model_values, tranches)
    return parse_file(model, table, names)


def offer_and_settings(keys, values, model_keys=None, model_values=None, tranches=None):
    """The engine's (Offer, ModelSettings) for one offer column and the model column.

    The offer's tax_location is left out: the location's tables come as ranges (see tax_ranges)."""
    offers_file = offer_file(keys, values, model_keys, model_values, tranches)
    return offers_file.offers[0], offers_file.model


def offer_settings_location(keys, values, model_keys=None, model_values=None, tranches=None):
    """(Offer, ModelSettings, tax_location or None when not given)."""
    model, table, location, names = offer_tables(keys, values, model_keys, model_values, tranches)
    offers_file = parse_file(model, table, names)
    return offers_file.offers[0], offers_file.model, location


def model_settings(model_keys, model_values):
    """The model settings alone (checked with a stand-in offer that no result depends on)."""
    model, names = model_table(key_value_pairs("model_keys", model_keys, "model_values", model_values,
                                               prefix="model."))
    return parse_file(model, {"name": DEFAULT_OFFER_NAME, "base": 0}, names).model


def schedule_value(name: str, value) -> tuple[Any, Names]:
    """A schedule argument as an offers file gives it (a preset name or {"tranches": pairs}), and
    the names of its tranches' paths below ("schedule",)."""
    found = rows(name, value)
    if len(found) == 1 and len(found[0]) == 1 and isinstance(cell(found[0][0], name), str):
        return cell(found[0][0]), Names({("schedule",): name})
    pairs = tranche_rows(name, found)
    if not pairs:
        raise ArgumentError(name, "is empty: give a preset name or two columns (month, fraction)")
    return {"tranches": [pair for _, pair in pairs]}, tranche_names(("schedule",), name, pairs)


def schedule(name: str, value):
    table, names = schedule_value(name, value)
    try:
        return parse_schedule(table, SOURCE, "schedule")
    except InputError as error:
        raise names.error(error) from None


def chosen_schedule(value, tranches):
    """A schedule argument, where "custom" (as in equity.schedule) means the tranches range."""
    found = rows("schedule", value)
    if len(found) == 1 and len(found[0]) == 1 and cell(found[0][0], "schedule") == CUSTOM_SCHEDULE:
        if tranches is None or is_js_null(tranches):
            raise ArgumentError("tranches", 'is needed when the schedule is "custom"')
        return schedule("tranches", tranches)
    return schedule("schedule", value)


def levers_file(keys, values, model_keys, model_values, tranches, after_months=None, probability=None,
                accelerated_tranches=None):
    """The offers file of one offer, the target, with the [negotiation] levers the arguments give
    (a blank one takes the file's default: the offer's fallback clause, else 6 months and 1)."""
    model, offer, _, names = offer_tables(keys, values, model_keys, model_values, tranches)
    negotiation = {}
    for key, value in (("fallback_after_months", after_months), ("fallback_probability", probability)):
        value = cell(value, LEVER_ARGUMENTS[key])
        names.add(("negotiation", key), LEVER_ARGUMENTS[key])
        if not is_blank(value):
            negotiation[key] = value
    if accelerated_tranches is not None and not is_js_null(accelerated_tranches) and rows(
            "accelerated_tranches", accelerated_tranches):
        name = LEVER_ARGUMENTS["accelerated_schedule"]
        negotiation["accelerated_schedule"], found = schedule_value(name, accelerated_tranches)
        for path, shown in found.names.items():
            names.add(("negotiation", "accelerated_schedule") + path[1:], shown)
    return parse_file(model, offer, names, negotiation)
