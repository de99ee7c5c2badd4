"""The command line as a user runs it: `python -m xlmodel value|init ...` in a fresh interpreter."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import openpyxl
import pytest

from conftest import SAMPLES, TEMPLATE, cli_json, model_table, run_cli
from error_cases import CASES
from xlmodel.errors import InputError
from xlmodel.inputs.offers_file import load_offers
from xlmodel.output_files import check_target, write_atomically

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
OFFER_KEYS = {"name", "years", "total", "pv", "annualized", "components", "after_tax", "outcomes"}
COMPONENTS = {"salary", "bonus", "signon", "equity"}
NEGOTIATION_KEYS = {"target", "alternative", "gap", "ask_base", "ask_signon", "ask_equity", "respond_by", "expires",
                    "ask_bump", "ask_bump_amount", "probability_to_close", "acceleration_value", "acceleration_kept",
                    "gap_after_acceleration", "package_bump",
                    "after_tax_gap", "odds_alternative_wins", "texts"}
TEXT_KEYS = {"counter_request", "follow_up", "follow_up_on", "reply_cant_beat", "reply_need_approval",
             "reply_startup_equity"}


def approx(x):
    return pytest.approx(x, rel=1e-9, abs=1e-6)


# --- errors: exit code 2, one message on stderr, no traceback ---------------------------------

def assert_input_error(result, *fragments):
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("xlmodel: error: ")
    for fragment in fragments:
        assert fragment in result.stderr


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_value_reports_each_input_error(write_toml, case):
    path = write_toml(case.text)
    result = run_cli("value", path)
    where = f"{path}: {case.key}" if case.key else f"{path}: "
    assert_input_error(result, where, case.reason)
    assert len(result.stderr.strip().splitlines()) == 1


def test_value_reports_a_missing_file(tmp_path):
    path = tmp_path / "missing.toml"
    assert_input_error(run_cli("value", path), str(path), "not found")


def test_json_errors_go_to_stderr_too(write_toml):
    path = write_toml(CASES[0].text)
    assert_input_error(run_cli("value", path, "--json"), str(path), "model.start_date")


@pytest.mark.parametrize("args", [["nonsense"], [], ["value", "a.toml", "b.toml"], ["init", "--bogus"]])
def test_usage_errors_exit_2_without_traceback(args):
    result = run_cli(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "usage:" in result.stderr


# --- the JSON shape ------------------------------------------------------------------------

def check_shape(data: dict) -> None:
    assert set(data) == {"offers", "scenarios", "negotiation", "leave"}
    names = [offer["name"] for offer in data["offers"]]
    for offer in data["offers"]:
        assert set(offer) == OFFER_KEYS
        assert set(offer["components"]) == COMPONENTS
        assert all(isinstance(x, (int, float)) for x in offer["years"])
        assert offer["total"] == approx(sum(offer["years"]))
        assert offer["total"] == approx(sum(offer["components"].values()))
        assert offer["annualized"] == approx(offer["total"] / len(offer["years"]))
        if offer["after_tax"] is not None:
            assert set(offer["after_tax"]) == {"years", "taxes", "total", "pv"}
            assert offer["after_tax"]["total"] == approx(sum(offer["after_tax"]["years"]))
        if offer["outcomes"] is not None:
            assert set(offer["outcomes"]) == {"p10", "p50", "p90", "mean"}
            assert offer["outcomes"]["p10"] <= offer["outcomes"]["p50"] <= offer["outcomes"]["p90"]
    for scenario in data["scenarios"]:
        assert set(scenario) == {"name", "pv", "total"}
        assert list(scenario["pv"]) == names and list(scenario["total"]) == names
    deal = data["negotiation"]
    assert set(deal) == NEGOTIATION_KEYS
    assert set(deal["texts"]) == TEXT_KEYS
    assert all(isinstance(deal["texts"][key], str) and deal["texts"][key] for key in TEXT_KEYS - {"follow_up_on"})
    assert deal["texts"]["follow_up_on"] is None or ISO_DATE.match(deal["texts"]["follow_up_on"])
    assert deal["target"] in names
    assert deal["alternative"] is None or deal["alternative"] in names
    assert deal["gap"] >= 0
    for day in ("respond_by", "expires"):
        assert deal[day] is None or ISO_DATE.match(deal[day])
    assert deal["odds_alternative_wins"] is None or 0 <= deal["odds_alternative_wins"] <= 1
    assert 0 <= deal["gap_after_acceleration"] <= deal["gap"]
    if deal["acceleration_kept"] is not None:
        assert set(deal["acceleration_kept"]) <= set(next(iter(data["leave"].values())))
    assert list(data["leave"]) == names
    for by_month in data["leave"].values():
        assert by_month and all(month.isdigit() for month in by_month)
        for kept in by_month.values():
            assert set(kept) == {"quit", "cut", "exercise_cost"}
            assert kept["cut"] >= kept["quit"] - 1e-6   # a cut never repays and may pay on


@pytest.mark.parametrize("path", SAMPLES + [TEMPLATE], ids=lambda p: p.name)
def test_json_shape_of_every_sample(path):
    data = cli_json(path)
    check_shape(data)
    offers_file = load_offers(path)
    assert [o["name"] for o in data["offers"]] == [o.name for o in offers_file.offers]
    if not offers_file.scenarios_given:
        assert [s["name"] for s in data["scenarios"]] == ["Bear", "Base", "Bull"]
    for scenario in data["scenarios"]:
        if scenario["name"] == "Base" or scenario["name"] == "Plan":   # scenarios without overrides
            for offer in data["offers"]:
                assert scenario["pv"][offer["name"]] == approx(offer["pv"])
                assert scenario["total"][offer["name"]] == approx(offer["total"])


def test_json_of_the_amazon_sample_in_detail():
    data = cli_json(SAMPLES[0])
    assert SAMPLES[0].name == "amazon_vs_startup.toml"
    assert [o["name"] for o in data["offers"]] == ["Amazon", "Nimbus AI"]
    assert [s["name"] for s in data["scenarios"]] == ["Bear", "Base", "Bull"]
    base = data["scenarios"][1]
    for offer in data["offers"]:
        assert base["pv"][offer["name"]] == approx(offer["pv"])
        assert base["total"][offer["name"]] == approx(offer["total"])
        assert len(offer["years"]) == 4
    deal = data["negotiation"]
    assert (deal["target"], deal["alternative"]) == ("Amazon", "Nimbus AI")
    # Decision Wed 2026-11-25, Thanksgiving Thu 26 off: 5 and 10 business days.
    assert (deal["respond_by"], deal["expires"]) == ("2026-12-03", "2026-12-10")
    assert deal["gap"] == approx(data["offers"][1]["pv"] - data["offers"][0]["pv"])
    assert deal["ask_equity"] > 0
    assert set(data["leave"]["Amazon"]) == {"6", "12", "18", "24", "36"}
    # Amazon year 1: salary 215,000 + the expected bump on months 7-12, the 95,000 sign-on and
    # 5% of 480,000 of RSUs at month 12's price.
    year1 = 215000 + 215000 * 0.15 * 0.6 / 12 * 6 + 95000 + 480000 / 220 * 0.05 * 220 * 1.15
    assert data["offers"][0]["years"][0] == approx(year1)
    # Quitting Amazon at month 6 repays half the first sign-on.
    assert data["leave"]["Amazon"]["6"]["quit"] == approx(215000 / 2 + 95000 / 2)


def test_json_without_a_decision_date_has_null_dates(write_toml):
    path = write_toml(model_table(1) + '[[offers]]\nname = "Solo"\nbase = 100000\n')
    data = cli_json(path)
    check_shape(data)
    texts = data["negotiation"].pop("texts")
    assert texts["follow_up_on"] is None and "ready to sign right away" in texts["counter_request"]
    assert data["negotiation"] == {"target": "Solo", "alternative": None, "gap": 0, "ask_base": 0,
                                   "ask_signon": 0, "ask_equity": None, "respond_by": None, "expires": None,
                                   "ask_bump": 0, "ask_bump_amount": 0, "probability_to_close": None,
                                   "acceleration_value": None, "acceleration_kept": None,
                                   "gap_after_acceleration": 0, "package_bump": 0,
                                   "after_tax_gap": None, "odds_alternative_wins": None}
    assert data["leave"] == {"Solo": {"6": {"quit": approx(50000), "cut": approx(50000), "exercise_cost": None},
                                      "12": {"quit": approx(100000), "cut": approx(100000), "exercise_cost": None}}}
    # an offer without equity draws its present value every time
    assert data["offers"][0]["outcomes"] == {"p10": approx(100000), "p50": approx(100000), "p90": approx(100000),
                                             "mean": approx(100000)}


def test_value_without_a_file_uses_the_bundled_sample():
    assert cli_json() == cli_json(SAMPLES[0])


def test_text_report(write_toml):
    result = run_cli("value", SAMPLES[0])
    assert result.returncode == 0, result.stderr
    for text in ("Amazon", "Nimbus AI", "Present value", "Scenarios", "Negotiation", "Leaving early",
                 "Thu 2026-12-03", "Package", "Acceleration value"):
        assert text in result.stdout
    assert result.stderr == ""


# --- init ---------------------------------------------------------------------------------

def test_init_writes_a_file_that_validates_and_values(tmp_path):
    path = tmp_path / "mine.toml"
    result = run_cli("init", path)
    assert result.returncode == 0, result.stderr
    assert path.read_bytes() == TEMPLATE.read_bytes()
    load_offers(path)
    check_shape(cli_json(path))


def test_init_defaults_to_offers_toml_in_the_current_folder(tmp_path):
    result = run_cli("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "offers.toml").exists()
    assert run_cli("value", "offers.toml", cwd=tmp_path).returncode == 0


def test_init_refuses_to_overwrite_without_force(tmp_path):
    path = tmp_path / "offers.toml"
    path.write_text("# my own notes\n")
    result = run_cli("init", path)
    assert_input_error(result, str(path), "already exists", "--force")
    assert path.read_text() == "# my own notes\n"


def test_init_force_overwrites(tmp_path):
    path = tmp_path / "offers.toml"
    path.write_text("# my own notes\n")
    result = run_cli("init", path, "--force")
    assert result.returncode == 0, result.stderr
    assert path.read_bytes() == TEMPLATE.read_bytes()


def test_init_into_a_missing_folder(tmp_path):
    path = tmp_path / "no" / "such" / "offers.toml"
    assert_input_error(run_cli("init", path), "does not exist")
    assert not path.exists()


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("xlmodel ")


def test_json_output_is_valid_json_with_finite_numbers():
    text = run_cli("value", SAMPLES[-1], "--json").stdout
    json.loads(text, parse_constant=lambda name: pytest.fail(f"non-finite number {name} in JSON"))


# --- files on disk: races, signals, Ctrl-C ------------------------------------------------------


def big_offers_file(folder: Path, offers: int = 16, horizon_years: int = 10) -> Path:
    """An offers file whose workbook takes a while to build: many offers over ten years."""
    text = f"[model]\nstart_date = 2027-01-04\nhorizon_years = {horizon_years}\n" + "".join(
        f'[[offers]]\nname = "Offer {i}"\nbase = {150000 + 1000 * i}\nsignon = [10000, 5000]\n'
        '[offers.equity]\ntype = "rsu"\ngrant_value = 400000\nprice = 100\ngrowth = 0.1\n'
        'refresh_value = 50000\nschedule = "standard"\n' for i in range(offers))
    path = folder / "big.toml"
    path.write_text(text)
    return path


def start_build(folder: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "xlmodel", "build", "big.toml", "-o", "out.xlsx", *args],
                            cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_until_writing(process: subprocess.Popen, folder: Path, timeout: float = 60) -> None:
    """Until the process holds open a file being written in `folder` (not the offers file it reads),
    seen on two polls in a row: not the writability probe, which is open for an instant."""
    offers = str(folder / "big.toml")
    deadline = time.monotonic() + timeout
    seen = 0
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the build ended before it was caught writing: {process.communicate()}"
        try:
            targets = [os.readlink(f"/proc/{process.pid}/fd/{fd}") for fd in os.listdir(f"/proc/{process.pid}/fd")]
        except OSError:  # a descriptor closed while being listed
            continue
        seen = seen + 1 if any(t.startswith(str(folder) + "/") and t != offers for t in targets) else 0
        if seen == 2:
            return
        time.sleep(0.005)
    pytest.fail("the build never started writing")


def test_two_writers_racing_for_one_new_name_the_second_is_refused(tmp_path):
    target = tmp_path / "out.xlsx"
    both_written = threading.Barrier(2)
    outcomes = {}

    def writer(label: str) -> None:
        def write(path: str) -> None:
            with open(path, "w") as out:
                out.write(label)
            both_written.wait(timeout=30)   # both have passed check_target and written: now both link
        try:
            check_target(target, ".xlsx", "offer_model")
            write_atomically(target, write)
            outcomes[label] = "wrote"
        except InputError as error:
            outcomes[label] = error.message

    threads = [threading.Thread(target=writer, args=(label,)) for label in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [label for label, outcome in outcomes.items() if outcome == "wrote"]
    assert len(winners) == 1, outcomes
    loser = next(outcome for outcome in outcomes.values() if outcome != "wrote")
    assert loser.startswith(f"{target}: already exists (another program wrote it meanwhile)")
    assert target.read_text() == winners[0]   # the winner's file, not overwritten by the other
    assert os.listdir(tmp_path) == ["out.xlsx"]


def test_two_builds_at_once_to_one_new_name_one_writes_the_other_is_refused(tmp_path):
    big_offers_file(tmp_path, offers=4)
    builds = [start_build(tmp_path) for _ in range(2)]
    results = [(build.wait(timeout=120), *build.communicate()) for build in builds]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 2], results
    refused = next(err for code, _, err in results if code == 2)
    assert refused.startswith("xlmodel: error: out.xlsx: already exists") and "Traceback" not in refused
    assert sorted(os.listdir(tmp_path)) == ["big.toml", "out.xlsx"]
    assert "Inputs" in openpyxl.load_workbook(tmp_path / "out.xlsx", read_only=True).sheetnames   # whole


def handles(pid: int, signal_number: int) -> bool:
    """Whether the process has a handler of its own for the signal (SigCgt in /proc/PID/status)."""
    with open(f"/proc/{pid}/status") as status:
        caught = next(line for line in status if line.startswith("SigCgt:"))
    return bool(int(caught.split()[1], 16) >> (signal_number - 1) & 1)


def wait_until_handling_signals(process: subprocess.Popen, timeout: float = 60) -> None:
    """Until the command has installed its signal handlers: before that, SIGTERM kills the
    interpreter as it starts, before any of xlmodel has run (nothing to clean up, no exit code)."""
    deadline = time.monotonic() + timeout
    while not handles(process.pid, signal.SIGTERM):
        assert process.poll() is None, f"the command ended before it handled signals: {process.communicate()}"
        assert time.monotonic() < deadline, "the command never installed its signal handlers"
        time.sleep(0.005)


def wait_until_building(process: subprocess.Popen, seconds: float = 0.5) -> None:
    """Let the build run a while: it reads the file, values it and builds the workbook in memory."""
    wait_until_handling_signals(process)
    time.sleep(seconds)
    assert process.poll() is None, f"the build ended before it could be stopped: {process.communicate()}"


@pytest.mark.parametrize("signal_number, code", [(signal.SIGTERM, 128 + 15), (signal.SIGINT, 130)])
def test_a_build_stopped_midway_leaves_nothing(tmp_path, signal_number, code):
    big_offers_file(tmp_path, offers=24)
    build = start_build(tmp_path)
    wait_until_building(build)
    build.send_signal(signal_number)
    stdout, stderr = build.communicate(timeout=60)
    assert build.returncode == code, (stdout, stderr)
    assert "Traceback" not in stderr and stdout == ""
    assert os.listdir(tmp_path) == ["big.toml"]   # no workbook, no temporary file


# Runs `xlmodel build` and counts its Python calls from the moment its signal handlers are
# installed: with "sigterm", sends itself SIGTERM at the given call; with "measure", writes the
# count to a file at the end. Calls rather than a clock or CPU time: a busy machine moves neither.
SIGTERM_AFTER_CALLS = """
import atexit, os, runpy, signal, sys

