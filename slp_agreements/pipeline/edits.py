"""Edits in a contract since it was generated: read the file's manifest and its text, compare them part by part."""

from __future__ import annotations

from pathlib import Path

from slp_agreements.build.edits import Edit, checkable, find_edits, holds_parts
from slp_agreements.files.docx_text import part_texts
from slp_agreements.files.manifest_file import read_manifest
from slp_agreements.model.manifest import Manifest


def edits_in(path: Path) -> tuple[Manifest, list[Edit] | None]:
    """The file's manifest and its edited parts; None when they cannot be told (built before edits were detected,
    or a checklist, which carries the contract's manifest but not its text)."""
    manifest = read_manifest(path)
    if not checkable(manifest):
        return manifest, None
    parts = part_texts(path)
    if not holds_parts(manifest, parts):
        return manifest, None
    return manifest, find_edits(manifest, parts)


def describe(edits: list[Edit], lang: str) -> str:
    """'§ 3 (coop.steering), Anlage 2 (annex.datasets)'."""
    return ", ".join(f"{e.label(lang)} ({e.section.id})" for e in edits)
