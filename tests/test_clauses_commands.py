"""`clauses show`, `clauses new`, `template export` and a user's Word template with a letterhead."""

from __future__ import annotations

import json
import struct
import zlib

from slp_agreements import resources
from slp_agreements.library.lint import lint
from tests.conftest import ROOT, docx_text, output, run_cli

BAYERN = ROOT / "examples" / "bayern-absichtserklaerung.yaml"
WORKED = ROOT / "examples" / "eigene-klauseln" / "antworten.yaml"


def test_show_raw_lists_the_answers_a_clause_reads(builtin) -> None:
    code, out, _ = run_cli("clauses", "show", "base.subject")
    assert code == 0
    assert "Gegenstand ist das Vorhaben „{{ agreement.project }}“" in out
    assert "Angaben aus der Antwortdatei: agreement.project, binding" in out
    assert "Pflichtelemente: demo.subject" in out


def test_show_with_answers_renders_the_clause_with_its_number(builtin, tmp_path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        BAYERN.read_text(encoding="utf-8").replace(
            "instrument: letter_of_intent", "instrument: public_law_contract\n  task_transfer: none"
        )
        + "costs:\n  model: equal\n",
        encoding="utf-8",
    )
    code, out, err = run_cli("clauses", "show", "base.subject", "--answers", answers)
    assert code == 0, err
    assert out.startswith("§ 1 Gegenstand")
    assert "Gegenstand ist das Vorhaben „Digitale Allianz Oberes Altmühltal“. Näheres regelt § 3." in out
    code, out, _ = run_cli("clauses", "show", "base.subject", "--answers", answers, "--lang", "en")
    assert "Section 1 Subject" in out and "See Section 3." in out


def test_show_says_when_a_clause_is_not_selected(builtin) -> None:
    code, out, _ = run_cli("clauses", "show", "base.subject", "--answers", BAYERN)
    assert code == 0 and "kommt mit diesen Antworten nicht in den Vertrag" in out


def test_show_unknown_clause_suggests_close_ids(builtin) -> None:
    code, _, err = run_cli("clauses", "show", "base.sbject")
    assert code == 1 and "'base.subject'" in err


def test_new_scaffolds_a_commented_clause_that_lints_clean(builtin, tmp_path) -> None:
    folder = tmp_path / "klauseln"
    code, out, _ = run_cli("clauses", "new", "haus.gerichtsstand", "--dir", folder)
    assert code == 0, out
    path = folder / "haus.gerichtsstand.yaml"
    assert path.read_text(encoding="utf-8").count("#") > 10
    code, out, _ = run_cli("clauses", "lint", folder)
    assert code == 0, out
    assert "Keine Befunde" in out


def test_new_clause_lints_clean_against_the_shipped_library(tmp_path) -> None:
    folder = tmp_path / "klauseln"
    assert run_cli("clauses", "new", "haus.gerichtsstand", "--dir", folder)[0] == 0
    mine = [f for f in lint([folder]) if f.file is not None and folder in f.file.parents]
    assert mine == []


def test_new_with_an_existing_id_scaffolds_an_override(builtin, tmp_path) -> None:
    folder = tmp_path / "klauseln"
    code, out, _ = run_cli("clauses", "new", "base.form", "--dir", folder)
    assert code == 0 and "Eigene Fassung" in out
    text = (folder / "base.form.yaml").read_text(encoding="utf-8")
    assert "overrides: base.form\nbased_on_version: 2\n" in text
    assert "(mitgeliefert)" in text
    assert run_cli("clauses", "lint", folder)[0] == 0


def test_new_refuses_to_overwrite_and_checks_the_id(builtin, tmp_path) -> None:
    folder = tmp_path / "klauseln"
    assert run_cli("clauses", "new", "haus.x", "--dir", folder)[0] == 0
    code, _, err = run_cli("clauses", "new", "haus.x", "--dir", folder)
    assert code == 1 and "--force" in err
    assert run_cli("clauses", "new", "haus.x", "--dir", folder, "--force")[0] == 0
    code, _, err = run_cli("clauses", "new", "Haus-X", "--dir", folder)
    assert code == 1 and "keine gültige Kennung" in err


def test_template_export_writes_the_builtin_template_once(tmp_path) -> None:
    target = tmp_path / "briefkopf.docx"
    assert run_cli("template", "export", target)[0] == 0
    assert target.read_bytes() == (resources.templates_dir() / "agreement.docx").read_bytes()
    code, _, err = run_cli("template", "export", target)
    assert code == 1 and "--force" in err
    assert run_cli("template", "export", target, "--force")[0] == 0
    code, out, _ = run_cli("clauses", "lint", "--template", target)
    assert code == 0 and "briefkopf.docx" not in out


def test_lint_names_missing_styles_and_placeholders_of_a_template(tmp_path) -> None:
    import docx

    path = tmp_path / "eigen.docx"
    d = docx.Document()
    d.add_paragraph("Briefkopf")
    d.save(str(path))
    code, out, _ = run_cli("clauses", "lint", "--template", path)
    assert code == 1
    assert "Signature" in out and "{{p body }}" in out
    assert "Warnung:" in out and "{{ draft_mark }}" in out


def _png() -> bytes:
    """A 2×2 red PNG, the smallest logo that Word shows."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def test_build_with_a_user_template_keeps_letterhead_and_logo(tmp_path) -> None:
    import docx
    from docx.shared import Cm

    template = tmp_path / "briefkopf.docx"
    assert run_cli("template", "export", template)[0] == 0
    d = docx.Document(str(template))
    header = d.sections[0].header
    header.add_paragraph("Landkreis Heideland · Der Landrat · Rechtsamt")
    (tmp_path / "logo.png").write_bytes(_png())
    header.add_paragraph().add_run().add_picture(str(tmp_path / "logo.png"), width=Cm(2))
    d.sections[0].left_margin = Cm(3)
    d.save(str(template))

    assert run_cli("clauses", "lint", "--template", template)[0] == 0
    code, stdout, err = run_cli("build", WORKED, "--out", tmp_path / "out", "--template", template, "--json")
    assert code == 0, err
    contract = output(json.loads(stdout), "contract")
    built = docx.Document(str(contract))
    head = "\n".join(p.text for p in built.sections[0].header.paragraphs)
    assert "Landkreis Heideland · Der Landrat · Rechtsamt" in head
    assert "ENTWURF" in head
    assert any("image" in rel.reltype for rel in built.sections[0].header.part.rels.values())
    assert abs(built.sections[0].left_margin - Cm(3)) < Cm(0.01)  # Word stores twips
    assert "Korruptionsprävention" in docx_text(contract)


def test_template_in_the_answers_file_is_relative_to_it(tmp_path) -> None:
    template = tmp_path / "vorlagen" / "kopf.docx"
    template.parent.mkdir()
    assert run_cli("template", "export", template)[0] == 0
    answers = tmp_path / "a.yaml"
    answers.write_text(BAYERN.read_text(encoding="utf-8") + "template: vorlagen/kopf.docx\n", encoding="utf-8")
    code, stdout, err = run_cli("build", answers, "--out", tmp_path / "out", "--json")
    assert code == 0, err
    manifest = json.loads(output(json.loads(stdout), "manifest").read_text(encoding="utf-8"))
    assert manifest["template"]["file"] == "kopf.docx"
