"""Shared datasets as a DCAT-AP.de catalogue (JSON-LD) for open-data portals, in profile 3.0 or 2.0.

The record is written as the answers say, even where that breaks the specification (a format outside the EU list
becomes a text, a missing access URL stays missing): ``dcat_rules`` checks the record before anything is written,
so a mistake is reported once, in one place, with the dataset and the field of the answers file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from slp_agreements.model.answers import Answers, ContactPoint, Dataset, Party, Person
from slp_agreements.model.labels import CATALOGUE_TITLE, SITE_LABELS
from slp_agreements.model.licences import LICENCE_URIS
from slp_agreements.model.names import path_segment
from slp_agreements.model.open_data import (
    CONTRIBUTOR_BASE,
    FILE_TYPE_BASE,
    FREQUENCIES,
    FREQUENCY_BASE,
    GEOCODING_BASE,
    LAND_CONTRIBUTORS,
    MEDIA_TYPE_BASE,
    THEME_BASE,
    DcatProfile,
    contact_is_office,
    file_type,
    geocoding_uri,
)
from slp_agreements.model.vocabulary import ContactKind

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
# Licences whose terms ask for the provider's name (FACTS.md §5): the record carries the text to name.
_ATTRIBUTION = {LICENCE_URIS["dl-de-by-2.0"], LICENCE_URIS["cc-by-4.0"]}
# Addresses reserved for examples and tests (RFC 2606, RFC 6761): no portal can reach them.
_EXAMPLE_HOST = re.compile(r"^https?://(?:[^/@]*\.)?(?:example(?:\.com|\.net|\.org)?|test|invalid|localhost)(?:[:/]|$)")


@dataclass(frozen=True)
class Source:
    """Where a dataset of the record comes from: its title, its field path in the answers file, its answers."""

    title: str
    path: str
    dataset: Dataset | None = None


@dataclass
class Export:
    """The catalogue record, the answers behind each of its datasets, and what the export has to say about it."""

    record: dict[str, Any]
    sources: list[Source]
    profile: DcatProfile
    left_out: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def datasets(self) -> list[dict[str, Any]]:
        """The dataset nodes of the record, in the order of ``sources``."""
        nodes: list[dict[str, Any]] = self.record["dcat:dataset"]
        return nodes


def _text(value: str, lang: str) -> dict[str, str]:
    return {"@value": value, "@language": lang}


def _date(value: Any) -> dict[str, str]:
    return {"@value": value.isoformat(), "@type": "xsd:date"}


def _organisation(party: Party) -> dict[str, Any]:
    # Every party (municipality, district, association, university, company) is an organisation, never a person.
    return {"@id": f"_:org-{party.id}", "@type": "foaf:Organization", "foaf:name": party.name}


def base_uri(answers: Answers) -> str | None:
    """The base of the dataset IRIs (publication.base_uri), ending in '/'; None when not given."""
    base = answers.publication.base_uri
    return None if base is None else base if base.endswith(("/", "#")) else base + "/"


def dataset_iri(ds: Dataset, answers: Answers) -> str | None:
    """The dataset's stable IRI: its own ``uri``, else the base URI and its title; None when neither is given."""
    if ds.uri:
        return ds.uri
    base = base_uri(answers)
    return base + path_segment(ds.title) if base else None


def contributor(answers: Answers) -> str | None:
    """The dcatde:contributorID: publication.contributor_id, else the Land's portal; None where the Land has none."""
    if answers.publication.contributor_id:
        return answers.publication.contributor_id
    key = LAND_CONTRIBUTORS.get(answers.land.value)
    return CONTRIBUTOR_BASE + key if key else None


