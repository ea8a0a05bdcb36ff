"""`build` for one agreement: answers file in; contract, checklist and manifest (and PDFs) out, written atomically."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slp_agreements import __version__, resources
from slp_agreements.build import manifest
from slp_agreements.build.assemble import assemble
from slp_agreements.build.explanations import explanations
from slp_agreements.build.profiles import sdg_warnings
from slp_agreements.build.resolutions import resolutions as resolution_papers
from slp_agreements.errors import UserError
from slp_agreements.files.answers_file import load_answers, named_path
from slp_agreements.files.docx_package import PackageInfo
from slp_agreements.files.outputs import check_out_dir, write_outputs
from slp_agreements.library.clauses import ClauseLibrary
from slp_agreements.library.limits import text_budget
from slp_agreements.library.loading import library_for, load_library
from slp_agreements.model.answers import Answers
from slp_agreements.model.document import Document
from slp_agreements.model.labels import DOCUMENT_LANGUAGE, FILE_NAMES
from slp_agreements.model.manifest import NAMESPACE, Manifest
from slp_agreements.render.contract import render_checklist, render_contract
from slp_agreements.render.papers import render_paper
from slp_agreements.render.pdf import convert, find_soffice, hyphenation_warnings
from slp_agreements.render.templates import check_template


@dataclass
class Output:
    """A file a build writes."""

    path: Path
    kind: str
    data: bytes = field(repr=False, default=b"")
    party: str | None = None  # the Beteiligter a Beschlussvorlage is for
    warnings: list[str] = field(repr=False, default_factory=list)
    clauses: list[str] = field(repr=False, default_factory=list)


@dataclass
class BuildResult:
    """What a build produced."""

    files: list[Output]
    clauses: list[str]
    warnings: list[str]

    def as_json(self) -> dict[str, Any]:
        """The ``build --json`` object."""
        return {
            "files": [
                {"path": str(f.path), "kind": f.kind, **({"party": f.party} if f.party else {})} for f in self.files
            ],
            "clauses": self.clauses,
            "warnings": self.warnings,
        }

    def word_files(self) -> list[Output]:
        """The DOCX files, in order: what ``--pdf`` converts."""
        return [o for o in self.files if o.path.suffix == ".docx"]

    def add_pdfs(self, pdfs: list[bytes]) -> None:
        """The PDF of each Word file (in the order of ``word_files``), after all other files."""
        self.files += [
            Output(o.path.with_suffix(".pdf"), "pdf", data, party=o.party)
            for o, data in zip(self.word_files(), pdfs, strict=True)
        ]


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
    resolutions: bool | None = None,
) -> BuildResult:
    """Build agreement, checklist, papers and manifest (with ``pdf`` a PDF of each document) into ``out``."""
    if pdf:
        find_soffice()  # before any work: a missing LibreOffice is said at once
    answers = load_answers(answers_file)
    return build_answers(
        answers, answers_file.name, out, base=answers_file.parent, lang=lang, force=force, clauses=clauses,
        template=template, pdf=pdf, resolutions=resolutions,
    )  # fmt: skip


def languages(lang: str | None, answers: Answers) -> list[str]:
    """The document languages of a build: ``--lang`` ('de', 'en' or 'de,en'), else the answers file's."""
    if not lang:
        return answers.language.each
    out = list(dict.fromkeys(x.strip() for x in lang.split(",") if x.strip()))
    wrong = [x for x in out if x not in FILE_NAMES]
    if wrong or not out:
        raise UserError(f"--lang: '{lang}' ist keine Sprache; möglich sind de, en oder de,en.")
    return out


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
    resolutions: bool | None = None,
    adjust_contract: Callable[[bytes, Manifest], bytes] | None = None,
) -> BuildResult:
    """Build from answers already loaded; ``base=None`` ignores the answers' own library and template paths.

    ``lang`` may name two languages ('de,en'): both versions are built in one run, into the same folder.
    ``resolutions``: None writes a Beschlussvorlage per resolving Beteiligter of a binding agreement, True also for
    a declaration of intent, False none.

    ``adjust_contract`` may change the finished contract before anything is written (`rebuild --keep-edits`).
    """
    soffice = find_soffice() if pdf else None
    result = prepare_answers(
        answers, answers_name, out, base=base, lang=lang, force=force, clauses=clauses, template=template, pdf=pdf,
        resolutions=resolutions, adjust_contract=adjust_contract,
    )  # fmt: skip
    if soffice:  # after the manifest, which describes the Word files and stays the same with or without --pdf
        documents = result.word_files()
        pdfs = convert(soffice, {o.path.name: o.data for o in documents})
        result.add_pdfs([pdfs[o.path.name] for o in documents])
        langs = [DOCUMENT_LANGUAGE[x] for x in languages(lang, answers)]
        result.warnings = list(dict.fromkeys([*result.warnings, *hyphenation_warnings(soffice, langs)]))
    write_outputs(out, [(o.path, o.data) for o in result.files], force=force)
    return result


