"""xlmodel for notebooks: value an offers file and get its figures as pandas DataFrames.

    import xlmodel
    valuation = xlmodel.value("offers.toml")      # a path, a pathlib.Path, or the TOML text itself
    valuation.summary()                          # one row per offer
    valuation.monthly()                          # one row per offer and month
    xlmodel.build("offers.toml", "offer_model.xlsx")

pandas is imported only when a DataFrame is asked for, so valuing alone does not need it.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union

from . import engine
from .engine import COMPONENTS, Negotiation
from .errors import InputError
from .model import OffersFile
from .monthly_table import MONTHLY_COLUMNS, YEARLY_COLUMNS, monthly_rows, yearly_rows
from .inputs.offers_file import load_offers, parse_offers
from .output_files import check_target

if TYPE_CHECKING:
    import pandas

OffersSource = Union[str, Path]
TEXT_SOURCE = "<offers text>"  # how error messages name an offers file given as text
SUMMARY_COLUMNS = ("total", "pv", "annualized", *COMPONENTS)
AFTER_TAX_COLUMNS = ("after_tax_total", "after_tax_pv")
SCENARIO_COLUMNS = ("scenario", "offer", "pv", "total")
LEAVE_COLUMNS = ("offer", "month", "quit", "cut")
OUTCOME_COLUMNS = ("draw", "offer", "growth", "liquid", "pv")

__all__ = ["Valuation", "value", "build", "load", "OffersSource"]


def _pandas():
    try:
        import pandas
    except ImportError:
        raise ImportError("xlmodel's DataFrames need pandas: pip install pandas") from None
    return pandas


def _is_toml_text(source: str) -> bool:
    """A string is the file's text rather than its path when it spans lines, or when it holds
    a `=` and names no existing file (an offers file always has `key = value` lines)."""
    return "\n" in source or ("=" in source and not Path(source).exists())


def load(source: OffersSource) -> OffersFile:
    """Read and check an offers file from a path (str or pathlib.Path) or from its TOML text.

    Raises InputError, whose message names the file (or `<offers text>`), the key and the reason.
    """
    if isinstance(source, Path):
        return load_offers(source)
    if not isinstance(source, str):
        raise TypeError(f"expected a path or the offers file's TOML text, got {type(source).__name__}")
    if not _is_toml_text(source):
        return load_offers(source)
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        raise InputError(TEXT_SOURCE, (), f"malformed TOML: {error}") from None
    return parse_offers(data, TEXT_SOURCE)


def _after_tax_figure(offer_value: engine.OfferValue, name: str) -> Optional[float]:
    """The offer's after-tax `name` ("total" or "pv"), or None without a [tax] table.

    After-tax figures are an optional part of the engine's results (an object or a mapping)."""
    after_tax = getattr(offer_value, "after_tax", None)
    if after_tax is None:
        return None
    if isinstance(after_tax, dict):
        return after_tax.get(name)
    return getattr(after_tax, name, None)


