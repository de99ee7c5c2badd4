"""Negotiation: the target, its best alternative and the gap in present value, the asks that
would each close the gap alone, the business-day dates of the talks, the texts to send, and
what each offer leaves you with when you leave early."""
from __future__ import annotations

from dataclasses import dataclass

from .. import engine
from ..engine import LEAVE_MONTHS
from . import styles
from .cells import Sheet
from .figures import Figures
from .layout import (AXIS_DISCOUNT, AXIS_MONTH, AXIS_YEAR, CASHFLOWS, LABEL_COL, MAX_MONTHS, NEGOTIATION,
                     PARAM_COL, Layout)
from .printing import print_ready
from .refs import area, cell, col, month_col, timeline
from ..texts import pieces as t

PER_OFFER = ("pv", "is_target", "alternative_pv", "base_factor", "equity_factor")
DEAL_FIRST = 5
DEAL = ("target", "alternative", "target_pv", "alternative_pv", "gap", "", "ask_base", "ask_signon", "ask_equity",
        "", "decision_date", "respond_by", "expires", "break_even")
PACKAGE_FIRST = DEAL_FIRST + len(DEAL) + 2  # the levers of a counter-offer: see negotiation_package.py
PACKAGE = ("after_months", "probability", "guaranteed_months", "ask_bump", "ask_bump_amount", "probability_to_close",
           "acceleration_value", "gap_after_acceleration", "package_bump", "kept_months", "kept", "schedule_words",
           "package_words", "acceleration_words")
LETTER_FIRST = PACKAGE_FIRST + len(PACKAGE) + 2
LETTER = ("counter", "", "email_header", "subject", "greeting", "body", "reference", "deadline", "closing")
LEAVE_FIRST = LETTER_FIRST + len(LETTER) + 2
LEAVE_END = LEAVE_FIRST + 2 * (len(LEAVE_MONTHS) + 2) + 1  # the last row a reader needs; printed up to here
PER_OFFER_HEADER = LEAVE_END + 3  # the calculations behind the deal, below what is printed


@dataclass(frozen=True)
class NegotiationLayout:
    def per_offer(self, key: str) -> int:
        return PER_OFFER_HEADER + 1 + PER_OFFER.index(key)

    def deal(self, key: str) -> int:
        return DEAL_FIRST + DEAL.index(key)

    def ref(self, key: str) -> str:
        return cell(self.deal(key), PARAM_COL, NEGOTIATION)

    def letter(self, key: str) -> int:
        return LETTER_FIRST + LETTER.index(key)

    def package(self, key: str) -> int:
        return PACKAGE_FIRST + PACKAGE.index(key)

    def package_ref(self, key: str, column: int = PARAM_COL) -> str:
        return cell(self.package(key), column, NEGOTIATION)

    @property
    def package_calculations(self) -> int:
        """The first row of the calculations behind the package, below the target's position."""
        return self.target_position + 3

    @property
    def target_position(self) -> int:
        return PER_OFFER_HEADER + len(PER_OFFER) + 1

    @property
    def guarantee_header(self) -> int:
        """The month numbers over the salary rows past the horizon, below the package's calculations."""
        from .negotiation_package import CALCULATIONS
        return self.package_calculations + len(CALCULATIONS) + 3

    def guarantee(self, index: int) -> int:
        return self.guarantee_header + 1 + index

    def target_index(self) -> str:
        """The target's position among the offers (1 = first), matched exactly: MATCH would ignore
        case and read * ? ~ in a name as wildcards."""
        return cell(self.target_position, PARAM_COL, NEGOTIATION)


