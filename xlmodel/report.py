"""The plain-text report that `xlmodel value` prints."""
from __future__ import annotations

from datetime import date
from typing import Iterable, Optional

from .engine import COMPONENTS, Negotiation, Valuation
from .model import OffersFile, Schedule

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


def _schedule_text(schedule: Schedule) -> str:
    if schedule.preset:
        return f"the {schedule.preset!r} schedule"
    if len(schedule.tranches) <= 4:
        return ", ".join(f"{fraction:.0%} at month {month}" for month, fraction in schedule.tranches)
    return f"{len(schedule.tranches)} tranches to month {schedule.last_month}"


def _no_probability(offers_file: OffersFile, deal: Negotiation) -> str:
    if deal.alternative is None:
        return "n/a (no alternative offer)"
    if offers_file.target.fallback is None:
        return "n/a (target has no fallback clause)"
    return "n/a (its fallback pays nothing within the horizon)"


def _package(offers_file: OffersFile, deal: Negotiation) -> list[str]:
    """The counter-offer as a package: a contingent bump and acceleration of the initial grant."""
    levers = offers_file.negotiation
    target = offers_file.target
    no_bump = "n/a (no bump paid within the horizon at these odds can close it)"
    no_equity = "n/a (target has no equity)"
    odds = deal.probability_to_close
    rows = [
        ["Ask: extra fallback bump (of base)", _percent(deal.ask_bump, no_bump)],
        ["Ask: the same bump in dollars (a year)", money(deal.ask_bump_amount) if deal.ask_bump_amount is not None else no_bump],
        [f"Milestone odds at which {target.name} ties",
         _percent(odds, _no_probability(offers_file, deal)) + (" (no milestone closes the gap)" if odds and odds > 1 else "")],
        ["Acceleration value (present value)", money(deal.acceleration_value) if deal.acceleration_value is not None else no_equity],
        ["Gap after acceleration", money(deal.gap_after_acceleration)],
        ["Package: acceleration plus a bump of", _percent(deal.package_bump, no_bump)],
    ]
    out = [f"Package: bump paid from month {levers.fallback_after_months + 1} at "
           f"{levers.fallback_probability:.0%} odds; initial grant accelerated to "
           f"{_schedule_text(levers.accelerated_schedule)}"]
    out += _table(["", ""], rows)[2:]
    value = deal.acceleration_value
    if value is not None and value < 0:
        out.append(f"Acceleration costs {money(-value)} in present value: the accelerated schedule vests less "
                   "within the horizon than the offer's own.")
    elif value is not None and value < 0.5:
        out.append("Acceleration adds nothing in present value (vested shares can be kept, and every share is "
                   "worth holding to the horizon); ask for it as protection, not for value.")
    if deal.acceleration_kept:
        rows = [[f"  Leave at month {month}", money(kept)] for month, kept in deal.acceleration_kept.items()]
        out += ["What acceleration keeps of the initial grant if you leave (nominal, accelerated minus own)"]
        out += _table(["", ""], rows)[2:]
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

    deal = valuation.negotiation
    out += [f"Negotiation: {deal.target}" + (f" against {deal.alternative}" if deal.alternative else " (no alternative offer)")]
    out += _table(["", ""], [
        ["Gap in present value", money(deal.gap)],
        ["Gap in present value after tax",
         money(deal.after_tax_gap) if deal.after_tax_gap is not None else "n/a (no [tax] table)"],
        ["Ask: extra base (a year)", money(deal.ask_base)],
        ["Ask: extra sign-on (month 1)", money(deal.ask_signon)],
        ["Ask: extra RSU grant value", money(deal.ask_equity) if deal.ask_equity is not None else _no_equity_ask(offers_file)],
        ["Respond by", _day(deal.respond_by)],
        ["Offer expires", _day(deal.expires)],
        ["Target's break-even stock growth",
         f"{valuation.break_even_growth:.2%}" if valuation.break_even_growth is not None else "n/a (no tie from -30% to +30%)"],
    ])[2:]
    out += [""] + _package(offers_file, deal) + [""]

    growths = list(next(iter(valuation.sensitivity.values())))
    rows = [[f"Growth {g:+.0%}"] + [money(valuation.sensitivity[n][g]) for n in names] for g in growths]
    out += ["Present value if every offer's stock grows at"] + _table(["", *names], rows) + [""]

    months = sorted({m for by_month in valuation.leave.values() for m in by_month})
    if months:
        rows = [[f"Month {m}: quit"] + [money(valuation.leave[n][m]["quit"]) for n in names] for m in months]
        rows += [[f"Month {m}: role cut"] + [money(valuation.leave[n][m]["cut"]) for n in names] for m in months]
        out += ["Leaving early (nominal dollars kept)"] + _table(["", *names], rows) + [""]
    return "\n".join(out)
