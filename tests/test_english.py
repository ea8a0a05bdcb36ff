"""Free texts in two languages: the English build is English throughout, and one warning names what is missing."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from slp_agreements.files.answers_file import load_answers, to_yaml
from slp_agreements.model.translations import TRANSLATABLE, formats_in, frequency_in
from tests.conftest import ROOT, docx_text, run_cli
from tests.english import german_sentences

NI = ROOT / "examples" / "niedersachsen-webgis.yaml"
EN = yaml.safe_load((ROOT / "tests" / "fixtures" / "niedersachsen-webgis-en.yaml").read_text(encoding="utf-8"))


def _path(text: str) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", text)]


def _bilingual(tmp_path: Path, leave_out: tuple[str, ...] = ()) -> Path:
    """The Niedersachsen example with {de, en} for every free text (except ``leave_out``), same line layout."""
    raw = yaml.safe_load(NI.read_text(encoding="utf-8"))
    for field, en in EN.items():
        if field in leave_out:
            continue
        *parents, last = _path(field)
        node: Any = raw
        for part in parents:
            node = node[part]
        node[last] = {"de": node[last], "en": en}
    path = tmp_path / "niedersachsen-webgis.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
    return path


def _strings(value: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, (*at, k))
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, (*at, "*"))
    elif isinstance(value, str):
        yield at, value


def _proper_names(raw: dict[str, Any]) -> list[str]:
    """Every text of the answers that is not a free text: names, functions, addresses, portal, keywords."""
    free = set(TRANSLATABLE)
    return [v for at, v in _strings(raw) if at not in free and at[:-1] not in free]


def _build(path: Path, out: Path, *args: str) -> dict[str, Any]:
    code, stdout, stderr = run_cli("build", path, "--out", out, "--json", *args)
    assert code == 0, stderr
    result: dict[str, Any] = json.loads(stdout)
    return result


def _english_documents(result: dict[str, Any]) -> list[Path]:
    return [Path(f["path"]) for f in result["files"] if f["path"].endswith(".docx")]


def _without_citations(text: str) -> str:
    """The notes' lines 'Legal references: …' list citations (acts by their names); they are not prose."""
    return "\n".join(line for line in text.split("\n") if not line.startswith("Legal references:"))


def test_the_english_build_with_en_texts_has_no_german_sentence(tmp_path: Path) -> None:
    path = _bilingual(tmp_path)
    result = _build(path, tmp_path / "out", "--lang", "en")
    assert not [w for w in result["warnings"] if "ohne englische Fassung" in w]
    names = _proper_names(yaml.safe_load(NI.read_text(encoding="utf-8")))
    docs = _english_documents(result)
    assert {"contract", "checklist", "resolution", "notes"} <= {f["kind"] for f in result["files"]}
    for doc in docs:
        found = german_sentences(_without_citations(docx_text(doc)), names)
        assert found == [], f"{doc.name}: {found}"


def test_the_checker_finds_the_german_free_texts_of_the_plain_example(tmp_path: Path) -> None:
    result = _build(NI, tmp_path / "out", "--lang", "en")
    contract = next(Path(f["path"]) for f in result["files"] if f["kind"] == "contract")
    found = german_sentences(docx_text(contract), _proper_names(yaml.safe_load(NI.read_text(encoding="utf-8"))))
    assert any("werktags von 8 bis 16 Uhr" in s for s in found)
    assert any("Eigentümerinnen und Eigentümer" in s for s in found)


def test_the_warning_lists_exactly_the_fields_without_en_with_their_line(tmp_path: Path) -> None:
    left = ("agreement.context", "web_app.availability")
    path = _bilingual(tmp_path, leave_out=left)
    result = _build(path, tmp_path / "out", "--lang", "en")
    [warning] = [w for w in result["warnings"] if "ohne englische Fassung" in w]
    listed = re.findall(r"([a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*) \(Zeile (\d+)\)", warning)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [f for f, _ in listed] == list(left)
    for field, line in listed:
        key = field.split(".")[-1]
        assert lines[int(line) - 1].strip().startswith(f"{key}:"), (field, line)
    assert warning.startswith("2 Freitexte ohne englische Fassung")


def test_a_german_build_gives_no_translation_warning(tmp_path: Path) -> None:
    result = _build(NI, tmp_path / "out", "--lang", "de")
    assert not [w for w in result["warnings"] if "ohne englische Fassung" in w]


def test_the_plain_example_names_every_free_text_in_its_warning(tmp_path: Path) -> None:
    result = _build(NI, tmp_path / "out", "--lang", "en")
    [warning] = [w for w in result["warnings"] if "ohne englische Fassung" in w]
    assert warning.startswith(f"{len(EN)} Freitexte")
    for field in EN:
        assert f"{field} (Zeile " in warning


def test_de_and_en_in_one_run_use_each_language(tmp_path: Path) -> None:
    path = _bilingual(tmp_path)
    result = _build(path, tmp_path / "out", "--lang", "de,en")
    contracts = {Path(f["path"]).name: Path(f["path"]) for f in result["files"] if f["kind"] == "contract"}
    assert set(contracts) == {"niedersachsen-webgis-vereinbarung.docx", "niedersachsen-webgis-agreement.docx"}
    german = docx_text(contracts["niedersachsen-webgis-vereinbarung.docx"])
    english = docx_text(contracts["niedersachsen-webgis-agreement.docx"])
    assert "werktags von 8 bis 16 Uhr" in german and "werktags" not in english
    assert "on working days from 8 am to 4 pm" in english
    assert "halbjährlich" in german and "every six months" in english  # update frequency translated
    manifests = [Path(f["path"]) for f in result["files"] if f["kind"] == "manifest"]
    assert len(manifests) == 2


def test_fixed_vocabularies_are_translated() -> None:
    assert frequency_in("jährlich", "en") == "annually"
    assert frequency_in("Laufend", "en") == "continuously"
    assert frequency_in("je Verfahren", "en") is None
    assert formats_in("GeoPackage, Kartendienst", "en") == "GeoPackage, WMS"
    assert formats_in("PDF, XPlanGML", "en") is None


def test_bilingual_texts_survive_saving_and_the_manifest(tmp_path: Path) -> None:
    path = _bilingual(tmp_path)
    answers = load_answers(path)
    assert answers.agreement.subject.startswith("Führung eines gemeinsamen")
    assert answers.in_language("en").agreement.subject.startswith("Keeping a joint register")
    again = yaml.safe_load(to_yaml(answers))
    assert again["web_app"]["availability"]["en"] == EN["web_app.availability"]
    assert again["data"]["datasets"][0]["update"] == "halbjährlich"  # vocabulary words stay plain
    result = _build(path, tmp_path / "out")
    manifest = json.loads(Path(next(f["path"] for f in result["files"] if f["kind"] == "manifest")).read_text())
    assert manifest["answers"]["agreement"]["subject"]["en"].startswith("Keeping a joint register")


@pytest.mark.parametrize("value", [{"en": "only English"}, {"de": "x", "fr": "y"}])
def test_a_bilingual_text_needs_de_and_only_de_and_en(tmp_path: Path, value: dict[str, str]) -> None:
    raw = yaml.safe_load(NI.read_text(encoding="utf-8"))
    raw["agreement"]["subject"] = value
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    code, _, stderr = run_cli("build", path, "--out", tmp_path / "out")
    assert code == 1 and "agreement.subject" in stderr and "Traceback" not in stderr
    assert not (tmp_path / "out").exists()
