"""Summary: the page a reader needs, built only from links to calculated cells, with the
plain-language reading of the figures, two charts and a print-ready page."""
from __future__ import annotations

from copy import copy

from openpyxl.chart import BarChart, LineChart, Reference, Series
from openpyxl.chart.series import SeriesLabel
from openpyxl.chart.data_source import StrRef
from openpyxl.styles import Alignment

from ..model import OffersFile
from . import cells, styles
from .cashflows_sheet import COMPONENT_COLUMNS, result_area
from .checks_sheet import master_ref
from .layout import CASHFLOWS, LABEL_COL, PARAM_COL, SCENARIOS, Layout
from .negotiation_sheet import ROWS as DEAL
from .printing import print_ready
from .refs import area, cell, col, month_col
from .scenarios_sheet import leader_ref

READING_FIRST = 5
READING = ("leader", "target", "scenarios", "break_even")
RESULT_LABELS = (("total", "Total compensation (nominal)"), ("pv", "Present value"), ("annualized", "Annualized"),
                 ("salary", "  Salary"), ("bonus", "  Bonus"), ("signon", "  Sign-on"), ("equity", "  Equity"))
DEAL_LABELS = {"target": "Target offer", "alternative": "Best alternative", "gap": "Gap in present value",
               "ask_base": "Ask: extra base a year", "ask_signon": "or: extra sign-on",
               "ask_equity": "or: extra RSU grant value", "respond_by": "Ask them to respond by",
               "expires": "Offer expires", "break_even": "Target's break-even growth"}
DEAL_FORMATS = {"gap": styles.MONEY, "ask_base": styles.MONEY, "ask_signon": styles.MONEY,
                "ask_equity": styles.MONEY, "respond_by": styles.DAY, "expires": styles.DAY,
                "break_even": styles.PERCENT}
CHART_WIDTH_COLUMNS = 7


class SummaryRows:
    def __init__(self, layout: Layout):
        row = READING_FIRST + len(READING) + 1
        self.header = row
        row += 1
        self.years = list(range(row, row + layout.years))
        row += layout.years
        self.result = {key: row + n for n, (key, _) in enumerate(RESULT_LABELS)}
        row += len(RESULT_LABELS)
        self.worst, self.best = row, row + 1
        row += 3
        self.deal_header = row
        self.deal = {key: row + 1 + n for n, key in enumerate(DEAL_LABELS)}
        row = max(self.deal.values()) + 2
        self.check = row


def _money(reference: str) -> str:
    return f'TEXT({reference},"$#,##0")'


def reading_formulas(layout: Layout) -> dict[str, str]:
    """Four sentences that say what the figures mean, as formulas over the calculated cells."""
    pv = result_area(layout, "pv")
    names = area(layout.inputs.offer_row["name"], PARAM_COL, layout.inputs.offer_row["name"],
                 PARAM_COL + layout.offers - 1, "Inputs")
    d = DEAL.ref
    leader = f"INDEX({names},MATCH(MAX({pv}),{pv},0))"
    runner_up = f'IF(COUNT({pv})>1," by "&{_money(f"MAX({pv})-LARGE({pv},2)")}&" over the next best offer","")'
    leaders = [leader_ref(layout, j) for j in range(layout.scenarios)]
    scenario_names = [layout.inputs.scenario("scenario.name", j) for j in range(layout.scenarios)]
    same_leader = "AND(" + ",".join(f"EXACT({ref},{leaders[0]})" for ref in leaders) + ")"
    by_scenario = '&"; "&'.join(f'{name}&": "&{ref}' for name, ref in zip(scenario_names, leaders))
    target_growth = (f'INDEX({area(layout.inputs.offer_row["equity.growth"], PARAM_COL, layout.inputs.offer_row["equity.growth"], PARAM_COL + layout.offers - 1, "Inputs")},'
                     f'{DEAL.target_index()})')
    return {
        "leader": f'={leader}&" leads in present value"&{runner_up}&"."',
        "target": (f'=IF({d("alternative")}="",{d("target")}&" is the only offer: there is nothing to close.",'
                   f'IF({d("gap")}=0,{d("target")}&" already matches or beats "&{d("alternative")}&": no ask is needed to match it.",'
                   f'{d("target")}&" trails "&{d("alternative")}&" by "&{_money(d("gap"))}&" in present value. Any one of these closes the gap: "'
                   f'&{_money(d("ask_base"))}&" more base a year, "&{_money(d("ask_signon"))}&" more sign-on"'
                   f'&IF({d("ask_equity")}="","",", or "&{_money(d("ask_equity"))}&" more RSUs")&"."))'),
        "scenarios": (f'=IF({same_leader},{leaders[0]}&" leads in every scenario.",'
                      f'"The lead flips between scenarios: "&{by_scenario}&".")'),
        "break_even": (f'=IF({d("break_even")}="","",{d("target")}&" ties "&{d("alternative")}&" if its stock grows "'
                       f'&TEXT({d("break_even")},"0.0%")&" a year (modelled: "&TEXT({target_growth},"0.0%")&").")'),
    }


