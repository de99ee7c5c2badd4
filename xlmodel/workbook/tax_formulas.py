"""The Tax sheet's yearly formulas: one per column of each yearly table, for one offer and year,
worked as the engine works a year (xlmodel/engine/tax.py)."""
from __future__ import annotations


from .. import tax_grid
from ..model import NO_TAX_LOCATION
from .calc_layout import TOLERANCE_ROW
from .figures import Figures
from .layout import CASHFLOWS, CHECKS, PARAM_COL, Layout
from .refs import area, cell, col, year_range
from .tax_tables import federal_ref, joint_ref


# --- the yearly formulas ------------------------------------------------------------------------------

class YearFormulas:
    """The formula of each column of the yearly tables, for one offer and year."""

    def __init__(self, figures: Figures, layout: Layout):
        self.layout, self.lay = layout, layout.tax
        lay = self.lay
        self.last = lay.last_slot_col
        self.joint = joint_ref(lay)
        self.setting = lambda key: cell(lay.setting_row[key], PARAM_COL)
        rows = lay.federal_rows
        self.federal_bounds, self.federal_steps = area(rows[0], 6, rows[-1], 6), area(rows[0], 8, rows[-1], 8)
        self.names = area(lay.names_row, 2, lay.names_row, self.last)

    def matches(self, i: int) -> str:
        row = self.lay.match_rows[i]
        return area(row, 2, row, self.last)

    def pick(self, key: str, slot: str, offset: str = "") -> str:
        """A location's cell of a grid row: INDEX(row, 1, its column + offset)."""
        row = self.lay.grid_row[key]
        return f"INDEX({area(row, 1, row, self.last)},1,{slot}{offset})"

    def pick_row(self, row: int, slot: str) -> str:
        return f"INDEX({area(row, 1, row, self.last)},1,{slot})"

    def grid(self, rows: list[int], shift: int = 0) -> str:
        """Every location's in-use rows, `shift` cells right of each location's first column."""
        return area(rows[0], 2 + shift, rows[-1], self.last + shift)

    @staticmethod
    def located_only(slot: str, expression: str) -> str:
        """A location's formula: 0 without working it out for an offer with no location (slot 0)."""
        return f"=IF({slot}>0,{expression},0)"

    def brackets(self, x: str, rows: list[int], slot: str, index: str) -> str:
        bound, step = self.grid(rows), self.grid(rows, 2)
        return f"SUMPRODUCT((COLUMN({bound})={slot})*({x}>{bound}*{index})*({x}-{bound}*{index})*{step})"

    def steps(self, x: str, rows: list[int], slot: str, index: str, shift: int = 2) -> str:
        """The value of a step table at x (the last row whose "from" x index is at most x)."""
        start, step = self.grid(rows), self.grid(rows, shift)
        return f"SUMPRODUCT((COLUMN({start})={slot})*({x}>={start}*{index})*{step})"

    def federal_row(self, section: str, i: int, y: int) -> dict[str, str]:
        layout, lay = self.layout, self.lay
        inputs = layout.inputs
        row = lay.year_rows[(section, i, y)]
        c = lambda what: f"{col(lay.year_col(section, what))}{row}"
        w, index, slot = c("wages"), c("index"), c("location_slot")
        estimate = lay.year_rows[("estimate", i, y)]
        est = lambda what: f"{col(lay.year_col('estimate', what))}{estimate}"
        block = layout.cashflows[i]
        payroll = lay.payroll_use
        rate, cap, deductible = self.grid(payroll), self.grid(payroll, 1), self.grid(payroll, 2)
        capped = f"({w}-({cap}>0)*({w}>{cap}*{index})*({w}-{cap}*{index}))"
        top = f"MAX({self.federal_bounds})"
        fed = lambda key: federal_ref(lay, key)
        return {
            "wages": f"=SUM({year_range(block.row('total'), y, CASHFLOWS)})",
            "cashflows_total": f"={cell(layout.results.year_rows[y - 1], layout.offer_col(i), CASHFLOWS)}",
            "index": (f"=(1+SUM({self.setting('tax.indexation')}))^(YEAR({inputs.model('model.start_date')})"
                      f"+{c('year')}-1-SUM({self.setting('tax.table_year')}))"),
            "standard_deduction": f"={fed('federal.standard_deduction')}*{index}",
            "standard_taxable": f"=MAX(0,{w}-{c('standard_deduction')})",
            "standard_federal": self._federal_tax(c("standard_taxable"), index),
            # The location's first column (0: "none" or no such name), from the offer's row of matches.
            "location_slot": (f'=IF(OR({inputs.offer("tax_location", i)}="",{inputs.offer("tax_location", i)}='
                              f'"{NO_TAX_LOCATION}"),0,SUMPRODUCT(({self.matches(i)}=TRUE)*COLUMN({self.matches(i)})))'),
            "location_payroll": self.located_only(slot, f"SUMPRODUCT((COLUMN({rate})={slot})*{rate}*{capped})"),
            "deductible_payroll": self.located_only(
                slot, f"SUMPRODUCT((COLUMN({rate})={slot})*{rate}*{capped}*{deductible})"),
            "salt_income_taxes": f"={est('state')}+{est('local')}",
            "salt_cap": (f"=MAX(MIN({fed('federal.salt_cap')},{fed('federal.salt_floor')})*{index},"
                         f"{fed('federal.salt_cap')}*{index}-{fed('federal.salt_phaseout_rate')}*MAX(0,{w}"
                         f"-{fed('federal.salt_phaseout_threshold')}*{index}))"),
            "salt": f"=MIN({c('salt_cap')},{c('salt_income_taxes')}+{c('deductible_payroll')})",
            "other_itemized": f"=SUM({self.setting('tax.other_itemized')})",
            "limitation": (f"={fed('federal.itemized_limitation_rate')}*MIN({c('salt')}+{c('other_itemized')},"
                           f"MAX(0,{w}-{top}*{index}))"),
            "itemized": f"={c('salt')}+{c('other_itemized')}-{c('limitation')}",
            "itemizes": (f'=IF({self.setting("tax.deductions")}="itemized",TRUE,IF({self.setting("tax.deductions")}'
                         f'="standard",FALSE,{c("itemized")}>{c("standard_deduction")}))'),
            "deduction": f"=IF({c('itemizes')},{c('itemized')},{c('standard_deduction')})",
            "federal_taxable": f"=MAX(0,{w}-{c('deduction')})",
            "federal": self._federal_tax(c("federal_taxable"), index),
            "social_security": (f"={fed('federal.social_security_rate')}*MIN({w},"
                                f"{fed('federal.social_security_wage_base')}*{index})"),
            "medicare": f"={fed('federal.medicare_rate')}*{w}",
            "additional_medicare": (f"={fed('federal.additional_medicare_rate')}*MAX(0,{w}"
                                    f"-{fed('federal.additional_medicare_threshold')})"),
        }

    def _federal_tax(self, x: str, index: str) -> str:
        return (f"=SUMPRODUCT(({x}>{self.federal_bounds}*{index})*({x}-{self.federal_bounds}*{index})"
                f"*{self.federal_steps})")

    def location_row(self, section: str, i: int, y: int) -> dict[str, str]:
        lay = self.lay
        row = lay.year_rows[(section, i, y)]
        federal = lay.year_rows[("federal", i, y)]
        c = lambda what: f"{col(lay.year_col(section, what))}{row}"
        f = lambda what: f"{col(lay.year_col('federal', what))}{federal}"
        w, index, slot, j = f("wages"), f("index"), f("location_slot"), self.joint
        pick = lambda key, offset="": self.pick(key, slot, offset)
        by_status = f"+{j}"
        context = ({"federal_deduction": f"={f('standard_deduction')}", "federal_itemizes": "=FALSE",
                    "federal_taxable": f"={f('standard_taxable')}", "federal_tax": f"={f('standard_federal')}"}
                   if section == "estimate" else
                   {"federal_deduction": f"={f('deduction')}", "federal_itemizes": f"={f('itemizes')}",
                    "federal_taxable": f"={f('federal_taxable')}", "federal_tax": f"={f('federal')}"})
        itemizes = c("federal_itemizes")
        above = pick("addback_deductions_above")
        rule = pick("itemized")
        std, other = c("standard"), f("other_itemized")
        ti = c("taxable")
        limit = pick("exemption_income_limit", by_status)
        start, flat, phase = pick("recapture_start"), pick("recapture_flat_above"), pick("recapture_phase_in")
        surtax = lay.surtax_use
        on = lambda expression: self.located_only(slot, expression)
        formulas = {
            **context,
            # The state tax deducted federally is added back only as filed (the estimate takes the
            # standard deduction, and must not depend on the deduction it estimates).
            "addbacks": on((f"IF(AND({pick('addback_state_tax')}=TRUE,{itemizes}),MIN({f('salt')},MAX(0,{f('salt')}"
                            f"+{other}-{f('standard_deduction')})),0)+" if section == "filed" else "")
                           + f"IF(ISNUMBER({above}),IF({w}>={above}*{index},MAX(0,{c('federal_deduction')}"
                           f"-SUM({pick('addback_deductions_exempt', by_status)})*{index}),0),0)"),
            "base": on(f'IF({pick("base")}="federal_taxable",{c("federal_taxable")},{w})+{c("addbacks")}'),
            "subtraction": on(f"MIN(MAX(0,{c('federal_tax')}),{index}*"
                              f"{self.steps(w, lay.step_use['federal_tax_subtraction'], slot, index)})"),
            "standard": on(f"SUM({pick('deduction', by_status)})*{index}"),
            "deduction": on(f'IF({rule}="own",IF({self.setting("tax.deductions")}="standard",{std},MAX({std},{other})),'
                            f'IF({rule}="with_federal",IF({itemizes},MAX({std},{other}),{std}),IF({rule}="follow",'
                            f'IF({itemizes},{other},{std}),IF({rule}="federal",IF({itemizes},{c("federal_deduction")},'
                            f'{std}),{std}))))'),
            "exemption": on(f"SUM({pick('exemption', by_status)})*{index}*IF(ISNUMBER({limit}),{w}<={limit}*{index},"
                            f"TRUE)+MIN(SUM({pick('fica_deduction')})*{index},{f('social_security')}"
                            f"+{f('medicare')})"),
            "taxable": f"=MAX(0,{c('base')}-{c('subtraction')}-{c('deduction')}-{c('exemption')})",
            "brackets": on(self.brackets(ti, lay.bracket_use["brackets"], slot, index)),
            "bracket_start": on(f"{index}*" + self.steps(ti, lay.bracket_use["brackets"], slot, index, 3)),
            "recapture_phase": on(f"IF(ISNUMBER({start}),IF(SUM({phase})>0,MIN(1,MAX(0,{w}-MAX({c('bracket_start')},"
                                  f"SUM({start})*{index}))/(SUM({phase})*{index})),1),0)"),
            "recapture": on(f"IF(ISNUMBER({start}),IF(AND(ISNUMBER({flat}),{w}>SUM({flat})*{index}),{ti}*"
                            f"{self.pick_row(lay.top_rate_row, slot)}-{c('brackets')},{index}*("
                            f"{self.steps(ti, lay.step_use['recapture_base'], slot, index)}+{c('recapture_phase')}*"
                            f"{self.steps(ti, lay.step_use['recapture_increment'], slot, index)})),0)"),
            "surtax": on(f"SUMPRODUCT((COLUMN({self.grid(surtax)})={slot})*({ti}>{self.grid(surtax)})*({ti}"
                         f"-{self.grid(surtax)})*{self.grid(surtax, 1)})"),
        }
        state_credits, local_credits = [], []
        for k in range(1, lay.sizes.credits + 1):
            name = pick(tax_grid.credit_key(k))
            limit = pick(tax_grid.credit_key(k, "income_limit"), by_status)
            begin = pick(tax_grid.credit_key(k, "phaseout_start"), by_status)
            phaseout = tax_grid.credit_key(k, "phaseout")
            gross, net = c(f"credit_{k}_gross"), c(f"credit_{k}")
            formulas[f"credit_{k}_gross"] = on(
                f'IF({name}="",0,IF(ISNUMBER({limit}),{w}<={limit}*{index},TRUE)*OR('
                f'{pick(tax_grid.credit_key(k, "flags"), "+1")}<>TRUE,{itemizes})*(SUM({pick(tax_grid.credit_key(k, "amount"), by_status)})'
                f'*{index}+{self.brackets(ti, lay.bracket_use[f"credits.{k}.brackets"], slot, index)}))')
            step = f"SUM({pick(phaseout)})"
            formulas[f"credit_{k}"] = on(
                f"MAX(0,{gross}-IF(AND(ISNUMBER({begin}),{step}>0),SUM({pick(phaseout, f'+1+{j}')})*{index}*"
                f"ROUNDUP(MAX(0,{w}-SUM({begin})*{index})/({step}*{index}),0),0))")
            local = f"({pick(tax_grid.credit_key(k, 'flags'))}=TRUE)"
            state_credits.append(f"{net}*NOT{local}")
            local_credits.append(f"{net}*{local}")
        formulas["state"] = on(f"MAX(0,{c('brackets')}+{c('recapture')}-{'-'.join(state_credits)})+{c('surtax')}")
        formulas["local_brackets"] = on(self.brackets(ti, lay.bracket_use["local_brackets"], slot, index))
        formulas["local"] = on(f"MAX(0,{c('local_brackets')}-{'-'.join(local_credits)})")
        return formulas

    def totals_row(self, figures: Figures, i: int, y: int) -> dict[str, str]:
        lay = self.lay
        row = lay.year_rows[("totals", i, y)]
        federal, filed = lay.year_rows[("federal", i, y)], lay.year_rows[("filed", i, y)]
        f = lambda what: f"{col(lay.year_col('federal', what))}{federal}"
        s = lambda what: f"{col(lay.year_col('filed', what))}{filed}"
        c = lambda what: f"{col(lay.year_col('totals', what))}{row}"
        pv_row = self.layout.cashflows[i].row("pv")
        tolerance = cell(TOLERANCE_ROW, PARAM_COL, CHECKS)
        return {
            "total": (f"={f('federal')}+{f('social_security')}+{f('medicare')}+{f('additional_medicare')}"
                      f"+{f('location_payroll')}+{s('state')}+{s('local')}"),
            "after_tax": f"={f('wages')}-{c('total')}",
            "kept": f"=IF({f('wages')}=0,0,1-{c('total')}/{f('wages')})",
            "after_tax_pv": f"={c('kept')}*SUM({year_range(pv_row, y, CASHFLOWS)})",
            "reconciles": f"=ABS({f('wages')}-{f('cashflows_total')})<={tolerance}",
        }
