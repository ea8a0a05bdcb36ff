"""`inspect`: the manifest embedded in a DOCX, as a table or JSON; a clear message for foreign files."""

from __future__ import annotations

import hashlib
import json

import pytest

from tests.conftest import EXAMPLES, NOT_A_DOCUMENT, ROOT, output, run_cli


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_inspect_lists_every_clause_id_of_the_build(built, example) -> None:
    result = built[(example.stem, "de")]
    code, stdout, stderr = run_cli("inspect", output(result, "contract"))
    assert code == 0, stderr
    for clause_id in result["clauses"]:
        assert clause_id in stdout
    assert "Word-Vorlage" in stdout and "Erzeugt mit" in stdout


def test_inspect_json_is_the_embedded_manifest_for_contract_and_checklist(built) -> None:
    result = built[("nrw-wohnungsmarkt", "en")]
    for kind in ("contract", "checklist"):
        code, stdout, stderr = run_cli("inspect", output(result, kind), "--json")
        assert code == 0, stderr
        m = json.loads(stdout)
        assert [c["id"] for c in m["clauses"]] == result["clauses"]
        assert m["language"] == "en"
        assert "outputs" not in m  # a file cannot hold its own hash


def test_inspect_on_a_docx_the_tool_did_not_make_fails_with_one_message(tmp_path) -> None:
    import docx

    foreign = tmp_path / "fremd.docx"
    d = docx.Document()
    d.add_paragraph("Ein Vertrag aus Word")
    d.save(str(foreign))
    code, stdout, stderr = run_cli("inspect", foreign)
    assert code == 1
    assert "nicht mit diesem Programm erzeugt" in stderr
    assert "Traceback" not in stderr + stdout


@pytest.mark.parametrize("content", [b"%PDF-1.7 kein Word", b"PK\x03\x04kaputt", b""], ids=["pdf", "broken", "empty"])
def test_inspect_on_a_file_that_is_no_docx_fails_with_one_message(tmp_path, content) -> None:
    broken = tmp_path / NOT_A_DOCUMENT  # deliberately broken: the word-processor check leaves it out
    broken.mkdir()
    path = broken / "vertrag.docx"
    path.write_bytes(content)
    code, stdout, stderr = run_cli("inspect", path)
    assert code == 1
    assert "keine Word-Datei" in stderr
    assert "Traceback" not in stderr + stdout


def test_answers_extracted_from_a_contract_build_the_identical_contract(tmp_path) -> None:
    nrw = ROOT / "examples" / "nrw-wohnungsmarkt.yaml"
    code, stdout, stderr = run_cli("build", nrw, "--out", tmp_path / "a", "--json")
    assert code == 0, stderr
    contract = output(json.loads(stdout), "contract")
    recovered = tmp_path / "b" / nrw.name
    recovered.parent.mkdir()
    assert run_cli("inspect", contract, "--answers", recovered)[0] == 0
    code, stdout, stderr = run_cli("build", recovered, "--out", tmp_path / "b", "--json")
    assert code == 0, stderr
    again = output(json.loads(stdout), "contract")
    assert hashlib.sha256(again.read_bytes()).digest() == hashlib.sha256(contract.read_bytes()).digest()


def test_the_manifest_survives_saving_the_contract_with_libreoffice(built, tmp_path) -> None:
    import subprocess

    from tests.libreoffice import SOFFICE

    assert SOFFICE, "LibreOffice is required for this test: apt-get install libreoffice-writer-nogui"
    result = built[("niedersachsen-webgis", "de")]
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path / '.lo-profile'}", "--headless", "--convert-to", "docx",
         "--outdir", str(tmp_path), str(output(result, "contract"))],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    code, stdout, stderr = run_cli("inspect", tmp_path / output(result, "contract").name, "--json")
    assert code == 0, stderr
    assert [c["id"] for c in json.loads(stdout)["clauses"]] == result["clauses"]
