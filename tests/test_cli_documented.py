"""Every command and every option the parser accepts is documented in the README, next to its
command: the test walks whatever the parser has, so a new command or option must be documented."""
from __future__ import annotations

import argparse
import re

import pytest

from conftest import REPO
from xlmodel.cli import build_parser

README = (REPO / "README.md").read_text(encoding="utf-8")
UNDOCUMENTED_ACTIONS = (argparse._HelpAction,)  # -h/--help is argparse's own, on every command


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def option_strings(parser: argparse.ArgumentParser) -> list[str]:
    return [option for action in parser._actions if not isinstance(action, UNDOCUMENTED_ACTIONS)
            for option in action.option_strings]


def readme_lines_for(command: str) -> list[str]:
    """README lines that show the command as typed: `xlmodel COMMAND ...`."""
    pattern = re.compile(rf"xlmodel {re.escape(command)}(?![\w-])")
    return [line for line in README.splitlines() if pattern.search(line)]


COMMANDS = subcommands(build_parser())
COMMAND_OPTIONS = [(name, option) for name, parser in COMMANDS.items() for option in option_strings(parser)]


def test_the_walk_finds_the_known_commands_and_options():
    assert {"value", "build", "pdf", "read", "init", "lite"} <= set(COMMANDS)
    assert {("value", "--json"), ("value", "--csv"), ("build", "--udf"), ("build", "-o")} <= set(COMMAND_OPTIONS)
    assert ("value", "-h") not in COMMAND_OPTIONS


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_is_in_the_readme(command):
    assert readme_lines_for(command), f"the README never shows `xlmodel {command}`"


@pytest.mark.parametrize("command, option", COMMAND_OPTIONS, ids=[f"{c} {o}" for c, o in COMMAND_OPTIONS])
def test_every_option_is_in_the_readme_beside_its_command(command, option):
    pattern = re.compile(rf"(?<![\w-]){re.escape(option)}(?![\w-])")
    assert any(pattern.search(line) for line in readme_lines_for(command)), \
        f"no README line shows `xlmodel {command} ... {option}`"


@pytest.mark.parametrize("option", option_strings(build_parser()))
def test_every_top_level_option_is_in_the_readme(option):
    assert f"xlmodel {option}" in README
