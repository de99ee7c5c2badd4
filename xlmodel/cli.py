"""The `xlmodel` command line: a thin layer over the library."""
from __future__ import annotations

import argparse
import io
import json
import math
import sys
from pathlib import Path
from typing import Optional

from . import __version__
from .engine import value_all
from .errors import InputError
from .inputs.offers_file import load_offers
from .output_files import check_name, check_target, os_reason, write_text
from .resources import default_sample, offers_template

EXIT_INPUT_ERROR = 2
EXIT_INTERRUPTED = 130  # as a shell reports Ctrl-C: 128 + SIGINT


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own usage errors also exit 2, with no traceback
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT_ERROR, f"xlmodel: error: {message}\n")


def _offers_path(path: Optional[str]) -> Path:
    return Path(path) if path else default_sample()


def _warn(offers_file) -> None:
    """Values that read oddly but are allowed (a rate typed as a whole-number percentage): one
    line each on stderr; the command goes on and its exit code does not change."""
    for warning in offers_file.warnings:
        print(f"xlmodel: warning: {warning}", file=sys.stderr)


def cmd_value(args) -> int:
    path = _offers_path(args.offers)
    offers_file = load_offers(path)
    _warn(offers_file)
    valuation = value_all(offers_file)
    figures = valuation.as_json()
    where = first_non_finite(figures)
    if where is not None:  # a bug if the bounds on the inputs are right; never print inf or nan
        raise InputError(str(path), where, "the figure is not a finite number; make the amounts in the file smaller")
    if args.json:
        from .texts.negotiation import texts_for, texts_json
        figures["negotiation"]["texts"] = texts_json(texts_for(offers_file, valuation))
    if args.csv is not None:
        return _write_csv(args, offers_file, valuation)
    if args.json:
        print(json.dumps(figures, indent=2, allow_nan=False))
    elif args.texts:
        from .report import render_texts
        print(render_texts(offers_file, valuation), end="")
    else:
        from .report import render
        print(render(offers_file, valuation, str(path)))
    return 0


STDOUT = "-"


def _write_csv(args, offers_file, valuation) -> int:
    """The monthly table as CSV: to stdout, or to a new .csv file (an existing one needs --force)."""
    from .monthly_table import write_monthly_csv
    if args.csv == STDOUT:
        write_monthly_csv(offers_file, valuation, sys.stdout)
        return 0
    target = Path(args.csv)
    if target.suffix.lower() == ".toml" and args.offers is None:
        raise InputError(args.csv, (), "--csv writes a .csv file; to value this offers file as CSV, "
                         f"name it first: xlmodel value {args.csv} --csv")
    if target.is_file() and not args.force:
        raise InputError(args.csv, (), "already exists; pass --force to overwrite it, or give --csv another name")
    check_target(target, ".csv", "monthly", args.force, reading=[_offers_path(args.offers)])
    text = io.StringIO()
    write_monthly_csv(offers_file, valuation, text)
    write_text(target, text.getvalue(), args.force)
    print(f"wrote {target} ({len(valuation.offers)} offers x {offers_file.model.months} months)")
    return 0


def first_non_finite(value, path: tuple = ()) -> Optional[tuple]:
    """The key path (("offers", 0, "pv")) of the first infinite or NaN number in JSON-like data, or None."""
    if isinstance(value, float) and not math.isfinite(value):
        return path or ("(the figures)",)
    if isinstance(value, dict):
        items = ((path + (str(key),), item) for key, item in value.items())
    elif isinstance(value, (list, tuple)):
        items = ((path + (i,), item) for i, item in enumerate(value))
    else:
        return None
    for inner, item in items:
        found = first_non_finite(item, inner)
        if found is not None:
            return found
    return None


def cmd_build(args) -> int:
    from .workbook import build_workbook, save_workbook  # XlsxWriter is only loaded for the commands that write

    path = _offers_path(args.offers)
    offers_file = load_offers(path)
    _warn(offers_file)
    suffix = ".xlsm" if args.udf else ".xlsx"
    output = Path(args.output or f"offer_model{suffix}")
    check_name(output, suffix, "offer_model")
    if output.suffix.lower() != suffix:
        kind = "a macro-enabled workbook (--udf)" if args.udf else "the workbook"
        raise InputError(str(output), (), f"the name of {kind} must end in {suffix}")
    check_target(output, suffix, "offer_model", args.force, reading=[path])  # before the work, not after it
    save_workbook(build_workbook(offers_file, udf=args.udf), output, force=args.force)
    print(f"wrote {output} ({len(offers_file.offers)} offers, {offers_file.model.horizon_years} years) from {path}")
    return 0


def cmd_pdf(args) -> int:
    from .pdf_export import PDF_SHEETS, RECRUITER_SHEETS, export_pdf

    sheets = RECRUITER_SHEETS if args.recruiter else PDF_SHEETS
    output = export_pdf(args.workbook, args.output, force=args.force, sheets=sheets)
    what = "the Recruiter page, fit to send," if args.recruiter else f"the {' and '.join(PDF_SHEETS)} sheets, for you and your advisor,"
    print(f"wrote {output} ({what} of {args.workbook})")
    return 0


def cmd_read(args) -> int:
    from .workbook_reader import read_to_file  # openpyxl is only loaded for the commands that need it

    output, inputs = read_to_file(args.workbook, args.output, force=args.force)
    print(f"wrote {output} ({len(inputs.offers_file.offers)} offers) from the inputs of {args.workbook}")
    return 0


