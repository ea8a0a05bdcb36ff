"""`clauses show --answers`: one clause as the agreement would show it for these answers."""

from __future__ import annotations

from pathlib import Path

from slp_agreements.build.sections import clause_context, section
from slp_agreements.build.selection import context, select
from slp_agreements.files.answers_file import load_answers
from slp_agreements.library.clause_view import raw
from slp_agreements.library.clauses import ClauseLibrary, Loaded, Part
from slp_agreements.model.answers import Answers
from slp_agreements.model.document import Section
from slp_agreements.model.labels import LABELS


def render_clause(answers: Answers, library: ClauseLibrary, clause_id: str, lang: str) -> Section | None:
    """One clause as the agreement would show it for these answers; None when its condition does not hold."""
    ctx = context(answers, library, lang)
    sel = select(library, ctx)
    loaded = next((c for c in sel.all() if c.clause.id == clause_id), None)
    if loaded is None or loaded.clause.text is None:
        return None
    cctx = clause_context(ctx, sel, lang, loaded)
    return section(loaded, sel.numbers.get(clause_id, ""), lang, cctx, numbered=loaded.clause.part is Part.body)


def rendered(loaded: Loaded, answers_file: Path, lang: str | None, library: ClauseLibrary) -> list[str]:
    """The clause as the agreement shows it for the answers in ``answers_file``."""
    answers = load_answers(answers_file)
    language = lang or answers.main_language.value
    shown = render_clause(answers, library, loaded.clause.id, language)
    if shown is None:
        return [
            f"'{loaded.clause.id}' kommt mit diesen Antworten nicht in den Vertrag "
            f"(Bedingung: {loaded.clause.when or 'immer'}; abgeschaltet oder ohne Text).",
            "",
            *raw(loaded, language, library),
        ]
    kind = {"body": "section", "annex": "annex"}.get(loaded.clause.part.value)
    head = f"{LABELS[language][kind]} {shown.number} {shown.title}" if kind else shown.title
    lines = [head, ""]
    for p in shown.paragraphs:
        if p.text or p.label:
            lines.append(f"{p.label} {p.text}".strip())
        lines += [f"    {'    ' * it.level}{it.label} {it.text}" for it in p.items]
        lines.append("")
    return lines
