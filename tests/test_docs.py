"""The documentation stays true and self-contained: the notebook session prints what it says,
the model page's worked example matches the engine, and nothing points outside the repository."""
from __future__ import annotations

import contextlib
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest

from conftest import REPO
from xlmodel.engine import value_all
from xlmodel.errors import InputError
from xlmodel.inputs.offers_file import parse_offers

import tomllib

MODEL_DOC = REPO / "docs" / "model.md"
NOTEBOOK_DOC = REPO / "docs" / "notebook.md"
OFFERS_FILE_DOC = REPO / "docs" / "offers-file.md"
README = REPO / "README.md"
# Spelled in pieces so that this file does not name what it forbids.
FORBIDDEN = ("../" + "shared", "/work/" + "shared", "MODEL" + "_SPEC")
SKIPPED_FOLDERS = {".git", "__pycache__", ".pytest_cache", ".hypothesis", "build", "dist"}
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def approx(x):
    return pytest.approx(x, rel=1e-9, abs=1e-6)


def project_files():
    for path in sorted(REPO.rglob("*")):
        relative = path.relative_to(REPO)
        if path.is_file() and not SKIPPED_FOLDERS & set(relative.parts) and not relative.parts[0].endswith(".egg-info"):
            yield path


def fenced_blocks(path: Path) -> list[tuple[str, str]]:
    """(language, text) of every fenced code block, in order."""
    return [(m.group(1), m.group(2)) for m in FENCE.finditer(path.read_text(encoding="utf-8"))]


# --- self-contained -----------------------------------------------------------------------------

def test_no_project_file_points_outside_the_repository():
    offending = []
    for path in project_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary files (workbooks, images) hold no prose
        offending += [f"{path.relative_to(REPO)}: {word}" for word in FORBIDDEN if word in text]
    assert offending == []


def test_the_walk_sees_the_files_it_must_check():
    seen = {path.relative_to(REPO).as_posix() for path in project_files()}
    assert {"README.md", "docs/model.md", "templates/offers_template.toml", "xlmodel/engine/valuation.py",
            "tests/test_docs.py"} <= seen


@pytest.mark.parametrize("doc", [README, *sorted((REPO / "docs").glob("*.md"))], ids=lambda p: p.name)
def test_relative_links_resolve_inside_the_repository(doc):
    for target in re.findall(r"\]\(([^)#]+)", doc.read_text(encoding="utf-8")):
        if re.match(r"^[a-z]+://", target):
            continue
        resolved = (doc.parent / target).resolve()
        assert resolved.is_relative_to(REPO) and resolved.exists(), target


def test_the_offers_file_reference_is_what_the_schema_writes():
    """docs/offers-file.md is generated (python -m xlmodel.inputs.reference > docs/offers-file.md)."""
    from xlmodel.inputs.reference import reference
    assert OFFERS_FILE_DOC.read_text(encoding="utf-8") == reference()


def test_the_offers_file_reference_states_every_bound_and_threshold():
    from xlmodel.inputs import schema
    from xlmodel.inputs.field_words import bound_text
    text = OFFERS_FILE_DOC.read_text(encoding="utf-8")
    for table in schema.TABLES.values():
        for field in table:
            assert f"| `{field.key}` |" in text, field.key
            for bound in (field.low, field.high, field.percent_like):
                if bound is not None:
                    assert bound_text(bound) in text, (field.key, bound)


def test_readme_sends_the_reader_to_the_model_page():
    text = README.read_text(encoding="utf-8")
    assert "](docs/model.md)" in text and "](docs/notebook.md)" in text


def _keys(table: dict, found: set[str], names_below: bool = False) -> set[str]:
    """Every key of a TOML document; the keys of `locations` are the user's own table names."""
    for key, value in table.items():
        if not names_below:
            found.add(key)
        if isinstance(value, dict):
            if key == "locations":
                for location in value.values():
                    _keys(location, found)
                continue
            _keys(value, found)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for item in value:
                _keys(item, found)
    return found


def test_the_model_page_explains_every_key_of_the_template():
    template = (REPO / "templates" / "offers_template.toml").read_text(encoding="utf-8")
    keys = _keys(tomllib.loads(template), set())
    keys |= set(re.findall(r"^#\s*([a-z_]+)\s*=", template, re.MULTILINE))  # the alternatives left commented
    keys -= {"name", "title", "model", "offers", "scenarios", "equity", "fallback"}  # section names, labels
    doc = MODEL_DOC.read_text(encoding="utf-8")
    code = "\n".join(block for _, block in FENCE.findall(doc)) + "\n".join(re.findall(r"`([^`\n]+)`", doc))
    missing = sorted(key for key in keys if not re.search(rf"(?<![A-Za-z_]){key}(?![A-Za-z_])", code))
    assert missing == []


