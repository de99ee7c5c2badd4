"""The figures and inputs the texts are built on, as the engine computes them.

Each fact has a key, a label and a kind; the workbook gives each one a cell (a link to Inputs or
Negotiation, or a small formula) on the Texts sheet, the command line takes the values here.
The two sides of the deal are the target ("target.*") and its best alternative ("rival.*"); the
accelerated schedule asked for is "accelerated.*"."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from ..business_days import workday
from ..engine import Valuation
from ..model import Offer, OffersFile, Schedule
from .book import COUNT, DATE, FACTOR, FLAG, MONEY, PERCENT, TEXT, Facts

STRETCH_BOUND = 0.20  # a bump or base ask above this share of base is a stretch
MODEST_BUMP = 0.05  # when the target already leads, the bump asked for, a share of base
COMMITTEE_DAYS = 3  # business days asked for the compensation committee's answer
LEAVE_MONTH = 12  # the leave month the advisor's sentences quote
SCHEDULE_YEARS = 10  # a tranche table runs to month 120
PARAGRAPH = "\n\n"
OUTCOME_WORDS = (("p10", "1-in-10 (p10)"), ("p50", "median (p50)"), ("p90", "9-in-10 (p90)"))
SIDES = ("target", "rival")
CONSTANTS = {
    "stretch_bound": ("A bump or base ask above this share of base is a stretch", PERCENT, STRETCH_BOUND),
    "modest_bump": ("Bump asked for when the target already leads (share of base)", PERCENT, MODEST_BUMP),
    "committee_days": ("Business days asked for the compensation committee's answer", COUNT, COMMITTEE_DAYS),
    "leave_month": ("Leave month the advisor's sentences quote", COUNT, LEAVE_MONTH),
    "paragraph": ("Paragraph break (two line breaks)", TEXT, PARAGRAPH),
    "line": ("Line break", TEXT, "\n"),
}


def side_keys(side: str, horizon_years: int) -> dict[str, tuple[str, str]]:
    """The keys of one side's terms: key -> (label, kind)."""
    who = "Target" if side == "target" else "Best alternative"
    keys = {
        f"{side}.position": (f"{who}: position among the offers", COUNT),
        f"{side}.name": (f"{who}: name", TEXT), f"{side}.title": (f"{who}: title", TEXT),
        f"{side}.base": (f"{who}: base salary", MONEY), f"{side}.bonus_target": (f"{who}: bonus target", PERCENT),
        **{f"{side}.signon.{y}": (f"{who}: sign-on, year {y}", MONEY) for y in range(1, horizon_years + 1)},
        f"{side}.signon_years": (f"{who}: years with a sign-on", COUNT),
        f"{side}.equity": (f"{who}: equity (rsu, options or none)", TEXT),
        f"{side}.schedule": (f"{who}: vesting schedule (a preset, or custom)", TEXT),
        f"{side}.grant_value": (f"{who}: grant value as given", MONEY),
        f"{side}.shares": (f"{who}: grant in shares as given", COUNT),
        f"{side}.percent": (f"{who}: grant as a share of the company as given", FACTOR),
        f"{side}.company_share": (f"{who}: share of the company (with a company value)", FACTOR),
        f"{side}.strike": (f"{who}: strike", FACTOR),
        f"{side}.window": (f"{who}: exercise window (months)", COUNT),
        **{f"{side}.{what}": (f"{who}: {words} present value over the draws", MONEY) for what, words in OUTCOME_WORDS},
    }
    keys.update(schedule_keys(side, f"{who}'s schedule"))
    return keys


def schedule_keys(prefix: str, who: str) -> dict[str, tuple[str, str]]:
    return {**{f"{prefix}.year.{y}": (f"{who}: vests in year {y}", PERCENT) for y in range(1, SCHEDULE_YEARS + 1)},
            f"{prefix}.years": (f"{who}: years it vests over", COUNT),
            f"{prefix}.first": (f"{who}: first vest month", COUNT)}


