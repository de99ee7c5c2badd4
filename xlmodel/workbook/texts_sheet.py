"""Texts: where the workbook's texts are built, piece by piece, as live formulas.

From the top: the constants the texts use (each labelled), the fraction of each vesting table
that vests in each schedule year, each offer's cost of keeping its vested options, the facts
(links to Inputs and Negotiation, and the two sides' terms picked by position), then every
sentence piece of xlmodel.texts in a cell of its own, each with its stored result. The other
sheets (Negotiation, Recruiter, Summary) link to the finished texts here."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..inputs.schema import DEFAULT_ALTERNATIVE_LABEL, DEFAULT_MILESTONE
from ..schedules import PRESET_NAMES
from ..texts import book as kinds
from ..texts.book import Book, Facts
from ..texts.facts import CONSTANTS, LEAVE_MONTH, OUTCOME_WORDS, SCHEDULE_YEARS, SIDES, fact_kinds, fact_values
from ..texts.negotiation import build
from . import styles
from .cashflows_sheet import result_area as pre_tax_area
from .cells import Sheet
from .draws_sheet import odds_ref, outcome_area
from .figures import Figures
from .calc_layout import grant_col
from .layout import ACCELERATED, LABEL_COL, NEGOTIATION, PARAM_COL, TEXTS, VESTING, Layout
from .negotiation_layout import ROWS as DEAL, calculation_ref, leave_area, leave_months
from .printing import print_ready
from .refs import area, cell
from .schedules_sheet import table_tranches, tranche_area
from .tax_results import result_area, switch_ref

FORMATS = {kinds.MONEY: styles.MONEY, kinds.PERCENT: styles.PERCENT, kinds.COUNT: styles.INTEGER,
           kinds.DATE: styles.DAY, kinds.FACTOR: styles.FACTOR, kinds.FLAG: None, kinds.TEXT: None}
GRID_COL = PARAM_COL + 2  # the schedule-year grid starts in column D
GRID = ("first", "years")  # after the years: the first vest month and the years a table vests over


@dataclass(frozen=True)
class TextsLayout:
    constants_first: int
    grid_header: int
    tables: tuple[str, ...]  # the grid's rows: every preset, each offer's own table, the accelerated one
    per_offer_header: int
    facts_first: int
    fact_keys: tuple[str, ...]
    pieces_first: int

    def table_row(self, key: str) -> int:
        return self.grid_header + 1 + self.tables.index(key)

    def grid_col(self, what) -> int:
        """A schedule year's column (1..10), or "first" / "years"."""
        return GRID_COL + (what - 1 if isinstance(what, int) else SCHEDULE_YEARS + GRID.index(what))

    @property
    def exercise_row(self) -> int:
        return self.per_offer_header + 1

    def fact_row(self, key: str) -> int:
        return self.facts_first + self.fact_keys.index(key)


def plan(layout: Layout) -> TextsLayout:
    constants_first = 5
    grid_header = constants_first + len(CONSTANTS) + 2
    tables = tuple(PRESET_NAMES) + tuple(f"custom:{i}" for i in range(layout.offers)) + (ACCELERATED,)
    per_offer_header = grid_header + len(tables) + 3
    facts_first = per_offer_header + 5
    keys = tuple(key for key in fact_kinds(layout.years) if key not in CONSTANTS and not key.startswith("year_number."))
    return TextsLayout(constants_first, grid_header, tables, per_offer_header, facts_first, keys,
                       facts_first + len(keys) + 3)


def fact_refs(layout: Layout, lay: TextsLayout) -> dict[str, str]:
    refs = {key: cell(lay.constants_first + n, PARAM_COL, TEXTS) for n, key in enumerate(CONSTANTS)}
    refs.update({f"year_number.{y}": cell(lay.grid_header, lay.grid_col(y), TEXTS)
                 for y in range(1, SCHEDULE_YEARS + 1)})
    refs.update({key: cell(lay.fact_row(key), PARAM_COL, TEXTS) for key in lay.fact_keys})
    return refs


def texts(figures: Figures, layout: Layout) -> Book:
    """The texts' pieces for this workbook, built once (the sheets that show them share it)."""
    found: Optional[Book] = figures.__dict__.get("_texts_book")
    if found is None:
        lay = plan(layout)
        facts = Facts(fact_values(figures.offers_file, figures.valuation), fact_refs(layout, lay))
        found = build(Book(facts, lambda n: cell(lay.pieces_first + n, PARAM_COL, TEXTS)), layout.years)
        figures.__dict__["_texts_book"] = found
    return found


def piece(figures: Figures, layout: Layout, key: str):
    """A finished piece as the other sheets refer to it: its cell here, and its text."""
    return texts(figures, layout)[key]


