"""Negotiation: the target, its best alternative and the gap in present value, the three asks
that would each close the gap alone, and the business-day dates of the talks."""
from __future__ import annotations

from dataclasses import dataclass

from openpyxl.styles import Alignment
from openpyxl.worksheet.pagebreak import Break

from ..engine import LEAVE_MONTHS
from ..model import OffersFile
from . import cells, styles
from .cashflows_sheet import result_area
from .layout import AXIS_DISCOUNT, AXIS_MONTH, AXIS_YEAR, CASHFLOWS, LABEL_COL, NEGOTIATION, PARAM_COL, Layout
from .printing import print_ready
from .refs import area, cell, col, month_col, timeline

PER_OFFER = ("pv", "is_target", "alternative_pv", "base_factor", "equity_factor")
DEAL_FIRST = 5
DEAL = ("target", "alternative", "target_pv", "alternative_pv", "gap", "", "ask_base", "ask_signon", "ask_equity",
        "", "decision_date", "respond_by", "expires", "break_even")
LETTER_FIRST = DEAL_FIRST + len(DEAL) + 2
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

    @property
    def target_position(self) -> int:
        return PER_OFFER_HEADER + len(PER_OFFER) + 1

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


def write(ws, offers_file: OffersFile, layout: Layout) -> None:
    months = layout.months
    inputs = layout.inputs
    cells.title(ws, "Negotiation", "What closes the gap to the best alternative, each ask alone, under the target's "
                "own assumptions; and the dates of the talks.")

    cells.label(ws, PER_OFFER_HEADER - 1, LABEL_COL, "Calculations behind the deal", styles.TITLE)
    cells.label(ws, PER_OFFER_HEADER, LABEL_COL, "Per offer", styles.HEADER)
    for key, row in ((k, ROWS.per_offer(k)) for k in PER_OFFER):
        cells.label(ws, row, LABEL_COL, PER_OFFER_LABELS[key][0])
    pv_row = ROWS.per_offer("pv")
    years = timeline(AXIS_YEAR, months, CASHFLOWS)
    month_axis = timeline(AXIS_MONTH, months, CASHFLOWS)
    discount = timeline(AXIS_DISCOUNT, months, CASHFLOWS)
    for i in range(layout.offers):
        c = layout.offer_col(i)
        here = lambda key: f"{col(c)}{ROWS.per_offer(key)}"
        ref = lambda key: inputs.offer(key, i)
        cells.formula(ws, PER_OFFER_HEADER, c, f"={ref('name')}", style=styles.HEADER)
        cells.link(ws, pv_row, c, cell(layout.results.row["pv"], c, CASHFLOWS), styles.MONEY)
        cells.formula(ws, ROWS.per_offer("is_target"), c, f"=EXACT({ref('name')},{inputs.model('model.target')})")
        cells.formula(ws, ROWS.per_offer("alternative_pv"), c, f'=IF({here("is_target")},"",{here("pv")})', styles.MONEY)
        cells.formula(ws, ROWS.per_offer("base_factor"), c,
                      f"=SUMPRODUCT((1+N({ref('annual_raise')}))^({years}-1)/12*{discount})", styles.NUMBER)
        fractions = timeline(layout.vesting[i].fraction, months, "Vesting")
        cells.formula(ws, ROWS.per_offer("equity_factor"), c, (
            f'=IF({ref("equity.type")}="rsu",SUMPRODUCT({fractions}*(1+N({ref("equity.growth")}))^({month_axis}/12)'
            f'*{inputs.offer_number("equity.liquidity_probability", i)}*(1-N({ref("equity.dilution")}))^({month_axis}/12)*{discount}),"")'),
            styles.FACTOR)

    per_offer = lambda key: area(ROWS.per_offer(key), layout.offer_col(0), ROWS.per_offer(key),
                                 layout.offer_col(layout.offers - 1))
    names = area(PER_OFFER_HEADER, layout.offer_col(0), PER_OFFER_HEADER, layout.offer_col(layout.offers - 1))
    d = lambda key: cell(ROWS.deal(key), PARAM_COL)
    cells.label(ws, ROWS.target_position, LABEL_COL, "The target's position among the offers")
    cells.formula(ws, ROWS.target_position, PARAM_COL, f"=MATCH(TRUE,{per_offer('is_target')},0)", styles.INTEGER)
    target_index = ROWS.target_index()
    cells.label(ws, DEAL_FIRST - 1, LABEL_COL, "The deal", styles.HEADER)
    cells.label(ws, DEAL_FIRST - 1, PARAM_COL, "", styles.HEADER)
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
    for key, expression in formulas.items():
        label, number_format = DEAL_LABELS[key]
        cells.label(ws, ROWS.deal(key), LABEL_COL, label)
        cells.formula(ws, ROWS.deal(key), PARAM_COL, expression, number_format)
    write_letter(ws, layout)
    write_leave(ws, layout)
    print_ready(ws, f"A1:{col(max(layout.offer_col(layout.offers - 1), PARAM_COL + 3))}{LEAVE_END}", offers_file)
    ws.column_dimensions["A"].width = 46
    for i in range(max(layout.offers, 1)):
        ws.column_dimensions[col(layout.offer_col(i))].width = 20


