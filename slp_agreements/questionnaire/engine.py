"""The question engine's ground: which questions apply to the answers so far, as steps and screens, and their checks.

No terminal here: interview.py keeps the state of one interview on top of this, session.py asks in the terminal,
the web interview drives the same engine.
"""

from __future__ import annotations

import copy
import json
import re
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from slp_agreements.build.signatures import signature_problems
from slp_agreements.errors import UserError
from slp_agreements.library.context import template_context
from slp_agreements.library.instruments import check_raw, fitting_instruments
from slp_agreements.library.loading import load_library
from slp_agreements.library.templating import attribute_paths, evaluate, render
from slp_agreements.model.land import LandFacts
from slp_agreements.model.paths import FieldPath, where
from slp_agreements.model.rules import cross_field_problems
from slp_agreements.model.validation import field_problems
from slp_agreements.model.vocabulary import LAND_CODES, MUNICIPAL_KINDS, Land
from slp_agreements.questionnaire.derive import CHOICES, DERIVE, builtin_laender
from slp_agreements.questionnaire.english import needs_version, translatable, version_question, wanted
from slp_agreements.questionnaire.questions import Kind, Question, Section, load_questions
from slp_agreements.questionnaire.wording import in_language

# ---------------------------------------------------------------------------
# Steps: the questions that apply to the answers given so far, with concrete paths.

StepKind = Literal["ask", "section", "more", "count", "english"]  # english: the English version of a free text


@dataclass(frozen=True)
class Step:
    """One question at one concrete place, e.g. the address of the second party."""

    question: Question
    path: FieldPath
    kind: StepKind = "ask"
    group: Question | None = None
    index: int | None = None
    review_only: bool = False  # an optional detail offered in the review (computed from `ask` and `interview_when`)

    @property
    def key(self) -> str:
        """The field as users read it, e.g. 'parties[1].address' (also the name of a web form field); the English
        version of a free text is 'agreement.subject.en'."""
        return where(self.path) + (".en" if self.kind == "english" else "")

    @property
    def section(self) -> Section:
        """The section the question belongs to."""
        return self.question.section

    @property
    def in_review_only(self) -> bool:
        """An optional detail: not asked in the interview, offered in the review."""
        return self.review_only

    def label(self, lang: str, raw: dict[str, Any]) -> str:
        """Short name for the review, with the item it belongs to."""
        q = self.question
        text = q.label.get(lang) if q.label else q.path
        if self.group is not None and self.index is not None:
            text = f"{item_name(self.group, self.index, raw, lang)}: {text}"
        return text


def item_name(group: Question, index: int, raw: dict[str, Any], lang: str) -> str:
    """'Partei 2 (Gemeinde Bardowick)': the item's word, its number and its name where it has one."""
    item = get(raw, (*group.parts, index)) or {}
    name = (item.get("name") or item.get("title")) if isinstance(item, dict) else None
    word = group.item.get(lang) if group.item else ""
    return f"{word} {index + 1}{f' ({name})' if name else ''}"


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


def copied_along(raw: dict[str, Any], paths: list[FieldPath]) -> dict[str, Any]:
    """A copy of the answers that may be changed at ``paths`` (the sections and lists on the way are copied, the
    rest is shared): a trial answer without copying all answers."""
    top = dict(raw)
    for path in paths:
        parent: Any = top
        for part in path[:-1]:
            child = get(parent, (part,))
            if not isinstance(child, dict | list):
                break
            parent[part] = child = dict(child) if isinstance(child, dict) else list(child)
            parent = child
    return top


def remove(raw: dict[str, Any], path: FieldPath) -> None:
    """Delete the answer at ``path`` if there is one."""
    parent = get(raw, path[:-1]) if len(path) > 1 else raw
    if isinstance(parent, dict) and isinstance(path[-1], str):
        parent.pop(path[-1], None)


