"""Asking in the terminal: arrow keys and checkboxes (questionary) in a real terminal, plain lines when piped."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from slp_agreements import console

Parse = Callable[[str], Any]  # typed text -> value; raises ValueError with the reason
Accept = Callable[[Any], "str | None"]  # value -> why it cannot be the answer, or None


class EndOfInput(Exception):
    """Standard input ended before the questionnaire was finished."""


class Prompter(Protocol):
    """What the questionnaire needs from a terminal."""

    lang: str

    def text(self, message: str, default: str, parse: Parse, accept: Accept) -> Any:
        """Ask for typed text; return the accepted value."""

    def select(self, message: str, options: Sequence[tuple[str, Any]], default: Any, parse: Parse,
               accept: Accept, listed: bool = True) -> Any:  # fmt: skip
        """Ask for one of ``options`` (label, value); return the accepted value."""

    def checkbox(self, message: str, options: Sequence[tuple[str, Any]], selected: Sequence[Any], other: str | None,
                 parse: Parse, accept: Accept) -> Any:  # fmt: skip
        """Ask for several of ``options``; ``other`` (a label) allows own entries; return the accepted value."""


_WORDS = {
    "de": {
        "select": "(Pfeiltasten, Enter)",
        "checkbox": "(Pfeiltasten, Leertaste wählt, Enter bestätigt)",
        "other": "Weitere Angaben (mehrere mit ; trennen)",
        "numbers": "Nummer eingeben",
        "pick": "Nummer eingeben; Enter = weiter",
        "several": "Nummern mit Komma, eigene Angaben mit ; anhängen",
        "again": "Bitte noch einmal: ",
    },
    "en": {
        "select": "(arrow keys, Enter)",
        "checkbox": "(arrow keys, space selects, Enter confirms)",
        "other": "Other entries (separate with ;)",
        "numbers": "type a number",
        "pick": "type a number; Enter = continue",
        "several": "numbers separated by commas, own entries after ;",
        "again": "Please try again: ",
    },
}


def _check(text: str, parse: Parse, accept: Accept) -> tuple[Any, str | None]:
    try:
        value = parse(text)
    except ValueError as exc:
        return None, str(exc)
    return value, accept(value)


class PlainPrompter:
    """Numbered choices and line input, for answers piped through standard input."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.words = _WORDS[lang]

    def _line(self, prompt: str) -> str:
        sys.stdout.write(prompt)
        sys.stdout.flush()
        line = sys.stdin.readline()
        if not line:
            sys.stdout.write("\n")
            raise EndOfInput
        text = line.rstrip("\r\n")
        sys.stdout.write(text + "\n")  # echo, so a log of a piped run reads like a dialogue
        return text

    def text(self, message: str, default: str, parse: Parse, accept: Accept) -> Any:
        """Ask for a line; empty keeps the default."""
        while True:
            shown = f" [{default}]" if default else ""
            raw = self._line(f"? {message}{shown}: ")
            value, problem = _check(raw if raw.strip() else default, parse, accept)
            if problem is None:
                return value
            console.problem(self.words["again"] + problem)

    def select(self, message: str, options: Sequence[tuple[str, Any]], default: Any, parse: Parse,
               accept: Accept, listed: bool = True) -> Any:  # fmt: skip
        """Numbered options; the number, the label or the stored value selects; yes/no as j/n."""
        if options and all(isinstance(v, bool) for _, v in options):
            yes, no = ("j", "n") if self.lang == "de" else ("y", "n")
            default_yn = "" if default is None else (yes if default else no)
            return self.text(f"{message} ({yes}/{no})", default_yn, parse, accept)
        if listed:
            for i, (label, _) in enumerate(options, 1):
                console.info(f"  {i:>2}) {label}")
        default_n = next((str(i) for i, (_, v) in enumerate(options, 1) if v == default and default is not None), "")
        return self.text(f"{message} ({self.words['numbers' if listed else 'pick']})", default_n, parse, accept)

    def checkbox(self, message: str, options: Sequence[tuple[str, Any]], selected: Sequence[Any], other: str | None,
                 parse: Parse, accept: Accept) -> Any:  # fmt: skip
        """Numbered options; several numbers separated by commas, own entries after a semicolon."""
        for i, (label, _) in enumerate(options, 1):
            console.info(f"  {i:>2}) {label}")
        values = [v for _, v in options]
        nums = [str(values.index(s) + 1) for s in selected if s in values]
        extra = [str(s) for s in selected if s not in values]
        default = "; ".join([", ".join(nums), *extra]) if nums else "; ".join(extra)
        return self.text(f"{message} ({self.words['several']})", default, parse, accept)


class TerminalPrompter:
    """Arrow-key selection, checkboxes and editable text in a real terminal (questionary / prompt_toolkit)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.words = _WORDS[lang]

    def text(self, message: str, default: str, parse: Parse, accept: Accept) -> Any:
        """Editable text; a rejected answer comes back for correction, with the reason printed above in full."""
        import questionary

        while True:
            answer = questionary.text(message, default=default).unsafe_ask()
            value, problem = _check(answer, parse, accept)
            if problem is None:
                return value
            # Printed rather than shown in prompt_toolkit's one-line toolbar, which cuts long reasons at 80 columns.
            console.problem(self.words["again"] + problem)
            default = answer

    def select(self, message: str, options: Sequence[tuple[str, Any]], default: Any, parse: Parse,
               accept: Accept, listed: bool = True) -> Any:  # fmt: skip
        """Arrow keys and Enter."""
        import questionary

        choices = [questionary.Choice(label, value=i) for i, (label, _) in enumerate(options)]
        start = next((i for i, (_, v) in enumerate(options) if v == default and default is not None), None)
        while True:
            index = questionary.select(
                message, choices=choices, default=choices[start] if start is not None else None,
                instruction=self.words["select"], use_shortcuts=len(choices) <= 36,
            ).unsafe_ask()  # fmt: skip
            value = options[index][1]
            problem = accept(value)
            if problem is None:
                return value
            console.problem(self.words["again"] + problem)
            start = index

    def checkbox(self, message: str, options: Sequence[tuple[str, Any]], selected: Sequence[Any], other: str | None,
                 parse: Parse, accept: Accept) -> Any:  # fmt: skip
        """Space toggles, Enter confirms; 'other' asks for own entries afterwards."""
        import questionary

        values = [v for _, v in options]
        extra = [str(s) for s in selected if s not in values]
        choices = [questionary.Choice(label, value=i, checked=v in selected) for i, (label, v) in enumerate(options)]
        if other:
            choices.append(questionary.Choice(other, value=-1, checked=bool(extra)))
        while True:
            picked = questionary.checkbox(message, choices=choices, instruction=self.words["checkbox"]).unsafe_ask()
            value = [values[i] for i in picked if i >= 0]
            if -1 in picked:
                more = questionary.text(self.words["other"], default="; ".join(extra)).unsafe_ask()
                value += [p.strip() for p in more.split(";") if p.strip()]
            problem = accept(value)
            if problem is None:
                return value
            console.problem(self.words["again"] + problem)


def prompter(lang: str) -> Prompter:
    """Arrow keys in a real terminal, plain lines when standard input or output is not a terminal."""
    if sys.stdin.isatty() and sys.stdout.isatty():
        return TerminalPrompter(lang)
    return PlainPrompter(lang)
