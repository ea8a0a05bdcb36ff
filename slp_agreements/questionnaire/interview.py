"""One interview over one answers file, without any terminal: what to ask next, checking, progress, drop and restore.

The terminal (session.py) and the web interview (web/) are front-ends of this class: they show a screen, send
back the typed text of its fields and show what comes back (errors by field, answers that a change would drop,
answers brought back, fields to check again).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from slp_agreements.errors import UserError
from slp_agreements.model.answers import Answers
from slp_agreements.model.messages import error_message
from slp_agreements.model.names import slug
from slp_agreements.model.paths import FieldPath, where
from slp_agreements.model.rules import MAX_PARTIES, cross_field_problems
from slp_agreements.questionnaire.engine import (
    ESTIMATES,
    Library,
    Screen,
    Step,
    assign,
    conflicts,
    default_value,
    fingerprint,
    get,
    has,
    held,
    item_name,
    land_problems,
    land_warnings,
    normalise,
    path_of,
    problems,
    put,
    remove,
    screens,
    screens_by_key,
    steps,
    value_of,
)
from slp_agreements.questionnaire.english import german_hint, needs_version, read_version, suggested, with_versions
from slp_agreements.questionnaire.questions import Kind, Section, sections
from slp_agreements.questionnaire.typed_text import Invalid, options, parse, show
from slp_agreements.questionnaire.wording import in_language, words

MAX_ITEMS = 200  # datasets, sub-processors … in one questionnaire (parties: MAX_PARTIES)

_COMPOUND_KEYS = {
    Kind.address: {"street", "postcode", "city"},
    Kind.person: {"name", "function"},
    Kind.contact: {"name", "email"},
}


@dataclass
class Read:
    """One field's typed text read: the value, or why it cannot be the answer; and notes that do not stop it."""

    value: Any = None
    problem: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Submitted:
    """What submitting a screen did, or would do."""

    needs_confirm: list[str] = field(default_factory=list)  # answers the change would drop (it waits for yes)
    dropped: int = 0
    restored: list[str] = field(default_factory=list)
    rechecks: list[str] = field(default_factory=list)  # answers that now conflict and are asked again

    @property
    def applied(self) -> bool:
        """Whether the answers were stored."""
        return not self.needs_confirm


@dataclass(frozen=True)
class Row:
    """One row of the review: its number, label and answer, the screen that changes it, and the fields it shows.

    ``kind`` is "answer" (one question), "item" (one party or dataset, all its fields in one row) or "detail" (an
    optional detail that is not asked in the interview). ``short`` is the answer shortened for a narrow table.
    """

    number: int
    label: str
    answer: str
    short: str
    kind: str
    screen: Screen
    section: Section
    paths: tuple[FieldPath, ...]
    step: Step | None = None

    @property
    def key(self) -> str:
        """The field (or the item) the row stands for, e.g. 'parties[1]' or 'term.start'."""
        return self.step.key if self.step is not None and self.kind != "item" else self.screen.key


@dataclass(frozen=True)
class Finding:
    """A problem of the final check, tied to the review row of its field where there is one."""

    row: int | None
    label: str
    message: str


@dataclass(frozen=True)
class Position:
    """Where a screen stands: its section, its number and the number of screens there are now (an estimate)."""

    section: Section
    number: int
    total: int


