"""`build` for one agreement: answers file in; contract, checklist and manifest (and PDFs) out, written atomically."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slp_agreements import __version__, resources
from slp_agreements.build import manifest
from slp_agreements.build.assemble import assemble
from slp_agreements.build.profiles import sdg_warnings
from slp_agreements.errors import UserError
from slp_agreements.files.answers_file import load_answers, named_path
from slp_agreements.files.docx_package import PackageInfo
from slp_agreements.files.outputs import check_out_dir, write_outputs
from slp_agreements.library.clauses import ClauseLibrary
from slp_agreements.library.loading import library_for, load_library
from slp_agreements.model.answers import Answers
from slp_agreements.model.document import Document
from slp_agreements.model.labels import DOCUMENT_LANGUAGE, FILE_NAMES
from slp_agreements.model.manifest import NAMESPACE, Manifest
from slp_agreements.render.contract import render_checklist, render_contract
from slp_agreements.render.pdf import convert, find_soffice


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

    def as_json(self) -> dict[str, Any]:
        """The ``build --json`` object."""
        return {
            "files": [{"path": str(f.path), "kind": f.kind} for f in self.files],
            "clauses": self.clauses,
            "warnings": self.warnings,
        }


def template_for(answers: Answers, answers_file: Path | None, option: Path | None) -> Path:
    """The Word template: command line, then answers file, then the built-in one."""
    if option:
        if not option.is_file():
            raise UserError("Word-Vorlage nicht gefunden. Bitte den Pfad prüfen.", file=option)
        return option
    if answers.template:
        path = named_path(answers_file.parent if answers_file else Path.cwd(), answers.template)
        if not path.is_file():
            raise UserError(
                f"template: Word-Vorlage '{answers.template}' nicht gefunden (gesucht: {path}); "
                "Pfade gelten relativ zur Antwortdatei.",
                file=answers_file,
            )
        return path
    return resources.templates_dir() / "agreement.docx"


def build(
    answers_file: Path,
    out: Path,
    *,
    lang: str | None = None,
    force: bool = False,
    clauses: list[Path] | None = None,
    template: Path | None = None,
    pdf: bool = False,
) -> BuildResult:
    """Build agreement, checklist and manifest (and with ``pdf`` a PDF of each) for one answers file into ``out``."""
    if pdf:
        find_soffice()  # before any work: a missing LibreOffice is said at once
    answers = load_answers(answers_file)
    return build_answers(
        answers, answers_file.name, out, base=answers_file.parent, lang=lang, force=force, clauses=clauses,
        template=template, pdf=pdf,
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
    pdf: bool = False,
    adjust_contract: Callable[[bytes, Manifest], bytes] | None = None,
) -> BuildResult:
    """Build from answers already loaded; ``base=None`` ignores the answers' own library and template paths.

    ``adjust_contract`` may change the finished contract before anything is written (`rebuild --keep-edits`).
    """
    soffice = find_soffice() if pdf else None
    lang = lang or answers.language.value
    names = FILE_NAMES[lang]
    stem = Path(answers_name).stem
    targets = {
        "contract": out / f"{stem}-{names['contract']}.docx",
        "checklist": out / f"{stem}-{names['checklist']}.docx",
        "manifest": out / f"{stem}-{names['manifest']}.json",
    }
    if soffice:
        targets |= {f"{k}_pdf": targets[k].with_suffix(".pdf") for k in ("contract", "checklist")}
    check_out_dir(out, list(targets.values()), force)
    if base is None:
        library = load_library(clauses or [])
        template_path = (
            template_for(answers, None, template) if template else resources.templates_dir() / "agreement.docx"
        )
    else:
        library = library_for(answers, base / answers_name, clauses or [])
        template_path = template_for(answers, base / answers_name, template)
    doc = assemble(answers, library, lang, base / answers_name if base is not None else answers_name)
    checklist_template = resources.templates_dir() / "checklist.docx"
    embedded = manifest.describe(answers, answers_name, doc, library, template_path, checklist_template)
    xml = embedded.to_xml()
    date = manifest.document_date(answers)
    locale = DOCUMENT_LANGUAGE[lang]
    about = f"{doc.labels['draft_property']}; slp-agreements {__version__}"
    contract = render_contract(
        doc, template_path,
        PackageInfo(doc.title, answers.agreement.project, names["contract"].capitalize(), about, locale, date, xml,
                    NAMESPACE),
    )  # fmt: skip
    if adjust_contract is not None:
        contract = adjust_contract(contract, embedded)
    checklist_title = doc.labels["checklist_title"]
    checklist = render_checklist(
        doc, checklist_template,
        PackageInfo(f"{checklist_title}: {doc.title}", answers.agreement.project, checklist_title, about, locale,
                    date, xml, NAMESPACE),
    )  # fmt: skip
    outputs = [Output(targets["contract"], "contract", contract), Output(targets["checklist"], "checklist", checklist)]
    data = manifest.with_outputs(embedded, [(o.path.name, o.kind, o.data) for o in outputs]).to_json()
    outputs.append(Output(targets["manifest"], "manifest", data))
    if soffice:  # after the manifest, which describes the Word files and stays the same with or without --pdf
        outputs += _pdfs(soffice, outputs[:2])
    write_outputs(out, [(o.path, o.data) for o in outputs])
    warnings = [*answers.notes, *doc.warnings, *_warnings(library), *sdg_warnings(answers.indicators)]
    return BuildResult(outputs, [c.id for c in doc.clauses], warnings)


def _pdfs(soffice: str, documents: list[Output]) -> list[Output]:
    pdfs = convert(soffice, {o.path.name: o.data for o in documents})
    return [Output(o.path.with_suffix(".pdf"), "pdf", pdfs[o.path.name]) for o in documents]


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


def preview(answers_file: Path) -> Document:
    """The document model of the agreement an answers file gives, without writing anything (the web preview)."""
    answers = load_answers(answers_file)
    library = library_for(answers, answers_file, [])
    return assemble(answers, library, answers.language.value, answers_file)
