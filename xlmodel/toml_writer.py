"""The project's one TOML writer: an offers file (or any document of tables, arrays of tables,
strings, numbers, booleans, dates and lists) as TOML text that reads back exactly.

`xlmodel read` writes the offers file it reads from a workbook with it, and the benchmarks write
their generated offers files with it. The layout is an offers file's: each table's values first,
then its tables and arrays of tables as [sections] and [[sections]], but a schedule as an inline
table (`schedule = { tranches = [...] }`, the form the documentation shows); every float is
written in the shortest text that reads back as exactly that float.
"""
from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any, Optional


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
INLINE_TABLE_KEYS = {"schedule", "accelerated_schedule"}  # written as `schedule = { tranches = [...] }`, not as a [section]
PAIRS_PER_LINE = 4


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else toml_string(key)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)  # the shortest text that reads back as exactly this float
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        inner = ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    if isinstance(value, (list, tuple)):
        items = [toml_value(v) for v in value]
        if len(items) > PAIRS_PER_LINE and all(isinstance(v, (list, tuple)) for v in value):
            lines = [", ".join(items[i:i + PAIRS_PER_LINE]) for i in range(0, len(items), PAIRS_PER_LINE)]
            return "[\n    " + ",\n    ".join(lines) + ",\n]"
        return "[" + ", ".join(items) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _is_section(key: str, value: Any) -> bool:
    return isinstance(value, dict) and key not in INLINE_TABLE_KEYS


def _is_section_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _write_table(lines: list[str], path: tuple[str, ...], table: dict, header: Optional[str]) -> None:
    only_tables = bool(table) and all(_is_section(k, v) or _is_section_array(v) for k, v in table.items())
    if header is not None and not only_tables:  # [tax.locations] goes without saying before [tax.locations.WA]
        if lines:
            lines.append("")
        lines.append(header)
    for key, value in table.items():
        if value is None or _is_section(key, value) or _is_section_array(value):
            continue
        lines.append(f"{toml_key(key)} = {toml_value(value)}")
    for key, value in table.items():
        inner = path + (key,)
        dotted = ".".join(toml_key(k) for k in inner)
        if _is_section(key, value):
            _write_table(lines, inner, value, f"[{dotted}]")
        elif _is_section_array(value):
            for item in value:
                _write_table(lines, inner, item, f"[[{dotted}]]")


def dumps(document: dict, comment: str = "") -> str:
    """The document as TOML: scalars first in each table, then its tables and arrays of tables."""
    lines = [f"# {line}" if line else "#" for line in comment.splitlines()]
    if lines:
        lines.append("")
    body: list[str] = []
    _write_table(body, (), document, None)
    return "\n".join(lines + body) + "\n"
