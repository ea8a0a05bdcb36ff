"""Filling the manifest: what went into an agreement (answers, clauses, templates, the text of every part)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from slp_agreements import __version__
from slp_agreements.library.clauses import ClauseLibrary
from slp_agreements.model.answers import Answers
from slp_agreements.model.document import Document, Paragraph, signature_text
from slp_agreements.model.manifest import (
    FRONT,
    MANIFEST_VERSION,
    SIGNATURES,
    FileHash,
    Manifest,
    OutputHash,
    SectionText,
    sha256,
    text_digest,
)


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


def sections(doc: Document) -> list[SectionText]:
    """The rendered text of every part of the agreement, by clause id, so a DOCX can be compared without rebuilding."""
    out = [SectionText(id=FRONT, part="front", number="", title=doc.title, text=[doc.subtitle, *doc.intro])]
    if doc.preamble:
        p = doc.preamble
        out.append(SectionText(id=p.clause_id, part="preamble", number="", title=p.title, text=_lines(p.paragraphs)))
    for s in doc.sections:
        out.append(SectionText(id=s.clause_id, part="body", number=s.number, title=s.title, text=_lines(s.paragraphs)))
    signatures = [doc.signature_note] if doc.signature_note else []
    signatures += [signature_text(s, doc.labels) for s in doc.signatories]
    if signatures:
        out.append(SectionText(id=SIGNATURES, part="signatures", number="", title=doc.labels["signatures"],
                               text=signatures))  # fmt: skip
    for a in doc.annexes:
        text = _lines(a.paragraphs)
        if a.table:
            text += [" | ".join(c.replace("\n", ", ") for c in row) for row in [a.table.header, *a.table.rows]]
        out.append(SectionText(id=a.clause_id, part="annex", number=a.number, title=a.title, text=text))
    for section in out:
        section.sha256 = text_digest(section.title, section.text)
    return out


def content(answers: Answers, doc: Document) -> Manifest:
    """The part of a manifest that depends only on answers and library: clauses, requirement sets, texts."""
    return Manifest(
        answers=answers.dump(),
        language=doc.language,
        clauses=doc.clauses,
        requirement_sets=doc.requirement_sets,
        sections=sections(doc),
    )


def _file_hash(path: Path) -> FileHash:
    return FileHash(file=path.name, sha256=sha256(path.read_bytes()))


def describe(
    answers: Answers,
    answers_name: str,
    doc: Document,
    library: ClauseLibrary,
    template: Path,
    checklist_template: Path,
) -> Manifest:
    """The manifest embedded in the contract and the checklist (everything but the output hashes)."""
    return Manifest(
        tool="slp-agreements",
        tool_version=__version__,
        manifest_version=MANIFEST_VERSION,
        answers_file=answers_name,
        answers=answers.dump(),
        language=doc.language,
        document_date=document_date(answers).isoformat(),
        template=_file_hash(template),
        checklist_template=_file_hash(checklist_template),
        overlays=[folder.name for folder in library.folders[1:]],
        clauses=doc.clauses,
        requirement_sets=doc.requirement_sets,
        sections=sections(doc),
    )


def with_outputs(embedded: Manifest, outputs: list[tuple[str, str, bytes]]) -> Manifest:
    """The ``manifest.json`` content: the embedded manifest plus (file, kind, SHA-256) of each finished output."""
    files = [OutputHash(file=name, kind=kind, sha256=sha256(data)) for name, kind, data in outputs]
    return embedded.model_copy(update={"outputs": files})
