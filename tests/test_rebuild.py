"""`rebuild`: a contract regenerated from its embedded answers with today's library, with a report per §."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from slp_agreements.library.loading import load_library
from tests.conftest import ROOT, docx_text, output, run_cli

NRW = ROOT / "examples" / "nrw-wohnungsmarkt.yaml"


@pytest.fixture
def contract(tmp_path) -> Path:
    """The NRW example built with the shipped library."""
    code, stdout, stderr = run_cli("build", NRW, "--out", tmp_path / "v1", "--json")
    assert code == 0, stderr
    return output(json.loads(stdout), "contract")


def _overlay_changing_one_clause(folder: Path, contract: Path) -> tuple[str, int]:
    """An overlay folder in which one § of the contract has a new sentence and a new version."""
    _, stdout, _ = run_cli("inspect", contract, "--json")
    body = [c for c in json.loads(stdout)["clauses"] if c["part"] == "body"]
    target = body[len(body) // 2]["id"]
    loaded = load_library().clauses[target]
    data = yaml.safe_load(loaded.file.read_text(encoding="utf-8"))
    data["overrides"] = target
    data["version"] = loaded.clause.version + 1
    data["text"]["de"] = data["text"]["de"].rstrip() + " Dies gilt auch für Nachträge.\n"
    folder.mkdir()
    (folder / "geaendert.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target, loaded.clause.version


def _rebuild(*args: str | Path) -> dict[str, object]:
    code, stdout, stderr = run_cli("rebuild", *args, "--json")
    assert code == 0, stderr
    result = json.loads(stdout)
    assert isinstance(result, dict)
    return result


def test_rebuild_with_an_unchanged_library_reports_nothing_and_gives_the_same_bytes(contract, tmp_path) -> None:
    result = _rebuild(contract, "--out", tmp_path / "v2")
    changes = result["changes"]
    assert [s for s in changes["sections"] if s["status"] != "moved"] == []
    assert changes["clause_versions"] == []
    assert output(result, "contract").read_bytes() == contract.read_bytes()


def test_after_one_clause_changed_rebuild_reports_exactly_that_section(contract, tmp_path) -> None:
    target, version = _overlay_changing_one_clause(tmp_path / "eigene", contract)
    result = _rebuild(contract, "--out", tmp_path / "v2", "--clauses", tmp_path / "eigene")
    sections = result["changes"]["sections"]
    assert [(s["status"], s["clause"]) for s in sections] == [("changed", target)]
    assert (sections[0]["old_version"], sections[0]["new_version"]) == (version, version + 1)
    assert any("{+Dies gilt auch für Nachträge.+}" in p for p in sections[0]["paragraphs"])
    assert result["changes"]["clause_versions"] == [
        {"clause": target, "old": version, "new": version + 1, "content_changed": True}
    ]
    assert "Dies gilt auch für Nachträge." in docx_text(output(result, "contract"))


def test_rebuild_prints_the_change_and_writes_a_report(contract, tmp_path) -> None:
    target, _ = _overlay_changing_one_clause(tmp_path / "eigene", contract)
    report = tmp_path / "aenderungen.md"
    code, stdout, stderr = run_cli(
        "rebuild", contract, "--out", tmp_path / "v2", "--clauses", tmp_path / "eigene", "--report", report
    )
    assert code == 0, stderr
    assert "Geändert: § " in stdout and target in stdout
    assert "**Dies gilt auch für Nachträge.**" in report.read_text(encoding="utf-8")


def test_rebuild_warns_when_the_contract_was_made_with_own_clause_folders(contract, tmp_path) -> None:
    _overlay_changing_one_clause(tmp_path / "eigene", contract)
    code, stdout, stderr = run_cli("build", NRW, "--out", tmp_path / "mit", "--clauses", tmp_path / "eigene", "--json")
    assert code == 0, stderr
    result = _rebuild(output(json.loads(stdout), "contract"), "--out", tmp_path / "ohne")
    assert any("eigene" in w and "--clauses" in w for w in result["warnings"])


def test_rebuild_does_not_overwrite_without_force(contract, tmp_path) -> None:
    assert run_cli("rebuild", contract, "--out", tmp_path / "v2")[0] == 0
    code, _, stderr = run_cli("rebuild", contract, "--out", tmp_path / "v2")
    assert code == 1
    assert "--force" in stderr
    assert run_cli("rebuild", contract, "--out", tmp_path / "v2", "--force")[0] == 0


def test_rebuild_writes_next_to_the_contract_into_a_folder_of_its_own_by_default(contract) -> None:
    code, _, stderr = run_cli("rebuild", contract)
    assert code == 0, stderr
    assert (contract.parent / "aktualisiert" / contract.name).is_file()


def test_rebuild_of_a_foreign_file_fails_with_one_message(tmp_path) -> None:
    path = tmp_path / "notiz.docx"
    path.write_text("keine Word-Datei", encoding="utf-8")
    code, stdout, stderr = run_cli("rebuild", path)
    assert code == 1
    assert "keine Word-Datei" in stderr and "Traceback" not in stderr + stdout
