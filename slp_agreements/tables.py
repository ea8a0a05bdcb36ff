"""Indicators, datasets and parties from the tables municipalities keep (CSV, XLSX); messages name row and column."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from slp_agreements.errors import Problem, UserError
from slp_agreements.model.answers import Answers, Dataset, Party
from slp_agreements.model.indicators import Indicator
from slp_agreements.model.messages import did_you_mean, error_message
from slp_agreements.model.names import slug

MAX_TABLE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 10_000
SUFFIXES = (".csv", ".xlsx")
M = TypeVar("M", bound=BaseModel)

# Field -> accepted column headers: German first (as documented), then English aliases.
INDICATOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("Kennung", "Nr.", "Indikator-Nr.", "ID"),
    "name": ("Name", "Indikator", "Bezeichnung"),
    "definition": ("Kurzdefinition", "Definition", "Short definition"),
    "calculation": ("Berechnung", "Formel", "Calculation", "Formula"),
    "unit": ("Einheit", "Unit"),
    "source": ("Datenquelle", "Quelle", "Data source", "Source"),
    "provider": ("Datengeber", "Datenliefernde Partei", "Provider", "Providing party"),
    "spatial_level": ("Raumbezug", "Räumliche Ebene", "Spatial level"),
    "coverage": ("Räumliche Abdeckung", "Abdeckung", "Coverage", "Spatial coverage"),
    "update": ("Aktualisierung", "Aktualisierungszyklus", "Update", "Update cycle"),
    "sdg": ("SDG", "SDG-Bezug", "SDG-Indikator", "SDG ids"),
    "direction": ("Wertung", "Richtung", "Direction", "Higher is better"),
    "interpretation": ("Interpretation", "Lesart"),
    "limitations": ("Grenzen der Aussagekraft", "Grenzen", "Einschränkungen", "Limitations"),
    "responsible": ("Verantwortlich", "Verantwortliche Partei", "Responsible", "Responsible party"),
    "reference": ("Methodische Grundlage", "Referenz", "Reference"),
}
INDICATOR_REQUIRED = ("id", "name", "definition", "calculation", "unit", "source")

DATASET_COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("Titel", "Datensatz", "Title", "Dataset"),
    "description": ("Beschreibung", "Description"),
    "provider": ("Datengeber", "Provider"),
    "personal_data": ("Personenbezug", "Personenbezogen", "Personal data"),
    "confidential": ("Vertraulich", "Confidential"),
    "format": ("Format",),
    "update": ("Aktualisierung", "Update", "Update frequency"),
    "keywords": ("Schlagwörter", "Schlagworte", "Keywords"),
    "theme": ("Kategorie", "Thema", "Theme"),
    "publisher": ("Herausgeber", "Publisher"),
    "contact.name": ("Kontakt", "Kontakt Name", "Contact", "Contact name"),
    "contact.email": ("Kontakt E-Mail", "E-Mail", "Contact email"),
    "spatial": ("Räumliche Abdeckung", "AGS", "Raumbezug", "Spatial coverage"),
    "temporal.start": ("Zeitraum von", "Beginn", "Temporal start", "From"),
    "temporal.end": ("Zeitraum bis", "Ende", "Temporal end", "To"),
    "url": ("URL", "Zugangs-URL", "Access URL"),
    "uri": ("URI", "Kennung", "Identifier"),
    "licence": ("Lizenz", "Licence", "License"),
}
DATASET_REQUIRED = ("title", "description", "provider")

_LISTS = {"sdg", "keywords", "theme", "spatial"}
_BOOLS = {"personal_data", "confidential"}
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


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV (Trennzeichen-getrennt)" in Windows-1252.
        return data.decode("cp1252", errors="replace")


def _read_csv(path: Path) -> list[list[Any]]:
    text = _decode(path.read_bytes())
    if "\x00" in text:
        raise UserError("ist keine CSV-Textdatei (binärer Inhalt); bitte als CSV (UTF-8) speichern.", file=path)
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count) if any(d in first for d in ";,\t") else ";"
    try:
        return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise UserError(f"CSV-Datei kann nicht gelesen werden ({exc}).", file=path) from None


def _read_xlsx(path: Path) -> list[list[Any]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UserError(f"ist keine lesbare Excel-Datei (.xlsx) ({type(exc).__name__}).", file=path) from None
    try:
        ws = wb.worksheets[0]
        return [list(row) for row in ws.iter_rows(values_only=True)]
    finally:
        wb.close()


def read_table(path: Path) -> list[list[Any]]:
    """The cells of a CSV file or of the first sheet of an XLSX file, row by row."""
    if not path.is_file():
        raise UserError("Tabelle nicht gefunden. Bitte den Pfad prüfen.", file=path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UserError(f"Tabellen müssen .csv oder .xlsx sein, nicht '{path.suffix}'.", file=path)
    size = path.stat().st_size
    if size > MAX_TABLE_BYTES:
        raise UserError(f"Die Tabelle ist mit {size // 1024} KB zu groß.", file=path)
    return _read_csv(path) if suffix == ".csv" else _read_xlsx(path)


def _cell(value: Any) -> Any:
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


def _value(field: str, value: Any) -> Any:
    if field in _LISTS:
        if isinstance(value, (int, float)) and field == "spatial":
            return [_region_key(value)]
        parts = [p.strip() for p in re.split(r"[;,\n]" if field != "sdg" else r"[;,\s]+", str(value))]
        return [p for p in parts if p]
    if field in _BOOLS and isinstance(value, str):
        low = value.lower()
        return True if low in _YES else False if low in _NO else value
    if field in ("temporal.start", "temporal.end"):
        return _date(value, field.endswith("end"))
    if isinstance(value, dt.date) and field not in ("temporal.start", "temporal.end"):
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


def _nested(flat: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in flat.items():
        if "." in key:
            head, tail = key.split(".", 1)
            out.setdefault(head, {})[tail] = value
        else:
            out[key] = value
    return out


def _header(
    path: Path, spec: dict[str, tuple[str, ...]], required: tuple[str, ...]
) -> tuple[list[list[Any]], dict[int, str], dict[str, int]]:
    """The table's rows (header first), column index → field and field → column index; a bad header fails."""
    rows = read_table(path)
    while rows and all(_cell(c) is None for c in rows[0]):
        rows.pop(0)
    if not rows:
        raise UserError("Die Tabelle ist leer; erwartet wird eine Kopfzeile mit Spaltenüberschriften.", file=path)
    mapping, problems = _columns(rows[0], spec, required)
    if problems:
        _fail(path, problems)
    if len(rows) - 1 > MAX_ROWS:
        raise UserError(f"Die Tabelle hat mehr als {MAX_ROWS} Zeilen.", file=path)
    return rows, mapping, {field: i for i, field in mapping.items()}