@dataclass(frozen=True)
class Valuation:
    """Every figure of one offers file: the engine's results, with DataFrame views of them.

    `offers_file` is the checked input; `result` the engine's own results (engine.Valuation),
    for anything the views below leave out.
    """

    offers_file: OffersFile
    result: engine.Valuation

    @property
    def offer_names(self) -> list[str]:
        return [offer.name for offer in self.result.offers]

    @property
    def negotiation(self) -> Negotiation:
        """The engine's negotiation figures: target, alternative, gap, the asks and the levers,
        respond-by and expiry dates (None where the engine has no figure)."""
        return self.result.negotiation

    def summary(self) -> "pandas.DataFrame":
        """One row per offer (indexed by name): total, pv, annualized and the totals of salary,
        bonus, signon and equity; after_tax_total and after_tax_pv too when the file has [tax]."""
        rows = []
        for offer in self.result.offers:
            row = {"total": offer.total, "pv": offer.pv, "annualized": offer.annualized,
                   **{name: offer.components[name] for name in COMPONENTS}}
            for column in AFTER_TAX_COLUMNS:
                row[column] = _after_tax_figure(offer, column.removeprefix("after_tax_"))
            rows.append(row)
        columns = list(SUMMARY_COLUMNS)
        if any(row[column] is not None for row in rows for column in AFTER_TAX_COLUMNS):
            columns += AFTER_TAX_COLUMNS
        frame = _pandas().DataFrame(rows, index=self.offer_names, columns=columns, dtype=float)
        frame.index.name = "offer"
        return frame

    def monthly(self) -> "pandas.DataFrame":
        """One row per offer and month: offer, month, date (the month's last day), salary, bonus,
        signon, equity, total, and discounted (the total times the month's discount factor)."""
        pandas = _pandas()
        frame = pandas.DataFrame(list(monthly_rows(self.offers_file, self.result)), columns=list(MONTHLY_COLUMNS))
        frame["date"] = pandas.to_datetime(frame["date"])
        return frame

    def yearly(self) -> "pandas.DataFrame":
        """One row per offer and employment year: offer, year, salary, bonus, signon, equity, total."""
        return _pandas().DataFrame(list(yearly_rows(self.result)), columns=list(YEARLY_COLUMNS))

    def scenarios(self) -> "pandas.DataFrame":
        """One row per scenario and offer: scenario, offer, pv, total (pivot it for a side-by-side table)."""
        rows = [{"scenario": scenario.name, "offer": name, "pv": scenario.pv[name], "total": scenario.total[name]}
                for scenario in self.result.scenarios for name in self.offer_names]
        return _pandas().DataFrame(rows, columns=list(SCENARIO_COLUMNS))

    def leave(self) -> "pandas.DataFrame":
        """One row per offer and leave month: nominal dollars kept if you quit, or if the role is cut."""
        rows = [{"offer": name, "month": month, "quit": kept["quit"], "cut": kept["cut"]}
                for name, by_month in self.result.leave.items() for month, kept in by_month.items()]
        return _pandas().DataFrame(rows, columns=list(LEAVE_COLUMNS))

    def outcomes(self) -> "pandas.DataFrame":
        """One row per draw and offer: draw (1..N), offer, growth (the draw's stock growth), liquid
        (whether its equity is ever sellable) and pv; no rows when model.draws is 0."""
        rows = [{"draw": k, "offer": name, "growth": draws.growth[k - 1], "liquid": draws.liquid[k - 1],
                 "pv": draws.pv[k - 1]}
                for k in range(1, self.offers_file.model.draws + 1) if self.result.draws
                for name, draws in self.result.draws.items()]
        return _pandas().DataFrame(rows, columns=list(OUTCOME_COLUMNS))

    def texts(self) -> dict[str, Optional[str]]:
        """The texts for the recruiter: counter_request, follow_up (and follow_up_on, the day to
        send it), reply_cant_beat, reply_need_approval and reply_startup_equity."""
        from .texts.negotiation import texts_for, texts_json
        return texts_json(texts_for(self.offers_file, self.result))

    def as_json(self) -> dict[str, Any]:
        """The figures exactly as `xlmodel value --json` prints them."""
        figures = self.result.as_json()
        figures["negotiation"]["texts"] = self.texts()
        return figures


def value(source: OffersSource) -> Valuation:
    """Value every offer of an offers file given as a path, a pathlib.Path or its TOML text.

    Raises InputError (with the CLI's one-line message) for a missing or bad file.
    """
    offers_file = load(source)
    return Valuation(offers_file, engine.value_all(offers_file))


def build(source: OffersSource, out: Union[str, Path], force: bool = False, udf: bool = False) -> Path:
    """Write the formula-driven workbook of an offers file to `out` (.xlsx; .xlsm with `udf`).

    As on the command line, an existing `out` is kept unless `force`, and the workbook is written
    to a temporary file first. Returns the path written; raises InputError for bad input or target.
    """
    from .workbook import build_workbook, save_workbook  # XlsxWriter only when a workbook is written

    offers_file = load(source)
    output = Path(out)
    suffix = ".xlsm" if udf else ".xlsx"
    check_target(output, suffix, "offer_model", force)
    save_workbook(build_workbook(offers_file, udf=udf), output, force=force)
    return output
