"""PDF export through LibreOffice (headless): the one module that starts soffice."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from slp_agreements.errors import UserError

PACKAGE = "libreoffice-writer-nogui"
TIMEOUT_SECONDS = 300
# Tagged PDF/A-2b (SelectPdfVersion 2): headings and tables in the structure tree, /Lang from the document language,
# fonts embedded, for accessibility and e-file archiving. JSON filter options need LibreOffice 7.4 or newer.
PDF_FILTER = "pdf:writer_pdf_Export:" + json.dumps(
    {"SelectPdfVersion": {"type": "long", "value": "2"}, "UseTaggedPDF": {"type": "boolean", "value": "true"}},
    separators=(",", ":"),
)


def find_soffice() -> str:
    """The LibreOffice program, or a one-line message saying which Debian package to install."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise UserError(
            f"Für --pdf wird LibreOffice gebraucht, es ist nicht installiert: sudo apt-get install {PACKAGE} "
            "(oder ohne --pdf bauen und die Word-Datei selbst als PDF speichern)."
        )
    return found


# Debian's LibreOffice hyphenates with the system's dictionaries; LibreOffice's own builds bring them as extensions.
SYSTEM_HYPHENATION = Path("/usr/share/hyphen")
HYPHENATION_PACKAGES = {"de-DE": ("hyphen-de", "Deutsch"), "en-GB": ("hyphen-en-gb", "Englisch")}


def hyphenation_warnings(soffice: str, locales: Iterable[str], folders: list[Path] | None = None) -> list[str]:
    """A warning for each document language LibreOffice has no hyphenation dictionary for (Linux only).

    Without it the PDF's justified text has wide gaps and table cells break words without a hyphen; Word
    hyphenates the DOCX itself. On other systems LibreOffice brings its dictionaries, so nothing is said there.
    """
    if sys.platform != "linux" and folders is None:
        return []
    if folders is None:
        own = Path(soffice).resolve().parent.parent / "share" / "extensions"
        folders = [SYSTEM_HYPHENATION, *sorted(own.glob("dict-*"))]
    out = []
    for locale in dict.fromkeys(locales):
        lang = locale.split("-")[0]
        names = (f"hyph_{locale.replace('-', '_')}.dic", f"hyph_{lang}.dic")
        if any((folder / name).is_file() for folder in folders for name in names):
            continue
        package, language = HYPHENATION_PACKAGES.get(locale, (f"hyphen-{lang}", locale))
        out.append(
            f"Das PDF wird ohne Silbentrennung gesetzt, weil LibreOffice das Trennwörterbuch für {language} fehlt: "
            f"sudo apt-get install {package} (die Word-Datei trennt Word selbst)."
        )
    return out


def convert(soffice: str, documents: dict[str, bytes], timeout: int | None = None) -> dict[str, bytes]:
    """PDF bytes for each DOCX (by DOCX file name), converted in one soffice run in a temporary folder."""
    timeout = timeout or TIMEOUT_SECONDS
    with tempfile.TemporaryDirectory(prefix="slp-agreements-pdf-") as tmp:
        base = Path(tmp)
        source, target = base / "docx", base / "pdf"
        source.mkdir()
        for name, data in documents.items():
            (source / name).write_bytes(data)
        # An own user profile: a LibreOffice the user has open (or a second build) would otherwise block this one.
        command = [soffice, f"-env:UserInstallation={(base / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", PDF_FILTER, "--outdir", str(target),
                   *(str(source / n) for n in documents)]  # fmt: skip
        stderr = _run(command, timeout)
        pdfs: dict[str, bytes] = {}
        for name in documents:
            pdf = target / f"{Path(name).stem}.pdf"
            if pdf.is_file() and pdf.stat().st_size > 0:
                pdfs[name] = pdf.read_bytes()
        missing = [n for n in documents if n not in pdfs]
        if missing:
            detail = stderr.strip().splitlines()[-1] if stderr.strip() else "ohne Meldung"
            raise UserError(
                f"LibreOffice konnte {', '.join(missing)} nicht in PDF umwandeln ({detail}); "
                "es wurde nichts geschrieben. Ohne --pdf bauen oder LibreOffice neu installieren."
            )
    return pdfs


def _run(command: list[str], timeout: int) -> str:
    """Run soffice in its own process group, so a timeout or Ctrl+C also ends the processes it starts."""
    try:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
    except OSError as exc:
        raise UserError(f"LibreOffice kann nicht gestartet werden ({exc.strerror}).", file=command[0]) from None
    try:
        _, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(proc)
        raise UserError(
            f"LibreOffice hat die PDF-Umwandlung nicht in {timeout} Sekunden geschafft; es wurde nichts geschrieben."
        ) from None
    except BaseException:
        _kill(proc)
        raise
    return stderr


def _kill(proc: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):
        if hasattr(os, "killpg"):  # POSIX: the whole process group soffice started
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    proc.wait()
