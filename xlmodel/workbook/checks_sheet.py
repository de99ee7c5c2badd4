"""Checks: per offer, the model's integrity tests; the guards on every input (input_guards.py);
the master check and the first problem, both shown on the Summary; then the warnings
(input_warnings.py), which are not failures.

Each row of checks has a Problem cell (its first failing column, in words, or blank) and a
"first problem so far" cell that runs down the rows in order (inputs first: a broken input is
the cause of any broken figure), so the first problem is one cell and no formula scans them all.
The warnings run down their own rows the same way, to the first warning."""
from __future__ import annotations

import math
from dataclasses import dataclass

from . import conditions, input_guards, input_warnings, reconciliations, styles, tax_results
from .calc_layout import MONEY_TOLERANCE, MONEY_TOLERANCE_ROW, TOLERANCE, TOLERANCE_ROW
from .reconciliations import RECONCILIATIONS
from ..texts import pieces as t
from .cells import Sheet
from .figures import Figures
from .layout import CASHFLOWS, CHECKS as CHECKS_SHEET, LABEL_COL, PARAM_COL, SCHEDULES, Layout
from .refs import area, cell, timeline
from .schedules_sheet import schedule_total, tranche_area
from .timeline_sheet import horizon_months

MASTER_ROW = 5
PROBLEM_ROW = 6
WARNING_ROW = 7
HEADER_ROW = 8
INTEGRITY = (
    ("vesting_sums", "The chosen vesting table sums to 100%"),
    ("vests_once", "Every tranche of a custom table vests once, in a whole month"),
    ("grant_size", "Exactly one grant size (grant_value, shares or percent)"),
    ("one_bump", "At most one of fallback.bump and fallback.bump_amount"),
    ("unique_name", "The offer's name is unique"),
    ("no_negative", "No negative pay in any month"),
    ("years_add_up", "The years add up to the total"),
    ("components_add_up", "The components add up to the total"),
    ("tax_reconciles", "Tax: the wages taxed equal the Cashflows year totals"),
)
CHECK_LIST = INTEGRITY + tuple((key, description) for key, _, description, _ in RECONCILIATIONS)
MODEL_CHECKS = {key for key, scope, _, _ in RECONCILIATIONS if scope == "model"}

FAILURES = {
    "vesting_sums": "the chosen vesting table must sum to 100%",
    "vests_once": "every tranche of the custom table must vest once, in a whole month",
    "grant_size": "give exactly one grant size: equity.grant_value, equity.shares or equity.percent",
    "one_bump": "give at most one of fallback.bump and fallback.bump_amount",
    "unique_name": "the offer's name must be unique",
    "no_negative": "pay is negative in some month",
    "years_add_up": "the years must add up to the total",
    "components_add_up": "the components must add up to the total",
    "tax_reconciles": "the Tax sheet's wages must equal the Cashflows year totals",
    **{key: failure for key, _, _, failure in RECONCILIATIONS},
}


def tolerance_ref() -> str:
    return cell(TOLERANCE_ROW, PARAM_COL)


def check_row(key: str) -> int:
    return HEADER_ROW + 1 + [k for k, _ in CHECK_LIST].index(key)


def check_values(figures: Figures, index: int) -> dict[str, bool]:
    """What each check gives for a valid offers file, as the engine sees it."""
    offer = figures.offers_file.offers[index]
    value = figures.offer_value(index)
    block = figures.blocks[index]
    schedule_sum = math.fsum(f for _, f in offer.equity.schedule.tranches) if offer.equity else 1.0
    names = [o.name for o in figures.offers_file.offers]
    years = math.fsum(value.years)
    components = math.fsum(value.components.values())
    return {
        "vesting_sums": offer.equity is None or abs(schedule_sum - 1) <= TOLERANCE,
        "vests_once": True,
        "grant_size": True,
        "one_bump": True,
        "unique_name": names.count(offer.name) == 1,
        "no_negative": min(block.total) >= 0,
        "years_add_up": abs(years - value.total) <= TOLERANCE,
        "components_add_up": abs(components - value.total) <= TOLERANCE,
        "tax_reconciles": tax_results.offer_check_value(figures, index),
        **{key: True for key, scope, _, _ in RECONCILIATIONS if scope == "offer" or index == 0},
    }


