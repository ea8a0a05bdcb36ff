"""A user's Word template never reaches code: every tag of every rendered part is checked, and the values are opaque.

docxtpl hands a template the Subdoc object of the contract; its public methods save files (``subdocx.save``), render
outside the sandbox (``tpl.render``) and copy other documents in (``tpl.new_subdoc``). Each escape is tried in every
part docxtpl renders — body, header, footer, footnotes, core properties — and must end with exit code 1, one
German line naming the template, nothing written and nothing run.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from slp_agreements import resources
from slp_agreements.errors import UserError
from slp_agreements.render import templates
from tests.conftest import NOT_A_DOCUMENT, ROOT, docx_text, run_cli

BAYERN = ROOT / "examples" / "bayern-absichtserklaerung.yaml"
BUILTIN = resources.templates_dir() / "agreement.docx"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# The three escapes of the issue, and variants a curious user would try next. {marker} is a file that must not appear.
ESCAPES = {
    "subdocx-save": "{{ body.subdocx.save('{marker}') }}",
    "tpl-render": "{{ body.tpl.render({}) }}",
    "tpl-new-subdoc": "{{p body.tpl.new_subdoc('{other}') }}",
    "docx-save": "{{ body.docx.save('{marker}') }}",
    "attr-filter": "{{ (body|attr('subdocx')).save('{marker}') }}",
    "getitem": "{{ body['tpl'] }}",
    "loop": "{% for p in body.subdocx.paragraphs %}{{ p }}{% endfor %}",
    "set": "{% set t = body.tpl %}{{ t }}",
    "globals": "{{ cycler.__init__.__globals__.os.system('touch {marker}') }}",
    "string-method": "{{ header_text.__class__.__mro__ }}",
    "include": "{% include '{other}' %}",
    "macro": "{% macro m() %}x{% endmacro %}{{ m() }}",
    "filter": "{{ header_text|upper }}",
    "if-call": "{% if body.subdocx.save('{marker}') %}x{% endif %}",
}
PARTS = ["body", "header", "footer", "footnotes", "core-title", "core-comments", "core-subject"]


def _rewrite(data: bytes, change: dict[str, Callable[[bytes], bytes]], add: dict[str, bytes] | None = None) -> bytes:
    """A copy of a DOCX with some members changed and some added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(info.filename, change[info.filename](body) if info.filename in change else body)
        for name, body in (add or {}).items():
            dst.writestr(name, body)
    return out.getvalue()


def _add_rel(rels: bytes, rid: str, kind: str, target: str, external: bool = True) -> bytes:
    mode = ' TargetMode="External"' if external else ""
    rel = f'<Relationship Id="{rid}" Type="{R}/{kind}" Target="{target}"{mode}/>'
    return rels.replace(b"</Relationships>", rel.encode() + b"</Relationships>")


def _with_footnote(data: bytes, text: str) -> bytes:
    notes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">'
             f'<w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote></w:footnotes>')  # fmt: skip
    override = (
        b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'wordprocessingml.footnotes+xml"/></Types>'
    )
    return _rewrite(
        data,
        {"[Content_Types].xml": lambda b: b.replace(b"</Types>", override),
         "word/_rels/document.xml.rels": lambda b: _add_rel(b, "rId99", "footnotes", "footnotes.xml", False)},
        {"word/footnotes.xml": notes.encode()},
    )  # fmt: skip


