"""Start-up: commands that need no Word file do not import docxtpl, python-docx or lxml (so they start fast)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("docxtpl", "docx", "lxml")
PROBE = """
import json, sys
from slp_agreements.cli import app
try:
    app(sys.argv[1:])
except SystemExit:
    pass
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(json.loads(sys.stdin.readline())))
print(json.dumps(heavy), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["--help"], ["schema"], ["clauses", "list"], ["build", "--help"]])
def test_command_does_not_import_word_libraries(args) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=ROOT, input=json.dumps(HEAVY) + "\n", capture_output=True,
        text=True, check=False,
    )  # fmt: skip
    assert done.stdout, done.stderr
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []
