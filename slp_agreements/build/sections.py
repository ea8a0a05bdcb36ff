"""Clause texts rendered for the answers: cross-references (ref, annex), Absätze (1), (2) and list items 1., a)."""

from __future__ import annotations

import re
from typing import Any

from slp_agreements.build.selection import Selection
from slp_agreements.errors import UserError
from slp_agreements.library.clauses import Loaded, Part
from slp_agreements.library.context import TEXT_FUNCTIONS
from slp_agreements.library.templating import render
from slp_agreements.model import formatting
from slp_agreements.model.document import Item, Paragraph, Ref, Section
from slp_agreements.model.labels import LABELS


def clause_context(ctx: dict[str, Any], sel: Selection, lang: str, loaded: Loaded) -> dict[str, Any]:
    labels = LABELS[lang]

    def lookup(target: str, kind: str) -> str:
        if target not in sel.numbers:
            raise UserError(
                f"{loaded.file}: Klausel '{loaded.clause.id}' verweist auf '{target}', die in dieser Vereinbarung "
                "nicht vorkommt; Verweis mit {% if %} absichern oder die Bedingungen angleichen."
            )
        return f"{REF_OPEN}{target}{REF_TEXT}{labels[kind]} {sel.numbers[target]}{REF_CLOSE}"

    def ref(target: str) -> str:
        if target in {c.clause.id for c in sel.annexes}:
            return lookup(target, "annex")
        return lookup(target, "section")

    ref_name, annex_name = TEXT_FUNCTIONS
    return {**ctx, ref_name: ref, annex_name: lambda t: lookup(t, "annex")}


_ITEM = re.compile(r"^( *)[-*] +(.*)$")
# ref() and annex() wrap what they return in these private-use characters (open, target, text, close), so the
# reference becomes a link in Word; paragraphs() takes them out again and remembers where the reference stands.
REF_OPEN, REF_TEXT, REF_CLOSE = "\ue000", "\ue001", "\ue002"
_MARKED = re.compile(f"{REF_OPEN}([^{REF_TEXT}]*){REF_TEXT}([^{REF_CLOSE}]*){REF_CLOSE}")


def take_refs(text: str) -> tuple[str, list[Ref]]:
    """Text without the reference marks, and where each reference stands in it."""
    refs: list[Ref] = []
    out: list[str] = []
    at = 0
    length = 0
    for m in _MARKED.finditer(text):
        out.append(text[at : m.start()])
        length += m.start() - at
        refs.append(Ref(length, length + len(m.group(2)), m.group(1)))
        out.append(m.group(2))
        length += len(m.group(2))
        at = m.end()
    out.append(text[at:])
    plain = "".join(out)
    for mark in (REF_OPEN, REF_TEXT, REF_CLOSE):
        plain = plain.replace(mark, "")
    return plain, refs


def paragraphs(text: str, numbered: bool) -> list[Paragraph]:
    """Split rendered clause text into Absätze and list items; '(1)' labels when there are several."""
    blocks = [b for b in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")) if b.strip()]
    out: list[Paragraph] = []
    for block in blocks:
        lead: list[str] = []
        items: list[Item] = []
        counters = [0, 0]
        for line in block.split("\n"):
            if not line.strip():
                continue
            m = _ITEM.match(line)
            if m:
                level = 1 if len(m.group(1)) >= 2 else 0
                if level == 0:
                    counters[1] = 0
                items.append(Item(formatting.item_label(counters[level], level), m.group(2).strip(), level))
                counters[level] += 1
            elif items:
                items[-1].text += " " + line.strip()
            else:
                lead.append(line.strip())
        text_, refs = take_refs(re.sub(r"\s+", " ", " ".join(lead)).strip())
        for it in items:
            it.text, it.refs = take_refs(re.sub(r"\s+", " ", it.text).strip())
        out.append(Paragraph("", text_, items, refs))
    if numbered and len(out) > 1:
        for i, p in enumerate(out, 1):
            p.label = f"({i})"
    return out


def _text(loaded: Loaded, field: str, lang: str, cctx: dict[str, Any]) -> str:
    value = getattr(loaded.clause, field)
    source = value.get(lang) if value else None
    if not source:
        which = "Deutsch" if lang == "de" else "Englisch"
        raise UserError(f"{loaded.where(field)}: Klausel '{loaded.clause.id}' hat keinen Text auf {which} ({lang}).")
    return render(source, cctx, loaded.where(field, lang))


def section(loaded: Loaded, number: str, lang: str, cctx: dict[str, Any], numbered: bool) -> Section:
    title = take_refs(_text(loaded, "title", lang, cctx).strip())[0]
    paras = paragraphs(_text(loaded, "text", lang, cctx), numbered) if loaded.clause.text else []
    if not paras and loaded.clause.part is not Part.annex:
        raise UserError(
            f"{loaded.where('text')}: Klausel '{loaded.clause.id}' ergibt mit diesen Antworten keinen Text; "
            "bitte die Bedingung (when) an den Text angleichen."
        )
    if lang == "en":
        for para in paras:
            para.text = formatting.english_citations(para.text)
            for item in para.items:
                item.text = formatting.english_citations(item.text)
    notes = loaded.clause.notes
    source = notes.get(lang) if notes else None
    note_paras = paragraphs(render(source, cctx, loaded.where("notes", lang)), False) if source else []
    return Section(loaded.clause.id, number, title, paras, note_paras, list(loaded.clause.legal_refs))
