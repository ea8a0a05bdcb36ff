"""The command line's own texts in German: help pages, usage lines, parser errors, aborts.

typer (and the click inside it) prints English: "Usage:", "Show this message and exit.", "No such option",
"Aborted!". Every app of cli/ is a ``Typer`` from this module, so each command it registers gets a
``GermanCommand`` and each group a ``GermanGroup``: their help is laid out here with German headings and word
metavars (ANTWORTEN.yaml, ORDNER, never a Python type), and every error of the argument parser is worded here
before it is printed. A new command needs nothing but German help texts of its own and a metavar for every
argument and option that takes a path (see docs/architecture.md).
"""

from __future__ import annotations

import re
import sys
import textwrap
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any

import typer
from typer import _click
from typer._click.exceptions import (
    BadParameter,
    ClickException,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from slp_agreements import console

USAGE = "Aufruf: "
HEADINGS = {"Arguments": "Argumente", "Options": "Optionen", "Commands": "Befehle"}
OPTIONS_METAVAR = "[OPTIONEN]"
SUBCOMMAND_METAVAR = "BEFEHL [ARGUMENTE]..."
HELP_OPTION = "Diese Hilfe zeigen und beenden."
MORE_HELP = "Mehr dazu: {command} --help"
ABORTED = "Abgebrochen."
INTERRUPTED = "Abgebrochen (Strg+C)."

# English messages the parser builds itself (click's parser, typer's path checks), as patterns with their German.
# Patterns as text: compiled (and cached by re) only when a parser error is worded, not at every start.
_PARSER_MESSAGES: list[tuple[str, str]] = [
    (r"Got unexpected extra argument\(s\) \((?P<args>.*)\)", "Überzählige Angabe: {args}."),
    (r"Option '(?P<opt>[^']+)' requires an argument\.", "Die Option {opt} braucht einen Wert."),
    (r"Option '(?P<opt>[^']+)' requires (?P<n>\d+) arguments\.", "Die Option {opt} braucht {n} Werte."),
    (r"Option '(?P<opt>[^']+)' does not take a value\.", "Die Option {opt} nimmt keinen Wert."),
    (r"Argument '(?P<arg>[^']+)' takes (?P<n>\d+) values\.", "{arg} braucht {n} Werte."),
    (r"Missing command\.", "Bitte einen Befehl angeben."),
    (r"Value must be an iterable\.", "Bitte einen oder mehrere Werte angeben."),
    (r"Value (?P<value>.+) is not a valid (?P<type>\w+)\.", "Der Wert {value} passt hier nicht."),
    (r"(?:File|Directory|Path) (?P<path>.+) does not exist\.", "{path} gibt es nicht."),
    (r"(?:File|Directory|Path) (?P<path>.+) is a file\.", "{path} ist eine Datei, kein Ordner."),
    (r"(?:File|Directory|Path) (?P<path>.+) is a directory\.", "{path} ist ein Ordner, keine Datei."),
    (r"(?:File|Directory|Path) (?P<path>.+) is not readable\.", "{path} ist nicht lesbar."),
    (r"(?:File|Directory|Path) (?P<path>.+) is not writable\.", "{path} ist schreibgeschützt."),
]


def or_list(items: Sequence[str]) -> str:
    """'a', 'a oder b', 'a, b oder c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} oder {items[-1]}"


def wrap(text: str, width: int, indent: str = "", first_indent: str | None = None) -> list[str]:
    """Text wrapped to width between words, paragraphs (blank lines) kept; never inside a word or at a hyphen."""
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        if lines:
            lines.append("")
        start = indent if first_indent is None or lines else first_indent
        lines += textwrap.wrap(
            " ".join(paragraph.split()), max(width, 10), initial_indent=start, subsequent_indent=indent,
            break_long_words=False, break_on_hyphens=False,
        ) or [start]  # fmt: skip
    return lines


class GermanFormatter(_click.HelpFormatter):
    """click's help layout with a German usage prefix and German section headings; lines break between words."""

    def write_text(self, text: str) -> None:
        """A paragraph of help text, indented."""
        indent = " " * self.current_indent
        self.write("\n".join(wrap(text, self.width, indent)) + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        """Two columns (option, what it does); the second wraps between words."""
        first_width = min(max((len(first) for first, _ in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            line = f"{'':>{self.current_indent}}{first}"
            if not second:
                self.write(line + "\n")
                continue
            indent = " " * (first_width + self.current_indent)
            if len(first) <= first_width - col_spacing:
                lead = line + " " * (first_width - len(first))
                self.write("\n".join(wrap(second, self.width - 2, indent, lead)) + "\n")
            else:
                self.write(line + "\n" + "\n".join(wrap(second, self.width - 2, indent)) + "\n")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """The usage line, 'Aufruf: …'."""
        super().write_usage(prog, args, USAGE if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        """A section heading: 'Argumente', 'Optionen', 'Befehle'."""
        super().write_heading(HEADINGS.get(heading, heading))


class GermanContext(typer.Context):
    """A context whose help pages use the German formatter."""

    formatter_class = GermanFormatter


def value_word(param: _click.Parameter) -> str:
    """How a parameter's value is written in usage and help: its metavar, its choices (de|en), or a word."""
    if param.metavar:
        return param.metavar.removesuffix("...").strip("[]")
    if isinstance(param, TyperArgument):
        return (param.name or "").upper()
    descriptor = getattr(param, "type_descriptor", None)
    choices = descriptor.choices if descriptor is not None else None
    if choices:
        return "|".join(str(c.value if isinstance(c, Enum) else c) for c in choices)
    if descriptor is not None and descriptor.is_path:
        return "PFAD"
    annotation = descriptor.annotation if descriptor is not None else None
    return "ZAHL" if annotation in (int, float) else "TEXT"


def _argument_usage(param: _click.Parameter) -> str:
    word = value_word(param)
    word = word if param.required else f"[{word}]"
    return f"{word}..." if param.nargs != 1 else word


def _default_text(param: _click.Parameter, ctx: _click.Context) -> str | None:
    show = getattr(param, "show_default", False)
    if isinstance(show, str):
        return show
    if not show or getattr(param, "is_flag", False):
        return None
    value = param.get_default(ctx, call=False)
    if value is None or callable(value) or value in ([], ()):
        return None
    return str(value.value if isinstance(value, Enum) else value)


def help_record(param: _click.Parameter, ctx: _click.Context) -> tuple[str, str] | None:
    """One row of the help page: how to write the parameter, and what it does (default, required)."""
    if getattr(param, "hidden", False):
        return None
    if isinstance(param, TyperOption):
        names = _click.formatting.join_options(param.opts)[0]
        if param.secondary_opts:
            names += " / " + _click.formatting.join_options(param.secondary_opts)[0]
        if not param.is_flag and not param.count:
            names += f" {value_word(param)}"
    else:
        names = value_word(param) + ("..." if param.nargs != 1 else "")
    extra = []
    default = _default_text(param, ctx)
    if default:
        extra.append(f"Standard: {default}")
    if param.required:
        extra.append("Pflichtangabe")
    text = getattr(param, "help", None) or ""
    if extra:
        text = f"{text}  [{'; '.join(extra)}]".strip()
    return names, text


class _German:
    """What commands and groups share: German usage pieces, help rows and help option."""

    context_class: type[_click.Context] = GermanContext

    def collect_usage_pieces(self, ctx: _click.Context) -> list[str]:
        """[OPTIONEN], then each argument as a word: ANTWORTEN.yaml..., [ORDNER]..."""
        command: Any = self
        pieces = [OPTIONS_METAVAR] if command.options_metavar else []
        pieces += [_argument_usage(p) for p in command.get_params(ctx) if isinstance(p, TyperArgument)]
        if isinstance(self, TyperGroup):
            pieces.append(SUBCOMMAND_METAVAR)
        return pieces

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        """click's parsing; an error of the option parser gets the command, so its usage line can be shown."""
        try:
            rest: list[str] = super().parse_args(ctx, args)  # type: ignore[misc]
        except UsageError as exc:
            if exc.ctx is None:
                exc.ctx, exc.cmd = ctx, ctx.command
            raise
        return rest

    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """The sections 'Argumente' and 'Optionen' (and 'Befehle' for a group)."""
        command: Any = self
        params = command.get_params(ctx)
        rows = [(p, help_record(p, ctx)) for p in params]
        arguments = [r for p, r in rows if r and isinstance(p, TyperArgument)]
        options = [r for p, r in rows if r and not isinstance(p, TyperArgument)]
        for heading, section in (("Argumente", arguments), ("Optionen", options)):
            if section:
                with formatter.section(heading):
                    formatter.write_dl(section)
        if isinstance(self, TyperGroup):
            self.format_commands(ctx, formatter)

    def get_help_option(self, ctx: _click.Context) -> TyperOption | None:
        """The --help option, explained in German."""
        option: TyperOption | None = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION
        return option


class GermanCommand(_German, TyperCommand):
    """A command whose help and usage are German."""


class GermanGroup(_German, TyperGroup):
    """A group whose help is German; the root group also words every parser error in German and handles aborts."""

    def resolve_command(
        self, ctx: _click.Context, args: list[str]
    ) -> tuple[str | None, _click.Command | None, list[str]]:
        """The subcommand named first in args; an unknown name is an error with a suggestion."""
        if self.get_command(ctx, args[0]) is None and not ctx.resilient_parsing and not args[0].startswith("-"):
            from difflib import get_close_matches

            close = [f"'{m}'" for m in get_close_matches(args[0], list(self.commands))]
            hint = f"; meinten Sie {or_list(close)}?" if close else f"; möglich sind: {', '.join(self.commands)}."
            raise UsageError(f"Den Befehl '{args[0]}' gibt es nicht{hint}", ctx)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: _click.Context) -> Any:
        """Run the command; Ctrl-C ends it with exit code 130 and one line."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            console.warn(INTERRUPTED)
            raise typer.Exit(130) from None

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> Any:
        """Parse and run; parser errors and aborts are printed here, in German."""
        standalone = extra.pop("standalone_mode", True)
        try:
            code = super().main(args, prog_name, standalone_mode=False, **extra)
        except NoArgsIsHelpError as exc:
            typer.echo(exc.ctx.get_help(), err=True)
            sys.exit(exc.exit_code)
        except ClickException as exc:
            show_error(exc)
            sys.exit(exc.exit_code)
        except typer.Abort:
            console.warn(ABORTED)
            sys.exit(1)
        if not standalone:
            return code
        sys.exit(code if isinstance(code, int) else 0)


def message(exc: ClickException) -> str:
    """The German sentence for an error of the argument parser."""
    if isinstance(exc, NoSuchOption):
        close = sorted(exc.possibilities or [])
        hint = f"; meinten Sie {or_list(close)}?" if close else "."
        return f"Die Option {exc.option_name} gibt es hier nicht{hint}"
    if isinstance(exc, MissingParameter):
        if isinstance(exc.param, TyperArgument):
            return f"Bitte {value_word(exc.param)} angeben."
        name = exc.param.opts[0] if exc.param is not None and exc.param.opts else "eine Angabe"
        return f"Die Option {name} fehlt (Pflichtangabe)."
    if isinstance(exc, BadParameter):
        return _bad_parameter(exc)
    return _translated(exc.message)


def _translated(text: str) -> str:
    for pattern, german in _PARSER_MESSAGES:
        found = re.fullmatch(pattern, text.strip())
        if found:
            return german.format(**found.groupdict())
    return text


def _bad_parameter(exc: BadParameter) -> str:
    param = exc.param
    where = exc.param_hint if isinstance(exc.param_hint, str) else None
    if where is None and param is not None:
        where = param.opts[0] if isinstance(param, TyperOption) else value_word(param)
    cause = exc.__cause__
    errors: Callable[[], list[Any]] | None = getattr(cause, "errors", None)
    if errors is not None:  # typer could not convert the value (a pydantic ValidationError)
        given = errors()[0].get("input") if errors() else None
        value = f" '{given}'" if given is not None else ""
        choices = getattr(getattr(param, "type_descriptor", None), "choices", None)
        if choices:
            allowed = [str(c.value if isinstance(c, Enum) else c) for c in choices]
            return f"Ungültiger Wert{value} für {where}; möglich sind {or_list(allowed)}."
        return f"Ungültiger Wert{value} für {where}."
    text = _translated(exc.message)
    return f"{where}: {text}" if where else text


def show_error(exc: ClickException) -> None:
    """Print a parser error: the German sentence, the usage line and where to find help (stderr)."""
    console.error(message(exc))
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, UsageError) and ctx is not None:
        typer.echo(ctx.get_usage(), err=True)
        if ctx.command.get_help_option(ctx) is not None:
            typer.echo(MORE_HELP.format(command=ctx.command_path), err=True)


class Typer(typer.Typer):
    """typer.Typer whose commands and groups print German (GermanCommand, GermanGroup), without completion."""

    def __init__(self, **kwargs: Any) -> None:
        defaults = {"cls": GermanGroup, "rich_markup_mode": None, "add_completion": False}
        super().__init__(**{**defaults, "pretty_exceptions_enable": False, **kwargs})

    def command(  # type: ignore[override]
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **kwargs: Any
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Register a command; it is a GermanCommand unless another class is asked for."""
        return super().command(name, cls=cls or GermanCommand, **kwargs)
