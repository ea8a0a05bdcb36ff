"""The wheel carries the clause library and templates: installed into a fresh virtualenv, it builds an example."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

from tests.conftest import EXAMPLES, ROOT


def test_installed_wheel_builds_an_example(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True)  # fmt: skip
    wheel = next(dist.glob("*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)], check=True)
    work = tmp_path / "elsewhere"  # not the checkout, so only the installed data can be found
    work.mkdir()
    result = subprocess.run(
        [str(bin_dir / "slp-agreements"), "build", str(EXAMPLES[0]), "--out", str(work / "out"), "--json"],
        cwd=work, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    kinds = {f["kind"] for f in json.loads(result.stdout)["files"]}
    assert kinds == {"contract", "checklist", "notes", "manifest"}  # a declaration of intent: no Beschlussvorlage
    listed = subprocess.run([str(bin_dir / "python"), "-m", "slp_agreements", "example", "--list"],
                            cwd=work, capture_output=True, text=True)  # fmt: skip
    assert listed.returncode == 0 and EXAMPLES[0].stem in listed.stdout
