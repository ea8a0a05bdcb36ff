"""Checks of Word files for the tests: openxml-audit (Word's own rules) and the ECMA-376 transitional schemas.

The schemas are read in place from ``../shared/validators/ooxml-xsd/`` beside the repository (``SLP_VALIDATORS``
overrides the ``validators`` folder); they are never copied into the repository. Before validating, Markup
Compatibility (ECMA-376 Part 3) is applied as a conforming consumer would: ignorable namespaces the schemas do not
know are dropped, ``mc:AlternateContent`` becomes its first understood choice. Content in an unknown namespace that
is not declared ignorable stays and is reported, because Word refuses such a file too.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import zipfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from tests.validators import VALIDATORS

XSD_DIR = VALIDATORS / "ooxml-xsd"  # tests/validators.py: beside the repository, or SLP_VALIDATORS
XSD_MISSING = (
    f"{XSD_DIR} fehlt: die ECMA-376-Schemas liegen nur im Projekt-Arbeitsbereich neben dem Repository "
    "(SLP_VALIDATORS=…/validators setzt einen anderen Ort)"
)


def errors_of_each(check: Callable[[Path], list[Any]], docs: list[Path]) -> dict[str, list[Any]]:
    """``check`` over many DOCX files, on every core (the validators run on one core each); the files with errors.

    The workers are started fresh (spawn, not fork: the session may have server threads running), so each compiles
    the schemas once for its share of the files.
    """
    workers = min(os.cpu_count() or 1, max(1, len(docs) // 8))
    if workers == 1:
        results = [check(d) for d in docs]
    else:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            results = list(pool.map(check, docs, chunksize=max(1, len(docs) // (workers * 4))))
    return {str(d): errors for d, errors in zip(docs, results, strict=True) if errors}


def audit_errors(path: Path) -> list[str]:
    """openxml-audit's errors (Open XML SDK rules, Office 2019) for one DOCX, as readable lines."""
    result = _auditor().validate(path)
    return [f"{e.part_uri} {e.path}: {e.description}" for e in result.errors]


@functools.lru_cache(maxsize=1)
def _auditor() -> Any:
    from openxml_audit import FileFormat, OpenXmlValidator

    return OpenXmlValidator(file_format=FileFormat.OFFICE_2019, max_errors=0)


MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

# content type (ending) -> kind of part; every part with a schema here is validated
WML_TYPES = {
    "wordprocessingml.document.main+xml": "document",
    "wordprocessingml.template.main+xml": "document",
    "wordprocessingml.styles+xml": "styles",
    "wordprocessingml.settings+xml": "settings",
    "wordprocessingml.numbering+xml": "numbering",
    "wordprocessingml.header+xml": "header",
    "wordprocessingml.footer+xml": "footer",
    "wordprocessingml.fontTable+xml": "fontTable",
    "wordprocessingml.webSettings+xml": "webSettings",
    "wordprocessingml.footnotes+xml": "footnotes",
    "wordprocessingml.endnotes+xml": "endnotes",
    "wordprocessingml.comments+xml": "comments",
    "officedocument.theme+xml": "theme",
    "officedocument.extended-properties+xml": "app",
    "officedocument.custom-properties+xml": "custom",
    "officedocument.customXmlProperties+xml": "customXmlProps",
}
SCHEMA_FILES = [
    "wml.xsd",
    "dml-main.xsd",
    "dml-wordprocessingDrawing.xsd",
    "dml-picture.xsd",
    "shared-documentPropertiesExtended.xsd",
    "shared-documentPropertiesCustom.xsd",
    "shared-customXmlDataProperties.xsd",
    "opc-xsd/opc-contentTypes.xsd",
    "opc-xsd/opc-relationships.xsd",
]


@dataclass(frozen=True)
class XsdError:
    """One schema error: the part, the element's path and libxml2's message."""

    part: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.part}: {self.path}: {self.message}"


