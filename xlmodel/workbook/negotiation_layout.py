"""Where things sit on the Negotiation sheet: the deal, the package and its calculations, the
texts, the leave tables and the rows behind them. Every module that writes or reads the sheet
asks here, so none of them needs another's code to find a row."""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..engine import LEAVE_MONTHS
from ..texts.negotiation import TEXT_KEYS
from .layout import LABEL_COL, NEGOTIATION, PARAM_COL, Layout
from .refs import area, cell

PER_OFFER = ("pv", "is_target", "alternative_pv", "base_factor", "equity_factor")
DEAL_FIRST = 5
DEAL = ("target", "alternative", "target_pv", "alternative_pv", "gap", "", "ask_base", "ask_signon", "ask_equity",
        "", "decision_date", "respond_by", "expires", "break_even")
PACKAGE_FIRST = DEAL_FIRST + len(DEAL) + 2  # the levers of a counter-offer: written by negotiation_package.py
PACKAGE = ("after_months", "probability", "guaranteed_months", "ask_bump", "ask_bump_amount", "probability_to_close",
           "acceleration_value", "gap_after_acceleration", "package_bump", "kept_months", "kept", "schedule_words",
           "package_words", "acceleration_words")
LETTER_FIRST = PACKAGE_FIRST + len(PACKAGE) + 2
LETTER = ("texts_header",) + TEXT_KEYS  # the texts for the recruiter: written by negotiation_texts.py
LEAVE_FIRST = LETTER_FIRST + len(LETTER) + 2
LEAVE_END = LEAVE_FIRST + 3 * (len(LEAVE_MONTHS) + 2) + 1  # the last row a reader needs; printed up to here
PER_OFFER_HEADER = LEAVE_END + 3  # the calculations behind the deal, below what is printed
CALCULATIONS = ("target_base", "target_raise", "target_bump_after", "target_bump", "target_bump_amount",
                "target_bonus_rate", "target_growth", "bump_factor", "bump_amount_factor", "fallback_given", "target_probability", "fallback_slope",
                "pv_without_fallback", "own_grant_pv", "accelerated_grant_pv")


@dataclass(frozen=True)
class NegotiationLayout:
    def per_offer(self, key: str) -> int:
        return PER_OFFER_HEADER + 1 + PER_OFFER.index(key)

    def deal(self, key: str) -> int:
        return DEAL_FIRST + DEAL.index(key)

    def ref(self, key: str) -> str:
        return cell(self.deal(key), PARAM_COL, NEGOTIATION)

    def letter(self, key: str) -> int:
        return LETTER_FIRST + LETTER.index(key)

    def package(self, key: str) -> int:
        return PACKAGE_FIRST + PACKAGE.index(key)

    def package_ref(self, key: str, column: int = PARAM_COL) -> str:
        return cell(self.package(key), column, NEGOTIATION)

    @property
    def package_calculations(self) -> int:
        """The first row of the calculations behind the package, below the target's position."""
        return self.target_position + 3

    @property
    def target_position(self) -> int:
        return PER_OFFER_HEADER + len(PER_OFFER) + 1

    @property
    def guarantee_header(self) -> int:
        """The month numbers over the salary rows past the horizon, below the package's calculations."""
        return self.package_calculations + len(CALCULATIONS) + 3

    def guarantee(self, index: int) -> int:
        return self.guarantee_header + 1 + index

    def target_index(self) -> str:
        """The target's position among the offers (1 = first), matched exactly: MATCH would ignore
        case and read * ? ~ in a name as wildcards."""
        return cell(self.target_position, PARAM_COL, NEGOTIATION)


ROWS = NegotiationLayout()

def calculation_row(key: str) -> int:
    return ROWS.package_calculations + 1 + CALCULATIONS.index(key)


def calculation_ref(key: str) -> str:
    return cell(calculation_row(key), PARAM_COL, NEGOTIATION)


@dataclass(frozen=True)
class LeaveLayout:
    months: int  # how many leave months

    @property
    def quit_first(self) -> int:
        return LEAVE_FIRST + 2

    @property
    def cut_first(self) -> int:
        return self.quit_first + self.months + 2

    @property
    def exercise_first(self) -> int:
        return self.cut_first + self.months + 3  # below the table's note


def leave_months(layout: Layout) -> list[int]:
    return [m for m in LEAVE_MONTHS if m <= layout.months]


def leave_layout(layout: Layout) -> LeaveLayout:
    return LeaveLayout(len(leave_months(layout)))


def leave_area(layout: Layout, which: str) -> str:
    lay = leave_layout(layout)
    first = {"months": lay.quit_first, "quit": lay.quit_first, "cut": lay.cut_first,
             "exercise_cost": lay.exercise_first}[which]
    if which == "months":
        return area(first, LABEL_COL, first + lay.months - 1, LABEL_COL, NEGOTIATION)
    return area(first, layout.offer_col(0), first + lay.months - 1, layout.offer_col(layout.offers - 1), NEGOTIATION)


OFFER_WIDTH, DEFAULT_WIDTH = 20, 8.43  # the Negotiation sheet's column widths
CHARACTERS_PER_WIDTH = 1.2  # characters of running text a unit of column width holds (widths count digits)
LINE_HEIGHT, SPARE, MAX_HEIGHT = 15, 4, 409  # points a wrapped line takes, to spare; the tallest row allowed


def last_column(layout: Layout) -> int:
    """The texts span column B to the printed page's last column."""
    return max(PARAM_COL + 3, PARAM_COL + len(leave_months(layout)) - 1)


def text_width(layout: Layout, last: int) -> float:
    """The width (in column-width units) of the columns B to `last` of the Negotiation sheet."""
    return sum(OFFER_WIDTH if c <= layout.offer_col(layout.offers - 1) else DEFAULT_WIDTH
               for c in range(PARAM_COL, last + 1))


def row_height(text: str, width: float) -> float:
    """Points for a text wrapped in cells `width` wide (in column-width units): each paragraph's
    lines, rounded up, and a little to spare."""
    per_line = width * CHARACTERS_PER_WIDTH
    lines = sum(max(1, math.ceil(len(paragraph) / per_line)) for paragraph in text.split("\n"))
    return min(MAX_HEIGHT, LINE_HEIGHT * lines + SPARE)
