"""The tables a build reads: indicators, datasets and parties (one per row), with their column headers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from slp_agreements.errors import Problem, UserError
from slp_agreements.files.tables import cell_value, column_letter, field_value, load_rows, nested_fields, read_header
from slp_agreements.model.answers import Dataset, Party
from slp_agreements.model.indicators import Indicator
from slp_agreements.model.messages import error_message
from slp_agreements.model.names import slug

# Field -> accepted column headers: German first (as documented), then English aliases.
INDICATOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("Kennung", "Nr.", "Indikator-Nr.", "ID"),
    "name": ("Name", "Indikator", "Bezeichnung"),
    "topic": ("Themenfeld", "Thema", "Topic"),
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
    "purpose": ("Zweck", "Purpose"),
    "parcel_level": ("Flurstücksbezogen", "Flurstücksbezug", "Parcel level"),
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
    "landing_page": ("Webseite", "Landing Page", "Landing page"),
    "issued": ("Veröffentlicht am", "Veröffentlicht", "Issued"),
    "modified": ("Geändert am", "Zuletzt geändert", "Modified"),
    "contact.kind": ("Kontakt Art", "Contact kind"),
    "uri": ("URI", "Kennung", "Identifier"),
    "licence": ("Lizenz", "Licence", "License"),
}
DATASET_REQUIRED = ("title", "description", "provider")


def _party_check(party_ids: set[str] | None, fields: dict[str, str]) -> Callable[[Any], list[tuple[str, str]]]:
    def check(item: Any) -> list[tuple[str, str]]:
        if party_ids is None:
            return []
        out = []
        for field, role in fields.items():
            value = getattr(item, field.split(".")[0])
            if value is not None and value not in party_ids:
                out.append(
                    (
                        field,
                        f"{role} '{value}' ist kein Beteiligter der Vereinbarung; möglich sind: {', '.join(party_ids)}",
                    )
                )
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

    items = load_rows(path, Indicator, INDICATOR_COLUMNS, INDICATOR_REQUIRED, check)
    if not items:
        raise UserError("Die Tabelle enthält keine Indikatoren (nur die Kopfzeile).", file=path)
    return items


_DIRECTION_CELLS = {
    "higher_better": "höher ist besser",
    "lower_better": "niedriger ist besser",
    "neutral": "keine Wertung",
}


def indicators_csv(indicators: list[Indicator]) -> bytes:
    """The indicators as a table in the layout ``read_indicators`` reads (German headers, semicolons, UTF-8 with BOM).

    The BOM lets Excel open the umlauts correctly; reading the file back gives the same indicators.
    """
    import csv
    import io

    fields = list(INDICATOR_COLUMNS)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow([INDICATOR_COLUMNS[f][0] for f in fields])
    for ind in indicators:
        data = ind.model_dump(mode="json")
        row = []
        for f in fields:
            value = data.get(f)
            if f == "sdg":
                value = " ".join(value or [])
            elif f == "direction" and value:
                value = _DIRECTION_CELLS[value]
            row.append("" if value is None else str(value))
        writer.writerow(row)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def read_datasets(path: Path, party_ids: set[str] | None = None) -> list[Dataset]:
    """Datasets from a CSV or XLSX file; providers and publishers must be parties."""
    check = _party_check(party_ids, {"provider": "Datengeber", "publisher": "Herausgeber"})
    items = load_rows(path, Dataset, DATASET_COLUMNS, DATASET_REQUIRED, check)
    if not items:
        raise UserError("Die Tabelle enthält keine Datensätze (nur die Kopfzeile).", file=path)
    return items


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
    rows, mapping, columns = read_header(path, PARTY_COLUMNS, PARTY_REQUIRED)
    out: list[PartyRow] = []
    for number, row in enumerate(rows[1:], 2):
        cells = {mapping[i]: cell_value(v) for i, v in enumerate(row) if i in mapping}
        first = cell_value(row[0]) if row else None
        if all(v is None for v in cells.values()) or (isinstance(first, str) and first.startswith("#")):
            continue
        flat = {f: _party_value(f, v) for f, v in cells.items() if v is not None}
        flat.setdefault("id", slug(str(flat.get("name", f"zeile-{number}"))))
        item = PartyRow(number, None, [], columns, str(flat["name"]) if flat.get("name") else None)
        try:
            item.party = Party.model_validate(nested_fields(flat)).model_dump(mode="json", exclude_none=True)
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
    text = field_value(field, value)
    if field == "kind" and isinstance(text, str):
        low = text.lower()
        return _PARTY_KINDS.get(low, low)
    # Excel stores "03355001" and "01067" as numbers and drops the leading zero; an AGS always has 8 digits.
    if field in _PADDED and isinstance(text, str) and text.isdigit() and len(text) == _PADDED[field] - 1:
        return "0" + text if field == "ags" or isinstance(value, int) else text
    return text
