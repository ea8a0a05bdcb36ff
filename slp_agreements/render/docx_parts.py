"""Building blocks of the Word files, with python-docx: paragraphs, tables, annexes, profiles, signature blocks."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from slp_agreements.model.document import Annex, Document, Paragraph, Profile, Ref, Table, anchor, signature_lines
from slp_agreements.render.typography import typeset


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement

    # No w:val: "on" is the default, and Word's validator allows only on/off there, not "true".
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _cant_split(row: Any) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _keep_last_rows(table: Any, rows: int = 3) -> None:
    """The last rows of a table stay together, so the page after a table never starts with one lonely row."""
    from docx.oxml.ns import qn

    for tr in table._tbl.findall(qn("w:tr"))[-rows:-1]:
        for p in tr.iter(qn("w:p")):
            ppr = p.get_or_add_pPr()
            ppr.keepNext_val = True


def add_table(sd: Any, table: Table, width: int) -> None:
    from docx.shared import Emu

    t = sd.add_table(rows=1, cols=len(table.header))
    t.style = "Table Grid"
    t.autofit = False
    cols = [Emu(w) for w in column_widths(table, width)]
    for cell, text, w in zip(t.rows[0].cells, table.header, cols, strict=True):
        cell.text = typeset(text)
        cell.width = w
    _repeat_header(t.rows[0])
    _append_rows(t, table.rows, [int(w.twips) for w in cols])
    for i, w in enumerate(cols):
        t.columns[i].width = w


# Advance widths of Arial / Helvetica / Liberation Sans (metric-compatible), in 1/1000 em; others count as 556.
_WIDTHS = dict(
    zip(
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyzäöüßÄÖÜ",
        [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, *[556] * 10, 278, 278,
         584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667,
         778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556,
         278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500,
         556, 556, 556, 611, 667, 778, 722],
        strict=True,
    )
)  # fmt: skip
_TABLE_PT = 9.5  # the font size of the table style
_CELL_MARGIN_EMU = 2 * 85 * 635 + 12700  # left and right cell margins, and a point to spare


@lru_cache(maxsize=65536)  # the same words recur in every row of a column
def text_width(token: str, size_pt: float = _TABLE_PT, bold: bool = False) -> int:
    """The width of a word in EMU, from the font's metrics (bold about 10 % wider), with 5 % to spare."""
    em = sum(_WIDTHS.get(c, 556) for c in token) / 1000
    return int(em * size_pt * 12700 * (1.1 if bold else 1.0) * 1.05)


def column_widths(table: Table, width: int) -> list[int]:
    """Column widths (EMU) from the weights, widened so that the longest word or e-mail address in a column fits.

    A column gets at least what its longest token needs (a token ends at a space, a hyphen or a soft hyphen, where a
    line may break anyway); the others share the rest by their weights. Where the tokens do not all fit the line,
    a column still gets what its unbreakable tokens need (abbreviations such as 'Nr.' or 'ALKIS', addresses, short
    words), and the shortfall is shared among the long words, which then hyphenate at a syllable.
    """
    n = len(table.header)
    weights = table.widths or [1.0] * n
    need, hard = [0] * n, [0] * n
    cells = [(i, str(text), False) for row in table.rows for i, text in enumerate(row[:n])]
    for i, text, bold in [*cells, *((i, text, True) for i, text in enumerate(table.header))]:
        for token in _tokens(text):
            need[i] = max(need[i], text_width(token, bold=bold) + _CELL_MARGIN_EMU)
            unbreakable = token if _unbreakable(token) else token[:6] + "-"  # a long word: a syllable and '-'
            hard[i] = max(hard[i], text_width(unbreakable, bold=bold) + _CELL_MARGIN_EMU)
    if sum(need) > width:  # not every word fits: each column keeps its unbreakable part, long words share the rest
        spare = max(0.0, (width - sum(hard)) / max(1, sum(need) - sum(hard)))
        need = [int(h + (x - h) * min(1.0, spare)) for x, h in zip(need, hard, strict=True)]
    widths = [width * w / sum(weights) for w in weights]
    for _ in range(n):  # fix the columns that need more than their share, give the rest to the others
        short = [i for i in range(n) if widths[i] < need[i]]
        if not short:
            break
        fixed = {i for i in range(n) if widths[i] <= need[i]}
        rest = width - sum(need[i] for i in fixed)
        free = [i for i in range(n) if i not in fixed]
        if rest <= 0 or not free:
            scale = width / sum(need)
            return [int(need[i] * scale) for i in range(n)]
        share = sum(weights[i] for i in free)
        widths = [need[i] if i in fixed else rest * weights[i] / share for i in range(n)]
    return [int(w) for w in widths]


