"""Edits made in Word or LibreOffice after generation: which parts no longer read as they were generated."""

from __future__ import annotations

from dataclasses import dataclass

from slp_agreements.files.docx_text import PartText
from slp_agreements.model.document import anchor
from slp_agreements.model.labels import LABELS, REPORT
from slp_agreements.model.manifest import FRONT, Manifest, SectionText, text_digest


@dataclass
class Edit:
    """A part whose text in the file differs from the text generated (or whose heading is gone)."""

    section: SectionText
    now: PartText | None  # None: the heading (its bookmark) is no longer in the file

    def label(self, lang: str) -> str:
        """'§ 3', 'Anlage 2' or 'Präambel'."""
        return part_label(self.section, lang)


def part_label(section: SectionText, lang: str) -> str:
    """How users name a part: '§ 3', 'Anlage 2', 'Präambel', 'Titel und Beteiligte'."""
    lab = LABELS[lang]
    if section.part == "front":
        return REPORT[lang]["front"]
    if section.part == "body":
        return f"{lab['section']} {section.number}"
    if section.part == "annex":
        return f"{lab['annex']} {section.number}"
    return section.title


def checkable(manifest: Manifest) -> bool:
    """Whether the manifest records the generated texts' hashes (contracts built before that cannot be checked)."""
    return any(s.sha256 for s in manifest.sections)


def holds_parts(manifest: Manifest, parts: dict[str, PartText]) -> bool:
    """Whether the file is the contract itself (its parts are there), not the checklist that carries the manifest."""
    return any(anchor(s.id) in parts for s in manifest.sections if s.sha256 and s.id != FRONT)


def find_edits(manifest: Manifest, parts: dict[str, PartText]) -> list[Edit]:
    """The title and parties, preamble, §§ and annexes whose text in the file is not as generated, in order."""
    out = []
    for s in manifest.sections:
        if not s.sha256:
            continue
        now = parts.get(anchor(s.id))
        if now is None or text_digest(now.heading, now.lines) != s.sha256:
            out.append(Edit(s, now))
    return out


def as_edited(manifest: Manifest, parts: dict[str, PartText]) -> Manifest:
    """The manifest with the texts the file holds now in place of those generated (for `diff`)."""
    edits = {e.section.id: e for e in find_edits(manifest, parts)}
    sections = []
    for s in manifest.sections:
        edit = edits.get(s.id)
        if edit is None:
            sections.append(s)
        elif edit.now is not None:
            sections.append(s.model_copy(update={"title": edit.now.heading, "text": edit.now.lines}))
    return manifest.model_copy(update={"sections": sections})
