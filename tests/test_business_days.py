"""Business days with the semantics of the spreadsheet function WORKDAY (Excel and LibreOffice)."""
from __future__ import annotations

from datetime import date

import pytest

from conftest import model_table
from xlmodel.business_days import workday
from xlmodel.engine import value_all

# November / December 2026: Wed 25, Thu 26 (Thanksgiving), Fri 27, Sat 28, Sun 29, Mon 30, Tue 1 ...
WED, THU, FRI, SAT, SUN, MON = (date(2026, 11, d) for d in (25, 26, 27, 28, 29, 30))


def test_across_a_weekend():
    assert workday(FRI, 1) == MON
    assert workday(THU, 3) == date(2026, 12, 1)  # Fri, Mon, Tue
    assert workday(WED, 5) == date(2026, 12, 2)  # Thu, Fri, Mon, Tue, Wed


def test_across_a_holiday_and_a_weekend():
    # Thursday the 26th is a holiday: Fri 27 (1), Mon 30 (2), Tue 1 (3), Wed 2 (4), Thu 3 (5).
    assert workday(WED, 5, [THU]) == date(2026, 12, 3)
    # ... and ten days: Fri 4 (6), Mon 7 (7), Tue 8 (8), Wed 9 (9), Thu 10 (10).
    assert workday(WED, 10, [THU]) == date(2026, 12, 10)


def test_the_start_day_never_counts():
    assert workday(MON, 1) == date(2026, 12, 1)
    # Starting on a weekend, the first business day is the Monday (WORKDAY(Sat, 1) = Mon).
    assert workday(SAT, 1) == MON
    assert workday(SUN, 1) == MON


def test_zero_days_is_the_start_even_on_a_weekend_or_holiday():
    assert workday(SAT, 0) == SAT
    assert workday(THU, 0, [THU]) == THU


def test_a_holiday_on_a_weekend_changes_nothing():
    assert workday(FRI, 1, [SAT, SUN]) == MON


def test_holidays_far_away_change_nothing():
    assert workday(WED, 5, [date(2027, 7, 4), date(2026, 1, 1)]) == date(2026, 12, 2)


def test_consecutive_holidays():
    assert workday(FRI, 1, [MON, date(2026, 12, 1)]) == date(2026, 12, 2)


def test_negative_days_go_back():
    assert workday(MON, -1) == FRI
    assert workday(MON, -2, [THU]) == WED


def test_negotiation_dates_from_the_offers_file(load):
    offers = load(model_table(extra="""
        decision_date = 2026-11-25
        response_business_days = 5
        expiry_business_days = 10
        holidays = [2026-12-25, 2026-11-26]
        """) + '[[offers]]\nname = "A"\nbase = 1\n')
    deal = value_all(offers).negotiation
    assert deal.respond_by == date(2026, 12, 3)
    assert deal.expires == date(2026, 12, 10)


def test_default_windows_are_5_and_10_business_days_without_holidays(load):
    offers = load(model_table(extra="decision_date = 2026-11-25") + '[[offers]]\nname = "A"\nbase = 1\n')
    deal = value_all(offers).negotiation
    assert deal.respond_by == date(2026, 12, 2)   # Thu, Fri, Mon, Tue, Wed
    assert deal.expires == date(2026, 12, 9)      # ... Thu, Fri, Mon, Tue, Wed


def test_no_decision_date_means_no_dates(load):
    deal = value_all(load(model_table() + '[[offers]]\nname = "A"\nbase = 1\n')).negotiation
    assert deal.respond_by is None and deal.expires is None


@pytest.mark.parametrize("days", range(0, 30))
def test_workday_lands_on_a_business_day_and_counts_exactly(days):
    holidays = {THU, date(2026, 12, 25)}
    end = workday(WED, days, holidays)
    if days:
        assert end.weekday() < 5 and end not in holidays
    counted = sum(1 for n in range(1, (end - WED).days + 1)
                  if (d := date.fromordinal(WED.toordinal() + n)).weekday() < 5 and d not in holidays)
    assert counted == days
