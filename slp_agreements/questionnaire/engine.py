"""The question engine: which questions apply to the answers so far, and whether an answer can stand.

No terminal here: session.py asks in the terminal, a web interview can drive the same engine.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from slp_agreements.errors import UserError
from slp_agreements.library.context import template_context
from slp_agreements.library.loading import load_library
from slp_agreements.library.templating import attribute_paths, evaluate, render
from slp_agreements.model.paths import FieldPath
from slp_agreements.model.rules import cross_field_problems
from slp_agreements.model.validation import field_problems
from slp_agreements.model.vocabulary import LAND_CODES, Land
from slp_agreements.questionnaire.questions import Kind, Question, load_questions

# ---------------------------------------------------------------------------
# Steps: the questions that apply to the answers given so far, with concrete paths.


@dataclass(frozen=True)
class Step:
    """One question at one concrete place, e.g. the address of the second party."""

    question: Question
    path: FieldPath
    kind: Literal["ask", "section", "more"] = "ask"
    group: Question | None = None
    index: int | None = None

    def label(self, lang: str, raw: dict[str, Any]) -> str:
        """Short name for the review, with the item it belongs to."""
        q = self.question
        text = q.label.get(lang) if q.label else q.path
        if self.group is not None and self.index is not None:
            item = get(raw, self.path[: -len(q.parts)]) or {}
            name = item.get("name") or item.get("title") if isinstance(item, dict) else None
            word = self.group.item.get(lang) if self.group.item else ""
            text = f"{word} {self.index + 1}{f' ({name})' if name else ''}: {text}"
        return text


def get(raw: Any, path: FieldPath) -> Any:
    """The value at ``path`` or None."""
    cur = raw
    for part in path:
        if isinstance(part, int):
            if not isinstance(cur, list) or part >= len(cur):
                return None
        elif not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def has(raw: Any, path: FieldPath) -> bool:
    """Whether ``path`` was answered (an empty optional answer is stored as null and counts)."""
    cur = raw
    for part in path:
        if isinstance(part, int):
            if not isinstance(cur, list) or part >= len(cur):
                return False
        elif not isinstance(cur, dict) or part not in cur:
            return False
        cur = cur[part]
    return True


def put(raw: dict[str, Any], path: FieldPath, value: Any) -> None:
    """Set the value at ``path``, creating sections on the way."""
    cur: Any = raw
    for part in path[:-1]:
        if isinstance(cur, dict):
            if not isinstance(cur.get(part), dict | list):
                cur[part] = {}
            cur = cur[part]
        else:
            cur = cur[part]
    cur[path[-1]] = value


def remove(raw: dict[str, Any], path: FieldPath) -> None:
    """Delete the answer at ``path`` if there is one."""
    parent = get(raw, path[:-1]) if len(path) > 1 else raw
    if isinstance(parent, dict) and isinstance(path[-1], str):
        parent.pop(path[-1], None)


def context(raw: dict[str, Any], lang: str) -> dict[str, Any]:
    """What `when` conditions and hints may read: the names clause texts read, for the answers so far, and two more."""
    ctx = template_context(copy.deepcopy(raw), lang, {})
    costs = ctx["costs"] if isinstance(ctx["costs"], dict) else None
    land = ctx.get("land")
    ctx.update(
        cost_model=costs.get("model") if costs else None,
        land_code=LAND_CODES[Land(land)] if land in Land._value2member_map_ else "",
    )
    return ctx


def _holds(condition: str | None, ctx: dict[str, Any]) -> bool:
    if not condition:
        return True
    try:
        return evaluate(condition, ctx, "questions.yaml")
    except UserError:
        # An answer the condition reads is not given yet; the question comes later.
        return False


class Library:
    """Which answer fields the clauses read, so optional questions are asked only when a clause needs them."""

    def __init__(self, clauses: list[tuple[str | None, set[tuple[str, ...]]]]) -> None:
        self.clauses = clauses

    @classmethod
    def load(cls, overlays: list[Path]) -> Library:
        """Read the clause library (with the answers file's own folders)."""
        lib = load_library(overlays)
        out = []
        for loaded in lib.active():
            c = loaded.clause
            sources = [c.when or ""]
            for words in (c.title, c.text):
                if words is not None:
                    sources += [words.de, words.en or ""]
            for step in c.checklist:
                sources += [step.when or "", step.text.de, step.text.en or ""]
            paths: set[tuple[str, ...]] = set()
            for source in sources:
                if source:
                    paths |= set(attribute_paths(source))
            out.append((c.when, paths))
        return cls(out)

    def reads(self, field: tuple[str, ...], ctx: dict[str, Any]) -> bool:
        """Whether a clause that may be selected for these answers reads ``field``."""
        for when, paths in self.clauses:
            if field not in paths:
                continue
            if not when:
                return True
            try:
                if evaluate(when, ctx, "clause"):
                    return True
            except UserError:
                return True  # cannot tell yet: better to ask once too often
        return False


def steps(raw: dict[str, Any], lang: str, library: Library | None) -> Iterator[Step]:
    """The questions that apply now, in asking order, with concrete paths."""
    ctx = context(raw, lang)

    def applies(q: Question, c: dict[str, Any]) -> bool:
        if not _holds(q.when, c):
            return False
        return not (q.ask_if_used and library is not None and not library.reads(q.parts, c))

    for q in load_questions():
        if not applies(q, ctx):
            continue
        if q.type is Kind.group:
            items = get(raw, q.parts)
            items = items if isinstance(items, list) else []
            for i, item in enumerate(items):
                ictx = {**ctx, "item": item if isinstance(item, dict) else {}}
                for sub in q.questions:
                    if applies(sub, ictx):
                        yield Step(sub, (*q.parts, i, *sub.parts), group=q, index=i)
            yield Step(q, q.parts, "more")
        elif q.type is Kind.section:
            yield Step(q, q.parts, "section")
        else:
            yield Step(q, q.parts)


def default_value(step: Step, raw: dict[str, Any]) -> Any:
    """What Enter keeps: the answer given before, else the question's default."""
    if has(raw, step.path) and step.question.type is not Kind.present:
        return get(raw, step.path)
    if step.question.type is Kind.present and has(raw, step.path):
        return isinstance(get(raw, step.path), dict)
    return step.question.default


def problems(step: Step, value: Any, raw: dict[str, Any], lang: str) -> list[str]:
    """Why a value cannot be the answer: the field's own rules and the rules across fields, plus what to type."""
    if step.question.type is Kind.present:
        return []
    found = [f"{_SUBFIELDS.get(where, where)}: {msg}" if where and not msg.startswith(_SUBFIELDS.get(where, "-"))
             else msg for where, msg in field_problems(step.path, value)]  # fmt: skip
    if value is None and found:
        found = ["Angabe fehlt (Pflichtangabe)"]
    if not found:
        trial = copy.deepcopy(raw)
        put(trial, step.path, value)
        n = len(step.path)
        found = [msg for path, msg in cross_field_problems(trial) if tuple(path[:n]) == step.path]
    found = [f.replace(", in Anführungszeichen", "") for f in found]
    if found and step.question.hint:
        found[-1] += ". " + render(step.question.hint.get(lang), context(raw, lang), "questions.yaml").strip()
    return found


_SUBFIELDS = {"street": "Straße", "postcode": "Postleitzahl", "city": "Ort", "name": "Name", "function": "Funktion",
              "email": "E-Mail"}  # fmt: skip


def normalise(value: Any) -> Any:
    """The stored form of an answer: compound answers without empty parts."""
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if v is not None}
    return value
