"""The rules of DCAT-AP.de that a catalogue record must meet before it is written (checked on the record itself).

Written from the specification (DCAT-AP.de 3.0 and 2.0, GovData's conventions) for every property the exporter
writes: mandatory properties, the controlled vocabularies, the types of publisher, contact, location and period.
An error keeps the record from being written; a warning names a recommended property that is missing. Each finding
names the dataset and the field of the answers file that fixes it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from slp_agreements.errors import Problem
from slp_agreements.model.answers import Answers
from slp_agreements.model.licences import LICENCE_URIS
from slp_agreements.model.messages import did_you_mean
from slp_agreements.model.open_data import (
    CONTRIBUTOR_BASE,
    CONTRIBUTORS,
    CONTRIBUTORS_VERSION,
    FILE_TYPE_BASE,
    FILE_TYPES,
    FREQUENCIES,
    FREQUENCY_BASE,
    GEOCODING_BASE,
    GEOCODING_KINDS,
    GEOCODING_LEVELS,
    MEDIA_TYPE_BASE,
    THEME_BASE,
    THEMES,
    DcatProfile,
    format_names,
)
from slp_agreements.render.dcat import Export, Source

_FREQUENCY_CODES = set(FREQUENCIES.values())
_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_GEOCODING = re.compile(re.escape(GEOCODING_BASE) + r"(?P<kind>[A-Za-z]+)/(?P<key>\d+)$")


@dataclass(frozen=True)
class Finding:
    """One finding about the record: an error keeps it from being written, a warning does not."""

    error: bool
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def _list(node: dict[str, Any], prop: str) -> list[Any]:
    value = node.get(prop)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _iri(value: Any) -> str | None:
    """The IRI of a node reference ({"@id": …}), None for a text or a blank node."""
    if isinstance(value, dict) and isinstance(value.get("@id"), str) and not value["@id"].startswith("_:"):
        return str(value["@id"])
    return None


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("@value", ""))
    return str(value)


def _types(value: Any) -> set[str]:
    if not isinstance(value, dict):
        return set()
    t = value.get("@type", [])
    return set(t if isinstance(t, list) else [t])


class _Rules:
    """The checks of one record; ``found`` collects the findings in record order."""

    def __init__(self, export: Export, answers: Answers) -> None:
        self.export = export
        self.answers = answers
        self.v3 = export.profile is DcatProfile.v3
        self.found: list[Finding] = []

    def error(self, where: str, message: str) -> None:
        self.found.append(Finding(True, where, message))

    def warn(self, where: str, message: str) -> None:
        self.found.append(Finding(False, where, message))

    # The catalogue -------------------------------------------------------------------------------------------

    def catalogue(self) -> None:
        rec = self.export.record
        where = "Katalog"
        if "dcat:Catalog" not in _types(rec):
            self.error(where, "ist nicht als dcat:Catalog ausgezeichnet")
        for prop, field in (("dct:title", "agreement.project"), ("dct:description", "agreement.subject")):
            if not any(_text(v).strip() for v in _list(rec, prop)):
                self.error(f"{where} ({field})", f"{prop} fehlt (Pflicht)")
        self.agent(rec, f"{where} (lead)", required=True)
        if not self.export.datasets:
            self.error(where, "enthält keinen Datensatz, der als Open Data veröffentlicht werden kann")

    def agent(self, node: dict[str, Any], where: str, *, required: bool) -> None:
        agents = _list(node, "dct:publisher")
        if not agents:
            if required:
                self.error(where, "Herausgeber (dct:publisher) fehlt (Pflicht)")
            return
        if len(agents) > 1:
            self.error(where, "mehr als ein Herausgeber (dct:publisher); erlaubt ist genau einer")
        for agent in agents:
            if not _types(agent) & {"foaf:Organization", "foaf:Person", "foaf:Agent"}:
                self.error(where, "Herausgeber ist weder als Organisation noch als Person ausgezeichnet (foaf:Agent)")
            if not any(_text(n).strip() for n in _list(agent, "foaf:name")):
                self.error(where, "Herausgeber ohne Namen (foaf:name)")

    # One dataset -----------------------------------------------------------------------------------------------

    def dataset(self, node: dict[str, Any], source: Source, seen: dict[str, str]) -> None:
        def at(field: str) -> str:
            return f"Datensatz '{source.title}' ({source.path}.{field})"

        self.identity(node, source, seen, at)
        for prop, field in (("dct:title", "title"), ("dct:description", "description")):
            if not any(_text(v).strip() for v in _list(node, prop)):
                self.error(at(field), f"{prop} fehlt (Pflicht)")
        self.agent(node, at("publisher"), required=True)
        self.contributor(node, source)
        self.contact(node, at("contact"))
        self.keywords_and_themes(node, at)
        self.dates(node, at)
        self.spatial(node, at("spatial"))
        self.temporal(node, at("temporal"))
        self.frequency(node, source, at("update"))
        dists = _list(node, "dcat:distribution")
        if not dists:
            self.warn(at("url"), "keine Distribution (dcat:distribution): Zugangs-URL, Format und Lizenz angeben")
        for dist in dists:
            self.distribution(dist, source, at, seen)

    def identity(self, node: dict[str, Any], source: Source, seen: dict[str, str], at: Any) -> None:
        iri = node.get("@id")
        if not isinstance(iri, str) or not _IRI.match(iri):
            self.error(
                at("uri"),
                "keine dauerhafte Kennung (IRI); GovData erkennt Datensätze daran wieder. Bitte publication.base_uri "
                "(z. B. https://daten.meine-stadt.de/datensatz/) oder uri am Datensatz angeben",
            )
        elif iri in seen:
            self.error(
                at("uri"),
                f"dieselbe Kennung {iri} wie Datensatz '{seen[iri]}'; bitte am Datensatz eine eigene uri angeben",
            )
        else:
            seen[iri] = source.title
        if not any(_text(v).strip() for v in _list(node, "dct:identifier")):
            self.error(at("uri"), "dct:identifier fehlt (GovData erkennt Datensätze daran wieder)")

    def contributor(self, node: dict[str, Any], source: Source) -> None:
        where = f"Datensatz '{source.title}' (publication.contributor_id)"
        ids = _list(node, "dcatde:contributorID")
        if not ids:
            land = self.answers.land.value
            which = (
                "das Land BB hat dort zwei (openDataBrandenburg, landBrandenburg)"
                if land == "BB"
                else f"für das Land {land} steht dort keine"
            )
            self.error(
                where,
                f"dcatde:contributorID fehlt (Pflicht für GovData): die Kennung des Portals, das die Daten an GovData "
                f"liefert, aus der DCAT-AP.de-Liste; {which}. Bitte publication.contributor_id angeben",
            )
        for value in ids:
            iri = _iri(value) or ""
            if not iri.startswith(CONTRIBUTOR_BASE) or iri[len(CONTRIBUTOR_BASE) :] not in CONTRIBUTORS:
                self.error(
                    where,
                    f"'{iri or _text(value)}' steht nicht in der Liste der Datenbereitsteller "
                    f"(Stand {CONTRIBUTORS_VERSION})",
                )

    def contact(self, node: dict[str, Any], where: str) -> None:
        points = _list(node, "dcat:contactPoint")
        if not points:
            self.warn(where, "kein Kontakt (dcat:contactPoint)")
        for point in points:
            if not _types(point) & {"vcard:Individual", "vcard:Organization", "vcard:Kind"}:
                self.error(where, "Kontakt ist weder Person (vcard:Individual) noch Stelle (vcard:Organization)")
            if not any(_text(n).strip() for n in _list(point, "vcard:fn")):
                self.error(where, "Kontakt ohne Namen (vcard:fn)")
            for mail in _list(point, "vcard:hasEmail"):
                if not (_iri(mail) or "").startswith("mailto:"):
                    self.error(where, f"E-Mail-Adresse '{_text(mail)}' ist keine mailto:-Adresse")

    def keywords_and_themes(self, node: dict[str, Any], at: Any) -> None:
        if not any(_text(k).strip() for k in _list(node, "dcat:keyword")):
            self.warn(at("keywords"), "keine Schlagwörter (dcat:keyword); Portale finden den Datensatz über sie")
        themes = _list(node, "dcat:theme")
        if not themes:
            self.warn(at("theme"), f"keine Kategorie (dcat:theme), z. B. REGI; möglich sind {', '.join(THEMES)}")
        for theme in themes:
            iri = _iri(theme) or ""
            if not iri.startswith(THEME_BASE) or iri[len(THEME_BASE) :] not in THEMES:
                self.error(at("theme"), f"Kategorie '{iri or _text(theme)}' ist kein EU-Datenthema")

    def dates(self, node: dict[str, Any], at: Any) -> None:
        page = _list(node, "dcat:landingPage")
        if not page:
            self.warn(at("landing_page"), "keine Webseite zum Datensatz (dcat:landingPage)")
        for value in page:
            if not _IRI.match(_iri(value) or ""):
                self.error(at("landing_page"), f"Webseite '{_text(value)}' ist keine http(s)-Adresse")
        for prop, field, what in (("dct:issued", "issued", "Veröffentlichungsdatum"),
                                  ("dct:modified", "modified", "Änderungsdatum")):  # fmt: skip
            values = _list(node, prop)
            if not values:
                self.warn(at(field), f"kein {what} ({prop})")
            for value in values:
                if _date(value) is None:
                    self.error(at(field), f"{what} '{_text(value)}' ist kein Datum (JJJJ-MM-TT)")

    def spatial(self, node: dict[str, Any], where: str) -> None:
        places = _list(node, "dct:spatial")
        if not places:
            self.warn(where, "keine räumliche Abdeckung (dct:spatial): Gemeinde- oder Kreisschlüssel angeben")
        for place in places:
            iri = _iri(place) or ""
            match = _GEOCODING.match(iri)
            if not match or GEOCODING_KINDS.get(match["kind"]) != len(match["key"]):
                self.error(where, f"'{iri or _text(place)}' ist kein Schlüssel der amtlichen Geokodierung (DCAT-AP.de)")
            if self.v3 and "dct:Location" not in _types(place):
                self.error(where, "räumliche Abdeckung muss in DCAT-AP.de 3.0 als dct:Location ausgezeichnet sein")
        if self.v3 and _list(node, "dcatde:politicalGeocodingURI"):
            self.error(where, "dcatde:politicalGeocodingURI ist in DCAT-AP.de 3.0 veraltet; dct:spatial verwenden")
        for level in _list(node, "dcatde:politicalGeocodingLevelURI"):
            iri = _iri(level) or ""
            if iri[len(GEOCODING_BASE + "Level/") :] not in GEOCODING_LEVELS or not iri.startswith(GEOCODING_BASE):
                self.error(where, f"Ebene '{iri or _text(level)}' steht nicht in der Liste der Geokodierungsebenen")

    def temporal(self, node: dict[str, Any], where: str) -> None:
        for period in _list(node, "dct:temporal"):
            if "dct:PeriodOfTime" not in _types(period):
                self.error(where, "Zeitraum ist nicht als dct:PeriodOfTime ausgezeichnet")
            start = [_date(v) for v in _list(period, "dcat:startDate")]
            end = [_date(v) for v in _list(period, "dcat:endDate")]
            if None in start + end:
                self.error(where, "Beginn oder Ende des Zeitraums ist kein Datum (JJJJ-MM-TT)")
            elif start and end and end[0] < start[0]:  # type: ignore[operator]
                self.error(where, f"Zeitraum endet ({end[0]}) vor seinem Beginn ({start[0]}); start und end prüfen")
            if not start and not end:
                self.error(where, "Zeitraum ohne Beginn und Ende")

    def frequency(self, node: dict[str, Any], source: Source, where: str) -> None:
        values = _list(node, "dct:accrualPeriodicity")
        ds = source.dataset
        if not values and ds is not None and ds.update:
            self.warn(
                where,
                f"Aktualisierung '{ds.update}' entspricht keinem Wert des EU-Vokabulars und wird nicht übergeben; "
                "möglich sind z. B. täglich, wöchentlich, monatlich, vierteljährlich, halbjährlich, jährlich, "
                "unregelmäßig, laufend, einmalig",
            )
        for value in values:
            iri = _iri(value) or ""
            if not iri.startswith(FREQUENCY_BASE) or iri[len(FREQUENCY_BASE) :] not in _FREQUENCY_CODES:
                self.error(where, f"Aktualisierung '{iri or _text(value)}' ist kein Wert des EU-Vokabulars")

    def distribution(self, dist: dict[str, Any], source: Source, at: Any, seen: dict[str, str]) -> None:
        ident = dist.get("@id")
        if isinstance(ident, str):
            if ident in seen:
                self.error(at("uri"), f"Distribution {ident} kommt doppelt vor")
            seen[ident] = source.title
        urls = [_iri(u) or "" for u in _list(dist, "dcat:accessURL")]
        if not urls:
            self.error(
                at("url"),
                "Zugangs-URL fehlt (dcat:accessURL, Pflicht): die Adresse, unter der die Daten abrufbar sind, bei "
                "einem Kartendienst die GetCapabilities-Adresse",
            )
        for url in urls:
            if not _IRI.match(url):
                self.error(at("url"), f"Zugangs-URL '{url}' ist keine http(s)-Adresse")
        self.licence(dist, source, at)
        self.format(dist, at("format"))

    def licence(self, dist: dict[str, Any], source: Source, at: Any) -> None:
        licences = [_iri(v) or _text(v) for v in _list(dist, "dct:license")]
        field = "licence" if source.dataset is not None and source.dataset.licence else "publication.licence"
        where = at("licence") if field == "licence" else f"Datensatz '{source.title}' (publication.licence)"
        if not licences:
            self.error(where, "Lizenz fehlt (dct:license, Pflicht)")
        for lic in licences:
            if lic not in LICENCE_URIS.values():
                self.error(where, f"Lizenz '{lic}' steht nicht in der DCAT-AP.de-Lizenzliste")

    def format(self, dist: dict[str, Any], where: str) -> None:
        formats = _list(dist, "dct:format")
        if not formats:
            self.warn(where, f"kein Format (dct:format); z. B. {', '.join(format_names()[:8])} …")
        for value in formats:
            iri = _iri(value) or ""
            if not iri.startswith(FILE_TYPE_BASE) or iri[len(FILE_TYPE_BASE) :] not in FILE_TYPES:
                text = iri or _text(value)
                self.error(
                    where,
                    f"Format '{text}' steht nicht im EU-Vokabular der Dateitypen{did_you_mean(text, format_names())}; "
                    f"bekannt sind {', '.join(format_names())}",
                )
        for value in _list(dist, "dcat:mediaType"):
            if not (_iri(value) or "").startswith(MEDIA_TYPE_BASE):
                self.error(where, f"Medientyp '{_text(value)}' ist kein IANA-Medientyp ({MEDIA_TYPE_BASE}…)")


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(_text(value))
    except ValueError:
        return None


def check(export: Export, answers: Answers) -> list[Finding]:
    """Every finding about the record, errors and warnings, in the order of the record."""
    rules = _Rules(export, answers)
    rules.catalogue()
    seen: dict[str, str] = {}
    for node, source in zip(export.datasets, export.sources, strict=True):
        rules.dataset(node, source, seen)
    return rules.found


def as_problem(finding: Finding) -> Problem:
    """A finding as one line of a user error."""
    return Problem(finding.where, finding.message)
