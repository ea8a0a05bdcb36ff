"""`slp-agreements new`: the questionnaire from the first question (or where it stopped) to the built documents."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from slp_agreements import console
from slp_agreements.errors import UserError
from slp_agreements.files.answers_file import named_path, to_yaml
from slp_agreements.files.atomic import write_atomic
from slp_agreements.model.answers import SCHEMA_VERSION
from slp_agreements.model.labels import FILE_NAMES
from slp_agreements.model.validation import validate
from slp_agreements.pipeline import agreement as build_mod
from slp_agreements.questionnaire.engine import Library
from slp_agreements.questionnaire.progress import read_partial
from slp_agreements.questionnaire.prompts import EndOfInput, Prompter
from slp_agreements.questionnaire.prompts import prompter as make_prompter
from slp_agreements.questionnaire.session import Session

DEFAULT_ANSWERS = "antworten.yaml"


class Interrupted(Exception):
    """The user pressed Ctrl-C (or Ctrl-D); every answer given so far is in ``file``."""

    def __init__(self, file: Path) -> None:
        super().__init__(str(file))
        self.file = file


def _library(raw: dict[str, Any], file: Path) -> Library:
    folders = [named_path(file.parent, d) for d in raw.get("library") or []]
    return Library.load(folders)


def run(
    *,
    out: Path,
    answers: Path | None,
    resume: Path | None,
    edit: Path | None,
    lang: str | None,
    force: bool,
    prompter: Prompter | None = None,
) -> Path:
    """Run the questionnaire, then build into ``out``; return the answers file."""
    source = resume or edit
    file = answers or source or out / DEFAULT_ANSWERS
    raw: dict[str, Any] = {}
    done: set[str] = set()
    if source is not None:
        raw, done = read_partial(source)
    elif file.exists() and not force:
        raise UserError(
            f"Die Antwortdatei gibt es schon. Fortsetzen: slp-agreements new --resume {file}; "
            f"bearbeiten: slp-agreements new --from {file}; neu beginnen: --force.",
            file=file,
        )
    if file != source and source is not None and file.exists() and not force:
        raise UserError("Die Antwortdatei gibt es schon; mit --force überschreiben.", file=file)
    language = lang or str(raw.get("language") or "de")
    if language not in ("de", "en"):
        language = "de"
    stem = file.stem
    targets = [out / f"{stem}-{n}.docx" for n in FILE_NAMES[language].values()]
    existing = [t.name for t in targets if t.exists()]
    if existing and not force:
        raise UserError(
            f"Der Ordner enthält schon {', '.join(existing)}. Mit --force überschreiben oder --out ändern.", file=out
        )
    raw = {"schema_version": SCHEMA_VERSION, "language": language, **{k: v for k, v in raw.items() if k != "language"}}
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Ordner kann nicht angelegt werden: {exc.strerror}.", file=file.parent) from None
    session = Session(
        raw=raw,
        file=file,
        lang=language,
        prompter=prompter or make_prompter(language),
        library=_library(raw, file),
        confirmed=set() if edit is not None else None,
        done_groups=set() if edit is not None else done,
    )
    w = session.words
    console.note(w["intro"])
    console.note(w["saved"].format(file=file))
    try:
        session.save()
        session.review()
    except (KeyboardInterrupt, EOFError):  # Ctrl-C, or Ctrl-D at a question
        session.save()
        raise Interrupted(file) from None
    except EndOfInput:
        raise UserError(
            "Die Eingabe endete vor der letzten Frage. Die Antworten bisher sind gespeichert; "
            f"fortsetzen mit: slp-agreements new --resume {file}",
            file=file,
        ) from None
    final = validate(session.raw, file)
    head = (
        "# Antwortdatei von „slp-agreements new“.\n"
        f"# Ändern: slp-agreements new --from {file}   Erzeugen: slp-agreements build {file} --out {out}\n"
    )
    write_atomic(file, (head + to_yaml(final)).encode("utf-8"))
    try:
        result = build_mod.build(file, out, lang=language, force=force)
    except UserError as exc:
        exc.message += f" Die Antworten sind gespeichert; danach erneut: slp-agreements build {file} --out {out}"
        raise
    console.info(w["done"].format(out=out))
    for f in [file, *(o.path for o in result.files)]:
        console.info(f"  {f.name}")
    console.info(w["review_note"])
    return file
