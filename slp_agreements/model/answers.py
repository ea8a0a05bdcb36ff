"""The answers file as pydantic models: one answers file describes one agreement (no reading or checking here).

Field-level rules live on the fields; rules across fields are in rules.py; validation.py runs both and words the
problems; files/answers_file.py reads a file and the tables it names.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, PrivateAttr, StringConstraints, field_validator, model_validator

from slp_agreements.model.fields import PartyId, ShortText, StrictModel, Text
from slp_agreements.model.indicators import Indicator
from slp_agreements.model.licences import Licence, licence_uri
from slp_agreements.model.open_data import contributor_uri, geocoding_uri, theme_code
from slp_agreements.model.translations import Texts, localised, merged
from slp_agreements.model.vocabulary import (
    AfterFunding,
    AgreementKind,
    ContactKind,
    CostModel,
    DataRole,
    Gender,
    InstrumentKey,
    Land,
    Language,
    Languages,
    PartyKind,
    TaskCategory,
    Transfer,
)

SCHEMA_VERSION = 2


class Person(StrictModel):
    """A person acting for a party."""

    name: ShortText
    function: ShortText | None = None
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = None
    phone: ShortText | None = None


class Signer(Person):
    """The person who signs for a party; ``in_representation`` adds the note "In Vertretung" to the signature."""

    in_representation: bool = Field(
        default=False, description="Unterzeichnet die Vertretung (z. B. Erste Beigeordnete): Vermerk „In Vertretung“"
    )


class Grammar(StrictModel):
    """How the party's name is declined in German texts, where the automatic rule is not right."""

    gender: Gender | None = Field(default=None, description="Genus des Namens: m (der), f (die), n (das)")
    nominative: ShortText | None = Field(default=None, description="z. B. 'der Landkreis Heideland'")
    genitive: ShortText | None = Field(default=None, description="z. B. 'des Landkreises Heideland'")
    dative: ShortText | None = Field(default=None, description="z. B. 'dem Landkreis Heideland'")
    accusative: ShortText | None = Field(default=None, description="z. B. 'den Landkreis Heideland'")


class ContactPoint(Person):
    """Who answers questions about a dataset (dcat:contactPoint): a person or an office."""

    kind: ContactKind | None = Field(
        default=None,
        description="person (eine Person) oder office (eine Stelle, z. B. 'Amt für Statistik'); sonst nach dem Namen",
    )


class Address(StrictModel):
    """Postal address."""

    street: ShortText
    postcode: Annotated[str, StringConstraints(pattern=r"^\d{5}$")]
    city: ShortText


class Party(StrictModel):
    """A party to the agreement (Beteiligter)."""

    id: PartyId = Field(description="Kurzes Kürzel, mit dem andere Antworten auf diesen Beteiligten verweisen")
    name: ShortText
    kind: PartyKind
    ags: Annotated[str, StringConstraints(pattern=r"^\d{8}$")] | None = Field(
        default=None, description="Amtlicher Gemeindeschlüssel, 8 Ziffern (bei Gemeinde, Stadt, Landkreis)"
    )
    address: Address
    represented_by: Signer
    second_signatory: Person | None = Field(
        default=None, description="Zweite unterzeichnende Person, wo Landesrecht oder Hausrecht sie verlangt"
    )
    grammar: Grammar | None = Field(default=None, description="Deklination des Namens, falls die Regel nicht passt")
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


