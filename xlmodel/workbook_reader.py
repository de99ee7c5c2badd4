"""`xlmodel read`: the inputs of a workbook that `xlmodel build` wrote (and a user then edited in
Excel or LibreOffice) back into an offers file, and a small TOML writer for that file.

The Inputs sheet is read by its key column (A), not by fixed rows: each key path is looked up
there, and each offer and scenario column is read under it. A blank cell is an absent key.
The values become the [[offers]] tables a TOML file would give (`input_keys.offer_table`)
and are checked by `offers_file.parse_offers`, so a broken value gets the usual reason; its
key path (`offers[1].base`) is then translated into the sheet, cell and key where the value
sits (`Inputs!C27: base (offer 'Nimbus AI')`).
"""
from __future__ import annotations

import io
import math
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Optional

from . import workbook_tax_reader as tax_reader
from .inputs import keys as input_keys
from .errors import InputError, key_path, read_user_file
from .output_files import check_name, check_target, write_text
from .model import DEFAULT_ACCELERATED_SCHEDULE, DEFAULT_SCENARIOS, OffersFile
from .inputs.offers_file import parse_offers
from .schedules import PRESET_NAMES
from .workbook.layout import INPUTS, MAX_MONTHS, SCENARIO_KEYS, SCHEDULES
from .workbook.schedules_sheet import ACCELERATED_TITLE

NAME_RANGES = {"offers": "OfferNames", "scenarios": "ScenarioNames"}
TABLE_COLUMNS = 3  # each tranche table on Schedules: month, fraction, a spacer; presets first, then offers

DATE_KEYS = {"model.start_date", "model.decision_date", "negotiation.competing_deadline"}
WHOLE_KEYS = {"model.horizon_years", "model.response_business_days", "model.expiry_business_days",
              "signon_clawback_months", "fallback.after_months", "fallback.guaranteed_months",
              "negotiation.fallback_after_months", "model.draws", "model.seed", "equity.exercise_window_months"}
TEXT_KEYS = {"model.target", "name", "title", "scenario.name", input_keys.TAX_LOCATION_KEY, "tax.locations",
             "tax.filing_status", "negotiation.milestone", "negotiation.alternative_label", "negotiation.recruiter",
             "negotiation.candidate"}
CHOICE_KEYS = {"signon_payment", "equity.type", "equity.schedule"}
BOOLEAN_KEYS = {"scenario.milestone", "equity.participating", "negotiation.redact"}
OFFER_ORDER = (input_keys.OFFER_HEAD_KEYS + ("signon",) + input_keys.OFFER_SIGNON_TAIL_KEYS + ("equity", "fallback")
               + input_keys.TAX_KEYS)
_HOLIDAY = re.compile(r"model\.holidays\.(\d+)$")
_SIGNON = re.compile(r"signon\.(\d+)$")
_TEXT_BOOLEANS = {"TRUE": True, "FALSE": False}
_LITERAL_BOOLEANS = {"=TRUE()": True, "=FALSE()": False, "=TRUE": True, "=FALSE": False}
REBUILD = "rebuild the workbook from its offers file (`xlmodel build`)"
# A workbook xlmodel builds (8 offers over 10 years) is about 0.3 MB, 4.4 MB unpacked, its parts
# compressed at most about 26:1. Far beyond that, it is no model but a zip bomb: refused
# before openpyxl unpacks anything.
MAX_WORKBOOK_BYTES = 50_000_000
MAX_UNPACKED_BYTES = 100_000_000
MAX_PARTS = 10_000
MAX_RATIO = 200  # for a part over RATIO_FLOOR bytes unpacked; small parts may compress oddly
RATIO_FLOOR = 1_000_000


# --- what was read, and where it sits ----------------------------------------------------------

@dataclass
class WorkbookInputs:
    """The inputs of a workbook: the offers file as TOML would parse it, and checked."""
    document: dict  # {"model": {...}, "offers": [...], "scenarios": [...] (only if not the defaults), "tax"}
    offers_file: OffersFile
    notes: list[str] = field(default_factory=list)  # what the offers file cannot carry (edited federal tables)


