"""Fixed words of the documents in German and English (the clause texts live in the library)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "de": {
        "section": "§",
        "annex": "Anlage",
        "annexes": "Anlagen",
        "preamble": "Präambel",
        "between": "zwischen",
        "and": "und",
        "parties_together": "– nachfolgend gemeinsam „die Parteien“ und einzeln „Partei“ genannt –",
        "represented_by": "vertreten durch",
        "ags": "AGS",
        "draft_mark": "ENTWURF",
        "watermark": "ENTWURF",
        "review_notice": "Entwurf – vor der Unterzeichnung durch das Rechtsamt jeder Partei zu prüfen. "
        "Dieser Entwurf ist kein Angebot zum Vertragsschluss.",
        "status": "Stand",
        "page": "Seite",
        "of": "von",
        "signatures": "Unterschriften",
        "for_party": "Für {party}:",
        "place_date": "Ort, Datum",
        "name_function": "Name, Funktion",
        "seal": "Dienstsiegel",
        "checklist_title": "Checkliste zur Vereinbarung",
        "checklist_intro": "Schritte vor und nach der Unterzeichnung, geordnet nach Phasen. Jeder Schritt nennt die "
        "zuständige Stelle und seine Rechtsgrundlage. Die Checkliste ersetzt nicht die Prüfung durch das Rechtsamt.",
        "col_done": "Erl.",
        "col_step": "Schritt",
        "col_role": "Zuständig",
        "col_phase": "Phase",
        "col_basis": "Rechtsgrundlage",
        "col_party": "Partei",
        "col_address": "Anschrift",
        "col_represented": "Vertreten durch",
        "col_contact": "Ansprechperson",
        "col_dpo": "Datenschutz\u00adbeauftragte/r",
        "col_dataset": "Datensatz",
        "col_description": "Beschreibung",
        "col_provider": "Datengeber",
        "col_personal": "Personen\u00adbezug",
        "col_format_update": "Format, Aktuali\u00adsierung",
        "col_name": "Name",
        "col_service": "Leistung",
        "yes": "ja",
        "no": "nein",
        "none": "–",
        "english_notice": "",
        "annex_list": "Anlagen:",
    },
    "en": {
        "section": "Section",
        "annex": "Annex",
        "annexes": "Annexes",
        "preamble": "Preamble",
        "between": "between",
        "and": "and",
        "parties_together": "– hereinafter jointly “the Parties” and individually “Party” –",
        "represented_by": "represented by",
        "ags": "AGS",
        "draft_mark": "DRAFT",
        "watermark": "DRAFT",
        "review_notice": "Draft – to be reviewed by the legal office of each Party before signature. "
        "This draft is not an offer to conclude a contract.",
        "status": "Version of",
        "page": "Page",
        "of": "of",
        "signatures": "Signatures",
        "for_party": "For {party}:",
        "place_date": "Place, date",
        "name_function": "Name, position",
        "seal": "Official seal",
        "checklist_title": "Checklist for the agreement",
        "checklist_intro": "Steps before and after signature, by phase. Each step names the responsible office and "
        "its legal basis. The checklist does not replace the review by the legal office.",
        "col_done": "Done",
        "col_step": "Step",
        "col_role": "Responsible",
        "col_phase": "Phase",
        "col_basis": "Legal basis",
        "col_party": "Party",
        "col_address": "Address",
        "col_represented": "Represented by",
        "col_contact": "Contact person",
        "col_dpo": "Data protection officer",
        "col_dataset": "Dataset",
        "col_description": "Description",
        "col_provider": "Provider",
        "col_personal": "Personal data",
        "col_format_update": "Format, updates",
        "col_name": "Name",
        "col_service": "Service",
        "yes": "yes",
        "no": "no",
        "none": "–",
        "english_notice": "This English version is a convenience translation. Only the German version is "
        "authoritative.",
        "annex_list": "Annexes:",
    },
}

PHASES: dict[str, dict[str, str]] = {
    "preparation": {"de": "Vorbereitung", "en": "Preparation"},
    "before_signing": {"de": "Vor der Unterzeichnung", "en": "Before signature"},
    "signing": {"de": "Unterzeichnung", "en": "Signature"},
    "after_signing": {"de": "Nach der Unterzeichnung", "en": "After signature"},
    "operation": {"de": "Laufender Betrieb und Überprüfung", "en": "Operation and review"},
}

ROLES: dict[str, dict[str, str]] = {
    "regional_management": {"de": "Regionalmanagement / Projektkoordination", "en": "Regional management"},
    "legal_office": {"de": "Rechtsamt", "en": "Legal office"},
    "dpo": {"de": "Datenschutzbeauftragte", "en": "Data protection officer"},
    "it": {"de": "IT / GIS", "en": "IT / GIS"},
    "council": {"de": "Rat / Kreistag", "en": "Council"},
    "administration_head": {"de": "Hauptverwaltungsbeamte/r", "en": "Head of administration"},
    "finance": {"de": "Kämmerei / Steuern", "en": "Finance / tax"},
    "all_parties": {"de": "Alle Parteien", "en": "All Parties"},
    "lead": {"de": "Federführende Partei", "en": "Lead Party"},
    "host": {"de": "Host-Partei (Betrieb)", "en": "Host Party (operation)"},
    "procurement": {"de": "Vergabestelle", "en": "Procurement office"},
    "press": {"de": "Presse- und Öffentlichkeitsarbeit", "en": "Press office"},
}

LICENCES: dict[str, dict[str, str]] = {
    "dl-de-by-2.0": {
        "de": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
        "en": "Data licence Germany – attribution – version 2.0",
        "uri": "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
        "url": "https://www.govdata.de/dl-de/by-2-0",
        "spdx": "DL-DE-BY-2.0",
    },
    "dl-de-zero-2.0": {
        "de": "Datenlizenz Deutschland – Zero – Version 2.0",
        "en": "Data licence Germany – Zero – version 2.0",
        "uri": "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
        "url": "https://www.govdata.de/dl-de/zero-2-0",
        "spdx": "",
    },
    "cc-by-4.0": {
        "de": "Creative Commons Namensnennung 4.0 International (CC BY 4.0)",
        "en": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
        "uri": "http://dcat-ap.de/def/licenses/cc-by/4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
        "spdx": "CC-BY-4.0",
    },
    "parties-only": {
        "de": "Nutzung ausschließlich durch die Parteien",
        "en": "Use by the Parties only",
        "uri": "",
        "url": "",
        "spdx": "",
    },
}

TITLES: dict[str, dict[str, str]] = {
    "letter_of_intent": {
        "de": "Absichtserklärung über die Zusammenarbeit im Vorhaben „{project}“",
        "en": "Declaration of intent on cooperation in the project “{project}”",
    },
    "municipal_agreement": {
        "de": "{instrument} über das Vorhaben „{project}“",
        "en": "{instrument} on the project “{project}”",
    },
    "public_law_contract": {
        "de": "Öffentlich-rechtlicher Vertrag über das Vorhaben „{project}“",
        "en": "Public-law contract on the project “{project}”",
    },
}

SEAL_KINDS = {"gemeinde", "stadt", "landkreis", "zweckverband", "public_body"}


def label(lang: str, key: str) -> str:
    """A fixed word in the document language."""
    return LABELS[lang][key]
