"""The command line (typer): parse arguments, call the stages, print; user errors are caught in one place."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from slp_agreements import console
from slp_agreements.errors import UserError
from slp_agreements.model.vocabulary import Language

if TYPE_CHECKING:
    from slp_agreements.model.manifest import Manifest


class _Group(TyperGroup):
    """The one place where errors users cause are turned into a message and exit code 1."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except UserError as exc:
            console.error(str(exc))
            raise typer.Exit(1) from None


HELP = (
    "Entwürfe für interkommunale Kooperations- und Datennutzungsvereinbarungen.\n\n"
    "Aus einer Antwortdatei (YAML) und der Klauselbibliothek entstehen der Vertragsentwurf und die Checkliste "
    "als Word-Dateien. Jeder Entwurf ist vom Rechtsamt zu prüfen."
)

app = typer.Typer(
    cls=_Group,
    help=HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
clauses_app = typer.Typer(cls=_Group, help="Klauselbibliothek ansehen und prüfen.", no_args_is_help=True)
app.add_typer(clauses_app, name="clauses")
datasets_app = typer.Typer(
    cls=_Group, help="Gemeinsame Datensätze für Open-Data-Portale ausgeben.", no_args_is_help=True
)
app.add_typer(datasets_app, name="datasets")
template_app = typer.Typer(cls=_Group, help="Eigene Word-Vorlage (Briefkopf, Logo, Schriften).", no_args_is_help=True)
app.add_typer(template_app, name="template")

Lang = Annotated[
    Optional[Language],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Option("--lang", help="Sprache der Dokumente: de oder en (Standard: aus der Antwortdatei)."),
]
Overlays = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option(
        "--clauses", help="Eigener Klauselordner, über die Bibliothek gelegt (mehrfach möglich).", metavar="ORDNER"
    ),
]


@app.command()
def build(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="Antwortdatei (YAML), z. B. examples/niedersachsen-webgis.yaml; mehrere Dateien oder ein Ordner "
            "ergeben je eine Vereinbarung in einem eigenen Unterordner.",
            metavar="ANTWORTEN.yaml...",
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Ordner für Vertrag, Checkliste und Manifest.", metavar="ORDNER")
    ] = Path("out"),
    lang: Lang = None,
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
    each_party: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--each-party",
            help="Tabelle (.csv, .xlsx) mit einer Partei je Zeile: je Zeile eine Vereinbarung zwischen den Parteien "
            "der Antwortdatei und dieser Partei.",
            metavar="DATEI.csv",
        ),
    ] = None,
) -> None:
    """Vertragsentwurf und Checkliste aus einer Antwortdatei erzeugen (oder aus vielen: Serienverträge)."""
    from slp_agreements.pipeline.agreement import build as run_build
    from slp_agreements.pipeline.batch import is_batch

    if is_batch(inputs, each_party):
        _build_batch(inputs, out, lang, force, as_json, clauses or [], template, each_party, pdf)
        return
    answers = inputs[0]

    result = run_build(
        answers, out, lang=lang.value if lang else None, force=force, clauses=clauses or [], template=template,
        pdf=pdf,
    )  # fmt: skip
    if as_json:
        console.print_json(result.as_json())
        return
    for w in result.warnings:
        console.warn(w)
    for f in result.files:
        console.info(f"{f.kind:<10} {f.path}")
    console.info(f"{len(result.clauses)} Klauseln. Der Entwurf ist vor der Unterzeichnung vom Rechtsamt zu prüfen.")


def _build_batch(
    inputs: list[Path],
    out: Path,
    lang: Language | None,
    force: bool,
    as_json: bool,
    clauses: list[Path],
    template: Path | None,
    each_party: Path | None,
    pdf: bool = False,
) -> None:
    """Many agreements, one folder each; failures are listed at the end and make the exit code 1."""
    from slp_agreements.pipeline import batch

    if each_party is not None:
        if len(inputs) != 1 or inputs[0].is_dir():
            raise typer.BadParameter("mit --each-party genau eine Antwortdatei angeben", param_hint="ANTWORTEN.yaml")
        jobs = batch.party_jobs(inputs[0], each_party, out)
    else:
        jobs = batch.file_jobs(inputs, out)
    with console.progress(len(jobs), "Vereinbarungen") as done:
        result = batch.run(
            jobs,
            lang=lang.value if lang else None,
            force=force,
            clauses=clauses,
            template=template,
            done=done,
            pdf=pdf,
        )
    if as_json:
        console.print_json(result.as_json())
    else:
        for w in result.warnings():
            console.warn(w)
        for f in result.failures:
            console.error(f.message if f.message.startswith(f.job.label) else f"{f.job.label}: {f.message}")
        console.info(f"{len(result.built)} von {len(jobs)} Vereinbarungen erzeugt, je ein Ordner unter {out}.")
        if result.built:
            console.info("Die Entwürfe sind vor der Unterzeichnung vom Rechtsamt zu prüfen.")
    if result.failures:
        if not as_json:
            console.error(f"{len(result.failures)} Vereinbarung(en) nicht erzeugt (Meldungen oben).")
        raise typer.Exit(1)


