"""Rounding as a spreadsheet's ROUND does it, so the engine and the workbook round alike."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext


def excel_round(value: float, digits: int = 0) -> Decimal:
    """Round half away from zero, on the 15 significant digits a spreadsheet keeps (any finite
    number: the context holds every digit of the largest float)."""
    exact = Decimal(format(value, ".15g"))
    with localcontext() as context:
        context.prec = 400
        return exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def to_cents(value: float) -> float:
    """An amount of cash, to the cent."""
    return float(excel_round(value, 2)) + 0.0
