"""Where the built-in clause library, templates and examples are, in a checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"built-in folder '{name}' is missing from the installation")


def clauses_dir() -> Path:
    """The built-in clause library."""
    return _find("clauses")


def templates_dir() -> Path:
    """The built-in Word templates."""
    return _find("templates")


def examples_dir() -> Path:
    """The example answers files."""
    return _find("examples")
