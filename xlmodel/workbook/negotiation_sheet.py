"""Negotiation: the target, its best alternative and the gap in present value, the three asks
that would each close the gap alone, and the business-day dates of the talks."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import OffersFile
from . import cells, styles
from .cashflows_sheet import result_area
from .layout import AXIS_DISCOUNT, AXIS_MONTH, AXIS_YEAR, CASHFLOWS, LABEL_COL, NEGOTIATION, PARAM_COL, Layout
from .refs import area, cell, col, month_col, timeline

PER_OFFER_HEADER = 4
PER_OFFER = ("pv", "is_target", "alternative_pv", "base_factor", "equity_factor")
DEAL_FIRST = 12
DEAL = ("target", "alternative", "target_pv", "alternative_pv", "gap", "", "ask_base", "ask_signon", "ask_equity",
        "", "decision_date", "respond_by", "expires")


@dataclass(frozen=True)
class NegotiationLayout:
    def per_offer(self, key: str) -> int:
        return PER_OFFER_HEADER + 1 + PER_OFFER.index(key)

    def deal(self, key: str) -> int:
        return DEAL_FIRST + DEAL.index(key)

    def ref(self, key: str) -> str:
        return cell(self.deal(key), PARAM_COL, NEGOTIATION)


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
}


def write(ws, offers_file: OffersFile, layout: Layout) -> None:
    months = layout.months
    inputs = layout.inputs
    cells.title(ws, "Negotiation", "What closes the gap to the best alternative, each ask alone, under the target's "
                "own assumptions; and the dates of the talks.")

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
        cells.formula(ws, ROWS.per_offer("is_target"), c, f"={ref('name')}={inputs.model('model.target')}")
        cells.formula(ws, ROWS.per_offer("alternative_pv"), c, f'=IF({here("is_target")},"",{here("pv")})', styles.MONEY)
        cells.formula(ws, ROWS.per_offer("base_factor"), c,
                      f"=SUMPRODUCT((1+N({ref('annual_raise')}))^({years}-1)/12*{discount})", styles.NUMBER)
        fractions = timeline(layout.vesting[i].fraction, months, "Vesting")
        cells.formula(ws, ROWS.per_offer("equity_factor"), c, (
            f'=IF({ref("equity.type")}="rsu",SUMPRODUCT({fractions}*(1+N({ref("equity.growth")}))^({month_axis}/12)'
            f'*N({ref("equity.liquidity_probability")})*(1-N({ref("equity.dilution")}))^({month_axis}/12)*{discount}),"")'),
            styles.FACTOR)

    per_offer = lambda key: area(ROWS.per_offer(key), layout.offer_col(0), ROWS.per_offer(key),
                                 layout.offer_col(layout.offers - 1))
    names = area(PER_OFFER_HEADER, layout.offer_col(0), PER_OFFER_HEADER, layout.offer_col(layout.offers - 1))
    d = lambda key: cell(ROWS.deal(key), PARAM_COL)
    target_index = f"MATCH({d('target')},{names},0)"
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
                       f'{d("gap")}/INDEX({per_offer("equity_factor")},{target_index}),"")))'),
        "decision_date": f'=IF(ISNUMBER({inputs.model("model.decision_date")}),{inputs.model("model.decision_date")},"")',
        "respond_by": _workday(layout, "model.response_business_days", d("decision_date")),
        "expires": _workday(layout, "model.expiry_business_days", d("decision_date")),
    }
    for key, expression in formulas.items():
        label, number_format = DEAL_LABELS[key]
        cells.label(ws, ROWS.deal(key), LABEL_COL, label)
        cells.formula(ws, ROWS.deal(key), PARAM_COL, expression, number_format)
    ws.column_dimensions["A"].width = 46
    for i in range(max(layout.offers, 1)):
        ws.column_dimensions[col(layout.offer_col(i))].width = 20


def _workday(layout: Layout, days_key: str, decision: str) -> str:
    first, last = layout.inputs.holiday_rows
    holidays = area(first, PARAM_COL, last, PARAM_COL, "Inputs")
    return f'=IF({decision}="","",WORKDAY({decision},{layout.inputs.model(days_key)},{holidays}))'
