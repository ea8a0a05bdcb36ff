"""Every writer turns an operating-system error into one German line naming the file, writes nothing, exit 1.

Tests run as root here, where a chmod-protected folder does not stop writing: refusals (no permission, read-only
drive, full disk, drive error) are simulated at the write call every writer shares; a missing folder and a path
through a file are real.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from slp_agreements.errors import UserError
from slp_agreements.files import atomic, outputs
from tests.conftest import EXAMPLES, ROOT, run_cli

EXAMPLE = next(e for e in EXAMPLES if e.stem == "bayern-absichtserklaerung")
WEBGIS = next(e for e in EXAMPLES if e.stem == "niedersachsen-webgis")
INDICATORS = ROOT / "examples" / "indikatoren-flaeche-wohnen.csv"


@pytest.fixture(scope="module")
def contract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("vertrag")
    assert run_cli("build", EXAMPLE, "--out", out)[0] == 0
    return out / f"{EXAMPLE.stem}-vereinbarung.docx"


def _save_partial(target: Path, contract: Path) -> list[str | Path] | None:
    """The questionnaire's save after every answer (called directly: the interview around it is tested elsewhere)."""
    from slp_agreements.questionnaire.progress import save_partial

    save_partial(target, {"land": "BY"}, {"done": []}, {})
    return None


# writer id → (target inside the test folder, the command line or a call that writes it)
WRITERS: dict[str, tuple[str, Callable[[Path, Path], list[str | Path] | None]]] = {
    "example": ("beispiel.yaml", lambda t, c: ["example", "bayern-absichtserklaerung", "--out", t]),
    "template-export": ("vorlage.docx", lambda t, c: ["template", "export", t]),
    "clauses-new": ("klauseln", lambda t, c: ["clauses", "new", "eigene.test", "--dir", t]),
    "diff-out": ("bericht.md", lambda t, c: ["diff", c, c, "--out", t]),
    "diff-out-docx": ("bericht.docx", lambda t, c: ["diff", c, c, "--out", t]),
    "datasets-export": ("katalog.jsonld", lambda t, c: ["datasets", "export", WEBGIS, "--out", t]),
    "indicators": ("steckbriefe", lambda t, c: ["indicators", INDICATORS, "--out", t]),
    "indicators-html": ("website", lambda t, c: ["indicators", INDICATORS, "--format", "html", "--out", t]),
    "questionnaire-save": ("antworten.yaml", _save_partial),
}
FAILURES = {
    "no-permission": (errno.EACCES, "Schreibrechte"),
    "read-only-drive": (errno.EROFS, "schreibgeschützt"),
    "disk-full": (errno.ENOSPC, "kein Speicherplatz"),
    "drive-error": (errno.EIO, "Laufwerk"),
}


def _run(writer: str, target: Path, contract: Path) -> tuple[int, str]:
    make = WRITERS[writer][1]
    try:
        args = make(target, contract)
    except UserError as exc:
        return 1, f"Fehler: {exc}"
    if args is None:
        return 0, ""
    code, stdout, stderr = run_cli(*args)
    return code, stderr or stdout


def _check(code: int, message: str, target: Path, reason: str, strerror: str) -> None:
    assert code == 1, message
    assert message.startswith("Fehler: ") and len(message.strip().splitlines()) == 1, message
    assert "Traceback" not in message and strerror not in message and "Errno" not in message, message
    assert reason in message, message
    assert str(target) in message or str(target.parent) in message, message


@pytest.mark.parametrize("failure", list(FAILURES))
@pytest.mark.parametrize("writer", list(WRITERS))
def test_a_refused_write_is_one_german_line(
    writer: str, failure: str, tmp_path: Path, contract: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    number, reason = FAILURES[failure]

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(atomic, "_write_temporary", refuse)
    monkeypatch.setattr(outputs, "sync_write", refuse)
    folder = tmp_path / "ziel"
    folder.mkdir()
    target = folder / WRITERS[writer][0]
    code, message = _run(writer, target, contract)
    _check(code, message, target, reason, os.strerror(number))
    leftovers = [p for p in folder.rglob("*") if p.is_file()]
    assert not leftovers, f"written although refused: {leftovers}"


@pytest.mark.parametrize("writer", list(WRITERS))
def test_a_folder_that_cannot_exist_is_one_german_line(writer: str, tmp_path: Path, contract: Path) -> None:
    blocker = tmp_path / "eine-datei.txt"
    blocker.write_text("kein Ordner", encoding="utf-8")
    target = blocker / "unterordner" / WRITERS[writer][0]
    code, message = _run(writer, target, contract)
    assert code == 1 and message.startswith("Fehler: ") and len(message.strip().splitlines()) == 1, message
    assert "Traceback" not in message and "Errno" not in message and "Not a directory" not in message, message
    assert "eine-datei.txt" in message and any(
        w in message for w in ("kein Ordner", "gibt es nicht", "existiert nicht")
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["eine-datei.txt"]


def test_writing_needs_no_posix_only_calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Windows has no os.fchmod before Python 3.13 and no os.killpg: the write path and the LibreOffice stop do without
    monkeypatch.delattr(os, "fchmod", raising=False)
    monkeypatch.delattr(os, "killpg", raising=False)
    assert run_cli("build", EXAMPLE, "--out", tmp_path / "out")[0] == 0
    assert run_cli("example", "bayern-absichtserklaerung", "--out", tmp_path / "beispiel.yaml")[0] == 0

    from slp_agreements.render import pdf

    class Soffice:
        killed = waited = False

        def kill(self) -> None:
            self.killed = True

        def wait(self) -> None:
            self.waited = True

    proc = Soffice()
    pdf._kill(proc)  # type: ignore[arg-type]
    assert proc.killed and proc.waited
