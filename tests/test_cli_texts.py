"""The command line speaks German: help pages, usage lines, parser errors, aborts and --version, for every command."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer.main

from slp_agreements import __version__, resources
from slp_agreements.cli.app import app
from tests.conftest import EXAMPLES, ROOT, run_cli

# What typer and click print in English on their own (help layout, parser errors, prompts, aborts).
ENGLISH = [
    "Usage:", "Options:", "Arguments:", "Commands:", "Show this message", "Try '", "for help", "Error:",
    "No such option", "No such command", "Missing argument", "Missing option", "Missing parameter", "Missing command",
    "Invalid value", "is not one of", "Possible options", "Did you mean", "unexpected extra", "requires an argument",
    "does not take a value", "Aborted", "default:", "[required]", "env var", "(dynamic)", "does not exist",
    "is a directory", "is not readable", "is not writable", "Value error", "is not a valid", "Value must be",
    "[OPTIONS]", "COMMAND [ARGS]", "Repeat for confirmation", "[y/N]", "[Y/n]", " or '",
]  # fmt: skip
# typer's notation for types and required arguments: <path>, <list[Path]>, <de|en>, {ANTWORTEN.yaml...}
INTERNAL_NOTATION = re.compile(r"<[\w\[\]|., ]+>|\{[^}\s]*\}")


def _command_paths() -> Iterator[list[str]]:
    """Every command and group, found in the app itself: a new command is checked without editing this test."""

    def walk(command: object, path: list[str]) -> Iterator[list[str]]:
        yield path
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, [*path, name])

    yield from walk(typer.main.get_command(app), [])


COMMANDS = list(_command_paths())


def _no_english(text: str) -> None:
    found = [phrase for phrase in ENGLISH if phrase in text]
    assert not found, f"English framework text {found} in:\n{text}"
    assert not INTERNAL_NOTATION.search(text), f"internal notation in:\n{text}"


def test_every_command_is_found() -> None:
    names = {" ".join(p) for p in COMMANDS}
    assert {"build", "new", "diff", "clauses lint", "datasets export", "template export"} <= names
    assert len(COMMANDS) >= 20


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "slp-agreements")
def test_help_is_german_with_words_as_placeholders(path: list[str]) -> None:
    code, out, err = run_cli(*path, "--help", env={"COLUMNS": "80"})
    assert code == 0, err
    assert out.startswith(f"Aufruf: {' '.join(['slp-agreements', *path])} [OPTIONEN]")
    assert "--help  " in out and "Diese Hilfe zeigen und beenden." in out
    _no_english(out + err)
    assert all(len(line) <= 80 for line in out.splitlines()), out


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "slp-agreements")
def test_a_wrong_option_is_one_german_sentence_with_usage_and_help(path: list[str]) -> None:
    code, out, err = run_cli(*path, "--gibt-es-nicht")
    assert code == 2
    command = " ".join(["slp-agreements", *path])
    assert err.startswith("Fehler: Die Option --gibt-es-nicht gibt es hier nicht")
    assert f"Aufruf: {command} [OPTIONEN]" in err
    assert err.rstrip().endswith(f"Mehr dazu: {command} --help")
    _no_english(out + err)


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["build", "--frce", "x.yaml"], "Die Option --frce gibt es hier nicht; meinten Sie --force?"),
        (["build"], "Bitte ANTWORTEN.yaml angeben."),
        (["build", "x.yaml", "--lang", "fr"], "--lang: 'fr' ist keine Sprache; möglich sind de, en oder de,en."),
        (["bild"], "Den Befehl 'bild' gibt es nicht; meinten Sie 'build' oder 'rebuild'?"),
        (["clauses", "lnt"], "Den Befehl 'lnt' gibt es nicht; meinten Sie 'lint'?"),
        (["schema", "überzählig"], "Überzählige Angabe: überzählig."),
        (["build", "x.yaml", "--out"], "Die Option --out braucht einen Wert."),
        (["build", "x.yaml", "--force=ja"], "Die Option --force nimmt keinen Wert."),
        (["diff", "alt.yaml"], "Bitte NEU angeben."),
        (["clauses", "new", "haus.x"], "Die Option --dir fehlt (Pflichtangabe)."),
        (["datasets", "export", "x.yaml", "--format", "csv"],
         "Ungültiger Wert 'csv' für --format; möglich sind dcat-ap-de."),
        (["build", "a.yaml", "b.yaml", "--each-party", "t.csv"],
         "ANTWORTEN.yaml: mit --each-party genau eine Antwortdatei angeben"),
    ],
)  # fmt: skip
def test_parser_errors_are_worded_in_german(args: list[str], sentence: str) -> None:
    code, out, err = run_cli(*args)
    assert code == 2
    assert err.splitlines()[0] == f"Fehler: {sentence}"
    assert err.splitlines()[1].startswith("Aufruf: slp-agreements ")
    _no_english(out + err)


def test_a_group_without_command_shows_its_german_help() -> None:
    code, out, err = run_cli("clauses")
    assert code == 2
    assert "Aufruf: slp-agreements clauses [OPTIONEN] BEFEHL [ARGUMENTE]..." in err
    assert "Befehle:" in err and "lint" in err
    _no_english(out + err)


def test_version_names_program_python_and_clause_library() -> None:
    code, out, err = run_cli("--version")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"slp-agreements {__version__}"
    assert lines[1] == f"Python {sys.version.split()[0]} ({sys.executable})"
    assert lines[2] == f"Klauselbibliothek: {resources.clauses_dir()}"
    assert Path(lines[2].removeprefix("Klauselbibliothek: ")).joinpath("laender", "NI.yaml").is_file()


def test_ctrl_c_during_a_command_ends_with_one_german_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import slp_agreements.pipeline.agreement as agreement

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(agreement, "build", interrupted)
    code, out, err = run_cli("build", EXAMPLES[0], "--out", tmp_path / "out")
    assert code == 130
    assert err.strip() == "Hinweis: Abgebrochen (Strg+C)."
    _no_english(out + err)


def test_ctrl_d_at_a_question_keeps_the_answers_like_ctrl_c(tmp_path: Path) -> None:
    from tests.test_new import LETTER_OF_INTENT, _drive, _finish, _spawn

    child = _spawn(cwd=tmp_path)
    _drive(child, LETTER_OF_INTENT, stop_at="Wie heißt das Vorhaben")
    child.sendcontrol("d")
    child.expect("Fortsetzen mit: slp-agreements new --resume", timeout=60)
    assert _finish(child) == 130
    assert "Aborted" not in (child.before or "")
    assert "land: NI" in (tmp_path / "vereinbarung" / "antworten.yaml").read_text(encoding="utf-8")


def _cells(output: str) -> list[str]:
    """The words inside a table's cells, as printed."""
    return [w for line in output.splitlines() for cell in re.split(r"[│┃]", line)[1:-1] for w in cell.split()]


