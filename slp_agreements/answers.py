"""The answers file: pydantic models, cross-field rules, loading with file/field/line messages."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from slp_agreements.dcat import geocoding_uri, licence_uri, theme_code
from slp_agreements.errors import Problem, UserError
from slp_agreements.indicators import Indicator
from slp_agreements.vocabulary import (
    KINDS_WITH_AGS,
    LAND_CODES,
    PUBLIC_KINDS,
    AfterFunding,
    AgreementKind,
    CostModel,
    DataRole,
    Land,
    Language,
    LegalForm,
    Licence,
    PartyKind,
)
from slp_agreements.yamlio import Path_, dump_yaml, line_of, load_yaml

SCHEMA_VERSION = 1

# Characters that XML 1.0 (and so Word) cannot hold; tabs and line breaks are allowed.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _clean_text(value: str) -> str:
    if _INVALID_XML.search(value):
        raise ValueError("enthält ein Steuerzeichen, das Word nicht darstellen kann; bitte den Text neu eintippen")
    return value.strip()


Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=300)]
PartyId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=False)

    @field_validator("*", mode="before")
    @classmethod
    def _no_control_chars(cls, value: Any) -> Any:
        if isinstance(value, str):
            return _clean_text(value)
        return value


class Person(_Model):
    """A person acting for a party."""

    name: ShortText
    function: ShortText | None = None
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = None
    phone: ShortText | None = None


class Address(_Model):
    """Postal address."""

    street: ShortText
    postcode: Annotated[str, StringConstraints(pattern=r"^\d{5}$")]
    city: ShortText


class Party(_Model):
    """A party to the agreement (Vertragspartei)."""

    id: PartyId = Field(description="Kurzes Kürzel, mit dem andere Antworten auf diese Partei verweisen")
    name: ShortText
    kind: PartyKind
    ags: Annotated[str, StringConstraints(pattern=r"^\d{8}$")] | None = Field(
        default=None, description="Amtlicher Gemeindeschlüssel, 8 Ziffern (bei Gemeinde, Stadt, Landkreis)"
    )
    address: Address
    represented_by: Person
    contact: Person
    dpo: Person | None = Field(default=None, description="Datenschutzbeauftragte Person")
    population: Annotated[int, Field(gt=0)] | None = None
    fixed_amount: Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)] | None = None

    @field_validator("ags", mode="before")
    @classmethod
    def _ags_as_text(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            raise ValueError('AGS bitte in Anführungszeichen schreiben, z. B. "03353000"')
        return value


class Agreement(_Model):
    """What the agreement is about."""

    kind: AgreementKind
    legal_form: LegalForm
    title: ShortText | None = None
    project: ShortText = Field(description="Name des Vorhabens, z. B. 'Web-GIS Flächenmanagement'")
    subject: Text
    purposes: Annotated[list[Text], Field(min_length=1, max_length=30)]
    region: ShortText | None = Field(default=None, description="Region, z. B. 'Landkreis Harburg'")
    context: Text | None = Field(default=None, description="Regionaler Hintergrund für die Präambel")
    stadt_land_plus: bool = False
    date: dt.date | None = Field(default=None, description="Stand des Entwurfs; sonst das heutige Datum")


class Term(_Model):
    """Duration and termination (Laufzeit und Kündigung)."""

    start: dt.date
    end: dt.date | None = None
    notice_months: Annotated[int, Field(ge=1, le=24)] = 6


class Costs(_Model):
    """Cost sharing (Kostenverteilung)."""

    model: CostModel
    annual_budget: Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)] | None = None
    population_date: dt.date | None = Field(default=None, description="Stichtag der Einwohnerzahlen")


class Period(_Model):
    """Time span the data cover (zeitliche Abdeckung)."""

    start: dt.date | None = None
    end: dt.date | None = None


RegionKey = Annotated[str, StringConstraints(pattern=r"^(\d{2}|\d{5}|\d{8}|\d{12})$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+$", max_length=2000)]


class Dataset(_Model):
    """A dataset the parties share (Datensatz), with the DCAT-AP.de fields an open-data portal needs."""

    title: ShortText
    description: Text
    provider: PartyId
    personal_data: bool = False
    format: ShortText | None = None
    update: ShortText | None = Field(default=None, description="Aktualisierung, z. B. 'jährlich'")
    confidential: bool = False
    keywords: list[ShortText] = Field(default_factory=list, description="Schlagwörter (dcat:keyword)")
    theme: list[str] = Field(default_factory=list, description="EU-Datenthemen, z. B. REGI, SOCI (dcat:theme)")
    publisher: PartyId | None = Field(default=None, description="Herausgeber (dct:publisher); sonst der Datengeber")
    contact: Person | None = Field(default=None, description="Kontakt (dcat:contactPoint); sonst der des Datengebers")
    spatial: list[RegionKey] = Field(
        default_factory=list,
        description="Räumliche Abdeckung als Schlüssel: Land (2), Kreis (5), AGS (8) oder ARS (12 Ziffern)",
    )
    temporal: Period | None = Field(default=None, description="Zeitliche Abdeckung (dct:temporal)")
    url: Url | None = Field(default=None, description="Zugangs-URL der Daten (dcat:accessURL)")
    uri: Url | None = Field(default=None, description="Dauerhafte Kennung (URI) des Datensatzes")
    licence: str | None = Field(
        default=None,
        description="Lizenz: dl-de-by-2.0, dl-de-zero-2.0, cc-by-4.0, cc-zero oder die DCAT-AP.de-URI; "
        "sonst publication.licence",
    )

    @field_validator("licence")
    @classmethod
    def _licence_uri(cls, value: str | None) -> str | None:
        return licence_uri(value) if value else None

    @field_validator("theme")
    @classmethod
    def _themes(cls, value: list[str]) -> list[str]:
        return [theme_code(v) for v in value]

    @field_validator("spatial")
    @classmethod
    def _land_code(cls, value: list[str]) -> list[str]:
        for key in value:
            if not "01" <= key[:2] <= "16":
                raise ValueError(f"Schlüssel '{key}': die ersten zwei Ziffern (Land) müssen 01–16 sein")
            geocoding_uri(key)
        return value


class SubProcessor(_Model):
    """A further processor engaged by the processor (Unterauftragsverarbeiter)."""

    name: ShortText
    address: ShortText
    service: ShortText


class Data(_Model):
    """Shared data and data protection roles."""

    datasets: Annotated[list[Dataset], Field(min_length=1, max_length=10_000)] = Field(default_factory=list)
    datasets_file: str | None = Field(
        default=None, description="Datensätze aus einer Tabelle (.csv oder .xlsx), relativ zur Antwortdatei"
    )
    personal_data: bool
    roles: DataRole | None = None
    processor: PartyId | None = Field(default=None, description="Auftragsverarbeiter (Host-Partei)")
    contact_point: PartyId | None = Field(default=None, description="Anlaufstelle für betroffene Personen")
    data_subjects: list[ShortText] = Field(default_factory=list)
    data_categories: list[ShortText] = Field(default_factory=list)
    legal_basis: Text | None = None
    retention: Text | None = None
    subprocessors: list[SubProcessor] = Field(default_factory=list)


class WebApp(_Model):
    """The shared web application (gemeinsame Webanwendung)."""

    name: ShortText
    description: Text
    host: PartyId
    administrator: PartyId
    availability: ShortText | None = Field(default=None, description="z. B. 'werktags 8–16 Uhr'")
    funding_end: dt.date | None = None
    after_funding: AfterFunding = AfterFunding.decide_later


class Publication(_Model):
    """Publication of shared data and licence."""

    open_data: bool = False
    licence: Licence = Licence.parties_only
    portal: ShortText | None = None


class Joining(_Model):
    """Accession of further members (Beitritt)."""

    allowed: bool = True


class Disputes(_Model):
    """Dispute resolution (Streitbeilegung)."""

    conciliation: bool = True


class Answers(_Model):
    """Everything the questionnaire asks; one answers file describes one agreement."""

    schema_version: Literal[1] = 1
    language: Language = Language.de
    land: Land = Field(description="Bundesland, dessen Recht gilt (z. B. NI, NW, BY)")
    agreement: Agreement
    parties: Annotated[list[Party], Field(min_length=2, max_length=500)]
    lead: PartyId = Field(description="Kürzel der federführenden Partei")
    term: Term
    costs: Costs | None = None
    data: Data | None = None
    web_app: WebApp | None = None
    publication: Publication = Field(default_factory=Publication)
    joining: Joining = Field(default_factory=Joining)
    disputes: Disputes = Field(default_factory=Disputes)
    indicators: Annotated[list[Indicator], Field(max_length=2000)] = Field(
        default_factory=list, description="Indikatoren der gemeinsamen Indikatorenbasis (Steckbriefe)"
    )
    indicators_file: str | None = Field(
        default=None, description="Indikatoren aus einer Tabelle (.csv oder .xlsx), relativ zur Antwortdatei"
    )
    library: list[str] = Field(default_factory=list, description="Eigene Klauselordner")
    template: str | None = Field(default=None, description="Eigene Word-Vorlage (.docx)")

    def party(self, party_id: str) -> Party:
        """The party with this id."""
        return next(p for p in self.parties if p.id == party_id)

    @property
    def binding(self) -> bool:
        """Whether the agreement creates legal obligations (not a letter of intent)."""
        return self.agreement.legal_form is not LegalForm.letter_of_intent


# ---------------------------------------------------------------------------
# Cross-field rules. They work on the raw data, so that they run even when other fields are wrong,
# and the questionnaire can check one answer against the rest.


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def cross_field_problems(raw: Any) -> list[tuple[Path_, str]]:
    """Rules that span several fields; each problem carries its field path."""
    if not isinstance(raw, dict):
        return []
    out: list[tuple[Path_, str]] = []
    parties = [p for p in raw.get("parties") or [] if isinstance(p, dict)]
    ids = [p.get("id") for p in parties]
    id_list = ", ".join(str(i) for i in ids if i)
    seen: set[Any] = set()
    for i, pid in enumerate(ids):
        if pid in seen:
            out.append(
                (
                    ("parties", i, "id"),
                    f"Kürzel '{pid}' ist doppelt vergeben; jede Partei braucht ein eigenes",
                )
            )
        seen.add(pid)

    def must_be_party(path: Path_, value: Any, role: str) -> None:
        if value is not None and isinstance(value, str) and value not in ids:
            out.append((path, f"{role} '{value}' ist keine Vertragspartei; möglich sind: {id_list}"))

    must_be_party(("lead",), raw.get("lead"), "Federführung")
    land = raw.get("land")
    code = LAND_CODES.get(Land(land)) if land in Land._value2member_map_ else None
    for i, p in enumerate(parties):
        kind = p.get("kind")
        ags = p.get("ags")
        if kind in {k.value for k in KINDS_WITH_AGS} and not ags:
            out.append((("parties", i, "ags"), "für Gemeinde, Stadt und Landkreis ist der AGS (8 Ziffern) anzugeben"))
        if isinstance(ags, str) and re.fullmatch(r"\d{8}", ags):
            prefix = ags[:2]
            if not "01" <= prefix <= "16":
                out.append((("parties", i, "ags"), f"AGS '{ags}': die ersten zwei Ziffern (Land) müssen 01–16 sein"))
            elif code and prefix != code:
                out.append(
                    (
                        ("parties", i, "ags"),
                        f"AGS '{ags}' beginnt mit {prefix}, das Bundesland {land} hat aber den Schlüssel {code}",
                    )
                )
            elif kind == "landkreis" and ags[5:] != "000":
                out.append((("parties", i, "ags"), f"AGS '{ags}' eines Landkreises endet auf 000"))
    term = raw.get("term")
    if isinstance(term, dict):
        start, end = _as_date(term.get("start")), _as_date(term.get("end"))
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end <= start:
            out.append(
                (
                    ("term", "end"),
                    f"Ende ({end.isoformat()}) muss nach dem Beginn ({start.isoformat()}) liegen",
                )
            )
    agreement: dict[str, Any] = raw["agreement"] if isinstance(raw.get("agreement"), dict) else {}
    binding = agreement.get("legal_form") != LegalForm.letter_of_intent.value
    kind = agreement.get("kind")
    costs = raw.get("costs")
    if binding and kind in ("cooperation", "both") and not costs:
        out.append((("costs",), "eine verbindliche Kooperation braucht eine Kostenregelung (costs: model: …)"))
    if isinstance(costs, dict):
        model = costs.get("model")
        for i, p in enumerate(parties):
            if model == "population" and not p.get("population"):
                out.append((("parties", i, "population"), "Kostenteilung nach Einwohnerzahl: Einwohnerzahl fehlt"))
            if model == "fixed" and p.get("fixed_amount") is None:
                out.append((("parties", i, "fixed_amount"), "Kostenteilung nach Festbeträgen: Betrag fehlt"))
    data = raw.get("data")
    if kind in ("data_sharing", "both") and not data:
        out.append((("data",), "eine Datennutzungsvereinbarung braucht Angaben zu den Daten (data: …)"))
    if isinstance(data, dict):
        for i, ds in enumerate(data.get("datasets") or []):
            if isinstance(ds, dict):
                must_be_party(("data", "datasets", i, "provider"), ds.get("provider"), "Datengeber")
                must_be_party(("data", "datasets", i, "publisher"), ds.get("publisher"), "Herausgeber")
        out += _file_alternative(data, "datasets", ("data",))
        personal = data.get("personal_data")
        roles = data.get("roles")
        if personal and binding and not roles:
            out.append(
                (
                    ("data", "roles"),
                    "bei personenbezogenen Daten ist die Rollenverteilung anzugeben: separate, joint oder processing",
                )
            )
        if personal:
            if not data.get("data_subjects"):
                out.append((("data", "data_subjects"), "Kategorien betroffener Personen fehlen"))
            if not data.get("data_categories"):
                out.append((("data", "data_categories"), "Kategorien personenbezogener Daten fehlen"))
            if binding and not data.get("legal_basis"):
                out.append(
                    (
                        ("data", "legal_basis"),
                        "Rechtsgrundlage der Verarbeitung fehlt (z. B. 'Art. 6 Abs. 1 lit. e DSGVO i. V. m. …')",
                    )
                )
            for i, p in enumerate(parties):
                if binding and not p.get("dpo"):
                    out.append(
                        (
                            ("parties", i, "dpo"),
                            "bei personenbezogenen Daten: Datenschutzbeauftragte Person fehlt",
                        )
                    )
        if personal and roles == "processing":
            if not data.get("processor"):
                out.append((("data", "processor"), "bei Auftragsverarbeitung: Kürzel der Host-Partei fehlt"))
            must_be_party(("data", "processor"), data.get("processor"), "Auftragsverarbeiter")
        if personal and roles == "joint":
            must_be_party(("data", "contact_point"), data.get("contact_point"), "Anlaufstelle")
    web = raw.get("web_app")
    if isinstance(web, dict):
        must_be_party(("web_app", "host"), web.get("host"), "Host")
        must_be_party(("web_app", "administrator"), web.get("administrator"), "Administration")
    out += _file_alternative(raw, "indicators", ())
    for i, ind in enumerate(raw.get("indicators") or []):
        if isinstance(ind, dict):
            must_be_party(("indicators", i, "provider"), ind.get("provider"), "Datengeber")
            must_be_party(("indicators", i, "responsible"), ind.get("responsible"), "Verantwortliche Partei")
    seen_ind: set[Any] = set()
    for i, ind in enumerate(raw.get("indicators") or []):
        if isinstance(ind, dict) and ind.get("id") is not None:
            if str(ind["id"]) in seen_ind:
                out.append((("indicators", i, "id"), f"Kennung '{ind['id']}' ist doppelt vergeben"))
            seen_ind.add(str(ind["id"]))
    if len(parties) > 500:
        out.append((("parties",), f"{len(parties)} Parteien sind zu viele (höchstens 500)"))
    return out


def _file_alternative(section: dict[str, Any], key: str, at: Path_) -> list[tuple[Path_, str]]:
    """A list is given inline or as a table file (`<key>_file`), not both."""
    listed, file = section.get(key), section.get(f"{key}_file")
    if listed and file:
        return [((*at, f"{key}_file"), f"bitte entweder {key} oder {key}_file angeben, nicht beides")]
    if key == "datasets" and not listed and not file:
        return [((*at, key), "fehlt (Pflichtangabe); Datensätze hier auflisten oder mit datasets_file einlesen")]
    return []


def _where(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _known_fields(path: Path_) -> list[str]:
    """Field names allowed at the parent of ``path`` (for 'did you mean')."""
    model: Any = Answers
    for part in path[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if hasattr(model, "model_fields") else None
        if field is None:
            return []
        model = _inner_model(field.annotation)
        if model is None:
            return []
    return list(model.model_fields) if hasattr(model, "model_fields") else []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    meta = getattr(annotation, "__origin__", None)
    if meta is not None:
        return _inner_model(meta)
    return None


_MESSAGES = {
    "missing": "fehlt (Pflichtangabe)",
    "string_type": "muss ein Text sein",
    "bool_type": "muss ja oder nein sein (true/false)",
    "bool_parsing": "muss ja oder nein sein (true/false)",
    "int_type": "muss eine ganze Zahl sein",
    "int_parsing": "muss eine ganze Zahl sein",
    "decimal_parsing": "muss ein Betrag sein, z. B. 12500.00",
    "date_from_datetime_parsing": "muss ein Datum sein, z. B. 2027-01-01",
    "date_parsing": "muss ein Datum sein, z. B. 2027-01-01",
    "date_type": "muss ein Datum sein, z. B. 2027-01-01",
    "list_type": "muss eine Liste sein (Zeilen mit '- ')",
    "model_type": "muss ein Abschnitt mit Schlüsseln sein",
    "dict_type": "muss ein Abschnitt mit Schlüsseln sein",
    "string_too_short": "darf nicht leer sein",
    "invalid_key": "ein Schlüssel muss ein Text sein (z. B. land:, parties:)",
}


def _message(err: Any) -> str:
    kind = err["type"]
    loc = tuple(err["loc"])
    if kind == "extra_forbidden":
        known = _known_fields(loc)
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f"; meinten Sie '{close[0]}'?" if close else (f"; erlaubt sind: {', '.join(known)}" if known else "")
        return f"unbekannter Schlüssel{hint}"
    if kind == "enum":
        expected = err.get("ctx", {}).get("expected", "")
        return f"ungültiger Wert {err.get('input')!r}; erlaubt sind: {expected}"
    if kind == "string_pattern_mismatch":
        field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
        hints = {
            "ags": 'AGS: genau 8 Ziffern, in Anführungszeichen, z. B. "03353000"',
            "postcode": "Postleitzahl: genau 5 Ziffern, in Anführungszeichen",
            "email": "keine gültige E-Mail-Adresse",
            "spatial": "Schlüssel: Land (2), Kreis (5), AGS (8) oder ARS (12 Ziffern), in Anführungszeichen",
            "url": "keine gültige Internetadresse; erwartet https://…",
            "uri": "keine gültige Internetadresse; erwartet https://…",
        }
        if loc and loc[0] == "indicators" and field == "id":
            return "Kennung: Buchstaben, Ziffern, Punkt, - und _ (z. B. 'FW-01'), höchstens 40 Zeichen"
        return hints.get(field, "Kürzel: nur Kleinbuchstaben, Ziffern, - und _ (z. B. 'lk-harburg')")
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err["msg"]))
    if kind == "literal_error" and loc == ("schema_version",):
        return f"Version {err.get('input')!r} wird nicht unterstützt; erwartet {SCHEMA_VERSION}"
    if kind in ("too_short",) and isinstance(err.get("input"), list):
        return f"braucht mindestens {err['ctx']['min_length']} Einträge"
    if kind in ("too_long",) and isinstance(err.get("input"), list):
        return f"hat zu viele Einträge (höchstens {err['ctx']['max_length']})"
    if kind == "greater_than":
        return f"muss größer als {err['ctx']['gt']} sein"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = err["ctx"].get("ge", err["ctx"].get("le"))
        return f"muss {'mindestens' if kind == 'greater_than_equal' else 'höchstens'} {bound} sein"
    if kind == "string_too_long":
        return f"ist zu lang (höchstens {err['ctx']['max_length']} Zeichen)"
    return _MESSAGES.get(kind, str(err["msg"]))


def annotation_at(path: Path_) -> Any:
    """The type annotation (with its constraints) of the field at ``path``, e.g. ('parties', 0, 'ags')."""
    from typing import get_args, get_origin

    def unwrap(ann: Any) -> Any:
        while True:
            if get_origin(ann) is Annotated:
                ann = get_args(ann)[0]
            elif get_origin(ann) in (list, tuple):
                return ann
            else:
                args = [a for a in get_args(ann) if a is not type(None)]
                if len(args) == 1 and type(None) in get_args(ann):
                    ann = args[0]
                else:
                    return ann

    ann: Any = Answers
    for part in path:
        inner = unwrap(ann)
        if isinstance(part, int):
            ann = get_args(inner)[0]
            continue
        if not (isinstance(inner, type) and issubclass(inner, BaseModel)) or part not in inner.model_fields:
            raise KeyError(path)
        info = inner.model_fields[part]
        ann = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    return ann


def field_problems(path: Path_, value: Any) -> list[tuple[str, str]]:
    """Problems of one value for the field at ``path`` as (sub-field, message), worded as for the answers file."""
    from pydantic import TypeAdapter

    if isinstance(value, str):
        try:
            value = _clean_text(value)
        except ValueError as exc:
            return [("", str(exc))]
    try:
        TypeAdapter(annotation_at(path)).validate_python(value)
    except ValidationError as exc:
        out = []
        for err in exc.errors():
            loc = (*path, *(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))))
            out.append((_where(tuple(loc[len(path) :])), _message({**err, "loc": loc})))
        return out
    return []


def validate(raw: Any, file: Path | str = "<answers>", lines: dict[Path_, int] | None = None) -> Answers:
    """Validate raw answers; raise one UserError listing every problem with field path and line."""
    if not isinstance(raw, dict):
        shapes = {list: "eine Liste", str: "ein einzelner Text", bool: "ja/nein", int: "eine Zahl", float: "eine Zahl"}
        shape = shapes.get(type(raw), f"'{type(raw).__name__}'")
        raise UserError(
            f"Die Antwortdatei muss aus Schlüsseln bestehen (land:, agreement:, …), nicht {shape}.", file=file
        )
    found: dict[Path_, str] = {}
    model: Answers | None = None
    try:
        model = Answers.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            found.setdefault(loc, _message(err))
    for path, msg in cross_field_problems(raw):
        found.setdefault(path, msg)
    if found:
        problems = []
        for path, msg in found.items():
            line = line_of(lines or {}, path)
            where = _where(path) + (f" (Zeile {line})" if line else "")
            problems.append(Problem(where, msg))
        n = len(problems)
        raise UserError(
            f"{n} Problem{'e' if n > 1 else ''} in der Antwortdatei; bitte korrigieren und erneut starten:",
            file=file,
            problems=problems,
        )
    assert model is not None
    return model


def load_answers(path: Path) -> Answers:
    """Load and validate an answers file; tables it names (indicators_file, datasets_file) are read in."""
    raw, lines = load_yaml(path, "Antwortdatei")
    answers = validate(raw, path, lines)
    if answers.indicators_file or (answers.data and answers.data.datasets_file):
        from slp_agreements.tables import attach_tables

        answers = attach_tables(answers, path)
    return answers


def error_message(err: Any) -> str:
    """The German message for one pydantic error (used for rows of imported tables too)."""
    return _message(err)


def to_yaml(answers: Answers | dict[str, Any]) -> str:
    """The answers as hand-editable YAML (only what was given)."""
    data = answers.model_dump(mode="json", exclude_none=True) if isinstance(answers, Answers) else answers
    return dump_yaml(data)


def json_schema() -> dict[str, Any]:
    """JSON Schema of the answers file."""
    schema = Answers.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "slp-agreements Antwortdatei"
    return schema


__all__ = [
    "KINDS_WITH_AGS",
    "LAND_CODES",
    "PUBLIC_KINDS",
    "AfterFunding",
    "Agreement",
    "AgreementKind",
    "Answers",
    "CostModel",
    "Costs",
    "Data",
    "DataRole",
    "Dataset",
    "Land",
    "Language",
    "LegalForm",
    "Licence",
    "Party",
    "PartyKind",
    "Publication",
    "Term",
    "WebApp",
    "cross_field_problems",
    "json_schema",
    "load_answers",
    "to_yaml",
    "validate",
]
