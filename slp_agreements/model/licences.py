"""The one licence table: short name, DCAT-AP.de URI, licence text, SPDX id, names (domain/FACTS.md §5)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class LicenceInfo:
    """One licence: how users write it and what documents and catalogues say about it."""

    id: str  # the short name users write, e.g. 'dl-de-by-2.0'
    uri: str  # DCAT-AP.de URI for dct:license; '' for a licence that is not an open licence
    url: str  # the licence text
    spdx: str  # SPDX identifier where there is one
    de: str  # the name in German contract texts
    en: str  # the name in English contract texts
    title: str  # the licence's own name, the same in every language (datasets annex)
    publication: bool  # may be chosen as publication.licence (see Licence)


LICENCES: dict[str, LicenceInfo] = {
    row.id: row
    for row in (
        LicenceInfo(
            "dl-de-by-2.0", "http://dcat-ap.de/def/licenses/dl-by-de/2.0", "https://www.govdata.de/dl-de/by-2-0",
            "DL-DE-BY-2.0", "Datenlizenz Deutschland – Namensnennung – Version 2.0",
            "Data licence Germany – attribution – version 2.0",
            "Datenlizenz Deutschland – Namensnennung – Version 2.0", True,
        ),
        LicenceInfo(
            "dl-de-zero-2.0", "http://dcat-ap.de/def/licenses/dl-zero-de/2.0", "https://www.govdata.de/dl-de/zero-2-0",
            "", "Datenlizenz Deutschland – Zero – Version 2.0", "Data licence Germany – Zero – version 2.0",
            "Datenlizenz Deutschland – Zero – Version 2.0", True,
        ),
        LicenceInfo(
            "cc-by-4.0", "http://dcat-ap.de/def/licenses/cc-by/4.0", "https://creativecommons.org/licenses/by/4.0/",
            "CC-BY-4.0", "Creative Commons Namensnennung 4.0 International (CC BY 4.0)",
            "Creative Commons Attribution 4.0 International (CC BY 4.0)", "CC BY 4.0", True,
        ),
        LicenceInfo("cc-zero", "http://dcat-ap.de/def/licenses/cc-zero", "", "", "CC0", "CC0", "CC0", False),
        LicenceInfo(
            "parties-only", "", "", "", "Nutzung ausschließlich durch die Beteiligten", "Use by the Parties only",
            "Nutzung ausschließlich durch die Beteiligten", True,
        ),
    )
}  # fmt: skip


# The rows of LICENCES marked ``publication`` (tests/test_architecture.py checks that the two agree).
class Licence(str, Enum):
    """Licence under which shared data may be used."""

    dl_de_by_2_0 = "dl-de-by-2.0"
    dl_de_zero_2_0 = "dl-de-zero-2.0"
    cc_by_4_0 = "cc-by-4.0"
    parties_only = "parties-only"


# Open licences (those with a DCAT-AP.de URI), by short name: what a dataset's ``licence`` may name.
LICENCE_URIS: dict[str, str] = {row.id: row.uri for row in LICENCES.values() if row.uri}


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


def licence_by_uri(uri: str) -> LicenceInfo | None:
    """The licence with this DCAT-AP.de URI, if it is in the table."""
    return next((row for row in LICENCES.values() if row.uri and row.uri == uri), None)