def _paragraph(text: str, split: bool = False) -> bytes:
    """A paragraph with ``text``; ``split`` puts the second half in a run of its own, as Word often does."""
    from xml.sax.saxutils import escape

    halves = [text[: len(text) // 2], text[len(text) // 2 :]] if split else [text]
    runs = "".join(f'<w:r><w:t xml:space="preserve">{escape(h)}</w:t></w:r>' for h in halves)
    return f"<w:p>{runs}</w:p>".encode()


_CORE = {"core-title": b"dc:title", "core-comments": b"dc:description", "core-subject": b"dc:subject"}


def _template(folder: Path, part: str, text: str, name: str = "vorlage.docx", split: bool = False) -> Path:
    """The built-in template with ``text`` written into one part (changed in the zip: fast, and exactly there)."""
    from xml.sax.saxutils import escape

    data = BUILTIN.read_bytes()
    p = _paragraph(text, split)
    if part == "body":
        data = _rewrite(data, {"word/document.xml": lambda b: b.replace(b"<w:sectPr", p + b"<w:sectPr", 1)})
    elif part == "header":
        data = _rewrite(data, {"word/header1.xml": lambda b: b.replace(b"</w:hdr>", p + b"</w:hdr>")})
    elif part == "footer":
        data = _rewrite(data, {"word/footer1.xml": lambda b: b.replace(b"</w:ftr>", p + b"</w:ftr>")})
    elif part == "footnotes":
        data = _with_footnote(data, escape(text))
    else:
        tag = _CORE[part]
        value = escape(text).encode()
        empty, filled = b"<%s></%s>" % (tag, tag), b"<%s>%s</%s>" % (tag, value, tag)
        data = _rewrite(data, {"docProps/core.xml": lambda b: b.replace(empty, filled)})
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


LABELS = {"body": "Haupttext", "header": "Kopfzeile", "footer": "Fußzeile", "footnotes": "Fußnoten",
          "core-title": "Dokumenteigenschaft Titel", "core-comments": "Dokumenteigenschaft Kommentare",
          "core-subject": "Dokumenteigenschaft Thema"}  # fmt: skip


def _assert_refused(code: int, err: str, template: Path, out: Path, marker: Path) -> None:
    assert code == 1, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert template.name in lines[0] and "Traceback" not in err
    assert not out.exists()
    assert not marker.exists()


NAMED = ["subdocx-save", "tpl-render", "tpl-new-subdoc"]  # the three escapes found in the attack


@pytest.mark.parametrize("part", PARTS)
@pytest.mark.parametrize("escape", NAMED)
def test_the_named_escapes_in_every_part_end_the_build_before_anything_is_written(tmp_path, part, escape) -> None:
    marker, other = tmp_path / "pwned", tmp_path / "fremd.docx"
    other.write_bytes(BUILTIN.read_bytes())
    text = ESCAPES[escape].replace("{marker}", str(marker)).replace("{other}", str(other))
    template = _template(tmp_path / NOT_A_DOCUMENT, part, text)

    code, _, err = run_cli("build", BAYERN, "--out", tmp_path / "out", "--template", template)
    _assert_refused(code, err, template, tmp_path / "out", marker)
    assert LABELS[part] in err


# Every escape in every part; the named ones also split across two runs, as Word stores text typed in pieces.
VARIANTS = [(e, p, False) for e in ESCAPES for p in PARTS]
VARIANTS += [(e, p, True) for e in NAMED for p in PARTS if not p.startswith("core")]


@pytest.mark.parametrize(("escape", "part", "split"), VARIANTS, ids=[f"{e}-{p}{'-split' * s}" for e, p, s in VARIANTS])
def test_every_escape_in_every_part_is_refused_by_build_and_lint(tmp_path, escape, part, split) -> None:
    marker, other = tmp_path / "pwned", tmp_path / "fremd.docx"
    text = ESCAPES[escape].replace("{marker}", str(marker)).replace("{other}", str(other))
    template = _template(tmp_path / NOT_A_DOCUMENT, part, text, split=split)

    with pytest.raises(UserError) as refused:
        templates.open_template(template)
    assert LABELS[part] in refused.value.message and "\n" not in str(refused.value)
    findings = [f for f in templates.template_findings(template) if f.severity == "error"]
    assert any(LABELS[part] in f.message for f in findings), findings
    assert not marker.exists()


def test_the_message_names_part_paragraph_tag_and_what_is_allowed(tmp_path) -> None:
    template = _template(tmp_path / NOT_A_DOCUMENT, "header", "{{ body.subdocx.save('x.docx') }}")
    finding = next(f for f in templates.template_findings(template) if f.severity == "error")
    assert re.search(r"Kopfzeile \(word/header\d\.xml\), Absatz \d+: „\{\{ body\.subdocx\.save", finding.message)
    assert "ruft eine Funktion auf" in finding.message and "{{p body }}" in finding.message


def test_unknown_names_and_calls_are_both_reported(tmp_path) -> None:
    template = _template(tmp_path / NOT_A_DOCUMENT, "footer", "{{ lipsum() }} {{ firma }}")
    messages = " | ".join(f.message for f in templates.template_findings(template))
    assert "ruft eine Funktion auf" in messages
    assert "unbekannten Platzhalter {{ lipsum }}" in messages and "unbekannten Platzhalter {{ firma }}" in messages


@pytest.mark.parametrize("escape", ["subdocx-save", "tpl-new-subdoc", "tpl-render", "docx-save"])
def test_the_sandbox_refuses_even_if_the_check_were_skipped(tmp_path, monkeypatch, escape) -> None:
    # Second wall: with the check of the tags switched off, the values still offer nothing to call or read.
    marker, other = tmp_path / "pwned", tmp_path / "fremd.docx"
    other.write_bytes(BUILTIN.read_bytes())
    text = ESCAPES[escape].replace("{marker}", str(marker)).replace("{other}", str(other))
    template = _template(tmp_path / NOT_A_DOCUMENT, "body", text)
    monkeypatch.setattr(templates, "_placeholder_gaps", lambda tpl: ([], {"body"}))
    monkeypatch.setattr(templates, "_CHECKED", {})
    tpl = templates.open_template(template)
    with pytest.raises(UserError, match="Platzhalter der Word-Vorlage"):
        templates.fill(tpl, {"body": tpl.new_subdoc(), "header_text": "x"}, template)
    assert not marker.exists()


def test_the_template_gets_the_contract_as_an_opaque_value(tmp_path) -> None:
    value = templates.ContractText("<w:p/>")
    assert [a for a in dir(value) if not a.startswith("_")] == []
    assert value.__html__() == "<w:p/>"


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("{{ body }}", "innerhalb eines Absatzes"), ("{{r body }}", "innerhalb eines Absatzes"),
     ("{{ body }} Text daneben", "innerhalb eines Absatzes")],
)  # fmt: skip
def test_a_contract_placed_inside_a_paragraph_would_vanish_and_is_refused(tmp_path, tag, expected) -> None:
    import docx

    path = tmp_path / NOT_A_DOCUMENT / "vorlage.docx"
    path.parent.mkdir()
    d = docx.Document(str(BUILTIN))
    for p in d.paragraphs:
        if "body" in p.text:
            p.text = tag
    d.save(str(path))
    code, _, err = run_cli("build", BAYERN, "--out", tmp_path / "out", "--template", path)
    _assert_refused(code, err, path, tmp_path / "out", tmp_path / "pwned")
    assert expected in err


