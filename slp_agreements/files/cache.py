"""A cache on disk of what is derived from clause texts and Word templates alone (their facts and compiled
code), so that a second build or lint of the same texts need not parse and compile them again.

One file in the user cache folder (platformdirs), named by a key over the program's version, the Jinja and
Python versions and the source of the modules that derive the entries: another program reads another file. An
entry is found by a hash of the text, so it describes that text and nothing else; it can therefore never change
an output, only save the work of deriving it. Beside it, snapshots hold larger values in files of their own (the
loaded clause library, keyed by the bytes of every file it was read from). A missing, unreadable, corrupt (a
CRC-32 and the length are in each file) or read-only cache is ignored without a word. ``--no-cache`` or the
environment variable SLP_AGREEMENTS_NO_CACHE=1 switch it off; SLP_AGREEMENTS_CACHE_DIR puts it elsewhere.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import importlib.util
import marshal
import os
import pickle
import sys
import tempfile
import zlib
from pathlib import Path
from typing import Any

from slp_agreements import __version__

OFF_VARIABLE = "SLP_AGREEMENTS_NO_CACHE"
DIR_VARIABLE = "SLP_AGREEMENTS_CACHE_DIR"
MAGIC = b"slp-agreements texts 3\n"  # 2: each value kept in its marshal form; 3: CRC-32 and length
MAX_ENTRIES = 200_000  # beyond this the file starts afresh, so it cannot grow without end

_switched_off = False
_store: Store | None = None


def switch_off() -> None:
    """No cache for the rest of this process (``--no-cache``)."""
    global _switched_off, _store
    _switched_off, _store = True, None


def enabled() -> bool:
    """Whether the cache is used: not switched off by option or environment."""
    return not _switched_off and os.environ.get(OFF_VARIABLE, "").strip().lower() in ("", "0", "no", "false")


def key(*parts: str | bytes) -> bytes:
    """The entry key of a text (and what it is asked about)."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.digest()


def get(entry: bytes) -> Any:
    """The entry stored under ``entry``, or None."""
    store = _current()
    return store.get(entry) if store is not None else None


def put(entry: bytes, value: Any) -> None:
    """Remember ``value`` (plain data or code objects, as marshal writes them) under ``entry``."""
    store = _current()
    if store is not None:
        store.put(entry, value)


def flush() -> None:
    """Write the new entries now rather than when the process ends."""
    if _store is not None:
        _store.save()


def folder() -> Path:
    """Where the cache file lives."""
    given = os.environ.get(DIR_VARIABLE)
    if given:
        return Path(given)
    import platformdirs

    return Path(platformdirs.user_cache_dir("slp-agreements", appauthor=False)) / "texts"


# The modules whose code decides what an entry holds: a change to one of them is a new cache file.
DERIVING = ("files/cache.py", "library/templating.py", "library/limits.py", "library/text_facts.py",
            "files/land_facts.py", "files/yamlfile.py", "render/templates.py",
            "render/template_package.py", "library/placeholders.py")  # fmt: skip


def _program_key() -> str:
    h = hashlib.blake2b(digest_size=12)
    for part in (__version__, sys.version, importlib.util.MAGIC_NUMBER.hex(), _jinja_version()):
        h.update(part.encode())
    for name in DERIVING:
        h.update((Path(__file__).parents[1] / name).read_bytes())
    return h.hexdigest()


def _jinja_version() -> str:
    # Jinja's __init__.py names its version; read as a file, since only library/ imports Jinja.
    spec = importlib.util.find_spec("jinja2")
    origin = spec.origin if spec is not None else None
    return hashlib.sha256(Path(origin).read_bytes()).hexdigest() if origin else ""


def _current() -> Store | None:
    global _store
    if not enabled():
        return None
    if _store is None:
        try:
            _store = Store(folder() / f"texts-{_program_key()}.bin")
        except Exception:  # no cache folder can be named: work without
            switch_off()
            return None
    return _store


class Store:
    """The entries of one cache file: read on first use, written back (atomically) when the process ends.

    The file keeps each value in its marshal form; a value is decoded only when it is asked for, so a build that
    needs a few hundred of the texts of a large library does not decode all of them.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.found: dict[bytes, bytes] | None = None  # the file's entries, each value in its marshal form
        self.decoded: dict[bytes, Any] = {}
        self.new: dict[bytes, Any] = {}
        self.pid = os.getpid()

    def get(self, entry: bytes) -> Any:
        """An entry of this run or of the file."""
        if entry in self.new:
            return self.new[entry]
        if entry in self.decoded:
            return self.decoded[entry]
        if self.found is None:
            self.found = _read_raw(self.path)
        raw = self.found.get(entry)
        try:
            value = marshal.loads(raw) if isinstance(raw, bytes) else None
        except Exception:  # not what this program wrote: derive it anew
            value = None
        self.decoded[entry] = value
        return value

    def put(self, entry: bytes, value: Any) -> None:
        """A new entry, written when the process ends (a value marshal cannot write, e.g. a date, is left out)."""
        try:
            marshal.dumps(value)
        except ValueError:
            return
        if not self.new:
            atexit.register(self.save)
        self.new[entry] = value

    def save(self) -> None:
        """Write old and new entries to the file; any failure (read-only, full disk) is ignored."""
        if not self.new or os.getpid() != self.pid:  # a forked worker leaves it to the process that started it
            return
        old = _read_raw(self.path) if self.found is None else self.found
        entries = {**old, **{k: marshal.dumps(v) for k, v in self.new.items()}}
        if len(entries) > MAX_ENTRIES:
            entries = {k: marshal.dumps(v) for k, v in self.new.items()}
        with contextlib.suppress(OSError, ValueError):  # read-only, full disk: the next run derives anew
            _write_raw(self.path, entries)
        self.decoded.update(self.new)
        self.found, self.new = entries, {}


def read(path: Path) -> dict[bytes, Any]:
    """The entries of a cache file, decoded; empty when it is missing, unreadable or not exactly what was written."""
    try:
        return {k: marshal.loads(v) for k, v in _read_raw(path).items()}
    except Exception:  # a cache that cannot be read is no cache
        return {}


def write(path: Path, entries: dict[bytes, Any]) -> None:
    """Write ``entries`` as a cache file (see ``_write_raw``)."""
    _write_raw(path, {k: marshal.dumps(v) for k, v in entries.items()})


def seal(magic: bytes, payload: bytes) -> bytes:
    """A cache file's content: its kind, the CRC-32 and length of the payload, the payload."""
    return magic + zlib.crc32(payload).to_bytes(4, "big") + len(payload).to_bytes(8, "big") + payload


