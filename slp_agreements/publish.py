"""The standalone publication of indicator profiles (Indikatorensteckbriefe) as DOCX and, on request, PDF."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from slp_agreements import resources
from slp_agreements.errors import UserError
from slp_agreements.yamlio import write_atomic

NAMES = {"de": "indikatoren", "en": "indicators"}


def convert_to_pdf(docx: Path, outdir: Path) -> Path:
    """Convert one DOCX to PDF with LibreOffice (headless) into ``outdir``; the PDF appears whole or not at all."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise UserError(
            "Für --pdf wird LibreOffice benötigt (Befehl 'soffice' nicht gefunden); bitte installieren "
            "(z. B. apt-get install libreoffice-writer-nogui) oder ohne --pdf aufrufen."
        )
    target = outdir / f"{docx.stem}.pdf"
    with tempfile.TemporaryDirectory(prefix="slp-pdf-") as tmp:
        work = Path(tmp)
        try:
            subprocess.run(
                [soffice, f"-env:UserInstallation=file://{work / 'profile'}", "--headless", "--convert-to", "pdf",
                 "--outdir", str(work), str(docx)],
                check=True, capture_output=True, timeout=300,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            raise UserError("LibreOffice hat die PDF-Umwandlung nicht in 5 Minuten beendet.", file=docx) from None
        except subprocess.CalledProcessError as exc:
            detail = exc.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["ohne Meldung"]
            raise UserError(f"LibreOffice konnte kein PDF erzeugen ({detail[0]}).", file=docx) from None
        pdf = work / f"{docx.stem}.pdf"
        if not pdf.is_file():
            raise UserError("LibreOffice hat kein PDF erzeugt.", file=docx)
        write_atomic(target, pdf.read_bytes())
    return target


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
    from slp_agreements.profiles import book
    from slp_agreements.render import render_profiles

    if source.suffix.lower() in (".csv", ".xlsx"):
        from slp_agreements.tables import read_indicators

        indicators = read_indicators(source)
        lang = lang or "de"
        doc = book(indicators, lang, title=title)
    else:
        from slp_agreements.answers import load_answers

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
    docx = out / f"{source.stem}-{NAMES[lang]}.docx"
    targets = [docx] + ([docx.with_suffix(".pdf")] if pdf else [])
    if out.exists() and not out.is_dir():
        raise UserError("Der Ausgabepfad ist eine Datei, kein Ordner; bitte einen Ordner angeben.", file=out)
    existing = [t.name for t in targets if t.exists()]
    if existing and not force:
        raise UserError(
            f"Der Ordner enthält schon {', '.join(existing)}. "
            "Mit --force überschreiben oder einen anderen Ordner wählen.",
            file=out,
        )
    data = render_profiles(doc, resources.templates_dir() / "agreement.docx")
    try:
        out.mkdir(parents=True, exist_ok=True)
        write_atomic(docx, data)
    except OSError as exc:
        raise UserError(f"Ausgabe kann nicht geschrieben werden: {exc.strerror}.", file=out) from None
    if pdf:
        convert_to_pdf(docx, out)
    return targets