def _workday(layout: Layout, days_key: str, decision: str) -> str:
    first, last = layout.inputs.holiday_rows
    holidays = area(first, PARAM_COL, last, PARAM_COL, "Inputs")
    return f'=IF({decision}="","",WORKDAY({decision},{layout.inputs.model_number(days_key)},{holidays}))'


def _money(reference: str) -> str:
    return f'TEXT({reference},"$#,##0")'


def write_letter(ws, layout: Layout) -> None:
    """A counter-request and a follow-up e-mail, built by formulas so they follow every input."""
    d = lambda key: cell(ROWS.deal(key), PARAM_COL)
    inputs = layout.inputs
    by_date = f'IF({d("respond_by")}="","as soon as you can",TEXT({d("respond_by")},"dddd, mmmm d, yyyy"))'
    equity_ask = f'IF({d("ask_equity")}="","",", or "&{_money(d("ask_equity"))}&" more in RSUs")'
    counter = (
        f'=IF({d("gap")}=0,"Thank you for the "&{d("target")}&" offer. It already matches or beats my other offers '
        f'in present value, and I am glad to move forward. Could you confirm the details by "&{by_date}&"?",'
        f'"Thank you for the "&{d("target")}&" offer. I have a competing offer from "&{d("alternative")}&" worth "'
        f'&{_money(d("alternative_pv"))}&" in present value over "&{inputs.model("model.horizon_years")}&" years, "'
        f'&{_money(d("gap"))}&" more than yours. To close that gap I am asking for "&{_money(d("ask_base"))}'
        f'&" more base salary a year, or a sign-on bonus "&{_money(d("ask_signon"))}&" larger"&{equity_ask}'
        f'&". I would be grateful for your answer by "&{by_date}&".")')
    rows = {
        "counter": ("Counter-request", counter),
        "email_header": ("Follow-up e-mail", None),
        "subject": ("Subject", f'="Re: "&{d("target")}&" offer"&IF({d("gap")}=0,": next steps",'
                               f'": closing a "&{_money(d("gap"))}&" gap")'),
        "greeting": ("", '="Hello,"'),
        "body": ("", f"={cell(ROWS.letter('counter'), PARAM_COL)}"),
        "reference": ("", f'="For reference, at a "&TEXT({inputs.model("model.discount_rate")},"0.0%")&" discount rate '
                          f'the "&{d("target")}&" offer is worth "&{_money(d("target_pv"))}&" today"'
                          f'&IF({d("alternative")}="",".","; the "&{d("alternative")}&" offer "&{_money(d("alternative_pv"))}&".")'),
        "deadline": ("", f'=IF({d("expires")}="","","As I understand it, the offer stands until "'
                         f'&TEXT({d("expires")},"dddd, mmmm d, yyyy")&", so I would like to settle it before then.")'),
        "closing": ("", '="Best regards,"'),
    }
    for key, (heading, expression) in rows.items():
        row = ROWS.letter(key)
        if key == "email_header":
            cells.label(ws, row, LABEL_COL, heading, styles.HEADER)
            ws.row_breaks.append(Break(id=row - 1))  # print the e-mail whole, on a page of its own
            continue
        if heading:
            cells.label(ws, row, LABEL_COL, heading, styles.CHECK).alignment = Alignment(vertical="top")
        target = cells.formula(ws, row, PARAM_COL, expression)
        target.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=PARAM_COL, end_row=row, end_column=PARAM_COL + 3)
        if key in ("counter", "body"):
            ws.row_dimensions[row].height = 96
        elif key in ("reference", "deadline"):
            ws.row_dimensions[row].height = 32


