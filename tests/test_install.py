"""The README's install line works with pipx and uv: each puts the tool into a fresh home, and the quick start runs.

(pip into a fresh virtualenv: tests/test_wheel.py.) Both tools come from the test extra; they fetch the
dependencies from the package index, as they would on a user's machine.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

QUICK_START = ROOT / "examples" / "niedersachsen-webgis.yaml"
TIMEOUT = 900


def _fresh_home(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A home folder of its own: the tools' folders, caches and the bin folder all live under it."""
    home = tmp_path / "home"
    bin_dir = home / ".local" / "bin"
    bin_dir.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIPX_", "UV_", "VIRTUAL_ENV"))}
    env.update({
        "HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share"), "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_CONFIG_HOME": str(home / ".config"), "XDG_BIN_HOME": str(bin_dir), "PATH": f"{bin_dir}:/usr/bin:/bin",
        "PIPX_HOME": str(home / ".local" / "pipx"), "PIPX_BIN_DIR": str(bin_dir),
        "UV_TOOL_DIR": str(home / ".local" / "uv-tools"), "UV_TOOL_BIN_DIR": str(bin_dir),
        "UV_CACHE_DIR": str(home / ".cache" / "uv"), "UV_PYTHON_DOWNLOADS": "never", "NO_COLOR": "1",
    })  # fmt: skip
    return home, env


INSTALL = {
    # The README's lines, run in the checkout: `pipx install .` and `uv tool install .`
    "pipx": [sys.executable, "-m", "pipx", "install", "--python", sys.executable, "."],
    "uv": [sys.executable, "-m", "uv", "tool", "install", "--python", sys.executable, "."],
}


@pytest.mark.parametrize("tool", sorted(INSTALL))
def test_tool_install_into_a_fresh_home_runs_the_quick_start(tool: str, tmp_path: Path) -> None:
    if importlib.util.find_spec(tool) is None:
        pytest.skip(f"{tool} is not installed (it is in the test extra: pip install -e '.[test]')")
    home, env = _fresh_home(tmp_path)
    installed = subprocess.run(INSTALL[tool], cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    command = home / ".local" / "bin" / "slp-agreements"
    assert command.is_file(), installed.stdout + installed.stderr

    work = tmp_path / "projekt"  # not the checkout: only the installed clause library can be found
    work.mkdir()
    version = subprocess.run([str(command), "--version"], cwd=work, env=env, capture_output=True, text=True)
    assert version.returncode == 0, version.stderr
    library = Path(version.stdout.splitlines()[2].removeprefix("Klauselbibliothek: "))
    assert home in library.parents, version.stdout  # the wheel's own copy, inside the tool's environment

    built = subprocess.run(
        [str(command), "build", str(QUICK_START), "--out", "out/", "--json"],
        cwd=work, env=env, capture_output=True, text=True, timeout=TIMEOUT,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    names = sorted(Path(f["path"]).name for f in json.loads(built.stdout)["files"])
    assert names == [
        "niedersachsen-webgis-beschlussvorlage-heidewinkel.docx",
        "niedersachsen-webgis-beschlussvorlage-kiefernau.docx",
        "niedersachsen-webgis-beschlussvorlage-lindenbruch.docx",
        "niedersachsen-webgis-beschlussvorlage-lk-heideland.docx", "niedersachsen-webgis-checkliste.docx",
        "niedersachsen-webgis-erlaeuterungen.docx", "niedersachsen-webgis-manifest.json",
        "niedersachsen-webgis-vereinbarung.docx",
    ]  # fmt: skip
    assert all((work / "out" / n).stat().st_size > 0 for n in names)
