"""`xlmodel calendar`: the negotiation's deadlines as an iCalendar file, read back with icalendar."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import icalendar
import pytest

from conftest import SAMPLES, model_table, run_cli
from xlmodel.deadlines import calendar_bytes
from xlmodel.engine import value_all
from xlmodel.inputs.offers_file import load_offers
from xlmodel.report import money

AMAZON = SAMPLES[0]
assert AMAZON.name == "amazon_vs_startup.toml"

TWO_OFFERS = """
[[offers]]
name = "Acme"
base = 100000
[[offers]]
name = "Rival"
base = 112000
"""


def events(path):
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def start(event) -> date:
    return event.decoded("dtstart")


def write_calendar(folder, *args):
    result = run_cli("calendar", *args, cwd=folder)
    assert result.returncode == 0, result.stderr
    return result


def test_the_samples_three_deadlines_each_with_a_reminder_the_day_before(tmp_path):
    write_calendar(tmp_path, AMAZON)
    found = events(tmp_path / "deadlines.ics")
    # Decision Wed 2026-11-25; Thanksgiving (Thu 26) is a holiday. Five business days:
    # Fri 27, Mon 30, Tue 1, Wed 2, Thu 3 December; ten: then Fri 4, Mon 7, Tue 8, Wed 9, Thu 10.
    assert [start(e) for e in found] == [date(2026, 11, 25), date(2026, 12, 3), date(2026, 12, 10)]
    for event in found:
        assert isinstance(start(event), date) and not isinstance(start(event), datetime)  # all-day
        assert event.decoded("dtend") == start(event) + timedelta(days=1)
        assert "Amazon" in str(event["summary"])
        alarms = list(event.walk("VALARM"))
        assert len(alarms) == 1
        assert alarms[0].decoded("trigger") == timedelta(days=-1)
        assert str(alarms[0]["action"]) == "DISPLAY"
        assert "Tomorrow" in str(alarms[0]["description"])
        stamp = event.decoded("dtstamp")
        assert stamp.tzinfo is not None and stamp.utcoffset() == timedelta(0)
    summaries = [str(e["summary"]) for e in found]
    assert summaries == ["Share the competing offer with Amazon", "Amazon's answer is due", "Amazon's offer expires"]
    assert len({str(e["uid"]) for e in found}) == 3


def test_descriptions_say_what_happens_and_the_asks(tmp_path):
    write_calendar(tmp_path, AMAZON)
    shared, respond, expires = (str(e["description"]) for e in events(tmp_path / "deadlines.ics"))
    deal = value_all(load_offers(AMAZON)).negotiation
    assert "Nimbus AI's offer" in shared and money(deal.gap) in shared
    assert money(deal.ask_base) in shared and money(deal.ask_signon) in shared
    assert "by Thursday 2026-12-03" in shared
    assert "answer today" in respond and "lapses on Thursday 2026-12-10" in respond
    assert "lapses today" in expires


def test_business_days_of_a_file_of_my_own(tmp_path):
    # Decision Fri 2027-03-05, answer within 2 business days (Mon 8, Tue 9), lapse after 3 (Wed 10).
    (tmp_path / "mine.toml").write_text(model_table(1, extra="""
        decision_date = 2027-03-05
        response_business_days = 2
        expiry_business_days = 3""") + TWO_OFFERS, encoding="utf-8")
    write_calendar(tmp_path, "mine.toml", "-o", "acme.ics")
    found = events(tmp_path / "acme.ics")
    assert [start(e) for e in found] == [date(2027, 3, 5), date(2027, 3, 9), date(2027, 3, 10)]
    assert all("Acme" in str(e["summary"]) for e in found)
    # Rival pays 12,000 a year more, no discounting: the gap is 12,000.
    assert "Rival leads by $12,000" in str(found[0]["description"])


def test_rebuilding_gives_the_same_bytes(tmp_path):
    write_calendar(tmp_path, AMAZON)
    first = (tmp_path / "deadlines.ics").read_bytes()
    write_calendar(tmp_path, AMAZON, "--force")
    assert (tmp_path / "deadlines.ics").read_bytes() == first
    assert calendar_bytes(load_offers(AMAZON)) == first


def test_uids_follow_the_dates(tmp_path):
    text = AMAZON.read_text(encoding="utf-8")
    moved = tmp_path / "moved.toml"
    moved.write_text(text.replace("decision_date = 2026-11-25", "decision_date = 2026-11-30"), encoding="utf-8")
    before = [str(e["uid"]) for e in icalendar.Calendar.from_ical(calendar_bytes(load_offers(AMAZON))).walk("VEVENT")]
    after = [str(e["uid"]) for e in icalendar.Calendar.from_ical(calendar_bytes(load_offers(moved))).walk("VEVENT")]
    assert not set(before) & set(after)   # a moved deadline is a new event, not a silent edit


def test_rfc_5545_lines(tmp_path):
    write_calendar(tmp_path, AMAZON)
    content = (tmp_path / "deadlines.ics").read_bytes()
    assert content.startswith(b"BEGIN:VCALENDAR\r\n") and content.endswith(b"END:VCALENDAR\r\n")
    lines = content.split(b"\r\n")[:-1]
    assert all(b"\n" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines)   # long lines are folded
    calendar = icalendar.Calendar.from_ical(content)
    assert str(calendar["version"]) == "2.0" and str(calendar["prodid"])


def test_a_single_offer_still_gets_its_deadlines(tmp_path):
    (tmp_path / "solo.toml").write_text(model_table(1, extra="decision_date = 2027-03-05")
                                        + '[[offers]]\nname = "Solo"\nbase = 1\n', encoding="utf-8")
    write_calendar(tmp_path, "solo.toml")
    found = events(tmp_path / "deadlines.ics")
    assert len(found) == 3 and "the competing offer with Solo" in str(found[0]["description"])


def test_without_a_decision_date_no_file_is_written(tmp_path):
    (tmp_path / "plain.toml").write_text(model_table(1) + TWO_OFFERS, encoding="utf-8")
    result = run_cli("calendar", "plain.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("xlmodel: error: plain.toml: model.decision_date: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain.toml"]


def test_no_overwrite_without_force(tmp_path):
    mine = tmp_path / "deadlines.ics"
    mine.write_bytes(b"my own calendar")
    result = run_cli("calendar", cwd=tmp_path)
    assert result.returncode == 2 and "already exists" in result.stderr and "--force" in result.stderr
    assert mine.read_bytes() == b"my own calendar"
    write_calendar(tmp_path, "--force")
    assert len(events(mine)) == 3
    assert [p.name for p in tmp_path.iterdir()] == ["deadlines.ics"]   # no temporary file left behind


@pytest.mark.parametrize("name", ["deadlines.txt", "deadlines", "deadlines.ics.bak"])
def test_the_name_must_end_in_ics(tmp_path, name):
    result = run_cli("calendar", "-o", name, cwd=tmp_path)
    assert result.returncode == 2 and "must end in .ics" in result.stderr
    assert list(tmp_path.iterdir()) == []
