"""Shared datasets as a DCAT-AP.de catalogue (JSON-LD) for open-data portals, and the vocabularies it uses."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from slp_agreements.answers import Answers, Dataset, Party

# DCAT-AP.de licence URIs (FACTS.md §5); keys are the short names users write.
LICENCE_URIS: dict[str, str] = {
    "dl-de-by-2.0": "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
    "dl-de-zero-2.0": "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
    "cc-by-4.0": "http://dcat-ap.de/def/licenses/cc-by/4.0",
    "cc-zero": "http://dcat-ap.de/def/licenses/cc-zero",
}

# EU data themes (the vocabulary DCAT-AP.de prescribes for dcat:theme), with German names users may write.
THEMES: dict[str, str] = {
    "AGRI": "Landwirtschaft, Fischerei, Forstwirtschaft und Nahrungsmittel",
    "ECON": "Wirtschaft und Finanzen",
    "EDUC": "Bildung, Kultur und Sport",
    "ENER": "Energie",
    "ENVI": "Umwelt",
    "GOVE": "Regierung und öffentlicher Sektor",
    "HEAL": "Gesundheit",
    "INTR": "Internationale Themen",
    "JUST": "Justiz, Rechtssystem und öffentliche Sicherheit",
    "REGI": "Regionen und Städte",
    "SOCI": "Bevölkerung und Gesellschaft",
    "TECH": "Wissenschaft und Technologie",
    "TRAN": "Verkehr",
}
THEME_BASE = "http://publications.europa.eu/resource/authority/data-theme/"
FREQUENCY_BASE = "http://publications.europa.eu/resource/authority/frequency/"
FILE_TYPE_BASE = "http://publications.europa.eu/resource/authority/file-type/"
GEOCODING_BASE = "http://dcat-ap.de/def/politicalGeocoding/"

# Update frequencies as users write them ('jährlich') to the EU frequency vocabulary.
FREQUENCIES: dict[str, str] = {
    "täglich": "DAILY", "daily": "DAILY",
    "wöchentlich": "WEEKLY", "weekly": "WEEKLY",
    "monatlich": "MONTHLY", "monthly": "MONTHLY",
    "vierteljährlich": "QUARTERLY", "quartalsweise": "QUARTERLY", "quarterly": "QUARTERLY",
    "halbjährlich": "ANNUAL_2", "semiannual": "ANNUAL_2",
    "jährlich": "ANNUAL", "annual": "ANNUAL", "yearly": "ANNUAL",
    "zweijährlich": "BIENNIAL", "biennial": "BIENNIAL",
    "unregelmäßig": "IRREG", "irregular": "IRREG",
    "laufend": "CONT", "kontinuierlich": "CONT", "continuous": "CONT",
    "einmalig": "NEVER", "never": "NEVER",
}  # fmt: skip
FILE_TYPES = {"CSV", "XLSX", "XLS", "ODS", "JSON", "GEOJSON", "XML", "PDF", "SHP", "GML", "KML", "GPKG", "ZIP",
              "HTML", "TXT"}  # fmt: skip

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def licence_uri(value: str) -> str:
    """The DCAT-AP.de URI of a licence given by short name or URI; ValueError names the allowed ones."""
    text = value.strip()
    key = text.lower()
    if key in LICENCE_URIS:
        return LICENCE_URIS[key]
    uris = {u.rstrip("/"): u for u in LICENCE_URIS.values()}
    normalised = re.sub(r"^https://", "http://", text).rstrip("/")
    if normalised in uris:
        return uris[normalised]
    raise ValueError(
        f"Lizenz '{text}' unbekannt; erlaubt sind {', '.join(LICENCE_URIS)} oder die DCAT-AP.de-URI "
        f"(z. B. {LICENCE_URIS['dl-de-by-2.0']})"
    )


def theme_code(value: str) -> str:
    """The EU data-theme code (e.g. 'REGI') for a code or its German name; ValueError otherwise."""
    text = value.strip()
    if text.upper() in THEMES:
        return text.upper()
    if text.startswith(THEME_BASE) and text[len(THEME_BASE) :] in THEMES:
        return text[len(THEME_BASE) :]
    for code, name in THEMES.items():
        if text.lower() == name.lower():
            return code
    raise ValueError(
        f"Kategorie '{text}' unbekannt; erlaubt sind die EU-Datenthemen {', '.join(THEMES)} "
        "(z. B. REGI = Regionen und Städte)"
    )


def geocoding_uri(key: str) -> str:
    """The DCAT-AP.de political-geocoding URI of a Land (2), Kreis (5), AGS (8) or ARS (12 digits)."""
    kind = {2: "stateKey", 5: "districtKey", 8: "municipalityKey", 12: "regionalKey"}[len(key)]
    return f"{GEOCODING_BASE}{kind}/{key}"


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
    title = (
        f"Datenkatalog „{answers.agreement.project}“"
        if lang == "de"
        else f"Data catalogue “{answers.agreement.project}”"
    )
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
