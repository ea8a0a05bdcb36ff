"""The body a Word file is written into: docxtpl's subdocument, with the paragraphs and runs made directly in lxml.

python-docx writes a run's text character by character, looks for the section properties among all paragraphs
written so far for every new one, and docxtpl reads its blank document anew for every subdocument: together most
of the time of a build. The elements made here are the same, attribute for attribute and in the same order, as
python-docx's ``add_paragraph(text, style)`` and ``add_run(text)`` make them (``tests/test_subdoc.py`` compares
both), so the Word files stay the same byte for byte.

The Word libraries are imported on first use, so that commands which write no Word file never load them.
"""

from __future__ import annotations

from functools import cache
from typing import Any

_BLANK: list[Any] = []


@cache
def _names() -> dict[str, str]:
    from docx.oxml.ns import qn

    tags = ("w:p", "w:pPr", "w:pStyle", "w:val", "w:r", "w:rPr", "w:t", "xml:space", "w:noProof", "w:lang")
    return {tag: qn(tag) for tag in tags}


@cache
def _body_class() -> Any:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.text.paragraph import Paragraph
    from docxtpl.subdoc import Subdoc
    from lxml.etree import SubElement  # type: ignore[import-untyped]

    q = _names()

    class Body(Subdoc):  # type: ignore[misc]  # docxtpl has no type hints
        """A subdocument whose ``add_paragraph`` writes what python-docx's does, without its searches."""

        section: Any = None

        def add_paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
            body = self.subdocx._body
            element = body._element
            p = element.makeelement(q["w:p"], {})
            section = self.section  # the body's last element: python-docx would look for it among all paragraphs
            if section is not None and section.getparent() is element:
                section.addprevious(p)
            else:
                element.append(p)
            para = Paragraph(p, body)
            if text:
                plain_run(p, text)
            if style is not None:
                style_id = para.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
                ppr = p.makeelement(q["w:pPr"], {})
                p.insert(0, ppr)
                if style_id is not None:
                    SubElement(ppr, q["w:pStyle"], {q["w:val"]: style_id})
            return para

    return Body


def new_subdoc(tpl: Any) -> Any:
    """docxtpl's ``tpl.new_subdoc()``: python-docx's blank document is read once per process and copied."""
    from copy import deepcopy

    from docx.document import Document

    if not _BLANK:
        import docx

        _BLANK.append(docx.Document().element)
    body = _body_class()
    sd = body.__new__(body)
    sd.tpl, sd.docx = tpl, tpl.get_docx()
    sd.subdocx = Document(deepcopy(_BLANK[0]), sd.docx.part)
    sd.section = sd.subdocx.element.body.sectPr
    return sd


def plain_run(parent: Any, text: str) -> Any:
    """A run of ``text`` appended to a paragraph or link, as python-docx's ``add_run(text)`` writes it."""
    from lxml.etree import SubElement  # type: ignore[import-untyped]

    q = _names()
    r = SubElement(parent, q["w:r"])
    if not text:
        return r  # python-docx's add_run("") is an empty run
    if "\t" in text or "\n" in text or "\r" in text:  # python-docx's <w:tab/> and <w:br/>: its own code
        from docx.text.run import Run

        Run(r, None).text = text  # type: ignore[arg-type]
        return r
    t = SubElement(r, q["w:t"])
    t.text = text
    if len(text.strip()) < len(text):
        t.set(q["xml:space"], "preserve")
    return r


def unhyphenated_run(parent: Any, text: str) -> Any:
    """A run in no language, never hyphenated (an abbreviation, an address)."""
    from lxml.etree import SubElement  # type: ignore[import-untyped]

    q = _names()
    r = SubElement(parent, q["w:r"])
    rpr = SubElement(r, q["w:rPr"])
    SubElement(rpr, q["w:noProof"])
    SubElement(rpr, q["w:lang"], {q["w:val"]: "zxx"})
    t = SubElement(r, q["w:t"], {q["xml:space"]: "preserve"})
    t.text = text
    return r
