"""The plain document model that assembly produces and rendering consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from slp_agreements.model.manifest import ClauseUse

# Where a part of the agreement begins: Word bookmarks on the headings, the targets of internal references.
SIGNATURES_ANCHOR = "slp_signatures"
ANNEX_LIST_ANCHOR = "slp_annex_list"
CONTENTS_ANCHOR = "slp_contents"
FRONT_ANCHOR = "slp_front"  # on the title: the title and the parties (manifest part FRONT)


def anchor(clause_id: str) -> str:
    """The bookmark of a § or an annex: 'slp_' and the clause id (letters, digits, '_'; at most 40 characters)."""
    safe = "".join(c if c.isascii() and (c.isalnum() or c == "_") else "_" for c in clause_id)
    name = f"slp_{safe}"
    if len(name) <= 40:
        return name
    import hashlib

    return f"{name[:31]}_{hashlib.sha256(clause_id.encode()).hexdigest()[:8]}"


@dataclass
class Ref:
    """An internal cross-reference in a text ('§ 5', 'Anlage 2'): characters start…end point to a clause."""

    start: int
    end: int
    target: str  # clause id


@dataclass
class Item:
    """A list item inside a paragraph ('1.', 'a)')."""

    label: str
    text: str
    level: int = 0
    refs: list[Ref] = field(default_factory=list)


@dataclass
class Paragraph:
    """An Absatz: its number label ('(1)' or ''), its text and its list items."""

    label: str
    text: str
    items: list[Item] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)  # offsets in ``text``


@dataclass
class Table:
    """A table with a header row."""

    header: list[str]
    rows: list[list[str]]
    widths: list[float] = field(default_factory=list)  # relative column widths


@dataclass
class Section:
    """A numbered § (or the preamble, number '')."""

    clause_id: str
    number: str
    title: str
    paragraphs: list[Paragraph]
    notes: list[Paragraph] = field(default_factory=list)  # the Erläuterungen of the § (clause notes)
    legal_refs: list[str] = field(default_factory=list)


@dataclass
class Profile:
    """A two-column table (label | value) under its own heading, on its own page: an indicator profile."""

    title: str
    rows: list[tuple[str, str]]
    bookmark: str = ""


@dataclass
class Annex:
    """An annex (Anlage) with its text, an optional table and optional profiles (one per page)."""

    clause_id: str
    number: str
    title: str
    paragraphs: list[Paragraph]
    table: Table | None = None
    profiles: list[Profile] = field(default_factory=list)


@dataclass
class ProfileBook:
    """A standalone publication of profiles with a table of contents (Indikatorensteckbriefe)."""

    language: str
    title: str
    subtitle: str
    intro: list[str]
    contents_title: str
    contents_header: list[str]
    contents: list[list[str]]  # one row per profile; the page number is added by the renderer
    profiles: list[Profile]
    labels: dict[str, str]


@dataclass
class Signer:
    """One person signing for a party: name, function and a note such as "In Vertretung"."""

    name: str
    function: str
    note: str = ""


@dataclass
class Signatory:
    """A signature block for one party: its heading ("Für den Landkreis Heideland:"), one or two signers, the seal."""

    party: str  # the party's name as in the list of Beteiligte
    heading: str
    signers: list[Signer]
    seal: bool


def signature_lines(s: Signatory, lab: dict[str, str]) -> list[tuple[str, bool]]:
    """The lines of one signature block (text, bold): heading, place and date, each signer, the seal."""
    lines = [(s.heading, True), ("", False), ("_" * 34, False), (lab["place_date"], False)]
    for signer in s.signers:
        lines += [("", False), ("", False)]
        if signer.note:
            lines.append((signer.note, False))
        lines += [
            ("_" * 34, False),
            (signer.name + (f", {signer.function}" if signer.function else ""), False),
            (lab["name_function"], False),
        ]
        if not signer.name:
            lines.pop(-2)  # an empty line to be filled in by hand
    if s.seal:
        lines += [("", False), (f"({lab['seal']})", False)]
    return lines


def signature_text(s: Signatory, lab: dict[str, str]) -> str:
    """A signature block as one line of the manifest: its printed lines joined by ', ' (no blanks, no rules)."""
    return ", ".join(text for text, _ in signature_lines(s, lab) if text.strip("_ "))


@dataclass
class ChecklistItem:
    """One step of the checklist."""

    id: str
    phase: str
    phase_label: str
    role: str
    role_label: str
    text: str
    legal_basis: str
    clause_id: str


@dataclass
class Document:
    """Everything a rendered agreement and its checklist contain."""

    language: str
    title: str
    subtitle: str
    intro: list[str]
    preamble: Section | None
    sections: list[Section]
    annexes: list[Annex]
    signatories: list[Signatory]
    checklist: list[ChecklistItem]
    labels: dict[str, str]
    clauses: list[ClauseUse]  # every selected clause, in document order (for the manifest)
    requirement_sets: list[str]  # the requirement sets that applied
    signature_note: str = ""  # a sentence above the signatures (e.g. on the Verpflichtungserklärung)
    warnings: list[str] = field(default_factory=list)  # what the build says without stopping
    instrument: dict[str, Any] = field(default_factory=dict)  # the instrument as texts read it (land_context)


@dataclass
class Run:
    """A piece of report text; ``mark`` is '' (unchanged), 'del' (removed words) or 'ins' (added words)."""

    text: str
    mark: str = ""


@dataclass
class Block:
    """One line of a change report: style 'title', 'heading', 'text', 'item' or 'diff', made of runs."""

    style: str
    runs: list[Run]


@dataclass
class Part:
    """A headed part of a paper (Sachverhalt, Beschlussvorschlag …): its paragraphs and an optional table."""

    heading: str
    paragraphs: list[Paragraph]
    table: Table | None = None


@dataclass
class Paper:
    """A paper beside the agreement: a Beschlussvorlage for one Beteiligter (kind 'resolution') or the
    Erläuterungen (kind 'notes'), with the same draft mark and review note as the agreement."""

    kind: str
    party_id: str  # the Beteiligter a Beschlussvorlage is for ('' for the Erläuterungen)
    title: str
    subtitle: str
    lines: list[str]  # short lines under the title (Beteiligter, organ, date)
    parts: list[Part]
    labels: dict[str, str]