@dataclass(frozen=True)
class LeaveLayout:
    months: int  # how many leave months

    @property
    def quit_first(self) -> int:
        return LEAVE_FIRST + 2

    @property
    def cut_first(self) -> int:
        return self.quit_first + self.months + 2


def leave_layout(layout: Layout) -> LeaveLayout:
    return LeaveLayout(len([m for m in LEAVE_MONTHS if m <= layout.months]))


def write_leave(ws, layout: Layout) -> None:
    """What each offer leaves you with if you quit, or the role is cut, at a given month."""
    lay = leave_layout(layout)
    inputs, months = layout.inputs, layout.months
    month_axis = timeline(AXIS_MONTH, months, CASHFLOWS)
    cells.label(ws, LEAVE_FIRST, LABEL_COL, "Leaving early: what you keep (nominal dollars)", styles.TITLE)
    for first, heading in ((lay.quit_first, "If you quit at the end of month"),
                           (lay.cut_first, "If the role is cut at the end of month")):
        cells.label(ws, first - 1, LABEL_COL, heading, styles.HEADER)
        for i in range(layout.offers):
            cells.formula(ws, first - 1, layout.offer_col(i), f"={inputs.offer('name', i)}", style=styles.HEADER)
    for n, month in enumerate(m for m in LEAVE_MONTHS if m <= months):
        cells.value(ws, lay.quit_first + n, LABEL_COL, month, styles.INTEGER)
        cells.formula(ws, lay.cut_first + n, LABEL_COL, f"={cell(lay.quit_first + n, LABEL_COL)}", styles.INTEGER)
    for i in range(layout.offers):
        ref = lambda key: inputs.offer(key, i)
        block = layout.cashflows[i]
        flows = lambda name: timeline(block.row(name), months, CASHFLOWS)
        for n in range(lay.months):
            leave = cell(lay.quit_first + n, LABEL_COL)
            kept = f"SUMPRODUCT({flows('total')}*({month_axis}<={leave}))"
            clawback_months = inputs.offer_number("signon_clawback_months", i)
            owed = f"({month_axis}-1+{clawback_months}-{leave})"
            clawback = (f'IF(AND({ref("signon_payment")}<>"monthly",{clawback_months}>0),'
                        f"SUMPRODUCT({flows('signon')}*({month_axis}<={leave})*({owed}>0)*{owed})"
                        f"/{clawback_months},0)")
            severance = (f"SUMPRODUCT({flows('salary')}*({month_axis}>{leave})"
                         f"*({month_axis}<=MAX({leave},N({ref('fallback.guaranteed_months')}))))")
            cells.formula(ws, lay.quit_first + n, layout.offer_col(i), f"={kept}-{clawback}", styles.MONEY)
            cells.formula(ws, lay.cut_first + n, layout.offer_col(i), f"={kept}+{severance}", styles.MONEY)
    note_row = lay.cut_first + lay.months
    note = cells.label(ws, note_row, LABEL_COL,
                       "Quit: pay and vesting to that month, less the pro-rata clawback of upfront sign-on. "
                       "Cut: no clawback, and salary runs on through the guaranteed months.", styles.NOTE)
    note.alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=note_row, start_column=LABEL_COL, end_row=note_row,
                   end_column=max(layout.offer_col(layout.offers - 1), PARAM_COL + 3))
    ws.row_dimensions[note_row].height = 30


def leave_area(layout: Layout, which: str) -> str:
    lay = leave_layout(layout)
    first = {"months": lay.quit_first, "quit": lay.quit_first, "cut": lay.cut_first}[which]
    if which == "months":
        return area(first, LABEL_COL, first + lay.months - 1, LABEL_COL, NEGOTIATION)
    return area(first, layout.offer_col(0), first + lay.months - 1, layout.offer_col(layout.offers - 1), NEGOTIATION)
