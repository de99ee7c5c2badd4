"""Every sheet writer keeps to its own cells: no cell of the workbook is written twice; and every
header fits its column or wraps in a row tall enough for it.

XlsxWriter keeps the last write of a cell without a word, so two sections planned onto the
same rows would silently lose one's figures (or, worse, keep both halves)."""
from __future__ import annotations

import io
import math
import tomllib
from collections import Counter

import openpyxl
import pytest
import xlsxwriter.worksheet

from xlmodel.inputs.offers_file import load_offers, parse_offers
from xlmodel.workbook import build_workbook
from xlmodel.workbook.cells import PlainFormulas

from offers_examples import GUARANTEE_PAST_THE_HORIZON
from workbook_support import SAMPLES

WRITERS = ("write_formula", "write_string", "write_number", "write_boolean", "write_blank", "write_datetime",
           "write_array_formula", "merge_range")
# A merged range or an array formula is written first as a whole, then its cells are given their
# content or stored results: those second writes are the point, not a clash.
PLACEHOLDERS = ("merge_range", "write_array_formula")


def _recorded_writes(monkeypatch) -> list[tuple[str, int, int, str]]:
    writes = []
    for name in WRITERS:
        original = getattr(xlsxwriter.worksheet.Worksheet, name)

        def record(self, *args, _original=original, _name=name, **kwargs):
            if _name in PLACEHOLDERS:
                first_row, first_col, last_row, last_col = args[:4]
                writes.extend((self.name, r, c, _name) for r in range(first_row, last_row + 1)
                              for c in range(first_col, last_col + 1))
            else:
                writes.append((self.name, args[0], args[1], _name))
            return _original(self, *args, **kwargs)
        monkeypatch.setattr(xlsxwriter.worksheet.Worksheet, name, record)
    original_row = PlainFormulas.write_formula_row

    def record_row(self, row, cells):  # the builder's own row writer: each of its cells counts
        writes.extend((self.name, row, column, "write_formula") for column, *_ in cells)
        return original_row(self, row, cells)
    monkeypatch.setattr(PlainFormulas, "write_formula_row", record_row)
    return writes


def _clashes(writes) -> list[str]:
    kinds: dict[tuple, list[str]] = {}
    for sheet, row, column, kind in writes:
        kinds.setdefault((sheet, row, column), []).append(kind)
    clashes = []
    for (sheet, row, column), found in kinds.items():
        real = [k for k in found if k not in PLACEHOLDERS]
        if len(real) > 1:
            clashes.append(f"{sheet}!R{row + 1}C{column + 1}: {found}")
    return clashes


@pytest.mark.parametrize("udf", [False, True], ids=["xlsx", "xlsm"])
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_no_cell_is_written_twice(monkeypatch, sample, udf):
    writes = _recorded_writes(monkeypatch)
    build_workbook(load_offers(sample), udf=udf)
    assert writes and _clashes(writes) == []


def test_no_cell_is_written_twice_with_a_guarantee_past_a_short_horizon(monkeypatch):
    writes = _recorded_writes(monkeypatch)
    build_workbook(parse_offers(tomllib.loads(GUARANTEE_PAST_THE_HORIZON), "<test>"))
    assert Counter(kind for *_, kind in writes)["write_formula"] > 1000
    assert _clashes(writes) == []


HEADER_FILL = "1F3864"


def _column_widths(sheet) -> dict[int, float]:
    widths = {}
    for dimension in sheet.column_dimensions.values():
        if dimension.width and dimension.min:
            widths.update({column: dimension.width for column in range(dimension.min, dimension.max + 1)})
    return widths


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_header_fits_its_column_or_wraps_in_a_row_tall_enough(sample, tmp_path):
    """A header (white on dark blue) of n characters takes about n widths of "0" in bold: one
    longer than its column must wrap, in a row of at least 15 points a line, else it is cut
    at the sheet's edge or under the next cell (as it was on Vesting, in print)."""
    workbook = openpyxl.load_workbook(io.BytesIO(build_workbook(load_offers(sample)).data))
    wrapped = 0
    for sheet in workbook.worksheets:
        widths = _column_widths(sheet)
        merged = {cell for area in sheet.merged_cells.ranges for row in sheet[area.coord] for cell in row}
        for row in sheet.iter_rows():
            for cell in row:
                if (not isinstance(cell.value, str) or cell.value.startswith("=") or cell in merged
                        or cell.fill.fill_type is None or not str(cell.fill.fgColor.rgb).endswith(HEADER_FILL)):
                    continue
                width = widths.get(cell.column, 8.43)
                if len(cell.value) <= width:
                    continue
                where = f"{sheet.title}!{cell.coordinate}"
                assert cell.alignment.wrap_text, f"{where}: {cell.value!r} is wider than its column ({width})"
                height = sheet.row_dimensions[cell.row].height or 15
                assert height >= 15 * math.ceil(len(cell.value) / width), f"{where}: row of {height} points"
                wrapped += 1
    assert wrapped > 0  # the samples do have headers longer than their column (Vesting's sections)
