"""The questionnaire in the terminal: asks what applies, checks each answer, saves after every answer, reviews."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slp_agreements import console
from slp_agreements.errors import UserError
from slp_agreements.model.names import slug
from slp_agreements.model.paths import FieldPath
from slp_agreements.model.translations import TRANSLATABLE, is_bilingual
from slp_agreements.model.validation import validate
from slp_agreements.questionnaire.engine import (
    Library,
    Step,
    default_value,
    get,
    has,
    normalise,
    problems,
    put,
    remove,
    steps,
)
from slp_agreements.questionnaire.progress import save_partial
from slp_agreements.questionnaire.prompts import Prompter
from slp_agreements.questionnaire.questions import Kind
from slp_agreements.questionnaire.typed_text import Invalid, options, parse, show

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
        "english": "Englische Fassung: {label}",
        "english_count": "bitte genau {n} Einträge, durch „;“ getrennt, je einen zu jedem deutschen Eintrag",
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
        "english": "English version: {label}",
        "english_count": "please give exactly {n} entries separated by “;”, one for each German entry",
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
        save_partial(self.file, self.raw, self.done_groups)

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
        old = get(self.raw, step.path) if has(self.raw, step.path) else None
        value = self._prompt(step)
        before = {s.path for s in self.current()}
        self._store(step, value)
        if self.lang == "en" and value and _translatable(step.path):
            self._ask_english(step, value, old)
        after = {s.path for s in self.current()}
        for stale in sorted(before - after, key=len, reverse=True):
            if has(self.raw, stale):
                remove(self.raw, stale)
            self.done_groups.discard(".".join(str(p) for p in stale))
        if self.confirmed is not None:
            self.confirmed.add(step.path)
        self.save()

    def _ask_english(self, step: Step, german: Any, old: Any) -> None:
        """The English version of a free text (or of each entry of a list), stored as ``{de, en}``."""
        q = step.question
        message = self.words["english"].format(label=step.label(self.lang, self.raw))
        if isinstance(german, list):
            before = [x.get("en") if is_bilingual(x) else None for x in (old if isinstance(old, list) else [])]
            shown = "; ".join(x for x in before if x) if len(before) == len(german) and all(before) else ""

            def parse_list(text: str) -> Any:
                items = parse(q, text, self.raw, self.lang) if text.strip() else []
                if len(items or []) != len(german):
                    raise ValueError(self.words["english_count"].format(n=len(german)))
                return items

            english = self.prompter.text(message, shown, parse_list, lambda v: None)
            put(self.raw, step.path, [{"de": d, "en": e} for d, e in zip(german, english, strict=True)])
            return
        shown = old.get("en") or "" if is_bilingual(old) else ""
        english = self.prompter.text(message, shown, lambda t: t.strip() or None, lambda v: None)
        if english:
            put(self.raw, step.path, {"de": german, "en": english})

    def _prompt(self, step: Step) -> Any:
        q, raw, lang = step.question, self.raw, self.lang
        current = _german(default_value(step, raw))
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
            return normalise(value)

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
        return _german(value)


def _translatable(path: FieldPath) -> bool:
    """Whether the answer at ``path`` is a free text that may have an English version (model/translations.py)."""
    general = tuple("*" if isinstance(p, int) else p for p in path)
    return general in TRANSLATABLE or (*general, "*") in TRANSLATABLE


def _german(value: Any) -> Any:
    """The German text of a bilingual answer (and of each bilingual list entry); any other value as it is."""
    if is_bilingual(value):
        return value["de"]
    if isinstance(value, list):
        return [x["de"] if is_bilingual(x) else x for x in value]
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
