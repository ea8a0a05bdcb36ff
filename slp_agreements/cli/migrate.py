"""`migrate`: an answers file of an older schema version written in the current one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from slp_agreements import console
from slp_agreements.errors import UserError


def migrate(
    answers: Annotated[Path, typer.Argument(help="Antwortdatei einer älteren Version (schema_version: 1).")],
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--out",
            "-o",
            help="Zieldatei; ohne Angabe wird die Antwortdatei selbst ersetzt (--force).",
            metavar="DATEI",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Zieldatei überschreiben.")] = False,
) -> None:
    """Eine Antwortdatei auf die aktuelle Version umstellen (Kommentare bleiben erhalten, wo es geht)."""
    from slp_agreements.files.atomic import write_atomic
    from slp_agreements.files.migration_file import migrated_text
    from slp_agreements.model.migration import MIGRATE_HINT

    target = out or answers
    text, notes = migrated_text(answers)
    if target.exists() and not force:
        hint = (
            "mit --force ersetzen oder mit --out eine neue Datei angeben"
            if target == answers
            else "mit --force überschreiben"
        )
        raise UserError(f"Datei gibt es schon; {hint}.", file=target)
    write_atomic(target, text.encode("utf-8"))
    for note in notes:
        console.warn(note.replace(MIGRATE_HINT, "").strip())
    console.info(f"Geschrieben: {target}")
