"""Building blocks of the Word files, with python-docx: paragraphs, tables, annexes, profiles, signature blocks."""

from __future__ import annotations

from typing import Any

from slp_agreements.model.document import Annex, Document, Paragraph, Profile, Table


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement

    # No w:val: "on" is the default, and Word's validator allows only on/off there, not "true".
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _cant_split(row: Any) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def add_table(sd: Any, table: Table, width: int) -> None:
    from docx.shared import Emu

    t = sd.add_table(rows=1, cols=len(table.header))
    t.style = "Table Grid"
    t.autofit = False
    weights = table.widths or [1.0] * len(table.header)
    total = sum(weights)
    cols = [Emu(int(width * w / total)) for w in weights]
    for cell, text, w in zip(t.rows[0].cells, table.header, cols, strict=True):
        cell.text = text
        cell.width = w
    _repeat_header(t.rows[0])
    _append_rows(t, table.rows, [int(w.twips) for w in cols])
    for i, w in enumerate(cols):
        t.columns[i].width = w


def _append_rows(t: Any, rows: list[list[str]], twips: list[int], bold_first: bool = False) -> None:
    """Body rows written as XML in one piece: python-docx's row-by-row API is too slow for annexes of thousands."""
    from xml.sax.saxutils import escape

    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def cell(text: str, width: int, bold: bool = False) -> str:
        props = "<w:rPr><w:b/></w:rPr>" if bold else ""
        runs = "<w:r><w:br/></w:r>".join(
            f'<w:r>{props}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>' for line in str(text).split("\n")
        )
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p>{runs}</w:p></w:tc>'

    body = "".join(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        + "".join(cell(text, w, bold_first and i == 0) for i, (text, w) in enumerate(zip(values, twips, strict=True)))
        + "</w:tr>"
        for values in rows
    )
    holder = parse_xml(f"<w:tbl {nsdecls('w')}>{body}</w:tbl>")
    t._tbl.extend(list(holder))


def add_paragraphs(sd: Any, paragraphs: list[Paragraph]) -> None:
    from docx.shared import Cm

    for p in paragraphs:
        if p.text or p.label:
            text = f"{p.label} {p.text}".strip()
            para = sd.add_paragraph(text, style="Body Text")
            if p.items:
                para.paragraph_format.keep_with_next = True
        for item in p.items:
            li = sd.add_paragraph(f"{item.label}\t{item.text}", style="List Paragraph")
            if item.level:
                li.paragraph_format.left_indent = Cm(1.6)
                li.paragraph_format.tab_stops.add_tab_stop(Cm(1.6))


def add_annex(sd: Any, annex: Annex, lab: dict[str, str], width: int) -> None:
    heading = sd.add_paragraph(f"{lab['annex']} {annex.number}: {annex.title}", style="Heading 2")
    heading.paragraph_format.page_break_before = True  # a break paragraph could leave an empty page
    add_paragraphs(sd, annex.paragraphs)
    if annex.table:
        add_table(sd, annex.table, width)
    add_profiles(sd, annex.profiles, width, "Heading 3")


def _bookmark(paragraph: Any, name: str, n: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(n))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(n))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def page_ref(paragraph: Any, bookmark: str, cached: str) -> None:
    """A PAGEREF field: Word and LibreOffice show the page of the bookmark; ``cached`` until they update it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def fld(kind: str) -> Any:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    paragraph.add_run()._r.append(fld("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" PAGEREF {bookmark} \\h "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(fld("separate"))
    paragraph.add_run(cached)
    paragraph.add_run()._r.append(fld("end"))


def add_profiles(sd: Any, profiles: list[Profile], width: int, heading: str, first_on_new_page: bool = False) -> None:
    """One two-column table (label | value) per profile, each profile after the first on a new page."""
    from docx.shared import Emu

    style = heading if heading in {s.name for s in sd.styles} else "Heading 2"
    cols = [Emu(int(width * 0.3)), Emu(width - int(width * 0.3))]
    for n, prof in enumerate(profiles):
        title = sd.add_paragraph(prof.title, style=style)
        title.paragraph_format.keep_with_next = True
        title.paragraph_format.page_break_before = n > 0 or first_on_new_page
        if prof.bookmark:
            _bookmark(title, prof.bookmark, 1000 + n)
        t = sd.add_table(rows=0, cols=2)
        t.style = "Table Grid"
        t.autofit = False
        _append_rows(t, [list(r) for r in prof.rows], [int(w.twips) for w in cols], bold_first=True)
        for i, w in enumerate(cols):
            t.columns[i].width = w


def add_signatures(sd: Any, doc: Document, width: int) -> None:
    from docx.shared import Emu, Pt

    lab = doc.labels
    sd.add_paragraph(lab["signatures"], style="Heading 2").paragraph_format.space_before = Pt(24)
    pairs = [doc.signatories[i : i + 2] for i in range(0, len(doc.signatories), 2)]
    half = Emu(width // 2)
    for pair in pairs:
        t = sd.add_table(rows=1, cols=2)
        t.autofit = False
        _cant_split(t.rows[0])
        for cell, s in zip(t.rows[0].cells, pair, strict=False):
            cell.width = half
            lines = [
                (lab["for_party"].format(party=s.party), True),
                ("", False),
                ("_" * 34, False),
                (lab["place_date"], False),
                ("", False),
                ("", False),
                ("_" * 34, False),
                (f"{s.person}" + (f", {s.function}" if s.function else ""), False),
                (lab["name_function"], False),
            ]
            if s.seal:
                lines += [("", False), (f"({lab['seal']})", False)]
            cell.paragraphs[0].style = "Signature"
            first = True
            for text, bold in lines:
                para = cell.paragraphs[0] if first else cell.add_paragraph(style="Signature")
                first = False
                run = para.add_run(text)
                run.bold = bold
        sd.add_paragraph("")
