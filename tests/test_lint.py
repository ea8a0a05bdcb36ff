"""`clauses lint`: one finding per kind of mistake a legal office can make, each with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from slp_agreements.library.findings import Finding
from slp_agreements.library.lint import has_errors, lint
from tests.clause_folders import write
from tests.conftest import run_cli

GOOD = """\
id: haus.extra
part: body
order: 600
when: "binding"
title: {de: Extra, en: Extra}
text:
  de: |
    Federführend ist {{ lead_party.name }}; siehe {{ ref('base.form') }}.
  en: |
    {{ lead_party.name }} takes the lead; see {{ ref('base.form') }}.
notes: {de: "Der § nennt die Federführung.", en: "The section names the lead."}
"""


def _lint(builtin: Path, overlay: Path) -> list[Finding]:
    return lint([overlay], builtin=builtin)


def _only(findings: list[Finding], code: str) -> list[Finding]:
    found = [f for f in findings if f.code == code]
    assert found, f"no '{code}' finding in {[str(f) for f in findings]}"
    return found


def test_a_good_overlay_has_no_findings(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(overlay, "extra.yaml", GOOD)
    assert _lint(builtin, overlay) == []


def test_schema_error_names_field_line_and_suggestion(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    path = write(overlay, "extra.yaml", GOOD.replace("title:", "titel:"))
    [f] = _only(_lint(builtin, overlay), "schema")
    assert f.severity == "error" and f.file == path and f.line == 5
    assert "titel" in f.message and "meinten Sie 'title'" in f.message


def test_yaml_error_names_its_line(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    path = write(overlay, "extra.yaml", "id: haus.x\ntitle: {de: a\n")
    [f] = _only(_lint(builtin, overlay), "schema")
    assert f.file == path and f.line is not None


def test_jinja_syntax_error_names_the_line_in_the_yaml_file(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    text = GOOD.replace("    Federführend ist", "    Erste Zeile.\n    Wert {{ x \n    Federführend ist")
    path = write(overlay, "extra.yaml", text)
    [f] = _only(_lint(builtin, overlay), "jinja-syntax")
    assert f.file == path
    assert f.line == 9  # 'text:' is line 6, 'de: |' line 7, the text starts on line 8
    assert "'{{' wird nicht mit '}}' geschlossen" in f.message


def test_unknown_variable_and_attribute_with_suggestion(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(overlay, "extra.yaml", GOOD.replace("lead_party.name }};", "lead_party.nmae }} {{ projekt }};"))
    messages = [f.message for f in _only(_lint(builtin, overlay), "unknown-variable")]
    assert any("'lead_party.nmae' gibt es nicht; meinten Sie 'name'?" in m for m in messages)
    assert any("'projekt' gibt es nicht" in m for m in messages)


def test_answers_fields_are_checked_against_the_answers_model(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(overlay, "extra.yaml", GOOD.replace('when: "binding"', "when: \"data.roels == 'joint'\""))
    [f] = _only(_lint(builtin, overlay), "unknown-variable")
    assert "'data.roels' gibt es nicht; meinten Sie 'roles'?" in f.message and f.line == 4


def test_variables_set_in_the_text_are_known(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    loop = (
        "{% if binding %}{% set n = parties|length %}{% for p in parties %}{{ p.name }} {{ n }}{% endfor %}{% endif %}"
    )
    write(overlay, "extra.yaml", GOOD.replace("Federführend ist", loop + " Federführend ist"))
    assert _lint(builtin, overlay) == []


def test_ref_is_not_available_in_conditions_and_checklist_steps(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    step = "checklist:\n  - id: s1\n    phase: signing\n    role: all_parties\n"
    step += "    text: {de: \"{{ ref('base.form') }}\", en: x}\n"
    write(overlay, "extra.yaml", GOOD + step)
    [f] = _only(_lint(builtin, overlay), "unknown-variable")
    assert "ref() gibt es nur im Klauseltext" in f.message


def test_unknown_cross_reference_with_suggestion(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(overlay, "extra.yaml", GOOD.replace("ref('base.form') }}.\n  en", "ref('base.from') }}.\n  en"))
    [f] = _only(_lint(builtin, overlay), "unknown-ref")
    assert f.line == 8 and "'base.from' gibt es nicht; meinten Sie 'base.form'?" in f.message


def test_annex_must_name_an_annex_and_ref_a_numbered_clause(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(overlay, "extra.yaml", GOOD.replace("ref('base.form') }}.\n  en", "annex('base.form') }}.\n  en"))
    [f] = _only(_lint(builtin, overlay), "unknown-ref")
    assert "ist keine Anlage" in f.message


def test_reference_to_a_disabled_clause(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(overlay, "extra.yaml", GOOD)
    write(overlay, "off.yaml", "id: base.form\ndisabled: true\n")
    assert any("abgeschaltet" in f.message for f in _only(_lint(builtin, overlay), "unknown-ref"))


def test_override_of_an_unknown_clause(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(overlay, "x.yaml", GOOD.replace("id: haus.extra", "id: base.fomr\noverrides: base.fomr"))
    [f] = _only(_lint(builtin, overlay), "unknown-ref")
    assert "keine Klausel 'base.fomr' zum Überschreiben; meinten Sie 'base.form'?" in f.message


def test_duplicate_id_in_one_folder(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(overlay, "a.yaml", GOOD)
    second = write(overlay, "b.yaml", GOOD)
    [f] = _only(_lint(builtin, overlay), "duplicate-id")
    assert f.file == second and "schon in" in f.message and "a.yaml" in f.message


def test_reusing_a_builtin_id_without_overrides(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(overlay, "a.yaml", GOOD.replace("id: haus.extra", "id: base.press"))
    [f] = _only(_lint(builtin, overlay), "duplicate-id")
    assert "overrides: base.press" in f.message


def test_duplicate_checklist_step_in_one_clause(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    step = "  - id: s1\n    phase: signing\n    role: all_parties\n    text: {de: Unterschreiben, en: Sign}\n"
    write(overlay, "a.yaml", GOOD + "checklist:\n" + step + step)
    _only(_lint(builtin, overlay), "duplicate-id")


def test_cycle_a_folder_layered_twice(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(overlay, "a.yaml", GOOD)
    findings = lint([overlay, overlay], builtin=builtin)
    [f] = _only(findings, "cycle")
    assert f.severity == "error" and "nur einmal" in f.message
    assert not [x for x in findings if x.code == "duplicate-id"]


def test_cycle_an_overlay_inside_the_builtin_folder(builtin) -> None:
    [f] = _only(lint([builtin / "base"], builtin=builtin), "cycle")
    assert "doppelt geladen" in f.message


def test_cycle_a_clause_referring_to_itself_is_a_warning(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(overlay, "a.yaml", GOOD.replace("ref('base.form') }}.\n  en", "ref('haus.extra') }}.\n  en"))
    [f] = _only(_lint(builtin, overlay), "cycle")
    assert f.severity == "warning"


def test_conflict_naming_an_unknown_clause(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(overlay, "a.yaml", GOOD + "conflicts: [base.pres]\n")
    [f] = _only(_lint(builtin, overlay), "conflict")
    assert "meinten Sie 'base.press'?" in f.message


def test_conflicting_clauses_with_the_same_condition_can_never_be_built(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(overlay, "a.yaml", GOOD.replace('when: "binding"\n', "") + "conflicts: [base.press]\n")
    [f] = _only(_lint(builtin, overlay), "conflict")
    assert "dieselbe Bedingung" in f.message


def test_reference_to_a_conflicting_clause(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(overlay, "a.yaml", GOOD + "conflicts: [base.form]\n")
    assert any("schließen sich aus" in f.message for f in _only(_lint(builtin, overlay), "unknown-ref"))


def test_missing_english_translation_is_a_warning_only(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    text = GOOD.replace("title: {de: Extra, en: Extra}", "title: {de: Extra}")
    write(overlay, "a.yaml", text.split("  en: |")[0] + 'notes: {de: "Erläuterung.", en: "Note."}\n')
    findings = _lint(builtin, overlay)
    assert {f.code for f in findings} == {"translation"}
    assert {f.severity for f in findings} == {"warning"}
    assert {f.message.split(":")[0] for f in findings} == {"title", "text"}
    assert not has_errors(findings)


def test_missing_german_text_is_an_error(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(overlay, "a.yaml", GOOD.replace("title: {de: Extra, en: Extra}", "title: {en: Extra}"))
    [f] = _only(_lint(builtin, overlay), "schema")
    assert "deutsche Fassung fehlt" in f.message


def test_covers_an_element_no_requirement_set_knows(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(overlay, "a.yaml", GOOD + "covers: [demo.subjekt]\n")
    [f] = _only(_lint(builtin, overlay), "unknown-element")
    assert f.line == 12 and "meinten Sie 'demo.subject'?" in f.message


@pytest.mark.parametrize("where", ["text", "when", "checklist"])
def test_internal_python_names_are_errors(builtin, tmp_path, where) -> None:
    overlay = tmp_path / "haus"
    attack = "''.__class__.__mro__[1].__subclasses__()"
    if where == "text":
        text = GOOD.replace("Federführend ist", "{{ " + attack + " }} Federführend ist")
    elif where == "when":
        text = GOOD.replace('when: "binding"', f'when: "{attack}"')
    else:
        text = (
            GOOD
            + f'checklist:\n  - id: s1\n    phase: signing\n    role: lead\n    text: {{de: "{{{{ {attack} }}}}"}}\n'
        )
    write(overlay, "a.yaml", text)
    found = _only(_lint(builtin, overlay), "internal-name")
    assert {f.severity for f in found} == {"error"}
    assert any("'__class__' ist ein interner Python-Name" in f.message for f in found)


def test_override_written_against_an_older_version_is_a_warning(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    override = GOOD.replace("id: haus.extra", "id: base.form\noverrides: base.form\nbased_on_version: 1")
    path = write(
        overlay,
        "form.yaml",
        override.replace("; siehe {{ ref('base.form') }}", "").replace("; see {{ ref('base.form') }}", ""),
    )
    [f] = _only(_lint(builtin, overlay), "outdated-override")
    assert f.severity == "warning" and f.file == path and f.line == 3
    assert "Version 1" in f.message and "Version 2" in f.message


def test_override_without_based_on_version_is_a_warning(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(overlay, "press.yaml", GOOD.replace("id: haus.extra", "id: base.press\noverrides: base.press"))
    [f] = _only(_lint(builtin, overlay), "outdated-override")
    assert "based_on_version: 1" in f.message


def test_broken_clause_file_makes_clauses_lint_exit_1_naming_file_and_line(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(overlay, "kaputt.yaml", GOOD.replace("Federführend ist", "{{ x Federführend ist"))
    code, out, _ = run_cli("clauses", "lint", overlay)
    assert code == 1
    assert "kaputt.yaml:8" in out and "Jinja-Syntaxfehler" in out


def test_clauses_lint_exits_0_with_warnings_only(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(overlay, "a.yaml", GOOD.replace("title: {de: Extra, en: Extra}", "title: {de: Extra}"))
    code, out, _ = run_cli("clauses", "lint", overlay)
    assert code == 0
    assert "Warnung:" in out and "0 Fehler, 1 Warnung." in out


def test_clauses_lint_json_lists_findings(builtin, tmp_path) -> None:
    import json

    overlay = tmp_path / "haus"
    write(overlay, "a.yaml", GOOD.replace("lead_party.name }};", "lead_party.nmae }};"))
    code, out, _ = run_cli("clauses", "lint", overlay, "--json")
    assert code == 1
    [item] = json.loads(out)
    assert item["severity"] == "error" and item["line"] == 8 and item["code"] == "unknown-variable"


def test_the_shipped_library_lints_without_errors() -> None:
    findings = lint()
    assert not has_errors(findings), "\n".join(str(f) for f in findings if f.severity == "error")


def test_unknown_filter_is_a_syntax_error_with_a_hint(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(overlay, "a.yaml", GOOD.replace("lead_party.name }};", "lead_party.name|datum }};"))
    [f] = _only(_lint(builtin, overlay), "jinja-syntax")
    assert "unbekannter Filter 'datum'" in f.message


def test_a_body_clause_without_notes_is_a_warning(builtin, tmp_path) -> None:
    overlay = tmp_path / "haus"
    write(
        overlay,
        "a.yaml",
        GOOD.replace('notes: {de: "Der § nennt die Federführung.", en: "The section names the lead."}\n', ""),
    )
    [f] = _only(_lint(builtin, overlay), "notes")
    assert f.severity == "warning" and f.message.startswith("notes: fehlt; ohne Erläuterungen")
    assert not has_errors(_lint(builtin, overlay))


def test_every_shipped_body_clause_has_notes_in_both_languages() -> None:
    missing = [f"{f.file}: {f.message}" for f in lint() if f.code == "notes" or f.message.startswith("notes:")]
    assert missing == [], "\n".join(missing)
