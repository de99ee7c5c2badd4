"""Read and check the offers file's optional [tax] table and the offers' `tax_location`.

Every key is read through its Field in `schema` (TAX, TAX_LOCATION, LOCATION_CREDIT,
LOCATION_PAYROLL). Errors name the key path the way the rest of the offers file does:
`tax.locations.CA.brackets[1]`, `offers[0].tax_location`. An offer may name a shipped location
(templates/tax_locations.toml) without a table of its own; a table of the same name replaces it.
"""
from __future__ import annotations

from typing import Any, Optional

from ..errors import InputError
from ..model import NO_TAX_LOCATION, ByStatus, LocationCredit, PayrollTax, TaxLocation, TaxSettings
from . import schema
from .schema import FILING_STATUSES, LOCATION_CREDIT, LOCATION_PAYROLL, TAX, TAX_LOCATION, RowsField
from .table_reader import MISSING, TableReader, check_number, describe


def _part(table: TableReader, key, value: Any, what: str, high: float) -> float:
    """One number of a row, its message naming which of them is wrong."""
    try:
        return check_number(table, key, value, 0.0, high)
    except InputError as error:
        raise InputError(error.source, error.path, f"the {what} {error.reason}", error.label) from None


def _shape(field: RowsField) -> str:
    return "[" + ", ".join(field.columns) + "]"


def read_rows(table: TableReader, field: RowsField, value: Any) -> tuple[tuple[float, ...], ...]:
    """Rows of numbers, each within its column's limit, the first figure ascending strictly."""
    key, shape = field.key, _shape(field)
    noun = "pair" if len(field.columns) == 2 else "row"
    if not isinstance(value, list):
        raise table.error(key, f"must be a list of {shape} {noun}s, got {describe(value)}")
    rows: list[tuple[float, ...]] = []
    for n, row in enumerate(value):
        item = (key, n)
        if not isinstance(row, list) or len(row) != len(field.columns):
            raise table.error(item, f"must be a {shape} {noun}, got {describe(row)}")
        numbers = tuple(_part(table, item, x, what, high) for x, what, high in zip(row, field.columns, field.limits))
        bracket = field.columns[0] == "lower bound"
        if not rows and field.from_zero and numbers[0] != 0:
            first = "bracket" if bracket else "row"
            raise table.error(item, f"the first {first} must start at 0, got {numbers[0]:g}")
        if rows and numbers[0] <= rows[-1][0]:
            what = "lower bounds" if bracket else f"the rows' {field.columns[0]}"
            raise table.error(item, f"{what} must ascend strictly: {numbers[0]:g} follows {rows[-1][0]:g}")
        rows.append(numbers)
    return tuple(rows)


def _value(table: TableReader, field: schema.Field, value: Any) -> Any:
    if isinstance(field, RowsField):
        return read_rows(table, field, value)
    if field.kind == schema.NUMBER:
        return table.number_value(field.key, value, field)
    if field.kind in (schema.TEXT, schema.CHOICE):
        return table.text_value(field.key, value, field.choices or None)
    if field.kind == schema.BOOLEAN:
        if not isinstance(value, bool):
            raise table.error(field.key, f"must be true or false, got {describe(value)}")
        return value
    raise ValueError(f"{field.key}: a {field.kind} is read by its own reader")


def _plain(table: TableReader, fields: schema.Table, key: str) -> Any:
    """A key that does not vary by filing status: its value, or the Field's default."""
    field = fields[key]
    value = table.raw(key, field.required)
    if value is MISSING:
        return () if isinstance(field, RowsField) else field.default
    return _value(table, field, value)


def _by_status(table: TableReader, fields: schema.Table, key: str) -> ByStatus:
    """A figure given for every status (`key`) or for each (`key_single` and `key_joint`)."""
    field = fields[key]
    common = table.raw(key)
    each = {status: table.raw(f"{key}_{status}") for status in FILING_STATUSES}
    given = [status for status, value in each.items() if value is not MISSING]
    if common is not MISSING and given:
        raise table.error(f"{key}_{given[0]}", f"is given with {key!r}: give {key!r} for every filing status, or "
                                              f"{key}_single and {key}_joint")
    if given and len(given) < len(FILING_STATUSES):
        missing = next(s for s in FILING_STATUSES if s not in given)
        raise table.error(f"{key}_{missing}", f"is required with {key}_{given[0]} (or give {key!r} for both)")
    if common is MISSING and not given:
        if field.required:
            table.raw(key, required=True)
        default = () if isinstance(field, RowsField) else field.default
        return ByStatus(default, default)
    if common is not MISSING:
        value = _value(table, field, common)
        if isinstance(field, RowsField) and field.required and not value:
            raise table.error(key, "must list at least one [lower bound, rate] pair ([[0, 0]] for no income tax)")
        return ByStatus(value, value)
    values = []
    for status in FILING_STATUSES:
        status_field = fields[f"{key}_{status}"]
        value = _value(table, status_field, each[status])
        if isinstance(field, RowsField) and field.required and not value:
            raise table.error(status_field.key, "must list at least one [lower bound, rate] pair")
        values.append(value)
    return ByStatus(*values)


def _item(table: TableReader, key: tuple, data: Any) -> TableReader:
    """The reader of an inline table in a list (`payroll[0]`, `credits[1]`)."""
    return TableReader(table.source, table.path + key, data, table.label, table.warnings)


