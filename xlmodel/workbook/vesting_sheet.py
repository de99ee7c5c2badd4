"""Vesting: per offer the grant and the parameters every equity value uses (shares, the
refreshers, the price, the strike, the common stock's price behind a liquidation preference as
two ramps, the yearly dilution and discount factor), then, by month, the fraction of the initial
grant vesting, the dilution and discount factors, the closed form's coefficients, and the
fraction each anniversary's refresher vests.

Every equity value follows the holding rule: the shares vesting in a month are worth the better
of selling then and holding to the horizon month M. Without a strike and a preference that is a
closed form: with q = (1 - dilution) / (1 + discount rate) and rho = (1 + growth) q, every share
is held when rho >= 1 and sold at vest when rho < 1, so the equity at a growth is one SERIESSUM
over the coefficients F(t) (S0 P + R x sum over the refreshers k vesting t in time of q^k)."""
from __future__ import annotations

from . import styles
from .calc_layout import GRANT_COLUMNS, grant_col
from .cells import Sheet
from .figures import Figures
from .layout import AXIS_DISCOUNT, AXIS_MONTH, AXIS_YEARS, LABEL_COL, PARAM_COL, TIMELINE, VESTING, Layout
from .printing import print_timeline
from .refs import area, as_number, cell, col, month_col, shifted, timeline
from .schedules_sheet import chosen_fraction
from .timeline_sheet import horizon_discount, horizon_months

PRICE_FACTOR_COL = 3  # beside each refresher's k: (1 + growth)^-k (month columns start at D)
SECTION_TITLES = {
    "fraction": "Fraction of the initial grant vesting each month",
    "weight_pv": "Dilution and discount factor: what a dollar vesting that month is worth today",
    "weight_nominal": "Dilution factor",
    "coefficients": "Closed form: each month's coefficient F(t) x (S0 P + R x sum of q^k over the refreshers in time)",
}
GRANT_HEADINGS = {
    "initial_shares": ("Initial grant (shares), S0", styles.SHARES),
    "refresh_per_price": ("Refresher $ / today's price", styles.SHARES),
    "refresh_value": ("Refresher grant value, R", styles.MONEY),
    "price": ("Preferred price today, P", styles.MONEY_CENTS),
    "strike": ("Strike used", styles.MONEY_CENTS),
    "preference_per_share": ("Preference per share", styles.MONEY_CENTS),
    "common_factor": ("Common's slope above it", styles.NUMBER),
    "first_ramp_at": ("Value starts at price", styles.MONEY_CENTS),
    "first_ramp_slope": ("at a slope of", styles.NUMBER),
    "second_ramp_at": ("Preferred convert at price", styles.MONEY_CENTS),
    "second_ramp_slope": ("where the slope changes by", styles.NUMBER),
    "yearly_weight": ("Dilution and discount a year, q", styles.FACTOR),
    "closed_form": ("No strike or preference", None),
    "vested_in_horizon": ("Initial grant vested by M", styles.PERCENT),
}


def initial_shares(layout: Layout, index: int) -> str:
    ref = lambda key: layout.inputs.offer(key, index)
    return (f'=IF({ref("equity.type")}="none",0,IF(ISNUMBER({ref("equity.grant_value")}),'
            f'{ref("equity.grant_value")}/{ref("equity.price")},IF(ISNUMBER({ref("equity.shares")}),'
            f'{ref("equity.shares")},{ref("equity.percent")}*{ref("equity.company_value")}/{ref("equity.price")})))')


class GrantCells:
    """References to one offer's grant parameters on Vesting (sheet-qualified, absolute)."""

    def __init__(self, layout: Layout, index: int):
        self.layout, self.index = layout, index
        self.row = layout.vesting.grant(index)

    def __getitem__(self, what: str) -> str:
        return cell(self.row, grant_col(what), VESTING)

    def month_row(self, section: str) -> str:
        return timeline(self.layout.vesting.row(section, self.index), self.layout.months, VESTING)

    def month_cell(self, section: str, month_letter: str) -> str:
        return f"{VESTING}!{month_letter}${self.layout.vesting.row(section, self.index)}"

    def last(self, section: str) -> str:
        """The horizon month's cell of a section's row."""
        return cell(self.layout.vesting.row(section, self.index), month_col(self.layout.months), VESTING)

    def refreshers(self) -> str:
        """The block of the refreshers' fractions: a row per anniversary, a column per month."""
        lay = self.layout.vesting
        return area(lay.refresher(self.index, 1), month_col(1), lay.refresher(self.index, lay.anniversaries),
                    month_col(self.layout.months), VESTING)

    def refreshers_column(self, month_letter: str) -> str:
        lay = self.layout.vesting
        first, last = lay.refresher(self.index, 1), lay.refresher(self.index, lay.anniversaries)
        return f"{VESTING}!{month_letter}${first}:{month_letter}${last}"

    def price_factors_column(self) -> str:
        """(1 + the offer's own growth)^-k beside the refreshers' rows (column C): a refresher's
        shares per $ of today's price, worked out once per anniversary, not once per month."""
        lay = self.layout.vesting
        return area(lay.refresher(self.index, 1), PRICE_FACTOR_COL, lay.refresher(self.index, lay.anniversaries),
                    PRICE_FACTOR_COL, VESTING)

    def vested_before(self) -> str:
        """The initial grant's fraction vested by month M - 12k, k = 1 .. years - 1 (one row)."""
        lay = self.layout.vesting
        return area(lay.vested(self.index), month_col(1), lay.vested(self.index), month_col(lay.anniversaries),
                    VESTING)


