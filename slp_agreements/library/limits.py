"""Bounds on clause texts and conditions: each ends within its time and within a few megabytes, whatever it says.

A clause file is data from a user's folder. The sandbox keeps it away from Python; these bounds keep it from
hanging a build or filling the memory: numbers, texts and lists are checked before an operation makes them larger
than the limits, loops and calls look at the clock, and the output of a text is counted while it is produced.
"""

from __future__ import annotations

import copy
import math
import operator as ops
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from jinja2 import nodes

MAX_CHARS = 1_000_000  # a text, list or output: a whole agreement has about 100,000 characters
MAX_DIGITS = 30_000  # a number; amounts have fewer than 15 digits
MAX_RANGE = 10_000  # steps of range(); the longest list in an agreement has a few hundred entries
MAX_WIDTH = 1_000  # a width or count given to center, indent, wordwrap, truncate, batch, slice, ljust …
TIME_LIMIT = 2.0  # seconds for one text or condition; a clause renders in milliseconds
_MAX_BITS = int(MAX_DIGITS * math.log2(10))
_WIDTHS = frozenset({"center", "indent", "wordwrap", "truncate", "batch", "slice", "ljust", "rjust", "zfill",
                     "expandtabs"})  # fmt: skip
_SIZED = _WIDTHS | {"format", "replace"}
_NESTED_FIELD = re.compile(r"\{[^{}]*\{|%[-+ #0]*\*")  # '{:>{w}}' and '%*s': a width taken from the arguments
# A width or precision of four digits: '{:>9999}', '{:.9999f}', '%9999s', '%.9999f'.
_WIDE_FORMAT = re.compile(r"\{[^{}]*:[^{}]*\d{4,}[^{}]*\}|%[-+ #0]*\d{4,}|%[-+ #0]*\d*\.\d{4,}")


class LimitError(Exception):
    """A clause text or condition went beyond a bound; the message says which, in German."""


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


BUILD_TEXT_LIMIT = 4.0  # seconds for all texts of one agreement together; a whole build needs a tenth of a second


class _Budget(threading.local):
    deadline = math.inf
    remaining = math.inf  # of the build's text time (``text_budget``); unlimited outside a build
    by_build = False  # whether the current deadline is the build's rather than the text's


_BUDGET = _Budget()


class bounded:
    """The clock for one text or condition: TIME_LIMIT seconds, or what is left of the build's text time."""

    def __enter__(self) -> None:
        self._outer = (_BUDGET.deadline, _BUDGET.by_build)
        self._start = time.monotonic()
        allowed = min(TIME_LIMIT, _BUDGET.remaining)
        if self._start + allowed < _BUDGET.deadline:
            _BUDGET.deadline, _BUDGET.by_build = self._start + allowed, allowed < TIME_LIMIT

    def __exit__(self, *exc: object) -> None:
        if self._outer[0] == math.inf:  # the outermost text: its time counts against the build's
            _BUDGET.remaining -= time.monotonic() - self._start
        _BUDGET.deadline, _BUDGET.by_build = self._outer


@contextmanager
def text_budget(seconds: float | None = None) -> Iterator[None]:
    """All texts and conditions inside share ``seconds`` (BUILD_TEXT_LIMIT): many slow texts end a build, too."""
    outer = _BUDGET.remaining
    _BUDGET.remaining = BUILD_TEXT_LIMIT if seconds is None else seconds
    try:
        yield
    finally:
        _BUDGET.remaining = outer


def _seconds(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def tick() -> None:
    """Stop when the time of the current text, or of all texts of the build, is up."""
    if time.monotonic() > _BUDGET.deadline:
        if _BUDGET.by_build:
            raise LimitError(
                f"die Klauseltexte dieser Vereinbarung brauchen zusammen länger als {_seconds(BUILD_TEXT_LIMIT)} "
                "Sekunden; die Auswertung wurde abgebrochen (zu große Schleifen?)"
            )
        raise LimitError(
            f"die Auswertung dauert länger als {_seconds(TIME_LIMIT)} Sekunden und wurde abgebrochen "
            "(eine zu große Schleife oder Rekursion?)"
        )


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, list, tuple)) else None


def _too_long() -> LimitError:
    return LimitError(f"der Ausdruck ergäbe einen Text oder eine Liste mit mehr als {_n(MAX_CHARS)} Zeichen")