class Agreement(StrictModel):
    """What the agreement is about."""

    kind: AgreementKind
    task_transfer: Transfer | None = Field(
        default=None,
        description="Was geschieht mit der Aufgabe? delegation (geht mit Zuständigkeit über), mandate (ein "
        "Beteiligter führt sie für die anderen durch), joint (gemeinschaftliche Durchführung), none (keine "
        "Aufgabe geht über); nicht bei einer Absichtserklärung",
    )
    instrument: InstrumentKey | None = Field(
        default=None,
        description="Form der Vereinbarung; ohne Angabe aus task_transfer und dem Landesrecht abgeleitet "
        "(agreement, arge, arge_special, administrative_community, public_law_contract, letter_of_intent)",
    )
    title: ShortText | None = None
    project: ShortText = Field(description="Name des Vorhabens, z. B. 'Web-GIS Flächenmanagement'")
    subject: Text
    purposes: Annotated[list[Text], Field(min_length=1, max_length=30)]
    region: ShortText | None = Field(default=None, description="Region, z. B. 'Landkreis Harburg'")
    context: Text | None = Field(default=None, description="Regionaler Hintergrund für die Präambel")
    stadt_land_plus: bool = False
    date: dt.date | None = Field(default=None, description="Stand des Entwurfs; sonst das heutige Datum")


class Task(StrictModel):
    """The task that passes (delegation), is performed for the others (mandate) or is performed jointly."""

    model_config = ConfigDict(populate_by_name=True)

    name: Text = Field(description="Die Aufgabe, so genau, wie die Vereinbarung sie bezeichnen soll")
    category: TaskCategory | None = Field(
        default=None,
        description="voluntary (freiwillige Selbstverwaltungsaufgabe), mandatory (pflichtige "
        "Selbstverwaltungsaufgabe) oder state (Aufgabe des übertragenen Wirkungskreises)",
    )
    carrier: PartyId | None = Field(
        default=None, description="Kürzel des Beteiligten, der die Aufgabe übernimmt (Delegation) oder durchführt"
    )
    from_: list[PartyId] = Field(
        default_factory=list, alias="from", description="Kürzel der übertragenden Beteiligten; sonst alle übrigen"
    )
    date: dt.date | None = Field(default=None, description="Zeitpunkt des Übergangs; sonst der Beginn (term.start)")
    powers: bool = Field(default=False, description="Befugnisse gehen mit über (z. B. Verwaltungsakte zu erlassen)")
    bylaws: bool = Field(
        default=False, description="Der übernehmende Beteiligte darf Satzungen für das Gebiet der übrigen erlassen"
    )
    participation_rights: list[Text] = Field(
        default_factory=list, description="Mitwirkungsrechte der übrigen Beteiligten, z. B. Anhörung vor Änderungen"
    )


class Term(StrictModel):
    """Duration and termination (Laufzeit und Kündigung)."""

    start: dt.date
    end: dt.date | None = None
    notice_months: Annotated[int, Field(ge=1, le=24)] = 6
    early_termination: bool = Field(
        default=False, description="Ordentliche Kündigung auch vor dem Ende einer festen Laufzeit zulassen"
    )


class Costs(StrictModel):
    """Cost sharing (Kostenverteilung)."""

    model: CostModel
    annual_budget: Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)] | None = None
    population_date: dt.date | None = Field(default=None, description="Stichtag der Einwohnerzahlen")


class Period(StrictModel):
    """Time span the data cover (zeitliche Abdeckung)."""

    start: dt.date | None = None
    end: dt.date | None = None

    @model_validator(mode="after")
    def _start_before_end(self) -> Period:
        if self.start and self.end and self.end < self.start:
            raise ValueError(
                f"Zeitraum endet ({self.end.isoformat()}) vor seinem Beginn ({self.start.isoformat()}); "
                "bitte start und end prüfen"
            )
        return self


RegionKey = Annotated[str, StringConstraints(pattern=r"^(\d{2}|\d{5}|\d{8}|\d{12})$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+$", max_length=2000)]


