"""The publication of indicator profiles (Indikatorensteckbriefe) as a Word file: contents, one profile a page."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from slp_agreements.model.document import ProfileBook, Table
from slp_agreements.model.labels import DOCUMENT_LANGUAGE
from slp_agreements.render.docx_parts import add_profiles, add_table, page_ref, part_heading
from slp_agreements.render.subdoc import new_subdoc
from slp_agreements.render.templates import fill, header_context, open_template, save, usable_width

if TYPE_CHECKING:
    from slp_agreements.files.docx_package import PackageInfo


def render_profiles(book: ProfileBook, template: Path, package: PackageInfo | None = None) -> bytes:
    """The standalone publication of indicator profiles: title, contents with page numbers, one profile a page."""
    tpl = open_template(template)
    width = usable_width(tpl)
    sd = new_subdoc(tpl)
    sd.add_paragraph(book.title, style="Title")
    if book.subtitle:
        sd.add_paragraph(book.subtitle, style="Subtitle")
    for line in book.intro:
        sd.add_paragraph(line, style="Body Text")
    part_heading(sd, book.contents_title)
    rows = [[*row, ""] for row in book.contents]
    add_table(sd, Table(book.contents_header, rows, [0.5, 0.9, 3.6, 1.2, 0.6]), width)
    table = sd.tables[-1]
    # A guess for the cached page numbers; Word and LibreOffice replace it with the real page when laying out.
    first = 2 + max(0, len(rows) - 18) // 35
    for n, (row, prof) in enumerate(zip(table.rows[1:], book.profiles, strict=True)):
        cell = row.cells[-1]
        cell.text = ""
        page_ref(cell.paragraphs[0], prof.bookmark, str(first + n))
    add_profiles(sd, book.profiles, width, "Heading 1", first_on_new_page=True)
    fill(tpl, {"body": sd, **header_context(book.labels, book.title)}, template)
    return save(tpl, package, language=DOCUMENT_LANGUAGE.get(book.language, "de-DE"))
