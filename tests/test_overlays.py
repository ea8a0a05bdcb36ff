"""Own clause folders over the built-in library: new clauses, overrides, disabling, and the worked example."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.clause_folders import write
from tests.conftest import ROOT, docx_text, output, run_cli

WORKED = ROOT / "examples" / "eigene-klauseln"
BAYERN = ROOT / "examples" / "bayern-absichtserklaerung.yaml"


def _answers(tmp_path: Path, **changes: object) -> Path:
    """A binding agreement from the Bavarian example, with changes, written into tmp_path."""
    data = yaml.safe_load(BAYERN.read_text(encoding="utf-8"))
    data["agreement"] |= {"instrument": "public_law_contract", "task_transfer": "none"}
    data["costs"] = {"model": "equal"}
    data.update(changes)
    path = tmp_path / "antworten.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _build(answers: Path, out: Path, *args: str | Path) -> tuple[int, dict[str, object] | None, str]:
    code, stdout, stderr = run_cli("build", answers, "--out", out, "--json", *args)
    return code, json.loads(stdout) if code == 0 else None, stderr


def test_worked_example_builds_and_its_own_text_appears(tmp_path) -> None:
    code, result, err = _build(WORKED / "antworten.yaml", tmp_path)
    assert code == 0, err
    assert result is not None
    text = docx_text(output(result, "contract"))
    assert "Korruptionsprävention und Interessenkonflikte" in text  # new clause
    assert "Wer an Vergaben oder Entscheidungen des Lenkungsausschusses (§ " in text
    assert "Salvatorische Klausel" in text  # override of final.severability
    assert "Unwirksamkeit einzelner Bestimmungen" not in text
    assert "Öffentlichkeitsarbeit" not in text  # disabled coop.public_relations
    assert "haus.korruptionspraevention" in result["clauses"]
    assert "coop.public_relations" not in result["clauses"]
    checklist = docx_text(output(result, "checklist"))
    assert "Ansprechperson für Korruptionsprävention bei dem Landkreis Heideland" in checklist


def test_worked_example_lints_clean() -> None:
    code, out, _ = run_cli("clauses", "lint", WORKED / "klauseln")
    assert code == 0, out


def test_new_clause_from_an_overlay_given_on_the_command_line(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(
        overlay,
        "extra.yaml",
        """\
        id: haus.extra
        order: 600
        title: {de: Hausregel, en: House rule}
        text: {de: "Es gilt die Hausregel von {{ lead_party.name }}.", en: "House rule."}
    """,
    )
    code, result, err = _build(_answers(tmp_path), tmp_path / "out", "--clauses", overlay)
    assert code == 0, err
    assert result is not None
    text = docx_text(output(result, "contract"))
    answers = yaml.safe_load(BAYERN.read_text(encoding="utf-8"))
    lead = next(p["name"] for p in answers["parties"] if p["id"] == answers["lead"])
    assert "§ 3 Hausregel" in text  # order 600: after base.subject (100) and base.press (500)
    assert f"Es gilt die Hausregel von {lead}." in text


def test_override_replaces_the_builtin_text(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(
        overlay,
        "form.yaml",
        """\
        id: base.form
        overrides: base.form
        based_on_version: 2
        order: 900
        title: {de: Schriftform, en: Written form}
        text: {de: Änderungen bedürfen der Schriftform (Hausfassung)., en: Written form (house version).}
        covers: [demo.written_form]
    """,
    )
    code, result, err = _build(_answers(tmp_path, library=["haus"]), tmp_path / "out")
    assert code == 0, err
    assert result is not None and result["warnings"] == []
    text = docx_text(output(result, "contract"))
    assert "Änderungen bedürfen der Schriftform (Hausfassung)." in text
    assert "(mitgeliefert)" not in text.replace("Pressearbeit ab (mitgeliefert)", "")


def test_build_warns_when_the_overridden_builtin_clause_moved_on(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(
        overlay,
        "form.yaml",
        """\
        id: base.form
        overrides: base.form
        based_on_version: 1
        title: {de: Schriftform, en: Written form}
        text: {de: Hausfassung., en: House version.}
        covers: [demo.written_form]
    """,
    )
    code, result, err = _build(_answers(tmp_path), tmp_path / "out", "--clauses", overlay)
    assert code == 0, err
    assert result is not None
    [warning] = result["warnings"]
    assert "Version 1" in warning and "Version 2" in warning


def test_disabling_a_clause_removes_it(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(overlay, "press.yaml", "id: base.press\ndisabled: true\n")
    code, result, err = _build(_answers(tmp_path), tmp_path / "out", "--clauses", overlay)
    assert code == 0, err
    assert result is not None and "base.press" not in result["clauses"]
    assert "Pressearbeit" not in docx_text(output(result, "contract"))


def test_disabling_the_only_clause_for_a_mandatory_element_fails_naming_it(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(overlay, "form.yaml", "id: base.form\ndisabled: true\n")
    code, _, err = _build(_answers(tmp_path), tmp_path / "out", "--clauses", overlay)
    assert code == 1
    assert "demo-set / demo.written_form" in err and "Schriftform" in err
    assert "base.form (deaktiviert)" in err
    assert not (tmp_path / "out").exists()


def test_disabling_an_unknown_clause_is_an_error(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(overlay, "x.yaml", "id: base.pres\ndisabled: true\n")
    code, _, err = _build(_answers(tmp_path), tmp_path / "out", "--clauses", overlay)
    assert code == 1
    assert "keine Klausel 'base.pres' zum Abschalten; meinten Sie 'base.press'?" in err


def test_overlays_from_the_answers_file_are_relative_to_it(builtin, tmp_path) -> None:
    write(tmp_path / "haus", "press.yaml", "id: base.press\ndisabled: true\n")
    code, result, err = _build(_answers(tmp_path, library=["haus"]), tmp_path / "out")
    assert code == 0, err
    assert result is not None and "base.press" not in result["clauses"]


def test_missing_overlay_folder_is_named(builtin, tmp_path) -> None:
    code, _, err = _build(_answers(tmp_path), tmp_path / "out", "--clauses", tmp_path / "fehlt")
    assert code == 1 and "fehlt" in err and "Klauselordner nicht gefunden" in err
