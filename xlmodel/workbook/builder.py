"""Build the formula-driven workbook: plan the layout, write each sheet, name the outputs.

Written with XlsxWriter, which stores each formula's result beside it (computed by the engine
here), so the workbook reads right in previews that do not recalculate; Excel and LibreOffice
still recalculate it on open."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter

from ..model import OffersFile
from ..output_files import check_target, write_atomically
from . import (cashflows_sheet, checks_sheet, draws_sheet, inputs_sheet, negotiation_sheet, negotiation_texts,
               recruiter_sheet, schedules_sheet, scenarios_sheet, summary_sheet, tax_results, tax_sheet, texts_sheet,
               timeline_sheet, vesting_sheet)
from .cells import PlainFormulas, Sheet
from .figures import Figures
from .layout import (CASHFLOWS, CHECKS, DRAWS, INPUTS, NEGOTIATION, RECRUITER, SCENARIOS, SCHEDULES,
                     SHEET_ORDER, SUMMARY, TAX, TEXTS, TIMELINE, VESTING, Layout, plan)
from .negotiation_layout import ROWS as DEAL, leave_area
from .negotiation_package import kept_area
from .styles import Formats

# Sheets are written in the order their formulas depend on one another.
WRITERS = ((INPUTS, inputs_sheet), (TIMELINE, timeline_sheet), (SCHEDULES, schedules_sheet), (VESTING, vesting_sheet),
           (CASHFLOWS, cashflows_sheet), (SCENARIOS, scenarios_sheet), (DRAWS, draws_sheet),
           (NEGOTIATION, negotiation_sheet), (TAX, tax_sheet), (TEXTS, texts_sheet), (RECRUITER, recruiter_sheet),
           (CHECKS, checks_sheet), (SUMMARY, summary_sheet))


def defined_names(layout: Layout) -> dict[str, str]:
    return {
        "OfferNames": layout.inputs.offer_area("name"),
        "OfferTotal": cashflows_sheet.result_area(layout, "total"),
        "OfferPV": cashflows_sheet.result_area(layout, "pv"),
        "OfferAnnualized": cashflows_sheet.result_area(layout, "annualized"),
        "OfferSalary": cashflows_sheet.result_area(layout, "salary"),
        "OfferBonus": cashflows_sheet.result_area(layout, "bonus"),
        "OfferSignon": cashflows_sheet.result_area(layout, "signon"),
        "OfferEquity": cashflows_sheet.result_area(layout, "equity"),
        "OfferYearTC": cashflows_sheet.year_area(layout),
        "ScenarioNames": scenarios_sheet.names_area(layout),
        "ScenarioPV": scenarios_sheet.table_area(layout, "pv"),
        "ScenarioTotal": scenarios_sheet.table_area(layout, "total"),
        "GapPV": DEAL.ref("gap"),
        "AskBase": DEAL.ref("ask_base"),
        "AskSignon": DEAL.ref("ask_signon"),
        "AskEquity": DEAL.ref("ask_equity"),
        "RespondBy": DEAL.ref("respond_by"),
        "ExpiresOn": DEAL.ref("expires"),
        "ChecksOK": checks_sheet.master_ref(),
        "LeaveMonths": leave_area(layout, "months"),
        "LeaveQuit": leave_area(layout, "quit"),
        "LeaveCut": leave_area(layout, "cut"),
        "LeaveExerciseCost": leave_area(layout, "exercise_cost"),
        "OfferPV10": draws_sheet.outcome_area(layout, "p10"),
        "OfferPV50": draws_sheet.outcome_area(layout, "p50"),
        "OfferPV90": draws_sheet.outcome_area(layout, "p90"),
        "OfferPVMean": draws_sheet.outcome_area(layout, "mean"),
        "OddsAlternativeWins": draws_sheet.odds_ref(layout),
        "SensitivityGrowth": scenarios_sheet.sensitivity_area(layout, "growth"),
        "SensitivityPV": scenarios_sheet.sensitivity_area(layout, "pv"),
        "BreakEvenGrowth": DEAL.ref("break_even"),
        timeline_sheet.YEARS_FROM_START: timeline_sheet.years_from_start_area(layout),
        **tax_results.defined_names(layout),
        **negotiation_texts.text_cells(layout),
    } | package_names(layout)


def package_names(layout: Layout) -> dict[str, str]:
    """The negotiation levers (the package section of Negotiation); a null figure is an empty cell."""
    return {
        "AskBump": DEAL.package_ref("ask_bump"),
        "AskBumpAmount": DEAL.package_ref("ask_bump_amount"),
        "ProbabilityToClose": DEAL.package_ref("probability_to_close"),
        "AccelerationValue": DEAL.package_ref("acceleration_value"),
        "AccelerationKept": kept_area(layout),
        "GapAfterAcceleration": DEAL.package_ref("gap_after_acceleration"),
        "PackageBump": DEAL.package_ref("package_bump"),
    }


@dataclass(frozen=True)
class BuiltWorkbook:
    """A finished workbook file, in memory: .xlsx, or .xlsm with `udf`."""
    data: bytes
    udf: bool = False

    @property
    def suffix(self) -> str:
        return ".xlsm" if self.udf else ".xlsx"


def build_workbook(offers_file: OffersFile, udf: bool = False) -> BuiltWorkbook:
    """The workbook; with `udf`, the macro-enabled variant with xlwings's VBA module and a Live
    sheet of Excel functions (save it as .xlsm)."""
    layout = plan(offers_file)
    figures = Figures(offers_file)
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    formats = Formats(workbook)
    writers = WRITERS
    if udf:  # only the macro-enabled build needs the Live sheet and the VBA project
        from . import live_sheet, udf_workbook
        writers += ((live_sheet.LIVE, live_sheet),)
    names = SHEET_ORDER + tuple(name for name, _ in writers[len(WRITERS):])
    sheets = {name: Sheet(workbook.add_worksheet(name, PlainFormulas), formats) for name in names}
    if udf:
        workbook.add_vba_project(io.BytesIO(udf_workbook.vba_project()), is_stream=True)
        workbook.set_vba_name("ThisWorkbook")
        for number, name in enumerate(names, start=1):
            sheets[name].ws.set_vba_name(f"Sheet{number}")
        config = Sheet(workbook.add_worksheet(udf_workbook.CONFIG_SHEET), formats)
        udf_workbook.write_config(config)
        config.fit_headers()
    for name, writer in writers:
        writer.write(sheets[name], figures, layout)
        sheets[name].fit_headers()
    for name, reference in defined_names(layout).items():
        workbook.define_name(name, "=" + _quoted(reference))
    for sheet in sheets.values():
        sheet.ws.protect("", {"format_cells": True, "format_columns": True, "format_rows": True})
    sheets[SUMMARY].ws.activate()
    workbook.close()
    return BuiltWorkbook(buffer.getvalue(), udf)


def _quoted(reference: str) -> str:
    sheet, _, cells = reference.partition("!")
    return f"'{sheet.strip(chr(39))}'!{cells}"


def save_workbook(workbook: BuiltWorkbook, path: str | Path, force: bool = False) -> Path:
    """Write atomically: a temporary file beside the target, then a rename."""
    path = Path(path)
    check_target(path, None, "offer_model", force)

    def write(temporary: str) -> None:
        with open(temporary, "wb") as out:
            out.write(workbook.data)
    return write_atomically(path, write, force)
