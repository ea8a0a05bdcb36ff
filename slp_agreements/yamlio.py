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


class _Loader(yaml.SafeLoader):
    """SafeLoader that forbids duplicate keys, bounds aliases and keeps leading zeros (AGS)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.alias_count = 0
        self.node_count = 0

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        self.node_count += 1
        if self.node_count > MAX_NODES:
            raise _Limit("Die Datei ist zu groß oder zu tief verschachtelt.")
        if self.check_event(yaml.AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                raise _Limit(
                    f"Die Datei verwendet mehr als {MAX_ALIASES} YAML-Verweise (*alias); bitte die Werte ausschreiben."
                )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
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
        return super().construct_mapping(node, deep=deep)


class _Limit(Exception):
    """A bound on aliases or nodes was exceeded."""


def _keep_leading_zeros() -> None:
    """Read `03355000` as text, not as an octal number, so AGS keep their leading zero."""
    int_tag = "tag:yaml.org,2002:int"
    resolvers = {k: [r for r in v if r[0] != int_tag] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    _Loader.yaml_implicit_resolvers = resolvers
    _Loader.add_implicit_resolver(int_tag, re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"), list("-+0123456789"))


_keep_leading_zeros()


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
        data = loader.construct_document(node)
    except _Limit as exc:
        raise UserError(str(exc), file=path) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"Zeile {mark.line + 1}, Spalte {mark.column + 1}: " if mark else ""
        problem = exc.problem or exc.context or "ungültiges YAML"
        hint = _yaml_hint(problem)
        raise UserError(f"{where}{problem}{hint}", file=path) from None
    except yaml.YAMLError as exc:
        raise UserError(f"kein gültiges YAML: {exc}", file=path) from None
    finally:
        loader.dispose()
    return data, dict(_lines(node, ()))


def _yaml_hint(problem: str) -> str:
    if "could not determine a constructor" in problem:
        return " (YAML-Tags wie !!python/… sind nicht erlaubt; bitte nur Text, Zahlen, Listen und Schlüssel)"
    if "mapping values are not allowed" in problem:
        return " (fehlt ein Leerzeichen nach dem Doppelpunkt oder steht ein ':' in einem Text ohne Anführungszeichen?)"
    if "found character '\\t'" in problem:
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