DEAL_KEYS = {
    "milestone": ("Milestone the bump is tied to", TEXT),
    "redact": ("Name the rival only by its label", FLAG),
    "rival": ("The rival as the texts name it", TEXT),
    "recruiter": ("Recruiter", TEXT),
    "candidate": ("Your name", TEXT),
    "competing_deadline": ("The rival's own deadline", DATE),
    "respond_by": ("Answer asked for by", DATE),
    "follow_up_on": ("Follow-up on (the business day before)", DATE),
    "offer_count": ("Offers compared", COUNT),
    "gap": ("Gap in present value", MONEY),
    "lead": ("Target's lead (+) or shortfall (-) in present value", MONEY),
    "tax_on": ("After-tax figures on", FLAG),
    "lead_after_tax": ("Target's lead (+) or shortfall (-) after tax", MONEY),
    "gap_after_acceleration": ("Gap left after acceleration", MONEY),
    "package_bump": ("Package bump that closes the gap with acceleration", PERCENT),
    "after_months": ("The bump asked for starts after month", COUNT),
    "lever_probability": ("Its milestone probability", PERCENT),
    "bump_factor": ("D_f: PV of the target's base paid after the bump starts", MONEY),
    "guaranteed": ("Target's guaranteed tenure (months)", COUNT),
    "has_fallback": ("The target has a fallback clause", FLAG),
    "acceleration_value": ("Accelerated vesting adds (present value)", MONEY),
    "kept_leave": ("Acceleration keeps if you leave at the quoted month", MONEY),
    "ask_base": ("Ask: extra base salary", MONEY),
    "ask_signon": ("Ask: extra sign-on", MONEY),
    "ask_equity": ("Ask: extra RSU grant value", MONEY),
    "probability_to_close": ("Milestone probability at which the target ties", PERCENT),
    "exercise_cost": ("Target: cost of keeping vested options after leaving at the quoted month", MONEY),
    "after_tax.leader": ("Highest present value after tax: the offer", TEXT),
    "after_tax.best": ("Highest present value after tax", MONEY),
    "after_tax.margin": ("Its lead after tax over the next best offer", MONEY),
    "before_tax.leader": ("Highest present value before tax: the offer", TEXT),
    "before_tax.location": ("That offer's tax location", TEXT),
    "draws": ("Outcomes drawn for each offer", COUNT),
    "odds": ("Odds that the best alternative pays more (over the draws)", PERCENT),
}


def fact_kinds(horizon_years: int) -> dict[str, tuple[str, str]]:
    """Every fact: key -> (label, kind), in the order the Texts sheet lists them."""
    kinds = {key: (label, kind) for key, (label, kind, _) in CONSTANTS.items()}
    kinds.update({f"year_number.{y}": (f"Year {y}", COUNT) for y in range(1, SCHEDULE_YEARS + 1)})
    kinds.update(DEAL_KEYS)
    for side in SIDES:
        kinds.update(side_keys(side, horizon_years))
    kinds.update(schedule_keys("accelerated", "Accelerated schedule"))
    return kinds


# --- the values -----------------------------------------------------------------------------