@functools.lru_cache(maxsize=2)
def _schema(xsd_dir: Path = XSD_DIR) -> tuple[Any, frozenset[str]]:
    """One compiled schema set importing every namespace validated here, and the namespaces it understands."""
    namespaces: set[str] = set()
    imports = []
    for name in SCHEMA_FILES:
        f = (xsd_dir / name).resolve()
        tns = etree.parse(str(f)).getroot().get("targetNamespace")
        imports.append(f'<xsd:import namespace="{tns}" schemaLocation="{f.as_uri()}"/>')
    for f in xsd_dir.rglob("*.xsd"):
        tns = etree.parse(str(f)).getroot().get("targetNamespace")
        if tns:
            namespaces.add(tns)
    wrapper = (
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x-slp-agreements:tests">'
        + "".join(imports)
        + "</xsd:schema>"
    )
    parser = etree.XMLParser(no_network=True)
    doc = etree.fromstring(wrapper.encode(), parser, base_url=(xsd_dir.resolve() / "wrapper.xsd").as_uri())
    return etree.XMLSchema(doc), frozenset(namespaces)


def _namespaces(el: Any, prefixes: str | None) -> set[str]:
    return {el.nsmap[p] for p in (prefixes or "").split() if p in el.nsmap}


def _ns(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _lift(el: Any, source: Any) -> None:
    """Replace ``el`` by the children of ``source`` (or remove it)."""
    parent = el.getparent()
    at = parent.index(el)
    kids = list(source) if source is not None else []
    parent.remove(el)
    for k, kid in enumerate(kids):
        parent.insert(at + k, kid)


def _choice(alternate: Any, understood: frozenset[str]) -> Any:
    for branch in alternate:
        if branch.tag == f"{{{MC}}}Choice":
            needs = _namespaces(branch, branch.get("Requires"))
            if needs and needs <= understood:
                return branch
        elif branch.tag == f"{{{MC}}}Fallback":
            return branch
    return None


def apply_markup_compatibility(el: Any, understood: frozenset[str], ignorable: frozenset[str] = frozenset(),
                               process: frozenset[str] = frozenset()) -> None:  # fmt: skip
    """Preprocess ``el`` in place as a Markup Compatibility consumer that understands ``understood``."""
    ignorable = ignorable | _namespaces(el, el.get(f"{{{MC}}}Ignorable"))
    process = process | {el.nsmap[t.split(":", 1)[0]] for t in (el.get(f"{{{MC}}}ProcessContent") or "").split()
                         if t.split(":", 1)[0] in el.nsmap}  # fmt: skip
    for name in list(el.attrib):
        if _ns(name) == MC or (_ns(name) in ignorable and _ns(name) not in understood):
            del el.attrib[name]
    i = 0
    while i < len(el):
        child = el[i]
        if not isinstance(child.tag, str):
            i += 1
            continue
        if child.tag == f"{{{MC}}}AlternateContent":
            _lift(child, _choice(child, understood))
            continue
        ns = _ns(child.tag)
        if ns in ignorable and ns not in understood:
            _lift(child, child if ns in process else None)
            continue
        apply_markup_compatibility(child, understood, ignorable, process)
        i += 1


def _parts(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    types = etree.fromstring(zf.read("[Content_Types].xml"))
    out = [("[Content_Types].xml", "contentTypes")]
    for override in types:
        content_type = override.get("ContentType", "")
        for ending, kind in WML_TYPES.items():
            if content_type.endswith(ending):
                out.append((override.get("PartName").lstrip("/"), kind))
    return out + [(n, "rels") for n in zf.namelist() if n.endswith(".rels")]


def xsd_errors(path: Path) -> list[XsdError]:
    """Schema errors of every part of a DOCX that the ECMA-376 transitional schemas cover (document.xml, styles …)."""
    schema, understood = _schema()
    errors: list[XsdError] = []
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        for part, _kind in _parts(zf):
            if part not in names:
                errors.append(XsdError(part, "", "in [Content_Types].xml genannt, fehlt aber"))
                continue
            root = etree.fromstring(zf.read(part), parser)
            apply_markup_compatibility(root, understood)
            if not schema.validate(root):
                errors += [XsdError(part, e.path or "", e.message) for e in schema.error_log]
    return errors