def _load_rows(
    path: Path,
    model: type[M],
    spec: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
    check: Callable[[M], list[tuple[str, str]]],
) -> list[M]:
    rows, mapping, columns = _header(path, spec, required)
    problems: list[Problem] = []
    out: list[M] = []
    for number, row in enumerate(rows[1:], 2):
        cells = {mapping[i]: _cell(v) for i, v in enumerate(row) if i in mapping}
        if all(v is None for v in cells.values()):
            continue
        first = _cell(row[0]) if row else None
        if isinstance(first, str) and first.startswith("#"):
            continue
        flat = {f: _value(f, v) for f, v in cells.items() if v is not None}

        def where(field: str, number: int = number) -> str:
            i = columns.get(field, columns.get(field.split(".")[0], -1))
            header = spec[field][0] if field in spec else field
            return f"Zeile {number}, Spalte {column_letter(i)} „{header}“" if i >= 0 else f"Zeile {number}"

        try:
            item = model.model_validate(_nested(flat))
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
        _fail(path, problems)
    return out


def _fail(path: Path, problems: list[Problem]) -> None:
    n = len(problems)
    raise UserError(
        f"{n} Problem{'e' if n > 1 else ''} in der Tabelle; bitte korrigieren und erneut starten:",
        file=path,
        problems=problems,
    )


