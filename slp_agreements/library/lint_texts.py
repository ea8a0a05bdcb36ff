"""Lint of what clause texts and conditions read: known names and paths, and ref()/annex() targets that exist."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from slp_agreements.library import templating
from slp_agreements.library.clauses import ClauseLibrary, Loaded, Part, content_line, template_fields
from slp_agreements.library.context import TEXT_FUNCTIONS, readable_names, what_it_holds
from slp_agreements.library.findings import Finding, finding
from slp_agreements.model.fields import inner_model
from slp_agreements.model.messages import did_you_mean

_DICT_METHODS = {"get", "items", "keys", "values"}


def text_findings(loaded: Loaded, lib: ClauseLibrary) -> Iterator[Finding]:
    """Unknown variables and attributes, unknown or misplaced ref()/annex() targets, self-references."""
    from jinja2 import TemplateSyntaxError, nodes

    known = readable_names()
    for field, source, expression in template_fields(loaded.clause):
        try:
            tree = templating.parse(source, expression)
            undeclared = templating.variables(source, expression)
        except TemplateSyntaxError:
            continue  # reported by the loader with its line
        if templating.unsafe_nodes(tree):
            continue  # reported by the loader; nothing else in this text is worth reading
        in_text = field[0] in ("title", "text")
        allowed = known | (set(TEXT_FUNCTIONS) if in_text else set())
        # Names set anywhere in the text ({% set %}, {% for %}) count as known, even when set inside a branch.
        stored = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
        for name in sorted(undeclared - allowed - stored):
            line = content_line(loaded, field, templating.first_line(tree, name))
            if name in TEXT_FUNCTIONS:
                msg = f"{name}() gibt es nur im Klauseltext und im Titel, nicht in Bedingungen und Checklistenschritten"
            else:
                msg = f"die Angabe '{name}' gibt es nicht{did_you_mean(name, allowed)}"
            yield finding("error", loaded, field, msg, "unknown-variable", line)
        for path, lineno in templating.paths_in(tree):
            problem = path_problem(path, lib.laender)
            if problem:
                yield finding("error", loaded, field, problem, "unknown-variable", content_line(loaded, field, lineno))
        if not in_text:
            continue
        for function, target, lineno in templating.calls_in(tree, TEXT_FUNCTIONS):
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


def path_problem(path: tuple[str, ...], laender: Mapping[str, Any]) -> str | None:
    """Why a dotted path like ('data', 'roels') cannot be read, or None when it can (or cannot be judged)."""
    root, *attrs = path
    if root not in readable_names() or not attrs:
        return None
    model, values = what_it_holds(root, laender)
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
