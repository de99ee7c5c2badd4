"""The formula-driven workbook: one module per sheet over one cell-reference helper (refs)."""
from .builder import build_workbook, save_workbook

__all__ = ["build_workbook", "save_workbook"]
