"""The texts for the recruiter, as a negotiation coach would let them go out.

First the texts themselves, built by the command line's path for every sample: one package on
the target's levers, the competing offer's terms only when the target trails it, a conditional
close and a stated window; never a valuation of the candidate's, a menu of asks, a role-cut case
or an expiry the company did not give. Then the workbook: its texts are live formulas whose
stored results are what LibreOffice computes and what `xlmodel value --texts` prints, each
formula short, the wording inputs followed, and the Recruiter page one page with nothing of the
strategy.

The workbook cases value every offer's stock at 0% growth: vested shares are then never worth
holding, so the texts do not depend on how the calculation sheets apply the holding rule.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess

import openpyxl
import pytest

from conftest import REPO, SAMPLES, run_cli
from xlmodel.engine import value_all
from xlmodel.inputs.offers_file import load_offers, parse_offers
from xlmodel.libreoffice import recalculate_all
from xlmodel.pdf_export import RECRUITER_SHEETS, export_pdf
from xlmodel.texts.facts import STRETCH_BOUND
from xlmodel.texts.negotiation import TEXT_KEYS, texts_for
from xlmodel.texts.schedule import schedule_text
from xlmodel.schedules import preset
from xlmodel.workbook import build_workbook, save_workbook

from workbook_support import error_cells, formula_cells, input_cell, name_values, same_result

TARGET_LEADS = REPO / "samples" / "target_leads.toml"
AMAZON = REPO / "samples" / "amazon_vs_startup.toml"
NAMES = {"counter_request": "CounterRequest", "follow_up": "FollowUp", "reply_cant_beat": "ReplyCantBeat",
         "reply_need_approval": "ReplyNeedApproval", "reply_startup_equity": "ReplyStartupEquity"}
# What a recruiter must never read: the candidate's valuation, the strategy, the role-cut case.
FORBIDDEN = ("present value", "discount", "break-even", "gap", "cut", "layoff", "laid off", "expire", "lapse",
             "worth", "probability", "odds", "scenario", "beats", "matches", "less than", "lower than",
             "any one of", "alternatively")


def money(x: float) -> str:
    return f"${round(x):,}"


def long_date(day: dt.date) -> str:
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def built(path):
    offers_file = load_offers(path)
    valuation = value_all(offers_file)
    return offers_file, valuation, texts_for(offers_file, valuation)


# --- the texts, for every sample -----------------------------------------------------------------

@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_the_texts_state_nothing_of_the_strategy(path):
    offers_file, valuation, texts = built(path)
    deal = valuation.negotiation
    figures = [v.pv for v in valuation.offers] + [deal.gap, deal.ask_base, deal.ask_signon, deal.ask_equity or 0,
                                                  deal.ask_bump_amount or 0, deal.gap_after_acceleration]
    for key in TEXT_KEYS:
        text = texts.result(key)
        lowered = text.lower()
        assert [word for word in FORBIDDEN if re.search(rf"\b{word}\b", lowered)] == [], (key, text)
        assert [money(x) for x in figures if x >= 1 and money(x) in text] == [], (key, text)
        if deal.expires and deal.expires not in (deal.respond_by, offers_file.negotiation.wording.competing_deadline):
            assert long_date(deal.expires) not in text, key
        if valuation.break_even_growth is not None:
            assert f"{valuation.break_even_growth:.1%}" not in text


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_the_counter_request_asks_for_one_package_and_holds_a_window(path):
    offers_file, valuation, texts = built(path)
    deal = valuation.negotiation
    counter = texts.result("counter_request")
    paragraphs = counter.split("\n\n")
    assert paragraphs[0].startswith("Hi ") and paragraphs[0].endswith(",")
    assert "I'm genuinely excited about the role" in paragraphs[1]
    assert counter.count("one package: ") + counter.count("one addition to the offer: ") == 1
    assert f"If we can get there, I'm ready to sign by {long_date(deal.respond_by)}." in counter
    rival = offers_file.offer(deal.alternative)
    if deal.gap > 0:  # the competing offer's concrete terms: base, sign-on, equity, vesting
        assert f"a base salary of {money(rival.base)}" in counter
        assert "vesting " in counter and "in year 1" in counter
        bump = min(deal.package_bump, STRETCH_BOUND)
        assert f"milestone bump of {round(bump * 100, 1):g}% of base salary" in counter
    else:  # it leads: asks modestly, quotes nothing of the rival, compares nothing
        assert f"{money(rival.base)}" not in counter and "weighing the two carefully" in counter
        assert "milestone bump of 5% of base salary" in counter


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_the_follow_up_is_short_and_restates_the_ask_and_the_date(path):
    offers_file, valuation, texts = built(path)
    deal = valuation.negotiation
    follow_up, counter = texts.result("follow_up"), texts.result("counter_request")
    assert len(follow_up) < 0.6 * len(counter)
    assert follow_up.split("\n\n")[0] == counter.split("\n\n")[0]  # the same greeting
    assert f"I'm ready to sign by {long_date(deal.respond_by)}" in follow_up
    assert texts.result("short_words") in follow_up
    assert follow_up not in counter and counter.split("\n\n")[2] not in follow_up  # its own words, not a repeat
    assert texts.facts["follow_up_on"].v < deal.respond_by


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_the_replies_to_the_three_objections(path):
    offers_file, valuation, texts = built(path)
    by = long_date(valuation.negotiation.respond_by)
    short = texts.result("short_words")
    cant_beat = texts.result("reply_cant_beat")
    assert "the base can stay as offered" in cant_beat and short in cant_beat
    assert "compensation committee as a formal request" in cant_beat and "within 3 business days" in cant_beat
    assert "offer in writing" in cant_beat and by in cant_beat
    approval = texts.result("reply_need_approval")
    assert "formal request" in approval and short in approval and by in approval
    equity = texts.result("reply_startup_equity")
    assert "without the start-up's equity risk" in equity and short in equity
    if texts.result("has_bump"):
        assert "The fallback clause protects both sides" in equity


def test_the_candidates_own_words_and_a_redacted_rival():
    offers_file, valuation, texts = built(TARGET_LEADS)
    wording = offers_file.negotiation.wording
    assert wording.redact and wording.alternative_label == "a competing AI lab"
    counter = texts.result("counter_request")
    assert counter.startswith("Hi Dana,\n\n") and counter.endswith("\n\nBest regards,\nSam Rivera")
    assert "tied to delivering a production-grade LLM within 120 days" in counter
    assert f"I have to answer a competing AI lab by {long_date(wording.competing_deadline)}" in counter
    for key in TEXT_KEYS:
        assert "Quanta" not in texts.result(key), key
    assert "(name redacted)" in texts.result("reply_cant_beat")


def test_without_a_competing_deadline_the_window_gives_no_reason():
    offers_file, valuation, texts = built(AMAZON)
    assert offers_file.negotiation.wording.competing_deadline is None
    assert "I have to answer" not in texts.result("counter_request")
    assert "Could you let me know by then?" in texts.result("counter_request")


def test_a_stretch_is_flagged_with_the_package_within_reach():
    offers_file, valuation, texts = built(AMAZON)
    deal = valuation.negotiation
    assert deal.package_bump > STRETCH_BOUND  # 71.9% of base: no recruiter grants that
    sentence = texts.result("package_sentence")
    assert sentence.startswith(f"A bump closing the whole {money(deal.gap)} gap would be 71.9% of base, a stretch "
                               "(above 20%). Within reach: ")
    assert "(a stretch: 37.5% of base)" in texts.result("asks")  # the base ask, too
    assert "milestone bump of 20% of base salary ($43,000 a year)" in texts.result("counter_request")


def test_leads_are_signed_and_after_tax_comes_first():
    offers_file, valuation, texts = built(REPO / "samples" / "seattle_vs_sf.toml")
    assert valuation.negotiation.after_tax_gap == 0
    amazon, harbor = (next(v for v in valuation.offers if v.name == name) for name in ("Amazon", "Harbor AI"))
    after, before = amazon.after_tax.pv - harbor.after_tax.pv, harbor.pv - amazon.pv
    assert after > 0 and before > 0  # the sample's point: the lead changes hands after tax
    assert texts.result("verdict") == (f"After tax, Amazon leads Harbor AI by ${round(after):,} in present value. "
                                       f"Before tax, Amazon trails Harbor AI by ${round(before):,} in present value.")
    offers_file, valuation, texts = built(TARGET_LEADS)
    assert texts.result("verdict") == "Amazon leads Quanta AI by $76,297 in present value."


def test_one_wording_of_a_schedule():
    assert schedule_text(preset("amazon")) == ("5% in year 1, 15% in year 2, 40% in year 3 and 40% in year 4, the "
                                               "first after 12 months")
    assert schedule_text(preset("google")) == ("33% in year 1, 33% in year 2, 22% in year 3 and 12% in year 4, the "
                                               "first after 1 month")
    assert schedule_text(None) == ""
    report = run_cli("value", AMAZON).stdout
    assert "initial grant accelerated to 75% in year 1 and 25% in year 2, the first after 12 months" in report


def test_value_texts_prints_the_texts_and_json_carries_them():
    result = run_cli("value", TARGET_LEADS, "--texts")
    assert result.returncode == 0 and result.stderr == ""
    offers_file, valuation, texts = built(TARGET_LEADS)
    for key in TEXT_KEYS:
        assert texts.result(key) in result.stdout
    assert "== Follow-up (send on Friday, January 15)" in result.stdout  # Monday the 18th is a holiday
    assert "present value" not in result.stdout.lower()


# --- the workbook --------------------------------------------------------------------------------

def flat(offers_file):
    """The offers at 0% stock growth (holding a vested share is then never worth more)."""
    offers = tuple(dataclasses.replace(o, equity=dataclasses.replace(o.equity, growth=0.0)) if o.equity else o
                   for o in offers_file.offers)
    return dataclasses.replace(offers_file, offers=offers)


HOSTILE = {"milestone": "=1+1", "recruiter": "@SUM(1)", "candidate": "+Sam", "alternative_label": "-a lab"}


def hostile_wording():
    import tomllib
    data = tomllib.loads(AMAZON.read_text())
    data["negotiation"] = {**HOSTILE, "redact": True}
    return parse_offers(data, "<hostile wording>")


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    folder = tmp_path_factory.mktemp("texts")
    found = {path.stem: flat(load_offers(path)) for path in SAMPLES}
    found["hostile"] = flat(hostile_wording())
    amazon = flat(load_offers(AMAZON))  # at 0% growth Amazon leads: a richer rival makes it trail
    found["amazon_trails"] = dataclasses.replace(amazon, offers=(amazon.offers[0], dataclasses.replace(
        amazon.offers[1], base=400000.0)))
    paths = {name: save_workbook(build_workbook(offers_file), folder / f"{name}.xlsx")
             for name, offers_file in found.items()}
    outputs = recalculate_all(list(paths.values()), folder / "recalculated")
    return {name: (found[name], paths[name], output) for name, output in zip(paths, outputs)}


CASES = [p.stem for p in SAMPLES] + ["hostile", "amazon_trails"]


@pytest.mark.parametrize("name", CASES)
def test_the_workbooks_texts_are_what_libreoffice_computes_and_the_command_line_prints(cases, name):
    offers_file, path, output = cases[name]
    recalculated = openpyxl.load_workbook(output, data_only=True)
    problems = [f"{sheet}!{cell}: stored {stored!r}, LibreOffice {recalculated[sheet][cell].value!r}"
                for (sheet, cell), stored in formula_cells(path).items()
                if sheet in ("Texts", "Recruiter") and not same_result(stored, recalculated[sheet][cell].value)]
    assert problems == []
    texts = texts_for(offers_file, value_all(offers_file))
    for key, name_ in NAMES.items():
        assert name_values(recalculated, name_) == [[texts.result(key)]], key
    assert [c for c in error_cells(recalculated) if c.startswith(("Texts", "Recruiter"))] == []


@pytest.mark.parametrize("name", CASES)
def test_every_text_formula_is_short(cases, name):
    _, path, _ = cases[name]
    workbook = openpyxl.load_workbook(path)
    long = [f"{sheet.title}!{cell.coordinate} ({len(cell.value)})" for sheet in workbook.worksheets
            if sheet.title in ("Texts", "Recruiter") for row in sheet.iter_rows() for cell in row
            if cell.data_type == "f" and len(cell.value) > 500]
    assert long == []


def test_formula_like_wording_stays_text(cases):
    offers_file, path, output = cases["hostile"]
    raw = openpyxl.load_workbook(path)
    for key, text in HOSTILE.items():
        cell = input_cell(raw, f"negotiation.{key}")
        assert cell.value == text and cell.data_type == "s", key
    counter = name_values(openpyxl.load_workbook(output, data_only=True), "CounterRequest")[0][0]
    assert counter.startswith("Hi @SUM(1),") and "tied to =1+1" in counter and counter.endswith("+Sam")
    assert "-a lab" in counter and "Nimbus" not in counter


def test_editing_the_wording_rewrites_the_texts(cases, tmp_path):
    offers_file, path, _ = cases["amazon_vs_startup"]
    workbook = openpyxl.load_workbook(path)
    edits = {"negotiation.milestone": "shipping the inference platform by June", "negotiation.recruiter": "Priya",
             "negotiation.candidate": "Alex Kim", "negotiation.redact": True,
             "negotiation.alternative_label": "an AI start-up", "negotiation.competing_deadline": dt.date(2026, 12, 4)}
    for key, value in edits.items():
        input_cell(workbook, key).value = value
    edited_path = tmp_path / "edited.xlsx"
    workbook.save(edited_path)
    (output,) = recalculate_all([edited_path], tmp_path / "recalculated")
    recalculated = openpyxl.load_workbook(output, data_only=True)
    wording = dataclasses.replace(offers_file.negotiation.wording, milestone=edits["negotiation.milestone"],
                                  recruiter="Priya", candidate="Alex Kim", redact=True,
                                  alternative_label="an AI start-up", competing_deadline=dt.date(2026, 12, 4))
    edited = dataclasses.replace(offers_file, negotiation=dataclasses.replace(offers_file.negotiation,
                                                                              wording=wording))
    texts = texts_for(edited, value_all(edited))
    for key, name in NAMES.items():
        assert name_values(recalculated, name) == [[texts.result(key)]], key
    counter = texts.result("counter_request")
    assert counter.startswith("Hi Priya,") and "tied to shipping the inference platform by June" in counter
    assert "I have to answer an AI start-up by Friday, December 4, 2026" in counter and "Nimbus" not in counter


def test_the_recruiter_page_is_one_page_with_nothing_of_the_strategy(cases, tmp_path):
    offers_file, path, _ = cases["amazon_trails"]
    pdf = export_pdf(path, tmp_path / "recruiter.pdf", sheets=RECRUITER_SHEETS)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    valuation = value_all(offers_file)
    deal = valuation.negotiation
    for word in ("present value", "gap", "break-even", "probability", "scenario", "Bear", "Bull", "quit", "cut",
                 "xlmodel", "leave"):
        assert not re.search(rf"\b{word}\b", text, re.I), word
    for figure in [v.pv for v in valuation.offers] + [deal.gap, deal.ask_base, deal.ask_signon]:
        assert money(figure) not in text
    for shown in ("Amazon: current offer", "Competing offer: Nimbus AI", "$215,000", "$400,000",
                  "$95,000 in year 1 and $75,000 in year 2", "80,000 stock options at a $4.50 strike",
                  "one package:", "Answer requested by", "Thursday, December 3, 2026"):
        assert shown in text, shown
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(tmp_path / "page")], check=True)
    print(f"\nthe recruiter's page, for inspection: {next(tmp_path.glob('page*.png'))}")


def test_the_recruiter_page_of_a_leading_target_names_no_terms_of_the_rival(cases, tmp_path):
    offers_file, path, output = cases["target_leads"]
    sheet = openpyxl.load_workbook(output, data_only=True)["Recruiter"]
    text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    assert "Quanta" not in text and "$260,000" not in text and "I also hold an offer from a competing AI lab." in text
    assert "delivering a production-grade LLM within 120 days" in text and "12 months, confirmed in writing" in text