def _too_big() -> LimitError:
    return LimitError(f"der Ausdruck ergäbe eine Zahl mit mehr als {_n(MAX_DIGITS)} Stellen")


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse ``*``, ``**``, ``+`` and ``%`` whose result would be larger than the limits, before computing it."""
    tick()
    ints = isinstance(left, int) and isinstance(right, int)
    if operator == "**" and ints and right > 0 and abs(left) > 1 and right * left.bit_length() > _MAX_BITS:
        raise _too_big()
    if operator == "*":
        if ints and left.bit_length() + right.bit_length() > _MAX_BITS:
            raise _too_big()
        for seq, times in ((left, right), (right, left)):
            size = _size(seq)
            if size is not None and isinstance(times, int) and size * times > MAX_CHARS:
                raise _too_long()
    if operator == "+" and (_size(left) or 0) + (_size(right) or 0) > MAX_CHARS:
        raise _too_long()
    if operator == "%" and isinstance(left, str) and (_WIDE_FORMAT.search(left) or _NESTED_FIELD.search(left)):
        raise _wide()


def check_format_method(value: Any) -> None:
    """Refuse ``'{:>99999}'.format`` (and nested widths ``'{:>{w}}'``) when a text reads the method."""
    owner = getattr(value, "__self__", None)
    named = getattr(value, "__name__", "") in ("format", "format_map")
    if named and isinstance(owner, str) and (_WIDE_FORMAT.search(owner) or _NESTED_FIELD.search(owner)):
        raise _wide()


def _wide() -> LimitError:
    return LimitError(
        f"eine Breite oder Genauigkeit von {_n(MAX_WIDTH)} oder mehr (oder aus den Werten genommen) ist im Format "
        "nicht erlaubt"
    )


def check_call(func: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse calls of text methods that would make a huge text (widths, replacements, formats)."""
    tick()
    name = getattr(func, "__name__", "")
    if name in _SIZED:
        check_sized(name, getattr(func, "__self__", None), args, kwargs)


def check_sized(name: str, subject: Any, args: tuple[Any, ...] | list[Any], kwargs: dict[str, Any]) -> None:
    """The checks for ``subject.name(*args)`` or ``subject|name(*args)``: width, replacement and format sizes."""
    values = [*args, *kwargs.values()]
    if (
        name == "format"
        and isinstance(subject, str)
        and (_WIDE_FORMAT.search(subject) or _NESTED_FIELD.search(subject))
    ):
        raise _wide()
    for value in values if name in _WIDTHS else ():
        if isinstance(value, int) and not isinstance(value, bool) and value > MAX_WIDTH:
            raise LimitError(f"die Breite oder Anzahl {_n(value)} ist zu groß (höchstens {_n(MAX_WIDTH)})")
    if name == "replace" and isinstance(subject, str) and len(values) >= 2:
        old, new = values[0], values[1]
        if isinstance(old, str) and isinstance(new, str):
            count = len(subject) + 1 if old == "" else subject.count(old)
            if len(subject) + count * len(new) > MAX_CHARS:
                raise _too_long()


def guarded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """The Jinja filter ``name`` with the checks of ``check_call`` and of its result's size (same pass_* marks)."""

    def call(*args: Any, **kwargs: Any) -> Any:
        plain = [a for a in args if not _is_jinja_internal(a)]
        tick()
        if name in _SIZED and plain:
            check_sized(name, plain[0], plain[1:], kwargs)
        result = func(*args, **kwargs)
        size = _size(result)
        if size is not None and size > MAX_CHARS:
            raise _too_long()
        return result

    for mark in ("jinja_pass_arg",):
        if hasattr(func, mark):
            setattr(call, mark, getattr(func, mark))
    call.__name__ = name
    call.__doc__ = func.__doc__
    return call


def _is_jinja_internal(value: Any) -> bool:
    module = type(value).__module__ or ""
    return module.startswith("jinja2.")


def checked_iter(iterable: Iterable[Any]) -> Iterator[Any]:
    """A loop's items, with a look at the clock before each."""
    for item in iterable:
        tick()
        yield item


def checked_value(value: Any) -> Any:
    """A value that is printed or assigned, refused when it is larger than the limits."""
    size = _size(value)
    if size is not None and size > MAX_CHARS:
        raise _too_long()
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > _MAX_BITS:
        raise _too_big()
    return value


