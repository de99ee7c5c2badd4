"""The validated contents of an offers file, as plain immutable data.

Everything here has already been checked by `offers_file.load_offers`; the engine and the
workbook builder can trust every field.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Optional

Tranche = tuple[int, float]  # (vest month, fraction of the grant)


@dataclass(frozen=True)
class Schedule:
    tranches: tuple[Tranche, ...]
    preset: Optional[str] = None  # the preset name when the file named one

    @property
    def last_month(self) -> int:
        return max(month for month, _ in self.tranches)


@dataclass(frozen=True)
class Equity:
    type: str  # "rsu" or "options"
    shares: float  # the grant in shares, however the file sized it
    price: float
    schedule: Schedule
    growth: float = 0.0
    strike: float = 0.0
    liquidity_probability: float = 1.0
    dilution: float = 0.0
    refresh_value: float = 0.0
    grant_value: Optional[float] = None
    grant_shares: Optional[float] = None
    percent: Optional[float] = None
    company_value: Optional[float] = None
    volatility: float = 0.0  # yearly volatility of the stock, for the odds
    preference: float = 0.0  # liquidation preference senior to common, dollars
    participating: bool = False  # preferred also shares what is left after its preference
    preferred_share: float = 0.0  # fraction of the fully diluted shares held as preferred
    exercise_window_months: int = 3  # options: months after leaving to exercise

    @property
    def is_rsu(self) -> bool:
        return self.type == "rsu"

    @property
    def has_preference(self) -> bool:
        return self.preference > 0


@dataclass(frozen=True)
class Fallback:
    after_months: int
    probability: float
    bump: Optional[float] = None  # fraction of base ...
    bump_amount: Optional[float] = None  # ... or annual dollars
    guaranteed_months: int = 0


@dataclass(frozen=True)
class Offer:
    name: str
    base: float
    title: str = ""
    annual_raise: float = 0.0
    bonus_target: float = 0.0
    bonus_payout: float = 1.0
    signon: tuple[float, ...] = ()
    signon_payment: str = "upfront"
    signon_clawback_months: int = 12
    equity: Optional[Equity] = None
    fallback: Optional[Fallback] = None
    tax_location: str = "none"  # a name from [tax.locations], or "none"


@dataclass(frozen=True)
class Scenario:
    name: str
    growth: Optional[float] = None
    growth_shift: Optional[float] = None
    milestone: Optional[bool] = None
    liquidity: Optional[float] = None


DEFAULT_SCENARIOS = (
    Scenario("Bear", growth_shift=-0.20, milestone=False),
    Scenario("Base"),
    Scenario("Bull", growth_shift=0.20, milestone=True),
)


NO_TAX_LOCATION = "none"

Bracket = tuple[float, float]  # (lower bound of taxable income, marginal rate)
Brackets = tuple[Bracket, ...]


@dataclass(frozen=True)
class ByStatus:
    """A figure of a tax table that may differ by filing status."""
    single: Any
    joint: Any

    def __getitem__(self, status: str) -> Any:
        if status not in ("single", "joint"):
            raise KeyError(status)
        return self.joint if status == "joint" else self.single

    def __iter__(self):
        return iter((self.single, self.joint))

    @classmethod
    def of(cls, value: Any) -> "ByStatus":
        """`value` for both statuses, unless it already is a ByStatus."""
        return value if isinstance(value, ByStatus) else cls(value, value)

    @property
    def same(self) -> bool:
        return self.single == self.joint


@dataclass(frozen=True)
class PayrollTax:
    """A payroll tax on wages: rate x wages, or rate x min(wages, cap) when the cap is not 0.
    `deductible`: counted with the state's income taxes in the itemized deductions (the IRS's
    Schedule A instructions count mandatory disability and family-leave contributions so)."""
    rate: float
    cap: float = 0.0
    deductible: bool = False
    name: str = ""


@dataclass(frozen=True)
class LocationCredit:
    """A credit against a location's state (or, `local`, its local) income tax: an amount plus a
    bracket table on taxable income, none above `income_limit` of wages, reduced by `reduction` for
    each `step` (or part of one) of wages above `start`; `itemizers_only`: only when the federal
    return itemizes. Never more than the tax it is set against."""
    name: str
    amount: ByStatus = ByStatus(0.0, 0.0)
    brackets: ByStatus = ByStatus((), ())
    income_limit: ByStatus = ByStatus(None, None)  # None: no limit
    phaseout_start: ByStatus = ByStatus(None, None)  # None: no phase-out
    phaseout_step: float = 0.0
    phaseout_reduction: ByStatus = ByStatus(0.0, 0.0)
    itemizers_only: bool = False
    local: bool = False

    def __post_init__(self):
        for name in ("amount", "brackets", "income_limit", "phaseout_start", "phaseout_reduction"):
            object.__setattr__(self, name, ByStatus.of(getattr(self, name)))


@dataclass(frozen=True)
class TaxLocation:
    """A state's (and its city's) taxes on wages, for both filing statuses; docs/tax.md explains
    each field. A bare bracket tuple, number or limit stands for both filing statuses."""
    name: str
    brackets: ByStatus
    deduction: ByStatus = ByStatus(0.0, 0.0)
    payroll: tuple[PayrollTax, ...] = ()
    exemption: ByStatus = ByStatus(0.0, 0.0)
    exemption_income_limit: ByStatus = ByStatus(None, None)  # None: the exemption at every income
    fica_deduction: float = 0.0  # the employee's social security and Medicare taxes, deducted up to this
    itemized: str = "none"  # schema.ITEMIZED_MODES
    base: str = "wages"  # schema.BASES: what the deductions are taken from
    addback_state_tax: bool = False  # add back the state income tax deducted on the federal return
    addback_deductions_above: Optional[float] = None  # wages from which the federal deduction is added back ...
    addback_deductions_exempt: ByStatus = ByStatus(0.0, 0.0)  # ... less this
    federal_tax_subtraction: ByStatus = ByStatus((), ())  # ((wages from, cap of the subtraction), ...)
    surtax: tuple[tuple[float, float], ...] = ()  # ((taxable income above, rate), ...), not indexed
    recapture: ByStatus = ByStatus((), ())  # ((taxable income from, base, increment), ...)
    recapture_start: Optional[float] = None
    recapture_phase_in: float = 0.0
    recapture_flat_above: Optional[float] = None
    credits: tuple[LocationCredit, ...] = ()
    local_name: str = ""
    local_brackets: ByStatus = ByStatus((), ())
    source: str = ""  # the figures' tax year and where they come from, in words

    def __post_init__(self):
        for name in ("brackets", "deduction", "exemption", "exemption_income_limit", "addback_deductions_exempt",
                     "federal_tax_subtraction", "recapture", "local_brackets"):
            object.__setattr__(self, name, ByStatus.of(getattr(self, name)))
        object.__setattr__(self, "payroll", tuple(p if isinstance(p, PayrollTax) else PayrollTax(*p)
                                                  for p in self.payroll))

    @property
    def has_local(self) -> bool:
        return bool(self.local_brackets.single or self.local_brackets.joint)


@dataclass(frozen=True)
class TaxSettings:
    filing_status: str = "single"  # "single" or "joint"
    indexation: float = 0.0  # yearly growth of bounds, deductions and wage caps after 2026
    locations: dict[str, TaxLocation] = field(default_factory=dict)  # the file's tables and the shipped ones used
    deductions: str = "best"  # "best", "standard" or "itemized": the federal return's deduction
    other_itemized: float = 0.0  # itemized deductions a year besides state and local income taxes


@dataclass(frozen=True)
class ModelSettings:
    start_date: date
    horizon_years: int
    discount_rate: float = 0.0
    target: Optional[str] = None  # resolved to the first offer's name when absent
    decision_date: Optional[date] = None
    response_business_days: int = 5
    expiry_business_days: int = 10
    holidays: tuple[date, ...] = ()
    draws: int = 1000  # deterministic draws of each offer's outcome; 0: no outcomes
    seed: int = 1

    @property
    def months(self) -> int:
        return 12 * self.horizon_years


DEFAULT_ACCELERATED_SCHEDULE = Schedule(((12, 0.75), (24, 0.25)))
DEFAULT_FALLBACK_AFTER_MONTHS = 6
DEFAULT_FALLBACK_PROBABILITY = 1.0


@dataclass(frozen=True)
class Wording:
    """What the texts for the recruiter say in the user's own words ([negotiation] keys).

    milestone: what the bump is tied to; redact: name the rival only as alternative_label;
    recruiter / candidate: the greeting and the signature (empty: none); competing_deadline:
    the rival's own deadline, quoted as the reason for the answer window only when given."""
    milestone: str = "a milestone we agree on"
    redact: bool = False
    alternative_label: str = "a competing offer"
    recruiter: str = ""
    candidate: str = ""
    competing_deadline: Optional[date] = None


