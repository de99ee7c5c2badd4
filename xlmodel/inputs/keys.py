"""Key paths of the inputs, shared by the workbook's Inputs sheet, the UDFs and `xlmodel read`.

An offer is a column of (key path, value) pairs: `base`, `signon.1`, `equity.growth`,
`fallback.probability`, ... A blank value means "not given" and takes the file's default.
`equity.type` is "none" for an offer without equity; `equity.schedule` is a preset name
or "custom" (then the tranches come from a table of their own).
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any, Iterable, Mapping, Optional

from ..model import NO_TAX_LOCATION, ModelSettings, NegotiationSettings, Offer  # noqa: F401 (NO_TAX_LOCATION: for the key's users)
from ..schedules import PRESET_NAMES
from . import schema
from .schema import Field

CUSTOM_SCHEDULE = "custom"
NO_EQUITY = "none"

# The Inputs sheet's rows, in the order of the schema's tables (holidays and sign-on by year
# have rows of their own: model.holidays.N, signon.N).
MODEL_KEYS = tuple(f"model.{f.key}" for f in schema.MODEL if f.kind != schema.DATES)
OFFER_HEAD_KEYS = ("name", "title", "base", "annual_raise", "bonus_target", "bonus_payout")
OFFER_SIGNON_TAIL_KEYS = ("signon_payment", "signon_clawback_months")
EQUITY_KEYS = tuple(f"equity.{f.key}" for f in schema.EQUITY)
NEGOTIATION_KEYS = tuple(f"negotiation.{f.key}" for f in schema.NEGOTIATION if f.kind != schema.SCHEDULE)
FALLBACK_KEYS = tuple(f"fallback.{f.key}" for f in schema.FALLBACK)
TAX_LOCATION_KEY = "tax_location"  # a [tax.locations] table's name, or "none"
TAX_KEYS = (TAX_LOCATION_KEY,)
SCENARIO_KEYS = tuple(f"scenario.{f.key}" for f in schema.SCENARIO)
HOLIDAY_KEY, SIGNON_KEY = "model.holidays", "signon"  # numbered on Inputs: model.holidays.1, signon.1, ...
# Every key path of Inputs but the numbered ones, as the sheet lists them.
FIXED_KEYS = (MODEL_KEYS + OFFER_HEAD_KEYS + OFFER_SIGNON_TAIL_KEYS + EQUITY_KEYS + FALLBACK_KEYS + TAX_KEYS
              + NEGOTIATION_KEYS + SCENARIO_KEYS)


def numbered(key: str) -> Optional[tuple[str, int]]:
    """("signon", 2) for "signon.2", ("model.holidays", 3) for "model.holidays.3"; None otherwise."""
    stem, _, number = key.rpartition(".")
    if stem in (HOLIDAY_KEY, SIGNON_KEY) and number.isdigit() and not number.startswith("0"):
        return stem, int(number)
    return None


def is_input_key(key: str) -> bool:
    """A key path the Inputs sheet (and the Excel functions) know."""
    return key in _FIXED_KEY_SET or numbered(key) is not None


_FIXED_KEY_SET = frozenset(FIXED_KEYS)


@lru_cache(maxsize=None)
def input_field(key: str) -> Optional[Field]:
    """The Field of an Inputs key path, as the sheet holds it; None for a key it does not know.

    The sheet's own forms: `equity.type` also takes "none" (no equity), `equity.schedule` is a
    preset name or "custom" (its table on Schedules), a numbered row (`signon.2`,
    `model.holidays.3`) holds one item of its list and may be blank."""
    found = numbered(key)
    if found is not None:
        stem, _ = found
        if stem == SIGNON_KEY:
            return replace(schema.OFFER["signon"], kind=schema.NUMBER, default=None)
        return replace(schema.MODEL["holidays"], kind=schema.DATE, default=None)
    table, _, name = key.rpartition(".")
    tables = {"": schema.OFFER, "model": schema.MODEL, "equity": schema.EQUITY, "fallback": schema.FALLBACK,
              "scenario": schema.SCENARIO, "negotiation": schema.NEGOTIATION}
    if key not in _FIXED_KEY_SET or table not in tables:
        return None
    field = tables[table][name]
    if key == "equity.type":
        return replace(field, choices=field.choices + (NO_EQUITY,))
    if key == "equity.schedule":
        return replace(field, kind=schema.CHOICE, choices=PRESET_NAMES + (CUSTOM_SCHEDULE,))
    return field


def keys_of_kind(*kinds: str) -> frozenset[str]:
    """The fixed key paths of Inputs whose values are of one of `kinds` (schema.DATE, ...)."""
    return frozenset(key for key in FIXED_KEYS if input_field(key).kind in kinds)


def kind_of(key: str) -> str:
    """The kind of an Inputs key path's value ("" for a key Inputs does not know)."""
    field = input_field(key)
    return field.kind if field is not None else ""


def signon_keys(horizon_years: int) -> tuple[str, ...]:
    return tuple(f"signon.{year}" for year in range(1, horizon_years + 1))


