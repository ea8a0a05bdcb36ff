"""Every DOCX the test suite generated opens in a real word processor: LibreOffice converts each one to PDF."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, NOT_A_DOCUMENT, run_cli
from tests.libreoffice import convert_to_pdf

OPENED: list[int] = []  # how many files the last run opened, for the session summary


def generated_docx(base: Path) -> list[Path]:
    """The DOCX files tests wrote under the session's temporary folder (not broken fixtures, not installed packages)."""
    return sorted(
        p
        for p in base.rglob("*.docx")
        if p.is_file() and NOT_A_DOCUMENT not in p.parts and "site-packages" not in p.parts
        and not p.name.startswith(".")
    )  # fmt: skip


@pytest.mark.after_all_others
def test_every_generated_docx_opens_in_libreoffice(tmp_path_factory: pytest.TempPathFactory) -> None:
    own = tmp_path_factory.mktemp("word-processor")
    assert run_cli("build", EXAMPLES[0], "--out", own / "out")[0] == 0  # so the check never passes on nothing
    docs = generated_docx(tmp_path_factory.getbasetemp())
    # Builds are reproducible, so many tests write byte-identical files: each distinct file is opened once, and of
    # the variants of one output name (the same document kind of the same example) the first and the last, which
    # keeps the check within the CI time budget. Numbered copies keep the PDFs apart.
    staged = own / "staged"
    staged.mkdir()
    by_name: dict[str, list[Path]] = {}
    for doc in docs:
        by_name.setdefault(doc.name, []).append(doc)
    first: dict[str, Path] = {}
    for variants in by_name.values():
        for doc in dict.fromkeys([variants[0], variants[-1]]):
            first.setdefault(hashlib.sha256(doc.read_bytes()).hexdigest(), doc)
    distinct = list(first.values())
    copies = []
    for i, doc in enumerate(distinct):
        copy = staged / f"{i:04d}-{doc.name}"
        shutil.copyfile(doc, copy)
        copies.append(copy)
    pdfs = convert_to_pdf(copies, own / "pdf")
    failed = [str(d) for d, pdf in zip(distinct, pdfs, strict=True) if not pdf.is_file() or pdf.stat().st_size == 0]
    assert not failed, f"LibreOffice could not open {len(failed)} of {len(distinct)} DOCX files:\n" + "\n".join(failed)
    OPENED.append(len(distinct))
