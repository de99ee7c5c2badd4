"""Page setup, so that every sheet prints: the pages a person reads (landscape, one page wide)
and the calculation sheets (their timelines across pages, the label columns repeated on each)."""
from __future__ import annotations

import math
from datetime import date
from typing import Optional

from ..model import OffersFile
from .refs import FIRST_MONTH_COL, month_col

LETTER_PAPER = 1
MONTHS_A_PAGE = 18  # a printed page of a timeline shows a year and a half


def _page(ws, offers_file: OffersFile) -> None:
    ws.set_landscape()
    ws.set_paper(LETTER_PAPER)
    ws.hide_gridlines(2)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    model = offers_file.model
    ws.set_footer(f"&L&8xlmodel offer model, start date {model.start_date.isoformat()}"
                  f"&C&8Built {date.today().isoformat()}&R&8&A, page &P of &N")


def print_ready(sheet, print_area: tuple[int, int, int, int], offers_file: OffersFile,
                page_break_before: Optional[int] = None) -> None:
    """A page to read: `print_area` is (first row, first column, last row, last column), 1-based;
    one page wide, as many tall as it needs."""
    ws = sheet.ws
    first_row, first_col, last_row, last_col = print_area
    ws.print_area(first_row - 1, first_col - 1, last_row - 1, last_col - 1)
    ws.repeat_rows(0, 1)
    _page(ws, offers_file)
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    if page_break_before:
        ws.set_h_pagebreaks([page_break_before - 1])


def print_timeline(sheet, offers_file: OffersFile, last_row: int, months: int, header_rows: int = 5) -> None:
    """A calculation sheet with a timeline: its title and month rows and its label columns
    (A to C) on every page, MONTHS_A_PAGE months a page across, the rows as tall as they run."""
    ws = sheet.ws
    ws.print_area(0, 0, last_row - 1, month_col(months) - 1)
    ws.repeat_rows(0, header_rows - 1)
    ws.repeat_columns(0, FIRST_MONTH_COL - 2)
    _page(ws, offers_file)
    ws.fit_to_pages(math.ceil(months / MONTHS_A_PAGE), 0)
