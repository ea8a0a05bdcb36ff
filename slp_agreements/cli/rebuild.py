"""`rebuild`: a contract made anew with today's library, and what changed § by §."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from slp_agreements import console
from slp_agreements.cli.options import Overlays


def rebuild(
    file: Annotated[Path, typer.Argument(help="Mit slp-agreements erzeugter Vertrag (.docx).", metavar="VERTRAG.docx")],
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--out",
            "-o",
            help="Ordner für den neuen Entwurf; Standard: Ordner 'aktualisiert' daneben.",
            metavar="ORDNER",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Dateien im Ausgabeordner überschreiben.")] = False,
    clauses: Overlays = None,
    template: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--template", help="Eigene Word-Vorlage (.docx).", metavar="DATEI.docx"),
    ] = None,
    report: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--report", help="Änderungsbericht zusätzlich als .md oder .docx schreiben.", metavar="BERICHT.md|.docx"
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Ergebnis und Änderungen als JSON ausgeben.")] = False,
) -> None:
    """Einen erzeugten Vertrag mit der heutigen Klauselbibliothek neu erzeugen und die Änderungen je § zeigen."""
    from slp_agreements.model.labels import REPORT
    from slp_agreements.pipeline.rebuild import rebuild as run_rebuild
    from slp_agreements.questionnaire.fields import describe
    from slp_agreements.render.report import blocks, check_report_target, write_report

    if report:
        check_report_target(report, force)
    done = run_rebuild(file, out or file.parent / "aktualisiert", force=force, clauses=clauses or [], template=template)
    words = REPORT[done.report.language]
    items = blocks(done.report, words["update_title"].format(file=file.name), describe)
    if report:
        write_report(report, items, done.report.language)
    if as_json:
        console.print_json({**done.result.as_json(), "changes": done.report.as_json(), "warnings": done.warnings})
        return
    for w in done.warnings:
        console.warn(w)
    console.blocks(items)
    console.info("")
    for f in done.result.files:
        console.info(f"{f.kind:<10} {f.path}")
    if report:
        console.info(f"bericht    {report}")
