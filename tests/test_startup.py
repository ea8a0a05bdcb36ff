"""Start-up: commands that need no Word file do not import docxtpl, python-docx or lxml, and --help no command
module (so they start fast)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROBE = """
import json, sys
from slp_agreements.cli.app import app
try:
    app(sys.argv[1:])
except SystemExit:
    pass
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"docxtpl", "docx", "lxml"})
print("HEAVY=" + json.dumps(heavy), file=sys.stderr)
commands = sorted(m for m in sys.modules if m.startswith("slp_agreements.cli.") and m.count(".") == 2)
print("CLI=" + json.dumps(commands), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args", [["--help"], ["schema"], ["clauses", "list"], ["build", "--help"], ["new", "--out", "{tmp}"]]
)
def test_command_does_not_import_word_libraries(args, tmp_path) -> None:
    # `new` gets no input, so it stops at its first question: up to there no Word library may load.
    args = [a.replace("{tmp}", str(tmp_path / "neu")) for a in args]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=tmp_path, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.stdout, done.stderr
    line = next(x for x in done.stderr.splitlines() if x.startswith("HEAVY="))
    assert json.loads(line.removeprefix("HEAVY=")) == []
    if args == ["--help"]:  # the command table: no command module is imported to list the commands
        line = next(x for x in done.stderr.splitlines() if x.startswith("CLI="))
        assert json.loads(line.removeprefix("CLI=")) == ["slp_agreements.cli.app", "slp_agreements.cli.german"]
