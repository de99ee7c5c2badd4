"""Summary: the page a reader needs, built only from links to calculated cells, with the
plain-language reading of the figures, two charts and a print-ready page."""
from __future__ import annotations

from . import styles, tax_summary
from ..texts import pieces as t
from .cashflows_sheet import COMPONENT_COLUMNS, result_values
from .cells import Sheet
from .checks_sheet import first_problem_value, master_ref, master_value, problem_ref
from .draws_sheet import chart_areas
from .figures import Figures
from .layout import CASHFLOWS, DRAWS, LABEL_COL, PARAM_COL, SCENARIOS, Layout
from .negotiation_package import NO_MILESTONE, stored_values
from .negotiation_layout import LINE_HEIGHT, ROWS as DEAL, calculation_ref, row_height
from .negotiation_sheet import deal_values
from .printing import print_ready
from .texts_sheet import piece, texts
from .refs import area, cell, month_col
from .scenarios_sheet import leader_ref, leader

READING_FIRST = 5
READING = ("verdict", "odds", "asks", "scenarios", "break_even", "package")
RESULT_LABELS = (("total", "Total compensation (nominal)"), ("pv", "Present value"), ("annualized", "Annualized"),
                 ("salary", "  Salary"), ("bonus", "  Bonus"), ("signon", "  Sign-on"), ("equity", "  Equity"))
ASSUMPTIONS = (("equity.growth", "Stock growth a year", 0.0), ("equity.liquidity_probability", "Liquidity odds", 1.0),
               ("equity.dilution", "Dilution a year", 0.0), ("equity.volatility", "Volatility a year", 0.0))
DEAL_LABELS = {"target": "Target offer", "alternative": "Best alternative", "lead": "Target leads (+) or trails (-) by",
               "gap": "Gap in present value", "ask_base": "Ask: extra base a year", "ask_signon": "or: extra sign-on",
               "ask_equity": "or: extra RSU grant value", "respond_by": "Ask them to respond by",
               "expires": "Offer expires", "break_even": "Target's break-even growth"}
DEAL_FORMATS = {"lead": styles.MONEY, "gap": styles.MONEY, "ask_base": styles.MONEY, "ask_signon": styles.MONEY,
                "ask_equity": styles.MONEY, "respond_by": styles.DAY, "expires": styles.DAY,
                "break_even": styles.PERCENT}
PACKAGE_LABELS = {"acceleration_value": ("Accelerated vesting adds (PV)", styles.MONEY),
                  "package_bump": ("Package: fallback bump with acceleration", styles.PERCENT),
                  "probability_to_close": ("Milestone odds at which the target ties", styles.PERCENT)}
CHART_WIDTH_COLUMNS = 7
SUMMARY_WIDTHS = (34, 16)  # column A, and each offer's column
CHART_ROWS, CHART_HEIGHT = 12, 225  # three charts stacked beside the tables


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
        self.assumptions_header = row
        self.assumptions = {key: row + 1 + n for n, (key, _, _) in enumerate(ASSUMPTIONS)}
        row += len(ASSUMPTIONS) + 2
        self.deal_header = row
        self.deal = {key: row + 1 + n for n, key in enumerate(DEAL_LABELS)}
        row = max(self.deal.values()) + 1
        self.package = {key: row + n for n, key in enumerate(PACKAGE_LABELS)}
        row = max(self.package.values()) + 2
        self.check = row


