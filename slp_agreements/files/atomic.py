"""Atomic writing: a file appears complete or not at all, and a set of files appears together or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _file_mode() -> int:
    """Permissions of a normal new file (mkstemp's 0600 would hide drafts from colleagues on a shared drive)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_temporary(path: Path, data: bytes) -> str:
    """A complete, synced copy of ``data`` under a hidden temporary name beside ``path``."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fchmod(fh.fileno(), _file_mode())
            os.fsync(fh.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename, so no half file is ever visible."""
    tmp = _write_temporary(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_all_atomic(files: list[tuple[Path, bytes]]) -> None:
    """Write several files so that none appears unless all could be written: all temporaries first, then renames."""
    written: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            written.append((_write_temporary(path, data), path))
        for tmp, path in written:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in written:
            Path(tmp).unlink(missing_ok=True)
        raise