def anniversaries_row(layout: Layout) -> str:
    """k = 1 .. years - 1, across (the header of the vested-by table)."""
    lay = layout.vesting
    return area(lay.vested_first - 1, month_col(1), lay.vested_first - 1, month_col(lay.anniversaries), VESTING)


def _grant_formulas(layout: Layout, index: int) -> dict[str, str]:
    ref = lambda key: layout.inputs.offer(key, index)
    here = lambda what: cell(layout.vesting.grant(index), grant_col(what))
    none = f'{ref("equity.type")}="none"'
    participating = ref("equity.participating")
    return {
        "initial_shares": initial_shares(layout, index),
        "refresh_per_price": f"=IF({none},0,{as_number(ref('equity.refresh_value'))}/{ref('equity.price')})",
        "refresh_value": f"=IF({none},0,{as_number(ref('equity.refresh_value'))})",
        "price": f"=IF({none},0,{ref('equity.price')})",
        "strike": f'=IF({ref("equity.type")}="options",{as_number(ref("equity.strike"))},0)',
        "preference_per_share": (f"=IF(OR({none},{as_number(ref('equity.preference'))}=0),0,"
                                 f"{ref('equity.preference')}*{ref('equity.price')}/{ref('equity.company_value')})"),
        "common_factor": (f"=IF(IF(ISLOGICAL({participating}),{participating},FALSE),1,"
                          f"1/(1-{as_number(ref('equity.preferred_share'))}))"),
        "second_ramp_at": (f"=IF(OR({here('preference_per_share')}=0,{here('common_factor')}=1),0,"
                           f"{here('preference_per_share')}*{here('common_factor')}/({here('common_factor')}-1))"),
        "first_ramp_at": (f"=IF({here('preference_per_share')}=0,{here('strike')},IF({here('common_factor')}=1,"
                          f"{here('preference_per_share')}+{here('strike')},IF({_two_ramps(here)},"
                          f"{here('preference_per_share')}+{here('strike')}/{here('common_factor')},{here('strike')})))"),
        "first_ramp_slope": f"=IF({_two_ramps(here)},{here('common_factor')},1)",
        "second_ramp_slope": f"=IF({_two_ramps(here)},1-{here('common_factor')},0)",
        "yearly_weight": (f"=(1-{as_number(ref('equity.dilution'))})"
                          f"/(1+{as_number(layout.inputs.model('model.discount_rate'))})"),
        "closed_form": f"=AND({here('preference_per_share')}=0,{here('strike')}=0)",
        "vested_in_horizon": f"={cell(layout.vesting.row('fraction', index), 3)}",
    }


def _two_ramps(here) -> str:
    """A non-participating preference whose conversion point lies above the strike."""
    return (f"AND({here('preference_per_share')}>0,{here('common_factor')}>1,"
            f"{here('strike')}<={here('second_ramp_at')})")


