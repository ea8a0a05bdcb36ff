"""`slp-agreements new`: a whole run in a real terminal, Ctrl-C and resume, piped answers, editing with --from."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from slp_agreements.questionnaire.prompts import PlainPrompter
from slp_agreements.questionnaire.questions import load_questions
from slp_agreements.questionnaire.run import run
from tests.conftest import ROOT, docx_text

pexpect = pytest.importorskip("pexpect")

ENV = {
    **os.environ,
    "PYTHONPATH": str(ROOT),
    "TERM": "xterm",
    "COLUMNS": "80",
    "LINES": "30",
    "PROMPT_TOOLKIT_NO_CPR": "1",
    "NO_COLOR": "1",
}
TIMEOUT = 60

# A declaration of intent by two municipalities: answers by the start of their question.
# int = number of the option, bool = yes/no, str = typed text, list = one per occurrence.
LETTER_OF_INTENT: dict[str, Any] = {
    "In welchem Bundesland": 9,
    "Welche Rechtsform": 3,
    "Was soll die Vereinbarung regeln": 1,
    "Wie heißt das Vorhaben": "Digitale Allianz Heideland",
    "Was ist Gegenstand": "Vorbereitung einer Zusammenarbeit bei digitalen Verwaltungsleistungen",
    "Welche Ziele und Zwecke": "Gemeinsame Bestandsaufnahme; Vorbereitung einer Zweckvereinbarung",
    "Name der Partei": ["Gemeinde Amelinghausen", "Stadt Lüneburg"],
    "Art der Partei": [1, 2],
    "Amtlicher Gemeindeschlüssel": ["03355001", "03355022"],
    "Anschrift (Straße": ["Lüneburger Straße 50, 21385 Amelinghausen", "Am Ochsenmarkt 1, 21335 Lüneburg"],
    "Vertreten durch": ["Klaus Meyer, Bürgermeister", "Dr. Jörg Schäfer, Oberbürgermeister"],
    "Ansprechperson": ["Sabine Otte, bauamt@amelinghausen.example", "Lena Voß, digital@lueneburg.example"],
    "Weitere Partei": False,
    "Welche Partei ist federführend": 2,
    "Ab wann gilt": "01.02.2027",
    "Bis wann": "31.01.2028",
}


def _prompts() -> list[str]:
    """The start of every question's text, longest first (so 'Anschrift (Straße' wins over 'Anschrift')."""
    texts = {"Antwort ändern?"}
    for q in load_questions():
        for item in [q, *q.questions]:
            for words in (item.prompt, item.more):
                if words:
                    texts.add(words.de[:28])
    return sorted(texts, key=len, reverse=True)


def _answer(sheet: dict[str, Any], prompt: str) -> Any:
    key = next((k for k in sheet if prompt.startswith(k) or k.startswith(prompt)), None)
    if key is None:
        return None
    value = sheet[key]
    if isinstance(value, list):
        return value.pop(0) if value else None
    return value


def _keys(value: Any) -> str:
    """Keys for questionary: a shortcut number for choices, 1/2 for yes/no, Ctrl-U and text for typing."""
    if value is None:
        return "\r"
    if isinstance(value, bool):
        return ("1" if value else "2") + "\r"
    if isinstance(value, int):
        return str(value) + "\r"
    return "\x15" + str(value) + "\r"


def _drive(child: Any, sheet: Mapping[str, Any], stop_at: str | None = None) -> list[str]:
    """Answer every question as it appears; return the questions asked (in order)."""
    sheet = {k: list(v) if isinstance(v, list) else v for k, v in sheet.items()}
    prompts = _prompts()
    asked: list[str] = []
    last = ""
    while len(asked) < 200:
        # The question just answered is drawn again with its answer; neither it nor a shorter text inside it counts.
        waiting = [p for p in prompts if not (last.startswith(p) or p.startswith(last))] if last else prompts
        # A question starts with questionary's "?" mark (perhaps with colour codes), not inside the review table.
        questions = [r"\?(?:\x1b\[[0-9;]*m)* " + re.escape(p) for p in waiting]
        i = child.expect([*questions, "Fertig. Im Ordner", pexpect.EOF], timeout=TIMEOUT)
        if i >= len(waiting):
            return asked
        last = waiting[i]
        if stop_at and last.startswith(stop_at):
            return asked
        asked.append(last)
        child.send(_keys(_answer(sheet, last)))
    raise AssertionError(f"the questionnaire does not end: {asked}")


def _spawn(*args: str, cwd: Path) -> Any:
    return pexpect.spawn(
        sys.executable, ["-m", "slp_agreements", "new", *args], cwd=str(cwd), env=ENV, encoding="utf-8",
        dimensions=(30, 80), timeout=TIMEOUT,
    )  # fmt: skip


def _finish(child: Any) -> int:
    child.expect(pexpect.EOF, timeout=TIMEOUT)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else 128 + (child.signalstatus or 0))


