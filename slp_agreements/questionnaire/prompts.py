"""Asking in the terminal: arrow-key lists, checkboxes and line input (prompt_toolkit), or plain lines when piped.

A prompter only collects what the user typed or picked, as the text the engine reads ("3" for the third option,
"j" for yes, "1, 3; eigene Angabe" for several); checking is the engine's. "<" (and Esc) goes back one question,
"?" shows the help. Piped answers are strict: a line the engine rejects is an error naming the question.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from slp_agreements import console

if TYPE_CHECKING:
    from prompt_toolkit.key_binding import KeyBindings


class EndOfInput(Exception):
    """Standard input ended before the questionnaire was finished."""


class GoBack(Exception):
    """The user asked to go back one question."""


class Rejected(Exception):
    """Piped mode: a line the engine did not accept (the message says why)."""


BACK = "<"
HELP = "?"

_WORDS = {
    "de": {
        "select": "(Pfeiltasten oder Nummer, Enter; < zurück, ? Hilfe)",
        "yesno": "(j/n, Enter; < zurück, ? Hilfe)",
        "checkbox": "(Pfeiltasten, Leertaste wählt, Enter bestätigt; < zurück)",
        "text": "(Enter übernimmt [Vorschlag], ↑ holt ihn zum Bearbeiten; < zurück, ? Hilfe)",
        "other": "Weitere Angaben (mehrere mit ; trennen)",
        "chosen": "{n} ausgewählt",
        "numbers": "Nummer",
        "several": "Nummern mit Komma, eigene Angaben mit ; anhängen",
        "again": "Bitte noch einmal: ",
        "yes": "j",
        "no": "n",
    },
    "en": {
        "select": "(arrow keys or number, Enter; < back, ? help)",
        "yesno": "(y/n, Enter; < back, ? help)",
        "checkbox": "(arrow keys, space selects, Enter confirms; < back)",
        "text": "(Enter keeps [suggestion], ↑ fetches it for editing; < back, ? help)",
        "other": "Other entries (separate with ;)",
        "chosen": "{n} selected",
        "numbers": "number",
        "several": "numbers separated by commas, own entries after ;",
        "again": "Please try again: ",
        "yes": "y",
        "no": "n",
    },
}


class Prompter(Protocol):
    """What the questionnaire needs from a terminal; each method returns the text the engine reads."""

    lang: str
    piped: bool

    def text(self, message: str, default: str, help_text: str | None) -> str:
        """Typed text; empty keeps ``default``."""

    def select(self, message: str, labels: Sequence[str], default: int | None, help_text: str | None) -> str:
        """One of ``labels``: its number as text ('' keeps the default)."""

    def yes_no(self, message: str, default: bool | None, help_text: str | None) -> str:
        """'j' or 'n' ('y' in English; '' keeps the default)."""

    def checkbox(self, message: str, labels: Sequence[str], selected: Sequence[int], extra: str,
                 other: str | None, help_text: str | None) -> str:  # fmt: skip
        """Several of ``labels`` as '1, 3; own entry'."""

    def rejected(self, message: str) -> None:
        """An answer was not accepted: say why (a terminal asks again; piped input stops)."""


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


class PlainPrompter:
    """Numbered choices and line input, for answers piped through standard input."""

    piped = True

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.words = _WORDS[lang]
        self.line = 0

    def _read(self, prompt: str, help_text: str | None) -> str:
        while True:
            sys.stdout.write(console.visible(prompt))
            sys.stdout.flush()
            line = sys.stdin.readline()
            if not line:
                sys.stdout.write("\n")
                raise EndOfInput
            self.line += 1
            text = line.rstrip("\r\n")
            sys.stdout.write(console.visible(text) + "\n")  # echo, so a log of a piped run reads like a dialogue
            if text.strip() == BACK:
                raise GoBack
            if text.strip() == HELP:
                console.note(help_text or "")
                continue
            return text

    def text(self, message: str, default: str, help_text: str | None) -> str:
        """Ask for a line; empty keeps the default."""
        shown = f" [{_short(default)}]" if default else ""
        return self._read(f"? {message}{shown}: ", help_text)

    def select(self, message: str, labels: Sequence[str], default: int | None, help_text: str | None) -> str:
        """Numbered options; the number or the label selects."""
        for i, label in enumerate(labels, 1):
            console.info(f"  {i:>2}) {label}")
        shown = f" [{default + 1}]" if default is not None else ""
        return self._read(f"? {message} ({self.words['numbers']}){shown}: ", help_text)

    def yes_no(self, message: str, default: bool | None, help_text: str | None) -> str:
        """j/n (y/n)."""
        yes, no = self.words["yes"], self.words["no"]
        shown = "" if default is None else f" [{yes if default else no}]"
        return self._read(f"? {message} ({yes}/{no}){shown}: ", help_text)

    def checkbox(self, message: str, labels: Sequence[str], selected: Sequence[int], extra: str,
                 other: str | None, help_text: str | None) -> str:  # fmt: skip
        """Numbered options; several numbers separated by commas, own entries after a semicolon."""
        for i, label in enumerate(labels, 1):
            console.info(f"  {i:>2}) {label}")
        default = "; ".join(p for p in (", ".join(str(i + 1) for i in selected), extra) if p)
        shown = f" [{_short(default)}]" if default else ""
        return self._read(f"? {message} ({self.words['several']}){shown}: ", help_text)

    def rejected(self, message: str) -> None:
        """Piped answers cannot be asked again without shifting every later line: stop."""
        raise Rejected(message)


class TerminalPrompter:
    """Arrow-key lists, checkboxes and line input in a real terminal (prompt_toolkit)."""

    piped = False

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.words = _WORDS[lang]

    def text(self, message: str, default: str, help_text: str | None) -> str:
        """Line input; the suggestion is shown in brackets (Enter keeps it) and ↑ puts it into the line to edit."""
        from prompt_toolkit import PromptSession
        from prompt_toolkit.history import InMemoryHistory
        from prompt_toolkit.key_binding import KeyBindings

        bindings = KeyBindings()

        @bindings.add("escape", eager=True)
        def _back(event: Any) -> None:
            event.app.exit(exception=GoBack())

        history = InMemoryHistory()
        if default:
            history.append_string(default)
        shown = f" [{_short(default)}]" if default else ""
        session: PromptSession[str] = PromptSession(history=history, key_bindings=bindings)
        while True:
            answer: str = _interruptible(lambda: session.prompt(f"? {message}{shown} "))
            if answer.strip() == BACK:
                raise GoBack
            if answer.strip() == HELP:
                console.note(help_text or "")
                continue
            return answer

    def select(self, message: str, labels: Sequence[str], default: int | None, help_text: str | None) -> str:
        """Arrow keys (or the option's number) and Enter."""
        index = self._choose(message, labels, default, help_text, self.words["select"])
        return str(index + 1)

    def yes_no(self, message: str, default: bool | None, help_text: str | None) -> str:
        """Ja/Nein as a list: j or y selects Ja, n selects Nein, Enter confirms."""
        yes, no = ("Ja", "Nein") if self.lang == "de" else ("Yes", "No")
        start = None if default is None else (0 if default else 1)
        keys = {"j": 0, "y": 0, "n": 1}
        index = self._choose(message, [yes, no], start, help_text, self.words["yesno"], keys)
        return self.words["yes"] if index == 0 else self.words["no"]

    def checkbox(self, message: str, labels: Sequence[str], selected: Sequence[int], extra: str,
                 other: str | None, help_text: str | None) -> str:  # fmt: skip
        """Space toggles, Enter confirms; 'other' asks for own entries afterwards."""
        shown = [*labels, other] if other else list(labels)
        chosen = set(selected) | ({len(labels)} if other and extra else set())
        picked = _pick(message, shown, None, help_text, self.words["checkbox"], {}, chosen, self.words)
        assert isinstance(picked, set)
        numbers = ", ".join(str(i + 1) for i in sorted(picked) if i < len(labels))
        own = ""
        if other and len(labels) in picked:
            own = self.text(self.words["other"], extra, help_text)
            own = own if own.strip() else extra
        return "; ".join(p for p in (numbers, own) if p)

    def _choose(self, message: str, labels: Sequence[str], default: int | None, help_text: str | None,
                instruction: str, keys: dict[str, int] | None = None) -> int:  # fmt: skip
        picked = _pick(message, labels, default, help_text, instruction, keys or {}, None, self.words)
        assert isinstance(picked, int)
        return picked

    def rejected(self, message: str) -> None:
        """Say why; the question comes again with an empty line (the wrong text is not kept in it)."""
        console.problem(self.words["again"] + message)


def _interruptible(ask: Any) -> Any:
    """Ctrl-D ends the questionnaire like Ctrl-C (answers saved, resume hint), not with 'Aborted!'."""
    try:
        return ask()
    except EOFError:
        raise KeyboardInterrupt from None


def _number_keys(bindings: KeyBindings, state: dict[str, Any], count: int) -> None:
    """Typing an option's number moves to it (two digits for lists of ten or more)."""
    for digit in "0123456789":

        @bindings.add(digit)
        def _digit(event: Any, digit: str = digit) -> None:
            typed = state["typed"] + digit
            if not (typed.isdigit() and 1 <= int(typed) <= count):
                typed = digit
            if typed.isdigit() and 1 <= int(typed) <= count:
                state["i"] = int(typed) - 1
            state["typed"] = typed if count > 9 else ""


def _list_keys(state: dict[str, Any], count: int, keys: dict[str, int], picked: set[int] | None) -> Any:
    """The keys of an inline list: ↑/↓ and numbers move, j/y/n pick yes or no, space toggles, Enter takes,
    Esc, < and ← go back, ? shows the help, Ctrl-C and Ctrl-D interrupt."""
    from prompt_toolkit.key_binding import KeyBindings

    bindings = KeyBindings()

    @bindings.add("up")
    def _up(event: Any) -> None:
        state["i"] = (state["i"] - 1) % count

    @bindings.add("down")
    def _down(event: Any) -> None:
        state["i"] = (state["i"] + 1) % count

    @bindings.add("enter")
    def _enter(event: Any) -> None:
        event.app.exit(result=set(picked) if picked is not None else state["i"])

    @bindings.add("escape", eager=True)
    @bindings.add("<")
    @bindings.add("left")
    def _back(event: Any) -> None:
        event.app.exit(exception=GoBack())

    @bindings.add("?")
    def _help(event: Any) -> None:
        state["help"] = not state["help"]

    @bindings.add("c-c")
    def _interrupt(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt())

    @bindings.add("c-d")
    def _eof(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt())

    if picked is not None:

        @bindings.add(" ")
        def _toggle(event: Any) -> None:
            picked.symmetric_difference_update({state["i"]})

    for key, target in keys.items():

        @bindings.add(key)
        def _key(event: Any, target: int = target) -> None:
            state["i"] = target

    _number_keys(bindings, state, count)
    return bindings


def _pick(message: str, labels: Sequence[str], default: int | None, help_text: str | None, instruction: str,
          keys: dict[str, int], chosen: set[int] | None, words: dict[str, str]) -> int | set[int]:  # fmt: skip
    """An inline list: ↑/↓ or the number moves, (space toggles,) Enter takes it; Esc or < goes back, ? helps."""
    from prompt_toolkit.application import Application
    from prompt_toolkit.formatted_text import FormattedText
    from prompt_toolkit.layout import HSplit, Layout, Window
    from prompt_toolkit.layout.controls import FormattedTextControl

    state: dict[str, Any] = {"i": default or 0, "typed": "", "help": False}
    multi = chosen is not None
    width = len(str(len(labels)))
    picked = set(chosen or ())

    def render() -> FormattedText:
        lines: list[tuple[str, str]] = [("bold", f"? {message} "), ("", f"{instruction}\n")]
        if state["help"]:
            lines.append(("italic", f"  {help_text or '-'}\n"))
        for n, label in enumerate(labels):
            mark = "»" if n == state["i"] else " "
            box = ("[x] " if n in picked else "[ ] ") if multi else ""
            lines.append(("reverse" if n == state["i"] else "", f" {mark} {n + 1:>{width}}) {box}{label}\n"))
        return FormattedText(lines)

    bindings = _list_keys(state, len(labels), keys, picked if multi else None)
    control = FormattedTextControl(render, focusable=True, show_cursor=False)
    window = Window(control, always_hide_cursor=True, wrap_lines=True)
    app: Application[Any] = Application(
        layout=Layout(HSplit([window])), key_bindings=bindings, full_screen=False, erase_when_done=True
    )
    result = app.run()
    summary = (_short("; ".join(labels[i] for i in sorted(result)), 70) if result else "-") if multi else labels[result]
    console.info(f"? {message} {summary}")
    return result  # type: ignore[no-any-return]


def prompter(lang: str) -> Prompter:
    """Arrow keys in a real terminal, plain lines when standard input or output is not a terminal."""
    if sys.stdin.isatty() and sys.stdout.isatty():
        return TerminalPrompter(lang)
    return PlainPrompter(lang)
