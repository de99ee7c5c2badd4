"""The Inputs sheet, read by its key paths (column B), not by fixed rows: each key path is looked
up there and each offer column read beside it; the scenarios are read from their table below,
by its row of key paths. A blank cell is an absent key, and a value equal to the key's default
is left out too, as a file that never named it means the same. Every value read is recorded in
`places` under its key path in the offers file, so that a checking error can name its cell."""
from __future__ import annotations

from typing import Any, Optional

from ..errors import InputError
from ..inputs import keys as input_keys
from ..inputs import schema
from ..inputs.field_words import unit_words
from ..model import DEFAULT_ACCELERATED_SCHEDULE
from ..workbook.inputs_layout import INPUTS, KEY_COL, VALUE_COL
from .cells import CellReader
from .places import Place, letter
from .tranches import REBUILD, accelerated_tranches, custom_tranches

NAME_RANGES = {"offers": "OfferNames", "scenarios": "ScenarioNames"}
OFFER_ORDER = (input_keys.OFFER_HEAD_KEYS + ("signon",) + input_keys.OFFER_SIGNON_TAIL_KEYS + ("equity", "fallback")
               + input_keys.TAX_KEYS)
SIZES = ("equity.grant_value", "equity.shares", "equity.percent", "equity.price")  # any of them: the offer has equity


def is_default(field: schema.Field, value: Any) -> bool:
    """`value` is the key's default, of the same kind (so FALSE is no stand-in for 0)."""
    default = field.default
    if default is None or isinstance(default, (tuple, list)):
        return False
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool) and value == default
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float)) and value == default
    return value == default


def without_defaults(table: dict, fields: schema.Table) -> dict:
    return {key: value for key, value in table.items()
            if key not in fields.keys() or not is_default(fields[key], value)}


def _label(noun: str, name: Any, where: str) -> str:
    if isinstance(name, str) and name.strip():
        return f"{noun} {name!r}"
    return f"{noun} in {where}"


