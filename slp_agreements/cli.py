"""The command line (typer): parse arguments, call the stages, print; user errors are caught in one place."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from slp_agreements import console
from slp_agreements.errors import UserError
from slp_agreements.vocabulary import Language


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

Lang = Annotated[
    Optional[Language],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Option("--lang", help="Sprache der Dokumente: de oder en (Standard: aus der Antwortdatei)."),
]


@app.command()
def build(
    answers: Annotated[
        Path,
        typer.Argument(help="Antwortdatei (YAML), z. B. examples/niedersachsen-webgis.yaml", metavar="ANTWORTEN.yaml"),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Ordner für Vertrag, Checkliste und Manifest.", metavar="ORDNER")
    ] = Path("out"),
    lang: Lang = None,
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Dateien im Ausgabeordner überschreiben.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Ergebnis als JSON ausgeben (für Skripte).")] = False,
    clauses: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Option(
            "--clauses", help="Eigener Klauselordner, über die Bibliothek gelegt (mehrfach möglich).", metavar="ORDNER"
        ),
    ] = None,
    template: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--template", help="Eigene Word-Vorlage (.docx) mit denselben Formatvorlagen.", metavar="DATEI.docx"
        ),
    ] = None,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Zusätzlich je eine PDF-Datei neben die Word-Dateien (mit LibreOffice).")
    ] = False,
) -> None:
    """Vertragsentwurf und Checkliste aus einer Antwortdatei erzeugen."""
    from slp_agreements.build import build as run_build

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


@app.command()
def schema() -> None:
    """JSON-Schema der Antwortdatei ausgeben (für Editoren und Prüfwerkzeuge)."""
    from slp_agreements.answers import json_schema

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
    from slp_agreements.yamlio import write_atomic

    examples = {p.stem: p for p in sorted(resources.examples_dir().glob("*.yaml"))}
    if list_ or name is None:
        rows = [[stem, _first_comment(p)] for stem, p in examples.items()]
        console.table("Beispiele", ["Name", "Beschreibung"], rows)
        return
    if name not in examples:
        raise UserError(f"Beispiel '{name}' gibt es nicht; verfügbar: {', '.join(examples)}.")
    target = out or Path(f"{name}.yaml")
    if target.exists() and not force:
        raise UserError("Datei gibt es schon; mit --force überschreiben oder --out angeben.", file=target)
    write_atomic(target, examples[name].read_bytes())
    console.info(f"Geschrieben: {target}")


def _first_comment(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").removeprefix("Beispiel: ")
    return ""


@app.command()
def checklist(
    answers: Annotated[Path, typer.Argument(help="Antwortdatei (YAML).", metavar="ANTWORTEN.yaml")],
    lang: Lang = None,
    clauses: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Option("--clauses", help="Eigener Klauselordner (mehrfach möglich).", metavar="ORDNER"),
    ] = None,
) -> None:
    """Die Checkliste (Schritte vor und nach der Unterzeichnung) als Tabelle im Terminal zeigen."""
    from slp_agreements.answers import load_answers
    from slp_agreements.assemble import assemble
    from slp_agreements.build import library_for

    loaded = load_answers(answers)
    doc = assemble(loaded, library_for(loaded, answers, clauses or []), lang.value if lang else None)
    lab = doc.labels
    rows = [[it.phase_label, it.text, it.role_label, it.legal_basis or "–"] for it in doc.checklist]
    console.table(lab["checklist_title"], [lab["col_phase"], lab["col_step"], lab["col_role"], lab["col_basis"]], rows)


@clauses_app.command("list")
def clauses_list(
    as_json: Annotated[bool, typer.Option("--json", help="Als JSON ausgeben.")] = False,
    lang: Annotated[Language, typer.Option("--lang", help="Sprache.")] = Language.de,
    clauses: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Option("--clauses", help="Eigener Klauselordner (mehrfach möglich).", metavar="ORDNER"),
    ] = None,
) -> None:
    """Alle Klauseln der Bibliothek auflisten."""
    from slp_agreements.library import load_library

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
    clauses: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Option("--clauses", help="Eigener Klauselordner (mehrfach möglich).", metavar="ORDNER"),
    ] = None,
) -> None:
    """Zeigen, welche Klausel welches Pflichtelement (DSGVO, Landesrecht) abdeckt."""
    from slp_agreements.answers import load_answers
    from slp_agreements.assemble import context, coverage, select
    from slp_agreements.build import library_for

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


def main() -> None:
    """Run the command line."""
    app()
