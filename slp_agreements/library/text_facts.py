"""What loading and lint need to know about one clause text or condition, from one walk over its parsed tree.

The facts depend on the text alone, so they are remembered per process and in the cache on disk
(files/cache.py): a second run reads them instead of parsing the text again. A text with a syntax error has
no facts; asking for them raises the TemplateSyntaxError again (with its line, for the message).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from jinja2 import TemplateSyntaxError, nodes

from slp_agreements.files import cache
from slp_agreements.library import limits, templating


class Facts(NamedTuple):
    """The names, paths and calls a text reads, with their lines, and what lint and loading object to."""

    unsafe: tuple[tuple[str, int], ...]  # names starting with '_' (Python internals)
    unknown: tuple[tuple[str, str, int], ...]  # ('filter' or 'test', name, line) not in the environment
    reads: tuple[tuple[str, int], ...]  # top-level names read and not set anywhere in the text ({% set %}, {% for %}),
    # with their first line
    paths: tuple[tuple[tuple[str, ...], int], ...]  # longest dotted paths such as ('data', 'roles')
    calls: tuple[tuple[str, str, int], ...]  # calls with a constant first argument: (function, argument, line)
    excess: tuple[tuple[int, str], ...]  # (line, message): what the text would certainly exceed (library/limits.py)


_KNOWN: dict[tuple[str, bool], Facts] = {}


def facts(source: str, expression: bool = False) -> Facts:
    """The facts of a clause text, or of a ``when:`` condition when ``expression`` is true."""
    known = _KNOWN.get((source, expression))
    if known is not None:
        return known
    entry = cache.key("facts", "1" if expression else "0", source)
    stored = cache.get(entry)
    found = _from_cache(stored) if stored is not None else None
    if found is None:
        found = _derive(templating.parse(source, expression))
        cache.put(entry, _plain(found))
    if len(_KNOWN) >= 65536:
        _KNOWN.clear()
    _KNOWN[(source, expression)] = found
    return found


def first_problem(found: Facts) -> TemplateSyntaxError | None:
    """The unknown filter or test as Jinja's compiler would report it, or None."""
    if not found.unknown:
        return None
    kind, name, line = found.unknown[0]
    return TemplateSyntaxError(f"No {kind} named {name!r}.", line)


def _derive(tree: nodes.Template) -> Facts:
    names = list(tree.find_all(nodes.Name))
    stored = {n.name for n in names if n.ctx in ("store", "param")}
    reads: dict[str, int] = {}
    for n in names:
        if n.ctx == "load" and n.name not in stored and n.name != "loop":
            reads[n.name] = min(reads.get(n.name, n.lineno), n.lineno)
    unknown = []
    for node in tree.find_all((nodes.Filter, nodes.Test)):
        table = templating.ENV.filters if isinstance(node, nodes.Filter) else templating.ENV.tests
        if node.name not in table:
            unknown.append(("filter" if isinstance(node, nodes.Filter) else "test", node.name, node.lineno))
    calls = []
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.args:
            arg = call.args[0]
            if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
                calls.append((call.node.name, arg.value, call.lineno))
    return Facts(
        unsafe=tuple(templating.unsafe_nodes(tree)),
        unknown=tuple(unknown),
        reads=tuple(sorted(reads.items())),
        paths=tuple(templating.paths_in(tree)),
        calls=tuple(calls),
        excess=tuple(limits.static_excess(tree)) if not templating.unsafe_nodes(tree) else (),
    )


def _plain(found: Facts) -> tuple[Any, ...]:
    """The facts as marshal writes them (plain tuples only)."""
    return tuple(tuple(tuple(x) if isinstance(x, tuple) else x for x in part) for part in found)


def _from_cache(value: Any) -> Facts | None:
    try:
        return Facts(*value)
    except TypeError:  # not what this program writes: derive anew
        return None
