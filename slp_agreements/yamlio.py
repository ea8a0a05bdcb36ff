"""Safe reading and atomic writing of the YAML files users edit by hand (answers, clauses)."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from slp_agreements.errors import UserError

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ALIASES = 100
MAX_NODES = 200_000

Path_ = tuple[str | int, ...]


class _Checks:
    """Forbids duplicate keys (naming both lines); mixed into the C and the pure-Python loader."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)  # type: ignore[attr-defined]
            try:
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"Schlüssel '{key}' kommt doppelt vor (zuerst in Zeile {seen[key] + 1})",
                        key_node.start_mark,
                    )
                seen[key] = key_node.start_mark.line
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "Ein Schlüssel muss ein einfacher Text sein", key_node.start_mark
                ) from None
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc, no-any-return]


class _PyLoader(_Checks, yaml.SafeLoader):
    """The pure-Python safe loader, used when PyYAML was built without libyaml."""


# libyaml parses and composes in C (about 20 times faster); construction, and the resolvers that decide what is
# a number, stay in Python, so both loaders give the same data and the same marks.
_Base: Any = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


class _Loader(_Checks, _Base):  # type: ignore[misc]
    """Safe loader (no Python objects) that forbids duplicate keys and keeps leading zeros (AGS)."""


class _Limit(Exception):
    """A bound on aliases or nodes was exceeded."""


def _check_size(root: yaml.Node) -> None:
    """Bound the size of the document as it will be read, aliases expanded (no 'billion laughs').

    The C composer cannot be hooked, so the composed graph is measured instead: size(node) = 1 + sizes of its
    children, memoised per node, so shared (aliased) nodes are measured once but counted every time they are
    used. A node used more than once is an alias; a node that contains itself can never be read in full.
    """
    size: dict[int, int] = {}
    seen: set[int] = set()
    aliases = 0
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            total = 1 + sum(size[id(child)] for child in _children(node))
            if total > MAX_NODES:
                raise _Limit("Die Datei ist zu groß oder zu tief verschachtelt.")
            size[key] = total
            continue
        if key in seen:
            if key in on_path:
                raise _Limit("Die Datei enthält einen YAML-Verweis (*alias) auf sich selbst; bitte ausschreiben.")
            aliases += 1
            if aliases > MAX_ALIASES:
                raise _Limit(
                    f"Die Datei verwendet mehr als {MAX_ALIASES} YAML-Verweise (*alias); bitte die Werte ausschreiben."
                )
            continue  # measured already: depth-first, a node is finished before anything outside it is visited
        seen.add(key)
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(_children(node)))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _keep_leading_zeros(loader: Any) -> None:
    """Read `03355000` as text, not as an octal number, so AGS keep their leading zero."""
    int_tag = "tag:yaml.org,2002:int"
    resolvers = {k: [r for r in v if r[0] != int_tag] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    loader.yaml_implicit_resolvers = resolvers
    loader.add_implicit_resolver(int_tag, re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"), list("-+0123456789"))


_keep_leading_zeros(_Loader)
_keep_leading_zeros(_PyLoader)


def read_text(path: Path, what: str = "Datei", max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file a user gave us, with clear messages for missing, huge or binary files."""
    if not path.exists():
        raise UserError(f"{what} nicht gefunden. Bitte Pfad prüfen.", file=path)
    if path.is_dir():
        raise UserError(f"ist ein Ordner; erwartet wird eine {what}.", file=path)
    size = path.stat().st_size
    if size > max_bytes:
        raise UserError(f"Die {what} ist mit {size // 1024} KB zu groß (höchstens {max_bytes // 1024} KB).", file=path)
    data = path.read_bytes()
    if b"\x00" in data:
        raise UserError(f"ist keine Textdatei (binärer Inhalt); erwartet wird eine YAML-{what}.", file=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(f"ist nicht UTF-8-kodiert (Byte {exc.start}); bitte als UTF-8 speichern.", file=path) from None


def load_yaml(path: Path, what: str = "Datei") -> tuple[Any, dict[Path_, int]]:
    """Load YAML safely; return the data and a map from field path to line number (1-based)."""
    text = read_text(path, what)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise UserError(f"Die {what} ist leer.", file=path)
        _check_size(node)
        data = loader.construct_document(node)
    except _Limit as exc:
        raise UserError(str(exc), file=path) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"Zeile {mark.line + 1}, Spalte {mark.column + 1}: " if mark else ""
        problem = exc.problem or exc.context or "ungültiges YAML"
        hint = _yaml_hint(problem, text, mark.line if mark else None)
        raise UserError(f"{where}{problem}{hint}", file=path) from None
    except yaml.YAMLError as exc:
        raise UserError(f"kein gültiges YAML: {exc}", file=path) from None
    except RecursionError:
        raise UserError("Die Datei ist zu tief verschachtelt.", file=path) from None
    finally:
        loader.dispose()
    return data, dict(_lines(node, ()))


def _yaml_hint(problem: str, text: str = "", line: int | None = None) -> str:
    if "could not determine a constructor" in problem:
        return " (YAML-Tags wie !!python/… sind nicht erlaubt; bitte nur Text, Zahlen, Listen und Schlüssel)"
    if "maximum nesting depth" in problem:
        return " (die Datei ist zu tief verschachtelt)"
    if "mapping values are not allowed" in problem:
        return " (fehlt ein Leerzeichen nach dem Doppelpunkt oder steht ein ':' in einem Text ohne Anführungszeichen?)"
    at = text.split("\n")[line] if line is not None and line < text.count("\n") + 1 else ""
    if "found character '\\t'" in problem or ("cannot start any token" in problem and "\t" in at):
        return " (Tabulatoren sind in YAML nicht erlaubt; bitte Leerzeichen zum Einrücken verwenden)"
    return ""


def _lines(node: yaml.Node, path: Path_) -> Iterator[tuple[Path_, int]]:
    yield path, node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                yield from _lines(value_node, (*path, key_node.value))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _lines(item, (*path, i))


def line_of(lines: dict[Path_, int], path: Path_) -> int | None:
    """The line of the deepest known prefix of ``path``."""
    for n in range(len(path), -1, -1):
        if path[:n] in lines:
            return lines[path[:n]]
    return None


def dump_yaml(data: Any) -> str:
    """YAML as a person would write it: block style, keys in model order, umlauts as they are."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename, so no half file is ever visible."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
