"""`new`: the questionnaire in the terminal, then the documents."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from slp_agreements import console
from slp_agreements.cli.options import lang_value
from slp_agreements.errors import UserError
from slp_agreements.model.vocabulary import Language

INTERRUPTED = {
    "de": (
        "Abgebrochen. Ihre Antworten sind gespeichert in {file}.",
        "Fortsetzen mit: slp-agreements new --resume {file}",
    ),
    "en": ("Interrupted. Your answers are saved in {file}.", "Continue with: slp-agreements new --resume {file}"),
}


def new(
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--out",
            "-o",
            metavar="ORDNER",
            help="Ordner für Antwortdatei, Vertrag und Checkliste (Standard: vereinbarung; bei --from der Ordner "
            "der Datei, die dann erst nach Rückfrage geändert wird).",
        ),
    ] = None,
    answers: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--answers", help="Antwortdatei; Standard: antworten.yaml im Ausgabeordner.", metavar="DATEI"),
    ] = None,
    resume: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--resume", help="Einen unterbrochenen Fragebogen fortsetzen.", metavar="DATEI"),
    ] = None,
    from_: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--from",
            metavar="DATEI",
            help="Eine vorhandene Antwortdatei bearbeiten: beginnt bei der Übersicht; gespeichert wird in --out.",
        ),
    ] = None,
    lang: Annotated[
        Optional[Language],  # noqa: UP045
        typer.Option("--lang", help="Sprache der Fragen und Dokumente: de oder en."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Dateien überschreiben.")] = False,
) -> None:
    """Fragebogen: fragt Schritt für Schritt und erzeugt danach Vertrag und Checkliste."""
    from slp_agreements.questionnaire.run import Interrupted, answers_target, run

    if resume and from_:
        raise UserError("--resume und --from bitte nicht zusammen angeben.")
    try:
        run(out=out, answers=answers, resume=resume, edit=from_, lang=lang_value(lang), force=force)
    except (Interrupted, KeyboardInterrupt, EOFError) as exc:
        where = exc.file if isinstance(exc, Interrupted) else answers_target(out, answers, resume, from_)
        language = "en" if lang_value(lang) == "en" else "de"
        for line in INTERRUPTED[language]:
            console.warn(line.format(file=where), language)
        raise typer.Exit(130) from None
