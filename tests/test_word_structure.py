"""What a legal office sees in Word and what pandoc and screen readers see: structure, typography, navigation.

Non-breaking spaces after §, Art., Abs., Nr., S., lit. and between number and unit; hyphenation on, in the document's
language; one heading level for §§, preamble, signatures and annexes; real lists; a bookmark on every heading and
links for the references; a table of contents in long agreements; a truthful app.xml.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree

from slp_agreements.files.manifest_file import read_manifest
from slp_agreements.model.document import anchor
from slp_agreements.render.typography import NBSP, typeset
from tests.conftest import EXAMPLES, ROOT, docx_paragraphs, output, run_cli

NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
W = "{" + NS["w"] + "}"
NI = next(e for e in EXAMPLES if e.stem == "niedersachsen-webgis")


def _part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def _body_text(path: Path) -> str:
    return "".join(_part(path, "word/document.xml").xpath("//w:body//w:t/text()", namespaces=NS))


@pytest.mark.parametrize(
    ("plain", "typeset_"),
    [
        ("nach § 13 Abs. 2 Satz 1 NKomZG", f"nach §{NBSP}13 Abs.{NBSP}2 Satz{NBSP}1 NKomZG"),
        ("Art. 28 Abs. 3 lit. a DSGVO", f"Art.{NBSP}28 Abs.{NBSP}3 lit.{NBSP}a DSGVO"),
        ("Nr. 5 und S. 3", f"Nr.{NBSP}5 und S.{NBSP}3"),
        ("binnen 30 Tagen, 5 % und 1.200 EUR", f"binnen 30{NBSP}Tagen, 5{NBSP}% und 1.200{NBSP}EUR"),
        ("Section 5 and Annex 2 within 3 months", f"Section{NBSP}5 and Annex{NBSP}2 within 3{NBSP}months"),
        ("am 1. Januar 2027", f"am 1.{NBSP}Januar{NBSP}2027"),
        (
            "§§ 54 ff. VwVfG, Art. 7 f. und §§ 54 et seq.",
            f"§§{NBSP}54{NBSP}ff. VwVfG, Art.{NBSP}7{NBSP}f. und §§{NBSP}54{NBSP}et{NBSP}seq.",
        ),
        ("Die Parteien sind sich einig.", "Die Parteien sind sich einig."),
    ],
)
def test_typography_keeps_what_belongs_together_on_one_line(plain, typeset_) -> None:
    assert typeset(plain) == typeset_
    assert len(typeset(plain)) == len(plain)  # only spaces change: reference offsets stay valid


def test_clause_texts_and_typed_answers_get_non_breaking_spaces(tmp_path) -> None:
    data = yaml.safe_load(NI.read_text(encoding="utf-8"))
    data["agreement"]["subject"] = "den Betrieb des Web-GIS nach § 5 Abs. 2 NKomZG für 30 Monate"
    answers = tmp_path / "ni.yaml"
    answers.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, stdout, stderr = run_cli("build", answers, "--out", tmp_path / "out", "--json")
    assert code == 0, stderr
    text = _body_text(output(json.loads(stdout), "contract"))
    assert f"nach §{NBSP}5 Abs.{NBSP}2 NKomZG für 30{NBSP}Monate" in text  # typed by the user
    assert f"Art.{NBSP}28" in text  # from the clause texts
    assert not re.search(r"(§|Art\.|Abs\.|Nr\.|lit\.) (?=[\da-z])", text), "no breakable space after them"


@pytest.mark.parametrize(("lang", "locale"), [("de", "de-DE"), ("en", "en-GB")])
def test_hyphenation_is_on_in_the_document_language_and_app_xml_is_truthful(built, lang, locale) -> None:
    for kind in ("contract", "checklist"):
        path = output(built[("niedersachsen-webgis", lang)], kind)
        styles = _part(path, "word/styles.xml")
        assert styles.xpath("//w:docDefaults//w:lang/@w:val", namespaces=NS) == [locale]
        settings = _part(path, "word/settings.xml")
        assert settings.xpath("//w:autoHyphenation", namespaces=NS)
        heading = styles.xpath("//w:style[@w:styleId='Heading1']/w:pPr", namespaces=NS)[0]
        assert heading.find(f"{W}suppressAutoHyphens") is not None, "headings are not hyphenated"
        app = _part(path, "docProps/app.xml")
        children = {el.tag.rsplit("}", 1)[-1]: el.text for el in app}
        assert children["Application"] == "slp-agreements"
        assert not {"Pages", "Words", "Characters", "Lines", "Paragraphs", "TotalTime"} & set(children)


def test_sections_preamble_signatures_and_annexes_are_one_heading_level(built) -> None:
    paragraphs = docx_paragraphs(output(built[("nrw-wohnungsmarkt", "de")], "contract"))
    level1 = [text for style, text in paragraphs if style == "Heading 1"]
    assert "Präambel" in level1 and "Unterschriften" in level1
    assert any(t.startswith("§ 1 ") for t in level1) and any(t.startswith("Anlage 1: ") for t in level1)
    annex_at = next(i for i, (s, t) in enumerate(paragraphs) if s == "Heading 1" and t.startswith("Anlage"))
    below = [t for s, t in paragraphs[annex_at:] if s == "Heading 2"]
    assert below, "indicator profiles are sub-headings of their annex"
    assert not [t for s, t in paragraphs[:annex_at] if s.startswith("Heading") and s != "Heading 1"]


def test_every_heading_has_a_bookmark_and_references_link_to_them(built) -> None:
    path = output(built[("niedersachsen-webgis", "de")], "contract")
    root = _part(path, "word/document.xml")
    marks = set(root.xpath("//w:bookmarkStart/@w:name", namespaces=NS))
    manifest = read_manifest(path)
    for s in manifest.sections[1:]:
        assert anchor(s.id) in marks, s.id
    numbers = {anchor(s.id): s.number for s in manifest.sections if s.number}
    links = root.xpath("//w:body//w:hyperlink[@w:anchor]", namespaces=NS)
    in_text = [link for link in links if not link.xpath("ancestor::w:p[.//w:fldChar]", namespaces=NS)]
    assert len(in_text) >= 10
    for link in in_text:
        target = link.get(f"{W}anchor")
        assert target in marks
        text = "".join(link.itertext()).replace(NBSP, " ")
        assert re.fullmatch(r"((§|Anlage) )?\d+", text), text  # "§§ 13 bis 19": the numbers are the links
        assert text.split()[-1] == numbers[target], (text, target)


def test_long_agreements_have_contents_after_the_parties_and_short_ones_none(built) -> None:
    long = docx_paragraphs(output(built[("niedersachsen-webgis", "de")], "contract"))
    at = long.index(("Heading 1", "Inhaltsübersicht"))
    assert long[at - 1][0] == "Quote", "after the parties and the notice, before the preamble"
    path = output(built[("niedersachsen-webgis", "de")], "contract")
    manifest = read_manifest(path)
    expected = [f"§ {s.number} {s.title}" for s in manifest.sections if s.part == "body"]
    expected += [f"Anlage {s.number} {s.title}" for s in manifest.sections if s.part == "annex"]
    entries = [t for _, t in long[at + 1 : at + 1 + len(expected)]]
    assert [re.sub(r"\t\d+$", "", e) for e in entries] == expected
    root = _part(path, "word/document.xml")
    assert len(root.xpath("//w:instrText[contains(., 'PAGEREF slp_')]", namespaces=NS)) == len(expected)
    short = docx_paragraphs(output(built[("bayern-absichtserklaerung", "de")], "contract"))
    assert ("Heading 1", "Inhaltsübersicht") not in short


def test_numbered_items_are_real_lists_restarting_at_one(built) -> None:
    path = output(built[("niedersachsen-webgis", "de")], "contract")
    root = _part(path, "word/document.xml")
    numbering = _part(path, "word/numbering.xml")
    items = root.xpath("//w:p[w:pPr/w:numPr]", namespaces=NS)
    assert len(items) > 20
    abstract = numbering.xpath("//w:abstractNum[w:name/@w:val='slp-agreements Aufzählung']", namespaces=NS)[0]
    assert abstract.xpath("w:lvl[@w:ilvl='0']/w:numFmt/@w:val", namespaces=NS) == ["decimal"]
    assert abstract.xpath("w:lvl[@w:ilvl='1']/w:numFmt/@w:val", namespaces=NS) == ["lowerLetter"]
    num_ids = {p.xpath("string(w:pPr/w:numPr/w:numId/@w:val)", namespaces=NS) for p in items}
    assert len(num_ids) > 5, "each list is its own list"
    for num_id in num_ids:
        num = numbering.xpath(f"//w:num[@w:numId='{num_id}']", namespaces=NS)[0]
        assert num.xpath("w:lvlOverride[@w:ilvl='0']/w:startOverride/@w:val", namespaces=NS) == ["1"]
    texts = ["".join(p.itertext()) for p in items]
    assert not [t for t in texts if re.match(r"\s*(\d+\.|[a-z]\))\s", t)], "the number is Word's, not typed"


def _pandoc(path: Path) -> dict[str, Any]:
    done = subprocess.run(["pandoc", "-f", "docx", "-t", "json", str(path)], capture_output=True, check=True)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc fehlt: apt-get install pandoc")
def test_pandoc_sees_the_title_the_headings_and_the_lists(built) -> None:
    doc = _pandoc(output(built[("niedersachsen-webgis", "de")], "contract"))
    title = [i["c"] for i in doc["meta"]["title"]["c"] if i["t"] == "Str"]
    assert " ".join(title).startswith("Zweckvereinbarung über das Vorhaben")
    assert "subtitle" not in doc["meta"], "'zwischen' is no subtitle"
    blocks = doc["blocks"]
    headers = [b for b in blocks if b["t"] == "Header"]
    assert {h["c"][0] for h in headers} == {1}
    assert len(headers) > 30
    assert sum(1 for b in blocks if b["t"] == "OrderedList") > 5


def test_abbreviations_and_addresses_are_never_hyphenated(built) -> None:
    root = _part(output(built[("niedersachsen-webgis", "de")], "contract"), "word/document.xml")
    runs = root.xpath("//w:body//w:r[w:t]", namespaces=NS)
    kept = [r for r in runs if r.xpath("w:rPr/w:lang[@w:val='zxx']", namespaces=NS)]
    words = {"".join(r.itertext()) for r in kept}
    assert {"NKomZG", "DSGVO"} <= words
    assert any("@" in w for w in words), "e-mail addresses in the parties' table"
    plain = ["".join(r.itertext()) for r in runs if r not in kept]
    assert not [t for t in plain if re.search(r"\bNKomZG\b|\bDSGVO\b", t)]


def _typeset_every_rule(text: str) -> str:
    """typeset without its shortcuts: every rule on every text, in the same order."""
    from slp_agreements.render import typography as t

    if " " not in text:
        return text
    for pattern in (t._BEFORE_NUMBER, t._LIT, t._NUMBER_UNIT, t._DATE, t._DATE_YEAR):
        text = pattern.sub(lambda m: m.group(1) + NBSP, text)
    text = text.replace("et seq.", f"et{NBSP}seq.")
    return t._ABBREVIATION.sub(lambda m: m.group(1) + t.NARROW_NBSP, text)


def test_the_shortcuts_of_typeset_change_no_text() -> None:
    lines = [line for path in sorted((ROOT / "clauses").rglob("*.yaml"))
             for line in path.read_text(encoding="utf-8").splitlines()]  # fmt: skip
    lines += ["lit. a und b", "Buchst. c", "point (a)", "z. B. 5 %", "i. V. m. § 3", "et seq. 4", "1. Januar 2027",
              "im Januar 2027", "Art. 28 Abs. 3 lit. a DSGVO", "u. a. m.", "Nr. 3 lit. b", "30 Tage"]  # fmt: skip
    assert len(lines) > 10_000
    assert [typeset(x) for x in lines] == [_typeset_every_rule(x) for x in lines]