def test_the_contract_twice_or_in_a_header_is_refused(tmp_path) -> None:
    twice = _template(tmp_path / NOT_A_DOCUMENT, "body", "{{p body }}", "zweimal.docx")
    assert any("mehrmals" in f.message for f in templates.template_findings(twice))
    header = _template(tmp_path / NOT_A_DOCUMENT, "header", "{{ body }}", "kopf.docx")
    assert any("gehört nicht in diesen Teil" in f.message for f in templates.template_findings(header))


def _restyle(data: bytes, style_id: str, kind: str) -> bytes:
    def change(xml: bytes) -> bytes:
        pattern = rb'(<w:style w:type=")paragraph("[^>]*w:styleId="' + style_id.encode() + rb'")'
        changed, n = re.subn(pattern, rb"\g<1>" + kind.encode() + rb"\g<2>", xml)
        assert n == 1
        return changed

    return _rewrite(data, {"word/styles.xml": change})


def _no_sectpr(data: bytes) -> bytes:
    return _rewrite(data, {"word/document.xml": lambda b: re.sub(rb"<w:sectPr.*?</w:sectPr>", b"", b, flags=re.S)})


def _doctype(data: bytes) -> bytes:
    entity = b'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    return _rewrite(data, {"word/document.xml": lambda b: b.replace(b"?>", b"?>" + entity, 1)})


def _external(kind: str, target: str) -> Callable[[bytes], bytes]:
    return lambda data: _rewrite(data, {"word/_rels/document.xml.rels": lambda b: _add_rel(b, "rId98", kind, target)})


def _field(xml: bytes) -> Callable[[bytes], bytes]:
    paragraph = b"<w:p>" + xml + b"</w:p>"
    return lambda data: _rewrite(
        data, {"word/document.xml": lambda b: b.replace(b"<w:sectPr", paragraph + b"<w:sectPr", 1)}
    )


