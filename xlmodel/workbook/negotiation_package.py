"""The package on the Negotiation sheet: the counter-offer's levers (a contingent fallback bump
and accelerated vesting of the initial grant), each as a live formula over the inputs.

Every figure is valued under the target's own assumptions, as in `xlmodel.levers`. The
calculations behind them sit below the sheet's per-offer calculations, one SUMPRODUCT over the
months each, so recalculation stays linear in the horizon:
- D_f, the present value of the target's base paid after the bump starts, and the same for one
  annual dollar (the bump asked for as an amount);
- K, what each unit of the target's own milestone probability adds to its present value (the
  certain bump and the bonus on it), and PV(0) = PV - p x K;
- the initial grant's present value on its own schedule and on the accelerated one (the
  target's parameters and its fraction row are those of the break-even search on Scenarios).
The package's rows in words link to the Texts sheet, where every text is built.
"""
from __future__ import annotations

from ..engine import levers
from . import styles
from ..texts import pieces as t
from .cells import Sheet
from .figures import Figures
from ..engine.levers import ACCELERATION_DIGITS
from .calc_layout import EQUITY_PARAMETERS
from .layout import (ACCELERATED, AXIS_DISCOUNT, AXIS_MONTH, AXIS_YEAR, LABEL_COL, NEGOTIATION, PARAM_COL,
                     SCENARIOS, SCHEDULES, TIMELINE, Layout)
from .negotiation_layout import CALCULATIONS, PACKAGE, ROWS, calculation_row, leave_months, row_height, text_width
from .refs import area, as_number, cell, month_col, timeline
from .texts_sheet import piece


LABELS = {
    "after_months": ("The bump asked for starts after month (lever)", styles.INTEGER),
    "probability": ("Its milestone probability (lever)", styles.PERCENT),
    "guaranteed_months": ("Target's guaranteed months if the role is cut", styles.INTEGER),
    "ask_bump": ("Ask: fallback bump alone (fraction of base)", styles.PERCENT),
    "ask_bump_amount": ("Ask: fallback bump alone (annual dollars)", styles.MONEY_CENTS),
    "probability_to_close": ("Milestone probability at which the target ties", styles.PERCENT),
    "acceleration_value": ("Accelerated vesting adds (present value)", styles.MONEY_CENTS),
    "gap_after_acceleration": ("Gap left after acceleration", styles.MONEY_CENTS),
    "package_bump": ("Package: fallback bump with acceleration", styles.PERCENT),
    "kept_months": ("If the role is cut at the end of month", styles.INTEGER),
    "kept": ("Acceleration keeps this much more of the grant (nominal)", styles.MONEY),
    "schedule_words": ("The accelerated schedule in words", None),
    "package_words": ("The package in words", None),
    "acceleration_words": ("Why acceleration", None),
}
CALCULATION_LABELS = {
    "target_base": ("The target's base", styles.MONEY),
    "target_raise": ("The target's annual raise", styles.PERCENT),
    "target_bump_after": ("The target's fallback bump starts after month", styles.INTEGER),
    "target_bump": ("The target's fallback bump (share of base)", styles.PERCENT),
    "target_bump_amount": ("The target's fallback bump (dollars a year)", styles.MONEY),
    "target_bonus_rate": ("The target's bonus rate (target x payout)", styles.PERCENT),
    "target_growth": ("The target's modelled stock growth a year", styles.PERCENT),
    "bump_factor": ("Present value of the target's base paid after the bump starts", styles.NUMBER),
    "bump_amount_factor": ("PV of $1 a year paid after the bump starts", styles.FACTOR),
    "fallback_given": ("The target has a fallback clause", None),
    "target_probability": ("The target's own milestone probability", styles.PERCENT),
    "fallback_slope": ("Present value each unit of the target's milestone probability adds", styles.MONEY_CENTS),
    "pv_without_fallback": ("The target's present value if the milestone is missed", styles.MONEY_CENTS),
    "own_grant_pv": ("Initial grant's PV on its own schedule", styles.MONEY_CENTS),
    "accelerated_grant_pv": ("Initial grant's PV on the accelerated schedule", styles.MONEY_CENTS),
}


def lever_ref(key: str) -> str:
    """The lever in use (an input or its default): "after_months" or "probability"."""
    return ROWS.package_ref(key)


