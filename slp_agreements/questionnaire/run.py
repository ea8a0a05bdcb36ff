"""`slp-agreements new`: the questionnaire from the first question (or where it stopped) to the built documents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from slp_agreements import console
from slp_agreements.errors import UserError
from slp_agreements.files.answers_file import named_path, to_yaml
from slp_agreements.files.atomic import make_folder, write_atomic
from slp_agreements.model.answers import SCHEMA_VERSION
from slp_agreements.model.labels import FILE_NAMES
from slp_agreements.model.validation import validate
from slp_agreements.pipeline import agreement as build_mod
from slp_agreements.questionnaire.engine import Library
from slp_agreements.questionnaire.interview import Finding, Interview
from slp_agreements.questionnaire.progress import read_partial, with_dropped
from slp_agreements.questionnaire.prompts import EndOfInput, Prompter
from slp_agreements.questionnaire.prompts import prompter as make_prompter
from slp_agreements.questionnaire.session import Declined, Session
from slp_agreements.questionnaire.wording import words

DEFAULT_ANSWERS = "antworten.yaml"


class Interrupted(Exception):
    """The user pressed Ctrl-C (or Ctrl-D); every answer given so far is in ``file``."""

    def __init__(self, file: Path) -> None:
        super().__init__(str(file))
        self.file = file


def library_for(raw: dict[str, Any], file: Path) -> Library:
    """The clause library with the answers file's own folders (which optional questions a clause reads)."""
    folders = [named_path(file.parent, d) for d in raw.get("library") or []]
    return Library.load(folders)


def _same(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def answers_target(out: Path | None, answers: Path | None, resume: Path | None, edit: Path | None) -> Path:
    """Where the answers are saved: --answers; --resume's file; for --from a file of that name in --out."""
    if answers is not None:
        return answers
    if resume is not None:
        return resume
    if edit is not None:
        return (out if out is not None else edit.parent) / edit.name
    return (out if out is not None else Path("vereinbarung")) / DEFAULT_ANSWERS


def run(
    *,
    out: Path | None,
    answers: Path | None,
    resume: Path | None,
    edit: Path | None,
    lang: str | None,
    force: bool,
    prompter: Prompter | None = None,
) -> Path:
    """Run the questionnaire, then build into ``out``; return the answers file."""
    source = resume or edit
    file = answers_target(out, answers, resume, edit)
    folder = out if out is not None else file.parent
    raw: dict[str, Any] = {}
    saved = read_partial(source) if source is not None else None
    if saved is not None:
        raw = saved.raw
    elif file.exists() and not force:
        raise UserError(
            f"Die Antwortdatei gibt es schon. Fortsetzen: slp-agreements new --resume {file}; "
            f"bearbeiten: slp-agreements new --from {file}; neu beginnen: --force.",
            file=file,
        )
    own_file = edit is not None and _same(file, edit)
    if source is not None and not _same(file, source) and file.exists() and not force:
        raise UserError("Die Antwortdatei gibt es schon; mit --force überschreiben oder --out ändern.", file=file)
    # The questions' language: --lang, else the one they were asked in, else the documents' (the first of 'de,en').
    language = lang or (saved.lang if saved is not None else None) or str(raw.get("language") or "de")[:2]
    if language not in ("de", "en"):
        language = "de"
    raw = {"schema_version": SCHEMA_VERSION, **raw}
    make_folder(file.parent)
    make_folder(folder)
    interview = Interview(
        raw=raw, lang=language, library=library_for(raw, file), base=file.parent,
        done=saved.done if saved is not None and edit is None else set(),
        dropped=saved.dropped if saved is not None else {},
        last=saved.last if saved is not None else None,
        english=saved.english if saved is not None else {},
    )  # fmt: skip
    if edit is not None:
        # --from opens at the review: every group is taken as it is in the file.
        interview.done = {s.question.path for s in interview.steps() if s.kind in ("count", "more")}
        interview.as_is = True
    session = Session(interview, file, prompter or make_prompter(language), ask_own_file=own_file and not force)
    try:
        if not own_file:
            session.save()
        session.greet(resumed=resume is not None)
        return _interview_and_build(session, folder, force)
    except Declined:
        raise UserError(f"Nichts geändert; {file} ist wie vorher.", file=file) from None
    except (KeyboardInterrupt, EOFError):  # Ctrl-C, or Ctrl-D at a question
        if not session.ask_own_file:
            session.save()
        raise Interrupted(file) from None
    except EndOfInput:
        raise UserError(words(language)["piped_end"].format(question="?", file=file), file=file) from None


def _interview_and_build(session: Session, folder: Path, force: bool) -> Path:
    """Ask, review, check, build; a failed check or build returns to the review with its findings at the bottom."""
    iv = session.interview
    w = words(iv.lang)
    findings: list[Finding] = []
    failure: str | None = None
    session.ask_all()
    while True:
        row = session.review(findings, failure)
        findings, failure = [], None
        if row is not None:
            session.edit(row)
            continue
        findings = iv.findings()
        if findings:
            continue
        targets = [folder / f"{session.file.stem}-{n}.docx" for lg in document_languages(iv.raw)
                   for n in FILE_NAMES[lg].values()]  # fmt: skip
        existing = [t.name for t in targets if t.exists()]
        if existing and not force:
            answer = session.prompter.yes_no(w["overwrite"].format(files=", ".join(existing)), False, None)
            if answer.strip().lower() not in ("j", "y", "ja", "yes"):
                continue
        try:
            return _build(session, folder)
        except UserError as exc:
            failure = exc.message + "".join(f" {p}" for p in exc.problems)


def _build(session: Session, folder: Path) -> Path:
    """Write the finished answers file and build the documents; print full paths and the next steps."""
    iv, file = session.interview, session.file
    w = words(iv.lang)
    result = write_and_build(iv, file, folder)
    for warning in result.warnings:  # e.g. the free texts without an English version
        console.warn(warning, iv.lang)
    console.info(w["done"])
    paths = [file.resolve(), *(o.path.resolve() for o in result.files)]
    for p in paths:
        console.info(f"  {p}")
    names = FILE_NAMES[document_languages(iv.raw)[0]]
    contract = next((p for p in paths if p.name.endswith(f"-{names['contract']}.docx")), paths[1])
    checklist = next((p for p in paths if p.name.endswith(f"-{names['checklist']}.docx")), paths[-1])
    console.info(w["next"].format(contract=contract, checklist=checklist, answers=file))
    return file


def write_and_build(iv: Interview, file: Path, folder: Path, *, pdf: bool = False) -> build_mod.BuildResult:
    """Write the finished answers file (with a header naming how to change and rebuild it), then build into
    ``folder``; a problem of the answers or the build is a UserError and leaves the documents as they were."""
    final = validate(with_dropped(iv.file_data(), iv.dropped), file)
    head = (
        "# Antwortdatei von „slp-agreements new“.\n"
        f"# Ändern: slp-agreements new --from {file}   Erzeugen: slp-agreements build {file} --out {folder} --force\n"
    )
    write_atomic(file, (head + to_yaml(final)).encode("utf-8"))
    return build_mod.build(file, folder, lang=",".join(document_languages(iv.raw)), force=True, pdf=pdf)


def document_languages(raw: dict[str, Any]) -> list[str]:
    """The languages the documents are built in: the answers' `language` ('de', 'en' or 'de,en')."""
    found = [x for x in str(raw.get("language") or "de").split(",") if x in FILE_NAMES]
    return found or ["de"]
