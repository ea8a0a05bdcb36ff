"""The vocabularies of DCAT-AP.de: EU data themes, frequencies and file types, contributors, geocoding."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import Enum


class DcatProfile(str, Enum):
    """The DCAT-AP.de profile an export follows: 3.0 (GovData's current one) or 2.0 with GovData's conventions."""

    v3 = "3.0"
    v2 = "2.0"


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


# The formats municipalities publish, as users write them, to the EU file-type vocabulary and the IANA media type
# (None where IANA registers none, or for a service, whose access URL is its GetCapabilities address).
@dataclass(frozen=True)
class FileType:
    """One format: its code in the EU file-type vocabulary, its IANA media type, the names users write."""

    code: str
    media_type: str | None
    names: tuple[str, ...]
    service: bool = False


FILE_TYPE_TABLE: tuple[FileType, ...] = (
    FileType("CSV", "text/csv", ("CSV",)),
    FileType("TSV", "text/tab-separated-values", ("TSV",)),
    FileType("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("XLSX", "Excel")),
    FileType("XLS", "application/vnd.ms-excel", ("XLS",)),
    FileType("ODS", "application/vnd.oasis.opendocument.spreadsheet", ("ODS", "OpenDocument-Tabelle")),
    FileType("JSON", "application/json", ("JSON",)),
    FileType("JSON_LD", "application/ld+json", ("JSON-LD",)),
    FileType("XML", "application/xml", ("XML",)),
    FileType("RDF_XML", "application/rdf+xml", ("RDF", "RDF/XML")),
    FileType("RDF_TURTLE", "text/turtle", ("Turtle", "TTL")),
    FileType("GEOJSON", "application/geo+json", ("GeoJSON",)),
    FileType("GPKG", "application/geopackage+sqlite3", ("GeoPackage", "GPKG")),
    FileType("SHP", None, ("Shapefile", "SHP", "ESRI Shapefile")),
    FileType("GML", "application/gml+xml", ("GML",)),
    FileType("KML", "application/vnd.google-earth.kml+xml", ("KML",)),
    FileType("KMZ", "application/vnd.google-earth.kmz", ("KMZ",)),
    FileType("TIFF", "image/tiff", ("TIFF", "TIF", "GeoTIFF")),
    FileType("PNG", "image/png", ("PNG",)),
    FileType("JPEG", "image/jpeg", ("JPEG", "JPG")),
    FileType("LAS", None, ("LAS",)),
    FileType("LAZ", None, ("LAZ",)),
    FileType("WMS_SRVC", None, ("WMS", "Kartendienst", "WMS-Dienst"), service=True),
    FileType("WFS_SRVC", None, ("WFS", "WFS-Dienst"), service=True),
    FileType("ATOM", "application/atom+xml", ("Atom", "Atom-Feed")),
    FileType("REST", None, ("REST", "API", "REST-API"), service=True),
    FileType("PDF", "application/pdf", ("PDF",)),
    FileType("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("DOCX", "Word")),
    FileType("ODT", "application/vnd.oasis.opendocument.text", ("ODT",)),
    FileType("HTML", "text/html", ("HTML", "Webseite")),
    FileType("TXT", "text/plain", ("TXT", "Text")),
    FileType("ZIP", "application/zip", ("ZIP",)),
)
MEDIA_TYPE_BASE = "https://www.iana.org/assignments/media-types/"


def _format_key(value: str) -> str:
    return re.sub(r"[\s._/-]+", "", value.strip().lower())


_FILE_TYPES_BY_NAME: dict[str, FileType] = {
    _format_key(name): ft for ft in FILE_TYPE_TABLE for name in (ft.code, *ft.names)
}
FILE_TYPES = frozenset(ft.code for ft in FILE_TYPE_TABLE)


def file_type(value: str) -> FileType | None:
    """The file type for a format as users write it ('GeoPackage', 'wms', '.csv', or the EU IRI), else None."""
    text = value.strip()
    if text.startswith(FILE_TYPE_BASE):
        return next((ft for ft in FILE_TYPE_TABLE if ft.code == text[len(FILE_TYPE_BASE) :]), None)
    return _FILE_TYPES_BY_NAME.get(_format_key(text.lstrip(".")))


def format_names() -> list[str]:
    """The first name of every known format, for hints."""
    return [ft.names[0] for ft in FILE_TYPE_TABLE]


# dcatde:contributorID: the ids of the DCAT-AP.de list of systems that deliver metadata to GovData (version below).
CONTRIBUTOR_BASE = "http://dcat-ap.de/def/contributors/"
CONTRIBUTORS_VERSION = "20251021"
CONTRIBUTORS = frozenset(
    """
    SWONetzGmbH auswaertigesAmt berlinOpenData bundesamtFuerBauwesenUndRaumordnung bundesamtFuerJustiz
    bundesamtFuerVerbraucherschutzUndLebensmittelsicherheit bundesamtFuerWirtschaftUndAusfuhrkontrolle
    bundesanstaltFuerArbeitsschutzUndArbeitsmedizin bundesanstaltFuerMaterialforschungUndPruefung bundesarchiv
    bundesausgleichsamt bundesinstitutFuerBauStadtUndRaumforschungImBundesamtFuerBauwesenundRaumordnung
    bundesministeriumDerFinanzen bundesministeriumDerVerteidigung bundesministeriumDesInnernUndHeimat
    bundesministeriumFuerArbeitUndSoziales bundesministeriumFuerBildungUndForschung
    bundesministeriumFuerErnaehrungUndLandwirtschaft bundesministeriumFuerFamilieSeniorenFrauenUndJugend
    bundesministeriumFuerWirtschaftUndEnergie bundesministeriumFuerWirtschaftlicheZusammenarbeitUndEntwicklung
    bundessortenamt bundesversicherungsamt bundesverwaltungsamt bundeszentralamtFuerSteuern datenBW
    derBundesbeauftragteFuerDenDatenschutzUndDieInformationsfreiheit destatis deutscheNationalbibliothek
    deutscheRentenversicherungBund deutschesPatentUndMarkenamt dieBeauftragteDerBundesregierungFuerKulturUndMedien
    fitko freistaatSachsen friedrichLoefflerInstitut gdiDE generalzolldirektion genesisDestatis govData hessen
    itzBund landBrandenburg landNiedersachsen landSachsenAnhalt landeshauptstadtMuenchen mCloud maxRubnerInstitut
    mecklenburgVorpommern metropolregionRheinNeckar mobilithek
    openAgrarRepositoriumDerForschungseinrichtungenDesBMEL openDataBayern openDataBrandenburg openDataBund
    openDataHRO openGovernmentDataPortalRheinlandPfalz openNRW paulEhrlichInstitut regionalstatistik
    robertKochInstitut schleswigHolstein stadtAugsburg stadtFrankfurtAmMain stadtFreiburgImBreisgau stadtNuernberg
    stadtOldenburg transparenzportalBremen transparenzportalHamburg umweltbundesamt
    """.split()  # noqa: SIM905 - 69 ids, one list per line would be longer than the module
)
# The Land's open-data portal by default; Saarland and Thüringen have none in the list, Brandenburg has two
# (Open Data Brandenburg and Land Brandenburg): there publication.contributor_id must say which.
LAND_CONTRIBUTORS: dict[str, str] = {
    "BW": "datenBW", "BY": "openDataBayern", "BE": "berlinOpenData", "HB": "transparenzportalBremen",
    "HH": "transparenzportalHamburg", "HE": "hessen", "MV": "mecklenburgVorpommern", "NI": "landNiedersachsen",
    "NW": "openNRW", "RP": "openGovernmentDataPortalRheinlandPfalz", "SN": "freistaatSachsen",
    "ST": "landSachsenAnhalt", "SH": "schleswigHolstein",
}  # fmt: skip


def contributor_uri(value: str) -> str:
    """The contributorID IRI for an id of the DCAT-AP.de list ('openNRW') or its IRI; ValueError with a hint."""
    text = value.strip()
    key = text[len(CONTRIBUTOR_BASE) :] if text.startswith(CONTRIBUTOR_BASE) else text
    if key in CONTRIBUTORS:
        return CONTRIBUTOR_BASE + key
    folded = {k.lower(): k for k in CONTRIBUTORS}
    if key.lower() in folded:
        return CONTRIBUTOR_BASE + folded[key.lower()]
    close = difflib.get_close_matches(key, list(CONTRIBUTORS), n=3, cutoff=0.6)
    hint = (
        f"meinten Sie {', '.join(repr(c) for c in close)}?"
        if close
        else "die Länderportale heißen dort z. B. openNRW, landNiedersachsen, openDataBayern"
    )
    raise ValueError(
        f"Kennung '{text}' steht nicht in der DCAT-AP.de-Liste der Datenbereitsteller (Stand {CONTRIBUTORS_VERSION}); "
        + hint
    )


GEOCODING_LEVELS = ("municipality", "administrativeDistrict", "state", "federal")
GEOCODING_KINDS = {"stateKey": 2, "districtKey": 5, "municipalityKey": 8, "regionalKey": 12,
                   "governmentDistrictKey": 3, "municipalAssociationKey": 9}  # fmt: skip

# A contact named like an office ('Amt für Statistik', 'Geschäftsstelle', 'Open-Data-Team') is an organisation.
_OFFICE = re.compile(
    r"(amt|ämter|stelle|büro|buero|team|service|referat|abteilung|dezernat|fachbereich|fachdienst|sachgebiet|"
    r"verwaltung|zentrale|behörde|institut|redaktion|gemeinde|stadt|landkreis|kreis|hochschule|universität|"
    r"office|department|unit|desk)$"
)


def contact_is_office(name: str) -> bool:
    """Whether a contact's name names an office rather than a person (any word ending like 'Amt', 'Stelle' …)."""
    return any(_OFFICE.search(word) for word in re.findall(r"[^\W\d_]+", name.lower()))


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
