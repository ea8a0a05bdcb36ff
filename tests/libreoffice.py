"""Helpers to open DOCX files in a real word processor (LibreOffice, headless) from the tests."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


# One LibreOffice run silently stops after about 250 files (exit code 0), so larger sets go in chunks.
CHUNK = 100


def convert_to_pdf(files: list[Path], outdir: Path) -> list[Path]:
    """Convert DOCX files to PDF in few LibreOffice runs; return the PDFs (a missing PDF fails the caller)."""
    assert SOFFICE, "LibreOffice is required for this test: apt-get install libreoffice-writer-nogui"
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / ".lo-profile"
    for start in range(0, len(files), CHUNK):
        subprocess.run(
            [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(outdir), *map(str, files[start : start + CHUNK])],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
    return [outdir / (f.stem + ".pdf") for f in files]


def pdf_text(pdf: Path) -> str:
    """Text of a PDF."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)