def _answers(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_a_whole_run_in_a_terminal_ends_with_agreement_and_checklist(tmp_path: Path) -> None:
    child = _spawn("--out", "vereinbarung", cwd=tmp_path)
    asked = _drive(child, LETTER_OF_INTENT)
    assert _finish(child) == 0, child.before
    out = tmp_path / "vereinbarung"
    assert sorted(p.name for p in out.iterdir()) == [
        "antworten-checkliste.docx", "antworten-erlaeuterungen.docx", "antworten-manifest.json",
        "antworten-vereinbarung.docx", "antworten.yaml",
    ]  # fmt: skip
    contract = docx_text(out / "antworten-vereinbarung.docx")
    assert "Absichtserklärung" in contract and "Digitale Allianz Heideland" in contract
    assert "Gemeinde Amelinghausen" in contract and "Stadt Lüneburg" in contract
    answers = _answers(out / "antworten.yaml")
    assert answers["lead"] == "lueneburg"
    assert [p["id"] for p in answers["parties"]] == ["amelinghausen", "lueneburg"]
    assert (answers["term"]["start"], answers["term"]["end"]) == ("2027-02-01", "2028-01-31")
    assert "costs" not in answers
    assert not any("Kosten" in q or "Kündigungsfrist" in q for q in asked)
    assert 10 <= len(asked) <= 30


def test_ctrl_c_keeps_every_answer_and_resume_continues_where_it_stopped(tmp_path: Path) -> None:
    child = _spawn(cwd=tmp_path)
    _drive(child, LETTER_OF_INTENT, stop_at="Name der Partei")
    child.sendintr()
    child.expect("slp-agreements new --resume", timeout=TIMEOUT)
    assert _finish(child) == 130
    file = tmp_path / "vereinbarung" / "antworten.yaml"
    partial = _answers(file)
    assert partial["land"] == "NI"
    assert partial["agreement"]["project"] == "Digitale Allianz Heideland"
    assert partial["agreement"]["purposes"] == ["Gemeinsame Bestandsaufnahme", "Vorbereitung einer Zweckvereinbarung"]

    child = _spawn("--resume", str(file), cwd=tmp_path)
    asked = _drive(child, LETTER_OF_INTENT)
    assert _finish(child) == 0, child.before
    assert asked[0].startswith("Name der Partei")
    assert not any(q.startswith(("In welchem Bundesland", "Wie heißt das Vorhaben")) for q in asked)
    assert (tmp_path / "vereinbarung" / "antworten-vereinbarung.docx").exists()
    assert _answers(file)["agreement"]["project"] == "Digitale Allianz Heideland"


class _Scripted(PlainPrompter):
    """Answers plain prompts from a sheet and records the lines, as a person would type them into a pipe."""

    def __init__(self, lang: str, sheet: dict[str, Any]) -> None:
        super().__init__(lang)
        self.sheet = {k: list(v) if isinstance(v, list) else v for k, v in sheet.items()}
        self.lines: list[str] = []

    def _line(self, prompt: str) -> str:
        value = _answer(self.sheet, prompt.removeprefix("? ")[:28])
        text = "" if value is None else ("j" if value else "n") if isinstance(value, bool) else str(value)
        self.lines.append(text)
        return text


def test_answers_piped_through_standard_input_build_the_documents(tmp_path: Path) -> None:
    scripted = _Scripted("de", LETTER_OF_INTENT)
    run(out=tmp_path / "probe", answers=None, resume=None, edit=None, lang="de", force=False, prompter=scripted)
    piped = "\n".join(scripted.lines) + "\n"
    result = subprocess.run(
        [sys.executable, "-m", "slp_agreements", "new", "--out", "out"],
        input=piped, cwd=tmp_path, env=ENV, capture_output=True, text=True, timeout=TIMEOUT,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "? Welche Rechtsform soll die Vereinbarung haben? (Nummer eingeben): 3" in result.stdout
    assert "  3) Absichtserklärung (unverbindlich)" in result.stdout
    assert _answers(tmp_path / "out" / "antworten.yaml") == _answers(tmp_path / "probe" / "antworten.yaml")
    assert "Stadt Lüneburg" in docx_text(tmp_path / "out" / "antworten-vereinbarung.docx")


def test_a_wrong_answer_in_a_pipe_is_asked_again_with_what_to_type(tmp_path: Path) -> None:
    scripted = _Scripted("de", LETTER_OF_INTENT)
    run(out=tmp_path / "probe", answers=None, resume=None, edit=None, lang="de", force=False, prompter=scripted)
    lines = scripted.lines
    at = lines.index("03355022")
    lines[at:at] = ["05355022"]
    result = subprocess.run(
        [sys.executable, "-m", "slp_agreements", "new", "--out", "out"],
        input="\n".join(lines) + "\n", cwd=tmp_path, env=ENV, capture_output=True, text=True, timeout=TIMEOUT,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    flat = " ".join(result.stdout.split())
    assert "✗ Bitte noch einmal: AGS '05355022' beginnt mit 05, das Bundesland NI hat aber den Schlüssel 03" in flat
    assert "Bitte 8 Ziffern eingeben, beginnend mit 03" in flat


def test_changing_a_gating_answer_with_from_removes_answers_that_no_longer_apply(tmp_path: Path) -> None:
    file = tmp_path / "antworten.yaml"
    text = (ROOT / "examples" / "niedersachsen-webgis.yaml").read_text(encoding="utf-8")
    file.write_text(text.replace("roles: separate", "roles: processing\n  processor: lk-heideland"), encoding="utf-8")
    before = _answers(file)
    assert before["data"]["roles"] == "processing" and "dpo" in before["parties"][0]
    # Land, instrument, transfer and kind stay (Enter); personal data: yes → no; every other answer stays (Enter).
    piped = "\n\n\n\nn\n" + "\n" * 400
    result = subprocess.run(
        [sys.executable, "-m", "slp_agreements", "new", "--from", str(file), "--out", "out"],
        input=piped, cwd=tmp_path, env=ENV, capture_output=True, text=True, timeout=TIMEOUT,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    after = _answers(file)
    assert after["data"]["personal_data"] is False
    for stale in (
        "roles",
        "processor",
        "data_subjects",
        "data_categories",
        "legal_basis",
        "retention",
        "subprocessors",
    ):
        assert not after["data"].get(stale), stale
    assert not any("dpo" in p for p in after["parties"])
    assert not any(d.get("personal_data") for d in after["data"]["datasets"])
    # Everything else is kept as it was, including what the questionnaire does not ask (phone, date).
    assert after["parties"][0]["contact"]["phone"] == "05800 26-0"
    assert after["agreement"]["date"] == "2026-11-26"
    assert after["costs"]["model"] == "fixed" and float(after["costs"]["annual_budget"]) == 48000
    assert after["agreement"]["task_transfer"] == "delegation" and after["task"]["carrier"] == "lk-heideland"
    assert len(after["data"]["datasets"]) == 4
    assert "Petra Wolff" not in docx_text(tmp_path / "out" / "antworten-vereinbarung.docx")