@app.command()
def new(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Ordner für Antwortdatei, Vertrag und Checkliste.", metavar="ORDNER")
    ] = Path("vereinbarung"),
    answers: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--answers", help="Antwortdatei; Standard: antworten.yaml im Ausgabeordner.", metavar="DATEI"),
    ] = None,
    resume: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--resume", help="Einen unterbrochenen Fragebogen fortsetzen.", metavar="DATEI"),
    ] = None,
    from_: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--from", help="Eine vorhandene Antwortdatei bearbeiten (ihre Werte als Vorschläge).", metavar="DATEI"
        ),
    ] = None,
    lang: Annotated[
        Optional[Language],  # noqa: UP045
        typer.Option("--lang", help="Sprache der Fragen und Dokumente: de oder en."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Dateien überschreiben.")] = False,
) -> None:
    """Fragebogen: fragt Schritt für Schritt und erzeugt danach Vertrag und Checkliste."""
    from slp_agreements.questionnaire.run import Interrupted, run

    if resume and from_:
        raise UserError("--resume und --from bitte nicht zusammen angeben.")
    try:
        run(out=out, answers=answers, resume=resume, edit=from_, lang=lang.value if lang else None, force=force)
    except (Interrupted, KeyboardInterrupt) as exc:
        where = exc.file if isinstance(exc, Interrupted) else answers or out / "antworten.yaml"
        console.warn(f"Abgebrochen. Ihre Antworten sind gespeichert in {where}.")
        console.warn(f"Fortsetzen mit: slp-agreements new --resume {where}")
        raise typer.Exit(130) from None


@app.command()
def schema() -> None:
    """JSON-Schema der Antwortdatei ausgeben (für Editoren und Prüfwerkzeuge)."""
    from slp_agreements.model.answers import json_schema

    console.print_json(json_schema())


@app.command()
def example(
    name: Annotated[Optional[str], typer.Argument(help="Name des Beispiels (siehe --list).")] = None,  # noqa: UP045
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--out", "-o", help="Zieldatei; Standard: <Name>.yaml im aktuellen Ordner."),
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="Verfügbare Beispiele anzeigen.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Datei überschreiben.")] = False,
) -> None:
    """Eine Beispiel-Antwortdatei als Ausgangspunkt schreiben."""
    from slp_agreements import resources
    from slp_agreements.files.atomic import write_atomic

    examples = {p.stem: p for p in sorted(resources.examples_dir().glob("*.yaml"))}
    if list_ or name is None:
        rows = [[stem, _first_comment(p)] for stem, p in examples.items()]
        console.table("Beispiele", ["Name", "Beschreibung"], rows)
        return
    if name not in examples:
        raise UserError(f"Beispiel '{name}' gibt es nicht; verfügbar: {', '.join(examples)}.")
    target = out or Path(f"{name}.yaml")
    # Tables the example reads (indicators_file, datasets_file) go next to it, so that it builds as written.
    tables = [(src, target.parent / src.name) for src in _example_tables(examples[name])]
    for path in [target, *(t for _, t in tables)]:
        if path.exists() and not force:
            raise UserError("Datei gibt es schon; mit --force überschreiben oder --out angeben.", file=path)
    write_atomic(target, examples[name].read_bytes())
    for src, dst in tables:
        write_atomic(dst, src.read_bytes())
    console.info(f"Geschrieben: {', '.join(str(p) for p in [target, *(t for _, t in tables)])}")


