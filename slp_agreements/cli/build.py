"""`build`: one agreement from an answers file, or many (several files, a folder, --each-party)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from slp_agreements import console
from slp_agreements.cli.options import NoCache, Overlays, switch_off_cache


def _languages(value: str | None) -> str | None:
    """``--lang``: de, en or both ('de,en'); anything else is a usage error in one German sentence."""
    if value is None:
        return None
    parts = [p.strip() for p in value.split(",")]
    if not parts or any(p not in ("de", "en") for p in parts):
        raise typer.BadParameter(f"'{value}' ist keine Sprache; möglich sind de, en oder de,en.")
    return ",".join(dict.fromkeys(parts))


def _jobs(value: int | None) -> int | None:
    """``--jobs``: at least 1."""
    if value is not None and value < 1:
        raise typer.BadParameter(f"{value} passt nicht; bitte eine Zahl ab 1 angeben.")
    return value


def build(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="Antwortdatei (YAML), z. B. examples/niedersachsen-webgis.yaml; mehrere Dateien oder ein Ordner "
            "ergeben je eine Vereinbarung in einem eigenen Unterordner.",
            metavar="ANTWORTEN.yaml",
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Ordner für Vertrag, Checkliste und Manifest.", metavar="ORDNER")
    ] = Path("out"),
    lang: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--lang",
            help="Sprache der Dokumente: de, en oder de,en für beide in einem Lauf (Standard: aus der Antwortdatei).",
            metavar="SPRACHE",
            callback=_languages,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Dateien im Ausgabeordner überschreiben.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Ergebnis als JSON ausgeben (für Skripte).")] = False,
    clauses: Overlays = None,
    template: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--template", help="Eigene Word-Vorlage (.docx) mit denselben Formatvorlagen.", metavar="DATEI.docx"
        ),
    ] = None,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Zusätzlich je eine PDF-Datei neben die Word-Dateien (mit LibreOffice).")
    ] = False,
    resolutions: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option(
            "--resolutions/--no-resolutions",
            help="Beschlussvorlagen je Beteiligtem schreiben (Standard: bei verbindlichen Vereinbarungen) oder nicht; "
            "--resolutions auch für eine Absichtserklärung.",
        ),
    ] = None,
    each_party: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--each-party",
            help="Tabelle (.csv, .xlsx) mit einem Beteiligten je Zeile: je Zeile eine Vereinbarung zwischen den "
            "Beteiligten der Antwortdatei und diesem Beteiligten.",
            metavar="DATEI.csv",
        ),
    ] = None,
    jobs: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--jobs",
            "-j",
            help="Bei vielen Vereinbarungen: so viele gleichzeitig erzeugen (Standard: Zahl der Prozessorkerne).",
            metavar="ANZAHL",
            callback=_jobs,
        ),
    ] = None,
    no_cache: NoCache = False,
) -> None:
    """Vertragsentwurf und Checkliste aus einer Antwortdatei erzeugen (oder aus vielen: Serienverträge)."""
    from slp_agreements.model.formatting import count
    from slp_agreements.pipeline.agreement import build as run_build
    from slp_agreements.pipeline.batch import is_batch

    switch_off_cache(no_cache)
    if is_batch(inputs, each_party):
        _build_batch(inputs, out, lang, force, as_json, clauses or [], template, each_party, pdf, resolutions, jobs)
        return
    answers = inputs[0]

    result = run_build(
        answers, out, lang=lang, force=force, clauses=clauses or [], template=template, pdf=pdf,
        resolutions=resolutions,
    )  # fmt: skip
    if as_json:
        console.print_json(result.as_json())
        return
    for w in result.warnings:
        console.warn(w)
    for f in result.files:
        console.info(f"{f.kind:<10} {f.path}")
    clauses_used = count(len(result.clauses), "Klausel", "Klauseln")
    console.info(f"{clauses_used}. Der Entwurf ist vor der Unterzeichnung vom Rechtsamt zu prüfen.")


def _build_batch(
    inputs: list[Path],
    out: Path,
    lang: str | None,
    force: bool,
    as_json: bool,
    clauses: list[Path],
    template: Path | None,
    each_party: Path | None,
    pdf: bool = False,
    resolutions: bool | None = None,
    workers: int | None = None,
) -> None:
    """Many agreements, one folder each; failures are listed at the end and make the exit code 1."""
    from slp_agreements.model.formatting import count
    from slp_agreements.pipeline import batch
    from slp_agreements.pipeline.workers import default_workers

    if each_party is not None:
        if len(inputs) != 1 or inputs[0].is_dir():
            raise typer.BadParameter("mit --each-party genau eine Antwortdatei angeben", param_hint="ANTWORTEN.yaml")
        jobs = batch.party_jobs(inputs[0], each_party, out)
    else:
        jobs = batch.file_jobs(inputs, out)
    with console.progress(len(jobs), "Vereinbarungen") as done:
        result = batch.run(
            jobs,
            lang=lang,
            force=force,
            clauses=clauses,
            template=template,
            done=done,
            pdf=pdf,
            resolutions=resolutions,
            workers=workers or default_workers(),
        )
    if as_json:
        console.print_json(result.as_json())
    else:
        for w in result.warnings():
            console.warn(w)
        for f in result.failures:
            console.error(f.message if f.message.startswith(f.job.label) else f"{f.job.label}: {f.message}")
        total = count(len(jobs), "Vereinbarung", "Vereinbarungen")
        console.info(f"{len(result.built)} von {total} erzeugt, je ein Ordner unter {out}.")
        if result.built:
            console.info("Die Entwürfe sind vor der Unterzeichnung vom Rechtsamt zu prüfen.")
    if result.failures:
        if not as_json:
            failed = count(len(result.failures), "Vereinbarung", "Vereinbarungen")
            console.error(f"{failed} nicht erzeugt (Meldungen oben).")
        raise typer.Exit(1)
