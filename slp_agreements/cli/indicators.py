"""`indicators`: the indicator profiles as a publication (DOCX, PDF)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from slp_agreements import console
from slp_agreements.cli.options import Lang, lang_value


def indicators(
    file: Annotated[
        Path, typer.Argument(help="Antwortdatei (YAML) oder Indikatorentabelle (.csv, .xlsx).", metavar="DATEI")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Ordner für die Steckbriefe.", metavar="ORDNER")] = Path(
        "out"
    ),
    pdf: Annotated[bool, typer.Option("--pdf", help="Zusätzlich ein PDF erzeugen (braucht LibreOffice).")] = False,
    lang: Lang = None,
    title: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--title", help="Titel des Dokuments (Standard: 'Indikatorensteckbriefe').", metavar="TITEL"),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Dateien überschreiben.")] = False,
) -> None:
    """Indikatorensteckbriefe zur Veröffentlichung erzeugen: ein Steckbrief je Seite, mit Inhaltsverzeichnis."""
    from slp_agreements.pipeline.publication import publish_indicators

    for path in publish_indicators(file, out, lang=lang_value(lang), title=title, force=force, pdf=pdf):
        console.info(f"{path.suffix.lstrip('.'):<10} {path}")