def _unbreakable(token: str) -> bool:
    """Whether a word may not be hyphenated: short, a number, an abbreviation or an address."""
    word = token.strip("()[]{},;:!?\"'„“”‚‘’«»")
    return len(word) <= 12 or not any(c.isalpha() for c in word) or bool(_UNBROKEN.fullmatch(word))


def _tokens(text: str) -> list[str]:
    """What a line cannot break inside: e-mail addresses whole, words up to a hyphen or soft hyphen (web addresses
    may break anywhere, no hyphen is added, so they need no width)."""
    out: list[str] = []
    for word in text.split():
        if _URL.match(word):
            continue
        out += [word] if _ADDRESS.fullmatch(word.strip("()<>,;.")) else re.findall(r"[^\xad-]+[\xad-]?", word)
    return out


_URL = re.compile(r"(?:https?://|www\.)\S{20,}")
_ADDRESS = re.compile(r"((?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)")


def _append_rows(t: Any, rows: list[list[str]], twips: list[int], bold_first: bool = False) -> None:
    """Body rows written as XML in one piece: python-docx's row-by-row API is too slow for annexes of thousands."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from slp_agreements.model.manifest import escape

    def runs_of(line: str, bold: bool) -> str:
        out = []
        for i, piece in enumerate(_UNBROKEN.split(typeset(line))):
            if not piece:
                continue
            # An abbreviation or address (odd pieces) is never hyphenated: no language, so no '-' is added.
            props = ("<w:b/>" if bold else "") + ('<w:noProof/><w:lang w:val="zxx"/>' if i % 2 else "")
            rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
            out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
        return "".join(out) or "<w:r><w:t></w:t></w:r>"

    def cell(text: str, width: int, bold: bool = False) -> str:
        runs = "<w:r><w:br/></w:r>".join(runs_of(line, bold) for line in str(text).split("\n"))
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p>{runs}</w:p></w:tc>'

    body = "".join(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        + "".join(cell(text, w, bold_first and i == 0) for i, (text, w) in enumerate(zip(values, twips, strict=True)))
        + "</w:tr>"
        for values in rows
    )
    holder = parse_xml(f"<w:tbl {nsdecls('w')}>{body}</w:tbl>")
    t._tbl.extend(list(holder))


def write_text(para: Any, text: str, refs: list[Ref] | None = None, known: set[str] | None = None) -> None:
    """Write text into a paragraph with typographic spaces; each reference to a known clause becomes a link."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from slp_agreements.render.subdoc import plain_run

    text = typeset(text)
    at = 0
    for ref in refs or []:
        if known is not None and ref.target not in known:
            continue
        if ref.start > at:
            _add_runs(para, text[at : ref.start])
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), anchor(ref.target))
        link.set(qn("w:history"), "1")
        para._p.append(link)
        plain_run(link, text[ref.start : ref.end])
        at = ref.end
    if at < len(text) or not text:
        _add_runs(para, text[at:])


# Abbreviations of laws and bodies (NKomZG, DSGVO, BauGB, GkG NRW) and web and e-mail addresses are not hyphenated.
_UNBROKEN = re.compile(r"(?<![\w@./-])((?=\w*[A-ZÄÖÜ]\w*[A-ZÄÖÜ])\w{3,}|" + _ADDRESS.pattern[1:-1] + r")(?![\w@])")


