"""Summary: the page a reader needs, built only from links to calculated cells, with the
plain-language reading of the figures, two charts and a print-ready page."""
from __future__ import annotations

from . import styles, tax_summary
from ..texts import pieces as t
from .cashflows_sheet import COMPONENT_COLUMNS, result_values
from .cells import Sheet
from .checks_sheet import first_problem_value, master_ref, master_value, problem_ref
from .figures import Figures
from .layout import CASHFLOWS, LABEL_COL, NEGOTIATION as DEAL_SHEET, PARAM_COL, SCENARIOS, Layout
from .negotiation_package import stored_values
from .negotiation_sheet import ROWS as DEAL, deal_values
from .printing import print_ready
from .refs import area, cell, month_col
from .scenarios_sheet import leader_ref, target_parameters, leader
from .cashflows_sheet import result_area

READING_FIRST = 5
READING = ("leader", "target", "scenarios", "break_even", "package")
RESULT_LABELS = (("total", "Total compensation (nominal)"), ("pv", "Present value"), ("annualized", "Annualized"),
                 ("salary", "  Salary"), ("bonus", "  Bonus"), ("signon", "  Sign-on"), ("equity", "  Equity"))
DEAL_LABELS = {"target": "Target offer", "alternative": "Best alternative", "gap": "Gap in present value",
               "ask_base": "Ask: extra base a year", "ask_signon": "or: extra sign-on",
               "ask_equity": "or: extra RSU grant value", "respond_by": "Ask them to respond by",
               "expires": "Offer expires", "break_even": "Target's break-even growth"}
DEAL_FORMATS = {"gap": styles.MONEY, "ask_base": styles.MONEY, "ask_signon": styles.MONEY,
                "ask_equity": styles.MONEY, "respond_by": styles.DAY, "expires": styles.DAY,
                "break_even": styles.PERCENT}
PACKAGE_LABELS = {"acceleration_value": ("Accelerated vesting adds (PV)", styles.MONEY),
                  "package_bump": ("Package: fallback bump with acceleration", styles.PERCENT)}
CHART_WIDTH_COLUMNS = 7
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
        self.deal_header = row
        self.deal = {key: row + 1 + n for n, key in enumerate(DEAL_LABELS)}
        row = max(self.deal.values()) + 1
        self.package = {key: row + n for n, key in enumerate(PACKAGE_LABELS)}
        row = max(self.package.values()) + 2
        self.check = row


def reading(figures: Figures, layout: Layout) -> dict[str, t.Txt]:
    """Four sentences that say what the figures mean, as formulas over the calculated cells."""
    offers_file = figures.offers_file
    names_list = [o.name for o in offers_file.offers]
    pvs = [figures.values[n].pv for n in names_list]
    pv = result_area(layout, "pv")
    names = layout.inputs.offer_area("name")
    values = deal_values(figures)
    d = DEAL.ref
    text = lambda key: t.ref(d(key), values[key])
    money = lambda key: t.money(d(key), values[key] or 0.0)

    leader_name = leader(names_list, pvs)
    ranked = sorted(pvs, reverse=True)
    margin = ranked[0] - ranked[1] if len(pvs) > 1 else 0.0
    runner_up = t.if_(f"COUNT({pv})>1", len(pvs) > 1,
                      t.join(" by ", t.money(f"MAX({pv})-LARGE({pv},2)", margin), " over the next best offer"), "")
    lead = t.join(t.ref(f"INDEX({names},MATCH(MAX({pv}),{pv},0))", leader_name), " leads in present value",
                  runner_up, ".")

    asks = t.join(text("target"), " trails ", text("alternative"), " by ", money("gap"),
                  " in present value. Any one of these closes the gap: ", money("ask_base"), " more base a year, ",
                  money("ask_signon"), " more sign-on",
                  t.if_(f'{d("ask_equity")}=""', values["ask_equity"] == "", "",
                        t.join(", or ", money("ask_equity"), " more RSUs")), ".")
    target = t.if_(f'{d("alternative")}=""', values["alternative"] == "",
                   t.join(text("target"), " is the only offer: there is nothing to close."),
                   t.if_(f'{d("gap")}=0', values["gap"] == 0,
                         t.join(text("target"), " already matches or beats ", text("alternative"),
                                ": no ask is needed to match it."), asks))

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

    parameters = target_parameters(figures)
    growth_ref = cell(layout.bisection.parameter("growth"), PARAM_COL, SCENARIOS)
    break_even_value = values["break_even"]
    break_even = t.if_(f'{d("break_even")}=""', break_even_value == "", "",
                       t.join(text("target"), " ties ", text("alternative"), " if its stock grows ",
                              t.percent(d("break_even"), break_even_value or 0.0), " a year (modelled: ",
                              t.percent(growth_ref, parameters["growth"]), ")."))
    return {"leader": lead, "target": target, "scenarios": scenarios, "break_even": break_even}


