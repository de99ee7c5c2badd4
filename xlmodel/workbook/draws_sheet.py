"""Draws: the odds. Each offer valued over model.draws deterministic draws of its stock's growth
and of whether its equity is ever sellable, since start-up equity pays all or nothing.

The uniforms are constants (the generator runs when the workbook is built: x_0 = seed,
x_(n+1) = (1664525 x_n + 1013904223) mod 2^32, u_n = (x_n + 0.5) / 2^32; for each draw, for
each offer, a then b), so the sheet recalculates without any volatile function. A draw's
growth factor is (1 + growth) x exp(-volatility^2 / 2 + volatility x NORMSINV(a) / sqrt(years));
its equity is sellable when b < the liquidity probability; its present value is the offer's
salary, bonus and sign-on as in the base case plus, when sellable, its equity at the draw's
growth (growth_formulas.py). Above the draws: each offer's percentiles and mean, the odds that
the alternative pays more than the target, and each offer's equity at its own growth, which
must give its present value (a check). An offer without volatility takes its draws' equity
from that check row, its draws' own parts blank."""
from __future__ import annotations

from ..engine.outcomes import PERCENTILES, UNIFORMS_PER_OFFER, percentile, uniforms
from ..model import OffersFile
from . import styles
from .calc_layout import AT_GROWTH, CHART_LEVELS, DRAW_PARTS, SUMMARY_ROWS
from .cells import Sheet
from .figures import Figures
from .growth_formulas import AT_GROWTH_LABELS, GrowthFormulas, ParameterBlock, write_at_growth, write_parameters
from .layout import CASHFLOWS, DRAWS, LABEL_COL, PARAM_COL, Layout
from .negotiation_layout import ROWS
from .refs import area, as_number, cell, col

DRAW_PART_LABELS = {"sold": "Selling beats holding by, if sellable (refreshers or two price ramps)",
                    "sold_one_ramp": "Selling beats holding by, if sellable (one price ramp, no refreshers)"}
SUMMARY_LABELS = {"p10": "10th percentile of the present value", "p50": "Median (50th percentile)",
                  "p90": "90th percentile", "mean": "Mean of the draws"}


def offer_uniforms(offers_file: OffersFile) -> list[list[tuple[float, float]]]:
    """For each offer, its (a, b) of every draw, in the order the generator gives them."""
    count, n = offers_file.model.draws, len(offers_file.offers)
    stream = uniforms(offers_file.model.seed, count * n * UNIFORMS_PER_OFFER)
    return [[(stream[(k * n + i) * 2], stream[(k * n + i) * 2 + 1]) for k in range(count)] for i in range(n)]


