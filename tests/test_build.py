"""Building the examples: a complete agreement and a real checklist for every scenario and language."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import EXAMPLES, docx_paragraphs, docx_text, output, run_cli

CASES = [(e.stem, lang) for e in EXAMPLES for lang in ("de", "en")]


def test_there_are_at_least_three_examples() -> None:
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize(("stem", "lang"), CASES)
def test_build_json_names_contract_checklist_and_manifest(built, stem, lang) -> None:
    result = built[(stem, lang)]
    kinds = sorted({f["kind"] for f in result["files"]})
    papers = ["notes", "resolution"] if stem != "bayern-absichtserklaerung" else ["notes"]
    assert kinds == sorted(["checklist", "contract", "manifest", *papers])
    assert result["clauses"], "no clause selected"
    assert isinstance(result["warnings"], list)


@pytest.mark.parametrize(("stem", "lang"), CASES)
def test_contract_is_complete_and_holds_every_party_exactly(built, stem, lang) -> None:
    answers = yaml.safe_load((EXAMPLES[0].parent / f"{stem}.yaml").read_text(encoding="utf-8"))
    text = docx_text(output(built[(stem, lang)], "contract"))
    heading = "§ 1 " if lang == "de" else "Section 1 "
    assert heading in text
    for party in answers["parties"]:
        assert party["name"] in text
    for leftover in ("{{", "}}", "{%", "%}", "None", "[…]", "XY"):
        assert leftover not in text, f"{leftover!r} in the contract"


@pytest.mark.parametrize(("stem", "lang"), CASES)
def test_every_section_has_text(built, stem, lang) -> None:
    paragraphs = docx_paragraphs(output(built[(stem, lang)], "contract"))
    word = "§ " if lang == "de" else "Section "
    headings = [i for i, (style, text) in enumerate(paragraphs) if style == "Heading 1" and text.startswith(word)]
    assert headings
    for i in headings:
        following = paragraphs[i + 1] if i + 1 < len(paragraphs) else ("", "")
        assert following[0] in ("Body Text", "List Paragraph") and following[1].strip(), paragraphs[i][1]


@pytest.mark.parametrize(("stem", "lang"), CASES)
def test_sections_are_numbered_without_gaps(built, stem, lang) -> None:
    paragraphs = docx_paragraphs(output(built[(stem, lang)], "contract"))
    word = "§" if lang == "de" else "Section"
    numbers = [int(m.group(1)) for s, t in paragraphs if s == "Heading 1" if (m := re.match(rf"{word} (\d+) ", t))]
    assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.parametrize(("stem", "lang"), CASES)
def test_checklist_holds_real_steps_with_roles(built, stem, lang) -> None:
    text = docx_text(output(built[(stem, lang)], "checklist"))
    assert text.count("☐") >= 3
    assert "{{" not in text and "None" not in text


def test_contract_carries_draft_mark_and_review_notice(built) -> None:
    import docx

    path = output(built[("niedersachsen-webgis", "de")], "contract")
    d = docx.Document(str(path))
    header = "\n".join(p.text for p in d.sections[0].header.paragraphs)
    assert "ENTWURF" in header
    assert "Rechtsamt" in docx_text(path)


def test_english_document_says_german_is_authoritative(built) -> None:
    text = docx_text(output(built[("nrw-wohnungsmarkt", "en")], "contract"))
    assert "Only the German version is authoritative" in text


def test_dates_and_amounts_are_written_the_german_way(built) -> None:
    text = docx_text(output(built[("niedersachsen-webgis", "de")], "contract"))
    assert "1. Januar 2027" in text


def test_signature_block_for_every_party_with_seal_for_public_bodies(built) -> None:
    text = docx_text(output(built[("niedersachsen-webgis", "de")], "contract"))
    assert text.count("Ort, Datum") == 4
    assert text.count("(Dienstsiegel)") == 4


def test_build_refuses_to_overwrite_without_force(tmp_path) -> None:
    example = EXAMPLES[0]
    assert run_cli("build", example, "--out", tmp_path)[0] == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    code, _, err = run_cli("build", example, "--out", tmp_path)
    assert code == 1
    assert "--force" in err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    assert run_cli("build", example, "--out", tmp_path, "--force")[0] == 0