def _contact(contact: Person, owner: Party) -> dict[str, Any]:
    kind = contact.kind if isinstance(contact, ContactPoint) else None
    office = kind is ContactKind.office or (kind is None and contact_is_office(contact.name))
    point: dict[str, Any] = {"@type": "vcard:Organization" if office else "vcard:Individual", "vcard:fn": contact.name}
    if not office:
        point["vcard:organization-name"] = owner.name
    if contact.email:
        point["vcard:hasEmail"] = {"@id": f"mailto:{contact.email}"}
    if contact.phone:
        point["vcard:hasTelephone"] = {"@id": "tel:" + re.sub(r"[^\d+]", "", contact.phone)}
    return point


def _party_keys(party: Party) -> list[str]:
    if not party.ags:
        return []
    return [party.ags[:5]] if party.kind.value == "landkreis" else [party.ags]


def _level(keys: list[str]) -> str | None:
    lengths = {len(k) for k in keys}
    if lengths and lengths <= {8, 12}:
        return "municipality"
    return {frozenset({5}): "administrativeDistrict", frozenset({2}): "state"}.get(frozenset(lengths))


def _spatial(node: dict[str, Any], keys: list[str], profile: DcatProfile) -> None:
    if not keys:
        return
    uris = [geocoding_uri(k) for k in keys]
    if profile is DcatProfile.v3:  # 3.0: a typed dct:Location; politicalGeocodingURI is deprecated
        node["dct:spatial"] = [{"@id": u, "@type": "dct:Location"} for u in uris]
    else:  # 2.0: the geocoding IRI itself, and politicalGeocodingURI beside it
        node["dct:spatial"] = [{"@id": u} for u in uris]
        node["dcatde:politicalGeocodingURI"] = [{"@id": u} for u in uris]
    level = _level(keys)
    if level:
        node["dcatde:politicalGeocodingLevelURI"] = {"@id": f"{GEOCODING_BASE}Level/{level}"}


def _distribution(ds: Dataset, iri: str | None, licence: str, publisher: Party, lang: str) -> dict[str, Any]:
    ft = file_type(ds.format) if ds.format else None
    dist: dict[str, Any] = {"@id": f"{iri}#{ft.code.lower() if ft else 'distribution'}"} if iri else {}
    dist["@type"] = "dcat:Distribution"
    dist["dct:title"] = _text(f"{ds.title} ({ft.names[0]})" if ft else ds.title, lang)
    if ds.url:
        dist["dcat:accessURL"] = {"@id": ds.url}
    if ft:
        dist["dct:format"] = {"@id": FILE_TYPE_BASE + ft.code}
        if ft.media_type:
            dist["dcat:mediaType"] = {"@id": MEDIA_TYPE_BASE + ft.media_type}
    elif ds.format:
        dist["dct:format"] = ds.format  # not in the EU list: dcat_rules refuses it, with a hint
    dist["dct:license"] = {"@id": licence}
    if licence in _ATTRIBUTION:
        dist["dcatde:licenseAttributionByText"] = _text(publisher.name, lang)
    return dist


def _dataset(ds: Dataset, answers: Answers, licence: str, profile: DcatProfile) -> dict[str, Any]:
    lang = answers.main_language.value
    publisher = answers.party(ds.publisher or ds.provider)
    iri = dataset_iri(ds, answers)
    node: dict[str, Any] = {"@id": iri} if iri else {}
    node["@type"] = "dcat:Dataset"
    if iri:
        node["dct:identifier"] = iri
    node |= {
        "dct:title": _text(ds.title, lang),
        "dct:description": _text(ds.description, lang),
        "dct:publisher": _organisation(publisher),
    }
    contributor_id = contributor(answers)
    if contributor_id:
        node["dcatde:contributorID"] = {"@id": contributor_id}
    provider = answers.party(ds.provider)
    node["dcat:contactPoint"] = _contact(ds.contact or provider.contact, provider)
    if ds.keywords:
        node["dcat:keyword"] = [_text(k, lang) for k in ds.keywords]
    if ds.theme:
        node["dcat:theme"] = [{"@id": THEME_BASE + t} for t in ds.theme]
    if ds.landing_page:
        node["dcat:landingPage"] = {"@id": ds.landing_page}
    if ds.issued:
        node["dct:issued"] = _date(ds.issued)
    if ds.modified:
        node["dct:modified"] = _date(ds.modified)
    _spatial(node, list(ds.spatial) or _party_keys(publisher), profile)
    if ds.temporal and (ds.temporal.start or ds.temporal.end):
        period: dict[str, Any] = {"@type": "dct:PeriodOfTime"}
        if ds.temporal.start:
            period["dcat:startDate"] = _date(ds.temporal.start)
        if ds.temporal.end:
            period["dcat:endDate"] = _date(ds.temporal.end)
        node["dct:temporal"] = period
    if ds.update:
        freq = FREQUENCIES.get(ds.update.strip().lower())
        if freq:  # free text such as 'jährlich zum 31.3.' is left out; dcat_rules warns
            node["dct:accrualPeriodicity"] = {"@id": FREQUENCY_BASE + freq}
    node["dcat:distribution"] = [_distribution(ds, iri, licence, publisher, lang)]
    return node