def reading(figures: Figures, layout: Layout) -> dict[str, t.Txt]:
    """The sentences that say what the figures mean: the verdict (after tax first, with a [tax]
    table), what closes the gap, the scenarios, the break-even and the package (built on the
    Texts sheet but for the scenarios and the break-even)."""
    offers_file = figures.offers_file
    names_list = [o.name for o in offers_file.offers]
    values = deal_values(figures)
    d = DEAL.ref
    text = lambda key: t.ref(d(key), values[key])

    leaders = []
    for j, scenario in enumerate(offers_file.scenarios):
        row_pvs = [figures.scenario(i, j).pv for i in range(layout.offers)]
        leaders.append(t.ref(leader_ref(layout, j), leader(names_list, row_pvs)))
    scenario_names = [t.ref(layout.inputs.scenario("scenario.name", j), s.name)
                      for j, s in enumerate(offers_file.scenarios)]
    same = all(x.v == leaders[0].v for x in leaders)
    same_leader = "AND(" + ",".join(f"EXACT({x.f},{leaders[0].f})" for x in leaders) + ")"
    by_scenario = t.join(*[piece for n, (name, who) in enumerate(zip(scenario_names, leaders))
                           for piece in ((("; ",) if n else ()) + (name, ": ", who))])
    scenarios = t.if_(same_leader, same, t.join(leaders[0], " leads in every scenario."),
                      t.join("The lead flips between scenarios: ", by_scenario, "."))

    growth_ref = calculation_ref("target_growth")
    target_equity = figures.offers_file.target.equity
    break_even_value = values["break_even"]
    break_even = t.if_(f'{d("break_even")}=""', break_even_value == "", "",
                       t.join(text("target"), " ties ", text("alternative"), " if its stock grows ",
                              t.percent(d("break_even"), break_even_value or 0.0), " a year (modelled: ",
                              t.percent(growth_ref, target_equity.growth if target_equity else 0.0), ")."))
    return {"verdict": piece(figures, layout, "verdict"), "odds": piece(figures, layout, "odds"), "asks": piece(figures, layout, "asks"),
            "scenarios": scenarios, "break_even": break_even,
            "package": piece(figures, layout, "package_sentence")}


def write_package_rows(sheet: Sheet, figures: Figures, rows: SummaryRows) -> None:
    values = stored_values(figures)
    for key, row in rows.package.items():
        label, number_format = PACKAGE_LABELS[key]
        sheet.label(row, LABEL_COL, label)
        if key == "probability_to_close":  # above 100% it reads that no milestone closes the gap
            found = DEAL.package_ref(key)
            value = values[key]
            sheet.formula(row, PARAM_COL, f'=IF(ISNUMBER({found}),IF({found}>1,"{NO_MILESTONE}",{found}),"")',
                          NO_MILESTONE if isinstance(value, float) and value > 1 else value, number_format,
                          styles.LINK)
        else:
            sheet.link(row, PARAM_COL, DEAL.package_ref(key), values[key], number_format)


def write_assumptions(sheet: Sheet, figures: Figures, layout: Layout, rows: SummaryRows) -> None:
    """Each offer's key assumptions, linked to Inputs (empty for an offer without equity)."""
    sheet.label(rows.assumptions_header, LABEL_COL, "Key assumptions (see Inputs)", styles.HEADER)
    for i, offer in enumerate(figures.offers_file.offers):
        sheet.formula(rows.assumptions_header, layout.offer_col(i), f"={layout.inputs.offer('name', i)}", offer.name,
                      style=styles.HEADER)
        equity = offer.equity
        kind = layout.inputs.offer("equity.type", i)
        for key, label, default in ASSUMPTIONS:
            found = layout.inputs.offer(key, i)
            value = getattr(equity, key.split(".")[1]) if equity else ""
            sheet.formula(rows.assumptions[key], layout.offer_col(i),
                          f'=IF({kind}="none","",IF(ISNUMBER({found}),{found},{default:g}))', value, styles.PERCENT,
                          styles.LINK)
    for key, label, _ in ASSUMPTIONS:
        sheet.label(rows.assumptions[key], LABEL_COL, label)


