"""`clauses show`: one clause as written, with the answers it reads (build/preview.py shows it filled in)."""

from __future__ import annotations

from slp_agreements.errors import UserError
from slp_agreements.library.clauses import ClauseLibrary, Loaded, template_fields
from slp_agreements.library.context import TEXT_FUNCTIONS
from slp_agreements.model.messages import did_you_mean

PARTS = {"preamble": "Präambel", "body": "§ im Vertragstext", "annex": "Anlage", "checklist": "nur Checkliste"}


def find(library: ClauseLibrary, clause_id: str) -> Loaded:
    """The clause with this id, or a UserError with a suggestion."""
    if clause_id not in library.clauses:
        hint = did_you_mean(clause_id, library.clauses, n=3)
        raise UserError(
            f"Eine Klausel '{clause_id}' gibt es nicht{hint or '.'} Alle Kennungen: 'slp-agreements clauses list'."
        )
    return library.clauses[clause_id]


def read_names(loaded: Loaded, lang: str) -> list[str]:
    """Answers a clause's condition, title and text read, as dotted names (e.g. 'costs.model')."""
    from jinja2 import TemplateSyntaxError

    from slp_agreements.library.templating import parse, paths_in, variables

    names: set[str] = set()
    for field, source, expression in template_fields(loaded.clause):
        if field[-1] not in (lang, "when") or field[0] == "checklist":
            continue
        try:
            tree = parse(source, expression)
            top = variables(source, expression)
        except TemplateSyntaxError:  # unknown filters surface only here; lint explains them
            continue
        paths = {p for p, _ in paths_in(tree) if p[0] in top}
        names |= {".".join(p) for p in paths}
        names |= top - {p[0] for p in paths}
    return sorted(names - set(TEXT_FUNCTIONS))


def raw(loaded: Loaded, lang: str, library: ClauseLibrary) -> list[str]:
    """The clause as written, with the names of the answers it reads."""
    c = loaded.clause
    lines = [f"{c.id} (Version {c.version}, {PARTS[c.part.value]}, Reihenfolge {c.order})", f"Datei: {loaded.file}"]
    if c.id in library.disabled:
        lines.append(f"ABGESCHALTET durch {library.disabled[c.id]}")
    if c.id in library.overridden:
        old = library.overridden[c.id]
        lines.append(f"überschreibt {old.file} (Version {old.clause.version})")
    lines.append(f"Bedingung: {c.when or 'immer'}")
    if c.title:
        lines.append(f"Titel: {c.title.get(lang) or '(fehlt in dieser Sprache)'}")
    if c.text:
        lines += ["Text:", (c.text.get(lang) or "(fehlt in dieser Sprache)").rstrip()]
    names = read_names(loaded, lang)
    lines.append("Angaben aus der Antwortdatei: " + (", ".join(names) if names else "keine"))
    if c.legal_refs:
        lines.append("Normen: " + "; ".join(c.legal_refs))
    if c.covers:
        lines.append("Pflichtelemente: " + ", ".join(c.covers))
    for step in c.checklist:
        lines.append(f"Checkliste [{step.phase.value}, {step.role.value}]: {(step.text.get(lang) or '').strip()}")
    return lines
