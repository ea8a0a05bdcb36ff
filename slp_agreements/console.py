"""Terminal output: the only module that touches rich (imported lazily, so --help stays fast)."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

# C0 controls but tab and line break, DEL, C1 (\x9b starts an escape sequence in some terminals), and the
# invisible reordering marks (U+202A–U+202E, U+2066–U+2069) that make a text read differently than it is.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _shown(m: re.Match[str]) -> str:
    char = m.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the control pictures: ␛ for ESC, ␇ for BEL, ␍ for CR
    if code == 0x7F:
        return "␡"
    return f"\\u{code:04x}"


def visible(text: str) -> str:
    """The text with control and escape characters shown as symbols, never sent raw to the terminal."""
    return _CONTROL.sub(_shown, text)


def _safe(text: str) -> str:
    """For rich markup: control characters visible, brackets escaped."""
    from rich.markup import escape

    return escape(visible(text))


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _unstyled(stream: Any) -> bool:
    """Whether rich would print to this stream without colour (not a terminal, no FORCE_COLOR): then a line is
    written as it is, and a build that only reports its files does not import rich at all."""
    try:
        return not stream.isatty() and not os.environ.get("FORCE_COLOR") and not os.environ.get("TTY_COMPATIBLE")
    except (AttributeError, ValueError):
        return False


def error(message: str) -> None:
    """A user error in red on stderr, without traceback."""
    if _unstyled(sys.stderr):
        sys.stderr.write(f"Fehler: {visible(message)}\n")
        return
    _console(stderr=True).print(f"[bold red]Fehler:[/] {_safe(message)}")


def finding(error: bool, message: str) -> None:
    """One lint finding on stdout (errors red, warnings yellow), so findings and summary stay in order."""
    label = "[bold red]Fehler:[/]" if error else "[yellow]Warnung:[/]"
    _console().print(f"{label} {_safe(message)}")


def warn(message: str, lang: str = "de") -> None:
    """A warning on stderr ('Hinweis:', in English 'Note:')."""
    label = "Note:" if lang == "en" else "Hinweis:"
    if _unstyled(sys.stderr):
        sys.stderr.write(f"{label} {visible(message)}\n")
        return
    _console(stderr=True).print(f"[yellow]{label}[/] {_safe(message)}")


def info(message: str) -> None:
    """A line of normal output."""
    if _unstyled(sys.stdout):
        sys.stdout.write(visible(message) + "\n")
        return
    _console().print(_safe(message))


def print_json(data: Any) -> None:
    """One JSON object on stdout (no colour, machine-readable)."""
    import json

    # json escapes C0 itself; C1 and reordering marks only appear inside strings, where a \\u escape is the same.
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write(_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def raw(text: str) -> None:
    """Text on stdout exactly as given (a document, such as a JSON-LD catalogue)."""
    sys.stdout.write(text)


def table(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A table for the terminal; lines break between words, never inside a word.

    If the columns side by side cannot hold their longest words (four columns of German compounds at 80
    columns), each row is shown as a block of 'column: value' lines instead.
    """
    from rich.table import Table

    con = _console()
    cells = [[str(c), *(str(r[i]) for r in rows)] for i, c in enumerate(columns)]
    widths = column_widths(cells, con.width - (3 * len(columns) + 1))  # borders and padding: 3 per column, 1
    if widths is None and len(columns) > 2:
        _stacked(title, columns, rows)
        return
    t = Table(title=_safe(title), show_lines=True, expand=False)
    for i, c in enumerate(columns):
        t.add_column(_safe(c), overflow="fold", width=widths[i] if widths else None)
    for r in rows:
        t.add_row(*(_safe(str(x)) for x in r))
    con.print(t)


