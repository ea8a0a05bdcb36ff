"""Options several commands share, defined once: the document language and the user's own clause folders."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from slp_agreements.model.vocabulary import Language

Lang = Annotated[
    Optional[Language],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Option("--lang", help="Sprache der Dokumente: de oder en (Standard: aus der Antwortdatei)."),
]
Overlays = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option(
        "--clauses", help="Eigener Klauselordner, über die Bibliothek gelegt (mehrfach möglich).", metavar="ORDNER"
    ),
]


def lang_value(lang: Language | None) -> str | None:
    """The chosen language as the stages take it ('de', 'en'), or None to follow the answers file."""
    return lang.value if lang else None


NoCache = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Den Zwischenspeicher geprüfter Klauseltexte nicht lesen und nicht schreiben "
        "(auch: SLP_AGREEMENTS_NO_CACHE=1).",
    ),
]


def switch_off_cache(no_cache: bool) -> None:
    """``--no-cache``: this run neither reads nor writes the cache of clause texts."""
    if no_cache:
        from slp_agreements.files import cache

        cache.switch_off()
