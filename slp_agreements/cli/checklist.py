"""`checklist`: the checklist of an answers file as a table in the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from slp_agreements import console
from slp_agreements.cli.options import Lang, Overlays, lang_value


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
    doc = assemble(loaded, library_for(loaded, answers, clauses or []), lang_value(lang), answers)
    lab = doc.labels
    rows = [[it.phase_label, it.text, it.role_label, it.legal_basis or "–"] for it in doc.checklist]
    console.table(lab["checklist_title"], [lab["col_phase"], lab["col_step"], lab["col_role"], lab["col_basis"]], rows)
