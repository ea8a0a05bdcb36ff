"""Running the web interview: uvicorn on one address, the address printed, the browser opened on request."""

from __future__ import annotations

import socket
import webbrowser
from pathlib import Path

from slp_agreements import console
from slp_agreements.errors import UserError
from slp_agreements.web.app import LOOPBACK, create_app

REMOTE_WARNING = (
    "Achtung: Der Fragebogen ist jetzt unter {host} auch von anderen Rechnern erreichbar und hat KEINE Anmeldung. "
    "Nur im Intranet hinter einem Reverse Proxy mit Anmeldung betreiben (siehe README, „serve“)."
)


def serve(
    folder: Path, *, host: str = "127.0.0.1", port: int = 8765, open_browser: bool = False, allow_remote: bool = False
) -> None:
    """Serve the web interview over ``folder`` until Ctrl-C."""
    import uvicorn

    if host not in LOOPBACK and not allow_remote:
        raise UserError(
            f"--host {host} macht den Fragebogen für andere Rechner erreichbar; das nur mit --allow-remote "
            "(ohne Anmeldung, nur hinter einem Reverse Proxy mit Anmeldung)."
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Ordner kann nicht angelegt werden: {exc.strerror}.", file=folder) from None
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            raise UserError(
                f"Port {port} ist belegt; bitte mit --port einen anderen wählen (z. B. {port + 1})."
            ) from None
    hosts = (*LOOPBACK, host) if host not in LOOPBACK else LOOPBACK
    app = create_app(folder, hosts=hosts)
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}/"
    console.info(f"Fragebogen im Browser: {address}  (Ordner: {folder.resolve()}; beenden mit Strg+C)")
    if host not in LOOPBACK:
        console.warn(REMOTE_WARNING.format(host=host))
    if open_browser:
        webbrowser.open(address)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
