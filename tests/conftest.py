"""Shared fixtures: the examples, built once per test session, and helpers to read DOCX text."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from slp_agreements.cli.app import app
from tests.browser import browser  # noqa: F401 - fixture: one headless Chromium per session (tests/browser.py)
from tests.clause_folders import builtin  # noqa: F401 - fixture: a tiny built-in library for overlay tests

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _remember_the_command() -> None:
    """typer's test runner makes the app's click command on every call (it walks every command's signature, about
    0.1 s); the command keeps no state between calls, as the console script, which makes it once per process, shows.
    So the tests make it once per app and session. Without the module function (another typer), nothing changes.
    """
    import typer.testing

    make = getattr(typer.testing, "_get_command", None)
    if make is None:
        return
    made: dict[int, tuple[Any, Any]] = {}

    def get_command(typer_app: Any) -> Any:
        if id(typer_app) not in made:
            made[id(typer_app)] = (typer_app, make(typer_app))  # the app is kept, so its id stays its own
        return made[id(typer_app)][1]

    typer.testing._get_command = get_command  # type: ignore[attr-defined]


_remember_the_command()

# The cache of clause texts (files/cache.py) of this test session lives in a folder of its own, so that the tests
# neither read nor fill the user's cache; processes the tests start inherit it.
if "SLP_AGREEMENTS_CACHE_DIR" not in os.environ:
    os.environ["SLP_AGREEMENTS_CACHE_DIR"] = tempfile.mkdtemp(prefix="slp-agreements-test-cache-")
    atexit.register(shutil.rmtree, os.environ["SLP_AGREEMENTS_CACHE_DIR"], ignore_errors=True)


def run_cli(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run the CLI in-process; return exit code, stdout and stderr."""
    result = CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "200", **(env or {})})
    return result.exit_code, result.stdout, result.stderr


_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def docx_paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph, body tables included; non-breaking spaces read as spaces."""
    import docx

    d = docx.Document(str(path))
    out = [(p.style.name if p.style is not None else "", p.text.translate(_SPACES)) for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                out += [
                    (p.style.name if p.style is not None else "", p.text.translate(_SPACES)) for p in cell.paragraphs
                ]
    return out


def docx_text(path: Path) -> str:
    """All paragraph text of a DOCX, one paragraph a line."""
    return "\n".join(text for _, text in docx_paragraphs(path))


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict[str, object]]:
    """Every example built in German and English: (stem, lang) -> build --json result."""
    results: dict[tuple[str, str], dict[str, object]] = {}
    base = tmp_path_factory.mktemp("built")
    for example in EXAMPLES:
        for lang in ("de", "en"):
            out = base / f"{example.stem}-{lang}"
            code, stdout, stderr = run_cli("build", example, "--out", out, "--lang", lang, "--json")
            assert code == 0, f"{example.name} ({lang}): {stderr}"
            results[(example.stem, lang)] = json.loads(stdout)
    return results


def output(result: dict[str, object], kind: str) -> Path:
    """Path of the output of one kind from a build --json result."""
    files = result["files"]
    assert isinstance(files, list)
    return Path(next(f["path"] for f in files if f["kind"] == kind))


# Every DOCX the suite writes lands under pytest's temporary folder; one test at the very end opens them all in
# LibreOffice (tests/test_word_processor.py). Deliberately broken .docx files live in folders with this name.
NOT_A_DOCUMENT = "kaputte-vorlagen"


def pytest_addoption(parser: pytest.Parser) -> None:
    """--update-golden: write the golden texts anew instead of comparing (tests/test_golden.py)."""
    parser.addoption(
        "--update-golden", action="store_true", default=False, help="Golden-Texte in tests/golden/ neu schreiben"
    )


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker for tests that must run after all others."""
    config.addinivalue_line("markers", "after_all_others: runs at the end of the session (sees all generated files)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Move tests marked after_all_others to the end, whatever their file name."""
    items.sort(key=lambda item: item.get_closest_marker("after_all_others") is not None)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """How many DOCX LibreOffice opened; how many answers files the property tests generated and how they ended."""
    opened = getattr(sys.modules.get("tests.test_word_processor"), "OPENED", None)
    if opened:
        terminalreporter.write_line(f"LibreOffice opened {opened[-1]} DOCX files (first and last variant of each name)")
    checked = getattr(sys.modules.get("tests.test_ooxml"), "CHECKED", None)
    if checked:
        terminalreporter.write_line(f"openxml-audit and the OOXML schemas checked {checked[-1]} distinct DOCX files")
    props = sys.modules.get("tests.test_properties")
    stats = getattr(props, "STATS", None)
    if stats and stats["examples"]:
        seconds, case = stats["slowest"]
        terminalreporter.write_line(
            f"property tests: {stats['examples']} generated answers files; {stats['docx']} built a DOCX, "
            f"{stats['documents']} a document model, {stats['user_errors']} ended in a clean user error; "
            f"slowest {seconds:.2f} s ({case})"
        )