STRUCTURE = {
    "heading-1-character-style": (lambda d: _restyle(d, "Heading1", "character"), "keine Absatzformatvorlage"),
    "heading-2-table-style": (lambda d: _restyle(d, "Heading2", "table"), "keine Absatzformatvorlage"),
    "title-numbering-style": (lambda d: _restyle(d, "Title", "numbering"), "keine Absatzformatvorlage"),
    "no-sectpr": (_no_sectpr, "Abschnittseinstellungen"),
    "doctype-entity": (_doctype, "DOCTYPE"),
    "image-from-url": (_external("image", "http://example.org/logo.png"), "lädt etwas von außen nach"),
    "altchunk-from-url": (_external("aFChunk", "https://example.org/x.html"), "lädt etwas von außen nach"),
    "ole-link": (_external("oleObject", "file:///C:/geheim.xlsx"), "lädt etwas von außen nach"),
    "subdocument": (_external("subDocument", "file:///srv/anderer.docx"), "lädt etwas von außen nach"),
    "includepicture-field": (
        _field(
            b'<w:fldSimple w:instr=" INCLUDEPICTURE &quot;http://example.org/p.png&quot; \\d">'
            b"<w:r><w:t>Bild</w:t></w:r></w:fldSimple>"
        ),
        "Feld INCLUDEPICTURE",
    ),
    "ddeauto-field": (
        _field(
            b'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
            b" DDEAUTO c:\\windows\\system32\\cmd.exe &quot;/k calc&quot;</w:instrText></w:r>"
            b'<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        ),
        "Feld DDEAUTO",
    ),
    "includetext-field": (
        _field(b'<w:r><w:instrText>INCLUDETEXT "C:\\geheim.docx"</w:instrText></w:r>'),
        "Feld INCLUDETEXT",
    ),
}


@pytest.mark.parametrize("case", list(STRUCTURE), ids=list(STRUCTURE))
def test_a_template_without_page_setup_with_wrong_style_types_or_outside_sources_is_refused(tmp_path, case) -> None:
    change, expected = STRUCTURE[case]
    path = tmp_path / NOT_A_DOCUMENT / "vorlage.docx"
    path.parent.mkdir()
    path.write_bytes(change(BUILTIN.read_bytes()))
    code, _, err = run_cli("build", BAYERN, "--out", tmp_path / "out", "--template", path)
    _assert_refused(code, err, path, tmp_path / "out", tmp_path / "pwned")
    assert expected in err
    assert any(expected in f.message for f in templates.template_findings(path) if f.severity == "error")


def test_allowed_tags_pass_the_attached_word_template_is_stripped_and_links_stay(tmp_path) -> None:
    tmp_path = tmp_path / NOT_A_DOCUMENT  # a hand-made template: the end-of-session checks leave it out
    tmp_path.mkdir()

    def settings(xml: bytes) -> bytes:
        return re.sub(rb"(<w:settings[^>]*>)", rb'\1<w:attachedTemplate r:id="rId1"/>', xml, count=1)

    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    rels = f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}"></Relationships>'.encode()
    plain = _template(tmp_path, "footer", "{% if draft_mark %}{{ draft_mark }}{% else %}-{% endif %} {{r page_label }}")
    data = _rewrite(
        plain.read_bytes(),
        {"word/settings.xml": settings},
        {"word/_rels/settings.xml.rels": _add_rel(rels, "rId1", "attachedTemplate", "file:///S:/Vorlagen/Amt.dotx")},
    )
    data = _external("hyperlink", "https://www.heideland.de/")(data)
    path = tmp_path / "vorlage.docx"
    path.write_bytes(data)
    assert b"r:id" in zipfile.ZipFile(path).read("word/settings.xml")
    assert [f for f in templates.template_findings(path) if f.severity == "error"] == []
    code, _, err = run_cli("build", BAYERN, "--out", tmp_path / "out", "--template", path)
    assert code == 0, err
    contract = next((tmp_path / "out").glob("*-vereinbarung.docx"))
    with zipfile.ZipFile(contract) as zf:
        everything = b"".join(zf.read(n) for n in zf.namelist())
    assert b"attachedTemplate" not in everything and b"Amt.dotx" not in everything
    assert "Rechtsamt" in docx_text(contract)
    footer = zipfile.ZipFile(contract).read("word/footer1.xml").decode()
    assert "ENTWURF" in footer and "Seite" in footer and "{%" not in footer


def test_a_template_too_large_when_unpacked_is_refused_before_it_is_opened(tmp_path, monkeypatch) -> None:
    from slp_agreements.render import template_package

    monkeypatch.setattr(template_package, "MAX_UNPACKED", 100_000)  # the built-in template unpacks to 377 kB
    path = tmp_path / NOT_A_DOCUMENT / "gross.docx"
    path.parent.mkdir()
    path.write_bytes(BUILTIN.read_bytes())
    code, _, err = run_cli("build", BAYERN, "--out", tmp_path / "out", "--template", path)
    _assert_refused(code, err, path, tmp_path / "out", tmp_path / "pwned")
    assert "entpackt größer als" in err


def test_a_damaged_member_is_one_line_not_a_traceback(tmp_path) -> None:
    data = bytearray(BUILTIN.read_bytes())
    at = data.find(b"word/header1.xml")  # the local header; damage the compressed bytes that follow it
    data[at + 200 : at + 260] = b"\x00" * 60
    path = tmp_path / NOT_A_DOCUMENT / "kaputt.docx"
    path.parent.mkdir()
    path.write_bytes(bytes(data))
    code, _, err = run_cli("build", BAYERN, "--out", tmp_path / "out", "--template", path)
    _assert_refused(code, err, path, tmp_path / "out", tmp_path / "pwned")
