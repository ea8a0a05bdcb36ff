"""The publication of indicator profiles (Indikatorensteckbriefe): DOCX (and PDF), or a static website."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from slp_agreements import __version__, resources
from slp_agreements.build.profiles import book, profile, sdg_warnings
from slp_agreements.errors import UserError
from slp_agreements.files.answers_file import load_answers
from slp_agreements.files.docx_package import PackageInfo
from slp_agreements.files.outputs import check_out_dir, write_outputs
from slp_agreements.files.table_rows import indicators_csv, read_indicators
from slp_agreements.files.tables import encoding_note
from slp_agreements.model.answers import Answers
from slp_agreements.model.document import ProfileBook
from slp_agreements.model.indicators import Indicator
from slp_agreements.model.labels import DOCUMENT_LANGUAGE, PROFILE_LABELS, PUBLICATION_FILE_NAMES, SITE_LABELS
from slp_agreements.render import dcat_rules
from slp_agreements.render.dcat import indicator_set
from slp_agreements.render.pdf import convert, find_soffice, hyphenation_warnings
from slp_agreements.render.profiles import render_profiles
from slp_agreements.render.website import SiteBook, render_site, site_pages


@dataclass
class Published:
    """The files written and what the user should know about them."""

    files: list[Path]
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Source:
    indicators: list[Indicator]
    lang: str
    book: ProfileBook
    answers: Answers | None
    date: dt.date


def _read(source: Path, lang: str | None, title: str | None) -> _Source:
    if source.suffix.lower() in (".csv", ".xlsx"):
        indicators = read_indicators(source)
        lang = lang or "de"
        # A table carries no date of its own: its last change is the state of the profiles.
        date = dt.date.fromtimestamp(source.stat().st_mtime)
        return _Source(indicators, lang, book(indicators, lang, title=title), None, date)
    answers = load_answers(source)
    if not answers.indicators:
        raise UserError(
            "Die Antwortdatei enthält keine Indikatoren; bitte 'indicators:' oder 'indicators_file:' angeben.",
            file=source,
        )
    lang = lang or answers.main_language.value
    names = {p.id: p.name for p in answers.parties}
    doc = book(answers.indicators, lang, title=title, project=answers.agreement.project,
               date=answers.agreement.date, party_name=lambda pid: names.get(pid, pid))  # fmt: skip
    return _Source(answers.indicators, lang, doc, answers, answers.agreement.date or answers.term.start)


def publish_indicators(
    source: Path,
    out: Path,
    *,
    lang: str | None = None,
    title: str | None = None,
    force: bool = False,
    pdf: bool = False,
    html: bool = False,
    site_url: str | None = None,
) -> Published:
    """Write the profiles of an answers file's indicators, or of a CSV/XLSX table, into ``out``.

    As DOCX (with ``pdf`` also as PDF), or with ``html`` as a static website with CSV, JSON and DCAT-AP.de record.
    """
    src = _read(source, lang, title)
    warnings = sdg_warnings(src.indicators) + (src.answers.notes if src.answers else [])
    note = encoding_note(source)
    if note:
        warnings.append(note)
    if html:
        files, more = _website(src, site_url)
        targets = [out / name for name in files]
        check_out_dir(out, targets, force)
        write_outputs(out, [(out / name, data) for name, data in files.items()], force=force)
        return Published(targets, warnings + more)
    docx = out / f"{source.stem}-{PUBLICATION_FILE_NAMES[src.lang]}.docx"
    soffice = find_soffice() if pdf else None
    targets = [docx] + ([docx.with_suffix(".pdf")] if soffice else [])
    check_out_dir(out, targets, force)
    lab = PROFILE_LABELS[src.lang]
    about = f"{lab['book_title']}; slp-agreements {__version__}"
    subject = src.answers.agreement.project if src.answers else ""
    package = PackageInfo(src.book.title, subject, lab["book_title"], about, DOCUMENT_LANGUAGE[src.lang], src.date)
    written = {docx: render_profiles(src.book, resources.templates_dir() / "agreement.docx", package)}
    if soffice:
        written[docx.with_suffix(".pdf")] = convert(soffice, {docx.name: written[docx]})[docx.name]
        warnings += hyphenation_warnings(soffice, [DOCUMENT_LANGUAGE[src.lang]])
    write_outputs(out, list(written.items()), force=force)
    return Published(targets, warnings)


def _website(src: _Source, site_url: str | None) -> tuple[dict[str, bytes], list[str]]:
    """The files of the website by name, and the warnings about its DCAT record."""
    lab = SITE_LABELS[src.lang]
    stem = PUBLICATION_FILE_NAMES[src.lang]
    names = {p.id: p.name for p in src.answers.parties} if src.answers else {}
    profiles = [profile(ind, src.lang, lambda pid: names.get(pid, pid)) for ind in src.indicators]
    downloads = [(f"{stem}.csv", lab["csv"]), (f"{stem}.json", lab["json"])]
    data = {
        f"{stem}.csv": indicators_csv(src.indicators),
        f"{stem}.json": _profiles_json(src, names),
    }
    warnings: list[str] = []
    export = None
    if src.answers is None:
        warnings.append(
            "Ohne Antwortdatei fehlen Herausgeber und Lizenz: die Website enthält keinen DCAT-AP.de-Eintrag "
            "(dafür die Antwortdatei statt der Tabelle angeben)"
        )
    else:
        formats = [(f"{stem}.csv", "CSV"), (f"{stem}.json", "JSON"), ("index.html", "HTML")]
        export = indicator_set(src.answers, site_url, formats)
        if export is None:
            warnings.append(
                "publication.licence ist keine offene Lizenz: die Website enthält keinen DCAT-AP.de-Eintrag"
            )
    if export is not None:
        if site_url:
            findings = dcat_rules.check(export, src.answers)  # type: ignore[arg-type]
            problems = [f for f in findings if f.error]
            if problems:
                raise UserError(
                    "Der DCAT-AP.de-Eintrag der Steckbriefe ist unvollständig:",
                    problems=[dcat_rules.as_problem(f) for f in problems],
                )
            warnings += [str(f) for f in findings if not f.error]
        else:
            warnings.append(
                "Ohne --site-url enthält dcat.jsonld Adressen relativ zur Website; für ein Open-Data-Portal die "
                "Adresse angeben, unter der die Website veröffentlicht wird (--site-url https://…/)"
            )
        data["dcat.jsonld"] = (json.dumps(export.record, ensure_ascii=False, indent=2) + "\n").encode()
        downloads.append(("dcat.jsonld", lab["dcat"]))
    site_book = SiteBook(src.lang, src.book.title, src.book.subtitle, src.book.intro,
                         site_pages(src.indicators, profiles), downloads,
                         lab["footer"].format(version=__version__))  # fmt: skip
    return render_site(site_book) | data, warnings


def _profiles_json(src: _Source, names: dict[str, str]) -> bytes:
    items = []
    for ind in src.indicators:
        item = ind.model_dump(mode="json", exclude_none=True)
        for key in ("provider", "responsible"):
            if item.get(key) in names:
                item[f"{key}_name"] = names[item[key]]
        items.append(item)
    doc = {"title": src.book.title, "project": src.answers.agreement.project if src.answers else None,
           "date": src.date.isoformat() if src.answers else None, "indicators": items}  # fmt: skip
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode()
