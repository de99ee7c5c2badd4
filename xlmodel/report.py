"""The plain-text report that `xlmodel value` prints."""
from __future__ import annotations

from datetime import date
from typing import Iterable, Optional

from .engine import COMPONENTS, Negotiation, Valuation
from .model import OffersFile
from .texts.book import Book
from .texts.facts import LEAVE_MONTH, STRETCH_BOUND
from .texts.negotiation import TEXT_KEYS, TEXT_TITLES, texts_for
from .texts.schedule import schedule_text

NO_MILESTONE = "no milestone closes the gap"

COMPONENT_LABELS = {"salary": "Salary", "bonus": "Bonus", "signon": "Sign-on", "equity": "Equity"}


def money(value: Optional[float]) -> str:
    if value is None:
        return "n/a"
    sign = "-" if round(value) < 0 else ""
    return f"{sign}${abs(value):,.0f}"


def _table(header: list[str], rows: Iterable[list[str]]) -> list[str]:
    rows = [header] + list(rows)
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [cell.rjust(w) for cell, w in zip(row[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def _day(value: Optional[date]) -> str:
    return value.strftime("%a %Y-%m-%d") if value else "n/a (no model.decision_date)"


def _no_equity_ask(offers_file: OffersFile) -> str:
    equity = offers_file.target.equity
    if equity is None or not equity.is_rsu:
        return "n/a (target has no RSUs)"
    return "n/a (no RSU grant vesting within the horizon can close it)"


def _percent(value: Optional[float], missing: str) -> str:
    return f"{value:.2%}" if value is not None else missing


def _bump(value: Optional[float], missing: str) -> str:
    """A bump as a share of base, flagged when it is beyond reach."""
    if value is None:
        return missing
    return f"{value:.2%}" + (f" (a stretch: above {STRETCH_BOUND:.0%} of base)" if value > STRETCH_BOUND else "")


def _no_probability(offers_file: OffersFile, deal: Negotiation) -> str:
    if deal.alternative is None:
        return "n/a (no alternative offer)"
    if offers_file.target.fallback is None:
        return "n/a (target has no fallback clause)"
    return "n/a (its fallback pays nothing within the horizon)"


def _odds_to_close(offers_file: OffersFile, deal: Negotiation) -> str:
    odds = deal.probability_to_close
    if odds is None:
        return _no_probability(offers_file, deal)
    return NO_MILESTONE if odds > 1 else f"{odds:.2%}"


def _package(offers_file: OffersFile, deal: Negotiation, texts: Book) -> list[str]:
    """The counter-offer as a package: what the texts ask for, then the levers behind it."""
    levers = offers_file.negotiation
    target = offers_file.target
    no_bump = "n/a (no bump paid within the horizon at these odds can close it)"
    no_equity = "n/a (target has no equity)"
    rows = [
        ["Ask: extra fallback bump alone (of base)", _bump(deal.ask_bump, no_bump)],
        ["Ask: the same bump in dollars (a year)", money(deal.ask_bump_amount) if deal.ask_bump_amount is not None else no_bump],
        [f"Milestone odds at which {target.name} ties", _odds_to_close(offers_file, deal)],
        ["Acceleration value (present value)", money(deal.acceleration_value) if deal.acceleration_value is not None else no_equity],
        ["Gap after acceleration", money(deal.gap_after_acceleration)],
        ["Package: acceleration plus a bump of", _bump(deal.package_bump, no_bump)],
    ]
    out = [f"Package: bump paid from month {levers.fallback_after_months + 1} at "
           f"{levers.fallback_probability:.0%} odds; initial grant accelerated to "
           f"{schedule_text(levers.accelerated_schedule)}"]
    out += _table(["", ""], rows)[2:]
    for key in ("package_sentence", "acceleration_words"):
        if texts.result(key):
            out.append(texts.result(key))
    if deal.acceleration_kept:
        rows = [[f"  Leave at month {month}", money(kept)] for month, kept in deal.acceleration_kept.items()]
        out += ["What acceleration keeps of the initial grant if you leave (nominal, accelerated minus own)"]
        out += _table(["", ""], rows)[2:]
    return out


def _short_money(value: float) -> str:
    """$1.62M, $850k."""
    if abs(value) >= 1e6:
        return f"${value / 1e6:,.2f}M"
    return f"${value / 1e3:,.0f}k"


def _odds(offers_file: OffersFile, valuation: Valuation) -> list[str]:
    """Who pays more across the draws, and each offer's p10, p50, p90 and mean (none without draws)."""
    offers = valuation.offers
    if not valuation.draws or any(v.outcomes is None for v in offers):
        return []
    deal = valuation.negotiation
    out = [f"Outcomes ({offers_file.model.draws:,} draws of each offer's growth and liquidity; present value)"]
    by_name = {v.name: v for v in offers}
    if deal.alternative is not None and deal.odds_alternative_wins is not None:
        target, alternative = by_name[deal.target], by_name[deal.alternative]
        out.append(f"{deal.alternative} pays more than {deal.target} in {deal.odds_alternative_wins:.0%} of outcomes; "
                   f"median outcome {deal.target} {_short_money(target.outcomes['p50'])}, "
                   f"{deal.alternative} {_short_money(alternative.outcomes['p50'])}")
    rows = [[label] + [money(v.outcomes[key]) for v in offers]
            for key, label in (("p10", "p10 (1 in 10 do worse)"), ("p50", "p50 (median)"), ("p90", "p90"),
                               ("mean", "mean"))]
    return out + _table(["", *(v.name for v in offers)], rows) + [""]


def _gap_row(deal: Negotiation, gap: Optional[float], lead: Optional[float], after_tax: str = "") -> list[str]:
    """The gap, or the lead, signed, where the gap is 0: "Amazon leads Harbor AI after tax by"."""
    if gap is None:
        return [f"Gap in present value{after_tax}", "n/a (no [tax] table)"]
    if deal.alternative is not None and gap == 0 and lead is not None:
        return [f"{deal.target} leads {deal.alternative}{after_tax} by", money(lead)]
    return [f"Gap in present value{after_tax}", money(gap)]


def _exercise(offers_file: OffersFile, valuation: Valuation) -> list[str]:
    """What keeping vested options costs after leaving, for each options offer."""
    out = []
    for offer in offers_file.offers:
        cost = valuation.leave[offer.name].get(LEAVE_MONTH, {}).get("exercise_cost")
        if cost is not None:
            window = offer.equity.exercise_window_months
            out.append(f"{offer.name}: keeping your vested options after leaving at month {LEAVE_MONTH} costs "
                       f"{money(cost)} within {window} month{'' if window == 1 else 's'}.")
    return out


def _after_tax_section(offers_file: OffersFile, valuation: Valuation) -> list[str]:
    tax = offers_file.tax
    if tax is None:
        return []
    offers = valuation.offers
    by_name = {o.name: o for o in offers_file.offers}
    rows = [["Tax location"] + [by_name[v.name].tax_location for v in offers]]
    for y in range(offers_file.model.horizon_years):
        rows += [[f"Year {y + 1}: before tax"] + [money(v.years[y]) for v in offers],
                 [f"Year {y + 1}: taxes"] + [money(v.after_tax.taxes[y]) for v in offers],
                 [f"Year {y + 1}: federal deduction"] + [_deduction(v.after_tax.by_year[y]) for v in offers],
                 [f"Year {y + 1}: after tax"] + [money(v.after_tax.years[y]) for v in offers]]
    rows += [["Total: before tax"] + [money(v.total) for v in offers],
             ["Total: after tax"] + [money(v.after_tax.total) for v in offers],
             ["Present value: before tax"] + [money(v.pv) for v in offers],
             ["Present value: after tax"] + [money(v.after_tax.pv) for v in offers]]
    title = (f"After tax ({tax.filing_status} filer; 2026 tables"
             + (f", indexed {tax.indexation:.2%} a year" if tax.indexation else "")
             + "; equity, options included, taxed as wages at vest)")
    return [title] + _table(["", *(v.name for v in offers)], rows) + [""]


def _deduction(year) -> str:
    return f"{money(year.deduction)} {'itemized' if year.itemizes else 'standard'}"


def render(offers_file: OffersFile, valuation: Valuation, source: str) -> str:
    settings = offers_file.model
    names = [v.name for v in valuation.offers]
    out = [f"xlmodel: {source}",
           f"{settings.horizon_years} years from {settings.start_date.isoformat()}, "
           f"discount rate {settings.discount_rate:.2%}, target {settings.target}", ""]

    rows = [[f"Year {y + 1}"] + [money(v.years[y]) for v in valuation.offers] for y in range(settings.horizon_years)]
    rows += [["Total (nominal)"] + [money(v.total) for v in valuation.offers],
             ["Present value"] + [money(v.pv) for v in valuation.offers],
             ["Annualized"] + [money(v.annualized) for v in valuation.offers]]
    rows += [[f"  {COMPONENT_LABELS[c]}"] + [money(v.components[c]) for v in valuation.offers] for c in COMPONENTS]
    out += ["Total compensation"] + _table(["", *names], rows) + [""]
    out += _after_tax_section(offers_file, valuation)

    rows = [[s.name] + [money(s.pv[n]) for n in names] for s in valuation.scenarios]
    out += ["Scenarios (present value)"] + _table(["", *names], rows) + [""]

    out += _odds(offers_file, valuation)

    deal = valuation.negotiation
    texts = texts_for(offers_file, valuation)
    facts = texts.facts.values
    lead, lead_after_tax = facts["lead"], facts["lead_after_tax"]
    out += [f"Negotiation: {deal.target}" + (f" against {deal.alternative}" if deal.alternative else " (no alternative offer)")]
    out += [sentence for sentence in (texts.result("verdict"), texts.result("asks")) if sentence]
    out += _table(["", ""], [
        _gap_row(deal, deal.gap, lead if lead != "" else None),
        _gap_row(deal, deal.after_tax_gap, lead_after_tax if lead_after_tax != "" else None, " after tax"),
        ["Ask: extra base (a year)", money(deal.ask_base)],
        ["Ask: extra sign-on (month 1)", money(deal.ask_signon)],
        ["Ask: extra RSU grant value", money(deal.ask_equity) if deal.ask_equity is not None else _no_equity_ask(offers_file)],
        ["Respond by", _day(deal.respond_by)],
        ["Offer expires", _day(deal.expires)],
        ["Target's break-even stock growth",
         f"{valuation.break_even_growth:.2%}" if valuation.break_even_growth is not None else "n/a (no tie from -30% to +30%)"],
    ])[2:]
    out += [""] + _package(offers_file, deal, texts) + [""]

    growths = list(next(iter(valuation.sensitivity.values())))
    rows = [[f"Growth {g:+.0%}"] + [money(valuation.sensitivity[n][g]) for n in names] for g in growths]
    out += ["Present value if every offer's stock grows at"] + _table(["", *names], rows) + [""]

    months = sorted({m for by_month in valuation.leave.values() for m in by_month})
    if months:
        rows = [[f"Month {m}: quit"] + [money(valuation.leave[n][m]["quit"]) for n in names] for m in months]
        rows += [[f"Month {m}: role cut"] + [money(valuation.leave[n][m]["cut"]) for n in names] for m in months]
        if any(valuation.leave[n][m].get("exercise_cost") is not None for n in names for m in months):
            rows += [[f"Month {m}: cost to keep vested options"]
                     + [money(valuation.leave[n][m]["exercise_cost"]) if valuation.leave[n][m].get("exercise_cost")
                        is not None else "-" for n in names] for m in months]
        out += ["Leaving early (nominal dollars kept)"] + _table(["", *names], rows) + _exercise(offers_file, valuation)
        out += [""]
    out += ["The texts for the recruiter (counter-request, follow-up, replies): xlmodel value --texts"]
    return "\n".join(out)


def render_texts(offers_file: OffersFile, valuation: Valuation) -> str:
    """The texts for the recruiter, ready to paste: `xlmodel value --texts`."""
    texts = texts_for(offers_file, valuation)
    out = []
    for key in TEXT_KEYS:
        title = TEXT_TITLES[key]
        if key == "follow_up" and texts.facts["follow_up_on"].v:
            title += f" (send on {texts.facts['follow_up_on'].v:%A, %B} {texts.facts['follow_up_on'].v.day})"
        out += [f"== {title}", texts.result(key), ""]
    return "\n".join(out).rstrip() + "\n"
