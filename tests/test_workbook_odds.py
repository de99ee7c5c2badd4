"""The workbook's odds and start-up equity, recalculated by LibreOffice: the draws' percentiles,
mean and odds against the engine, after edits of volatility, liquidity and a liquidation
preference on Inputs; and the reconciliations that fail when a calculation is overwritten."""
from __future__ import annotations

import dataclasses

import openpyxl
import pytest

from xlmodel.inputs.offers_file import load_offers
from workbook_support import (AMAZON, assert_matches_engine, build, input_cell, name_cells, name_values,
                              recalculated)


def _replace_equity(offers_file, name, **changes):
    offers = tuple(dataclasses.replace(o, equity=dataclasses.replace(o.equity, **changes)) if o.name == name else o
                   for o in offers_file.offers)
    return dataclasses.replace(offers_file, offers=offers)


@pytest.fixture(scope="module")
def startup_edits(tmp_path_factory):
    """The sample with volatile start-up options behind a liquidation preference, set on Inputs."""
    folder = tmp_path_factory.mktemp("odds")
    offers_file = load_offers(AMAZON)
    path = build(offers_file, folder)
    workbook = openpyxl.load_workbook(path)
    edits = {"equity.volatility": 0.6, "equity.liquidity_probability": 0.3, "equity.company_value": 1.8e9,
             "equity.preference": 4e8, "equity.preferred_share": 0.35}
    for key, value in edits.items():
        input_cell(workbook, key, "Nimbus AI").value = value
    input_cell(workbook, "equity.volatility", "Amazon").value = 0.25
    workbook.save(path)
    edited = _replace_equity(offers_file, "Nimbus AI", volatility=0.6, liquidity_probability=0.3,
                             company_value=1.8e9, preference=4e8, preferred_share=0.35)
    edited = _replace_equity(edited, "Amazon", volatility=0.25)
    return recalculated(path, folder), edited


def test_volatile_preferred_start_up_equity_follows_the_engine(startup_edits):
    workbook, offers_file = startup_edits
    assert_matches_engine(workbook, offers_file)


def test_the_odds_read_as_a_share_of_the_draws(startup_edits):
    workbook, _ = startup_edits
    (odds,), = name_values(workbook, "OddsAlternativeWins")
    assert 0 < odds < 1
    assert odds * 1000 == pytest.approx(round(odds * 1000))  # a whole number of the 1,000 draws


def _overwritten(tmp_path, name: str, row: int, offset: float):
    """The sample with the first cell of a row of a defined name replaced by its value plus `offset`."""
    offers_file = load_offers(AMAZON)
    path = build(offers_file, tmp_path)
    values = openpyxl.load_workbook(path, data_only=True)
    cell = name_cells(values, name)[row][0]
    workbook = openpyxl.load_workbook(path)
    workbook[cell.parent.title][cell.coordinate].value = cell.value + offset
    workbook.save(path)
    return recalculated(path, tmp_path)


@pytest.mark.parametrize("name, row, named_check", [
    ("ScenarioPV", 1, "a scenario without overrides must give the offer's present value"),  # Base
    ("AskBase", 0, "the extra base must close the gap"),
    ("AskSignon", 0, "the extra sign-on must close the gap"),
    ("OfferPV", 0, "a scenario without overrides must give the offer's present value"),
])
def test_a_calculation_overwritten_with_a_number_fails_the_master_check(tmp_path, name, row, named_check):
    workbook = _overwritten(tmp_path, name, row, -1000.0)
    assert name_values(workbook, "ChecksOK") == [[False]]
    problem = workbook["Summary"]
    text = " ".join(str(c.value) for row in problem.iter_rows() for c in row if isinstance(c.value, str))
    if named_check:
        assert named_check in text