def write(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    months = layout.months
    lay = layout.vesting
    inputs = layout.inputs
    sheet.title("Vesting", "Per offer: the grant and the parameters of its equity value, then by month the fraction "
                "vesting, the dilution and discount factors and the refreshers' fractions.")
    sheet.axis(months, figures.axis)
    sheet.label(lay.grants_first - 1, LABEL_COL, "Grants", styles.HEADER)
    for what, (heading, _) in GRANT_HEADINGS.items():
        sheet.label(lay.grants_first - 1, grant_col(what), heading, styles.HEADER, text_wrap=True)
    sheet.height(lay.grants_first - 1, 45)
    for section, title in SECTION_TITLES.items():
        sheet.label(lay.section_first(section) - 1, LABEL_COL, title, styles.HEADER)
    sheet.label(lay.section_first("fraction") - 1, 3, "Total", styles.HEADER)
    names = [o.name for o in figures.offers_file.offers]
    for index, grant in enumerate(figures.grants):
        name_ref = f"={inputs.offer('name', index)}"
        sheet.formula(lay.grant(index), LABEL_COL, name_ref, names[index])
        for what, expression in _grant_formulas(layout, index).items():
            sheet.formula(lay.grant(index), grant_col(what), expression, getattr(grant, what),
                          GRANT_HEADINGS[what][1])
        for section in SECTION_TITLES:
            sheet.formula(lay.row(section, index), LABEL_COL, name_ref, names[index])
        _write_month_rows(sheet, figures, layout, index)
    _write_refreshers(sheet, figures, layout)
    sheet.widths(label_width=40, param_width=14, months=months)
    sheet.width(PARAM_COL, 14, grant_col(GRANT_COLUMNS[-1]))
    sheet.freeze(AXIS_YEARS - 2, month_col(1))
    print_timeline(sheet, figures.offers_file, lay.last_row, months)


def _write_month_rows(sheet: Sheet, figures: Figures, layout: Layout, index: int) -> None:
    months = layout.months
    lay = layout.vesting
    grant = figures.grants[index]
    g = GrantCells(layout, index)
    dilution = as_number(layout.inputs.offer("equity.dilution", index))
    years = lambda c: f"{TIMELINE}!{c}${AXIS_YEARS}"
    row = lay.row("fraction", index)
    sheet.timeline_row(row, months, lambda c: chosen_fraction(layout, index, c), grant.fraction, styles.PERCENT)
    sheet.row_total(row, months, grant.fraction, styles.PERCENT)
    nominal = lay.row("weight_nominal", index)
    sheet.timeline_row(lay.row("weight_pv", index), months, lambda c: f"={c}{nominal}*{TIMELINE}!{c}${AXIS_DISCOUNT}",
                       grant.weight_pv, styles.FACTOR)
    sheet.timeline_row(nominal, months, lambda c: f"=(1-{dilution})^{years(c)}", grant.weight_nominal, styles.FACTOR)
    q = g["yearly_weight"]
    count = lambda c: f"INT(({horizon_months()}-{TIMELINE}!{c}${AXIS_MONTH})/12)"
    sheet.timeline_row(lay.row("coefficients", index), months, lambda c: (
        f"={g.month_cell('fraction', c)}*({g['initial_shares']}*{g['price']}+{g['refresh_value']}"
        f"*IF({q}=1,{count(c)},{q}*(1-{q}^{count(c)})/(1-{q})))"), grant.coefficients, styles.MONEY)


def _write_refreshers(sheet: Sheet, figures: Figures, layout: Layout) -> None:
    lay = layout.vesting
    months = layout.months
    if not lay.anniversaries:
        return
    sheet.label(lay.refreshers_first - 1, LABEL_COL, "Fraction of the refresher granted at anniversary k vesting "
                "each month: the initial grant's, 12k months on (blank before the grant)", styles.HEADER)
    sheet.label(lay.refreshers_first - 1, PARAM_COL, "k", styles.HEADER)
    sheet.label(lay.refreshers_first - 1, PRICE_FACTOR_COL, "(1+g)^-k", styles.HEADER)
    names = [o.name for o in figures.offers_file.offers]
    for index, grant in enumerate(figures.grants):
        fraction_row = lay.row("fraction", index)
        growth = as_number(layout.inputs.offer("equity.growth", index))
        for k in range(1, lay.anniversaries + 1):
            row = lay.refresher(index, k)
            sheet.formula(row, LABEL_COL, f"={layout.inputs.offer('name', index)}", names[index])
            sheet.value(row, PARAM_COL, k, styles.INTEGER, styles.CONSTANT)
            sheet.formula(row, PRICE_FACTOR_COL, f"=(1+{growth})^(-{cell(row, PARAM_COL)})",
                          (1 + grant.growth) ** -k, styles.FACTOR)
            sheet.timeline_row(row, months, lambda c: f"={shifted(c, -12 * k)}${fraction_row}",
                               grant.refreshers[k - 1], styles.PERCENT, first_month=12 * k + 1)
    header = lay.vested_first - 1
    sheet.label(header, LABEL_COL, "Initial grant vested by month M - 12k (for the refreshers held to M)",
                styles.HEADER)
    for k in range(1, lay.anniversaries + 1):
        sheet.value(header, month_col(k), k, styles.INTEGER, styles.HEADER)
    month_axis = timeline(AXIS_MONTH, months, TIMELINE)
    for index, grant in enumerate(figures.grants):
        row = lay.vested(index)
        sheet.formula(row, LABEL_COL, f"={layout.inputs.offer('name', index)}", names[index])
        fractions = timeline(lay.row("fraction", index), months, VESTING)
        for k in range(1, lay.anniversaries + 1):
            k_ref = f"{col(month_col(k))}${header}"
            sheet.formula(row, month_col(k), f'=SUMIF({month_axis},"<="&({horizon_months()}-12*{k_ref}),{fractions})',
                          grant.vested_before[k - 1], styles.PERCENT)


def horizon_weight(layout: Layout, index: int) -> str:
    """W(M): the dilution and discount factor of the horizon month."""
    return GrantCells(layout, index).last("weight_pv")


__all__ = ["GrantCells", "write", "anniversaries_row", "horizon_weight", "horizon_discount"]
