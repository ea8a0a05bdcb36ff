"""Fixed words of every output, in German and English: documents, file names, profiles, change reports.

The clause texts live in the library, the names of phases and roles with their enums (vocabulary.py), the names of
licences in the licence table (licences.py). The questionnaire's own prompts live with the questionnaire.
"""

from __future__ import annotations

from slp_agreements.model.indicators import Direction

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
        "contents": "Inhaltsübersicht",
        "col_no": "Nr.",
        "draft_property": "Entwurf zur Prüfung durch das Rechtsamt",
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
        "contents": "Contents",
        "col_no": "No.",
        "draft_property": "Draft for review by the legal office",
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

# Language tags of the documents (Word's document language, docProps).
DOCUMENT_LANGUAGE = {"de": "de-DE", "en": "en-GB"}

# Names of the files a build writes: <answers file name>-<word>.docx.
FILE_NAMES: dict[str, dict[str, str]] = {
    "de": {"contract": "vereinbarung", "checklist": "checkliste", "manifest": "manifest"},
    "en": {"contract": "agreement", "checklist": "checklist", "manifest": "manifest-en"},
}
PUBLICATION_FILE_NAMES = {"de": "indikatoren", "en": "indicators"}

CATALOGUE_TITLE = {"de": "Datenkatalog „{project}“", "en": "Data catalogue “{project}”"}

PROFILE_LABELS: dict[str, dict[str, str]] = {
    "de": {
        "id": "Kennung",
        "name": "Indikator",
        "definition": "Kurzdefinition",
        "calculation": "Berechnung",
        "unit": "Einheit",
        "sdg": "SDG-Bezug",
        "source": "Datenquelle",
        "provider": "Datenliefernde Partei",
        "spatial_level": "Raumbezug",
        "coverage": "Räumliche Abdeckung",
        "update": "Aktualisierung",
        "direction": "Wertung",
        "interpretation": "Interpretation",
        "limitations": "Grenzen der Aussagekraft",
        "responsible": "Verantwortliche Partei",
        "reference": "Methodische Grundlage",
        "book_title": "Indikatorensteckbriefe",
        "book_subtitle": "Gemeinsame Indikatorenbasis „{project}“",
        "book_intro": "Dieses Dokument beschreibt jeden Indikator der gemeinsamen Indikatorenbasis in einem "
        "Steckbrief: Definition, Berechnung, Datenquelle, Raumbezug, Aktualisierung, Bezug zu den "
        "Nachhaltigkeitszielen der Vereinten Nationen (SDG) sowie Hinweise zur Interpretation und zu den "
        "Grenzen der Aussagekraft.",
        "book_stand": "Stand: {date}",
        "contents": "Inhalt",
        "col_no": "Nr.",
        "col_page": "Seite",
        "licence": "Lizenz",
        "period": "Zeitraum",
        "access": "Abruf",
    },
    "en": {
        "id": "Identifier",
        "name": "Indicator",
        "definition": "Short definition",
        "calculation": "Calculation",
        "unit": "Unit",
        "sdg": "SDG mapping",
        "source": "Data source",
        "provider": "Providing party",
        "spatial_level": "Spatial level",
        "coverage": "Spatial coverage",
        "update": "Update cycle",
        "direction": "Interpretation of change",
        "interpretation": "Interpretation",
        "limitations": "Limitations",
        "responsible": "Responsible party",
        "reference": "Methodological basis",
        "book_title": "Indicator profiles",
        "book_subtitle": "Shared indicator base “{project}”",
        "book_intro": "This document describes each indicator of the shared indicator base in a profile: definition, "
        "calculation, data source, spatial level, update cycle, mapping to the United Nations Sustainable "
        "Development Goals (SDGs), and notes on interpretation and limitations.",
        "book_stand": "Version of {date}",
        "contents": "Contents",
        "col_no": "No.",
        "col_page": "Page",
        "licence": "Licence",
        "period": "Period",
        "access": "Access",
    },
}

DIRECTIONS: dict[str, dict[Direction, str]] = {
    "de": {
        Direction.higher_better: "höher ist besser",
        Direction.lower_better: "niedriger ist besser",
        Direction.neutral: "keine Wertung",
    },
    "en": {
        Direction.higher_better: "higher is better",
        Direction.lower_better: "lower is better",
        Direction.neutral: "no judgement",
    },
}

# The change report of `diff` and `rebuild` (terminal, Markdown and Word), in the language of the contracts.
REPORT: dict[str, dict[str, str]] = {
    "de": {
        "title": "Änderungsbericht",
        "update_title": "Aktualisierung von {file}",
        "before": "Vorher: {name}",
        "after": "Nachher: {name}",
        "summary": "Abschnitte: {counts}; {unchanged} unverändert.",
        "no_changes": "keine Änderungen",
        "legend": "Legende:",
        "removed_text": "entfallener Text",
        "added_text": "neuer Text",
        "added": "Hinzugefügt",
        "removed": "Entfallen",
        "changed": "Geändert",
        "moved": "Neu nummeriert",
        "front": "Titel und Parteien",
        "heading": "Überschrift:",
        "answers": "Geänderte Angaben in der Antwortdatei",
        "renumbered": "Nur neu nummeriert (Text unverändert bis auf Verweisnummern)",
        "versions": "Klauselversionen",
        "version": "Version {version}",
        "version_moved": "Version {old} → {new}",
        "version_new": "neu (Version {version})",
        "version_gone": "entfällt (war Version {version})",
        "version_same": "Version {version}, Inhalt geändert ohne neue Versionsnummer",
        "note_language": "Sprache: {old} → {new}; Texte sind nicht vergleichbar.",
        "note_template": "Word-Vorlage geändert: {old} → {new} (Gestaltung, nicht Text).",
        "note_version": "Programmversion: slp-agreements {old} → {new}.",
        "footer": "Erzeugt mit slp-agreements; maßgeblich ist der Vertragstext selbst.",
    },
    "en": {
        "title": "Change report",
        "update_title": "Update of {file}",
        "before": "Before: {name}",
        "after": "After: {name}",
        "summary": "Sections: {counts}; {unchanged} unchanged.",
        "no_changes": "no changes",
        "legend": "Key:",
        "removed_text": "removed text",
        "added_text": "new text",
        "added": "Added",
        "removed": "Removed",
        "changed": "Changed",
        "moved": "Renumbered",
        "front": "Title and parties",
        "heading": "Heading:",
        "answers": "Changed entries in the answers file",
        "renumbered": "Renumbered only (text unchanged except for reference numbers)",
        "versions": "Clause versions",
        "version": "version {version}",
        "version_moved": "version {old} → {new}",
        "version_new": "new (version {version})",
        "version_gone": "removed (was version {version})",
        "version_same": "version {version}, content changed without a new version number",
        "note_language": "Language: {old} → {new}; the texts cannot be compared.",
        "note_template": "Word template changed: {old} → {new} (layout, not text).",
        "note_version": "Program version: slp-agreements {old} → {new}.",
        "footer": "Made with slp-agreements; the text of the agreement itself is authoritative.",
    },
}
