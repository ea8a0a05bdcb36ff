"""`datasets export`: the shared datasets as a DCAT-AP.de catalogue for open-data portals."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from slp_agreements import console


class ExportFormat(str, Enum):
    """Formats of the dataset export."""

    dcat_ap_de = "dcat-ap-de"


class Profile(str, Enum):
    """The DCAT-AP.de profiles (the values of model.open_data.DcatProfile; typer needs its own enum here)."""

    v3 = "3.0"
    v2 = "2.0"


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
    profile: Annotated[
        Profile,
        typer.Option("--profile", help="DCAT-AP.de 3.0 (GovData, Standard) oder 2.0 (mit GovDatas Konventionen)."),
    ] = Profile.v3,
    shapes: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--shapes",
            help="Zusätzlich mit den offiziellen SHACL-Shapes in diesem Ordner prüfen (braucht pyshacl; "
            "Bezugsquelle: docs/open-data.md).",
            metavar="ORDNER",
        ),
    ] = None,
    allow_invalid: Annotated[
        bool, typer.Option("--allow-invalid", help="Auch einen Katalog mit Fehlern schreiben (mit Hinweisen).")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Datei überschreiben.")] = False,
) -> None:
    """Die gemeinsamen Datensätze als DCAT-AP.de-Katalog (JSON-LD) für ein Open-Data-Portal ausgeben.

    Der Katalog wird vor dem Schreiben geprüft; bei Fehlern wird nichts geschrieben. Datensätze mit Personenbezug,
    mit ungeklärtem Personenbezug und vertrauliche Datensätze werden nie ausgegeben.
    """
    from slp_agreements.model.open_data import DcatProfile
    from slp_agreements.pipeline.open_data import export_datasets

    result = export_datasets(
        answers, out, profile=DcatProfile(profile.value), force=force, allow_invalid=allow_invalid, shapes=shapes
    )
    for w in result.warnings:
        console.warn(w)
    if out is None:
        console.raw(result.text)
        return
    from slp_agreements.model.formatting import count

    console.info(f"{count(result.datasets, 'Datensatz', 'Datensätze')} geschrieben (DCAT-AP.de {profile.value}): {out}")