def _party_check(party_ids: set[str] | None, fields: dict[str, str]) -> Callable[[Any], list[tuple[str, str]]]:
    def check(item: Any) -> list[tuple[str, str]]:
        if party_ids is None:
            return []
        out = []
        for field, role in fields.items():
            value = getattr(item, field.split(".")[0])
            if value is not None and value not in party_ids:
                out.append((field, f"{role} '{value}' ist keine Vertragspartei; möglich sind: {', '.join(party_ids)}"))
        return out

    return check


def read_indicators(path: Path, party_ids: set[str] | None = None) -> list[Indicator]:
    """Indicators from a CSV or XLSX file; with party ids, providers and responsible parties must be parties."""
    base = _party_check(party_ids, {"provider": "Datengeber", "responsible": "Verantwortliche Partei"})
    seen: set[str] = set()

    def check(ind: Indicator) -> list[tuple[str, str]]:
        out = base(ind)
        if ind.id in seen:
            out.append(("id", f"Kennung '{ind.id}' ist doppelt vergeben"))
        seen.add(ind.id)
        return out

    items = _load_rows(path, Indicator, INDICATOR_COLUMNS, INDICATOR_REQUIRED, check)
    if not items:
        raise UserError("Die Tabelle enthält keine Indikatoren (nur die Kopfzeile).", file=path)
    return items


def read_datasets(path: Path, party_ids: set[str] | None = None) -> list[Dataset]:
    """Datasets from a CSV or XLSX file; providers and publishers must be parties."""
    check = _party_check(party_ids, {"provider": "Datengeber", "publisher": "Herausgeber"})
    items = _load_rows(path, Dataset, DATASET_COLUMNS, DATASET_REQUIRED, check)
    if not items:
        raise UserError("Die Tabelle enthält keine Datensätze (nur die Kopfzeile).", file=path)
    return items


def attach_tables(answers: Answers, answers_file: Path) -> Answers:
    """The answers with the rows of indicators_file and datasets_file read in (file paths relative to the answers)."""
    ids = {p.id for p in answers.parties}
    update: dict[str, Any] = {}

    def resolve(value: str) -> Path:
        p = Path(value).expanduser()
        return p if p.is_absolute() else answers_file.parent / p

    def read(key: str, reader: Callable[[Path, set[str]], list[Any]], value: str) -> list[Any]:
        path = resolve(value)
        try:
            return reader(path, ids)
        except UserError as exc:
            # Name the answers file too: the user may not know which file points to the table.
            exc.file = f"{answers_file} ({key}: {path})"
            raise

    # The rows replace the file reference, so the loaded answers (and the build manifest) are self-contained.
    if answers.indicators_file:
        update["indicators"] = read("indicators_file", read_indicators, answers.indicators_file)
        update["indicators_file"] = None
    if answers.data and answers.data.datasets_file:
        rows = read("datasets_file", read_datasets, answers.data.datasets_file)
        update["data"] = answers.data.model_copy(update={"datasets": rows, "datasets_file": None})
    return answers.model_copy(update=update)


# ---------------------------------------------------------------------------
# Parties (one per row) for `build --each-party`: each row becomes one bilateral agreement, so a bad row is
# reported for that agreement alone and the other rows are still built.

