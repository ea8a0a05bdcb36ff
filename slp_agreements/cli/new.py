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
        Path, typer.Option("--out", "-o", help="Ordner für Antwortdatei, Vertrag und Checkliste.", metavar="ORDNER")
    ] = Path("vereinbarung"),
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
            "--from", help="Eine vorhandene Antwortdatei bearbeiten (ihre Werte als Vorschläge).", metavar="DATEI"
        ),
    ] = None,
    lang: Annotated[
        Optional[Language],  # noqa: UP045
        typer.Option("--lang", help="Sprache der Fragen und Dokumente: de oder en."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Dateien überschreiben.")] = False,
) -> None:
    """Fragebogen: fragt Schritt für Schritt und erzeugt danach Vertrag und Checkliste."""
    from slp_agreements.questionnaire.run import Interrupted, run

    if resume and from_:
        raise UserError("--resume und --from bitte nicht zusammen angeben.")
    try:
        run(out=out, answers=answers, resume=resume, edit=from_, lang=lang_value(lang), force=force)
    except (Interrupted, KeyboardInterrupt, EOFError) as exc:
        where = exc.file if isinstance(exc, Interrupted) else answers or out / "antworten.yaml"
        language = "en" if lang_value(lang) == "en" else "de"
        for line in INTERRUPTED[language]:
            console.warn(line.format(file=where), language)
        raise typer.Exit(130) from None
