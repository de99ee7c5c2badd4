"""xlmodel benchmarks: `python benchmarks/run.py` runs them (see docs/benchmarks.md)."""
