"""The DOCX zip package: reproducible bytes (fixed order, timestamps, properties, ids) and our custom XML part.

Only zipfile and regular expressions: no docxtpl or python-docx here, so `inspect` and `diff` stay fast.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from slp_agreements.errors import UserError
from slp_agreements.model.manifest import escape

AUTHOR = "slp-agreements"
CONTENT_TYPES = "[Content_Types].xml"
ROOT_RELS = "_rels/.rels"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
CORE = "docProps/core.xml"
# A fixed datastore id: Word keeps custom XML parts by this id; randomness would break byte identity.
ITEM_ID = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "urn:slp-agreements:manifest")).upper() + "}"
_REL_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
_REL_CUSTOM_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
_REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_CT_CUSTOM_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
_CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


@dataclass(frozen=True)
class PackageInfo:
    """What a finished DOCX says about itself: document properties and the embedded manifest."""

    title: str
    subject: str
    category: str
    description: str
    language: str
    date: dt.date
    custom_xml: bytes | None = None
    schema_uri: str = ""


def _core_xml(info: PackageInfo) -> bytes:
    stamp = f"{info.date.isoformat()}T00:00:00Z"
    return (
        _DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(info.title)}</dc:title><dc:subject>{escape(info.subject)}</dc:subject>"
        f"<dc:creator>{AUTHOR}</dc:creator><cp:keywords>{escape(info.category)}</cp:keywords>"
        f"<dc:description>{escape(info.description)}</dc:description>"
        f"<cp:lastModifiedBy>{AUTHOR}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        f"<cp:category>{escape(info.category)}</cp:category><dc:language>{escape(info.language)}</dc:language>"
        "</cp:coreProperties>"
    ).encode()


def _add_override(types: str, part: str, content_type: str) -> str:
    if f'PartName="{part}"' in types:
        return types
    return types.replace("</Types>", f'<Override PartName="{part}" ContentType="{content_type}"/></Types>')


def _add_relationship(rels: str, rel_type: str, target: str) -> str:
    if f'Target="{target}"' in rels:
        return rels
    used = {int(n) for n in re.findall(r'Id="rId(\d+)"', rels)}
    rid = max(used, default=0) + 1
    return rels.replace(
        "</Relationships>", f'<Relationship Id="rId{rid}" Type="{rel_type}" Target="{target}"/></Relationships>'
    )


def _free_item_number(names: set[str]) -> int:
    n = 1
    while f"customXml/item{n}.xml" in names:
        n += 1
    return n


def _add_custom_xml(parts: dict[str, bytes], data: bytes, schema_uri: str) -> None:
    n = _free_item_number(set(parts))
    props = (
        _DECL + f'<ds:datastoreItem ds:itemID="{ITEM_ID}" '
        'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{escape(schema_uri)}"/></ds:schemaRefs></ds:datastoreItem>'
    )
    item_rels = (
        _DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL_CUSTOM_PROPS}" Target="itemProps{n}.xml"/></Relationships>'
    )
    parts[f"customXml/item{n}.xml"] = data
    parts[f"customXml/itemProps{n}.xml"] = props.encode()
    parts[f"customXml/_rels/item{n}.xml.rels"] = item_rels.encode()
    types = parts[CONTENT_TYPES].decode()
    parts[CONTENT_TYPES] = _add_override(types, f"/customXml/itemProps{n}.xml", _CT_CUSTOM_PROPS).encode()
    rels = parts[DOCUMENT_RELS].decode()
    parts[DOCUMENT_RELS] = _add_relationship(rels, _REL_CUSTOM_XML, f"../customXml/item{n}.xml").encode()


def _renumber_drawing_ids(parts: dict[str, bytes]) -> None:
    """Number drawing objects 1, 2, … across the document: merged subdocuments may repeat or randomise ids."""
    counter = 0

    def next_id(m: re.Match[str]) -> str:
        nonlocal counter
        counter += 1
        return f'{m.group(1)}id="{counter}"'

    for name in sorted(n for n in parts if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)):
        text = parts[name].decode("utf-8")
        new = re.sub(r'(<wp:docPr\b[^>]*?\s)id="\d+"', next_id, text)
        if new != text:
            parts[name] = new.encode("utf-8")


def _zip_time(day: dt.date) -> tuple[int, int, int, int, int, int]:
    year = min(max(day.year, 1980), 2107)  # the zip format cannot store other years
    return (year, day.month, day.day, 0, 0, 0)


def _order(name: str) -> tuple[int, str]:
    return (0 if name == CONTENT_TYPES else 1 if name == ROOT_RELS else 2, name)


APP = "docProps/app.xml"
# What made the file, and no invented page or word counts: Word and LibreOffice count those themselves.
APP_XML = (
    _DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    f"<Application>{AUTHOR}</Application><DocSecurity>0</DocSecurity></Properties>"
).encode()
_DEFAULT_LANG = re.compile(r"(<w:rPrDefault>.*?<w:lang\b[^>]*?\bw:val=\")[^\"]*(\")", re.S)
_THEME_LANG = re.compile(r"(<w:themeFontLang\b[^>]*?\bw:val=\")[^\"]*(\")")


def _set_language(parts: dict[str, bytes], language: str) -> None:
    """The document language in the default run properties: Word's spelling and hyphenation, the PDF's /Lang."""
    for name, pattern in (("word/styles.xml", _DEFAULT_LANG), ("word/settings.xml", _THEME_LANG)):
        if name in parts:
            text = parts[name].decode("utf-8")
            parts[name] = pattern.sub(lambda m: m.group(1) + language + m.group(2), text, count=1).encode("utf-8")


def _describe(parts: dict[str, bytes], language: str) -> None:
    """Language and a truthful docProps/app.xml, for every document the program writes."""
    _set_language(parts, language)
    if APP in parts:
        parts[APP] = APP_XML


def tidy(data: bytes, language: str) -> bytes:
    """A saved DOCX without a manifest (profiles, reports): document language and app.xml set, nothing else."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        infos = src.infolist()
        parts = {i.filename: src.read(i.filename) for i in infos}
    _describe(parts, language)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in infos:
            dst.writestr(info, parts[info.filename])
    return out.getvalue()


