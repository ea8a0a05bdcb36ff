"""Tables municipalities keep (CSV, XLSX): cells read, headers mapped to fields, rows validated; row and column named.

Which columns a table has and which model its rows become is in table_rows.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from slp_agreements.errors import Problem, UserError
from slp_agreements.files.yamlfile import read_bytes
from slp_agreements.model.messages import did_you_mean, error_message

MAX_TABLE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 10_000
SUFFIXES = (".csv", ".xlsx")
M = TypeVar("M", bound=BaseModel)

_LISTS = {"sdg", "keywords", "theme", "spatial"}
_BOOLS = {"personal_data", "confidential", "parcel_level"}
_DATES = {"temporal.start", "temporal.end", "issued", "modified"}
_YES = {"ja", "j", "x", "yes", "y", "true", "wahr", "1"}
_NO = {"nein", "n", "no", "false", "falsch", "0", "-", "–"}
_IGNORED = re.compile(r"^(#|bemerkung|anmerkung|notiz|kommentar|note|comment)", re.IGNORECASE)
_DIGIT_LENGTHS = (2, 5, 8, 12)


def _norm(header: str) -> str:
    text = re.sub(r"[_\-/]", " ", header.strip().lower())
    text = re.sub(r"[().:*]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index: 0 -> A, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


# A valid UTF-8 sequence of two to four bytes: text saved as UTF-8 has them, Windows-1252 text practically never.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# What German tables written in Windows-1252 hold beyond ASCII: letters, and the usual signs of office texts.
_CP1252_SIGNS = set("€–—„“”‚‘’…§°²³µ·×÷«»©®™•£¥½¼¾±\xa0")
# Signs of another encoding read as Windows-1252: 'FlŠchen' is Mac Roman's 'Flächen'.
_STRANGE = re.compile(r"[a-zß-ÿ][ŠŸŽŒ][a-zß-ÿ]")
CP1252 = "Windows-1252"


def decode_table(data: bytes, path: Path) -> tuple[str, str]:
    """The text of a CSV file and its encoding: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252 when
    the whole file decodes and reads like it. A mix of UTF-8 and stray bytes is refused with the row of the first."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Excel's "Unicode-Text"
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise UserError(
                "ist als UTF-16 markiert, aber beschädigt; bitte als CSV UTF-8 speichern.", file=path
            ) from None
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    row = data.count(b"\n", 0, first_bad) + 1
    if _UTF8_SEQUENCE.search(data):
        raise UserError(
            f"Zeile {row}: die Datei mischt UTF-8 mit Zeichen einer anderen Kodierung (Byte {first_bad}); bitte die "
            "Stelle prüfen und die Tabelle in Excel als „CSV UTF-8“ speichern.",
            file=path,
        )
    try:
        text = data.decode("cp1252")  # Excel on Windows saves "CSV (Trennzeichen-getrennt)" so
    except UnicodeDecodeError as exc:
        text, at = "", data.count(b"\n", 0, exc.start) + 1
    else:
        strange = _STRANGE.search(text) or next(
            (
                m
                for m in re.finditer(r"[^\x00-\x7f]", text)
                if not m.group().isalpha() and m.group() not in _CP1252_SIGNS
            ),
            None,
        )
        at = text.count("\n", 0, strange.start()) + 1 if strange else 0
    if not text or at:
        raise UserError(
            f"Zeile {at}: die Datei ist weder UTF-8 noch Windows-1252; bitte in Excel als „CSV UTF-8“ speichern.",
            file=path,
        )
    return text, CP1252


def encoding_note(path: Path) -> str | None:
    """The warning for a CSV read as Windows-1252 (None for UTF-8 and for XLSX)."""
    if path.suffix.lower() != ".csv":
        return None
    try:
        data = path.read_bytes()
        encoding = decode_table(data, path)[1]
    except (OSError, UserError):
        return None
    if encoding != CP1252:
        return None
    return (
        f"{path}: als {CP1252} gelesen, nicht als UTF-8; bitte die Umlaute im Entwurf prüfen und die Tabelle "
        "künftig als „CSV UTF-8“ speichern."
    )