def package_sentence(figures: Figures) -> t.Txt:
    """The package in one sentence: what to ask for, and that it closes the gap (blank without one)."""
    deal = figures.valuation.negotiation
    values = stored_values(figures)
    p = DEAL.package_ref
    d = DEAL.ref
    gap = t.money(d("gap"), deal.gap)
    words = t.join("accelerated vesting (", t.ref(p("schedule_words"), values["schedule_words"]), ")")
    bump_value, acceleration = deal.package_bump, deal.acceleration_value
    bump = t.join("a fallback bump of ", t.short_percent(p("package_bump"), bump_value or 0.0), " from month ",
                  t.whole(f"{p('after_months')}+1", values["after_months"] + 1), " at a ",
                  t.short_percent(p("probability"), values["probability"]), " milestone")
    kept_12 = cell(DEAL.package("kept"), PARAM_COL + 1, DEAL_SHEET)  # the leave months start 6, 12
    kept_12_value = (deal.acceleration_kept or {}).get(12, 0.0)
    protection = t.if_(f'{p("acceleration_value")}=""', acceleration is None, "",
                       t.join("; ask for ", words, " as protection: it keeps ", t.money(kept_12, kept_12_value),
                              " more of the grant if the role is cut at month 12"))
    with_acceleration = t.if_(
        f"{p('package_bump')}=0", bump_value == 0,
        t.join("Ask for ", words, ": it alone closes the ", gap, " gap."),
        t.join("Ask for ", words, " and ", bump, ": together they close the ", gap, " gap."))
    bump_alone = t.join("Ask for ", bump, " to close the ", gap, " gap", protection, ".")
    positive = acceleration is not None and acceleration > 0
    closing = t.if_(f'N({p("acceleration_value")})>0', positive, with_acceleration, bump_alone)
    return t.if_(f"{d('gap')}=0", deal.gap == 0, "",
                 t.if_(f'{p("package_bump")}=""', bump_value is None,
                       t.join("No fallback bump closes the ", gap, " gap (no month left to pay it, or a 0% "
                              "milestone): ask for base, sign-on or RSUs instead."), closing))


def write_package_rows(sheet: Sheet, figures: Figures, rows: SummaryRows) -> None:
    values = stored_values(figures)
    for key, row in rows.package.items():
        label, number_format = PACKAGE_LABELS[key]
        sheet.label(row, LABEL_COL, label)
        sheet.link(row, PARAM_COL, DEAL.package_ref(key), values[key], number_format)


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
    sentences = {**reading(figures, layout), "package": package_sentence(figures)}
    for n, (key, sentence) in enumerate(sentences.items()):
        row = READING_FIRST + n
        sheet.merged_formula(row, LABEL_COL, reading_last_col, sentence.formula, sentence.v, text_wrap=True,
                             valign="top")
        sheet.height(row, 58 if key == "package" else 44)  # room for three wrapped lines (the package: four)

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
        sheet.link(row, PARAM_COL, DEAL.ref(key), values[key], DEAL_FORMATS.get(key))
    write_package_rows(sheet, figures, rows)
    sheet.label(rows.check, LABEL_COL, "All checks pass (see Checks)", styles.CHECK)
    sheet.link(rows.check, PARAM_COL, master_ref(), master_value(figures, layout))
    # the first problem in words, under the master check: blank when all pass
    sheet.merged_formula(rows.check + 1, LABEL_COL, max(last_col, PARAM_COL + 1), "=" + problem_ref(),
                         first_problem_value(figures, layout), styles.FAILED, text_wrap=True, valign="top")
    sheet.height(rows.check + 1, 30)

    after_tax_last = tax_summary.write(sheet, figures, layout, rows.check + 3, reading_last_col)

    sheet.width(1, 34)
    sheet.width(layout.offer_col(0), 16, layout.offer_col(layout.offers - 1))
    chart_col = last_col + 2
    _charts(sheet, layout, anchor_col=chart_col, first_row=rows.header)
    tax_summary.chart(sheet, figures, layout, rows.header + 2 * CHART_ROWS, chart_col, CHART_HEIGHT)
    last_row = max(after_tax_last, rows.header + 3 * CHART_ROWS)
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
