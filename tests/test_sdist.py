"""The sdist is the repository: every tracked file and no ignored one; its lint and architecture tests pass from it."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist built from this checkout, unpacked; returns the folder with its files."""
    dist = tmp_path_factory.mktemp("sdist")
    subprocess.run([sys.executable, "-m", "build", "--sdist", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True)  # fmt: skip
    archive = next(dist.glob("*.tar.gz"))
    with tarfile.open(archive) as tar:
        tar.extractall(dist, filter="data")
    return next(p for p in dist.iterdir() if p.is_dir())


def test_sdist_holds_every_tracked_file(sdist: Path) -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the list of tracked files is unknown")
    tracked = {f for f in _git("ls-files") if (ROOT / f).is_file()}
    packed = {str(p.relative_to(sdist)) for p in sdist.rglob("*") if p.is_file()} - {"PKG-INFO"}
    assert tracked - packed == set(), "missing from the sdist"
    assert {"LICENSE", "scripts/make_templates.py", "benchmarks/run.py", ".ci/run"} <= packed
    assert packed & set(_git("ls-files", "--others", "--ignored", "--exclude-standard")) == set(), "ignored files"


def _git(*args: str) -> list[str]:
    done = subprocess.run(["git", *args, "-z"], cwd=ROOT, capture_output=True, text=True, check=True)
    return [f for f in done.stdout.split("\0") if f]


def test_lint_and_architecture_tests_pass_from_the_sdist(sdist: Path) -> None:
    if importlib.util.find_spec("ruff") is None:
        pytest.skip("ruff is not installed (it is in the dev extra: pip install -e '.[dev]')")
    env = {**os.environ, "PYTHONPATH": str(sdist)}
    tests = ["tests/test_quality.py::test_ruff_lint", "tests/test_quality.py::test_ruff_format",
             "tests/test_architecture.py"]  # fmt: skip
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
                          cwd=sdist, env=env, capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "passed" in done.stdout and "skipped" not in done.stdout, done.stdout