@dataclass
class _Places:
    """Where each value was read: cells by key and column, so a checking error can point at one."""
    workbook: str
    rows: dict[str, int] = field(default_factory=dict)  # key path -> row on Inputs
    offer_cols: list[int] = field(default_factory=list)
    scenario_cols: list[int] = field(default_factory=list)
    offer_labels: list[str] = field(default_factory=list)
    scenario_labels: list[str] = field(default_factory=list)
    holidays: list[tuple[str, str]] = field(default_factory=list)  # (cell, key) of each holiday, in list order
    tranches: dict[int, list[tuple[str, str]]] = field(default_factory=dict)  # offer -> (month cell, fraction cell)
    tables: dict[int, str] = field(default_factory=dict)  # offer -> its custom tranche table's range
    tax_cells: dict[str, str] = field(default_factory=dict)  # tax key path (tax.locations.WA.brackets[0]) -> cell
    accelerated: list[tuple[str, str]] = field(default_factory=list)  # the accelerated table's (month, fraction) cells
    accelerated_table: str = ""  # its range

    def error(self, where: str, key: str, reason: str) -> InputError:
        return InputError(f"{self.workbook}: {where}", (key,) if key else (), reason)

    def cell(self, key: str, column: int) -> str:
        return f"{INPUTS}!{_letter(column)}{self.rows[key]}"

    def span(self, keys: list[str], column: int) -> str:
        rows = [self.rows[k] for k in keys if k in self.rows]
        first, last = min(rows), max(rows)
        letter = _letter(column)
        return f"{INPUTS}!{letter}{first}" + (f":{letter}{last}" if last != first else "")

    # Translating a key path of parse_offers into the sheet's terms.
    def translate(self, error: InputError, document: dict) -> InputError:
        path = key_path(error.path)
        reason = error.reason
        if reason.startswith("is required but missing"):
            reason = "is blank but required"
        if re.search(r"must be (a number|a whole number), got text '", reason):
            text = reason.split("got text ", 1)[1]
            try:
                float(text.strip("'"))
                reason += " (the cell holds text: type it again as a number)"
            except ValueError:
                pass
        found = self._locate(path, reason, document)
        if found is None:
            return InputError(self.workbook, error.path, reason, error.label)
        where, key = found
        return self.error(where, key, reason)

    def _locate(self, path: str, reason: str, document: dict) -> Optional[tuple[str, str]]:
        if path.startswith("tax"):
            return tax_reader.locate(self.tax_cells, path)
        if path.startswith("negotiation"):
            return self._locate_negotiation(path, reason)
        model = re.fullmatch(r"model(?:\.(\w+))?(?:\[(\d+)\])?", path)
        if model:
            name, index = model.groups()
            if name == "holidays":
                if index is not None and int(index) < len(self.holidays):
                    return self.holidays[int(index)]
                keys = [k for k in self.rows if _HOLIDAY.match(k)]
                return (self.span(keys, 2) if keys else f"{INPUTS}!A:A"), "model.holidays"
            key = f"model.{name}" if name else None
            if key in self.rows:
                return self.cell(key, 2), key
            return None
        item = re.fullmatch(r"(offers|scenarios)\[(\d+)\](?:\.(.*))?", path)
        if not item:
            return None
        kind, index, rest = item.group(1), int(item.group(2)), item.group(3) or ""
        if kind == "scenarios":
            if index >= len(self.scenario_cols):
                return None
            column, label = self.scenario_cols[index], self.scenario_labels[index]
            key = f"scenario.{rest}"
            if key in self.rows:
                return self.cell(key, column), f"{key} ({label})"
            return self.span(_mentioned(SCENARIO_KEYS, reason), column), f"scenario ({label})"
        if index >= len(self.offer_cols):
            return None
        column, label = self.offer_cols[index], self.offer_labels[index]
        signon = re.fullmatch(r"signon(?:\[(\d+)\])?", rest)
        if signon:
            keys = sorted((k for k in self.rows if _SIGNON.match(k)), key=lambda k: int(k.split(".")[1]))
            if signon.group(1) is not None:
                key = f"signon.{int(signon.group(1)) + 1}"
                if key in self.rows:
                    return self.cell(key, column), f"{key} ({label})"
            return self.span(keys, column), f"signon ({label})"
        schedule = re.fullmatch(r"equity\.schedule(?:\.tranches(?:\[(\d+)\])?)?(?:\..*)?", rest)
        if schedule and index in self.tables:  # the offer's own tranche table on Schedules
            if schedule.group(1) is not None and int(schedule.group(1)) < len(self.tranches[index]):
                number = int(schedule.group(1))
                month_cell, fraction_cell = self.tranches[index][number]
                which = "month" if reason.startswith("month") else "fraction"
                return (month_cell if which == "month" else fraction_cell,
                        f"custom tranche {number + 1} {which} ({label})")
            return self.tables[index], f"custom tranche table ({label})"
        if rest in self.rows:
            return self.cell(rest, column), f"{rest} ({label})"
        for table, keys in (("equity", input_keys.EQUITY_KEYS), ("fallback", input_keys.FALLBACK_KEYS)):
            if rest == table or rest.startswith(table + "."):
                return self.span(_mentioned(keys, reason), column), f"{table} ({label})"
        keys = [k for k in self.rows if not k.startswith(("model.", "scenario."))]
        return self.span(keys, column), f"offer ({label})"


    def _locate_negotiation(self, path: str, reason: str) -> Optional[tuple[str, str]]:
        """A [negotiation] key: its Inputs cell, or a cell of the accelerated tranche table."""
        if path in self.rows:
            return self.cell(path, 2), path
        tranche = re.fullmatch(r"negotiation\.accelerated_schedule(?:\.tranches(?:\[(\d+)\])?)?(?:\..*)?", path)
        if tranche and self.accelerated_table:
            number = tranche.group(1)
            if number is not None and int(number) < len(self.accelerated):
                which = "month" if reason.startswith("month") else "fraction"
                month_cell, fraction_cell = self.accelerated[int(number)]
                return (month_cell if which == "month" else fraction_cell,
                        f"accelerated tranche {int(number) + 1} {which}")
            return self.accelerated_table, "accelerated tranche table"
        return None