def _left_out(ds: Dataset, answers: Answers, licence: str | None) -> str | None:
    """Why a dataset must not go into an open-data catalogue, or None."""
    assert answers.data is not None
    name = f"Datensatz '{ds.title}'"
    if ds.personal_data:
        return f"{name} nicht exportiert: enthält personenbezogene Daten"
    if ds.personal_data is None and answers.data.personal_data:
        return (
            f"{name} nicht exportiert: Die Vereinbarung betrifft personenbezogene Daten, beim Datensatz fehlt die "
            "Angabe personal_data; enthält er keine, bitte 'personal_data: false' eintragen"
        )
    if ds.confidential:
        return f"{name} nicht exportiert: vertraulich"
    if not licence:
        return f"{name} nicht exportiert: keine offene Lizenz (licence am Datensatz oder publication.licence angeben)"
    return None


def example_addresses(answers: Answers) -> list[str]:
    """The web addresses of the answers that lie under a domain reserved for examples (example.org, .example …)."""
    found: list[str] = []
    for ds in answers.data.datasets if answers.data else []:
        found += [u for u in (ds.url, ds.landing_page, ds.uri) if u and _EXAMPLE_HOST.match(u)]
    base = answers.publication.base_uri
    if base and _EXAMPLE_HOST.match(base):
        found.append(base)
    return found


def catalogue(answers: Answers, profile: DcatProfile = DcatProfile.v3) -> Export:
    """The shared datasets as a DCAT-AP.de dcat:Catalog in JSON-LD, with the datasets left out and why."""
    lang = answers.main_language.value
    export = Export({}, [], profile)
    default = LICENCE_URIS.get(answers.publication.licence.value)
    nodes = []
    for n, ds in enumerate(answers.data.datasets if answers.data else []):
        licence = ds.licence or default
        why = _left_out(ds, answers, licence)
        if why:
            export.left_out.append(why)
            continue
        assert licence is not None
        nodes.append(_dataset(ds, answers, licence, profile))
        export.sources.append(Source(ds.title, f"data.datasets[{n}]", ds))
    lead = answers.party(answers.lead)
    record: dict[str, Any] = {"@context": CONTEXT}
    base = base_uri(answers)
    record["@id"] = base + "katalog" if base else "_:katalog"
    record |= {
        "@type": "dcat:Catalog",
        "dct:title": _text(CATALOGUE_TITLE[lang].format(project=answers.agreement.project), lang),
        "dct:description": _text(answers.agreement.subject, lang),
        "dct:publisher": _organisation(lead),
        "dcat:dataset": nodes,
    }
    export.record = record
    examples = example_addresses(answers)
    if examples:
        host = examples[0].split("/")[2]
        export.notes.append(
            f"Das sind Beispieldaten: {len(examples)} Adressen liegen unter einer für Beispiele reservierten Domain "
            f"(z. B. {host}). Vor der Übergabe an ein Portal die echten Adressen eintragen"
        )
    people = sorted({p["vcard:fn"] for d in nodes if (p := d["dcat:contactPoint"])["@type"] == "vcard:Individual"})
    if people:
        export.notes.append(
            f"Als Kontakt werden Personen mit Namen veröffentlicht ({', '.join(people)}); wo eine Stelle "
            "antworten soll, beim Datensatz contact mit kind: office angeben (z. B. name: Amt für Statistik)"
        )
    return export