def _read_payroll(table: TableReader, value: Any) -> tuple[PayrollTax, ...]:
    if value is MISSING:
        return ()
    if not isinstance(value, list):
        raise table.error("payroll", f"must be a list of payroll taxes ({{ rate, cap, deductible, name }} or "
                                     f"[rate, annual wage cap] pairs), got {describe(value)}")
    found = []
    for n, item in enumerate(value):
        key = ("payroll", n)
        if isinstance(item, dict):
            row = _item(table, key, item)
            found.append(PayrollTax(name=_plain(row, LOCATION_PAYROLL, "name"),
                                    rate=_plain(row, LOCATION_PAYROLL, "rate"),
                                    cap=_plain(row, LOCATION_PAYROLL, "cap"),
                                    deductible=_plain(row, LOCATION_PAYROLL, "deductible")))
            row.finish()
        elif isinstance(item, list) and len(item) == 2:
            found.append(PayrollTax(_part(table, key, item[0], "rate", 1.0),
                                    _part(table, key, item[1], "wage cap", float("inf"))))
        else:
            raise table.error(key, f"must be {{ rate, cap, deductible, name }} or a [rate, annual wage cap] pair, "
                                   f"got {describe(item)}")
    return tuple(found)


def _read_credit(table: TableReader, key, data: Any) -> LocationCredit:
    if not isinstance(data, dict):
        raise table.error(key, f"must be a table such as {{ name = \"...\", amount = 100 }}, got {describe(data)}")
    row = _item(table, key, data)
    credit = LocationCredit(
        name=_plain(row, LOCATION_CREDIT, "name"), local=_plain(row, LOCATION_CREDIT, "local"),
        itemizers_only=_plain(row, LOCATION_CREDIT, "itemizers_only"),
        amount=_by_status(row, LOCATION_CREDIT, "amount"), brackets=_by_status(row, LOCATION_CREDIT, "brackets"),
        income_limit=_by_status(row, LOCATION_CREDIT, "income_limit"),
        phaseout_start=_by_status(row, LOCATION_CREDIT, "phaseout_start"),
        phaseout_step=_plain(row, LOCATION_CREDIT, "phaseout_step"),
        phaseout_reduction=_by_status(row, LOCATION_CREDIT, "phaseout_reduction"))
    starts = credit.phaseout_start.single is not None or credit.phaseout_start.joint is not None
    if starts and not credit.phaseout_step > 0:
        raise row.error("phaseout_step", "must be above 0 with phaseout_start")
    if credit.phaseout_step > 0 and not starts:
        raise row.error("phaseout_start", "is required with phaseout_step")
    row.finish()
    return credit


def _read_credits(table: TableReader, value: Any) -> tuple[LocationCredit, ...]:
    if value is MISSING:
        return ()
    if not isinstance(value, list):
        raise table.error("credits", f"must be a list of credit tables, got {describe(value)}")
    credits = tuple(_read_credit(table, ("credits", n), item) for n, item in enumerate(value))
    names = [c.name for c in credits]
    for n, name in enumerate(names):
        if name in names[:n]:
            raise table.error(("credits", n, "name"), f"names a second credit {name!r}; give each its own name")
    return credits


def read_location(parent: TableReader, name: str, data: Any) -> TaxLocation:
    """One [tax.locations.NAME] table."""
    table = parent.inner(name, data)
    if name == NO_TAX_LOCATION:
        raise table.error("", f"{NO_TAX_LOCATION!r} is reserved for offers without a location; name the table otherwise")
    if not name.strip():
        raise table.error("", "a location needs a name")
    per_status = {key: _by_status(table, TAX_LOCATION, key) for key in schema.LOCATION_PER_STATUS}
    plain = {field.key: _plain(table, TAX_LOCATION, field.key) for field in TAX_LOCATION
             if field.key not in schema.LOCATION_PER_STATUS and not field.key.endswith(("_single", "_joint"))
             and field.key not in ("credits", "payroll")}
    surtax = plain.pop("surtax")
    location = TaxLocation(name=name, **per_status, **plain, surtax=surtax,
                           credits=_read_credits(table, table.raw("credits")),
                           payroll=_read_payroll(table, table.raw("payroll")))
    recapture = bool(location.recapture.single or location.recapture.joint)
    if recapture and location.recapture_start is None:
        raise table.error("recapture_start", "is required with a recapture table")
    if location.recapture_start is not None and not location.recapture_phase_in > 0:
        raise table.error("recapture_phase_in", "must be above 0 with recapture_start")
    if location.recapture_start is not None and not recapture:
        raise table.error("recapture", "is required with recapture_start")
    if location.local_name and not location.has_local:
        raise table.error("local_brackets", "is required with local_name")
    table.finish()
    return location


def read_tax(top: TableReader) -> Optional[TaxSettings]:
    """The [tax] table, or None when the file has none. Its `locations` are the file's own tables;
    `with_shipped_locations` adds the shipped ones the offers name."""
    data = top.raw("tax")
    if data is MISSING:
        return None
    table = top.inner("tax", data)
    settings = {key: table.read(TAX[key]) for key in ("filing_status", "indexation", "deductions", "other_itemized")}
    raw_locations = table.raw("locations")
    locations: dict[str, TaxLocation] = {}
    if raw_locations is not MISSING:
        if not isinstance(raw_locations, dict):
            raise table.error("locations", f"must be a table of [tax.locations.NAME] tables, got {describe(raw_locations)}")
        inner = table.inner("locations", raw_locations)
        locations = {name: read_location(inner, name, value) for name, value in raw_locations.items()}
    table.finish()
    return TaxSettings(locations=locations, **settings)
