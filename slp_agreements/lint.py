"""Lint of clause folders (and a Word template): every mistake found without building, with file and line.

What counts as a *cycle* here: a folder layered twice (or a folder inside another layered folder, whose clauses
would load twice) is an error; a clause that refers to itself with ``ref()`` is a warning. Clauses referring to
each other (§ 3 names § 7, § 7 names § 3) are normal in contracts and are not reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from slp_agreements.library import ClauseLibrary, Loaded, Part, content_line, read_library, template_fields
from slp_agreements.model.fields import inner_model
from slp_agreements.model.messages import did_you_mean

Severity = Literal["error", "warning"]

# ref() and annex() exist only in clause titles and texts (assemble._clause_context), not in conditions or steps.
TEXT_FUNCTIONS = ("ref", "annex")
_DICT_METHODS = {"get", "items", "keys", "values"}


@dataclass(frozen=True)
class Finding:
    """One lint finding: how bad, where (file and line) and what to do."""

    severity: Severity
    file: Path | None
    line: int | None
    message: str
    code: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.file and self.line else str(self.file or "")
        label = "Fehler" if self.severity == "error" else "Warnung"
        return f"{label}: {where}: {self.message}" if where else f"{label}: {self.message}"


def lint(folders: Sequence[Path] = (), builtin: Path | None = None, template: Path | None = None) -> list[Finding]:
    """Check the built-in library with ``folders`` laid over it (and a Word template); errors first by file."""
    lib, problems = read_library(folders, builtin, thorough=True)
    findings = [
        Finding("error", p.file, p.line, f"{p.where}: {p.message}" if p.where else p.message, p.code) for p in problems
    ]
    names = _Names.from_examples(lib)
    for loaded in _clauses(lib):
        findings += _structure(loaded)
        findings += _translations(loaded)
        findings += _templates(loaded, lib, names)
        findings += _links(loaded, lib)
    findings += _overrides(lib)
    findings += _requirement_sets(lib, names)
    if template is not None:
        findings += _template(template)
    unique = list(dict.fromkeys(findings))  # two calls on one line give one finding
    return sorted(unique, key=lambda f: (f.severity != "error", str(f.file or ""), f.line or 0))


def _clauses(lib: ClauseLibrary) -> list[Loaded]:
    """Every loaded clause, disabled ones too (their mistakes still deserve a word)."""
    return list(lib.clauses.values())


def _finding(
    severity: Severity, loaded: Loaded, field: tuple[str | int, ...], message: str, code: str, line: int | None = None
) -> Finding:
    where = ".".join(str(p) for p in field)
    return Finding(severity, loaded.file, line or loaded.line(*field), f"{where}: {message}", code)


def _structure(loaded: Loaded) -> list[Finding]:
    """Fields a clause needs for its part: a § needs title and text, a checklist-only clause needs steps."""
    c = loaded.clause
    out = []
    if c.part in (Part.body, Part.annex) and c.title is None:
        out.append(
            _finding(
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
            _finding(
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
            _finding(
                "error",
                loaded,
                ("checklist",),
                "fehlt; part: checklist bringt nur Checklistenschritte",
                "schema",
                loaded.line("part"),
            )
        )
    if c.table is not None and c.part is not Part.annex:
        out.append(_finding("error", loaded, ("table",), "Tabellen gibt es nur in Anlagen (part: annex)", "schema"))
    steps: dict[str, int] = {}
    for i, step in enumerate(c.checklist):
        if step.id in steps:
            out.append(
                _finding(
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
    fields: list[tuple[tuple[str | int, ...], Any]] = [(("title",), c.title), (("text",), c.text)]
    fields += [(("checklist", i, "text"), s.text) for i, s in enumerate(c.checklist)]
    for field, value in fields:
        if value is not None and not (value.en or "").strip():
            out.append(
                _finding(
                    "warning",
                    loaded,
                    field,
                    "die englische Fassung (en) fehlt; ein Build mit --lang en "
                    "bricht ab, sobald die Klausel gewählt ist",
                    "translation",
                )
            )
        if value is not None and not value.de.strip():
            out.append(_finding("error", loaded, field, "die deutsche Fassung (de) ist leer", "translation"))
    return out


def _templates(loaded: Loaded, lib: ClauseLibrary, names: _Names) -> Iterator[Finding]:
    """Unknown variables and attributes, unknown or misplaced ref()/annex() targets, self-references."""
    from jinja2 import TemplateSyntaxError, nodes

    from slp_agreements import templating

    for field, source, expression in template_fields(loaded.clause):
        try:
            tree = templating.parse(source, expression)
            undeclared = templating.variables(source, expression)
        except TemplateSyntaxError:
            continue  # reported by the loader with its line
        if templating.unsafe_nodes(tree):
            continue  # reported by the loader; nothing else in this text is worth reading
        in_text = field[0] in ("title", "text")
        allowed = names.top | (set(TEXT_FUNCTIONS) if in_text else set())
        # Names set anywhere in the text ({% set %}, {% for %}) count as known, even when set inside a branch.
        stored = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
        for name in sorted(undeclared - allowed - stored):
            line = content_line(loaded, field, templating.first_line(tree, name))
            if name in TEXT_FUNCTIONS:
                msg = f"{name}() gibt es nur im Klauseltext und im Titel, nicht in Bedingungen und Checklistenschritten"
            else:
                msg = f"die Angabe '{name}' gibt es nicht{did_you_mean(name, allowed)}"
            yield _finding("error", loaded, field, msg, "unknown-variable", line)
        for path, lineno in templating.paths_in(tree):
            problem = names.check(path)
            if problem:
                yield _finding("error", loaded, field, problem, "unknown-variable", content_line(loaded, field, lineno))
        if not in_text:
            continue
        for function, target, lineno in templating.calls_in(tree, TEXT_FUNCTIONS):
            line = content_line(loaded, field, lineno)
            wrong = _reference_problem(loaded, lib, function, target)
            if wrong:
                yield _finding("error", loaded, field, wrong, "unknown-ref", line)
            elif target == loaded.clause.id:
                yield _finding(
                    "warning",
                    loaded,
                    field,
                    f"{function}('{target}') verweist auf die Klausel selbst; "
                    "besser 'dieser Paragraph' oder 'diese Anlage' schreiben",
                    "cycle",
                    line,
                )


def _reference_problem(loaded: Loaded, lib: ClauseLibrary, function: str, target: str) -> str | None:
    if target not in lib.clauses:
        return f"{function}('{target}'): eine Klausel '{target}' gibt es nicht{did_you_mean(target, lib.clauses)}"
    if target in lib.disabled:
        return f"{function}('{target}'): die Klausel ist abgeschaltet ({lib.disabled[target]}); Verweis ins Leere"
    part = lib.clauses[target].clause.part
    if function == "annex" and part is not Part.annex:
        return f"annex('{target}'): '{target}' ist keine Anlage; für Paragraphen ref() verwenden"
    if part not in (Part.body, Part.annex):
        return (
            f"{function}('{target}'): '{target}' hat keine Nummer (part: {part.value}); "
            "verweisen lässt sich nur auf §§ und Anlagen"
        )
    if target in loaded.clause.conflicts or loaded.clause.id in lib.clauses[target].clause.conflicts:
        return (
            f"{function}('{target}'): die beiden Klauseln schließen sich aus (conflicts); der Verweis ginge ins Leere"
        )
    return None


def _links(loaded: Loaded, lib: ClauseLibrary) -> Iterator[Finding]:
    """conflicts and covers: every id named must exist, and conflicting clauses must be able to stay apart."""
    c = loaded.clause
    elements = lib.elements()
    for i, other in enumerate(c.conflicts):
        field = ("conflicts", i)
        if other == c.id:
            yield _finding("error", loaded, field, "eine Klausel kann nicht mit sich selbst kollidieren", "conflict")
        elif other not in lib.clauses:
            yield _finding(
                "error",
                loaded,
                field,
                f"eine Klausel '{other}' gibt es nicht{did_you_mean(other, lib.clauses)}",
                "conflict",
            )
        elif other not in lib.disabled and c.id not in lib.disabled:
            theirs = lib.clauses[other].clause.when
            if (c.when or "").strip() == (theirs or "").strip():
                yield _finding(
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
            yield _finding(
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
            yield _finding(
                "warning",
                new,
                ("overrides",),
                f"'based_on_version: {old.clause.version}' ergänzen, damit "
                f"eine neue Fassung von '{cid}' gemeldet werden kann",
                "outdated-override",
            )
        elif new.clause.based_on_version < old.clause.version:
            yield _finding(
                "warning",
                new,
                ("based_on_version",),
                f"geschrieben für Version "
                f"{new.clause.based_on_version} von '{cid}', mitgeliefert ist inzwischen Version "
                f"{old.clause.version} ({old.file}); bitte die Texte abgleichen und based_on_version "
                "anheben",
                "outdated-override",
            )


def _requirement_sets(lib: ClauseLibrary, names: _Names) -> Iterator[Finding]:
    """Conditions of requirement sets must parse and read known names; element ids must be unique across sets."""
    from jinja2 import TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    from slp_agreements import templating

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
            for name in sorted(templating.variables(source, expression=True) - names.top):
                yield Finding(
                    "error",
                    file,
                    None,
                    f"{where}: die Angabe '{name}' gibt es nicht{did_you_mean(name, names.top)}",
                    "unknown-variable",
                )
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


def _template(path: Path) -> list[Finding]:
    from slp_agreements.render import template_findings

    errors, warnings = template_findings(path)
    return [Finding("error", path, None, m, "template") for m in errors] + [
        Finding("warning", path, None, m, "template") for m in warnings
    ]


@dataclass
class _Names:
    """What conditions and texts may read: the context the build gives them, learnt from real answers files."""

    top: set[str]
    samples: list[dict[str, Any]]

    @classmethod
    def from_examples(cls, lib: ClauseLibrary) -> _Names:
        """Build the context for each bundled example, so the allowed names come from assemble.context itself."""
        from slp_agreements import resources
        from slp_agreements.assemble import context
        from slp_agreements.errors import UserError
        from slp_agreements.files.answers_file import load_answers
        from slp_agreements.templating import ENV

        samples = []
        for path in sorted(resources.examples_dir().glob("*.yaml")):
            try:
                samples.append(context(load_answers(path), lib, "de"))
            except (UserError, KeyError):
                continue
        top = {k for s in samples for k in s} | set(ENV.globals)
        return cls(top, samples)

    def check(self, path: tuple[str, ...]) -> str | None:
        """Why a dotted path like ('data', 'roels') cannot be read, or None when it can (or cannot be judged)."""
        from slp_agreements.model.answers import Answers

        root, *attrs = path
        if root not in self.top or not attrs:
            return None
        values: list[Any] = [s.get(root) for s in self.samples]
        model: Any = (
            inner_model(Answers.model_fields[root].annotation, lists=False) if root in Answers.model_fields else None
        )
        done = [root]
        for attr in attrs:
            keys: set[str] = set()
            if model is not None:
                keys |= set(model.model_fields)
            dicts = [v for v in values if isinstance(v, dict)]
            for d in dicts:
                keys |= set(d)
            if not keys:
                return None  # a text, number, date or list: its own attributes are Jinja's business
            if attr not in keys and attr not in _DICT_METHODS:
                return f"'{'.'.join([*done, attr])}' gibt es nicht{did_you_mean(attr, keys)}"
            values = [d.get(attr) for d in dicts]
            field = model.model_fields.get(attr) if model is not None else None
            model = inner_model(field.annotation, lists=False) if field is not None else None
            done.append(attr)
        return None


def has_errors(findings: Iterable[Finding]) -> bool:
    """Whether any finding is an error (exit code 1)."""
    return any(f.severity == "error" for f in findings)
