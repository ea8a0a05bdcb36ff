"""`slp-agreements new`: a whole run in a real terminal, Ctrl-C and resume, piped answers, editing with --from."""

from __future__ import annotations

import os
import re
import shutil
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
# The situation: a Landkreis hosts a web GIS for three Gemeinden (mandate, Art. 28, costs by population).
SITUATION = ROOT / "tests" / "fixtures" / "niedersachsen-mandat-auftragsverarbeitung.yaml"

# A declaration of intent by two municipalities: answers by the start of their question.
# int = number of the option, bool = yes/no, str = typed text, list = one per occurrence.
LETTER_OF_INTENT: dict[str, Any] = {
    "In welchem Bundesland": 9,
    "Was geschieht mit der Aufgabe": 5,
    "Was soll die Vereinbarung regeln": 1,
    "Wie heißt das Vorhaben": "Digitale Allianz Heideland",
    "Was ist Gegenstand": "Vorbereitung einer Zusammenarbeit bei digitalen Verwaltungsleistungen",
    "Welche Ziele und Zwecke": "Gemeinsame Bestandsaufnahme; Vorbereitung einer Zweckvereinbarung",
    "Wie viele Beteiligte": "2",
    "Name des Beteiligten": ["Gemeinde Moorhausen", "Stadt Heidestadt"],
    "Art des Beteiligten": [None, None],  # Enter: Gemeinde and Stadt come from the names
    "Amtlicher Gemeindeschlüssel": ["03369911", "03369904"],
    "Anschrift (Straße": ["Heidestraße 50, 29541 Moorhausen", "Am Markt 2, 29500 Heidestadt"],
    "Vertreten durch": ["Klaus Meyer, Bürgermeister", "Dr. Jörg Schäfer, Oberbürgermeister"],
    "Ansprechperson": ["Sabine Otte, bauamt@moorhausen.example", "Lena Voß, digital@heidestadt.example"],
    "Welcher Beteiligte ist federführend": 2,
    "Ab wann gilt": "01.02.2027",
    "Bis wann": "31.01.2028",
}


def _prompts() -> list[str]:
    """The start of every question's text, longest first (so 'Anschrift (Straße' wins over 'Anschrift')."""
    texts = {"Nummer zum Ändern"}
    for q in load_questions():
        for item in [q, *q.questions]:
            for words in (item.prompt, item.count):
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
    """Keys: the number for choices, j/n for yes/no, Ctrl-U and text for typing."""
    if value is None:
        return "\r"
    if isinstance(value, bool):
        return ("j" if value else "n") + "\r"
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
        # A question starts with the "?" mark (perhaps with colour codes), not inside the review table.
        questions = [r"\?(?:\x1b\[[0-9;]*m)* " + re.escape(p) for p in waiting]
        i = child.expect([*questions, "Fertig. Erzeugt wurden", pexpect.EOF], timeout=TIMEOUT)
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
    assert "Gemeinde Moorhausen" in contract and "Stadt Heidestadt" in contract
    answers = _answers(out / "antworten.yaml")
    assert answers["lead"] == "heidestadt"
    assert [p["id"] for p in answers["parties"]] == ["moorhausen", "heidestadt"]
    assert (answers["term"]["start"], answers["term"]["end"]) == ("2027-02-01", "2028-01-31")
    assert "costs" not in answers
    assert not any("Kosten" in q or "Kündigungsfrist" in q for q in asked)
    assert 10 <= len(asked) <= 30


def test_ctrl_c_keeps_every_answer_and_resume_continues_where_it_stopped(tmp_path: Path) -> None:
    child = _spawn(cwd=tmp_path)
    _drive(child, LETTER_OF_INTENT, stop_at="Name des Beteiligten")
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
    assert asked[0].startswith("Name des Beteiligten")
    assert not any(q.startswith(("In welchem Bundesland", "Wie heißt das Vorhaben")) for q in asked)
    assert (tmp_path / "vereinbarung" / "antworten-vereinbarung.docx").exists()
    assert _answers(file)["agreement"]["project"] == "Digitale Allianz Heideland"


