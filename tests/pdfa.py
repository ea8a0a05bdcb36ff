"""What a PDF says about itself, read with pikepdf: PDF/A identification, tagging, language, structure tags, fonts.

These are structural checks, not a full PDF/A conformance validation (veraPDF is not packaged for this machine).
"""

from __future__ import annotations

import collections
from pathlib import Path
from typing import Any


def _walk(node: Any, tags: collections.Counter[str], roles: dict[str, str], depth: int = 0) -> None:
    import pikepdf

    if depth > 300:
        return
    if isinstance(node, pikepdf.Array):
        for kid in node:
            _walk(kid, tags, roles, depth + 1)
        return
    if not isinstance(node, pikepdf.Dictionary):
        return
    kind = node.get("/S")
    if kind is not None:
        name = str(kind)[1:]
        tags[roles.get(name, name)] += 1
    if node.get("/K") is not None:
        _walk(node.get("/K"), tags, roles, depth + 1)


def pdf_facts(path: Path) -> dict[str, Any]:
    """PDF/A part and conformance (XMP), /MarkInfo /Marked, /Lang, structure tags (role map applied), fonts."""
    import pikepdf

    with pikepdf.open(path) as pdf:
        root = pdf.Root
        meta = pdf.open_metadata()
        mark_info = root.get("/MarkInfo")
        tree = root.get("/StructTreeRoot")
        tags: collections.Counter[str] = collections.Counter()
        if tree is not None:
            role_map = tree.get("/RoleMap")
            roles = {str(k)[1:]: str(v)[1:] for k, v in role_map.items()} if role_map is not None else {}
            _walk(tree.get("/K"), tags, roles)
        unembedded = set()
        for page in pdf.pages:
            for _, font in page.obj.get("/Resources", {}).get("/Font", {}).items():
                descs = [font, *list(font.get("/DescendantFonts", []))]
                fd = next((d.get("/FontDescriptor") for d in descs if d.get("/FontDescriptor") is not None), None)
                if fd is None or not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    unembedded.add(str(font.get("/BaseFont")))
        return {
            "pdfaid_part": meta.get("pdfaid:part"),
            "pdfaid_conformance": meta.get("pdfaid:conformance"),
            "structure_tree": tree is not None,
            "marked": bool(mark_info.get("/Marked", False)) if mark_info is not None else False,
            "lang": str(root.get("/Lang")) if root.get("/Lang") is not None else None,
            "tags": dict(tags),
            "pages": len(pdf.pages),
            "unembedded_fonts": sorted(unembedded),
        }
