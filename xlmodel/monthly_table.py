"""Each offer's cash flows as plain rows, one per offer and month, for CSV and for notebooks.

Kept free of pandas so that `xlmodel value --csv` stays as light as the rest of the CLI.
"""
from __future__ import annotations

import calendar
import csv
from datetime import date, timedelta
from typing import IO, Iterator

from .engine import COMPONENTS, Valuation
from .model import OffersFile

MONTHLY_COLUMNS = ("offer", "month", "date", *COMPONENTS, "total", "present_value")
YEARLY_COLUMNS = ("offer", "year", *COMPONENTS, "total")


def add_months(start: date, months: int) -> date:
    """`start` moved by whole months; a day the target month lacks becomes its last day (Jan 31 + 1 = Feb 28)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def month_end(start: date, month: int) -> date:
    """The last day of employment month `month` (month 1 begins on `start`): start + month months - 1 day."""
    return add_months(start, month) - timedelta(days=1)


def monthly_rows(offers_file: OffersFile, valuation: Valuation) -> Iterator[dict]:
    """One dict per offer and month, keyed by MONTHLY_COLUMNS, in offer order then month order."""
    settings = offers_file.model
    for offer in valuation.offers:
        flows = offer.flows
        present_values = flows.month_present_values(settings.discount_rate)
        for month in range(1, flows.months + 1):
            amounts = {name: flows.component(name)[month - 1] for name in COMPONENTS}
            yield {"offer": offer.name, "month": month, "date": month_end(settings.start_date, month),
                   **amounts, "total": flows.total(month), "present_value": present_values[month - 1]}


def yearly_rows(valuation: Valuation) -> Iterator[dict]:
    """One dict per offer and employment year, keyed by YEARLY_COLUMNS."""
    for offer in valuation.offers:
        flows = offer.flows
        for year in range(1, flows.months // 12 + 1):
            months = range(12 * (year - 1), 12 * year)
            amounts = {name: sum(flows.component(name)[i] for i in months) for name in COMPONENTS}
            yield {"offer": offer.name, "year": year, **amounts, "total": offer.years[year - 1]}


def write_monthly_csv(offers_file: OffersFile, valuation: Valuation, out: IO[str]) -> None:
    """The monthly rows as CSV with a header row; figures unrounded, dates ISO."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MONTHLY_COLUMNS)
    for row in monthly_rows(offers_file, valuation):
        writer.writerow([row["date"].isoformat() if name == "date" else row[name] for name in MONTHLY_COLUMNS])
