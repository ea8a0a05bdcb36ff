"""The agreement and its checklist as Word files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from slp_agreements.model.document import Document, Table
from slp_agreements.render.docx_parts import add_annex, add_paragraphs, add_signatures, add_table
from slp_agreements.render.templates import fill, header_context, open_template, save, usable_width

if TYPE_CHECKING:
    from slp_agreements.files.docx_package import PackageInfo


def render_contract(doc: Document, template: Path, package: PackageInfo | None = None) -> bytes:
    """The agreement as DOCX bytes; with ``package``, reproducible and carrying its properties and manifest."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    tpl = open_template(template)
    width = usable_width(tpl)
    lab = doc.labels
    sd = tpl.new_subdoc()
    sd.add_paragraph(doc.title, style="Title")
    sd.add_paragraph(doc.subtitle, style="Subtitle")
    for i, line in enumerate(doc.intro):
        p = sd.add_paragraph(line, style="Body Text")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if i < len(doc.intro) - 1:
            sd.add_paragraph(lab["and"], style="Subtitle")
    p = sd.add_paragraph(lab["parties_together"], style="Body Text")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sd.add_paragraph(lab["review_notice"], style="Quote")
    if lab["english_notice"]:
        sd.add_paragraph(lab["english_notice"], style="Quote")
    if doc.preamble:
        sd.add_paragraph(doc.preamble.title, style="Heading 2")
        add_paragraphs(sd, doc.preamble.paragraphs)
    for s in doc.sections:
        sd.add_paragraph(f"{lab['section']} {s.number} {s.title}", style="Heading 1")
        add_paragraphs(sd, s.paragraphs)
    if doc.annexes:
        sd.add_paragraph(lab["annex_list"], style="Body Text").paragraph_format.keep_with_next = True
        for a in doc.annexes:
            sd.add_paragraph(f"{lab['annex']} {a.number}\t{a.title}", style="List Paragraph")
    add_signatures(sd, doc, width)
    for a in doc.annexes:
        add_annex(sd, a, lab, width)
    fill(tpl, {"body": sd, **header_context(doc.labels, doc.title)}, template)
    return save(tpl, package)


def render_checklist(doc: Document, template: Path, package: PackageInfo | None = None) -> bytes:
    """The checklist as DOCX bytes: one table per phase; ``package`` as for the contract."""
    tpl = open_template(template)
    width = usable_width(tpl)
    lab = doc.labels
    sd = tpl.new_subdoc()
    sd.add_paragraph(lab["checklist_title"], style="Title")
    sd.add_paragraph(doc.title, style="Subtitle")
    sd.add_paragraph(lab["checklist_intro"], style="Body Text")
    sd.add_paragraph(lab["review_notice"], style="Quote")
    phases: dict[str, list[Any]] = {}
    for item in doc.checklist:
        phases.setdefault(item.phase_label, []).append(item)
    n = 0
    for phase, items in phases.items():
        sd.add_paragraph(phase, style="Heading 2")
        rows = []
        for item in items:
            n += 1
            rows.append(["☐", str(n), item.text, item.role_label, item.phase_label, item.legal_basis or lab["none"]])
        header = [lab["col_done"], lab["col_no"], lab["col_step"], lab["col_role"],
                  lab["col_phase"], lab["col_basis"]]  # fmt: skip
        add_table(sd, Table(header, rows, [0.5, 0.4, 4.1, 1.5, 1.3, 1.8]), width)
    fill(tpl, {"body": sd, **header_context(lab, lab["checklist_title"])}, template)
    return save(tpl, package)
