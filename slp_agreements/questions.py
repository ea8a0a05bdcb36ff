"""Questions as data (questions.yaml): which apply to the answers so far, how typed text becomes a value, checks."""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from slp_agreements.errors import UserError
from slp_agreements.library.context import template_context
from slp_agreements.library.templating import attribute_paths, evaluate, render
from slp_agreements.model.paths import FieldPath
from slp_agreements.model.rules import cross_field_problems
from slp_agreements.model.validation import field_problems
from slp_agreements.model.vocabulary import LAND_CODES, Land

QUESTIONS_FILE = Path(__file__).resolve().parent / "questions.yaml"


class Kind(str, Enum):
    """How a question is asked and how the typed text becomes a value."""

    text = "text"
    list = "list"
    yesno = "yesno"
    choice = "choice"
    multi = "multi"
    date = "date"
    number = "number"
    amount = "amount"
    ags = "ags"
    email = "email"
    party = "party"
    address = "address"
    person = "person"
    contact = "contact"
    section = "section"
    present = "present"
    group = "group"


class Words(BaseModel):
    """A text in German and English."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    de: str
    en: str

    def get(self, lang: str) -> str:
        """The text in ``lang``."""
        return self.en if lang == "en" else self.de


class Choice(BaseModel):
    """One option of a choice; without ``value`` the label itself is stored (texts such as data categories)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    value: str | None = None
    de: str
    en: str

    def label(self, lang: str) -> str:
        """The label in ``lang``."""
        return self.en if lang == "en" else self.de

    def stored(self, lang: str) -> str:
        """The value written to the answers file."""
        return self.value if self.value is not None else self.label(lang)


class Question(BaseModel):
    """One question of questions.yaml, tied to a field of the answers model by its path."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    path: str
    type: Kind
    label: Words | None = None
    prompt: Words | None = None
    help: Words | None = None
    hint: Words | None = None
    default: Any = None
    when: str | None = None
    ask_if_used: bool = False
    choices: list[Choice] = Field(default_factory=list)
    other: bool = False
    min: int = 0
    item: Words | None = None
    more: Words | None = None
    questions: list[Question] = Field(default_factory=list)

    @property
    def parts(self) -> tuple[str, ...]:
        """The path as a tuple of field names."""
        return tuple(self.path.split("."))


class QuestionFile(BaseModel):
    """The whole questions.yaml."""

    model_config = ConfigDict(extra="forbid")
    questions: list[Question]


@cache
def load_questions(path: Path = QUESTIONS_FILE) -> tuple[Question, ...]:
    """All questions in asking order."""
    from slp_agreements.files.yamlfile import load_yaml

    raw, _ = load_yaml(path, "Fragendatei")
    return tuple(QuestionFile.model_validate(raw).questions)


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
        from slp_agreements.library.loading import load_library

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


# ---------------------------------------------------------------------------
# Typed text → value, value → text, and the checks (the same rules as the answers file).


class Invalid(ValueError):
    """Typed text that cannot be read as an answer; the message says why."""


_YES = {"j", "ja", "y", "yes", "1", "true"}
_NO = {"n", "nein", "no", "0", "false"}


def parse_date(text: str) -> str:
    """'1.3.2027', '01.03.2027' or '2027-03-01' as ISO date text."""
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    try:
        if m:
            return dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat()
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise Invalid(f"'{text}' ist kein gültiges Datum") from None


def parse_amount(text: str) -> str:
    """'12.500,00 €', '12500' or '12500.50' as decimal text."""
    t = text.replace("€", "").replace("EUR", "").replace(" ", "")
    if "," in t:
        t = t.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", t):
        t = t.replace(".", "")
    try:
        return str(Decimal(t))
    except InvalidOperation:
        raise Invalid(f"'{text}' ist kein Betrag") from None


def party_choices(raw: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, Kürzel) of the parties given so far."""
    out = []
    for p in get(raw, ("parties",)) or []:
        if isinstance(p, dict) and p.get("id"):
            out.append((str(p.get("name") or p["id"]), str(p["id"])))
    return out


def options(q: Question, raw: dict[str, Any], lang: str) -> list[tuple[str, Any]]:
    """(label, stored value) of a choice question."""
    if q.type is Kind.party:
        return party_choices(raw)
    if q.type in (Kind.yesno, Kind.present):
        return [("Ja", True), ("Nein", False)] if lang == "de" else [("Yes", True), ("No", False)]
    return [(c.label(lang), c.stored(lang)) for c in q.choices]


