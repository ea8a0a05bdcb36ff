"""Answers files of schema version 1 keep working: migrated on load where the old legal form maps unambiguously,
refused with a German message naming the norm where it does not; `slp-agreements migrate` writes the new form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from slp_agreements.model.migration import AgreementFacts, migrate, version_of
from tests.conftest import EXAMPLES, run_cli

MANDATE = AgreementFacts("öffentlich-rechtliche Vereinbarung", "§ 24 KGG", True, "§§ 54 ff. HVwVfG")
DELEGATION_ONLY = AgreementFacts("Zweckvereinbarung", "§ 5 Abs. 1 NKomZG", False,
                                 "§ 1 Abs. 1 NVwVfG i. V. m. §§ 54 ff. VwVfG")  # fmt: skip
CITY_STATE = AgreementFacts(None, "", False, "§ 1 Abs. 1 VwVfG Bln i. V. m. §§ 54 ff. VwVfG")


def _v1(legal_form: str, land: str = "HE") -> dict:
    return {
        "schema_version": 1,
        "land": land,
        "agreement": {"kind": "cooperation", "legal_form": legal_form, "project": "P", "subject": "Der Gegenstand",
                      "purposes": ["Zweck"]},
        "lead": "lk",
        "term": {"start": "2027-01-01"},
    }  # fmt: skip


def test_a_current_file_is_left_alone() -> None:
    raw = {"schema_version": 2, "agreement": {"kind": "cooperation"}}
    result = migrate(raw, lambda land: MANDATE)
    assert result.data is raw and result.version == 2 and not result.notes


def test_a_file_without_version_but_with_a_legal_form_is_version_1() -> None:
    assert version_of({"agreement": {"legal_form": "letter_of_intent"}}) == 1
    assert version_of({"agreement": {"kind": "cooperation"}}) == 2


def test_public_law_contract_becomes_a_contract_without_transfer() -> None:
    result = migrate(_v1("public_law_contract"), lambda land: MANDATE)
    assert result.data["agreement"]["instrument"] == "public_law_contract"
    assert result.data["agreement"]["task_transfer"] == "none"
    assert "legal_form" not in result.data["agreement"] and result.data["schema_version"] == 2
    assert "task_transfer: none" in result.notes[0]


def test_letter_of_intent_stays_a_letter_of_intent() -> None:
    result = migrate(_v1("letter_of_intent"), lambda land: MANDATE)
    assert result.data["agreement"]["instrument"] == "letter_of_intent"
    assert "task_transfer" not in result.data["agreement"] and "legal_form" not in result.data["agreement"]


def test_municipal_agreement_becomes_a_mandate_where_the_land_surely_allows_one() -> None:
    result = migrate(_v1("municipal_agreement"), lambda land: MANDATE)
    assert result.data["agreement"]["instrument"] == "agreement"
    assert result.data["agreement"]["task_transfer"] == "mandate"
    assert result.data["task"] == {"name": "Der Gegenstand", "carrier": "lk", "date": "2027-01-01"}
    assert "task.category" in result.notes[0] and "task:" in result.notes[0]


def test_municipal_agreement_in_a_city_state_becomes_a_public_law_contract() -> None:
    result = migrate(_v1("municipal_agreement", "BE"), lambda land: CITY_STATE)
    agreement = result.data["agreement"]
    assert (agreement["instrument"], agreement["task_transfer"]) == ("public_law_contract", "none")
    assert "§ 1 Abs. 1 VwVfG Bln" in result.notes[0]


def test_municipal_agreement_where_the_agreement_delegates_cannot_be_decided() -> None:
    result = migrate(_v1("municipal_agreement", "NI"), lambda land: DELEGATION_ONLY)
    assert len(result.problems) == 1
    path, message = result.problems[0]
    assert path == ("agreement", "legal_form")
    assert "§ 5 Abs. 1 NKomZG" in message
    assert "agreement.task_transfer" in message and "delegation" in message
    assert "§ 1 Abs. 1 NVwVfG i. V. m. §§ 54 ff. VwVfG" in message


def test_an_unknown_old_legal_form_is_named() -> None:
    result = migrate(_v1("zweckverband"), lambda land: MANDATE)
    assert result.problems and "zweckverband" in result.problems[0][1]


def _old_example(tmp_path: Path, stem: str, legal_form: str) -> Path:
    """An example written back as a version-1 file (with its comments)."""
    source = next(e for e in EXAMPLES if e.stem == stem).read_text(encoding="utf-8")
    lines = [line for line in source.splitlines(keepends=True)
             if not line.strip().startswith(("instrument:", "task_transfer:"))]  # fmt: skip
    text = "".join(lines).replace("schema_version: 2", "schema_version: 1")
    text = text.replace("  kind:", f"  legal_form: {legal_form}\n  kind:", 1)
    data = yaml.safe_load(text)
    if "task" in data:
        start = text.index("\ntask:")
        end = text.index("\nparties:")
        text = text[:start] + text[end:]
    path = tmp_path / f"{stem}-v1.yaml"
    path.write_text(text, encoding="utf-8")
    for table in ("indicators_file", "datasets_file"):
        name = data.get(table) or (data.get("data") or {}).get(table)
        if name:
            (tmp_path / name).write_bytes((EXAMPLES[0].parent / name).read_bytes())
    return path


def test_an_old_file_builds_with_a_warning_naming_what_changed(tmp_path) -> None:
    old = _old_example(tmp_path, "nrw-wohnungsmarkt", "public_law_contract")
    code, stdout, err = run_cli("build", old, "--out", tmp_path / "out", "--json")
    assert code == 0, err
    warnings = json.loads(stdout)["warnings"]
    assert len([w for w in warnings if "Version 1" in w and "task_transfer: none" in w]) == 1  # said once


def test_migrate_writes_the_new_form_and_keeps_the_comments(tmp_path) -> None:
    old = _old_example(tmp_path, "nrw-wohnungsmarkt", "public_law_contract")
    target = tmp_path / "neu.yaml"
    code, _, err = run_cli("migrate", old, "--out", target)
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("#"), "the example's header comment is kept"
    data = yaml.safe_load(text)
    assert data["schema_version"] == 2
    assert data["agreement"]["instrument"] == "public_law_contract"
    assert "legal_form" not in data["agreement"]
    assert run_cli("build", target, "--out", tmp_path / "out")[0] == 0


def test_migrate_never_overwrites_without_force(tmp_path) -> None:
    old = _old_example(tmp_path, "nrw-wohnungsmarkt", "public_law_contract")
    before = old.read_text(encoding="utf-8")
    code, _, err = run_cli("migrate", old)
    assert code == 1 and "--force" in err
    assert old.read_text(encoding="utf-8") == before
    assert run_cli("migrate", old, "--force")[0] == 0
    assert yaml.safe_load(old.read_text(encoding="utf-8"))["schema_version"] == 2


def test_migrate_refuses_a_current_file(tmp_path) -> None:
    current = next(e for e in EXAMPLES if e.stem == "nrw-wohnungsmarkt")
    code, _, err = run_cli("migrate", current, "--out", tmp_path / "x.yaml")
    assert code == 1 and "schon schema_version 2" in err
    assert not (tmp_path / "x.yaml").exists()


def test_migrate_of_a_flow_style_file_writes_it_anew_with_a_header(tmp_path) -> None:
    old = _old_example(tmp_path, "nrw-wohnungsmarkt", "public_law_contract")
    data = yaml.safe_load(old.read_text(encoding="utf-8"))
    flow = yaml.safe_dump({**data, "agreement": data["agreement"]}, default_flow_style=True, allow_unicode=True)
    old.write_text(flow, encoding="utf-8")
    target = tmp_path / "neu.yaml"
    assert run_cli("migrate", old, "--out", target)[0] == 0
    text = target.read_text(encoding="utf-8")
    assert "Kommentare der alten Datei" in text
    assert yaml.safe_load(text)["agreement"]["task_transfer"] == "none"


@pytest.mark.parametrize("stem", ["niedersachsen-webgis"])
def test_an_undecidable_old_file_fails_with_one_message_and_exit_1(tmp_path, stem) -> None:
    old = _old_example(tmp_path, stem, "municipal_agreement")
    code, _, err = run_cli("build", old, "--out", tmp_path / "out")
    assert code == 1
    assert "agreement.legal_form" in err and "NKomZG" in err and "task_transfer" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()
    code, _, err = run_cli("migrate", old, "--out", tmp_path / "neu.yaml")
    assert code == 1 and not (tmp_path / "neu.yaml").exists()
