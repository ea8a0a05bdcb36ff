"""Golden texts: every example's contract and checklist, de and en, match the stored text in tests/golden/.

A change of wording in a clause, a checklist step or a Land fact shows as a unified diff here and is accepted
only deliberately, by writing the new snapshots: ``python -m pytest tests/test_golden.py --update-golden``.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from slp_agreements.library.clauses import ClauseLibrary
from slp_agreements.library.loading import load_library
from tests.conftest import EXAMPLES
from tests.golden_text import UPDATE_COMMAND, difference, golden_file, snapshot


@functools.cache
def _library() -> ClauseLibrary:
    return load_library()


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
def test_contract_and_checklist_match_the_golden_text(example: Path, lang: str, request: pytest.FixtureRequest) -> None:
    """The built text equals the stored snapshot; otherwise the failure shows the diff and how to accept it."""
    actual = snapshot(example, lang, _library())
    stored = golden_file(example, lang)
    if request.config.getoption("--update-golden"):
        stored.parent.mkdir(parents=True, exist_ok=True)
        stored.write_text(actual, encoding="utf-8")
        return
    assert stored.is_file(), f"{stored.name} fehlt; anlegen mit: {UPDATE_COMMAND}"
    diff = difference(stored.read_text(encoding="utf-8"), actual, stored.name)
    if diff:
        pytest.fail(f"Der Text hat sich geändert:\n{diff}\n\nIst die Änderung gewollt: {UPDATE_COMMAND}", pytrace=False)


def test_every_golden_file_belongs_to_an_example() -> None:
    """No snapshot outlives its example (a renamed example leaves no stale file behind)."""
    expected = {golden_file(e, lang).name for e in EXAMPLES for lang in ("de", "en")}
    present = {p.name for p in golden_file(EXAMPLES[0], "de").parent.glob("*.txt")}
    assert present == expected


def test_a_changed_word_shows_as_a_readable_diff() -> None:
    """One word changed in one § gives a diff with the old and the new paragraph, not a byte offset."""
    example = next(e for e in EXAMPLES if e.stem == "niedersachsen-webgis")
    text = snapshot(example, "de", _library())
    assert "unverzüglich" in text
    changed = text.replace("unverzüglich", "zeitnah", 1)
    diff = difference(text, changed, "niedersachsen-webgis-de.txt")
    removed = [line for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert len(removed) == len(added) == 1
    assert "unverzüglich" in removed[0] and "zeitnah" in added[0]


def test_the_snapshot_holds_titles_paragraphs_and_the_checklist_columns() -> None:
    """Per § number, title and paragraphs; per checklist step its id, role and legal basis (English in English)."""
    example = next(e for e in EXAMPLES if e.stem == "hessen-beteiligungsportal")
    de = snapshot(example, "de", _library())
    en = snapshot(example, "en", _library())
    assert "§ 1 " in de and "(1) " in de and "## " in de and "- [dp-combined-role-check] " in de
    assert "Section 1 " in en and "- [dp-combined-role-check] " in en
    basis_en = [line.strip() for line in en.split("– Checkliste", 1)[1].splitlines() if line.startswith("    ")]
    assert basis_en and not [b for b in basis_en if "DSGVO" in b or "Richtlinie" in b], "German citation in English"