def write(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    inputs = layout.inputs
    settings = figures.settings
    rows = SummaryRows(layout)
    last_col = layout.offer_col(layout.offers - 1)
    sheet.text(1, 1, "Offer comparison", styles.TITLE)
    subtitle = t.join("Target: ", t.ref(inputs.model("model.target"), settings.target), "   |   ",
                      t.whole(inputs.model("model.horizon_years"), settings.horizon_years), " years from ",
                      t.iso_date(inputs.model("model.start_date"), settings.start_date), "   |   discount rate ",
                      t.percent(inputs.model("model.discount_rate"), settings.discount_rate),
                      "   |   every figure in dollars")
    sheet.formula(2, 1, subtitle.formula, subtitle.v, style=styles.NOTE)

    sheet.label(READING_FIRST - 1, LABEL_COL, "What this means", styles.HEADER)
    reading_last_col = max(last_col, PARAM_COL + 1)
    for column in range(PARAM_COL, reading_last_col + 1):
        sheet.label(READING_FIRST - 1, column, "", styles.HEADER)
    sentences = reading(figures, layout)
    for n, key in enumerate(READING):
        row = READING_FIRST + n
        sentence = sentences[key]
        sheet.merged_formula(row, LABEL_COL, reading_last_col, sentence.formula, sentence.v, text_wrap=True,
                             valign="top")
        # its words' lines and one to spare (edits may lengthen them); at least three lines, the package five
        width = SUMMARY_WIDTHS[0] + SUMMARY_WIDTHS[1] * (reading_last_col - LABEL_COL)
        spare = row_height(sentence.v, width) + LINE_HEIGHT
        sheet.height(row, max(72 if key == "package" else 44, spare))

    sheet.label(rows.header, LABEL_COL, "Per offer", styles.HEADER)
    offers = figures.offers_file.offers
    for i, offer in enumerate(offers):
        c = layout.offer_col(i)
        value = figures.offer_value(i)
        sheet.formula(rows.header, c, f"={inputs.offer('name', i)}", offer.name, style=styles.HEADER)
        for y, row in enumerate(rows.years):
            sheet.link(row, c, cell(layout.results.year_rows[y], c, CASHFLOWS), value.years[y], styles.MONEY)
        results = result_values(figures, i)
        for key, row in rows.result.items():
            if key == "pv":
                sheet.formula(row, c, "=" + cell(layout.results.row[key], c, CASHFLOWS), results[key], styles.MONEY,
                              styles.LINK, bold=True)
            else:
                sheet.link(row, c, cell(layout.results.row[key], c, CASHFLOWS), results[key], styles.MONEY)
        column = area(layout.scenario_pv_first, c, layout.scenario_pv_first + layout.scenarios - 1, c, SCENARIOS)
        scenario_pvs = [figures.scenario(i, j).pv for j in range(layout.scenarios)]
        sheet.formula(rows.worst, c, f"=MIN({column})", min(scenario_pvs), styles.MONEY)
        sheet.formula(rows.best, c, f"=MAX({column})", max(scenario_pvs), styles.MONEY)
    for y, row in enumerate(rows.years, start=1):
        sheet.label(row, LABEL_COL, f"Year {y} total compensation")
    for key, label in RESULT_LABELS:
        sheet.label(rows.result[key], LABEL_COL, label, bold=True) if key == "pv" else sheet.label(
            rows.result[key], LABEL_COL, label)
    sheet.label(rows.worst, LABEL_COL, "Present value, worst scenario")
    sheet.label(rows.best, LABEL_COL, "Present value, best scenario")

    sheet.label(rows.deal_header, LABEL_COL, "Negotiation", styles.HEADER)
    sheet.label(rows.deal_header, PARAM_COL, "", styles.HEADER)
    values = deal_values(figures)
    for key, row in rows.deal.items():
        sheet.label(row, LABEL_COL, DEAL_LABELS[key])
        if key == "lead":  # signed: a lead is not a gap of $0
            lead = texts(figures, layout).facts["lead"]
            sheet.link(row, PARAM_COL, lead.f, lead.v, DEAL_FORMATS[key])
        else:
            sheet.link(row, PARAM_COL, DEAL.ref(key), values[key], DEAL_FORMATS.get(key))
    write_assumptions(sheet, figures, layout, rows)
    write_package_rows(sheet, figures, rows)
    sheet.label(rows.check, LABEL_COL, "All checks pass (see Checks)", styles.CHECK)
    sheet.link(rows.check, PARAM_COL, master_ref(), master_value(figures, layout))
    # the first problem in words, under the master check: blank when all pass
    sheet.merged_formula(rows.check + 1, LABEL_COL, max(last_col, PARAM_COL + 1), "=" + problem_ref(),
                         first_problem_value(figures, layout), styles.FAILED, text_wrap=True, valign="top")
    sheet.height(rows.check + 1, 30)

    after_tax_last = tax_summary.write(sheet, figures, layout, rows.check + 3, reading_last_col)

    sheet.width(1, SUMMARY_WIDTHS[0])
    sheet.width(layout.offer_col(0), SUMMARY_WIDTHS[1], layout.offer_col(layout.offers - 1))
    chart_col = last_col + 2
    _charts(sheet, layout, anchor_col=chart_col, first_row=rows.header)
    tax_summary.chart(sheet, figures, layout, rows.header + 2 * CHART_ROWS, chart_col, CHART_HEIGHT)
    charts = 3
    if layout.draws.draws:
        _outcomes_chart(sheet, figures, layout, rows.header + 3 * CHART_ROWS, chart_col)
        charts += 1
    last_row = max(after_tax_last, rows.header + charts * CHART_ROWS)
    print_ready(sheet, (1, 1, last_row, chart_col + CHART_WIDTH_COLUMNS), figures.offers_file)
    sheet.ws.fit_to_pages(1, 1)  # the Summary is one page


def _charts(sheet: Sheet, layout: Layout, anchor_col: int, first_row: int) -> None:
    workbook = sheet.formats.workbook
    component_rows = sorted(layout.component_rows.values())
    header = component_rows[0] - 1
    bars = workbook.add_chart({"type": "column", "subtype": "stacked"})
    categories = [CASHFLOWS, component_rows[0] - 1, LABEL_COL - 1, component_rows[-1] - 1, LABEL_COL - 1]
    for n in range(len(COMPONENT_COLUMNS)):
        column = PARAM_COL + n - 1
        bars.add_series({"name": [CASHFLOWS, header - 1, column], "categories": categories,
                         "values": [CASHFLOWS, component_rows[0] - 1, column, component_rows[-1] - 1, column],
                         "gap": 60})
    bars.set_title({"name": "Yearly compensation by component", "name_font": {"size": 12}})
    bars.set_y_axis({"name": "Dollars", "num_format": '"$"#,##0'})
    bars.set_legend({"position": "bottom"})
    bars.set_size({"width": 470, "height": CHART_HEIGHT})
    sheet.ws.insert_chart(first_row - 1, anchor_col - 1, bars)

    lines = workbook.add_chart({"type": "line"})
    months = layout.months
    for row in layout.cumulative_rows:
        lines.add_series({"name": [CASHFLOWS, row - 1, LABEL_COL - 1],
                          "categories": [CASHFLOWS, 3, month_col(1) - 1, 3, month_col(months) - 1],
                          "values": [CASHFLOWS, row - 1, month_col(1) - 1, row - 1, month_col(months) - 1],
                          "smooth": False})
    lines.set_title({"name": "Cumulative value by month", "name_font": {"size": 12}})
    lines.set_y_axis({"name": "Dollars", "num_format": '"$"#,##0'})
    lines.set_x_axis({"name": "Month", "interval_unit": 6, "interval_tick": 6})
    lines.set_legend({"position": "bottom"})
    lines.set_size({"width": 470, "height": CHART_HEIGHT})
    sheet.ws.insert_chart(first_row - 1 + CHART_ROWS, anchor_col - 1, lines)


def _outcomes_chart(sheet: Sheet, figures: Figures, layout: Layout, row: int, column: int) -> None:
    """Each offer's present value by percentile of its draws: a flat line is a sure thing, a step
    is equity that pays all or nothing."""
    levels, values = chart_areas(layout)
    lines = sheet.formats.workbook.add_chart({"type": "line"})
    for i, offer_values in enumerate(values):
        lines.add_series({"name": "=" + cell(layout.draws.chart_first - 1, PARAM_COL + i, DRAWS),
                          "categories": "=" + levels, "values": "=" + offer_values, "smooth": False})
    lines.set_title({"name": "Present value by percentile of the draws", "name_font": {"size": 12}})
    lines.set_y_axis({"name": "Dollars", "num_format": '"$"#,##0'})
    lines.set_x_axis({"name": "Percentile of the outcomes (0%: the worst)", "num_format": "0%", "interval_unit": 2})
    lines.set_legend({"position": "bottom"})
    lines.set_size({"width": 470, "height": CHART_HEIGHT})
    sheet.ws.insert_chart(row - 1, column - 1, lines)