mode, argument = sys.argv[1], sys.argv[2]
stop_at = int(argument) if mode == "sigterm" else None
calls = 0

def count(frame, event, arg):
    global calls
    calls += 1
    if calls == stop_at:
        sys.settrace(None)
        os.kill(os.getpid(), signal.SIGTERM)

class StartCounting:
    def find_spec(self, name, path=None, target=None):
        if name == "xlmodel.cli":   # imported by the entry point right after it installed its handlers
            sys.meta_path.remove(self)
            if mode == "measure":
                atexit.register(lambda: open(argument, "w").write(str(calls)))
            sys.settrace(count)

sys.meta_path.insert(0, StartCounting())
sys.argv = ["xlmodel", "build", "big.toml", "-o", "out.xlsx"]
runpy.run_module("xlmodel", run_name="__main__", alter_sys=True)
"""


def build_with_sigterm(folder: Path, mode: str, argument: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONHASHSEED": "0"}
    return subprocess.run([sys.executable, "-c", SIGTERM_AFTER_CALLS, mode, argument], cwd=folder,
                          capture_output=True, text=True, timeout=120, env=environment)


def test_sigterm_at_any_moment_of_a_build_ends_it_cleanly(tmp_path):
    """SIGTERM at 30 moments spread over a build, while the modules load, the offers are valued and
    the workbook is built (finalizers included): exit code 143, no traceback, nothing left."""
    folder = tmp_path / "build"
    folder.mkdir()
    big_offers_file(folder, offers=1, horizon_years=2)   # small: 32 builds
    spans = []
    for run in range(2):   # the least of two: the first may also compile the modules
        measured = tmp_path / f"span-{run}"
        assert build_with_sigterm(folder, "measure", str(measured)).returncode == 0
        spans.append(int(measured.read_text()))
        (folder / "out.xlsx").unlink()
    runs = 30
    for step in range(1, runs + 1):
        call = int(0.75 * min(spans) * step / runs)   # not the last quarter: the file may have its name by then
        result = build_with_sigterm(folder, "sigterm", str(call))
        outcome = (call, result.returncode, result.stdout, result.stderr)
        assert result.returncode == 128 + 15, outcome
        assert result.stderr == "", outcome   # no traceback, no "Exception ignored in ..."
        assert result.stdout == "", outcome
        assert os.listdir(folder) == ["big.toml"], outcome


SLOW_WRITER = """
import sys, time
from pathlib import Path
from xlmodel.output_files import check_target, write_atomically
target = Path(sys.argv[1])
force = sys.argv[2] == "force"
check_target(target, ".xlsx", "offer_model", force=force)
def write(temporary):
    with open(temporary, "wb") as out:
        for _ in range(600):   # a minute of writing, a chunk at a time
            out.write(b"x" * 1000)
            out.flush()
            time.sleep(0.1)
