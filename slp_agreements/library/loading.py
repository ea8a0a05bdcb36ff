"""Loading the clause library: the built-in folder, then each user folder laid over it (add, override, disable)."""

from __future__ import annotations

import gc
import hashlib
import pickle
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import BaseModel, ValidationError

from slp_agreements import resources
from slp_agreements.errors import UserError
from slp_agreements.files import cache as text_cache
from slp_agreements.files.answers_file import named_path
from slp_agreements.files.cache import load_yaml_cached
from slp_agreements.files.yamlfile import MAX_FILE_BYTES
from slp_agreements.library.clauses import (
    Clause,
    ClauseLibrary,
    Loaded,
    LoadProblem,
    RequirementSet,
    content_line,
    template_fields,
)
from slp_agreements.library.land_files import LAND_FOLDER, read_land_folder
from slp_agreements.library.land_requirements import add_land_requirements
from slp_agreements.model.answers import Answers
from slp_agreements.model.fields import first_control
from slp_agreements.model.formatting import count
from slp_agreements.model.messages import did_you_mean, error_message
from slp_agreements.model.paths import FieldPath, line_of


def _errors(
    exc: ValidationError, lines: dict[FieldPath, int], root: type[BaseModel]
) -> list[tuple[str, int | None, str]]:
    return [
        (".".join(str(p) for p in err["loc"]), line_of(lines, tuple(err["loc"])), error_message(err, root))
        for err in exc.errors()
    ]


def _static_problems(loaded: Loaded, compile_: bool = False) -> list[LoadProblem]:
    """Syntax errors and reaching for Python internals, found without running anything.

    Both read the facts of each text (library/text_facts.py, cached on disk); lint also reports unknown filters
    and tests, which a build finds when it renders.
    """
    from jinja2 import TemplateSyntaxError

    from slp_agreements.library import templating, text_facts

    out = _control_characters(loaded)
    for path, source, expression in template_fields(loaded.clause):
        where = ".".join(str(p) for p in path)
        if any(p.where == where for p in out):
            continue
        try:
            found = text_facts.facts(source, expression)
            unsafe = found.unsafe
            unknown = text_facts.first_problem(found) if compile_ and not unsafe else None
            if unknown is not None:
                raise unknown
        except TemplateSyntaxError as exc:
            line = content_line(loaded, path, templating.syntax_line(source, exc))
            message = f"Jinja-Syntaxfehler: {templating.syntax_message(exc)}"
            out.append(LoadProblem(loaded.file, line, where, message, "jinja-syntax"))
            continue
        for lineno, message in [] if unsafe else found.excess:
            line = content_line(loaded, path, lineno)
            out.append(
                LoadProblem(loaded.file, line, where, f"{message}; die Klausel wird so nicht ausgeführt", "limit")
            )
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


def _control_characters(loaded: Loaded) -> list[LoadProblem]:
    """Control characters in any text of a clause, with their line: Word cannot hold them, a terminal obeys them."""
    out = []
    for path, value in _strings(loaded.clause.model_dump(exclude_none=True), ()):
        at = first_control(value)
        if at is None:
            continue
        line = content_line(loaded, path, value.count("\n", 0, at) + 1) or loaded.line(*path)
        out.append(
            LoadProblem(
                loaded.file,
                line,
                ".".join(str(p) for p in path),
                f"enthält das Steuerzeichen U+{ord(value[at]):04X}, das Word nicht darstellen kann; bitte "
                "den Text an dieser Stelle neu eintippen",
                "control-character",
            )
        )
    return out