# --- the facts' formulas --------------------------------------------------------------------------

def _row_area(layout: Layout, key: str) -> str:
    return layout.inputs.offer_area(key)


def _leader_formulas(layout: Layout, tax_on: Optional[str], after: Optional[str]) -> dict[str, str]:
    names = layout.inputs.offer_area("name")
    pv = pre_tax_area(layout, "pv")
    before = f"MATCH(MAX({pv}),{pv},0)"
    formulas = {"before_tax.leader": f"=INDEX({names},1,{before})&\"\"",
                "before_tax.location": f'=INDEX({layout.inputs.offer_area("tax_location")},1,{before})&""'}
    if after is None:
        return {**formulas, "after_tax.leader": '=""', "after_tax.best": '=""', "after_tax.margin": '=""'}
    on = f"AND({tax_on}=TRUE,COUNT({after})={layout.offers})"
    return {**formulas, "after_tax.leader": f'=IF({on},INDEX({names},1,MATCH(MAX({after}),{after},0))&"","")',
            "after_tax.best": f'=IF({on},MAX({after}),"")',
            "after_tax.margin": f'=IF(AND({on},{layout.offers}>1),MAX({after})-LARGE({after},2),"")'}


def fact_formulas(layout: Layout, lay: TextsLayout) -> dict[str, str]:
    inputs = layout.inputs
    here = lambda key: cell(lay.fact_row(key), PARAM_COL)
    deal, package = DEAL.ref, DEAL.package_ref
    words = lambda key: inputs.negotiation(f"negotiation.{key}")
    per_offer = lambda key: area(DEAL.per_offer(key), layout.offer_col(0), DEAL.per_offer(key),
                                 layout.offer_col(layout.offers - 1), NEGOTIATION)
    holidays = inputs.holiday_area()
    kept_at = cell(DEAL.package("kept"), PARAM_COL + leave_months(layout).index(LEAVE_MONTH), NEGOTIATION)
    tax_on, after_tax = None, None
    if layout.tax is not None:
        tax_on, after_tax = switch_ref(layout.tax), result_area(layout, "after_tax_pv")
    formulas = {
        "milestone": f'=IF(TRIM({words("milestone")})="","{DEFAULT_MILESTONE}",""&{words("milestone")})',
        "redact": f"=IF({words('redact')}=TRUE,TRUE,FALSE)",
        "rival": (f'=IF({here("rival.name")}="","",IF({here("redact")},IF(TRIM({words("alternative_label")})="",'
                  f'"{DEFAULT_ALTERNATIVE_LABEL}",""&{words("alternative_label")}),{here("rival.name")}))'),
        "recruiter": f'=""&{words("recruiter")}', "candidate": f'=""&{words("candidate")}',
        "competing_deadline": f'=IF(ISNUMBER({words("competing_deadline")}),{words("competing_deadline")},"")',
        "respond_by": f"={deal('respond_by')}",
        "follow_up_on": f'=IF({here("respond_by")}="","",WORKDAY({here("respond_by")},-1,{holidays}))',
        "offer_count": f"=COLUMNS({_row_area(layout, 'name')})",
        "gap": f"={deal('gap')}",
        "lead": f'=IF({deal("alternative")}="","",{deal("target_pv")}-{deal("alternative_pv")})',
        "tax_on": f"=IF({tax_on}=TRUE,TRUE,FALSE)" if tax_on else "=FALSE",
        "lead_after_tax": (f'=IF(AND({here("tax_on")},{here("rival.position")}<>""),'
                           f'INDEX({after_tax},1,{here("target.position")})-INDEX({after_tax},1,{here("rival.position")}),"")'
                           if after_tax else '=""'),
        "gap_after_acceleration": f"={package('gap_after_acceleration')}",
        "package_bump": f"={package('package_bump')}",
        "after_months": f"={package('after_months')}",
        "lever_probability": f"={package('probability')}",
        "bump_factor": f"={calculation_ref('bump_factor')}",
        "guaranteed": f"={package('guaranteed_months')}",
        "has_fallback": f"={calculation_ref('fallback_given')}",
        "acceleration_value": f"={package('acceleration_value')}",
        "kept_leave": f'=IF(ISNUMBER({kept_at}),{kept_at},"")',
        "ask_base": f"={deal('ask_base')}", "ask_signon": f"={deal('ask_signon')}",
        "ask_equity": f"={deal('ask_equity')}",
        "probability_to_close": f"={package('probability_to_close')}",
        "exercise_cost": (f"=INDEX({area(lay.exercise_row, PARAM_COL, lay.exercise_row, PARAM_COL + layout.offers - 1)},"
                          f"1,{here('target.position')})"),
        **_leader_formulas(layout, tax_on, after_tax),
        "draws": f"={inputs.model('model.draws')}",
        "odds": f"={odds_ref(layout)}",
    }
    alternative_pvs = per_offer("alternative_pv")
    for side in SIDES:
        position = here(f"{side}.position")
        formulas[f"{side}.position"] = (f"={DEAL.target_index()}" if side == "target" else
                                        f'=IF({deal("alternative")}="","",MATCH(MAX({alternative_pvs}),'
                                        f'{alternative_pvs},0))')
        pick = lambda key: f"INDEX({_row_area(layout, key)},1,{position})"
        given = lambda key, blank: f'=IF({position}="","",IF(ISNUMBER({pick(key)}),{pick(key)},{blank}))'
        formulas.update({
            f"{side}.name": f'=IF({position}="","",{pick("name")}&"")',
            f"{side}.title": f'=IF({position}="","",{pick("title")}&"")',
            f"{side}.base": given("base", '""'), f"{side}.bonus_target": given("bonus_target", 0),
            f"{side}.equity": f'=IF({position}="","",{pick("equity.type")}&"")',
            **{f"{side}.{what}": f'=IF({position}="","",INDEX({outcome_area(layout, what)},1,{position}))'
               for what, _ in OUTCOME_WORDS},
            f"{side}.schedule": f'=IF({position}="","",{pick("equity.schedule")}&"")',
            f"{side}.grant_value": given("equity.grant_value", '""'), f"{side}.shares": given("equity.shares", '""'),
            f"{side}.percent": given("equity.percent", '""'),
            f"{side}.strike": given("equity.strike", 0), f"{side}.window": given("equity.exercise_window_months", 0),
        })
        for y in range(1, layout.years + 1):
            formulas[f"{side}.signon.{y}"] = given(f"signon.{y}", 0)
        signons = area(lay.fact_row(f"{side}.signon.1"), PARAM_COL, lay.fact_row(f"{side}.signon.{layout.years}"),
                       PARAM_COL)
        formulas[f"{side}.signon_years"] = f'=IF({position}="","",COUNTIF({signons},">0"))'
        shares = area(layout.vesting.grant(0), grant_col("initial_shares"),
                      layout.vesting.grant(layout.offers - 1), grant_col("initial_shares"), VESTING)
        company = pick("equity.company_value")
        formulas[f"{side}.company_share"] = (
            f'=IF({position}="","",IF(ISNUMBER({company}),IF({company}>0,INDEX({shares},{position},1)'
            f'*{pick("equity.price")}/{company},""),""))')
        schedule, kind = here(f"{side}.schedule"), here(f"{side}.equity")
        for what in list(range(1, SCHEDULE_YEARS + 1)) + list(GRID):
            key = f"{side}.year.{what}" if isinstance(what, int) else f"{side}.{what}"
            column = lay.grid_col(what)
            presets = area(lay.table_row(PRESET_NAMES[0]), column, lay.table_row(PRESET_NAMES[-1]), column)
            customs = area(lay.table_row("custom:0"), column, lay.table_row(f"custom:{layout.offers - 1}"), column)
            names = area(lay.table_row(PRESET_NAMES[0]), LABEL_COL, lay.table_row(PRESET_NAMES[-1]), LABEL_COL)
            formulas[key] = (f'=IF(OR({position}="",{kind}="none",{kind}=""),0,IF({schedule}="custom",'
                             f"INDEX({customs},{position},1),INDEX({presets},MATCH({schedule},{names},0),1)))")
    for what in list(range(1, SCHEDULE_YEARS + 1)) + list(GRID):
        key = f"accelerated.year.{what}" if isinstance(what, int) else f"accelerated.{what}"
        formulas[key] = "=" + cell(lay.table_row(ACCELERATED), lay.grid_col(what))
    return formulas