def unseal(magic: bytes, data: bytes) -> bytes | None:
    """The payload of ``seal``; None when the file is of another kind, truncated or damaged."""
    head = len(magic) + 12
    if not data.startswith(magic) or len(data) < head:
        return None
    payload = data[head:]
    crc, length = int.from_bytes(data[len(magic) : len(magic) + 4], "big"), int.from_bytes(data[head - 8 : head], "big")
    return payload if length == len(payload) and zlib.crc32(payload) == crc else None


def _read_raw(path: Path) -> dict[bytes, bytes]:
    """The entries of a cache file with their values undecoded; empty when it is not exactly what was written."""
    try:
        payload = unseal(MAGIC, path.read_bytes())
        if payload is None:
            return {}
        entries = marshal.loads(payload)
    except Exception:  # a cache that cannot be read is no cache
        return {}
    if not isinstance(entries, dict) or not all(isinstance(v, bytes) for v in entries.values()):
        return {}
    return entries


def _write_raw(path: Path, entries: dict[bytes, bytes]) -> None:
    _replace(path, seal(MAGIC, marshal.dumps(entries)))


def _replace(path: Path, data: bytes) -> None:
    """The file written under a temporary name and moved into place: readers see the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_yaml_cached(path: Path, what: str) -> tuple[Any, dict[Any, int]]:
    """``load_yaml`` of a clause, Land or requirements file; from the cache when a file with these bytes was read.

    A file that cannot be read or has a YAML error is read anew each time, so its message is the same.
    """
    from slp_agreements.files.yamlfile import load_yaml

    try:
        data: bytes | None = path.read_bytes()
    except OSError:
        data = None  # load_yaml says what is wrong with the file
    entry = key("yaml", what, data) if data is not None and enabled() else None
    found = get(entry) if entry is not None else None
    if isinstance(found, bytes):
        try:
            raw, lines = pickle.loads(found)  # YAML data may hold dates, which marshal cannot write
            if isinstance(lines, dict):
                return raw, lines
        except Exception:  # not what this program wrote: read the file
            pass
    raw, lines = load_yaml(path, what)
    if entry is not None and path.read_bytes() == data:  # not changed while it was read
        put(entry, pickle.dumps((raw, lines), protocol=pickle.HIGHEST_PROTOCOL))
    return raw, lines


# ---------------------------------------------------------------------------------------------------------------
# Snapshots: one larger value in a file of its own (the loaded clause library), read only by who asks for it

SNAPSHOT_MAGIC = b"slp-agreements snapshot 2\n"
MAX_SNAPSHOTS = 8  # older snapshot files are removed: each library layout and version has its own
MAX_SNAPSHOT_BYTES = 128 * 2**20  # all snapshots together; a larger library is simply read anew each time


def source_key(*subpackages: str) -> bytes:
    """A key over the source of whole subpackages (what decides the shape of a snapshot's objects)."""
    root = Path(__file__).parents[1]
    h = hashlib.blake2b(digest_size=16)
    for sub in subpackages:
        for path in sorted((root / sub).glob("*.py")) if (root / sub).is_dir() else [root / sub]:
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.digest()


def _snapshot_path(entry: bytes) -> Path:
    return folder() / f"snapshot-{_program_key()}-{entry.hex()}.bin"


def read_snapshot(entry: bytes) -> bytes | None:
    """The bytes kept under ``entry`` by ``write_snapshot``; None when missing, unreadable or not as written."""
    if not enabled():
        return None
    try:
        data = _snapshot_path(entry).read_bytes()
    except Exception:  # no folder can be named, no file, no permission: no snapshot
        return None
    return unseal(SNAPSHOT_MAGIC, data)


def write_snapshot(entry: bytes, payload: bytes) -> None:
    """Keep ``payload`` under ``entry`` (atomically); the oldest snapshots beyond MAX_SNAPSHOTS or beyond
    MAX_SNAPSHOT_BYTES in all are removed.

    Any failure (read-only, full disk) is ignored: the next run derives the value anew.
    """
    if not enabled() or len(payload) > MAX_SNAPSHOT_BYTES // 2:
        return
    with contextlib.suppress(Exception):
        path = _snapshot_path(entry)
        _replace(path, seal(SNAPSHOT_MAGIC, payload))
        newest = sorted(path.parent.glob("snapshot-*.bin"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        total = 0
        for n, old in enumerate(newest):
            total += old.stat().st_size
            if n >= MAX_SNAPSHOTS or total > MAX_SNAPSHOT_BYTES:
                old.unlink(missing_ok=True)
