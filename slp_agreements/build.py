"""The build stage: answers file in, agreement, checklist and manifest out, written atomically."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slp_agreements import __version__, resources
from slp_agreements.answers import Answers, load_answers
from slp_agreements.assemble import assemble
from slp_agreements.document import Document
from slp_agreements.errors import UserError
from slp_agreements.library import ClauseLibrary, load_library
from slp_agreements.yamlio import write_atomic

NAMES = {
    "de": {"contract": "vereinbarung", "checklist": "checkliste", "manifest": "manifest"},
    "en": {"contract": "agreement", "checklist": "checklist", "manifest": "manifest-en"},
}


@dataclass
class Output:
    """A file a build writes."""

    path: Path
    kind: str
    data: bytes = field(repr=False, default=b"")


@dataclass
class BuildResult:
    """What a build produced."""

    files: list[Output]
    clauses: list[str]
    warnings: list[str]
    document: Document

    def as_json(self) -> dict[str, Any]:
        """The ``build --json`` object."""
        return {
            "files": [{"path": str(f.path), "kind": f.kind} for f in self.files],
            "clauses": self.clauses,
            "warnings": self.warnings,
        }


def _relative_to(base: Path, value: str) -> Path:
    p = Path(value).expanduser()
    return p if p.is_absolute() else base / p


def library_for(answers: Answers, answers_file: Path | None, extra: list[Path]) -> ClauseLibrary:
    """The built-in library with the answers file's own folders and the command line's folders laid over it."""
    base = answers_file.parent if answers_file else Path.cwd()
    overlays = [_relative_to(base, d) for d in answers.library] + list(extra)
    return load_library(overlays)


def template_for(answers: Answers, answers_file: Path | None, option: Path | None) -> Path:
    """The Word template: command line, then answers file, then the built-in one."""
    if option:
        return option
    if answers.template:
        return _relative_to(answers_file.parent if answers_file else Path.cwd(), answers.template)
    return resources.templates_dir() / "agreement.docx"


def _check_out_dir(out: Path, targets: list[Path], force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise UserError("Der Ausgabepfad ist eine Datei, kein Ordner; bitte einen Ordner angeben.", file=out)
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        names = ", ".join(t.name for t in existing)
        raise UserError(
            f"Der Ordner enthält schon {names}. Mit --force überschreiben oder einen anderen Ordner wählen.",
            file=out,
        )


def build(
    answers_file: Path,
    out: Path,
    *,
    lang: str | None = None,
    force: bool = False,
    clauses: list[Path] | None = None,
    template: Path | None = None,
) -> BuildResult:
    """Build agreement, checklist and manifest for one answers file into ``out``."""
    answers = load_answers(answers_file)
    return build_answers(
        answers, answers_file.name, out, base=answers_file.parent, lang=lang, force=force, clauses=clauses,
        template=template,
    )  # fmt: skip


def build_answers(
    answers: Answers,
    answers_name: str,
    out: Path,
    *,
    base: Path | None,
    lang: str | None = None,
    force: bool = False,
    clauses: list[Path] | None = None,
    template: Path | None = None,
) -> BuildResult:
    """Build from answers already loaded; ``base=None`` ignores the answers' own library and template paths."""
    from slp_agreements import manifest
    from slp_agreements.docx_package import PackageInfo
    from slp_agreements.render import render_checklist, render_contract

    lang = lang or answers.language.value
    names = NAMES[lang]
    stem = Path(answers_name).stem
    targets = {
        "contract": out / f"{stem}-{names['contract']}.docx",
        "checklist": out / f"{stem}-{names['checklist']}.docx",
        "manifest": out / f"{stem}-{names['manifest']}.json",
    }
    _check_out_dir(out, list(targets.values()), force)
    if base is None:
        library = load_library(clauses or [])
        template_path = template or resources.templates_dir() / "agreement.docx"
    else:
        library = library_for(answers, base / answers_name, clauses or [])
        template_path = template_for(answers, base / answers_name, template)
    doc = assemble(answers, library, lang)
    checklist_template = resources.templates_dir() / "checklist.docx"
    embedded = manifest.describe(answers, answers_name, doc, library, template_path, checklist_template)
    xml = manifest.to_xml(embedded)
    date = manifest.document_date(answers)
    locale = "de-DE" if lang == "de" else "en-GB"
    draft = "Entwurf zur Prüfung durch das Rechtsamt" if lang == "de" else "Draft for review by the legal office"
    about = f"{draft}; slp-agreements {__version__}"
    contract = render_contract(
        doc, template_path,
        PackageInfo(doc.title, answers.agreement.project, names["contract"].capitalize(), about, locale, date, xml,
                    manifest.NAMESPACE),
    )  # fmt: skip
    checklist_title = doc.labels["checklist_title"]
    checklist = render_checklist(
        doc, checklist_template,
        PackageInfo(f"{checklist_title}: {doc.title}", answers.agreement.project, checklist_title, about, locale,
                    date, xml, manifest.NAMESPACE),
    )  # fmt: skip
    outputs = [Output(targets["contract"], "contract", contract), Output(targets["checklist"], "checklist", checklist)]
    data = manifest.to_json(manifest.with_outputs(embedded, [(o.path.name, o.kind, o.data) for o in outputs]))
    outputs.append(Output(targets["manifest"], "manifest", data))
    try:
        out.mkdir(parents=True, exist_ok=True)
        for o in outputs:
            write_atomic(o.path, o.data)
    except PermissionError:
        raise UserError(
            "In diesen Ordner darf nicht geschrieben werden; bitte einen anderen wählen.", file=out
        ) from None
    except OSError as exc:
        raise UserError(f"Ausgabe kann nicht geschrieben werden: {exc.strerror}.", file=out) from None
    warnings = _warnings(library)
    return BuildResult(outputs, [c["id"] for c in doc.manifest["clauses"]], warnings, doc)


def _warnings(library: ClauseLibrary) -> list[str]:
    out = []
    for cid, old in library.overridden.items():
        new = library.clauses[cid].clause
        if new.based_on_version is not None and new.based_on_version < old.clause.version:
            out.append(
                f"{library.clauses[cid].file}: überschreibt '{cid}' Version {new.based_on_version}, "
                f"die mitgelieferte Klausel ist inzwischen Version {old.clause.version}; bitte abgleichen."
            )
    return out
