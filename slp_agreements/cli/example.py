"""`example`: an example answers file (and the tables it reads) as a starting point."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Optional

import typer

from slp_agreements import console
from slp_agreements.errors import UserError


def example(
    name: Annotated[Optional[str], typer.Argument(help="Name des Beispiels (siehe --list).", metavar="NAME")] = None,  # noqa: UP045
    out: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--out", "-o", help="Zieldatei; Standard: NAME.yaml im aktuellen Ordner.", metavar="DATEI.yaml"),
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="Verfügbare Beispiele anzeigen.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Datei überschreiben.")] = False,
) -> None:
    """Eine Beispiel-Antwortdatei als Ausgangspunkt schreiben."""
    from slp_agreements import resources
    from slp_agreements.files.atomic import write_atomic

    examples = {p.stem: p for p in sorted(resources.examples_dir().glob("*.yaml"))}
    if list_ or name is None:
        rows = [[stem, description(p)] for stem, p in examples.items()]
        console.table("Beispiele", ["Name", "Beschreibung"], rows)
        return
    if name not in examples:
        raise UserError(f"Beispiel '{name}' gibt es nicht; verfügbar: {', '.join(examples)}.")
    target = out or Path(f"{name}.yaml")
    # Tables the example reads (indicators_file, datasets_file) go next to it, so that it builds as written.
    tables = [(src, target.parent / src.name) for src in _example_tables(examples[name])]
    if target.exists() and not force:
        other = "bei --out eine andere Datei" if out else "mit --out eine andere Datei"
        raise UserError(f"Datei gibt es schon; mit --force überschreiben oder {other} angeben.", file=target)
    for _, table in tables:
        if table.exists() and not force:
            raise UserError(
                "Das Beispiel liest diese Tabelle, und sie kommt neben die Antwortdatei; dort gibt es sie schon. "
                "Mit --force überschreiben oder bei --out eine Datei in einem anderen Ordner angeben.",
                file=table,
            )
    write_atomic(target, examples[name].read_bytes())
    for src, dst in tables:
        write_atomic(dst, src.read_bytes())
    console.info(f"Geschrieben: {', '.join(str(p) for p in [target, *(t for _, t in tables)])}")


def _example_tables(path: Path) -> list[Path]:
    from slp_agreements.files.yamlfile import load_yaml

    raw, _ = load_yaml(path, "Beispieldatei")
    names = [raw.get("indicators_file"), (raw.get("data") or {}).get("datasets_file")]
    return [path.parent / n for n in names if isinstance(n, str) and (path.parent / n).is_file()]


# A sentence ends at a full stop after a word of four or more letters or a bracket, not after "Art.", "z. B.", "Nr.".
_SENTENCE_END = re.compile(r"(?<=[\w)“]{4}\.)\s+(?=[A-ZÄÖÜ])|(?<=\)\.)\s+(?=[A-ZÄÖÜ])")


def description(path: Path) -> str:
    """The first sentence of an example's opening comment ('# Beispiel: …'), however many lines it takes."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#").strip())
    text = " ".join(lines).removeprefix("Beispiel:").strip()
    return _SENTENCE_END.split(text, maxsplit=1)[0]