ROWS = NegotiationLayout()

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
    years = timeline(AXIS_YEAR, months, CASHFLOWS)
    month_axis = timeline(AXIS_MONTH, months, CASHFLOWS)
    discount = timeline(AXIS_DISCOUNT, months, CASHFLOWS)
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
                      f"=SUMPRODUCT((1+N({ref('annual_raise')}))^({years}-1)/12*{discount})",
                      engine.base_ask_factor(offer, figures.settings), styles.NUMBER)
        fractions = timeline(layout.vesting.row("fraction", i), months, "Vesting")
        rsu = offer.equity is not None and offer.equity.is_rsu
        sheet.formula(ROWS.per_offer("equity_factor"), c, (
            f'=IF({ref("equity.type")}="rsu",SUMPRODUCT({fractions}*(1+N({ref("equity.growth")}))^({month_axis}/12)'
            f'*{inputs.offer_number("equity.liquidity_probability", i)}*(1-N({ref("equity.dilution")}))^({month_axis}/12)'
            f'*{discount}),"")'), engine.equity_ask_factor(offer.equity, figures.settings) if rsu else "",
            styles.FACTOR)

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
        "alternative": (f'=IF(COUNT({per_offer("alternative_pv")})=0,"",INDEX({names},'
                        f'MATCH(MAX({per_offer("alternative_pv")}),{per_offer("alternative_pv")},0)))'),
        "target_pv": f"=INDEX({per_offer('pv')},{target_index})",
        "alternative_pv": f'=IF({d("alternative")}="","",MAX({per_offer("alternative_pv")}))',
        "gap": f"=MAX(0,N({d('alternative_pv')})-{d('target_pv')})",
        "ask_base": f"={d('gap')}/INDEX({per_offer('base_factor')},{target_index})",
        "ask_signon": f"={d('gap')}/{cell(AXIS_DISCOUNT, month_col(1), CASHFLOWS)}",
        "ask_equity": (f'=IF(INDEX({per_offer("equity_factor")},{target_index})="","",IF({d("gap")}=0,0,'
                       f'IF(INDEX({per_offer("equity_factor")},{target_index})>0,'
                       f'IFERROR({d("gap")}/INDEX({per_offer("equity_factor")},{target_index}),""),"")))'),
        "decision_date": f'=IF(ISNUMBER({inputs.model("model.decision_date")}),{inputs.model("model.decision_date")},"")',
        "respond_by": _workday(layout, "model.response_business_days", d("decision_date")),
        "expires": _workday(layout, "model.expiry_business_days", d("decision_date")),
        "break_even": f"={cell(layout.break_even_row, PARAM_COL, 'Scenarios')}",
    }
    values = deal_values(figures)
    for key, expression in formulas.items():
        label, number_format = DEAL_LABELS[key]
        sheet.label(ROWS.deal(key), LABEL_COL, label)
        sheet.formula(ROWS.deal(key), PARAM_COL, expression, values[key], number_format)
    from .negotiation_package import write_package  # it builds on this module's rows: imported here
    write_package(sheet, figures, layout)
    write_letter(sheet, figures, layout)
    write_leave(sheet, figures, layout)
    last_col = max(layout.offer_col(layout.offers - 1), PARAM_COL + len(leave_months(layout)) - 1, PARAM_COL + 3)
    # The deal and the package on the first page; the counter-request and the e-mail from the second.
    print_ready(sheet, (1, 1, LEAVE_END, last_col), figures.offers_file, page_break_before=ROWS.letter("counter"))
    sheet.width(1, 46)
    sheet.width(layout.offer_col(0), 20, layout.offer_col(max(layout.offers, 1) - 1))


def _workday(layout: Layout, days_key: str, decision: str) -> str:
    holidays = layout.inputs.holiday_area()
    return f'=IF({decision}="","",WORKDAY({decision},{layout.inputs.model_number(days_key)},{holidays}))'


def letter_texts(figures: Figures, layout: Layout) -> dict[str, t.Txt]:
    """The counter-request and the follow-up e-mail, as formulas that follow every input: with a
    gap they lead with the package (accelerated vesting and a contingent bump); extra base,
    sign-on or RSUs follow as alternatives."""
    from .negotiation_package import package_texts  # it builds on this module's rows: imported here
    values = deal_values(figures)
    inputs = layout.inputs
    d = lambda key: cell(ROWS.deal(key), PARAM_COL)
    money = lambda key: t.money(d(key), values[key] or 0.0)
    text = lambda key: t.ref(d(key), values[key])
    has = lambda key: values[key] != ""
    respond_by = values["respond_by"]
    by_date = t.if_(f'{d("respond_by")}=""', not has("respond_by"), "as soon as you can",
                    t.join("by ", t.long_date(d("respond_by"), respond_by or None)))
    equity_ask = t.if_(f'{d("ask_equity")}=""', not has("ask_equity"), "",
                       t.join(", or ", money("ask_equity"), " more in RSUs"))
    no_gap = values["gap"] == 0
    horizon = t.whole(inputs.model("model.horizon_years"), figures.settings.horizon_years)
    competing = t.join("Thank you for the ", text("target"), " offer. I have a competing offer from ",
                       text("alternative"), " worth ", money("alternative_pv"), " in present value over ", horizon,
                       t.if_(f'{inputs.model("model.horizon_years")}=1', figures.settings.horizon_years == 1,
                             " year, ", " years, "), money("gap"), " more than yours. ")
    answer = t.join(". I would be grateful for your answer ", by_date, ".")
    package = package_texts(figures, layout)
    package_words = t.ref(cell(ROWS.package("package_words"), PARAM_COL), package["package_words"].v)
    why = package["acceleration_words"]
    why_words = t.if_(f'{cell(ROWS.package("acceleration_words"), PARAM_COL)}=""', why.v == "", "",
                      t.join(t.ref(cell(ROWS.package("acceleration_words"), PARAM_COL), why.v), " "))
    with_package = t.join(
        competing, "To close that gap I would like to propose a package: ", package_words, ". ", why_words,
        "Alternatively, any one of these would close the gap on its own: ", money("ask_base"),
        " more base salary a year", t.if_(f'{d("ask_equity")}=""', not has("ask_equity"), ", or", ","),
        " a sign-on bonus ", money("ask_signon"), " larger", equity_ask, answer)
    without_package = t.join(competing, "To close that gap I am asking for ", money("ask_base"),
                             " more base salary a year, or a sign-on bonus ", money("ask_signon"), " larger",
                             equity_ask, answer)
    counter = t.if_(
        f'{d("gap")}=0', no_gap,
        t.join("Thank you for the ", text("target"), " offer. It already matches or beats my other offers in present "
               "value, and I am glad to move forward. Could you confirm the details ", by_date, "?"),
        t.if_(f'{package_words.f}=""', package_words.v == "", without_package, with_package))
    subject = t.join("Re: ", text("target"), " offer",
                     t.if_(f'{d("gap")}=0', no_gap, ": next steps", t.join(": closing a ", money("gap"), " gap")))
    reference = t.join(
        "For reference, at a ", t.percent(inputs.model("model.discount_rate"), figures.settings.discount_rate),
        " discount rate the ", text("target"), " offer is worth ", money("target_pv"), " today",
        t.if_(f'{d("alternative")}=""', not has("alternative"), ".",
              t.join("; the ", text("alternative"), " offer ", money("alternative_pv"), ".")))
    expires = values["expires"]
    deadline = t.if_(f'{d("expires")}=""', not has("expires"), "",
                     t.join("As I understand it, the offer stands until ",
                            t.long_date(d("expires"), expires or None),
                            ", so I would like to settle it before then."))
    return {"counter": counter, "subject": subject, "greeting": t.lit("Hello,"),
            "body": t.ref(cell(ROWS.letter("counter"), PARAM_COL), counter.v), "reference": reference,
            "deadline": deadline, "closing": t.lit("Best regards,")}


