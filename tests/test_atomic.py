"""Nothing is lost: a build killed midway leaves nothing at the target paths, old files stay until the new ones are
complete, --force is needed to replace, and the answers file is never touched."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from slp_agreements.files import atomic
from tests.conftest import EXAMPLES, ROOT, run_cli

EXAMPLE = next(e for e in EXAMPLES if e.stem == "bayern-absichtserklaerung")
TARGETS = ("vereinbarung.docx", "checkliste.docx", "manifest.json")


def _big_answers(folder: Path) -> Path:
    """The example with 500 parties (the most allowed): a build that takes seconds, long enough to be killed."""
    head = EXAMPLE.read_text(encoding="utf-8").split("parties:")[0]
    rows = [
        f"  - {{id: p{i}, name: Gemeinde Nummer {i}, kind: public_body, address: {{street: Weg {i}, "
        f"postcode: '91567', city: Ort}}, represented_by: {{name: Person {i}, function: Bürgermeister}}, "
        f"contact: {{name: Kontakt {i}}}}}"
        for i in range(500)
    ]
    path = folder / "gross.yaml"
    path.write_text(head + "parties:\n" + "\n".join(rows) + "\nlead: p0\nterm: {start: 2027-02-01}\n", "utf-8")
    return path


def _start_build(answers: Path, out: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "slp_agreements", "build", str(answers), "--out", str(out), *extra],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _kill_after(proc: subprocess.Popen[bytes], delay: float) -> bool:
    """SIGKILL the build after ``delay`` seconds; False when it had already finished (nothing was tested)."""
    time.sleep(delay)
    if proc.poll() is not None:
        return False
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    return True


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_build_killed_midway_leaves_nothing_at_the_targets(tmp_path: Path) -> None:
    answers = _big_answers(tmp_path)
    before = _sha256(answers)
    assert run_cli("build", answers, "--out", tmp_path / "complete")[0] == 0
    complete = sorted(p.name for p in (tmp_path / "complete").iterdir())
    assert set(complete) >= {f"gross-{t}" for t in TARGETS}
    killed = 0
    for delay in (0.3, 0.8, 1.5, 2.5):
        out = tmp_path / f"out-{delay}"
        if not _kill_after(_start_build(answers, out), delay):
            continue  # the build finished before the kill: its files are complete, there is nothing to check
        killed += 1
        left = sorted(p.name for p in out.iterdir()) if out.exists() else []
        # Killed while writing or exiting, after the last rename: then every file is complete (builds are fast).
        assert left in ([], complete), f"killed after {delay} s, left behind: {left}"
    assert killed >= 2, "the build finished too fast to be killed midway; make the answers file bigger"
    assert _sha256(answers) == before


def test_a_killed_rebuild_keeps_the_old_files(tmp_path: Path) -> None:
    answers = _big_answers(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    old = {}
    for suffix in TARGETS:
        target = out / f"{answers.stem}-{suffix}"
        target.write_bytes(f"alte Fassung {suffix}".encode())
        old[target.name] = target.read_bytes()
    assert _kill_after(_start_build(answers, out, "--force"), 1.5)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == old


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


def test_when_one_file_cannot_be_written_none_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = atomic._write_temporary
    calls = []

    def disk_full_on_second_file(path: Path, data: bytes) -> str:
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(atomic, "_write_temporary", disk_full_on_second_file)
    out = tmp_path / "neu" / "out"
    code, _, err = run_cli("build", EXAMPLE, "--out", out)
    assert code == 1
    assert "kein Speicherplatz" in err and str(out) in err
    assert not (tmp_path / "neu").exists(), "the folders this build created are removed again"


def test_files_are_readable_like_any_new_file(tmp_path: Path) -> None:
    assert run_cli("build", EXAMPLE, "--out", tmp_path)[0] == 0
    umask = os.umask(0)
    os.umask(umask)
    for p in tmp_path.iterdir():
        assert p.stat().st_mode & 0o777 == 0o666 & ~umask, p.name
