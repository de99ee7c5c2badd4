"""Cashflows: each offer month by month under its own assumptions, then the results by offer."""
from __future__ import annotations

import math

from . import styles
from .cells import Sheet
from .figures import Figures
from .layout import AXIS_YEAR, CASHFLOWS, LABEL_COL, PARAM_COL, Layout
from .printing import print_timeline
from .offer_block import own_assumptions, total_ref, write_block
from .refs import area, col, month_col, shifted, timeline, year_range
from ..texts.pieces import lit, ref

RESULT_LABELS = {"total": "Total compensation (nominal)", "pv": "Present value", "annualized": "Annualized",
                 "salary": "Salary", "bonus": "Bonus", "signon": "Sign-on", "equity": "Equity"}
RESULT_SOURCES = {"total": "total", "salary": "salary", "bonus": "bonus",
                  "signon": "signon", "equity": "equity"}


def result_values(figures: Figures, index: int) -> dict[str, float]:
    value = figures.offer_value(index)
    block = figures.blocks[index]
    return {"total": value.total, "pv": math.fsum(block.pv), "annualized": value.annualized,
            **{key: value.components[key] for key in ("salary", "bonus", "signon", "equity")}}


def write(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    months = layout.months
    inputs = layout.inputs
    sheet.title("Cashflows", "Every amount is paid at the end of its month. Results by offer follow the monthly blocks.")
    sheet.axis(months, figures.axis)
    names = [o.name for o in figures.offers_file.offers]
    for index, block in enumerate(layout.cashflows):
        write_block(sheet, layout, index, block, names[index], own_assumptions(layout, index), figures.blocks[index])

    results = layout.results
    sheet.label(results.header_row, LABEL_COL, "Results by offer", styles.HEADER)
    horizon = inputs.model("model.horizon_years")
    for index, block in enumerate(layout.cashflows):
        column = layout.offer_col(index)
        value = figures.offer_value(index)
        sheet.formula(results.header_row, column, f"={inputs.offer('name', index)}", names[index], style=styles.HEADER)
        for y, row in enumerate(results.year_rows, start=1):
            sheet.formula(row, column, f"=SUM({year_range(block.row('total'), y)})", value.years[y - 1], styles.MONEY)
        stored = result_values(figures, index)
        for key, row in results.row.items():
            if key == "annualized":
                total = col(column) + str(results.row["total"])
                sheet.formula(row, column, f"={total}/{horizon}", stored[key], styles.MONEY)
            elif key == "pv":  # the months' present values
                sheet.formula(row, column, f"=SUM({timeline(block.row('pv'), months)})", stored[key], styles.MONEY)
            else:
                sheet.formula(row, column, "=" + total_ref(block, RESULT_SOURCES[key], None), stored[key], styles.MONEY)
    for y, row in enumerate(results.year_rows, start=1):
        sheet.label(row, LABEL_COL, f"Year {y} total compensation")
    for key, row in results.row.items():
        sheet.label(row, LABEL_COL, RESULT_LABELS[key])
    write_chart_tables(sheet, figures, layout)
    sheet.widths(label_width=44, param_width=14, months=months)
    sheet.freeze(AXIS_YEAR + 1, month_col(1))
    last_row = max(layout.component_rows.values()) if layout.component_rows else layout.cumulative_rows[-1]
    print_timeline(sheet, figures.offers_file, last_row, months)


def result_area(layout: Layout, key: str) -> str:
    """A result for every offer: one row across the offer columns (e.g. 'pv')."""
    row = layout.results.row[key]
    return area(row, layout.offer_col(0), row, layout.offer_col(layout.offers - 1), CASHFLOWS)


def year_area(layout: Layout) -> str:
    rows = layout.results.year_rows
    return area(rows[0], layout.offer_col(0), rows[-1], layout.offer_col(layout.offers - 1), CASHFLOWS)


COMPONENT_COLUMNS = (("salary", "Salary"), ("bonus", "Bonus"), ("signon", "Sign-on"), ("equity", "Equity"))


def component_label(layout: Layout, figures: Figures, index: int, year: int):
    """"Amazon Y1": the category label of the yearly chart, as text."""
    return ref(layout.inputs.offer("name", index), figures.offers_file.offers[index].name) + lit(f" Y{year}")


def write_chart_tables(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    """The tables behind the Summary's charts: cumulative value by month, components by year."""
    months = layout.months
    sheet.label(layout.cumulative_rows[0] - 1, LABEL_COL, "Cumulative value by month (nominal)", styles.HEADER)
    for index, row in enumerate(layout.cumulative_rows):
        total_row = layout.cashflows[index].row("total")
        sheet.formula(row, LABEL_COL, f"={layout.inputs.offer('name', index)}", figures.offers_file.offers[index].name)
        cumulative, running = [], 0.0
        for amount in figures.blocks[index].total:
            running += amount
            cumulative.append(running)
        sheet.formula(row, month_col(1), f"={col(month_col(1))}{total_row}", cumulative[0], styles.MONEY)
        sheet.timeline_row(row, months, lambda c: f"={shifted(c, -1)}{row}+{c}{total_row}", cumulative, styles.MONEY,
                           first_month=2)

    header = min(layout.component_rows.values()) - 1
    sheet.label(header, LABEL_COL, "Yearly compensation by component", styles.HEADER)
    for n, (_, heading) in enumerate(COMPONENT_COLUMNS):
        sheet.label(header, PARAM_COL + n, heading, styles.HEADER)
    for (index, year), row in layout.component_rows.items():
        block = layout.cashflows[index]
        label = component_label(layout, figures, index, year + 1)
        sheet.formula(row, LABEL_COL, label.formula, label.v)
        flows = figures.blocks[index]
        for n, (key, _) in enumerate(COMPONENT_COLUMNS):
            amounts = flows.row(key)[12 * year:12 * (year + 1)]
            sheet.formula(row, PARAM_COL + n, f"=SUM({year_range(block.row(key), year + 1)})", math.fsum(amounts),
                          styles.MONEY)
