"""The Erläuterungen: per § of this agreement its number, title, notes and legal references, with an introduction."""

from __future__ import annotations

from slp_agreements.model.document import Document, Paper, Paragraph, Part
from slp_agreements.model.labels import PAPER_LABELS


def explanations(doc: Document, with_resolutions: bool) -> Paper:
    """The hand-out for council and staff: an introduction, the next steps, then every § with its notes."""
    w = PAPER_LABELS[doc.language]
    lab = doc.labels
    ins = doc.instrument
    intro = [Paragraph("", w["notes_intro"].format(title=doc.title))]
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
            paras.append(Paragraph("", w["notes_refs"].format(refs="; ".join(s.legal_refs))))
        parts.append(Part(f"{lab['section']} {s.number} {s.title}", paras))
    lines = [f"{lab['status']} {lab['date']}"] if lab.get("date") else []
    return Paper("notes", "", w["notes_title"], doc.title, lines, parts, lab)
