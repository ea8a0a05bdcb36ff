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
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Berichtsdatei überschreiben.")] = False,
    lang: Lang = None,
    clauses: Overlays = None,
    as_json: Annotated[bool, typer.Option("--json", help="Änderungen als JSON ausgeben.")] = False,
) -> None:
    """Zwei Fassungen vergleichen: hinzugefügte, entfallene und geänderte §§ mit Wortvergleich."""
    from slp_agreements.pipeline.diff import compare_files
    from slp_agreements.questionnaire.fields import describe
    from slp_agreements.render.report import blocks, check_report_target, write_report

    if out:
        check_report_target(out, force)
    result = compare_files(old, new, lang=lang_value(lang), clauses=clauses or [])
    items = blocks(result, describe=describe)
    if out:
        write_report(out, items, result.language)
    if as_json:
        console.print_json(result.as_json())
        return
    console.blocks(items)
    if out:
        console.info(f"\nBericht geschrieben: {out}")
