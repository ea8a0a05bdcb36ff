"""The papers beside the agreement as Word files: Beschlussvorlagen and Erläuterungen, in the agreement's template."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from slp_agreements.model.document import Paper
from slp_agreements.render.docx_parts import add_paragraphs, add_table
from slp_agreements.render.subdoc import new_subdoc
from slp_agreements.render.templates import fill, header_context, open_template, save, usable_width

if TYPE_CHECKING:
    from slp_agreements.files.docx_package import PackageInfo


def render_paper(paper: Paper, template: Path, package: PackageInfo | None = None) -> bytes:
    """A Beschlussvorlage or the Erläuterungen as DOCX bytes, with the draft mark and the review note."""
    tpl = open_template(template)
    width = usable_width(tpl)
    lab = paper.labels
    sd = new_subdoc(tpl)
    sd.add_paragraph(paper.title, style="Title")
    sd.add_paragraph(paper.subtitle, style="Subtitle")
    for line in paper.lines:
        sd.add_paragraph(line, style="Body Text")
    sd.add_paragraph(lab["review_notice"], style="Quote")
    if lab.get("english_notice"):
        sd.add_paragraph(lab["english_notice"], style="Quote")
    for part in paper.parts:
        sd.add_paragraph(part.heading, style="Heading 1").paragraph_format.keep_with_next = True
        add_paragraphs(sd, part.paragraphs)
        if part.table is not None:
            add_table(sd, part.table, width)
    fill(tpl, {"body": sd, **header_context(lab, paper.title)}, template)
    return save(tpl, package)
