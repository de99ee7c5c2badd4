"""Vesting: per offer the grant (shares, refresher shares per dollar of today's price, strike),
the fraction of the initial grant vesting each month on the chosen schedule, and the refresher
factors that value every anniversary's refresher grant in one pass over the schedule.

A refresher granted at anniversary k vests tranche t at month 12k + t. For RSUs (and options
without a strike) its value there is the refresher's dollar value times the schedule's fraction,
the growth over t months, liquidity, and dilution and discounting over 12k + t months; so all
refreshers together are the schedule's month-t figure times the sum over k of
((1 - dilution) / (1 + discount rate))^k, for the k whose tranche still vests within the horizon.
That sum is the refresher factor: it keeps the work linear in the horizon."""
from __future__ import annotations

from . import styles
from .cells import Sheet
from .figures import Figures
from .layout import AXIS_DISCOUNT, AXIS_MONTH, GRANT_COLUMNS, LABEL_COL, PARAM_COL, Layout, grant_col
from .refs import cell, month_col
from .schedules_sheet import chosen_fraction

SECTION_TITLES = {
    "grants": "Grants",
    "fraction": "Fraction of the initial grant vesting each month",
    "refresh_pv": "Refresher factor, discounted (sum over the refreshers still vesting of ratio^k)",
    "refresh_nominal": "Refresher factor, nominal",
    "weight_pv": "Dilution and discount factor (what a dollar vesting that month is worth today)",
    "weight_nominal": "Dilution factor",
}
GRANT_HEADINGS = {"initial_shares": "Initial grant (shares)", "refresh_per_price": "Refresher $ / today's price",
                  "strike": "Strike used ($)"}


def initial_shares(layout: Layout, index: int) -> str:
    ref = lambda key: layout.inputs.offer(key, index)
    return (f'=IF({ref("equity.type")}="none",0,IF(ISNUMBER({ref("equity.grant_value")}),'
            f'{ref("equity.grant_value")}/{ref("equity.price")},IF(ISNUMBER({ref("equity.shares")}),'
            f'{ref("equity.shares")},{ref("equity.percent")}*{ref("equity.company_value")}/{ref("equity.price")})))')


def write(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    months = layout.months
    lay = layout.vesting
    inputs = layout.inputs
    sheet.title("Vesting", "Per offer: the grant, the fraction of the initial grant vesting each month, and the "
                "factors that value the refresher grants of every anniversary.")
    sheet.axis(months, inputs.model("model.start_date"), inputs.model("model.discount_rate"), figures.axis)
    for section, title in SECTION_TITLES.items():
        sheet.label(lay.first[section] - 1, LABEL_COL, title, styles.HEADER)
    for what, heading in GRANT_HEADINGS.items():
        sheet.label(lay.first["grants"] - 1, grant_col(what), heading, styles.HEADER)
    sheet.label(lay.first["fraction"] - 1, 3, "Total", styles.HEADER)
    sheet.label(lay.first["refresh_pv"] - 1, PARAM_COL, "Ratio", styles.HEADER)
    sheet.label(lay.first["refresh_nominal"] - 1, PARAM_COL, "Ratio", styles.HEADER)
    horizon_months = f"12*{inputs.model('model.horizon_years')}"
    rate = inputs.model_number("model.discount_rate")

    for index, grant in enumerate(figures.grants):
        ref = lambda key: inputs.offer(key, index)
        name = figures.offers_file.offers[index].name
        for section in SECTION_TITLES:
            sheet.formula(lay.row(section, index), LABEL_COL, f"={ref('name')}", name)
        row = lay.row("grants", index)
        sheet.formula(row, grant_col("initial_shares"), initial_shares(layout, index), grant.initial_shares,
                      styles.SHARES)
        sheet.formula(row, grant_col("refresh_per_price"),
                      f'=IF({ref("equity.type")}="none",0,N({ref("equity.refresh_value")})/{ref("equity.price")})',
                      grant.refresh_per_price, styles.SHARES)
        sheet.formula(row, grant_col("strike"), f'=IF({ref("equity.type")}="options",N({ref("equity.strike")}),0)',
                      grant.strike, styles.MONEY_CENTS)

        row = lay.row("fraction", index)
        sheet.timeline_row(row, months, lambda c: chosen_fraction(layout, index, c), grant.fraction, styles.PERCENT)
        sheet.row_total(row, months, grant.fraction, styles.PERCENT)


        dilution = f"N({ref('equity.dilution')})"
        for section, ratio, value in (("refresh_pv", f"(1-{dilution})/(1+{rate})", grant.pv_ratio),
                                      ("refresh_nominal", f"1-{dilution}", grant.nominal_ratio)):
            row = lay.row(section, index)
            sheet.formula(row, PARAM_COL, "=" + ratio, value, styles.FACTOR)
            ratio_ref = cell(row, PARAM_COL)
            count = f"INT(({horizon_months}-{{c}}${AXIS_MONTH})/12)"
            results = grant.refresh_pv if section == "refresh_pv" else grant.refresh_nominal
            sheet.timeline_row(row, months, lambda c: (
                f"=IF({ratio_ref}=1,{count.format(c=c)},"
                f"{ratio_ref}*(1-{ratio_ref}^{count.format(c=c)})/(1-{ratio_ref}))"), results, styles.FACTOR)
        dilution_at = lambda c: f"(1-{dilution})^({c}${AXIS_MONTH}/12)"
        sheet.timeline_row(lay.row("weight_pv", index), months,
                           lambda c: f"={dilution_at(c)}*{c}${AXIS_DISCOUNT}", grant.weight_pv, styles.FACTOR)
        sheet.timeline_row(lay.row("weight_nominal", index), months, lambda c: "=" + dilution_at(c),
                           grant.weight_nominal, styles.FACTOR)
    sheet.widths(label_width=38, param_width=14, months=months)
    sheet.width(grant_col(GRANT_COLUMNS[-1]), 14)
    sheet.freeze(8, month_col(1))
