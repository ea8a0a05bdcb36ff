"""`diff`: the two sides of a comparison, each a contract made by the tool or an answers file assembled today.

A contract's side is the text the file holds now (edits made in Word or LibreOffice included), read part by part;
only contracts built before edits could be detected fall back to the texts their manifest recorded.
"""

from __future__ import annotations

from pathlib import Path

from slp_agreements.build.assemble import assemble
from slp_agreements.build.compare import Report, compare
from slp_agreements.build.edits import as_edited, checkable
from slp_agreements.build.manifest import content
from slp_agreements.errors import UserError
from slp_agreements.files.answers_file import load_answers
from slp_agreements.files.docx_package import is_docx
from slp_agreements.files.docx_text import part_texts
from slp_agreements.files.manifest_file import read_manifest
from slp_agreements.library.loading import library_for
from slp_agreements.model.manifest import Manifest


def _side(path: Path, lang: str | None, clauses: list[Path]) -> Manifest:
    """One side: the manifest of a DOCX made by the tool, or an answers file assembled with today's library."""
    if not path.is_file():
        raise UserError("Datei nicht gefunden. Bitte den Pfad prüfen.", file=path)
    if is_docx(path) or path.suffix.lower() == ".docx":
        manifest = read_manifest(path)
        if not checkable(manifest):
            return manifest
        return as_edited(manifest, part_texts(path))  # the text the file holds now, edits included
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise UserError(
            "ist weder eine Antwortdatei (.yaml) noch ein mit slp-agreements erzeugter Vertrag (.docx).", file=path
        )
    answers = load_answers(path)
    doc = assemble(answers, library_for(answers, path, clauses), lang)
    return content(answers, doc)


def compare_files(old: Path, new: Path, *, lang: str | None = None, clauses: list[Path] | None = None) -> Report:
    """Compare two answers files or DOCX files made by the tool (or one of each)."""
    if lang is None:
        # An answers file is assembled in the language of the DOCX it is compared with.
        for p in (old, new):
            if is_docx(p):
                lang = read_manifest(p).language or "de"
                break
    return compare(_side(old, lang, clauses or []), _side(new, lang, clauses or []), str(old), str(new))
