"""Nothing is lost: a build killed at any step leaves the old set or the new set (completed or cleaned by the next
run, no hidden files left), two runs never write into one folder at once, --force is needed to replace, and the
answers file is never touched.

Kill tests stop a real build at a named step (SLP_AGREEMENTS_TEST_PAUSE_AT) and kill it once it has said so by
writing a marker file; nothing depends on how fast the machine is.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from slp_agreements.files import folder_lock, outputs
from tests.conftest import EXAMPLES, ROOT, run_cli

EXAMPLE = next(e for e in EXAMPLES if e.stem == "bayern-absichtserklaerung")
TARGETS = ("vereinbarung.docx", "checkliste.docx", "manifest.json")
HIDDEN = (outputs.STAGING_NAME, folder_lock.LOCK_NAME)


def _start_build(answers: Path, out: Path, *extra: str, pause_at: str | None = None) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    if pause_at:
        env[folder_lock.PAUSE_VARIABLE] = pause_at
        env[folder_lock.PAUSE_MARKER] = str(out.parent / f"angehalten-{pause_at}")
    return subprocess.Popen(
        [sys.executable, "-m", "slp_agreements", "build", str(answers), "--out", str(out), *extra],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _kill_when_paused(proc: subprocess.Popen[bytes], marker: Path) -> None:
    """Wait until the build says it stands at its step (or has ended, which fails the test), then SIGKILL it."""
    deadline = time.monotonic() + 120
    while not marker.exists():
        if proc.poll() is not None:
            raise AssertionError(f"the build ended before its step: {proc.stderr.read() if proc.stderr else ''!r}")
        assert time.monotonic() < deadline, "the build never reached its step"
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def new_set(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The complete set a build of the example writes (builds are reproducible)."""
    out = tmp_path_factory.mktemp("vollstaendig")
    assert run_cli("build", EXAMPLE, "--out", out)[0] == 0
    return _files(out)


