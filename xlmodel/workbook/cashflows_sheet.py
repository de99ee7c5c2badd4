"""Cashflows: each offer month by month under its own assumptions, then the results by offer."""
from __future__ import annotations

from ..model import OffersFile
from . import cells, styles
from .layout import CASHFLOWS, LABEL_COL, AXIS_YEAR, Layout
from .offer_block import own_assumptions, total_ref, write_block
from .refs import area, col, month_col

RESULT_LABELS = {"total": "Total compensation (nominal)", "pv": "Present value", "annualized": "Annualized",
                 "salary": "Salary", "bonus": "Bonus", "signon": "Sign-on", "equity": "Equity"}
RESULT_SOURCES = {"total": "total", "pv": "discounted", "salary": "salary", "bonus": "bonus",
                  "signon": "signon", "equity": "equity"}


def write(ws, offers_file: OffersFile, layout: Layout) -> None:
    months = layout.months
    cells.title(ws, "Cashflows", "Every amount is paid at the end of its month. Results by offer follow the monthly blocks.")
    cells.axis(ws, months, layout.inputs.model("model.start_date"), layout.inputs.model("model.discount_rate"))
    for index, block in enumerate(layout.cashflows):
        write_block(ws, layout, index, block, f"={layout.inputs.offer('name', index)}", own_assumptions(layout, index))

    results = layout.results
    cells.label(ws, results.header_row, LABEL_COL, "Results by offer", styles.HEADER)
    years = area(AXIS_YEAR, month_col(1), AXIS_YEAR, month_col(months))
    horizon = layout.inputs.model("model.horizon_years")
    for index, block in enumerate(layout.cashflows):
        column = layout.offer_col(index)
        cells.formula(ws, results.header_row, column, f"={layout.inputs.offer('name', index)}", style=styles.HEADER)
        totals = area(block.row("total"), month_col(1), block.row("total"), month_col(months))
        for y, row in enumerate(results.year_rows, start=1):
            cells.formula(ws, row, column, f"=SUMIF({years},{y},{totals})", styles.MONEY)
        for key, row in results.row.items():
            if key == "annualized":
                total = col(column) + str(results.row["total"])
                cells.formula(ws, row, column, f"={total}/{horizon}", styles.MONEY)
            else:
                cells.formula(ws, row, column, "=" + total_ref(block, RESULT_SOURCES[key], None), styles.MONEY)
    for y, row in enumerate(results.year_rows, start=1):
        cells.label(ws, row, LABEL_COL, f"Year {y} total compensation")
    for key, row in results.row.items():
        cells.label(ws, row, LABEL_COL, RESULT_LABELS[key])
    cells.widths(ws, label_width=34, param_width=14, months=months)
    ws.freeze_panes = ws.cell(row=8, column=month_col(1)).coordinate


def result_area(layout: Layout, key: str) -> str:
    """A result for every offer: one row across the offer columns (e.g. 'pv')."""
    row = layout.results.row[key]
    return area(row, layout.offer_col(0), row, layout.offer_col(layout.offers - 1), CASHFLOWS)


def year_area(layout: Layout) -> str:
    rows = layout.results.year_rows
    return area(rows[0], layout.offer_col(0), rows[-1], layout.offer_col(layout.offers - 1), CASHFLOWS)
