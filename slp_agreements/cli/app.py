"""The command line: the typer apps, every command in its order, and the one place that reports user errors.

Each command lives in its own module (cli/build.py, cli/clauses.py …) and imports its stage only when it runs,
so ``--help`` stays fast (tests/test_startup.py). The apps are cli/german.py's Typer, so help pages and parser
errors are German.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from slp_agreements import console
from slp_agreements.cli import (
    build,
    checklist,
    clauses,
    datasets,
    diff,
    example,
    indicators,
    inspect,
    migrate,
    new,
    rebuild,
    schema,
    template,
)
from slp_agreements.cli.german import GermanGroup, Typer
from slp_agreements.errors import UserError


class _Group(GermanGroup):
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

app = Typer(cls=_Group, name="slp-agreements", help=HELP, no_args_is_help=True)
clauses_app = Typer(cls=_Group, help="Klauselbibliothek ansehen und prüfen.", no_args_is_help=True)
datasets_app = Typer(cls=_Group, help="Gemeinsame Datensätze für Open-Data-Portale ausgeben.", no_args_is_help=True)
template_app = Typer(cls=_Group, help="Eigene Word-Vorlage (Briefkopf, Logo, Schriften).", no_args_is_help=True)
app.add_typer(clauses_app, name="clauses")
app.add_typer(datasets_app, name="datasets")
app.add_typer(template_app, name="template")


def _show_version(wanted: bool) -> None:
    """--version: the program's version, the Python running it and the clause library it uses."""
    if not wanted:
        return
    from slp_agreements import __version__, resources

    typer.echo(f"slp-agreements {__version__}")
    typer.echo(f"Python {sys.version.split()[0]} ({sys.executable})")
    typer.echo(f"Klauselbibliothek: {resources.clauses_dir()}")
    raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Version, Python und verwendete Klauselbibliothek zeigen und beenden.",
            callback=_show_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """Entwürfe für interkommunale Kooperations- und Datennutzungsvereinbarungen."""


# The order here is the order of `slp-agreements --help`.
app.command()(build.build)
app.command()(new.new)
app.command()(schema.schema)
app.command()(example.example)
app.command()(migrate.migrate)
app.command()(checklist.checklist)
app.command()(inspect.inspect)
app.command()(rebuild.rebuild)
app.command()(diff.diff)
clauses_app.command("list")(clauses.clauses_list)
clauses_app.command("coverage")(clauses.clauses_coverage)
app.command()(indicators.indicators)
datasets_app.command("export")(datasets.datasets_export)
clauses_app.command("show")(clauses.clauses_show)
clauses_app.command("lint")(clauses.clauses_lint)
clauses_app.command("new")(clauses.clauses_new)
template_app.command("export")(template.template_export)


def main() -> None:
    """Run the command line."""
    app()
