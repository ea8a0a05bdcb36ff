"""`indicators`: the indicator profiles as a publication (DOCX, PDF) or as a static website (HTML)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from slp_agreements import console
from slp_agreements.cli.options import Lang, lang_value


class PublicationFormat(str, Enum):
    """What `indicators` writes."""

    docx = "docx"
    pdf = "pdf"
    html = "html"


def indicators(
    file: Annotated[
        Path, typer.Argument(help="Antwortdatei (YAML) oder Indikatorentabelle (.csv, .xlsx).", metavar="DATEI")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Ordner für die Steckbriefe.", metavar="ORDNER")] = Path(
        "out"
    ),
    format_: Annotated[
        PublicationFormat,
        typer.Option(
            "--format",
            help="docx (Word), pdf (Word und PDF, braucht LibreOffice) oder html (Website mit Filter, CSV, JSON "
            "und DCAT-AP.de-Eintrag).",
        ),
    ] = PublicationFormat.docx,
    pdf: Annotated[bool, typer.Option("--pdf", help="Zusätzlich ein PDF erzeugen (wie --format pdf).")] = False,
    lang: Lang = None,
    title: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--title", help="Titel des Dokuments (Standard: 'Indikatorensteckbriefe').", metavar="TITEL"),
    ] = None,
    site_url: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--site-url", help="Bei html: Adresse, unter der die Website veröffentlicht wird (für DCAT).", metavar="URL"
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Dateien überschreiben.")] = False,
) -> None:
    """Indikatorensteckbriefe zur Veröffentlichung erzeugen: Word (ein Steckbrief je Seite) oder eine Website."""
    from slp_agreements.pipeline.publication import publish_indicators

    result = publish_indicators(
        file, out, lang=lang_value(lang), title=title, force=force,
        pdf=pdf or format_ is PublicationFormat.pdf, html=format_ is PublicationFormat.html, site_url=site_url,
    )  # fmt: skip
    for w in result.warnings:
        console.warn(w)
    if format_ is PublicationFormat.html:
        console.info(f"Website mit {len(result.files)} Dateien geschrieben: {out / 'index.html'}")
        return
    for path in result.files:
        console.info(f"{path.suffix.lstrip('.'):<10} {path}")
