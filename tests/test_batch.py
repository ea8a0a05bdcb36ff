"""Many agreements in one run: several files, a folder, or base answers plus one party per table row."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import yaml

from slp_agreements.library import loading
from slp_agreements.render import templates
from tests.conftest import EXAMPLES, docx_text, run_cli

NI = EXAMPLES[[e.stem for e in EXAMPLES].index("niedersachsen-webgis")]
BAYERN = EXAMPLES[[e.stem for e in EXAMPLES].index("bayern-absichtserklaerung")]

HEADER = (
    "Name;Art;AGS;Straße;PLZ;Ort;Vertreten durch;Funktion;Ansprechperson;E-Mail;Datenschutzbeauftragte;DSB E-Mail;"
    "Einwohner"
)
ROWS = [
    "Gemeinde Moorhausen;Gemeinde;03369911;Heidestraße 50;29541;Moorhausen;Klaus Meyer;Bürgermeister;"
    "Sabine Otte;bauamt@moorhausen.example;Frau Datenschutz;datenschutz@moorhausen.example;8500",
    # PLZ with four digits: this row must fail, naming row 3 and column E.
    "Gemeinde Sandfeld;Gemeinde;03369912;Schulstraße 12;2954;Sandfeld;Ulrike Hansen;Bürgermeisterin;Tim Brandt;"
    "t.brandt@sandfeld.example;Frank Lüders;datenschutz@sandfeld.example;17200",
    "Gemeinde Erlengrund;gemeinde;03369913;Dorfstraße 3;29543;Erlengrund;Jörg Schütte;Bürgermeister;Lena Voß;"
    "voss@erlengrund.example;Datenschutz Erlengrund;datenschutz@erlengrund.example;6100",
]


def _json(stdout: str) -> dict[str, Any]:
    return json.loads(stdout)


def _base(tmp_path: Path) -> Path:
    """The Lower Saxony example with the Landkreis as its only party: what every bilateral agreement shares."""
    data = yaml.safe_load(NI.read_text(encoding="utf-8"))
    data["parties"] = data["parties"][:1]
    data["parties"][0]["population"] = 186000
    data["costs"] = {"model": "population", "annual_budget": 48000.0, "population_date": "2025-12-31"}
    for ds in data["data"]["datasets"]:
        ds["provider"] = "lk-heideland"
    path = tmp_path / "basis.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _table(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "gemeinden.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_several_answers_files_give_one_folder_each(tmp_path) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = run_cli("build", NI, BAYERN, "--out", out, "--json")
    assert code == 0, stderr
    result = _json(stdout)
    assert [a["answers"] for a in result["agreements"]] == [str(NI), str(BAYERN)]
    assert result["failures"] == []
    for a in result["agreements"]:
        assert {"checklist", "contract", "manifest", "notes"} <= {f["kind"] for f in a["files"]}
        stem = Path(a["answers"]).stem
        for f in a["files"]:
            assert Path(f["path"]).parent == out / stem
            assert Path(f["path"]).is_file()


def test_a_folder_with_one_broken_file_builds_the_others_and_names_the_failure(tmp_path) -> None:
    folder = tmp_path / "antworten"
    folder.mkdir()
    for example in (NI, BAYERN):
        shutil.copy(example, folder / example.name)
    (folder / "kaputt.yaml").write_text("land: NI\nagreement: [\n", encoding="utf-8")
    (folder / "notizen.txt").write_text("keine Antwortdatei", encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = run_cli("build", folder, "--out", out)
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == ["bayern-absichtserklaerung", "niedersachsen-webgis"]
    assert "kaputt.yaml" in stderr and "Zeile" in stderr
    assert "2 von 3 Vereinbarungen erzeugt" in stdout
    assert "Traceback" not in stderr


def test_batch_json_lists_agreements_and_failures(tmp_path) -> None:
    broken = tmp_path / "kaputt.yaml"
    broken.write_text("land: NI\n", encoding="utf-8")
    code, stdout, _ = run_cli("build", BAYERN, broken, "--out", tmp_path / "out", "--json")
    assert code == 1
    result = _json(stdout)
    assert [a["answers"] for a in result["agreements"]] == [str(BAYERN)]
    assert [f["answers"] for f in result["failures"]] == [str(broken)]
    assert "agreement" in result["failures"][0]["message"]  # the missing section is named


def test_one_answers_file_builds_exactly_as_before(tmp_path) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = run_cli("build", BAYERN, "--out", out, "--json")
    assert code == 0, stderr
    result = _json(stdout)
    assert set(result) == {"files", "clauses", "warnings"}
    assert all(Path(f["path"]).parent == out for f in result["files"])


def test_each_party_builds_one_bilateral_agreement_per_row_and_names_the_bad_row(tmp_path) -> None:
    base, table = _base(tmp_path), _table(tmp_path, ROWS)
    out = tmp_path / "out"
    code, stdout, stderr = run_cli("build", base, "--each-party", table, "--out", out, "--json")
    assert code == 1, stderr
    result = _json(stdout)
    assert [a["party"] for a in result["agreements"]] == ["Gemeinde Moorhausen", "Gemeinde Erlengrund"]
    assert [(f["row"], f["party"]) for f in result["failures"]] == [(3, "Gemeinde Sandfeld")]
    assert "Zeile 3, Spalte E „PLZ“" in result["failures"][0]["message"]
    # Folders are named by the Kürzel, made as the questionnaire makes it ('Gemeinde Erlengrund' → 'erlengrund').
    assert sorted(p.name for p in out.iterdir()) == ["erlengrund", "moorhausen"]
    text = docx_text(out / "erlengrund" / "erlengrund-vereinbarung.docx")
    assert "Landkreis Heideland" in text and "Gemeinde Erlengrund" in text
    assert "Moorhausen" not in text and "Sandfeld" not in text


def test_each_party_rule_spanning_base_and_row_names_row_and_column(tmp_path) -> None:
    # The base shares costs by population, so a row without Einwohner cannot be built.
    row = ROWS[2].rsplit(";", 1)[0] + ";"
    code, _, stderr = run_cli("build", _base(tmp_path), "--each-party", _table(tmp_path, [ROWS[0], row]),
                              "--out", tmp_path / "out")  # fmt: skip
    assert code == 1
    assert "Zeile 3, Spalte M „Einwohner“" in stderr and "Einwohnerzahl fehlt" in stderr
    assert (tmp_path / "out" / "moorhausen").is_dir()


def test_each_party_with_an_unknown_column_builds_nothing(tmp_path) -> None:
    table = tmp_path / "gemeinden.csv"
    table.write_text(HEADER.replace(";Ort;", ";Ortt;") + "\n" + ROWS[0] + "\n", encoding="utf-8")
    code, _, stderr = run_cli("build", _base(tmp_path), "--each-party", table, "--out", tmp_path / "out")
    assert code == 1
    assert "Spalte F „Ortt“" in stderr and "meinten Sie „Ort“" in stderr
    assert not (tmp_path / "out").exists()


def test_each_party_needs_exactly_one_answers_file(tmp_path) -> None:
    code, _, _ = run_cli("build", NI, BAYERN, "--each-party", _table(tmp_path, ROWS), "--out", tmp_path / "out")
    assert code == 2


def test_a_batch_reads_library_and_word_templates_once(tmp_path, monkeypatch) -> None:
    reads: list[object] = []
    real_library, real_template = loading.read_library, templates._load_template
    monkeypatch.setattr(loading, "read_library", lambda *a, **k: reads.append("library") or real_library(*a, **k))
    monkeypatch.setattr(templates, "_load_template", lambda *a: reads.append("template") or real_template(*a))
    monkeypatch.setattr(templates, "_CHECKED", {})
    monkeypatch.setenv("SLP_AGREEMENTS_NO_CACHE", "1")  # with the cache, even the first agreement reads neither
    folder = tmp_path / "antworten"
    folder.mkdir()
    for n in range(3):
        shutil.copy(BAYERN, folder / f"allianz-{n}.yaml")
    code, _, stderr = run_cli("build", folder, "--out", tmp_path / "out")
    assert code == 0, stderr
    assert reads.count("library") == 1
    assert reads.count("template") == 2  # agreement.docx and checklist.docx
