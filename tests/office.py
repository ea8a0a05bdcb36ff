"""Running tests/lo_uno.py (LibreOffice through Python-UNO) from the tests, with Debian's python3 and python3-uno."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SYSTEM_PYTHON = "/usr/bin/python3"
SCRIPT = Path(__file__).resolve().parent / "lo_uno.py"


def _has_uno() -> bool:
    if not shutil.which("soffice") or not Path(SYSTEM_PYTHON).exists():
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


needs_uno = pytest.mark.skipif(
    not _has_uno(), reason="LibreOffice mit python3-uno wird gebraucht: apt-get install libreoffice-writer python3-uno"
)


def lo_jobs(*jobs: list[str | Path]) -> str:
    """Run jobs ('text IN OUT', 'accept IN OUT', 'reject IN OUT', 'edit IN OUT "§ 3" SENTENCE') in one soffice."""
    argv: list[str] = []
    for job in jobs:
        argv += [*(["--"] if argv else []), *map(str, job)]
    done = subprocess.run([SYSTEM_PYTHON, str(SCRIPT), *argv], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout
