"""Mandatory content is checked: every applicable requirement element is covered, or the build names the gap."""

from __future__ import annotations

import json

import pytest

from tests.conftest import EXAMPLES, run_cli

NI = next(e for e in EXAMPLES if e.stem == "niedersachsen-webgis")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_coverage_matrix_shows_every_applicable_element_covered(example) -> None:
    code, stdout, stderr = run_cli("clauses", "coverage", example)
    assert code == 0, stderr
    assert "FEHLT" not in stdout


def _processing(tmp_path) -> object:
    """The Lower Saxony example with the Landkreis as the Gemeinden's processor (a mandate, not a delegation)."""
    import yaml

    data = yaml.safe_load(NI.read_text(encoding="utf-8"))
    data["agreement"]["task_transfer"] = "mandate"
    data["data"] |= {"roles": "processing", "processor": "lk-heideland"}
    path = tmp_path / "auftragsverarbeitung.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_coverage_lists_art28_elements_for_processing_on_behalf(tmp_path) -> None:
    code, stdout, _ = run_cli("clauses", "coverage", _processing(tmp_path))
    assert code == 0
    for element in ("art28.a", "art28.h", "municipal.supervision"):
        assert element in stdout


def test_disabling_the_only_clause_covering_an_element_fails_and_names_it(tmp_path) -> None:
    overlay = tmp_path / "eigene"
    overlay.mkdir()
    (overlay / "ohne-audits.yaml").write_text(
        "id: dp.processing.end_audits\noverrides: dp.processing.end_audits\ndisabled: true\n", encoding="utf-8"
    )
    code, _, stderr = run_cli("build", _processing(tmp_path), "--out", tmp_path / "out", "--clauses", overlay)
    assert code == 1
    assert "art28.h" in stderr
    assert "dp.processing.end_audits" in stderr
    assert "deaktiviert" in stderr
    assert not (tmp_path / "out").exists()


def test_clauses_list_json_has_every_clause_in_both_languages() -> None:
    code, stdout, _ = run_cli("clauses", "list", "--json")
    assert code == 0
    clauses = json.loads(stdout)
    assert len(clauses) >= 40
    for clause in clauses:
        assert clause["title"]["de"] and clause["title"]["en"], clause["id"]
        assert clause["languages"] == ["de", "en"], clause["id"]