@pytest.mark.parametrize(
    "args",
    [
        ["example", "--list"],
        ["clauses", "list"],
        ["checklist", str(EXAMPLES[-1])],
        ["clauses", "coverage", str(EXAMPLES[0])],
    ],
    ids=["example --list", "clauses list", "checklist", "clauses coverage"],
)
def test_tables_at_80_columns_break_lines_between_words(args: list[str]) -> None:
    wide = run_cli(*args, env={"COLUMNS": "400"})[1]
    code, narrow, err = run_cli(*args, env={"COLUMNS": "80"})
    assert code == 0, err
    assert all(len(line) <= 80 for line in narrow.splitlines()), narrow
    assert set(_cells(wide)) <= set(_cells(narrow)), sorted(set(_cells(wide)) - set(_cells(narrow)))[:10]


def test_example_list_describes_each_example_in_a_whole_sentence() -> None:
    code, out, _ = run_cli("example", "--list", env={"COLUMNS": "400"})
    assert code == 0
    assert "(Art. 26 DSGVO)." in out  # the NRW sentence runs over two lines of its file and is not cut
    assert "Vier Gemeinden und ihre Verwaltungsgemeinschaft in Bayern" in out
    assert "Alle Namen" not in out  # only the first sentence


def test_example_out_names_the_table_that_is_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "indikatoren-flaeche-wohnen.csv").write_text("eigene Tabelle\n", encoding="utf-8")
    code, _, err = run_cli("example", "nrw-wohnungsmarkt", "--out", tmp_path / "nrw.yaml")
    assert code == 1
    assert "indikatoren-flaeche-wohnen.csv" in err and "Das Beispiel liest diese Tabelle" in err
    assert "in einem anderen Ordner" in err
    assert not (tmp_path / "nrw.yaml").exists()
    assert (tmp_path / "indikatoren-flaeche-wohnen.csv").read_text(encoding="utf-8") == "eigene Tabelle\n"


def test_coverage_names_german_and_eu_norms_only() -> None:
    code, out, err = run_cli(
        "clauses", "coverage", ROOT / "examples" / "nrw-wohnungsmarkt.yaml", env={"COLUMNS": "400"}
    )
    assert code == 0, err
    assert "Art. 26 Abs. 1 Satz 2 DSGVO" in out and "Art. 5 Abs. 2 DSGVO" in out
    assert "ICO" not in out and "Code of Practice" not in out


@pytest.mark.parametrize(
    "english",
    [
        "Got unexpected extra argument(s) (a b)", "Option '--x' requires 2 arguments.", "Argument 'x' takes 2 values.",
        "Missing command.", "Value must be an iterable.", "Value 'x' is not a valid Foo.",
        "Path 'a.yaml' does not exist.", "File 'a' is a directory.", "Directory 'a' is a file.",
        "Path 'a' is not readable.", "Path 'a' is not writable.",
    ],
)  # fmt: skip
def test_parser_messages_commands_here_do_not_reach_are_german_too(english: str) -> None:
    from typer._click.exceptions import UsageError

    from slp_agreements.cli.german import message

    german = message(UsageError(english))
    assert german != english
    _no_english(german)
