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
  target's parameters and its fraction row are those of the break-even search on Scenarios);
- the first three distinct months of the accelerated tranche table, for the schedule in words.
"""
from __future__ import annotations

from ..engine import levers
from . import styles
from ..texts import pieces as t
from .cells import Sheet
from .figures import Figures
from .layout import (ACCELERATED, AXIS_DISCOUNT, AXIS_MONTH, AXIS_YEAR, CASHFLOWS, LABEL_COL, NEGOTIATION,
                     PARAM_COL, SCENARIOS, SCHEDULES, Layout)
from .negotiation_sheet import PACKAGE, ROWS, leave_months
from .refs import area, cell, timeline
from .schedules_sheet import tranche_area

WORDS_TRANCHES = 3  # the accelerated schedule in words: its first three vest months, then "the rest by month N"
CALCULATIONS = ("bump_factor", "bump_amount_factor", "fallback_given", "target_probability", "fallback_slope",
                "pv_without_fallback", "own_grant_pv", "accelerated_grant_pv", "tranche_count", "last_month") + tuple(
    f"{what}_{n}" for n in range(1, WORDS_TRANCHES + 1) for what in ("month", "fraction"))

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
    "bump_factor": ("D_f: PV of the target's base paid after the bump starts", styles.NUMBER),
    "bump_amount_factor": ("PV of $1 a year paid after the bump starts", styles.FACTOR),
    "fallback_given": ("The target has a fallback clause", None),
    "target_probability": ("The target's own milestone probability", styles.PERCENT),
    "fallback_slope": ("K: PV added per unit of the target's milestone probability", styles.MONEY_CENTS),
    "pv_without_fallback": ("PV(0): the target's PV if the milestone is missed", styles.MONEY_CENTS),
    "own_grant_pv": ("Initial grant's PV on its own schedule", styles.MONEY_CENTS),
    "accelerated_grant_pv": ("Initial grant's PV on the accelerated schedule", styles.MONEY_CENTS),
    "tranche_count": ("Tranches in the accelerated table", styles.INTEGER),
    "last_month": ("Its last vest month", styles.INTEGER),
    **{f"month_{n}": (f"Its vest month number {n}", styles.INTEGER) for n in range(1, WORDS_TRANCHES + 1)},
    **{f"fraction_{n}": (f"Fraction vesting in that month {n}", styles.PERCENT) for n in range(1, WORDS_TRANCHES + 1)},
}


def calculation_row(key: str) -> int:
    return ROWS.package_calculations + 1 + CALCULATIONS.index(key)


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

def schedule_words(tranches) -> tuple[list[tuple[int, float]], int, str]:
    """The first distinct vest months with their fractions, the last month and the words."""
    shown = list(tranches[:WORDS_TRANCHES])
    last = max(month for month, _ in tranches)
    pieces = [f"{_short_percent(fraction)} after {month} month{'' if month == 1 else 's'}" for month, fraction in shown]
    words = ", ".join(pieces)
    if len(shown) == WORDS_TRANCHES and last > shown[-1][0]:
        words += f" and the rest by month {last}"
    return shown, last, words


def _short_percent(value: float) -> str:
    return t.short_percent("A1", value).v


def _blank(value):
    return "" if value is None else value


def stored_values(figures: Figures) -> dict[str, object]:
    """What every cell of the package and its calculations gives, from the engine."""
    offers_file = figures.offers_file
    target, settings, negotiation = offers_file.target, offers_file.model, offers_file.negotiation
    deal = figures.valuation.negotiation
    equity = target.equity
    fallback = target.fallback
    shown, last, words = schedule_words(negotiation.accelerated_schedule.tranches)
    values: dict[str, object] = {
        "after_months": negotiation.fallback_after_months, "probability": negotiation.fallback_probability,
        "guaranteed_months": fallback.guaranteed_months if fallback else 0,
        "ask_bump": _blank(deal.ask_bump), "ask_bump_amount": _blank(deal.ask_bump_amount),
        "probability_to_close": _blank(deal.probability_to_close),
        "acceleration_value": _blank(deal.acceleration_value),
        "gap_after_acceleration": deal.gap_after_acceleration, "package_bump": _blank(deal.package_bump),
        "schedule_words": words,
        "bump_factor": levers.bump_pv_factor(target, settings, negotiation.fallback_after_months),
        "bump_amount_factor": levers.bump_amount_pv_factor(settings, negotiation.fallback_after_months),
        "fallback_given": fallback is not None,
        "target_probability": fallback.probability if fallback else 0.0,
        "fallback_slope": levers.fallback_pv_per_probability(target, settings) if fallback else 0.0,
        "pv_without_fallback": levers.pv_without_fallback(target, settings),
        "own_grant_pv": levers.initial_grant_pv(equity, equity.schedule, settings) if equity else 0.0,
        "accelerated_grant_pv": (levers.initial_grant_pv(equity, negotiation.accelerated_schedule, settings)
                                 if equity else 0.0),
        "tranche_count": len(negotiation.accelerated_schedule.tranches), "last_month": last,
    }
    for n in range(1, WORDS_TRANCHES + 1):
        month, fraction = shown[n - 1] if n <= len(shown) else ("", "")
        values[f"month_{n}"], values[f"fraction_{n}"] = month, fraction
    return values


# --- the formulas ------------------------------------------------------------------------------

class _Terms:
    """Formula terms for the target's inputs and the shared rows."""

    def __init__(self, layout: Layout):
        self.layout = layout
        inputs = layout.inputs
        months = layout.months
        self.position = ROWS.target_index()
        self.by_offer = inputs.offer_area
        self.month_axis = timeline(AXIS_MONTH, months, CASHFLOWS)
        self.years = timeline(AXIS_YEAR, months, CASHFLOWS)
        self.discount = timeline(AXIS_DISCOUNT, months, CASHFLOWS)
        self.rate = inputs.model_number("model.discount_rate")
        self.own_fractions = timeline(layout.bisection.fraction_row, months, SCENARIOS)
        self.accelerated_fractions = timeline(layout.schedules.timeline_row[ACCELERATED], months, SCHEDULES)
        self.tranche_months = tranche_area(layout, ACCELERATED, "month")
        self.tranche_fractions = tranche_area(layout, ACCELERATED, "fraction")

    def target(self, key: str) -> str:
        """The target's input (INDEX of its column): blank stays blank, so ISNUMBER tells."""
        return f"INDEX({self.by_offer(key)},{self.position})"

    def target_number(self, key: str) -> str:
        return f"N({self.target(key)})"

    def parameter(self, name: str) -> str:
        """The target's equity parameter from the break-even search on Scenarios."""
        return cell(self.layout.bisection.parameter(name), PARAM_COL, SCENARIOS)

    def per_share(self) -> str:
        """Value per share vesting in each month, liquidity and dilution included (an array term)."""
        p = self.parameter
        price = f"{p('price')}*(1+{p('growth')})^({self.month_axis}/12)"
        return (f"({price}-{p('strike')})*({price}>{p('strike')})*{p('liquidity')}"
                f"*(1-{p('dilution')})^({self.month_axis}/12)")


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
    certain_bump = (f"({terms.month_axis}>{tn('fallback.after_months')})*({tn('base')}*(1+{tn('annual_raise')})"
                    f"^({terms.years}-1)/12*{tn('fallback.bump')}+{tn('fallback.bump_amount')}/12)")
    bonus_rate = f"{tn('bonus_target')}*IF({payout}=\"\",1,N({payout}))"
    grant = lambda fractions: (f'IF({terms.parameter("type")}="none",0,{terms.parameter("initial_shares")}'
                               f"*SUMPRODUCT({fractions}*{terms.per_share()}*{terms.discount}))")
    bump_for = lambda gap: (f'IF({gap}=0,0,IF({here("probability")}*{calc("bump_factor")}>0,'
                            f'{gap}/({here("probability")}*{calc("bump_factor")}),""))')
    formulas = {
        "after_months": (f'=IF({after_input}="",IF(ISNUMBER({terms.target("fallback.after_months")}),'
                         f'{terms.target("fallback.after_months")},6),N({after_input}))'),
        "probability": (f'=IF({probability_input}="",IF(ISNUMBER({terms.target("fallback.probability")}),'
                        f'{terms.target("fallback.probability")},1),N({probability_input}))'),
        "guaranteed_months": f"={tn('fallback.guaranteed_months')}",
        "ask_bump": "=" + bump_for(deal("gap")),
        "ask_bump_amount": (f'=IF({deal("gap")}=0,0,IF({here("probability")}*{calc("bump_amount_factor")}>0,'
                            f'{deal("gap")}/({here("probability")}*{calc("bump_amount_factor")}),""))'),
        "probability_to_close": (f'=IF(OR({deal("alternative")}="",NOT({calc("fallback_given")})),"",'
                                 f'IF({calc("fallback_slope")}>0,MAX(0,(N({deal("alternative_pv")})'
                                 f'-{calc("pv_without_fallback")})/{calc("fallback_slope")}),""))'),
        "acceleration_value": (f'=IF({terms.parameter("type")}="none","",'
                               f'{calc("accelerated_grant_pv")}-{calc("own_grant_pv")})'),
        "gap_after_acceleration": f'=MAX(0,{deal("gap")}-MAX(0,N({here("acceleration_value")})))',
        "package_bump": "=" + bump_for(here("gap_after_acceleration")),
        "bump_factor": (f"={tn('base')}*SUMPRODUCT((1+{tn('annual_raise')})^({terms.years}-1)/12"
                        f"*({terms.month_axis}>{here('after_months')})*{terms.discount})"),
        "bump_amount_factor": f"=SUMPRODUCT(({terms.month_axis}>{here('after_months')})*{terms.discount})/12",
        "fallback_given": f"=ISNUMBER({terms.target('fallback.after_months')})",
        "target_probability": f"={tn('fallback.probability')}",
        "fallback_slope": (f"=IF({calc('fallback_given')},SUMPRODUCT({certain_bump}*({terms.discount}"
                           f"+{bonus_rate}*(1+{terms.rate})^(-{terms.years}))),0)"),
        "pv_without_fallback": f"={deal('target_pv')}-{calc('target_probability')}*{calc('fallback_slope')}",
        "own_grant_pv": "=" + grant(terms.own_fractions),
        "accelerated_grant_pv": "=" + grant(terms.accelerated_fractions),
        "tranche_count": f"=COUNT({terms.tranche_months})",
        "last_month": f'=IF({calc("tranche_count")}=0,"",MAX({terms.tranche_months}))',
    }
    months, fractions = terms.tranche_months, terms.tranche_fractions
    for n in range(1, WORDS_TRANCHES + 1):
        if n == 1:
            month = f'=IF({calc("tranche_count")}=0,"",MIN({months}))'
        else:  # the next distinct month after the one before
            before = calc(f"month_{n - 1}")
            vested = f'COUNTIF({months},"<="&{before})'
            month = f'=IF({before}="","",IF({vested}<{calc("tranche_count")},SMALL({months},{vested}+1),""))'
        formulas[f"month_{n}"] = month
        formulas[f"fraction_{n}"] = (f'=IF({calc(f"month_{n}")}="","",'
                                     f'SUMIF({months},{calc(f"month_{n}")},{fractions}))')
    return formulas


