"""What reaches the terminal never carries raw control or escape characters: they are shown as symbols."""

from __future__ import annotations

import json

import pytest

from slp_agreements import console
from tests.clause_folders import write
from tests.conftest import ROOT, run_cli

BAYERN = ROOT / "examples" / "bayern-absichtserklaerung.yaml"
CONTROLS = [chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]]
REORDERING = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


@pytest.mark.parametrize("char", CONTROLS + REORDERING, ids=[f"U+{ord(c):04X}" for c in CONTROLS + REORDERING])
def test_every_control_character_is_made_visible(char) -> None:
    shown = console.visible(f"Titel{char}Ende")
    assert char not in shown and shown.startswith("Titel") and shown.endswith("Ende") and len(shown) > 9


def test_escape_sequences_read_as_what_they_are_and_text_stays() -> None:
    assert console.visible("\x1b[2J\x1b[31mrot\x07") == "␛[2J␛[31mrot␇"
    assert console.visible("Zeile 1\n\tZeile 2 – „Zitat“ äöüß") == "Zeile 1\n\tZeile 2 – „Zitat“ äöüß"
    assert console.visible("\x9b2J") == "\\u009b2J"


def test_every_way_to_the_terminal_shows_them(capsys) -> None:
    hostile = "A\x1b[2JB\x9bC\u202eD\rE"
    console.error(hostile)
    console.warn(hostile)
    console.info(hostile)
    console.finding(True, hostile)
    console.heading(hostile)
    console.note(hostile)
    console.problem(hostile)
    console.table(hostile, ["Spalte"], [[hostile]])
    console.review(hostile, [(hostile, [("1", hostile, hostile, False), ("", hostile, hostile, True)])])
    out, err = capsys.readouterr()
    for raw in ("\x1b[2J", "\x9b", "\u202e", "\r"):
        assert raw not in out and raw not in err
    assert "␛[2J" in out and "␛[2J" in err


def test_json_output_stays_valid_and_carries_no_raw_controls(capsys) -> None:
    console.print_json({"title": "A\x1b[2J\x9bB\u202e\x7f"})
    out = capsys.readouterr().out
    assert not any(c in out for c in ("\x1b", "\x9b", "\u202e", "\x7f"))
    assert json.loads(out) == {"title": "A\x1b[2J\x9bB\u202e\x7f"}


def test_an_error_message_echoing_a_key_from_the_file_shows_its_escape_sequence(tmp_path) -> None:
    answers = tmp_path / "antworten.yaml"
    answers.write_text(BAYERN.read_text(encoding="utf-8") + '"\\e[2J\\e[31mschluessel": 1\n', encoding="utf-8")
    code, _, err = run_cli("build", answers, "--out", tmp_path / "out")
    assert code == 1 and "\x1b" not in err and "␛[2J" in err


def test_lint_shows_a_folder_name_with_an_escape_sequence(tmp_path, builtin) -> None:
    folder = tmp_path / "haus\x1b[31m"
    write(folder, "kaputt.yaml", "id: [\n")
    code, out, _ = run_cli("clauses", "lint", folder)
    assert code == 1 and "\x1b" not in out and "haus␛[31m" in out