def write(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    lay = layout.draws
    offers_file = figures.offers_file
    sheet.title("Draws", "The odds: each offer over deterministic draws of its stock's growth and of whether its "
                "equity is ever sellable. The uniforms are constants; every other cell is a formula.")
    block = lay.parameters
    write_parameters(sheet, layout, block, figures)
    inputs = layout.inputs
    sheet.label(lay.growth_row, LABEL_COL, "Stock growth")
    sheet.label(lay.volatility_row, LABEL_COL, "Volatility a year")
    for i, offer in enumerate(offers_file.offers):
        growth = cell(layout.cashflows[i].row("growth"), PARAM_COL, CASHFLOWS)
        sheet.link(lay.growth_row, PARAM_COL + i, growth, figures.grants[i].growth, styles.PERCENT)
        volatility = offer.equity.volatility if offer.equity else 0.0
        sheet.formula(lay.volatility_row, PARAM_COL + i, "=" + as_number(inputs.offer("equity.volatility", i)),
                      volatility, styles.PERCENT)
    _write_checks(sheet, figures, layout)
    _write_summary(sheet, figures, layout)
    _write_draws(sheet, figures, layout)
    sheet.width(LABEL_COL, 44)
    sheet.width(PARAM_COL, 14, lay.wins_col)
    sheet.freeze(lay.draws_header + 1 if lay.draws else 3, PARAM_COL)
    from .printing import print_ready
    print_ready(sheet, (1, 1, lay.chart_first + len(CHART_LEVELS), max(lay.check_col("cashflows_pv"),
                                                                       PARAM_COL + layout.offers)), offers_file)


def _write_checks(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    lay = layout.draws
    block = lay.parameters
    first = lay.check_first
    sheet.label(first - 2, LABEL_COL, "Each offer's equity at its own growth: with its liquidity, its present value "
                "(the draws' formulas against Cashflows)", styles.HEADER)
    for what in AT_GROWTH:
        sheet.label(first - 1, lay.check_col(what), AT_GROWTH_LABELS[what], styles.HEADER, text_wrap=True)
    sheet.label(first - 1, lay.check_col("pv"), "Present value", styles.HEADER, text_wrap=True)
    sheet.label(first - 1, lay.check_col("cashflows_pv"), "On Cashflows", styles.HEADER, text_wrap=True)
    sheet.height(first - 1, 30)
    for i, offer in enumerate(figures.offers_file.offers):
        row = first + i
        sheet.formula(row, LABEL_COL, f"={layout.inputs.offer('name', i)}", offer.name)
        columns = {what: lay.check_col(what) for what in AT_GROWTH}
        growth = figures.grants[i].growth
        at = figures.at_growth(i, growth)
        write_at_growth(sheet, row, columns, GrowthFormulas(layout, block, i), cell(lay.growth_row, PARAM_COL + i), at,
                        1 + growth)
        value = cell(row, columns["value"])
        sheet.formula(row, lay.check_col("pv"), f"={block.ref('cash_pv', i)}+{block.ref('liquidity', i)}*{value}",
                      figures.cash_pv(i) + figures.grants[i].liquidity * at.value, styles.MONEY)
        sheet.link(row, lay.check_col("cashflows_pv"), cell(layout.results.row["pv"], layout.offer_col(i), CASHFLOWS),
                   figures.offer_value(i).pv, styles.MONEY)


def own_growth_check(layout: Layout, index: int) -> tuple[str, str]:
    """The two present values that must agree: the draws' formulas at the offer's own growth and Cashflows."""
    lay = layout.draws
    return (cell(lay.check_first + index, lay.check_col("pv"), DRAWS),
            cell(lay.check_first + index, lay.check_col("cashflows_pv"), DRAWS))


def _write_summary(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    lay = layout.draws
    valuation = figures.valuation
    sheet.label(lay.summary_first - 1, LABEL_COL, "Outcomes: the present value over the draws", styles.HEADER)
    for i, offer in enumerate(figures.offers_file.offers):
        sheet.formula(lay.summary_first - 1, PARAM_COL + i, f"={layout.inputs.offer('name', i)}", offer.name,
                      style=styles.HEADER)
        outcomes = valuation.offers[i].outcomes
        for what in SUMMARY_ROWS:
            if lay.draws:
                # a percentile is the chart table's cell of its level: each PERCENTILE sorts the draws
                chart_row = lay.chart_first + CHART_LEVELS.index(PERCENTILES[what]) if what != "mean" else 0
                expression = (f"=AVERAGE({lay.pv_area(i)})" if what == "mean"
                              else f"={cell(chart_row, PARAM_COL + i)}")
            else:
                expression = '=""'
            sheet.formula(lay.summary_row(what), PARAM_COL + i, expression, outcomes[what] if outcomes else None,
                          styles.MONEY)
    for what in SUMMARY_ROWS:
        sheet.label(lay.summary_row(what), LABEL_COL, SUMMARY_LABELS[what])
    sheet.label(lay.odds_row, LABEL_COL, "Odds that the best alternative pays more than the target", styles.CHECK)
    odds = valuation.negotiation.odds_alternative_wins
    if lay.draws:
        wins = area(lay.draw_row(1), lay.wins_col, lay.draw_row(lay.draws), lay.wins_col)
        expression = f'=IF({alternative_position_ref(layout)}="","",SUM({wins})/COUNT({wins}))'
    else:
        expression = '=""'
    sheet.formula(lay.odds_row, PARAM_COL, expression, odds, styles.PERCENT, styles.CHECK)
    sheet.label(lay.odds_row + 1, LABEL_COL, "The alternative's position among the offers (blank: none)")
    position = figures.offers_file.offers.index(figures.offers_file.offer(valuation.negotiation.alternative)) + 1 \
        if valuation.negotiation.alternative else None
    sheet.formula(lay.odds_row + 1, PARAM_COL, "=" + _alternative_expression(layout), position, styles.INTEGER)

    sheet.label(lay.chart_first - 1, LABEL_COL, "Present value by percentile of the outcomes", styles.HEADER)
    for i, offer in enumerate(figures.offers_file.offers):
        sheet.formula(lay.chart_first - 1, PARAM_COL + i, f"={layout.inputs.offer('name', i)}", offer.name,
                      style=styles.HEADER)
        draws = valuation.draws.get(offer.name)
        for n, level in enumerate(CHART_LEVELS):
            row = lay.chart_first + n
            if lay.draws:
                expression = f"=PERCENTILE({lay.pv_area(i)},{cell(row, LABEL_COL)})"
                stored = percentile(draws.pv, level)
            else:
                expression, stored = '=""', None
            sheet.formula(row, PARAM_COL + i, expression, stored, styles.MONEY)
    for n, level in enumerate(CHART_LEVELS):
        sheet.value(lay.chart_first + n, LABEL_COL, level, "0%", styles.CONSTANT)


def _alternative_expression(layout: Layout) -> str:
    """The alternative's position: where the highest present value of the other offers is."""
    alternative_pvs = area(ROWS.per_offer("alternative_pv"), layout.offer_col(0), ROWS.per_offer("alternative_pv"),
                           layout.offer_col(layout.offers - 1), "Negotiation")
    return f'IF(COUNT({alternative_pvs})=0,"",MATCH(MAX({alternative_pvs}),{alternative_pvs},0))'


def alternative_position_ref(layout: Layout) -> str:
    """The best alternative's position among the offers (blank without one)."""
    return cell(layout.draws.odds_row + 1, PARAM_COL, DRAWS)


def _write_draws(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    lay = layout.draws
    if not lay.draws:
        sheet.label(lay.draws_header, LABEL_COL, "No draws (model.draws is 0)", styles.NOTE)
        return
    offers_file = figures.offers_file
    header = lay.draws_header
    sheet.label(header, LABEL_COL, "Draw", styles.HEADER)
    inputs = layout.inputs
    for i, offer in enumerate(offers_file.offers):
        sheet.label(header, lay.uniform_col(i, "a"), f"a ({i + 1})", styles.HEADER)
        sheet.label(header, lay.uniform_col(i, "b"), f"b ({i + 1})", styles.HEADER)
        for what in DRAW_PARTS:
            sheet.label(header, lay.part_col(i, what), f"{DRAW_PART_LABELS.get(what, AT_GROWTH_LABELS[what])} ({i + 1})",
                        styles.HEADER, text_wrap=True)
        sheet.formula(header, lay.pv_col(i), f"={inputs.offer('name', i)}", offer.name, style=styles.HEADER)
    sheet.label(header, lay.wins_col, "Alternative pays more", styles.HEADER, text_wrap=True)
    sheet.height(header, 45)
    block = lay.parameters
    pairs = offer_uniforms(offers_file)
    alternative = alternative_position_ref(layout)
    pv_row = lambda row: area(row, lay.pv_col(0), row, lay.pv_col(layout.offers - 1))
    uniform_format = sheet.fmt(styles.CONSTANT, "0.000000000")
    for i in range(layout.offers):
        draws = figures.valuation.draws[offers_file.offers[i].name]
        templates = _draw_templates(layout, block, i)
        money, factor_format = sheet.fmt(styles.FORMULA, styles.MONEY), sheet.fmt(styles.FORMULA, styles.FACTOR)
        columns = {what: lay.part_col(i, what) - 1 for what in DRAW_PARTS}
        equity = offers_file.offers[i].equity
        steady = not (equity and equity.volatility)
        pv_col = lay.pv_col(i) - 1
        for k in range(1, lay.draws + 1):
            row = lay.draw_row(k)
            a, b = pairs[i][k - 1]
            sheet.ws.write_number(row - 1, lay.uniform_col(i, "a") - 1, a, uniform_format)
            sheet.ws.write_number(row - 1, lay.uniform_col(i, "b") - 1, b, uniform_format)
            at = figures.at_growth(i, draws.growth[k - 1])
            liquid = draws.liquid[k - 1]
            stored = {"factor": 1 + draws.growth[k - 1], "hold": at.hold, "sold": at.sold if liquid else 0.0,
                      "sold_one_ramp": at.sold_one_ramp if liquid else 0.0}
            if steady:
                stored = {what: "" if what != "factor" else figure for what, figure in stored.items()}
            here = str(row)
            pv = figures.cash_pv(i) + (at.value if liquid else 0.0)
            sheet.ws.write_formula_row(row - 1, [(columns[what], templates[what].replace(ROW, here),
                                                  factor_format if what == "factor" else money, stored[what])
                                                 for what in DRAW_PARTS]
                                       + [(pv_col, templates["pv"].replace(ROW, here), money, pv)])
    for k in range(1, lay.draws + 1):
        row = lay.draw_row(k)
        sheet.value(row, LABEL_COL, k, styles.INTEGER, styles.CONSTANT)
        target_pv = f"INDEX({pv_row(row)},1,{_target_position()})"
        wins = _wins(figures, k)
        sheet.formula(row, lay.wins_col, (f'=IF({alternative}="",0,IF(INDEX({pv_row(row)},1,{alternative})'
                                          f'>{target_pv},1,0))'), wins, styles.INTEGER)


ROW = "#"  # stands for a draw's row in the formulas written once per offer


def _draw_templates(layout: Layout, block: ParameterBlock, index: int) -> dict[str, str]:
    """An offer's formulas of a draw's row, with ROW where the row number goes."""
    lay = layout.draws
    formulas = GrowthFormulas(layout, block, index)
    at = lambda column: f"{col(column)}{ROW}"
    here = {what: at(lay.part_col(index, what)) for what in DRAW_PARTS}
    growth, volatility = cell(lay.growth_row, PARAM_COL + index), cell(lay.volatility_row, PARAM_COL + index)
    years = layout.inputs.model("model.horizon_years")
    a, b = at(lay.uniform_col(index, "a")), at(lay.uniform_col(index, "b"))
    sellable = f"{b}<{block.ref('liquidity', index)}"
    # A draw whose equity is never sellable is worth its cash alone: no holding rule to sum.
    parts = formulas.formulas(here, "", f"{b}>={block.ref('liquidity', index)}")
    # Without volatility every draw grows at the offer's own growth: its equity is the one valued
    # above the draws, and the draw's own parts stay blank.
    steady = f"{volatility}=0"
    own_value = cell(lay.check_first + index, lay.check_col("value"))
    templates = {what: f'=IF({steady},"",{parts[what][1:]})' for what in DRAW_PARTS if what != "factor"}
    return {
        # written as v z / sqrt(years) - v^2 / 2: in a spreadsheet -v^2 is (-v)^2; without
        # volatility that is exp(0) = 1, so no NORMSINV is worked out for nothing
        "factor": f"=IF({steady},1+{growth},(1+{growth})*EXP({volatility}*NORMSINV({a})/SQRT({years})"
                  f"-{volatility}^2/2))",
        **templates,
        "pv": (f"={block.ref('cash_pv', index)}+({sellable})*"
               f"IF({steady},{own_value},{formulas.value_inline(here)})"),
    }


def _target_position() -> str:
    return ROWS.target_index()


def _wins(figures: Figures, k: int) -> int:
    deal = figures.valuation.negotiation
    if not deal.alternative:
        return 0
    draws = figures.valuation.draws
    return int(draws[deal.alternative].pv[k - 1] > draws[deal.target].pv[k - 1])


def outcome_area(layout: Layout, what: str) -> str:
    """OfferPV10 and its kin: one row across the offers."""
    lay = layout.draws
    row = lay.summary_row(what)
    return area(row, PARAM_COL, row, PARAM_COL + layout.offers - 1, DRAWS)


def odds_ref(layout: Layout) -> str:
    return cell(layout.draws.odds_row, PARAM_COL, DRAWS)


def chart_areas(layout: Layout) -> tuple[str, list[str]]:
    """The percentile levels (a column) and each offer's present value by percentile (a column each)."""
    lay = layout.draws
    first, last = lay.chart_first, lay.chart_first + len(CHART_LEVELS) - 1
    return (area(first, LABEL_COL, last, LABEL_COL, DRAWS),
            [area(first, PARAM_COL + i, last, PARAM_COL + i, DRAWS) for i in range(layout.offers)])
