"""The vocabularies of DCAT-AP.de that datasets use: EU data themes, update frequencies, file types, geocoding."""

from __future__ import annotations

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
