"""The Summary's after-tax section: present value before and after tax side by side, a sentence
that says whether the lead survives tax, and the chart of after-tax pay by year.

Without a [tax] table the section stays, its figures empty and its sentence saying there are no
after-tax figures, so that switching tax on (on the Tax sheet) fills it in."""
from __future__ import annotations

from . import styles
from ..texts import pieces as t
from .cashflows_sheet import result_area as pre_tax_area
from .cells import Sheet
from .figures import Figures
from .layout import CASHFLOWS, LABEL_COL, PARAM_COL, TAX, Layout
from .refs import cell
from .scenarios_sheet import leader
from .tax_sheet import after_tax_results, gap_ref, result_area, switch_ref

ROWS = ("header", "reading", "pv", "after_tax_pv", "after_tax_total", "gap")
LABELS = {"pv": "Present value before tax", "after_tax_pv": "After-tax present value",
          "after_tax_total": "After-tax total (nominal)", "gap": "Target's gap after tax"}
CHART_TITLE = "After-tax pay by year"
NO_TAX = ("No after-tax figures: the offers file has no [tax] table (set tax to TRUE on the Tax sheet, or add "
          "[tax] to the offers file).")
# The simplification every after-tax figure rests on, said where the after-tax lead is read.
AT_VEST = " Equity, options included, is taxed as wages when it vests, at its valued amount."


def rows(first: int) -> dict[str, int]:
    return {key: first + n for n, key in enumerate(ROWS)}


def reading(figures: Figures, layout: Layout) -> t.Txt:
    """Who leads after tax, and whether that is the leader before tax."""
    offers = figures.offers_file.offers
    names_list = [o.name for o in offers]
    results = after_tax_results(figures)
    names = layout.inputs.offer_area("name")
    locations = layout.inputs.offer_area("tax_location")
    pv, after = pre_tax_area(layout, "pv"), result_area(layout, "after_tax_pv")
    pvs = [figures.values[n].pv for n in names_list]
    after_pvs = results["after_tax_pv"] if results else [0.0] * len(offers)
    before_leader = leader(names_list, pvs)
    after_leader = leader(names_list, after_pvs)
    ranked = sorted(after_pvs, reverse=True)
    margin = ranked[0] - ranked[1] if len(offers) > 1 else 0.0
    before_position = f"MATCH(MAX({pv}),{pv},0)"
    before_name = t.ref(f"INDEX({names},{before_position})", before_leader)
    after_name = t.ref(f"INDEX({names},MATCH(MAX({after}),{after},0))", after_leader)
    margin_text = t.money(f"(MAX({after})-LARGE({after},2))", margin)
    location = figures.offers_file.offers[names_list.index(before_leader)].tax_location
    location_ref = f"INDEX({locations},{before_position})"
    taxes = t.if_(f'OR({location_ref}="none",{location_ref}="")', location in ("none", ""),
                  "federal and payroll taxes", t.join("the taxes of ", t.ref(location_ref, location)))
    flipped = t.join("After tax ", after_name, " leads by ", margin_text, ": ", before_name,
                     "'s lead before tax does not survive ", taxes, ".")
    same = t.join(after_name, " leads before and after tax (by ", margin_text, " after tax).")
    compared = t.if_(f"EXACT(INDEX({names},MATCH(MAX({after}),{after},0)),{before_name.f})",
                     after_leader == before_leader, same, flipped)
    only = t.join(after_name, " is the only offer: its after-tax present value is ",
                  t.money(f"MAX({after})", after_pvs[0]), ".")
    counted = t.if_(f"COUNT({after})>1", len(offers) > 1, compared, only)
    return t.if_(switch_ref(layout.tax), results is not None, t.join(counted, AT_VEST), NO_TAX)


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