def year_fractions(schedule: Optional[Schedule]) -> tuple[list[float], int, int]:
    """The fraction vesting in each schedule year 1..10, the years it vests over and its first
    vest month (no schedule: nothing)."""
    fractions = [0.0] * SCHEDULE_YEARS
    if schedule is None or not schedule.tranches:
        return fractions, 0, 0
    for month, fraction in schedule.tranches:
        fractions[(month - 1) // 12] += fraction
    return fractions, -(-schedule.last_month // 12), min(month for month, _ in schedule.tranches)


def schedule_values(prefix: str, schedule: Optional[Schedule]) -> dict[str, object]:
    fractions, years, first = year_fractions(schedule)
    return {**{f"{prefix}.year.{y}": fractions[y - 1] for y in range(1, SCHEDULE_YEARS + 1)},
            f"{prefix}.years": years, f"{prefix}.first": first}


def side_values(side: str, offer: Optional[Offer], position: Optional[int],
                horizon_years: int) -> dict[str, object]:
    """One side's terms as the offers file states them ("" where it states nothing)."""
    if offer is None:  # no alternative: no terms, and a schedule of nothing
        return {**{key: "" for key in side_keys(side, horizon_years)}, **schedule_values(side, None)}
    equity = offer.equity
    signon = [offer.signon[y - 1] if y <= len(offer.signon) else 0.0 for y in range(1, horizon_years + 1)]
    values: dict[str, object] = {
        f"{side}.position": position, f"{side}.name": offer.name, f"{side}.title": offer.title, f"{side}.base": offer.base,
        f"{side}.bonus_target": offer.bonus_target,
        **{f"{side}.signon.{y}": amount for y, amount in enumerate(signon, start=1)},
        f"{side}.signon_years": sum(1 for amount in signon if amount > 0),
        f"{side}.equity": equity.type if equity else "none",
        f"{side}.schedule": (equity.schedule.preset or "custom") if equity else "",
        f"{side}.grant_value": _given(equity and equity.grant_value),
        f"{side}.shares": _given(equity and equity.grant_shares),
        f"{side}.percent": _given(equity and equity.percent),
        f"{side}.company_share": (equity.shares * equity.price / equity.company_value
                                  if equity and equity.company_value else ""),
        f"{side}.strike": equity.strike if equity else 0.0,
        f"{side}.window": equity.exercise_window_months if equity else 0,
    }
    values.update(schedule_values(side, equity.schedule if equity else None))
    return values


def _given(value) -> object:
    return "" if value is None else value


def fact_values(offers_file: OffersFile, valuation: Valuation) -> dict[str, object]:
    """Every fact's value, from the engine and the offers file."""
    settings, levers = offers_file.model, offers_file.negotiation
    wording = levers.wording
    deal = valuation.negotiation
    target = offers_file.target
    rival = offers_file.offer(deal.alternative) if deal.alternative else None
    values_by_name = {v.name: v for v in valuation.offers}
    lead = values_by_name[deal.target].pv - values_by_name[deal.alternative].pv if rival else ""
    after = values_by_name[deal.target].after_tax
    lead_after_tax = (after.pv - values_by_name[deal.alternative].after_tax.pv
                      if rival and after is not None else "")
    kept = deal.acceleration_kept
    fallback = target.fallback
    respond_by = deal.respond_by
    from ..engine.levers import bump_pv_factor
    leave = valuation.leave[target.name].get(LEAVE_MONTH, {})
    values: dict[str, object] = {key: value for key, (_, _, value) in CONSTANTS.items()}
    values.update({f"year_number.{y}": y for y in range(1, SCHEDULE_YEARS + 1)})
    values.update({
        "milestone": wording.milestone, "redact": wording.redact,
        "rival": (wording.alternative_label if wording.redact else deal.alternative) if rival else "",
        "recruiter": wording.recruiter, "candidate": wording.candidate,
        "competing_deadline": wording.competing_deadline or "",
        "respond_by": respond_by or "",
        "follow_up_on": workday(respond_by, -1, settings.holidays) if respond_by else "",
        "offer_count": len(offers_file.offers), "gap": deal.gap, "lead": lead, "tax_on": offers_file.tax is not None,
        "lead_after_tax": lead_after_tax,
        "gap_after_acceleration": deal.gap_after_acceleration, "package_bump": _given(deal.package_bump), "after_months": levers.fallback_after_months,
        "lever_probability": levers.fallback_probability,
        "bump_factor": bump_pv_factor(target, settings, levers.fallback_after_months),
        "guaranteed": fallback.guaranteed_months if fallback else 0, "has_fallback": fallback is not None,
        "acceleration_value": _given(deal.acceleration_value),
        "kept_leave": kept.get(LEAVE_MONTH, "") if kept else "",
        "ask_base": deal.ask_base if deal.ask_base is not None else "", "ask_signon": deal.ask_signon,
        "ask_equity": _given(deal.ask_equity), "probability_to_close": _given(deal.probability_to_close),
        "exercise_cost": _given(leave.get("exercise_cost")),
        "draws": settings.draws, "odds": _given(deal.odds_alternative_wins),
        **_leaders(offers_file, valuation),
    })
    names = [o.name for o in offers_file.offers]
    values.update(side_values("target", target, names.index(target.name) + 1, settings.horizon_years))
    values.update(side_values("rival", rival, names.index(rival.name) + 1 if rival else None,
                              settings.horizon_years))
    for side, offer in (("target", target), ("rival", rival)):
        outcomes = values_by_name[offer.name].outcomes if offer is not None else None
        values.update({f"{side}.{what}": outcomes[what] if outcomes else "" for what, _ in OUTCOME_WORDS})
    values.update(schedule_values("accelerated", levers.accelerated_schedule))
    return values


def _leaders(offers_file: OffersFile, valuation: Valuation) -> dict[str, object]:
    """The offer with the highest present value before tax and after (the first of equals), and
    the lead after tax ("" without after-tax figures or a second offer)."""
    offers = valuation.offers
    pvs = [v.pv for v in offers]
    before = offers_file.offers[pvs.index(max(pvs))]
    found = {"before_tax.leader": before.name, "before_tax.location": before.tax_location or "",
             "after_tax.leader": "", "after_tax.best": "", "after_tax.margin": ""}
    if any(v.after_tax is None for v in offers):
        return found
    after = [v.after_tax.pv for v in offers]
    ranked = sorted(after, reverse=True)
    found.update({"after_tax.leader": offers[after.index(ranked[0])].name, "after_tax.best": ranked[0],
                  "after_tax.margin": ranked[0] - ranked[1] if len(after) > 1 else ""})
    return found


def facts_for(offers_file: OffersFile, valuation: Valuation) -> Facts:
    """The facts as the command line has them: values only."""
    return Facts(fact_values(offers_file, valuation))


def is_date(value) -> bool:
    return isinstance(value, dt.date)