def write_letter(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    texts = letter_texts(figures, layout)
    headings = {"counter": "Counter-request", "subject": "Subject"}
    last = max(PARAM_COL + 3, PARAM_COL + len(leave_months(layout)) - 1)  # as wide as the printed page
    for key in LETTER:
        if not key:
            continue
        row = ROWS.letter(key)
        if key == "email_header":
            sheet.label(row, LABEL_COL, "Follow-up e-mail", styles.HEADER)
            continue
        if key in headings:
            sheet.label(row, LABEL_COL, headings[key], styles.CHECK, valign="top")
        piece = texts[key]
        sheet.merged_formula(row, PARAM_COL, last, piece.formula, piece.v, text_wrap=True, valign="top")
        if key in ("counter", "body"):
            sheet.height(row, 150)  # the package, then the alternatives: up to nine wrapped lines
        elif key in ("reference", "deadline"):
            sheet.height(row, 32)


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
        probability = f"N({ref('fallback.probability')})"
        for n, month in enumerate(months):
            letter = col(PARAM_COL + n)
            month_ref = f"{letter}${header}"
            base = f"{ref('base')}*(1+N({ref('annual_raise')}))^(ROUNDUP({month_ref}/12,0)-1)/12"
            bump = (f"({month_ref}>N({ref('fallback.after_months')}))*({base}*N({ref('fallback.bump')})"
                    f"+N({ref('fallback.bump_amount')})/12)*{probability}")
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


@dataclass(frozen=True)
class LeaveLayout:
    months: int  # how many leave months

    @property
    def quit_first(self) -> int:
        return LEAVE_FIRST + 2

    @property
    def cut_first(self) -> int:
        return self.quit_first + self.months + 2


def leave_months(layout: Layout) -> list[int]:
    return [m for m in LEAVE_MONTHS if m <= layout.months]


def leave_layout(layout: Layout) -> LeaveLayout:
    return LeaveLayout(len(leave_months(layout)))


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
            kept = f"INDEX({timeline(layout.cumulative_rows[i], months, CASHFLOWS)},{leave})"  # paid to month L
            clawback_months = inputs.offer_number("signon_clawback_months", i)
            owed = f"({month_axis}-1+{clawback_months}-{leave})"
            clawback = (f'IF(AND({ref("signon_payment")}<>"monthly",{clawback_months}>0),'
                        f"SUMPRODUCT({flows('signon')}*({month_axis}<={leave})*({owed}>0)*{owed})"
                        f"/{clawback_months},0)")
            last_paid = f"MAX({leave},N({ref('fallback.guaranteed_months')}))"
            severance = (f"SUMPRODUCT({flows('salary')}*({month_axis}>{leave})*({month_axis}<={last_paid}))"
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


def leave_area(layout: Layout, which: str) -> str:
    lay = leave_layout(layout)
    first = {"months": lay.quit_first, "quit": lay.quit_first, "cut": lay.cut_first}[which]
    if which == "months":
        return area(first, LABEL_COL, first + lay.months - 1, LABEL_COL, NEGOTIATION)
    return area(first, layout.offer_col(0), first + lay.months - 1, layout.offer_col(layout.offers - 1), NEGOTIATION)
