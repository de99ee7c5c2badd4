"""Shared helpers: write offers files into a temporary folder, load them, run the CLI; and the
Hypothesis settings profile of CI."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings

from xlmodel.engine import value_all
from xlmodel.inputs.offers_file import load_offers

REPO = Path(__file__).resolve().parent.parent
SAMPLES = sorted((REPO / "samples").glob("*.toml"))
TEMPLATE = REPO / "templates" / "offers_template.toml"

# CI (.ci/run sets CI=true) draws the same examples on every run and every fresh clone: derived
# from each test, with no example database. A developer's run explores new examples each time.
settings.register_profile("ci", derandomize=True, database=None, max_examples=100, deadline=None)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")


def model_table(horizon_years: int = 1, discount_rate: float = 0.0, extra: str = "") -> str:
    """A minimal [model] table; `extra` adds lines to it."""
    return (f"[model]\nstart_date = 2027-01-04\nhorizon_years = {horizon_years}\n"
            f"discount_rate = {discount_rate}\n" + textwrap.dedent(extra).strip() + "\n")


@pytest.fixture
def write_toml(tmp_path):
    """write_toml(text, name="offers.toml") -> Path: writes the dedented text into tmp_path."""
    def write(text: str, name: str = "offers.toml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path
    return write


@pytest.fixture
def load(write_toml):
    """load(text) -> OffersFile: writes the text to a file and reads it back, checks and all."""
    def read(text: str):
        return load_offers(write_toml(text))
    return read


@pytest.fixture
def valuate(load):
    """valuate(text) -> Valuation of the offers file the text describes."""
    def run(text: str):
        return value_all(load(text))
    return run


def offer_value(valuation, name: str):
    return next(v for v in valuation.offers if v.name == name)


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`python -m xlmodel ARGS` in a fresh interpreter, as a user would run it."""
    return subprocess.run([sys.executable, "-m", "xlmodel", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=60)


def cli_json(*args: str) -> dict:
    result = run_cli("value", *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
