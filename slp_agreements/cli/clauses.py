"""`clauses list|coverage|show|lint|new`: the clause library, looked at and checked."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from slp_agreements import console
from slp_agreements.cli.options import Lang, NoCache, Overlays, lang_value, switch_off_cache
from slp_agreements.errors import UserError
from slp_agreements.model.vocabulary import Language


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
    language = lang_value(lang) or loaded.main_language.value
    library = library_for(loaded, answers, clauses or [])
    ctx = context(loaded, library, language)
    rows = coverage(library, select(library, ctx), ctx)
    table = [
        [
            r.element.norm or r.requirement_set.norm,
            r.element.id,
            getattr(r.element, language),
            ", ".join(r.covered_by) or "FEHLT",
        ]
        for r in rows
    ]
    console.table("Abdeckung der Pflichtelemente", ["Norm", "Element", "Inhalt", "abgedeckt durch"], table)
    if any(not r.covered_by for r in rows):
        raise UserError("Mindestens ein Pflichtelement ist nicht abgedeckt (siehe FEHLT).")


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

        lines = rendered(clause_view.find(library, clause_id), answers, lang_value(lang), library)
    else:
        library = load_library(clauses or [])
        lines = clause_view.raw(clause_view.find(library, clause_id), lang_value(lang) or "de", library)
    for line in lines:
        console.info(line)


def clauses_lint(
    folders: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(
            help="Eigene Klauselordner; ohne Angabe wird nur die mitgelieferte Bibliothek geprüft.",
            metavar="ORDNER",
        ),
    ] = None,
    template: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--template", help="Auch diese Word-Vorlage prüfen (Formatvorlagen, Platzhalter).", metavar="DATEI.docx"
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Befunde als JSON ausgeben.")] = False,
    no_cache: NoCache = False,
) -> None:
    """Klauseln (und eine Word-Vorlage) prüfen: Fehler mit Datei und Zeile; Exit-Code 1 bei Fehlern."""
    from slp_agreements.library.lint import has_errors, lint, ordered
    from slp_agreements.model.formatting import count

    switch_off_cache(no_cache)
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
        summary = f"{count(errors, 'Fehler', 'Fehler')}, {count(len(findings) - errors, 'Warnung', 'Warnungen')}."
        console.info(summary if findings else "Keine Befunde: die Klauseln sind in Ordnung.")
    if has_errors(findings):
        raise typer.Exit(1)


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