def _mentioned(keys, reason: str) -> list[str]:
    """The rows a reason about a whole table names ("exactly one of bump or bump_amount"), else all of them."""
    named = [k for k in keys if re.search(rf"\b{re.escape(k.split('.', 1)[1])}\b", reason)]
    return named or list(keys)


def _table_area(column: int, first: int) -> str:
    """A tranche table on Schedules: its month and fraction columns, a row per month."""
    return f"{SCHEDULES}!{_letter(column)}{first}:{_letter(column + 1)}{first + MAX_MONTHS - 1}"


def _tranche_rows(reader, places, column: int, first: int, what: str, label: str = "") -> tuple[list, list]:
    """The filled (month, fraction) rows of a tranche table, and where each sits; a row with
    only one of the two is an error naming the blank cell."""
    month_letter, fraction_letter = _letter(column), _letter(column + 1)
    shown = f" ({label})" if label else ""
    pairs, cells = [], []
    for row in range(first, first + MAX_MONTHS):
        month = reader.value(SCHEDULES, row, column, f"{what} month", label)
        fraction = reader.value(SCHEDULES, row, column + 1, f"{what} fraction", label)
        if month is None and fraction is None:
            continue
        number = len(pairs) + 1
        if month is None or fraction is None:
            blank = f"{month_letter}{row}" if month is None else f"{fraction_letter}{row}"
            which = "month" if month is None else "fraction"
            raise places.error(f"{SCHEDULES}!{blank}", f"{what} {number} {which}{shown}",
                               "is blank; a tranche needs a month and a fraction (clear both to drop it)")
        if isinstance(month, float) and month.is_integer():
            month = int(month)
        pairs.append([month, fraction])
        cells.append((f"{SCHEDULES}!{month_letter}{row}", f"{SCHEDULES}!{fraction_letter}{row}"))
    return pairs, cells


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(column)


# --- opening the file ---------------------------------------------------------------------------

