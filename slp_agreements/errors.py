"""The one error type for everything a user can cause (bad answers, clauses, templates, paths)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One problem in a user's file: where it is and what to do about it."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass
class UserError(Exception):
    """Something the user can fix; the CLI prints it without a traceback and exits with code 1."""

    message: str
    file: Path | str | None = None
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        head = f"{self.file}: {self.message}" if self.file else self.message
        if not self.problems:
            return head
        lines = [head]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)