def _example_tables(path: Path) -> list[Path]:
    import yaml

    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    names = [raw.get("indicators_file"), (raw.get("data") or {}).get("datasets_file")]
    return [path.parent / n for n in names if isinstance(n, str) and (path.parent / n).is_file()]


def _first_comment(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").removeprefix("Beispiel: ")
    return ""


@app.command()
def checklist(
    answers: Annotated[Path, typer.Argument(help="Antwortdatei (YAML).", metavar="ANTWORTEN.yaml")],
    lang: Lang = None,
    clauses: Overlays = None,
) -> None:
    """Die Checkliste (Schritte vor und nach der Unterzeichnung) als Tabelle im Terminal zeigen."""
    from slp_agreements.build.assemble import assemble
    from slp_agreements.files.answers_file import load_answers
    from slp_agreements.library.loading import library_for

    loaded = load_answers(answers)
    doc = assemble(loaded, library_for(loaded, answers, clauses or []), lang.value if lang else None)
    lab = doc.labels
    rows = [[it.phase_label, it.text, it.role_label, it.legal_basis or "–"] for it in doc.checklist]
    console.table(lab["checklist_title"], [lab["col_phase"], lab["col_step"], lab["col_role"], lab["col_basis"]], rows)


@app.command()
def inspect(
    file: Annotated[
        Path, typer.Argument(help="Mit slp-agreements erzeugter Vertrag oder Checkliste (.docx).", metavar="DATEI.docx")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Das vollständige Manifest als JSON ausgeben.")] = False,
    answers_out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--answers",
            help="Die eingebetteten Antworten als Antwortdatei (YAML) hierhin schreiben.",
            metavar="ANTWORTEN.yaml",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Antwortdatei überschreiben.")] = False,
) -> None:
    """Herkunft eines erzeugten Vertrags zeigen: Antworten, Klauseln mit Versionen, Vorlage, Programmversion."""
    from slp_agreements.files.manifest_file import read_manifest

    found = read_manifest(file)
    if answers_out:
        from slp_agreements.files.answers_file import to_yaml
        from slp_agreements.files.atomic import write_atomic

        if answers_out.exists() and not force:
            raise UserError("Datei gibt es schon; mit --force überschreiben.", file=answers_out)
        write_atomic(answers_out, to_yaml(found.answers).encode())
    if as_json:
        console.print_json(found.data())
        return
    console.table(f"Manifest von {file.name}", ["Angabe", "Wert"], _overview_rows(found))
    console.table("Klauseln", ["Stelle", "Kennung", "Version", "Datei", "SHA-256 (Anfang)"], _clause_rows(found))
    if answers_out:
        console.info(f"Antworten geschrieben: {answers_out}")


def _overview_rows(m: Manifest) -> list[list[str]]:
    """The manifest's key facts as (label, value) rows for the terminal."""
    agreement = m.answers.get("agreement") or {}
    parties = ", ".join(p.get("name", "") for p in m.answers.get("parties", []))
    tpl_file, tpl_hash = (m.template.file, m.template.sha256) if m.template else ("", "")
    return [
        ["Erzeugt mit", f"{m.tool} {m.tool_version}".strip()],
        ["Antwortdatei", m.answers_file],
        ["Vorhaben", str(agreement.get("project", ""))],
        ["Parteien", parties],
        ["Bundesland", str(m.answers.get("land", ""))],
        ["Sprache", m.language],
        ["Stand (Dokumentdatum)", m.document_date],
        ["Word-Vorlage", f"{tpl_file} (SHA-256 {tpl_hash[:16]}…)"],
        ["Eigene Klauselordner", ", ".join(m.answers.get("library", []) or m.overlays) or "keine"],
        ["Anforderungskataloge", ", ".join(m.requirement_sets) or "keine"],
        ["Klauseln", str(len(m.clauses))],
    ]


def _clause_rows(m: Manifest) -> list[list[str]]:
    """One row per clause: number, id, version, part, file, short content hash."""
    parts = {"preamble": "Präambel", "body": "§", "annex": "Anlage", "checklist": "nur Checkliste"}
    rows = []
    for c in m.clauses:
        where = f"{parts.get(c.part, c.part)} {c.number}".strip()
        rows.append([where, c.id, str(c.version), c.file, c.sha256[:16]])
    return rows


@app.command()
def rebuild(
    file: Annotated[Path, typer.Argument(help="Mit slp-agreements erzeugter Vertrag (.docx).", metavar="VERTRAG.docx")],
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--out",
            "-o",
            help="Ordner für den neuen Entwurf; Standard: Ordner 'aktualisiert' daneben.",
            metavar="ORDNER",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Dateien im Ausgabeordner überschreiben.")] = False,
    clauses: Overlays = None,
    template: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--template", help="Eigene Word-Vorlage (.docx).", metavar="DATEI.docx"),
    ] = None,
    report: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--report", help="Änderungsbericht zusätzlich als .md oder .docx schreiben.", metavar="BERICHT.md|.docx"
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Ergebnis und Änderungen als JSON ausgeben.")] = False,
) -> None:
    """Einen erzeugten Vertrag mit der heutigen Klauselbibliothek neu erzeugen und die Änderungen je § zeigen."""
    from slp_agreements.model.labels import REPORT
    from slp_agreements.pipeline.rebuild import rebuild as run_rebuild
    from slp_agreements.render.report import blocks, check_report_target, write_report

    if report:
        check_report_target(report, force)
    done = run_rebuild(file, out or file.parent / "aktualisiert", force=force, clauses=clauses or [], template=template)
    words = REPORT[done.report.language]
    items = blocks(done.report, words["update_title"].format(file=file.name))
    if report:
        write_report(report, items, done.report.language)
    if as_json:
        console.print_json({**done.result.as_json(), "changes": done.report.as_json(), "warnings": done.warnings})
        return
    for w in done.warnings:
        console.warn(w)
    console.blocks(items)
    console.info("")
    for f in done.result.files:
        console.info(f"{f.kind:<10} {f.path}")
    if report:
        console.info(f"bericht    {report}")


@app.command()
def diff(
    old: Annotated[
        Path, typer.Argument(help="Ältere Fassung: Antwortdatei (YAML) oder erzeugter Vertrag (.docx).", metavar="ALT")
    ],
    new: Annotated[
        Path, typer.Argument(help="Neuere Fassung: Antwortdatei (YAML) oder erzeugter Vertrag (.docx).", metavar="NEU")
    ],
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--out",
            "-o",
            help="Bericht zusätzlich als Datei schreiben: bericht.md oder bericht.docx.",
            metavar="BERICHT.md|.docx",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Berichtsdatei überschreiben.")] = False,
    lang: Lang = None,
    clauses: Overlays = None,
    as_json: Annotated[bool, typer.Option("--json", help="Änderungen als JSON ausgeben.")] = False,
) -> None:
    """Zwei Fassungen vergleichen: hinzugefügte, entfallene und geänderte §§ mit Wortvergleich."""
    from slp_agreements.pipeline.diff import compare_files
    from slp_agreements.render.report import blocks, check_report_target, write_report

    if out:
        check_report_target(out, force)
    result = compare_files(old, new, lang=lang.value if lang else None, clauses=clauses or [])
    items = blocks(result)
    if out:
        write_report(out, items, result.language)
    if as_json:
        console.print_json(result.as_json())
        return
    console.blocks(items)
    if out:
        console.info(f"\nBericht geschrieben: {out}")


@clauses_app.command("list")
def clauses_list(
    as_json: Annotated[bool, typer.Option("--json", help="Als JSON ausgeben.")] = False,
    lang: Annotated[Language, typer.Option("--lang", help="Sprache.")] = Language.de,
    clauses: Overlays = None,
) -> None:
    """Alle Klauseln der Bibliothek auflisten."""
    from slp_agreements.library.loading import load_library

    lib = load_library(clauses or [])
    items = [c for c in lib.active()]
    if as_json:
        console.print_json([
            {"id": c.clause.id, "version": c.clause.version, "part": c.clause.part.value, "order": c.clause.order,
             "when": c.clause.when, "title": c.clause.title.model_dump() if c.clause.title else None,
             "languages": [lg for lg in ("de", "en") if c.clause.text is None or c.clause.text.get(lg)],
             "legal_refs": c.clause.legal_refs, "covers": c.clause.covers, "file": str(c.file)}
            for c in items
        ])  # fmt: skip
        return
    rows = [[c.clause.id, str(c.clause.version), (c.clause.title.get(lang.value) or "") if c.clause.title else "",
             c.clause.when or "immer"] for c in items]  # fmt: skip
    console.table("Klauseln", ["Kennung", "Version", "Titel", "Bedingung"], rows)


@clauses_app.command("coverage")
def clauses_coverage(
    answers: Annotated[Path, typer.Argument(help="Antwortdatei (YAML).", metavar="ANTWORTEN.yaml")],
    lang: Lang = None,
    clauses: Overlays = None,
) -> None:
    """Zeigen, welche Klausel welches Pflichtelement (DSGVO, Landesrecht) abdeckt."""
    from slp_agreements.build.requirements import coverage
    from slp_agreements.build.selection import context, select
    from slp_agreements.files.answers_file import load_answers
    from slp_agreements.library.loading import library_for

    loaded = load_answers(answers)
    language = lang.value if lang else loaded.language.value
    library = library_for(loaded, answers, clauses or [])
    ctx = context(loaded, library, language)
    rows = coverage(library, select(library, ctx), ctx)
    table = [
        [r.requirement_set.norm, r.element.id, getattr(r.element, language), ", ".join(r.covered_by) or "FEHLT"]
        for r in rows
    ]
    console.table("Abdeckung der Pflichtelemente", ["Norm", "Element", "Inhalt", "abgedeckt durch"], table)
    if any(not r.covered_by for r in rows):
        raise UserError("Mindestens ein Pflichtelement ist nicht abgedeckt (siehe FEHLT).")


@app.command()
def indicators(
    file: Annotated[Path, typer.Argument(help="Antwortdatei (YAML) oder Indikatorentabelle (.csv, .xlsx).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Ordner für die Steckbriefe.")] = Path("out"),
    pdf: Annotated[bool, typer.Option("--pdf", help="Zusätzlich ein PDF erzeugen (braucht LibreOffice).")] = False,
    lang: Lang = None,
    title: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--title", help="Titel des Dokuments (Standard: 'Indikatorensteckbriefe')."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Dateien überschreiben.")] = False,
) -> None:
    """Indikatorensteckbriefe zur Veröffentlichung erzeugen: ein Steckbrief je Seite, mit Inhaltsverzeichnis."""
    from slp_agreements.pipeline.publication import publish_indicators

    for path in publish_indicators(file, out, lang=lang.value if lang else None, title=title, force=force, pdf=pdf):
        console.info(f"{path.suffix.lstrip('.'):<10} {path}")


