"""The clause library's data: clause and requirement-set files as models, a loaded clause, the whole library.

One YAML file per clause (docs/clause-format.md); loading.py reads them and lays user folders over the library.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from slp_agreements.errors import Problem
from slp_agreements.files.yamlfile import block_scalar_paths
from slp_agreements.model.land import LandFacts
from slp_agreements.model.paths import FieldPath, line_of
from slp_agreements.model.vocabulary import Phase, Role

ClauseId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Part(str, Enum):
    """Where a clause goes in the document."""

    preamble = "preamble"
    body = "body"
    annex = "annex"
    checklist = "checklist"


class TableKind(str, Enum):
    """Tables an annex can carry, built from the answers."""

    parties = "parties"
    datasets = "datasets"
    subprocessors = "subprocessors"
    indicators = "indicators"


class Bilingual(_Strict):
    """A text in German (authoritative) and English."""

    de: Annotated[str, StringConstraints(min_length=1)]
    en: str | None = None

    def get(self, lang: str) -> str | None:
        """The text in ``lang``."""
        return self.de if lang == "de" else self.en


class ChecklistStep(_Strict):
    """A step before or after signing that a clause brings into the checklist."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$")]
    phase: Phase
    role: Role
    when: str | None = None
    text: Bilingual
    legal_basis: str | Bilingual | None = None


class Clause(_Strict):
    """One clause of the library (one YAML file)."""

    id: ClauseId
    version: Annotated[int, Field(ge=1)] = 1
    part: Part = Part.body
    order: int = 500
    when: str | None = None
    title: Bilingual | None = None
    text: Bilingual | None = None
    legal_refs: list[str] = Field(default_factory=list)
    notes: Bilingual | None = None  # the Erläuterungen of the §: purpose, the options chosen, legal background
    covers: list[str] = Field(default_factory=list)
    conflicts: list[str] = Field(default_factory=list)
    table: TableKind | None = None
    checklist: list[ChecklistStep] = Field(default_factory=list)
    overrides: str | None = None
    based_on_version: int | None = None
    disabled: bool = False
    description: str | None = None


class Element(_Strict):
    """One mandatory element of a requirement set."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]*$")]
    de: str
    en: str
    norm: str | None = None
    when: str | None = None


class RequirementSet(_Strict):
    """Elements an agreement must contain when the set applies (e.g. Art. 28(3) GDPR)."""

    id: str
    title: Bilingual
    norm: str
    source: str
    when: str | None = None
    elements: list[Element]


@dataclass(frozen=True)
class Loaded:
    """A clause with where it came from."""

    clause: Clause
    file: Path
    line_map: dict[FieldPath, int]
    digest: str

    def line(self, *path: str | int) -> int | None:
        """Line of a field in the clause file."""
        return line_of(self.line_map, tuple(path))

    def where(self, *path: str | int) -> str:
        """'file: field (Zeile n)' for messages about a field of the clause file."""
        line = self.line(*path)
        return f"{self.file}: {'.'.join(str(f) for f in path)}" + (f" (Zeile {line})" if line else "")


@dataclass
class ClauseLibrary:
    """All clauses, requirement sets and Land facts, after overlays are applied."""

    clauses: dict[str, Loaded] = field(default_factory=dict)
    requirement_sets: dict[str, RequirementSet] = field(default_factory=dict)
    requirement_files: dict[str, Path] = field(default_factory=dict)
    laender: dict[str, LandFacts] = field(default_factory=dict)  # by Land code ('NI')
    land_files: dict[str, Path] = field(default_factory=dict)  # where each Land's facts were read
    disabled: dict[str, Path] = field(default_factory=dict)
    overridden: dict[str, Loaded] = field(default_factory=dict)
    folders: list[Path] = field(default_factory=list)

    def active(self) -> list[Loaded]:
        """Clauses not disabled, in a stable order."""
        return [c for cid, c in self.clauses.items() if cid not in self.disabled]

    def elements(self) -> dict[str, tuple[RequirementSet, Element]]:
        """Every requirement element by id."""
        return {e.id: (rs, e) for rs in self.requirement_sets.values() for e in rs.elements}


@dataclass(frozen=True)
class LoadProblem:
    """A problem found while loading a clause folder, with its file and line (for build messages and lint)."""

    file: Path
    line: int | None
    where: str
    message: str
    code: str = "schema"

    def problem(self) -> Problem:
        """As a Problem for a UserError: 'file: field (Zeile n)'."""
        where = f"{self.file}: {self.where}" if self.where else str(self.file)
        if self.line and "Zeile" not in self.where:
            where += f" (Zeile {self.line})"
        return Problem(where, self.message)


def template_fields(clause: Clause) -> Iterator[tuple[FieldPath, str, bool]]:
    """(field path, source, is a condition) for every condition and text of a clause."""
    if clause.when:
        yield ("when",), clause.when, True
    for name in ("title", "text", "notes"):
        value: Bilingual | None = getattr(clause, name)
        for lang in ("de", "en"):
            source = value.get(lang) if value else None
            if source:
                yield (name, lang), source, False
    for i, step in enumerate(clause.checklist):
        if step.when:
            yield ("checklist", i, "when"), step.when, True
        for lang in ("de", "en"):
            source = step.text.get(lang)
            if source:
                yield ("checklist", i, "text", lang), source, False
        basis = step.legal_basis
        if isinstance(basis, str):
            yield ("checklist", i, "legal_basis"), basis, False
        elif basis is not None:
            for lang in ("de", "en"):
                source = basis.get(lang)
                if source:
                    yield ("checklist", i, "legal_basis", lang), source, False


def content_line(loaded: Loaded, path: FieldPath, template_line: int) -> int | None:
    """Line in the YAML file of line ``template_line`` of a text (block scalars start below their key)."""
    start = loaded.line(*path)
    if start is None:
        return None
    block = block_scalar_paths(loaded.file).get(path, False)
    return start + template_line - (0 if block else 1)