@dataclass
class Interview:
    """The state of one interview: the answers, finished groups, dropped answers, answers to check again."""

    raw: dict[str, Any]
    lang: str
    library: Library | None = None
    base: Path = Path(".")  # the answers file's folder: file answers are relative to it
    done: set[str] = field(default_factory=set)  # groups whose "how many?" / "add another?" is answered
    dropped: dict[str, Any] = field(default_factory=dict)  # kept under verworfen: in the file, by field
    recheck: dict[str, str] = field(default_factory=dict)  # field key → why it is asked again
    last: str | None = None  # the field answered last (for "Zuletzt beantwortet")
    as_is: bool = False  # --from: an optional field the file leaves out counts as answered (empty)
    english: dict[FieldPath, Any] = field(default_factory=dict)  # English versions of free texts, by field
    _cache: dict[str, tuple[Any, Any]] = field(default_factory=dict, repr=False)

    # --- which screens ---------------------------------------------------------------------------------

    def steps(self) -> list[Step]:
        """The questions that apply now; sections that apply and the minimum items of groups are created."""
        return self._steps_now()

    def _prepare(self) -> list[Step]:
        while True:
            current = list(steps(self.raw, self.lang, self.library))
            changed = False
            for step in current:
                if step.kind == "section" and not isinstance(get(self.raw, step.path), dict):
                    put(self.raw, step.path, {})
                    changed = True
                elif step.kind in ("count", "more"):
                    items = get(self.raw, step.path)
                    items = items if isinstance(items, list) else []
                    if len(items) < step.question.min:
                        put(self.raw, step.path, [*items, *({} for _ in range(step.question.min - len(items)))])
                        changed = True
            if not changed:
                return current

    def _steps_now(self) -> list[Step]:
        """steps(), computed once for each state of the answers."""
        key = _key(self.raw)
        cached = self._cache.get("steps")
        if cached is None or cached[0] != key:
            cached = (key, self._prepare())
            self._cache["steps"] = (_key(self.raw), cached[1])
        return list(cached[1])

    def screens(self) -> list[Screen]:
        """The interview's screens for the answers so far."""
        return screens(self.steps())

    def is_done(self, screen: Screen) -> bool:
        """Whether the screen needs no asking now."""
        if screen.kind in ("count", "more"):
            return screen.first.question.path in self.done
        return all(self._answered(s) and s.key not in self.recheck for s in screen.fields)

    def _answered(self, step: Step) -> bool:
        if step.kind == "english":
            return self._version_done(step)
        if has(self.raw, step.path):
            return True
        # --from: a field the file may leave out (it has a default or is optional) needs no asking.
        return self.as_is and not any(tuple(p[: len(step.path)]) == step.path for p in self._problems())

    def _version_done(self, step: Step) -> bool:
        """An English version needs no asking: nothing to translate, given (a list with all its entries), left
        empty on purpose, or (--from) a file that has none."""
        german = get(self.raw, step.path)
        if not needs_version(step.path, german):
            return True
        given = self.english.get(step.path)
        if isinstance(german, list) and isinstance(given, list) and len(given) != len(german):
            return False  # the German list changed its number of entries
        return given is not None or step.key in self.done or self.as_is

    def _problems(self) -> set[FieldPath]:
        key = _key(self.raw)
        if self._cache.get("problems", (None,))[0] != key:
            self._cache["problems"] = (key, set(self._found()))
        return self._cache["problems"][1]  # type: ignore[no-any-return]

    def _found(self) -> dict[FieldPath, str]:
        """Every problem of the answers as they are (the models' rules and the rules across fields)."""
        found: dict[FieldPath, str] = {}
        try:
            Answers.model_validate(self.raw)
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
                found.setdefault(loc, error_message(err, Answers))
        for path, msg in [*cross_field_problems(self.raw), *land_problems(self.raw, self._laender)]:
            found.setdefault(tuple(path), msg)
        return found

    def next(self) -> Screen | None:
        """The first screen that still needs an answer, or None when the review is next."""
        return next((s for s in self.screens() if not self.is_done(s)), None)

    def find(self, key: str) -> Screen | None:
        """The screen with this key, if it applies now."""
        return next((s for s in self.screens() if s.key == key), None)

    def back(self, current: Screen | None) -> Screen | None:
        """The screen before ``current`` (before the review: the last one); None at the first question."""
        all_screens = self.screens()
        keys = [s.key for s in all_screens]
        if current is None:
            return all_screens[-1] if all_screens else None
        if current.key not in keys:
            done = [s for s in all_screens if self.is_done(s)]
            return done[-1] if done else None
        i = keys.index(current.key)
        return all_screens[i - 1] if i > 0 else None

    def position(self, screen: Screen) -> Position:
        """The screen's section, its number and about how many screens there will be (an estimate that assumes the
        typical answer for each question still open, so it moves only when an answer differs from it)."""
        all_screens = self.screens()
        keys = [s.key for s in all_screens]
        n = keys.index(screen.key) + 1 if screen.key in keys else len(keys)
        return Position(screen.section, n, max(len(keys), n, self.estimate()))

    def estimate(self) -> int:
        """The number of screens if every question still open got its typical answer (questions.yaml `typical`)."""
        key = (fingerprint([self.raw, sorted(self.done)]), self.lang, id(self.library))
        found = ESTIMATES.get(key, self.library)
        if found is not None:
            return int(found)
        return int(ESTIMATES.put(key, self.library, self._simulate()))

    def _simulate(self) -> int:
        """Play the typical answers for every question still open; the number of screens then."""
        sim = copy.deepcopy(self.raw)
        counted = set(self.done)
        for _ in range(50):
            changed = False
            for step in steps(sim, self.lang, self.library):
                q = step.question
                if step.kind == "section" and not isinstance(get(sim, step.path), dict):
                    put(sim, step.path, {})
                elif step.kind in ("count", "more") and q.path not in counted:
                    items = get(sim, step.path)
                    items = list(items) if isinstance(items, list) else []
                    wanted = max(int(q.typical or 0), q.min)
                    put(sim, step.path, items + [{} for _ in range(wanted - len(items))])
                    counted.add(q.path)
                elif step.kind == "ask" and q.typical is not None and not has(sim, step.path):
                    assign(step, sim, q.typical)
                else:
                    continue
                changed = True
                break  # the answers changed: which questions apply is computed again
            if not changed:
                break
        return len(screens(list(steps(sim, self.lang, self.library))))

    def sections(self) -> list[tuple[Section, bool]]:
        """The sections that have screens now, each with whether all its screens are answered."""
        by_section: dict[str, list[bool]] = {}
        for s in self.screens():
            by_section.setdefault(s.section.id, []).append(self.is_done(s))
        return [(sec, all(by_section[sec.id])) for sec in sections() if sec.id in by_section]

    def fields(self, screen: Screen, trial: dict[str, Any] | None = None) -> list[Step]:
        """The fields of ``screen`` for the answers in ``trial`` (a form grows when an answer opens a field)."""
        if screen.kind != "form" or trial is None:
            return list(screen.fields)
        found = screens_by_key(trial, self.lang, self.library).get(screen.key)
        return list(found.fields) if found is not None else list(screen.fields)

    def title(self, screen: Screen) -> str:
        """The heading of a screen: the question, or the form's item ('Partei 2 von 4 (Gemeinde Bardowick)')."""
        q = screen.first.question
        if screen.group is not None and screen.index is not None and screen.kind == "form":
            items = get(self.raw, screen.group.parts)
            total = len(items) if isinstance(items, list) else screen.index + 1
            name = item_name(screen.group, screen.index, self.raw, self.lang)
            word = screen.group.item.get(self.lang) if screen.group.item else ""
            return words(self.lang)["item"].format(item=word, n=screen.index + 1, total=total) + name[len(
                f"{word} {screen.index + 1}"):]  # fmt: skip
        if screen.kind == "count" and q.count:
            return q.count.get(self.lang)
        if screen.kind == "more" and q.more:
            return q.more.get(self.lang)
        if screen.kind == "form" and len(screen.fields) > 1:
            return screen.section.title(self.lang)
        return q.prompt.get(self.lang) if q.prompt else q.path

    # --- one field --------------------------------------------------------------------------------------

    @property
    def _laender(self) -> Any:
        return self.library.laender if self.library is not None else None

    def optional(self, step: Step, trial: dict[str, Any]) -> bool:
        """Whether the field may stay empty."""
        if step.kind in ("count", "more"):
            return False
        if step.kind == "english":
            return True
        return not problems(step, None, trial, self.lang, self._laender)

    def default(self, step: Step, trial: dict[str, Any]) -> Any:
        """What Enter keeps."""
        if step.kind == "count":
            items = get(trial, step.path)
            return max(len(items) if isinstance(items, list) else 0, step.question.min)
        if step.kind == "more":
            return False
        if step.kind == "english":
            return suggested(step.question, get(trial, step.path), self.english.get(step.path))
        if step.question.default_from == "question_language" and not has(trial, step.path):
            return self.lang
        return default_value(step, trial)

    def default_text(self, step: Step, trial: dict[str, Any]) -> str:
        """The default as the text one would type."""
        value = self.default(step, trial)
        if step.kind == "count":
            return str(value)
        if step.kind == "more":
            return ""
        return show(step.question, value, trial, self.lang)

    def options(self, step: Step, trial: dict[str, Any]) -> list[tuple[str, Any]]:
        """The options of a choice field (label, stored value)."""
        q = step.question
        if step.kind == "more":
            return options(q.model_copy(update={"type": Kind.yesno}), trial, self.lang)
        return options(q, trial, self.lang)

    def read(self, step: Step, text: str, trial: dict[str, Any], *, empty_keeps: bool = True) -> Read:
        """Typed text as the field's value, checked with the answers file's rules against the answers in ``trial``."""
        q = step.question
        t = text.strip()
        if step.kind in ("count", "more"):
            return self._read_group(step, t, trial)
        if step.kind == "english":
            if not t and empty_keeps:
                return Read(self.default(step, trial))
            value, problem = read_version(get(trial, step.path), t, self.lang)
            return Read(value, problem)
        optional = self.optional(step, trial)
        if t == "-" and optional:
            return Read(None)
        try:
            value = self.default(step, trial) if not t and empty_keeps else normalise(parse(q, t, trial, self.lang))
        except Invalid as exc:
            hint = q.hint.get(self.lang) if q.hint and "{" not in q.hint.get(self.lang) else ""
            return Read(problem=f"{in_language(str(exc), self.lang)}. {hint}".strip())
        if q.type is Kind.present:
            return Read(bool(value))
        problem = self._extra_problem(step, value)
        if problem is None:
            found = problems(step, value, trial, self.lang, self._laender)
            problem = "; ".join(found) if found else None
        return Read(value, problem, self._warnings(step, value, trial))

    def german_hint(self, step: Step, trial: dict[str, Any]) -> str:
        """The German text an English field translates ('Deutsche Fassung: „…“'); empty for any other field."""
        return german_hint(get(trial, step.path), self.lang) if step.kind == "english" else ""

    def _read_group(self, step: Step, t: str, trial: dict[str, Any]) -> Read:
        q = step.question
        if step.kind == "more":
            try:
                return Read(parse(q.model_copy(update={"type": Kind.yesno}), t or "n", trial, self.lang))
            except Invalid as exc:
                return Read(problem=in_language(str(exc), self.lang))
        limit = MAX_PARTIES if q.path == "parties" else MAX_ITEMS
        t = t or str(self.default(step, trial))
        if not t.isdigit() or not q.min <= int(t) <= limit:
            message = f"bitte eine Zahl von {q.min} bis {limit} eingeben"
            if self.lang == "en":
                message = f"please type a number from {q.min} to {limit}"
            return Read(problem=message)
        return Read(int(t))

    def _extra_problem(self, step: Step, value: Any) -> str | None:
        """Checks the answers file cannot make: a table that must exist, a name that must be a name."""
        q = step.question
        en = self.lang == "en"
        if q.type is Kind.file and isinstance(value, str) and value:
            path = (self.base / value).expanduser()
            if not path.is_file():
                return (f"file not found: {path}" if en else f"Datei nicht gefunden: {path}") + (
                    ". Please type the full path of the .csv or .xlsx file, or - for none"
                    if en else ". Bitte den vollständigen Pfad der .csv- oder .xlsx-Datei eingeben oder - für keine"
                )  # fmt: skip
            if path.suffix.lower() not in (".csv", ".xlsx"):
                return "only .csv or .xlsx tables" if en else "nur Tabellen als .csv oder .xlsx"
            try:
                from slp_agreements.files.table_rows import read_indicators

                read_indicators(path)
            except UserError as exc:
                detail = "; ".join(str(p) for p in exc.problems[:3]) or exc.message
                return in_language(detail, self.lang)
        named = q.path == "name" and step.group is not None and isinstance(value, str) and value
        if named and not re.search(r"[^\W\d_]", str(value)):
            return ("a name needs letters: " if en else "ein Name braucht Buchstaben: ") + f"'{value}'"
        return None

    def _warnings(self, step: Step, value: Any, trial: dict[str, Any]) -> list[str]:
        """Notes that do not stop the answer: a start in the past; what the Land data leave to check."""
        out = []
        if step.path == ("term", "start") and isinstance(value, str):
            try:
                start = dt.date.fromisoformat(value)
            except ValueError:
                start = None
            if start is not None and start < dt.date.today():
                shown = start.strftime("%d.%m.%Y") if self.lang == "de" else start.isoformat()
                out.append(words(self.lang)["past"].format(date=shown))
        if step.path in (("agreement", "task_transfer"), ("agreement", "instrument")) or step.path[-1:] == ("kind",):
            probe = copy.deepcopy(trial)
            assign(step, probe, value)
            for path, message in land_warnings(probe, self._laender):
                if tuple(path[: len(step.path)]) == step.path:
                    out.append(in_language(message, self.lang))
        return out

    # --- storing ----------------------------------------------------------------------------------------

    def submit(self, screen: Screen, values: dict[str, Any], *, confirmed: bool = False) -> Submitted:
        """Store the screen's values (by field key); ask first (needs_confirm) when answers would be dropped."""
        old = self.raw
        new = copy.deepcopy(old)
        own = {s.key for s in screen.fields} | set(values)
        for step in screen.fields:
            if step.kind == "count":
                n = int(values.get(step.key, self.default(step, new)))
                items = get(new, step.path)
                items = list(items) if isinstance(items, list) else []
                put(new, step.path, items[:n] + [{} for _ in range(n - len(items))])
            elif step.kind == "more" and values.get(step.key):
                items = get(new, step.path)
                put(new, step.path, [*(items if isinstance(items, list) else []), {}])
        if screen.kind == "form":
            self._store_form(screen, values, new)
        elif screen.kind == "ask":
            step = screen.first
            if step.key in values:
                self.store(new, step, values[step.key])
        lost, groups = self._settle(old, new, own)
        if lost and not confirmed:
            return Submitted(needs_confirm=[f"{label}: {shown}" if shown else label for _, label, shown in lost])
        for group in groups:
            # A group that no longer applies is kept whole (how many items, and each item's answers).
            self.dropped[group.key] = copy.deepcopy(get(old, group.path))
            self.done.discard(group.question.path)
        inside = tuple(g.key for g in groups)
        for key, _, _ in lost:
            if not key.startswith(inside) or not inside:
                self.dropped[key] = copy.deepcopy(get(old, path_of(key)))
        restored = self._restore(new)
        before = conflicts(old, self._laender)
        self.raw = new
        for step in screen.fields:
            self.recheck.pop(step.key, None)
            if step.kind in ("count", "more") and (step.kind == "count" or not values.get(step.key)):
                self.done.add(step.question.path)
        self.last = screen.fields[-1].key
        self._store_versions(screen, values, old)
        rechecks = self._rechecks(before, own)
        return Submitted(dropped=len(lost), restored=restored, rechecks=rechecks)

    def _store_versions(self, screen: Screen, values: dict[str, Any], old: dict[str, Any]) -> None:
        """The English versions sent with a screen; a German text changed without its version: the version is
        asked again (a list with another number of entries loses it)."""
        shown = {s.key for s in self.fields(screen, self.raw)}
        for step in self.fields(screen, self.raw):
            if step.kind == "english" and step.key in values:
                value = values[step.key]
                if value:
                    self.english[step.path] = value
                else:
                    self.english.pop(step.path, None)
                self.done.add(step.key)
                self.recheck.pop(step.key, None)
            elif step.kind == "ask" and step.path in self.english and get(old, step.path) != get(self.raw, step.path):
                version = f"{step.key}.en"
                if version in shown:
                    continue
                german, given = get(self.raw, step.path), self.english[step.path]
                if isinstance(german, list) and (not isinstance(given, list) or len(given) != len(german)):
                    del self.english[step.path]
                self.done.discard(version)
                self.recheck[version] = words(self.lang)["version_changed"]

    def _store_form(self, screen: Screen, values: dict[str, Any], new: dict[str, Any]) -> None:
        """A form's fields in order: a field an earlier answer opens is stored too."""
        stored: set[str] = set()
        while True:
            pending = [s for s in self.fields(screen, new) if s.key in values and s.key not in stored]
            if not pending:
                return
            self.store(new, pending[0], values[pending[0].key])
            stored.add(pending[0].key)

    def store(self, raw: dict[str, Any], step: Step, value: Any) -> None:
        """Put one field's value into ``raw`` (a form being filled, or the answers)."""
        if step.kind in ("count", "more", "english"):
            return  # the group's items change when the screen is submitted; English versions are kept beside
        q = step.question
        if q.type is Kind.present:
            old = get(raw, step.path)
            put(raw, step.path, (old if isinstance(old, dict) else {}) if value else None)
            return
        old = get(raw, step.path)
        keys = _COMPOUND_KEYS.get(q.type)
        if keys and isinstance(old, dict) and isinstance(value, dict):
            # Parts the question does not ask (e.g. a contact's phone in a file written by hand) are kept.
            value = {**{k: v for k, v in old.items() if k not in keys}, **value}
        assign(step, raw, value)
        # A new party gets its Kürzel from its name; other answers refer to it by that Kürzel.
        if step.group is not None and step.group.path == "parties" and step.path[-1] == "name":
            item = get(raw, step.path[:-1])
            if isinstance(item, dict) and not item.get("id"):
                taken = {p.get("id") for p in raw.get("parties", []) if isinstance(p, dict) and p.get("id")}
                put(raw, step.path[:-1], {"id": slug(str(value), {str(t) for t in taken}), **item})

    def _settle(
        self, old: dict[str, Any], new: dict[str, Any], own: set[str]
    ) -> tuple[list[tuple[str, str, str]], list[Step]]:
        """Remove answers that no longer apply in ``new``; return those answered in ``old``, and the groups gone."""
        before = list(steps(old, self.lang, self.library))
        answered = [s for s in before if s.kind == "ask" and has(old, s.path)]
        groups: list[Step] = []
        while True:
            now = list(steps(new, self.lang, self.library))
            applicable = {s.path for s in now} | held(now, new)
            stale = [s for s in before if s.path not in applicable and has(new, s.path)]
            if not stale:
                break
            for s in sorted(stale, key=lambda s: len(s.path), reverse=True):
                if s.kind in ("count", "more") and get(old, s.path):
                    groups.append(s)
                remove(new, s.path)
        lost = []
        for s in answered:
            if s.key in own or has(new, s.path) or get(old, s.path) is None:
                continue
            lost.append((s.key, s.label(self.lang, old), show(s.question, get(old, s.path), old, self.lang)))
        return lost, list({g.key: g for g in groups}.values())

    def _restore(self, new: dict[str, Any]) -> list[str]:
        """Bring back dropped answers for questions that apply again (e.g. the cost model switched back)."""
        restored: list[str] = []
        while True:
            back = [
                s
                for s in steps(new, self.lang, self.library)
                if s.kind != "section" and s.key in self.dropped and get(new, s.path) in (None, [], {}, False)
            ]  # fmt: skip  (False: a written default)
            if not back:
                return restored
            for s in back:
                value = self.dropped.pop(s.key)
                if s.kind in ("count", "more"):
                    put(new, s.path, value)
                    self.done.add(s.question.path)
                    label = s.question.item.get(self.lang) if s.question.item else s.key
                    restored.append(f"{label} ({len(value) if isinstance(value, list) else 0})")
                else:
                    self.store(new, s, value)
                    restored.append(s.label(self.lang, new))

    def _rechecks(self, before: dict[FieldPath, str], own: set[str]) -> list[str]:
        """Answers that conflict with this change (e.g. the AGS after the Land changed): asked again, with why."""
        out = []
        for path, msg in conflicts(self.raw, self._laender).items():
            key = where(path)
            if key in own or before.get(path) == msg:
                continue
            message = in_language(msg, self.lang)
            self.recheck[key] = message
            out.append(message)
        return out

    # --- review and final check -------------------------------------------------------------------------

    def rows(self) -> list[Row]:
        """The review: every answer that applies (optional details included), numbered; one row per party or
        dataset with its details after it."""
        out: list[dict[str, Any]] = []
        items: dict[str, dict[str, Any]] = {}
        by_key = {s.key: s for s in self.screens()}
        for step in self.steps():
            if step.kind in ("section", "more"):
                continue
            if step.kind == "count":
                items_now = get(self.raw, step.path)
                answer = str(len(items_now) if isinstance(items_now, list) else 0)
                label = step.question.label.get(self.lang) if step.question.label else step.key
                screen = Screen(f"count:{step.key}", "count", (step,), group=step.question)
                out.append(_row_data(label, answer, "answer", screen, step, (step.path,), step))
                continue
            answer = self._answer(step)
            if step.group is not None and step.index is not None and not step.review_only:
                item_key = where((*step.group.parts, step.index))
                if item_key not in items:
                    screen = by_key.get(item_key) or Screen(item_key, "form", (step,), step.group, step.index)
                    label = item_name(step.group, step.index, self.raw, self.lang)
                    items[item_key] = _row_data(label, "", "item", screen, step, ((*step.group.parts, step.index),))
                    items[item_key]["parts"] = []
                    out.append(items[item_key])
                if answer and step.question.path not in ("name", "title"):  # the name is in the row's label
                    items[item_key]["parts"].append(answer)
                continue
            kind = "detail" if step.review_only else "answer"
            screen = Screen(step.key, "ask", (step,))
            out.append(_row_data(step.label(self.lang, self.raw), answer, kind, screen, step, (step.path,), step))
        rows = []
        for n, data in enumerate(out, 1):
            if data["kind"] == "item":
                data["answer"] = " · ".join(data.pop("parts"))
            room = DETAIL if data["kind"] == "detail" else SHORT
            rows.append(Row(number=n, short=_short(data["answer"], data["value"], room), **{
                k: v for k, v in data.items() if k != "value"}))  # fmt: skip
        return rows

    def _answer(self, step: Step) -> str:
        """One field's answer as text; an optional detail not given shows what applies without it."""
        if step.kind == "english":
            return show(step.question, self.english.get(step.path), self.raw, self.lang)
        value = value_of(step, self.raw)
        answer = show(step.question, value, self.raw, self.lang)
        if not has(self.raw, step.path) and step.in_review_only:
            fallback = default_value(step, self.raw)
            answer = show(step.question, fallback, self.raw, self.lang) if fallback is not None else ""
        return answer

    def edit_screen(self, row: Row) -> Screen:
        """The screen that changes one row of the review."""
        return row.screen

    def screen_for(self, key: str) -> Screen | None:
        """The screen with this key: a screen of the interview, or the one a review row changes."""
        found = self.find(key)
        if found is not None:
            return found
        return next((r.screen for r in self.rows() if r.screen.key == key), None)

    def findings(self) -> list[Finding]:
        """The final check: every problem of the answers, with the review row and label of its field."""
        found = self._found()
        rows = self.rows()
        all_steps = [s for s in self.steps() if s.kind in ("ask", "count")]
        out = []
        for path, msg in found.items():
            row = _row_for(rows, path)
            inside = [s for s in all_steps if tuple(path[: len(s.path)]) == s.path]
            step = max(inside, key=lambda s: len(s.path)) if inside else None
            label = step.label(self.lang, self.raw) if step is not None else (row.label if row else where(path))
            out.append(Finding(row.number if row else None, label, in_language(msg, self.lang)))
        return out

    def state(self) -> dict[str, Any]:
        """What the answers file's header keeps of the interview (finished groups and English versions left empty,
        the last answer, the language of the questions)."""
        return {"fertig": sorted(self.done), **({"zuletzt": self.last} if self.last else {}), "sprache": self.lang}

    def file_data(self) -> dict[str, Any]:
        """The answers as the file keeps them: each English version as ``{de: …, en: …}`` beside its German text."""
        return with_versions(self.raw, self.english) if self.english else self.raw