def _open(path: Path, data_only: bool = False):
    import openpyxl

    source = str(path)
    content = read_user_file(path, "a workbook", MAX_WORKBOOK_BYTES)
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(source, (), "is an old-style Excel .xls workbook; save it as .xlsx (Excel Workbook) and read that")
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise InputError(source, (), "is not an Excel workbook (.xlsx): the file is not in Excel's format")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            _check_unpacked_size(source, archive.infolist())
            names = set(archive.namelist())
            is_opendocument = "mimetype" in names and b"opendocument" in archive.read("mimetype")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError):
        raise InputError(source, (), "is not a readable Excel workbook (.xlsx): the zip file is damaged") from None
    if is_opendocument:
        raise InputError(source, (), "is an OpenDocument spreadsheet; save it as .xlsx (Excel 2007-365) and read that")
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise InputError(source, (), "is a zip file but not an Excel workbook (.xlsx)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops; irrelevant to reading
            return openpyxl.load_workbook(io.BytesIO(content), data_only=data_only)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise InputError(source, (), f"is not a readable Excel workbook (.xlsx): {error}") from None


def _check_unpacked_size(source: str, parts: list[zipfile.ZipInfo]) -> None:
    """Refuse a workbook whose parts unpack far larger than any model (sizes as the zip declares
    them: Python's zipfile never unpacks a part beyond its declared size)."""
    if len(parts) > MAX_PARTS:
        raise InputError(source, (), f"holds {len(parts):,} parts, far more than any workbook xlmodel reads "
                         f"(at most {MAX_PARTS:,}); it is not a model")
    total = sum(part.file_size for part in parts)
    if total > MAX_UNPACKED_BYTES:
        raise InputError(source, (), f"would unpack to {total:,} bytes, far more than any model "
                         f"(at most {MAX_UNPACKED_BYTES:,}); it is not read, in case it is a zip bomb")
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise InputError(source, (part.filename,), f"is compressed {ratio:,.0f} to 1, far more than a workbook's "
                             f"parts ever are (at most {MAX_RATIO} to 1); it is not read, in case it is a zip bomb")


# --- reading cells ------------------------------------------------------------------------------

class _Reader:
    def __init__(self, path: Path):
        self.path = path
        self.places = _Places(str(path))
        self.workbook = _open(path)
        self._cached = None  # the workbook with the values last calculated, loaded only if needed

    def cached(self, sheet: str, coordinate: str) -> Any:
        if self._cached is None:
            self._cached = _open(self.path, data_only=True)
        return self._cached[sheet][coordinate].value

    def value(self, sheet: str, row: int, column: int, key: str, label: str = "") -> Any:
        """A cell's value as a TOML file would give it (None when blank)."""
        ws = self.workbook[sheet]
        target = ws.cell(row=row, column=column)
        value = target.value
        where = f"{sheet}!{target.coordinate}"
        shown = f"{key} ({label})" if label else key
        if target.data_type == "e":
            raise self.places.error(where, shown, f"holds the error {value}; type a value in it")
        if target.data_type == "f" or not isinstance(value, (str, int, float, bool, datetime, date, time, type(None))):
            formula = str(getattr(value, "text", value))
            literal = formula.replace(" ", "").upper()
            if literal in _LITERAL_BOOLEANS:
                value = _LITERAL_BOOLEANS[literal]
            else:
                value = self.cached(sheet, target.coordinate)
                if value is None:
                    raise self.places.error(where, shown, f"holds a formula ({formula}) with no calculated value; "
                                            "open and save the workbook in Excel or LibreOffice, or type the value")
                if isinstance(value, str) and value.startswith("#"):
                    raise self.places.error(where, shown, f"holds a formula ({formula}) that gives the error {value}")
        return self.convert(value, key)

    def convert(self, value: Any, key: str) -> Any:
        from openpyxl.utils.datetime import from_excel, to_excel

        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        is_date = key in DATE_KEYS or bool(_HOLIDAY.match(key))
        if is_date:
            if isinstance(value, datetime) and value.time() == time(0):
                return value.date()
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 1 and float(value).is_integer():
                try:
                    return from_excel(value, self.workbook.epoch).date()  # a date serial shown as a number
                except (OverflowError, ValueError):  # beyond any calendar: checking will say so
                    return value
            if isinstance(value, str):
                try:
                    return date.fromisoformat(value.strip())
                except ValueError:
                    return value
            return value
        if key in TEXT_KEYS:
            if isinstance(value, (int, float)) and not isinstance(value, bool):  # a name such as 2024 typed in a cell
                return str(int(value)) if float(value).is_integer() else repr(value)
            return value
        if key in BOOLEAN_KEYS and isinstance(value, str) and value.strip().upper() in _TEXT_BOOLEANS:
            return _TEXT_BOOLEANS[value.strip().upper()]  # TRUE or FALSE typed into a cell formatted as text
        if key in CHOICE_KEYS or key in BOOLEAN_KEYS:
            return value
        if isinstance(value, (datetime, date)):  # a number shown in a date format: the formulas see the number
            value = to_excel(value, self.workbook.epoch)
        if key in WHOLE_KEYS and isinstance(value, float) and value.is_integer():
            return int(value)
        return value


def _key_rows(reader: _Reader) -> dict[str, int]:
    """Row of every known key path in column A of Inputs."""
    ws = reader.workbook[INPUTS]
    known = set(input_keys.MODEL_KEYS) | set(SCENARIO_KEYS) | set(input_keys.NEGOTIATION_KEYS) | set(
        input_keys.OFFER_HEAD_KEYS) | set(input_keys.OFFER_SIGNON_TAIL_KEYS) | set(input_keys.EQUITY_KEYS) | set(
        input_keys.FALLBACK_KEYS) | set(input_keys.TAX_KEYS)
    rows: dict[str, int] = {}
    for row in range(1, ws.max_row + 1):
        text = ws.cell(row=row, column=1).value
        if not isinstance(text, str):
            continue
        key = text.strip()
        if key in known or _HOLIDAY.fullmatch(key) or _SIGNON.fullmatch(key):
            if key in rows:
                raise reader.places.error(f"{INPUTS}!A{row}", key, f"appears twice in column A (rows {rows[key]} and "
                                          f"{row}); keep one row per key, or {REBUILD}")
            rows[key] = row
    if not any(key in rows for key in ("model.start_date", "name", "base", "scenario.name")):
        raise reader.places.error(f"{INPUTS}!A:A", "", "column A holds no key paths (model.start_date, name, base, ...); "
                                  "read a workbook made by `xlmodel build`")
    signons = sorted(int(_SIGNON.fullmatch(k).group(1)) for k in rows if _SIGNON.fullmatch(k))
    required = (list(input_keys.MODEL_KEYS) + list(input_keys.OFFER_HEAD_KEYS)
                + list(input_keys.signon_keys(max(signons, default=1))) + list(input_keys.OFFER_SIGNON_TAIL_KEYS)
                + list(input_keys.EQUITY_KEYS) + list(input_keys.FALLBACK_KEYS) + list(SCENARIO_KEYS))
    missing = [key for key in required if key not in rows]
    if missing:
        what = "this key" if len(missing) == 1 else "these keys"
        raise reader.places.error(f"{INPUTS}!A:A", ", ".join(missing),
                                  f"no row of column A holds {what} (was a row deleted?); undo the deletion, or {REBUILD}")
    return rows


def _columns(reader: _Reader, kind: str, keys: list[str]) -> list[int]:
    """The columns of the offers (or scenarios) the workbook values: by its defined name, else by content."""
    from openpyxl.utils.cell import range_boundaries

    count = None
    defined = reader.workbook.defined_names.get(NAME_RANGES[kind])
    if defined is not None:
        try:
            (_, reference), = list(defined.destinations)
            low_col, low_row, high_col, high_row = range_boundaries(reference.replace("$", ""))
            count = max(high_col - low_col, high_row - low_row) + 1
        except (ValueError, TypeError):
            count = None
    ws = reader.workbook[INPUTS]
    rows = [reader.places.rows[k] for k in keys]
    if count is None:  # no usable name: the columns from B on that hold anything
        count = 0
        while any(ws.cell(row=r, column=2 + count).value not in (None, "") for r in rows):
            count += 1
        count = max(count, 1)
    columns = list(range(2, 2 + count))
    # A value typed beside them (up to the Unit column) is not in any formula: say so, rather than drop it.
    header = ws.cell(row=4, column=1).value
    unit = next((c for c in range(2, ws.max_column + 1) if ws.cell(row=4, column=c).value == "Unit"), None)
    if header == "Key" and unit is not None:
        for column in range(2 + count, unit):
            for key, row in zip(keys, rows):
                if ws.cell(row=row, column=column).value not in (None, ""):
                    noun = "offer" if kind == "offers" else "scenario"
                    raise reader.places.error(
                        f"{INPUTS}!{_letter(column)}{row}", key,
                        f"column {_letter(column)} is not one of the workbook's {count} {kind} "
                        f"({_letter(columns[0])}:{_letter(columns[-1])}), so no formula uses it; clear it, or add the "
                        f"{noun} to the offers file and rebuild the workbook")
    return columns


def _label(noun: str, name: Any, column: int) -> str:
    if isinstance(name, str) and name.strip():
        return f"{noun} {name!r}"
    return f"{noun} in column {_letter(column)}"


def _custom_tranches(reader: _Reader, index: int, column: int, label: str) -> list[list]:
    """The month/fraction pairs of an offer's own table on Schedules, blank rows skipped."""
    places = reader.places
    if SCHEDULES not in reader.workbook.sheetnames:
        raise places.error(SCHEDULES, f"equity.schedule ({label})",
                           f"is 'custom' but the workbook has no {SCHEDULES} sheet with the offer's tranche table")
    ws = reader.workbook[SCHEDULES]
    table_col = 1 + TABLE_COLUMNS * (len(PRESET_NAMES) + index)
    name_cell = places.cell("name", column).split("!")[1]
    heading = None
    for row in range(1, ws.max_row + 1):
        if ws.cell(row=row, column=table_col).value == "Month" and \
                ws.cell(row=row, column=table_col + 1).value == "Fraction":
            heading = row
            break
    title = ws.cell(row=heading - 1, column=table_col).value if heading and heading > 1 else None
    plain = re.sub(r"\$", "", str(title or ""))
    if heading is None or not re.search(rf"{INPUTS}!{name_cell}(?!\d)", plain):
        where = f"{SCHEDULES}!{_letter(table_col)}:{_letter(table_col + 1)}"
        raise places.error(where, f"custom tranche table ({label})",
                           f"is not where xlmodel put it (a Month and a Fraction column headed by the offer's name); "
                           f"choose a preset on Inputs, or {REBUILD}")
    places.tables[index] = _table_area(table_col, heading + 1)  # an offer's table has a row per month
    pairs, places.tranches[index] = _tranche_rows(reader, places, table_col, heading + 1, "custom tranche", label)
    if not pairs:
        raise places.error(places.tables[index], f"custom tranche table ({label})",
                           "is empty but equity.schedule is 'custom'; fill in months and fractions, or choose a preset")
    return pairs


def _offer(reader: _Reader, index: int, column: int, keys: list[str]) -> dict:
    places = reader.places
    name = reader.value(INPUTS, places.rows["name"], column, "name")
    label = _label("offer", name, column)
    places.offer_labels.append(label)
    if name is None:
        raise places.error(places.cell("name", column), f"name ({label})",
                           "is blank; every offer needs a name (to drop an offer, remove it from the offers file "
                           "and rebuild the workbook)")
    values = {"name": name}
    for key in keys[1:]:
        values[key] = reader.value(INPUTS, places.rows[key], column, key, label)
    equity_given = [k for k in input_keys.EQUITY_KEYS if k != "equity.type" and values[k] is not None]
    if values["equity.type"] is None and any(k in equity_given for k in ("equity.grant_value", "equity.shares",
                                                                          "equity.percent", "equity.price")):
        raise places.error(places.cell("equity.type", column), f"equity.type ({label})",
                           "is blank but the offer has equity inputs; choose rsu, options or none")
    tranches = None
    if values["equity.schedule"] == input_keys.CUSTOM_SCHEDULE and \
            values["equity.type"] not in (None, input_keys.NO_EQUITY):
        tranches = _custom_tranches(reader, index, column, label)
    table = input_keys.offer_table(values, tranches)
    order = {key: n for n, key in enumerate(OFFER_ORDER)}  # as on the sheet: sign-on amounts before their terms
    return dict(sorted(table.items(), key=lambda item: order.get(item[0], len(order))))


def _scenario(reader: _Reader, column: int) -> dict:
    places = reader.places
    name = reader.value(INPUTS, places.rows["scenario.name"], column, "scenario.name")
    label = _label("scenario", name, column)
    places.scenario_labels.append(label)
    if name is None:
        raise places.error(places.cell("scenario.name", column), f"scenario.name ({label})",
                           "is blank; every scenario needs a name")
    table = {"name": name}
    for key in SCENARIO_KEYS[1:]:
        value = reader.value(INPUTS, places.rows[key], column, key, label)
        if value is not None:
            table[key.split(".", 1)[1]] = value
    return table


def _accelerated_tranches(reader: _Reader) -> Optional[list[list]]:
    """The accelerated tranche table on Schedules (None in a workbook without one)."""
    places = reader.places
    if SCHEDULES not in reader.workbook.sheetnames:
        return None
    ws = reader.workbook[SCHEDULES]
    found = None
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == ACCELERATED_TITLE and ws.cell(row=cell.row + 1, column=cell.column).value == "Month":
                found = cell
                break
        if found:
            break
    if found is None:
        return None
    column, first = found.column, found.row + 2
    places.accelerated_table = _table_area(column, first)
    pairs, places.accelerated = _tranche_rows(reader, places, column, first, "accelerated tranche")
    if not pairs:
        raise places.error(places.accelerated_table, "accelerated tranche table",
                           "is empty; fill in the months and fractions the grant would vest on if accelerated "
                           "(such as 12 and 0.75, 24 and 0.25)")
    return pairs


def _negotiation(reader: _Reader) -> dict:
    """The [negotiation] table: the levers typed on Inputs and the accelerated schedule when it is
    not the default one (blank levers and the default schedule are what a file without them means)."""
    places = reader.places
    table: dict[str, Any] = {}
    for key in input_keys.NEGOTIATION_KEYS:
        if key in places.rows:
            value = reader.value(INPUTS, places.rows[key], 2, key)
            if value is not None:
                table[key.split(".", 1)[1]] = value
    tranches = _accelerated_tranches(reader)
    if tranches is not None and [tuple(pair) for pair in tranches] != list(DEFAULT_ACCELERATED_SCHEDULE.tranches):
        table["accelerated_schedule"] = {"tranches": tranches}
    return table


def read_workbook(path: str | Path) -> WorkbookInputs:
    """Read and check the inputs of a workbook made by `xlmodel build`; InputError names the cell."""
    path = Path(path)
    reader = _Reader(path)
    places = reader.places
    if INPUTS not in reader.workbook.sheetnames:
        sheets = ", ".join(reader.workbook.sheetnames)
        raise InputError(str(path), (), f"has no {INPUTS} sheet (its sheets: {sheets}); "
                         "read a workbook made by `xlmodel build`")
    places.rows = _key_rows(reader)
    rows = places.rows

    model: dict[str, Any] = {}
    for key in input_keys.MODEL_KEYS:
        value = reader.value(INPUTS, rows[key], 2, key)
        if value is not None:
            model[key.split(".", 1)[1]] = value
    holidays = []
    for key in sorted((k for k in rows if _HOLIDAY.match(k)), key=lambda k: rows[k]):
        value = reader.value(INPUTS, rows[key], 2, key)
        if value is not None:
            holidays.append(value)
            places.holidays.append((places.cell(key, 2), key))
    if holidays:
        model["holidays"] = holidays

    signons = sorted((k for k in rows if _SIGNON.match(k)), key=lambda k: int(k.split(".")[1]))
    offer_keys = (list(input_keys.OFFER_HEAD_KEYS) + signons + list(input_keys.OFFER_SIGNON_TAIL_KEYS)
                  + list(input_keys.EQUITY_KEYS) + list(input_keys.FALLBACK_KEYS)
                  + [key for key in input_keys.TAX_KEYS if key in rows])  # workbooks before tax have no such row
    places.offer_cols = _columns(reader, "offers", offer_keys)
    places.scenario_cols = _columns(reader, "scenarios", list(SCENARIO_KEYS))
    offers = [_offer(reader, i, column, offer_keys) for i, column in enumerate(places.offer_cols)]
    scenarios = [_scenario(reader, column) for column in places.scenario_cols]

    document = {"model": model, "offers": offers, "scenarios": scenarios}
    tax, notes = tax_reader.read_tax_sheet(reader)
    if tax is not None:
        document["tax"] = tax
    negotiation = _negotiation(reader)
    if negotiation:
        document["negotiation"] = negotiation
    try:
        offers_file = parse_offers(document, str(path))
    except InputError as error:
        raise places.translate(error, document) from None
    if offers_file.scenarios == DEFAULT_SCENARIOS:
        del document["scenarios"]  # the defaults stand in: the file needs no [[scenarios]]
        offers_file = parse_offers(document, str(path))
    return WorkbookInputs(document, offers_file, notes)


# --- writing TOML -------------------------------------------------------------------------------

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
INLINE_TABLE_KEYS = {"schedule", "accelerated_schedule"}  # written as `schedule = { tranches = [...] }`, not as a [section]
PAIRS_PER_LINE = 4


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else toml_string(key)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)  # the shortest text that reads back as exactly this float
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        inner = ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    if isinstance(value, (list, tuple)):
        items = [toml_value(v) for v in value]
        if len(items) > PAIRS_PER_LINE and all(isinstance(v, (list, tuple)) for v in value):
            lines = [", ".join(items[i:i + PAIRS_PER_LINE]) for i in range(0, len(items), PAIRS_PER_LINE)]
            return "[\n    " + ",\n    ".join(lines) + ",\n]"
        return "[" + ", ".join(items) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _is_section(key: str, value: Any) -> bool:
    return isinstance(value, dict) and key not in INLINE_TABLE_KEYS


