"""The answers file: read safely, validated with field and line, tables it names read in; written back as YAML."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from slp_agreements.errors import UserError
from slp_agreements.files.land_facts import agreement_facts
from slp_agreements.files.table_rows import read_datasets, read_indicators
from slp_agreements.files.tables import encoding_note
from slp_agreements.files.yamlfile import dump_yaml, load_yaml
from slp_agreements.model.answers import Answers
from slp_agreements.model.paths import FieldPath
from slp_agreements.model.validation import validate


def named_path(base: Path, value: str) -> Path:
    """A path the answers file names (library, template, tables): absolute, or relative to the folder ``base``."""
    p = Path(value).expanduser()
    return p if p.is_absolute() else base / p


def answers_from(raw: Any, file: Path | str, lines: dict[FieldPath, int] | None = None) -> Answers:
    """Validate raw answers, an older schema version migrated first (its notes on the result)."""
    return validate(raw, file, lines, facts_for=agreement_facts)


def load_answers(path: Path) -> Answers:
    """Load and validate an answers file; tables it names (indicators_file, datasets_file) are read in."""
    raw, lines = load_yaml(path, "Antwortdatei")
    answers = answers_from(raw, path, lines)
    if answers.indicators_file or (answers.data and answers.data.datasets_file):
        answers = attach_tables(answers, path)
    return answers


def attach_tables(answers: Answers, answers_file: Path) -> Answers:
    """The answers with the rows of indicators_file and datasets_file read in (file paths relative to the answers)."""
    ids = {p.id for p in answers.parties}
    update: dict[str, Any] = {}
    notes = list(answers.notes)

    def read(key: str, reader: Callable[[Path, set[str]], list[Any]], value: str) -> list[Any]:
        path = named_path(answers_file.parent, value)
        try:
            rows = reader(path, ids)
            note = encoding_note(path)
            if note:
                notes.append(note)
            return rows
        except UserError as exc:
            # Name the answers file too: the user may not know which file points to the table.
            exc.file = f"{answers_file} ({key}: {path})"
            raise

    # The rows replace the file reference, so the loaded answers (and the build manifest) are self-contained.
    if answers.indicators_file:
        update["indicators"] = read("indicators_file", read_indicators, answers.indicators_file)
        update["indicators_file"] = None
    if answers.data and answers.data.datasets_file:
        rows = read("datasets_file", read_datasets, answers.data.datasets_file)
        update["data"] = answers.data.model_copy(update={"datasets": rows, "datasets_file": None})
    return answers.model_copy(update=update).with_notes(notes).with_texts(answers.texts)


def to_yaml(answers: Answers | dict[str, Any]) -> str:
    """The answers as hand-editable YAML (only what was given)."""
    data = answers.dump() if isinstance(answers, Answers) else answers
    return dump_yaml(data)
