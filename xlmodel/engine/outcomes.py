"""The odds: deterministic draws of each offer's outcome, since start-up equity pays all or
nothing.

Draw k (1..N) takes, for each offer in file order, two uniforms a then b from a linear
congruential generator: x_0 = seed, x_(n+1) = (1664525 x_n + 1013904223) mod 2^32,
u_n = (x_n + 0.5) / 2^32. The stock grows at g_k with
1 + g_k = (1 + growth) x exp(-volatility^2 / 2 + volatility x z / sqrt(H)), z = NORMSINV(a),
over the whole path (scenario overrides do not apply), and the equity is ever sellable when
b < liquidity_probability. PV_k is the offer's present value (holding rule included) with that
growth and a liquidity of 1 or 0; salary, bonus and sign-on stay as in the base case.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist
from typing import Optional, Sequence

from ..model import ModelSettings, Offer, OffersFile
from .cashflows import Cashflows, cash_present_value
from .equity import EquityValuer

MULTIPLIER, INCREMENT, MODULUS = 1664525, 1013904223, 2**32
UNIFORMS_PER_OFFER = 2
PERCENTILES = {"p10": 0.10, "p50": 0.50, "p90": 0.90}
_STANDARD_NORMAL = NormalDist()


def uniforms(seed: int, count: int) -> list[float]:
    """u_1 .. u_count of the generator started at `seed`."""
    values, x = [], seed
    for _ in range(count):
        x = (MULTIPLIER * x + INCREMENT) % MODULUS
        values.append((x + 0.5) / MODULUS)
    return values


def normal_quantile(probability: float) -> float:
    """NORMSINV: the standard normal quantile."""
    return _STANDARD_NORMAL.inv_cdf(probability)


def draw_growth(growth: float, volatility: float, horizon_years: int, a: float) -> float:
    """g_k: the growth of a draw whose first uniform is `a`."""
    z = normal_quantile(a)
    return (1.0 + growth) * math.exp(-volatility ** 2 / 2 + volatility * z / math.sqrt(horizon_years)) - 1.0


@dataclass(frozen=True)
class OfferDraws:
    """One offer's draws: each draw's growth, whether its equity is ever sellable, and its PV."""
    growth: list[float]
    liquid: list[bool]
    pv: list[float]


def offer_draws(offer: Offer, settings: ModelSettings, flows: Cashflows, pv: float,
                draw_uniforms: Sequence[tuple[float, float]]) -> OfferDraws:
    """The draws of one offer, from its (a, b) uniforms; `flows` and `pv` are its base case."""
    equity = offer.equity
    count = len(draw_uniforms)
    if equity is None:
        return OfferDraws([0.0] * count, [False] * count, [pv] * count)
    cash = cash_present_value(flows, settings.discount_rate)
    growths = [draw_growth(equity.growth, equity.volatility, settings.horizon_years, a) for a, _ in draw_uniforms]
    liquid = [b < equity.liquidity_probability for _, b in draw_uniforms]
    valuer = EquityValuer(equity, settings.horizon_years, settings.discount_rate)
    cache: dict[float, float] = {}  # a volatility of 0 draws the offer's own growth every time
    values = []
    for growth, sellable in zip(growths, liquid):
        if not sellable:
            values.append(cash)
            continue
        if growth not in cache:
            cache[growth] = valuer.present_value(growth, 1.0)
        values.append(cash + cache[growth])
    return OfferDraws(growths, liquid, values)


def draw_pairs(stream: Sequence[float], position: int, offers: int, draws: int) -> list[tuple[float, float]]:
    """The (a, b) uniforms of the offer at `position` (0-based) among `offers` offers, draw by draw:
    for each draw, each offer in file order takes two, a then b."""
    at = lambda k: (k * offers + position) * UNIFORMS_PER_OFFER
    return [(stream[at(k)], stream[at(k) + 1]) for k in range(draws)]


def all_draws(offers_file: OffersFile, flows: dict[str, Cashflows], pvs: dict[str, float]) -> dict[str, OfferDraws]:
    """Every offer's draws (none when model.draws is 0), the uniforms consumed in the order the
    generator gives them: for each draw, for each offer in file order, a then b."""
    settings = offers_file.model
    count, offers = settings.draws, offers_file.offers
    stream = uniforms(settings.seed, count * len(offers) * UNIFORMS_PER_OFFER)
    return {offer.name: offer_draws(offer, settings, flows[offer.name], pvs[offer.name],
                                    draw_pairs(stream, i, len(offers), count))
            for i, offer in enumerate(offers)}


def offer_outcomes(offer: Offer, settings: ModelSettings, flows: Cashflows, pv: float, position: int = 0,
                   offers: int = 1) -> Optional[dict[str, float]]:
    """One offer's p10, p50, p90 and mean over its draws, as the offer at `position` (0-based)
    among `offers` offers draws them (so as `all_draws` does for a whole file); None without draws."""
    if not settings.draws:
        return None
    stream = uniforms(settings.seed, ((settings.draws - 1) * offers + position + 1) * UNIFORMS_PER_OFFER)
    return summary(offer_draws(offer, settings, flows, pv, draw_pairs(stream, position, offers, settings.draws)).pv)


def percentile(values: Sequence[float], p: float) -> float:
    """Excel's PERCENTILE: rank 1 + p (N - 1), linear between order statistics."""
    ordered = sorted(values)
    rank = p * (len(ordered) - 1)
    below = math.floor(rank)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (rank - below) * (ordered[above] - ordered[below])


def summary(values: Sequence[float]) -> dict[str, float]:
    """p10, p50, p90 and the mean of a set of outcomes."""
    result = {name: percentile(values, p) for name, p in PERCENTILES.items()}
    result["mean"] = math.fsum(values) / len(values)
    return result


def odds_alternative_wins(alternative: Sequence[float], target: Sequence[float]) -> Optional[float]:
    """The share of draws in which the alternative's PV exceeds the target's."""
    if not target:
        return None
    return sum(a > t for a, t in zip(alternative, target)) / len(target)
