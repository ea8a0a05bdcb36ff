"""`serve`: the questionnaire in the browser, on this computer only unless said otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def serve(
    folder: Annotated[
        Path, typer.Option("--folder", metavar="ORDNER", help="Ordner der Antwortdateien und Dokumente.")
    ] = Path("vereinbarungen"),
    port: Annotated[int, typer.Option("--port", help="Port auf diesem Rechner.")] = 8765,
    open_: Annotated[bool, typer.Option("--open", help="Den Browser gleich öffnen.")] = False,
    host: Annotated[
        str, typer.Option("--host", help="Adresse; anders als 127.0.0.1 nur mit --allow-remote.", metavar="ADRESSE")
    ] = "127.0.0.1",
    allow_remote: Annotated[
        bool,
        typer.Option(
            "--allow-remote",
            help="Andere --host erlauben (keine Anmeldung: nur hinter einem Reverse Proxy mit Anmeldung).",
        ),
    ] = False,
) -> None:
    """Fragebogen im Browser: ein lokaler Webserver auf diesem Rechner (Standard: http://127.0.0.1:8765/)."""
    from slp_agreements.web.server import serve as run

    run(folder, host=host, port=port, open_browser=open_, allow_remote=allow_remote)
