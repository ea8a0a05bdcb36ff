"""The clause library: clause and requirement-set files, loaded from the built-in folder and user overlays."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from slp_agreements import resources
from slp_agreements.errors import Problem, UserError
from slp_agreements.files.yamlfile import block_scalar_paths, load_yaml
from slp_agreements.model.messages import did_you_mean, error_message
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


def _errors(
    exc: ValidationError, lines: dict[FieldPath, int], root: type[BaseModel]
) -> list[tuple[str, int | None, str]]:
    return [
        (".".join(str(p) for p in err["loc"]), line_of(lines, tuple(err["loc"])), error_message(err, root))
        for err in exc.errors()
    ]


def template_fields(clause: Clause) -> Iterator[tuple[FieldPath, str, bool]]:
    """(field path, source, is a condition) for every condition and text of a clause."""
    if clause.when:
        yield ("when",), clause.when, True
    for name in ("title", "text"):
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


def _static_problems(loaded: Loaded, compile_: bool = False) -> list[LoadProblem]:
    """Syntax errors and reaching for Python internals, found without running anything.

    A build only parses (fast); lint also compiles, which finds unknown filters too.
    """
    from jinja2 import TemplateSyntaxError

    from slp_agreements import templating

    out = []
    for path, source, expression in template_fields(loaded.clause):
        where = ".".join(str(p) for p in path)
        try:
            tree = templating.parse(source, expression)
            unsafe = templating.unsafe_nodes(tree)
            if compile_ and not unsafe:
                templating.check(source, expression)
        except TemplateSyntaxError as exc:
            line = content_line(loaded, path, templating.syntax_line(source, exc))
            message = f"Jinja-Syntaxfehler: {templating.syntax_message(exc)}"
            out.append(LoadProblem(loaded.file, line, where, message, "jinja-syntax"))
            continue
        for name, lineno in unsafe:
            out.append(
                LoadProblem(
                    loaded.file,
                    content_line(loaded, path, lineno),
                    where,
                    f"'{name}' ist ein interner Python-Name; Klauseln dürfen nur Angaben aus der Antwortdatei "
                    "lesen. Die Klausel wird nicht ausgeführt.",
                    "internal-name",
                )
            )
    return out


def content_line(loaded: Loaded, path: FieldPath, template_line: int) -> int | None:
    """Line in the YAML file of line ``template_line`` of a text (block scalars start below their key)."""
    start = loaded.line(*path)
    if start is None:
        return None
    block = block_scalar_paths(loaded.file).get(path, False)
    return start + template_line - (0 if block else 1)


def _read_clause(path: Path, problems: list[LoadProblem]) -> Loaded | None:
    try:
        raw, lines = load_yaml(path, "Klauseldatei")
    except UserError as exc:
        problems.append(LoadProblem(path, _line_in(exc.message), "", exc.message))
        return None
    try:
        clause = Clause.model_validate(raw)
    except ValidationError as exc:
        problems += [LoadProblem(path, line, where, msg) for where, line, msg in _errors(exc, lines, Clause)]
        return None
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return Loaded(clause, path, lines, digest)


def _line_in(message: str) -> int | None:
    m = re.match(r"Zeile (\d+)", message)
    return int(m.group(1)) if m else None


def _read_requirements(path: Path, problems: list[LoadProblem]) -> RequirementSet | None:
    try:
        raw, lines = load_yaml(path, "Anforderungsdatei")
        return RequirementSet.model_validate(raw)
    except UserError as exc:
        problems.append(LoadProblem(path, _line_in(exc.message), "", exc.message))
    except ValidationError as exc:
        problems += [LoadProblem(path, line, where, msg) for where, line, msg in _errors(exc, lines, RequirementSet)]
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


def read_library(
    overlays: Iterable[Path] = (), builtin: Path | None = None, thorough: bool = False
) -> tuple[ClauseLibrary, list[LoadProblem]]:
    """Load the built-in library and each overlay folder over it; return every problem instead of failing.

    ``thorough`` (lint) also compiles every text, which finds unknown filters; a build only parses.
    """
    lib = ClauseLibrary()
    problems: list[LoadProblem] = []
    folders = [builtin or resources.clauses_dir(), *overlays]
    for i, folder in enumerate(folders):
        if not folder.is_dir():
            raise UserError("Klauselordner nicht gefunden. Bitte den Pfad prüfen.", file=folder)
        twice = _layered_twice(folder, folders[:i])
        if twice:
            problems.append(LoadProblem(folder, None, "", twice, "cycle"))
            continue
        lib.folders.append(folder)
        _load_folder(lib, folder, i == 0, problems, thorough)
    return lib, problems


def _layered_twice(folder: Path, before: list[Path]) -> str | None:
    """Why a folder must not be layered again: it is, contains or lies inside a folder already loaded."""
    here = folder.resolve()
    for other in before:
        there = other.resolve()
        if here == there:
            return f"der Ordner ist schon geladen ({other}); jeder Ordner darf nur einmal angegeben werden"
        if there in here.parents or here in there.parents:
            return (
                f"der Ordner liegt in {other} oder enthält ihn; seine Klauseln würden doppelt geladen. "
                "Bitte eigene Klauseln in einem getrennten Ordner ablegen."
            )
    return None


_shared: dict[tuple[str, ...], ClauseLibrary | UserError] | None = None


@contextmanager
def shared() -> Iterator[None]:
    """Within this block each combination of folders is loaded once (a batch builds many agreements with it)."""
    global _shared
    outer, _shared = _shared, {} if _shared is None else _shared
    try:
        yield
    finally:
        _shared = outer


def load_library(overlays: Iterable[Path] = (), builtin: Path | None = None) -> ClauseLibrary:
    """Load the built-in library and lay each overlay folder over it, in order."""
    overlays = list(overlays)
    key = tuple(str(p.resolve()) for p in [builtin or resources.clauses_dir(), *overlays])
    if _shared is not None and key in _shared:
        found = _shared[key]
        if isinstance(found, UserError):
            raise found
        return found
    lib, problems = read_library(overlays, builtin)
    if problems:
        error = UserError(
            f"{len(problems)} Problem(e) in der Klauselbibliothek; mit 'slp-agreements clauses lint' prüfen:",
            problems=[p.problem() for p in problems],
        )
        if _shared is not None:
            _shared[key] = error
        raise error
    if _shared is not None:
        _shared[key] = lib
    return lib


def _load_folder(
    lib: ClauseLibrary, folder: Path, builtin: bool, problems: list[LoadProblem], thorough: bool = False
) -> None:
    laender = folder / "laender.yaml"
    if laender.is_file():
        try:
            data, _ = load_yaml(laender, "Länderdatei")
            lib.laender.update(data)
        except UserError as exc:
            problems.append(LoadProblem(laender, _line_in(exc.message), "", exc.message))
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
        line = loaded.line("id")

        def problem(where: str, message: str, code: str = "schema", at: int | None = line, file: Path = path) -> None:
            problems.append(LoadProblem(file, at, where, message, code))

        if clause.id in seen_here:
            problem("id", f"Kennung '{clause.id}' ist schon in {seen_here[clause.id]} vergeben", "duplicate-id")
            continue
        seen_here[clause.id] = path
        problems.extend(_static_problems(loaded, thorough))
        target = clause.overrides or clause.id
        if clause.overrides and target not in lib.clauses:
            hint = did_you_mean(target, lib.clauses)
            problem("overrides", f"es gibt keine Klausel '{target}' zum Überschreiben{hint}", "unknown-ref",
                    loaded.line("overrides"))  # fmt: skip
            continue
        if clause.overrides and clause.id != target:
            problem("id", f"eine Überschreibung muss die Kennung '{target}' behalten")
            continue
        if clause.disabled:
            if target not in lib.clauses and not builtin:
                hint = did_you_mean(target, lib.clauses)
                problem("id", f"es gibt keine Klausel '{target}' zum Abschalten{hint}", "unknown-ref")
                continue
            lib.disabled[target] = path
            lib.clauses.setdefault(target, loaded)
            continue
        if not builtin and target in lib.clauses and not clause.overrides:
            problem(
                "id",
                f"Kennung '{target}' gibt es schon in {lib.clauses[target].file}; zum Ersetzen 'overrides: {target}' "
                "und 'based_on_version:' angeben, zum Abschalten 'disabled: true'",
                "duplicate-id",
            )
            continue
        if clause.overrides:
            # Keep the clause first overridden (normally the built-in one), so lint compares against it.
            lib.overridden.setdefault(target, lib.clauses[target])
        lib.clauses[target] = loaded
