"""The output folder: checked before any work, written all or nothing, nothing overwritten without --force.

A set of files is first written into a hidden staging folder inside the output folder. When every file is there,
a completion marker listing them is written, and the files are renamed into place in that order. A run killed
before the marker leaves the old set (the staging folder is removed by the next run into the folder); a run killed
after it is completed by the next run. Only one run writes at a time (``files/folder_lock.py``).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path

from slp_agreements.errors import UserError, os_message
from slp_agreements.files.atomic import sync_write
from slp_agreements.files.folder_lock import LOCK_NAME, folder_lock, pause_for_tests

STAGING_NAME = ".slp-agreements-neu"
DONE_NAME = "fertig.json"  # inside the staging folder: the files in the order they are renamed into place
ASIDE = ".alt"  # inside the staging folder: the old versions of files already replaced


def check_out_dir(out: Path, targets: list[Path], force: bool) -> None:
    """Say before any work when the output folder cannot take the files (an interrupted run is finished first)."""
    try:
        if (out / STAGING_NAME).exists() or (out / LOCK_NAME).exists():
            with folder_lock(out):
                recover(out)
        _check_writable(out, targets, force)
    except OSError as exc:  # e.g. a name too long for the file system
        raise UserError(f"Ausgabeordner: {os_message(exc)}.", file=out) from None


def _check_writable(out: Path, targets: list[Path], force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise UserError("Der Ausgabepfad ist eine Datei, kein Ordner; bitte einen Ordner angeben.", file=out)
    ancestor = next(p for p in (out, *out.parents) if p.exists())
    if not ancestor.is_dir():
        raise UserError(
            f"Der Ausgabeordner kann nicht angelegt werden, denn {ancestor} ist eine Datei, kein Ordner; "
            "bitte einen anderen Ordner angeben.",
            file=out,
        )
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise UserError(f"Keine Schreibrechte für den Ordner {ancestor}; bitte einen anderen Ordner wählen.", file=out)
    _refuse_existing(out, targets, force)


def _refuse_existing(out: Path, targets: list[Path], force: bool) -> None:
    folders = [t for t in targets if t.is_dir()]
    if folders:
        raise UserError(
            f"An der Stelle von {folders[0].name} liegt ein Ordner; bitte ihn umbenennen oder einen anderen "
            "Ausgabeordner wählen.",
            file=out,
        )
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        names = ", ".join(t.name for t in existing)
        raise UserError(
            f"Der Ordner enthält schon {names}. Mit --force überschreiben oder einen anderen Ordner wählen.",
            file=out,
        )


def write_outputs(out: Path, files: list[tuple[Path, bytes]], *, force: bool = True) -> None:
    """All files or none; a folder this build created is removed again when writing fails.

    ``force=False``: a file that another run wrote meanwhile is not replaced (checked again under the lock).
    """
    created = []
    for p in (out, *out.parents):
        if p.exists():
            break
        created.append(p)
    try:
        out.mkdir(parents=True, exist_ok=True)
        with folder_lock(out):
            pause_for_tests("locked")
            recover(out)
            _refuse_existing(out, [p for p, _ in files], force)
            try:
                _commit(out, _stage(out, files))
            except BaseException:
                recover(out)  # an unmarked set is removed, a marked one completed: never a mix, nothing hidden
                raise
    except (OSError, UserError) as exc:
        for p in created:
            try:
                p.rmdir()
            except OSError:
                break
        if isinstance(exc, UserError):
            raise
        raise UserError(f"Ausgabe nicht geschrieben: {os_message(exc)}.", file=out) from None


def _relative(out: Path, path: Path) -> str:
    rel = Path(os.path.relpath(path, out))
    if rel.parts[:1] == ("..",) or rel.is_absolute():  # a programming error: outputs stay inside --out
        raise ValueError(f"{path} is outside {out}")
    return rel.as_posix()


def _stage(out: Path, files: list[tuple[Path, bytes]]) -> list[str]:
    """Every file complete in the staging folder, then the completion marker; the order of renaming."""
    staging = out / STAGING_NAME
    staging.mkdir()
    order = []
    for path, data in files:
        rel = _relative(out, path)
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        sync_write(target, data, exclusive=True)
        order.append(rel)
    pause_for_tests("staged")
    marker = staging / (DONE_NAME + ".tmp")
    sync_write(marker, json.dumps(order).encode("utf-8"))
    os.replace(marker, staging / DONE_NAME)
    pause_for_tests("marked")
    return order


def _move(source: Path, target: Path) -> None:
    """Rename within the output folder (one function, so tests can refuse it as Windows does for an open file)."""
    os.replace(source, target)


def _commit(out: Path, order: list[str]) -> None:
    """Rename the staged files into place, in order, and remove the staging folder.

    An old file is first moved aside into the staging folder. When a rename is refused (on Windows: the old
    contract is open in Word), every file already replaced gets its old version back, so the old set stays whole.
    """
    staging = out / STAGING_NAME
    done: list[tuple[str, bool]] = []  # each file renamed so far, and whether an old version was moved aside
    try:
        for i, rel in enumerate(order):
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            aside = target.exists()
            if aside:
                (staging / ASIDE / rel).parent.mkdir(parents=True, exist_ok=True)
                _move(target, staging / ASIDE / rel)
            done.append((rel, aside))
            _move(staging / rel, target)
            if i == 0:
                pause_for_tests("renamed-first")
    except OSError:
        _roll_back(out, done)
        (staging / DONE_NAME).unlink(missing_ok=True)  # the set is not to be completed by the next run
        raise
    shutil.rmtree(staging, ignore_errors=True)


def _roll_back(out: Path, done: list[tuple[str, bool]]) -> None:
    staging = out / STAGING_NAME
    for rel, aside in reversed(done):
        with contextlib.suppress(OSError):
            if aside:
                os.replace(staging / ASIDE / rel, out / rel)
            elif not (staging / rel).exists():  # the new file had been renamed into place: there was no old one
                (out / rel).unlink(missing_ok=True)


def recover(out: Path) -> None:
    """Finish what an interrupted run left in the staging folder: complete a marked set, remove an unmarked one."""
    staging = out / STAGING_NAME
    if not staging.exists():
        return
    done = staging / DONE_NAME
    if done.is_file():
        try:
            order = json.loads(done.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            order = None
        if isinstance(order, list) and all(isinstance(r, str) and ".." not in Path(r).parts for r in order):
            for rel in order:
                source = staging / rel
                if source.is_file():
                    (out / rel).parent.mkdir(parents=True, exist_ok=True)
                    os.replace(source, out / rel)
    shutil.rmtree(staging, ignore_errors=True)
