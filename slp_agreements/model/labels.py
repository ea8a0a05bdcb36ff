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
        "parties_together": "– nachfolgend gemeinsam „die Beteiligten“ und einzeln „Beteiligter“ genannt –",
        "represented_by": "vertreten durch",
        "ags": "AGS",
        "draft_mark": "ENTWURF",
        "watermark": "ENTWURF",
        "review_notice": "Entwurf – vor der Unterzeichnung durch das Rechtsamt jedes Beteiligten zu prüfen. "
        "Dieser Entwurf ist kein Angebot zum Vertragsschluss.",
        "status": "Stand",
        "page": "Seite",
        "of": "von",
        "signatures": "Unterschriften",
        "signatures_obligation": "Ausfertigung als Verpflichtungserklärung",
        "for_party": "Für {party}:",
        "place_date": "Ort, Datum",
        "name_function": "Name, Funktion",
        "seal": "Dienstsiegel",
        "in_representation": "In Vertretung",
        "checklist_title": "Checkliste zur Vereinbarung",
        "checklist_intro": "Schritte vor und nach der Unterzeichnung, geordnet nach Phasen. Jeder Schritt nennt die "
        "zuständige Stelle und seine Rechtsgrundlage. Die Checkliste ersetzt nicht die Prüfung durch das Rechtsamt.",
        "col_done": "Erl.",
        "col_step": "Schritt",
        "col_role": "Zuständig",
        "col_phase": "Phase",
        "col_basis": "Rechtsgrundlage",
        "col_party": "Beteiligter",
        "col_address": "Anschrift",
        "col_represented": "Vertreten durch",
        "col_contact": "Ansprechperson",
        "col_dpo": "Datenschutz\u00adbeauftragte/r",
        "col_dataset": "Datensatz",
        "col_description": "Beschreibung",
        "col_provider": "Datengeber",
        "col_personal": "Personen\u00adbezug",
        "col_purpose": "Zweck",
        "purpose_goals": "Ziele nach der Vereinbarung",
        "parcel_level": "flurstücks\u00adbezogen",
        "col_format_update": "Format, Aktuali\u00adsierung",
        "col_name": "Name",
        "col_service": "Leistung",
        "yes": "ja",
        "no": "nein",
        "not_stated": "nicht angegeben",
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
        "signatures_obligation": "Execution as a binding declaration (Verpflichtungserklärung)",
        "for_party": "For {party}:",
        "place_date": "Place, date",
        "name_function": "Name, position",
        "seal": "Official seal",
        "in_representation": "On behalf (in representation)",
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
        "col_purpose": "Purpose",
        "purpose_goals": "Objectives of the agreement",
        "parcel_level": "parcel-level",
        "col_format_update": "Format, updates",
        "col_name": "Name",
        "col_service": "Service",
        "yes": "yes",
        "no": "no",
        "not_stated": "not stated",
        "none": "–",
        "english_notice": "This English version is a convenience translation. Only the German version is "
        "authoritative.",
        "annex_list": "Annexes:",
        "contents": "Contents",
        "col_no": "No.",
        "draft_property": "Draft for review by the legal office",
    },
}