class ExportFormat(str, Enum):
    """Formats of the dataset export."""

    dcat_ap_de = "dcat-ap-de"


@datasets_app.command("export")
def datasets_export(
    answers: Annotated[Path, typer.Argument(help="Antwortdatei (YAML).")],
    format_: Annotated[
        ExportFormat, typer.Option("--format", help="Ausgabeformat: dcat-ap-de (JSON-LD nach DCAT-AP.de).")
    ] = ExportFormat.dcat_ap_de,
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--out", "-o", help="Zieldatei (.jsonld); ohne Angabe auf die Standardausgabe."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Datei überschreiben.")] = False,
) -> None:
    """Die gemeinsamen Datensätze als DCAT-AP.de-Katalog (JSON-LD) für ein Open-Data-Portal ausgeben.

    Datensätze mit Personenbezug und vertrauliche Datensätze werden nicht ausgegeben.
    """
    import json

    from slp_agreements.files.answers_file import load_answers
    from slp_agreements.files.atomic import write_atomic
    from slp_agreements.render.dcat import catalogue

    loaded = load_answers(answers)
    if loaded.data is None:
        raise UserError("Die Antwortdatei enthält keine Datensätze (data: datasets: …).", file=answers)
    if out and out.exists() and not force:
        raise UserError("Datei gibt es schon; mit --force überschreiben oder eine andere Datei angeben.", file=out)
    catalog, warnings = catalogue(loaded)
    for w in warnings:
        console.warn(w)
    if out is None:
        console.print_json(catalog)
        return
    try:
        write_atomic(out, (json.dumps(catalog, ensure_ascii=False, indent=2) + "\n").encode())
    except OSError as exc:
        raise UserError(f"Datei kann nicht geschrieben werden: {exc.strerror}.", file=out) from None
    console.info(f"{len(catalog['dcat:dataset'])} Datensätze geschrieben: {out}")