def kept_area(layout: Layout) -> str:
    """AccelerationKept: one row over the leave months within the horizon."""
    row = ROWS.package("kept")
    return area(row, PARAM_COL, row, PARAM_COL + len(leave_months(layout)) - 1, NEGOTIATION)


def package_area(key: str) -> str:
    return ROWS.package_ref(key)


# --- the stored results ----------------------------------------------------------------------

def _blank(value):
    return "" if value is None else value


def stored_values(figures: Figures) -> dict[str, object]:
    """What every cell of the package and its calculations gives, from the engine."""
    offers_file = figures.offers_file
    target, settings, negotiation = offers_file.target, offers_file.model, offers_file.negotiation
    deal = figures.valuation.negotiation
    equity = target.equity
    fallback = target.fallback
    values: dict[str, object] = {
        "after_months": negotiation.fallback_after_months, "probability": negotiation.fallback_probability,
        "guaranteed_months": fallback.guaranteed_months if fallback else 0,
        "ask_bump": _blank(deal.ask_bump), "ask_bump_amount": _blank(deal.ask_bump_amount),
        "probability_to_close": _blank(deal.probability_to_close),
        "acceleration_value": _blank(deal.acceleration_value),
        "gap_after_acceleration": deal.gap_after_acceleration, "package_bump": _blank(deal.package_bump),
        "target_base": target.base, "target_raise": target.annual_raise,
        "target_bump_after": fallback.after_months if fallback else 0,
        "target_bump": (fallback.bump or 0.0) if fallback else 0.0,
        "target_bump_amount": (fallback.bump_amount or 0.0) if fallback else 0.0,
        "target_bonus_rate": target.bonus_target * target.bonus_payout,
        "target_growth": equity.growth if equity else 0.0,
        "bump_factor": levers.bump_pv_factor(target, settings, negotiation.fallback_after_months),
        "bump_amount_factor": levers.bump_amount_pv_factor(settings, negotiation.fallback_after_months),
        "fallback_given": fallback is not None,
        "target_probability": fallback.probability if fallback else 0.0,
        "fallback_slope": levers.fallback_pv_per_probability(target, settings) if fallback else 0.0,
        "pv_without_fallback": levers.pv_without_fallback(target, settings),
        "own_grant_pv": levers.initial_grant_pv(equity, equity.schedule, settings) if equity else 0.0,
        "accelerated_grant_pv": (levers.initial_grant_pv(equity, negotiation.accelerated_schedule, settings)
                                 if equity else 0.0),
    }
    return values


# --- the formulas ------------------------------------------------------------------------------

class _Terms:
    """Formula terms for the target's inputs and rows (picked by its position among the offers)."""

    def __init__(self, layout: Layout):
        self.layout = layout
        inputs = layout.inputs
        months = layout.months
        lay = layout.scenario_sheet
        self.position = ROWS.target_index()
        self.by_offer = inputs.offer_area
        self.month_axis = timeline(AXIS_MONTH, months, TIMELINE)
        self.years = timeline(AXIS_YEAR, months, TIMELINE)
        self.discount = timeline(AXIS_DISCOUNT, months, TIMELINE)
        self.rate = inputs.model_number("model.discount_rate")
        self.target_row = lambda what: timeline(lay.target_row(what), months, SCENARIOS)
        self.own_fractions = self.target_row("fraction")
        self.accelerated_fractions = timeline(layout.schedules.timeline_row[ACCELERATED], months, SCHEDULES)
        last = lambda what: cell(lay.target_row(what), month_col(months), SCENARIOS)
        self.held = f"{last('share_value')}*{last('weight_pv')}"  # a share held to the horizon, today

    def target(self, key: str) -> str:
        """The target's input (INDEX of its column): blank stays blank, so ISNUMBER tells."""
        return f"INDEX({self.by_offer(key)},1,{self.position})"

    def target_number(self, key: str) -> str:
        return as_number(self.target(key))

    def parameter(self, name: str) -> str:
        """The target's equity parameter (its column of the parameters on Scenarios)."""
        lay = self.layout.scenario_sheet
        return cell(lay.parameters_first + EQUITY_PARAMETERS.index(name), lay.target_col, SCENARIOS)

    def grant(self, fractions: str) -> str:
        """The initial grant's present value vesting by `fractions`, each month's shares sold at
        vest or held to the horizon, the better."""
        p = self.parameter
        sold = f"{self.target_row('share_value')}*{self.target_row('weight_pv')}"
        return (f'IF({p("kind")}="none",0,{p("initial_shares")}*{p("liquidity")}'
                f"*SUMPRODUCT({fractions},({sold}>{self.held})*({sold}-{self.held})+{self.held}))")

    def kept(self, leave: str) -> str:
        """What acceleration keeps of the initial grant by a leave month, nominal."""
        p = self.parameter
        return (f'IF({p("kind")}="none","",{p("initial_shares")}*{p("liquidity")}'
                f"*SUMPRODUCT(({self.accelerated_fractions}-{self.own_fractions})*({self.month_axis}<={leave})"
                f"*{self.target_row('share_value')}*{self.target_row('weight_nominal')}))")