def _schedule_words(values: dict[str, object]) -> t.Txt:
    calc = lambda key: cell(calculation_row(key), PARAM_COL)
    pieces = []
    for n in range(1, WORDS_TRANCHES + 1):
        month, fraction = values[f"month_{n}"], values[f"fraction_{n}"]
        present = month != ""
        piece = t.join("" if n == 1 else ", ", t.short_percent(calc(f"fraction_{n}"), fraction or 0.0), " after ",
                       t.whole(calc(f"month_{n}"), month or 0),
                       t.if_(f'{calc(f"month_{n}")}=1', month == 1, " month", " months"))
        pieces.append(t.if_(f'{calc(f"month_{n}")}=""', not present, "", piece))
    last_shown = calc(f"month_{WORDS_TRANCHES}")
    more = values[f"month_{WORDS_TRANCHES}"] != "" and values["last_month"] > values[f"month_{WORDS_TRANCHES}"]
    rest = t.if_(f'{last_shown}=""', values[f"month_{WORDS_TRANCHES}"] == "", "",
                 t.if_(f"{calc('last_month')}>{last_shown}", more,
                       t.join(" and the rest by month ", t.whole(calc("last_month"), values["last_month"] or 0)), ""))
    return t.join(*pieces, rest)


def package_texts(figures: Figures, layout: Layout) -> dict[str, t.Txt]:
    """The package in words (what to ask for) and why acceleration (money, or protection)."""
    values = stored_values(figures)
    deal = figures.valuation.negotiation
    here = lambda key: cell(ROWS.package(key), PARAM_COL)
    words = t.ref(here("schedule_words"), values["schedule_words"])
    acceleration = deal.acceleration_value
    bump = deal.package_bump
    has_equity = acceleration is not None
    acceleration_part = t.if_(f'{here("acceleration_value")}=""', not has_equity, "",
                              t.join("accelerated vesting of the initial grant (", words, ")"))
    guaranteed = values["guaranteed_months"]
    bump_words = t.join(
        "a fallback bump of ", t.short_percent(here("package_bump"), bump or 0.0), " of base salary starting after ",
        t.whole(here("after_months"), values["after_months"]), " months, tied to a milestone",
        t.if_(f'{here("guaranteed_months")}>0', guaranteed > 0,
              t.join(", with ", t.whole(here("guaranteed_months"), guaranteed),
                     " months of pay guaranteed if the role is cut"), ""))
    no_bump = bump is None or bump == 0
    bump_part = t.if_(f'N({here("package_bump")})=0', no_bump, "", bump_words)
    both = has_equity and not no_bump
    # No bump can close the gap (a 0% milestone, or no month left): no package, the texts ask as before.
    package = t.if_(f'{here("package_bump")}=""', bump is None, "", t.join(
        acceleration_part, t.if_(f'AND({here("acceleration_value")}<>"",N({here("package_bump")})<>0)', both,
                                 " and ", ""), bump_part))

    kept_12 = cell(ROWS.package("kept"), PARAM_COL + leave_months(layout).index(12))
    kept_12_value = (deal.acceleration_kept or {}).get(12, 0.0)
    protection = t.if_(f"N({kept_12})>0", kept_12_value > 0,
                       t.join("I ask for acceleration as protection rather than as money: if the role were cut at "
                              "month 12, it would keep ", t.money(kept_12, kept_12_value),
                              " more of the grant vested."),
                       "I ask for acceleration as protection against the role being cut early, not as money.")
    gap_left = t.money(here("gap_after_acceleration"), deal.gap_after_acceleration)
    worth = t.money(here("acceleration_value"), acceleration or 0.0)
    as_money = t.if_(f'{here("package_bump")}=""', bump is None, t.join("Acceleration is worth ", worth,
                                                                         " to me in present value."),
                     t.if_(f"{here('package_bump')}=0", bump == 0,
                           t.join("Acceleration alone is worth ", worth, " to me in present value, enough to close "
                                  "the gap."),
                           t.join("Acceleration is worth ", worth, " to me in present value; the bump closes the "
                                  "remaining ", gap_left, ".")))
    positive = acceleration is not None and acceleration > 0
    why = t.if_(f'{here("acceleration_value")}=""', not has_equity, "",
                t.if_(f"{here('acceleration_value')}>0", positive, as_money, protection))
    # Without a gap there is nothing to ask for: the words stay empty (the texts only confirm).
    no_gap = deal.gap == 0
    gap_is_0 = f"{cell(ROWS.deal('gap'), PARAM_COL)}=0"
    package, why = t.if_(gap_is_0, no_gap, "", package), t.if_(gap_is_0, no_gap, "", why)
    return {"package_words": package, "acceleration_words": why, "schedule_words": _schedule_words(values)}


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
        sheet.label(row, LABEL_COL, label)
        if key == "kept_months":
            for n, month in enumerate(months):
                sheet.value(row, PARAM_COL + n, month, styles.INTEGER, styles.CONSTANT)
        elif key == "kept":
            for n, month in enumerate(months):
                leave = cell(ROWS.package("kept_months"), PARAM_COL + n)
                formula = (f'=IF({p.parameter("type")}="none","",{p.parameter("initial_shares")}'
                           f"*SUMPRODUCT(({p.accelerated_fractions}-{p.own_fractions})*({p.month_axis}<={leave})"
                           f"*{p.per_share()}))")
                sheet.formula(row, PARAM_COL + n, formula, kept[month] if kept is not None else None, number_format)
        elif key in texts:
            piece = texts[key]
            last = PARAM_COL + max(len(months), 4) - 1  # as wide as the leave months' row
            sheet.merged_formula(row, PARAM_COL, last, piece.formula, piece.v, text_wrap=True, valign="top")
            if key != "schedule_words":
                sheet.height(row, 44)  # room for three wrapped lines
        else:
            sheet.formula(row, PARAM_COL, formulas[key], values[key], number_format)

    first = ROWS.package_calculations
    sheet.label(first, LABEL_COL, "Behind the package (the target's own assumptions)", styles.HEADER)
    for key in CALCULATIONS:
        label, number_format = CALCULATION_LABELS[key]
        sheet.label(calculation_row(key), LABEL_COL, label)
        sheet.formula(calculation_row(key), PARAM_COL, formulas[key], values[key], number_format)
