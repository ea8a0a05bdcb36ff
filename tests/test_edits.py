"""Edits made in Word or LibreOffice after generation are seen: inspect names them, diff shows them, rebuild keeps
them only when asked (--keep-edits) and says where they conflict, or discards them when told (--discard-edits)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from slp_agreements.library.loading import load_library
from tests.conftest import EXAMPLES, docx_text, output, run_cli
from tests.office import lo_jobs, needs_uno
from tests.ooxml import XSD_DIR, audit_errors, xsd_errors

NI = next(e for e in EXAMPLES if e.stem == "niedersachsen-webgis")
SENTENCE = "Der Lenkungsausschuss kann auch in einer Videokonferenz tagen."


@pytest.fixture
def contract(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The Niedersachsen contract, and § 3's clause id and number."""
    code, stdout, stderr = run_cli("build", NI, "--out", tmp_path / "v1", "--json")
    assert code == 0, stderr
    path = output(json.loads(stdout), "contract")
    _, stdout, _ = run_cli("inspect", path, "--json")
    section = next(s for s in json.loads(stdout)["sections"] if s["part"] == "body" and s["number"] == "3")
    return path, section


def _edit_with_python_docx(source: Path, target: Path) -> None:
    """Append a sentence to the first paragraph after the heading '§ 3 …', as a person in Word would."""
    import docx

    d = docx.Document(str(source))
    paragraphs = d.paragraphs
    at = next(i for i, p in enumerate(paragraphs)
              if p.style.name == "Heading 1" and p.text.replace("\u00a0", " ").startswith("§ 3 "))  # fmt: skip
    paragraphs[at + 1].add_run(" " + SENTENCE)
    d.save(str(target))


def _check_edit_is_seen(original: Path, edited: Path, section: dict[str, str], tmp_path: Path) -> None:
    """inspect, diff and rebuild (refused, --keep-edits, --discard-edits) on an edited contract."""
    code, stdout, stderr = run_cli("inspect", edited)
    assert code == 0, stderr
    assert f"§ 3 ({section['id']})" in stdout + stderr
    _, stdout, _ = run_cli("inspect", edited, "--json")
    assert [e["id"] for e in json.loads(stdout)["edited_after_generation"]] == [section["id"]]

    code, stdout, stderr = run_cli("diff", original, edited, "--json")
    assert code == 0, stderr
    changed = [s for s in json.loads(stdout)["sections"] if s["status"] != "moved"]
    assert [(s["status"], s["clause"]) for s in changed] == [("changed", section["id"])]
    assert any("{+" in p and "Videokonferenz" in p for p in changed[0]["paragraphs"])

    code, stdout, stderr = run_cli("rebuild", edited, "--out", tmp_path / "neu")
    assert code == 1
    assert f"§ 3 ({section['id']})" in stderr and "--keep-edits" in stderr and "--discard-edits" in stderr
    assert not (tmp_path / "neu").exists(), "nothing is written when rebuild stops"

    code, stdout, stderr = run_cli("rebuild", edited, "--out", tmp_path / "behalten", "--keep-edits", "--json")
    assert code == 0, stderr
    result = json.loads(stdout)
    assert result["kept_edits"] == [f"§ 3 ({section['id']})"] and result["conflicts"] == []
    kept = output(result, "contract")
    assert SENTENCE in docx_text(kept)
    assert audit_errors(kept) == [], "the kept text is valid OOXML, even as another program saved it"
    if (XSD_DIR / "wml.xsd").is_file():
        assert xsd_errors(kept) == []
    _, stdout, _ = run_cli("inspect", kept, "--json")
    assert [e["id"] for e in json.loads(stdout)["edited_after_generation"]] == [section["id"]], "still an edit"

    code, stdout, stderr = run_cli("rebuild", edited, "--out", tmp_path / "verworfen", "--discard-edits", "--json")
    assert code == 0, stderr
    discarded = output(json.loads(stdout), "contract")
    assert SENTENCE not in docx_text(discarded)
    assert discarded.read_bytes() == original.read_bytes(), "discarding gives the generated contract again"


def test_an_edit_made_with_python_docx_is_seen_by_inspect_diff_and_rebuild(contract, tmp_path) -> None:
    original, section = contract
    edited = tmp_path / "bearbeitet.docx"
    _edit_with_python_docx(original, edited)
    _check_edit_is_seen(original, edited, section, tmp_path)


@needs_uno
def test_an_edit_made_with_libreoffice_is_seen_by_inspect_diff_and_rebuild(contract, tmp_path) -> None:
    original, section = contract
    edited = tmp_path / "libreoffice.docx"
    lo_jobs(["edit", original, edited, "§ 3", SENTENCE])
    _check_edit_is_seen(original, edited, section, tmp_path)


@needs_uno
def test_a_contract_saved_again_by_libreoffice_without_changes_has_no_edits(built, tmp_path) -> None:
    jobs = []
    for (stem, lang), result in sorted(built.items()):
        jobs.append(["save", output(result, "contract"), tmp_path / f"{stem}-{lang}.docx"])
    lo_jobs(*jobs)
    for saved in sorted(tmp_path.glob("*.docx")):
        code, stdout, stderr = run_cli("inspect", saved, "--json")
        assert code == 0, stderr
        assert json.loads(stdout)["edited_after_generation"] == [], saved.name


