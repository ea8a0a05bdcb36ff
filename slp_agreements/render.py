"""Rendering of the document model into Word files; the only module that imports docxtpl and python-docx."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from slp_agreements.errors import UserError
from slp_agreements.library.findings import Finding
from slp_agreements.model.document import Annex, Block, Document, Paragraph, Profile, ProfileBook, Table
from slp_agreements.model.labels import LABELS

if TYPE_CHECKING:
    from slp_agreements.files.docx_package import PackageInfo

REQUIRED_STYLES = ["Title", "Subtitle", "Heading 1", "Heading 2", "Body Text", "List Paragraph", "Table Grid",
                   "Quote", "Signature"]  # fmt: skip
REQUIRED_PLACEHOLDERS = ["{{p body }}"]
OPTIONAL_PLACEHOLDERS = ["header_text", "draft_mark", "footer_text", "page_label", "of_label", "watermark"]


def _open_template(path: Path) -> Any:
    """Open a Word template with a clear message when it is missing, corrupt or lacks styles.

    The file is read and checked once per process (keyed by path, size and modification time), so a batch of
    agreements reads its template once; each render gets a fresh copy, because rendering changes it.
    """
    from docxtpl import DocxTemplate

    data, missing = _checked_template(path)
    if missing:
        raise UserError("; ".join(missing), file=path)
    tpl = DocxTemplate(io.BytesIO(data))
    tpl.init_docx()
    _remember_style_ids(tpl)
    return tpl


_CHECKED: dict[tuple[str, int, int], tuple[bytes, list[str]]] = {}


def _checked_template(path: Path) -> tuple[bytes, list[str]]:
    """The bytes of a Word template and its errors, read once per process while the file is unchanged."""
    try:
        stat = path.stat()
    except OSError:
        stat = None
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size) if stat else None
    if key and key in _CHECKED:
        return _CHECKED[key]
    tpl = _load_template(path)
    found = (path.read_bytes(), _template_gaps(tpl)[0])
    if key:
        _CHECKED[key] = found
    return found


def _remember_style_ids(tpl: Any) -> None:
    """Look each style up once per document instead of once per paragraph.

    python-docx resolves a style name on every ``add_paragraph(style=…)`` and compares it with the default style
    found by scanning all styles (milliseconds per paragraph); the styles do not change while we render.
    """
    part = tpl.docx.part
    lookup = part.get_style_id
    known: dict[tuple[str, Any], Any] = {}

    def get_style_id(style_or_name: Any, style_type: Any) -> Any:
        if not isinstance(style_or_name, str):
            return lookup(style_or_name, style_type)
        key = (style_or_name, style_type)
        if key not in known:
            known[key] = lookup(style_or_name, style_type)
        return known[key]

    part.get_style_id = get_style_id


def _load_template(path: Path) -> Any:
    """Open a Word file as a template; missing, not a .docx or corrupt is a UserError."""
    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate

    if not path.is_file():
        raise UserError("Word-Vorlage nicht gefunden. Bitte den Pfad prüfen.", file=path)
    if not zipfile.is_zipfile(path):
        raise UserError(
            "ist keine Word-Datei (.docx); bitte eine mit Word gespeicherte .docx-Vorlage angeben.", file=path
        )
    try:
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
        list(tpl.docx.styles)  # reads the styles part now, so a corrupt one is reported here
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise UserError(f"Word-Vorlage ist beschädigt oder keine .docx-Datei ({exc}).", file=path) from None
    except Exception as exc:  # lxml and zip errors of a corrupt package have many types
        raise UserError(f"Word-Vorlage kann nicht gelesen werden ({type(exc).__name__}).", file=path) from None
    return tpl


def _template_xml(tpl: Any) -> str:
    """Body, headers and footers of a Word template, with placeholders split across runs joined again."""
    parts = [tpl.get_xml()]
    for rel in tpl.docx.part.rels.values():
        if rel.reltype.endswith(("/header", "/footer")):
            parts.append(tpl.patch_xml(rel.target_part.blob.decode("utf-8")))
    return "\n".join(parts)


_PLACEHOLDER = re.compile(r"\{\{-?\s*(?:[pr]\s+)?([A-Za-z_][A-Za-z0-9_]*)")


def _template_gaps(tpl: Any) -> tuple[list[str], list[str]]:
    """Errors (missing styles, missing or unknown placeholders) and warnings (optional placeholders missing)."""
    styles = {s.name for s in tpl.docx.styles}
    errors, warnings = [], []
    missing = [s for s in REQUIRED_STYLES if s not in styles]
    if missing:
        errors.append(
            f"der Word-Vorlage fehlen die Formatvorlagen {', '.join(missing)}; "
            "'slp-agreements template export' liefert eine Vorlage mit allen nötigen Formatvorlagen"
        )
    names = set(_PLACEHOLDER.findall(_template_xml(tpl)))
    if "body" not in names:
        errors.append("der Word-Vorlage fehlt der Platzhalter {{p body }} für den Vertragstext (eigener Absatz)")
    known = {"body", *OPTIONAL_PLACEHOLDERS}
    for name in sorted(names - known):
        errors.append(
            f"die Word-Vorlage enthält den unbekannten Platzhalter {{{{ {name} }}}}; "
            f"erlaubt sind body, {', '.join(OPTIONAL_PLACEHOLDERS)}"
        )
    for name in OPTIONAL_PLACEHOLDERS:
        if name not in names:
            warnings.append(f"Platzhalter {{{{ {name} }}}} fehlt ({_OPTIONAL_MEANING[name]})")
    return errors, warnings


_OPTIONAL_MEANING = {
    "header_text": "Kurztitel in der Kopfzeile",
    "draft_mark": "Entwurfsvermerk ENTWURF in der Kopfzeile",
    "footer_text": "Stand des Entwurfs in der Fußzeile",
    "page_label": "'Seite' vor der Seitenzahl",
    "of_label": "'von' in 'Seite x von y'",
    "watermark": "Hinweis 'Entwurf zur Prüfung durch das Rechtsamt'",
}


def template_findings(path: Path) -> list[Finding]:
    """Lint of a user's Word template: missing styles, missing or unknown placeholders (``clauses lint --template``)."""
    try:
        errors, warnings = _template_gaps(_load_template(path))
    except UserError as exc:
        errors, warnings = [exc.message], []
    return [Finding("error", path, None, m, "template") for m in errors] + [
        Finding("warning", path, None, m, "template") for m in warnings
    ]


