"""`xlmodel read`: the inputs of a workbook that `xlmodel build` wrote (and a user then edited in
Excel or LibreOffice) back into an offers file.

By concept: `zip_guard` opens the file safely, `cells` reads a cell as an offers file gives a
value, `inputs_reader` and `tranches` read the Inputs sheet and the tranche tables (the Tax
sheet: `workbook_tax_reader`), `places` maps each key path read to its cell, and the offers file
is written by the project's TOML writer (`toml_writer`). The values become the tables a TOML
file would give and are checked by `offers_file.parse_offers`, so a broken value gets the usual
reason; its key path (("offers", 1, "base")) is then looked up in the places and named as the
sheet, cell and key where the value sits (`Inputs!D27: base (offer 'Nimbus AI')`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import workbook_tax_reader as tax_reader
from ..errors import InputError
from ..inputs.offers_file import parse_offers
from ..model import DEFAULT_SCENARIOS, OffersFile
from ..output_files import check_name, check_target, write_text
from ..toml_writer import dumps, toml_string
from .cells import CellReader
from .inputs_reader import read_inputs

__all__ = ["WorkbookInputs", "read_workbook", "read_to_file", "dumps", "toml_string"]  # the writer, for its users


@dataclass
class WorkbookInputs:
    """The inputs of a workbook: the offers file as TOML would parse it, and checked."""
    document: dict  # {"model": {...}, "offers": [...], "scenarios": [...] (only if not the defaults), "tax"}
    offers_file: OffersFile
    notes: list[str] = field(default_factory=list)  # what the offers file cannot carry (edited federal tables)


def read_workbook(path: str | Path) -> WorkbookInputs:
    """Read and check the inputs of a workbook made by `xlmodel build`; InputError names the cell."""
    path = Path(path)
    reader = CellReader(path)
    document = read_inputs(reader)
    negotiation = document.pop("negotiation", None)
    tax, notes = tax_reader.read_tax_sheet(reader)
    if tax is not None:
        document["tax"] = tax
    if negotiation:
        document["negotiation"] = negotiation
    try:
        offers_file = parse_offers(document, str(path))
    except InputError as error:
        raise reader.places.translate(error) from None
    if offers_file.scenarios == DEFAULT_SCENARIOS:
        del document["scenarios"]  # the defaults stand in: the file needs no [[scenarios]]
        offers_file = parse_offers(document, str(path))
    return WorkbookInputs(document, offers_file, notes)


# --- the command --------------------------------------------------------------------------------

def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else "?" for c in text)


def write_text_atomically(text: str, path: Path, force: bool = False) -> Path:
    """Write beside the target, then rename: a reader never sees half a file."""
    check_target(path, ".toml", "offers", force)
    return write_text(path, text, force)


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name the system refuses: reading it will say why
        return False


def read_to_file(workbook: str | Path, output: str | Path | None = None,
                 force: bool = False) -> tuple[Path, WorkbookInputs]:
    """`xlmodel read`: the workbook's inputs into an offers file (default: its name with .toml)."""
    workbook = Path(workbook)
    if _is_folder(workbook):
        raise InputError(str(workbook), (), "is a folder, not a workbook")
    target = Path(output) if output else workbook.with_suffix(".toml")
    check_name(target, ".toml", "offers")
    if target.suffix.lower() != ".toml":
        raise InputError(str(target), (), "the offers file's name must end in .toml")
    # Say so before reading: nothing of the user's is touched.
    check_target(target, ".toml", "offers", force, reading=[workbook])
    inputs = read_workbook(workbook)
    comment = (f"Offers read from {_printable(workbook.name)} by `xlmodel read`.\n"
               f"`xlmodel value` on this file gives the workbook's figures; `xlmodel build` makes the workbook again.")
    for note in inputs.notes:
        comment += "\nNote: " + _printable(note)
    text = dumps(inputs.document, comment)
    return write_text_atomically(text, target, force), inputs
