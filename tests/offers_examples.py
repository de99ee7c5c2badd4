"""Offers files (TOML text) that more than one test module builds."""

# A cut role guaranteed 18 months on a one-year horizon: its guarantee runs past the horizon.
GUARANTEE_PAST_THE_HORIZON = """
[model]
start_date = 2027-01-04
horizon_years = 1
discount_rate = 0.05

[[offers]]
name = "A"
base = 120000
annual_raise = 0.1

[offers.fallback]
bump = 0.2
after_months = 6
probability = 0.5
guaranteed_months = 18

[[offers]]
name = "B"
base = 100000

[offers.equity]
type = "options"
shares = 1000
price = 10
strike = 4
refresh_value = 1000
schedule = "standard"
"""
