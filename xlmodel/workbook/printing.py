"""Page setup for the sheets a person prints: landscape, one page wide, no gridlines, a footer."""
from __future__ import annotations

from datetime import date

from openpyxl.worksheet.properties import PageSetupProperties

from ..model import OffersFile


def print_ready(ws, print_area: str, offers_file: OffersFile, title_rows: str = "1:2") -> None:
    ws.print_area = print_area
    ws.print_title_rows = title_rows
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_LETTER
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.gridLines = False
    ws.print_options.horizontalCentered = True
    ws.sheet_view.showGridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    model = offers_file.model
    ws.oddFooter.left.text = f"xlmodel offer model, start date {model.start_date.isoformat()}"
    ws.oddFooter.left.size = 8
    ws.oddFooter.center.text = f"Built {date.today().isoformat()}"
    ws.oddFooter.center.size = 8
    ws.oddFooter.right.text = "&A, page &P of &N"
    ws.oddFooter.right.size = 8
