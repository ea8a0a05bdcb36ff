"""What a page of the web interview shows, taken from the question engine: fields, options, errors, progress.

A field's form value is the text the terminal would read (an option's number, j/n, a date as typed), so the web
interview and `new` check every answer with the same code (Interview.read).
"""

from __future__ import annotations

import copy
import re
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
    other: str | None = None  # check boxes with an own entry: what is typed there (None: no own entry)


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
    probe = copy.deepcopy(trial)  # the answers above each field (its suggestion follows them, as in `new`)
    for n, step in enumerate(shown_fields(iv, screen, trial, typed), 1):
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
            text = iv.default_text(step, probe)
        value = _probe_value(iv, step, probe, typed, False)
        if value is not None:
            iv.store(probe, step, value)
        f = Field(
            id=f"f{n}",
            key=step.key,
            label=label,
            widget=widget,
            text=text,
            hint=iv.german_hint(step, probe) or (q.hint.get(lang) if q.hint and "{" not in q.hint.get(lang) else ""),
            help=q.help.get(lang) if q.help else "",
            optional=iv.optional(step, trial),
            error=(errors or {}).get(step.key, ""),
            notes=(notes or {}).get(step.key, []),
        )
        if widget in ("radio", "checkbox", "yesno"):
            f.options = _options(iv, step, trial, text, widget)
        if widget == "checkbox" and q.other:
            labels = {o.label for o in f.options} | {o.value for o in f.options}
            values = {str(v) for _, v in iv.options(step, trial)}
            own = [t.strip() for t in text.split(";") if t.strip() and not re.fullmatch(r"[\d ,]+", t.strip())]
            f.other = "; ".join(t for t in own if t not in labels and t not in values)
        out.append(f)
    return out


def shown_fields(iv: Interview, screen: Screen, trial: dict[str, Any], typed: dict[str, str] | None) -> list[Step]:
    """The fields a page shows: those that apply with what is typed, saved or suggested, and those that apply with
    the first option of each open choice (so a party's AGS is on the page before its kind is chosen; a field
    shown that does not apply to the answers sent is not read)."""
    if screen.kind != "form":
        return iv.fields(screen, trial)
    probes = []
    for first_option in (False, True):
        probe = copy.deepcopy(trial)
        done: set[str] = set()
        while True:
            pending = [s for s in iv.fields(screen, probe) if s.key not in done]
            if not pending:
                break
            step = pending[0]
            done.add(step.key)
            value = _probe_value(iv, step, probe, typed, first_option)
            if value is not None:
                iv.store(probe, step, value)
        probes.append(iv.fields(screen, probe))
    typical, suggested = probes[1], probes[0]
    keys = {s.key for s in typical}
    return typical + [s for s in suggested if s.key not in keys]


def _probe_value(
    iv: Interview, step: Step, probe: dict[str, Any], typed: dict[str, str] | None, first_option: bool
) -> Any:
    if step.kind != "ask":
        return None
    if typed is not None and typed.get(step.key):
        read = iv.read(step, typed[step.key], probe)
        if read.problem is None:
            return read.value
    if has(probe, step.path):
        return get(probe, step.path)
    value = iv.default(step, probe)
    if value is None and first_option and step.question.type is Kind.choice:
        opts = iv.options(step, probe)
        value = opts[0][1] if opts else None
    return value


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


def suggestion(f: Field) -> str:
    """What a field's form value is when the clerk leaves it as the page suggested (sent back with the page)."""
    if f.widget in ("radio", "checkbox", "yesno"):
        return ",".join(o.value for o in f.options if o.checked) + (f"; {f.other}" if f.other else "")
    return f.text


def read_form(
    iv: Interview, screen: Screen, typed: dict[str, str], untouched: frozenset[str] = frozenset()
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
        if step.key in untouched:
            # Left as the page suggested: the suggestion for the answers above it now (as Enter in `new`).
            typed = {**typed, step.key: ""}
        read: Read = iv.read(
            step,
            typed[step.key],
            trial,
            empty_keeps=step.key in untouched or step.kind not in ("ask", "english") or not iv.optional(step, trial),
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
