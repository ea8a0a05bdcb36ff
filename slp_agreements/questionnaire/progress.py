"""The answers file while the questionnaire runs: saved after every answer with its progress, read by --resume."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from slp_agreements.errors import UserError
from slp_agreements.files.atomic import write_atomic
from slp_agreements.files.yamlfile import dump_yaml, load_yaml

_STATE = re.compile(r"^# fragebogen-stand: (\{.*\})\s*$", re.M)


def save_partial(file: Path, raw: dict[str, Any], done_groups: set[str]) -> None:
    """Write the answers so far, atomically (a partial file is fine; --resume reads it)."""
    state = json.dumps({"fertig": sorted(done_groups)}, ensure_ascii=False)
    head = (
        "# Antwortdatei von „slp-agreements new“ – noch nicht fertig.\n"
        f"# Fortsetzen mit: slp-agreements new --resume {file}\n"
        f"# fragebogen-stand: {state}\n"
    )
    write_atomic(file, (head + dump_yaml(raw)).encode("utf-8"))


def read_partial(path: Path) -> tuple[dict[str, Any], set[str]]:
    """An answers file, complete or not, with the questionnaire's progress from its header."""
    raw, _ = load_yaml(path, "Antwortdatei")
    if not isinstance(raw, dict):
        raise UserError("Die Antwortdatei muss aus Schlüsseln bestehen (land:, agreement:, …).", file=path)
    text = path.read_text(encoding="utf-8")
    m = _STATE.search(text)
    done: set[str] = set()
    if m:
        try:
            done = set(json.loads(m.group(1)).get("fertig", []))
        except (ValueError, AttributeError):
            done = set()
    return raw, done
