"""Cashflows: each offer month by month under its own assumptions, then the results by offer."""
from __future__ import annotations

from ..model import OffersFile
from . import cells, styles
from .layout import AXIS_YEAR, CASHFLOWS, LABEL_COL, PARAM_COL, Layout
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
    write_chart_tables(ws, layout)
    cells.widths(ws, label_width=34, param_width=14, months=months)
    ws.freeze_panes = ws.cell(row=8, column=month_col(1)).coordinate


def result_area(layout: Layout, key: str) -> str:
    """A result for every offer: one row across the offer columns (e.g. 'pv')."""
    row = layout.results.row[key]
    return area(row, layout.offer_col(0), row, layout.offer_col(layout.offers - 1), CASHFLOWS)


def year_area(layout: Layout) -> str:
    rows = layout.results.year_rows
    return area(rows[0], layout.offer_col(0), rows[-1], layout.offer_col(layout.offers - 1), CASHFLOWS)


COMPONENT_COLUMNS = (("salary", "Salary"), ("bonus", "Bonus"), ("signon", "Sign-on"), ("equity", "Equity"))


def write_chart_tables(ws, layout: Layout) -> None:
    """The tables behind the Summary's charts: cumulative value by month, components by year."""
    months = layout.months
    first = col(month_col(1))
    cells.label(ws, layout.cumulative_rows[0] - 1, LABEL_COL, "Cumulative value by month (nominal)", styles.HEADER)
    for index, row in enumerate(layout.cumulative_rows):
        total_row = layout.cashflows[index].row("total")
        cells.formula(ws, row, LABEL_COL, f"={layout.inputs.offer('name', index)}")
        cells.timeline_row(ws, row, months, lambda c: f"=SUM(${first}{total_row}:{c}{total_row})", styles.MONEY)

    header = min(layout.component_rows.values()) - 1
    cells.label(ws, header, LABEL_COL, "Yearly compensation by component", styles.HEADER)
    for n, (_, heading) in enumerate(COMPONENT_COLUMNS):
        cells.label(ws, header, PARAM_COL + n, heading, styles.HEADER)
    years = area(AXIS_YEAR, month_col(1), AXIS_YEAR, month_col(months))
    for (index, year), row in layout.component_rows.items():
        block = layout.cashflows[index]
        cells.formula(ws, row, LABEL_COL, f'={layout.inputs.offer("name", index)}&" Y{year + 1}"')
        for n, (key, _) in enumerate(COMPONENT_COLUMNS):
            flows = area(block.row(key), month_col(1), block.row(key), month_col(months))
            cells.formula(ws, row, PARAM_COL + n, f"=SUMIF({years},{year + 1},{flows})", styles.MONEY)