# --- the notebook session -----------------------------------------------------------------------

def test_every_notebook_block_prints_its_documented_output(monkeypatch):
    monkeypatch.chdir(REPO)  # the session runs from the repository root
    blocks = fenced_blocks(NOTEBOOK_DOC)
    namespace: dict = {}
    checked = 0
    for i, (language, code) in enumerate(blocks):
        if language != "python":
            continue
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code, f"{NOTEBOOK_DOC.name} block {i}", "exec"), namespace)
        following = blocks[i + 1] if i + 1 < len(blocks) else ("", "")
        assert following[0] == "text", f"block {i} has no output block after it"
        expected = [line.rstrip() for line in following[1].rstrip().splitlines()]
        assert [line.rstrip() for line in printed.getvalue().rstrip().splitlines()] == expected, f"block {i}"
        checked += 1
    assert checked >= 5


# --- the model page's worked example, by hand ---------------------------------------------------

def d(m: int) -> float:
    return 1.05 ** (-m / 12)


def worked_example_text() -> str:
    text = MODEL_DOC.read_text(encoding="utf-8").split("## A worked example", 1)[1]
    return next(code for language, code in FENCE.findall(text) if language == "toml")


def worked_example(extra: str = ""):
    return value_all(parse_offers(tomllib.loads(worked_example_text() + extra), "worked example"))


# Alpha month by month: salary 10,000 for months 1-6, plus the expected bump 10,000 x 10% x 0.5
# for months 7-12, then raised 5% with the bump: 10,500 x 1.05; the sign-on in month 1; bonus 10%
# of the year's salary at months 12 and 24. The 480 shares vest half at 12 (at 110), half at 24
# (at 121); growing 10% against a 5% discount rate, all are worth most held to month 24.
ALPHA_SALARY = [10000.0] * 6 + [10500.0] * 6 + [11025.0] * 12
ALPHA_OTHER = {1: 12000.0, 12: 0.1 * 123000, 24: 0.1 * 132300}
ALPHA_PV = sum((ALPHA_SALARY[m - 1] + ALPHA_OTHER.get(m, 0.0)) * d(m) for m in range(1, 25)) + 480 * 121.0 * d(24)
BETA_PV = 15000 * sum(d(m) for m in range(1, 25))
GAP = BETA_PV - ALPHA_PV
BASE_AT_STAKE = sum((10000.0 if m <= 12 else 10500.0) * d(m) for m in range(7, 25))  # D_f
ALPHA_BUMP_AT_CERTAINTY = (sum(1000.0 * d(m) for m in range(7, 13)) + sum(1050.0 * d(m) for m in range(13, 25))
                           + 0.1 * 6000 * d(12) + 0.1 * 12600 * d(24))  # K
ACCELERATION = 0.0  # every share vests within the horizon on either schedule, and is held to month 24
EQUITY_ASK = GAP / (1.21 * d(24))  # a dollar of grant vests half at 12 and half at 24, all held to 24


def dollars(x: float) -> str:
    return f"**{x:,.0f}**"


def test_worked_example_figures_match_the_engine():
    valuation = worked_example()
    alpha, beta = valuation.offers
    assert alpha.years == [approx(123000 + 12300 + 12000 + 26400), approx(132300 + 13230 + 29040)]
    assert alpha.total == approx(348270) and alpha.annualized == approx(174135)
    assert alpha.pv == approx(ALPHA_PV) and beta.pv == approx(BETA_PV)
    deal = valuation.negotiation
    assert (deal.target, deal.alternative, deal.gap) == ("Alpha", "Beta", approx(GAP))
    assert deal.ask_base == approx(GAP / sum((1 if m <= 12 else 1.05) / 12 * d(m) for m in range(1, 25)))
    assert deal.ask_signon == approx(GAP / d(1))
    assert deal.ask_equity == approx(EQUITY_ASK)
    assert (deal.respond_by, deal.expires) == (date(2026, 12, 28), date(2027, 1, 4))
    assert valuation.leave["Alpha"][6] == {"quit": approx(72000 - 6000), "cut": approx(72000 + 6 * 10500),
                                           "exercise_cost": None}


