"""Carry parts of one contract into another: the edited text of a § (or of the title and the parties) kept when
the contract is generated anew."""

from __future__ import annotations

import copy
import io
import zipfile
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from slp_agreements.model.document import FRONT_ANCHOR

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NUMBERING = "word/numbering.xml"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _marks(p: Any) -> list[str]:
    return [str(b.get(_w("name"))) for b in p.iter(_w("bookmarkStart")) if not str(b.get(_w("name"))).startswith("_")]


def blocks(body: Any) -> dict[str, tuple[Any, list[Any]]]:
    """Bookmark name -> (heading paragraph, the elements after it up to the next bookmarked paragraph)."""
    out: dict[str, tuple[Any, list[Any]]] = {}
    current: list[Any] | None = None
    for el in body:
        if el.tag == _w("p") and _marks(el):
            name = next((n for n in _marks(el) if n.startswith("slp_")), None)
            current = None
            if name:
                current = []
                out[name] = (el, current)
            continue
        if current is not None and el.tag in (_w("p"), _w("tbl")):
            current.append(el)
    return out


# The order Word expects inside run properties (ECMA-376 CT_RPr; Word rejects other orders).
_RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em",
    "lang", "eastAsianLayout", "specVanish", "oMath", "ins", "del", "rPrChange",
]  # fmt: skip


def _styles(data: bytes | None) -> dict[str, str]:
    """Style id -> style name of a styles part."""
    if data is None:
        return {}
    root = etree.fromstring(data)
    out = {}
    for style in root.findall(_w("style")):
        name = style.find(_w("name"))
        out[str(style.get(_w("styleId")))] = str(name.get(_w("val"))) if name is not None else ""
    return out


def _clean(el: Any, old_styles: dict[str, str], new_ids: dict[str, str]) -> None:
    """Make XML another program saved fit the new file: its style ids, on/off values, run property order."""
    for ref in [*el.iter(_w("pStyle")), *el.iter(_w("rStyle")), *el.iter(_w("tblStyle"))]:
        value = str(ref.get(_w("val")))
        if value in new_ids.values():
            continue
        by_name = new_ids.get(old_styles.get(value, ""))
        if by_name:
            ref.set(_w("val"), by_name)
        else:
            ref.getparent().remove(ref)
    for node in el.iter():
        value = node.get(_w("val"))
        if value == "true":  # on/off: Word's validator allows only on/off (or nothing, which means on)
            del node.attrib[_w("val")]
        elif value == "false":
            node.set(_w("val"), "off")
    for rpr in el.iter(_w("rPr")):
        kids = list(rpr)
        rank = {f"{{{W}}}{name}": i for i, name in enumerate(_RPR_ORDER)}
        for kid in kids:
            rpr.remove(kid)
        rpr.extend(sorted(kids, key=lambda k: rank.get(k.tag, len(rank))))


class _Lists:
    """New list instances in the target's numbering for the lists a carried part brings along."""

    def __init__(self, numbering: Any | None) -> None:
        self.root = numbering
        self.mapped: dict[str, str] = {}

    def remap(self, old: str) -> str:
        if self.root is None:
            return old
        if old not in self.mapped:
            nums = self.root.findall(_w("num"))
            number = str(max((int(n.get(_w("numId"))) for n in nums), default=0) + 1)
            abstract = self._abstract()
            if abstract is None:
                return old
            num = etree.SubElement(self.root, _w("num"))
            num.set(_w("numId"), number)
            etree.SubElement(num, _w("abstractNumId")).set(_w("val"), abstract)
            for level in ("0", "1"):
                override = etree.SubElement(num, _w("lvlOverride"))
                override.set(_w("ilvl"), level)
                etree.SubElement(override, _w("startOverride")).set(_w("val"), "1")
            self.mapped[old] = number
        return self.mapped[old]

    def _abstract(self) -> str | None:
        for el in self.root.findall(_w("abstractNum")) if self.root is not None else []:
            name = el.find(_w("name"))
            if name is not None and name.get(_w("val")) == "slp-agreements Aufzählung":
                return str(el.get(_w("abstractNumId")))
        return None


def _take_runs(target: Any, source: Any, old_styles: dict[str, str], new_ids: dict[str, str]) -> None:
    """``target``'s text replaced by ``source``'s (runs, links), its paragraph properties and bookmarks kept."""
    keep = (_w("pPr"), _w("bookmarkStart"), _w("bookmarkEnd"))
    for el in [k for k in target if k.tag not in keep]:
        target.remove(el)
    end = target.find(_w("bookmarkEnd"))
    for el in source:
        if el.tag in keep:
            continue
        el = copy.deepcopy(el)
        _clean(el, old_styles, new_ids)
        if end is not None:
            end.addprevious(el)
        else:
            target.append(el)


def keep_parts(new: bytes, old: bytes, names: list[str]) -> bytes:
    """``new`` with the text of the parts ``names`` (bookmarks) as ``old`` has it; headings stay ``new``'s."""
    with zipfile.ZipFile(io.BytesIO(old)) as z:
        old_body = etree.fromstring(z.read("word/document.xml")).find(_w("body"))
        old_styles = _styles(z.read("word/styles.xml") if "word/styles.xml" in z.namelist() else None)
    with zipfile.ZipFile(io.BytesIO(new)) as z:
        infos = z.infolist()
        parts = {i.filename: z.read(i.filename) for i in infos}
    root = etree.fromstring(parts["word/document.xml"])
    numbering = etree.fromstring(parts[NUMBERING]) if NUMBERING in parts else None
    new_ids = {name: sid for sid, name in _styles(parts.get("word/styles.xml")).items()}
    lists = _Lists(numbering)
    theirs, ours = blocks(old_body), blocks(root.find(_w("body")))
    for name in names:
        if name not in theirs or name not in ours:
            continue
        heading, content = ours[name]
        for el in content:
            el.getparent().remove(el)
        if name == FRONT_ANCHOR:  # the title is part of what was edited: its runs come along, the bookmark stays
            _take_runs(heading, theirs[name][0], old_styles, new_ids)
        anchor = heading
        for el in theirs[name][1]:
            el = copy.deepcopy(el)
            for num in el.iter(_w("numId")):
                num.set(_w("val"), lists.remap(str(num.get(_w("val")))))
            for mark in [*el.iter(_w("bookmarkStart")), *el.iter(_w("bookmarkEnd"))]:
                mark.getparent().remove(mark)  # Word's own bookmarks (_GoBack …) would clash with ids here
            _clean(el, old_styles, new_ids)
            anchor.addnext(el)
            anchor = el
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if numbering is not None:
        parts[NUMBERING] = etree.tostring(numbering, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in infos:
            dst.writestr(info, parts[info.filename], compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
