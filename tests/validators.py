"""Where the official validation data is (``../shared/validators/`` beside the repository): read, never copied.

``SLP_VALIDATORS`` points elsewhere; a git worktree one level deeper (``wt/<branch>``) finds it one level up. In a
plain clone without the folder, the tests that need it skip and say why.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import ROOT

_CANDIDATES = [ROOT.parent / "shared" / "validators", ROOT.parent.parent / "shared" / "validators"]
VALIDATORS = (
    Path(os.environ["SLP_VALIDATORS"])
    if os.environ.get("SLP_VALIDATORS")
    else (next((c for c in _CANDIDATES if c.is_dir()), _CANDIDATES[0]))
)


def validator(*parts: str) -> Path:
    """A file or folder of the official validation data; the test skips with the reason when it is absent."""
    path = VALIDATORS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"official validation data not found: {path} (set SLP_VALIDATORS to the validators folder)")
    return path