def parse(q: Question, text: str, raw: dict[str, Any], lang: str) -> Any:
    """The value typed text stands for; empty text is None (the caller applies defaults)."""
    t = text.strip()
    if not t:
        return None
    k = q.type
    if k in (Kind.yesno, Kind.present):
        if t.lower() in _YES:
            return True
        if t.lower() in _NO:
            return False
        raise Invalid("bitte j (ja) oder n (nein) eingeben")
    if k in (Kind.choice, Kind.party):
        opts = options(q, raw, lang)
        if t.isdigit() and 1 <= int(t) <= len(opts):
            return opts[int(t) - 1][1]
        for label, value in opts:
            if t.lower() in (str(value).lower(), label.lower()):
                return value
        if k is Kind.party:
            return t  # the answers file's own rule names the parties that are possible
        raise Invalid(f"bitte eine Nummer von 1 bis {len(opts)} eingeben")
    if k is Kind.multi:
        opts = options(q, raw, lang)
        out: list[str] = []
        for part in (p.strip() for p in re.split(r"[;]", t)):
            if not part:
                continue
            if re.fullmatch(r"[\d ,]+", part):
                for n in re.findall(r"\d+", part):
                    if not 1 <= int(n) <= len(opts):
                        raise Invalid(f"bitte Nummern von 1 bis {len(opts)} eingeben")
                    out.append(opts[int(n) - 1][1])
            elif q.other or part in [o[1] for o in opts]:
                out.append(part)
            else:
                raise Invalid(f"bitte Nummern von 1 bis {len(opts)} eingeben, mit Komma getrennt")
        return list(dict.fromkeys(out))
    if k is Kind.list:
        return [p.strip() for p in t.split(";") if p.strip()]
    if k is Kind.date:
        return parse_date(t)
    if k is Kind.number:
        if not re.fullmatch(r"\d+", t.replace(".", "")):
            raise Invalid(f"'{t}' ist keine ganze Zahl")
        return int(t.replace(".", ""))
    if k is Kind.amount:
        return parse_amount(t)
    if k is Kind.address:
        m = re.fullmatch(r"(.+?),\s*(\S+)\s+(.+)", t)
        if not m:
            raise Invalid("Straße, Postleitzahl und Ort fehlen")
        return {"street": m[1].strip(), "postcode": m[2], "city": m[3].strip()}
    if k is Kind.person:
        name, _, function = t.partition(",")
        return {"name": name.strip(), "function": function.strip() or None}
    if k is Kind.contact:
        name, sep, email = t.rpartition(",")
        if not sep:
            if "@" in t:
                raise Invalid("Name fehlt")
            return {"name": t, "email": None}
        return {"name": name.strip(), "email": email.strip() or None}
    return t


def show(q: Question, value: Any, raw: dict[str, Any], lang: str) -> str:
    """A value as the text one would type (defaults, review table)."""
    if value is None:
        return ""
    k = q.type
    if k in (Kind.yesno, Kind.present):
        yes = bool(value) if k is Kind.yesno else isinstance(value, dict)
        return ("ja" if yes else "nein") if lang == "de" else ("yes" if yes else "no")
    if k in (Kind.choice, Kind.party):
        for label, v in options(q, raw, lang):
            if v == value:
                return label
        return str(value)
    if k in (Kind.multi, Kind.list) and isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if k is Kind.date and isinstance(value, str) and lang == "de":
        try:
            return dt.date.fromisoformat(value).strftime("%d.%m.%Y")
        except ValueError:
            return value
    if k is Kind.address and isinstance(value, dict):
        return f"{value.get('street', '')}, {value.get('postcode', '')} {value.get('city', '')}"
    if k is Kind.person and isinstance(value, dict):
        return ", ".join(str(v) for v in (value.get("name"), value.get("function")) if v)
    if k is Kind.contact and isinstance(value, dict):
        return ", ".join(str(v) for v in (value.get("name"), value.get("email")) if v)
    if k is Kind.group and isinstance(value, list):
        return str(len(value))
    return str(value)


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


def normalise(step: Step, value: Any) -> Any:
    """The stored form of an answer: compound answers without empty parts."""
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if v is not None}
    return value
