"""`slp-agreements new --lang en` asks for the English version of each free text and stores {de, en}."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from slp_agreements.questionnaire.prompts import PlainPrompter
from slp_agreements.questionnaire.questions import load_questions
from slp_agreements.questionnaire.run import run
from tests.conftest import docx_text
from tests.test_new import LETTER_OF_INTENT

ENGLISH = {
    "English version: Project": "Digital Alliance Heideland",
    "English version: Subject": "Preparing cooperation on digital administrative services",
    "English version: Purposes": "Joint stocktaking; preparing a special-purpose agreement",
}


def _english_sheet() -> dict[str, Any]:
    """The German letter-of-intent sheet keyed by the English prompts, plus the English versions."""
    prompts = [(w.de, w.en) for q in load_questions() for item in [q, *q.questions]
               for w in (item.prompt, item.more) if w]  # fmt: skip
    sheet: dict[str, Any] = {}
    for key, value in LETTER_OF_INTENT.items():
        en = next(e for d, e in prompts if d.startswith(key))
        sheet[en[:24]] = value
    return sheet


class _Scripted(PlainPrompter):
    def __init__(self, sheet: dict[str, Any]) -> None:
        super().__init__("en")
        self.sheet = {k: list(v) if isinstance(v, list) else v for k, v in sheet.items()}
        self.asked: list[str] = []

    def _line(self, prompt: str) -> str:
        text = prompt.removeprefix("? ")
        self.asked.append(text)
        for key, value in ENGLISH.items():
            if text.startswith(key):
                return value
        key = next((k for k in self.sheet if text.startswith(k)), None)
        value = self.sheet.get(key) if key else None
        if isinstance(value, list):
            value = value.pop(0) if value else None
        return "" if value is None else ("y" if value else "n") if isinstance(value, bool) else str(value)


def test_an_english_run_asks_the_english_versions_and_builds_english_documents(tmp_path: Path) -> None:
    scripted = _Scripted(_english_sheet())
    file = run(out=tmp_path / "out", answers=None, resume=None, edit=None, lang="en", force=False, prompter=scripted)
    asked = [a for a in scripted.asked if a.startswith("English version:")]
    assert [a.split(" [")[0].rstrip(": ") for a in asked] == list(ENGLISH)
    saved = yaml.safe_load(file.read_text(encoding="utf-8"))
    assert saved["agreement"]["project"] == {"de": "Digitale Allianz Heideland", "en": "Digital Alliance Heideland"}
    assert saved["agreement"]["purposes"][1] == {
        "de": "Vorbereitung einer Zweckvereinbarung", "en": "preparing a special-purpose agreement",
    }  # fmt: skip
    [contract] = (tmp_path / "out").glob("*-agreement.docx")
    text = docx_text(contract)
    assert "Digital Alliance Heideland" in text and "Digitale Allianz" not in text
