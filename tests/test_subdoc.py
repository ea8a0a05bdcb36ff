"""The fast ways of writing a Word file write what python-docx and docxtpl's own ways write, byte for byte.

render/subdoc.py makes paragraphs and runs directly in lxml, render/templates.py takes the parts of a filled
template from python-docx's writer instead of unpacking the saved file, and the compiled parts of a Word template
come from the cache: each is compared here with the library's own way, on texts that take every branch.
"""

from __future__ import annotations

import datetime as dt

import pytest
from docxtpl import DocxTemplate
from jinja2 import Environment
from lxml import etree

from slp_agreements import resources
from slp_agreements.files.docx_package import PackageInfo, finish
from slp_agreements.library.templating import docx_environment
from slp_agreements.render import subdoc
from slp_agreements.render.templates import fill, open_template, package_parts

TEXTS = ["§ 3 Aufgaben", " führende Leerstelle", "endet mit Leerstelle ", "Tab\tdazwischen", "Zeile\neins",
         "Wagenrücklauf\rhier", "  ", "x", "Umlaute äöüß und „Anführung“ – Gedankenstrich", "\t"]  # fmt: skip
STYLES = [None, "Body Text", "Heading 1", "Title", "Quote", "List Paragraph", "Normal"]
AGREEMENT = resources.templates_dir() / "agreement.docx"


def _body_xml(sd) -> bytes:
    return etree.tostring(sd.subdocx.element.body)


@pytest.mark.parametrize("style", STYLES)
def test_add_paragraph_writes_what_python_docx_writes(style) -> None:
    ours, theirs = subdoc.new_subdoc(open_template(AGREEMENT)), open_template(AGREEMENT).new_subdoc()
    for text in ["", *TEXTS]:
        ours.add_paragraph(text, style=style)
        theirs.add_paragraph(text, style=style)
    assert _body_xml(ours) == _body_xml(theirs)
    assert str(ours) == str(theirs)  # what docxtpl places into the template


def test_a_table_after_paragraphs_lands_where_python_docx_puts_it() -> None:
    ours, theirs = subdoc.new_subdoc(open_template(AGREEMENT)), open_template(AGREEMENT).new_subdoc()
    for sd in (ours, theirs):
        sd.add_paragraph("vor der Tabelle", style="Body Text")
        sd.add_table(rows=2, cols=3)
        sd.add_paragraph("nach der Tabelle", style="Body Text")
    assert _body_xml(ours) == _body_xml(theirs)


@pytest.mark.parametrize("text", ["", *TEXTS])
def test_a_run_is_the_run_python_docx_writes(text) -> None:
    sd = open_template(AGREEMENT).new_subdoc()
    ours, theirs = sd.add_paragraph(), sd.add_paragraph()
    subdoc.plain_run(ours._p, text)
    theirs.add_run(text)
    assert etree.tostring(ours._p) == etree.tostring(theirs._p)


def test_an_unhyphenated_run_has_no_language_and_keeps_its_spaces() -> None:
    sd = open_template(AGREEMENT).new_subdoc()
    para = sd.add_paragraph()
    subdoc.unhyphenated_run(para._p, "NKomZG")
    xml = etree.tostring(para._p).decode()
    assert '<w:noProof/><w:lang w:val="zxx"/>' in xml
    assert '<w:t xml:space="preserve">NKomZG</w:t>' in xml


def _filled() -> DocxTemplate:
    tpl = open_template(AGREEMENT)
    sd = subdoc.new_subdoc(tpl)
    sd.add_paragraph("Vereinbarung", style="Title")
    sd.add_paragraph("§ 1 Gegenstand", style="Heading 1")
    context = {"body": sd, "header_text": "Kopf", "draft_mark": "ENTWURF", "watermark": "Entwurf",
               "footer_text": "Stand", "page_label": "Seite", "of_label": "von"}  # fmt: skip
    fill(tpl, context, AGREEMENT)
    return tpl


def test_the_parts_from_python_docx_give_the_same_file_as_saving_and_unpacking() -> None:
    import io

    info = PackageInfo("Titel", "Projekt", "Vereinbarung", "Entwurf", "de-DE", dt.date(2026, 12, 2))
    tpl = _filled()
    parts = package_parts(tpl)
    assert parts is not None
    buf = io.BytesIO()
    tpl.save(buf)
    assert finish(parts, info) == finish(buf.getvalue(), info)


def test_a_template_that_replaces_pictures_is_saved_by_docxtpl() -> None:
    tpl = _filled()
    tpl.pics_to_replace = {"bild.png": b"png"}
    assert package_parts(tpl) is None


@pytest.mark.parametrize("autoescape", [True, False])
def test_a_compiled_template_part_renders_as_jinja_compiles_it(autoescape) -> None:
    source = "<w:p><w:r><w:t>{{ header_text }} &amp; {{ draft_mark }}</w:t></w:r></w:p>{% if watermark %}W{% endif %}"
    context = {"header_text": "Kopf <b>", "draft_mark": "A & B", "watermark": "ja"}
    env = docx_environment()
    env.autoescape = autoescape
    jinja_own = Environment.from_string(env, source)  # Jinja's own from_string, without the cache
    first, again = env.from_string(source), env.from_string(source)  # compiled, then from the cache
    expected = jinja_own.render(context)
    assert first.render(context) == again.render(context) == expected
    assert ("&lt;b&gt;" in expected) is autoescape


LISTING_XML = [
    '<w:p><w:r><w:t xml:space="preserve">ohne Sonderzeichen</w:t></w:r></w:p>',
    '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Tab\there</w:t></w:r></w:p>',
    "<w:p><w:r><w:t>Zeile\nzwei</w:t></w:r><w:r><w:tab/><w:t>a\fb\ac</w:t></w:r></w:p>",
    "<w:p>\n<w:r><w:t>Umbruch nur zwischen Elementen</w:t></w:r>\n</w:p>",
]


@pytest.mark.parametrize("xml", LISTING_XML)
def test_resolve_listing_is_skipped_only_where_it_would_change_nothing(xml) -> None:
    tpl = open_template(AGREEMENT)
    assert tpl.resolve_listing(xml) == DocxTemplate.resolve_listing(tpl, xml)
