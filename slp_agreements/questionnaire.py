"""The questionnaire `slp-agreements new`: asks what applies, checks each answer, saves after every answer, reviews."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slp_agreements import console
from slp_agreements.errors import UserError
from slp_agreements.files.atomic import write_atomic
from slp_agreements.files.yamlfile import dump_yaml, load_yaml
from slp_agreements.model.labels import FILE_NAMES
from slp_agreements.model.names import slug
from slp_agreements.model.paths import FieldPath
from slp_agreements.prompts import EndOfInput, Prompter
from slp_agreements.questions import (
    Invalid,
    Kind,
    Library,
    Step,
    default_value,
    get,
    has,
    normalise,
    options,
    parse,
    problems,
    put,
    remove,
    show,
    steps,
)

DEFAULT_ANSWERS = "antworten.yaml"
_STATE = re.compile(r"^# fragebogen-stand: (\{.*\})\s*$", re.M)


class Interrupted(Exception):
    """The user pressed Ctrl-C; every answer given so far is in ``file``."""

    def __init__(self, file: Path) -> None:
        super().__init__(str(file))
        self.file = file


_TEXT = {
    "de": {
        "intro": "Fragebogen für eine Vereinbarung. Enter übernimmt den Vorschlag in Klammern; Strg+C unterbricht, "
        "die Antworten bleiben gespeichert.",
        "saved": "Antworten werden nach jeder Frage gespeichert in: {file}",
        "item": "{item} {n}",
        "review": "Ihre Antworten",
        "col_n": "Nr.",
        "col_q": "Frage",
        "col_a": "Antwort",
        "change_plain": "Antwort ändern? Nummer eingeben (Enter = Dokumente erzeugen)",
        "not_valid": "Die Antworten sind noch nicht vollständig:",
        "done": "Fertig. Im Ordner {out}:",
        "review_note": "Der Entwurf ist vor der Unterzeichnung vom Rechtsamt zu prüfen.",
        "clear": "(- löscht die Angabe)",
    },
    "en": {
        "intro": "Questionnaire for an agreement. Enter keeps the suggestion in brackets; Ctrl+C interrupts, "
        "the answers stay saved.",
        "saved": "Answers are saved after every question in: {file}",
        "item": "{item} {n}",
        "review": "Your answers",
        "col_n": "No.",
        "col_q": "Question",
        "col_a": "Answer",
        "change_plain": "Change an answer? Type its number (Enter = build the documents)",
        "not_valid": "The answers are not complete yet:",
        "done": "Done. In the folder {out}:",
        "review_note": "The draft must be reviewed by the legal office before signature.",
        "clear": "(- clears the answer)",
    },
}


_COMPOUND_KEYS = {
    Kind.address: {"street", "postcode", "city"},
    Kind.person: {"name", "function"},
    Kind.contact: {"name", "email"},
}


@dataclass
class Session:
    """One run of the questionnaire over one answers file."""

    raw: dict[str, Any]
    file: Path
    lang: str
    prompter: Prompter
    library: Library | None = None
    confirmed: set[FieldPath] | None = None  # --from: answers confirmed in this run; otherwise: answered = in the file
    done_groups: set[str] = field(default_factory=set)

    @property
    def words(self) -> dict[str, str]:
        """Fixed texts in the questionnaire's language."""
        return _TEXT[self.lang]

    # --- saving -----------------------------------------------------------------------------------------

    def save(self) -> None:
        """Write the answers so far, atomically (a partial file is fine; --resume reads it)."""
        state = json.dumps({"fertig": sorted(self.done_groups)}, ensure_ascii=False)
        head = (
            "# Antwortdatei von „slp-agreements new“ – noch nicht fertig.\n"
            f"# Fortsetzen mit: slp-agreements new --resume {self.file}\n"
            f"# fragebogen-stand: {state}\n"
        )
        write_atomic(self.file, (head + dump_yaml(self.raw)).encode("utf-8"))

    # --- which question next ----------------------------------------------------------------------------

    def current(self) -> list[Step]:
        """The questions that apply to the answers so far."""
        return list(steps(self.raw, self.lang, self.library))

    def answered(self, step: Step) -> bool:
        """Whether this question needs no asking now."""
        if self.confirmed is not None:
            return step.path in self.confirmed
        return has(self.raw, step.path)

    def pending(self) -> Step | None:
        """The next question to ask; sections and minimum group items are created on the way."""
        while True:
            changed = False
            for step in self.current():
                if step.kind == "section":
                    if not isinstance(get(self.raw, step.path), dict):
                        put(self.raw, step.path, {})
                        changed = True
                        break
                elif step.kind == "more":
                    items = get(self.raw, step.path)
                    items = items if isinstance(items, list) else []
                    if len(items) < step.question.min:
                        put(self.raw, step.path, [*items, {}])
                        changed = True
                        break
                    if step.question.path not in self.done_groups:
                        return step
                elif not self.answered(step):
                    return step
            if not changed:
                return None
            self.save()

    # --- asking -----------------------------------------------------------------------------------------

    def ask(self, step: Step) -> None:
        """Ask one question until the answer passes the checks, store it, drop answers that no longer apply."""
        q = step.question
        if step.kind == "more":
            self._ask_more(step)
            return
        if step.group is not None and step.index is not None and step.path[-1] == step.group.questions[0].path:
            console.heading(self.words["item"].format(item=step.group.item.get(self.lang) if step.group.item else "",
                                                      n=step.index + 1))  # fmt: skip
        if q.help:
            console.note(q.help.get(self.lang))
        value = self._prompt(step)
        before = {s.path for s in self.current()}
        self._store(step, value)
        after = {s.path for s in self.current()}
        for stale in sorted(before - after, key=len, reverse=True):
            if has(self.raw, stale):
                remove(self.raw, stale)
            self.done_groups.discard(".".join(str(p) for p in stale))
        if self.confirmed is not None:
            self.confirmed.add(step.path)
        self.save()

    def _prompt(self, step: Step) -> Any:
        q, raw, lang = step.question, self.raw, self.lang
        current = default_value(step, raw)
        message = q.prompt.get(lang) if q.prompt else q.path
        optional = not problems(step, None, raw, lang)

        def parse_text(text: str) -> Any:
            if text.strip() == "-" and optional:
                return None
            try:
                value = parse(q, text, raw, lang)
            except Invalid as exc:
                hint = q.hint.get(lang) if q.hint else ""
                raise ValueError(f"{exc}. {hint}".strip() if "{" not in hint else str(exc)) from None
            return normalise(step, value)

        def accept(value: Any) -> str | None:
            found = problems(step, value, raw, lang)
            return "; ".join(found) if found else None

        if q.type in (Kind.choice, Kind.party, Kind.yesno, Kind.present):
            return self.prompter.select(message, options(q, raw, lang), current, parse_text, accept)
        if q.type is Kind.multi:
            other = ("Weitere (eigene Eingabe) …" if lang == "de" else "Other (own entry) …") if q.other else None
            return self.prompter.checkbox(message, options(q, raw, lang), current or [], other, parse_text, accept)
        if optional and has(raw, step.path) and get(raw, step.path) is not None:
            message += " " + self.words["clear"]
        return self.prompter.text(message, show(q, current, raw, lang), parse_text, accept)

    def _store(self, step: Step, value: Any) -> None:
        if step.question.type is Kind.present:
            old = get(self.raw, step.path)
            put(self.raw, step.path, (old if isinstance(old, dict) else {}) if value else None)
            return
        old = get(self.raw, step.path)
        own = _COMPOUND_KEYS.get(step.question.type)
        if own and isinstance(old, dict) and isinstance(value, dict):
            # Parts the question does not ask (e.g. a contact's phone in a file written by hand) are kept.
            value = {**{k: v for k, v in old.items() if k not in own}, **value}
        put(self.raw, step.path, value)
        # A new party gets its Kürzel from its name; other answers refer to it by that Kürzel.
        if step.group is not None and step.group.path == "parties" and step.path[-1] == "name":
            item = get(self.raw, step.path[:-1])
            if isinstance(item, dict) and not item.get("id"):
                taken = {p.get("id") for p in self.raw.get("parties", []) if isinstance(p, dict) and p.get("id")}
                new = {"id": slug(str(value), {str(t) for t in taken}), **item}
                put(self.raw, step.path[:-1], new)

    def _ask_more(self, step: Step) -> None:
        q = step.question
        message = q.more.get(self.lang) if q.more else q.path
        yes = self.prompter.select(message, options(q.model_copy(update={"type": Kind.yesno}), self.raw, self.lang),
                                   False, lambda t: parse(q.model_copy(update={"type": Kind.yesno}), t, self.raw,
                                                          self.lang), lambda v: None)  # fmt: skip
        if yes:
            items = get(self.raw, step.path)
            put(self.raw, step.path, [*(items if isinstance(items, list) else []), {}])
        else:
            self.done_groups.add(q.path)
        self.save()

    def ask_all(self) -> None:
        """Ask until every question that applies is answered."""
        while (step := self.pending()) is not None:
            self.ask(step)

    # --- review -----------------------------------------------------------------------------------------

    def review(self) -> None:
        """Show every answer; let the user change any of them; return when the user wants the documents."""
        from slp_agreements.model.validation import validate

        while True:
            self.ask_all()
            shown = [s for s in self.current() if s.kind == "ask"]
            rows = [[str(i), s.label(self.lang, self.raw), show(s.question, self._value(s), self.raw, self.lang)]
                    for i, s in enumerate(shown, 1)]  # fmt: skip
            w = self.words
            console.table(w["review"], [w["col_n"], w["col_q"], w["col_a"]], rows)
            # A typed row number, not a menu: the list can be longer than the terminal is high.
            choice = self.prompter.text(w["change_plain"], "", _picker(shown), lambda v: None)
            if choice is None:
                try:
                    validate(self.raw, self.file)
                except UserError as exc:
                    console.problem(w["not_valid"])
                    for p in exc.problems:
                        console.problem(f"  {p}")
                    continue
                return
            self.ask(choice)

    def _value(self, step: Step) -> Any:
        value = get(self.raw, step.path)
        if step.question.type is Kind.present:
            return isinstance(value, dict)
        return value


