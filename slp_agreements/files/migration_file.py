"""`migrate`: an answers file of an older schema version rewritten in the current one, its comments kept.

The few lines that change (schema_version, legal_form, a new task: section) are edited in the text, so every
comment and the layout stay; the result is read back and must equal the migrated data. Where that is not possible
(e.g. the agreement section written in flow style), the file is written anew with a header saying so.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from slp_agreements.errors import Problem, UserError
from slp_agreements.files.land_facts import agreement_facts
from slp_agreements.files.yamlfile import dump_yaml, load_yaml, parse_text, read_text
from slp_agreements.model.migration import CURRENT, migrate
from slp_agreements.model.paths import line_of, where
from slp_agreements.model.validation import validate

_NOT_KEPT = (
    "# Umgestellt von „slp-agreements migrate“ auf schema_version {version}. Die Kommentare der alten Datei\n"
    "# ließen sich nicht übernehmen; die alte Datei bleibt unverändert, wenn sie nicht überschrieben wurde.\n"
)


def migrated_text(path: Path) -> tuple[str, list[str]]:
    """The answers file at ``path`` in the current schema version as YAML text, and what the user should add."""
    raw, lines = load_yaml(path, "Antwortdatei")
    result = migrate(raw, agreement_facts)
    if result.version == CURRENT:
        raise UserError(f"Die Antwortdatei hat schon schema_version {CURRENT}; nichts umzustellen.", file=path)
    if result.version > CURRENT:
        raise UserError(
            f"schema_version {result.version} ist neuer als diese Programmversion ({CURRENT}); bitte aktualisieren.",
            file=path,
        )
    if result.problems:
        problems = [Problem(where(p) + _line(lines, p), msg) for p, msg in result.problems]
        raise UserError("Die Antwortdatei lässt sich nicht eindeutig umstellen:", file=path, problems=problems)
    validate(result.data, path, lines)  # the new file must be valid, or nothing is written
    text = read_text(path, "Antwortdatei")
    edited = _edit(text, raw, result.data)
    if edited is None or parse_text(edited) != result.data:
        edited = _NOT_KEPT.format(version=CURRENT) + dump_yaml(result.data)
    return edited, result.notes


def _line(lines: dict[Any, int], path: Any) -> str:
    line = line_of(lines, path)
    return f" (Zeile {line})" if line else ""


def _edit(text: str, old: dict[str, Any], new: dict[str, Any]) -> str | None:
    """The text with the changed lines edited in place, or None where the layout does not allow it."""
    lines = text.splitlines(keepends=True)
    version = [i for i, line in enumerate(lines) if re.match(r"^schema_version\s*:", line)]
    if version:
        lines[version[0]] = f"schema_version: {CURRENT}\n"
    else:
        first = next((i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")), 0)
        lines.insert(first, f"schema_version: {CURRENT}\n")
    form = [i for i, line in enumerate(lines) if re.match(r"^\s+legal_form\s*:", line)]
    if len(form) != 1:
        return None
    indent = re.match(r"^(\s+)", lines[form[0]])
    assert indent is not None
    added = [k for k in ("instrument", "task_transfer") if k in new["agreement"] and k not in old["agreement"]]
    lines[form[0] : form[0] + 1] = [f"{indent.group(1)}{k}: {new['agreement'][k]}\n" for k in added]
    if "task" in new and "task" not in old:
        after = _section_end(lines, "agreement")
        if after is None:
            return None
        lines[after:after] = [dump_yaml({"task": new["task"]})]
    return "".join(lines)


def _section_end(lines: list[str], key: str) -> int | None:
    """The index of the first top-level line after the block section ``key``."""
    start = next((i for i, line in enumerate(lines) if re.match(rf"^{key}\s*:\s*(#.*)?$", line)), None)
    if start is None:
        return None
    for i in range(start + 1, len(lines)):
        if re.match(r"^[A-Za-z_]", lines[i]):
            return i
    return len(lines)
