"""Contracts made before the manifest became a typed model can still be inspected, compared and rebuilt.

The fixture ``tests/fixtures/manifest-v1-vereinbarung.docx`` is examples/bayern-absichtserklaerung.yaml as built by
slp-agreements 0.1.0 at commit 565756d (manifest version 1, as an untyped dict), before the package was split into
stages.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

from tests.conftest import EXAMPLES, ROOT, run_cli

OLD = ROOT / "tests" / "fixtures" / "manifest-v1-vereinbarung.docx"
BAYERN = next(e for e in EXAMPLES if e.stem == "bayern-absichtserklaerung")


def _embedded(path: Path) -> dict[str, Any]:
    """The manifest as the old program wrote it: JSON text inside the custom XML part."""
    with zipfile.ZipFile(path) as z:
        parts = [z.read(n).decode() for n in z.namelist() if re.fullmatch(r"customXml/item\d+\.xml", n)]
    [body] = [m for m in (re.search(r"<manifest[^>]*>(.*)</manifest>", x, re.S) for x in parts) if m]
    text = body.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    found: dict[str, Any] = json.loads(text)
    return found


def test_inspect_shows_an_old_manifest_exactly_as_it_was_written() -> None:
    code, stdout, stderr = run_cli("inspect", OLD, "--json")
    assert code == 0, stderr
    assert json.loads(stdout) == _embedded(OLD)


def test_inspect_gives_back_the_answers_of_an_old_contract(tmp_path: Path) -> None:
    answers = tmp_path / "zurueck.yaml"
    code, _, stderr = run_cli("inspect", OLD, "--answers", answers)
    assert code == 0, stderr
    code, _, stderr = run_cli("build", answers, "--out", tmp_path / "out")
    assert code == 0, stderr


def test_diff_compares_an_old_contract_with_its_answers_file() -> None:
    code, stdout, stderr = run_cli("diff", OLD, BAYERN)
    assert code == 0, stderr
    assert "Abschnitte:" in stdout


def test_rebuild_regenerates_an_old_contract(tmp_path: Path) -> None:
    code, stdout, stderr = run_cli("rebuild", OLD, "--out", tmp_path / "neu", "--json")
    assert code == 0, stderr
    kinds = {f["kind"] for f in json.loads(stdout)["files"]}
    assert kinds >= {"contract", "checklist", "manifest"}
