"""Shared datasets as a DCAT-AP.de catalogue (JSON-LD) for open-data portals."""

from __future__ import annotations

from typing import Any

from slp_agreements.model.answers import Answers, Dataset, Party
from slp_agreements.model.labels import CATALOGUE_TITLE
from slp_agreements.model.licences import LICENCE_URIS
from slp_agreements.model.open_data import (
    FILE_TYPE_BASE,
    FILE_TYPES,
    FREQUENCIES,
    FREQUENCY_BASE,
    GEOCODING_BASE,
    THEME_BASE,
    geocoding_uri,
)

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _party_keys(party: Party) -> list[str]:
    if not party.ags:
        return []
    return [party.ags[:5]] if party.kind.value == "landkreis" else [party.ags]


def _level(keys: list[str]) -> str | None:
    lengths = {len(k) for k in keys}
    if not lengths:
        return None
    if lengths <= {8, 12}:
        return "municipality"
    if lengths == {5}:
        return "administrativeDistrict"
    if lengths == {2}:
        return "state"
    return None


def _text(value: str, lang: str) -> dict[str, str]:
    return {"@value": value, "@language": lang}


def _agent(name: str) -> dict[str, Any]:
    return {"@type": "foaf:Agent", "foaf:name": name}


def _dataset(ds: Dataset, n: int, answers: Answers, licence: str, lang: str) -> tuple[dict[str, Any], list[str]]:
    warnings: list[str] = []
    publisher = answers.party(ds.publisher or ds.provider)
    node: dict[str, Any] = {
        "@id": ds.uri or f"_:dataset-{n}",
        "@type": "dcat:Dataset",
        "dct:title": _text(ds.title, lang),
        "dct:description": _text(ds.description, lang),
        "dct:publisher": _agent(publisher.name),
    }
    if ds.uri:
        node["dct:identifier"] = ds.uri
    if ds.keywords:
        node["dcat:keyword"] = [_text(k, lang) for k in ds.keywords]
    if ds.theme:
        node["dcat:theme"] = [{"@id": THEME_BASE + t} for t in ds.theme]
    contact = ds.contact or answers.party(ds.provider).contact
    point: dict[str, Any] = {"@type": "vcard:Organization", "vcard:fn": contact.name}
    if contact.email:
        point["vcard:hasEmail"] = {"@id": f"mailto:{contact.email}"}
    node["dcat:contactPoint"] = point
    keys = list(ds.spatial) or _party_keys(publisher)
    if keys:
        uris = [{"@id": geocoding_uri(k)} for k in keys]
        node["dct:spatial"] = uris
        node["dcatde:politicalGeocodingURI"] = uris
        level = _level(keys)
        if level:
            node["dcatde:politicalGeocodingLevelURI"] = {"@id": f"{GEOCODING_BASE}Level/{level}"}
    if ds.temporal:
        period: dict[str, Any] = {"@type": "dct:PeriodOfTime"}
        if ds.temporal.start:
            period["dcat:startDate"] = {"@value": ds.temporal.start.isoformat(), "@type": "xsd:date"}
        if ds.temporal.end:
            period["dcat:endDate"] = {"@value": ds.temporal.end.isoformat(), "@type": "xsd:date"}
        node["dct:temporal"] = period
    if ds.update:
        freq = FREQUENCIES.get(ds.update.strip().lower())
        if freq:
            node["dct:accrualPeriodicity"] = {"@id": FREQUENCY_BASE + freq}
    dist: dict[str, Any] = {"@type": "dcat:Distribution", "dct:title": _text(ds.title, lang),
                            "dct:license": {"@id": licence}}  # fmt: skip
    if ds.format:
        code = ds.format.strip().upper().lstrip(".")
        dist["dct:format"] = {"@id": FILE_TYPE_BASE + code} if code in FILE_TYPES else ds.format
    if ds.url:
        dist["dcat:accessURL"] = {"@id": ds.url}
    else:
        warnings.append(f"Datensatz '{ds.title}': keine Zugangs-URL (url); bitte vor der Übergabe ans Portal ergänzen")
    node["dcat:distribution"] = [dist]
    return node, warnings


def catalogue(answers: Answers) -> tuple[dict[str, Any], list[str]]:
    """The shared datasets as a DCAT-AP.de dcat:Catalog in JSON-LD, and warnings on datasets left out."""
    lang = answers.language.value
    warnings: list[str] = []
    datasets = []
    default = LICENCE_URIS.get(answers.publication.licence.value)
    for n, ds in enumerate(answers.data.datasets if answers.data else [], 1):
        if ds.personal_data or ds.confidential:
            why = "personenbezogene Daten" if ds.personal_data else "vertraulich"
            warnings.append(f"Datensatz '{ds.title}' nicht exportiert ({why})")
            continue
        licence = ds.licence or default
        if not licence:
            warnings.append(
                f"Datensatz '{ds.title}' nicht exportiert: keine offene Lizenz (licence am Datensatz oder "
                "publication.licence angeben)"
            )
            continue
        node, more = _dataset(ds, n, answers, licence, lang)
        datasets.append(node)
        warnings += more
    lead = answers.party(answers.lead)
    title = CATALOGUE_TITLE[lang].format(project=answers.agreement.project)
    catalog = {
        "@context": CONTEXT,
        "@id": "_:catalog",
        "@type": "dcat:Catalog",
        "dct:title": _text(title, lang),
        "dct:description": _text(answers.agreement.subject, lang),
        "dct:publisher": _agent(lead.name),
        "dcat:dataset": datasets,
    }
    return catalog, warnings
