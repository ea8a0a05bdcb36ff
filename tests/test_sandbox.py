"""Safe templating: clause texts cannot reach Python internals, and answers are data, never templates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from slp_agreements.errors import UserError
from slp_agreements.library import templating
from tests.clause_folders import write
from tests.conftest import ROOT, docx_text, output, run_cli

BAYERN = ROOT / "examples" / "bayern-absichtserklaerung.yaml"
ATTACKS = [
    "cycler.__init__.__globals__.os.system('touch {marker}')",
    "''.__class__.__mro__[1].__subclasses__()",
]


def _clause(overlay: Path, expression: str, where: str) -> Path:
    text = "Harmloser Text."
    when = "binding"
    if where == "text":
        text = "Harmloser Text. {{ " + expression + " }}"
    else:
        when = expression
    body = {"id": "haus.angriff", "order": 600, "when": when, "title": {"de": "Angriff", "en": "Attack"},
            "text": {"de": text, "en": text}}  # fmt: skip
    return write(overlay, "angriff.yaml", yaml.safe_dump(body, allow_unicode=True))


def _answers(tmp_path: Path, **agreement: str) -> Path:
    data = yaml.safe_load(BAYERN.read_text(encoding="utf-8"))
    data["agreement"].update(agreement)
    path = tmp_path / "antworten.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("where", ["text", "when"])
@pytest.mark.parametrize("attack", ATTACKS, ids=["globals", "subclasses"])
def test_attack_fails_lint_and_build_with_exit_1_and_nothing_runs(builtin, tmp_path, attack, where) -> None:
    marker = tmp_path / "pwned"
    overlay = tmp_path / "haus"
    _clause(overlay, attack.format(marker=marker), where)

    code, out, _ = run_cli("clauses", "lint", overlay)
    assert code == 1
    assert "angriff.yaml" in out and "interner Python-Name" in out

    code, _, err = run_cli("build", _answers(tmp_path), "--out", tmp_path / "out", "--clauses", overlay)
    assert code == 1
    assert "angriff.yaml" in err and "interner Python-Name" in err and "Traceback" not in err
    assert not marker.exists()
    assert not (tmp_path / "out").exists()


def test_attack_is_refused_even_when_the_clause_is_never_selected(builtin, tmp_path) -> None:
    marker = tmp_path / "pwned"
    overlay = tmp_path / "haus"
    _clause(overlay, ATTACKS[0].format(marker=marker), "text")
    text = (overlay / "angriff.yaml").read_text(encoding="utf-8").replace("when: binding", "when: land == 'HH'")
    (overlay / "angriff.yaml").write_text(text, encoding="utf-8")
    code, _, err = run_cli("build", _answers(tmp_path), "--out", tmp_path / "out", "--clauses", overlay)
    assert code == 1 and "interner Python-Name" in err
    assert not marker.exists()


def test_the_sandbox_itself_refuses_internals_at_render_time(tmp_path) -> None:
    # Second line of defence, should the static check ever miss a spelling.
    with pytest.raises(UserError, match="nicht erlaubt"):
        templating.render("{{ x.__class__ }}", {"x": ""}, "test")
    with pytest.raises(Exception, match=r"unsafe|cycler"):
        templating.ENV.from_string("{{ cycler.__init__ }}").render()
    env_text = templating.ENV.from_string("{{ x|attr('__class__') }}")
    with pytest.raises(Exception, match=r"unsafe|__class__"):
        env_text.render(x="")


def test_text_from_the_answers_is_never_evaluated(tmp_path) -> None:
    project = "Projekt {{ 7*7 }} und {% if true %}ja{% endif %}"
    answers = _answers(tmp_path, project=project, context="Hintergrund {{ 7*7 }} bleibt Text.")
    code, stdout, err = run_cli("build", answers, "--out", tmp_path / "out", "--json")
    assert code == 0, err
    result = json.loads(stdout)
    contract = output(result, "contract")
    text = docx_text(contract)
    assert project in text
    assert "Hintergrund {{ 7*7 }} bleibt Text." in text
    assert "Projekt 49" not in text and "Hintergrund 49" not in text
    import docx

    header = "\n".join(p.text for p in docx.Document(str(contract)).sections[0].header.paragraphs)
    assert "{{ 7*7 }}" in header and "49" not in header


def test_placeholders_of_a_word_template_run_in_the_sandbox(tmp_path) -> None:
    import docx

    marker = tmp_path / "pwned"
    code, _, _ = run_cli("template", "export", tmp_path / "vorlage.docx")
    assert code == 0
    d = docx.Document(str(tmp_path / "vorlage.docx"))
    d.sections[0].header.add_paragraph("{{ cycler.__init__.__globals__.os.system('touch " + str(marker) + "') }}")
    d.save(str(tmp_path / "vorlage.docx"))

    code, out, _ = run_cli("clauses", "lint", "--template", tmp_path / "vorlage.docx")
    assert code == 1 and "unbekannten Platzhalter {{ cycler }}" in out
    code, _, err = run_cli("build", BAYERN, "--out", tmp_path / "out", "--template", tmp_path / "vorlage.docx")
    assert code == 1 and "vorlage.docx" in err
    assert not marker.exists()