# ---------------------------------------------------------------------------
# Memos: what the engine computes from the answers alone (which steps apply, what conditions read), kept for the
# last states of the answers seen in this process. A state is the answers' full JSON text, with the language and
# the library or Land data it was computed with, so a hit is exactly what computing it again would give; the
# values are never handed out for changing (steps as a tuple; a context is only read by conditions).

_MEMO_SIZE = 256


class Memo:
    """The results of one function for the last answers states (least recently used goes first)."""

    def __init__(self) -> None:
        self.found: OrderedDict[tuple[str, str, int], tuple[Any, Any]] = OrderedDict()

    def get(self, key: tuple[str, str, int], owner: Any) -> Any:
        hit = self.found.get(key)
        if hit is None or hit[0] is not owner:  # the same id for another object (the first one is gone)
            return None
        self.found.move_to_end(key)
        return hit[1]

    def put(self, key: tuple[str, str, int], owner: Any, value: Any) -> Any:
        self.found[key] = (owner, value)
        if len(self.found) > _MEMO_SIZE:
            self.found.popitem(last=False)
        return value


_CONTEXTS = Memo()
_STEPS = Memo()
_SCREENS = Memo()
ESTIMATES = Memo()  # the progress estimate (interview.py), by the answers and the finished groups


def fingerprint(raw: Any) -> str:
    """The answers as one text: equal for equal answers (the key of the memos and of Interview's caches)."""
    return json.dumps(raw, sort_keys=True, default=str, ensure_ascii=False)


def forget() -> None:
    """Empty the memos (benchmarks measure the engine without them; tests compare with and without)."""
    _CONTEXTS.found.clear()
    _STEPS.found.clear()
    _SCREENS.found.clear()
    ESTIMATES.found.clear()


def context(raw: dict[str, Any], lang: str, laender: Mapping[str, LandFacts] | None = None) -> dict[str, Any]:
    """What `when` conditions and hints may read (see _context); the same object for the same answers state."""
    laender = builtin_laender() if laender is None else laender
    key = (fingerprint(raw), lang, id(laender))
    found = _CONTEXTS.get(key, laender)
    return found if found is not None else _CONTEXTS.put(key, laender, _context(raw, lang, laender))  # type: ignore[no-any-return]


