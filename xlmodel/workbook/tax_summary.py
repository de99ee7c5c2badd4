"""The Summary's after-tax section: present value before and after tax side by side, a sentence
that says whether the lead survives tax, and the chart of after-tax pay by year.

Without a [tax] table the section stays, its figures empty and its sentence saying there are no
after-tax figures, so that switching tax on (on the Tax sheet) fills it in."""
from __future__ import annotations

from . import styles
from ..texts import pieces as t
from .cells import Sheet
from .figures import Figures
from .layout import CASHFLOWS, LABEL_COL, PARAM_COL, TAX, Layout
from .refs import cell
from .tax_results import after_tax_results, gap_ref
from .texts_sheet import piece

ROWS = ("header", "reading", "pv", "after_tax_pv", "after_tax_total", "gap")
LABELS = {"pv": "Present value before tax", "after_tax_pv": "After-tax present value",
          "after_tax_total": "After-tax total (nominal)", "gap": "Target's gap after tax"}
CHART_TITLE = "After-tax pay by year"


def rows(first: int) -> dict[str, int]:
    return {key: first + n for n, key in enumerate(ROWS)}


def reading(figures: Figures, layout: Layout) -> t.Txt:
    """Who leads after tax, and whether that is the leader before tax (built on the Texts sheet)."""
    return piece(figures, layout, "after_tax")


def write(sheet: Sheet, figures: Figures, layout: Layout, first_row: int, last_col: int) -> int:
    """The section from `first_row`; returns its last row."""
    at = rows(first_row)
    results = after_tax_results(figures)
    sheet.label(at["header"], LABEL_COL, "After tax", styles.HEADER)
    for i, offer in enumerate(figures.offers_file.offers):
        c = layout.offer_col(i)
        sheet.formula(at["header"], c, f"={layout.inputs.offer('name', i)}", offer.name, style=styles.HEADER)
        sheet.link(at["pv"], c, cell(layout.results.row["pv"], c, CASHFLOWS), figures.offer_value(i).pv, styles.MONEY)
        for key in ("after_tax_pv", "after_tax_total"):
            value = results[key][i] if results else ""
            sheet.formula(at[key], c, "=" + cell(layout.tax.result_row[key], c, TAX), value, styles.MONEY,
                          styles.LINK, bold=key == "after_tax_pv")
    for column in range(layout.offer_col(layout.offers - 1) + 1, last_col + 1):
        sheet.label(at["header"], column, "", styles.HEADER)
    sentence = reading(figures, layout)
    sheet.merged_formula(at["reading"], LABEL_COL, last_col, sentence.formula, sentence.v, text_wrap=True,
                         valign="top")
    sheet.height(at["reading"], 30)
    for key, label in LABELS.items():
        sheet.label(at[key], LABEL_COL, label, bold=key == "after_tax_pv")
    sheet.link(at["gap"], PARAM_COL, gap_ref(layout), results["gap"] if results else "", styles.MONEY)
    return at["gap"]


def chart(sheet: Sheet, figures: Figures, layout: Layout, row: int, column: int, height: int) -> None:
    """After-tax pay by year, a column per offer and year (empty without after-tax figures)."""
    lay = layout.tax
    first, last = lay.after_tax_year_rows[0], lay.after_tax_year_rows[-1]
    bars = sheet.formats.workbook.add_chart({"type": "column"})
    for i in range(layout.offers):
        c = layout.offer_col(i) - 1
        bars.add_series({"name": [TAX, first - 2, c], "categories": [TAX, first - 1, LABEL_COL - 1, last - 1, LABEL_COL - 1],
                         "values": [TAX, first - 1, c, last - 1, c], "gap": 80})
    bars.set_title({"name": CHART_TITLE if figures.offers_file.tax else CHART_TITLE + " (no [tax] table)",
                    "name_font": {"size": 12}})
    bars.set_y_axis({"name": "Dollars", "num_format": '"$"#,##0'})
    bars.set_legend({"position": "bottom"})
    bars.set_size({"width": 470, "height": height})
    sheet.ws.insert_chart(row - 1, column - 1, bars)
