"""The command line: the typer apps, every command in its order, and the one place that reports user errors.

Each command lives in its own module (cli/build.py, cli/clauses.py …), which is imported only when the
command runs or shows its help, and imports its stage only when it runs, so ``--help`` stays fast
(tests/test_startup.py). The apps are cli/german.py's Typer, so help pages and parser
errors are German.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Annotated, Any

# pydantic looks for plugins by scanning the entry points of every installed package when it builds its first model;
# this program uses none, and the scan is a noticeable part of its start-up. Set before typer imports pydantic.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer
from typer import _click
from typer.models import CommandInfo

from slp_agreements import console
from slp_agreements.cli.german import GermanCommand, GermanGroup, Typer
from slp_agreements.errors import UserError

# Every command: its name, the module in cli/ and the function that implements it, and the first sentence of its
# help as the group's --help lists it. The modules are imported only when their command runs or shows its own help,
# so `slp-agreements --help` loads none of them (tests/test_cli_app.py checks the texts against the docstrings).
# The order here is the order of `slp-agreements --help`.
COMMANDS: dict[str, list[tuple[str, str, str, str]]] = {
    "": [
        ("build", "build", "build",
         "Vertragsentwurf und Checkliste aus einer Antwortdatei erzeugen (oder aus vielen: Serienverträge)."),
        ("new", "new", "new", "Fragebogen: fragt Schritt für Schritt und erzeugt danach Vertrag und Checkliste."),
        ("serve", "serve", "serve",
         "Fragebogen im Browser: ein lokaler Webserver auf diesem Rechner (Standard: http://127.0.0.1:8765/)."),
        ("schema", "schema", "schema", "JSON-Schema der Antwortdatei ausgeben (für Editoren und Prüfwerkzeuge)."),
        ("example", "example", "example", "Eine Beispiel-Antwortdatei als Ausgangspunkt schreiben."),
        ("migrate", "migrate", "migrate",
         "Eine Antwortdatei auf die aktuelle Version umstellen (Kommentare bleiben erhalten, wo es geht)."),
        ("checklist", "checklist", "checklist",
         "Die Checkliste (Schritte vor und nach der Unterzeichnung) als Tabelle im Terminal zeigen."),
        ("inspect", "inspect", "inspect",
         "Herkunft eines erzeugten Vertrags zeigen: Antworten, Klauseln mit Versionen, Vorlage, Programmversion."),
        ("rebuild", "rebuild", "rebuild",
         "Einen erzeugten Vertrag mit der heutigen Klauselbibliothek neu erzeugen und die Änderungen je § zeigen."),
        ("diff", "diff", "diff",
         "Zwei Fassungen vergleichen: hinzugefügte, entfallene und geänderte §§ mit Wortvergleich."),
        ("indicators", "indicators", "indicators",
         "Indikatorensteckbriefe zur Veröffentlichung erzeugen: Word (ein Steckbrief je Seite) oder eine Website."),
    ],
    "clauses": [
        ("list", "clauses", "clauses_list", "Alle Klauseln der Bibliothek auflisten."),
        ("coverage", "clauses", "clauses_coverage",
         "Zeigen, welche Klausel welches Pflichtelement (DSGVO, Landesrecht) abdeckt."),
        ("show", "clauses", "clauses_show",
         "Eine Klausel zeigen: im Wortlaut mit den Angaben, die sie liest, oder mit --answers fertig ausgefüllt."),
        ("lint", "clauses", "clauses_lint",
         "Klauseln (und eine Word-Vorlage) prüfen: Fehler mit Datei und Zeile; Exit-Code 1 bei Fehlern."),
        ("new", "clauses", "clauses_new",
         "Eine kommentierte Klauseldatei anlegen; bei einer vorhandenen Kennung eine eigene Fassung (Überschreibung)."),
    ],
    "datasets": [
        ("export", "datasets", "datasets_export",
         "Die gemeinsamen Datensätze als DCAT-AP.de-Katalog (JSON-LD) für ein Open-Data-Portal ausgeben."),
    ],
    "template": [
        ("export", "template", "template_export",
         "Die mitgelieferte Word-Vorlage als Ausgangspunkt für den eigenen Briefkopf schreiben."),
    ],
}  # fmt: skip


class _Pending(GermanCommand):
    """A command whose module is not imported yet: enough for a group's --help, replaced by the real one on use."""

    def __init__(self, name: str, module: str, function: str, summary: str) -> None:
        super().__init__(name, help=summary)
        self.module, self.function = module, function

    def load(self) -> _click.Command:
        """The real command, built by typer from the function (as ``app.command()`` would register it)."""
        callback = getattr(importlib.import_module(f"slp_agreements.cli.{self.module}"), self.function)
        info = CommandInfo(name=self.name, cls=GermanCommand, callback=callback)
        return typer.main.get_command_from_info(info, pretty_exceptions_short=True, rich_markup_mode=None)


class _Group(GermanGroup):
    """A group of the command table; also the one place where errors users cause become a message and exit 1."""

    table: str = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pending = {name: _Pending(name, *rest) for name, *rest in COMMANDS[self.table]}
        self.commands = {**pending, **self.commands}  # commands first, then the sub-groups, as typer orders them

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        """The command of that name, its module imported now."""
        command = self.commands.get(cmd_name)
        if isinstance(command, _Pending):
            command = self.commands[cmd_name] = command.load()
        return command

    def format_commands(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """The section 'Befehle' from the table's summaries, without importing any command."""
        if not self.commands:
            return
        limit = formatter.width - 6 - max(map(len, self.commands))
        rows = [(name, cmd.get_short_help_str(limit)) for name, cmd in self.commands.items() if not cmd.hidden]
        with formatter.section("Befehle"):
            formatter.write_dl(rows)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except UserError as exc:
            console.error(str(exc))
            raise typer.Exit(1) from None


class _Clauses(_Group):
    table = "clauses"


class _Datasets(_Group):
    table = "datasets"


class _Template(_Group):
    table = "template"


HELP = (
    "Entwürfe für interkommunale Kooperations- und Datennutzungsvereinbarungen.\n\n"
    "Aus einer Antwortdatei (YAML) und der Klauselbibliothek entstehen der Vertragsentwurf und die Checkliste "
    "als Word-Dateien. Jeder Entwurf ist vom Rechtsamt zu prüfen."
)

app = Typer(cls=_Group, name="slp-agreements", help=HELP, no_args_is_help=True)
clauses_app = Typer(cls=_Clauses, help="Klauselbibliothek ansehen und prüfen.", no_args_is_help=True)
datasets_app = Typer(cls=_Datasets, help="Gemeinsame Datensätze für Open-Data-Portale ausgeben.", no_args_is_help=True)
template_app = Typer(cls=_Template, help="Eigene Word-Vorlage (Briefkopf, Logo, Schriften).", no_args_is_help=True)
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


def main() -> None:
    """Run the command line."""
    app()