class _Scripted(PlainPrompter):
    """Answers plain prompts from a sheet and records the lines, as a person would type them into a pipe."""

    def __init__(self, lang: str, sheet: dict[str, Any]) -> None:
        super().__init__(lang)
        self.sheet = {k: list(v) if isinstance(v, list) else v for k, v in sheet.items()}
        self.lines: list[str] = []

    def _read(self, prompt: str, help_text: str | None) -> str:
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
    assert "? Was geschieht mit der Aufgabe, um die es geht? (Nummer): 5" in result.stdout
    assert "   5) Zunächst nur eine unverbindliche Absichtserklärung" in result.stdout
    assert _answers(tmp_path / "out" / "antworten.yaml") == _answers(tmp_path / "probe" / "antworten.yaml")
    assert "Stadt Heidestadt" in docx_text(tmp_path / "out" / "antworten-vereinbarung.docx")


def _pipe(*args: str, lines: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "slp_agreements", "new", *args],
        input="\n".join(lines) + "\n", cwd=cwd, env=ENV, capture_output=True, text=True, timeout=TIMEOUT,
    )  # fmt: skip


def _flat(text: str) -> str:
    return " ".join(text.split())


def _letter_lines(tmp_path: Path) -> list[str]:
    scripted = _Scripted("de", LETTER_OF_INTENT)
    run(out=tmp_path / "probe", answers=None, resume=None, edit=None, lang="de", force=False, prompter=scripted)
    return scripted.lines


def test_a_wrong_line_in_a_pipe_is_an_error_naming_the_question_not_a_shift(tmp_path: Path) -> None:
    lines = _letter_lines(tmp_path)
    at = lines.index("03369904")
    lines[at] = "05369904"
    result = _pipe("--out", "out", lines=lines, cwd=tmp_path)
    assert result.returncode == 1, result.stdout
    flat = _flat(result.stderr)
    assert "Frage „Beteiligter 2 (Stadt Heidestadt): AGS“" in flat
    assert "AGS '05369904' beginnt mit 05, Niedersachsen hat aber den Schlüssel 03" in flat
    assert "slp-agreements new --resume out/antworten.yaml" in flat
    assert not (tmp_path / "out" / "antworten-vereinbarung.docx").exists()


def test_a_missing_line_in_a_pipe_is_caught_at_the_question_it_shifts_into(tmp_path: Path) -> None:
    lines = _letter_lines(tmp_path)
    lines.remove("Stadt Heidestadt")  # the next line, the address, would become the name
    result = _pipe("--out", "out", lines=lines, cwd=tmp_path)
    assert result.returncode == 1
    assert "Frage „Beteiligter 2" in _flat(result.stderr)


def test_in_a_pipe_1_is_not_yes_and_the_input_ending_early_names_the_question(tmp_path: Path) -> None:
    file = tmp_path / "antworten.yaml"
    shutil.copy(ROOT / "examples" / "niedersachsen-webgis.yaml", file)
    row = _row(file, "Personenbezogene Daten")
    result = _pipe("--from", str(file), "--out", "out", lines=[str(row), "1"], cwd=tmp_path)
    assert result.returncode == 1
    assert "bitte j (ja) oder n (nein) eingeben" in _flat(result.stderr)
    result = _pipe("--out", "leer", lines=["", "9", "5"], cwd=tmp_path)  # Enter: German documents
    assert result.returncode == 1
    assert "Die Eingabe endete vor der Frage „Gegenstand“" in _flat(result.stderr)


def _row(file: Path, label: str) -> int:
    from slp_agreements.questionnaire.interview import Interview
    from slp_agreements.questionnaire.progress import read_partial
    from slp_agreements.questionnaire.run import library_for

    raw = read_partial(file).raw
    iv = Interview(raw, "de", library_for(raw, file))
    return next(r.number for r in iv.rows() if r.label == label)


def test_from_opens_at_the_review_and_writes_into_out_never_into_the_file(tmp_path: Path) -> None:
    file = tmp_path / "basis.yaml"
    shutil.copy(ROOT / "examples" / "bayern-absichtserklaerung.yaml", file)
    before = file.read_bytes()
    result = _pipe("--from", str(file), "--out", "absicht", lines=[""], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert file.read_bytes() == before
    assert "Frage 1 von" not in result.stdout and "Ihre Antworten" in result.stdout
    written = _answers(tmp_path / "absicht" / "basis.yaml")
    assert written["parties"][0]["name"] == "Markt Altmühlried"
    assert (tmp_path / "absicht" / "basis-vereinbarung.docx").exists()


def test_from_on_the_output_itself_asks_before_the_first_change(tmp_path: Path) -> None:
    file = tmp_path / "vereinbarung" / "antworten.yaml"
    file.parent.mkdir()
    shutil.copy(ROOT / "examples" / "bayern-absichtserklaerung.yaml", file)
    before = file.read_bytes()
    row = _row(file, "Vorhaben")
    result = _pipe("--from", str(file), lines=[str(row), "Digitale Allianz Altmühl", "n"], cwd=tmp_path)
    assert result.returncode == 1
    assert "also in der Datei, die Sie bearbeiten. Fortfahren?" in _flat(result.stdout)
    assert "Nichts geändert" in _flat(result.stderr)
    assert file.read_bytes() == before
    # The command the finished file names in its header works again and again (no --force needed).
    result = _pipe("--from", str(file), lines=[str(row), "Digitale Allianz Altmühl", "j", "", "j"], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _answers(file)["agreement"]["project"] == "Digitale Allianz Altmühl"
    header = file.read_text(encoding="utf-8").splitlines()[1]
    assert f"slp-agreements new --from {file}" in header
    result = _pipe("--from", str(file), lines=["", "j"], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Im Ordner liegen schon antworten-vereinbarung.docx, antworten-checkliste.docx" in _flat(result.stdout)


def test_a_gating_change_says_how_many_answers_it_drops_keeps_them_and_brings_them_back(tmp_path: Path) -> None:
    file = tmp_path / "antworten.yaml"
    shutil.copy(SITUATION, file)
    row = _row(file, "Personenbezogene Daten")
    # No: nothing changes.
    result = _pipe("--from", str(file), "--out", "out", lines=[str(row), "n", "n", ""], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    flat = _flat(result.stdout)
    assert re.search(r"Diese Änderung verwirft \d+ Antwort\(en\)", flat), flat
    assert "Nicht geändert." in flat
    assert _answers(tmp_path / "out" / "antworten.yaml")["data"]["roles"] == "processing"
    # Yes: the answers go to verworfen:, the contract has no data protection officers.
    result = _pipe("--from", str(file), "--out", "out2", lines=[str(row), "n", "j", ""], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    after = _answers(tmp_path / "out2" / "antworten.yaml")
    assert after["data"]["personal_data"] is False and "roles" not in after["data"]
    assert not any("dpo" in p for p in after["parties"])
    assert after["verworfen"]["data.roles"] == "processing"
    assert after["verworfen"]["parties[0].dpo"]["name"] == "Petra Wolff"
    assert after["parties"][0]["contact"]["phone"] == "05800 26-0"  # what the questionnaire does not ask stays
    assert "Petra Wolff" not in docx_text(tmp_path / "out2" / "antworten-vereinbarung.docx")
    # Switching back restores every dropped answer.
    edited = tmp_path / "out2" / "antworten.yaml"
    result = _pipe("--from", str(edited), "--out", "out3", lines=[str(row), "j", ""], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "früher verworfene Antwort(en) wiederhergestellt" in _flat(result.stdout)
    back = _answers(tmp_path / "out3" / "antworten.yaml")
    assert back["data"]["roles"] == "processing" and back["parties"][0]["dpo"]["name"] == "Petra Wolff"
    assert back["data"]["processor"] == "lk-heideland"
    assert "verworfen" not in back


def test_the_final_check_shows_its_problems_below_the_review_with_row_label_and_german_date(tmp_path: Path) -> None:
    file = tmp_path / "antworten.yaml"
    data = yaml.safe_load((ROOT / "examples" / "bayern-absichtserklaerung.yaml").read_text(encoding="utf-8"))
    data["term"]["end"] = "2026-01-31"  # before the start, as a file written by hand may say
    file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    end = _row(file, "Ende")
    result = _pipe("--from", str(file), "--out", "out", lines=["", str(end), "31.01.2028", ""], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    table_end = out.index("Vor dem Erzeugen noch zu klären (1):")
    assert out.index("Ihre Antworten") < table_end  # below the table, not above it
    assert f"Nr. {end} – Ende: Ende (31.01.2026) muss nach dem Beginn (01.02.2027) liegen" in _flat(out)
    assert "term.end" not in out[table_end:]


def test_a_missing_indicator_table_is_refused_at_the_answer_and_a_failed_build_returns_to_the_review(
    tmp_path: Path,
) -> None:
    file = tmp_path / "antworten.yaml"
    data = yaml.safe_load((ROOT / "examples" / "niedersachsen-webgis.yaml").read_text(encoding="utf-8"))
    file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    row = _row(file, "Indikatorentabelle")
    result = _pipe("--from", str(file), "--out", "out", lines=[str(row), "fehlt.csv"], cwd=tmp_path)
    assert result.returncode == 1
    assert "Datei nicht gefunden" in _flat(result.stderr) and "Indikatorentabelle" in _flat(result.stderr)


def test_after_the_build_full_paths_and_the_next_steps_are_shown(tmp_path: Path) -> None:
    result = _pipe("--out", "out", lines=_letter_lines(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    contract = (tmp_path / "out" / "antworten-vereinbarung.docx").resolve()
    assert f"  {contract}" in result.stdout
    flat = _flat(result.stdout)
    assert f"1. Den Vertragsentwurf in Word öffnen und lesen: {contract}" in flat
    assert "2. Die Checkliste Schritt für Schritt abarbeiten:" in flat
    assert "3. Beides dem Rechtsamt zur Prüfung senden" in flat


def test_back_works_in_piped_mode_and_is_documented_on_the_first_screen(tmp_path: Path) -> None:
    lines = _letter_lines(tmp_path)
    at = lines.index("Digitale Allianz Heideland")
    lines[at:at] = ["Falscher Name", "<"]  # typed the project, went back to it from the subject
    result = _pipe("--out", "out", lines=lines, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "< = eine Frage zurück" in _flat(result.stdout)
    assert _answers(tmp_path / "out" / "antworten.yaml")["agreement"]["project"] == "Digitale Allianz Heideland"


def test_english_prompts_and_messages_under_lang_en(tmp_path: Path) -> None:
    scripted = _Scripted("en", {})
    # Enter: English documents (the questions' language), so each free text is followed by its English version.
    lines = ["", "9", "5", "1", "Digitale Allianz", "Digital alliance", "Vorbereitung", "Preparing cooperation",
             "Bestandsaufnahme", "Stock-taking", "2", "Gemeinde Moorhausen", "", "0336900"]  # fmt: skip
    del scripted
    result = _pipe("--lang", "en", "--out", "out", lines=lines, cwd=tmp_path)
    assert result.returncode == 1
    out = _flat(result.stdout + result.stderr)
    assert "Which German Land's law applies?" in out and "question" in out
    assert "AGS: exactly 8 digits" in out or "Please type 8 digits" in out
    assert "Pflichtangabe" not in out and "Bitte" not in out and "Frage" not in out
