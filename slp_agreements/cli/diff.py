"""`diff`: two versions compared § by §, word by word (answers files or contracts)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from slp_agreements import console
from slp_agreements.cli.options import Lang, Overlays, lang_value


def diff(
    old: Annotated[
        Path, typer.Argument(help="Ältere Fassung: Antwortdatei (YAML) oder erzeugter Vertrag (.docx).", metavar="ALT")
    ],
    new: Annotated[
        Path, typer.Argument(help="Neuere Fassung: Antwortdatei (YAML) oder erzeugter Vertrag (.docx).", metavar="NEU")
    ],
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--out",
            "-o",
            help="Bericht zusätzlich als Datei schreiben: bericht.md oder bericht.docx.",
            metavar="BERICHT.md|.docx",
        ),
    ] = None,
    redline: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--redline",
            help="NEU als Word-Datei mit Änderungsverfolgung gegenüber ALT schreiben (annehmen/ablehnen in Word).",
            metavar="DATEI.docx",
        ),
    ] = None,
    author: Annotated[
        str, typer.Option("--author", help="Name für die Änderungen in der --redline-Datei.", metavar="NAME")
    ] = "slp-agreements",
    force: Annotated[
        bool, typer.Option("--force", help="Vorhandene Berichts- oder Redline-Datei überschreiben.")
    ] = False,
    lang: Lang = None,
    clauses: Overlays = None,
    as_json: Annotated[bool, typer.Option("--json", help="Änderungen als JSON ausgeben.")] = False,
) -> None:
    """Zwei Fassungen vergleichen: hinzugefügte, entfallene und geänderte §§ mit Wortvergleich."""
    from slp_agreements.pipeline.diff import compare_files, write_redline
    from slp_agreements.questionnaire.fields import describe
    from slp_agreements.render.report import blocks, check_redline_target, check_report_target, write_report

    if out:
        check_report_target(out, force)
    if redline:
        check_redline_target(redline, force)
    result = compare_files(old, new, lang=lang_value(lang), clauses=clauses or [])
    if redline:
        counts = write_redline(old, new, redline, author=author, lang=lang_value(lang), clauses=clauses or [])
    items = blocks(result, describe=describe)
    if out:
        write_report(out, items, result.language)
    if as_json:
        console.print_json(result.as_json())
        return
    console.blocks(items)
    if out:
        console.info(f"\nBericht geschrieben: {out}")
    if redline:
        console.info(
            f"\nÄnderungsverfolgung geschrieben: {redline} ({counts['content']} Änderungen von '{author}', "
            f"{counts['numbering']} Nummernänderungen von '{author} (Nummerierung)', in Word ausblendbar)"
        )
