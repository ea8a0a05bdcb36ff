"""The answers file: every problem is reported at once, with file, field, line and a hint; nothing is written."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.conftest import EXAMPLES, run_cli

NI = EXAMPLES[[e.stem for e in EXAMPLES].index("niedersachsen-webgis")]


def _write(tmp_path: Path, data: object, name: str = "answers.yaml") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _ni() -> dict:
    return yaml.safe_load(NI.read_text(encoding="utf-8"))


def _fails(tmp_path: Path, path: Path, *expected: str) -> str:
    out = tmp_path / "out"
    code, stdout, stderr = run_cli("build", path, "--out", out)
    assert code == 1, stderr
    assert "Traceback" not in stderr + stdout
    assert str(path) in stderr
    for e in expected:
        assert e in stderr, stderr
    assert not out.exists(), "nothing may be written on bad input"
    return stderr


def test_schema_is_valid_json_schema_and_every_example_validates() -> None:
    code, stdout, _ = run_cli("schema")
    assert code == 0
    schema = json.loads(stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    for example in EXAMPLES:
        data = json.loads(json.dumps(yaml.safe_load(example.read_text(encoding="utf-8")), default=str))
        jsonschema.validate(data, schema)


def test_malformed_yaml_names_the_line(tmp_path) -> None:
    path = _write(tmp_path, "land: NI\nagreement:\n  kind: [cooperation\n  legal_form: x\n")
    _fails(tmp_path, path, "Zeile")


def test_unknown_key_gets_did_you_mean(tmp_path) -> None:
    data = _ni()
    data["parties"][0]["adress"] = data["parties"][0].pop("address")
    _fails(tmp_path, _write(tmp_path, data), "parties[0].adress", "meinten Sie 'address'")


def test_wrong_type_names_field(tmp_path) -> None:
    data = _ni()
    data["term"]["notice_months"] = "zwölf"
    _fails(tmp_path, _write(tmp_path, data), "term.notice_months", "ganze Zahl")


def test_wrong_ags_length_and_wrong_land(tmp_path) -> None:
    data = _ni()
    data["parties"][1]["ags"] = "0335500"
    data["parties"][2]["ags"] = "05355004"
    err = _fails(tmp_path, _write(tmp_path, data), "parties[1].ags", "8 Ziffern", "parties[2].ags", "NI")
    assert "03" in err


def test_all_problems_of_a_file_are_reported_at_once_with_lines(tmp_path) -> None:
    data = _ni()
    data["lead"] = "stadt-x"
    data["term"]["end"] = "2026-01-01"
    data["parties"][0]["kind"] = "landkreiss"
    err = _fails(tmp_path, _write(tmp_path, data), "lead", "stadt-x", "term.end", "parties[0].kind", "(Zeile")
    assert "3 Probleme" in err or "Probleme" in err


def test_lead_must_be_a_party(tmp_path) -> None:
    data = _ni()
    data["lead"] = "nobody"
    _fails(tmp_path, _write(tmp_path, data), "kein Beteiligter der Vereinbarung", "lk-heideland")


def test_processor_must_be_a_party(tmp_path) -> None:
    data = _ni()
    data["data"] |= {"roles": "processing", "processor": "rechenzentrum"}
    _fails(tmp_path, _write(tmp_path, data), "data.processor", "kein Beteiligter der Vereinbarung")


def test_at_least_two_parties(tmp_path) -> None:
    data = _ni()
    data["parties"] = data["parties"][:1]
    _fails(tmp_path, _write(tmp_path, data), "parties", "mindestens 2")


def test_unquoted_ags_keeps_its_leading_zero(tmp_path) -> None:
    original = NI.read_text(encoding="utf-8")
    text = original.replace('ags: "03369901"', "ags: 03369901")
    assert text != original
    path = _write(tmp_path, text)
    code, _, err = run_cli("build", path, "--out", tmp_path / "out")
    assert code == 0, err


def test_missing_answers_file(tmp_path) -> None:
    code, _, err = run_cli("build", tmp_path / "nope.yaml", "--out", tmp_path / "out")
    assert code == 1
    assert "nicht gefunden" in err


@pytest.mark.parametrize("content", ["", "# only a comment\n", "- a\n- b\n", "just text\n"])
def test_empty_or_wrong_shape(tmp_path, content) -> None:
    _fails(tmp_path, _write(tmp_path, content))


def test_output_path_that_is_a_file(tmp_path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x")
    code, _, err = run_cli("build", NI, "--out", target)
    assert code == 1
    assert "Datei, kein Ordner" in err
    assert target.read_text() == "x"


def test_wrong_usage_is_exit_2(tmp_path) -> None:
    code, _, _ = run_cli("build", NI, "--lang", "fr")
    assert code == 2


def test_example_command_lists_and_writes(tmp_path) -> None:
    code, stdout, _ = run_cli("example", "--list")
    assert code == 0 and "niedersachsen-webgis" in stdout
    target = tmp_path / "start.yaml"
    assert run_cli("example", "niedersachsen-webgis", "--out", target)[0] == 0
    assert target.read_text(encoding="utf-8") == NI.read_text(encoding="utf-8")
    assert run_cli("example", "niedersachsen-webgis", "--out", target)[0] == 1


def test_checklist_command_prints_a_table() -> None:
    code, stdout, stderr = run_cli("checklist", NI)
    assert code == 0, stderr
    assert "Checkliste" in stdout