class Dataset(StrictModel):
    """A dataset the parties share (Datensatz), with the DCAT-AP.de fields an open-data portal needs."""

    title: ShortText
    description: Text
    provider: PartyId
    personal_data: bool | None = Field(
        default=None,
        description="Enthält der Datensatz personenbezogene Daten? Ohne Angabe wird er nicht als Open Data exportiert, "
        "wenn die Vereinbarung personenbezogene Daten betrifft",
    )
    format: ShortText | None = Field(default=None, description="Format, z. B. CSV, XLSX, GeoPackage, WMS, WFS")
    update: ShortText | None = Field(default=None, description="Aktualisierung, z. B. 'jährlich'")
    confidential: bool = False
    purpose: Text | None = Field(
        default=None,
        description="Zweck, zu dem dieser Datensatz bereitgestellt und genutzt wird (Art. 5 Abs. 1 lit. b DSGVO); "
        "Pflicht bei personenbezogenen oder flurstücksbezogenen Datensätzen",
    )
    parcel_level: bool = Field(
        default=False,
        description="Der Datensatz bezieht sich auf einzelne Flurstücke oder Gebäude (z. B. ALKIS, Baulücken, "
        "Leerstände) und ist deshalb in der Regel personenbeziehbar",
    )
    keywords: list[ShortText] = Field(default_factory=list, description="Schlagwörter (dcat:keyword)")
    theme: list[str] = Field(default_factory=list, description="EU-Datenthemen, z. B. REGI, SOCI (dcat:theme)")
    publisher: PartyId | None = Field(default=None, description="Herausgeber (dct:publisher); sonst der Datengeber")
    contact: ContactPoint | None = Field(
        default=None, description="Kontakt (dcat:contactPoint); sonst die Ansprechperson des Datengebers"
    )
    spatial: list[RegionKey] = Field(
        default_factory=list,
        description="Räumliche Abdeckung als Schlüssel: Land (2), Kreis (5), AGS (8) oder ARS (12 Ziffern)",
    )
    temporal: Period | None = Field(default=None, description="Zeitliche Abdeckung (dct:temporal)")
    url: Url | None = Field(default=None, description="Zugangs-URL der Daten (dcat:accessURL)")
    landing_page: Url | None = Field(default=None, description="Webseite zum Datensatz (dcat:landingPage)")
    issued: dt.date | None = Field(default=None, description="Erstmals veröffentlicht am (dct:issued)")
    modified: dt.date | None = Field(default=None, description="Zuletzt geändert am (dct:modified)")
    uri: Url | None = Field(
        default=None, description="Dauerhafte Kennung (URI) des Datensatzes; sonst aus publication.base_uri und Titel"
    )
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


class SubProcessor(StrictModel):
    """A further processor engaged by the processor (weiterer Auftragsverarbeiter, Art. 28 Abs. 2 und 4 DSGVO)."""

    name: ShortText
    address: ShortText
    service: ShortText


class Data(StrictModel):
    """Shared data and data protection roles."""

    datasets: Annotated[list[Dataset], Field(min_length=1, max_length=10_000)] = Field(default_factory=list)
    datasets_file: str | None = Field(
        default=None, description="Datensätze aus einer Tabelle (.csv oder .xlsx), relativ zur Antwortdatei"
    )
    personal_data: bool
    roles: DataRole | None = None
    processor: PartyId | None = Field(
        default=None, description="Auftragsverarbeiter (meist der Beteiligte, der die Anwendung betreibt)"
    )
    contact_point: PartyId | None = Field(
        default=None,
        description="Anlaufstelle für betroffene Personen (bei combined zugleich koordinierender Verantwortlicher)",
    )
    data_subjects: list[ShortText] = Field(default_factory=list)
    data_categories: list[ShortText] = Field(default_factory=list)
    legal_basis: Text | None = None
    retention: Text | None = None
    subprocessors: list[SubProcessor] = Field(default_factory=list)
    statistics_office: bool = Field(
        default=False,
        description="Einzelangaben einer abgeschotteten Statistikstelle eines Beteiligten werden genutzt "
        "(Statistikgeheimnis)",
    )


class WebApp(StrictModel):
    """The shared web application (gemeinsame Webanwendung)."""

    name: ShortText
    description: Text
    host: PartyId
    administrator: PartyId
    availability: ShortText | None = Field(default=None, description="z. B. 'werktags 8–16 Uhr'")
    funding_end: dt.date | None = None
    after_funding: AfterFunding = AfterFunding.decide_later


