"""The one sandboxed Jinja2 environment for clause conditions and texts (StrictUndefined, no internals)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from functools import cache, lru_cache
from types import CodeType
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, nodes, pass_context
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from slp_agreements.errors import UserError
from slp_agreements.files import cache as text_cache
from slp_agreements.library import limits
from slp_agreements.model import formatting


class _Environment(ImmutableSandboxedEnvironment):
    """Sandbox that also refuses every attribute or key starting with an underscore, and keeps within the limits.

    ``*``, ``**``, ``+`` and ``%`` are checked before they compute (which also keeps Jinja from folding a huge
    constant such as ``9**(9**9)`` while compiling); every call looks at the clock (library/limits.py).
    """

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        limits.check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Any:
        limits.check_format_method(value)
        return super().wrap_str_format(value)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        limits.check_call(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

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
        capfirst=formatting.capfirst,
        inline=formatting.inline,
        kommunalaufsicht=_language_filter(formatting.kommunalaufsicht),
    )
    env.tests["procedural"] = formatting.procedural
    env.filters = {name: limits.guarded_filter(name, f) for name, f in env.filters.items()}
    env.filters.update(checked_iter=limits.checked_iter, checked_value=limits.checked_value)
    env.globals["range"] = limits.safe_range
    return env


ENV = _make_env()


@lru_cache(maxsize=8192)
def parse(source: str, expression: bool = False) -> nodes.Template:
    """The syntax tree of a clause text, or of a ``when:`` condition when ``expression`` is true.

    Parsed once per process: loading checks the tree, lint reads it and rendering compiles it. Compiling folds
    constant expressions in place (a list literal becomes a constant) but never a name, attribute or call, so
    what the checks read stays the same.
    """
    if not expression:
        return ENV.parse(source)
    from jinja2.parser import Parser

    # The same steps as Environment.compile_expression, so lint sees exactly what a build evaluates.
    parser = Parser(ENV, source, state="variable")
    expr = parser.parse_expression()
    if not parser.stream.eos:
        raise TemplateSyntaxError("unexpected text after the condition", parser.stream.current.lineno, None, None)
    tree = nodes.Template([nodes.Output([expr], lineno=1)], lineno=1)
    tree.set_environment(ENV)
    return tree


_UNSAFE: dict[int, tuple[nodes.Template, list[tuple[str, int]]]] = {}


def unsafe_nodes(tree: nodes.Template) -> list[tuple[str, int]]:
    """Attribute, key or variable names starting with '_' (Python internals), with their line.

    Remembered per parsed tree (trees are cached by ``parse``), since loading, lint and rendering all ask.
    """
    known = _UNSAFE.get(id(tree))
    if known is not None and known[0] is tree:
        return known[1]
    found = _find_unsafe(tree)
    if len(_UNSAFE) >= 8192:  # as many as parse keeps; beyond that the trees would only be held for nothing
        _UNSAFE.clear()
    _UNSAFE[id(tree)] = (tree, found)
    return found


def _find_unsafe(tree: nodes.Template) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Name)):
        name = None
        if isinstance(node, nodes.Getattr):
            name = node.attr
        elif isinstance(node, nodes.Name):
            name = node.name
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            name = node.arg.value if isinstance(node.arg.value, str) else None
        if name and name.startswith("_"):
            found.append((name, node.lineno))
    return found


def variables(source: str, expression: bool = False) -> set[str]:
    """Top-level variable names a template or expression reads (a walk over the parsed tree, no code generation)."""
    tree = parse(source, expression)
    names = list(tree.find_all(nodes.Name))
    stored = {n.name for n in names if n.ctx in ("store", "param")}
    return {n.name for n in names if n.ctx == "load"} - stored - {"loop"}


def first_line(tree: nodes.Template, name: str) -> int:
    """Line where a template first reads the variable ``name`` (1 when not found)."""
    lines = [n.lineno for n in tree.find_all(nodes.Name) if n.name == name and n.ctx == "load"]
    return min(lines, default=1)


def paths_in(tree: nodes.Template) -> Iterator[tuple[tuple[str, ...], int]]:
    """Longest dotted paths such as ('data', 'roles') a template reads, with their line."""
    inner = {id(n.node) for n in tree.find_all(nodes.Getattr)}
    for node in tree.find_all(nodes.Getattr):
        if id(node) in inner:
            continue
        parts: list[str] = []
        cur: nodes.Node = node
        while isinstance(cur, nodes.Getattr):
            parts.append(cur.attr)
            cur = cur.node
        if isinstance(cur, nodes.Name):
            yield (cur.name, *reversed(parts)), node.lineno


def attribute_paths(source: str, expression: bool = False) -> Iterator[tuple[str, ...]]:
    """Dotted paths such as ('data', 'roles') read by a template (for lint)."""
    for path, _ in paths_in(parse(source, expression)):
        yield path


def calls_in(tree: nodes.Template, functions: tuple[str, ...]) -> Iterator[tuple[str, str, int]]:
    """Calls like ``ref('coop.costs')``: (function, constant first argument, line)."""
    for node in tree.find_all(nodes.Call):
        if isinstance(node.node, nodes.Name) and node.node.name in functions and node.args:
            arg = node.args[0]
            if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
                yield node.node.name, arg.value, node.lineno


def check(source: str, expression: bool = False) -> None:
    """Parse without running: TemplateSyntaxError for bad syntax or unknown filters, SecurityError for internals."""
    tree = parse(source, expression)
    bad = unsafe_nodes(tree)
    if bad:
        raise SecurityError(
            f"Zugriff auf interne Python-Namen ist nicht erlaubt: {', '.join(sorted({n for n, _ in bad}))}"
        )
    for node in tree.find_all((nodes.Filter, nodes.Test)):
        known = ENV.filters if isinstance(node, nodes.Filter) else ENV.tests
        if node.name not in known:
            kind = "filter" if isinstance(node, nodes.Filter) else "test"
            raise TemplateSyntaxError(f"No {kind} named {node.name!r}.", node.lineno)


class _DocxEnvironment(_Environment):
    """The second wall for Word templates: no attribute, no key, no call, whatever the object.

    The first wall is the check of every tag before rendering (library/placeholders.py); should a tag ever pass
    it, the values a template gets (strings and the opaque contract text) still offer nothing to reach.
    """

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return False

    def is_safe_callable(self, obj: Any) -> bool:
        return False

    def getattr(self, obj: Any, attribute: str) -> Any:
        return self.unsafe_undefined(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        return self.undefined(obj=obj, name=str(argument))

    def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        raise SecurityError("eine Word-Vorlage darf nichts aufrufen")

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        """Jinja's ``from_string``, the compiled code of each part of a Word template kept in the cache.

        docxtpl compiles every part (body, headers, footers) again for every file; the parts of a template are
        the same for every file made from it. The code depends on the text and on autoescape alone.
        """
        if not isinstance(source, str) or template_class is not None:
            return super().from_string(source, globals, template_class)
        entry = text_cache.key("docx-part", "1" if self.autoescape else "0", source)
        code = text_cache.get(entry)
        if not isinstance(code, CodeType):
            code = self.compile(source)
            text_cache.put(entry, code)
        return self.template_class.from_code(self, code, self.make_globals(globals), None)


def docx_environment() -> _Environment:
    """A fresh sandboxed environment for the placeholders of a Word template (docxtpl sets autoescape)."""
    env = _DocxEnvironment(undefined=StrictUndefined)
    env.globals.clear()
    env.filters.clear()
    env.tests.clear()
    return env


@cache
def _template(source: str) -> Any:
    return _from_code(source, "text", lambda: limits.bounded_tree(_refuse_internals(source)))


@cache
def _expression(source: str) -> Callable[..., Any]:
    from jinja2.environment import TemplateExpression

    def tree() -> nodes.Template:
        # What Environment.compile_expression does, from the tree parsed once, with the limits' checks in it.
        bounded = limits.bounded_tree(_refuse_internals(source, expression=True))
        expr = bounded.body[0].nodes[0]  # type: ignore[attr-defined]
        return nodes.Template([nodes.Assign(nodes.Name("result", "store"), expr, lineno=1)], lineno=1)

    return TemplateExpression(_from_code(source, "condition", tree), undefined_to_none=False)


def _from_code(source: str, kind: str, tree: Callable[[], nodes.Template]) -> Any:
    """The template of a text as ``ENV.from_string`` makes it; its compiled code from the cache when it is there.

    Only a text that passed the check for internals is compiled, so only such a text has code in the cache. The
    code holds the checks of library/limits.py (clock, sizes), which is why that module is part of the cache's key.
    """
    entry = text_cache.key("code", kind, source)
    code = text_cache.get(entry)
    if not isinstance(code, CodeType):
        code = ENV.compile(tree())
        text_cache.put(entry, code)
    return ENV.template_class.from_code(ENV, code, ENV.make_globals(None), None)


def _refuse_internals(source: str, expression: bool = False) -> nodes.Template:
    tree = parse(source, expression)
    bad = [name for name, _ in unsafe_nodes(tree)]
    if bad:
        raise SecurityError(f"Zugriff auf interne Python-Namen ist nicht erlaubt: {', '.join(sorted(set(bad)))}")
    return tree


# What a clause text can cause while it runs: bad data, a bound reached, a division by zero, runaway recursion.
_RUN_ERRORS = (TemplateSyntaxError, UndefinedError, SecurityError, TypeError, ValueError, LookupError,
               ArithmeticError, RecursionError, limits.LimitError)  # fmt: skip


def render(source: str, context: Mapping[str, Any], where: str) -> str:
    """Render clause text within the limits; every problem becomes a UserError naming ``where`` and the line."""
    try:
        template = _template(source)  # compiled once, outside the clock: compiling is bounded by the text's length
        with limits.bounded():
            out: list[str] = []
            size = 0
            for chunk in template.generate(context):
                size += len(chunk)
                if size > limits.MAX_CHARS:
                    raise limits.LimitError(f"der Text wird länger als {limits.MAX_CHARS:,} Zeichen".replace(",", "."))
                limits.tick()
                out.append(chunk)
            return "".join(out)
    except _RUN_ERRORS as exc:
        raise UserError(f"{where}{_in_line(exc, source)}: {describe(exc)}") from None


def evaluate(expression: str, context: Mapping[str, Any], where: str) -> bool:
    """Evaluate a ``when:`` condition to a boolean, within the limits."""
    try:
        condition = _expression(expression)
        with limits.bounded():
            return bool(condition(**context))
    except _RUN_ERRORS as exc:
        shown = expression if len(expression) <= 80 else expression[:79] + "…"
        raise UserError(f"{where}: Bedingung '{shown}': {describe(exc)}") from None


def _in_line(exc: BaseException, source: str) -> str:
    """', Zeile n des Textes' when the text has several lines and the error's line is known."""
    line = limits.line_of_error(exc)
    return f", Zeile {line} des Textes" if line and "\n" in source.strip() else ""


