"""The questionnaire's fixed words in German and English, and the English form of the answers file's messages.

The answers file's rules speak German (model/messages.py, model/rules.py); under ``--lang en`` the questionnaire
shows them in English through the patterns below, so a clerk working in English reads English throughout.
"""

from __future__ import annotations

import datetime as dt
import re

TEXT: dict[str, dict[str, str]] = {
    "de": {
        "intro": "Fragebogen für eine Vereinbarung. Enter übernimmt den Vorschlag in [Klammern]; "
        "< (oder Esc) geht eine Frage zurück; ? zeigt die Hilfe zur Frage; Strg+C unterbricht, "
        "die Antworten bleiben gespeichert.",
        "intro_plain": "Eingabe zeilenweise: Auswahl per Nummer, ja/nein als j/n, leere Zeile = Vorschlag, "
        "< = eine Frage zurück, ? = Hilfe.",
        "saved": "Antworten werden nach jeder Frage gespeichert in: {file}",
        "position": "{section} · Frage {n} von etwa {total}",
        "item": "{item} {n} von {total}",
        "resume": "Weiter bei: {where}",
        "last": "Zuletzt beantwortet: {label}: {value}",
        "review": "Ihre Antworten",
        "details": "weitere Angaben",
        "col_n": "Nr.",
        "col_q": "Frage",
        "col_a": "Antwort",
        "change": "Nummer zum Ändern (Enter = Dokumente erzeugen; < = zurück zur letzten Frage)",
        "not_valid": "Vor dem Erzeugen noch zu klären ({n}):",
        "row": "Nr. {n}",
        "no_row": "ohne Nr.",
        "again": "Bitte noch einmal: ",
        "clear": "(- löscht die Angabe)",
        "first": "Das ist die erste Frage.",
        "no_help": "Zu dieser Frage gibt es keinen weiteren Hilfetext.",
        "drop": "Diese Änderung verwirft {n} Antwort(en), die dann nicht mehr passen: {what}. Sie bleiben unter "
        "„verworfen:“ in der Antwortdatei und kommen zurück, wenn Sie die Änderung rückgängig machen. Ändern?",
        "dropped": "{n} Antwort(en) verworfen (gespeichert unter „verworfen:“).",
        "restored": "{n} früher verworfene Antwort(en) wiederhergestellt: {what}.",
        "kept": "Nicht geändert.",
        "recheck": "Bitte prüfen: {message}",
        "version_changed": "Die deutsche Fassung wurde geändert; passt die englische noch?",
        "own_file": "Die Änderungen werden in {file} gespeichert, also in der Datei, die Sie bearbeiten. Fortfahren?",
        "overwrite": "Im Ordner liegen schon {files}. Überschreiben?",
        "done": "Fertig. Erzeugt wurden:",
        "next": "Nächste Schritte:\n  1. Den Vertragsentwurf in Word öffnen und lesen: {contract}\n"
        "  2. Die Checkliste Schritt für Schritt abarbeiten: {checklist}\n"
        "  3. Beides dem Rechtsamt zur Prüfung senden; der Entwurf ist vor der Unterzeichnung zu prüfen.\n"
        "  Ändern: slp-agreements new --from {answers}",
        "build_failed": "Die Dokumente konnten nicht erzeugt werden:",
        "yes": "ja",
        "no": "nein",
        "more": "weitere",
        "add": "(neu)",
        "warning": "Hinweis: ",
        "past": "der Beginn {date} liegt in der Vergangenheit; bitte prüfen",
        "not_asked": "(nicht gefragt; in der Übersicht änderbar)",
        "line": "Zeile {n}",
        "piped_error": "{line}, Frage „{question}“: {message}. Die Antworten bisher sind gespeichert; "
        "fortsetzen mit: slp-agreements new --resume {file}",
        "piped_end": "Die Eingabe endete vor der Frage „{question}“. Die Antworten bisher sind gespeichert; "
        "fortsetzen mit: slp-agreements new --resume {file}",
    },
    "en": {
        "intro": "Questionnaire for an agreement. Enter keeps the suggestion in [brackets]; < (or Esc) goes back "
        "one question; ? shows the help for the question; Ctrl+C interrupts, the answers stay saved.",
        "intro_plain": "One line per answer: choices by number, yes/no as y/n, empty line = suggestion, "
        "< = back one question, ? = help.",
        "saved": "Answers are saved after every question in: {file}",
        "position": "{section} · question {n} of about {total}",
        "item": "{item} {n} of {total}",
        "resume": "Continuing at: {where}",
        "last": "Last answered: {label}: {value}",
        "review": "Your answers",
        "details": "further details",
        "col_n": "No.",
        "col_q": "Question",
        "col_a": "Answer",
        "change": "Number to change (Enter = build the documents; < = back to the last question)",
        "not_valid": "To be settled before building ({n}):",
        "row": "No. {n}",
        "no_row": "no number",
        "again": "Please try again: ",
        "clear": "(- clears the answer)",
        "first": "This is the first question.",
        "no_help": "There is no further help for this question.",
        "drop": "This change drops {n} answer(s) that no longer fit: {what}. They stay under “verworfen:” in the "
        "answers file and come back if you undo the change. Change it?",
        "dropped": "{n} answer(s) dropped (kept under “verworfen:”).",
        "restored": "{n} answer(s) dropped earlier restored: {what}.",
        "kept": "Not changed.",
        "recheck": "Please check: {message}",
        "version_changed": "The German text was changed; does the English version still fit?",
        "own_file": "The changes are saved into {file}, the very file you are editing. Go on?",
        "overwrite": "The folder already holds {files}. Overwrite?",
        "done": "Done. Written:",
        "next": "Next steps:\n  1. Open the draft agreement in Word and read it: {contract}\n"
        "  2. Work through the checklist step by step: {checklist}\n"
        "  3. Send both to the legal office; the draft must be reviewed before signature.\n"
        "  To change it: slp-agreements new --from {answers}",
        "build_failed": "The documents could not be built:",
        "yes": "yes",
        "no": "no",
        "more": "more",
        "add": "(new)",
        "warning": "Note: ",
        "past": "the start {date} lies in the past; please check",
        "not_asked": "(not asked; can be changed in the review)",
        "line": "line {n}",
        "piped_error": "{line}, question “{question}”: {message}. The answers so far are saved; "
        "continue with: slp-agreements new --resume {file}",
        "piped_end": "The input ended before the question “{question}”. The answers so far are saved; "
        "continue with: slp-agreements new --resume {file}",
    },
}


