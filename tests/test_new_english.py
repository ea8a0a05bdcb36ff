"""`slp-agreements new` with documents in German and English: each free text is followed by its English version."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from slp_agreements.questionnaire.run import run
from tests.conftest import docx_text
from tests.test_new import ENV, LETTER_OF_INTENT, TIMEOUT, _Scripted

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


def test_both_languages_ask_the_english_versions_store_de_and_en_and_build_both_documents(tmp_path: Path) -> None:
    scripted = _Scripted("de", SHEET)
    file = run(out=tmp_path / "out", answers=None, resume=None, edit=None, lang="de", force=False, prompter=scripted)
    saved = _saved(file)
    assert saved["language"] == "de,en"
    assert saved["agreement"]["project"] == {"de": "Digitale Allianz Heideland", "en": "Digital Alliance Heideland"}
    assert saved["agreement"]["subject"] == LETTER_OF_INTENT["Was ist Gegenstand"]  # no English version given
    assert saved["agreement"]["purposes"][1] == {
        "de": "Vorbereitung einer Zweckvereinbarung", "en": "preparing a special-purpose agreement"}  # fmt: skip
    german = docx_text(tmp_path / "out" / "antworten-vereinbarung.docx")
    english = docx_text(tmp_path / "out" / "antworten-agreement.docx")
    assert "Digitale Allianz Heideland" in german and "Digital Alliance" not in german
    assert "Digital Alliance Heideland" in english and "Digitale Allianz" not in english
    # The same answers typed into the console script line by line give the same file; the warning names the
    # free text without an English version.
    piped = "\n".join(scripted.lines) + "\n"
    result = subprocess.run(
        [sys.executable, "-m", "slp_agreements", "new", "--out", "pipe"],
        input=piped, cwd=tmp_path, env=ENV, capture_output=True, text=True, timeout=TIMEOUT,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    out = " ".join((result.stdout + result.stderr).split())
    assert "Vorhaben (englische Fassung)" in out and "Deutsche Fassung: „Digitale Allianz Heideland“" in out
    assert "ohne englische Fassung" in out and "agreement.subject" in out
    assert _saved(tmp_path / "pipe" / "antworten.yaml") == saved
