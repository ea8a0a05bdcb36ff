"""A user's Word template as a package: what it must have, what it may not bring in, and the text of its parts.

What docxtpl renders (body, headers, footers, footnotes, core properties) is handed out here part by part, in
exactly the form docxtpl gives to Jinja, so the placeholder check reads what would run, with its line.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_UNPACKED = 200 * 1024 * 1024  # a letterhead template is a few MB; a zip bomb must not fill the memory
# External relationships that load nothing: a link is followed only when the reader clicks it.
HARMLESS_EXTERNAL = ("/hyperlink",)
# Stripped from every copy: the path of the Word template (.dotx) the file was made from, often on a network drive.
STRIPPED_EXTERNAL = ("/attachedTemplate",)
PARAGRAPH_STYLES = ["Title", "Subtitle", "Heading 1", "Heading 2", "Body Text", "List Paragraph", "Quote", "Signature"]
TABLE_STYLES = ["Table Grid"]
CORE_PROPERTIES = {  # the core properties docxtpl renders, with their name in Word
    "author": "Autor",
    "comments": "Kommentare",
    "identifier": "Kennung",
    "language": "Sprache",
    "subject": "Thema",
    "title": "Titel",
}
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
# Field codes that fetch content (INCLUDETEXT, INCLUDEPICTURE, LINK) or start programs (DDE, DDEAUTO) when Word
# updates fields; in w:instrText or in the w:instr attribute of w:fldSimple.
_LOADING_FIELD = re.compile(rb"(?:<w:instrText[^>]*>|w:instr=\")\s*(INCLUDETEXT|INCLUDEPICTURE|LINK|DDEAUTO|DDE)\b",
                            re.IGNORECASE)  # fmt: skip


@dataclass(frozen=True)
class Part:
    """One rendered part of a template: its name for the user, the text Jinja sees, and what a line is called."""

    label: str
    source: str
    line_word: str  # "Absatz" for Word XML (docxtpl starts a line at each paragraph), "Zeile" for properties
    is_body: bool = False

    def where(self, line: int) -> str:
        if self.line_word == "Absatz":
            return f"{self.label}, Absatz {max(line - 1, 1)}"
        return f"{self.label}, Zeile {line}"

    def tags_on(self, line: int) -> str:
        """The Jinja tags on one line, XML removed, cut to about 80 characters."""
        lines = self.source.split("\n")
        text = re.sub(r"<[^>]+>", "", lines[line - 1]) if 0 < line <= len(lines) else ""
        tags = " ".join(re.findall(r"\{\{.*?\}\}|\{%.*?%\}", text, flags=re.DOTALL))
        return tags if len(tags) <= 80 else tags[:79] + "…"


def too_large(path: Path) -> str | None:
    """Why a template is too large to open (before python-docx unpacks it), or None."""
    try:
        with zipfile.ZipFile(path) as zf:
            unpacked = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # reported as a damaged file when it is opened
    if unpacked > MAX_UNPACKED:
        return f"die Word-Vorlage ist entpackt größer als {MAX_UNPACKED // 2**20} MB; bitte Bilder verkleinern"
    return None


def package_problems(path: Path) -> list[str]:
    """What a template file may not contain: a DOCTYPE or external sources that load something."""
    try:
        return _package_problems(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
        return [f"die Word-Vorlage ist beschädigt ({type(exc).__name__}); bitte in Word neu als .docx speichern"]


def _package_problems(path: Path) -> list[str]:
    problems: list[str] = []
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            if not info.filename.endswith((".xml", ".rels")):
                continue
            data = zf.read(info)
            if _DOCTYPE.search(data):
                problems.append(
                    f"der Teil {info.filename} enthält eine DOCTYPE-Deklaration, die Word nie schreibt; "
                    "bitte die Vorlage in Word öffnen und neu als .docx speichern"
                )
            elif info.filename.endswith(".rels"):
                problems += _external(info.filename, data)
            elif (loading := _LOADING_FIELD.search(data)) is not None:
                field = loading.group(1).decode("ascii", "replace").upper()
                problems.append(
                    f"der Teil {info.filename} enthält ein Feld {field}, das beim Aktualisieren Inhalte von außen "
                    "lädt oder ein anderes Programm startet; bitte das Feld in Word entfernen (Alt+F9 zeigt Felder)"
                )
    return problems


def _external(member: str, data: bytes) -> list[str]:
    from lxml import etree  # type: ignore[import-untyped]

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return [f"der Teil {member} ist kein gültiges XML; bitte die Vorlage in Word neu speichern"]
    problems = []
    for rel in root:
        if rel.get("TargetMode") != "External":
            continue
        kind = rel.get("Type", "")
        if kind.endswith(HARMLESS_EXTERNAL + STRIPPED_EXTERNAL):
            continue
        target = rel.get("Target", "")
        target = target if len(target) <= 80 else target[:79] + "…"
        problems.append(
            f"der Teil {member} lädt etwas von außen nach ({kind.rsplit('/', 1)[-1]}: {target}); eine Vorlage darf "
            "nur enthalten, was sie selbst mitbringt – bitte verknüpfte Bilder oder Dokumente in Word einbetten "
            "oder entfernen"
        )
    return problems


def strip_external(docx: Any) -> None:
    """Remove from a loaded template the external references that are stripped, with the elements that use them."""
    from docx.oxml.ns import qn

    rid_attr = qn("r:id")
    for part in docx.part.package.iter_parts():
        for rid, rel in list(part.rels.items()):
            if rel.is_external and rel.reltype.endswith(STRIPPED_EXTERNAL):
                element = getattr(part, "_element", None)
                users = [e for e in element.iter() if e.get(rid_attr) == rid] if element is not None else []
                for user in users:
                    user.getparent().remove(user)
                del part.rels[rid]


def structure_problems(docx: Any) -> list[str]:
    """Section properties and style types: what a template needs so the contract has a page and real headings."""
    from docx.enum.style import WD_STYLE_TYPE

    problems = []
    if docx.element.body.sectPr is None:
        problems.append(
            "der Word-Vorlage fehlen die Abschnittseinstellungen (w:sectPr: Seitengröße, Ränder, Kopf- und "
            "Fußzeile); bitte die Vorlage in Word öffnen, unter Layout die Seite einrichten und neu speichern"
        )
    kinds = {s.name: s.type for s in docx.styles}
    for names, kind, word in ((PARAGRAPH_STYLES, WD_STYLE_TYPE.PARAGRAPH, "Absatzformatvorlage"),
                              (TABLE_STYLES, WD_STYLE_TYPE.TABLE, "Tabellenformatvorlage")):  # fmt: skip
        for name in names:
            if name in kinds and kinds[name] != kind:
                problems.append(
                    f"die Formatvorlage „{name}“ der Word-Vorlage ist keine {word}; bitte sie in Word als "
                    f"{word} anlegen (Formatvorlagentyp ändern oder neu anlegen)"
                )
    return problems


def parts(tpl: Any) -> Iterator[Part]:
    """Every part docxtpl renders, in the form docxtpl hands to Jinja (see DocxTemplate.render_xml_part)."""
    yield Part("Haupttext (word/document.xml)", _lines(tpl.patch_xml(tpl.get_xml())), "Absatz", is_body=True)
    for rel in tpl.docx.part.rels.values():
        if rel.is_external or not rel.target_part.blob:
            continue
        if rel.reltype in (tpl.HEADER_URI, tpl.FOOTER_URI):
            word = "Kopfzeile" if rel.reltype == tpl.HEADER_URI else "Fußzeile"
            source = tpl.patch_xml(tpl.get_part_xml(rel.target_part))
            yield Part(f"{word} ({str(rel.target_part.partname).lstrip('/')})", _lines(source), "Absatz")
    for part in tpl.docx.part.package.iter_parts():
        if part.content_type.endswith(".wordprocessingml.footnotes+xml"):
            blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            yield Part(f"Fußnoten ({str(part.partname).lstrip('/')})", _lines(tpl.patch_xml(blob)), "Absatz")
    props = tpl.docx.core_properties
    for name, word in CORE_PROPERTIES.items():
        value = getattr(props, name) or ""
        if "{" in value:
            yield Part(f"Dokumenteigenschaft {word} (docProps/core.xml)", value, "Zeile")


def _lines(xml: str) -> str:
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def body_placement(source: str) -> list[tuple[int, str]]:
    """Each ``{{ body }}`` that stands inside a paragraph (written ``{{ body }}`` or ``{{r body }}``), with its line.

    docxtpl's ``{{p body }}`` replaces its whole paragraph by the contract; inside a paragraph the contract's
    paragraphs would be nested in a run, and Word would show nothing of them.
    """
    found = []
    for m in re.finditer(r"\{\{-?\s*body\s*-?\}\}", source):
        before = source[: m.start()]
        depth = len(re.findall(r"<w:p[ >]", before)) - before.count("</w:p>")
        if depth > 0:
            found.append((before.count("\n") + 1, "steht innerhalb eines Absatzes"))
    return found