def _render(tpl: Any, context: dict[str, Any], template: Path) -> None:
    """Fill the template's placeholders in the sandbox; a bad placeholder is the user's template's fault."""
    from jinja2 import TemplateError

    from slp_agreements.library.templating import describe, docx_environment

    try:
        tpl.render(context, jinja_env=docx_environment(), autoescape=True)
    except TemplateError as exc:
        raise UserError(f"Platzhalter der Word-Vorlage: {describe(exc)}", file=template) from None


def _usable_width(tpl: Any) -> int:
    sec = tpl.docx.sections[0]
    return int(sec.page_width - sec.left_margin - sec.right_margin)


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _cant_split(row: Any) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _add_table(sd: Any, table: Table, width: int) -> None:
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


def _add_paragraphs(sd: Any, paragraphs: list[Paragraph]) -> None:
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


def _add_annex(sd: Any, annex: Annex, lab: dict[str, str], width: int) -> None:
    heading = sd.add_paragraph(f"{lab['annex']} {annex.number}: {annex.title}", style="Heading 2")
    heading.paragraph_format.page_break_before = True  # a break paragraph could leave an empty page
    _add_paragraphs(sd, annex.paragraphs)
    if annex.table:
        _add_table(sd, annex.table, width)
    _add_profiles(sd, annex.profiles, width, "Heading 3")


def _bookmark(paragraph: Any, name: str, n: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(n))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(n))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def _page_ref(paragraph: Any, bookmark: str, cached: str) -> None:
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


def _add_profiles(sd: Any, profiles: list[Profile], width: int, heading: str, first_on_new_page: bool = False) -> None:
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


def _add_signatures(sd: Any, doc: Document, width: int) -> None:
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


def _header_context(lab: dict[str, str], short: str) -> dict[str, Any]:
    return {
        "header_text": short,
        "draft_mark": lab["draft_mark"],
        "watermark": lab["watermark"],
        "footer_text": f"{lab['status']} {lab['date']}" if lab.get("date") else "",
        "page_label": lab["page"],
        "of_label": lab["of"],
    }


def _save(tpl: Any, package: PackageInfo | None = None) -> bytes:
    buf = io.BytesIO()
    tpl.save(buf)
    if package is None:
        return buf.getvalue()
    from slp_agreements.files.docx_package import finish

    return finish(buf.getvalue(), package)


