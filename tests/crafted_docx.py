"""Crafted Word files for `inspect`, `diff` and `rebuild`: each variant is made from a real contract with one change."""

from __future__ import annotations

import io
import json
import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

from slp_agreements.model.manifest import NAMESPACE

Parts = dict[str, bytes]


def parts_of(docx: bytes) -> Parts:
    """The parts of a DOCX by name."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return {n: z.read(n) for n in z.namelist()}


def zipped(parts: Parts) -> bytes:
    """A DOCX of these parts."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _manifest_name(parts: Parts) -> str:
    return next(n for n, d in parts.items() if re.fullmatch(r"customXml/item\d+\.xml", n) and NAMESPACE.encode() in d)


def _manifest_text(text: str) -> Callable[[Parts], Parts]:
    """The manifest part with this JSON text (escaped for XML)."""

    def change(parts: Parts) -> Parts:
        from xml.sax.saxutils import escape

        head = '<?xml version="1.0" encoding="UTF-8"?>\n'
        body = f'{head}<manifest xmlns="{NAMESPACE}" version="1">{escape(text)}</manifest>'
        return {**parts, _manifest_name(parts): body.encode("utf-8")}

    return change


def _manifest_edit(edit: Callable[[dict[str, object]], object]) -> Callable[[Parts], Parts]:
    """The manifest with one change to its JSON."""

    def change(parts: Parts) -> Parts:
        from xml.etree import ElementTree as ET

        data = json.loads(ET.fromstring(parts[_manifest_name(parts)]).text or "")
        edit(data)
        return _manifest_text(json.dumps(data, ensure_ascii=False, allow_nan=True))(parts)

    return change


def _set(*path: str | int, value: object) -> Callable[[dict[str, object]], None]:
    def edit(data: dict[str, object]) -> None:
        target: object = data
        for p in path[:-1]:
            target = target[p]  # type: ignore[index]
        target[path[-1]] = value  # type: ignore[index]

    return edit


def _drop(name: str) -> Callable[[Parts], Parts]:
    return lambda parts: {n: d for n, d in parts.items() if n != name}


def _replace(name: str, data: bytes) -> Callable[[Parts], Parts]:
    return lambda parts: {**parts, name: data}


def _bytes_flag(offset_of: Callable[[bytes], int], value: bytes) -> Callable[[bytes], bytes]:
    def change(docx: bytes) -> bytes:
        at = offset_of(docx)
        return docx[:at] + value + docx[at + len(value) :]

    return change


def _document_entry(docx: bytes) -> int:
    """Where the central directory entry of word/document.xml starts (what zipfile reads flags and method from)."""
    return docx.rindex(b"PK\x01\x02", 0, docx.rindex(b"word/document.xml"))


def _corrupt_deflate(docx: bytes) -> bytes:
    """Garbage inside the compressed data of word/document.xml (its CRC no longer matches, or zlib fails)."""
    at = docx.index(b"word/document.xml") + len("word/document.xml") + 40
    return docx[:at] + bytes(b ^ 0xFF for b in docx[at : at + 64]) + docx[at + 64 :]


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(9))
    + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&j;'
    b"</w:t></w:r></w:p></w:body></w:document>"
)

# variant id → change of the parts of a real contract (None: the bytes below replace the file)
PART_CHANGES: dict[str, Callable[[Parts], Parts]] = {
    "zip-without-document": _drop("word/document.xml"),
    "manifest-removed": lambda parts: _drop(_manifest_name(parts))(parts),
    "manifest-json-broken": _manifest_text('{"tool": "slp-agreements", "answers": {'),
    "manifest-json-a-list": _manifest_text("[1, 2, 3]"),
    "manifest-json-empty": _manifest_text(""),
    "manifest-json-nan": _manifest_edit(_set("answers", "term", "notice_months", value=float("nan"))),
    "manifest-json-infinity": _manifest_edit(_set("document_date", value=float("inf"))),
    "manifest-json-nan-version": _manifest_edit(_set("manifest_version", value=float("nan"))),
    "manifest-json-deep": _manifest_text('{"answers": ' + "[" * 100_000 + "]" * 100_000 + "}"),
    "manifest-json-huge": _manifest_text('{"tool": "slp-agreements", "x": "' + "x" * 30_000_000 + '"}'),
    "manifest-version-future": _manifest_edit(_set("manifest_version", value=99)),
    "manifest-version-text": _manifest_edit(_set("manifest_version", value="eins")),
    "manifest-tool-version-long": _manifest_edit(lambda d: d.update(manifest_version=99, tool_version="9" * 5000)),
    "manifest-answers-a-list": _manifest_edit(_set("answers", value=[1, 2])),
    "manifest-answers-bad-land": _manifest_edit(_set("answers", "land", value="XX")),
    "manifest-answers-impossible-date": _manifest_edit(_set("answers", "term", "start", value="2027-02-30")),
    "manifest-clauses-a-number": _manifest_edit(_set("clauses", value=7)),
    "manifest-sections-garbage": _manifest_edit(_set("sections", value=[{"id": 5}])),
    "manifest-language-unknown": _manifest_edit(_set("language", value="fr")),
    "manifest-xml-broken": lambda parts: _replace(_manifest_name(parts), b"<manifest xmlns=")(parts),
    "document-xml-broken": _replace("word/document.xml", b"<w:document><w:body><w:p>"),
    "document-xml-entity-bomb": _replace("word/document.xml", BILLION_LAUGHS),
    "document-xml-empty": _replace("word/document.xml", b""),
}
BYTE_CHANGES: dict[str, Callable[[bytes], bytes]] = {
    "text-file": lambda docx: b"Das ist keine Word-Datei.\n",
    "empty-file": lambda docx: b"",
    "truncated-half": lambda docx: docx[: len(docx) // 2],
    "truncated-end": lambda docx: docx[:-30],
    "deflate-corrupted": _corrupt_deflate,
    "encrypted-flag": _bytes_flag(lambda d: _document_entry(d) + 8, struct.pack("<H", 1)),
    "unknown-compression": _bytes_flag(lambda d: _document_entry(d) + 10, struct.pack("<H", 99)),
    "other-zip": lambda docx: zipped({"hallo.txt": b"kein Word"}),
}
VARIANTS = [*PART_CHANGES, *BYTE_CHANGES]


def crafted(contract: Path, variant: str, target: Path) -> Path:
    """Write the variant of ``contract`` to ``target``."""
    docx = contract.read_bytes()
    changed = PART_CHANGES.get(variant)
    target.write_bytes(zipped(changed(parts_of(docx))) if changed else BYTE_CHANGES[variant](docx))
    return target