def _formulas(layout: Layout) -> dict[str, str]:
    terms = _Terms(layout)
    inputs = layout.inputs
    here = lambda key: cell(ROWS.package(key), PARAM_COL)
    calc = lambda key: cell(calculation_row(key), PARAM_COL)
    deal = lambda key: cell(ROWS.deal(key), PARAM_COL)
    tn = terms.target_number
    after_input, probability_input = (inputs.negotiation("negotiation.fallback_after_months"),
                                      inputs.negotiation("negotiation.fallback_probability"))
    payout = terms.target("bonus_payout")
    certain_bump = (f"({terms.month_axis}>{calc('target_bump_after')})*({calc('target_base')}"
                    f"*(1+{calc('target_raise')})^({terms.years}-1)/12*{calc('target_bump')}"
                    f"+{calc('target_bump_amount')}/12)")
    bump_for = lambda gap: (f'IF({gap}=0,0,IF({here("probability")}*{calc("bump_factor")}>0,'
                            f'{gap}/({here("probability")}*{calc("bump_factor")}),""))')
    gap = f'({as_number(deal("alternative_pv"))}-{calc("pv_without_fallback")})'
    formulas = {
        "after_months": (f'=IF({after_input}="",IF(ISNUMBER({terms.target("fallback.after_months")}),'
                         f'{terms.target("fallback.after_months")},6),{as_number(after_input)})'),
        "probability": (f'=IF({probability_input}="",IF(ISNUMBER({terms.target("fallback.probability")}),'
                        f'{terms.target("fallback.probability")},1),{as_number(probability_input)})'),
        "guaranteed_months": f"={tn('fallback.guaranteed_months')}",
        "ask_bump": "=" + bump_for(deal("gap")),
        "ask_bump_amount": (f'=IF({deal("gap")}=0,0,IF({here("probability")}*{calc("bump_amount_factor")}>0,'
                            f'{deal("gap")}/({here("probability")}*{calc("bump_amount_factor")}),""))'),
        # 0 when the target already ties; blank when the slope is so small that the quotient
        # overflows (#NUM!): no finite probability closes the gap.
        "probability_to_close": (f'=IF(OR({deal("alternative")}="",NOT({calc("fallback_given")}),'
                                 f'NOT({calc("fallback_slope")}>0)),"",IF({gap}<=0,0,'
                                 f'IF(ISNUMBER({gap}/{calc("fallback_slope")}),{gap}/{calc("fallback_slope")},"")))'),
        "acceleration_value": (f'=IF({terms.parameter("kind")}="none","",'
                               f'ROUND({calc("accelerated_grant_pv")}-{calc("own_grant_pv")},{ACCELERATION_DIGITS}))'),
        "gap_after_acceleration": f'=MAX(0,{deal("gap")}-MAX(0,{as_number(here("acceleration_value"))}))',
        "package_bump": "=" + bump_for(here("gap_after_acceleration")),
        "target_base": f"={tn('base')}", "target_raise": f"={tn('annual_raise')}",
        "target_bump_after": f"={tn('fallback.after_months')}", "target_bump": f"={tn('fallback.bump')}",
        "target_bump_amount": f"={tn('fallback.bump_amount')}",
        "target_bonus_rate": f"={tn('bonus_target')}*IF(ISNUMBER({payout}),{payout},1)",
        "target_growth": f"=SUM({terms.target('equity.growth')})",
        "bump_factor": (f"={calc('target_base')}*SUMPRODUCT((1+{calc('target_raise')})^({terms.years}-1)/12"
                        f"*({terms.month_axis}>{here('after_months')})*{terms.discount})"),
        "bump_amount_factor": f"=SUMPRODUCT(({terms.month_axis}>{here('after_months')})*{terms.discount})/12",
        "fallback_given": f"=ISNUMBER({terms.target('fallback.after_months')})",
        "target_probability": f"={tn('fallback.probability')}",
        "fallback_slope": (f"=IF({calc('fallback_given')},SUMPRODUCT({certain_bump}*({terms.discount}"
                           f"+{calc('target_bonus_rate')}*(1+{terms.rate})^(-{terms.years}))),0)"),
        "pv_without_fallback": f"={deal('target_pv')}-{calc('target_probability')}*{calc('fallback_slope')}",
        "own_grant_pv": "=" + terms.grant(terms.own_fractions),
        "accelerated_grant_pv": "=" + terms.grant(terms.accelerated_fractions),
    }
    return formulas