def prepare_answers(
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
    resolutions: bool | None = None,
    adjust_contract: Callable[[bytes, Manifest], bytes] | None = None,
) -> BuildResult:
    """Every file of ``build_answers`` but the PDFs, in memory: nothing is written (``pdf`` only checks ``out``)."""
    langs = languages(lang, answers)
    stem = Path(answers_name).stem
    fixed = [out / f"{stem}-{FILE_NAMES[x][k]}{ext}" for x in langs
             for k, ext in (("contract", ".docx"), ("checklist", ".docx"), ("manifest", ".json"))]  # fmt: skip
    check_out_dir(out, fixed, force)
    if base is None:
        template_path = (
            template_for(answers, None, template) if template else resources.templates_dir() / "agreement.docx"
        )
    else:
        template_path = template_for(answers, base / answers_name, template)
    check_template(template_path)  # a bad template is refused before the library is read
    library = load_library(clauses or []) if base is None else library_for(answers, base / answers_name, clauses or [])
    source = base / answers_name if base is not None else answers_name
    outputs: list[Output] = []
    warnings = list(answers.notes)
    for x in langs:
        with text_budget():  # the clause texts of one agreement share a time limit (library/limits.py)
            built = _documents(answers, x, stem, out, library, template_path, source, resolutions, adjust_contract)
        outputs += built
        new = [o.path for o in built if o.path not in fixed]
        new += [o.path.with_suffix(".pdf") for o in built if pdf and o.path.suffix == ".docx"]
        check_out_dir(out, new, force)
        warnings += built[0].warnings
    warnings += [*_warnings(library), *sdg_warnings(answers.indicators)]
    doc_clauses = outputs[0].clauses
    return BuildResult(outputs, doc_clauses, list(dict.fromkeys(warnings)))


def _documents(
    answers: Answers,
    lang: str,
    stem: str,
    out: Path,
    library: ClauseLibrary,
    template_path: Path,
    source: Path | str,
    resolutions: bool | None,
    adjust_contract: Callable[[bytes, Manifest], bytes] | None = None,
) -> list[Output]:
    """The Word files and the manifest of one language (the first output carries the warnings and clauses)."""
    names = FILE_NAMES[lang]
    answers_name = Path(str(source)).name
    text = answers.in_language(lang)
    doc = assemble(text, library, lang, source)
    checklist_template = resources.templates_dir() / "checklist.docx"
    embedded = manifest.describe(answers, answers_name, doc, library, template_path, checklist_template)
    xml = embedded.to_xml()
    date = manifest.document_date(answers)
    locale = DOCUMENT_LANGUAGE[lang]
    about = f"{doc.labels['draft_property']}; slp-agreements {__version__}"

    def package(title: str, category: str) -> PackageInfo:
        return PackageInfo(title, answers.agreement.project, category, about, locale, date, xml, NAMESPACE)

    contract_path = out / f"{stem}-{names['contract']}.docx"
    checklist_path = out / f"{stem}-{names['checklist']}.docx"
    contract = render_contract(doc, template_path, package(doc.title, names["contract"].capitalize()))
    if adjust_contract is not None:
        contract = adjust_contract(contract, embedded)
    checklist_title = doc.labels["checklist_title"]
    checklist = render_checklist(doc, checklist_template, package(f"{checklist_title}: {doc.title}", checklist_title))
    outputs = [Output(contract_path, "contract", contract), Output(checklist_path, "checklist", checklist)]
    files = {"contract": contract_path.name, "checklist": checklist_path.name}
    land = library.laender.get(answers.land.value)
    papers = resolution_papers(text, doc, land, files, asked=resolutions)
    if doc.sections:
        papers.append(explanations(doc, with_resolutions=bool(papers)))
    for paper in papers:
        name = f"{names[paper.kind]}-{paper.party_id}" if paper.party_id else names[paper.kind]
        data = render_paper(paper, template_path, package(f"{paper.title}: {doc.title}", paper.title))
        outputs.append(Output(out / f"{stem}-{name}.docx", paper.kind, data, party=paper.party_id or None))
    data = manifest.with_outputs(embedded, [(o.path.name, o.kind, o.data) for o in outputs]).to_json()
    outputs.append(Output(out / f"{stem}-{names['manifest']}.json", "manifest", data))
    untranslated = answers.texts.warning(lang)
    outputs[0].warnings = [*([untranslated] if untranslated else []), *doc.warnings]
    outputs[0].clauses = [c.id for c in doc.clauses]
    return outputs


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
    return assemble(answers, library, answers.main_language.value, answers_file)
