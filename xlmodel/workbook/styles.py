"""Named cell styles, defined once per workbook, and the number formats."""
from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side

MONEY = '"$"#,##0;[Red]-"$"#,##0'
MONEY_CENTS = '"$"#,##0.00;[Red]-"$"#,##0.00'
NUMBER = '#,##0.00'
SHARES = '#,##0.0000'
PERCENT = '0.0%'
FRACTION = '0.0000%'
DATE = 'yyyy-mm-dd'
DAY = 'ddd yyyy-mm-dd'
INTEGER = '0'
FACTOR = '0.000000'

INPUT = "xl input"
FORMULA = "xl formula"
LINK = "xl link"
HEADER = "xl header"
TITLE = "xl title"
NOTE = "xl note"
CONSTANT = "xl constant"
CHECK = "xl check"

_thin = Side(style="thin", color="B7B7B7")


def _style(name: str, font: Font, fill: PatternFill | None = None, locked: bool = True,
           border: Border | None = None, alignment: Alignment | None = None) -> NamedStyle:
    style = NamedStyle(name=name, font=font, protection=Protection(locked=locked))
    if fill is not None:
        style.fill = fill
    if border is not None:
        style.border = border
    if alignment is not None:
        style.alignment = alignment
    return style


def register(workbook) -> None:
    styles = [
        _style(INPUT, Font(name="Calibri", size=11, color="0000FF"),
               PatternFill("solid", fgColor="FFF9DB"), locked=False,
               border=Border(left=_thin, right=_thin, top=_thin, bottom=_thin)),
        _style(FORMULA, Font(name="Calibri", size=11, color="000000")),
        _style(LINK, Font(name="Calibri", size=11, color="007A33")),
        _style(HEADER, Font(name="Calibri", size=11, bold=True, color="FFFFFF"),
               PatternFill("solid", fgColor="1F3864"), alignment=Alignment(horizontal="center")),
        _style(TITLE, Font(name="Calibri", size=15, bold=True, color="1F3864")),
        _style(NOTE, Font(name="Calibri", size=10, italic=True, color="595959"),
               alignment=Alignment(wrap_text=False)),
        _style(CONSTANT, Font(name="Calibri", size=11, color="7F7F7F")),
        _style(CHECK, Font(name="Calibri", size=11, bold=True, color="000000")),
    ]
    for style in styles:
        workbook.add_named_style(style)
