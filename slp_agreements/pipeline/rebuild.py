"""Rebuild (Aktualisierung): a contract made by the tool, regenerated from its embedded answers with today's library.

The answers' own ``library:`` and ``template:`` entries are paths relative to an answers file that a DOCX alone
cannot resolve; they are replaced by ``--clauses`` and ``--template``, and a warning names them when they are missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from slp_agreements import resources
from slp_agreements.build.compare import Report, compare
from slp_agreements.errors import UserError
from slp_agreements.files.answers_file import answers_from
from slp_agreements.files.manifest_file import read_manifest
from slp_agreements.model.manifest import Manifest, sha256
from slp_agreements.pipeline.agreement import BuildResult, build_answers


@dataclass
class Rebuilt:
    """The new files, what changed against the old contract, and warnings for the user."""

    result: BuildResult
    report: Report
    warnings: list[str]


def _warnings(old: Manifest, clauses: list[Path], template: Path | None) -> list[str]:
    out = []
    own = list(old.answers.get("library", [])) or list(old.overlays)
    if own and not clauses:
        out.append(
            f"Der Vertrag wurde mit eigenen Klauselordnern erzeugt ({', '.join(own)}); ohne --clauses wird nur "
            "die mitgelieferte Bibliothek verwendet, eigene Klauseln fehlen dann im neuen Entwurf."
        )
    tpl = old.template
    builtin = sha256((resources.templates_dir() / "agreement.docx").read_bytes())
    if template is None and tpl is not None and tpl.sha256 != builtin:
        out.append(
            f"Der Vertrag wurde mit einer eigenen Word-Vorlage erzeugt ({tpl.file}); ohne --template wird "
            "die mitgelieferte Vorlage verwendet."
        )
    return out


def rebuild(
    file: Path, out: Path, *, force: bool = False, clauses: list[Path] | None = None, template: Path | None = None
) -> Rebuilt:
    """Regenerate a contract from its embedded answers and report what changed, section by section."""
    old = read_manifest(file)
    raw = old.answers
    name = old.answers_file
    if not raw or not name:
        raise UserError("Das eingebettete Manifest enthält keine Antworten; neu erzeugen ist nicht möglich.", file=file)
    answers = answers_from(raw, f"{file} (eingebettete Antworten)")
    warnings = _warnings(old, clauses or [], template)
    result = build_answers(
        answers, name, out, base=None, lang=old.language, force=force, clauses=clauses, template=template
    )
    new = Manifest.model_validate_json(next(o.data for o in result.files if o.kind == "manifest"))
    contract = next(o.path for o in result.files if o.kind == "contract")
    return Rebuilt(result, compare(old, new, str(file), str(contract)), warnings + result.warnings)