def package_texts(figures: Figures, layout: Layout) -> dict[str, t.Txt]:
    """The package's rows in words, linked to the Texts sheet where they are built."""
    return {"schedule_words": piece(figures, layout, "accelerated.words"),
            "package_words": piece(figures, layout, "package_words"),
            "acceleration_words": piece(figures, layout, "acceleration_words")}


NO_MILESTONE = "no milestone closes the gap"
ABOVE_ONE_HIDDEN = '[>1]"";0.0%'  # a probability above 100% is never shown as a number


def write_probability(sheet: Sheet, row: int, formula: str, value) -> None:
    """The milestone probability at which the target ties: the figure stays in the cell (and in
    ProbabilityToClose), but above 100% it reads, beside it, that no milestone closes the gap."""
    sheet.formula(row, PARAM_COL, formula, value, ABOVE_ONE_HIDDEN)
    here = cell(row, PARAM_COL)
    sheet.formula(row, PARAM_COL + 1, f'=IF(ISNUMBER({here}),IF({here}>1,"{NO_MILESTONE}",""),"")',
                  NO_MILESTONE if isinstance(value, float) and value > 1 else "")


def write_package(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    values = stored_values(figures)
    deal = figures.valuation.negotiation
    formulas = _formulas(layout)
    texts = package_texts(figures, layout)
    sheet.label(ROWS.package(PACKAGE[0]) - 1, LABEL_COL, "The package", styles.HEADER)
    sheet.label(ROWS.package(PACKAGE[0]) - 1, PARAM_COL, "", styles.HEADER)
    months = leave_months(layout)
    kept = deal.acceleration_kept
    p = _Terms(layout)
    for key in PACKAGE:
        label, number_format = LABELS[key]
        row = ROWS.package(key)
        if key in texts:  # beside a wrapped text: read from its first line
            sheet.label(row, LABEL_COL, label, valign="top")
        else:
            sheet.label(row, LABEL_COL, label)
        if key == "kept_months":
            for n, month in enumerate(months):
                sheet.value(row, PARAM_COL + n, month, styles.INTEGER, styles.CONSTANT)
        elif key == "kept":
            for n, month in enumerate(months):
                leave = cell(ROWS.package("kept_months"), PARAM_COL + n)
                formula = "=" + p.kept(leave)
                sheet.formula(row, PARAM_COL + n, formula, kept[month] if kept is not None else None, number_format)
        elif key in texts:
            piece = texts[key]
            last = PARAM_COL + max(len(months), 4) - 1  # as wide as the leave months' row
            sheet.merged_formula(row, PARAM_COL, last, piece.formula, piece.v, text_wrap=True, valign="top")
            if key != "schedule_words":
                sheet.height(row, max(44, row_height(piece.v, text_width(layout, last))))
        elif key == "probability_to_close":
            write_probability(sheet, row, formulas[key], values[key])
        else:
            sheet.formula(row, PARAM_COL, formulas[key], values[key], number_format)

    first = ROWS.package_calculations
    sheet.label(first, LABEL_COL, "Behind the package (the target's own assumptions)", styles.HEADER)
    for key in CALCULATIONS:
        label, number_format = CALCULATION_LABELS[key]
        sheet.label(calculation_row(key), LABEL_COL, label)
        sheet.formula(calculation_row(key), PARAM_COL, formulas[key], values[key], number_format)
