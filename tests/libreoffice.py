"""Helpers to open DOCX files in a real word processor (LibreOffice, headless) from the tests."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(files: list[Path], outdir: Path) -> list[Path]:
    """Convert DOCX files to PDF in one LibreOffice run; return the PDFs (a missing PDF fails the caller)."""
    assert SOFFICE, "LibreOffice is required for this test: apt-get install libreoffice-writer-nogui"
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / ".lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(outdir), *map(str, files)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    return [outdir / (f.stem + ".pdf") for f in files]


def pdf_text(pdf: Path) -> str:
    """Text of a PDF."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)