# Titles by instrument; {instrument} is the Land's name of it (Zweckvereinbarung, öffentlich-rechtliche Vereinbarung).
TITLES: dict[str, dict[str, str]] = {
    "letter_of_intent": {
        "de": "Absichtserklärung über die Zusammenarbeit im Vorhaben „{project}“",
        "en": "Declaration of intent on cooperation in the project “{project}”",
    },
    "agreement": {
        "de": "{instrument} über das Vorhaben „{project}“",
        "en": "{instrument} on the project “{project}”",
    },
    "arge": {
        "de": "Vereinbarung über die Bildung einer kommunalen Arbeitsgemeinschaft „{project}“",
        "en": "Agreement establishing a municipal working group “{project}”",
    },
    "arge_special": {
        "de": "Vereinbarung über die Bildung einer besonderen Arbeitsgemeinschaft „{project}“",
        "en": "Agreement establishing a special working group “{project}”",
    },
    "administrative_community": {
        "de": "Vereinbarung über eine Verwaltungsgemeinschaft im Vorhaben „{project}“",
        "en": "Agreement on an administrative community in the project “{project}”",
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
    "de": {
        "contract": "vereinbarung",
        "checklist": "checkliste",
        "manifest": "manifest",
        "resolution": "beschlussvorlage",
        "notes": "erlaeuterungen",
    },
    "en": {
        "contract": "agreement",
        "checklist": "checklist",
        "manifest": "manifest-en",
        "resolution": "resolution",
        "notes": "notes",
    },
}
PUBLICATION_FILE_NAMES = {"de": "indikatoren", "en": "indicators"}

CATALOGUE_TITLE = {"de": "Datenkatalog „{project}“", "en": "Data catalogue “{project}”"}

PROFILE_LABELS: dict[str, dict[str, str]] = {
    "de": {
        "id": "Kennung",
        "name": "Indikator",
        "topic": "Themenfeld",
        "definition": "Kurzdefinition",
        "calculation": "Berechnung",
        "unit": "Einheit",
        "sdg": "SDG-Bezug",
        "source": "Datenquelle",
        "provider": "Datenliefernder Beteiligter",
        "spatial_level": "Raumbezug",
        "coverage": "Räumliche Abdeckung",
        "update": "Aktualisierung",
        "direction": "Wertung",
        "interpretation": "Interpretation",
        "limitations": "Grenzen der Aussagekraft",
        "responsible": "Verantwortlicher Beteiligter",
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
        "topic": "Topic",
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
        "front": "Titel und Beteiligte",
        "heading": "Überschrift:",
        "answers": "Geänderte Angaben in der Antwortdatei",
        "renumbered": "Nur neu nummeriert (Text unverändert bis auf Verweisnummern)",
        "references_only": "Nummer unverändert, nur Verweise der neuen Nummerierung angepasst",
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
        "references_only": "number unchanged, only references follow the new numbering",
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

# The website of indicator profiles (indicators --format html).
SITE_LABELS: dict[str, dict[str, str]] = {
    "de": {
        "skip": "Zum Inhalt springen",
        "filter": "Indikatoren filtern",
        "filter_sdg": "SDG-Bezug",
        "filter_topic": "Themenfeld",
        "all_sdg": "Alle SDG",
        "all_topics": "Alle Themenfelder",
        "reset": "Filter zurücksetzen",
        "count": "{shown} von {total} Indikatoren",
        "caption": "Indikatoren mit Kennung, Themenfeld, SDG-Bezug und Einheit",
        "id": "Kennung",
        "name": "Indikator",
        "topic": "Themenfeld",
        "unit": "Einheit",
        "none": "–",
        "none_found": "Kein Indikator passt zu dieser Auswahl.",
        "downloads": "Daten zum Herunterladen",
        "goal": "Ziel {goal}: {name}",
        "goals": "Nachhaltigkeitsziele (SDG)",
        "profile": "Steckbrief",
        "back": "Alle Indikatoren",
        "prev": "Vorheriger",
        "next": "Nächster",
        "nav": "Steckbriefe",
        "csv": "alle Steckbriefe als Tabelle (CSV, Semikolon, UTF-8; Spalten wie in der Indikatorentabelle)",
        "json": "alle Steckbriefe als JSON",
        "dcat": "Metadaten der Steckbriefe nach DCAT-AP.de (JSON-LD) für Open-Data-Portale",
        "footer": "Erstellt mit slp-agreements {version}",
        "dataset_title": "Indikatorensteckbriefe „{project}“",
        "dataset_description": "Steckbriefe der gemeinsamen Indikatorenbasis „{project}“: Definition, Berechnung, "
        "Einheit, Datenquelle, Raumbezug, Aktualisierung und SDG-Bezug je Indikator",
        "keywords": "Indikatoren; Indikatorensteckbriefe; SDG-Indikatoren",
        "site": "Website",
    },
    "en": {
        "skip": "Skip to content",
        "filter": "Filter indicators",
        "filter_sdg": "SDG",
        "filter_topic": "Topic",
        "all_sdg": "All SDGs",
        "all_topics": "All topics",
        "reset": "Reset filter",
        "count": "{shown} of {total} indicators",
        "caption": "Indicators with id, topic, SDG and unit",
        "id": "Id",
        "name": "Indicator",
        "topic": "Topic",
        "unit": "Unit",
        "none": "–",
        "none_found": "No indicator matches this selection.",
        "downloads": "Downloads",
        "goal": "Goal {goal}: {name}",
        "goals": "Sustainable Development Goals (SDG)",
        "profile": "Profile",
        "back": "All indicators",
        "prev": "Previous",
        "next": "Next",
        "nav": "Profiles",
        "csv": "all profiles as a table (CSV, semicolon, UTF-8; columns as in the indicator table)",
        "json": "all profiles as JSON",
        "dcat": "metadata of the profiles in DCAT-AP.de (JSON-LD) for open-data portals",
        "footer": "Made with slp-agreements {version}",
        "dataset_title": "Indicator profiles “{project}”",
        "dataset_description": "Profiles of the shared indicator base “{project}”: definition, calculation, unit, "
        "data source, spatial level, update cycle and SDG for each indicator",
        "keywords": "indicators; indicator profiles; SDG indicators",
        "site": "Website",
    },
}

# The papers beside the agreement: the Beschlussvorlage per Beteiligter and the Erläuterungen (build/resolutions.py,
# build/explanations.py). Placeholders in braces are filled there.
PAPER_LABELS: dict[str, dict[str, str]] = {
    "de": {
        "resolution_title": "Beschlussvorlage",
        "for_party": "Beteiligter: {party}",
        "organ": "Beschließendes Organ: {organ}",
        "subject": "Betreff",
        "subject_text": "{title} – Zustimmung zum Abschluss",
        "facts": "Sachverhalt",
        "aim": "Gegenstand der Vereinbarung: {subject}. Die Zusammenarbeit dient folgenden Zwecken:",
        "parties": "Beteiligt sind {parties}. Federführend ist {lead}.",
        "instrument": "Die Zusammenarbeit wird als {instrument} vereinbart (Rechtsgrundlage: {norm}).",
        "norm_open": "Vorschrift zu prüfen",
        "task_none": "Eine Aufgabe geht nicht über; jeder Beteiligte bleibt für seine Aufgaben zuständig. Die "
        "Beteiligten arbeiten im Vorhaben zusammen und regeln die gemeinsame Nutzung ihrer Daten.",
        "task_joint": "Die Aufgabe „{task}“ führen die Beteiligten gemeinschaftlich durch; die Zuständigkeit jedes "
        "Beteiligten bleibt unberührt.",
        "task_delegation": "Die Aufgabe „{task}“ geht mit der Zuständigkeit auf {carrier} über (delegierende "
        "Vereinbarung).",
        "task_delegation_carrier": "{party} übernimmt damit die Aufgabe für das Gebiet der übrigen Beteiligten.",
        "task_delegation_other": "{party} gibt die Zuständigkeit für diese Aufgabe ab und behält die in der "
        "Vereinbarung geregelten Mitwirkungsrechte.",
        "task_mandate": "{carrier_nom} führt die Aufgabe „{task}“ für die übrigen Beteiligten durch (mandatierende "
        "Vereinbarung).",
        "task_mandate_carrier": "{party} führt die Aufgabe im Namen der übrigen Beteiligten durch; deren "
        "Zuständigkeit bleibt bestehen.",
        "task_mandate_other": "{party} bleibt für die Aufgabe zuständig und lässt sie in ihrem bzw. seinem Namen "
        "durchführen.",
        "term_open": "Die Vereinbarung soll ab dem {start} auf unbestimmte Zeit gelten; die Frist für eine "
        "ordentliche Kündigung beträgt {notice}.",
        "term_fixed": "Die Vereinbarung soll vom {start} bis zum {end} gelten.",
        "term_early": "Eine ordentliche Kündigung ist auch vor Ablauf möglich; die Kündigungsfrist beträgt {notice}.",
        "term_no_early": "Eine ordentliche Kündigung vor Ablauf ist nicht vorgesehen; die Kündigung aus wichtigem "
        "Grund bleibt unberührt.",
        "dp_none": "Datenschutz: Die Vereinbarung betrifft keine personenbezogenen Daten.",
        "dp_separate": "Datenschutz: Jeder Beteiligte bleibt für die Verarbeitung der von ihm bereitgestellten und "
        "genutzten personenbezogenen Daten selbst Verantwortlicher (Art. 4 Nr. 7 DSGVO).",
        "dp_joint": "Datenschutz: Die Beteiligten sind gemeinsam Verantwortliche (Art. 26 DSGVO); die Vereinbarung "
        "legt fest, wer welche Pflichten gegenüber den betroffenen Personen erfüllt.",
        "dp_processor": "Datenschutz: Dieser Beteiligte verarbeitet personenbezogene Daten im Auftrag der übrigen "
        "Beteiligten (Auftragsverarbeiter nach Art. 28 DSGVO) und ist an deren Weisungen gebunden.",
        "dp_controller_of": "Datenschutz: Dieser Beteiligte bleibt Verantwortlicher für seine Daten; {processor} "
        "verarbeitet sie in seinem Auftrag (Art. 28 DSGVO).",
        "approval": "Nach den Beschlüssen aller Beteiligten: {text}",
        "proposal": "Beschlussvorschlag",
        "resolves": "{organ} {party} {verb}:",
        "resolve_conclude": "Dem Abschluss der Vereinbarung in der Fassung des als Anlage 1 beigefügten Entwurfs "
        "wird zugestimmt ({title}).",
        "resolve_sign": "{signer} wird ermächtigt, die Vereinbarung zu unterzeichnen und Änderungen, die den "
        "Inhalt nicht wesentlich berühren, mit den übrigen Beteiligten abzustimmen.",
        "resolve_budget": "Die Mittel für den Kostenanteil {party} in Höhe von jährlich {amount} werden ab dem "
        "Haushaltsjahr {year} im Haushalt bereitgestellt.",
        "head_of_administration": "Die Hauptverwaltungsbeamtin oder der Hauptverwaltungsbeamte",
        "finances": "Finanzielle Auswirkungen",
        "no_costs": "Die Vereinbarung regelt keine Kostenverteilung; {party} trägt nur die eigenen Personal- und "
        "Sachkosten.",
        "model_equal": "Maßstab: Die gemeinsamen Kosten werden zu gleichen Teilen getragen.",
        "model_population": "Maßstab: Die gemeinsamen Kosten werden im Verhältnis der Einwohnerzahlen getragen.",
        "model_usage": "Maßstab: Die gemeinsamen Kosten werden nach dem Umfang der Nutzung getragen; bis der "
        "Lenkungsausschuss den Maßstab festlegt, zu gleichen Teilen. Die Beträge sind daher vorläufig.",
        "model_lead": "Maßstab: Der federführende Beteiligte trägt die gemeinsamen Kosten allein.",
        "model_fixed": "Maßstab: Jeder Beteiligte leistet einen jährlichen Festbetrag.",
        "share": "Auf {party} entfällt ein Anteil von {percent}, das sind {amount} je Haushaltsjahr.",
        "share_term": "Über die Laufzeit von {months} Monaten sind das insgesamt {amount}.",
        "share_open": "Die Vereinbarung ist unbefristet; der Betrag fällt in jedem Haushaltsjahr an.",
        "share_unknown": "Auf {party} entfällt ein Anteil von {percent}; ein Betrag ergibt sich erst aus dem "
        "Kostenplan, weil die Antworten keinen jährlichen Kostenrahmen nennen.",
        "fixed_differs": "Die Festbeträge ergeben zusammen {fixed}; der Kostenrahmen beträgt {budget}. Die "
        "Abweichung ist vor dem Beschluss zu klären.",
        "rounding": "Rundung: Die Anteile werden auf volle Cent abgerundet; die verbleibenden Cent erhalten "
        "nacheinander die Beteiligten mit dem größten Rest (bei Gleichstand in der Reihenfolge der Beteiligten), "
        "sodass die Anteile den Kostenrahmen auf den Cent ergeben. Abgerechnet wird nach der Vereinbarung.",
        "budget_regulation": "Die Mittel sind nach dem Haushaltsrecht des Landes zu veranschlagen ({act}).",
        "budget_regulation_open": "Die Mittel sind nach dem Haushaltsrecht des Landes zu veranschlagen; die "
        "maßgebliche Vorschrift ist zu prüfen.",
        "commitment_open": "Zu prüfen: Begründet die Vereinbarung Auszahlungen in künftigen Haushaltsjahren, ist "
        "eine Verpflichtungsermächtigung im Haushalt vorzusehen.",
        "col_party": "Beteiligter",
        "col_share": "Anteil",
        "col_annual": "je Jahr",
        "col_term": "über die Laufzeit",
        "sum": "Summe",
        "unlimited": "unbefristet",
        "legal_basis": "Rechtsgrundlage",
        "code": "Maßgebliches Kommunalverfassungsrecht: {act}.",
        "instrument_norm": "Die Vereinbarung selbst beruht auf {norm}.",
        "annexes": "Anlagen",
        "annex": "Anlage",
        "annex_contract": "Entwurf der Vereinbarung ({file})",
        "annex_checklist": "Checkliste der Schritte vor und nach der Unterzeichnung ({file})",
        "marker_verified": "[Stand der Prüfung: ✔ an der Norm geprüft]",
        "marker_partly": "[Stand der Prüfung: ◐ teilweise belegt – zu prüfen]",
        "marker_unverified": "[Stand der Prüfung: ✖ nicht geprüft – zu prüfen]",
        "notes_title": "Erläuterungen",
        "notes_intro_title": "Zu dieser Handreichung",
        "notes_intro": "Diese Erläuterungen begleiten den Entwurf der oben genannten Vereinbarung. Sie erklären für "
        "den Rat und die Verwaltung jeden Paragraphen: wozu er dient, was die gewählten Optionen bedeuten und "
        "auf welchen Vorschriften er beruht. Sie sind nicht Teil der Vereinbarung.",
        "notes_instrument": "Form: {instrument} (Rechtsgrundlage: {norm}).",
        "notes_next_title": "Nächste Schritte",
        "notes_next_1": "Entwurf mit allen Beteiligten abstimmen und durch das Rechtsamt jedes Beteiligten "
        "prüfen lassen, insbesondere alle Punkte „Zu prüfen“ der Checkliste.",
        "notes_next_2": "Beschluss des zuständigen Organs jedes Beteiligten herbeiführen (Beschlussvorlagen "
        "liegen bei).",
        "notes_next_3": "Unterzeichnung nach den Formvorschriften des Landes; danach Anzeige, Genehmigung und "
        "Bekanntmachung, soweit die Checkliste sie nennt.",
        "notes_none": "Für diesen Paragraphen liegen noch keine Erläuterungen vor.",
        "notes_refs": "Rechtsgrundlagen: {refs}",
    },
    "en": {
        "resolution_title": "Draft council resolution",
        "for_party": "Party: {party}",
        "organ": "Resolving body: {organ}",
        "subject": "Subject",
        "subject_text": "{title} – approval of its conclusion",
        "facts": "Background",
        "aim": "Subject matter of the agreement: {subject}. The cooperation serves the following purposes:",
        "parties": "The Parties are {parties}. The lead Party is {lead}.",
        "instrument": "The cooperation is agreed as a {instrument} (legal basis: {norm}).",
        "norm_open": "provision to be checked",
        "task_none": "No task passes; each Party remains competent for its own tasks. The Parties cooperate in "
        "the project and govern the joint use of their data.",
        "task_joint": "The Parties perform the task “{task}” jointly; each Party's competence remains unaffected.",
        "task_delegation": "The task “{task}” passes, together with the competence for it, to {carrier} "
        "(delegating agreement).",
        "task_delegation_carrier": "{party} thereby takes over the task for the area of the other Parties.",
        "task_delegation_other": "{party} gives up its competence for this task and keeps the participation rights "
        "laid down in the agreement.",
        "task_mandate": "{carrier_nom} performs the task “{task}” for the other Parties (mandating agreement).",
        "task_mandate_carrier": "{party} performs the task on behalf of the other Parties; their competence remains.",
        "task_mandate_other": "{party} remains competent for the task and has it performed on its behalf.",
        "term_open": "The agreement is to apply from {start} for an indefinite period; the notice period for "
        "ordinary termination is {notice}.",
        "term_fixed": "The agreement is to apply from {start} until {end}.",
        "term_early": "Ordinary termination before expiry is possible with a notice period of {notice}.",
        "term_no_early": "Ordinary termination before expiry is not provided for; termination for good cause "
        "remains possible.",
        "dp_none": "Data protection: the agreement does not concern personal data.",
        "dp_separate": "Data protection: each Party remains the controller of the personal data it provides and "
        "uses (Art. 4(7) GDPR).",
        "dp_joint": "Data protection: the Parties are joint controllers (Art. 26 GDPR); the agreement lays down who "
        "fulfils which obligations towards data subjects.",
        "dp_processor": "Data protection: this Party processes personal data on behalf of the other Parties "
        "(processor under Art. 28 GDPR) and is bound by their instructions.",
        "dp_controller_of": "Data protection: this Party remains the controller of its data; {processor} processes "
        "them on its behalf (Art. 28 GDPR).",
        "approval": "After the resolutions of all Parties: {text}",
        "proposal": "Proposed resolution",
        "resolves": "The {organ} of {party} {verb}:",
        "resolve_conclude": "The conclusion of the agreement in the version of the draft attached as Annex 1 is "
        "approved ({title}).",
        "resolve_sign": "{signer} is authorised to sign the agreement and to agree with the other Parties changes "
        "that do not substantially affect its content.",
        "resolve_budget": "The funds for the cost share of {party} of {amount} per year are provided in the budget "
        "from the financial year {year}.",
        "head_of_administration": "The chief administrative officer",
        "finances": "Financial implications",
        "no_costs": "The agreement contains no cost-sharing rule; {party} bears only its own staff and material costs.",
        "model_equal": "Key: the joint costs are borne in equal shares.",
        "model_population": "Key: the joint costs are borne in proportion to the population.",
        "model_usage": "Key: the joint costs are borne according to use; until the steering committee fixes the "
        "measure, in equal shares. The amounts are therefore provisional.",
        "model_lead": "Key: the lead Party bears the joint costs alone.",
        "model_fixed": "Key: each Party pays a fixed annual amount.",
        "share": "The share of {party} is {percent}, i.e. {amount} per financial year.",
        "share_term": "Over the term of {months} months this amounts to {amount} in total.",
        "share_open": "The agreement has no fixed term; the amount is due in every financial year.",
        "share_unknown": "The share of {party} is {percent}; an amount follows only from the cost plan, as the "
        "answers give no annual cost ceiling.",
        "fixed_differs": "The fixed amounts add up to {fixed}; the cost ceiling is {budget}. The difference must be "
        "resolved before the resolution.",
        "rounding": "Rounding: each share is rounded down to the cent; the remaining cents go one each to the "
        "Parties with the largest remainder (on a tie, in the order of the Parties), so that the shares add up to "
        "the cost ceiling to the cent. Costs are settled under the agreement.",
        "budget_regulation": "The funds are to be budgeted under the Land's budget law ({act}).",
        "budget_regulation_open": "The funds are to be budgeted under the Land's budget law; the relevant provision "
        "is to be checked.",
        "commitment_open": "To be checked: where the agreement gives rise to payments in future financial years, a "
        "commitment authorisation must be provided in the budget.",
        "col_party": "Party",
        "col_share": "Share",
        "col_annual": "per year",
        "col_term": "over the term",
        "sum": "Total",
        "unlimited": "no fixed term",
        "legal_basis": "Legal basis",
        "code": "Governing municipal law: {act}.",
        "instrument_norm": "The agreement itself rests on {norm}.",
        "annexes": "Annexes",
        "annex": "Annex",
        "annex_contract": "Draft agreement ({file})",
        "annex_checklist": "Checklist of the steps before and after signature ({file})",
        "marker_verified": "[verification: ✔ checked against the provision]",
        "marker_partly": "[verification: ◐ partly supported – to be checked]",
        "marker_unverified": "[verification: ✖ not checked – to be checked]",
        "notes_title": "Explanatory notes",
        "notes_intro_title": "About these notes",
        "notes_intro": "These notes accompany the draft of the agreement named above. For the council and the "
        "staff they explain each section: what it is for, what the options chosen mean and which provisions it "
        "rests on. They are not part of the agreement.",
        "notes_instrument": "Form: {instrument} (legal basis: {norm}).",
        "notes_next_title": "Next steps",
        "notes_next_1": "Agree the draft with all Parties and have it reviewed by each Party's legal office, in "
        "particular every item of the checklist marked “To be checked”.",
        "notes_next_2": "Obtain the resolution of the competent body of each Party (draft resolutions are attached).",
        "notes_next_3": "Sign in the form the Land requires; then notification, approval and publication as far "
        "as the checklist names them.",
        "notes_none": "No explanatory notes are available for this section yet.",
        "notes_refs": "Legal references: {refs}",
    },
}
