"""Sentences built by formulas that read the same in every language of Excel and LibreOffice.

TEXT() format codes are read in the user's locale ("$#,##0" gives "$614096,072" in German,
"dddd" is not understood at all), so amounts use FIXED, percentages whole numbers, and day and
month names are chosen by CHOOSE. Each piece carries its formula and, beside it, the text it
gives, so a sentence is written with its stored result."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from ..rounding import excel_round

DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MAX_LITERAL = 250  # Excel refuses a text constant of more than 255 characters inside a formula


@dataclass(frozen=True)
class Txt:
    """A piece of text: the formula that builds it (`f`, no '=') and what it gives (`v`)."""
    f: str
    v: str

    def __add__(self, other: "Txt | str") -> "Txt":
        other = lit(other) if isinstance(other, str) else other
        return Txt(f"{self.f}&{other.f}", self.v + other.v)

    def __radd__(self, other: str) -> "Txt":
        return lit(other) + self

    @property
    def formula(self) -> str:
        return "=" + self.f


def lit(text: str) -> Txt:
    if not text:
        return Txt('""', "")
    chunks = [text[i:i + MAX_LITERAL] for i in range(0, len(text), MAX_LITERAL)]
    return Txt("&".join('"' + chunk.replace('"', '""') + '"' for chunk in chunks), text)


def ref(reference: str, value: str) -> Txt:
    """A cell that holds text."""
    return Txt(reference, value)


def money(reference: str, value: float) -> Txt:
    """$1,234 (whole dollars; the thousands separator is the reader's)."""
    rounded = excel_round(value)
    sign = "-" if rounded < 0 else ""
    return Txt(f'IF(ROUND({reference},0)<0,"-$","$")&FIXED(ABS({reference}),0)', f"{sign}${abs(int(rounded)):,}")


def whole(reference: str, value: float) -> Txt:
    """A whole number with no separators (years, months, days)."""
    rounded = int(excel_round(value))
    return Txt(f"FIXED({reference},0,TRUE)", str(rounded))


def percent(reference: str, value: float) -> Txt:
    """12.5% with one decimal, built from whole numbers so no decimal separator is involved."""
    tenths = f"ROUND({reference}*1000,0)"
    rounded = int(excel_round(value * 1000))
    sign = "-" if rounded < 0 else ""
    return Txt(f'IF({tenths}<0,"-","")&INT(ABS({tenths})/10)&"."&MOD(ABS({tenths}),10)&"%"',
               f"{sign}{abs(rounded) // 10}.{abs(rounded) % 10}%")


def short_percent(reference: str, value: float) -> Txt:
    """75% or 6.2%: as `percent`, without a trailing ".0"."""
    tenths = f"ROUND({reference}*1000,0)"
    rounded = int(excel_round(value * 1000))
    sign = "-" if rounded < 0 else ""
    decimals = f".{abs(rounded) % 10}" if abs(rounded) % 10 else ""
    return Txt(f'IF({tenths}<0,"-","")&INT(ABS({tenths})/10)&IF(MOD(ABS({tenths}),10)=0,"","."&MOD(ABS({tenths}),10))'
               f'&"%"', f"{sign}{abs(rounded) // 10}{decimals}%")


def long_date(reference: str, day: Optional[dt.date]) -> Txt:
    """Thursday, December 3, 2026 (no date at build time: the formula alone, its text empty)."""
    days = ",".join(f'"{d}"' for d in DAYS)
    months = ",".join(f'"{m}"' for m in MONTHS)
    return Txt(f'CHOOSE(WEEKDAY({reference}),{days})&", "&CHOOSE(MONTH({reference}),{months})'
               f'&" "&DAY({reference})&", "&YEAR({reference})',
               f"{DAYS[(day.weekday() + 1) % 7]}, {MONTHS[day.month - 1]} {day.day}, {day.year}" if day else "")


def iso_date(reference: str, day: dt.date) -> Txt:
    """2027-01-04."""
    return Txt(f'YEAR({reference})&"-"&RIGHT("0"&MONTH({reference}),2)&"-"&RIGHT("0"&DAY({reference}),2)',
               day.isoformat())


def if_(condition: str, holds: bool, then: Txt | str, otherwise: Txt | str) -> Txt:
    then = lit(then) if isinstance(then, str) else then
    otherwise = lit(otherwise) if isinstance(otherwise, str) else otherwise
    return Txt(f"IF({condition},{then.f},{otherwise.f})", then.v if holds else otherwise.v)


def join(*pieces: Txt | str) -> Txt:
    result: Optional[Txt] = None
    for piece in pieces:
        piece = lit(piece) if isinstance(piece, str) else piece
        result = piece if result is None else result + piece
    return result if result is not None else lit("")


@dataclass(frozen=True)
class Value:
    """A figure a sentence builds on: the formula that gives it (`f`, no '=') and its value (`v`):
    a number, TRUE/FALSE, a date, text, or "" for none."""
    f: str
    v: object

    @property
    def formula(self) -> str:
        return "=" + self.f


def fine_percent(reference: str, value: float) -> Txt:
    """0.25%, 1% or 0.1%: hundredths of a percent, trailing zeros dropped (shares of a company)."""
    hundredths = f"ROUND({reference}*10000,0)"
    rounded = int(excel_round(value * 10000))
    whole_part, rest = divmod(abs(rounded), 100)
    decimals = "" if rest == 0 else "." + (str(rest // 10) if rest % 10 == 0 else f"{rest:02d}")
    return Txt(f'INT({hundredths}/100)&IF(MOD({hundredths},100)=0,"","."&IF(MOD({hundredths},10)=0,'
               f'MOD({hundredths},100)/10,RIGHT("0"&MOD({hundredths},100),2)))&"%"', f"{whole_part}{decimals}%")


def price(reference: str, value: float) -> Txt:
    """$4.50: a price a share, to the cent (a strike), built from whole numbers."""
    cents = f"ROUND({reference}*100,0)"
    rounded = int(excel_round(value * 100))
    return Txt(f'"$"&FIXED(INT({cents}/100),0)&"."&RIGHT("0"&MOD({cents},100),2)',
               f"${rounded // 100:,}.{rounded % 100:02d}")


def capitalized(piece: Txt) -> Txt:
    """The text with its first letter in capitals ("a competing AI lab" -> "A competing AI lab")."""
    return Txt(f"REPLACE({piece.f},1,1,UPPER(LEFT({piece.f},1)))", piece.v[:1].upper() + piece.v[1:])


def listing_parts(items: list[tuple[Value, Txt]], sep: str = ", ", last: str = " and ") -> list[Txt]:
    """Each item of a list as it reads in the list: "" when absent, else its separator and itself.
    The separator is chosen by the presence of the items before and after it, so that the
    present items read "a, b and c"."""
    parts = []
    present = [bool(flag.v) for flag, _ in items]
    for n, (flag, item) in enumerate(items):
        before, after = [f.f for f, _ in items[:n]], [f.f for f, _ in items[n + 1:]]
        any_before = f"OR({','.join(before)})" if before else "FALSE"
        any_after = f"OR({','.join(after)})" if after else "FALSE"
        if n == 0:
            separator = lit("")
        elif not after:
            separator = if_(any_before, any(present[:n]), last, "")
        else:
            separator = if_(any_before, any(present[:n]), if_(any_after, any(present[n + 1:]), sep, last), "")
        parts.append(if_(flag.f, present[n], join(separator, item), ""))
    return parts


def listing(items: list[tuple[Value, Txt]], sep: str = ", ", last: str = " and ") -> Txt:
    """The present items joined as "a, b and c" (each item with a TRUE/FALSE Value)."""
    return join(*listing_parts(items, sep, last))


def count(reference: str, value: float) -> Txt:
    """80,000: a whole number with the reader's thousands separator (shares)."""
    return Txt(f"FIXED({reference},0)", f"{int(excel_round(value)):,}")