class Publication(StrictModel):
    """Publication of shared data and licence."""

    open_data: bool = False
    licence: Licence = Licence.parties_only
    portal: ShortText | None = None
    base_uri: Url | None = Field(
        default=None,
        description="Adresse, unter der die Datensätze dauerhaft veröffentlicht werden; daraus entstehen ihre URIs, "
        "z. B. https://daten.lindenau.de/datensatz/",
    )
    contributor_id: str | None = Field(
        default=None,
        description="Kennung der datenbereitstellenden Stelle nach der DCAT-AP.de-Liste (dcatde:contributorID), "
        "z. B. openNRW; sonst die des Landes",
    )

    @field_validator("contributor_id")
    @classmethod
    def _contributor(cls, value: str | None) -> str | None:
        return contributor_uri(value) if value else None


class Joining(StrictModel):
    """Accession of further members (Beitritt)."""

    allowed: bool = True


class Disputes(StrictModel):
    """Dispute resolution (Streitbeilegung)."""

    conciliation: bool = True


class Answers(StrictModel):
    """Everything the questionnaire asks; one answers file describes one agreement."""

    schema_version: Literal[2] = 2
    language: Languages = Field(default=Languages.de, description="Sprache der Dokumente: de, en oder de,en (beide)")
    land: Land = Field(description="Bundesland, dessen Recht gilt (z. B. NI, NW, BY)")
    agreement: Agreement
    task: Task | None = Field(
        default=None, description="Die Aufgabe (bei Delegation, Mandat, gemeinschaftlicher Durchführung)"
    )
    parties: Annotated[list[Party], Field(min_length=2, max_length=500)]
    lead: PartyId = Field(description="Kürzel des federführenden Beteiligten")
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
    verworfen: dict[str, Any] | None = Field(
        default=None,
        description="Antworten, die der Fragebogen nach einer geänderten Weichen-Antwort verworfen hat; sie kommen "
        "zurück, wenn die Änderung rückgängig gemacht wird, und fließen in keinen Vertrag ein",
    )

    _notes: list[str] = PrivateAttr(default_factory=list)
    _texts: Texts = PrivateAttr(default_factory=Texts)

    @property
    def main_language(self) -> Language:
        """The language of the documents (with 'de,en': German, the first of them)."""
        return self.language.main

    def party(self, party_id: str) -> Party:
        """The party with this id."""
        return next(p for p in self.parties if p.id == party_id)

    @property
    def binding(self) -> bool:
        """Whether the agreement creates legal obligations (not a letter of intent)."""
        return self.agreement.instrument is not InstrumentKey.letter_of_intent

    @property
    def notes(self) -> list[str]:
        """What loading said about the file (e.g. what the migration from an older schema version asks to add)."""
        return self._notes

    @property
    def texts(self) -> Texts:
        """The English versions of the free texts (model/translations.py), with the lines of the answers file."""
        return self._texts

    def with_texts(self, texts: Texts) -> Answers:
        """These answers carrying the English versions of their free texts."""
        self._texts = texts
        return self

    def in_language(self, lang: str) -> Answers:
        """These answers with each free text in ``lang`` where a version is given (the same object for German)."""
        if lang == "de" or not self._texts.en:
            return self
        data = localised(self.model_dump(mode="python", by_alias=True), self._texts, lang)
        return Answers.model_validate(data).with_notes(self._notes).with_texts(self._texts)

    def dump(self) -> dict[str, Any]:
        """The answers as JSON data, what was given only, bilingual free texts as ``{de, en}`` again."""
        return merged(self.model_dump(mode="json", exclude_none=True, by_alias=True), self._texts)

    def with_notes(self, notes: list[str]) -> Answers:
        """These answers carrying the notes of loading them (a copy already carries its own; each note once)."""
        self._notes = list(dict.fromkeys([*self._notes, *notes]))
        return self


def json_schema() -> dict[str, Any]:
    """JSON Schema of the answers file."""
    schema = Answers.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "slp-agreements Antwortdatei"
    return schema
