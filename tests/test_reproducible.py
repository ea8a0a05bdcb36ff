"""Reproducible builds: the same answers, library, template and tool version give byte-identical files."""

from __future__ import annotations

import hashlib
import json
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import yaml

from slp_agreements.files.docx_text import part_texts
from slp_agreements.files.manifest_file import read_manifest
from slp_agreements.model.document import anchor
from tests.conftest import ROOT, output, run_cli

NRW = ROOT / "examples" / "nrw-wohnungsmarkt.yaml"


def _build(answers: Path, out: Path, *extra: str | Path) -> dict[str, object]:
    code, stdout, stderr = run_cli("build", answers, "--out", out, "--json", *extra)
    assert code == 0, stderr
    result = json.loads(stdout)
    assert isinstance(result, dict)
    return result


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_two_builds_with_a_pause_between_them_are_byte_identical(tmp_path) -> None:
    first = _build(NRW, tmp_path / "first")
    time.sleep(1.5)  # zip timestamps have a resolution of two seconds; the clock must not leak into the bytes
    second = _build(NRW, tmp_path / "second")
    for kind in ("contract", "checklist", "manifest"):
        assert _sha(output(first, kind)) == _sha(output(second, kind)), kind


def _core_properties(path: Path) -> dict[str, str]:
    """docProps/core.xml as {local name: text}, read directly (docxtpl's import changes python-docx's reader)."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("docProps/core.xml"))
    return {el.tag.rsplit("}", 1)[-1]: el.text or "" for el in root}


def test_document_properties_come_from_the_answers_not_the_clock(tmp_path) -> None:
    result = _build(NRW, tmp_path)
    props = _core_properties(output(result, "contract"))
    assert props["created"] == props["modified"] == "2026-11-26T00:00:00Z"
    assert props["creator"] == props["lastModifiedBy"] == "slp-agreements"
    assert props["revision"] == "1"
    assert "Wohnungsmarktbeobachtung Rhein-Ruhr-Süd" in props["title"]
    assert "lastPrinted" not in props
    with zipfile.ZipFile(output(result, "contract")) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 11, 26, 0, 0, 0)}


def test_without_a_draft_date_the_documents_carry_the_start_of_the_term(tmp_path) -> None:
    data = yaml.safe_load(NRW.read_text(encoding="utf-8"))
    del data["agreement"]["date"]
    data["indicators_file"] = str(NRW.parent / data["indicators_file"])
    answers = tmp_path / "ohne-datum.yaml"
    answers.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = _build(answers, tmp_path / "out")
    for kind in ("contract", "checklist"):
        assert _core_properties(output(result, kind))["created"] == "2027-04-01T00:00:00Z"


def test_manifest_json_is_the_embedded_manifest_plus_the_hashes_of_the_outputs(tmp_path) -> None:
    result = _build(NRW, tmp_path)
    beside = json.loads(output(result, "manifest").read_text(encoding="utf-8"))
    for kind in ("contract", "checklist"):
        assert read_manifest(output(result, kind)).data() == {k: v for k, v in beside.items() if k != "outputs"}
    hashes = {o["kind"]: o["sha256"] for o in beside["outputs"] if o["kind"] in ("contract", "checklist")}
    assert hashes == {kind: _sha(output(result, kind)) for kind in ("contract", "checklist")}


def test_manifest_names_answers_clauses_template_requirements_and_tool_version(tmp_path) -> None:
    result = _build(NRW, tmp_path)
    m = json.loads(output(result, "manifest").read_text(encoding="utf-8"))
    assert m["tool_version"]
    assert m["answers"]["agreement"]["project"] == "Wohnungsmarktbeobachtung Rhein-Ruhr-Süd"
    assert [c["id"] for c in m["clauses"]] == result["clauses"]
    assert all(c["version"] >= 1 and len(c["sha256"]) == 64 for c in m["clauses"])
    assert len(m["template"]["sha256"]) == 64
    assert m["requirement_sets"]


def test_section_texts_in_the_manifest_are_the_texts_of_the_contract(tmp_path) -> None:
    from tests.conftest import docx_text

    result = _build(NRW, tmp_path)
    text = docx_text(output(result, "contract"))
    sections = read_manifest(output(result, "contract")).data()["sections"]
    body = [s for s in sections if s["part"] == "body"]
    assert [s["id"] for s in body] == [c for c in result["clauses"] if c in {s["id"] for s in body}]
    parts = part_texts(output(result, "contract"))
    for s in body:
        assert f"§ {s['number']} {s['title']}" in text
        # list items read with the number Word shows for them (they are real lists, numbered by Word)
        assert (parts[anchor(s["id"])].heading, parts[anchor(s["id"])].lines) == (s["title"], s["text"])
