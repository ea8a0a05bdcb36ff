"""`datasets export`: the shared datasets as a DCAT-AP.de catalogue for open-data portals."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from slp_agreements import console
from slp_agreements.errors import UserError


class ExportFormat(str, Enum):
    """Formats of the dataset export."""

    dcat_ap_de = "dcat-ap-de"


def datasets_export(
    answers: Annotated[Path, typer.Argument(help="Antwortdatei (YAML).", metavar="ANTWORTEN.yaml")],
    format_: Annotated[
        ExportFormat, typer.Option("--format", help="Ausgabeformat: dcat-ap-de (JSON-LD nach DCAT-AP.de).")
    ] = ExportFormat.dcat_ap_de,
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--out", "-o", help="Zieldatei (.jsonld); ohne Angabe auf die Standardausgabe.", metavar="DATEI.jsonld"
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Datei überschreiben.")] = False,
) -> None:
    """Die gemeinsamen Datensätze als DCAT-AP.de-Katalog (JSON-LD) für ein Open-Data-Portal ausgeben.

    Datensätze mit Personenbezug und vertrauliche Datensätze werden nicht ausgegeben.
    """
    import json

    from slp_agreements.files.answers_file import load_answers
    from slp_agreements.files.atomic import write_atomic
    from slp_agreements.render.dcat import catalogue

    loaded = load_answers(answers)
    if loaded.data is None:
        raise UserError("Die Antwortdatei enthält keine Datensätze (data: datasets: …).", file=answers)
    if out and out.exists() and not force:
        raise UserError("Datei gibt es schon; mit --force überschreiben oder eine andere Datei angeben.", file=out)
    catalog, warnings = catalogue(loaded)
    for w in warnings:
        console.warn(w)
    if out is None:
        console.print_json(catalog)
        return
    try:
        write_atomic(out, (json.dumps(catalog, ensure_ascii=False, indent=2) + "\n").encode())
    except OSError as exc:
        raise UserError(f"Datei kann nicht geschrieben werden: {exc.strerror}.", file=out) from None
    from slp_agreements.model.formatting import count

    console.info(f"{count(len(catalog['dcat:dataset']), 'Datensatz', 'Datensätze')} geschrieben: {out}")