def _strings(value: object, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _strings(inner, (*path, key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _strings(inner, (*path, i))


def _read_clause(path: Path, problems: list[LoadProblem]) -> Loaded | None:
    try:
        raw, lines = load_yaml_cached(path, "Klauseldatei")
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
        raw, lines = load_yaml_cached(path, "Anforderungsdatei")
        return RequirementSet.model_validate(raw)
    except UserError as exc:
        problems.append(LoadProblem(path, _line_in(exc.message), "", exc.message))
    except ValidationError as exc:
        problems += [LoadProblem(path, line, where, msg) for where, line, msg in _errors(exc, lines, RequirementSet)]
    return None


OLD_LAENDER_FILE = "laender.yaml"  # the Land facts of schema version 1 (one file for all Länder)


def clause_files(folder: Path) -> list[Path]:
    """Clause files of a folder, sorted (requirement sets, laender.yaml and the laender/ folder excluded)."""
    return sorted(
        p
        for p in folder.rglob("*.y*ml")
        if p.suffix in (".yaml", ".yml")
        and "requirements" not in p.relative_to(folder).parts[:-1]
        and LAND_FOLDER not in p.relative_to(folder).parts[:1]
        and p.name != OLD_LAENDER_FILE
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
    add_land_requirements(lib.requirement_sets, lib.requirement_files, lib.laender, lib.land_files)
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
    folders = [builtin or resources.clauses_dir(), *overlays]
    entry = _snapshot_entry(folders)
    lib = _from_snapshot(entry) if entry is not None else None
    if lib is None:
        lib, problems = read_library(overlays, builtin)
        if problems:
            error = UserError(
                f"{count(len(problems), 'Problem', 'Probleme')} in der Klauselbibliothek; "
                "mit 'slp-agreements clauses lint' prüfen:",
                problems=[p.problem() for p in problems],
            )
            if _shared is not None:
                _shared[key] = error
            raise error
        if entry is not None:
            text_cache.write_snapshot(entry, pickle.dumps(lib, protocol=pickle.HIGHEST_PROTOCOL))
    _freeze_once()
    if _shared is not None:
        _shared[key] = lib
    return lib


_frozen: list[bool] = []


def _freeze_once() -> None:
    """The first library, the modules and their models live until the process ends: the garbage collector need not
    walk them again and again while an agreement is written (a tenth of a build's time otherwise). Only once per
    process, so that a server loading more libraries keeps collecting what later becomes garbage."""
    if not _frozen:
        _frozen.append(True)
        gc.freeze()


def _snapshot_entry(folders: list[Path]) -> bytes | None:
    """The key of a loaded library without problems: its folders, every YAML file in them with its bytes, and
    the source of the code that reads and checks them; None when the cache is off or a folder is missing."""
    if not text_cache.enabled() or not all(f.is_dir() for f in folders):
        return None
    parts: list[str | bytes] = ["library", text_cache.source_key(*SNAPSHOT_SOURCES)]
    try:
        for folder in folders:
            parts.append(str(folder.resolve()))
            for path in sorted(folder.rglob("*.y*ml")):
                if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
                    return None  # read_library says what is wrong, before reading it
                parts += [str(path.relative_to(folder)), path.read_bytes()]
    except OSError:
        return None
    return text_cache.key(*parts)


# What decides the objects of a loaded library: a change to any of them makes new snapshots.
SNAPSHOT_SOURCES = ("library", "model", "files/land_facts.py", "files/yamlfile.py", "files/cache.py")


def _from_snapshot(entry: bytes) -> ClauseLibrary | None:
    """The library kept by an earlier run with the same files, or None (then it is read and checked anew)."""
    data = text_cache.read_snapshot(entry)
    if data is None:
        return None
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of new objects, none of them garbage: the collector would only walk them
    try:
        lib = pickle.loads(data)
    except Exception:  # not what this program wrote
        return None
    finally:
        if collecting:
            gc.enable()
    return lib if isinstance(lib, ClauseLibrary) else None


def _load_folder(
    lib: ClauseLibrary, folder: Path, builtin: bool, problems: list[LoadProblem], thorough: bool = False
) -> None:
    _load_land_facts(lib, folder, problems)
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


def _load_land_facts(lib: ClauseLibrary, folder: Path, problems: list[LoadProblem]) -> None:
    """A folder's laender/<LAND>.yaml files replace the facts of their Land; an old laender.yaml is named."""
    try:
        found = read_land_folder(folder)
        lib.laender.update({land.value: facts for land, facts in found.items()})
        lib.land_files.update({land.value: folder / LAND_FOLDER / f"{land.value}.yaml" for land in found})
    except UserError as exc:
        file = Path(exc.file) if exc.file else folder / LAND_FOLDER
        if not exc.problems:
            problems.append(LoadProblem(file, None, "", exc.message))
        problems += [LoadProblem(file, None, p.where, p.message) for p in exc.problems]
    if (folder / OLD_LAENDER_FILE).is_file():
        message = (
            "laender.yaml wird nicht mehr gelesen: Landesdaten stehen je Land in laender/<LAND>.yaml "
            "(docs/laenderdaten.md); bitte die Angaben dorthin übertragen und die Datei entfernen."
        )
        problems.append(LoadProblem(folder / OLD_LAENDER_FILE, None, "", message))


def library_for(answers: Answers, answers_file: Path | None, extra: list[Path]) -> ClauseLibrary:
    """The built-in library with the answers file's own folders and the command line's folders laid over it."""
    base = answers_file.parent if answers_file else Path.cwd()
    own = [named_path(base, d) for d in answers.library]
    for i, (entry, folder) in enumerate(zip(answers.library, own, strict=True)):
        if not folder.is_dir():
            raise UserError(
                f"library[{i}]: Klauselordner '{entry}' nicht gefunden (gesucht: {folder}); "
                "Pfade gelten relativ zur Antwortdatei.",
                file=answers_file,
            )
    return load_library(own + list(extra))
