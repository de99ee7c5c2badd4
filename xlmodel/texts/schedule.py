"""A vesting schedule in words, by schedule year: "5% in year 1, 15% in year 2, 40% in year 3
and 40% in year 4, the first after 12 months". The one wording of a schedule: the workbook's
package and texts, the Recruiter sheet and `xlmodel value` all say it this way."""
from __future__ import annotations

from typing import Optional

from ..model import Schedule
from . import pieces as t
from .book import Book, Facts
from .facts import SCHEDULE_YEARS, schedule_values
from .pieces import Txt


def schedule_words(book: Book, prefix: str, who: str) -> Txt:
    """The words of the schedule whose facts are "{prefix}.year.N", ".years" and ".first"; each
    year's words are a piece of their own. Empty for no schedule."""
    facts = book.facts
    years = facts[f"{prefix}.years"]
    parts = []
    for y in range(1, SCHEDULE_YEARS + 1):
        number = facts[f"year_number.{y}"]
        share = t.join(facts.percent(f"{prefix}.year.{y}"), " in year ", t.ref(number.f, str(number.v)))
        count = years.v or 0
        if y == 1:
            piece = t.if_(f"{years.f}=0", count == 0, "", share)
        else:
            separator = t.if_(f"{years.f}={number.f}", count == y, " and ", ", ")
            piece = t.if_(f"{years.f}<{number.f}", count < y, "", t.join(separator, share))
        parts.append(book.text(f"{prefix}.words.{y}", f"{who} in words, year {y}", piece))
    first = facts[f"{prefix}.first"]
    tail = t.if_(f"{years.f}=0", not years.v, "", t.join(
        ", the first after ", facts.whole(f"{prefix}.first"),
        t.if_(f"{first.f}=1", first.v == 1, " month", " months")))
    return book.text(f"{prefix}.words", f"{who} in words", t.join(*parts, tail))


def schedule_text(schedule: Optional[Schedule]) -> str:
    """The same words for a schedule on its own (the command line's report)."""
    values = schedule_values("schedule", schedule)
    values.update({f"year_number.{y}": y for y in range(1, SCHEDULE_YEARS + 1)})
    return schedule_words(Book(Facts(values)), "schedule", "The schedule").v