PARTY_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("Kürzel", "Kennung", "ID"),
    "name": ("Name", "Partei", "Party"),
    "kind": ("Art", "Typ", "Kind"),
    "ags": ("AGS", "Gemeindeschlüssel"),
    "address.street": ("Straße", "Strasse", "Anschrift", "Street"),
    "address.postcode": ("PLZ", "Postleitzahl", "Postcode"),
    "address.city": ("Ort", "City"),
    "represented_by.name": ("Vertreten durch", "Vertretung", "Represented by"),
    "represented_by.function": ("Funktion", "Function"),
    "contact.name": ("Ansprechperson", "Kontakt", "Contact"),
    "contact.function": ("Funktion Ansprechperson", "Contact function"),
    "contact.email": ("E-Mail", "Contact email"),
    "contact.phone": ("Telefon", "Phone"),
    "dpo.name": ("Datenschutzbeauftragte", "Datenschutzbeauftragter", "DSB", "DPO"),
    "dpo.email": ("DSB E-Mail", "DPO email"),
    "population": ("Einwohner", "Einwohnerzahl", "Population"),
    "fixed_amount": ("Festbetrag", "Fixed amount"),
}
PARTY_REQUIRED = ("name", "kind", "address.street", "address.postcode", "address.city", "represented_by.name",
                  "contact.name")  # fmt: skip
_PARTY_KINDS = {"kreis": "landkreis", "hochschule": "research", "forschung": "research", "universität": "research",
                "unternehmen": "company", "körperschaft": "public_body", "behörde": "public_body"}  # fmt: skip
_PADDED = {"ags": 8, "address.postcode": 5}


@dataclass
class PartyRow:
    """One row of a party table: the party as answers data, or the problems that keep it from being one."""

    number: int
    party: dict[str, Any] | None
    problems: list[Problem]
    columns: dict[str, int]
    name: str | None = None

    def where(self, field: str) -> str:
        """'Zeile n, Spalte X „Header“' for a field of this row (the row alone when it has no column)."""
        i = self.columns.get(field, -1)
        if i < 0:
            return f"Zeile {self.number}"
        return f"Zeile {self.number}, Spalte {column_letter(i)} „{PARTY_COLUMNS[field][0]}“"

    @property
    def label(self) -> str:
        """The party's name, or the row number when the row has none."""
        return self.name or f"Zeile {self.number}"


def read_party_rows(path: Path) -> list[PartyRow]:
    """Parties from a CSV or XLSX file, one per row; a wrong header fails the whole table, a wrong row only itself."""
    rows, mapping, columns = _header(path, PARTY_COLUMNS, PARTY_REQUIRED)
    out: list[PartyRow] = []
    for number, row in enumerate(rows[1:], 2):
        cells = {mapping[i]: _cell(v) for i, v in enumerate(row) if i in mapping}
        first = _cell(row[0]) if row else None
        if all(v is None for v in cells.values()) or (isinstance(first, str) and first.startswith("#")):
            continue
        flat = {f: _party_value(f, v) for f, v in cells.items() if v is not None}
        flat.setdefault("id", slug(str(flat.get("name", f"zeile-{number}"))))
        item = PartyRow(number, None, [], columns, str(flat["name"]) if flat.get("name") else None)
        try:
            item.party = Party.model_validate(_nested(flat)).model_dump(mode="json", exclude_none=True)
        except ValidationError as exc:
            seen: set[str] = set()
            for err in exc.errors():
                loc = [p for p in err["loc"] if isinstance(p, str)]
                field = ".".join(loc[:2]) if ".".join(loc[:2]) in PARTY_COLUMNS else (loc[0] if loc else "")
                if field in seen:
                    continue
                seen.add(field)
                msg = error_message(err, Party)
                if err["type"] == "missing" and field in PARTY_COLUMNS:
                    msg = f"fehlt (Pflichtangabe; Spalte „{PARTY_COLUMNS[field][0]}“)"
                item.problems.append(Problem(item.where(field), msg))
        out.append(item)
    if not out:
        raise UserError("Die Tabelle enthält keine Parteien (nur die Kopfzeile).", file=path)
    return out


def _party_value(field: str, value: Any) -> Any:
    text = _value(field, value)
    if field == "kind" and isinstance(text, str):
        low = text.lower()
        return _PARTY_KINDS.get(low, low)
    # Excel stores "03355001" and "01067" as numbers and drops the leading zero; an AGS always has 8 digits.
    if field in _PADDED and isinstance(text, str) and text.isdigit() and len(text) == _PADDED[field] - 1:
        return "0" + text if field == "ags" or isinstance(value, int) else text
    return text