def _read_csv(path: Path, data: bytes) -> list[list[Any]]:
    text = decode_table(data, path)[0]
    if "\x00" in text:
        raise UserError("ist keine CSV-Textdatei (binärer Inhalt); bitte als CSV (UTF-8) speichern.", file=path)
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count) if any(d in first for d in ";,\t") else ";"
    try:
        return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error:  # its text is English: an overlong field or a quote that is never closed
        raise UserError(
            "CSV-Datei kann nicht gelesen werden: ein Feld ist zu lang oder ein Anführungszeichen wird nicht "
            "geschlossen; bitte in Excel öffnen und erneut als „CSV UTF-8“ speichern.",
            file=path,
        ) from None


def _read_xlsx(path: Path, data: bytes) -> list[list[Any]]:
    import zipfile

    from openpyxl import load_workbook

    # a damaged or crafted workbook can fail while opening or, read lazily, while its rows are read
    broken = (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError, zlib.error, EOFError, TypeError)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return [list(row) for row in wb.worksheets[0].iter_rows(values_only=True)]
        finally:
            wb.close()
    except broken:
        raise UserError(
            "ist keine lesbare Excel-Datei (.xlsx); bitte in Excel öffnen und erneut speichern.", file=path
        ) from None


def read_table(path: Path) -> list[list[Any]]:
    """The cells of a CSV file or of the first sheet of an XLSX file, row by row."""
    suffix = path.suffix.lower()
    if path.exists() and suffix not in SUFFIXES:
        raise UserError(f"Tabellen müssen .csv oder .xlsx sein, nicht '{path.suffix}'.", file=path)
    data = read_bytes(path, "Tabelle", MAX_TABLE_BYTES)  # only regular files: a pipe or device never hangs
    return _read_csv(path, data) if suffix == ".csv" else _read_xlsx(path, data)


def cell_value(value: Any) -> Any:
    """A cell as a plain value: dates without time, whole floats as int, empty text as None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _date(value: Any, end: bool) -> Any:
    if isinstance(value, int) and 1000 <= value <= 9999:
        return dt.date(value, 12, 31) if end else dt.date(value, 1, 1)
    if isinstance(value, str):
        if re.fullmatch(r"\d{4}", value):
            return _date(int(value), end)
        m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", value)
        if m:
            try:
                return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                return value
    return value


def _region_key(value: Any) -> str:
    # Excel stores "05111000" as the number 5111000; restore the leading zero.
    text = str(value)
    if isinstance(value, int) and len(text) + 1 in _DIGIT_LENGTHS:
        return "0" + text
    return text


def field_value(field: str, value: Any) -> Any:
    """A cell as the value of ``field``: lists split, ja/nein read, years as dates, numbers as text."""
    if field in _LISTS:
        if isinstance(value, (int, float)) and field == "spatial":
            return [_region_key(value)]
        parts = [p.strip() for p in re.split(r"[;,\n]" if field != "sdg" else r"[;,\s]+", str(value))]
        return [p for p in parts if p]
    if field in _BOOLS and isinstance(value, str):
        low = value.lower()
        return True if low in _YES else False if low in _NO else value
    if field in _DATES:
        return _date(value, field.endswith("end"))
    if isinstance(value, dt.date) and field not in _DATES:
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool) and field not in _BOOLS:
        return str(value)
    return value


def _columns(
    header: list[Any], spec: dict[str, tuple[str, ...]], required: Iterable[str]
) -> tuple[dict[int, str], list[Problem]]:
    """Map column positions to fields; unknown, doubled and missing columns are problems."""
    aliases = {_norm(a): f for f, names in spec.items() for a in names}
    known = [names[0] for names in spec.values()]
    mapping: dict[int, str] = {}
    problems: list[Problem] = []
    for i, raw in enumerate(header):
        title = str(raw).strip() if raw is not None else ""
        if not title or _IGNORED.match(title):
            continue
        where = f"Zeile 1, Spalte {column_letter(i)} „{title}“"
        field = aliases.get(_norm(title))
        if field is None:
            hint = did_you_mean(title, known, quotes="„“") or f"; bekannt sind: {', '.join(known)}"
            problems.append(Problem(where, f"unbekannte Spaltenüberschrift{hint}"))
        elif field in mapping.values():
            problems.append(Problem(where, "diese Spalte gibt es doppelt"))
        else:
            mapping[i] = field
    for field in required:
        if field not in mapping.values():
            problems.append(Problem("Zeile 1", f"Spalte „{spec[field][0]}“ fehlt (Pflichtangabe)"))
    return mapping, problems


def nested_fields(flat: dict[str, Any]) -> dict[str, Any]:
    """Dotted column fields (``contact.email``) as nested sections."""
    out: dict[str, Any] = {}
    for key, value in flat.items():
        if "." in key:
            head, tail = key.split(".", 1)
            out.setdefault(head, {})[tail] = value
        else:
            out[key] = value
    return out


def read_header(
    path: Path, spec: dict[str, tuple[str, ...]], required: tuple[str, ...]
) -> tuple[list[list[Any]], dict[int, str], dict[str, int]]:
    """The table's rows (header first), column index → field and field → column index; a bad header fails."""
    rows = read_table(path)
    while rows and all(cell_value(c) is None for c in rows[0]):
        rows.pop(0)
    if not rows:
        raise UserError("Die Tabelle ist leer; erwartet wird eine Kopfzeile mit Spaltenüberschriften.", file=path)
    mapping, problems = _columns(rows[0], spec, required)
    if problems:
        fail_with(path, problems)
    if sum(1 for row in rows[1:] if any(cell_value(v) is not None for v in row)) > MAX_ROWS:  # empty rows: free
        raise UserError(f"Die Tabelle hat mehr als {MAX_ROWS} Zeilen (leere Zeilen nicht gezählt).", file=path)
    return rows, mapping, {field: i for i, field in mapping.items()}