def _add_runs(para: Any, text: str) -> None:
    """Runs for ``text``; abbreviations and addresses in runs without a language (so never hyphenated)."""
    from slp_agreements.render.subdoc import plain_run, unhyphenated_run

    p = para._p
    for i, piece in enumerate(_UNBROKEN.split(text)):
        if piece:
            (unhyphenated_run if i % 2 else plain_run)(p, piece)


class Lists:
    """Real Word lists for the numbered items (1., 2. and a), b)): one list definition, each list restarting at 1.

    Screen readers, the PDF's structure tree and pandoc see lists; the numbers Word shows are those the program
    computed, because every list starts at 1 and counts the items the program counted.
    """

    NAME = "slp-agreements Aufzählung"

    def __init__(self, sd: Any) -> None:
        self.numbering = sd.part.numbering_part.element
        self.abstract = self._definition()

    def _definition(self) -> str:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls, qn

        for el in self.numbering.findall(qn("w:abstractNum")):
            name = el.find(qn("w:name"))
            if name is not None and name.get(qn("w:val")) == self.NAME:
                return str(el.get(qn("w:abstractNumId")))
        used = [int(el.get(qn("w:abstractNumId"))) for el in self.numbering.findall(qn("w:abstractNum"))]
        number = str(max(used, default=0) + 1)
        levels = "".join(
            f'<w:lvl w:ilvl="{lvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="{left}"/></w:tabs>'
            f'<w:ind w:left="{left}" w:hanging="340"/></w:pPr></w:lvl>'
            for lvl, fmt, text, left in ((0, "decimal", "%1.", 567), (1, "lowerLetter", "%2)", 907))
        )
        definition = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{number}"><w:multiLevelType w:val="multilevel"/>'
            f'<w:name w:val="{self.NAME}"/>{levels}</w:abstractNum>'
        )
        nums = self.numbering.findall(qn("w:num"))
        if nums:
            nums[0].addprevious(definition)
        else:
            self.numbering.append(definition)
        return number

    def new(self) -> str:
        """A new list of this kind, starting at 1 on both levels; its numId."""
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls, qn

        used = [int(el.get(qn("w:numId"))) for el in self.numbering.findall(qn("w:num"))]
        number = str(max(used, default=0) + 1)
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="1"/></w:lvlOverride>' for lvl in (0, 1)
        )
        self.numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{number}"><w:abstractNumId w:val="{self.abstract}"/>'
                f"{overrides}</w:num>"
            )
        )
        return number


