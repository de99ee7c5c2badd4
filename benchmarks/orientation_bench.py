"""Part of section 3: what the workbook's layout costs LibreOffice. Its timelines run along rows,
a month a column; LibreOffice groups (and threads) only formulas repeated down a column. Two
workbooks hold the same monthly lines of the same offers, once with the months along a row and
once down a column, so that one run measures what turning the timelines would save.

The lines are those of an offer's cash flows in miniature: a share price growing monthly, its
value less a strike, the shares vesting each quarter, their value and present value, a salary
with a yearly raise, the salary so far in the year, a year-end bonus, the month's total and its
present value."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

LINES_PER_OFFER = 10
LAYOUTS = ("months along a row", "months down a column")


def _line_formulas(ref: Callable[[int, int], str], base: int, growth: str) -> list[Callable[[int], str]]:
    """The formulas of one offer's lines, by month; line 0 is the month's number, 1 its discount factor."""
    here = lambda line: (lambda month: ref(base + line, month))
    price, value, shares, vesting, pv, salary, so_far, bonus, total = (here(i) for i in range(9))
    return [
        lambda m: f"=100*(1+{growth})^({ref(0, m)}/12)",
        lambda m: f"=MAX({price(m)}-25,0)",
        lambda m: f"=IF(MOD({ref(0, m)},3)=0,250,0)",
        lambda m: f"={shares(m)}*{value(m)}",
        lambda m: f"={vesting(m)}*{ref(1, m)}",
        lambda m: f"=150000*1.03^INT(({ref(0, m)}-1)/12)/12",
        lambda m: f"=IF(MOD({ref(0, m)},12)=1,0,{so_far(m - 1)})+{salary(m)}" if m > 1 else f"={salary(m)}",
        lambda m: f"=(MOD({ref(0, m)},12)=0)*0.15*{so_far(m)}",
        lambda m: f"={vesting(m)}+{salary(m)}+{bonus(m)}",
        lambda m: f"={total(m)}*{ref(1, m)}",
    ]


def orientation_workbook(path: Path, offers: int, months: int, down_a_column: bool) -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Lines")
    first_month = 2  # row or column of month 1 (0-based); the offers' growth rates sit before it

    def at(line: int, month: int) -> tuple[int, int]:
        return (first_month + month - 1, line + 1) if down_a_column else (line + 1, first_month + month - 1)

    def ref(line: int, month: int) -> str:
        row, col = at(line, month)
        # the month's line is fixed (absolute), the month moves: the formula repeats along the months
        return f"${xl_col_to_name(col)}{row + 1}" if down_a_column else f"{xl_col_to_name(col)}${row + 1}"

    for month in range(1, months + 1):
        sheet.write_number(*at(0, month), month)
        sheet.write_formula(*at(1, month), f"=1.05^(-{ref(0, month)}/12)")
    for offer in range(offers):
        sheet.write_number(0, offer, 0.05 + offer / 100)  # the offer's growth: row 1 (A1, B1, ...)
        growth = f"${xl_col_to_name(offer)}$1"
        for line, formula in enumerate(_line_formulas(ref, 2 + offer * LINES_PER_OFFER, growth)):
            for month in range(1, months + 1):
                sheet.write_formula(*at(2 + offer * LINES_PER_OFFER + line, month), formula(month))
    workbook.close()
    return path


def orientation_workbooks(tmp: Path, offers: int, months: int) -> dict[str, Path]:
    return {layout: orientation_workbook(tmp / f"orientation-{i}.xlsx", offers, months, down_a_column=bool(i))
            for i, layout in enumerate(LAYOUTS)}
