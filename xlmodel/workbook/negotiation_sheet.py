"""Negotiation: the target, its best alternative and the gap in present value, the asks that
would each close the gap alone, the business-day dates of the talks, the texts to send, and
what each offer leaves you with when you leave early."""
from __future__ import annotations

from .. import engine
from . import styles
from .cells import Sheet
from .figures import Figures
from .layout import (AXIS_DISCOUNT, AXIS_MONTH, AXIS_YEAR, CASHFLOWS, LABEL_COL, MAX_MONTHS, TIMELINE,
                     PARAM_COL, Layout)
from .printing import print_ready
from .refs import area, as_number, cell, col, month_col, timeline
from .vesting_sheet import GrantCells
from .negotiation_layout import (DEAL_FIRST, LEAVE_END, LEAVE_FIRST, PER_OFFER, PER_OFFER_HEADER, ROWS, leave_layout,
                                 leave_months)
from .negotiation_package import write_package
from .negotiation_texts import write_texts

PER_OFFER_LABELS = {
    "pv": ("Present value", styles.MONEY),
    "is_target": ("Is the target", None),
    "alternative_pv": ("Present value as an alternative", styles.MONEY),
    "base_factor": ("PV of $1 more base a year", styles.NUMBER),
    "equity_factor": ("PV of $1 more RSU grant (RSUs only)", styles.FACTOR),
}
DEAL_LABELS = {
    "target": ("Target offer", None),
    "alternative": ("Best alternative (highest present value)", None),
    "target_pv": ("Target's present value", styles.MONEY_CENTS),
    "alternative_pv": ("Alternative's present value", styles.MONEY_CENTS),
    "gap": ("Gap in present value", styles.MONEY_CENTS),
    "ask_base": ("Ask: extra base salary (year-1 dollars a year)", styles.MONEY_CENTS),
    "ask_signon": ("Ask: extra sign-on paid in month 1", styles.MONEY_CENTS),
    "ask_equity": ("Ask: extra RSU grant value (RSU targets only)", styles.MONEY_CENTS),
    "decision_date": ("Competing offer shared on", styles.DAY),
    "respond_by": ("Ask them to respond by", styles.DAY),
    "expires": ("Offer expires (silence)", styles.DAY),
    "break_even": ("Target's break-even stock growth (see Scenarios)", styles.PERCENT),
}


def deal_values(figures: Figures) -> dict[str, object]:
    deal = figures.valuation.negotiation
    values = figures.values
    return {
        "target": deal.target, "alternative": deal.alternative or "",
        "target_pv": values[deal.target].pv, "alternative_pv": values[deal.alternative].pv if deal.alternative else "",
        "gap": deal.gap, "ask_base": deal.ask_base, "ask_signon": deal.ask_signon,
        "ask_equity": deal.ask_equity if deal.ask_equity is not None else "",
        "decision_date": figures.settings.decision_date or "", "respond_by": deal.respond_by or "",
        "expires": deal.expires or "",
        "break_even": figures.valuation.break_even_growth if (
            figures.valuation.break_even_growth is not None and deal.alternative) else "",
    }


