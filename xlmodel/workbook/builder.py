"""Build the formula-driven workbook: plan the layout, write each sheet, name the outputs."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.workbook.defined_name import DefinedName

from ..output_files import check_target, write_atomically
from ..model import OffersFile
from . import (cashflows_sheet, checks_sheet, inputs_sheet, live_sheet, negotiation_sheet, schedules_sheet,
               scenarios_sheet, styles, summary_sheet, udf_workbook, vesting_sheet)
from .layout import (CASHFLOWS, CHECKS, INPUTS, NEGOTIATION, PARAM_COL, SCENARIOS, SCHEDULES, SHEET_ORDER, SUMMARY,
                     VESTING, Layout, plan)
from .negotiation_sheet import ROWS as DEAL
from .refs import area

# Sheets are written in the order their formulas depend on one another.
WRITERS = ((INPUTS, inputs_sheet), (SCHEDULES, schedules_sheet), (VESTING, vesting_sheet),
           (CASHFLOWS, cashflows_sheet), (SCENARIOS, scenarios_sheet), (NEGOTIATION, negotiation_sheet),
           (CHECKS, checks_sheet), (SUMMARY, summary_sheet))


def defined_names(layout: Layout) -> dict[str, str]:
    inputs = layout.inputs
    name_row = inputs.offer_row["name"]
    return {
        "OfferNames": area(name_row, PARAM_COL, name_row, PARAM_COL + layout.offers - 1, INPUTS),
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
        "LeaveMonths": negotiation_sheet.leave_area(layout, "months"),
        "LeaveQuit": negotiation_sheet.leave_area(layout, "quit"),
        "LeaveCut": negotiation_sheet.leave_area(layout, "cut"),
        "SensitivityGrowth": scenarios_sheet.sensitivity_area(layout, "growth"),
        "SensitivityPV": scenarios_sheet.sensitivity_area(layout, "pv"),
        "BreakEvenGrowth": DEAL.ref("break_even"),
    }


def build_workbook(offers_file: OffersFile, udf: bool = False) -> Workbook:
    """The workbook; with `udf`, the macro-enabled variant on xlwings's standalone workbook with a
    Live sheet of Excel functions (save it as .xlsm)."""
    layout = plan(offers_file)
    workbook = udf_workbook.template() if udf else Workbook()
    styles.register(workbook)
    if udf:
        for index, name in enumerate(SHEET_ORDER + (live_sheet.LIVE,)):
            workbook.create_sheet(name, index)
    else:
        workbook.active.title = SHEET_ORDER[0]
        for name in SHEET_ORDER[1:]:
            workbook.create_sheet(name)
    writers = WRITERS + (((live_sheet.LIVE, live_sheet),) if udf else ())
    for name, writer in writers:
        writer.write(workbook[name], offers_file, layout)
    for name, reference in defined_names(layout).items():
        workbook.defined_names[name] = DefinedName(name, attr_text=_absolute_with_quotes(reference))
    for sheet in workbook.worksheets:
        if sheet.title == udf_workbook.CONFIG_SHEET:
            continue
        protection = sheet.protection
        protection.sheet = True
        protection.formatColumns = protection.formatRows = protection.formatCells = False
    workbook.active = 0
    return workbook


def _absolute_with_quotes(reference: str) -> str:
    sheet, _, cells = reference.partition("!")
    sheet = sheet.strip("'")
    return f"'{sheet}'!{cells}"


def save_workbook(workbook: Workbook, path: str | Path, force: bool = False) -> Path:
    """Write atomically: a temporary file beside the target, then a rename."""
    path = Path(path)
    check_target(path, None, "offer_model", force)
    return write_atomically(path, workbook.save)
