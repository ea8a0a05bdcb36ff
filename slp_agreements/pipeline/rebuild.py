"""Rebuild (Aktualisierung): a contract made by the tool, regenerated from its embedded answers with today's library.

The answers' own ``library:`` and ``template:`` entries are paths relative to an answers file that a DOCX alone
cannot resolve; they are replaced by ``--clauses`` and ``--template``, and a warning names them when they are missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from slp_agreements import resources
from slp_agreements.build.compare import Report, compare
from slp_agreements.build.edits import Edit
from slp_agreements.errors import UserError
from slp_agreements.files.answers_file import answers_from
from slp_agreements.model.document import anchor
from slp_agreements.model.manifest import Manifest, sha256
from slp_agreements.pipeline.agreement import BuildResult, build_answers
from slp_agreements.pipeline.edits import describe, edits_in


@dataclass
class Rebuilt:
    """The new files, what changed against the old contract, and warnings for the user."""

    result: BuildResult
    report: Report
    warnings: list[str]
    kept: list[str] = field(default_factory=list)  # edited parts whose file text the new contract keeps
    conflicts: list[str] = field(default_factory=list)  # edited parts whose clause or answers changed too


class _Keeper:
    """For --keep-edits: keeps the file's text of edited parts whose generated text did not change; notes conflicts."""

    def __init__(self, file: Path, edits: list[Edit], lang: str) -> None:
        self.file, self.edits, self.lang = file, edits, lang
        self.kept: list[str] = []
        self.conflicts: list[str] = []

    def __call__(self, contract: bytes, new: Manifest) -> bytes:
        from slp_agreements.render.splice import keep_parts

        now = {s.id: s for s in new.sections}
        keep = []
        for e in self.edits:
            label = f"{e.label(self.lang)} ({e.section.id})"
            fresh = now.get(e.section.id)
            if e.now is not None and fresh is not None and fresh.sha256 == e.section.sha256:
                keep.append(anchor(e.section.id))
                self.kept.append(label)
            else:
                self.conflicts.append(label)
        return keep_parts(contract, self.file.read_bytes(), keep) if keep else contract


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


def _refuse_edits(file: Path, edits: list[Edit], lang: str) -> None:
    raise UserError(
        f"wurde nach der Erzeugung geändert ({describe(edits, lang)}); neu erzeugen würde diese Änderungen "
        "verwerfen. Mit --keep-edits bleiben sie erhalten, wo Klausel und Antworten unverändert sind (sonst wird "
        "ein Konflikt gemeldet), mit --discard-edits werden sie verworfen; 'slp-agreements diff' zeigt sie.",
        file=file,
    )


def rebuild(
    file: Path,
    out: Path,
    *,
    force: bool = False,
    clauses: list[Path] | None = None,
    template: Path | None = None,
    edits: str | None = None,
) -> Rebuilt:
    """Regenerate a contract from its embedded answers and report what changed, section by section.

    A contract edited after generation is refused unless ``edits`` is 'keep' (the edited text of parts whose clause
    and answers did not change is carried over; the others are reported as conflicts) or 'discard'.
    """
    old, found = edits_in(file)
    if found and edits is None:
        _refuse_edits(file, found, old.language)
    keeper = _Keeper(file, found, old.language) if found and edits == "keep" else None
    raw = old.answers
    name = old.answers_file
    if not raw or not name:
        raise UserError("Das eingebettete Manifest enthält keine Antworten; neu erzeugen ist nicht möglich.", file=file)
    answers = answers_from(raw, f"{file} (eingebettete Antworten)")
    warnings = _warnings(old, clauses or [], template)
    result = build_answers(
        answers, name, out, base=None, lang=old.language, force=force, clauses=clauses, template=template,
        adjust_contract=keeper,
    )  # fmt: skip
    new = Manifest.model_validate_json(next(o.data for o in result.files if o.kind == "manifest"))
    contract = next(o.path for o in result.files if o.kind == "contract")
    report = compare(old, new, str(file), str(contract))
    if keeper is not None:
        return Rebuilt(result, report, warnings + result.warnings, keeper.kept, keeper.conflicts)
    if found:
        warnings.append(f"Änderungen in der Datei verworfen (--discard-edits): {describe(found, old.language)}.")
    return Rebuilt(result, report, warnings + result.warnings)
