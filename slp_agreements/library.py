"""The clause library: clause and requirement-set files, loaded from the built-in folder and user overlays."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from slp_agreements import resources
from slp_agreements.errors import Problem, UserError
from slp_agreements.yamlio import line_of, load_yaml

ClauseId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Part(str, Enum):
    """Where a clause goes in the document."""

    preamble = "preamble"
    body = "body"
    annex = "annex"
    checklist = "checklist"


class Phase(str, Enum):
    """Phase of a checklist step, in document order."""

    preparation = "preparation"
    before_signing = "before_signing"
    signing = "signing"
    after_signing = "after_signing"
    operation = "operation"


class Role(str, Enum):
    """Who is responsible for a checklist step."""

    regional_management = "regional_management"
    legal_office = "legal_office"
    dpo = "dpo"
    it = "it"
    council = "council"
    administration_head = "administration_head"
    finance = "finance"
    all_parties = "all_parties"
    lead = "lead"
    host = "host"
    procurement = "procurement"
    press = "press"


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
    legal_basis: str | None = None


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
    line_map: dict[tuple[str | int, ...], int]
    digest: str

    def line(self, *path: str | int) -> int | None:
        """Line of a field in the clause file."""
        return line_of(self.line_map, tuple(path))


@dataclass
class ClauseLibrary:
    """All clauses, requirement sets and Land facts, after overlays are applied."""

    clauses: dict[str, Loaded] = field(default_factory=dict)
    requirement_sets: dict[str, RequirementSet] = field(default_factory=dict)
    requirement_files: dict[str, Path] = field(default_factory=dict)
    laender: dict[str, Any] = field(default_factory=dict)
    disabled: dict[str, Path] = field(default_factory=dict)
    overridden: dict[str, Loaded] = field(default_factory=dict)
    folders: list[Path] = field(default_factory=list)

    def active(self) -> list[Loaded]:
        """Clauses not disabled, in a stable order."""
        return [c for cid, c in self.clauses.items() if cid not in self.disabled]

    def elements(self) -> dict[str, tuple[RequirementSet, Element]]:
        """Every requirement element by id."""
        return {e.id: (rs, e) for rs in self.requirement_sets.values() for e in rs.elements}


def _errors(exc: ValidationError, lines: dict[tuple[str | int, ...], int]) -> list[Problem]:
    out = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        line = line_of(lines, loc)
        where = ".".join(str(p) for p in loc) + (f" (Zeile {line})" if line else "")
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unbekannter Schlüssel"
        elif err["type"] == "string_pattern_mismatch" and loc and loc[-1] == "id":
            msg = "Kennung: Kleinbuchstaben mit Punkt, z. B. 'coop.costs'"
        out.append(Problem(where, msg))
    return out


def _read_clause(path: Path, problems: list[tuple[Path, Problem]]) -> Loaded | None:
    try:
        raw, lines = load_yaml(path, "Klauseldatei")
    except UserError as exc:
        problems.append((path, Problem("", exc.message)))
        return None
    try:
        clause = Clause.model_validate(raw)
    except ValidationError as exc:
        problems += [(path, p) for p in _errors(exc, lines)]
        return None
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return Loaded(clause, path, lines, digest)


def _read_requirements(path: Path, problems: list[tuple[Path, Problem]]) -> RequirementSet | None:
    try:
        raw, lines = load_yaml(path, "Anforderungsdatei")
        return RequirementSet.model_validate(raw)
    except UserError as exc:
        problems.append((path, Problem("", exc.message)))
    except ValidationError as exc:
        problems += [(path, p) for p in _errors(exc, lines)]
    return None


def clause_files(folder: Path) -> list[Path]:
    """Clause files of a folder, sorted (requirement sets and laender.yaml excluded)."""
    return sorted(
        p
        for p in folder.rglob("*.y*ml")
        if p.suffix in (".yaml", ".yml")
        and "requirements" not in p.relative_to(folder).parts[:-1]
        and p.name != "laender.yaml"
        and not p.name.startswith(".")
    )


def load_library(overlays: Iterable[Path] = (), builtin: Path | None = None) -> ClauseLibrary:
    """Load the built-in library and lay each overlay folder over it, in order."""
    lib = ClauseLibrary()
    problems: list[tuple[Path, Problem]] = []
    folders = [builtin or resources.clauses_dir(), *overlays]
    for folder in folders:
        if not folder.is_dir():
            raise UserError("Klauselordner nicht gefunden. Bitte den Pfad prüfen.", file=folder)
        lib.folders.append(folder)
        _load_folder(lib, folder, folder is folders[0], problems)
    if problems:
        raise UserError(
            f"{len(problems)} Problem(e) in der Klauselbibliothek; mit 'slp-agreements clauses lint' prüfen:",
            problems=[Problem(f"{path}: {p.where}" if p.where else str(path), p.message) for path, p in problems],
        )
    return lib


def _load_folder(lib: ClauseLibrary, folder: Path, builtin: bool, problems: list[tuple[Path, Problem]]) -> None:
    laender = folder / "laender.yaml"
    if laender.is_file():
        try:
            data, _ = load_yaml(laender, "Länderdatei")
            lib.laender.update(data)
        except UserError as exc:
            problems.append((laender, Problem("", exc.message)))
    for path in sorted((folder / "requirements").glob("*.yaml")) if (folder / "requirements").is_dir() else []:
        rs = _read_requirements(path, problems)
        if rs:
            lib.requirement_sets[rs.id] = rs
            lib.requirement_files[rs.id] = path
    seen_here: dict[str, Path] = {}
    for path in clause_files(folder):
        loaded = _read_clause(path, problems)
        if loaded is None:
            continue
        clause = loaded.clause
        if clause.id in seen_here:
            problems.append(
                (path, Problem("id", f"Kennung '{clause.id}' ist schon in {seen_here[clause.id]} vergeben"))
            )
            continue
        seen_here[clause.id] = path
        target = clause.overrides or clause.id
        if clause.overrides and target not in lib.clauses:
            problems.append((path, Problem("overrides", f"es gibt keine Klausel '{target}' zum Überschreiben")))
            continue
        if clause.disabled:
            lib.disabled[target] = path
            continue
        if not builtin and target in lib.clauses and not clause.overrides:
            problems.append(
                (
                    path,
                    Problem(
                        "id",
                        f"Kennung '{target}' gibt es schon in {lib.clauses[target].file}; "
                        f"zum Ersetzen 'overrides: {target}' angeben",
                    ),
                )
            )
            continue
        if clause.overrides:
            lib.overridden[target] = lib.clauses[target]
            if clause.id != target:
                problems.append((path, Problem("id", f"eine Überschreibung muss die Kennung '{target}' behalten")))
                continue
        lib.clauses[target] = loaded
