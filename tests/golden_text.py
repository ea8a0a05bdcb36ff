"""Golden texts: an example's contract and checklist as normalised text, one paragraph a line, and their diff.

The snapshot holds what a legal office reads: per § its number, title and paragraphs (with list items), the
annexes with their tables, the signature blocks, and the checklist per phase with step, role and legal basis.
Layout (fonts, page breaks, numbering styles) is left out on purpose, so only a change of wording shows.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from slp_agreements.build.assemble import assemble
from slp_agreements.files.answers_file import attach_tables, load_answers
from slp_agreements.library.clauses import ClauseLibrary
from slp_agreements.model.document import Annex, Document, Paragraph, Section

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_COMMAND = "python -m pytest tests/test_golden.py --update-golden"


def _clean(text: str) -> str:
    """One line: runs of white space (also line breaks inside a paragraph) become one space."""
    return re.sub(r"\s+", " ", text).strip()


def _paragraphs(paragraphs: list[Paragraph]) -> list[str]:
    out = []
    for p in paragraphs:
        out.append(_clean(f"{p.label} {p.text}"))
        out += ["  " * (item.level + 1) + _clean(f"{item.label} {item.text}") for item in p.items]
    return out


def _section(s: Section | Annex, prefix: str) -> list[str]:
    heading = f"{prefix} {s.number} {s.title}" if s.number else s.title
    return ["", _clean(heading), *_paragraphs(s.paragraphs)]


def _annex(a: Annex, prefix: str) -> list[str]:
    out = _section(a, prefix)
    if a.table is not None:
        out.append("  | " + " | ".join(_clean(h) for h in a.table.header))
        out += ["  | " + " | ".join(_clean(c) for c in row) for row in a.table.rows]
    for profile in a.profiles:
        out.append(f"  [{_clean(profile.title)}]")
        out += [f"  {_clean(label)}: {_clean(value)}" for label, value in profile.rows]
    return out


def contract_lines(doc: Document) -> list[str]:
    """The contract: title, Beteiligte, preamble, every §, the signature blocks and the annexes."""
    out = [_clean(doc.title), _clean(doc.subtitle), *(_clean(line) for line in doc.intro)]
    if doc.preamble is not None:
        out += _section(doc.preamble, "")
    for s in doc.sections:
        out += _section(s, doc.labels["section"])
    out += ["", _clean(doc.signature_note)] if doc.signature_note else []
    for block in doc.signatories:
        signers = "; ".join(_clean(f"{s.name}, {s.function} {s.note}") for s in block.signers)
        out.append(_clean(f"{block.heading} {signers}{' (Siegel)' if block.seal else ''}"))
    for a in doc.annexes:
        out += _annex(a, doc.labels["annex"])
    return out


def checklist_lines(doc: Document) -> list[str]:
    """The checklist per phase: step id, role, text and legal basis."""
    out: list[str] = []
    phase = None
    for step in doc.checklist:
        if step.phase != phase:
            phase = step.phase
            out += ["", f"## {_clean(step.phase_label)}"]
        out.append(f"- [{step.id}] {_clean(step.role_label)}: {_clean(step.text)}")
        out.append(f"    {_clean(step.legal_basis) or '–'}")
    return out


def snapshot(example: Path, lang: str, library: ClauseLibrary) -> str:
    """The golden text of one example in one language."""
    answers = attach_tables(load_answers(example), example)
    doc = assemble(answers, library, lang, example)
    lines = [
        f"# {example.name} ({lang}) – Vertrag",
        *contract_lines(doc),
        "",
        f"# {example.name} ({lang}) – Checkliste",
    ]
    lines += checklist_lines(doc)
    return "\n".join(lines).rstrip() + "\n"


def golden_file(example: Path, lang: str) -> Path:
    """Where the golden text of an example is kept."""
    return GOLDEN / f"{example.stem}-{lang}.txt"


def difference(expected: str, actual: str, name: str) -> str:
    """A unified diff of two golden texts ('' when they are equal)."""
    lines = difflib.unified_diff(
        expected.splitlines(), actual.splitlines(), f"{name} (gespeichert)", f"{name} (jetzt)", lineterm="", n=1
    )
    return "\n".join(lines)