def write(ws, offers_file: OffersFile, layout: Layout) -> None:
    inputs = layout.inputs
    rows = SummaryRows(layout)
    last_col = layout.offer_col(layout.offers - 1)
    cells.text(ws, 1, 1, "Offer comparison", styles.TITLE)
    cells.formula(ws, 2, 1, (
        f'="Target: "&{inputs.model("model.target")}&"   |   "&{inputs.model("model.horizon_years")}&" years from "'
        f'&TEXT({inputs.model("model.start_date")},"yyyy-mm-dd")&"   |   discount rate "'
        f'&TEXT({inputs.model("model.discount_rate")},"0.0%")&"   |   every figure in dollars"'), style=styles.NOTE)

    cells.label(ws, READING_FIRST - 1, LABEL_COL, "What this means", styles.HEADER)
    reading_last_col = max(last_col, PARAM_COL + 1)
    for column in range(PARAM_COL, reading_last_col + 1):
        cells.label(ws, READING_FIRST - 1, column, "", styles.HEADER)
    for n, (key, expression) in enumerate(reading_formulas(layout).items()):
        row = READING_FIRST + n
        target = cells.formula(ws, row, LABEL_COL, expression)
        target.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=LABEL_COL, end_row=row, end_column=reading_last_col)
        ws.row_dimensions[row].height = 44  # room for three wrapped lines

    cells.label(ws, rows.header, LABEL_COL, "Per offer", styles.HEADER)
    for i in range(layout.offers):
        c = layout.offer_col(i)
        cells.formula(ws, rows.header, c, f"={inputs.offer('name', i)}", style=styles.HEADER)
        for y, row in enumerate(rows.years):
            cells.link(ws, row, c, cell(layout.results.year_rows[y], c, CASHFLOWS), styles.MONEY)
        for key, row in rows.result.items():
            cells.link(ws, row, c, cell(layout.results.row[key], c, CASHFLOWS), styles.MONEY)
        column = area(layout.scenario_pv_first, c, layout.scenario_pv_first + layout.scenarios - 1, c, SCENARIOS)
        cells.formula(ws, rows.worst, c, f"=MIN({column})", styles.MONEY)
        cells.formula(ws, rows.best, c, f"=MAX({column})", styles.MONEY)
    for y, row in enumerate(rows.years, start=1):
        cells.label(ws, row, LABEL_COL, f"Year {y} total compensation")
    for key, text in RESULT_LABELS:
        cells.label(ws, rows.result[key], LABEL_COL, text)
        if key == "pv":
            for c in range(LABEL_COL, last_col + 1):
                emphasised = copy(ws.cell(row=rows.result[key], column=c).font)
                emphasised.bold = True
                ws.cell(row=rows.result[key], column=c).font = emphasised
    cells.label(ws, rows.worst, LABEL_COL, "Present value, worst scenario")
    cells.label(ws, rows.best, LABEL_COL, "Present value, best scenario")

    cells.label(ws, rows.deal_header, LABEL_COL, "Negotiation", styles.HEADER)
    cells.label(ws, rows.deal_header, PARAM_COL, "", styles.HEADER)
    for key, row in rows.deal.items():
        cells.label(ws, row, LABEL_COL, DEAL_LABELS[key])
        cells.link(ws, row, PARAM_COL, DEAL.ref(key), DEAL_FORMATS.get(key))
    cells.label(ws, rows.check, LABEL_COL, "All checks pass (see Checks)", styles.CHECK)
    cells.link(ws, rows.check, PARAM_COL, master_ref())

    ws.column_dimensions["A"].width = 34
    for i in range(layout.offers):
        ws.column_dimensions[col(layout.offer_col(i))].width = 16
    chart_col = last_col + 2
    _charts(ws, layout, anchor_col=chart_col, first_row=rows.header)
    last_row = max(rows.check, rows.header + 32)
    print_ready(ws, f"A1:{col(chart_col + CHART_WIDTH_COLUMNS)}{last_row}", offers_file)


def _charts(ws, layout: Layout, anchor_col: int, first_row: int) -> None:
    cash = ws.parent[CASHFLOWS]
    component_rows = sorted(layout.component_rows.values())
    header = component_rows[0] - 1
    bars = BarChart()
    bars.type, bars.grouping, bars.overlap = "col", "stacked", 100
    bars.title = "Yearly compensation by component"
    bars.y_axis.title = "Dollars"
    bars.y_axis.numFmt = '"$"#,##0'
    bars.add_data(Reference(cash, min_col=PARAM_COL, max_col=PARAM_COL + len(COMPONENT_COLUMNS) - 1,
                            min_row=header, max_row=component_rows[-1]), titles_from_data=True)
    bars.set_categories(Reference(cash, min_col=LABEL_COL, min_row=component_rows[0], max_row=component_rows[-1]))
    bars.height, bars.width = 7, 12.5
    ws.add_chart(bars, f"{col(anchor_col)}{first_row}")

    lines = LineChart()
    lines.title = "Cumulative value by month"
    lines.y_axis.title = "Dollars"
    lines.y_axis.numFmt = '"$"#,##0'
    lines.x_axis.title = "Month"
    for index, row in enumerate(layout.cumulative_rows):
        values = Reference(cash, min_col=month_col(1), max_col=month_col(layout.months), min_row=row, max_row=row)
        series = Series(values)
        series.tx = SeriesLabel(strRef=StrRef(f"'{CASHFLOWS}'!$A${row}"))
        series.smooth = False
        lines.series.append(series)
    lines.set_categories(Reference(cash, min_col=month_col(1), max_col=month_col(layout.months), min_row=4, max_row=4))
    lines.height, lines.width = 7, 12.5
    lines.x_axis.tickLblSkip = 6
    lines.x_axis.tickMarkSkip = 6
    ws.add_chart(lines, f"{col(anchor_col)}{first_row + 15}")