def test_worked_example_page_states_the_hand_figures():
    doc = MODEL_DOC.read_text(encoding="utf-8")
    stated = [dollars(173700), dollars(174570), dollars(348270), dollars(BETA_PV), dollars(ALPHA_PV),
              dollars(GAP), dollars(GAP / sum((1 if m <= 12 else 1.05) / 12 * d(m) for m in range(1, 25))),
              dollars(GAP / d(1)), dollars(EQUITY_ASK),
              f"**{GAP / (0.5 * BASE_AT_STAKE):.2%}**", dollars(GAP / (0.5 * sum(d(m) / 12 for m in range(7, 25)))),
              f"**{(BETA_PV - (ALPHA_PV - 0.5 * ALPHA_BUMP_AT_CERTAINTY)) / ALPHA_BUMP_AT_CERTAINTY:.2f}**",
              dollars(ACCELERATION), dollars(240 * 110 * 0.5), dollars(-1320), dollars(66000), dollars(135000),
              "**43,710.05**", "**129,989.95**"]
    assert [figure for figure in stated if figure not in doc] == []


HOLDING_EXAMPLE = [(0.05, 91213.42, 87238.08), (0.20, 141629.67, 141629.67)]  # growth, front-loaded, Amazon


def test_holding_rule_example_matches_the_engine():
    """docs/model.md, "Holding vested equity": 1,000 RSUs at 100 over 4 years at 10%, front-loaded
    against Amazon's schedule, at a growth below and above the discount rate."""
    front = [(12, 0.4), (24, 0.3), (36, 0.2), (48, 0.1)]
    amazon = [(12, 0.05), (24, 0.15), (30, 0.2), (36, 0.2), (42, 0.2), (48, 0.2)]
    doc = MODEL_DOC.read_text(encoding="utf-8")
    for growth, front_pv, amazon_pv in HOLDING_EXAMPLE:
        rho = (1 + growth) / 1.10
        by_hand = [sum(f * 100000 * max(rho ** (t / 12), rho ** 4) for t, f in schedule) for schedule in (front, amazon)]
        valuation = value_all(parse_offers({
            "model": {"start_date": date(2027, 1, 4), "horizon_years": 4, "discount_rate": 0.10, "draws": 0},
            "offers": [{"name": name, "base": 0, "equity": {"type": "rsu", "shares": 1000, "price": 100,
                                                             "growth": growth, "schedule": schedule}}
                       for name, schedule in (("Front", {"yearly": [0.4, 0.3, 0.2, 0.1]}), ("Amazon", "amazon"))]},
            "holding example"))
        assert [o.pv for o in valuation.offers] == [approx(x) for x in by_hand]
        assert by_hand == [pytest.approx(front_pv, abs=0.01), pytest.approx(amazon_pv, abs=0.01)]
        assert all(f"**{x:,.0f}**" in doc for x in (front_pv, amazon_pv))


def test_worked_example_levers_match_the_engine():
    deal = worked_example().negotiation
    if not hasattr(deal, "ask_bump"):
        pytest.skip("this engine has no negotiation levers yet")
    assert deal.ask_bump == approx(GAP / (0.5 * BASE_AT_STAKE))
    assert deal.ask_bump_amount == approx(GAP / (0.5 * sum(d(m) / 12 for m in range(7, 25))))
    pv_at_zero = ALPHA_PV - 0.5 * ALPHA_BUMP_AT_CERTAINTY
    assert deal.probability_to_close == approx((BETA_PV - pv_at_zero) / ALPHA_BUMP_AT_CERTAINTY)
    assert deal.acceleration_value == approx(ACCELERATION)
    kept = {int(k): v for k, v in dict(deal.acceleration_kept).items()}
    assert kept == {6: approx(0), 12: approx(13200), 18: approx(13200), 24: approx(480 * (0.75 * 110 + 0.25 * 121) - 480 * 115.5)}
    assert deal.gap_after_acceleration == approx(GAP)  # an acceleration worth nothing closes nothing
    assert deal.package_bump == approx(deal.ask_bump)


def test_worked_example_tax_matches_the_engine():
    try:
        alpha = worked_example('\n[tax]\nfiling_status = "single"\n').offers[0]
    except InputError as error:
        if "tax" in error.message:
            pytest.skip("this engine has no after-tax figures yet")
        raise
    federal = 0.10 * 12400 + 0.12 * (50400 - 12400) + 0.22 * (105700 - 50400) + 0.24 * (173700 - 16100 - 105700)
    tax = federal + 0.062 * 173700 + 0.0145 * 173700
    after_tax = alpha.after_tax
    taxes = after_tax["taxes"] if isinstance(after_tax, dict) else after_tax.taxes
    assert tax == approx(43710.05)
    assert taxes[0] == approx(tax)


def test_the_benchmarks_page_quotes_the_recorded_run():
    """docs/benchmarks.md's results are benchmarks/results.json's, as benchmarks/report.py writes them."""
    from benchmarks.report import PAGE, RESULTS_JSON, results_part

    results = json.loads(RESULTS_JSON.read_text(encoding="utf-8"))
    assert results_part(results) in PAGE.read_text(encoding="utf-8")
    assert results["mode"] == "full" and results["goals"], "the record is a full run with its goals"
