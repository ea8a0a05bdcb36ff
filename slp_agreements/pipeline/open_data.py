"""`datasets export`: load the answers, build the DCAT-AP.de record, check it (rules, optionally SHACL), write it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from slp_agreements.errors import Problem, UserError
from slp_agreements.files.answers_file import load_answers
from slp_agreements.files.atomic import write_atomic
from slp_agreements.model.open_data import DcatProfile
from slp_agreements.render import dcat_rules
from slp_agreements.render.dcat import catalogue


@dataclass
class DatasetExport:
    """The written (or printed) catalogue, how many datasets it holds, and every warning about it."""

    text: str
    datasets: int
    warnings: list[str] = field(default_factory=list)


def export_datasets(
    answers_path: Path,
    out: Path | None,
    *,
    profile: DcatProfile = DcatProfile.v3,
    force: bool = False,
    allow_invalid: bool = False,
    shapes: Path | None = None,
) -> DatasetExport:
    """Export the shared datasets as DCAT-AP.de JSON-LD; an invalid record is refused unless ``allow_invalid``."""
    answers = load_answers(answers_path)
    if answers.data is None or not answers.data.datasets:
        raise UserError("Die Antwortdatei enthält keine Datensätze (data: datasets: …).", file=answers_path)
    if out and out.exists() and not force:
        raise UserError("Datei gibt es schon; mit --force überschreiben oder eine andere Datei angeben.", file=out)
    export = catalogue(answers, profile)
    findings = dcat_rules.check(export, answers)
    problems = [Problem(f.where, f.message) for f in findings if f.error]
    warnings = export.left_out + export.notes + [str(f) for f in findings if not f.error]
    if not export.datasets:
        raise UserError(
            "Kein Datensatz kann als Open Data exportiert werden:", file=answers_path,
            problems=[Problem("", w) for w in export.left_out],
        )  # fmt: skip
    if shapes is not None:
        from slp_agreements.render.shacl import validate

        for finding in validate(export.record, shapes, profile):
            if finding.severity == "Violation":
                problems.append(Problem("SHACL", str(finding)))
            else:
                warnings.append(f"SHACL ({finding.severity}): {finding}")
    if problems and not allow_invalid:
        raise UserError(
            f"Der Katalog entspricht nicht DCAT-AP.de {profile.value} und wird nicht geschrieben "
            f"({len(problems)} {'Problem' if len(problems) == 1 else 'Probleme'}); bitte korrigieren "
            "(oder mit --allow-invalid trotzdem schreiben):",
            file=answers_path,
            problems=problems,
        )
    warnings += [f"trotz Fehler geschrieben (--allow-invalid): {p}" for p in problems]
    text = json.dumps(export.record, ensure_ascii=False, indent=2) + "\n"
    if out is not None:
        write_atomic(out, text.encode())
    return DatasetExport(text, len(export.datasets), warnings)
