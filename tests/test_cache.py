"""The cache of clause texts: a build reads the same files with a cold, warm, corrupt or switched-off cache."""

from __future__ import annotations

import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from slp_agreements.errors import UserError
from slp_agreements.files import cache
from tests.conftest import EXAMPLES, ROOT, run_cli

EXAMPLE = next(e for e in EXAMPLES if e.stem == "niedersachsen-webgis")


def _build(out: Path, cache_dir: Path, *extra: str, env: dict[str, str] | None = None) -> dict[str, bytes]:
    """A build in a fresh process (the cache on disk is read when a process starts), and the files it wrote."""
    environment = {k: v for k, v in os.environ.items() if k != cache.OFF_VARIABLE}
    environment.update({"PYTHONPATH": str(ROOT), cache.DIR_VARIABLE: str(cache_dir), **(env or {})})
    done = subprocess.run([sys.executable, "-m", "slp_agreements", "build", str(EXAMPLE), "--out", str(out), *extra],
                          env=environment, capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("texts-*.bin")) if folder.is_dir() else []


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, object]:
    """The Niedersachsen example built without cache, then cold, warm and with a corrupted cache file."""
    tmp = tmp_path_factory.mktemp("cache")
    found: dict[str, object] = {}
    found["off"] = _build(tmp / "off", tmp / "off-cache", env={cache.OFF_VARIABLE: "1"})
    found["off-files"] = _cache_files(tmp / "off-cache")
    found["cold"] = _build(tmp / "cold", tmp / "cache")
    (written,) = _cache_files(tmp / "cache")
    found["entries"] = len(cache.read(written))
    found["warm"] = _build(tmp / "warm", tmp / "cache")
    data = bytearray(written.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte: the checksum no longer matches
    written.write_bytes(bytes(data))
    found["corrupt"] = _build(tmp / "corrupt", tmp / "cache")
    found["after-corrupt"] = len(cache.read(written))
    found["snapshots"] = sorted(p.name for p in (tmp / "cache").glob("snapshot-*.bin"))
    (snapshot,) = (tmp / "cache").glob("snapshot-*.bin")
    data = bytearray(snapshot.read_bytes())
    data[len(data) // 2] ^= 0xFF
    snapshot.write_bytes(bytes(data))
    found["corrupt-snapshot"] = _build(tmp / "corrupt-snapshot", tmp / "cache")
    found["snapshot-after-corrupt"] = snapshot.read_bytes() != bytes(data)
    return found


def test_the_environment_variable_switches_the_cache_off(builds) -> None:
    assert builds["off-files"] == []


def test_a_build_fills_the_cache_with_the_texts_it_read(builds) -> None:
    assert builds["entries"] > 300  # facts and code of the clause texts, YAML of clause and Land files


@pytest.mark.parametrize("kind", ["cold", "warm", "corrupt", "corrupt-snapshot"])
def test_cached_and_uncached_builds_are_byte_identical(builds, kind) -> None:
    assert len(builds["off"]) >= 4
    assert builds[kind] == builds["off"]


def test_a_corrupt_cache_is_ignored_and_written_anew(builds) -> None:
    # Written anew with what that build derived (its library came from the kept copy, so fewer entries).
    assert 0 < builds["after-corrupt"] <= builds["entries"]


def test_a_build_keeps_the_loaded_library_and_a_corrupt_copy_is_replaced(builds) -> None:
    assert len(builds["snapshots"]) == 1  # written by the cold build, read by the warm one
    assert builds["snapshot-after-corrupt"]  # the damaged file was ignored and written anew


def test_an_edited_clause_file_is_read_anew_not_taken_from_the_kept_library(tmp_path, monkeypatch) -> None:
    from slp_agreements.library.loading import load_library

    monkeypatch.setenv(cache.DIR_VARIABLE, str(tmp_path / "cache"))
    overlay = tmp_path / "eigene"
    shutil.copytree(ROOT / "examples" / "eigene-klauseln" / "klauseln", overlay)
    clause = overlay / "haus.korruptionspraevention.yaml"
    title = "Korruptionsprävention und Interessenkonflikte"
    assert load_library([overlay]).clauses["haus.korruptionspraevention"].clause.title.de == title
    assert len(list((tmp_path / "cache").glob("snapshot-*.bin"))) == 1
    assert load_library([overlay]).clauses["haus.korruptionspraevention"].clause.title.de == title  # kept copy
    clause.write_text(clause.read_text(encoding="utf-8").replace(title, "Korruptionsprävention"), encoding="utf-8")
    assert load_library([overlay]).clauses["haus.korruptionspraevention"].clause.title.de == "Korruptionsprävention"
    (overlay / "haus.neu.yaml").write_text("id: haus.neu\nunbekannt: 1\n", encoding="utf-8")  # a new file, wrong
    with pytest.raises(UserError):
        load_library([overlay])


def test_no_cache_option_neither_reads_nor_writes(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(cache.DIR_VARIABLE, str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_store", None)
    monkeypatch.setattr(cache, "_switched_off", False)
    code, _, stderr = run_cli("clauses", "lint", "--no-cache")
    assert code == 0, stderr
    assert not cache.enabled() and cache.get(cache.key("x")) is None
    cache.put(cache.key("x"), 1)
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize(
    "content",
    [b"", b"not a cache", cache.MAGIC + b"\0" * 32 + marshal.dumps({b"k": 1}), cache.MAGIC],
    ids=["empty", "foreign", "wrong checksum", "truncated"],
)
def test_an_unreadable_cache_file_gives_no_entries(tmp_path, content) -> None:
    path = tmp_path / "texts-x.bin"
    path.write_bytes(content)
    assert cache.read(path) == {}
    assert cache.read(tmp_path / "missing.bin") == {}


def test_a_cache_written_is_read_back_and_a_read_only_folder_is_no_error(tmp_path) -> None:
    path = tmp_path / "texts-x.bin"
    cache.write(path, {b"k": ("facts", (1, 2))})
    assert cache.read(path) == {b"k": ("facts", (1, 2))}
    store = cache.Store(tmp_path / "nur-lesen" / "texts-y.bin")
    (tmp_path / "nur-lesen").mkdir(mode=0o500)
    store.put(b"k", 1)
    store.put(b"date", __import__("datetime").date(2026, 1, 1))  # not for marshal: left out
    store.save()  # as root the folder is writable anyway; either way nothing is raised
    assert store.get(b"k") == 1 and store.get(b"date") is None


def test_snapshots_stay_within_their_number_and_size(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(cache.DIR_VARIABLE, str(tmp_path))
    monkeypatch.setattr(cache, "MAX_SNAPSHOTS", 3)
    monkeypatch.setattr(cache, "MAX_SNAPSHOT_BYTES", 10_000)
    cache.write_snapshot(cache.key("zu groß"), b"x" * 6_000)  # over half the budget: not kept at all
    assert cache.read_snapshot(cache.key("zu groß")) is None
    for n in range(5):
        cache.write_snapshot(cache.key(str(n)), bytes([n]) * 100)
        (path,) = [p for p in tmp_path.glob("snapshot-*.bin") if p.name.endswith(cache.key(str(n)).hex() + ".bin")]
        os.utime(path, ns=(n * 10**9, n * 10**9))  # the order of writing, whatever the clock's resolution
    assert len(list(tmp_path.glob("snapshot-*.bin"))) == 3
    assert cache.read_snapshot(cache.key("4")) == bytes([4]) * 100
    assert cache.read_snapshot(cache.key("0")) is None
