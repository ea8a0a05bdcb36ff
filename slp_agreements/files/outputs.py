"""The output folder: checked before any work, written all or nothing, nothing overwritten without --force."""

from __future__ import annotations

import os
from pathlib import Path

from slp_agreements.errors import UserError, os_message
from slp_agreements.files.atomic import write_all_atomic


def check_out_dir(out: Path, targets: list[Path], force: bool) -> None:
    """Say before any work when the output folder cannot take the files."""
    try:
        _check_writable(out, targets, force)
    except OSError as exc:  # e.g. a name too long for the file system
        raise UserError(f"Ausgabeordner: {os_message(exc)}.", file=out) from None


def _check_writable(out: Path, targets: list[Path], force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise UserError("Der Ausgabepfad ist eine Datei, kein Ordner; bitte einen Ordner angeben.", file=out)
    ancestor = next(p for p in (out, *out.parents) if p.exists())
    if not ancestor.is_dir():
        raise UserError(
            f"Der Ausgabeordner kann nicht angelegt werden, denn {ancestor} ist eine Datei, kein Ordner; "
            "bitte einen anderen Ordner angeben.",
            file=out,
        )
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise UserError(f"Keine Schreibrechte für den Ordner {ancestor}; bitte einen anderen Ordner wählen.", file=out)
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        names = ", ".join(t.name for t in existing)
        raise UserError(
            f"Der Ordner enthält schon {names}. Mit --force überschreiben oder einen anderen Ordner wählen.",
            file=out,
        )


def write_outputs(out: Path, files: list[tuple[Path, bytes]]) -> None:
    """All files or none; a folder this build created is removed again when writing fails."""
    created = []
    for p in (out, *out.parents):
        if p.exists():
            break
        created.append(p)
    try:
        out.mkdir(parents=True, exist_ok=True)
        write_all_atomic(files)
    except OSError as exc:
        for p in created:
            try:
                p.rmdir()
            except OSError:
                break
        raise UserError(f"Ausgabe nicht geschrieben: {os_message(exc)}.", file=out) from None