def safe_range(*args: int) -> range:
    """``range`` with at most MAX_RANGE steps."""
    tick()
    steps = range(*args)
    if len(steps) > MAX_RANGE:
        raise LimitError(f"range() mit {_n(len(steps))} Schritten ist zu groß (höchstens {_n(MAX_RANGE)})")
    return steps


def bounded_tree(tree: nodes.Template) -> nodes.Template:
    """A copy of a parsed text whose loops look at the clock and whose printed and assigned values are checked."""
    environment = getattr(tree, "environment", None)
    memo = {id(environment): environment} if environment is not None else {}
    copied: nodes.Template = copy.deepcopy(tree, memo)
    for loop in copied.find_all(nodes.For):
        loop.iter = _wrap(loop.iter, "checked_iter")
    for assign in copied.find_all(nodes.Assign):
        assign.node = _wrap(assign.node, "checked_value")
    for output in copied.find_all(nodes.Output):
        output.nodes = [n if isinstance(n, nodes.TemplateData) else _wrap(n, "checked_value") for n in output.nodes]
    return copied


def _wrap(node: nodes.Node, name: str) -> nodes.Expr:
    return nodes.Filter(node, name, [], [], None, None, lineno=node.lineno)


def line_of_error(exc: BaseException) -> int | None:
    """The line of the text where an error was raised (Jinja maps its frames to the text's lines)."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


_STATIC: dict[int, tuple[nodes.Template, list[tuple[int, str]]]] = {}


def static_excess(tree: nodes.Template) -> list[tuple[int, str]]:
    """What a text would certainly exceed, seen without running it: constant huge ranges, numbers, texts, loops.

    Remembered per parsed tree (trees are cached by ``templating.parse``), since every build loads the library.
    """
    known = _STATIC.get(id(tree))
    if known is not None and known[0] is tree:
        return known[1]
    found = _static_excess(tree)
    if len(_STATIC) >= 8192:
        _STATIC.clear()
    _STATIC[id(tree)] = (tree, found)
    return found


def _static_excess(tree: nodes.Template) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in tree.find_all((nodes.Call, nodes.BinExpr)):
        try:
            _constant(node)
        except LimitError as exc:
            found.append((node.lineno, str(exc)))
        except (_NotConstant, ArithmeticError, TypeError, ValueError):
            continue  # not a constant, or an error the build reports with its own message
    loops = list(tree.find_all(nodes.For))
    total = _iterations(tree) if len(loops) > 1 else 1
    if total > MAX_RANGE * 10:
        first = next(tree.find_all(nodes.For))
        found.append((first.lineno, f"verschachtelte Schleifen mit zusammen {_n(total)} Durchläufen sind zu groß"))
    return sorted(set(found))


class _NotConstant(Exception):
    pass


_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "**": ops.pow,
    "*": ops.mul,
    "+": ops.add,
    "//": ops.floordiv,
    "-": ops.sub,
    "/": ops.truediv,
    "%": ops.mod,
}


def _constant(node: nodes.Node) -> Any:
    """The value of a constant expression, computed with the checks of a build; _NotConstant otherwise."""
    if isinstance(node, nodes.Const):
        return node.value
    if isinstance(node, nodes.BinExpr) and node.operator in ("**", "*", "+", "//", "-", "/", "%"):
        left, right = _constant(node.left), _constant(node.right)
        if node.operator in ("**", "*", "+", "%"):
            check_binop(node.operator, left, right)
        return _OPERATORS[node.operator](left, right)
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name == "range":
        args = [_constant(a) for a in node.args]
        if all(isinstance(a, int) for a in args) and 1 <= len(args) <= 3:
            return safe_range(*args)
    raise _NotConstant


def _iterations(node: nodes.Node) -> int:
    """How often the innermost body of nested loops over constant ranges runs (1 for anything else)."""
    inner = max((_iterations(child) for child in node.iter_child_nodes()), default=1)
    return _steps(node) * inner if isinstance(node, nodes.For) else inner


def _steps(loop: nodes.For) -> int:
    """Steps of a loop over a constant range(), else 1 (unknown)."""
    try:
        value = _constant(loop.iter)
    except (_NotConstant, LimitError, ArithmeticError, TypeError, ValueError):
        return 1
    return len(value) if isinstance(value, range) else 1
