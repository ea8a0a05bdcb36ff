"""Lint of clause folders: every mistake found without building, with file and line (``clauses lint``).

What counts as a *cycle* here: a folder layered twice (or a folder inside another layered folder, whose clauses
would load twice) is an error; a clause that refers to itself with ``ref()`` is a warning. Clauses referring to
each other (§ 3 names § 7, § 7 names § 3) are normal in contracts and are not reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

from slp_agreements.library.clauses import ClauseLibrary, Loaded, Part
from slp_agreements.library.context import readable_names
from slp_agreements.library.findings import Finding, finding
from slp_agreements.library.lint_texts import text_findings
from slp_agreements.library.loading import read_library
from slp_agreements.model.messages import did_you_mean

Severity = Literal["error", "warning"]


def lint(folders: Sequence[Path] = (), builtin: Path | None = None) -> list[Finding]:
    """Check the built-in library with ``folders`` laid over it; errors first, by file and line.

    A Word template is checked by render/templates.py (``template_findings``); ``ordered`` merges both.
    """
    lib, problems = read_library(folders, builtin, thorough=True)
    findings = [
        Finding("error", p.file, p.line, f"{p.where}: {p.message}" if p.where else p.message, p.code) for p in problems
    ]
    paths: dict[tuple[str, ...], str | None] = {}
    for loaded in _clauses(lib):
        findings += _structure(loaded)
        findings += _translations(loaded)
        findings += text_findings(loaded, lib, paths)
        findings += _links(loaded, lib)
    findings += _overrides(lib)
    findings += _requirement_sets(lib)
    return ordered(findings)


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Each finding once (two calls on one line give one), errors first, by file and line."""
    unique = list(dict.fromkeys(findings))
    return sorted(unique, key=lambda f: (f.severity != "error", str(f.file or ""), f.line or 0))


def _clauses(lib: ClauseLibrary) -> list[Loaded]:
    """Every loaded clause, disabled ones too (their mistakes still deserve a word)."""
    return list(lib.clauses.values())


def _structure(loaded: Loaded) -> list[Finding]:
    """Fields a clause needs for its part: a § needs title and text, a checklist-only clause needs steps."""
    c = loaded.clause
    out = []
    if c.part in (Part.body, Part.annex) and c.title is None:
        out.append(
            finding(
                "error",
                loaded,
                ("title",),
                "fehlt; ein § und eine Anlage brauchen eine Überschrift",
                "schema",
                loaded.line("part"),
            )
        )
    if c.part in (Part.body, Part.preamble) and c.text is None:
        out.append(
            finding(
                "error",
                loaded,
                ("text",),
                "fehlt; ohne Text erscheint die Klausel nicht im Vertrag",
                "schema",
                loaded.line("part"),
            )
        )
    if c.part is Part.checklist and not c.checklist:
        out.append(
            finding(
                "error",
                loaded,
                ("checklist",),
                "fehlt; part: checklist bringt nur Checklistenschritte",
                "schema",
                loaded.line("part"),
            )
        )
    if c.part is Part.body and c.notes is None and not c.disabled:
        out.append(
            finding(
                "warning",
                loaded,
                ("notes",),
                "fehlt; ohne Erläuterungen (notes: de, en) bleibt der § in der Handreichung für Rat und "
                "Verwaltung leer",
                "notes",
                loaded.line("part"),
            )
        )
    if c.table is not None and c.part is not Part.annex:
        out.append(finding("error", loaded, ("table",), "Tabellen gibt es nur in Anlagen (part: annex)", "schema"))
    steps: dict[str, int] = {}
    for i, step in enumerate(c.checklist):
        if step.id in steps:
            out.append(
                finding(
                    "error",
                    loaded,
                    ("checklist", i, "id"),
                    f"Schritt '{step.id}' steht in dieser Klausel schon an Stelle {steps[step.id] + 1}",
                    "duplicate-id",
                )
            )
        steps.setdefault(step.id, i)
    return out


def _translations(loaded: Loaded) -> list[Finding]:
    """German is required by the schema; a missing English text breaks only English builds, so it is a warning."""
    c = loaded.clause
    out = []
    fields: list[tuple[tuple[str | int, ...], Any]] = [
        (("title",), c.title),
        (("text",), c.text),
        (("notes",), c.notes),
    ]
    fields += [(("checklist", i, "text"), s.text) for i, s in enumerate(c.checklist)]
    for field, value in fields:
        if value is not None and not (value.en or "").strip():
            out.append(
                finding(
                    "warning",
                    loaded,
                    field,
                    "die englische Fassung (en) fehlt; ein Build mit --lang en "
                    "bricht ab, sobald die Klausel gewählt ist",
                    "translation",
                )
            )
        if value is not None and not value.de.strip():
            out.append(finding("error", loaded, field, "die deutsche Fassung (de) ist leer", "translation"))
    return out