def test_fresh_contracts_have_no_edits(built) -> None:
    for result in built.values():
        _, stdout, _ = run_cli("inspect", output(result, "contract"), "--json")
        assert json.loads(stdout)["edited_after_generation"] == []


def test_keep_edits_reports_a_conflict_where_the_clause_changed_too(contract, tmp_path) -> None:
    original, section = contract
    edited = tmp_path / "bearbeitet.docx"
    _edit_with_python_docx(original, edited)
    loaded = load_library().clauses[section["id"]]
    data = yaml.safe_load(loaded.file.read_text(encoding="utf-8"))
    data["overrides"] = section["id"]
    data["version"] = loaded.clause.version + 1
    data["text"]["de"] = data["text"]["de"].rstrip() + " Die Geschäftsordnung regelt das Nähere.\n"
    (tmp_path / "eigene").mkdir()
    (tmp_path / "eigene" / "geaendert.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, _, stderr = run_cli("rebuild", edited, "--out", tmp_path / "neu", "--keep-edits",
                                   "--clauses", tmp_path / "eigene")  # fmt: skip
    assert code == 0, stderr
    assert f"Konflikt: § 3 ({section['id']})" in stderr
    text = docx_text(next((tmp_path / "neu").glob("*-vereinbarung.docx")))
    assert "Die Geschäftsordnung regelt das Nähere." in text and SENTENCE not in text


def test_keep_and_discard_together_is_refused(contract) -> None:
    code, _, stderr = run_cli("rebuild", contract[0], "--keep-edits", "--discard-edits")
    assert code == 1 and "schließen sich aus" in stderr


def test_a_checklist_carries_the_manifest_but_is_no_edited_contract(built) -> None:
    checklist = output(built[("niedersachsen-webgis", "de")], "checklist")
    code, stdout, stderr = run_cli("inspect", checklist)
    assert code == 0, stderr
    assert "nicht prüfbar" in stdout and "Hinweis" not in stderr
    contract = output(built[("niedersachsen-webgis", "de")], "contract")
    code, stdout, stderr = run_cli("diff", contract, checklist, "--json")
    assert code == 0, stderr
    assert json.loads(stdout)["sections"] == []


def test_an_edit_of_the_parties_on_the_title_page_is_seen_and_kept_only_when_asked(contract, tmp_path) -> None:
    import docx

    original, _ = contract
    d = docx.Document(str(original))
    party = next(p for p in d.paragraphs if "Anna Berger, Landrätin" in p.text)
    run = next(r for r in party.runs if "Landrätin" in r.text)
    run.text = run.text.replace("Landrätin", "Erste Kreisrätin")
    edited = tmp_path / "vertretung.docx"
    d.save(str(edited))

    _, stdout, _ = run_cli("inspect", edited, "--json")
    assert [e["id"] for e in json.loads(stdout)["edited_after_generation"]] == ["front"]
    code, stdout, stderr = run_cli("diff", original, edited)
    assert code == 0, stderr
    assert "Titel und Beteiligte" in stdout and "[-Landrätin-] {+Erste Kreisrätin+}" in stdout
    code, _, stderr = run_cli("rebuild", edited, "--out", tmp_path / "neu")
    assert code == 1 and "Titel und Beteiligte (front)" in stderr
    code, stdout, stderr = run_cli("rebuild", edited, "--out", tmp_path / "behalten", "--keep-edits", "--json")
    assert code == 0, stderr
    kept = output(json.loads(stdout), "contract")
    text = docx_text(kept)
    assert "vertreten durch Dr. Anna Berger, Erste Kreisrätin" in text
    assert "vertreten durch Dr. Anna Berger, Landrätin" not in text
    assert audit_errors(kept) == []
    code, stdout, stderr = run_cli("rebuild", edited, "--out", tmp_path / "verworfen", "--discard-edits", "--json")
    assert code == 0, stderr
    assert output(json.loads(stdout), "contract").read_bytes() == original.read_bytes()


def test_an_edit_of_a_signature_block_is_seen_and_kept_only_when_asked(contract, tmp_path) -> None:
    import docx

    original, _ = contract
    d = docx.Document(str(original))
    cell = next(c for t in d.tables for c in t.rows[0].cells if c.text.startswith("Für den Landkreis Heideland"))
    signer = next(p for p in cell.paragraphs if p.text.startswith("Dr. Anna Berger"))
    signer.runs[0].text = "i. V. Jonas Keller, Erster Kreisrat"
    edited = tmp_path / "unterschrift.docx"
    d.save(str(edited))

    _, stdout, _ = run_cli("inspect", edited, "--json")
    assert [e["id"] for e in json.loads(stdout)["edited_after_generation"]] == ["signatures"]
    code, stdout, stderr = run_cli("diff", original, edited)
    assert code == 0, stderr
    assert "Unterschriften" in stdout and "{+i. V. Jonas Keller, Erster Kreisrat,+}" in stdout
    code, _, stderr = run_cli("rebuild", edited, "--out", tmp_path / "neu")
    assert code == 1 and "Unterschriften (signatures)" in stderr
    code, stdout, stderr = run_cli("rebuild", edited, "--out", tmp_path / "behalten", "--keep-edits", "--json")
    assert code == 0, stderr
    kept = output(json.loads(stdout), "contract")
    assert "i. V. Jonas Keller, Erster Kreisrat" in docx_text(kept)
    assert audit_errors(kept) == []
