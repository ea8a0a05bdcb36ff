"""The answers file while the questionnaire runs: saved after every answer with its progress, read by --resume.

The header keeps the interview's state as one JSON comment line (finished groups, the last answer); answers that
a change made obsolete stay in the file under ``verworfen:`` and come back when the change is undone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slp_agreements.errors import UserError
from slp_agreements.files.atomic import write_atomic
from slp_agreements.files.yamlfile import dump_yaml, load_yaml
from slp_agreements.model.paths import FieldPath
from slp_agreements.questionnaire.english import split_versions

_STATE = re.compile(r"^# fragebogen-stand: (\{.*\})\s*$", re.M)
DROPPED = "verworfen"


@dataclass
class Saved:
    """An answers file as the questionnaire reads it back."""

    raw: dict[str, Any]
    done: set[str] = field(default_factory=set)
    dropped: dict[str, Any] = field(default_factory=dict)
    last: str | None = None
    english: dict[FieldPath, Any] = field(default_factory=dict)  # the English versions of free texts, by field
    lang: str | None = None  # the language the questions were asked in


def with_dropped(raw: dict[str, Any], dropped: dict[str, Any]) -> dict[str, Any]:
    """The answers with the dropped ones as their own section at the end (none: no section)."""
    return {**raw, DROPPED: dict(dropped)} if dropped else dict(raw)


def save_partial(file: Path, raw: dict[str, Any], state: dict[str, Any], dropped: dict[str, Any]) -> None:
    """Write the answers so far (English versions already as ``{de, en}``), atomically (a partial file is fine;
    --resume reads it)."""
    line = json.dumps(state, ensure_ascii=False)
    head = (
        "# Antwortdatei von „slp-agreements new“ oder „slp-agreements serve“ – noch nicht fertig.\n"
        f"# Fortsetzen mit: slp-agreements new --resume {file}\n"
        f"# fragebogen-stand: {line}\n"
    )
    write_atomic(file, (head + dump_yaml(with_dropped(raw, dropped))).encode("utf-8"))


def read_partial(path: Path) -> Saved:
    """An answers file, complete or not, with the questionnaire's progress from its header."""
    raw, _ = load_yaml(path, "Antwortdatei")
    if not isinstance(raw, dict):
        raise UserError("Die Antwortdatei muss aus Schlüsseln bestehen (land:, agreement:, …).", file=path)
    dropped = raw.pop(DROPPED, None)
    text = path.read_text(encoding="utf-8")
    m = _STATE.search(text)
    state: dict[str, Any] = {}
    if m:
        try:
            loaded = json.loads(m.group(1))
            state = loaded if isinstance(loaded, dict) else {}
        except ValueError:
            state = {}
    done = {str(d) for d in state.get("fertig", []) if isinstance(d, str)}
    last = state.get("zuletzt") if isinstance(state.get("zuletzt"), str) else None
    lang = state.get("sprache") if state.get("sprache") in ("de", "en") else None
    plain, english = split_versions(raw)
    return Saved(plain, done, dropped if isinstance(dropped, dict) else {}, last, english, lang)