def _key(raw: dict[str, Any]) -> str:
    """A fingerprint of the answers, for the caches."""
    return json.dumps(raw, sort_keys=True, default=str)


def _row_for(rows: list[Row], path: FieldPath) -> Row | None:
    """The row of a field, of the field or item it belongs to, or of the first field inside it."""
    inside = [(len(p), row) for row in rows for p in row.paths if tuple(path[: len(p)]) == p]
    if inside:
        return max(inside, key=lambda pair: pair[0])[1]
    for row in rows:
        if any(tuple(p[: len(path)]) == tuple(path) for p in row.paths):
            return row
    return None


def _row_data(label: str, answer: str, kind: str, screen: Screen, step: Step, paths: tuple[FieldPath, ...],
              value_step: Step | None = None) -> dict[str, Any]:  # fmt: skip
    return {"label": label, "answer": answer, "kind": kind, "screen": screen, "section": step.section,
            "paths": paths, "step": step, "value": value_step}  # fmt: skip


SHORT = 60  # characters of an answer in the review table
DETAIL = 28  # … and of an optional detail (several share a line)


def _short(answer: str, step: Step | None, room: int = SHORT) -> str:
    """An answer for the review table: a list as its count and first entry, a long text cut with '…'."""
    if step is not None and step.question.type in (Kind.list, Kind.multi) and "; " in answer:
        parts = answer.split("; ")
        return f"{len(parts)} × {_cut(parts[0], 36)}"
    return _cut(answer, room)


def _cut(text: str, room: int) -> str:
    """``text`` cut at a word boundary to about ``room`` characters, with '…'."""
    if len(text) <= room:
        return text
    cut = text[: room - 1].rsplit(" ", 1)[0] if " " in text[: room - 1] else text[: room - 1]
    return cut.rstrip(" ,;·") + " …"