def indicator_set(
    answers: Answers, site: str | None, files: list[tuple[str, str]], profile: DcatProfile = DcatProfile.v3
) -> Export | None:
    """The DCAT-AP.de record of the published indicator profiles: one dataset with a distribution per file.

    ``site`` is the address the website is published at; without it the addresses stay relative to the record's
    own location. ``files`` are (file name, format) pairs. None when the agreement names no open licence.
    """
    licence = LICENCE_URIS.get(answers.publication.licence.value)
    if licence is None:
        return None
    lang = answers.main_language.value
    lab = SITE_LABELS[lang]
    base = site if site is None or site.endswith("/") else site + "/"
    prefix = base or ""
    lead = answers.party(answers.lead)
    iri = prefix + "steckbriefe"
    node: dict[str, Any] = {"@id": iri, "@type": "dcat:Dataset", "dct:identifier": iri}
    node |= {
        "dct:title": _text(lab["dataset_title"].format(project=answers.agreement.project), lang),
        "dct:description": _text(lab["dataset_description"].format(project=answers.agreement.project), lang),
        "dct:publisher": _organisation(lead),
    }
    contributor_id = contributor(answers)
    if contributor_id:
        node["dcatde:contributorID"] = {"@id": contributor_id}
    node["dcat:contactPoint"] = _contact(lead.contact, lead)
    topics = sorted({i.topic for i in answers.indicators if i.topic})
    node["dcat:keyword"] = [_text(k, lang) for k in [*lab["keywords"].split("; "), *topics]]
    node["dcat:theme"] = [{"@id": THEME_BASE + "REGI"}]
    node["dcat:landingPage"] = {"@id": prefix + "index.html"}
    if answers.agreement.date:
        node["dct:issued"] = _date(answers.agreement.date)
        node["dct:modified"] = _date(answers.agreement.date)
    keys = sorted({k for p in answers.parties for k in _party_keys(p)})
    _spatial(node, keys, profile)
    dists = []
    for name, fmt in files:
        ft = file_type(fmt)
        assert ft is not None, fmt
        dist: dict[str, Any] = {"@id": f"{iri}#{ft.code.lower()}", "@type": "dcat:Distribution",
                                "dct:title": _text(f"{name} ({ft.names[0]})", lang),
                                "dcat:accessURL": {"@id": prefix + name}, "dcat:downloadURL": {"@id": prefix + name},
                                "dct:format": {"@id": FILE_TYPE_BASE + ft.code}}  # fmt: skip
        if ft.media_type:
            dist["dcat:mediaType"] = {"@id": MEDIA_TYPE_BASE + ft.media_type}
        dist["dct:license"] = {"@id": licence}
        if licence in _ATTRIBUTION:
            dist["dcatde:licenseAttributionByText"] = _text(lead.name, lang)
        dists.append(dist)
    node["dcat:distribution"] = dists
    record: dict[str, Any] = {"@context": CONTEXT, "@id": prefix + "katalog", "@type": "dcat:Catalog"}
    record |= {
        "dct:title": _text(CATALOGUE_TITLE[lang].format(project=answers.agreement.project), lang),
        "dct:description": _text(answers.agreement.subject, lang),
        "dct:publisher": _organisation(lead),
        "dcat:dataset": [node],
    }
    return Export(record, [Source(node["dct:title"]["@value"], "indicators")], profile)
