"""A lint finding: how bad, where (file and line) and what to do; shared by clause lint and the Word-template check."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from slp_agreements.library.clauses import Loaded
from slp_agreements.model.paths import FieldPath

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One lint finding: how bad, where (file and line) and what to do."""

    severity: Severity
    file: Path | None
    line: int | None
    message: str
    code: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.file and self.line else str(self.file or "")
        label = "Fehler" if self.severity == "error" else "Warnung"
        return f"{label}: {where}: {self.message}" if where else f"{label}: {self.message}"


def finding(
    severity: Severity, loaded: Loaded, field: FieldPath, message: str, code: str, line: int | None = None
) -> Finding:
    """A finding about one field of a clause file, at the field's line unless ``line`` says otherwise."""
    where = ".".join(str(p) for p in field)
    return Finding(severity, loaded.file, line or loaded.line(*field), f"{where}: {message}", code)
