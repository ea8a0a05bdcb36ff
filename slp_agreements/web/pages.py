"""What a page of the web interview shows, taken from the question engine: fields, options, errors, progress.

A field's form value is the text the terminal would read (an option's number, j/n, a date as typed), so the web
interview and `new` check every answer with the same code (Interview.read).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from slp_agreements.questionnaire.engine import Screen, Step, get, has
from slp_agreements.questionnaire.interview import Interview, Read
from slp_agreements.questionnaire.questions import Kind
from slp_agreements.questionnaire.typed_text import show

# How a field is shown: radio buttons, check boxes, a number, a date, a file, a text line or a text area.
_WIDGET = {
    Kind.choice: "radio",
    Kind.party: "radio",
    Kind.yesno: "yesno",
    Kind.present: "yesno",
    Kind.multi: "checkbox",
    Kind.file: "file",
    Kind.list: "textarea",
}


@dataclass
class Option:
    """One radio button or check box: the value sent (its number, or j/n) and its label."""

    value: str
    label: str
    checked: bool


@dataclass
class Field:
    """One form field as the template shows it."""

    id: str  # the HTML id ('f1', 'f2' …): never the answers field itself
    key: str  # the answers field, the form field's name ('parties[1].address')
    label: str
    widget: str
    text: str = ""
    hint: str = ""
    help: str = ""
    optional: bool = False
    options: list[Option] = field(default_factory=list)
    error: str = ""
    notes: list[str] = field(default_factory=list)


def form_fields(
    iv: Interview,
    screen: Screen,
    trial: dict[str, Any],
    typed: dict[str, str] | None,
    errors: dict[str, str] | None = None,
    notes: dict[str, list[str]] | None = None,
) -> list[Field]:
    """The screen's fields with what is typed (or the saved answer, or the default) and their errors."""
    out = []
    single = screen.kind != "form" or len(screen.fields) == 1
    for n, step in enumerate(iv.fields(screen, trial), 1):
        q = step.question
        lang = iv.lang
        label = iv.title(screen) if single and screen.group is None else (q.prompt.get(lang) if q.prompt else q.path)
        if step.kind == "more":
            widget = "yesno"
        elif step.kind == "count":
            widget = "number"
        else:
            widget = _WIDGET.get(q.type, "text")
        if typed is not None and step.key in typed:
            text = typed[step.key]
        elif step.kind in ("ask",) and has(trial, step.path):
            text = show(q, get(trial, step.path), trial, lang)
        else:
            text = iv.default_text(step, trial)
        f = Field(
            id=f"f{n}",
            key=step.key,
            label=label,
            widget=widget,
            text=text,
            hint=q.hint.get(lang) if q.hint and "{" not in q.hint.get(lang) else "",
            help=q.help.get(lang) if q.help else "",
            optional=iv.optional(step, trial),
            error=(errors or {}).get(step.key, ""),
            notes=(notes or {}).get(step.key, []),
        )
        if widget in ("radio", "checkbox", "yesno"):
            f.options = _options(iv, step, trial, text, widget)
        out.append(f)
    return out


def _options(iv: Interview, step: Step, trial: dict[str, Any], text: str, widget: str) -> list[Option]:
    if widget == "yesno":
        yes = text.strip().lower() in ("j", "ja", "y", "yes", "true")
        no = text.strip().lower() in ("n", "nein", "no", "false")
        words = ("ja", "nein") if iv.lang == "de" else ("yes", "no")
        return [Option("j", words[0].capitalize(), yes), Option("n", words[1].capitalize(), no)]
    opts = iv.options(step, trial)
    chosen = {t.strip() for t in text.replace(",", ";").split(";")}
    out = []
    for i, (label, value) in enumerate(opts, 1):
        checked = str(i) in chosen or label in chosen or str(value) in chosen
        out.append(Option(str(i), label, checked))
    return out


def read_form(
    iv: Interview, screen: Screen, typed: dict[str, str]
) -> tuple[dict[str, Any], dict[str, str], dict[str, list[str]], bool]:
    """The screen's values read from the form: (values, errors by field, notes by field, whether a field the
    answers opened is still to be filled). Fields are read in order, each against the answers before it."""
    trial = copy.deepcopy(iv.raw)
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    notes: dict[str, list[str]] = {}
    while True:
        pending = [s for s in iv.fields(screen, trial) if s.key not in values and s.key not in errors]
        if not pending:
            break
        step = pending[0]
        if step.key not in typed:
            return values, errors, notes, True  # an answer opened a field the page did not show yet
        read: Read = iv.read(
            step, typed[step.key], trial, empty_keeps=step.kind != "ask" or not iv.optional(step, trial)
        )
        if read.problem is not None:
            errors[step.key] = read.problem
            continue
        if read.warnings:
            notes[step.key] = read.warnings
        values[step.key] = read.value
        iv.store(trial, step, read.value)
    return values, errors, notes, False


def trial_with(iv: Interview, screen: Screen, values: dict[str, Any]) -> dict[str, Any]:
    """The answers with a screen's values read so far (the fields a page shows depend on them)."""
    trial = copy.deepcopy(iv.raw)
    for step in iv.fields(screen, trial):
        if step.key in values:
            iv.store(trial, step, values[step.key])
    return trial
