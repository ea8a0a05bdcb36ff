"""The agreement and its checklist as Word files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from slp_agreements.model.document import ANNEX_LIST_ANCHOR, FRONT_ANCHOR, Document, Ref, Table, anchor
from slp_agreements.render.contents import add_contents, needs_contents
from slp_agreements.render.docx_parts import (
    Lists,
    add_annex,
    add_bookmark,
    add_paragraphs,
    add_signatures,
    add_table,
    heading,
    part_heading,
    write_text,
)
from slp_agreements.render.subdoc import new_subdoc
from slp_agreements.render.templates import fill, header_context, open_template, save, usable_width

if TYPE_CHECKING:
    from slp_agreements.files.docx_package import PackageInfo


def render_contract(doc: Document, template: Path, package: PackageInfo | None = None) -> bytes:
    """The agreement as DOCX bytes; with ``package``, reproducible and carrying its properties and manifest.

    Title and parties, then (for long agreements) the contents, preamble, §§, the annex list, the signatures and
    the annexes: all headings on level 1, each with a bookmark that references and the contents link to.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    tpl = open_template(template)
    width = usable_width(tpl)
    lab = doc.labels
    sd = new_subdoc(tpl)
    title = sd.add_paragraph(style="Title")
    write_text(title, doc.title)
    add_bookmark(title, FRONT_ANCHOR, 0)  # edits to the title and the parties are seen (files/docx_text)
    _joining_word(sd, doc.subtitle)  # 'zwischen' is no subtitle: pandoc and screen readers would take it for one
    for i, line in enumerate(doc.intro):
        p = sd.add_paragraph(style="Body Text")
        write_text(p, line)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if i < len(doc.intro) - 1:
            _joining_word(sd, lab["and"])
    p = sd.add_paragraph(lab["parties_together"], style="Body Text")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sd.add_paragraph(lab["review_notice"], style="Quote")
    if lab["english_notice"]:
        sd.add_paragraph(lab["english_notice"], style="Quote")
    if needs_contents(doc):
        add_contents(sd, doc, width)
    known = {s.clause_id for s in doc.sections} | {a.clause_id for a in doc.annexes}
    lists = Lists(sd)
    n = 0
    last: list[Any] = []
    if doc.preamble:
        n += 1
        heading(sd, doc.preamble.title, anchor(doc.preamble.clause_id), n)
        last = add_paragraphs(sd, doc.preamble.paragraphs, lists, known)[-1:] or last
    for s in doc.sections:
        n += 1
        heading(sd, f"{lab['section']} {s.number} {s.title}", anchor(s.clause_id), n)
        last = add_paragraphs(sd, s.paragraphs, lists, known)[-1:] or last
    if last:  # the signatures stay with the last lines of the text
        last[0].paragraph_format.keep_with_next = True
    if doc.annexes:
        n += 1
        head = heading(sd, lab["annex_list"], ANNEX_LIST_ANCHOR, n, style="Body Text")
        head.paragraph_format.keep_with_next = True
        for a in doc.annexes:
            item = sd.add_paragraph(style="List Paragraph")
            name = f"{lab['annex']} {a.number}"
            write_text(item, f"{name}\t{a.title}", [Ref(0, len(name), a.clause_id)])
            item.paragraph_format.keep_with_next = True  # the list stays together, and with the signatures
    n += 1
    add_signatures(sd, doc, width, n)
    for a in doc.annexes:
        n += 1
        add_annex(sd, a, lab, width, n, lists, known)
    fill(tpl, {"body": sd, **header_context(doc.labels, doc.title)}, template)
    return save(tpl, package)


def _joining_word(sd: Any, word: str) -> None:
    """'zwischen' and 'und' between the parties: centred, with the party after it."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = sd.add_paragraph(style="Body Text")
    write_text(p, word)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.keep_with_next = True
    p.paragraph_format.space_after = Pt(12)


def render_checklist(doc: Document, template: Path, package: PackageInfo | None = None) -> bytes:
    """The checklist as DOCX bytes: one table per phase; ``package`` as for the contract."""
    tpl = open_template(template)
    width = usable_width(tpl)
    lab = doc.labels
    sd = new_subdoc(tpl)
    sd.add_paragraph(lab["checklist_title"], style="Title")
    sd.add_paragraph(doc.title, style="Subtitle")
    sd.add_paragraph(lab["checklist_intro"], style="Body Text")
    sd.add_paragraph(lab["review_notice"], style="Quote")
    phases: dict[str, list[Any]] = {}
    for item in doc.checklist:
        phases.setdefault(item.phase_label, []).append(item)
    n = 0
    for phase, items in phases.items():
        part_heading(sd, phase)
        rows = []
        for item in items:
            n += 1
            rows.append(["☐", str(n), item.text, item.role_label, item.phase_label, item.legal_basis or lab["none"]])
        header = [lab["col_done"], lab["col_no"], lab["col_step"], lab["col_role"],
                  lab["col_phase"], lab["col_basis"]]  # fmt: skip
        add_table(sd, Table(header, rows, [0.5, 0.4, 4.1, 1.5, 1.3, 1.8]), width)
    fill(tpl, {"body": sd, **header_context(lab, lab["checklist_title"])}, template)
    return save(tpl, package)
