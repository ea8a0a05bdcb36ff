"""The questionnaire in the terminal: a thin layer that shows the engine's screens and sends back what was typed."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from slp_agreements import console
from slp_agreements.errors import UserError
from slp_agreements.questionnaire.engine import Screen, Step, get, has, value_of
from slp_agreements.questionnaire.interview import Finding, Interview, Row
from slp_agreements.questionnaire.progress import save_partial
from slp_agreements.questionnaire.prompts import EndOfInput, GoBack, Prompter, Rejected
from slp_agreements.questionnaire.questions import Kind
from slp_agreements.questionnaire.typed_text import show
from slp_agreements.questionnaire.wording import words


class Declined(Exception):
    """The user said no to saving into the very file being edited: nothing was changed."""


@dataclass
class Session:
    """One run of the questionnaire in the terminal over one answers file."""

    interview: Interview
    file: Path
    prompter: Prompter
    ask_own_file: bool = False  # --from FILE where FILE is the output: ask before the first change

    @property
    def words(self) -> dict[str, str]:
        """Fixed texts in the questionnaire's language."""
        return words(self.interview.lang)

    def save(self) -> None:
        """Write the answers so far, atomically (a partial file is fine; --resume reads it)."""
        iv = self.interview
        save_partial(self.file, iv.file_data(), iv.state(), iv.dropped)

    # --- the interview ----------------------------------------------------------------------------------

    def greet(self, resumed: bool) -> None:
        """The first screen's lines: how to answer, go back and get help; where a resume continues."""
        w = self.words
        console.note(w["intro"] if not self.prompter.piped else w["intro"] + " " + w["intro_plain"])
        console.note(w["saved"].format(file=self.file))
        iv = self.interview
        if not resumed:
            return
        last = next((s for s in iv.steps() if s.key == iv.last and s.kind == "ask"), None)
        if last is not None:
            value = show(last.question, value_of(last, iv.raw), iv.raw, iv.lang)
            console.info(w["last"].format(label=last.label(iv.lang, iv.raw), value=value))
        screen = iv.next()
        if screen is not None:
            pos = iv.position(screen)
            console.info(w["resume"].format(where=f"{pos.section.title(iv.lang)} · {iv.title(screen)}"))

    def ask_all(self) -> None:
        """Ask until every screen that applies is answered; < goes back one screen."""
        iv = self.interview
        screen = iv.next()
        while screen is not None:
            try:
                self.ask(screen)
            except GoBack:
                before = iv.back(screen)
                if before is None:
                    console.note(self.words["first"])
                else:
                    screen = before
                continue
            screen = iv.next()

    def ask(self, screen: Screen) -> None:
        """One screen: its heading with section and position, each field checked as it is typed, then stored."""
        iv, w = self.interview, self.words
        pos = iv.position(screen)
        console.heading(w["position"].format(section=pos.section.title(iv.lang), n=pos.number, total=pos.total))
        if screen.kind == "form" and iv.title(screen) != pos.section.title(iv.lang):
            console.info(iv.title(screen))
        trial = copy.deepcopy(iv.raw)
        values: dict[str, Any] = {}
        order: list[str] = []
        if screen.kind == "form" and not iv.is_done(screen):
            # A form left half-way (Ctrl-C, or a field to check again) goes on at its first open field.
            for s in iv.fields(screen, trial):
                if s.kind == "english":
                    if has(trial, s.path) and iv.is_done(Screen(s.key, "ask", (s,))) and s.key not in iv.recheck:
                        values[s.key] = iv.english.get(s.path)
                        order.append(s.key)
                elif has(trial, s.path) and s.key not in iv.recheck:
                    values[s.key] = get(trial, s.path)
                    order.append(s.key)
        try:
            self._fill(screen, trial, values, order)
        except KeyboardInterrupt:
            for key in order:  # what was typed into the form so far is kept
                step = next((s for s in iv.fields(screen, trial) if s.key == key), None)
                if step is not None:
                    iv.store(iv.raw, step, values[key])
                    iv.last = key
            raise
        self._submit(screen, values)

    def _fill(self, screen: Screen, trial: dict[str, Any], values: dict[str, Any], order: list[str]) -> None:
        """Ask the screen's fields in turn (a form grows when an answer opens a field); < goes back a field."""
        iv, w = self.interview, self.words
        while True:
            pending = [s for s in iv.fields(screen, trial) if s.key not in values]
            if not pending:
                break
            step = pending[0]
            if step.key in iv.recheck:
                console.problem(w["recheck"].format(message=iv.recheck[step.key]))
            try:
                text = self._field(screen, step, trial)
            except GoBack:
                if not order:
                    raise
                values.pop(order.pop())
                trial.clear()
                trial.update(copy.deepcopy(iv.raw))
                for key, value in values.items():
                    iv.store(trial, next(s for s in iv.fields(screen, trial) if s.key == key), value)
                continue
            read = iv.read(step, text, trial)
            if read.problem is not None:
                self._rejected(step, trial, read.problem)
                continue
            for note in read.warnings:
                console.note(w["warning"] + note)
            values[step.key] = read.value
            order.append(step.key)
            iv.store(trial, step, read.value)

    def _submit(self, screen: Screen, values: dict[str, Any]) -> None:
        iv, w = self.interview, self.words
        if self.ask_own_file:
            if self.prompter.yes_no(w["own_file"].format(file=self.file), True, None).strip().lower() not in (
                "j", "y", "ja", "yes", ""
            ):  # fmt: skip
                raise Declined
            self.ask_own_file = False
        result = iv.submit(screen, values)
        if result.needs_confirm:
            what = "; ".join(result.needs_confirm[:6]) + (" …" if len(result.needs_confirm) > 6 else "")
            answer = self.prompter.yes_no(w["drop"].format(n=len(result.needs_confirm), what=what), False, None)
            if answer.strip().lower() not in ("j", "y", "ja", "yes"):
                console.note(w["kept"])
                return
            result = iv.submit(screen, values, confirmed=True)
        if result.dropped:
            console.note(w["dropped"].format(n=result.dropped))
        if result.restored:
            console.note(w["restored"].format(n=len(result.restored), what="; ".join(result.restored[:6])))
        for message in result.rechecks:
            console.problem(w["recheck"].format(message=message))
        self.save()

    def _field(self, screen: Screen, step: Step, trial: dict[str, Any]) -> str:
        """Ask one field with the prompter; the text it returns is what the engine reads."""
        iv = self.interview
        lang = iv.lang
        q = step.question
        single = screen.kind != "form" or (len(screen.fields) == 1 and screen.group is None)
        message = iv.title(screen) if single else (q.prompt.get(lang) if q.prompt else q.path)
        help_text = q.help.get(lang) if q.help else self.words["no_help"]
        if step.kind == "english":
            console.note(iv.german_hint(step, trial))
        try:
            if step.kind == "count":
                return self.prompter.text(message, iv.default_text(step, trial), help_text)
            if step.kind == "more" or q.type in (Kind.yesno, Kind.present):
                default = iv.default(step, trial)
                return self.prompter.yes_no(message, None if default is None else bool(default), help_text)
            opts = iv.options(step, trial)
            default = iv.default(step, trial)
            if q.type in (Kind.choice, Kind.party):
                start = next((i for i, (_, v) in enumerate(opts) if v == default and default is not None), None)
                return self.prompter.select(message, [label for label, _ in opts], start, help_text)
            if q.type is Kind.multi:
                chosen = default if isinstance(default, list) else []
                values = [v for _, v in opts]
                selected = [values.index(c) for c in chosen if c in values]
                extra = "; ".join(str(c) for c in chosen if c not in values)
                other = ("Weitere (eigene Eingabe) …" if lang == "de" else "Other (own entry) …") if q.other else None
                return self.prompter.checkbox(message, [label for label, _ in opts], selected, extra, other, help_text)
            if has(trial, step.path) and get(trial, step.path) is not None and iv.optional(step, trial):
                message += " " + self.words["clear"]
            return self.prompter.text(message, show(q, default, trial, lang), help_text)
        except EndOfInput:
            raise UserError(self.words["piped_end"].format(question=step.label(lang, trial), file=self.file)) from None

    def _rejected(self, step: Step, trial: dict[str, Any], problem: str) -> None:
        try:
            self.prompter.rejected(problem)
        except Rejected:
            line = self.words["line"].format(n=getattr(self.prompter, "line", 0))
            label = step.label(self.interview.lang, trial)
            raise UserError(
                self.words["piped_error"].format(line=line, question=label, message=problem.rstrip("."), file=self.file)
            ) from None

    # --- the review -------------------------------------------------------------------------------------

    def review(self, findings: list[Finding], failure: str | None = None) -> Row | Screen | None:
        """The table of every answer, below it what the final check found; return what to change, or None."""
        iv, w = self.interview, self.words
        rows = iv.rows()
        console.review(w["review"], review_sections(rows, iv.lang))
        if failure:
            console.problem(w["build_failed"] + " " + failure)
        if findings:
            console.problem(w["not_valid"].format(n=len(findings)))
            for f in findings:
                where = w["row"].format(n=f.row) if f.row else w["no_row"]
                console.problem(f"  {where} – {f.label}: {f.message}")
        while True:
            try:
                text = self.prompter.text(w["change"], "", None)
            except GoBack:
                last = iv.back(None)
                if last is None:
                    continue
                return last
            except EndOfInput:
                if findings or failure:  # piped answers ended with something still to settle
                    raise UserError(
                        w["not_valid"].format(n=len(findings) or 1) + " " + "; ".join(
                            [*(f"{f.label}: {f.message}" for f in findings), *([failure] if failure else [])]
                        ), file=self.file,
                    ) from None  # fmt: skip
                return None
            t = text.strip().lstrip("+")
            if not t:
                return None
            if t.isdigit() and 1 <= int(t) <= len(rows):
                return rows[int(t) - 1]
            message = (f"bitte eine Nummer von 1 bis {len(rows)} eingeben oder Enter" if iv.lang == "de"
                       else f"please type a number from 1 to {len(rows)}, or Enter")  # fmt: skip
            try:
                self.prompter.rejected(message)
            except Rejected:
                raise UserError(message, file=self.file) from None

    def edit(self, row: Row | Screen) -> None:
        """Change one answer from the review, then ask what the change opened or made doubtful."""
        try:
            self.ask(self.interview.edit_screen(row) if isinstance(row, Row) else row)
        except GoBack:
            return
        self.ask_all()


def review_sections(rows: list[Row], lang: str) -> list[tuple[str, list[tuple[str, str, str, bool]]]]:
    """The review rows by section; the optional details after an answer or item joined into one line."""
    out: list[tuple[str, list[tuple[str, str, str, bool]]]] = []
    details: list[str] = []
    label = words(lang)["details"]

    def flush() -> None:
        if details and out:
            out[-1][1].append(("", label, " · ".join(details), True))
        details.clear()

    for row in rows:
        heading = row.section.title(lang)
        if not out or out[-1][0] != heading:
            flush()
            out.append((heading, []))
        if row.kind == "detail":
            details.append(f"{row.number} {row.label.split(': ')[-1]}: {row.short or '–'}")
            continue
        flush()
        out[-1][1].append((str(row.number), row.label, row.short, False))
    flush()
    return out
