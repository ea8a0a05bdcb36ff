"""Lint of what clause texts and conditions read: known names and paths, and ref()/annex() targets that exist."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from slp_agreements.library import text_facts
from slp_agreements.library.clauses import ClauseLibrary, Loaded, Part, content_line, template_fields
from slp_agreements.library.context import TEXT_FUNCTIONS, readable_names, what_it_holds
from slp_agreements.library.findings import Finding, finding
from slp_agreements.model.fields import inner_model
from slp_agreements.model.messages import did_you_mean

_DICT_METHODS = {"get", "items", "keys", "values"}


def text_findings(
    loaded: Loaded, lib: ClauseLibrary, paths: dict[tuple[str, ...], str | None] | None = None
) -> Iterator[Finding]:
    """Unknown variables and attributes, unknown or misplaced ref()/annex() targets, self-references.

    ``paths`` remembers the verdict on each dotted path across the clauses of one library (most texts read the
    same few paths, and judging one goes through the samples of every Land).
    """
    paths = {} if paths is None else paths
    holds: dict[str, Any] = {}
    from jinja2 import TemplateSyntaxError

    known = readable_names()
    for field, source, expression in template_fields(loaded.clause):
        try:
            found = text_facts.facts(source, expression)
        except TemplateSyntaxError:
            continue  # reported by the loader with its line
        if found.unsafe:
            continue  # reported by the loader; nothing else in this text is worth reading
        in_text = field[0] in ("title", "text")
        allowed = known | (set(TEXT_FUNCTIONS) if in_text else set())
        # Names set anywhere in the text ({% set %}, {% for %}) count as known, even when set inside a branch.
        for name, first in found.reads:
            if name in allowed:
                continue
            line = content_line(loaded, field, first)
            if name in TEXT_FUNCTIONS:
                msg = f"{name}() gibt es nur im Klauseltext und im Titel, nicht in Bedingungen und Checklistenschritten"
            else:
                msg = f"die Angabe '{name}' gibt es nicht{did_you_mean(name, allowed)}"
            yield finding("error", loaded, field, msg, "unknown-variable", line)
        for path, lineno in found.paths:
            if path not in paths:
                paths[path] = path_problem(path, lib.laender, holds)
            problem = paths[path]
            if problem:
                yield finding("error", loaded, field, problem, "unknown-variable", content_line(loaded, field, lineno))
        if not in_text:
            continue
        for function, target, lineno in found.calls:
            if function not in TEXT_FUNCTIONS:
                continue
            line = content_line(loaded, field, lineno)
            wrong = _reference_problem(loaded, lib, function, target)
            if wrong:
                yield finding("error", loaded, field, wrong, "unknown-ref", line)
            elif target == loaded.clause.id:
                yield finding(
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


def path_problem(path: tuple[str, ...], laender: Mapping[str, Any], holds: dict[str, Any] | None = None) -> str | None:
    """Why a dotted path like ('data', 'roels') cannot be read, or None when it can (or cannot be judged).

    ``holds`` remembers what each name holds (its samples come from every Land's facts) across calls.
    """
    root, *attrs = path
    if root not in readable_names() or not attrs:
        return None
    holds = {} if holds is None else holds
    if root not in holds:
        holds[root] = what_it_holds(root, laender)
    model, values = holds[root]
    done = [root]
    for attr in attrs:
        keys: set[str] = set(model.model_fields) if model is not None else set()
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
