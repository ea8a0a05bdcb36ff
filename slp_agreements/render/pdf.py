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
DOCUMENTS_PER_TIMEOUT = 50  # a batch gets TIMEOUT_SECONDS for each 50 documents it converts
# Tagged PDF/A-2b (SelectPdfVersion 2): headings and tables in the structure tree, /Lang from the document language,
# fonts embedded, for accessibility and e-file archiving. JSON filter options need LibreOffice 7.4 or newer.
PDF_FILTER = "pdf:writer_pdf_Export:" + json.dumps(
    {"SelectPdfVersion": {"type": "long", "value": "2"}, "UseTaggedPDF": {"type": "boolean", "value": "true"}},
    separators=(",", ":"),
)


_RUNNING: set[subprocess.Popen[str]] = set()  # the soffice processes started and not yet ended


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
    names = list(documents)
    pdfs, detail = convert_each(soffice, [documents[n] for n in names], timeout)
    missing = [n for n, pdf in zip(names, pdfs, strict=True) if pdf is None]
    if missing:
        raise UserError(not_converted(missing, detail))
    return {n: pdf for n, pdf in zip(names, pdfs, strict=True) if pdf is not None}


def not_converted(names: list[str], detail: str) -> str:
    """The message for documents LibreOffice did not convert."""
    return (
        f"LibreOffice konnte {', '.join(names)} nicht in PDF umwandeln ({detail}); "
        "es wurde nichts geschrieben. Ohne --pdf bauen oder LibreOffice neu installieren."
    )


def convert_each(
    soffice: str, documents: list[bytes], timeout: int | None = None, processes: int = 1
) -> tuple[list[bytes | None], str]:
    """The PDF of each DOCX, in order (None where LibreOffice made none), and its last message (for the error).

    All documents go to one soffice start, however many there are (a batch converts every agreement's files at
    once: starting LibreOffice takes longer than converting a document); with ``processes`` > 1 they are shared
    out among that many soffice started side by side (at least 10 documents each). A timeout or a LibreOffice
    that cannot start is a UserError for all of them.
    """
    processes = max(1, min(processes, len(documents) // 10))
    size = -(-len(documents) // processes)
    slices = [documents[i : i + size] for i in range(0, len(documents), size)]
    if len(slices) <= 1:
        return _convert_slice(soffice, documents, timeout)
    from concurrent.futures import ThreadPoolExecutor  # only for PDFs: a build without them need not load it

    pool = ThreadPoolExecutor(len(slices))  # each thread only waits for its soffice
    try:
        done = list(pool.map(lambda part: _convert_slice(soffice, part, timeout), slices))
    except BaseException:  # Ctrl+C, or one soffice timed out: the others are stopped too, not waited for
        for proc in list(_RUNNING):
            _kill(proc)
        raise
    finally:
        pool.shutdown(wait=True)
    details = [detail for pdfs, detail in done if None in pdfs]
    return [pdf for pdfs, _ in done for pdf in pdfs], (details[0] if details else done[0][1])


def _convert_slice(soffice: str, documents: list[bytes], timeout: int | None) -> tuple[list[bytes | None], str]:
    timeout = timeout or TIMEOUT_SECONDS * -(-len(documents) // DOCUMENTS_PER_TIMEOUT)
    with tempfile.TemporaryDirectory(prefix="slp-agreements-pdf-") as tmp:
        base = Path(tmp)
        source, target = base / "docx", base / "pdf"
        source.mkdir()
        files = [source / f"{n:05d}.docx" for n in range(len(documents))]  # agreements of a batch share names
        for path, data in zip(files, documents, strict=True):
            path.write_bytes(data)
        # An own user profile: a LibreOffice the user has open (or a second build) would otherwise block this one.
        command = [soffice, f"-env:UserInstallation={(base / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", PDF_FILTER, "--outdir", str(target), *map(str, files)]  # fmt: skip
        stderr = _run(command, timeout)
        pdfs: list[bytes | None] = []
        for path in files:
            pdf = target / f"{path.stem}.pdf"
            pdfs.append(pdf.read_bytes() if pdf.is_file() and pdf.stat().st_size > 0 else None)
    return pdfs, (stderr.strip().splitlines()[-1] if stderr.strip() else "ohne Meldung")


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
    _RUNNING.add(proc)
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
    finally:
        _RUNNING.discard(proc)
    return stderr


def _kill(proc: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):
        if hasattr(os, "killpg"):  # POSIX: the whole process group soffice started
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    proc.wait()
