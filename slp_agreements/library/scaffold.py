"""Starting points users edit: a commented clause file (`clauses new`) and the built-in Word template."""

from __future__ import annotations

import re
from pathlib import Path

from slp_agreements import resources
from slp_agreements.errors import UserError
from slp_agreements.files.atomic import make_folder, write_atomic
from slp_agreements.library.clauses import ClauseLibrary

_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")

NEW_CLAUSE = """\
# Eigene Klausel {id}
# Anleitung: docs/eigene-klauseln.md. Prüfen mit: slp-agreements clauses lint {folder}
# Zeilen mit # sind Kommentare und werden nicht gelesen.

id: {id}                # Kennung: Kleinbuchstaben, Gruppe und Name mit Punkt getrennt
version: 1              # bei jeder Textänderung um 1 erhöhen
part: body              # body = eigener §, preamble = Präambel, annex = Anlage, checklist = nur Checkliste
order: 650              # Stelle im Vertrag: kleinere Zahlen stehen weiter vorn (Abstände von 10 lassen)

# Bedingung: wann die Klausel in den Vertrag kommt. Weglassen = immer.
# Beispiele: "binding"  "personal_data and roles == 'processing'"  "land == 'NI'"
when: "binding"

title:
  de: Neue Regelung
  en: New provision

# Absätze durch eine Leerzeile trennen; (1), (2) setzt das Programm selbst.
# Angaben aus der Antwortdatei in doppelten geschweiften Klammern, Verweise mit ref('kennung').
text:
  de: |
    Die Beteiligten vereinbaren für das Vorhaben „{{{{ agreement.project }}}}“ die folgende Regelung.

    Federführend ist {{{{ lead_party.name }}}}.
  en: |
    For the project “{{{{ agreement.project }}}}”, the Parties agree on the following provision.

    {{{{ lead_party.name }}}} takes the lead.

legal_refs: []          # Normen, auf die sich der Text stützt, z. B. ["§ 54 VwVfG"]

# Erläuterungen für Rat und Verwaltung (erscheinen in der Handreichung „Erläuterungen“ zu diesem §):
# Zweck, gewählte Optionen und ihre Bedeutung, rechtlicher Hintergrund mit Normen; Ungeprüftes „zu prüfen“.
notes:
  de: |
    Zweck: Der § regelt …

    Rechtlicher Hintergrund: … (Norm)
  en: |
    Purpose: this section governs …

    Legal background: … (provision)
covers: []              # Pflichtelemente, die diese Klausel abdeckt (siehe 'slp-agreements clauses coverage')
conflicts: []           # Kennungen von Klauseln, die nie zusammen mit dieser im Vertrag stehen dürfen

# Schritte für die Checkliste (optional); Phasen: preparation, before_signing, signing, after_signing, operation
checklist:
  - id: {step_id}
    phase: before_signing
    role: legal_office
    text:
      de: Neue Regelung mit allen Beteiligten abstimmen.
      en: Agree the new provision with all Parties.
"""

OVERRIDE_HEADER = """\
# Eigene Fassung der mitgelieferten Klausel {id} (Version {version}).
# Der Text unten ist eine Kopie; passen Sie ihn an. Kennung nicht ändern.
# Kommt eine neue Fassung von {id}, meldet 'slp-agreements clauses lint' das; dann Texte abgleichen und
# based_on_version anheben. Zum Abschalten statt Überschreiben genügt:  id: {id}  und  disabled: true
# Anleitung: docs/eigene-klauseln.md
"""


def new_clause(clause_id: str, folder: Path, library: ClauseLibrary, force: bool = False) -> tuple[Path, bool]:
    """Write a commented clause file into ``folder``; an existing id gives an override. Returns path and override."""
    if not _ID.match(clause_id):
        raise UserError(
            f"'{clause_id}' ist keine gültige Kennung: Kleinbuchstaben, Ziffern und _, Gruppe und Name mit Punkt "
            "getrennt, z. B. 'haus.gerichtsstand'."
        )
    if folder.exists() and not folder.is_dir():
        raise UserError("ist eine Datei, kein Ordner; bitte mit --dir einen Ordner angeben.", file=folder)
    target = folder / f"{clause_id}.yaml"
    if target.exists() and not force:
        raise UserError("Datei gibt es schon; mit --force überschreiben.", file=target)
    existing = library.clauses.get(clause_id)
    if existing is not None and existing.file.parent.resolve() != folder.resolve():
        text = _override(existing.file.read_text(encoding="utf-8"), clause_id, existing.clause.version)
    else:
        step = clause_id.replace(".", "-").replace("_", "-") + "-abstimmen"
        text = NEW_CLAUSE.format(id=clause_id, folder=folder, step_id=step)
    make_folder(folder)
    write_atomic(target, text.encode("utf-8"))
    return target, existing is not None


def _override(source: str, clause_id: str, version: int) -> str:
    """The built-in file with overrides and based_on_version right below its id line."""
    lines = source.splitlines(keepends=True)
    out = [OVERRIDE_HEADER.format(id=clause_id, version=version)]
    for line in lines:
        out.append(line)
        if re.match(r"^id\s*:", line):
            out.append(f"overrides: {clause_id}\nbased_on_version: {version}\n")
    return "".join(out)


def export_template(target: Path, force: bool = False) -> Path:
    """Copy the built-in agreement template to ``target`` as a starting point for a letterhead."""
    if target.suffix.lower() != ".docx":
        raise UserError("Die Vorlage muss auf .docx enden.", file=target)
    if target.is_dir():
        raise UserError("ist ein Ordner; bitte einen Dateinamen wie briefkopf.docx angeben.", file=target)
    if target.exists() and not force:
        raise UserError("Datei gibt es schon; mit --force überschreiben.", file=target)
    if not target.parent.is_dir():
        raise UserError("Den Ordner gibt es nicht; bitte zuerst anlegen.", file=target.parent)
    write_atomic(target, (resources.templates_dir() / "agreement.docx").read_bytes())
    return target