class InputsReader:
    """The Inputs sheet of a workbook being read."""

    def __init__(self, reader: CellReader):
        self.reader, self.places = reader, reader.places
        self.ws = reader.workbook[INPUTS]
        self.rows = self._key_rows()

    def _cell(self, key: str, column: int, path: tuple, shown: str, label: str = "") -> Any:
        """The value of `key` in `column`, recorded at `path` (shown as `shown`)."""
        row = self.rows[key]
        value = self.reader.value(INPUTS, row, column, key, label)
        self.places.add(path, Place(INPUTS, column, row, shown, value=value, field=input_keys.input_field(key)))
        return value

    def _span(self, path: tuple, keys, column: int, shown: str) -> None:
        rows = [self.rows[k] for k in keys if k in self.rows]
        self.places.add(path, Place(INPUTS, column, min(rows), shown, max(rows)))

    def _key_rows(self) -> dict[str, int]:
        """Row of every key path of column B (the scenarios have their own row of key paths)."""
        rows: dict[str, int] = {}
        for row in range(1, self.ws.max_row + 1):
            text = self.ws.cell(row=row, column=KEY_COL).value
            key = text.strip() if isinstance(text, str) else None
            if key is None or not input_keys.is_input_key(key) or key in input_keys.SCENARIO_KEYS:
                continue
            if key in rows:
                raise self.places.error(f"{INPUTS}!{letter(KEY_COL)}{row}", key, f"appears twice in column "
                                        f"{letter(KEY_COL)} (rows {rows[key]} and {row}); keep one row per key, or {REBUILD}")
            rows[key] = row
        column = f"{INPUTS}!{letter(KEY_COL)}:{letter(KEY_COL)}"
        if not any(key in rows for key in ("model.start_date", "name", "base")):
            raise self.places.error(column, "", f"column {letter(KEY_COL)} holds no key paths (model.start_date, name, "
                                    "base, ...); read a workbook made by `xlmodel build`")
        signons = [number for key in rows if (found := input_keys.numbered(key)) and found[0] == "signon"
                   for number in [found[1]]]
        required = [k for k in input_keys.FIXED_KEYS if k not in input_keys.SCENARIO_KEYS]
        missing = [k for k in required + list(input_keys.signon_keys(max(signons, default=1))) if k not in rows]
        if missing:
            what = "this key" if len(missing) == 1 else "these keys"
            raise self.places.error(column, ", ".join(missing), f"no row of column {letter(KEY_COL)} holds {what} "
                                    f"(was a row deleted?); undo the deletion, or {REBUILD}")
        return rows

    def _count(self, kind: str, filled) -> int:
        """How many offers (or scenarios) the workbook values: by its defined name, else by content."""
        from openpyxl.utils.cell import range_boundaries

        defined = self.reader.workbook.defined_names.get(NAME_RANGES[kind])
        if defined is not None:
            try:
                (_, reference), = list(defined.destinations)
                low_col, low_row, high_col, high_row = range_boundaries(reference.replace("$", ""))
                return max(high_col - low_col, high_row - low_row) + 1
            except (ValueError, TypeError):
                pass
        count = 0
        while filled(count):
            count += 1
        return max(count, 1)

    # --- the model settings ------------------------------------------------------------------------

    def model(self) -> dict:
        table: dict[str, Any] = {}
        for key in input_keys.MODEL_KEYS:
            value = self._cell(key, VALUE_COL, ("model", key.split(".", 1)[1]), key)
            if value is not None:
                table[key.split(".", 1)[1]] = value
        keys = sorted((k for k in self.rows if (input_keys.numbered(k) or ("",))[0] == input_keys.HOLIDAY_KEY),
                      key=lambda k: self.rows[k])
        if keys:
            self._span(("model", "holidays"), keys, VALUE_COL, input_keys.HOLIDAY_KEY)
        holidays = []
        for key in keys:
            value = self.reader.value(INPUTS, self.rows[key], VALUE_COL, key)
            if value is not None:
                self.places.add(("model", "holidays", len(holidays)),
                                Place(INPUTS, VALUE_COL, self.rows[key], key, value=value))
                holidays.append(value)
        if holidays:
            table["holidays"] = holidays
        return without_defaults(table, schema.MODEL)

    # --- the offers --------------------------------------------------------------------------------

    def offer_keys(self) -> list[str]:
        signons = sorted((k for k in self.rows if (input_keys.numbered(k) or ("",))[0] == input_keys.SIGNON_KEY),
                         key=lambda k: input_keys.numbered(k)[1])
        return (list(input_keys.OFFER_HEAD_KEYS) + signons + list(input_keys.OFFER_SIGNON_TAIL_KEYS)
                + list(input_keys.EQUITY_KEYS) + list(input_keys.FALLBACK_KEYS) + list(input_keys.TAX_KEYS))

    def offer_columns(self, keys: list[str]) -> list[int]:
        rows = [self.rows[k] for k in keys]
        count = self._count("offers", lambda n: any(self.ws.cell(row=r, column=VALUE_COL + n).value not in (None, "")
                                                    for r in rows))
        columns = list(range(VALUE_COL, VALUE_COL + count))
        # The column beside the last offer holds the units: a value typed there is in no formula.
        beside = VALUE_COL + count
        for key, row in zip(keys, rows):
            found = self.ws.cell(row=row, column=beside).value
            if found not in (None, "") and found != unit_words(input_keys.input_field(key)):
                raise self.places.error(
                    f"{INPUTS}!{letter(beside)}{row}", key,
                    f"column {letter(beside)} is not one of the workbook's {count} offers "
                    f"({letter(columns[0])}:{letter(columns[-1])}), so no formula uses it; clear it, or add the "
                    "offer to the offers file and rebuild the workbook")
        return columns

    def offer(self, index: int, column: int, keys: list[str]) -> dict:
        places = self.places
        path = ("offers", index)
        name = self.reader.value(INPUTS, self.rows["name"], column, "name")
        label = _label("offer", name, f"column {letter(column)}")
        self._cell("name", column, path + ("name",), f"name ({label})", label)
        if name is None:
            raise places.error(places.at[path + ("name",)].where, f"name ({label})",
                               "is blank; every offer needs a name (to drop an offer, remove it from the offers file "
                               "and rebuild the workbook)")
        self._span(path, keys, column, f"offer ({label})")
        for table, table_keys in (("equity", input_keys.EQUITY_KEYS), ("fallback", input_keys.FALLBACK_KEYS)):
            self._span(path + (table,), table_keys, column, f"{table} ({label})")
        signons = [k for k in keys if (input_keys.numbered(k) or ("",))[0] == input_keys.SIGNON_KEY]
        self._span(path + ("signon",), signons, column, f"signon ({label})")
        values = {"name": name}
        for key in keys[1:]:
            found = input_keys.numbered(key)
            where = path + ("signon", found[1] - 1) if found else path + tuple(key.split("."))
            values[key] = self._cell(key, column, where, f"{key} ({label})", label)
        if values["equity.type"] is None and any(values[k] is not None for k in SIZES):
            raise places.error(places.at[path + ("equity", "type")].where, f"equity.type ({label})",
                               "is blank but the offer has equity inputs; choose rsu, options or none")
        tranches = None
        if values["equity.schedule"] == input_keys.CUSTOM_SCHEDULE and \
                values["equity.type"] not in (None, input_keys.NO_EQUITY):
            name_place = places.at[path + ("name",)]
            tranches = custom_tranches(self.reader, index, f"{letter(column)}{name_place.row}", label)
        table = input_keys.offer_table(values, tranches)
        table = without_defaults(table, schema.OFFER)
        for part, fields in (("equity", schema.EQUITY), ("fallback", schema.FALLBACK)):
            if part in table:
                table[part] = without_defaults(table[part], fields)
        order = {key: n for n, key in enumerate(OFFER_ORDER)}  # as on the sheet: sign-on amounts before their terms
        return dict(sorted(table.items(), key=lambda item: order.get(item[0], len(order))))

    # --- the scenarios -----------------------------------------------------------------------------

    def scenario_columns(self) -> Optional[tuple[int, dict[str, int]]]:
        """The scenario table's row of key paths and the column of each key; None without one."""
        for row in range(1, self.ws.max_row + 1):
            if self.ws.cell(row=row, column=VALUE_COL).value == input_keys.SCENARIO_KEYS[0]:
                columns = {}
                for column in range(VALUE_COL, self.ws.max_column + 1):
                    text = self.ws.cell(row=row, column=column).value
                    if isinstance(text, str) and text.strip() in input_keys.SCENARIO_KEYS:
                        columns[text.strip()] = column
                missing = [k for k in input_keys.SCENARIO_KEYS if k not in columns]
                if missing:
                    raise self.places.error(f"{INPUTS}!{row}:{row}", ", ".join(missing),
                                            f"the scenario table's row of key paths lacks them; {REBUILD}")
                return row, columns
        return None

    def scenarios(self) -> list[dict]:
        found = self.scenario_columns()
        if found is None:
            raise self.places.error(f"{INPUTS}!{letter(VALUE_COL)}:{letter(VALUE_COL)}", "scenario.name",
                                    f"no scenario table (its row of key paths, scenario.name first); {REBUILD}")
        keys_row, columns = found
        first = keys_row + 2  # below the units
        filled = lambda n: any(self.ws.cell(row=first + n, column=c).value not in (None, "") for c in columns.values())
        count = self._count("scenarios", filled)
        if filled(count):
            row = first + count
            raise self.places.error(f"{INPUTS}!{row}:{row}", "scenario",
                                    f"row {row} is not one of the workbook's {count} scenarios (rows {first} to "
                                    f"{first + count - 1}), so no formula uses it; clear it, or add the scenario to the "
                                    "offers file and rebuild the workbook")
        return [self.scenario(j, first + j, columns) for j in range(count)]

    def scenario(self, index: int, row: int, columns: dict[str, int]) -> dict:
        path = ("scenarios", index)
        name_key = input_keys.SCENARIO_KEYS[0]
        name = self.reader.value(INPUTS, row, columns[name_key], name_key)
        label = _label("scenario", name, f"row {row}")
        self.places.add(path, Place(INPUTS, min(columns.values()), row, f"scenario ({label})",
                                    last_column=max(columns.values())))
        table = {}
        for key, column in columns.items():
            value = self.reader.value(INPUTS, row, column, key, label)
            self.places.add(path + (key.split(".", 1)[1],), Place(INPUTS, column, row, f"{key} ({label})", value=value,
                                                                  field=input_keys.input_field(key)))
            if value is not None:
                table[key.split(".", 1)[1]] = value
        if name is None:
            raise self.places.error(self.places.at[path + ("name",)].where, f"scenario.name ({label})",
                                    "is blank; every scenario needs a name")
        return table

    # --- the negotiation ---------------------------------------------------------------------------

    def negotiation(self) -> dict:
        """The [negotiation] table: the levers and wording typed on Inputs, and the accelerated
        schedule when it is not the default one (what a file without them means)."""
        table: dict[str, Any] = {}
        for key in input_keys.NEGOTIATION_KEYS:
            value = self._cell(key, VALUE_COL, ("negotiation", key.split(".", 1)[1]), key)
            if value is not None:
                table[key.split(".", 1)[1]] = value
        tranches = accelerated_tranches(self.reader)
        if tranches is not None and [tuple(pair) for pair in tranches] != list(DEFAULT_ACCELERATED_SCHEDULE.tranches):
            table["accelerated_schedule"] = {"tranches": tranches}
        return without_defaults(table, schema.NEGOTIATION)


def read_inputs(reader: CellReader) -> dict:
    """The offers file's tables that the Inputs sheet (and the tranche tables) hold."""
    if INPUTS not in reader.workbook.sheetnames:
        sheets = ", ".join(reader.workbook.sheetnames)
        raise InputError(str(reader.path), (), f"has no {INPUTS} sheet (its sheets: {sheets}); "
                         "read a workbook made by `xlmodel build`")
    sheet = InputsReader(reader)
    keys = sheet.offer_keys()
    columns = sheet.offer_columns(keys)
    document = {"model": sheet.model(), "offers": [sheet.offer(i, column, keys) for i, column in enumerate(columns)],
                "scenarios": sheet.scenarios()}
    negotiation = sheet.negotiation()
    if negotiation:
        document["negotiation"] = negotiation
    return document
