"""`inspect`, `diff` and `rebuild` of crafted Word files: one German line, exit 1, nothing written, no traceback;
`inspect --json` prints valid JSON only (no NaN), or nothing.

The variants (tests/crafted_docx.py) start from a real contract: a zip that is no DOCX, truncated or corrupted
archives, encryption and unknown compression flags, and manifests that are broken, empty, NaN, nested without end,
huge, from the future or tampered with.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, NOT_A_DOCUMENT, run_cli
from tests.crafted_docx import VARIANTS, crafted

EXAMPLE = next(e for e in EXAMPLES if e.stem == "bayern-absichtserklaerung")
# tampered answers inside a well-formed manifest: the file can be shown and compared, but not rebuilt from
READABLE = {"manifest-answers-bad-land", "manifest-answers-impossible-date"}
COMMANDS = ["inspect", "inspect-json", "diff-as-new", "diff-as-old", "rebuild"]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("vertrag")
    assert run_cli("build", EXAMPLE, "--out", out)[0] == 0
    contract = out / f"{EXAMPLE.stem}-vereinbarung.docx"
    folder = tmp_path_factory.mktemp("praepariert") / NOT_A_DOCUMENT  # crafted: the end-of-session checks skip them
    folder.mkdir()
    return {"good": contract, **{v: crafted(contract, v, folder / f"{v}.docx") for v in VARIANTS}}


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} in JSON output")


def _command(command: str, bad: Path, good: Path, out: Path) -> list[str | Path]:
    return {
        "inspect": ["inspect", bad],
        "inspect-json": ["inspect", bad, "--json"],
        "diff-as-new": ["diff", good, bad],
        "diff-as-old": ["diff", bad, good],
        "rebuild": ["rebuild", bad, "--out", out],
    }[command]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_a_crafted_word_file_gets_one_line_and_nothing_is_written(
    variant: str, command: str, files: dict[str, Path], tmp_path: Path
) -> None:
    bad, out = files[variant], tmp_path / "neu"
    code, stdout, stderr = run_cli(*_command(command, bad, files["good"], out))
    assert "Traceback" not in stdout + stderr
    assert not out.exists(), "nothing is written"
    if variant in READABLE and command != "rebuild":
        assert code == 0, stderr
        if command == "inspect-json":
            json.loads(stdout, parse_constant=_no_constant)
        return
    assert code == 1, f"exit {code}: {stdout[:300]}"
    lines = stderr.strip().splitlines()
    assert stderr.startswith("Fehler: ") and stderr.count("Fehler:") == 1, stderr
    if variant in READABLE:  # the embedded answers are checked like an answers file: each problem with its field
        assert len(lines) == 2 and any(f in lines[1] for f in ("land:", "term.start:")), stderr
    else:
        assert len(lines) == 1, stderr
    assert str(bad) in stderr
    assert not stdout.strip(), "no half output before the message"
