"""Page setup for the sheets a person prints: landscape, one page wide, no gridlines, a footer."""
from __future__ import annotations

from datetime import date
from typing import Optional

from ..model import OffersFile

LETTER_PAPER = 1


def print_ready(sheet, print_area: tuple[int, int, int, int], offers_file: OffersFile,
                page_break_before: Optional[int] = None) -> None:
    """`print_area` is (first row, first column, last row, last column), 1-based."""
    ws = sheet.ws
    first_row, first_col, last_row, last_col = print_area
    ws.print_area(first_row - 1, first_col - 1, last_row - 1, last_col - 1)
    ws.repeat_rows(0, 1)
    ws.set_landscape()
    ws.set_paper(LETTER_PAPER)
    ws.fit_to_pages(1, 0)
    ws.hide_gridlines(2)
    ws.center_horizontally()
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    model = offers_file.model
    ws.set_footer(f"&L&8xlmodel offer model, start date {model.start_date.isoformat()}"
                  f"&C&8Built {date.today().isoformat()}&R&8&A, page &P of &N")
    if page_break_before:
        ws.set_h_pagebreaks([page_break_before - 1])