def _number(para: Any, num_id: str, level: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    num_pr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    ppr = para._p.get_or_add_pPr()
    style = ppr.find(num_pr.tag.replace("numPr", "pStyle"))
    (style.addnext if style is not None else lambda el: ppr.insert(0, el))(num_pr)


def add_paragraphs(sd: Any, paragraphs: list[Paragraph], lists: Lists | None = None,
                   known: set[str] | None = None) -> Any:  # fmt: skip
    """Absätze with their '(n)' label, items as a real list; returns the paragraphs written."""
    written: list[Any] = []
    for p in paragraphs:
        if p.text or p.label:
            para = sd.add_paragraph(style="Body Text")
            shift = len(p.label) + 1 if p.label and p.text else len(p.label)
            label = f"{p.label} " if p.label and p.text else p.label
            write_text(para, label + p.text, [Ref(r.start + shift, r.end + shift, r.target) for r in p.refs], known)
            if p.items:
                para.paragraph_format.keep_with_next = True
            written.append(para)
        if not p.items:
            continue
        lists = lists or Lists(sd)
        num_id = lists.new()
        for item in p.items:
            li = sd.add_paragraph(style="List Paragraph")
            _number(li, num_id, min(item.level, 1))
            write_text(li, item.text, item.refs, known)
            written.append(li)
    return written


def keep_tail(paragraphs: list[Any], lines: int = 4) -> None:
    """Keep the last paragraphs together until they make ``lines`` lines: before a page break (the next annex),
    a page never holds only one to three lines of the text before it."""
    count = 0
    for i, para in enumerate(reversed(paragraphs)):
        para.paragraph_format.keep_together = True
        if i:
            para.paragraph_format.keep_with_next = True
        count += max(1, -(-len(para.text) // 85))
        if count >= lines:
            break


def heading(sd: Any, text: str, bookmark: str, n: int, style: str = "Heading 1") -> Any:
    """A heading with a bookmark (the target of links and of the table of contents)."""
    para = sd.add_paragraph(style=style)
    write_text(para, text)
    add_bookmark(para, bookmark, n)
    return para


def part_heading(sd: Any, text: str) -> Any:
    """A heading of level 1, left-aligned: the phases of a checklist, the parts of a report or a publication.

    Below the title the first heading level is 1, so screen readers and the PDF's structure skip no level.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    para = sd.add_paragraph(typeset(text), style="Heading 1")
    para.alignment = WD_ALIGN_PARAGRAPH.LEFT
    return para


def add_annex(sd: Any, annex: Annex, lab: dict[str, str], width: int, n: int, lists: Lists | None = None,
              known: set[str] | None = None) -> None:  # fmt: skip
    """An annex on a new page: heading (level 1, like the §§), text, table, profiles (level 2 below it)."""
    head = heading(sd, f"{lab['annex']} {annex.number}: {annex.title}", anchor(annex.clause_id), n)
    head.paragraph_format.page_break_before = True  # a break paragraph could leave an empty page
    written = add_paragraphs(sd, annex.paragraphs, lists, known)
    if annex.table:
        add_table(sd, annex.table, width)
        _keep_last_rows(sd.tables[-1])
    elif not annex.profiles:
        keep_tail(written)
    add_profiles(sd, annex.profiles, width, "Heading 2")


def add_bookmark(paragraph: Any, name: str, n: int) -> None:
    """A bookmark ``name`` (id ``n``) around the paragraph's text."""
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
        title = (
            part_heading(sd, prof.title) if style == "Heading 1" else sd.add_paragraph(typeset(prof.title), style=style)
        )
        title.paragraph_format.keep_with_next = True
        title.paragraph_format.page_break_before = n > 0 or first_on_new_page
        if prof.bookmark:
            add_bookmark(title, prof.bookmark, 1000 + n)
        t = sd.add_table(rows=0, cols=2)
        t.style = "Table Grid"
        t.autofit = False
        _append_rows(t, [list(r) for r in prof.rows], [int(w.twips) for w in cols], bold_first=True)
        for i, w in enumerate(cols):
            t.columns[i].width = w


def add_signatures(sd: Any, doc: Document, width: int, n: int) -> None:
    """The signature blocks, two a row; the heading and the first row stay on one page with the text before them."""
    from docx.shared import Emu, Pt

    lab = doc.labels
    head = heading(sd, lab["signatures"], "slp_signatures", n)
    head.paragraph_format.space_before = Pt(24)
    head.paragraph_format.keep_with_next = True
    if doc.signature_note:
        note = sd.add_paragraph(style="Body Text")
        write_text(note, doc.signature_note)
        note.paragraph_format.keep_with_next = True
    pairs = [doc.signatories[i : i + 2] for i in range(0, len(doc.signatories), 2)]
    half = Emu(width // 2)
    for number, pair in enumerate(pairs):
        t = sd.add_table(rows=1, cols=2)
        t.autofit = False
        _cant_split(t.rows[0])
        for cell, s in zip(t.rows[0].cells, pair, strict=False):
            cell.width = half
            cell.paragraphs[0].style = "Signature"
            first = True
            for text, bold in signature_lines(s, lab):
                para = cell.paragraphs[0] if first else cell.add_paragraph(style="Signature")
                first = False
                run = para.add_run(typeset(text))
                run.bold = bold
                # Word keeps a row with what follows only if every paragraph in it says so: the first row stays
                # with the heading, every row is kept in one piece (cantSplit above).
                para.paragraph_format.keep_with_next = number == 0 and len(pairs) > 1
        sd.add_paragraph("").paragraph_format.keep_with_next = number == 0 and len(pairs) > 1
