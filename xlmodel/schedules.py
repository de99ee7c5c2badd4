"""Vesting schedules: the presets of docs/model.md and the three table forms, as tranches."""
from __future__ import annotations

from .model import Schedule, Tranche


def merge(tranches: list[Tranche]) -> tuple[Tranche, ...]:
    """Sort by month and add up the fractions that vest in the same month."""
    merged: dict[int, float] = {}
    for month, fraction in tranches:
        merged[month] = merged.get(month, 0.0) + fraction
    return tuple(sorted(merged.items()))


def _gather_at_cliff(tranches: list[Tranche], cliff_months: int) -> list[Tranche]:
    return [(max(month, cliff_months), fraction) for month, fraction in tranches]


def yearly_tranches(yearly: list[float], every_months: int = 12, cliff_months: int = 0) -> tuple[Tranche, ...]:
    """Year y's fraction in 12 / every_months equal tranches ending at month 12y."""
    per_year = 12 // every_months
    tranches = [
        (12 * (year - 1) + every_months * step, fraction / per_year)
        for year, fraction in enumerate(yearly, start=1)
        for step in range(1, per_year + 1)
    ]
    return merge(_gather_at_cliff(tranches, cliff_months))


def linear_tranches(months: int, every_months: int = 1, cliff_months: int = 0) -> tuple[Tranche, ...]:
    """Equal tranches every `every_months` over `months`."""
    count = months // every_months
    tranches = [(every_months * step, 1.0 / count) for step in range(1, count + 1)]
    return merge(_gather_at_cliff(tranches, cliff_months))


def _standard() -> tuple[Tranche, ...]:
    return merge([(12, 0.25)] + [(month, 1 / 48) for month in range(13, 49)])


def _quarterly_cliff() -> tuple[Tranche, ...]:
    return merge([(12, 0.25)] + [(month, 1 / 16) for month in range(15, 49, 3)])


PRESETS = {
    "amazon": lambda: merge([(12, 0.05), (24, 0.15), (30, 0.20), (36, 0.20), (42, 0.20), (48, 0.20)]),
    "standard": _standard,
    "quarterly-cliff": _quarterly_cliff,
    "meta": lambda: merge([(month, 1 / 16) for month in range(3, 49, 3)]),
    "google": lambda: yearly_tranches([0.33, 0.33, 0.22, 0.12], every_months=1),
}
PRESET_NAMES = tuple(PRESETS)


def preset(name: str) -> Schedule:
    return Schedule(PRESETS[name](), preset=name)


def vested_fraction(tranches, month: int) -> float:
    """Cumulative fraction of a grant vested by the end of `month`."""
    return sum(fraction for t, fraction in tranches if t <= month)
