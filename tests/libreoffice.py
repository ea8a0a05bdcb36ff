"""Helpers to open DOCX files in a real word processor (LibreOffice, headless) from the tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


# One LibreOffice run silently stops after about 250 files (exit code 0), so larger sets go in chunks.
CHUNK = 100


def convert_to_pdf(files: list[Path], outdir: Path) -> list[Path]:
    """Convert DOCX files to PDF in few LibreOffice runs; return the PDFs (a missing PDF fails the caller).

    LibreOffice converts on one core, so a larger set is split over one LibreOffice per core, each with a profile of
    its own (two instances must never share one); the PDFs are the same as from one run.
    """
    assert SOFFICE, "LibreOffice is required for this test: apt-get install libreoffice-writer-nogui"
    outdir.mkdir(parents=True, exist_ok=True)
    workers = max(1, min(os.cpu_count() or 1, len(files) // 8 or 1))
    share = -(-len(files) // workers)  # ceiling: every worker gets about the same number of files
    groups = [files[start : start + share] for start in range(0, len(files), share)]

    def convert(index: int, group: list[Path]) -> None:
        profile = outdir / f".lo-profile-{index}"
        for start in range(0, len(group), CHUNK):
            subprocess.run(
                [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                 "--outdir", str(outdir), *map(str, group[start : start + CHUNK])],
                check=True, capture_output=True, timeout=600,
            )  # fmt: skip

    with ThreadPoolExecutor(max_workers=len(groups) or 1) as pool:
        for done in [pool.submit(convert, i, g) for i, g in enumerate(groups)]:
            done.result()
    return [outdir / (f.stem + ".pdf") for f in files]


def pdf_text(pdf: Path) -> str:
    """Text of a PDF."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)
