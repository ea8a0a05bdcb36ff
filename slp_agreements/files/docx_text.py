"""The text a Word file holds now, part by part (title and parties, preamble, each §, each annex), by bookmarks.

The renderer puts a bookmark ``slp_<clause id>`` on every heading (model/document.anchor); Word and LibreOffice keep
bookmarks when they save. A part runs from its heading to the next bookmarked paragraph (the next heading, the
annex list, the signatures, an indicator profile). The title carries ``slp_front``: the title and the parties, read
without the program's own lines around them ('und', the review notice); the signatures give one line per block.
Lines are written as the manifest writes them: paragraphs, list items with the number Word shows ('1.', 'a)'), table
rows as cells joined by ' | '. Only zipfile and the standard library's XML parser: no Word library is needed to read
a contract.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from slp_agreements.errors import UserError
from slp_agreements.files.docx_package import ZIP_ERRORS
from slp_agreements.model.document import FRONT_ANCHOR, SIGNATURES_ANCHOR
from slp_agreements.model.formatting import item_label
from slp_agreements.model.labels import LABELS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_NUMBER = re.compile(r"^(§|Section|Anlage|Annex)\s*\d+[a-z]?:?\s*")
# The lines of the title page the program adds around the parties: not part of what the manifest records.
_FRONT_BOILERPLATE = {
    " ".join(lab[k].split()) for lab in LABELS.values() for k in ("and", "parties_together", "review_notice",
                                                                   "english_notice") if lab.get(k)
}  # fmt: skip
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " "})


@dataclass
class PartText:
    """One part as the file holds it: its heading (without '§ n') and its lines."""

    heading: str
    lines: list[str] = field(default_factory=list)


def _text(el: ET.Element) -> str:
    out = []
    for node in el.iter():
        if node.tag == f"{W}t":
            out.append(node.text or "")
        elif node.tag == f"{W}tab":
            out.append("\t")
        elif node.tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
    return "".join(out).translate(_SPACES)


def _without_deletions(el: ET.Element) -> ET.Element:
    """The element as it reads with tracked deletions taken away (insertions count as text)."""
    for parent in el.iter():
        for child in list(parent):
            if child.tag == f"{W}del":
                parent.remove(child)
    return el


def _bookmarks(p: ET.Element) -> list[str]:
    return [b.get(f"{W}name", "") for b in p.iter(f"{W}bookmarkStart") if not b.get(f"{W}name", "").startswith("_")]


def _table_lines(tbl: ET.Element) -> list[str]:
    rows = []
    for tr in tbl.findall(f"{W}tr"):
        cells = []
        for tc in tr.findall(f"{W}tc"):
            cells.append(", ".join(_text(p).replace("\n", ", ") for p in tc.iter(f"{W}p")))
        rows.append(" | ".join(cells))
    return rows


def _signature_blocks(tbl: ET.Element) -> list[str]:
    """A row of signature blocks: one line per block, its printed lines joined by ', ' (no blanks, no rules)."""
    out = []
    for tc in tbl.iter(f"{W}tc"):
        lines = [t for p in tc.iter(f"{W}p") if (t := _text(p).strip()).strip("_ ")]
        if lines:
            out.append(", ".join(lines))
    return out


class _Counter:
    """The numbers Word shows for list items: per list (numId), level 0 counts 1., 2., level 1 a), b)."""

    def __init__(self) -> None:
        self.lists: dict[str, list[int]] = {}

    def label(self, p: ET.Element) -> tuple[str, int] | None:
        num = p.find(f"{W}pPr/{W}numPr")
        if num is None:
            return None
        num_el, level_el = num.find(f"{W}numId"), num.find(f"{W}ilvl")
        num_id = num_el.get(f"{W}val", "") if num_el is not None else ""
        level = int(level_el.get(f"{W}val", "0")) if level_el is not None else 0
        counts = self.lists.setdefault(num_id, [0, 0])
        level = min(level, 1)
        if level == 0:
            counts[1] = 0
        counts[level] += 1
        return item_label(counts[level] - 1, level), level


MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


def part_texts(path: Path) -> dict[str, PartText]:
    """Every bookmarked part of a DOCX: bookmark name -> heading and lines, as the file reads now."""
    try:
        with zipfile.ZipFile(path) as z:
            if z.getinfo("word/document.xml").file_size > MAX_DOCUMENT_BYTES:
                raise UserError("ist zu groß für einen Vertragsentwurf (word/document.xml über 64 MB).", file=path)
            root = ET.fromstring(z.read("word/document.xml"))
    except (*ZIP_ERRORS, ET.ParseError):
        raise UserError("ist keine lesbare Word-Datei (.docx).", file=path) from None
    body = _without_deletions(root).find(f"{W}body")
    parts: dict[str, PartText] = {}
    current: PartText | None = None
    counter = _Counter()
    for el in body if body is not None else []:
        if el.tag == f"{W}p":
            names = _bookmarks(el)
            if names:
                current = None
                name = next((n for n in names if n.startswith("slp_")), None)
                if name:
                    current = parts[name] = PartText(_HEADING_NUMBER.sub("", _text(el).strip()))
                continue
            if current is None:
                continue
            text = _text(el).strip()
            if current is parts.get(FRONT_ANCHOR):
                if text and " ".join(text.split()) not in _FRONT_BOILERPLATE:
                    current.lines.append(text)
                continue
            numbered = counter.label(el)
            if numbered:
                label, level = numbered
                current.lines.append(("  " if level else "") + f"{label} {text}")
            elif text:
                current.lines.append(text)
        elif el.tag == f"{W}tbl" and current is not None:
            current.lines += _signature_blocks(el) if current is parts.get(SIGNATURES_ANCHOR) else _table_lines(el)
    return parts
