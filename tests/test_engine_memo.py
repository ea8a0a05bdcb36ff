"""The engine keeps what it computed for the last states of the answers: a kept result never changes a page."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from slp_agreements.model.answers import SCHEMA_VERSION
from slp_agreements.questionnaire import engine
from slp_agreements.questionnaire.engine import Library
from slp_agreements.questionnaire.interview import Interview
from tests.interviewer import Clerk, plain_answers
from tests.test_new import SITUATION

testclient = pytest.importorskip("starlette.testclient")

from slp_agreements.web.app import create_app  # noqa: E402


def _played(library: Library, fresh: bool) -> tuple[Interview, Clerk, list[tuple[str, int, int]]]:
    """The Niedersachsen situation through the engine; ``fresh``: every kept result forgotten before each screen."""
    iv = Interview(raw={"schema_version": SCHEMA_VERSION}, lang="de", library=library)
    clerk = Clerk(plain_answers(SITUATION))
    positions = []
    while (screen := iv.next()) is not None:
        if fresh:
            engine.forget()
        pos = iv.position(screen)
        positions.append((screen.key, pos.number, pos.total))
        clerk.answer(iv, screen)
    return iv, clerk, positions


def test_kept_and_fresh_results_give_the_same_interview() -> None:
    library = Library.load([])
    kept = _played(library, fresh=False)
    fresh = _played(library, fresh=True)
    assert kept[2] == fresh[2]  # the same screens, positions and estimates
    assert kept[1].typed == fresh[1].typed  # the same suggestions (Enter kept them alike)
    assert kept[0].raw == fresh[0].raw
    assert [r.answer for r in kept[0].rows()] == [r.answer for r in fresh[0].rows()]


def test_kept_and_fresh_results_give_the_same_pages(tmp_path: Path) -> None:
    shutil.copy(SITUATION, tmp_path / "ni.yaml")
    client = testclient.TestClient(create_app(tmp_path, pdf=False), base_url="http://127.0.0.1:8765")
    keys = ["language", "land", "agreement.task_transfer", "parties[0]", "parties[2]", "lead", "form:laufzeit",
            "data.datasets[0]", "data.roles", "form:webanwendung"]  # fmt: skip

    def page(key: str) -> Any:
        answer = client.get(f"/v/ni/frage?s={quote(key)}")
        assert answer.status_code == 200, key
        return answer.text

    kept = {key: page(key) for key in keys}
    kept = {key: page(key) for key in keys}  # now every page from kept results
    for key in keys:
        engine.forget()
        assert page(key) == kept[key], key