# locked, staged: before the completion marker, the old set stays; marked, renamed-first: the next run completes it
@pytest.mark.parametrize("step", ["locked", "staged", "marked", "renamed-first"])
def test_a_build_killed_at_any_step_leaves_the_old_set_or_the_new_one(
    step: str, tmp_path: Path, new_set: dict[str, bytes]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    old = {name: f"alte Fassung {name}".encode() for name in new_set}
    for name, data in old.items():
        (out / name).write_bytes(data)
    before = _sha256(EXAMPLE)
    proc = _start_build(EXAMPLE, out, "--force", pause_at=step)
    _kill_when_paused(proc, tmp_path / f"angehalten-{step}")
    # the next run into the folder (here one without --force, which is then refused) finishes the killed one first
    code, _, err = run_cli("build", EXAMPLE, "--out", out)
    assert code == 1 and "--force" in err
    expected = old if step in ("locked", "staged") else new_set
    assert _files(out) == expected, f"killed at {step}: a mix of old and new files"
    assert sorted(p.name for p in out.iterdir()) == sorted(expected), "no hidden staging folder or lock may remain"
    assert _sha256(EXAMPLE) == before


def test_two_builds_at_once_never_both_succeed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    first = _start_build(EXAMPLE, out, pause_at="locked")  # holds the folder's lock, nothing written yet
    marker = tmp_path / "angehalten-locked"
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert first.poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    monkeypatch.setattr(folder_lock, "WAIT_SECONDS", 0.2)
    code, _, err = run_cli("build", EXAMPLE, "--out", out)
    assert code == 1
    assert "schreibt gerade ein anderer Lauf" in err and f"Prozess {first.pid}" in err and str(out) in err
    assert not [p for p in out.iterdir() if p.name not in HIDDEN]
    _kill_when_paused(first, marker)
    # the lock of the killed run is left over; the next run takes it over
    assert run_cli("build", EXAMPLE, "--out", out)[0] == 0
    assert not [p for p in out.iterdir() if p.name in HIDDEN]


def test_concurrent_force_builds_end_with_one_complete_set(tmp_path: Path) -> None:
    answers = []
    for project in ("Erste Fassung", "Zweite Fassung"):
        folder = tmp_path / project.split()[0].lower()
        folder.mkdir()
        text = EXAMPLE.read_text(encoding="utf-8")
        path = folder / "vertrag.yaml"
        path.write_text(text.replace("project: Digitale Allianz Oberes Altmühltal", f"project: {project}"), "utf-8")
        answers.append(path)
    out = tmp_path / "out"
    procs = [_start_build(a, out, "--force") for a in answers]
    codes = [p.wait() for p in procs]
    assert 0 in codes and set(codes) <= {0, 1}, codes
    assert not [p for p in out.iterdir() if p.name in HIDDEN]
    manifest = json.loads((out / "vertrag-manifest.json").read_text(encoding="utf-8"))
    project = manifest["answers"]["agreement"]["project"]
    listed = {f["file"]: f["sha256"] for f in manifest["outputs"]}
    assert len(listed) >= 3
    for name, digest in listed.items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest, f"{name} is not from '{project}'"


def test_a_lock_of_a_process_that_ended_is_taken_over(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    out = tmp_path / "out"
    out.mkdir()
    (out / folder_lock.LOCK_NAME).write_text(f"{dead.stdout.strip()} {socket.gethostname()}", encoding="utf-8")
    assert run_cli("build", EXAMPLE, "--out", out)[0] == 0
    assert not (out / folder_lock.LOCK_NAME).exists()


def test_a_lock_of_a_running_process_is_respected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(folder_lock, "WAIT_SECONDS", 0.0)
    out = tmp_path / "out"
    out.mkdir()
    (out / folder_lock.LOCK_NAME).write_text(f"{os.getpid()} {socket.gethostname()}", encoding="utf-8")
    code, _, err = run_cli("build", EXAMPLE, "--out", out)
    assert code == 1 and "schreibt gerade" in err
    assert sorted(p.name for p in out.iterdir()) == [folder_lock.LOCK_NAME]


def test_force_is_needed_to_replace_and_the_answers_file_is_never_modified(tmp_path: Path) -> None:
    answers = tmp_path / EXAMPLE.name
    answers.write_bytes(EXAMPLE.read_bytes())
    os.utime(answers, (1_000_000_000, 1_000_000_000))
    before = (_sha256(answers), answers.stat().st_mtime)
    out = tmp_path / "out"
    assert run_cli("build", answers, "--out", out)[0] == 0
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    # a declaration of intent: no Beschlussvorlage, but the Erläuterungen
    assert sorted(first) == sorted(f"{answers.stem}-{s}" for s in (*TARGETS, "erlaeuterungen.docx"))
    code, _, err = run_cli("build", answers, "--out", out)
    assert code == 1 and "--force" in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first
    assert run_cli("build", answers, "--out", out, "--force")[0] == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(first), "no temporary file may remain"
    assert (_sha256(answers), answers.stat().st_mtime) == before


@pytest.mark.parametrize("failure", [errno.ENOSPC, errno.EACCES])
def test_when_one_file_cannot_be_written_none_is(failure: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = outputs.sync_write
    calls = []

    def fails_on_second_file(path: Path, data: bytes, *, exclusive: bool = False) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(failure, os.strerror(failure))
        real(path, data, exclusive=exclusive)

    monkeypatch.setattr(outputs, "sync_write", fails_on_second_file)
    out = tmp_path / "neu" / "out"
    code, _, err = run_cli("build", EXAMPLE, "--out", out)
    assert code == 1
    assert str(out) in err and os.strerror(failure) not in err, err
    assert {errno.ENOSPC: "kein Speicherplatz", errno.EACCES: "Schreibrechte", errno.EIO: "Laufwerk"}[failure] in err
    assert not (tmp_path / "neu").exists(), "the folders this build created are removed again"


def test_files_are_readable_like_any_new_file(tmp_path: Path) -> None:
    assert run_cli("build", EXAMPLE, "--out", tmp_path)[0] == 0
    umask = os.umask(0)
    os.umask(umask)
    for p in tmp_path.iterdir():
        assert p.stat().st_mode & 0o777 == 0o666 & ~umask, p.name


def test_a_refused_rename_puts_the_old_files_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # on Windows a file open in Word cannot be replaced: the third file refuses, the first two get their old text back
    out = tmp_path / "out"
    assert run_cli("build", EXAMPLE, "--out", out)[0] == 0
    old = _files(out)
    for name in old:
        (out / name).write_bytes(f"alte Fassung {name}".encode())
    old = _files(out)
    real = outputs._move
    renamed: list[Path] = []

    def refuse_the_third(source: Path, target: Path) -> None:
        if target.parent == out:
            renamed.append(target)
            if len(renamed) == 3:
                raise PermissionError(13, "Permission denied")
        real(source, target)

    monkeypatch.setattr(outputs, "_move", refuse_the_third)
    code, _, err = run_cli("build", EXAMPLE, "--out", out, "--force")
    assert code == 1 and "Schreibrechte" in err and "Permission denied" not in err
    assert _files(out) == old, "the old set stays whole"
    assert sorted(p.name for p in out.iterdir()) == sorted(old), "no staging folder remains"
