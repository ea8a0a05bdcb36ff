"""The lock of an output folder: one writer at a time; a lock left by a process that no longer runs is taken over.

The lock is a file created with O_EXCL in the output folder, holding the process id and the computer's name.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from slp_agreements.errors import UserError

LOCK_NAME = ".slp-agreements.lock"
WAIT_SECONDS = 10.0  # a build writes its files in well under a second; a longer wait means the other run hangs
FOREIGN_STALE_SECONDS = 600.0  # a lock of another computer (shared drive) counts as left over after this long
PAUSE_VARIABLE = "SLP_AGREEMENTS_TEST_PAUSE_AT"
PAUSE_MARKER = "SLP_AGREEMENTS_TEST_PAUSE_MARKER"


def pause_for_tests(step: str) -> None:
    """Test hook: with SLP_AGREEMENTS_TEST_PAUSE_AT=<step>, write the marker file and wait here until killed.

    Kill and race tests use it to stop a real build at a named step instead of guessing a time.
    """
    if os.environ.get(PAUSE_VARIABLE) != step:
        return
    marker = os.environ.get(PAUSE_MARKER)
    if marker:
        Path(marker).write_text(str(os.getpid()), encoding="utf-8")
    while True:
        time.sleep(60)


def _alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _owner(lock: Path) -> tuple[str | None, int | None, str]:
    """The lock's content (None when it is gone) and who holds it (pid, computer)."""
    try:
        content = lock.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, None, ""
    pid, _, host = content.partition(" ")
    return content, int(pid) if pid.isdigit() else None, host.strip()


def _left_over(lock: Path, pid: int | None, host: str) -> bool:
    """Whether the lock's process has ended (or, for another computer or no id yet, the lock is old)."""
    if pid is not None and host == socket.gethostname():
        return not _alive(pid)
    try:
        age = time.time() - lock.stat().st_mtime
    except OSError:
        return False
    # no id yet: killed between creating the lock and writing into it, or still about to write
    return age > (FOREIGN_STALE_SECONDS if pid is not None else 5.0)


@contextlib.contextmanager
def folder_lock(out: Path) -> Iterator[None]:
    """Hold the lock of ``out`` (wait a little while another run holds it, then say so)."""
    lock = out / LOCK_NAME
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
            break
        except FileExistsError:
            content, pid, host = _owner(lock)
            if content is None:  # released meanwhile
                continue
            if _left_over(lock, pid, host):
                if _owner(lock)[0] == content:  # still the same left-over lock: take it over
                    lock.unlink(missing_ok=True)
                continue
            if time.monotonic() > deadline:
                who = (
                    f" (Prozess {pid}{' auf ' + host if host and host != socket.gethostname() else ''})" if pid else ""
                )
                raise UserError(
                    f"In diesen Ordner schreibt gerade ein anderer Lauf{who}; bitte warten, bis er fertig ist, "
                    "und erneut starten.",
                    file=out,
                ) from None
            time.sleep(0.05)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()} {socket.gethostname()}")
        yield
    finally:
        lock.unlink(missing_ok=True)
