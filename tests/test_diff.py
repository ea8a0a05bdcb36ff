"""`diff OLD NEW`: added, removed and changed §§ matched by clause id, with a word-level diff."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from slp_agreements.build.compare import compare, word_diff
from slp_agreements.model.document import Run
from slp_agreements.model.manifest import Manifest
from tests.conftest import NOT_A_DOCUMENT, ROOT, docx_paragraphs, output, run_cli

NRW = ROOT / "examples" / "nrw-wohnungsmarkt.yaml"


@pytest.fixture
def variant(tmp_path) -> Path:
    """The NRW example with the lead party bearing all costs and no joining of further members."""
    data = yaml.safe_load(NRW.read_text(encoding="utf-8"))
    data["costs"]["model"] = "lead"
    data["joining"]["allowed"] = False
    data["indicators_file"] = str(NRW.parent / data["indicators_file"])
    path = tmp_path / "nrw-variante.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _build(answers: Path, out: Path) -> dict[str, Any]:
    code, stdout, stderr = run_cli("build", answers, "--out", out, "--json")
    assert code == 0, stderr
    result: dict[str, Any] = json.loads(stdout)
    return result


def _diff(*args: str | Path) -> dict[str, Any]:
    code, stdout, stderr = run_cli("diff", *args, "--json")
    assert code == 0, stderr
    result: dict[str, Any] = json.loads(stdout)
    return result


def _differing(report: dict[str, Any]) -> set[str]:
    return {s["clause"] for s in report["sections"] if s["status"] != "moved"}


def _number_blind_sections(manifest_json: Path) -> dict[str, str]:
    """Clause id -> title and text with every § and annex number blanked (independent of compare.py)."""
    sections = json.loads(manifest_json.read_text(encoding="utf-8"))["sections"]
    blind = {}
    for s in sections:
        text = "\n".join([s["title"], *s["text"]])
        blind[s["id"]] = re.sub(r"(§|Anlage) \d+", r"\1 #", text)
    return blind


def test_diff_of_two_example_variants_lists_exactly_the_sections_that_differ(variant, tmp_path) -> None:
    old = _number_blind_sections(output(_build(NRW, tmp_path / "alt"), "manifest"))
    new = _number_blind_sections(output(_build(variant, tmp_path / "neu"), "manifest"))
    expected = {cid for cid in old.keys() | new.keys() if old.get(cid) != new.get(cid)}
    report = _diff(NRW, variant)
    assert _differing(report) == expected
    assert {"coop.costs", "coop.joining"} <= expected
    statuses = {s["clause"]: s["status"] for s in report["sections"]}
    assert statuses["coop.joining"] == "removed"
    assert statuses["coop.costs"] == "changed"
    # Removing a § renumbers the ones after it; they are reported as moved, not as changed.
    assert "moved" in statuses.values()
    assert len(expected) < len(old) // 3


def test_diff_of_docx_files_uses_the_texts_they_carry(variant, tmp_path) -> None:
    old = output(_build(NRW, tmp_path / "alt"), "contract")
    new = output(_build(variant, tmp_path / "neu"), "contract")
    assert _diff(old, new)["sections"] == _diff(NRW, variant)["sections"]
    mixed = _diff(old, variant)
    assert _differing(mixed) == _differing(_diff(NRW, variant))


def test_diff_names_the_changed_answers(variant) -> None:
    answers = {a["field"]: (a["old"], a["new"]) for a in _diff(NRW, variant)["answers"]}
    assert answers == {"costs.model": ("equal", "lead"), "joining.allowed": ("ja", "nein")}


def test_a_contract_and_its_own_answers_file_do_not_differ(tmp_path) -> None:
    contract = output(_build(NRW, tmp_path), "contract")
    report = _diff(contract, NRW)
    assert report["sections"] == [] and report["answers"] == [] and report["clause_versions"] == []


def test_diff_prints_the_report_and_writes_markdown(variant, tmp_path) -> None:
    report = tmp_path / "bericht.md"
    code, stdout, stderr = run_cli("diff", NRW, variant, "--out", report)
    assert code == 0, stderr
    assert "Entfallen: § " in stdout and "coop.joining" in stdout
    md = report.read_text(encoding="utf-8")
    assert "## Entfallen: § " in md and "## Geändert: § " in md
    assert "~~" in md and "**" in md


def test_diff_writes_a_word_report_for_the_councils(variant, tmp_path) -> None:
    report = tmp_path / "bericht.docx"
    assert run_cli("diff", NRW, variant, "--out", report)[0] == 0
    paragraphs = docx_paragraphs(report)
    assert paragraphs[0] == ("Title", "Änderungsbericht")
    assert any(style == "Heading 1" and text.startswith("Entfallen: § ") for style, text in paragraphs)
    assert not [text for style, text in paragraphs if style == "Heading 2"], "below the title, level 1 comes first"


def test_diff_report_refuses_to_overwrite_and_unknown_formats(variant, tmp_path) -> None:
    report = tmp_path / "bericht.md"
    report.write_text("alt", encoding="utf-8")
    code, _, stderr = run_cli("diff", NRW, variant, "--out", report)
    assert code == 1 and "--force" in stderr
    assert report.read_text(encoding="utf-8") == "alt"
    code, _, stderr = run_cli("diff", NRW, variant, "--out", tmp_path / "bericht.txt")
    assert code == 1 and ".md" in stderr


def test_word_diff_marks_removed_and_added_words() -> None:
    assert word_diff("die Kosten tragen alle zu gleichen Teilen", "die Kosten trägt die Stadt allein") == [
        Run("die Kosten"),
        Run("tragen alle zu gleichen Teilen", "del"),
        Run("trägt die Stadt allein", "ins"),
    ]


def _side(*sections: tuple[str, str, list[str]]) -> Manifest:
    return Manifest.model_validate(
        {
            "language": "de",
            "sections": [{"id": i, "part": "body", "number": n, "title": i, "text": t} for i, n, t in sections],
            "clauses": [{"id": i, "version": 1, "sha256": i} for i, _, _ in sections],
        }
    )


def test_a_removed_section_renumbers_the_rest_without_changing_them() -> None:
    old = _side(
        ("x.a", "1", ["Es gilt § 3 DSG NRW; Einzelheiten regelt § 3."]),
        ("x.b", "2", ["Beitritt."]),
        ("x.c", "3", ["Kündigung."]),
    )
    new = _side(("x.a", "1", ["Es gilt § 3 DSG NRW; Einzelheiten regelt § 2."]), ("x.c", "2", ["Kündigung."]))
    report = compare(old, new, "alt", "neu")
    assert [(c.clause_id, c.status) for c in report.changes] == [("x.a", "moved"), ("x.b", "removed"), ("x.c", "moved")]
    assert [c.clause_id for c in report.differing] == ["x.b"]


def test_a_reference_to_another_section_is_a_change() -> None:
    old = _side(("x.a", "1", ["Einzelheiten regelt § 2."]), ("x.b", "2", ["B."]), ("x.c", "3", ["C."]))
    new = _side(("x.a", "1", ["Einzelheiten regelt § 3."]), ("x.b", "2", ["B."]), ("x.c", "3", ["C."]))
    assert [(c.clause_id, c.status) for c in compare(old, new, "alt", "neu").changes] == [("x.a", "changed")]


@pytest.mark.parametrize("name", ["vertrag.pdf", "fehlt.yaml", "kaputt.docx"])
def test_diff_of_a_file_that_is_neither_answers_nor_a_contract_fails_with_one_message(tmp_path, name) -> None:
    path = tmp_path / NOT_A_DOCUMENT / name  # deliberately broken: the word-processor check leaves it out
    path.parent.mkdir()
    if name != "fehlt.yaml":
        path.write_bytes(b"%PDF-1.4 kein Vertrag")
    code, stdout, stderr = run_cli("diff", path, NRW)
    assert code == 1
    assert stderr.startswith("Fehler: ") and name in stderr
    assert "Traceback" not in stdout + stderr


GERMAN_FRAME = ["Änderungsbericht", "Vorher", "Nachher", "Abschnitte", "Legende", "Geänderte Angaben", "Hinzugefügt",
                "Entfallen", "Geändert", "neu nummeriert", "Klauselversionen", "Erzeugt mit", "Titel und Parteien",
                ": ja", ": nein"]  # fmt: skip


def test_the_report_on_english_contracts_is_english_throughout(tmp_path, variant) -> None:
    old = tmp_path / "alt"
    code, _, stderr = run_cli("build", NRW, "--out", old, "--lang", "en")
    assert code == 0, stderr
    contract = next(old.glob("*-agreement.docx"))
    for report in ("bericht.md", "bericht.docx"):
        code, stdout, stderr = run_cli("diff", contract, variant, "--out", tmp_path / report)
        assert code == 0, stderr
        assert "Change report" in stdout and "Before:" in stdout and "Sections:" in stdout
        assert not [w for w in GERMAN_FRAME if w in stdout.replace(str(tmp_path), "")]
    markdown = (tmp_path / "bericht.md").read_text(encoding="utf-8")
    assert "Made with slp-agreements" in markdown
    assert not [w for w in GERMAN_FRAME if w in markdown.replace(str(tmp_path), "")]
    word = "\n".join(text for _, text in docx_paragraphs(tmp_path / "bericht.docx"))
    assert "Change report" in word and "Changed:" in word
    with zipfile.ZipFile(tmp_path / "bericht.docx") as z:
        footers = "".join(z.read(n).decode() for n in z.namelist() if re.fullmatch(r"word/footer\d*\.xml", n))
    assert "Page" in footers and "Seite" not in footers


def test_a_section_that_keeps_its_number_is_not_listed_as_renumbered_to_itself() -> None:
    from slp_agreements.render.report import blocks

    old = _side(("x.a", "1", ["Einzelheiten regelt § 3."]), ("x.b", "2", ["Beitritt."]), ("x.c", "3", ["C."]))
    new = _side(("x.a", "1", ["Einzelheiten regelt § 2."]), ("x.c", "2", ["C."]))
    lines = [" ".join(r.text for r in b.runs) for b in blocks(compare(old, new, "alt", "neu"))]
    assert "§ 1 x.a (x.a): Nummer unverändert, nur Verweise der neuen Nummerierung angepasst" in lines
    assert "§ 3 → § 2 x.c (x.c)" in lines
    assert not any("§ 1 → § 1" in line for line in lines)


def test_changed_answers_read_as_in_the_review_with_german_numbers_and_dates(tmp_path) -> None:
    data = yaml.safe_load(NRW.read_text(encoding="utf-8"))
    data["indicators_file"] = str(NRW.parent / data["indicators_file"])
    data["costs"] = {"model": "equal", "annual_budget": 30000.0}
    data["term"]["start"] = "2027-04-01"
    data["joining"]["allowed"] = True
    old = tmp_path / "alt.yaml"
    old.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    data["costs"] = {"model": "lead", "annual_budget": 99000}
    data["term"]["start"] = "2027-03-01"
    data["parties"][1]["address"]["postcode"] = "44789"
    data["joining"]["allowed"] = False
    new = tmp_path / "neu.yaml"
    new.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    code, out, err = run_cli("diff", old, new, "--out", tmp_path / "bericht.md")
    assert code == 0, err
    report = (tmp_path / "bericht.md").read_text(encoding="utf-8").replace("\xa0", " ")
    old_postcode = yaml.safe_load(NRW.read_text(encoding="utf-8"))["parties"][1]["address"]["postcode"]
    party = data["parties"][1]["name"]
    assert "- Jährlicher Kostenrahmen: ~~30.000,00 €~~ **99.000,00 €**" in report
    assert "- Kostenverteilung: ~~Zu gleichen Teilen~~ **Der federführende Beteiligte trägt die Kosten**" in report
    assert "- Beginn: ~~01.04.2027~~ **01.03.2027**" in report
    assert f"- Beteiligter 2 ({party}): Anschrift (PLZ): ~~{old_postcode}~~ **44789**" in report
    assert "- Beitritt: ~~ja~~ **nein**" in report
    for internal in ("costs.", "term.start", "parties[", "annual_budget", "30000.0", "True", "False"):
        assert internal not in report and internal not in out, internal
    # --json keeps the field paths and stored values, for scripts
    fields = {a["field"] for a in _diff(old, new)["answers"]}
    assert {"costs.annual_budget", "costs.model", "term.start", "parties[1].address.postcode"} <= fields
