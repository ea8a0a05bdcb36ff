"""`slp-agreements new` with documents in German and English: each free text is followed by its English version."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from slp_agreements.questionnaire.run import run
from tests.conftest import docx_text
from tests.test_new import LETTER_OF_INTENT, _Scripted

SHEET: dict[str, Any] = {
    "In welcher Sprache sollen die": 3,  # Deutsch und Englisch
    **LETTER_OF_INTENT,
    "Vorhaben (englische Fassung)": "Digital Alliance Heideland",
    "Gegenstand (englische Fassung": "",  # left empty: the build names it
    "Zwecke (englische Fassung)": "Joint stocktaking; preparing a special-purpose agreement",
}


def _saved(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_both_languages_ask_the_english_versions_store_de_and_en_and_build_both_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scripted = _Scripted("de", SHEET)
    file = run(out=tmp_path / "out", answers=None, resume=None, edit=None, lang="de", force=False, prompter=scripted)
    printed = capsys.readouterr()
    shown = " ".join((printed.out + printed.err).split())
    saved = _saved(file)
    assert saved["language"] == "de,en"
    assert saved["agreement"]["project"] == {"de": "Digitale Allianz Heideland", "en": "Digital Alliance Heideland"}
    assert saved["agreement"]["subject"] == LETTER_OF_INTENT["Was ist Gegenstand"]  # no English version given
    assert saved["agreement"]["purposes"][1] == {
        "de": "Vorbereitung einer Zweckvereinbarung", "en": "preparing a special-purpose agreement"}  # fmt: skip
    # Each English version right after its German text, with the German text shown above it.
    lines = scripted.lines
    assert lines[lines.index("Digitale Allianz Heideland") + 1] == "Digital Alliance Heideland"
    assert "Deutsche Fassung: „Digitale Allianz Heideland“" in shown
    # The free text left without an English version is named by the build's warning, which new shows.
    assert "ohne englische Fassung" in shown and "agreement.subject" in shown
    german = docx_text(tmp_path / "out" / "antworten-vereinbarung.docx")
    english = docx_text(tmp_path / "out" / "antworten-agreement.docx")
    assert "Digitale Allianz Heideland" in german and "Digital Alliance" not in german
    assert "Digital Alliance Heideland" in english and "Digitale Allianz" not in english
