"""What the placeholders of a user's Word template may do: name a documented value, nothing else.

A Word template is a document from outside. Its Jinja tags are parsed, never trusted: every tag is read from the
syntax tree, and only ``{{ name }}`` (docxtpl's ``{{p name }}`` and ``{{r name }}`` become that) and
``{% if name %}`` … ``{% endif %}`` of the allowed names pass. Calls, attributes, keys, filters, loops,
assignments, macros and includes are refused before anything is rendered, with the line of the tag.
"""

from __future__ import annotations

from jinja2 import TemplateSyntaxError, nodes

from slp_agreements.library.templating import docx_environment, syntax_message

_CONSTRUCTS: dict[type[nodes.Node], str] = {
    nodes.Call: "ruft eine Funktion auf",
    nodes.Getattr: "greift auf ein Attribut zu",
    nodes.Getitem: "greift auf einen Schlüssel oder Index zu",
    nodes.Slice: "greift auf einen Ausschnitt zu",
    nodes.Filter: "wendet einen Filter an",
    nodes.Test: "wendet einen Test an",
    nodes.For: "enthält eine Schleife ({% for %})",
    nodes.Macro: "definiert ein Makro",
    nodes.CallBlock: "ruft einen Block auf",
    nodes.Assign: "setzt eine Variable ({% set %})",
    nodes.AssignBlock: "setzt eine Variable ({% set %})",
    nodes.Include: "bindet eine andere Vorlage ein",
    nodes.Import: "importiert eine andere Vorlage",
    nodes.FromImport: "importiert eine andere Vorlage",
    nodes.Extends: "erweitert eine andere Vorlage",
    nodes.Block: "definiert einen Block",
    nodes.With: "enthält einen with-Block",
    nodes.FilterBlock: "enthält einen Filter-Block",
    nodes.ScopedEvalContextModifier: "ändert die Auswertung (autoescape)",
    nodes.EvalContextModifier: "ändert die Auswertung (autoescape)",
    nodes.BinExpr: "rechnet",
    nodes.UnaryExpr: "rechnet",
    nodes.Compare: "vergleicht",
    nodes.CondExpr: "enthält einen bedingten Ausdruck",
    nodes.Concat: "verkettet Texte",
    nodes.Literal: "enthält einen festen Wert statt eines Platzhalters",
    nodes.ExprStmt: "enthält einen Ausdruck ({% do %})",
}

Problem = tuple[int, str]  # (line of the tag, German message)
_Names = tuple[frozenset[str], frozenset[str]]  # (allowed here, allowed only in another part)


def placeholder_problems(
    source: str, allowed: frozenset[str], elsewhere: frozenset[str] = frozenset()
) -> list[Problem]:
    """Everything in ``source`` (one package part, as docxtpl renders it) beyond plain allowed placeholders.

    ``allowed`` are the names this part may use; ``elsewhere`` names that belong in another part; any other name
    is reported as unknown.
    """
    try:
        tree = docx_environment().parse(source)
    except TemplateSyntaxError as exc:
        return [(exc.lineno or 1, f"Jinja-Syntaxfehler: {syntax_message(exc)}")]
    found: list[Problem] = []
    _check_body(tree.body, (allowed, elsewhere), found)
    return sorted(dict.fromkeys(found), key=lambda problem: problem[0])


def placeholder_names(source: str) -> set[str]:
    """The names a part reads (when it parses)."""
    try:
        tree = docx_environment().parse(source)
    except TemplateSyntaxError:
        return set()
    return {n.name for n in tree.find_all(nodes.Name)}


def _check_body(body: list[nodes.Node], allowed: _Names, found: list[Problem]) -> None:
    for node in body:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    _check_value(child, allowed, found)
        elif isinstance(node, nodes.If):
            test = node.test.node if isinstance(node.test, nodes.Not) else node.test
            _check_value(test, allowed, found)
            _check_body(node.body, allowed, found)
            for branch in node.elif_:
                _check_body([branch], allowed, found)
            _check_body(node.else_, allowed, found)
        else:
            _refuse(node, allowed, found)


def _check_value(node: nodes.Node, allowed: _Names, found: list[Problem]) -> None:
    if isinstance(node, nodes.Name):
        if node.name in allowed[1]:
            found.append((node.lineno, f"der Platzhalter {{{{ {node.name} }}}} gehört nicht in diesen Teil"))
        elif node.name not in allowed[0]:
            found.append((node.lineno, f"enthält den unbekannten Platzhalter {{{{ {node.name} }}}}"))
        return
    _refuse(node, allowed, found)


def _refuse(node: nodes.Node, allowed: _Names, found: list[Problem]) -> None:
    """A construct beyond a plain placeholder, and every unknown name inside it."""
    found.append((node.lineno, _refused(node)))
    for name in node.find_all(nodes.Name):
        if name.ctx == "load":
            _check_value(name, allowed, found)


def _refused(node: nodes.Node) -> str:
    """Why a node is not a plain placeholder: the most telling construct inside it."""
    inner = [node, *node.find_all(nodes.Node)]
    telling: tuple[type[nodes.Node], ...] = (nodes.Call, nodes.Getattr, nodes.Getitem, nodes.Filter)
    for kind in telling:
        if any(isinstance(n, kind) for n in inner):
            return _CONSTRUCTS[kind]
    for other, what in _CONSTRUCTS.items():
        if isinstance(node, other):
            return what
    return f"enthält einen nicht erlaubten Ausdruck ({type(node).__name__})"
