"""Every example's documents open in LibreOffice and the PDF holds the §-headings and every party."""

from __future__ import annotations

import re

import yaml

from tests.conftest import EXAMPLES, output
from tests.libreoffice import convert_to_pdf, pdf_text


def test_examples_convert_to_pdf_with_headings_and_parties(built, tmp_path) -> None:
    docs = [(key, output(result, kind)) for key, result in built.items() for kind in ("contract", "checklist")]
    pdfs = convert_to_pdf([d for _, d in docs], tmp_path)
    for ((stem, lang), docx), pdf in zip(docs, pdfs, strict=True):
        assert pdf.is_file(), f"LibreOffice could not open {docx.name}"
        text = re.sub(r"\s+", " ", pdf_text(pdf))
        if "checklist" in docx.name or "checkliste" in docx.name:
            assert "☐" in text or "Checkl" in text
            continue
        answers = yaml.safe_load((EXAMPLES[0].parent / f"{stem}.yaml").read_text(encoding="utf-8"))
        assert ("§ 1" if lang == "de" else "Section 1") in text
        for party in answers["parties"]:
            assert party["name"] in text, f"{party['name']} missing in {pdf.name}"
        assert re.search(r"(Seite|Page) 1 (von|of) \d+", text), "page numbers missing"