def review(title: str, sections: Sequence[tuple[str, Sequence[tuple[str, str, str, bool]]]]) -> None:
    """A compact review: per section a heading, then 'number  label  answer' lines without borders; a row marked
    True is a line of optional details ('12 Region: – · 13 Hintergrund: –'), dimmed."""
    from rich.table import Table

    con = _console()
    con.print(f"\n[bold]{_safe(title)}[/]")
    t = Table(box=None, show_header=False, expand=False, padding=(0, 1), pad_edge=False)
    t.add_column(justify="right", no_wrap=True)
    t.add_column(overflow="fold", max_width=max(14, con.width // 3))
    t.add_column(overflow="fold")
    for heading, rows in sections:
        t.add_row("", f"[bold underline]{_safe(heading)}[/]", "")
        for number, label, answer, dim in rows:
            if dim:
                t.add_row("", f"[dim]{_safe(label)}[/]", f"[dim]{_safe(answer)}[/]")
            else:
                t.add_row(_safe(number), _safe(label), _safe(answer or "–"))
    con.print(t)


def _stacked(title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A narrow table: one block per row, each line a column's name and the row's value."""
    from rich.table import Table

    con = _console()
    cells = [list(columns), [str(x) for r in rows for x in r]]
    widths = column_widths(cells, con.width - 7)
    t = Table(title=_safe(title), show_header=False, expand=False)
    t.add_column(style="bold", overflow="fold", width=widths[0] if widths else None)
    t.add_column(overflow="fold", width=widths[1] if widths else None)
    for n, r in enumerate(rows):
        if n:
            t.add_section()
        for name, value in zip(columns, r, strict=True):
            t.add_row(_safe(name), _safe(str(value)))
    con.print(t)


def column_widths(columns: Sequence[Sequence[str]], room: int) -> list[int] | None:
    """Widths within room that hold each column's longest word (cells: header first, then rows), or None.

    Each column gets its longest word; what room is left goes to the columns in proportion to what their longest
    line still wants.
    """
    from rich.cells import cell_len

    words = [max((cell_len(w) for cell in col for w in cell.split()), default=1) for col in columns]
    lines = [max((cell_len(x) for cell in col for x in cell.splitlines()), default=1) for col in columns]
    widths = list(words)
    spare = room - sum(widths)
    if spare < 0:
        return None
    while spare > 0 and any(w < x for w, x in zip(widths, lines, strict=True)):
        need = sum(max(x - w, 0) for w, x in zip(widths, lines, strict=True))
        for i, (w, x) in enumerate(zip(widths, lines, strict=True)):
            give = min(max(1, spare * max(x - w, 0) // need), max(x - w, 0), spare)
            widths[i] += give
            spare -= give
    return widths


_BLOCK_STYLES = {"title": "bold", "heading": "bold", "text": "", "item": "", "diff": ""}
_BLOCK_PREFIX = {"item": "  • ", "diff": "    "}


def blocks(items: Sequence[Any]) -> None:
    """A change report: removed words red and struck through, added words green and underlined."""
    from rich.text import Text

    con = _console()
    for b in items:
        if b.style == "heading":
            con.print()
        line = Text(_BLOCK_PREFIX.get(b.style, ""), style=_BLOCK_STYLES.get(b.style, ""))
        for i, r in enumerate(r for r in b.runs if r.text):
            if i:
                line.append(" ")
            if r.mark == "del":
                line.append(f"[-{visible(r.text)}-]", style="red strike")
            elif r.mark == "ins":
                line.append(f"{{+{visible(r.text)}+}}", style="green underline")
            else:
                line.append(visible(r.text), style=_BLOCK_STYLES.get(b.style, ""))
        con.print(line)


@contextmanager
def progress(total: int, label: str) -> Iterator[Callable[[str], None]]:
    """A progress bar on stderr while it is a terminal; quiet otherwise (scripts, logs, --json)."""
    con = _console(stderr=True)
    if not con.is_terminal:
        yield lambda _name: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=con, transient=True) as bar:
        task = bar.add_task(label, total=total)

        def advance(name: str) -> None:
            bar.update(task, advance=1, description=f"{label} [dim]{_safe(name)}[/]")

        yield advance


def heading(message: str) -> None:
    """A heading line between groups of questions."""
    _console().print(f"\n[bold]{_safe(message)}[/]")


def note(message: str) -> None:
    """A help text under a question, dimmed, wrapped at word boundaries (readable at 80 columns)."""
    _console().print(f"[dim]{_safe(_wrap(message, '  '))}[/]")


def problem(message: str) -> None:
    """Why an answer was not accepted, shown where the question is asked (stdout, in order with the prompts)."""
    _console().print(f"[bold red]✗[/] {_safe(_wrap(message, '  ')[2:])}")


def _wrap(message: str, indent: str) -> str:
    import shutil
    import textwrap

    width = min(shutil.get_terminal_size((80, 24)).columns, 100) - 1
    return textwrap.fill(message, width=width, initial_indent=indent, subsequent_indent=indent)
