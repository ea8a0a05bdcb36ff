"""The question engine asks for the English versions of the free texts when the documents are English or both."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from slp_agreements.model.answers import SCHEMA_VERSION
from slp_agreements.model.paths import where
from slp_agreements.model.translations import TRANSLATABLE
from slp_agreements.model.validation import validate
from slp_agreements.questionnaire.engine import Library
from slp_agreements.questionnaire.interview import Interview
from slp_agreements.questionnaire.progress import read_partial, save_partial
from tests.conftest import ROOT
from tests.interviewer import Clerk, plain_answers

NI = ROOT / "examples" / "niedersachsen-webgis.yaml"
EN = yaml.safe_load((ROOT / "tests" / "fixtures" / "niedersachsen-webgis-en.yaml").read_text(encoding="utf-8"))


def _path(text: str) -> tuple[str | int, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", text))


def _bilingual(language: str, leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    """The Niedersachsen situation with {de, en} for every free text of the fixture (except ``leave_out``)."""
    raw = plain_answers(NI)
    raw["language"] = language
    for field, en in EN.items():
        if field in leave_out:
            continue
        *parents, last = _path(field)
        node: Any = raw
        for part in parents:
            node = node[part]
        node[last] = {"de": node[last], "en": en}
    return raw


@pytest.fixture(scope="module")
def library() -> Library:
    return Library.load([])


@pytest.fixture(scope="module")
def played(library: Library) -> tuple[Interview, Clerk]:
    """The Niedersachsen situation played through the engine with documents in German and English."""
    iv = Interview(raw={"schema_version": SCHEMA_VERSION}, lang="de", library=library)
    clerk = Clerk(_bilingual("de,en", leave_out=("data.legal_basis",)))
    clerk.run(iv)
    return iv, clerk


def test_the_first_question_is_the_language_of_the_documents_suggesting_the_questions_language(
    library: Library,
) -> None:
    for lang, label in (("de", "Deutsch"), ("en", "English")):
        iv = Interview(raw={"schema_version": SCHEMA_VERSION}, lang=lang, library=library)
        first = iv.next()
        assert first is not None and first.key == "language"
        assert [o for o, _ in iv.options(first.first, iv.raw)][2] in ("Deutsch und Englisch (beide Fassungen)",
                                                                     "German and English (both versions)")  # fmt: skip
        assert iv.default_text(first.first, iv.raw) == label


def test_german_documents_ask_no_english_version(library: Library) -> None:
    iv = Interview(raw={"schema_version": SCHEMA_VERSION}, lang="de", library=library)
    clerk = Clerk(plain_answers(NI))
    clerk.run(iv)
    assert not any(key.endswith(".en") for key in clerk.typed)
    assert iv.english == {}


def test_each_free_text_is_followed_by_its_english_version_on_the_same_screen_or_right_after(played) -> None:
    _, clerk = played
    keys = list(clerk.typed)
    asked = [k for k in keys if k.endswith(".en")]
    # Every free text the interview asks (review-only details are offered in the review) has its version asked.
    assert {"agreement.project.en", "agreement.subject.en", "agreement.purposes.en", "task.name.en",
            "data.data_subjects.en", "data.data_categories.en", "data.legal_basis.en",
            "data.datasets[0].title.en", "data.datasets[3].description.en",
            "web_app.description.en"} <= set(asked)  # fmt: skip
    for key in asked:
        assert keys.index(key) == keys.index(key.removesuffix(".en")) + 1, key
    # A format or an update word of the fixed vocabulary translates itself: not asked.
    assert not any(k.endswith((".format.en", ".update.en")) for k in asked)
    # Forms keep German and English together: the project's form holds both.
    assert "form:vorhaben" in clerk.screens and "agreement.project.en" not in clerk.screens


def test_the_answers_file_holds_de_and_en_as_build_reads_them_and_the_empty_one_is_in_the_warning(
    played, tmp_path: Path
) -> None:
    iv, _ = played
    data = iv.file_data()
    assert data["agreement"]["subject"]["en"] == EN["agreement.subject"]
    assert data["agreement"]["purposes"][1] == {
        "de": plain_answers(NI)["agreement"]["purposes"][1], "en": EN["agreement.purposes[1]"]}  # fmt: skip
    assert isinstance(data["data"]["legal_basis"], str)  # left empty: the German text alone
    answers = validate(data, tmp_path / "a.yaml")
    # Review-only details (context, retention …) are not asked, so they are not in the file: only the empty one.
    assert [where(p) for p in answers.texts.missing("en")] == ["data.legal_basis"]
    warning = answers.texts.warning("en")
    assert warning is not None and "data.legal_basis" in warning


def test_resuming_keeps_the_english_versions_and_asks_nothing_again(played, library: Library, tmp_path: Path) -> None:
    iv, _ = played
    file = tmp_path / "antworten.yaml"
    save_partial(file, iv.file_data(), iv.state(), iv.dropped)
    saved = read_partial(file)
    assert saved.english == iv.english and saved.raw == iv.raw and saved.lang == "de"
    again = Interview(saved.raw, saved.lang or "de", library, done=saved.done, english=saved.english)
    assert again.next() is None
    rows = {r.key: r.answer for r in again.rows()}
    assert rows["agreement.subject.en"] == EN["agreement.subject"]
    assert rows["data.legal_basis.en"] == ""


def test_a_changed_german_text_asks_its_english_version_again_and_a_list_needs_one_entry_each(played) -> None:
    iv = copy.deepcopy(played[0])
    screen = iv.screen_for("data.legal_basis")
    assert screen is not None
    iv.english[("data", "legal_basis")] = "Art. 6(1)(e) GDPR"
    iv.submit(screen, {"data.legal_basis": "Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 3 NDSG"})
    following = iv.next()
    assert following is not None and following.key == "data.legal_basis.en"
    assert "englische" in iv.recheck["data.legal_basis.en"]
    purposes = next(s for s in iv.steps() if s.key == "agreement.purposes.en")
    read = iv.read(purposes, "only one", iv.raw)
    assert read.problem is not None and "3 Einträge" in read.problem
    assert iv.read(purposes, "a; b; c", iv.raw).value == ["a", "b", "c"]
    assert iv.read(purposes, "-", iv.raw, empty_keeps=False).value is None


def test_every_translatable_free_text_the_questions_ask_is_one_of_translations() -> None:
    """The engine's follow-ups come from model/translations.py alone (no second list)."""
    from slp_agreements.questionnaire.english import translatable
    from slp_agreements.questionnaire.questions import load_questions

    asked = {q.path for q in load_questions()} | {
        f"{q.path}.*.{s.path}" for q in load_questions() for s in q.questions}  # fmt: skip
    listed = {".".join(p[:-1]) if p[-1] == "*" else ".".join(p) for p in TRANSLATABLE}
    found = {p for p in asked if translatable(tuple(p.split(".")))}
    assert found == asked & listed
