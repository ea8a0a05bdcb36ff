"""The answers file: read safely, validated with field and line, tables it names read in; written back as YAML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from slp_agreements.model.answers import Answers
from slp_agreements.model.validation import validate
from slp_agreements.yamlio import dump_yaml, load_yaml


def load_answers(path: Path) -> Answers:
    """Load and validate an answers file; tables it names (indicators_file, datasets_file) are read in."""
    raw, lines = load_yaml(path, "Antwortdatei")
    answers = validate(raw, path, lines)
    if answers.indicators_file or (answers.data and answers.data.datasets_file):
        from slp_agreements.tables import attach_tables

        answers = attach_tables(answers, path)
    return answers


def to_yaml(answers: Answers | dict[str, Any]) -> str:
    """The answers as hand-editable YAML (only what was given)."""
    data = answers.model_dump(mode="json", exclude_none=True) if isinstance(answers, Answers) else answers
    return dump_yaml(data)
