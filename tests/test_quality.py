"""Code quality gates that run with the tests: ruff (lint and format) and mypy over the package.

The tools are in the dev extra. With only the test extra installed these gates are skipped and say so;
in CI (CI=true) a missing tool fails instead, so the gates cannot be skipped there by accident.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec(args[0]) is None:
        missing = f"{args[0]} is not installed: pip install -e '.[dev]'"
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_lint() -> None:
    result = _run("ruff", "check", "slp_agreements", "tests", "scripts", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = _run("ruff", "format", "--check", "slp_agreements", "tests", "scripts", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict() -> None:
    result = _run("mypy", "slp_agreements")
    assert result.returncode == 0, result.stdout + result.stderr