def write(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    inputs = layout.inputs
    plan = ChecksPlan(figures, layout)
    sheet.title("Checks", "TRUE everywhere means the inputs are sound and the model is consistent. The master check "
                "and the first problem (looked for in the inputs first, then in these checks) are shown on the "
                "Summary.")
    sheet.label(MONEY_TOLERANCE_ROW, LABEL_COL, "Tolerance of the reconciliations (dollars)")
    sheet.value(MONEY_TOLERANCE_ROW, PARAM_COL, MONEY_TOLERANCE, styles.MONEY_CENTS, styles.CONSTANT)
    sheet.label(TOLERANCE_ROW, LABEL_COL, "Tolerance (dollars or fraction)")
    sheet.value(TOLERANCE_ROW, PARAM_COL, TOLERANCE, "0.000000", styles.CONSTANT)
    tolerance = cell(TOLERANCE_ROW, PARAM_COL)
    sheet.label(MASTER_ROW, LABEL_COL, "All checks pass", styles.CHECK)
    sheet.formula(MASTER_ROW, PARAM_COL, f"=AND({','.join(plan.check_areas())})", plan.all_pass(),
                  style=styles.CHECK)
    sheet.label(PROBLEM_ROW, LABEL_COL, "First problem (blank when all pass)", styles.CHECK)
    sheet.merged_formula(PROBLEM_ROW, PARAM_COL, plan.so_far_col, "=" + plan.last_so_far(), plan.first_problem(),
                         styles.FAILED)
    sheet.label(WARNING_ROW, LABEL_COL, "First warning (blank when none; not a failure)", styles.CHECK)
    warning = plan.warnings[-1].so_far if plan.warnings else ""
    sheet.merged_formula(WARNING_ROW, PARAM_COL, plan.so_far_col,
                         "=" + cell(plan.warnings[-1].row, plan.so_far_col) if plan.warnings else '=""', warning,
                         styles.NOTE)

    sheet.label(HEADER_ROW, LABEL_COL, "Check", styles.HEADER)
    names = inputs.offer_area("name")
    months = layout.months
    stored = plan.integrity
    for i in range(layout.offers):
        c = layout.offer_col(i)
        ref = lambda key: inputs.offer(key, i)
        block = layout.cashflows[i]
        result = lambda key: cell(layout.results.row[key], c, CASHFLOWS)
        years = area(layout.results.year_rows[0], c, layout.results.year_rows[-1], c, CASHFLOWS)
        custom = f"custom:{i}"
        custom_row = layout.schedules.timeline_row[custom]
        no_equity = f'{ref("equity.type")}="none"'
        formulas = {
            "vesting_sums": f"=IF({no_equity},TRUE,ABS({schedule_total(layout, i)}-1)<={tolerance})",
            "vests_once": (f'=IF({ref("equity.schedule")}<>"custom",TRUE,ABS(SUM({timeline(custom_row, months, SCHEDULES)})'
                           f'+SUMIF({tranche_area(layout, custom, "month")},">"&{horizon_months()},'
                           f'{tranche_area(layout, custom, "fraction")})'
                           f'-SUM({tranche_area(layout, custom, "fraction")}))<={tolerance})'),
            "grant_size": (f'=IF({no_equity},TRUE,COUNT({ref("equity.grant_value")},{ref("equity.shares")},'
                           f'{ref("equity.percent")})=1)'),
            "one_bump": f'=COUNT({ref("fallback.bump")},{ref("fallback.bump_amount")})<=1',
            "unique_name": f"={cell(check_row('unique_name'), plan.count_col + i)}=1",  # the count beside
            "no_negative": f'=COUNTIF({timeline(block.row("total"), months, CASHFLOWS)},"<0")=0',
            "years_add_up": f"=ABS(SUM({years})-{result('total')})<={tolerance}",
            "components_add_up": (f"=ABS({result('salary')}+{result('bonus')}+{result('signon')}+{result('equity')}"
                                  f"-{result('total')})<={tolerance}"),
            "tax_reconciles": "=" + tax_results.offer_check_ref(layout, i),
        }
        formulas.update(reconciliations.formulas(layout, i, cell(MONEY_TOLERANCE_ROW, PARAM_COL)))
        sheet.formula(HEADER_ROW, c, f"={ref('name')}", figures.offers_file.offers[i].name, style=styles.HEADER)
        for key, expression in formulas.items():
            # a broken input may make a figure an error: the check then fails rather than breaking the master
            sheet.formula(check_row(key), c, f"=IFERROR({expression[1:]},FALSE)", stored[i][key], style=styles.CHECK)
        # exact, case and all, as the offers file compares: counted by an array formula (conditions.py)
        term, count = conditions.matches(ref("name"), figures.offers_file.offers[i].name, names,
                                         [o.name for o in figures.offers_file.offers])
        sheet.array_formula(check_row("unique_name"), plan.count_col + i, "=" + term, count, styles.INTEGER)
    for key, description in CHECK_LIST:
        sheet.label(check_row(key), LABEL_COL, description)
    _problem_headers(sheet, plan, HEADER_ROW)
    for section, header in zip(plan.sections, plan.section_headers):
        _write_section(sheet, plan, section, header)
    for section, header in zip(plan.warning_sections, plan.warning_headers):
        _write_warnings(sheet, plan, section, header)
    for problem in plan.problems + plan.warnings:
        sheet.formula(problem.row, plan.problem_col, problem.message.formula, problem.message.v)
        sheet.formula(problem.row, plan.so_far_col, problem.so_far_formula, problem.so_far)
    sheet.width(1, 100)
    sheet.width(PARAM_COL, 18, plan.problem_col - 1)
    sheet.width(plan.problem_col, 60, plan.so_far_col)
    sheet.width(plan.count_col, 22, plan.count_col + plan.problem_col - PARAM_COL - 1)
    sheet.ws.set_landscape()
    sheet.ws.fit_to_pages(1, 0)


def _problem_headers(sheet: Sheet, plan: "ChecksPlan", row: int, what: str = "problem") -> None:
    sheet.label(row, plan.problem_col, what.capitalize(), styles.HEADER)
    sheet.label(row, plan.so_far_col, f"First {what} so far", styles.HEADER)
    if what == "problem":
        sheet.label(row, plan.count_col, "Counts behind the checks", styles.HEADER)


def _column_labels(sheet: Sheet, labels: list[tuple[str, str]], header: int, heading: str) -> None:
    if not labels:
        sheet.label(header, PARAM_COL, heading, styles.HEADER)
    for n, (formula, value) in enumerate(labels):
        sheet.formula(header, PARAM_COL + n, "=" + formula, value, style=styles.HEADER)


def _write_section(sheet: Sheet, plan: "ChecksPlan", section: input_guards.Section, header: int) -> None:
    sheet.label(header - 1, LABEL_COL, section.title, styles.TITLE)
    sheet.label(header, LABEL_COL, "Input: what it must be", styles.HEADER)
    _column_labels(sheet, section.labels, header, "Check")
    _problem_headers(sheet, plan, header)
    for n, guard in enumerate(section.rows):
        row = header + 1 + n
        sheet.label(row, LABEL_COL, f"{guard.key} {guard.requirement}")
        for k, check in enumerate(guard.checks):
            count_ref = cell(row, plan.count_col + k)
            sheet.formula(row, PARAM_COL + k, "=" + check.written(count_ref), check.v, style=styles.CHECK)
            if check.count is not None:
                sheet.array_formula(row, plan.count_col + k, "=" + check.count[0], check.count[1], styles.INTEGER)


def _write_warnings(sheet: Sheet, plan: "ChecksPlan", section: input_warnings.WarningSection, header: int) -> None:
    if header == plan.warning_headers[0]:
        sheet.label(header - 1, LABEL_COL, input_warnings.TITLE, styles.TITLE)
    sheet.label(header, LABEL_COL, "Input: when it warns", styles.HEADER)
    _column_labels(sheet, section.labels, header, "Warns")
    _problem_headers(sheet, plan, header, "warning")
    for n, warning in enumerate(section.rows):
        row = header + 1 + n
        sheet.label(row, LABEL_COL, warning.sentence)
        for k, flag in enumerate(warning.flags):
            sheet.formula(row, PARAM_COL + k, "=" + flag.f, flag.v, style=styles.CHECK)


def master_ref() -> str:
    return cell(MASTER_ROW, PARAM_COL, CHECKS_SHEET)


def problem_ref() -> str:
    return cell(PROBLEM_ROW, PARAM_COL, CHECKS_SHEET)


@dataclass(frozen=True)
class Problem:
    """One row of checks in words: its Problem cell and the first problem up to it."""
    row: int
    message: t.Txt
    so_far_formula: str
    so_far: str


class ChecksPlan:
    """Where the sections of input guards sit below the integrity checks, and every row's
    Problem, in the order the first problem is looked for."""

    def __init__(self, figures: Figures, layout: Layout):
        self.layout = layout
        self.integrity = [check_values(figures, i) for i in range(layout.offers)]
        self.sections = input_guards.sections(figures, layout, tolerance_ref())
        self.problem_col = PARAM_COL + max(layout.offers, layout.scenarios)
        self.so_far_col = self.problem_col + 1
        self.count_col = self.so_far_col + 2  # where a check that compares a range counts (conditions.py)
        self.section_headers = []
        header = check_row(CHECK_LIST[-1][0]) + 4  # a blank row, then the section's title above its header
        for section in self.sections:
            self.section_headers.append(header)
            header += len(section.rows) + 4
        self.warning_sections = input_warnings.sections(figures, layout)
        self.warning_headers = []
        for section in self.warning_sections:
            self.warning_headers.append(header)
            header += len(section.rows) + 2
        self.problems = self._chain(self._messages())
        self.warnings = self._chain(self._warning_messages())

    @staticmethod
    def _width(section) -> int:
        return max(1, len(section.labels))

    def check_areas(self) -> list[str]:
        last_col = self.layout.offer_col(self.layout.offers - 1)
        found = [area(check_row(CHECK_LIST[0][0]), PARAM_COL, check_row(CHECK_LIST[-1][0]), last_col)]
        for section, header in zip(self.sections, self.section_headers):
            found.append(area(header + 1, PARAM_COL, header + len(section.rows), PARAM_COL + self._width(section) - 1))
        return found

    def all_pass(self) -> bool:
        return (all(all(c.values()) for c in self.integrity)
                and all(c.v for s in self.sections for row in s.rows for c in row.checks))

    def _section_rows(self, sections, headers):
        """Each row of the sections: (section, its guard or warning, its row, the row's cells, the
        section's column labels)."""
        for section, header in zip(sections, headers):
            last = PARAM_COL + self._width(section) - 1
            labels = area(header, PARAM_COL, header, last)
            for n, item in enumerate(section.rows):
                row = header + 1 + n
                yield section, item, row, area(row, PARAM_COL, row, last), labels

    def _messages(self) -> list[tuple[int, t.Txt]]:
        found = []
        for section, guard, row, checks, labels in self._section_rows(self.sections, self.section_headers):
            passed = [c.v for c in guard.checks]
            if section.labels:
                first = passed.index(False) if not all(passed) else 0
                where = t.ref(f"INDEX({labels},1,MATCH(FALSE,{checks},0))", section.labels[first][1])
                failure = t.join(f"{guard.sheet}: {guard.key} (", where, f") {guard.requirement}")
            else:
                failure = t.lit(f"{guard.sheet}: {guard.key} {guard.requirement}")
            found.append((row, t.if_(f"AND({checks})", all(passed), "", failure)))
        offers_header = self.section_headers[[s.title for s in self.sections].index(input_guards.OFFERS_TITLE)]
        labels = area(offers_header, PARAM_COL, offers_header, self.layout.offer_col(self.layout.offers - 1))
        offer_labels = next(s.labels for s in self.sections if s.title == input_guards.OFFERS_TITLE)
        for key, _ in CHECK_LIST:
            row = check_row(key)
            if key in MODEL_CHECKS:
                here = cell(row, PARAM_COL)
                found.append((row, t.if_(here, self.integrity[0][key], "", f"Checks: {FAILURES[key]}")))
                continue
            checks = area(row, PARAM_COL, row, self.layout.offer_col(self.layout.offers - 1))
            passed = [c[key] for c in self.integrity]
            first = passed.index(False) if not all(passed) else 0
            where = t.ref(f"INDEX({labels},1,MATCH(FALSE,{checks},0))", offer_labels[first][1])
            found.append((row, t.if_(f"AND({checks})", all(passed), "",
                                     t.join(f"Checks: {FAILURES[key]} (", where, ")"))))
        return found

    def _warning_messages(self) -> list[tuple[int, t.Txt]]:
        found = []
        for section, warning, row, flags, labels in self._section_rows(self.warning_sections, self.warning_headers):
            raised = [flag.v for flag in warning.flags]
            first = raised.index(True) if any(raised) else 0
            position = f"MATCH(TRUE,{flags},0)"
            where = t.ref(f"INDEX({labels},1,{position})", section.labels[first][1]) if section.labels else t.lit("")
            found.append((row, t.if_(f"OR({flags})", any(raised), input_warnings.message(warning, where, first, position),
                                     "")))
        return found

    def _chain(self, messages: list[tuple[int, t.Txt]]) -> list[Problem]:
        problems: list[Problem] = []
        for row, message in messages:
            here = cell(row, self.problem_col)
            if not problems:
                problems.append(Problem(row, message, "=" + here, message.v))
                continue
            previous = cell(problems[-1].row, self.so_far_col)
            problems.append(Problem(row, message, f'=IF({previous}<>"",{previous},{here})',
                                    problems[-1].so_far or message.v))
        return problems

    def last_so_far(self) -> str:
        return cell(self.problems[-1].row, self.so_far_col)

    def first_problem(self) -> str:
        return self.problems[-1].so_far


def master_value(figures: Figures, layout: Layout) -> bool:
    """What ChecksOK gives for the built inputs."""
    return ChecksPlan(figures, layout).all_pass()


def first_problem_value(figures: Figures, layout: Layout) -> str:
    return ChecksPlan(figures, layout).first_problem()
