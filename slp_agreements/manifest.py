"""The manifest (Herkunftsnachweis): what went into an agreement, embedded in every DOCX and beside it as JSON.

What is hashed where:
- ``clauses[].sha256``: the clause file as read (after overlays), ``template.sha256``: the Word template file.
- The embedded manifest (custom XML part of the contract and of the checklist) holds everything except output
  hashes, because a file cannot contain its own hash.
- ``<stem>-manifest.json`` is the embedded manifest plus ``outputs``: the SHA-256 of the finished contract and
  checklist, each including its embedded manifest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from slp_agreements import __version__
from slp_agreements.answers import Answers
from slp_agreements.document import Document, Paragraph
from slp_agreements.errors import UserError
from slp_agreements.library import ClauseLibrary

NAMESPACE = "urn:slp-agreements:manifest:1"
MANIFEST_VERSION = 1
FRONT = "front"  # the title and the parties; no clause id, which always holds a dot


def sha256(data: bytes) -> str:
    """Hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def document_date(answers: Answers) -> dt.date:
    """The date a document carries: the draft date (agreement.date), else the start of the term; never today."""
    return answers.agreement.date or answers.term.start


def _lines(paragraphs: list[Paragraph]) -> list[str]:
    out = []
    for p in paragraphs:
        if p.text or p.label:
            out.append(f"{p.label} {p.text}".strip())
        out += [("  " if it.level else "") + f"{it.label} {it.text}" for it in p.items]
    return out


def sections(doc: Document) -> list[dict[str, Any]]:
    """The rendered text of every part of the agreement, by clause id, so a DOCX can be compared without rebuilding."""
    out: list[dict[str, Any]] = [
        {"id": FRONT, "part": "front", "number": "", "title": doc.title, "text": [doc.subtitle, *doc.intro]}
    ]
    if doc.preamble:
        p = doc.preamble
        out.append(
            {"id": p.clause_id, "part": "preamble", "number": "", "title": p.title, "text": _lines(p.paragraphs)}
        )
    for s in doc.sections:
        out.append({"id": s.clause_id, "part": "body", "number": s.number, "title": s.title,
                    "text": _lines(s.paragraphs)})  # fmt: skip
    for a in doc.annexes:
        text = _lines(a.paragraphs)
        if a.table:
            text += [" | ".join(c.replace("\n", ", ") for c in row) for row in [a.table.header, *a.table.rows]]
        out.append({"id": a.clause_id, "part": "annex", "number": a.number, "title": a.title, "text": text})
    return out


def content(answers: Answers, doc: Document) -> dict[str, Any]:
    """The part of a manifest that depends only on answers and library: clauses, requirement sets, texts."""
    return {
        "answers": answers.model_dump(mode="json", exclude_none=True),
        "language": doc.language,
        "clauses": doc.manifest["clauses"],
        "requirement_sets": doc.manifest["requirement_sets"],
        "sections": sections(doc),
    }


def describe(
    answers: Answers,
    answers_name: str,
    doc: Document,
    library: ClauseLibrary,
    template: Path,
    checklist_template: Path,
) -> dict[str, Any]:
    """The manifest embedded in the contract and the checklist (everything but the output hashes)."""
    c = content(answers, doc)
    return {
        "tool": "slp-agreements",
        "tool_version": __version__,
        "manifest_version": MANIFEST_VERSION,
        "answers_file": answers_name,
        "answers": c["answers"],
        "language": c["language"],
        "document_date": document_date(answers).isoformat(),
        "template": {"file": template.name, "sha256": sha256(template.read_bytes())},
        "checklist_template": {"file": checklist_template.name, "sha256": sha256(checklist_template.read_bytes())},
        "overlays": [folder.name for folder in library.folders[1:]],
        "clauses": c["clauses"],
        "requirement_sets": c["requirement_sets"],
        "sections": c["sections"],
    }


