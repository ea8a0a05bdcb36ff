"""Selection: the clauses whose condition holds for the answers, in document order, with their § and annex numbers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slp_agreements.errors import UserError
from slp_agreements.library.clauses import ClauseLibrary, Loaded, Part
from slp_agreements.library.context import answers_context
from slp_agreements.library.templating import evaluate
from slp_agreements.model.answers import Answers


@dataclass
class Selection:
    """The clauses chosen for one agreement, in document order, with their numbers."""

    preamble: list[Loaded]
    body: list[Loaded]
    annexes: list[Loaded]
    steps_only: list[Loaded]
    numbers: dict[str, str]

    def all(self) -> list[Loaded]:
        """Every selected clause in document order."""
        return [*self.preamble, *self.body, *self.annexes, *self.steps_only]


def context(answers: Answers, library: ClauseLibrary, lang: str) -> dict[str, Any]:
    """Everything a condition or a clause text may read (library/context.py says what that is)."""
    return answers_context(answers, library.laender, lang)


def select(library: ClauseLibrary, ctx: dict[str, Any]) -> Selection:
    """Clauses whose condition holds, ordered and numbered."""
    chosen = [c for c in library.active() if not c.clause.when or evaluate(c.clause.when, ctx, c.where("when"))]
    ids = {c.clause.id for c in chosen}
    for c in chosen:
        clash = [x for x in c.clause.conflicts if x in ids]
        if clash:
            raise UserError(
                f"{c.where('conflicts')}: Klausel '{c.clause.id}' darf nicht zusammen mit "
                f"'{clash[0]}' verwendet werden; bitte eine der beiden deaktivieren oder die Bedingungen anpassen."
            )

    def by_part(part: Part) -> list[Loaded]:
        return sorted((c for c in chosen if c.clause.part is part), key=lambda c: (c.clause.order, c.clause.id))

    body, annexes = by_part(Part.body), by_part(Part.annex)
    numbers = {c.clause.id: str(i) for i, c in enumerate(body, 1)}
    numbers |= {c.clause.id: str(i) for i, c in enumerate(annexes, 1)}
    return Selection(by_part(Part.preamble), body, annexes, by_part(Part.checklist), numbers)
