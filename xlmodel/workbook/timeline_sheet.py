"""Timeline: the one time axis of the workbook. Month m = 1..M, its employment year, the last
day of the month, the discount factor d(m) = (1 + rate)^(-m/12) and the years from the start
(m / 12, the exponent of every yearly rate); and the horizon's month count M and d(M). Every
other sheet refers to these rows; the month and year rows it shows are links to them."""
from __future__ import annotations

from . import styles
from .cells import Sheet
from .figures import Figures
from .layout import (AXIS_DATE, AXIS_DISCOUNT, AXIS_MONTH, AXIS_YEAR, AXIS_YEARS, HORIZON_DISCOUNT_ROW,
                     HORIZON_MONTHS_ROW, LABEL_COL, PARAM_COL, TIMELINE, Layout)
from .printing import print_timeline
from .refs import as_number, cell, col, month_col, shifted, timeline

# The years-from-start row as a workbook name, for the formulas that raise a growth factor to it
# over every month in one cell (growth_formulas.py): shorter, and it says what the row is (the
# tenure in years at each month; the draws' sums name it eight times, so it is kept short).
YEARS_FROM_START = "Tenure"


def years_from_start_area(layout: Layout) -> str:
    return timeline(AXIS_YEARS, layout.months, TIMELINE)


LABELS = {AXIS_MONTH: "Month", AXIS_YEAR: "Employment year", AXIS_DATE: "Month ends",
          AXIS_DISCOUNT: "Discount factor", AXIS_YEARS: "Years from the start date"}


def write(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    months = layout.months
    inputs = layout.inputs
    axis = figures.axis
    sheet.title("Timeline", "The workbook's one time axis: every sheet with months refers to these rows. Each amount "
                "is paid at the end of its month.")
    for row, label in LABELS.items():
        sheet.label(row, LABEL_COL, label, styles.HEADER)
    header = sheet.fmt(styles.HEADER, styles.INTEGER)
    sheet.ws.write_formula(AXIS_MONTH - 1, month_col(1) - 1, "=1", header, 1)
    sheet.timeline_row(AXIS_MONTH, months, lambda c: f"={shifted(c, -1)}{AXIS_MONTH}+1", axis.month, styles.INTEGER,
                       styles.HEADER, first_month=2)
    sheet.timeline_row(AXIS_YEAR, months, lambda c: f"=ROUNDUP({c}${AXIS_MONTH}/12,0)", axis.year, styles.INTEGER)
    sheet.timeline_row(AXIS_DATE, months, lambda c: f"=EDATE({inputs.model('model.start_date')},{c}${AXIS_MONTH})-1",
                       axis.month_end, styles.DATE)
    rate = as_number(inputs.model("model.discount_rate"))
    sheet.timeline_row(AXIS_DISCOUNT, months, lambda c: f"=(1+{rate})^(-{c}${AXIS_YEARS})", axis.discount,
                       styles.FACTOR)
    sheet.timeline_row(AXIS_YEARS, months, lambda c: f"={c}${AXIS_MONTH}/12", [m / 12 for m in axis.month],
                       styles.FACTOR)
    sheet.label(HORIZON_MONTHS_ROW, LABEL_COL, "Months in the horizon (M)")
    sheet.formula(HORIZON_MONTHS_ROW, PARAM_COL, f"=12*{inputs.model('model.horizon_years')}", months, styles.INTEGER)
    sheet.label(HORIZON_DISCOUNT_ROW, LABEL_COL, "Discount factor at the horizon, d(M)")
    sheet.formula(HORIZON_DISCOUNT_ROW, PARAM_COL, f"={col(month_col(months))}{AXIS_DISCOUNT}", axis.discount[-1],
                  styles.FACTOR)
    sheet.widths(label_width=34, param_width=12, months=months)
    sheet.freeze(AXIS_YEARS + 1, month_col(1))
    print_timeline(sheet, figures.offers_file, AXIS_YEARS, months)


def horizon_months() -> str:
    return cell(HORIZON_MONTHS_ROW, PARAM_COL, TIMELINE)


def horizon_discount() -> str:
    return cell(HORIZON_DISCOUNT_ROW, PARAM_COL, TIMELINE)


def at(row: int, month_letter: str) -> str:
    """This month's cell of a Timeline row, from a formula on another sheet's month column."""
    return f"{TIMELINE}!{month_letter}${row}"