@clauses_app.command("show")
def clauses_show(
    clause_id: Annotated[str, typer.Argument(help="Kennung der Klausel, z. B. coop.costs.", metavar="KENNUNG")],
    answers: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--answers", help="Antwortdatei: Klausel so zeigen, wie sie im Vertrag steht.", metavar="ANTWORTEN.yaml"
        ),
    ] = None,
    lang: Lang = None,
    clauses: Overlays = None,
) -> None:
    """Eine Klausel zeigen: im Wortlaut mit den Angaben, die sie liest, oder mit --answers fertig ausgefüllt."""
    from slp_agreements.library import clause_view
    from slp_agreements.library.loading import library_for, load_library

    if answers is not None:
        from slp_agreements.files.answers_file import load_answers

        library = library_for(load_answers(answers), answers, clauses or [])
        from slp_agreements.build.preview import rendered

        lines = rendered(clause_view.find(library, clause_id), answers, lang.value if lang else None, library)
    else:
        library = load_library(clauses or [])
        lines = clause_view.raw(clause_view.find(library, clause_id), lang.value if lang else "de", library)
    for line in lines:
        console.info(line)


@clauses_app.command("lint")
def clauses_lint(
    folders: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(
            help="Eigene Klauselordner; ohne Angabe wird nur die mitgelieferte Bibliothek geprüft.",
            metavar="[ORDNER]...",
        ),
    ] = None,
    template: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--template", help="Auch diese Word-Vorlage prüfen (Formatvorlagen, Platzhalter).", metavar="DATEI.docx"
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Befunde als JSON ausgeben.")] = False,
) -> None:
    """Klauseln (und eine Word-Vorlage) prüfen: Fehler mit Datei und Zeile; Exit-Code 1 bei Fehlern."""
    from slp_agreements.library.lint import has_errors, lint, ordered

    for folder in folders or []:
        if not folder.is_dir():
            raise UserError("Klauselordner nicht gefunden. Bitte den Pfad prüfen.", file=folder)
    findings = lint(folders or [])
    if template is not None:
        from slp_agreements.render.templates import template_findings

        findings = ordered([*findings, *template_findings(template)])
    errors = sum(f.severity == "error" for f in findings)
    if as_json:
        console.print_json(
            [
                {
                    "severity": f.severity,
                    "file": str(f.file) if f.file else None,
                    "line": f.line,
                    "code": f.code,
                    "message": f.message,
                }
                for f in findings
            ]
        )
    else:
        for f in findings:
            console.finding(f.severity == "error", str(f).split(": ", 1)[1])
        summary = f"{errors} Fehler, {len(findings) - errors} Warnungen."
        console.info(summary if findings else "Keine Befunde: die Klauseln sind in Ordnung.")
    if has_errors(findings):
        raise typer.Exit(1)


