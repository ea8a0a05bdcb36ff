"""The command table: every command is listed, with its own summary, and imported only when it is used."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest
import typer.main

from slp_agreements.cli.app import COMMANDS, app
from tests.conftest import run_cli

CLI = Path(__file__).resolve().parents[1] / "slp_agreements" / "cli"
NOT_COMMANDS = {"__init__", "app", "german", "options"}
ROWS = [(group, *row) for group, rows in COMMANDS.items() for row in rows]


def test_every_command_module_is_in_the_table() -> None:
    modules = {p.stem for p in CLI.glob("*.py")} - NOT_COMMANDS
    assert modules == {module for _, _, module, _, _ in ROWS}
    names = {f"{group} {name}".strip() for group, name, *_ in ROWS}
    assert {"build", "new", "serve", "clauses lint", "datasets export", "template export"} <= names


@pytest.mark.parametrize(("group", "name", "module", "function", "summary"), ROWS, ids=lambda v: str(v))
def test_summary_is_the_first_paragraph_of_the_commands_docstring(group, name, module, function, summary) -> None:
    callback = getattr(importlib.import_module(f"slp_agreements.cli.{module}"), function)
    assert summary == inspect.getdoc(callback).split("\n\n")[0]


def test_group_help_lists_every_command_in_table_order() -> None:
    code, out, err = run_cli("--help")
    assert code == 0, err
    listed = [line.split()[0] for line in out.split("Befehle:")[1].splitlines() if line.strip()]
    assert listed == [name for name, *_ in COMMANDS[""]] + ["clauses", "datasets", "template"]
    for group in ("clauses", "datasets", "template"):
        code, out, err = run_cli(group, "--help")
        listed = [line.split()[0] for line in out.split("Befehle:")[1].splitlines() if line.strip()]
        assert listed == [name for name, *_ in COMMANDS[group]]


def test_a_command_is_built_from_its_function_when_used() -> None:
    root = typer.main.get_command(app)
    ctx = typer.Context(root)
    build = root.get_command(ctx, "build")
    assert build is not None and "--each-party" in {o for p in build.params for o in p.opts}
    assert root.get_command(ctx, "gibt-es-nicht") is None
