"""Warnings on the inputs: an allowed rate that reads like a percentage typed as a whole number
(8 meant as 8%), found with the thresholds of the schema's Fields (`percent_like`), as the
offers file's reader warns. A warning is not a failed check: it never turns ChecksOK FALSE, and
the Summary's first problem stays about failures."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..inputs import keys as input_keys
from ..inputs import schema
from ..inputs.field_words import percent_words, range_words
from ..inputs.schema import Field
from ..texts import pieces as t
from . import conditions as c
from .conditions import Cond
from .figures import Figures
from .input_guards import OfferColumn, offer_columns, offer_labels
from .inputs_sheet import percent_text, scenario_inputs
from .layout import Layout

TITLE = "Warnings: allowed values that read oddly (not failures: the master check ignores them)"


@dataclass(frozen=True)
class WarningRow:
    """One rate's warning in every column of a section: TRUE where the value reads like a
    percentage; `pick` gives the value cell of the column a formula names (1-based)."""
    key: str
    field: Field
    flags: list[Cond]
    pick: Callable[[str], str]
    values: list[Any]

    @property
    def sentence(self) -> str:
        return (f"{self.key} {percent_words(self.field)}, and {range_words(self.field)}, reads like a percentage "
                "typed as a whole number")


@dataclass(frozen=True)
class WarningSection:
    rows: list[WarningRow]
    labels: list[tuple[str, str]]  # naming each column, as the guards' sections do; none: one column


def reads_as_percent(field: Field, ref: str, value: Any) -> Cond:
    """The value is allowed and at or above the Field's threshold (a rate's threshold is above 0
    and its lower bound at most 0, so a hundredth of such a value is allowed too, as
    schema.percent_reading asks)."""
    holds = c.is_number_value(value) and field.admits(value) and schema.percent_reading(field, value) is not None
    allowed = c.number(ref, value, field.low, field.high, field.low_open, field.high_open)
    return Cond(f"IF(ISNUMBER({ref}),AND({ref}>={c.formula_number(field.percent_like)},{allowed.f}),FALSE)",
                bool(holds))


def _rated(keys) -> list[tuple[str, Field]]:
    fields = [(key, input_keys.input_field(key)) for key in keys]
    return [(key, field) for key, field in fields if field.percent_like is not None]


def _offer_flag(offer: OfferColumn, key: str, field: Field) -> Cond:
    flag = reads_as_percent(field, *offer.cell(key))
    return c.when(offer.has_equity(), flag, otherwise=False) if key.startswith("equity.") else flag


def sections(figures: Figures, layout: Layout) -> list[WarningSection]:
    lay = layout.inputs
    model = input_keys.model_inputs(figures.settings)
    found = [WarningSection([WarningRow(key, field, [reads_as_percent(field, lay.model(key), model[key])],
                                        lambda k, key=key: lay.model(key), [model[key]])
                             for key, field in _rated(input_keys.MODEL_KEYS)], [])]
    offers = offer_columns(figures, layout)
    found.append(WarningSection([WarningRow(key, field, [_offer_flag(o, key, field) for o in offers],
                                            lambda k, key=key: f"INDEX({lay.offer_area(key)},1,{k})",
                                            [o.values[key] for o in offers])
                                 for key, field in _rated(input_keys.offer_keys(layout.years))],
                                offer_labels(layout, offers)))
    scenarios = [scenario_inputs(s) for s in figures.offers_file.scenarios]
    rows = [WarningRow(key, field, [reads_as_percent(field, lay.scenario(key, j), v[key]) for j, v in enumerate(scenarios)],
                       lambda k, key=key: f"INDEX({lay.scenario_area(key)},{k},1)", [v[key] for v in scenarios])
            for key, field in _rated(input_keys.SCENARIO_KEYS)]
    names = [(f'"scenario "&{lay.scenario("scenario.name", j)}', f"scenario {v['scenario.name']}")
             for j, v in enumerate(scenarios)]
    found.append(WarningSection(rows, names))
    return [section for section in found if section.rows]


def message(row: WarningRow, where: t.Txt, first: int, k: str) -> t.Txt:
    """"Inputs: equity.growth (offer Nimbus AI) is 800% a year; did you mean 8%?": the first
    column that warns (`k`, its position as a formula; `first` for the built values)."""
    value = row.values[first] if row.values else None
    number = value if c.is_number_value(value) else 0.0
    cell = row.pick(k)
    per = f" {row.field.per}" if row.field.per else ""
    head = t.join(f"Inputs: {row.key} (", where, ")") if where.f != '""' else t.lit(f"Inputs: {row.key}")
    meant = t.Txt(f'{cell}&"%"', format(number, ".15g") + "%")  # 8 meant as 8%
    return t.join(head, " is ", percent_text(cell, number), f"{per}; did you mean ", meant, "?")