def words(lang: str) -> dict[str, str]:
    """The fixed texts in ``lang``."""
    return TEXT["en" if lang == "en" else "de"]


# German messages of the answers file (model/messages.py, model/rules.py, typed_text.py) and their English form.
_ENGLISH: list[tuple[str, str]] = [
    (r"Angabe fehlt \(Pflichtangabe\)", "answer missing (required)"),
    (r"fehlt \(Pflichtangabe\)", "missing (required)"),
    (r"muss ein Text sein", "must be a text"),
    (r"muss ja oder nein sein \(true/false\)", "must be yes or no"),
    (r"muss eine ganze Zahl sein", "must be a whole number"),
    (r"muss ein Betrag sein, z\. B\. 12500\.00", "must be an amount, e.g. 12500.00"),
    (r"muss ein Datum sein, z\. B\. 2027-01-01", "must be a date, e.g. 2027-01-01"),
    (r"darf nicht leer sein", "must not be empty"),
    (r"braucht mindestens (\d+) Einträge", r"needs at least \1 entries"),
    (r"hat zu viele Einträge \(höchstens (\d+)\)", r"has too many entries (at most \1)"),
    (r"muss größer als (\S+) sein", r"must be greater than \1"),
    (r"muss mindestens (\S+) sein", r"must be at least \1"),
    (r"muss höchstens (\S+) sein", r"must be at most \1"),
    (r"ist zu lang \(höchstens (\d+) Zeichen\)", r"is too long (at most \1 characters)"),
    (r"ungültiger Wert (.+?); erlaubt sind: (.+)", r"invalid value \1; allowed: \2"),
    (r'AGS: genau 8 Ziffern(, in Anführungszeichen)?, z\. B\. "?(\d+)"?', r"AGS: exactly 8 digits, e.g. \2"),
    (r"Postleitzahl: genau 5 Ziffern(, in Anführungszeichen)?", "postcode: exactly 5 digits"),
    (r"keine gültige E-Mail-Adresse", "not a valid e-mail address"),
    (r"enthält ein Steuerzeichen, das Word nicht darstellen kann; bitte den Text neu eintippen",
     "contains a control character Word cannot show; please type the text again"),
    (r"Kürzel '(.+?)' ist doppelt vergeben; jeder Beteiligte braucht ein eigenes",
     r"Kürzel '\1' is used twice; every party needs its own"),
    (r"(.+?) '(.+?)' ist kein Beteiligter der Vereinbarung; möglich sind: (.*)",
     r"\1 '\2' is not a party; possible: \3"),
    (r"für Gemeinde, Stadt und Landkreis ist der AGS \(8 Ziffern\) anzugeben",
     "a Gemeinde, Stadt or Landkreis needs its AGS (8 digits)"),
    (r"AGS '(\d+)': die ersten zwei Ziffern \(Land\) müssen 01–16 sein",
     r"AGS '\1': the first two digits (Land) must be 01–16"),
    (r"AGS '(\d+)' beginnt mit (\d+), (.+?) hat aber den Schlüssel (\d+)",
     r"AGS '\1' starts with \2, but \3 has the key \4"),
    (r"AGS '(\d+)' eines Landkreises endet auf 000", r"the AGS '\1' of a district ends in 000"),
    (r"Ende \((.+?)\) muss nach dem Beginn \((.+?)\) liegen", r"the end (\1) must lie after the start (\2)"),
    (r"eine verbindliche Kooperation braucht eine Kostenregelung.*", "a binding cooperation needs a cost rule"),
    (r"Kostenteilung nach Einwohnerzahl: Einwohnerzahl fehlt", "costs by population: the population is missing"),
    (r"Kostenteilung nach Festbeträgen: Betrag fehlt", "fixed amounts: the amount is missing"),
    (r"bei personenbezogenen Daten: Datenschutzbeauftragte Person fehlt",
     "with personal data: the data protection officer is missing"),
    (r"Kategorien betroffener Personen fehlen", "the categories of data subjects are missing"),
    (r"Kategorien personenbezogener Daten fehlen", "the categories of personal data are missing"),
    (r"Rechtsgrundlage der Verarbeitung fehlt.*", "the legal basis of the processing is missing"),
    (r"bei Auftragsverarbeitung: Kürzel der Host-Partei fehlt", "processing on behalf: the processor is missing"),
    (r"Beteiligte (.+?) und (.+?) sind dieselbe Stelle \((.+?)\); jeder Beteiligte nur einmal",
     r"parties \1 and \2 are the same body (\3); each party only once"),
    (r"Open Data und die Lizenz „Nur durch die Beteiligten“ schließen sich aus.*",
     "open data and the licence “by the parties only” exclude each other; please choose an open licence"),
    (r"„Gemeinsamer Weiterbetrieb nach dem Kostenschlüssel“ braucht eine Kostenregelung.*",
     "“continued jointly under the cost key” needs a cost rule; please choose another option"),
    (r"Datei nicht gefunden: (.+)", r"file not found: \1"),
    (r"'(.+?)' ist kein gültiges Datum", r"'\1' is not a valid date"),
    (r"'(.+?)' ist kein Betrag", r"'\1' is not an amount"),
    (r"'(.+?)' ist keine ganze Zahl", r"'\1' is not a whole number"),
    (r"bitte j \(ja\) oder n \(nein\) eingeben", "please type y (yes) or n (no)"),
    (r"bitte eine Nummer von 1 bis (\d+) eingeben", r"please type a number from 1 to \1"),
    (r"bitte Nummern von 1 bis (\d+) eingeben(, mit Komma getrennt)?", r"please type numbers from 1 to \1"),
    (r"Postleitzahl \(5 Ziffern\) fehlt.*",
     "the postcode (5 digits) is missing; please type: street no., postcode town"),
    (r"Straße fehlt", "the street is missing"),
    (r"Ort fehlt", "the town is missing"),
    (r"Name fehlt", "the name is missing"),
    (r"ein Name braucht Buchstaben: '(.+?)'", r"a name needs letters: '\1'"),
    (r"mindestens (\d+) (Parteien|Einträge)", r"at least \1"),
    (r"Straße", "street"), (r"Postleitzahl", "postcode"), (r"\bOrt\b", "town"), (r"Funktion", "position"),
]  # fmt: skip


def english(message: str) -> str:
    """The English form of a German message of the answers file (unknown messages stay as they are)."""
    out = message
    for pattern, replacement in _ENGLISH:
        out = re.sub(pattern, replacement, out)
    return out


def _land_names(message: str, lang: str) -> str:
    """'das Bundesland NI' → 'Niedersachsen' (a clerk reads the Land's name, not its code)."""
    from slp_agreements.questionnaire.questions import load_questions

    names = {c.value: c.label(lang) for q in load_questions() if q.path == "land" for c in q.choices}
    return re.sub(r"das Bundesland ([A-Z]{2})\b", lambda m: names.get(m[1], m[0]), message)


def in_language(message: str, lang: str) -> str:
    """The message in ``lang``; the Land by its name; in German, ISO dates as German dates (01.01.2027)."""
    message = _land_names(message, lang)
    if lang == "en":
        return english(message)
    return german_dates(message)


def german_dates(text: str) -> str:
    """ISO dates in a text in German form."""

    def one(m: re.Match[str]) -> str:
        try:
            return dt.date.fromisoformat(m.group(0)).strftime("%d.%m.%Y")
        except ValueError:
            return m.group(0)

    return re.sub(r"\b\d{4}-\d{2}-\d{2}\b", one, text)
