"""The negotiation's deadlines as an iCalendar file (RFC 5545) for any calendar application.

Three all-day events: the decision date (the competing offer is shared), the respond-by date
and the expiry date, each with a reminder the day before. The same offers file always gives
the same bytes: UIDs are derived from the event's content and the DTSTAMP from the decision
date, so importing a rebuilt file again does not duplicate events.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import icalendar

from .engine import Negotiation, negotiate, value_offer
from .errors import InputError
from .model import OffersFile
from .output_files import check_target, write_atomically
from .report import money

PRODUCT_ID = "-//xlmodel//offer negotiation deadlines//EN"
REMINDER_BEFORE = timedelta(days=1)


@dataclass(frozen=True)
class Deadline:
    kind: str  # "shared", "respond_by" or "expires"
    day: date
    summary: str
    description: str
    reminder: str  # shown the day before

    def uid(self, target: str) -> str:
        digest = hashlib.sha256(f"{self.kind}\n{target}\n{self.day.isoformat()}".encode("utf-8")).hexdigest()
        return f"{digest[:32]}@xlmodel"


def _asks(deal: Negotiation, bump_from_month: int) -> str:
    if deal.alternative is None:
        return ""
    if deal.gap == 0:
        return f" {deal.target} already leads {deal.alternative} in present value: no ask is needed to match it."
    options = [f"{money(deal.ask_base)} more base a year", f"{money(deal.ask_signon)} more sign-on"]
    if deal.ask_bump is not None:
        options.append(f"a fallback bump of {deal.ask_bump:.1%} of base from month {bump_from_month}")
    if deal.package_bump is not None and deal.acceleration_value is not None and deal.acceleration_value > 0:
        options.append(f"accelerated vesting plus a bump of {deal.package_bump:.1%}")
    return (f" {deal.alternative} leads by {money(deal.gap)} in present value; any one of these closes the gap: "
            + ", or ".join(options) + ".")


def deadlines(offers_file: OffersFile, deal: Negotiation) -> list[Deadline]:
    """The three deadlines of the negotiation of the file's target; needs model.decision_date."""
    settings = offers_file.model
    decided = settings.decision_date
    target = deal.target
    respond_days, expiry_days = settings.response_business_days, settings.expiry_business_days
    bump_from = offers_file.negotiation.fallback_after_months + 1
    competing = f"{deal.alternative}'s offer" if deal.alternative else "the competing offer"
    return [
        Deadline("shared", decided, f"Share the competing offer with {target}",
                 f"Today you share {competing} with {target}.{_asks(deal, bump_from)} Ask for an answer within "
                 f"{respond_days} business days, by {deal.respond_by:%A %Y-%m-%d}.",
                 f"Tomorrow you share the competing offer with {target}: have the figures ready."),
        Deadline("respond_by", deal.respond_by, f"{target}'s answer is due",
                 f"{respond_days} business days after you shared {competing} on {decided:%A %Y-%m-%d}, {target} "
                 f"should answer today. Without an answer, follow up in writing: the offer lapses on "
                 f"{deal.expires:%A %Y-%m-%d}.",
                 f"Tomorrow {target}'s answer to the competing offer is due."),
        Deadline("expires", deal.expires, f"{target}'s offer expires",
                 f"{expiry_days} business days after the decision date ({decided:%A %Y-%m-%d}), {target}'s offer "
                 f"lapses today without an answer: accept, decline or ask in writing for more time.",
                 f"Tomorrow {target}'s offer expires: decide, or ask in writing for more time."),
    ]


def _event(deadline: Deadline, target: str, stamp: datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", deadline.uid(target))
    event.add("dtstamp", stamp)
    event.add("dtstart", deadline.day)
    event.add("dtend", deadline.day + timedelta(days=1))  # an all-day event ends (exclusively) the next day
    event.add("summary", deadline.summary)
    event.add("description", deadline.description)
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it does not block the day
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", deadline.reminder)
    alarm.add("trigger", -REMINDER_BEFORE)
    event.add_component(alarm)
    return event


def negotiation_of(offers_file: OffersFile) -> Negotiation:
    settings = offers_file.model
    return negotiate(offers_file, {o.name: value_offer(o, settings) for o in offers_file.offers})


def require_decision_date(offers_file: OffersFile, source: str = "<offers>") -> None:
    if offers_file.model.decision_date is None:
        raise InputError(source, ("model", "decision_date"),
                         "is needed for a calendar of deadlines (the day you share the competing offer); "
                         "add it to [model], e.g. decision_date = 2026-11-25")


def calendar_bytes(offers_file: OffersFile, source: str = "<offers>") -> bytes:
    """The iCalendar file of the negotiation's deadlines; an InputError without a decision date."""
    require_decision_date(offers_file, source)
    settings = offers_file.model
    deal = negotiation_of(offers_file)
    stamp = datetime.combine(settings.decision_date, time(0, 0), tzinfo=timezone.utc)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Offer deadlines: {deal.target}")
    for deadline in deadlines(offers_file, deal):
        calendar.add_component(_event(deadline, deal.target, stamp))
    return calendar.to_ical()


def write_calendar(offers_file: OffersFile, output: Path, source: str = "<offers>", force: bool = False) -> Path:
    """Write the deadlines to `output` (.ics): never over an existing file unless forced, atomically."""
    require_decision_date(offers_file, source)
    reading = [Path(source)] if Path(source).is_file() else []
    check_target(output, ".ics", "deadlines", force, reading=reading)
    content = calendar_bytes(offers_file, source)

    def write(temporary: str) -> None:
        Path(temporary).write_bytes(content)
    return write_atomically(output, write, force)