def _picker(shown: list[Step]) -> Any:
    """Typed review choice: a row number, or Enter to build."""

    def pick(text: str) -> Any:
        if not text.strip():
            return None
        if text.strip().isdigit() and 1 <= int(text) <= len(shown):
            return shown[int(text) - 1]
        raise ValueError(f"bitte eine Nummer von 1 bis {len(shown)} eingeben oder Enter")

    return pick


def _read_partial(path: Path) -> tuple[dict[str, Any], set[str]]:
    """An answers file, complete or not, with the questionnaire's progress from its header."""
    raw, _ = load_yaml(path, "Antwortdatei")
    if not isinstance(raw, dict):
        raise UserError("Die Antwortdatei muss aus Schlüsseln bestehen (land:, agreement:, …).", file=path)
    text = path.read_text(encoding="utf-8")
    m = _STATE.search(text)
    done: set[str] = set()
    if m:
        try:
            done = set(json.loads(m.group(1)).get("fertig", []))
        except (ValueError, AttributeError):
            done = set()
    return raw, done


def _library(raw: dict[str, Any], file: Path) -> Library:
    folders = [Path(d) if Path(d).is_absolute() else file.parent / d for d in raw.get("library") or []]
    return Library.load(folders)


def run(
    *,
    out: Path,
    answers: Path | None,
    resume: Path | None,
    edit: Path | None,
    lang: str | None,
    force: bool,
    prompter: Prompter | None = None,
) -> Path:
    """Run the questionnaire, then build into ``out``; return the answers file."""
    from slp_agreements.files.answers_file import to_yaml
    from slp_agreements.model.validation import validate
    from slp_agreements.pipeline import agreement as build_mod
    from slp_agreements.prompts import prompter as make_prompter

    source = resume or edit
    file = answers or source or out / DEFAULT_ANSWERS
    raw: dict[str, Any] = {}
    done: set[str] = set()
    if source is not None:
        raw, done = _read_partial(source)
    elif file.exists() and not force:
        raise UserError(
            f"Die Antwortdatei gibt es schon. Fortsetzen: slp-agreements new --resume {file}; "
            f"bearbeiten: slp-agreements new --from {file}; neu beginnen: --force.",
            file=file,
        )
    if file != source and source is not None and file.exists() and not force:
        raise UserError("Die Antwortdatei gibt es schon; mit --force überschreiben.", file=file)
    language = lang or str(raw.get("language") or "de")
    if language not in ("de", "en"):
        language = "de"
    stem = file.stem
    targets = [out / f"{stem}-{n}.docx" for n in FILE_NAMES[language].values()]
    existing = [t.name for t in targets if t.exists()]
    if existing and not force:
        raise UserError(
            f"Der Ordner enthält schon {', '.join(existing)}. Mit --force überschreiben oder --out ändern.", file=out
        )
    raw = {"schema_version": 1, "language": language, **{k: v for k, v in raw.items() if k != "language"}}
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Ordner kann nicht angelegt werden: {exc.strerror}.", file=file.parent) from None
    session = Session(
        raw=raw,
        file=file,
        lang=language,
        prompter=prompter or make_prompter(language),
        library=_library(raw, file),
        confirmed=set() if edit is not None else None,
        done_groups=set() if edit is not None else done,
    )
    w = session.words
    console.note(w["intro"])
    console.note(w["saved"].format(file=file))
    try:
        session.save()
        session.review()
    except KeyboardInterrupt:
        session.save()
        raise Interrupted(file) from None
    except EndOfInput:
        raise UserError(
            "Die Eingabe endete vor der letzten Frage. Die Antworten bisher sind gespeichert; "
            f"fortsetzen mit: slp-agreements new --resume {file}",
            file=file,
        ) from None
    final = validate(session.raw, file)
    head = (
        "# Antwortdatei von „slp-agreements new“.\n"
        f"# Ändern: slp-agreements new --from {file}   Erzeugen: slp-agreements build {file} --out {out}\n"
    )
    write_atomic(file, (head + to_yaml(final)).encode("utf-8"))
    try:
        result = build_mod.build(file, out, lang=language, force=force)
    except UserError as exc:
        exc.message += f" Die Antworten sind gespeichert; danach erneut: slp-agreements build {file} --out {out}"
        raise
    console.info(w["done"].format(out=out))
    for f in [file, *(o.path for o in result.files)]:
        console.info(f"  {f.name}")
    console.info(w["review_note"])
    return file
