"""Recruiter: the one page to send. The competing offer's terms beside the target's, component by
component as the offers file states them; the request (the package in words, the milestone, the
tenure) and the answer window. Nothing of the strategy: no present value, gap, break-even,
probability, scenario or leave figure. When the target already leads, the competing offer is
only mentioned, its terms left out (they would show it is worth less).

`xlmodel pdf WORKBOOK --recruiter` prints this sheet alone."""
from __future__ import annotations

from ..texts import pieces as t
from ..texts.pieces import Txt
from . import styles
from .cells import Sheet
from .figures import Figures
from .layout import Layout
from .negotiation_layout import row_height
from .printing import LETTER_PAPER
from .texts_sheet import texts

LABEL, TARGET, RIVAL = 1, 2, 3
WIDTHS = {LABEL: 24, TARGET: 40, RIVAL: 40}
TERMS = (("Role", "title"), ("Base salary", "base"), ("Bonus target", "bonus"), ("Sign-on", "signon"),
         ("Equity", "equity"), ("Share of the company", "company"), ("Vesting", "vesting"))
FIRST_TERM = 5


def _or_none(piece: Txt, none: str = "none") -> Txt:
    return t.if_(f'{piece.f}=""', piece.v == "", none, piece)


def terms(figures: Figures, layout: Layout, side: str) -> dict[str, Txt]:
    """One side's terms, each in words (so that the whole page is text, whole dollars)."""
    book = texts(figures, layout)
    f = book.facts
    bonus = f[f"{side}.bonus_target"]
    title = f.text(f"{side}.title")
    return {
        "title": t.if_(f'{title.f}=""', title.v == "", "not stated", title),
        "base": f.money(f"{side}.base"),
        "bonus": t.if_(f"N({bonus.f})>0", (bonus.v or 0) > 0, f.percent(f"{side}.bonus_target"), "none"),
        "signon": _or_none(book[f"{side}.signon_words"]),
        "equity": book[f"{side}.equity_words"],
        "company": book[f"{side}.company_words"],
        "vesting": _or_none(book[f"{side}.words"]),
    }


def write(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    book = texts(figures, layout)
    f = book.facts
    target, rival = f.text("target.name"), f.text("rival")
    title = t.join(target, " offer: the terms side by side, and my request")
    sheet.formula(1, LABEL, title.formula, title.v, style=styles.TITLE)
    candidate = f["candidate"]
    subtitle = t.if_(f'{candidate.f}=""', candidate.v == "", "", t.join("From ", f.text("candidate")))
    sheet.formula(2, LABEL, subtitle.formula, subtitle.v, style=styles.NOTE)

    shown = book["trails"]  # the competing offer's terms only when the target trails it
    header = FIRST_TERM - 1
    sheet.label(header, LABEL, "", styles.HEADER)
    current = t.join(target, ": current offer")
    sheet.formula(header, TARGET, current.formula, current.v, style=styles.HEADER)
    competing = t.if_(shown.f, bool(shown.v), t.join("Competing offer: ", t.capitalized(rival)), "")
    sheet.formula(header, RIVAL, competing.formula, competing.v, style=styles.HEADER)
    sides = {TARGET: terms(figures, layout, "target"), RIVAL: terms(figures, layout, "rival")}
    for n, (label, key) in enumerate(TERMS):
        row = FIRST_TERM + n
        sheet.label(row, LABEL, label, bold=True, valign="top")
        for column, words in sides.items():
            piece = words[key] if column == TARGET else t.if_(shown.f, bool(shown.v), words[key], "")
            sheet.formula(row, column, piece.formula, piece.v, text_wrap=True, valign="top")
        tallest = max(len(sides[TARGET][key].v), len(sides[RIVAL][key].v) if shown.v else 0)
        sheet.height(row, row_height("x" * tallest, WIDTHS[TARGET]))
    row = FIRST_TERM + len(TERMS)
    also = t.if_(f"AND({book['has_rival'].f},NOT({shown.f}))", bool(book["has_rival"].v) and not shown.v,
                 t.join("I also hold an offer from ", rival, "."), "")
    sheet.merged_formula(row, LABEL, RIVAL, also.formula, also.v, styles.NOTE, text_wrap=True, valign="top")

    row += 2
    sheet.label(row, LABEL, "My request", styles.HEADER)
    sheet.label(row, TARGET, "", styles.HEADER)
    sheet.label(row, RIVAL, "", styles.HEADER)
    width = sum(WIDTHS.values())
    ask = book["ask"]
    sheet.merged_formula(row + 1, LABEL, RIVAL, ask.formula, ask.v, text_wrap=True, valign="top")
    sheet.height(row + 1, row_height(ask.v, width))
    has_bump, tenure = book["has_bump"], book["tenure"]
    respond_by = f["respond_by"]
    details = (
        ("The bump is tied to", t.if_(has_bump.f, bool(has_bump.v), f.text("milestone"), "no bump asked for")),
        ("Guaranteed tenure", t.if_(tenure.f, bool(tenure.v), t.join(f.whole("guaranteed"), " months, confirmed in "
                                                                     "writing"), "none asked for")),
        ("Answer requested by", t.if_(f'{respond_by.f}=""', respond_by.v == "", "as soon as you can",
                                      f.date("respond_by"))),
    )
    for n, (label, piece) in enumerate(details, start=row + 2):
        sheet.label(n, LABEL, label, bold=True, valign="top")
        sheet.merged_formula(n, TARGET, RIVAL, piece.formula, piece.v, text_wrap=True, valign="top")
        sheet.height(n, row_height(piece.v, (WIDTHS[TARGET] + WIDTHS[RIVAL])))
    closing = t.join(book["close"], " ", book["window"])
    last = row + 2 + len(details)
    sheet.merged_formula(last, LABEL, RIVAL, closing.formula, closing.v, text_wrap=True, valign="top")
    sheet.height(last, row_height(closing.v, width))

    for column, width_of in WIDTHS.items():
        sheet.width(column, width_of)
    _one_page(sheet, last)


def _one_page(sheet: Sheet, last_row: int) -> None:
    """Portrait Letter, one page, no gridlines, and no header or footer that names the tool."""
    ws = sheet.ws
    ws.print_area(0, 0, last_row - 1, RIVAL - 1)
    ws.set_portrait()
    ws.set_paper(LETTER_PAPER)
    ws.fit_to_pages(1, 1)
    ws.hide_gridlines(2)
    ws.center_horizontally()
    ws.set_margins(left=0.7, right=0.7, top=0.8, bottom=0.8)
