"""`rebuild`: a contract made anew with today's library, and what changed § by §."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from slp_agreements import console
from slp_agreements.cli.options import Overlays
from slp_agreements.errors import UserError


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
    keep_edits: Annotated[
        bool,
        typer.Option(
            "--keep-edits",
            help="In Word oder LibreOffice geänderte §§ übernehmen, wo Klausel und Antworten unverändert sind; "
            "sonst als Konflikt melden.",
        ),
    ] = False,
    discard_edits: Annotated[
        bool, typer.Option("--discard-edits", help="In der Datei geänderte §§ verwerfen und neu erzeugen.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Ergebnis und Änderungen als JSON ausgeben.")] = False,
) -> None:
    """Einen erzeugten Vertrag mit der heutigen Klauselbibliothek neu erzeugen und die Änderungen je § zeigen."""
    from slp_agreements.model.labels import REPORT
    from slp_agreements.pipeline.rebuild import rebuild as run_rebuild
    from slp_agreements.questionnaire.fields import describe
    from slp_agreements.render.report import blocks, check_report_target, write_report

    if keep_edits and discard_edits:
        raise UserError("--keep-edits und --discard-edits schließen sich aus; bitte nur eine der beiden angeben.")
    if report:
        check_report_target(report, force)
    edits = "keep" if keep_edits else "discard" if discard_edits else None
    done = run_rebuild(file, out or file.parent / "aktualisiert", force=force, clauses=clauses or [], template=template,
                       edits=edits)  # fmt: skip
    words = REPORT[done.report.language]
    items = blocks(done.report, words["update_title"].format(file=file.name), describe)
    if report:
        write_report(report, items, done.report.language)
    if as_json:
        console.print_json({**done.result.as_json(), "changes": done.report.as_json(), "warnings": done.warnings,
                            "kept_edits": done.kept, "conflicts": done.conflicts})  # fmt: skip
        return
    for w in done.warnings:
        console.warn(w)
    if done.kept:
        console.info(f"Aus der Datei übernommen (--keep-edits): {', '.join(done.kept)}")
    for c in done.conflicts:
        console.warn(
            f"Konflikt: {c} wurde in der Datei geändert, und auch Klausel oder Antworten haben sich geändert; "
            f"der neue Entwurf enthält den neuen Text, die Bearbeitung steht weiter in {file.name}."
        )
    console.blocks(items)
    console.info("")
    for f in done.result.files:
        console.info(f"{f.kind:<10} {f.path}")
    if report:
        console.info(f"bericht    {report}")
