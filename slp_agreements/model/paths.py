"""Field paths such as ``('parties', 1, 'ags')``: the type, how users read them, and their line in a file."""

from __future__ import annotations

from collections.abc import Mapping

FieldPath = tuple[str | int, ...]


def where(path: FieldPath) -> str:
    """A field path as users read it: ``parties[1].ags``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def line_of(lines: Mapping[FieldPath, int], path: FieldPath) -> int | None:
    """The line of the deepest known prefix of ``path`` (lines as the YAML loader records them)."""
    for n in range(len(path), -1, -1):
        if path[:n] in lines:
            return lines[path[:n]]
    return None