_SYNTAX_HINTS = [
    (
        re.compile(r"unexpected end of template, expected 'end of print statement'"),
        "ein '{{' wird nicht mit '}}' geschlossen",
    ),
    (
        re.compile(r"expected token 'end of print statement'"),
        "ein '{{' wird nicht mit '}}' geschlossen, oder davor steht etwas Unerwartetes",
    ),
    (
        re.compile(r"Jinja was looking for the following tags: '(elif|endif)"),
        "ein '{% if %}' wird nicht mit '{% endif %}' geschlossen",
    ),
    (
        re.compile(r"Jinja was looking for the following tags: '(else|endfor)"),
        "ein '{% for %}' wird nicht mit '{% endfor %}' geschlossen",
    ),
    (
        re.compile(r"No filter named '([^']+)'"),
        "unbekannter Filter '\\1' (erlaubt: date, money, join_and, months und die Jinja-Filter)",
    ),
    (re.compile(r"No test named '([^']+)'"), "unbekannter Test '\\1'"),
    (re.compile(r"Encountered unknown tag '([^']+)'"), "unbekanntes Tag '{% \\1 %}'"),
    (re.compile(r"unexpected '([^']+)'"), "unerwartetes Zeichen '\\1'"),
    (re.compile(r"unexpected end of template"), "der Text endet mitten in einem Ausdruck"),
]