def with_outputs(embedded: dict[str, Any], outputs: list[tuple[str, str, bytes]]) -> dict[str, Any]:
    """The ``manifest.json`` content: the embedded manifest plus (file, kind, SHA-256) of each finished output."""
    files = [{"file": name, "kind": kind, "sha256": sha256(data)} for name, kind, data in outputs]
    return {**embedded, "outputs": files}


def to_json(manifest: dict[str, Any]) -> bytes:
    """Stable JSON bytes (same manifest, same bytes)."""
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()


def to_xml(manifest: dict[str, Any]) -> bytes:
    """The custom XML part: our namespace, the manifest as JSON text."""
    body = escape(json.dumps(manifest, ensure_ascii=False, indent=1))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<manifest xmlns="{NAMESPACE}" version="{MANIFEST_VERSION}">{body}</manifest>'
    ).encode()


def from_xml(data: bytes) -> dict[str, Any] | None:
    """The manifest in a custom XML part, or None when the part is someone else's."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return None
    if root.tag != f"{{{NAMESPACE}}}manifest":
        return None
    try:
        value = json.loads(root.text or "")
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def read(path: Path) -> dict[str, Any]:
    """The manifest embedded in a DOCX made by this tool; one clear message otherwise."""
    from slp_agreements.docx_package import custom_xml_parts

    for part in custom_xml_parts(path):
        found = from_xml(part)
        if found is None:
            continue
        version = found.get("manifest_version", MANIFEST_VERSION)
        if not isinstance(version, int) or version > MANIFEST_VERSION:
            raise UserError(
                f"wurde mit einer neueren Version von slp-agreements ({found.get('tool_version', '?')}) erzeugt; "
                "bitte das Programm aktualisieren.",
                file=path,
            )
        return found
    raise UserError(
        "enthält kein Manifest von slp-agreements: die Datei wurde nicht mit diesem Programm erzeugt "
        "(oder das Manifest wurde entfernt). Bitte einen mit 'slp-agreements build' erzeugten Vertrag angeben.",
        file=path,
    )


def is_docx(path: Path) -> bool:
    """Whether a path names a Word file (by content, not by name)."""
    import zipfile

    return path.is_file() and zipfile.is_zipfile(path)


def overview_rows(m: dict[str, Any]) -> list[list[str]]:
    """The manifest's key facts as (label, value) rows for the terminal."""
    answers = m.get("answers") or {}
    agreement = answers.get("agreement") or {}
    parties = ", ".join(p.get("name", "") for p in answers.get("parties", []))
    tpl = m.get("template") or {}
    return [
        ["Erzeugt mit", f"{m.get('tool', '')} {m.get('tool_version', '')}".strip()],
        ["Antwortdatei", str(m.get("answers_file", ""))],
        ["Vorhaben", str(agreement.get("project", ""))],
        ["Parteien", parties],
        ["Bundesland", str(answers.get("land", ""))],
        ["Sprache", str(m.get("language", ""))],
        ["Stand (Dokumentdatum)", str(m.get("document_date", ""))],
        ["Word-Vorlage", f"{tpl.get('file', '')} (SHA-256 {str(tpl.get('sha256', ''))[:16]}…)"],
        ["Eigene Klauselordner", ", ".join(answers.get("library", []) or m.get("overlays", [])) or "keine"],
        ["Anforderungskataloge", ", ".join(m.get("requirement_sets", [])) or "keine"],
        ["Klauseln", str(len(m.get("clauses", [])))],
    ]


def clause_rows(m: dict[str, Any]) -> list[list[str]]:
    """One row per clause: number, id, version, part, file, short content hash."""
    parts = {"preamble": "Präambel", "body": "§", "annex": "Anlage", "checklist": "nur Checkliste"}
    rows = []
    for c in m.get("clauses", []):
        part = parts.get(c.get("part", ""), c.get("part", ""))
        where = f"{part} {c.get('number', '')}".strip()
        rows.append([where, c.get("id", ""), str(c.get("version", "")), c.get("file", ""), c.get("sha256", "")[:16]])
    return rows