def render_contract(doc: Document, template: Path, package: PackageInfo | None = None) -> bytes:
    """The agreement as DOCX bytes; with ``package``, reproducible and carrying its properties and manifest."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    tpl = _open_template(template)
    width = _usable_width(tpl)
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
        _add_paragraphs(sd, doc.preamble.paragraphs)
    for s in doc.sections:
        sd.add_paragraph(f"{lab['section']} {s.number} {s.title}", style="Heading 1")
        _add_paragraphs(sd, s.paragraphs)
    if doc.annexes:
        sd.add_paragraph(lab["annex_list"], style="Body Text").paragraph_format.keep_with_next = True
        for a in doc.annexes:
            sd.add_paragraph(f"{lab['annex']} {a.number}\t{a.title}", style="List Paragraph")
    _add_signatures(sd, doc, width)
    for a in doc.annexes:
        _add_annex(sd, a, lab, width)
    _render(tpl, {"body": sd, **_header_context(doc.labels, doc.title)}, template)
    return _save(tpl, package)


def render_profiles(book: ProfileBook, template: Path) -> bytes:
    """The standalone publication of indicator profiles: title, contents with page numbers, one profile a page."""
    tpl = _open_template(template)
    width = _usable_width(tpl)
    sd = tpl.new_subdoc()
    sd.add_paragraph(book.title, style="Title")
    if book.subtitle:
        sd.add_paragraph(book.subtitle, style="Subtitle")
    for line in book.intro:
        sd.add_paragraph(line, style="Body Text")
    sd.add_paragraph(book.contents_title, style="Heading 2")
    rows = [[*row, ""] for row in book.contents]
    _add_table(sd, Table(book.contents_header, rows, [0.5, 0.9, 3.6, 1.2, 0.6]), width)
    table = sd.tables[-1]
    # A guess for the cached page numbers; Word and LibreOffice replace it with the real page when laying out.
    first = 2 + max(0, len(rows) - 18) // 35
    for n, (row, prof) in enumerate(zip(table.rows[1:], book.profiles, strict=True)):
        cell = row.cells[-1]
        cell.text = ""
        _page_ref(cell.paragraphs[0], prof.bookmark, str(first + n))
    _add_profiles(sd, book.profiles, width, "Heading 2", first_on_new_page=True)
    _render(tpl, {"body": sd, **_header_context(book.labels, book.title)}, template)
    return _save(tpl)


def render_checklist(doc: Document, template: Path, package: PackageInfo | None = None) -> bytes:
    """The checklist as DOCX bytes: one table per phase; ``package`` as for the contract."""
    tpl = _open_template(template)
    width = _usable_width(tpl)
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
        _add_table(sd, Table(header, rows, [0.5, 0.4, 4.1, 1.5, 1.3, 1.8]), width)
    _render(tpl, {"body": sd, **_header_context(lab, lab["checklist_title"])}, template)
    return _save(tpl, package)


_REPORT_STYLES = {"title": "Title", "heading": "Heading 2", "text": "Body Text", "item": "List Paragraph",
                  "diff": "Body Text"}  # fmt: skip


def render_report(blocks: list[Block], lang: str = "de", template: Path | None = None) -> bytes:
    """A change report as DOCX: removed words struck through in red, added words underlined in blue."""
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Cm, RGBColor

    from slp_agreements.resources import templates_dir

    tpl = _open_template(template or templates_dir() / "agreement.docx")
    sd = tpl.new_subdoc()
    for block in blocks:
        para = sd.add_paragraph(style=_REPORT_STYLES.get(block.style, "Body Text"))
        if block.style == "diff":
            para.paragraph_format.left_indent = Cm(0.75)
        for i, r in enumerate(block.runs):
            if not r.text:
                continue
            if i and para.runs:
                para.add_run(" ")
            run = para.add_run(r.text)
            if r.mark == "del":
                run.font.strike = True
                run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
            elif r.mark == "ins":
                run.font.underline = True
                run.font.color.rgb = RGBColor(0x1F, 0x4E, 0x9A)
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    title = blocks[0].runs[0].text if blocks and blocks[0].runs else ""
    context = {"header_text": title, "draft_mark": "", "watermark": "", "footer_text": "",
               "page_label": LABELS[lang]["page"], "of_label": LABELS[lang]["of"]}  # fmt: skip
    _render(tpl, {"body": sd, **context}, template or templates_dir() / "agreement.docx")
    return _save(tpl)