def _is_section_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _write_table(lines: list[str], path: tuple[str, ...], table: dict, header: Optional[str]) -> None:
    only_tables = bool(table) and all(_is_section(k, v) or _is_section_array(v) for k, v in table.items())
    if header is not None and not only_tables:  # [tax.locations] goes without saying before [tax.locations.WA]
        if lines:
            lines.append("")
        lines.append(header)
    for key, value in table.items():
        if value is None or _is_section(key, value) or _is_section_array(value):
            continue
        lines.append(f"{toml_key(key)} = {toml_value(value)}")
    for key, value in table.items():
        inner = path + (key,)
        dotted = ".".join(toml_key(k) for k in inner)
        if _is_section(key, value):
            _write_table(lines, inner, value, f"[{dotted}]")
        elif _is_section_array(value):
            for item in value:
                _write_table(lines, inner, item, f"[[{dotted}]]")


def dumps(document: dict, comment: str = "") -> str:
    """The document as TOML: scalars first in each table, then its tables and arrays of tables."""
    lines = [f"# {line}" if line else "#" for line in comment.splitlines()]
    if lines:
        lines.append("")
    body: list[str] = []
    _write_table(body, (), document, None)
    return "\n".join(lines + body) + "\n"


# --- the command --------------------------------------------------------------------------------