def _context(raw: dict[str, Any], lang: str, laender: Mapping[str, LandFacts] | None = None) -> dict[str, Any]:
    """What `when` conditions and hints may read: the names clause texts read, for the answers so far, and more.

    Beside them: ``cost_model``, ``land_code``, ``land_name``; from the Land data, ``instruments`` (the binding forms
    that carry the chosen transfer), ``several_instruments`` and ``two_signatures`` (a second signatory required on
    a verified basis), and ``municipal_kinds``.
    """
    laender = builtin_laender() if laender is None else laender
    ctx = template_context(copy.deepcopy(raw), lang, laender)
    costs = ctx["costs"] if isinstance(ctx["costs"], dict) else None
    land = ctx.get("land")
    known = land in Land._value2member_map_
    names = {c.value: c.label(lang) for q in load_questions() if q.path == "land" for c in q.choices}
    facts = laender.get(str(land)) if known else None
    agreement: dict[str, Any] = raw["agreement"] if isinstance(raw.get("agreement"), dict) else {}
    fitting = fitting_instruments(agreement.get("task_transfer"), facts) if facts is not None else []
    signing = facts.signatories if facts is not None else None
    ctx.update(
        cost_model=costs.get("model") if costs else None,
        land_code=LAND_CODES[Land(land)] if known else "",
        land_name=names.get(str(land), str(land or "")),
        instruments=[k.value for k in fitting],
        several_instruments=len(fitting) > 1,
        two_signatures=bool(signing and signing.fact.verified and signing.two_signatures),
        municipal_kinds=sorted(k.value for k in MUNICIPAL_KINDS),
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

    def __init__(
        self, clauses: list[tuple[str | None, set[tuple[str, ...]]]], laender: Mapping[str, LandFacts] | None = None
    ) -> None:
        self.clauses = clauses
        self.laender: Mapping[str, LandFacts] = laender if laender is not None else builtin_laender()

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
        return cls(out, lib.laender)

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
    """The questions that apply now, in asking order, with concrete paths (review-only details included)."""
    key = (fingerprint(raw), lang, id(library))
    found = _STEPS.get(key, library)
    if found is None:
        found = _STEPS.put(key, library, tuple(_steps(raw, lang, library)))
    return iter(found)


def _steps(raw: dict[str, Any], lang: str, library: Library | None) -> Iterator[Step]:
    ctx = context(raw, lang, library.laender if library is not None else None)

    def applies(q: Question, c: dict[str, Any]) -> bool:
        if not _holds(q.when, c):
            return False
        return not (q.ask_if_used and library is not None and not library.reads(q.parts, c))

    def review_only(q: Question, c: dict[str, Any]) -> bool:
        return q.ask == "review" and not (q.interview_when and _holds(q.interview_when, c))

    english = wanted(raw)

    def with_version(step: Step) -> Iterator[Step]:
        yield step
        # Nothing to translate once the German text is given and empty, or a word of the fixed vocabularies.
        if (
            english
            and translatable(step.path)
            and (not has(raw, step.path) or needs_version(step.path, get(raw, step.path)))
        ):
            yield Step(version_question(step.question), step.path, "english", step.group, step.index, step.review_only)

    for q in load_questions():
        if not applies(q, ctx):
            continue
        if q.type is Kind.group:
            if q.count is not None:
                yield Step(q, q.parts, "count")
            items = get(raw, q.parts)
            items = items if isinstance(items, list) else []
            for i, item in enumerate(items):
                ictx = {**ctx, "item": item if isinstance(item, dict) else {}}
                for sub in q.questions:
                    if applies(sub, ictx):
                        yield from with_version(Step(sub, (*q.parts, i, *sub.parts), group=q, index=i,
                                                     review_only=review_only(sub, ictx)))  # fmt: skip
            if q.count is None:
                yield Step(q, q.parts, "more")
        elif q.type is Kind.section:
            yield Step(q, q.parts, "section")
        else:
            yield from with_version(Step(q, q.parts, review_only=review_only(q, ctx)))


def value_of(step: Step, raw: dict[str, Any]) -> Any:
    """The step's answer: its field's value, or the value of a choice stored in a field of its own."""
    for choice in step.question.choices:
        if choice.field is not None and get(raw, tuple(choice.field.split("."))) == choice.value:
            return choice.value
    return get(raw, step.path)


def assign(step: Step, raw: dict[str, Any], value: Any) -> None:
    """Store ``value`` as the step's answer (a choice with its own field goes there; the question's field is empty)."""
    special = {c.value: tuple(c.field.split(".")) for c in step.question.choices if c.field is not None}
    if not special:
        put(raw, step.path, value)
        return
    for choice_value, path in special.items():
        if get(raw, path) == choice_value and value != choice_value:
            remove(raw, path)
    if isinstance(value, str) and value in special:
        put(raw, special[value], value)
        put(raw, step.path, None)
        return
    put(raw, step.path, value)


def held(steps_now: list[Step], raw: dict[str, Any]) -> set[FieldPath]:
    """Fields that hold a choice of another question (e.g. agreement.instrument: letter_of_intent)."""
    out: set[FieldPath] = set()
    for step in steps_now:
        for choice in step.question.choices:
            path = tuple(choice.field.split(".")) if choice.field else None
            if path is not None and get(raw, path) == choice.value:
                out.add(path)
    return out


# ---------------------------------------------------------------------------
# Screens: what is asked at once (one question, one form, one "how many?").

ScreenKind = Literal["ask", "form", "count", "more"]


@dataclass(frozen=True)
class Screen:
    """One screen of the interview: a single question, a form of several, or the "how many?" of a group."""

    key: str
    kind: ScreenKind
    fields: tuple[Step, ...]
    group: Question | None = None
    index: int | None = None

    @property
    def section(self) -> Section:
        """The section the screen belongs to."""
        return self.fields[0].section

    @property
    def first(self) -> Step:
        """The screen's first field (for a count or more screen: the group step)."""
        return self.fields[0]


def screens_by_key(raw: dict[str, Any], lang: str, library: Library | None) -> dict[str, Screen]:
    """The screens that apply to these answers, by key (the same object for the same answers state: read only)."""
    key = (fingerprint(raw), lang, id(library))
    found = _SCREENS.get(key, library)
    if found is None:
        found = _SCREENS.put(key, library, {s.key: s for s in screens(list(steps(raw, lang, library)))})
    return found  # type: ignore[no-any-return]


def screens(all_steps: list[Step]) -> list[Screen]:
    """The interview's screens for these steps, in order (sections and review-only details are not screens)."""
    out: list[Screen] = []
    for step in all_steps:
        if step.kind == "section" or step.in_review_only:
            continue
        if step.kind in ("count", "more"):
            kind: ScreenKind = "count" if step.kind == "count" else "more"
            out.append(Screen(f"{kind}:{step.key}", kind, (step,), group=step.question))
            continue
        prev = out[-1] if out else None
        if step.group is not None and step.index is not None:
            key = where((*step.group.parts, step.index))
            if prev is not None and prev.key == key:
                out[-1] = Screen(key, "form", (*prev.fields, step), step.group, step.index)
            else:
                out.append(Screen(key, "form", (step,), step.group, step.index))
        elif step.question.form is not None:
            key = f"form:{step.question.form}"
            if prev is not None and prev.key == key:
                out[-1] = Screen(key, "form", (*prev.fields, step))
            else:
                out.append(Screen(key, "form", (step,)))
        else:
            out.append(Screen(step.key, "ask", (step,)))
    return out


# ---------------------------------------------------------------------------
# Values: defaults, options and checks.


def _item(step: Step, raw: dict[str, Any]) -> dict[str, Any]:
    if step.group is None or step.index is None:
        return {}
    item = get(raw, (*step.group.parts, step.index))
    return item if isinstance(item, dict) else {}


def default_value(step: Step, raw: dict[str, Any]) -> Any:
    """What Enter keeps: the answer given before, else a default derived from other answers, else the default."""
    q = step.question
    if q.type is Kind.present:
        return isinstance(get(raw, step.path), dict) if has(raw, step.path) else q.default
    if has(raw, step.path):
        return value_of(step, raw)
    if q.default_from is not None:
        derived = DERIVE[q.default_from](raw, _item(step, raw))
        if derived is not None:
            return derived
    return q.default


def choices_now(q: Question, ctx: dict[str, Any]) -> list[Any]:
    """The choices of ``q`` that fit the answers so far (a choice may carry its own `when`)."""
    return [c for c in q.choices if _holds(c.when, ctx)]


def computed_choices(q: Question, raw: dict[str, Any], lang: str) -> list[tuple[str, Any]]:
    """(label, value) of a question whose options come from the answers (`choices_from`)."""
    assert q.choices_from is not None
    return CHOICES[q.choices_from](raw, lang, builtin_laender())


def problems(
    step: Step, value: Any, raw: dict[str, Any], lang: str, laender: Mapping[str, LandFacts] | None = None
) -> list[str]:
    """Why a value cannot be the answer: the field's own rules, the rules across fields and the Land's law (the
    refusals of library/instruments.py and build/signatures.py), plus what to type."""
    if step.question.type is Kind.present:
        return []
    special = [tuple(c.field.split(".")) for c in step.question.choices if c.field is not None]
    trial = copied_along(raw, [step.path, *special])
    assign(step, trial, value)
    stored = get(trial, step.path)
    found = [f"{_SUBFIELDS.get(where, where)}: {msg}" if where and not msg.startswith(_SUBFIELDS.get(where, "-"))
             else msg for where, msg in field_problems(step.path, stored)]  # fmt: skip
    if stored is None and found:
        found = ["Angabe fehlt (Pflichtangabe)"]
    if not found:
        n = len(step.path)
        found = [msg for path, msg in cross_field_problems(trial) if tuple(path[:n]) == step.path]
    if not found:
        found = [msg for path, msg in land_problems(trial, laender) if tuple(path[: len(step.path)]) == step.path]
    found = [in_language(_plain(f.replace(", in Anführungszeichen", "")), lang) for f in found]
    if found and step.question.hint:
        ctx = {**context(raw, lang, laender), "item": _item(step, raw)}
        found[-1] += ". " + render(step.question.hint.get(lang), ctx, "questions.yaml").strip()
    return found


def land_problems(raw: dict[str, Any], laender: Mapping[str, LandFacts] | None = None) -> list[tuple[FieldPath, str]]:
    """What the Land's law refuses in these answers (instrument, transfer, party kinds, signatures), by field."""
    laender = builtin_laender() if laender is None else laender
    facts = laender.get(str(raw.get("land")))
    if facts is None:
        return []
    agreement: dict[str, Any] = raw["agreement"] if isinstance(raw.get("agreement"), dict) else {}
    parties: list[Mapping[str, Any]] = [p for p in raw.get("parties") or [] if isinstance(p, dict)]
    refusals, _ = check_raw(agreement, parties, facts)
    found = [(path_of(where), message) for where, message in refusals]
    ready = [dict(p) for p in parties if "represented_by" in p]
    found += [(path_of(where), message) for where, message in signature_problems(ready, facts)]
    return found


def land_warnings(raw: dict[str, Any], laender: Mapping[str, LandFacts] | None = None) -> list[tuple[FieldPath, str]]:
    """What the Land data leave to check (◐/✖ rules) for these answers, by field."""
    laender = builtin_laender() if laender is None else laender
    facts = laender.get(str(raw.get("land")))
    if facts is None:
        return []
    agreement: dict[str, Any] = raw["agreement"] if isinstance(raw.get("agreement"), dict) else {}
    parties: list[Mapping[str, Any]] = [p for p in raw.get("parties") or [] if isinstance(p, dict)]
    _, warnings = check_raw(agreement, parties, facts)
    out = []
    for warning in warnings:
        where, _, message = warning.partition(": ")
        out.append((path_of(where), message))
    return out


def _plain(message: str) -> str:
    """A Land message without the answers file's field names ('(agreement.instrument: arge)'), for the interview."""
    return re.sub(r" \((?:agreement\.\w+|parties\[\d+\]\.\w+): [\w-]+\)", "", message)


def path_of(key: str) -> FieldPath:
    """'parties[1].address' → ('parties', 1, 'address')."""
    out: list[str | int] = []
    for part in key.split("."):
        m = re.fullmatch(r"([^\[]+)((?:\[\d+\])*)", part)
        if not m:
            out.append(part)
            continue
        out.append(m[1])
        out += [int(n) for n in re.findall(r"\[(\d+)\]", m[2])]
    return tuple(out)


def conflicts(raw: dict[str, Any], laender: Mapping[str, LandFacts] | None = None) -> dict[FieldPath, str]:
    """Problems between answers already given (rules across fields, the Land's law), by the field they are at."""
    out: dict[FieldPath, str] = {}
    for path, msg in [*cross_field_problems(raw), *land_problems(raw, laender)]:
        if has(raw, tuple(path)) and get(raw, tuple(path)) is not None:
            out.setdefault(tuple(path), msg)
    return out


_SUBFIELDS = {"street": "Straße", "postcode": "Postleitzahl", "city": "Ort", "name": "Name", "function": "Funktion",
              "email": "E-Mail"}  # fmt: skip


def normalise(value: Any) -> Any:
    """The stored form of an answer: compound answers without empty parts."""
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if v is not None}
    return value
