"""The table of contents of a long agreement (§§ and annexes, with page numbers), after the parties block.

Page numbers are PAGEREF fields on the headings' bookmarks: LibreOffice (and so the PDF) computes them when it lays
out the pages, Word when fields are updated (printing, F9). Until then Word shows the estimate written here, from a
simple model of the page (lines of text per paragraph, rows per table, a new page before each annex).
"""

from __future__ import annotations

import math
from typing import Any

from slp_agreements.model.document import CONTENTS_ANCHOR, Document, Paragraph, Ref, anchor

MIN_PAGES = 10  # agreements longer than this get a table of contents
_PAGE_PT = 660.0  # usable height of an A4 page with the template's margins, header and footer
_LINE_PT = 14.6  # 11 pt text at 1.15 line spacing
_CHARS_PER_LINE = 100  # fitted to the Niedersachsen contract as LibreOffice lays it out (de, en)
_HEADING_PT = 44.0
_ROW_PT = 30.0


def _paragraphs_pt(paragraphs: list[Paragraph]) -> float:
    total = 0.0
    for p in paragraphs:
        if p.text:
            total += math.ceil((len(p.label) + len(p.text) + 1) / _CHARS_PER_LINE) * _LINE_PT + 6
        for item in p.items:
            total += math.ceil(len(item.text) / (_CHARS_PER_LINE - 8)) * _LINE_PT + 4
    return total


def page_estimate(doc: Document, contents: bool = False) -> tuple[int, dict[str, int]]:
    """The estimated number of pages and the page on which each § and annex (by clause id) begins."""
    y = 190.0 + 45.0 * len(doc.intro) + (len(doc.sections) + len(doc.annexes) + 2) * _LINE_PT * contents
    pages: dict[str, int] = {}

    def advance(height: float) -> None:
        nonlocal y
        y += height

    parts = ([doc.preamble] if doc.preamble else []) + doc.sections
    for s in parts:
        pages[s.clause_id] = 1 + int((y + _HEADING_PT) // _PAGE_PT)
        advance(_HEADING_PT + _paragraphs_pt(s.paragraphs))
    advance(_LINE_PT * (len(doc.annexes) + 1) + _HEADING_PT + 170.0 * math.ceil(len(doc.signatories) / 2))
    page = 1 + int(y // _PAGE_PT)
    for a in doc.annexes:
        page += 1
        pages[a.clause_id] = page
        height = _HEADING_PT + _paragraphs_pt(a.paragraphs)
        if a.table:
            height += _ROW_PT * (len(a.table.rows) + 1)
        page += int(height // _PAGE_PT)
        page += len(a.profiles)
    return page, pages


def needs_contents(doc: Document) -> bool:
    """Whether the agreement is long enough (over ten pages) for a table of contents."""
    return page_estimate(doc)[0] > MIN_PAGES


def add_contents(sd: Any, doc: Document, width: int) -> None:
    """A heading and one line per § and annex: its label and title linked to it, dot leader, page number."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Emu

    from slp_agreements.render.docx_parts import heading, page_ref, write_text

    lab = doc.labels
    _, pages = page_estimate(doc, contents=True)
    heading(sd, lab["contents"], CONTENTS_ANCHOR, 999)
    entries = [(f"{lab['section']} {s.number}", s.title, s.clause_id) for s in doc.sections]
    entries += [(f"{lab['annex']} {a.number}", a.title, a.clause_id) for a in doc.annexes]
    for label, title, cid in entries:
        para = sd.add_paragraph(style="Body Text")
        fmt = para.paragraph_format
        fmt.space_after = Emu(0)
        fmt.tab_stops.add_tab_stop(Emu(width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        text = f"{label} {title}"
        write_text(para, text, [Ref(0, len(text), cid)])
        para.add_run("\t")
        page_ref(para, anchor(cid), str(pages.get(cid, 1)))