def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else "?" for c in text)


def write_text_atomically(text: str, path: Path, force: bool = False) -> Path:
    """Write beside the target, then rename: a reader never sees half a file."""
    check_target(path, ".toml", "offers", force)
    return write_text(path, text, force)


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name the system refuses: reading it will say why
        return False


def read_to_file(workbook: str | Path, output: str | Path | None = None,
                 force: bool = False) -> tuple[Path, WorkbookInputs]:
    """`xlmodel read`: the workbook's inputs into an offers file (default: its name with .toml)."""
    workbook = Path(workbook)
    if _is_folder(workbook):
        raise InputError(str(workbook), (), "is a folder, not a workbook")
    target = Path(output) if output else workbook.with_suffix(".toml")
    check_name(target, ".toml", "offers")
    if target.suffix.lower() != ".toml":
        raise InputError(str(target), (), "the offers file's name must end in .toml")
    # Say so before reading: nothing of the user's is touched.
    check_target(target, ".toml", "offers", force, reading=[workbook])
    inputs = read_workbook(workbook)
    comment = (f"Offers read from {_printable(workbook.name)} by `xlmodel read`.\n"
               f"`xlmodel value` on this file gives the workbook's figures; `xlmodel build` makes the workbook again.")
    for note in inputs.notes:
        comment += "\nNote: " + _printable(note)
    text = dumps(inputs.document, comment)
    return write_text_atomically(text, target, force), inputs
