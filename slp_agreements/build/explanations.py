"""The Erläuterungen: per § of this agreement its number, title, notes and legal references, with an introduction."""

from __future__ import annotations

import re

from slp_agreements.model.document import Document, Paper, Paragraph, Part
from slp_agreements.model.labels import PAPER_LABELS

# Clause metadata says where a norm comes from the Land data ("(Land data: instrument.norm)"); not for the reader.
_LAND_DATA = re.compile(r"\s*\(Land data:[^)]*\)")


def explanations(doc: Document, with_resolutions: bool) -> Paper:
    """The hand-out for council and staff: an introduction, the next steps, then every § with its notes."""
    w = PAPER_LABELS[doc.language]
    lab = doc.labels
    ins = doc.instrument
    intro = [Paragraph("", w["notes_intro"])]
    if ins.get(doc.language):
        norm = ins.get("norm") or w["norm_open"]
        intro.append(Paragraph("", w["notes_instrument"].format(instrument=ins[doc.language], norm=norm)))
    steps = [w["notes_next_1"], *([w["notes_next_2"]] if with_resolutions else []), w["notes_next_3"]]
    parts = [
        Part(w["notes_intro_title"], intro),
        Part(w["notes_next_title"], [Paragraph(f"{i}.", s) for i, s in enumerate(steps, 1)]),
    ]
    for s in doc.sections:
        paras = list(s.notes) or [Paragraph("", w["notes_none"])]
        if s.legal_refs:
            refs = [_LAND_DATA.sub("", r).strip() for r in s.legal_refs]
            paras.append(Paragraph("", w["notes_refs"].format(refs="; ".join(r for r in refs if r))))
        parts.append(Part(f"{lab['section']} {s.number} {s.title}", paras))
    lines = [f"{lab['status']} {lab['date']}"] if lab.get("date") else []
    return Paper("notes", "", w["notes_title"], doc.title, lines, parts, lab)