def load_rows(
    path: Path,
    model: type[M],
    spec: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
    check: Callable[[M], list[tuple[str, str]]],
) -> list[M]:
    """Validate every row as ``model``; ``check`` adds rules across fields; all problems of all rows at once."""
    rows, mapping, columns = read_header(path, spec, required)
    problems: list[Problem] = []
    out: list[M] = []
    for number, row in enumerate(rows[1:], 2):
        cells = {mapping[i]: cell_value(v) for i, v in enumerate(row) if i in mapping}
        if all(v is None for v in cells.values()):
            continue
        first = cell_value(row[0]) if row else None
        if isinstance(first, str) and first.startswith("#"):
            continue
        flat = {f: field_value(f, v) for f, v in cells.items() if v is not None}

        def where(field: str, number: int = number) -> str:
            i = columns.get(field, columns.get(field.split(".")[0], -1))
            header = spec[field][0] if field in spec else field
            return f"Zeile {number}, Spalte {column_letter(i)} „{header}“" if i >= 0 else f"Zeile {number}"

        try:
            item = model.model_validate(nested_fields(flat))
        except ValidationError as exc:
            seen: set[str] = set()
            for err in exc.errors():
                loc = [p for p in err["loc"] if isinstance(p, str)]
                field = ".".join(loc[:2]) if ".".join(loc[:2]) in spec else (loc[0] if loc else "")
                if field in seen:
                    continue
                seen.add(field)
                msg = error_message(err, model)
                if err["type"] == "missing" and field in spec:
                    msg = f"fehlt (Pflichtangabe; Spalte „{spec[field][0]}“)"
                problems.append(Problem(where(field), msg))
            continue
        problems += [Problem(where(field), msg) for field, msg in check(item)]
        out.append(item)
    if problems:
        fail_with(path, problems)
    return out


def fail_with(path: Path, problems: list[Problem]) -> None:
    """Stop with every problem of the table."""
    n = len(problems)
    raise UserError(
        f"{n} Problem{'e' if n > 1 else ''} in der Tabelle; bitte korrigieren und erneut starten:",
        file=path,
        problems=problems,
    )