write_atomically(target, write, force)
"""


def start_slow_write(folder: Path, force: bool) -> subprocess.Popen:
    """The write of a workbook, slowed down so that it can be killed halfway."""
    return subprocess.Popen([sys.executable, "-c", SLOW_WRITER, "out.xlsx", "force" if force else "new"],
                            cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


SIGNAL_WHILE_WRITING = """
import os, signal, sys
from xlmodel import output_files, stopping
if sys.argv[1] == "hidden":
    output_files._open_unnamed = lambda folder: None
stopping.install()
def write(temporary):
    with open(temporary, "w") as out:
        out.write("half")
        os.kill(os.getpid(), signal.SIGTERM)
        out.write(" and the rest")
output_files.write_atomically("out.toml", write)
"""


@pytest.mark.parametrize("temporary_kind", ["unnamed", "hidden"])
def test_sigterm_while_the_file_is_written_leaves_nothing(tmp_path, temporary_kind):
    result = subprocess.run([sys.executable, "-c", SIGNAL_WHILE_WRITING, temporary_kind], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 128 + 15, result.stderr
    assert result.stderr == ""
    assert os.listdir(tmp_path) == []


def test_a_write_killed_halfway_leaves_no_visible_file(tmp_path):
    (tmp_path / "big.toml").write_text("")
    writer = start_slow_write(tmp_path, force=False)
    wait_until_writing(writer, tmp_path)
    writer.kill()   # SIGKILL: no handler runs, no cleanup
    writer.communicate(timeout=60)
    left = os.listdir(tmp_path)
    assert [name for name in left if not name.startswith(".")] == ["big.toml"]
    if hasattr(os, "O_TMPFILE"):   # the file was written unnamed: nothing at all remains
        assert left == ["big.toml"]


def test_a_forced_write_killed_halfway_keeps_the_old_file_whole(tmp_path):
    (tmp_path / "big.toml").write_text("")
    (tmp_path / "out.xlsx").write_bytes(b"the old workbook")
    writer = start_slow_write(tmp_path, force=True)
    wait_until_writing(writer, tmp_path)
    writer.kill()
    writer.communicate(timeout=60)
    assert (tmp_path / "out.xlsx").read_bytes() == b"the old workbook"


SIGNAL_DURING_IMPORT = """
import os, runpy, signal, sys

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "xlmodel.engine":   # imported by xlmodel.cli, before any command runs
            {action}

