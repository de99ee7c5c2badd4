"""Where each input sits on the Inputs sheet: blocks of rows, each with a title and a header.

Every row reads left to right: the English label (column A), the key path in the offers file
(column B: what `xlmodel read` and the Excel functions read), the value (from column C: one
column per offer in the offers block), the unit beside the value, then the note. Scenarios
form a table of their own below: one row per scenario, one column per key, its key paths in
a row above the scenarios."""
from __future__ import annotations

from dataclasses import dataclass, fields

from ..inputs import keys as input_keys
from ..model import Equity, ModelSettings, Offer
from .refs import area, cell

INPUTS = "Inputs"
LABEL_COL, KEY_COL, VALUE_COL = 1, 2, 3
HOLIDAY_SLOTS_MIN = 12
FIRST_BLOCK_ROW = 4  # rows 1 and 2: the sheet's title; each block: a title row, a header row, its rows


def _default(cls, name: str):
    return next(f.default for f in fields(cls) if f.name == name)


# Inputs whose default is not 0: a cleared cell must mean the default, as in the offers file.
NUMBER_DEFAULTS = {
    "bonus_payout": _default(Offer, "bonus_payout"),
    "signon_clawback_months": _default(Offer, "signon_clawback_months"),
    "equity.liquidity_probability": _default(Equity, "liquidity_probability"),
    "model.response_business_days": _default(ModelSettings, "response_business_days"),
    "model.expiry_business_days": _default(ModelSettings, "expiry_business_days"),
}


def _with_default(reference: str, default: float) -> str:
    """A number, or the default where the cell holds none (N() would fail on a blank in Gnumeric)."""
    return f"IF(ISNUMBER({reference}),{reference},{default:g})"


@dataclass
class InputsLayout:
    offers: int
    scenarios: int
    model_row: dict[str, int]  # model.*, then the holidays (model.holidays.N) in holiday_rows
    holiday_rows: tuple[int, int]
    offer_row: dict[str, int]
    negotiation_row: dict[str, int]  # the [negotiation] levers and wording
    scenario_keys_row: int  # the row of the scenario table's key paths; its scenarios start two rows below
    headers: dict[str, int]  # block -> its header row ("model", "offers", "negotiation", "scenarios")

    # --- references every sheet builds its formulas with ------------------------------------------

    def model(self, key: str) -> str:
        row = self.model_row[key] if key in self.model_row else self.holiday_row(key)
        return cell(row, VALUE_COL, INPUTS)

    def negotiation(self, key: str) -> str:
        return cell(self.negotiation_row[key], VALUE_COL, INPUTS)

    def offer(self, key: str, index: int) -> str:
        return cell(self.offer_row[key], self.value_col(index), INPUTS)

    def offer_number(self, key: str, index: int) -> str:
        """An offer's numeric input as a formula term: a blank cell takes the file's default."""
        return _with_default(self.offer(key, index), NUMBER_DEFAULTS.get(key, 0))

    def model_number(self, key: str) -> str:
        return _with_default(self.model(key), NUMBER_DEFAULTS.get(key, 0))

    def scenario(self, key: str, index: int) -> str:
        return cell(self.scenario_first_row + index, self.scenario_col(key), INPUTS)

    def value_col(self, index: int) -> int:
        """The column of offer `index` (0-based)."""
        return VALUE_COL + index

    def offer_area(self, key: str) -> str:
        """One key's row across every offer: the offers in order."""
        row = self.offer_row[key]
        return area(row, VALUE_COL, row, VALUE_COL + self.offers - 1, INPUTS)

    def offer_span(self, first_key: str, last_key: str, index: int) -> str:
        """One offer's cells from one key's row down to another's (its sign-on by year, say)."""
        column = self.value_col(index)
        return area(self.offer_row[first_key], column, self.offer_row[last_key], column, INPUTS)

    def holiday_area(self) -> str:
        first, last = self.holiday_rows
        return area(first, VALUE_COL, last, VALUE_COL, INPUTS)

    def scenario_area(self, key: str) -> str:
        """One key's column across every scenario."""
        column = self.scenario_col(key)
        return area(self.scenario_first_row, column, self.scenario_first_row + self.scenarios - 1, column, INPUTS)

    # --- the sheet's own geometry ------------------------------------------------------------------

    def holiday_row(self, key: str) -> int:
        _, number = input_keys.numbered(key)
        return self.holiday_rows[0] + number - 1

    def holiday_keys(self) -> list[str]:
        first, last = self.holiday_rows
        return [f"{input_keys.HOLIDAY_KEY}.{n}" for n in range(1, last - first + 2)]

    @property
    def scenario_first_row(self) -> int:
        return self.scenario_keys_row + 2  # below the key paths and the units

    def scenario_col(self, key: str) -> int:
        return VALUE_COL + input_keys.SCENARIO_KEYS.index(key)

    @property
    def offer_unit_col(self) -> int:
        return VALUE_COL + self.offers

    def unit_col(self, block: str) -> int:
        """The unit column of a block: beside its last value column."""
        return self.offer_unit_col if block == "offers" else VALUE_COL + 1

    def note_col(self, block: str) -> int:
        return self.unit_col(block) + 1

    @property
    def last_col(self) -> int:
        return max(self.note_col("offers"), VALUE_COL + len(input_keys.SCENARIO_KEYS) - 1)


def plan_inputs(offers: int, scenarios: int, years: int, holidays: int) -> InputsLayout:
    """The Inputs sheet of `offers` offers over `years` years, `holidays` holidays and
    `scenarios` scenarios: the model settings, the offers, the negotiation, the scenarios."""
    headers: dict[str, int] = {}

    def block(name: str, first: int, keys) -> tuple[dict[str, int], int]:
        headers[name] = first + 1  # its title above the header
        rows = {key: first + 2 + n for n, key in enumerate(keys)}
        return rows, first + 2 + len(rows)

    model_row, row = block("model", FIRST_BLOCK_ROW, input_keys.MODEL_KEYS)
    slots = max(HOLIDAY_SLOTS_MIN, holidays + 5)
    holiday_rows = (row, row + slots - 1)
    row += slots + 1
    offer_row, row = block("offers", row, input_keys.offer_keys(years))
    negotiation_row, row = block("negotiation", row + 1, input_keys.NEGOTIATION_KEYS)
    headers["scenarios"] = row + 2
    return InputsLayout(offers, scenarios, model_row, holiday_rows, offer_row, negotiation_row, row + 3, headers)