def write(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    months = layout.months
    inputs = layout.inputs
    offers = figures.offers_file.offers
    deal = figures.valuation.negotiation
    sheet.title("Negotiation", "What closes the gap to the best alternative, each ask alone, under the target's "
                "own assumptions; and the dates of the talks.")

    sheet.label(PER_OFFER_HEADER - 1, LABEL_COL, "Calculations behind the deal", styles.TITLE)
    sheet.label(PER_OFFER_HEADER, LABEL_COL, "Per offer", styles.HEADER)
    for key in PER_OFFER:
        sheet.label(ROWS.per_offer(key), LABEL_COL, PER_OFFER_LABELS[key][0])
    years = timeline(AXIS_YEAR, months, TIMELINE)
    discount = timeline(AXIS_DISCOUNT, months, TIMELINE)
    for i, offer in enumerate(offers):
        c = layout.offer_col(i)
        here = lambda key: f"{col(c)}{ROWS.per_offer(key)}"
        ref = lambda key: inputs.offer(key, i)
        pv = figures.values[offer.name].pv
        is_target = offer.name == deal.target
        sheet.formula(PER_OFFER_HEADER, c, f"={ref('name')}", offer.name, style=styles.HEADER)
        sheet.link(ROWS.per_offer("pv"), c, cell(layout.results.row["pv"], c, CASHFLOWS), pv, styles.MONEY)
        sheet.formula(ROWS.per_offer("is_target"), c, f"=EXACT({ref('name')},{inputs.model('model.target')})", is_target)
        sheet.formula(ROWS.per_offer("alternative_pv"), c, f'=IF({here("is_target")},"",{here("pv")})',
                      "" if is_target else pv, styles.MONEY)
        sheet.formula(ROWS.per_offer("base_factor"), c,
                      f"=SUMPRODUCT((1+{as_number(ref('annual_raise'))})^({years}-1)/12*{discount})",
                      engine.base_ask_factor(offer, figures.settings), styles.NUMBER)
        rsu = offer.equity is not None and offer.equity.is_rsu
        sheet.formula(ROWS.per_offer("equity_factor"), c, "=" + _equity_factor(layout, i),
                      engine.equity_ask_factor(offer.equity, figures.settings) if rsu else "", styles.FACTOR)

    per_offer = lambda key: area(ROWS.per_offer(key), layout.offer_col(0), ROWS.per_offer(key),
                                 layout.offer_col(layout.offers - 1))
    names = area(PER_OFFER_HEADER, layout.offer_col(0), PER_OFFER_HEADER, layout.offer_col(layout.offers - 1))
    d = lambda key: cell(ROWS.deal(key), PARAM_COL)
    sheet.label(ROWS.target_position, LABEL_COL, "The target's position among the offers")
    sheet.formula(ROWS.target_position, PARAM_COL, f"=MATCH(TRUE,{per_offer('is_target')},0)",
                  figures.target_index + 1, styles.INTEGER)
    write_guarantee_rows(sheet, figures, layout)
    target_index = ROWS.target_index()
    sheet.label(DEAL_FIRST - 1, LABEL_COL, "The deal", styles.HEADER)
    sheet.label(DEAL_FIRST - 1, PARAM_COL, "", styles.HEADER)
    formulas = {
        "target": f"={inputs.model('model.target')}",
        "alternative": (f'=IF(COUNT({per_offer("alternative_pv")})=0,"",INDEX({names},1,'
                        f'MATCH(MAX({per_offer("alternative_pv")}),{per_offer("alternative_pv")},0)))'),
        "target_pv": f"=INDEX({per_offer('pv')},1,{target_index})",
        "alternative_pv": f'=IF({d("alternative")}="","",MAX({per_offer("alternative_pv")}))',
        "gap": f"=MAX(0,{as_number(d('alternative_pv'))}-{d('target_pv')})",
        "ask_base": f"={d('gap')}/INDEX({per_offer('base_factor')},1,{target_index})",
        "ask_signon": f"={d('gap')}/{cell(AXIS_DISCOUNT, month_col(1), TIMELINE)}",
        "ask_equity": (f'=IF(INDEX({per_offer("equity_factor")},1,{target_index})="","",IF({d("gap")}=0,0,'
                       f'IF(INDEX({per_offer("equity_factor")},1,{target_index})>0,'
                       f'IFERROR({d("gap")}/INDEX({per_offer("equity_factor")},1,{target_index}),""),"")))'),
        "decision_date": f'=IF(ISNUMBER({inputs.model("model.decision_date")}),{inputs.model("model.decision_date")},"")',
        "respond_by": _workday(layout, "model.response_business_days", d("decision_date")),
        "expires": _workday(layout, "model.expiry_business_days", d("decision_date")),
        "break_even": f"={cell(layout.scenario_sheet.break_even_row, PARAM_COL, 'Scenarios')}",
    }
    values = deal_values(figures)
    for key, expression in formulas.items():
        label, number_format = DEAL_LABELS[key]
        sheet.label(ROWS.deal(key), LABEL_COL, label)
        sheet.formula(ROWS.deal(key), PARAM_COL, expression, values[key], number_format)
    write_package(sheet, figures, layout)
    write_texts(sheet, figures, layout)
    write_leave(sheet, figures, layout)
    last_col = max(layout.offer_col(layout.offers - 1), PARAM_COL + len(leave_months(layout)) - 1, PARAM_COL + 3)
    # The deal and the package on the first page; the texts for the recruiter from the second.
    print_ready(sheet, (1, 1, LEAVE_END, last_col), figures.offers_file, page_break_before=ROWS.letter("texts_header"))
    sheet.width(1, 46)
    sheet.width(layout.offer_col(0), 20, layout.offer_col(max(layout.offers, 1) - 1))


def _equity_factor(layout: Layout, index: int) -> str:
    """The present value of one more dollar of RSU grant on the offer's own schedule: each
    month's common price per dollar of today's price, with liquidity, dilution and discounting,
    at the better of its vest month and the horizon (RSUs only)."""
    block = layout.cashflows[index]
    months = layout.months
    g = GrantCells(layout, index)
    common = timeline(block.row("common_price"), months, CASHFLOWS)
    held = f"{cell(block.row('common_price'), month_col(months), CASHFLOWS)}*{g.last('weight_pv')}"
    sold = f"{common}*{g.month_row('weight_pv')}"
    liquidity = cell(block.row("liquidity"), PARAM_COL, CASHFLOWS)
    return (f'IF({layout.inputs.offer("equity.type", index)}="rsu",{liquidity}/{g["price"]}'
            f'*SUMPRODUCT({g.month_row("fraction")},({sold}>{held})*({sold}-{held})+{held}),"")')


def _workday(layout: Layout, days_key: str, decision: str) -> str:
    holidays = layout.inputs.holiday_area()
    return f'=IF({decision}="","",WORKDAY({decision},{layout.inputs.model_number(days_key)},{holidays}))'


def guarantee_months(layout: Layout) -> list[int]:
    """The months past the horizon, to month 120, in which a cut role's guarantee may still pay."""
    return list(range(layout.months + 1, MAX_MONTHS + 1))


def write_guarantee_rows(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    """Each offer's salary (base and expected bump) by month past the horizon, to month 120: a
    guarantee that runs past the horizon when the role is cut is paid."""
    months = guarantee_months(layout)
    if not months:
        return
    inputs = layout.inputs
    header = ROWS.guarantee_header
    sheet.label(header, LABEL_COL, "Salary by month past the horizon (a cut role's guarantee)", styles.HEADER)
    for n, month in enumerate(months):
        sheet.value(header, PARAM_COL + n, month, styles.INTEGER, styles.HEADER)
    cell_format = sheet.fmt(styles.FORMULA, styles.MONEY)
    for i, offer in enumerate(figures.offers_file.offers):
        ref = lambda key: inputs.offer(key, i)
        row = ROWS.guarantee(i)
        sheet.formula(row, LABEL_COL, f"={ref('name')}", offer.name)
        probability = as_number(ref('fallback.probability'))
        for n, month in enumerate(months):
            letter = col(PARAM_COL + n)
            month_ref = f"{letter}${header}"
            base = f"{ref('base')}*(1+{as_number(ref('annual_raise'))})^(ROUNDUP({month_ref}/12,0)-1)/12"
            bump = (f"({month_ref}>{as_number(ref('fallback.after_months'))})*({base}*{as_number(ref('fallback.bump'))}"
                    f"+{as_number(ref('fallback.bump_amount'))}/12)*{probability}")
            sheet.ws.write_formula(row - 1, PARAM_COL + n - 1, f"={base}+{bump}", cell_format,
                                   engine.salary(offer, month))


def guaranteed_past_horizon(layout: Layout, index: int, last_paid: str) -> str:
    """A formula term: the salary paid past the horizon through month `last_paid` ("" if the
    horizon already runs to month 120)."""
    months = guarantee_months(layout)
    if not months:
        return ""
    row, header = ROWS.guarantee(index), ROWS.guarantee_header
    last = PARAM_COL + len(months) - 1
    return (f"+SUMPRODUCT({area(row, PARAM_COL, row, last)}"
            f"*({area(header, PARAM_COL, header, last)}<={last_paid}))")


def write_leave(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    """What each offer leaves you with if you quit, or the role is cut, at a given month."""
    lay = leave_layout(layout)
    inputs, months = layout.inputs, layout.months
    month_axis = timeline(AXIS_MONTH, months, CASHFLOWS)
    offers = figures.offers_file.offers
    sheet.label(LEAVE_FIRST, LABEL_COL, "Leaving early: what you keep (nominal dollars)", styles.TITLE)
    for first, heading in ((lay.quit_first, "If you quit at the end of month"),
                           (lay.cut_first, "If the role is cut at the end of month")):
        sheet.label(first - 1, LABEL_COL, heading, styles.HEADER)
        for i, offer in enumerate(offers):
            sheet.formula(first - 1, layout.offer_col(i), f"={inputs.offer('name', i)}", offer.name,
                          style=styles.HEADER)
    for n, month in enumerate(leave_months(layout)):
        sheet.value(lay.quit_first + n, LABEL_COL, month, styles.INTEGER, styles.CONSTANT)
        sheet.formula(lay.cut_first + n, LABEL_COL, f"={cell(lay.quit_first + n, LABEL_COL)}", month, styles.INTEGER)
    for i, offer in enumerate(offers):
        ref = lambda key: inputs.offer(key, i)
        block = layout.cashflows[i]
        flows = lambda name: timeline(block.row(name), months, CASHFLOWS)
        kept_values = figures.valuation.leave[offer.name]
        for n, month in enumerate(leave_months(layout)):
            leave = cell(lay.quit_first + n, LABEL_COL)
            kept = f"INDEX({timeline(layout.cumulative_rows[i], months, CASHFLOWS)},1,{leave})"  # paid to month L
            clawback_months = inputs.offer_number("signon_clawback_months", i)
            owed = f"({month_axis}-1+{clawback_months}-{leave})"
            clawback = (f'IF(AND({ref("signon_payment")}<>"monthly",{clawback_months}>0),'
                        f"SUMPRODUCT({flows('signon')}*({month_axis}<={leave})*({owed}>0)*{owed})"
                        f"/{clawback_months},0)")
            last_paid = f"MAX({leave},{as_number(ref('fallback.guaranteed_months'))})"
            severance = (f'SUMIFS({flows("salary")},{month_axis},">"&{leave},{month_axis},"<="&{last_paid})'
                         + guaranteed_past_horizon(layout, i, last_paid))
            sheet.formula(lay.quit_first + n, layout.offer_col(i), f"={kept}-{clawback}", kept_values[month]["quit"],
                          styles.MONEY)
            sheet.formula(lay.cut_first + n, layout.offer_col(i), f"={kept}+{severance}", kept_values[month]["cut"],
                          styles.MONEY)
    note_row = lay.cut_first + lay.months
    sheet.merged_text(note_row, LABEL_COL, max(layout.offer_col(layout.offers - 1), PARAM_COL + 3),
                      "Quit: pay and vesting to that month, less the pro-rata clawback of upfront sign-on. "
                      "Cut: no clawback, and salary runs on through the guaranteed months, even past the horizon.",
                      styles.NOTE,
                      text_wrap=True, valign="top")
    sheet.height(note_row, 30)
    write_exercise_costs(sheet, figures, layout)


def write_exercise_costs(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    """Options only: the cash that buys the options vested by each leave month (strike x the
    option shares vested, initial grant and refreshers), due within the exercise window."""
    lay = leave_layout(layout)
    inputs, months = layout.inputs, layout.months
    month_axis = timeline(AXIS_MONTH, months, TIMELINE)
    first = lay.exercise_first
    sheet.label(first - 1, LABEL_COL, "Cash to keep vested options, leaving at month",
                styles.HEADER)
    for i, offer in enumerate(figures.offers_file.offers):
        sheet.formula(first - 1, layout.offer_col(i), f"={inputs.offer('name', i)}", offer.name, style=styles.HEADER)
    for n, month in enumerate(leave_months(layout)):
        sheet.formula(first + n, LABEL_COL, f"={cell(lay.quit_first + n, LABEL_COL)}", month, styles.INTEGER)
        leave = cell(first + n, LABEL_COL)
        for i, offer in enumerate(figures.offers_file.offers):
            shares = timeline(layout.cashflows[i].row("shares"), months, CASHFLOWS)
            g = GrantCells(layout, i)
            cost = figures.valuation.leave[offer.name][month]["exercise_cost"]
            sheet.formula(first + n, layout.offer_col(i), (
                f'=IF({inputs.offer("equity.type", i)}="options",ROUND({g["strike"]}'
                f'*SUMIF({month_axis},"<="&{leave},{shares}),2),"")'), cost, styles.MONEY)
