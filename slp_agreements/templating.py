"""The one sandboxed Jinja2 environment for clause conditions and texts (StrictUndefined, no internals)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, nodes, pass_context
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from slp_agreements import formatting
from slp_agreements.errors import UserError


class _Environment(ImmutableSandboxedEnvironment):
    """Sandbox that also refuses every attribute or key starting with an underscore."""

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if attr.startswith("_"):
            return False
        return bool(super().is_safe_attribute(obj, attr, value))

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(argument, str) and argument.startswith("_"):
            return self.undefined(obj=obj, name=argument)
        return super().getitem(obj, argument)


def _language_filter(fn: Callable[[Any, str], str]) -> Callable[..., str]:
    """A filter that formats for the document language found in the template context."""

    @pass_context
    def apply(ctx: Any, value: Any) -> str:
        return fn(value, ctx.get("language", "de"))

    return apply


def _make_env() -> _Environment:
    env = _Environment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True
    )
    for name in ("cycler", "joiner", "lipsum", "namespace", "dict"):
        env.globals.pop(name, None)
    env.filters.update(
        date=_language_filter(formatting.date),
        money=_language_filter(formatting.money),
        join_and=_language_filter(formatting.join_and),
        months=_language_filter(lambda v, lang: formatting.months(int(v), lang)),
    )
    return env


ENV = _make_env()


def unsafe_names(source: str) -> list[str]:
    """Attribute or key names in a template that reach for Python internals (start with '_')."""
    tree = ENV.parse(source)
    found: list[str] = []
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Name)):
        name = None
        if isinstance(node, nodes.Getattr):
            name = node.attr
        elif isinstance(node, nodes.Name):
            name = node.name
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            name = node.arg.value if isinstance(node.arg.value, str) else None
        if name and name.startswith("_"):
            found.append(name)
    return found


def variables(source: str) -> set[str]:
    """Top-level variable names a template or expression reads."""
    from jinja2 import meta

    return set(meta.find_undeclared_variables(ENV.parse(source)))


def attribute_paths(source: str) -> Iterator[tuple[str, ...]]:
    """Dotted paths such as ('data', 'roles') read by a template (for lint)."""
    tree = ENV.parse(source)
    for node in tree.find_all(nodes.Getattr):
        parts: list[str] = []
        cur: nodes.Node = node
        while isinstance(cur, nodes.Getattr):
            parts.append(cur.attr)
            cur = cur.node
        if isinstance(cur, nodes.Name):
            yield (cur.name, *reversed(parts))


@cache
def _template(source: str) -> Any:
    _refuse_internals(source)
    return ENV.from_string(source)


@cache
def _expression(source: str) -> Callable[..., Any]:
    _refuse_internals(source)
    return ENV.compile_expression(source, undefined_to_none=False)


def _refuse_internals(source: str) -> None:
    bad = unsafe_names(source)
    if bad:
        raise SecurityError(f"Zugriff auf interne Python-Namen ist nicht erlaubt: {', '.join(sorted(set(bad)))}")


def render(source: str, context: Mapping[str, Any], where: str) -> str:
    """Render clause text; every problem becomes a UserError naming ``where`` (file and field)."""
    try:
        return str(_template(source).render(context))
    except (TemplateSyntaxError, UndefinedError, SecurityError, TypeError, ValueError) as exc:
        raise UserError(f"{where}: {describe(exc)}") from None


def evaluate(expression: str, context: Mapping[str, Any], where: str) -> bool:
    """Evaluate a ``when:`` condition to a boolean."""
    try:
        return bool(_expression(expression)(**context))
    except (TemplateSyntaxError, UndefinedError, SecurityError, TypeError, ValueError) as exc:
        raise UserError(f"{where}: Bedingung '{expression}': {describe(exc)}") from None


def describe(exc: Exception) -> str:
    """A one-line German description of a Jinja error."""
    if isinstance(exc, TemplateSyntaxError):
        return f"Jinja-Syntaxfehler in Zeile {exc.lineno}: {exc.message}"
    if isinstance(exc, UndefinedError):
        return f"unbekannte oder fehlende Angabe ({exc.message})"
    if isinstance(exc, SecurityError):
        return f"nicht erlaubt: {exc}"
    return str(exc)
