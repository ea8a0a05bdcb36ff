"""Terminal output: the only module that touches rich (imported lazily, so --help stays fast)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def error(message: str) -> None:
    """A user error in red on stderr, without traceback."""
    from rich.markup import escape

    _console(stderr=True).print(f"[bold red]Fehler:[/] {escape(message)}")


def warn(message: str) -> None:
    """A warning on stderr."""
    from rich.markup import escape

    _console(stderr=True).print(f"[yellow]Hinweis:[/] {escape(message)}")


def info(message: str) -> None:
    """A line of normal output."""
    from rich.markup import escape

    _console().print(escape(message))


def print_json(data: Any) -> None:
    """One JSON object on stdout (no colour, machine-readable)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def table(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A table for the terminal."""
    from rich.markup import escape
    from rich.table import Table

    t = Table(title=title, show_lines=True, expand=False)
    for c in columns:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*(escape(str(x)) for x in r))
    _console().print(t)


def heading(message: str) -> None:
    """A heading line between groups of questions."""
    from rich.markup import escape

    _console().print(f"\n[bold]{escape(message)}[/]")


def note(message: str) -> None:
    """A help text under a question, dimmed, wrapped at word boundaries (readable at 80 columns)."""
    from rich.markup import escape

    _console().print(f"[dim]{escape(_wrap(message, '  '))}[/]")


def problem(message: str) -> None:
    """Why an answer was not accepted, shown where the question is asked (stdout, in order with the prompts)."""
    from rich.markup import escape

    _console().print(f"[bold red]✗[/] {escape(_wrap(message, '  ')[2:])}")


def _wrap(message: str, indent: str) -> str:
    import shutil
    import textwrap

    width = min(shutil.get_terminal_size((80, 24)).columns, 100) - 1
    return textwrap.fill(message, width=width, initial_indent=indent, subsequent_indent=indent)
