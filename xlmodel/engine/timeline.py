"""The time axis: months m = 1..M (M = 12 x horizon_years), each amount paid at the end of its
month, employment years y(m) = ceil(m / 12), and the discount factor d(m)."""
from __future__ import annotations

import math


def year_of(month: int) -> int:
    return math.ceil(month / 12)


def discount_factor(month: int, rate: float) -> float:
    """d(m) = (1 + rate)^(-m/12)."""
    return (1.0 + rate) ** (-month / 12.0)
