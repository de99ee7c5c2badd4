"""Summary: the one page a reader needs, built only from links to calculated cells."""
from __future__ import annotations

from ..model import OffersFile
from . import cells, styles
from .checks_sheet import master_ref
from .layout import CASHFLOWS, LABEL_COL, Layout
from .negotiation_sheet import ROWS as DEAL
from .refs import area, cell, col
from .scenarios_sheet import table_area

HEADER_ROW = 4
RESULT_LABELS = (("total", "Total compensation (nominal)"), ("pv", "Present value"), ("annualized", "Annualized"),
                 ("salary", "  Salary"), ("bonus", "  Bonus"), ("signon", "  Sign-on"), ("equity", "  Equity"))


class SummaryRows:
    def __init__(self, layout: Layout):
        row = HEADER_ROW + 1
        self.years = list(range(row, row + layout.years))
        row += layout.years
        self.result = {key: row + n for n, (key, _) in enumerate(RESULT_LABELS)}
        row += len(RESULT_LABELS)
        self.worst, self.best = row, row + 1
        row += 3
        self.deal_header = row
        self.deal = {key: row + 1 + n for n, key in enumerate(
            ("target", "alternative", "gap", "ask_base", "ask_signon", "ask_equity", "respond_by", "expires"))}
        row = max(self.deal.values()) + 2
        self.check = row


def write(ws, offers_file: OffersFile, layout: Layout) -> None:
    inputs = layout.inputs
    rows = SummaryRows(layout)
    cells.text(ws, 1, 1, "Offer comparison", styles.TITLE)
    cells.formula(ws, 2, 1, (
        f'="Target: "&{inputs.model("model.target")}&"   |   "&{inputs.model("model.horizon_years")}&" years from "'
        f'&TEXT({inputs.model("model.start_date")},"yyyy-mm-dd")&"   |   discount rate "'
        f'&TEXT({inputs.model("model.discount_rate")},"0.0%")'), style=styles.NOTE)

    cells.label(ws, HEADER_ROW, LABEL_COL, "Per offer", styles.HEADER)
    pv_table = table_area(layout, "pv")
    for i in range(layout.offers):
        c = layout.offer_col(i)
        cells.formula(ws, HEADER_ROW, c, f"={inputs.offer('name', i)}", style=styles.HEADER)
        for y, row in enumerate(rows.years):
            cells.link(ws, row, c, cell(layout.results.year_rows[y], c, CASHFLOWS), styles.MONEY)
        for key, row in rows.result.items():
            cells.link(ws, row, c, cell(layout.results.row[key], c, CASHFLOWS), styles.MONEY)
        column = area(layout.scenario_pv_first, c, layout.scenario_pv_first + layout.scenarios - 1, c, "Scenarios")
        cells.formula(ws, rows.worst, c, f"=MIN({column})", styles.MONEY)
        cells.formula(ws, rows.best, c, f"=MAX({column})", styles.MONEY)
    for y, row in enumerate(rows.years, start=1):
        cells.label(ws, row, LABEL_COL, f"Year {y} total compensation")
    for key, text in RESULT_LABELS:
        cells.label(ws, rows.result[key], LABEL_COL, text)
    cells.label(ws, rows.worst, LABEL_COL, "Present value, worst scenario")
    cells.label(ws, rows.best, LABEL_COL, "Present value, best scenario")

    cells.label(ws, rows.deal_header, LABEL_COL, "Negotiation", styles.HEADER)
    cells.label(ws, rows.deal_header, layout.offer_col(0), "", styles.HEADER)
    labels = {"target": "Target offer", "alternative": "Best alternative", "gap": "Gap in present value",
              "ask_base": "Or ask: extra base a year", "ask_signon": "Or ask: extra sign-on",
              "ask_equity": "Or ask: extra RSU grant value", "respond_by": "Ask them to respond by",
              "expires": "Offer expires"}
    formats = {"gap": styles.MONEY, "ask_base": styles.MONEY, "ask_signon": styles.MONEY, "ask_equity": styles.MONEY,
               "respond_by": styles.DAY, "expires": styles.DAY}
    for key, row in rows.deal.items():
        cells.label(ws, row, LABEL_COL, labels[key])
        cells.link(ws, row, layout.offer_col(0), DEAL.ref(key), formats.get(key))
    cells.label(ws, rows.check, LABEL_COL, "All checks pass", styles.CHECK)
    cells.link(ws, rows.check, layout.offer_col(0), master_ref())

    ws.column_dimensions["A"].width = 36
    for i in range(layout.offers):
        ws.column_dimensions[col(layout.offer_col(i))].width = 18
    ws.sheet_view.showGridLines = False