def _links(loaded: Loaded, lib: ClauseLibrary) -> Iterator[Finding]:
    """conflicts and covers: every id named must exist, and conflicting clauses must be able to stay apart."""
    c = loaded.clause
    elements = lib.elements()
    for i, other in enumerate(c.conflicts):
        field = ("conflicts", i)
        if other == c.id:
            yield finding("error", loaded, field, "eine Klausel kann nicht mit sich selbst kollidieren", "conflict")
        elif other not in lib.clauses:
            yield finding(
                "error",
                loaded,
                field,
                f"eine Klausel '{other}' gibt es nicht{did_you_mean(other, lib.clauses)}",
                "conflict",
            )
        elif other not in lib.disabled and c.id not in lib.disabled:
            theirs = lib.clauses[other].clause.when
            if (c.when or "").strip() == (theirs or "").strip():
                yield finding(
                    "error",
                    loaded,
                    field,
                    f"'{c.id}' und '{other}' schließen sich aus, haben aber dieselbe "
                    f"Bedingung ({c.when or 'immer'}); jeder Build mit einer der beiden bräche ab. "
                    "Bedingungen gegensätzlich formulieren oder eine der beiden abschalten",
                    "conflict",
                )
    for i, element in enumerate(c.covers):
        if element not in elements:
            yield finding(
                "error",
                loaded,
                ("covers", i),
                f"das Pflichtelement '{element}' kennt kein Anforderungskatalog{did_you_mean(element, elements)}",
                "unknown-element",
            )


def _overrides(lib: ClauseLibrary) -> Iterator[Finding]:
    """An override written against an older version of the built-in clause is a warning to compare the texts."""
    for cid, old in lib.overridden.items():
        new = lib.clauses[cid]
        if new.clause.based_on_version is None:
            yield finding(
                "warning",
                new,
                ("overrides",),
                f"'based_on_version: {old.clause.version}' ergänzen, damit "
                f"eine neue Fassung von '{cid}' gemeldet werden kann",
                "outdated-override",
            )
        elif new.clause.based_on_version < old.clause.version:
            yield finding(
                "warning",
                new,
                ("based_on_version",),
                f"geschrieben für Version "
                f"{new.clause.based_on_version} von '{cid}', mitgeliefert ist inzwischen Version "
                f"{old.clause.version} ({old.file}); bitte die Texte abgleichen und based_on_version "
                "anheben",
                "outdated-override",
            )


LAND_SET_PREFIX = "land-"


def _requirement_sets(lib: ClauseLibrary) -> Iterator[Finding]:
    """Conditions of requirement sets must parse and read known names; element ids must be unique across sets."""
    from jinja2 import TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    from slp_agreements.library import templating

    known = readable_names()
    seen: dict[str, str] = {}
    for rs in lib.requirement_sets.values():
        file = lib.requirement_files[rs.id]
        conditions = [("when", rs.when)] + [(f"elements.{el.id}.when", el.when) for el in rs.elements]
        for where, source in conditions:
            if not source:
                continue
            try:
                templating.check(source, expression=True)
            except (TemplateSyntaxError, SecurityError) as exc:
                yield Finding("error", file, None, f"{where}: {templating.describe(exc)}", "jinja-syntax")
                continue
            for name in sorted(templating.variables(source, expression=True) - known):
                yield Finding(
                    "error",
                    file,
                    None,
                    f"{where}: die Angabe '{name}' gibt es nicht{did_you_mean(name, known)}",
                    "unknown-variable",
                )
        if rs.id.startswith(LAND_SET_PREFIX):
            continue  # the Land sets share their element ids on purpose: one clause covers land.task everywhere
        for el in rs.elements:
            if el.id in seen and seen[el.id] != rs.id:
                yield Finding(
                    "error",
                    lib.requirement_files[rs.id],
                    None,
                    f"Element '{el.id}' gibt es schon im Katalog '{seen[el.id]}'",
                    "duplicate-id",
                )
            seen.setdefault(el.id, rs.id)


def has_errors(findings: Iterable[Finding]) -> bool:
    """Whether any finding is an error (exit code 1)."""
    return any(f.severity == "error" for f in findings)
