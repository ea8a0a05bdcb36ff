"""`diff`: the two sides of a comparison, each a contract made by the tool or an answers file assembled today.

A contract's side is the text the file holds now (edits made in Word or LibreOffice included), read part by part;
only contracts built before edits could be detected fall back to the texts their manifest recorded.
"""

from __future__ import annotations

from pathlib import Path

from slp_agreements.build.assemble import assemble
from slp_agreements.build.compare import Report, compare
from slp_agreements.build.edits import as_edited, checkable, holds_parts
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
        parts = part_texts(path) if checkable(manifest) else {}
        if not holds_parts(manifest, parts):  # built before edits were detected, or a checklist
            return manifest
        return as_edited(manifest, parts)  # the text the file holds now, edits included
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise UserError(
            "ist weder eine Antwortdatei (.yaml) noch ein mit slp-agreements erzeugter Vertrag (.docx).", file=path
        )
    answers = load_answers(path)
    doc = assemble(answers, library_for(answers, path, clauses), lang, path)
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


def _contract(path: Path, clauses: list[Path], lang: str | None, tmp: Path) -> tuple[bytes, Manifest]:
    """A side of a redline as DOCX bytes and manifest: the contract itself, or an answers file built in ``tmp``."""
    if not path.is_file():
        raise UserError("Datei nicht gefunden. Bitte den Pfad prüfen.", file=path)
    if is_docx(path):
        return path.read_bytes(), read_manifest(path)
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise UserError(
            "ist weder eine Antwortdatei (.yaml) noch ein mit slp-agreements erzeugter Vertrag (.docx).", file=path
        )
    from slp_agreements.pipeline.agreement import build

    result = build(path, tmp / path.stem, lang=lang, clauses=clauses)
    contract = next(o for o in result.files if o.kind == "contract")
    return contract.data, read_manifest(contract.path)


def _numbers(manifest: Manifest) -> dict[tuple[str, str], str]:
    return {(s.part, s.number): s.id for s in manifest.sections if s.number}


def write_redline(old: Path, new: Path, target: Path, *, author: str = "slp-agreements", lang: str | None = None,
                  clauses: list[Path] | None = None) -> dict[str, int]:  # fmt: skip
    """Write NEW as a DOCX whose differences from OLD are tracked changes; how many revisions of each kind."""
    import tempfile

    from slp_agreements.files.atomic import write_atomic
    from slp_agreements.render.redline import redline

    with tempfile.TemporaryDirectory(prefix="slp-agreements-redline-") as tmp:
        if lang is None:
            lang = next((read_manifest(p).language for p in (new, old) if is_docx(p)), None)
        old_bytes, old_manifest = _contract(old, clauses or [], lang, Path(tmp) / "alt")
        new_bytes, new_manifest = _contract(new, clauses or [], lang, Path(tmp) / "neu")
    date = f"{new_manifest.document_date or '2000-01-01'}T00:00:00Z"
    data, counts = redline(old_bytes, new_bytes, _numbers(old_manifest), _numbers(new_manifest), author, date)
    write_atomic(target, data)
    return counts