@clauses_app.command("new")
def clauses_new(
    clause_id: Annotated[
        str, typer.Argument(help="Kennung der neuen Klausel, z. B. haus.gerichtsstand.", metavar="KENNUNG")
    ],
    folder: Annotated[Path, typer.Option("--dir", help="Eigener Klauselordner (wird angelegt).", metavar="ORDNER")],
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Datei überschreiben.")] = False,
) -> None:
    """Eine kommentierte Klauseldatei anlegen; bei einer vorhandenen Kennung eine eigene Fassung (Überschreibung)."""
    from slp_agreements.library.loading import load_library
    from slp_agreements.library.scaffold import new_clause

    path, override = new_clause(clause_id, folder, load_library(), force)
    what = "Eigene Fassung der mitgelieferten Klausel" if override else "Neue Klausel"
    console.info(f"{what} angelegt: {path}")
    console.info(f"Prüfen: slp-agreements clauses lint {folder}")


@template_app.command("export")
def template_export(
    target: Annotated[Path, typer.Argument(help="Zieldatei, z. B. briefkopf.docx.", metavar="DATEI.docx")],
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Datei überschreiben.")] = False,
) -> None:
    """Die mitgelieferte Word-Vorlage als Ausgangspunkt für den eigenen Briefkopf schreiben."""
    from slp_agreements.library.scaffold import export_template

    export_template(target, force)
    console.info(f"Geschrieben: {target}")
    console.info(
        f"In Word anpassen (Kopfzeile, Logo, Schriften), dann: slp-agreements clauses lint --template {target}"
    )


def main() -> None:
    """Run the command line."""
    app()