@dataclass(frozen=True)
class NegotiationSettings:
    """The levers a counter-offer negotiates with, defaults already resolved for the target.

    fallback_after_months / fallback_probability: when the bump asked for starts (it is paid
    from month fallback_after_months + 1) and its odds; accelerated_schedule: the schedule the
    target's initial grant would vest on if accelerated. `given` names the keys the file set.
    """
    fallback_after_months: int = DEFAULT_FALLBACK_AFTER_MONTHS
    fallback_probability: float = DEFAULT_FALLBACK_PROBABILITY
    accelerated_schedule: Schedule = DEFAULT_ACCELERATED_SCHEDULE
    given: tuple[str, ...] = ()
    wording: Wording = field(default_factory=Wording)

    @classmethod
    def for_target(cls, target: "Offer", fallback_after_months: Optional[int] = None,
                   fallback_probability: Optional[float] = None,
                   accelerated_schedule: Optional[Schedule] = None,
                   wording: Optional[Wording] = None) -> "NegotiationSettings":
        """The settings with every value not given taken from the target's fallback clause,
        else the defaults (a bump from month 7, certain, vesting 75% at 12 and 25% at 24)."""
        fallback = target.fallback
        given = tuple(name for name, value in (("fallback_after_months", fallback_after_months),
                                               ("fallback_probability", fallback_probability),
                                               ("accelerated_schedule", accelerated_schedule))
                      if value is not None)
        if fallback_after_months is None:
            fallback_after_months = fallback.after_months if fallback else DEFAULT_FALLBACK_AFTER_MONTHS
        if fallback_probability is None:
            fallback_probability = fallback.probability if fallback else DEFAULT_FALLBACK_PROBABILITY
        return cls(fallback_after_months, fallback_probability,
                   accelerated_schedule or DEFAULT_ACCELERATED_SCHEDULE, given, wording or Wording())