def cmd_calendar(args) -> int:
    from .deadlines import write_calendar  # icalendar is only loaded for the command that needs it

    path = _offers_path(args.offers)
    offers_file = load_offers(path)
    output = write_calendar(offers_file, Path(args.output), str(path), force=args.force)
    print(f"wrote {output}: the decision, respond-by and expiry dates of the {offers_file.target.name} negotiation, "
          f"each with a reminder the day before, from {path}")
    return 0


def cmd_init(args) -> int:
    target = check_target(Path(args.path), ".toml", "offers", args.force)
    write_text(target, offers_template().read_text(encoding="utf-8"), args.force)
    print(f"wrote {target}: edit it, then run `xlmodel value {target}`")
    return 0


def cmd_lite(args) -> int:
    from .lite import write_lite

    main_py, requirements = write_lite(args.output, force=args.force)
    print(f"wrote {main_py} and {requirements}: in Excel, open xlwings Lite and paste them into its "
          f"main.py and requirements.txt tabs; then =OFFERVALUE(...) and the other functions work")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="xlmodel", description="Value and negotiate tech job offers.")
    parser.add_argument("--version", action="version", version=f"xlmodel {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    value = commands.add_parser("value", help="value every offer and print the figures")
    value.add_argument("offers", nargs="?", help="offers file (TOML); default: the bundled sample")
    output_format = value.add_mutually_exclusive_group()
    output_format.add_argument("--json", action="store_true",
                               help="print the figures as JSON (the texts for the recruiter under negotiation.texts)")
    output_format.add_argument("--texts", action="store_true",
                               help="print only the texts for the recruiter: the counter-request, the follow-up and "
                               "the replies to three objections, ready to paste")
    output_format.add_argument("--csv", nargs="?", const=STDOUT, metavar="FILE",
                               help="write the monthly cash flows as CSV, to FILE (.csv) or to stdout (no FILE, or -)")
    value.add_argument("--force", action="store_true", help="overwrite an existing --csv FILE")
    value.set_defaults(run=cmd_value)

    build = commands.add_parser("build", help="write the formula-driven Excel workbook")
    build.add_argument("offers", nargs="?", help="offers file (TOML); default: the bundled sample")
    build.add_argument("-o", "--output", help="workbook to write (default offer_model.xlsx, or .xlsm with --udf)")
    build.add_argument("--udf", action="store_true",
                       help="write a macro-enabled .xlsm with xlwings and a Live sheet of the Excel functions")
    build.add_argument("--force", action="store_true", help="overwrite an existing workbook")
    build.set_defaults(run=cmd_build)

    pdf_help = ("export a workbook to PDF: the Summary and Negotiation sheets, the advisor's pages with the whole "
                "strategy (never send them to a recruiter); with --recruiter, the one page to send (needs LibreOffice)")
    pdf = commands.add_parser("pdf", help=pdf_help, description=pdf_help)
    pdf.add_argument("workbook", help="workbook written by `xlmodel build` (.xlsx)")
    pdf.add_argument("--recruiter", action="store_true",
                     help="export the Recruiter sheet alone: the offers' terms side by side, the request and the "
                     "answer window, nothing of the strategy")
    pdf.add_argument("-o", "--output", help="PDF to write (default: the workbook's name with .pdf, or -recruiter.pdf "
                     "with --recruiter)")
    pdf.add_argument("--force", action="store_true", help="overwrite an existing PDF")
    pdf.set_defaults(run=cmd_pdf)

    read = commands.add_parser("read", help="read the inputs of a workbook edited in Excel or LibreOffice into an offers file")
    read.add_argument("workbook", help="workbook written by `xlmodel build` (.xlsx)")
    read.add_argument("-o", "--output", help="offers file to write (default: the workbook's name with .toml)")
    read.add_argument("--force", action="store_true", help="overwrite an existing offers file")
    read.set_defaults(run=cmd_read)

    calendar = commands.add_parser("calendar", help="write the negotiation's deadlines as a calendar file (.ics)")
    calendar.add_argument("offers", nargs="?", help="offers file (TOML) with model.decision_date; default: the bundled sample")
    calendar.add_argument("-o", "--output", default="deadlines.ics", help="calendar file to write (default deadlines.ics)")
    calendar.add_argument("--force", action="store_true", help="overwrite an existing calendar file")
    calendar.set_defaults(run=cmd_calendar)

    init = commands.add_parser("init", help="write a commented starter offers file")
    init.add_argument("path", nargs="?", default="offers.toml", help="where to write it (default offers.toml)")
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    init.set_defaults(run=cmd_init)

    lite = commands.add_parser("lite", help="write main.py and requirements.txt for xlwings Lite (Excel on Mac and the web)")
    lite.add_argument("-o", "--output", default="xlmodel-lite", metavar="DIR",
                      help="folder to write them into (default xlmodel-lite; created if missing)")
    lite.add_argument("--force", action="store_true", help="overwrite existing files")
    lite.set_defaults(run=cmd_lite)
    return parser


def main(argv: Optional[list[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except InputError as error:
        print(f"xlmodel: error: {error.message}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `xlmodel value | head`: the reader left; nothing to report
        sys.stderr.close()
        return 0
    except OSError as error:  # the system refused something no check foresaw: still one clear line
        where = f"{error.filename}: " if error.filename else ""
        print(f"xlmodel: error: {where}{os_reason(error)}", file=sys.stderr)
        return EXIT_INPUT_ERROR
