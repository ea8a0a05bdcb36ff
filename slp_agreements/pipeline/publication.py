"""The standalone publication of indicator profiles (Indikatorensteckbriefe) as DOCX and, on request, PDF."""

from __future__ import annotations

from pathlib import Path

from slp_agreements import resources
from slp_agreements.build.profiles import book
from slp_agreements.errors import UserError
from slp_agreements.files.answers_file import load_answers
from slp_agreements.files.outputs import check_out_dir, write_outputs
from slp_agreements.files.table_rows import read_indicators
from slp_agreements.model.labels import PUBLICATION_FILE_NAMES
from slp_agreements.render.pdf import convert, find_soffice
from slp_agreements.render.profiles import render_profiles


def publish_indicators(
    source: Path,
    out: Path,
    *,
    lang: str | None = None,
    title: str | None = None,
    force: bool = False,
    pdf: bool = False,
) -> list[Path]:
    """Write the profiles of an answers file's indicators, or of a CSV/XLSX table, as DOCX (and PDF) into ``out``."""
    if source.suffix.lower() in (".csv", ".xlsx"):
        indicators = read_indicators(source)
        lang = lang or "de"
        doc = book(indicators, lang, title=title)
    else:
        answers = load_answers(source)
        if not answers.indicators:
            raise UserError(
                "Die Antwortdatei enthält keine Indikatoren; bitte 'indicators:' oder 'indicators_file:' angeben.",
                file=source,
            )
        lang = lang or answers.language.value
        names = {p.id: p.name for p in answers.parties}
        doc = book(answers.indicators, lang, title=title, project=answers.agreement.project,
                   date=answers.agreement.date, party_name=lambda pid: names.get(pid, pid))  # fmt: skip
    docx = out / f"{source.stem}-{PUBLICATION_FILE_NAMES[lang]}.docx"
    soffice = None
    if pdf:
        soffice = find_soffice()
    targets = [docx] + ([docx.with_suffix(".pdf")] if soffice else [])
    check_out_dir(out, targets, force)
    files = {docx: render_profiles(doc, resources.templates_dir() / "agreement.docx")}
    if soffice:
        files[docx.with_suffix(".pdf")] = convert(soffice, {docx.name: files[docx]})[docx.name]
    write_outputs(out, list(files.items()))
    return targets
