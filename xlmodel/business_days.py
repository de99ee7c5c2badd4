"""Business-day arithmetic with the semantics of the spreadsheet function WORKDAY."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Iterable


def workday(start: date, days: int, holidays: Iterable[date] = ()) -> date:
    """The date `days` business days after `start` (Saturdays, Sundays and holidays skipped).

    As in Excel and LibreOffice, `start` itself never counts, and 0 days gives `start`.
    """
    skip = set(holidays)
    step = 1 if days >= 0 else -1
    current, remaining = start, abs(days)
    while remaining:
        current += timedelta(days=step)
        if current.weekday() < 5 and current not in skip:
            remaining -= 1
    return current
