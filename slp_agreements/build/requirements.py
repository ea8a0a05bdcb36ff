"""Mandatory content: which requirement elements apply to the answers, which selected clauses cover them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slp_agreements.build.selection import Selection
from slp_agreements.errors import Problem, UserError
from slp_agreements.library.clauses import ClauseLibrary, Element, RequirementSet
from slp_agreements.library.templating import evaluate


@dataclass
class Coverage:
    """One applicable requirement element and the selected clauses that cover it."""

    requirement_set: RequirementSet
    element: Element
    covered_by: list[str]


def coverage(library: ClauseLibrary, sel: Selection, ctx: dict[str, Any]) -> list[Coverage]:
    """The coverage matrix: every applicable element with the selected clauses covering it."""
    rows = []
    for rs in library.requirement_sets.values():
        where = f"{library.requirement_files[rs.id]}: when"
        if rs.when and not evaluate(rs.when, ctx, where):
            continue
        for el in rs.elements:
            if el.when and not evaluate(el.when, ctx, f"{library.requirement_files[rs.id]}: {el.id}.when"):
                continue
            rows.append(Coverage(rs, el, [c.clause.id for c in sel.all() if el.id in c.clause.covers]))
    return rows


def check_requirements(library: ClauseLibrary, rows: list[Coverage], lang: str) -> None:
    """Fail when an applicable requirement element is covered by no selected clause."""
    missing = []
    for row in rows:
        if row.covered_by:
            continue
        el, rs = row.element, row.requirement_set
        could = [c.clause.id for c in library.clauses.values() if el.id in c.clause.covers]
        named = [f"{c} (deaktiviert)" if c in library.disabled else c for c in could]
        hint = f"abgedeckt werden könnte es durch: {', '.join(named)}" if could else "keine Klausel deckt es ab"
        missing.append(Problem(f"{rs.id} / {el.id}", f"{getattr(el, lang)} ({el.norm or rs.norm}); {hint}"))
    if missing:
        raise UserError(
            "Pflichtinhalt fehlt: die gewählten Klauseln decken nicht alle Pflichtelemente ab. "
            "Klausel wieder aktivieren oder eine eigene Klausel mit 'covers:' ergänzen.",
            problems=missing,
        )