# --- the sheet -----------------------------------------------------------------------------------

def write(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    lay = plan(layout)
    book = texts(figures, layout)
    facts = book.facts
    sheet.title("Texts", "How the texts are built: the figures they use, then each sentence piece in a cell of its "
                "own. The Negotiation and Recruiter sheets show the finished texts.")

    sheet.label(lay.constants_first - 1, LABEL_COL, "Constants the texts use", styles.HEADER)
    sheet.label(lay.constants_first - 1, PARAM_COL, "", styles.HEADER)
    for n, (key, (label, kind, value)) in enumerate(CONSTANTS.items()):
        sheet.label(lay.constants_first + n, LABEL_COL, label)
        sheet.value(lay.constants_first + n, PARAM_COL, value, FORMATS[kind], styles.CONSTANT)

    _write_grid(sheet, figures, layout, lay)
    _write_exercise_costs(sheet, figures, layout, lay)

    formulas = fact_formulas(layout, lay)
    kinds_by_key = fact_kinds(layout.years)
    sheet.label(lay.facts_first - 1, LABEL_COL, "Figures the texts use", styles.HEADER)
    sheet.label(lay.facts_first - 1, PARAM_COL, "", styles.HEADER)
    for key in lay.fact_keys:
        label, kind = kinds_by_key[key]
        sheet.label(lay.fact_row(key), LABEL_COL, label)
        sheet.formula(lay.fact_row(key), PARAM_COL, formulas[key], facts.values[key], FORMATS[kind])

    sheet.label(lay.pieces_first - 1, LABEL_COL, "The texts, piece by piece", styles.HEADER)
    sheet.label(lay.pieces_first - 1, PARAM_COL, "", styles.HEADER)
    for n, entry in enumerate(book.entries):
        row = lay.pieces_first + n
        sheet.label(row, LABEL_COL, entry.label, valign="top")
        if entry.kind == kinds.TEXT:
            sheet.formula(row, PARAM_COL, entry.piece.formula, entry.piece.v, text_wrap=True, valign="top")
        else:
            sheet.formula(row, PARAM_COL, entry.piece.formula, entry.piece.v, FORMATS[entry.kind])
    last = lay.pieces_first + len(book.entries) - 1
    sheet.width(LABEL_COL, 58)
    sheet.width(PARAM_COL, 90)
    sheet.width(GRID_COL, 9, lay.grid_col(SCHEDULE_YEARS))
    sheet.width(lay.grid_col("first"), 12, lay.grid_col("years"))
    print_ready(sheet, (1, 1, last, lay.grid_col("years")), figures.offers_file)


def _write_grid(sheet: Sheet, figures: Figures, layout: Layout, lay: TextsLayout) -> None:
    """Each tranche table's fraction by schedule year, its first vest month and its years."""
    header = lay.grid_header
    sheet.label(header, LABEL_COL, "Fraction vesting in each schedule year", styles.HEADER)
    sheet.label(header, PARAM_COL, "", styles.HEADER)
    for y in range(1, SCHEDULE_YEARS + 1):
        sheet.value(header, lay.grid_col(y), y, styles.INTEGER, styles.HEADER)
    sheet.label(header, lay.grid_col("first"), "First month", styles.HEADER)
    sheet.label(header, lay.grid_col("years"), "Years", styles.HEADER)
    from ..texts.facts import year_fractions
    from ..model import Schedule
    for key in lay.tables:
        row = lay.table_row(key)
        sheet.label(row, LABEL_COL, key)
        tranches = table_tranches(figures, key)
        fractions, years, first = year_fractions(Schedule(tuple(tranches)) if tranches else None)
        months, shares = tranche_area(layout, key, "month"), tranche_area(layout, key, "fraction")
        for y in range(1, SCHEDULE_YEARS + 1):
            year = cell(header, lay.grid_col(y))
            sheet.formula(row, lay.grid_col(y), f'=SUMIFS({shares},{months},">"&12*({year}-1),{months},"<="&12*{year})',
                          fractions[y - 1], styles.PERCENT)
        sheet.formula(row, lay.grid_col("first"), f"=IF(COUNT({months})=0,0,MIN({months}))", first, styles.INTEGER)
        sheet.formula(row, lay.grid_col("years"), f"=IF(COUNT({months})=0,0,ROUNDUP(MAX({months})/12,0))", years,
                      styles.INTEGER)


def _write_exercise_costs(sheet: Sheet, figures: Figures, layout: Layout, lay: TextsLayout) -> None:
    """Each offer's cash to keep its vested options after leaving at the quoted month: strike x
    the option shares vested by then (initial grant and refreshers); empty for RSUs."""
    header = lay.per_offer_header
    sheet.label(header, LABEL_COL, "Per offer", styles.HEADER)
    row = lay.exercise_row
    sheet.label(row, LABEL_COL, f"Cost of keeping vested options after leaving at month {LEAVE_MONTH}")
    month = cell(lay.constants_first + list(CONSTANTS).index("leave_month"), PARAM_COL)
    pick = f'MATCH({month},{leave_area(layout, "months")},0)'
    for i, offer in enumerate(figures.offers_file.offers):
        c = layout.offer_col(i)
        sheet.formula(header, c, f"={layout.inputs.offer('name', i)}", offer.name, style=styles.HEADER)
        cost = figures.valuation.leave[offer.name].get(LEAVE_MONTH, {}).get("exercise_cost")
        sheet.formula(row, c, f'=IFERROR(INDEX({leave_area(layout, "exercise_cost")},{pick},{i + 1}),"")',
                      "" if cost is None else cost, styles.MONEY)
