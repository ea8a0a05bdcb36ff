"""Atomic writing: a file appears complete or not at all; an operating-system error becomes one German line.

Every writer of the program (``example --out``, ``template export``, ``clauses new``, ``diff --out``, the
questionnaire's saves, ``datasets export``, the output folder of ``build`` and ``indicators``) writes through
``write_atomic`` or ``files/outputs.py``, so a read-only folder, a missing folder or a full disk reads the same
everywhere.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from slp_agreements.errors import UserError, os_message


def file_mode() -> int:
    """Permissions of a normal new file (mkstemp's 0600 would hide drafts from colleagues on a shared drive)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def sync_write(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Write ``data`` to ``path`` and wait until it is on the disk (``exclusive``: the file must not exist yet)."""
    with path.open("xb" if exclusive else "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _write_temporary(path: Path, data: bytes) -> str:
    """A complete, synced copy of ``data`` under a hidden temporary name beside ``path``."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, file_mode())  # not os.fchmod: Windows has it only from Python 3.13
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename, so no half file is ever visible.

    An operating-system error (no permission, missing folder, full disk) is raised as one German UserError.
    """
    try:
        tmp = _write_temporary(path, data)
    except OSError as exc:
        raise not_written(exc, path) from None
    try:
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise not_written(exc, path) from None
        raise


def not_written(exc: OSError, path: Path) -> UserError:
    """The one message for a file that could not be written."""
    return UserError(f"nicht geschrieben: {os_message(exc)}.", file=path)


def make_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) for a writer; an operating-system error becomes one German UserError."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Ordner kann nicht angelegt werden: {os_message(exc)}.", file=folder) from None
