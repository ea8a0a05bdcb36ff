"""`template export`: the built-in Word template as a starting point for a letterhead."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from slp_agreements import console


def template_export(
    target: Annotated[Path, typer.Argument(help="Zieldatei, z. B. briefkopf.docx.", metavar="DATEI.docx")],
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Datei überschreiben.")] = False,
) -> None:
    """Die mitgelieferte Word-Vorlage als Ausgangspunkt für den eigenen Briefkopf schreiben."""
    from slp_agreements.library.scaffold import export_template

    export_template(target, force)
    console.info(f"Geschrieben: {target}")
    console.info(
        f"In Word anpassen (Kopfzeile, Logo, Schriften), dann: slp-agreements clauses lint --template {target}"
    )
