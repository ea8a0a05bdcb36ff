"""The YAML files users edit by hand (answers, clauses, Land facts): read safely, with a line for every field."""

from __future__ import annotations

import datetime as dt
import functools
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from slp_agreements.errors import UserError
from slp_agreements.model.paths import FieldPath

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ALIASES = 100
MAX_NODES = 400_000
MAX_DEPTH = 64

# libyaml parses about ten times faster than pure Python; a 2 MB file must not keep a clerk waiting half a minute.
_LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))
if TYPE_CHECKING:
    _Base = yaml.SafeLoader
else:
    _Base = yaml.CSafeLoader if _LIBYAML else yaml.SafeLoader


_MERGE_TAG = "tag:yaml.org,2002:merge"


class _Own(yaml.constructor.ConstructorError):
    """A problem this loader words itself, in German (duplicate keys, impossible dates, merge keys)."""


_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class _Loader(_Base):
    """Safe loader (no objects, no tags) that forbids duplicate and non-text keys and keeps leading zeros (AGS).

    The merge key ``<<: *anker`` is supported: its entries come first, the keys written beside it win.
    """

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:  # type: ignore[override]
        """A date as a date (an impossible one named with its line); a date with a time stays text for the model."""
        value = str(node.value)
        found = _DATE.match(value)
        if not found:
            return value  # '2027-02-01 10:00': the model says that a date without a time is expected
        try:
            return dt.date(*(int(g) for g in found.groups()))
        except ValueError:
            raise _Own(
                None, None, f"'{value}' ist kein gültiges Datum (den Tag gibt es nicht)", node.start_mark
            ) from None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[str, int] = {}
        merged = any(k.tag == _MERGE_TAG for k, _ in node.value)
        for key_node, _value in node.value:
            if key_node.tag == _MERGE_TAG:
                continue
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                quote = f"; bitte in Anführungszeichen setzen: '{key_node.value}'" if key_node.id == "scalar" else ""
                raise _Own(None, None, f"ein Schlüssel muss ein einfacher Text sein{quote}", key_node.start_mark)
            if key in seen:
                raise _Own(
                    None,
                    None,
                    f"Schlüssel '{key}' kommt doppelt vor (zuerst in Zeile {seen[key] + 1})",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line
        if merged:
            self._merge(node)
        return super().construct_mapping(node, deep=deep)

    def _merge(self, node: yaml.MappingNode) -> None:
        """Resolve ``<<`` (PyYAML's own rule), with a German message when it does not name a section."""
        try:
            self.flatten_mapping(node)
        except yaml.constructor.ConstructorError:
            raise _Own(
                None,
                None,
                "nach '<<:' muss ein Verweis auf einen Abschnitt stehen (z. B. '<<: *vorlage'), "
                "oder eine Liste solcher Verweise",
                node.start_mark,
            ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


class _Limit(Exception):
    """A bound on aliases or nodes was exceeded."""


def _check_bounds(text: str) -> None:
    """Bound nesting, aliases and entries on the event stream, before any node is built."""
    depth = aliases = nodes = 0
    for event in yaml.parse(text, Loader=_Loader):
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            nodes += 1
            if depth > MAX_DEPTH:
                raise _Limit(
                    f"Zeile {line}: mehr als {MAX_DEPTH} Ebenen verschachtelt; so tief ist keine Antwortdatei."
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            nodes += 1
            if aliases > MAX_ALIASES:
                raise _Limit(
                    f"Die Datei verwendet mehr als {MAX_ALIASES} YAML-Verweise (*alias); bitte die Werte ausschreiben."
                )
        elif isinstance(event, yaml.ScalarEvent):
            nodes += 1
        if nodes > MAX_NODES:
            raise _Limit(
                f"Zeile {line}: die Datei hat mehr als {MAX_NODES} Einträge; so große Antwortdateien gibt es nicht."
            )


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """Number of nodes once every alias is written out (a few aliases can stand for billions: 'billion laughs').

    A node that contains itself (``&p [*p]``) is refused: written out it would never end.
    """
    key = id(node)
    if memo.get(key) == -1:
        raise _Limit(
            f"Zeile {node.start_mark.line + 1}: ein YAML-Verweis (*alias) steht in dem Abschnitt oder der Liste, "
            "auf die er verweist; so ausgeschrieben endet die Angabe nie. Bitte die Werte ausschreiben."
        )
    if key not in memo:
        memo[key] = -1  # on the current path: meeting it again below is a cycle
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        total = 1
        for child in children:
            total += _expanded_size(child, memo)
            if total > MAX_NODES:
                break
        memo[key] = total
    return memo[key]


def _keep_leading_zeros() -> None:
    """Read `03355000` as text, not as an octal number, so AGS keep their leading zero."""
    int_tag = "tag:yaml.org,2002:int"
    resolvers = {k: [r for r in v if r[0] != int_tag] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    _Loader.yaml_implicit_resolvers = resolvers
    _Loader.add_implicit_resolver(int_tag, re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"), list("-+0123456789"))


_keep_leading_zeros()


def read_bytes(path: Path, what: str = "Datei", max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file a user named: missing, folders, pipes, devices and huge files are refused at once."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UserError(f"{what} nicht gefunden. Bitte Pfad prüfen.", file=path) from None
    except OSError as exc:
        raise UserError(f"{what} kann nicht gelesen werden: {read_problem(exc)}.", file=path) from None
    if stat.S_ISDIR(info.st_mode):
        raise UserError(f"ist ein Ordner; erwartet wird eine {what}.", file=path)
    if not stat.S_ISREG(info.st_mode):
        # a named pipe or a device (/dev/zero) would block or never end
        raise UserError(f"ist keine gewöhnliche Datei (sondern eine Pipe oder ein Gerät); erwartet wird eine {what}.",
                        file=path)  # fmt: skip
    if info.st_size > max_bytes:
        raise UserError(
            f"Die {what} ist mit {info.st_size // 1024} KB zu groß (höchstens {max_bytes // 1024} KB).", file=path
        )
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise UserError(f"{what} kann nicht gelesen werden: {read_problem(exc)}.", file=path) from None
    if len(data) > max_bytes:  # grew since stat
        raise UserError(f"Die {what} ist zu groß (höchstens {max_bytes // 1024} KB).", file=path)
    return data


def read_problem(exc: OSError) -> str:
    """What an operating-system error when reading means, in German (never the English text of the system)."""
    if isinstance(exc, PermissionError):
        return "keine Leserechte; bitte die Rechte der Datei prüfen oder sie an einen anderen Ort kopieren"
    if isinstance(exc, IsADirectoryError):
        return "an dieser Stelle liegt ein Ordner"
    return f"Fehler des Betriebssystems (Nummer {exc.errno}); bitte die Datei an einen anderen Ort kopieren"


def read_text(path: Path, what: str = "Datei", max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file a user gave us, with clear messages for missing, huge or binary files."""
    data = read_bytes(path, what, max_bytes)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise UserError(f"ist als UTF-16 gespeichert; bitte die {what} als UTF-8 speichern.", file=path)
    if b"\x00" in data:
        raise UserError(f"ist keine Textdatei (binärer Inhalt); erwartet wird eine YAML-{what}.", file=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(f"ist nicht UTF-8-kodiert (Byte {exc.start}); bitte als UTF-8 speichern.", file=path) from None


def load_yaml(path: Path, what: str = "Datei") -> tuple[Any, dict[FieldPath, int]]:
    """Load YAML safely; return the data and a map from field path to line number (1-based)."""
    text = read_text(path, what)
    loader: _Loader | None = None
    try:
        _check_bounds(text)
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            raise UserError(f"Die {what} ist leer.", file=path)
        if _expanded_size(node, {}) > MAX_NODES:
            raise _Limit(
                f"Die YAML-Verweise (*alias) ergeben ausgeschrieben mehr als {MAX_NODES} Einträge; "
                "bitte die Werte ausschreiben statt sie zu verschachteln."
            )
        data = loader.construct_document(node)
        if data is None:
            raise UserError(f"Die {what} ist leer.", file=path)
    except _Limit as exc:
        raise UserError(str(exc), file=path) from None
    except yaml.reader.ReaderError as exc:
        raise UserError(_reader_problem(text, exc), file=path) from None
    except RecursionError:
        raise UserError("Die Datei ist zu tief verschachtelt.", file=path) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"Zeile {mark.line + 1}, Spalte {mark.column + 1}: " if mark else ""
        problem = (
            str(exc.problem)
            if isinstance(exc, _Own)
            else _yaml_problem(exc.problem or exc.context or "", _char_at(text, mark))
        )
        opened = exc.context_mark if exc.context and exc.context.startswith("while parsing a flow") else None
        if opened and mark and opened.line != mark.line:
            problem += f" (begonnen in Zeile {opened.line + 1})"
        raise UserError(f"{where}{problem}", file=path) from None
    except yaml.YAMLError:
        raise UserError("kein gültiges YAML; bitte die Datei mit einem Beispiel vergleichen.", file=path) from None
    finally:
        if loader is not None:
            loader.dispose()
    return data, dict(_lines(node, ()))


def parse_text(text: str) -> Any:
    """YAML text we wrote ourselves, read back the way answers files are read (leading zeros kept); None if broken."""
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def _reader_problem(text: str, exc: yaml.reader.ReaderError) -> str:
    """Where a character YAML does not accept sits (control characters pasted from other programs)."""
    # libyaml counts bytes of the UTF-8 text, the pure-Python reader counts characters.
    before = text.encode("utf-8")[: exc.position].decode("utf-8", "ignore") if _LIBYAML else text[: exc.position]
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    char = exc.character if isinstance(exc.character, int) else 0
    return (
        f"Zeile {line}, Spalte {column}: unzulässiges Steuerzeichen (U+{char:04X}), oft beim Kopieren aus anderen "
        "Programmen eingefügt; bitte die Stelle neu eintippen."
    )


# PyYAML's messages in German; anything not listed gets a general German sentence (never PyYAML's English).
_INDENT = "die Einrückung passt nicht zur Zeile davor; bitte mit Leerzeichen genau untereinander einrücken"
_PROBLEMS = {
    "but found another document": "die Datei enthält mehrere YAML-Dokumente (---); erlaubt ist nur eines",
    "could not find expected ':'": "hier fehlt ein ':' nach dem Schlüssel",
    "found undefined alias": "Verweis (*alias) auf einen Anker (&anker), den es nicht gibt",
    "found unexpected end of stream": "die Datei endet mitten in einem Text; fehlt ein schließendes Anführungszeichen?",
    "found duplicate anchor": "ein Anker (&anker) ist doppelt vergeben",
    "expected ',' or ']'": "eine Liste in [ ] ist nicht geschlossen; fehlt ']' oder ein Komma?",
    "expected ',' or '}'": "ein Abschnitt in { } ist nicht geschlossen; fehlt '}' oder ein Komma?",
    "mapping values are not allowed": (
        "hier darf kein ':' stehen; fehlt ein Leerzeichen nach dem Doppelpunkt, stimmt die Einrückung nicht, "
        "oder steht ein ':' in einem Text ohne Anführungszeichen?"
    ),
    "found character '\\t'": "Tabulatoren sind in YAML nicht erlaubt; bitte Leerzeichen zum Einrücken verwenden",
    "expected <block end>": _INDENT,
    "did not find expected key": _INDENT,
    "did not find expected '-' indicator": _INDENT,
    "exceeded maximum nesting depth": "zu tief verschachtelt; so tief ist keine Antwortdatei",
    "did not find expected node content": (
        "hier fehlt ein Wert; ist eine Liste [ oder ein Abschnitt { nicht geschlossen, oder steht ein Zeichen wie "
        "'*', '&', '!', '%' oder '@' am Anfang eines Textes ohne Anführungszeichen?"
    ),
    "found unexpected end of stream while scanning": "die Datei endet mitten in einer Angabe",
    "while scanning a simple key": "hier fehlt ein ':' nach dem Schlüssel oder die Einrückung stimmt nicht",
    "found character that cannot start any token": (
        "ein Zeichen wie '@', '`' oder '%' darf nicht am Anfang eines Textes stehen; den Text in "
        "Anführungszeichen setzen"
    ),
    "found invalid Unicode character escape code": (
        "ungültiges Unicode-Zeichen (\\u…) in Anführungszeichen; bitte die Stelle neu eintippen"
    ),
    "found unknown escape character": (
        'ein Rückstrich (\\) in "…" leitet ein Sonderzeichen ein; Windows-Pfade bitte in einfache '
        "Anführungszeichen setzen ('C:\\Ordner\\datei.docx') oder / schreiben"
    ),
}


def _char_at(text: str, mark: Any) -> str:
    """The character at a mark (libyaml does not name the character it stumbled over)."""
    if mark is None:
        return ""
    lines = text.splitlines()
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return str(lines[mark.line][mark.column])
    return ""


def _yaml_problem(problem: str, char: str = "") -> str:
    """PyYAML's or libyaml's problem in words a municipal clerk understands."""
    if char == "\t" and "cannot start any token" in problem:
        return _PROBLEMS["found character '\\t'"]
    tag = re.search(r"constructor for the tag '([^']*)'", problem)
    if tag:
        name = tag.group(1).replace("tag:yaml.org,2002:", "!!")
        return (
            f"der YAML-Tag '{name}' ist nicht erlaubt (Sicherheitsgründe); "
            "bitte nur Texte, Zahlen, Listen und Schlüssel verwenden"
        )
    for english, german in _PROBLEMS.items():
        if english in problem:
            return german
    return "ungültiges YAML an dieser Stelle; bitte Einrückung, Doppelpunkte und Anführungszeichen prüfen"


def _lines(node: yaml.Node, path: FieldPath) -> Iterator[tuple[FieldPath, int]]:
    yield path, node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                yield from _lines(value_node, (*path, key_node.value))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _lines(item, (*path, i))


# libyaml's emitter where PyYAML has it: the same text for answers files, several times faster (the web interview
# saves the answers file after every step).
_DUMPER: Any = yaml.CSafeDumper if _LIBYAML else yaml.SafeDumper


def dump_yaml(data: Any) -> str:
    """YAML as a person would write it: block style, keys in model order, umlauts as they are."""
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)


def block_scalar_paths(path: Path) -> dict[FieldPath, bool]:
    """Which text fields of a YAML file are block scalars ('|' or '>'), whose text starts on the line below the key."""
    try:
        return _block_styles(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return {}


@functools.lru_cache(maxsize=64)
def _block_styles(text: str) -> dict[FieldPath, bool]:
    try:
        # libyaml's composer where it is there: the same nodes and styles, several times faster (lint of large
        # libraries asks for the styles of every file with a finding).
        node = yaml.compose(text, Loader=yaml.CSafeLoader if _LIBYAML else yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    out: dict[FieldPath, bool] = {}

    def walk(n: yaml.Node, at: FieldPath) -> None:
        if isinstance(n, yaml.ScalarNode):
            out[at] = n.style in ("|", ">")
        elif isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                walk(v, (*at, k.value))
        elif isinstance(n, yaml.SequenceNode):
            for i, v in enumerate(n.value):
                walk(v, (*at, i))

    if node is not None:
        walk(node, ())
    return out