def offer_keys(horizon_years: int) -> tuple[str, ...]:
    """Every key of an offer column, in the order the Inputs sheet lists them."""
    return (OFFER_HEAD_KEYS + signon_keys(horizon_years) + OFFER_SIGNON_TAIL_KEYS + EQUITY_KEYS + FALLBACK_KEYS
            + TAX_KEYS)


def offer_inputs(offer: Offer, horizon_years: int) -> dict[str, Any]:
    """An offer as its column of inputs (None where the file gave nothing)."""
    values: dict[str, Any] = dict.fromkeys(offer_keys(horizon_years))
    values.update(name=offer.name, title=offer.title, base=offer.base, annual_raise=offer.annual_raise,
                  bonus_target=offer.bonus_target, bonus_payout=offer.bonus_payout,
                  signon_payment=offer.signon_payment, signon_clawback_months=offer.signon_clawback_months)
    for year in range(1, horizon_years + 1):
        values[f"signon.{year}"] = offer.signon[year - 1] if year <= len(offer.signon) else 0.0
    equity = offer.equity
    if equity is None:
        values["equity.type"] = NO_EQUITY
    else:
        values.update({
            "equity.type": equity.type, "equity.grant_value": equity.grant_value,
            "equity.shares": equity.grant_shares, "equity.percent": equity.percent,
            "equity.company_value": equity.company_value, "equity.price": equity.price,
            "equity.growth": equity.growth, "equity.schedule": equity.schedule.preset or CUSTOM_SCHEDULE,
            "equity.strike": equity.strike, "equity.liquidity_probability": equity.liquidity_probability,
            "equity.dilution": equity.dilution, "equity.refresh_value": equity.refresh_value,
            "equity.volatility": equity.volatility, "equity.preference": equity.preference,
            "equity.participating": equity.participating, "equity.preferred_share": equity.preferred_share,
            "equity.exercise_window_months": equity.exercise_window_months})
    values[TAX_LOCATION_KEY] = offer.tax_location
    fallback = offer.fallback
    if fallback is not None:
        values.update({
            "fallback.bump": fallback.bump, "fallback.bump_amount": fallback.bump_amount,
            "fallback.after_months": fallback.after_months, "fallback.probability": fallback.probability,
            "fallback.guaranteed_months": fallback.guaranteed_months})
    return values


def model_inputs(settings: ModelSettings) -> dict[str, Any]:
    return {"model.start_date": settings.start_date, "model.horizon_years": settings.horizon_years,
            "model.discount_rate": settings.discount_rate, "model.target": settings.target,
            "model.decision_date": settings.decision_date,
            "model.response_business_days": settings.response_business_days,
            "model.expiry_business_days": settings.expiry_business_days,
            "model.draws": settings.draws, "model.seed": settings.seed}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def offer_table(values: Mapping[str, Any], tranches: Optional[Iterable] = None) -> dict[str, Any]:
    """The [[offers]] table (as TOML would parse it) that a column of inputs describes.

    The result is checked by `offers_file.parse_offers`, so a bad value gets the usual error.
    """
    table: dict[str, Any] = {}
    equity: dict[str, Any] = {}
    fallback: dict[str, Any] = {}
    signon: dict[int, Any] = {}
    for key, value in values.items():
        if _blank(value):
            continue
        if key.startswith("signon."):
            suffix = key.split(".", 1)[1]
            if suffix.isdigit():
                signon[int(suffix)] = value
                continue
        if key.startswith("equity."):
            equity[key.split(".", 1)[1]] = value
        elif key.startswith("fallback."):
            fallback[key.split(".", 1)[1]] = value
        else:
            table[key] = value
    if signon:
        amounts = [signon.get(year, 0.0) for year in range(1, max(signon) + 1)]
        while amounts and amounts[-1] == 0:
            amounts.pop()
        if amounts:
            table["signon"] = amounts
    if equity and equity.get("type", NO_EQUITY) != NO_EQUITY:
        if equity.get("schedule") == CUSTOM_SCHEDULE:
            equity["schedule"] = {"tranches": [[month, fraction] for month, fraction in (tranches or [])]}
        table["equity"] = equity
    if fallback:
        table["fallback"] = fallback
    return table


def negotiation_inputs(settings: NegotiationSettings) -> dict[str, Any]:
    """The [negotiation] levers and wording as input cells: a lever the file did not set stays
    blank (None), so that the cell follows the target's fallback clause as the file's default does."""
    wording = settings.wording
    return {"negotiation.fallback_after_months":
            settings.fallback_after_months if "fallback_after_months" in settings.given else None,
            "negotiation.fallback_probability":
            settings.fallback_probability if "fallback_probability" in settings.given else None,
            "negotiation.milestone": wording.milestone, "negotiation.redact": wording.redact,
            "negotiation.alternative_label": wording.alternative_label, "negotiation.recruiter": wording.recruiter,
            "negotiation.candidate": wording.candidate, "negotiation.competing_deadline": wording.competing_deadline}