def finish(data: bytes | dict[str, bytes], info: PackageInfo) -> bytes:
    """Rewrite a saved DOCX (or its parts by name) so that the same input always gives the same bytes, with our
    properties and part."""
    if isinstance(data, dict):
        parts = dict(data)
    else:
        with zipfile.ZipFile(io.BytesIO(data)) as src:
            parts = {i.filename: src.read(i.filename) for i in src.infolist()}
    parts[CORE] = _core_xml(info)
    _describe(parts, info.language)
    parts[CONTENT_TYPES] = _add_override(parts[CONTENT_TYPES].decode(), "/" + CORE, _CT_CORE).encode()
    parts[ROOT_RELS] = _add_relationship(parts[ROOT_RELS].decode(), _REL_CORE, CORE).encode()
    if info.custom_xml is not None:
        _add_custom_xml(parts, info.custom_xml, info.schema_uri)
    _renumber_drawing_ids(parts)
    out = io.BytesIO()
    when = _zip_time(info.date)
    with zipfile.ZipFile(out, "w") as dst:
        for name in sorted(parts, key=_order):
            entry = zipfile.ZipInfo(name, date_time=when)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0  # the same bytes on Windows, macOS and Linux
            entry.external_attr = 0
            dst.writestr(entry, parts[name], compresslevel=6)
    return out.getvalue()


MAX_PART_BYTES = 8 * 1024 * 1024  # a manifest of 500 parties and 100 clauses is well under 1 MB
# what reading a damaged or crafted zip can raise: bad CRC or headers, broken deflate data, encryption, unknown methods
ZIP_ERRORS = (
    zipfile.BadZipFile,
    OSError,
    KeyError,
    EOFError,
    zlib.error,
    RuntimeError,
    NotImplementedError,
    ValueError,
)


def custom_xml_parts(path: Path) -> list[bytes]:
    """The custom XML parts of a DOCX; a clear message when the file is no Word document."""
    if not path.is_file():
        raise UserError("Datei nicht gefunden. Bitte den Pfad prüfen.", file=path)
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            if "word/document.xml" not in names:
                raise zipfile.BadZipFile
            wanted = [i for i in z.infolist() if re.fullmatch(r"customXml/item\d+\.xml", i.filename)]
            if any(i.file_size > MAX_PART_BYTES for i in wanted):
                raise UserError(
                    f"enthält einen Datenteil (customXml) über {MAX_PART_BYTES // 1024 // 1024} MB; so groß ist kein "
                    "Manifest von slp-agreements. Bitte den Vertrag neu erzeugen.",
                    file=path,
                )
            return [z.read(i) for i in sorted(wanted, key=lambda i: i.filename)]
    except ZIP_ERRORS:
        raise UserError(
            "ist keine Word-Datei (.docx); bitte einen mit slp-agreements erzeugten Vertrag angeben.", file=path
        ) from None


def is_docx(path: Path) -> bool:
    """Whether a path names a Word file (by content, not by name)."""
    return path.is_file() and zipfile.is_zipfile(path)
