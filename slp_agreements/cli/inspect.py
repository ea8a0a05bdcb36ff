"""`inspect`: where a contract came from (its manifest), as a table or JSON; its answers back as a file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from slp_agreements import console
from slp_agreements.errors import UserError

if TYPE_CHECKING:
    from slp_agreements.model.manifest import Manifest


def inspect(
    file: Annotated[
        Path, typer.Argument(help="Mit slp-agreements erzeugter Vertrag oder Checkliste (.docx).", metavar="DATEI.docx")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Das vollständige Manifest als JSON ausgeben.")] = False,
    answers_out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--answers",
            help="Die eingebetteten Antworten als Antwortdatei (YAML) hierhin schreiben.",
            metavar="ANTWORTEN.yaml",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Antwortdatei überschreiben.")] = False,
) -> None:
    """Herkunft eines erzeugten Vertrags zeigen: Antworten, Klauseln mit Versionen, Vorlage, Programmversion."""
    from slp_agreements.pipeline.edits import describe, edits_in

    found, edits = edits_in(file)
    if answers_out:
        from slp_agreements.files.answers_file import to_yaml
        from slp_agreements.files.atomic import write_atomic

        if answers_out.exists() and not force:
            raise UserError("Datei gibt es schon; mit --force überschreiben.", file=answers_out)
        write_atomic(answers_out, to_yaml(found.answers).encode())
    if as_json:
        if edits is None:  # built before edits were detected: the manifest exactly as written
            console.print_json(found.data())
            return
        edited = [{"id": e.section.id, "part": e.section.part, "number": e.section.number} for e in edits]
        console.print_json({**found.data(), "edited_after_generation": edited})
        return
    rows = _overview_rows(found)
    if edits is None:
        rows.append(
            ["Nach der Erzeugung geändert", "nicht prüfbar (Checkliste, oder mit einer älteren Version erzeugt)"]
        )
    else:
        rows.append(["Nach der Erzeugung geändert", describe(edits, found.language) or "nichts"])
    console.table(f"Manifest von {file.name}", ["Angabe", "Wert"], rows)
    console.table("Klauseln", ["Stelle", "Kennung", "Version", "Datei", "SHA-256 (Anfang)"], _clause_rows(found))
    if edits:
        console.warn(
            f"In der Datei nach der Erzeugung geändert: {describe(edits, found.language)}. "
            "'slp-agreements diff' zeigt die Änderungen; 'rebuild' übernimmt sie nur mit --keep-edits."
        )
    if answers_out:
        console.info(f"Antworten geschrieben: {answers_out}")


def _overview_rows(m: Manifest) -> list[list[str]]:
    """The manifest's key facts as (label, value) rows for the terminal."""
    agreement = m.answers.get("agreement") or {}
    parties = ", ".join(p.get("name", "") for p in m.answers.get("parties", []))
    tpl_file, tpl_hash = (m.template.file, m.template.sha256) if m.template else ("", "")
    return [
        ["Erzeugt mit", f"{m.tool} {m.tool_version}".strip()],
        ["Antwortdatei", m.answers_file],
        ["Vorhaben", str(agreement.get("project", ""))],
        ["Beteiligte", parties],
        ["Bundesland", str(m.answers.get("land", ""))],
        ["Sprache", m.language],
        ["Stand (Dokumentdatum)", m.document_date],
        ["Word-Vorlage", f"{tpl_file} (SHA-256 {tpl_hash[:16]}…)"],
        ["Eigene Klauselordner", ", ".join(m.answers.get("library", []) or m.overlays) or "keine"],
        ["Anforderungskataloge", ", ".join(m.requirement_sets) or "keine"],
        ["Klauseln", str(len(m.clauses))],
    ]


def _clause_rows(m: Manifest) -> list[list[str]]:
    """One row per clause: number, id, version, part, file, short content hash."""
    parts = {"preamble": "Präambel", "body": "§", "annex": "Anlage", "checklist": "nur Checkliste"}
    rows = []
    for c in m.clauses:
        where = f"{parts.get(c.part, c.part)} {c.number}".strip()
        rows.append([where, c.id, str(c.version), c.file, c.sha256[:16]])
    return rows
