"""Keys in a real terminal (pty): j/n/y in arrow-key lists, Esc and < go back, ? helps, Ctrl-D keeps the answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.test_new import LETTER_OF_INTENT, TIMEOUT, _answers, _drive, _finish, _spawn

pexpect = pytest.importorskip("pexpect")

ROLES = "Wie sind die Beteiligten datenschutzrechtlich"
WEB_APP = "Betreiben die Beteiligten eine gemeinsame Webanwendung"


def _to_personal_data(child: Any) -> None:
    """German documents (Enter), Land (Niedersachsen), a delegation, data sharing: then the yes/no list on personal
    data."""
    for key in ("", "9", "1", "2"):
        child.expect(r"\(Pfeiltasten oder Nummer", timeout=TIMEOUT)
        child.send(key + "\r")
    child.expect("Werden personenbezogene Daten", timeout=TIMEOUT)
    child.expect(r"\(j/n", timeout=TIMEOUT)


@pytest.mark.parametrize(("key", "then"), [("j", ROLES), ("n", WEB_APP)])
def test_j_and_n_in_a_yes_no_list_answer_yes_and_no(tmp_path: Path, key: str, then: str) -> None:
    child = _spawn("--out", "v", cwd=tmp_path)
    _to_personal_data(child)
    child.send(key + "\r")
    child.expect([ROLES, WEB_APP], timeout=TIMEOUT)
    assert child.after == then
    answers = _answers(tmp_path / "v" / "antworten.yaml")
    assert answers["data"]["personal_data"] is (key == "j")
    child.sendintr()
    assert _finish(child) == 130


def test_y_answers_yes_in_english(tmp_path: Path) -> None:
    child = _spawn("--out", "v", "--lang", "en", cwd=tmp_path)
    for key in ("1", "9", "1", "2"):  # German documents: no English versions asked
        child.expect(r"\(arrow keys or number", timeout=TIMEOUT)
        child.send(key + "\r")
    child.expect("Are personal data shared", timeout=TIMEOUT)
    child.expect(r"\(y/n", timeout=TIMEOUT)
    child.send("y\r")
    child.expect("How are the parties responsible", timeout=TIMEOUT)
    child.sendintr()
    child.expect("Continue with: slp-agreements new --resume", timeout=TIMEOUT)
    assert _finish(child) == 130


def test_esc_and_less_than_go_back_one_question_and_question_mark_shows_help(tmp_path: Path) -> None:
    child = _spawn("--out", "v", cwd=tmp_path)
    child.expect("In welcher Sprache sollen die Dokumente", timeout=TIMEOUT)
    child.send("\r")  # Enter: Deutsch
    child.expect("In welchem Bundesland", timeout=TIMEOUT)
    child.send("9\r")
    child.expect("Was geschieht mit der Aufgabe", timeout=TIMEOUT)
    child.send("?")
    child.expect("Eine Absichtserklärung bindet nicht", timeout=TIMEOUT)
    child.send("\x1b")  # Esc
    child.expect("In welchem Bundesland", timeout=TIMEOUT)
    child.send("\r")
    child.expect("Was geschieht mit der Aufgabe", timeout=TIMEOUT)
    child.send("5\r")
    child.expect("Was soll die Vereinbarung regeln", timeout=TIMEOUT)
    child.send("1\r")
    child.expect("Wie heißt das Vorhaben", timeout=TIMEOUT)
    child.send("<\r")  # typed answers: < goes back too
    child.expect("Was soll die Vereinbarung regeln", timeout=TIMEOUT)
    child.sendintr()
    assert _finish(child) == 130


def test_ctrl_d_ends_like_ctrl_c_with_the_resume_hint(tmp_path: Path) -> None:
    child = _spawn("--out", "v", cwd=tmp_path)
    _drive(child, LETTER_OF_INTENT, stop_at="Was ist Gegenstand")
    child.sendcontrol("d")
    child.expect("Fortsetzen mit: slp-agreements new --resume", timeout=TIMEOUT)
    assert "Aborted" not in (child.before or "")
    assert _finish(child) == 130
    assert _answers(tmp_path / "v" / "antworten.yaml")["agreement"]["project"] == "Digitale Allianz Heideland"


def test_a_rejected_answer_is_not_kept_in_the_line_and_resume_says_where_it_goes_on(tmp_path: Path) -> None:
    child = _spawn("--out", "v", cwd=tmp_path)
    _drive(child, LETTER_OF_INTENT, stop_at="Amtlicher Gemeindeschlüssel")
    child.send("1234\r")
    child.expect("Bitte noch einmal", timeout=TIMEOUT)
    child.expect(r"\? Amtlicher Gemeindeschlüssel", timeout=TIMEOUT)
    child.send("03369911\r")  # typed into an empty line, not after '1234'
    child.expect(r"\? Anschrift", timeout=TIMEOUT)
    child.sendintr()
    assert _finish(child) == 130
    child = _spawn("--resume", str(tmp_path / "v" / "antworten.yaml"), cwd=tmp_path)
    child.expect("Zuletzt beantwortet: Beteiligter 1 \\(Gemeinde Moorhausen\\): AGS: 03369911", timeout=TIMEOUT)
    child.expect("Weiter bei: Beteiligte · Beteiligter 1 von 2 \\(Gemeinde Moorhausen\\)", timeout=TIMEOUT)
    child.expect(r"\? Anschrift", timeout=TIMEOUT)
    child.sendintr()
    assert _finish(child) == 130
    assert _answers(tmp_path / "v" / "antworten.yaml")["parties"][0]["ags"] == "03369911"


def test_after_a_wrong_end_date_enter_means_open_ended(tmp_path: Path) -> None:
    child = _spawn("--out", "v", cwd=tmp_path)
    _drive(child, LETTER_OF_INTENT, stop_at="Bis wann")
    child.send("31.01.2020\r")
    child.expect("Bitte noch einmal", timeout=TIMEOUT)
    child.expect(r"\? Bis wann", timeout=TIMEOUT)
    child.send("\r")
    child.expect("Ihre Antworten", timeout=TIMEOUT)
    child.expect("Enter = Dokumente erzeugen", timeout=TIMEOUT)  # the review's prompt is ready for the key
    child.sendintr()
    assert _finish(child) == 130
    assert _answers(tmp_path / "v" / "antworten.yaml")["term"].get("end") is None
