"""The manifest (Herkunftsnachweis): a typed, versioned record of what went into an agreement.

It is embedded in every contract and checklist (a custom XML part, see files/docx_package.py) and written beside them
as ``<stem>-manifest.json``; docs/manifest.md describes every field. What is hashed where:
- ``clauses[].sha256``: the clause file as read (after overlays); ``template.sha256``: the Word template file.
- The embedded manifest holds everything except ``outputs``, because a file cannot contain its own hash.
- ``<stem>-manifest.json`` is the embedded manifest plus ``outputs``: the SHA-256 of the finished contract and
  checklist, each including its embedded manifest.

Reading accepts every manifest of version 1: fields a file lacks take their defaults, fields it has beyond these
are kept as they are.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from html import escape as _html_escape
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


def escape(text: str) -> str:
    """&, < and > as XML entities, as xml.sax.saxutils.escape writes them (which would import urllib)."""
    return _html_escape(text, quote=False)


NAMESPACE = "urn:slp-agreements:manifest:1"
MANIFEST_VERSION = 1
FRONT = "front"  # the id of the title and the parties; clause ids always hold a dot
SIGNATURES = "signatures"  # the id of the signature blocks


def sha256(data: bytes) -> str:
    """Hex SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


_LABEL = re.compile(r"^(\(\d+[a-z]?\)|\d+[a-z]?\.|[a-z]{1,2}\))\s+")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\u2009]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def normalised(line: str) -> str:
    """A line as compared for edits: NFC, every kind of space one space, soft hyphens gone, no '(1)'/'1.'/'a)'.

    So typographic spaces, Word's automatic hyphens, list numbers and renumbering are not edits; words are.
    """
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", line).translate(_INVISIBLE)).strip()
    return _LABEL.sub("", text, count=1)


def text_digest(title: str, lines: list[str]) -> str:
    """SHA-256 of a part's heading and lines, normalised (the manifest's ``sections[].sha256``)."""
    kept = [n for n in (normalised(x) for x in [title, *lines]) if n]
    return sha256("\n".join(kept).encode())


class _Record(BaseModel):
    model_config = ConfigDict(extra="allow")


class FileHash(_Record):
    """A file and its SHA-256 (the Word templates)."""

    file: str
    sha256: str


class ClauseUse(_Record):
    """A clause that went into the agreement."""

    id: str
    version: int
    sha256: str = ""
    file: str = ""
    part: str = ""  # preamble | body | annex | checklist
    number: str = ""  # '3' for § 3 or Anlage 3; '' for preamble and checklist-only clauses


class SectionText(_Record):
    """The rendered text of one part of the agreement, so a DOCX can be compared without rebuilding it."""

    id: str  # clause id, FRONT for the title and the parties, SIGNATURES for the signature blocks
    part: str  # front | preamble | body | annex
    number: str = ""
    title: str = ""
    text: list[str] = Field(default_factory=list)  # one line per paragraph or list item
    sha256: str = ""  # text_digest(title, text) as generated; '' in contracts built before edits were detected


class OutputHash(_Record):
    """A finished output file of the build (only in ``<stem>-manifest.json``)."""

    file: str
    kind: str  # contract | checklist
    sha256: str


class Manifest(_Record):
    """What went into one agreement: answers, clauses with versions and hashes, templates, texts."""

    tool: str = "slp-agreements"
    tool_version: str = ""
    manifest_version: int = MANIFEST_VERSION
    answers_file: str = ""  # the answers file's name (no folder)
    answers: dict[str, Any] = Field(default_factory=dict)  # the answers as JSON, tables read in
    language: str = "de"
    document_date: str = ""  # ISO date the documents carry: agreement.date, else term.start
    template: FileHash | None = None
    checklist_template: FileHash | None = None
    overlays: list[str] = Field(default_factory=list)  # names of the clause folders laid over the library
    clauses: list[ClauseUse] = Field(default_factory=list)
    requirement_sets: list[str] = Field(default_factory=list)
    sections: list[SectionText] = Field(default_factory=list)
    outputs: list[OutputHash] | None = None

    def data(self) -> dict[str, Any]:
        """Plain JSON data in field order (``outputs`` only when known), as written into files."""
        found = self.model_dump(mode="json")
        if found.get("outputs") is None:
            found.pop("outputs", None)
        for section in found.get("sections", []):
            if not section.get("sha256"):  # contracts built before edits were detected: as they were written
                section.pop("sha256", None)
        return found

    def to_json(self) -> bytes:
        """Stable JSON bytes (same manifest, same bytes)."""
        return (json.dumps(self.data(), ensure_ascii=False, indent=2) + "\n").encode()

    def to_xml(self) -> bytes:
        """The custom XML part: our namespace, the manifest as JSON text."""
        body = escape(json.dumps(self.data(), ensure_ascii=False, indent=1))
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<manifest xmlns="{NAMESPACE}" version="{MANIFEST_VERSION}">{body}</manifest>'
        ).encode()


class DamagedManifest(ValueError):
    """A custom XML part of this tool whose JSON cannot be read back (broken, NaN, nested without end, no object)."""


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is no JSON value")  # NaN and Infinity: Python reads them, JSON does not know them


def from_xml(data: bytes) -> dict[str, Any] | None:
    """The manifest data in a custom XML part, or None when the part is someone else's.

    Raises DamagedManifest when the part is ours but its JSON is not a plain JSON object.
    """
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return None
    if root.tag != f"{{{NAMESPACE}}}manifest":
        return None
    try:
        value = json.loads(root.text or "", parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise DamagedManifest from None
    if not isinstance(value, dict):
        raise DamagedManifest
    return value