@dataclass(frozen=True)
class OffersFile:
    model: ModelSettings
    offers: tuple[Offer, ...]
    scenarios: tuple[Scenario, ...] = field(default=DEFAULT_SCENARIOS)
    scenarios_given: bool = False  # False when the defaults above stand in
    negotiation: Optional[NegotiationSettings] = None  # None: the defaults for the target
    tax: Optional[TaxSettings] = None  # None: the file has no [tax] table, so no after-tax figures
    warnings: tuple[str, ...] = ()  # values that read oddly but are allowed (a rate typed as a percentage)

    def __post_init__(self):
        if self.negotiation is None and any(o.name == self.model.target for o in self.offers):
            object.__setattr__(self, "negotiation", NegotiationSettings.for_target(self.target))

    @property
    def target(self) -> Offer:
        return next(o for o in self.offers if o.name == self.model.target)

    def offer(self, name: str) -> Offer:
        return next(o for o in self.offers if o.name == name)


__all__ = [
    "Tranche", "Schedule", "Equity", "Fallback", "Offer", "Scenario", "ModelSettings",
    "NegotiationSettings", "Wording", "OffersFile", "DEFAULT_SCENARIOS", "DEFAULT_ACCELERATED_SCHEDULE", "replace",
    "TaxLocation", "TaxSettings", "NO_TAX_LOCATION", "ByStatus", "PayrollTax", "LocationCredit",
]