def syntax_line(source: str, exc: TemplateSyntaxError) -> int:
    """The line to show for a syntax error: where an unclosed '{{' or '{%' opened, else where Jinja stopped."""
    lineno = exc.lineno or 1
    if "end of print statement" not in (exc.message or "") and "end of statement block" not in (exc.message or ""):
        return lineno
    upto = "\n".join(source.split("\n")[: lineno - 1])  # the lines before the one where Jinja stopped
    opened = max(upto.rfind("{{"), upto.rfind("{%"))
    closed = max(upto.rfind("}}"), upto.rfind("%}"))
    return upto.count("\n", 0, opened) + 1 if opened > closed else lineno


def syntax_message(exc: TemplateSyntaxError) -> str:
    """A German explanation of a Jinja syntax error, with Jinja's own words for reference."""
    message = exc.message or ""
    for pattern, german in _SYNTAX_HINTS:
        m = pattern.search(message)
        if m:
            return f"{m.expand(german)} ({message})"
    return message


def describe(exc: Exception) -> str:
    """A one-line German description of a Jinja error."""
    if isinstance(exc, TemplateSyntaxError):
        return f"Jinja-Syntaxfehler in Zeile {exc.lineno}: {syntax_message(exc)}"
    if isinstance(exc, UndefinedError):
        return f"unbekannte oder fehlende Angabe ({exc.message})"
    if isinstance(exc, SecurityError):
        return f"nicht erlaubt: {_german_security(str(exc))}"
    if isinstance(exc, ZeroDivisionError):
        return "Division durch null"
    if isinstance(exc, RecursionError):
        return "der Text ruft sich zu oft selbst auf (Rekursion)"
    if isinstance(exc, OverflowError):
        return "eine Zahl ist zu groß für die Rechnung"
    if isinstance(exc, KeyError):
        return f"unbekannter Schlüssel {str(exc)[:80]}"
    if isinstance(exc, IndexError):
        return "eine Liste hat weniger Einträge als verlangt"
    return str(exc)


def _german_security(message: str) -> str:
    if "is not safely callable" in message or "access to attribute" in message:
        return f"Zugriff auf eine interne Funktion oder Eigenschaft ({message[:80]})"
    return message
