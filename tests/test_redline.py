"""`diff OLD NEW --redline FILE.docx`: NEW with its differences from OLD as real tracked changes.

OLD is the Niedersachsen contract; NEW is built with an overlay (tests/fixtures/redline-overlay/) that changes words
of one §, removes a sentence and adds a paragraph (coop.confidentiality v2), inserts a new § before the liability §
(which renumbers all after it) and removes a § (coop.public_relations disabled). A second NEW changes and adds a
dataset, i.e. rows of an annex table. LibreOffice checks that accepting all changes gives NEW's text and rejecting
all gives OLD's, exactly, and the renumbering is tracked apart, under the author "… (Nummerierung)".
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree

from tests.conftest import EXAMPLES, ROOT, run_cli
from tests.office import lo_jobs, needs_uno

NI = next(e for e in EXAMPLES if e.stem == "niedersachsen-webgis")
OVERLAY = ROOT / "tests" / "fixtures" / "redline-overlay"
NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
W = "{" + NS["w"] + "}"


def _contract(answers: Path, out: Path, *extra: str | Path) -> Path:
    code, _, stderr = run_cli("build", answers, "--out", out, *extra)
    assert code == 0, stderr
    return next(out.glob("*-vereinbarung.docx"))


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("redline")
    old = _contract(NI, base / "alt")
    new = _contract(NI, base / "neu", "--clauses", OVERLAY)
    data = yaml.safe_load(NI.read_text(encoding="utf-8"))
    data["data"]["datasets"][2]["description"] = "Leer stehende Wohngebäude nach Meldungen der Gemeinde"
    data["data"]["datasets"].append({**data["data"]["datasets"][0], "title": "Brachflächenkataster"})
    variant = base / "ni-datensaetze.yaml"
    variant.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    tables = _contract(variant, base / "tabellen")
    out = {"old": old, "new": new, "tables": tables}
    for name, target in (("new", "redline.docx"), ("tables", "redline-tabellen.docx")):
        code, stdout, stderr = run_cli("diff", old, out[name], "--redline", base / target, "--author", "Rechtsamt")
        assert code == 0, stderr
        assert "Änderungsverfolgung geschrieben" in stdout
        out[f"redline-{name}"] = base / target
    return out


def _document(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"))


def _revision_text(mark: etree._Element) -> str:
    return "".join(t.text or "" for t in mark.iter(f"{W}t", f"{W}delText"))


def test_every_revision_has_author_date_and_a_unique_id(versions) -> None:
    root = _document(versions["redline-new"])
    marks = root.xpath("//w:ins | //w:del", namespaces=NS)
    assert len(marks) > 20
    for m in marks:
        assert m.get(f"{W}author") in ("Rechtsamt", "Rechtsamt (Nummerierung)")
        assert m.get(f"{W}date") == "2026-11-26T00:00:00Z"  # NEW's document date: the same file every time
    ids = [m.get(f"{W}id") for m in root.xpath("//w:ins | //w:del | //w:bookmarkStart", namespaces=NS)]
    assert len(ids) == len(set(ids))
    assert not root.xpath("//w:delText[not(ancestor::w:del)]", namespaces=NS)
    assert not root.xpath("//w:del//w:t", namespaces=NS)


def test_words_are_tracked_inside_a_paragraph_and_whole_sections_as_a_whole(versions) -> None:
    root = _document(versions["redline-new"])
    content = "[@w:author='Rechtsamt']"
    # word level: a paragraph with unchanged runs and an insertion or deletion among them
    mixed = root.xpath(f"//w:p[w:r/w:t and (w:ins{content} or w:del{content})]", namespaces=NS)
    assert mixed
    # the new § comes in whole: its heading's paragraph mark is inserted
    inserted = [p for p in root.xpath(f"//w:p[w:pPr/w:rPr/w:ins{content}]", namespaces=NS)
                if "Korruptionsprävention" in "".join(p.itertext())]  # fmt: skip
    assert inserted
    # the removed § goes whole: heading and text deleted
    deleted = [p for p in root.xpath(f"//w:p[w:pPr/w:rPr/w:del{content}]", namespaces=NS)
               if "Öffentlichkeitsarbeit" in "".join(p.itertext())]  # fmt: skip
    assert deleted


def _changes(p: etree._Element) -> list[tuple[str, str, str]]:
    """A paragraph's changes as (author, ins|del, text): neighbouring marks of one author and kind are one change,
    also where a link splits them (a w:hyperlink cannot sit inside a w:del)."""
    marks = [m for m in p.iter(f"{W}ins", f"{W}del", f"{W}r") if m.getparent().tag != f"{W}rPr"]
    out: list[tuple[str, str, str]] = []
    previous = None
    for m in marks:
        if m.tag == f"{W}r":
            if m.getparent().tag not in (f"{W}ins", f"{W}del"):
                previous = None  # an unchanged run ends a change
            continue
        kind = (m.get(f"{W}author"), etree.QName(m).localname)
        if previous == kind:
            out[-1] = (*kind, out[-1][2] + _revision_text(m))
        else:
            out.append((*kind, _revision_text(m)))
        previous = kind
    return out


def test_renumbering_is_tracked_apart_and_not_as_a_content_change(versions) -> None:
    root = _document(versions["redline-new"])
    kept = root.xpath("//w:body//w:p[not(w:pPr/w:rPr/w:ins or w:pPr/w:rPr/w:del)]", namespaces=NS)
    changes = [c for p in kept for c in _changes(p)]
    numbering = [text for author, _, text in changes if author == "Rechtsamt (Nummerierung)"]
    assert len(numbering) > 10, "the §§ after the new one, their references and the contents lines are renumbered"
    for text in numbering:  # only the numbers, never a whole line of the contents
        assert re.fullmatch(r"\s*\(?\d+\)?[.:]?\s*", text), text
    moved = [text for author, _, text in changes if author == "Rechtsamt" and re.fullmatch(r"[\s\d().]*", text)]
    assert not moved, f"a number that only moved is no content change: {moved}"
    # the page numbers of the contents are computed by the word processor: no revision in a kept paragraph
    assert not root.xpath("//w:body//w:p[not(w:pPr/w:rPr/w:ins or w:pPr/w:rPr/w:del)]"
                          "//*[self::w:ins or self::w:del][.//w:fldChar]", namespaces=NS)  # fmt: skip
    liability = [p for p in kept if p.xpath(".//w:instrText[contains(., 'slp_coop_liability')]", namespaces=NS)]
    assert [_changes(p) for p in liability] == [[("Rechtsamt (Nummerierung)", "del", "23 "),
                                                 ("Rechtsamt (Nummerierung)", "ins", "24 ")]]  # fmt: skip
    # a reference to the data §§ ('§§ 6 ff.') that was deleted with its sentence is content, as one change
    assert any(a == "Rechtsamt" and k == "del" and "§§ 6 ff." in t.replace("\xa0", " ") for a, k, t in changes)


def test_changed_and_added_annex_rows_are_tracked(versions) -> None:
    root = _document(versions["redline-tables"])
    assert root.xpath("//w:tr[w:trPr/w:ins]", namespaces=NS), "the added dataset is an inserted row"
    changed = root.xpath("//w:tc//w:ins | //w:tc//w:del", namespaces=NS)
    assert any("Gewerbe" in _revision_text(m) for m in changed)


@needs_uno
def test_libreoffice_accepting_all_gives_new_and_rejecting_all_gives_old(versions, tmp_path) -> None:
    jobs: list[list[str | Path]] = []
    for name in ("old", "new", "tables"):
        jobs.append(["text", versions[name], tmp_path / f"{name}.txt"])
    for name in ("new", "tables"):
        jobs.append(["accept", versions[f"redline-{name}"], tmp_path / f"{name}-accepted.txt"])
        jobs.append(["reject", versions[f"redline-{name}"], tmp_path / f"{name}-rejected.txt"])
    lo_jobs(*jobs)

    def text(name: str) -> str:
        # The page numbers of the contents are fields: LibreOffice lays out each file and computes them anew, so
        # after rejecting all they are OLD's again although the redline keeps NEW's (untracked) field results.
        return (tmp_path / f"{name}.txt").read_text(encoding="utf-8")

    for name in ("new", "tables"):
        assert text(f"{name}-accepted") == text(name), f"accept all ≠ NEW ({name})"
        assert text(f"{name}-rejected") == text("old"), f"reject all ≠ OLD ({name})"
        assert text(name) != text("old")


def test_redline_refuses_another_format_and_an_existing_file(versions, tmp_path) -> None:
    code, _, stderr = run_cli("diff", versions["old"], versions["new"], "--redline", tmp_path / "x.pdf")
    assert code == 1 and ".docx" in stderr
    target = tmp_path / "da.docx"
    target.write_bytes(b"alt")
    code, _, stderr = run_cli("diff", versions["old"], versions["new"], "--redline", target)
    assert code == 1 and "--force" in stderr and target.read_bytes() == b"alt"


def test_redline_from_answers_files_builds_both_sides_first(tmp_path) -> None:
    code, _, stderr = run_cli("diff", NI, NI, "--redline", tmp_path / "gleich.docx")
    assert code == 0, stderr
    assert not _document(tmp_path / "gleich.docx").xpath("//w:ins | //w:del", namespaces=NS)


def _paragraph(xml: str) -> etree._Element:
    return etree.fromstring(f'<w:p xmlns:w="{NS["w"]}">{xml}</w:p>')


def _diff(old: str, new: str, old_nums: dict, new_nums: dict) -> list[tuple[str, str, str]]:
    from slp_agreements.render.redline import Context, Revisions, diff_paragraph

    ctx = Context(old_nums, new_nums, Revisions("Rechtsamt", "2026-11-26T00:00:00Z"))
    return [c for p in diff_paragraph(_paragraph(old), _paragraph(new), ctx) for c in _changes(p)]


def _text(words: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{words}</w:t></w:r>'


def _link(anchor: str, words: str) -> str:
    return f'<w:hyperlink w:anchor="{anchor}">{_text(words)}</w:hyperlink>'


def _contents_line(number: int, page: int) -> str:
    field = [
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        "<w:r><w:instrText> PAGEREF slp_coop_liability \\h </w:instrText></w:r>",
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r><w:t>{page}</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ]
    return _link("slp_coop_liability", f"§\u00a0{number} Haftung") + "<w:r><w:tab/></w:r>" + "".join(field)


RENUMBERED = ({("body", "24"): "coop.liability"}, {("body", "24"): "coop.confidentiality", ("body", "25"): "x"})


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a statute's § is no link: the same citation is no change, even where the contract's § 24 is another §
        (_text("nach § 24 NKomZG gilt stets."), _text("nach § 24 NKomZG gilt nur."),
         [("Rechtsamt", "del", "stets."), ("Rechtsamt", "ins", "nur.")]),
        # '§§ 6 ff.': the link's number is renumbering, the words around it stay
        (_text("nach den §§ ") + _link("slp_data_datasets", "6") + _text(" ff. bereitgestellt"),
         _text("nach den §§ ") + _link("slp_data_datasets", "7") + _text(" ff. bereitgestellt"),
         [("Rechtsamt (Nummerierung)", "del", "6"), ("Rechtsamt (Nummerierung)", "ins", "7")]),
        # a reference that now points to another § is a content change
        (_text("nach ") + _link("slp_coop_liability", "§ 24"), _text("nach ") + _link("slp_coop_costs", "§ 25"),
         [("Rechtsamt", "del", "24"), ("Rechtsamt", "ins", "25")]),
        # a contents line: the § number is renumbering, the page number (a field) is the word processor's
        (_contents_line(23, 18), _contents_line(24, 19),
         [("Rechtsamt (Nummerierung)", "del", "23 "), ("Rechtsamt (Nummerierung)", "ins", "24 ")]),
        (_contents_line(23, 18), _contents_line(23, 19), []),
    ],
    ids=["statute", "sections-ff", "other-target", "contents-line", "page-only"],
)  # fmt: skip
def test_numbers_are_compared_by_what_they_name(old: str, new: str, expected: list) -> None:
    assert _diff(old, new, *RENUMBERED) == expected
