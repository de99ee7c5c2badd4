"""INDEX over a one-cell range written as IF.

With a single offer (or a single scenario) the by-offer rows are one cell wide, and a pick such
as INDEX($B$7:$B$7,1,k) reads that cell in Excel and LibreOffice but gives #REF! in Gnumeric.
IF(k=1,$B$7,NA()) reads the same cell in all three, a blank one staying blank (CHOOSE would
turn it into 0 in Gnumeric), and fails for any k but 1 as INDEX does; so every formula is
stored with its one-cell INDEX rewritten that way, wider ranges left as written."""
from __future__ import annotations

import re

_RANGE = re.compile(r"\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)")
_ONE_CELL = re.compile(r"^((?:'[^']+'|[A-Za-z_][\w.]*)!)?(\$?([A-Z]{1,3})\$?(\d+)):\$?([A-Z]{1,3})\$?(\d+)$")
_CALL = re.compile(r"(?<![A-Z._])INDEX\(")


def _has_one_cell_range(formula: str) -> bool:
    return any(m[0] == m[2] and m[1] == m[3] for m in _RANGE.findall(formula))


def _calls(formula: str) -> list[int]:
    """Where each INDEX( outside a text literal starts."""
    quoted = [False] * (len(formula) + 1)
    inside = False
    for i, ch in enumerate(formula):
        if ch == '"':
            inside = not inside
        quoted[i] = inside
    return [m.start() for m in _CALL.finditer(formula) if not quoted[m.start()]]


def _single_cell(argument: str) -> str | None:
    found = _ONE_CELL.match(argument.strip())
    if found and found[3] == found[5] and found[4] == found[6]:
        return (found[1] or "") + found[2]
    return None


def _arguments(formula: str, start: int) -> tuple[list[str], int]:
    """The top-level arguments of the call whose "(" is at `start`, and the index of its ")"."""
    depth, quoted, pieces, begin = 0, False, [], start + 1
    for i in range(start, len(formula)):
        ch = formula[i]
        if ch == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                pieces.append(formula[begin:i])
                return pieces, i
        elif ch == "," and depth == 1:
            pieces.append(formula[begin:i])
            begin = i + 1
    raise ValueError(f"unbalanced formula: {formula}")


def rewrite(formula: str) -> str:
    """`formula` with every INDEX over a one-cell range as an IF of that cell."""
    if "INDEX(" not in formula or not _has_one_cell_range(formula):
        return formula
    out, position = [], 0
    for start in _calls(formula):
        if start < position:
            continue  # inside an INDEX already rewritten
        args, end = _arguments(formula, start + len("INDEX"))
        single = _single_cell(args[0])
        if not single or len(args) not in (2, 3):
            continue
        row, column = (args[1], "1") if len(args) == 2 else (args[1].strip(), args[2].strip())
        which = column if row == "1" else row if column == "1" else f"({row})*({column})"
        out.append(formula[position:start])
        out.append(f"IF({rewrite(which)}=1,{single},NA())")
        position = end + 1
    out.append(formula[position:])
    return "".join(out)