sys.meta_path.insert(0, Interrupt())
sys.argv = ["xlmodel", "value"]
runpy.run_module("xlmodel", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize("action, code", [("raise KeyboardInterrupt", 130),
                                          ("os.kill(os.getpid(), signal.SIGTERM)", 128 + 15)],
                         ids=["ctrl-c", "sigterm"])
def test_a_signal_while_the_modules_load_ends_without_a_traceback(action, code):
    script = SIGNAL_DURING_IMPORT.format(action=action)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == code, result.stderr
    assert result.stderr == "" and result.stdout == ""


SIGNAL_IN_A_FINALIZER = """
import os, runpy, signal, sys

class SignalledWhileFinalized:
    def __del__(self):
        os.kill(os.getpid(), signal.{name})
        for _ in range(1000):   # the handler runs in here, where an exception cannot unwind
            pass

class Finalize:
    def find_spec(self, name, path=None, target=None):
        if name == "xlmodel.engine":   # imported by xlmodel.cli, once the handlers are installed
            SignalledWhileFinalized()

sys.meta_path.insert(0, Finalize())
sys.argv = ["xlmodel", "init", "offers.toml"]
runpy.run_module("xlmodel", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize("name, code", [("SIGTERM", 128 + 15), ("SIGINT", 130)])
def test_a_signal_while_a_finalizer_runs_stops_the_command_without_a_traceback(tmp_path, name, code):
    script = SIGNAL_IN_A_FINALIZER.format(name=name)
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == code, result.stderr
    assert result.stderr == "" and result.stdout == ""
    assert os.listdir(tmp_path) == []   # the offers file is not written after the signal


# --- --json never prints a number that is not JSON ------------------------------------------------

def test_first_non_finite_names_the_figure():
    from xlmodel.cli import first_non_finite

    assert first_non_finite({"offers": [{"pv": 1.0}, {"pv": 2.0, "years": [1.0, float("nan")]}]}) == ("offers", 1, "years", 1)
    assert first_non_finite({"leave": {"A": {"6": {"cut": float("-inf")}}}}) == ("leave", "A", "6", "cut")
    assert first_non_finite({"offers": [{"pv": 1e308}], "n": None, "s": "inf"}) is None


def test_json_refuses_a_non_finite_figure_with_one_clear_line(write_toml, monkeypatch, capsys):
    from xlmodel import cli

    class Broken:   # as if the engine overflowed: what the bounds on the inputs prevent
        def as_json(self):
            return {"offers": [{"name": "A", "pv": float("inf")}]}

    monkeypatch.setattr(cli, "value_all", lambda offers_file: Broken())
    path = write_toml(model_table(1) + '[[offers]]\nname = "A"\nbase = 1\n')
    for args in (["value", str(path), "--json"], ["value", str(path)]):
        assert cli.main(args) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert err == f"xlmodel: error: {path}: offers[0].pv: the figure is not a finite number; " \
                      "make the amounts in the file smaller\n"


# --- write_atomically, with and without unnamed temporary files -----------------------------------

@pytest.fixture(params=["unnamed", "hidden"])
def temporary_kind(request, monkeypatch):
    """Both ways of writing: an unnamed O_TMPFILE file, and the hidden dot-file other systems get."""
    if request.param == "hidden":
        from xlmodel import output_files
        monkeypatch.setattr(output_files, "_open_unnamed", lambda folder: None)
    return request.param


def write_label(label: str):
    def write(path: str) -> None:
        with open(path, "w") as out:
            out.write(label)
    return write


def test_a_new_file_gets_an_ordinary_mode(tmp_path, temporary_kind):
    umask = os.umask(0o022)
    try:
        write_atomically(tmp_path / "out.toml", write_label("x"))
    finally:
        os.umask(umask)
    assert (tmp_path / "out.toml").stat().st_mode & 0o777 == 0o644   # 0o666 less the umask 0o022


def test_an_existing_file_is_never_replaced_unless_forced(tmp_path, temporary_kind):
    target = tmp_path / "out.toml"
    target.write_text("mine")
    with pytest.raises(InputError, match="already exists"):
        write_atomically(target, write_label("new"))
    assert target.read_text() == "mine"
    write_atomically(target, write_label("new"), force=True)
    assert target.read_text() == "new"
    assert os.listdir(tmp_path) == ["out.toml"]


def test_only_a_forced_write_replaces_a_file(tmp_path, temporary_kind):
    forced, other = tmp_path / "forced.toml", tmp_path / "other.toml"
    forced.write_text("old")
    other.write_text("old")
    check_target(forced, ".toml", "offers", force=True)
    write_atomically(forced, write_label("new"), force=True)
    assert forced.read_text() == "new"
    check_target(other, ".toml", "offers", force=True)   # allowing it is not enough: the writer is told
    with pytest.raises(InputError, match="already exists"):
        write_atomically(other, write_label("new"))
    assert other.read_text() == "old"


def test_an_interrupted_write_leaves_nothing(tmp_path, temporary_kind):
    def write(path: str) -> None:
        with open(path, "w") as out:
            out.write("half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomically(tmp_path / "out.toml", write)
    assert os.listdir(tmp_path) == []


def test_a_full_disk_gives_one_clear_line_and_leaves_nothing(tmp_path, temporary_kind):
    import errno

    def write(path: str) -> None:
        with open(path, "w") as out:
            out.write("part of it")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(InputError) as caught:
        write_atomically(tmp_path / "out.toml", write)
    assert caught.value.message == f"{tmp_path / 'out.toml'}: cannot be written: no space left on the device"
    assert os.listdir(tmp_path) == []


# --- warnings, the odds, the texts -------------------------------------------------------------

def test_a_rate_that_reads_like_a_percentage_is_warned_about_on_stderr(tmp_path):
    source = (SAMPLES[0].read_text(encoding="utf-8")).replace("growth = 0.30", "growth = 8")
    path = tmp_path / "offers.toml"
    path.write_text(source, encoding="utf-8")
    warning = (f"xlmodel: warning: {path}: offers[1].equity.growth (offer 'Nimbus AI') = 8 is 800% a year; "
               "did you mean 0.08?\n")
    for args in (("value", path), ("value", path, "--json"), ("build", path, "-o", tmp_path / "out.xlsx")):
        result = run_cli(*args)
        assert result.returncode == 0 and result.stderr == warning, args
        assert result.stdout


def test_the_report_gives_the_odds_and_what_keeping_options_costs():
    report = run_cli("value", SAMPLES[0]).stdout
    assert re.search(r"Nimbus AI pays more than Amazon in \d+% of outcomes; median outcome Amazon \$[\d.]+M, "
                     r"Nimbus AI \$[\d.]+M", report)
    assert re.search(r"^p10 \(1 in 10 do worse\)\s+\$", report, re.M)
    assert "Nimbus AI: keeping your vested options after leaving at month 12 costs $90,000 within 3 months." in report
    assert "Month 12: cost to keep vested options" in report
    assert "no milestone closes the gap" in report and "347.75%" not in report
    assert "costs" not in report.split("Package:")[1].split("Present value if")[0]  # acceleration is no cost


def test_no_odds_without_draws(write_toml):
    path = write_toml(model_table(1, extra="draws = 0") + '[[offers]]\nname = "A"\nbase = 1\n'
                      '[[offers]]\nname = "B"\nbase = 2\n')
    report = run_cli("value", path).stdout
    assert "outcomes" not in report and "Outcomes" not in report
    assert "Gap in present value" in report


def test_a_lead_is_signed_not_a_gap_of_0(write_toml):
    path = write_toml(model_table(1) + '[[offers]]\nname = "A"\nbase = 200000\n'
                      '[[offers]]\nname = "B"\nbase = 150000\n')
    report = run_cli("value", path).stdout
    assert re.search(r"^A leads B by\s+\$50,000$", report, re.M)
    assert "A leads B by $50,000 in present value." in report
