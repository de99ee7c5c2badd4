"""The texts for the recruiter on the Negotiation sheet: the counter-request, the follow-up and
the replies to three objections, each a link to the Texts sheet where it is built piece by
piece (xlmodel.texts), with a row tall enough for its words."""
from __future__ import annotations

from ..texts import pieces as t
from ..texts.negotiation import TEXT_KEYS, TEXT_TITLES
from . import styles
from .cells import Sheet
from .figures import Figures
from .layout import LABEL_COL, PARAM_COL, Layout
from .refs import cell
from .negotiation_layout import ROWS, last_column, row_height, text_width
from .texts_sheet import piece

def text_cells(layout: Layout) -> dict[str, str]:
    """The defined name of each text -> its cell on Negotiation."""
    names = {"counter_request": "CounterRequest", "follow_up": "FollowUp", "reply_cant_beat": "ReplyCantBeat",
             "reply_need_approval": "ReplyNeedApproval", "reply_startup_equity": "ReplyStartupEquity"}
    return {names[key]: cell(ROWS.letter(key), PARAM_COL, "Negotiation") for key in TEXT_KEYS}


def write_texts(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    last = last_column(layout)
    width = text_width(layout, last)
    header = ROWS.letter("texts_header")
    sheet.merged_text(header, LABEL_COL, last, "Texts for the recruiter (they state no valuation of yours: see the "
                      "Texts sheet for how they are built)", styles.HEADER)
    facts = _facts(figures, layout)
    for key in TEXT_KEYS:
        row = ROWS.letter(key)
        text = piece(figures, layout, key)
        if key == "follow_up":
            day = facts["follow_up_on"]
            label = t.join("Follow-up", t.if_(f'{day.f}=""', day.v == "", "",
                                              t.join(": send on ", t.long_date(day.f, day.v or None))))
            sheet.formula(row, LABEL_COL, label.formula, label.v, style=styles.CHECK, text_wrap=True, valign="top")
        else:
            sheet.label(row, LABEL_COL, TEXT_TITLES[key], styles.CHECK, text_wrap=True, valign="top")
        sheet.merged_formula(row, PARAM_COL, last, text.formula, text.v, text_wrap=True, valign="top")
        sheet.height(row, row_height(text.v, width))


def _facts(figures: Figures, layout: Layout):
    from .texts_sheet import texts
    return texts(figures, layout).facts
