"""The checklist: the steps the selected clauses bring, each once, by phase, with role and legal basis."""

from __future__ import annotations

import re
from typing import Any

from slp_agreements.build.selection import Selection
from slp_agreements.errors import UserError
from slp_agreements.library.clauses import Bilingual
from slp_agreements.library.templating import evaluate, render
from slp_agreements.model.document import ChecklistItem
from slp_agreements.model.formatting import english_citation
from slp_agreements.model.vocabulary import Phase

PHASE_ORDER = list(Phase)


def by_phase(items: list[ChecklistItem]) -> list[ChecklistItem]:
    """The steps in the order of the phases, keeping their order within a phase."""
    return sorted(items, key=lambda it: PHASE_ORDER.index(Phase(it.phase)))


def checklist(sel: Selection, ctx: dict[str, Any], lang: str) -> list[ChecklistItem]:
    seen: set[str] = set()
    items: list[tuple[int, int, ChecklistItem]] = []
    for n, loaded in enumerate(sel.all()):
        for i, step in enumerate(loaded.clause.checklist):
            if step.id in seen:
                continue
            if step.when and not evaluate(step.when, ctx, loaded.where("checklist", i, "when")):
                continue
            seen.add(step.id)
            source = step.text.get(lang)
            if not source:
                raise UserError(
                    f"{loaded.where('checklist', i, 'text')}: Schritt '{step.id}' hat keinen Text ({lang})."
                )
            text = re.sub(r"\s+", " ", render(source, ctx, loaded.where("checklist", i, "text"))).strip()
            basis = step.legal_basis
            basis_source = (basis.get(lang) or basis.de) if isinstance(basis, Bilingual) else (basis or "")
            basis_text = render(basis_source, ctx, loaded.where("checklist", i, "legal_basis")).strip()
            if lang == "en":
                basis_text = english_citation(basis_text)  # a German citation in the English column (Land facts)
            item = ChecklistItem(
                step.id,
                step.phase.value,
                step.phase.label(lang),
                step.role.value,
                step.role.label(lang),
                text,
                basis_text,
                loaded.clause.id,
            )
            items.append((PHASE_ORDER.index(step.phase), n, item))
    return [it for _, _, it in sorted(items, key=lambda t: (t[0], t[1]))]
