"""A redline: NEW as a Word file whose differences from OLD are real tracked changes (w:ins, w:del).

- Parts are aligned by the headings' bookmarks (``slp_<clause id>``, model/document.anchor), never by number: a §
  only in OLD comes back as deleted paragraphs, a § only in NEW is inserted, whole.
- Inside a part, paragraphs and table rows are aligned on their text; paired paragraphs get a word-level diff
  (equal words keep NEW's runs, removed words become ``w:del``, added words ``w:ins``); whole paragraphs and rows
  have their paragraph mark or row tracked too.
- Renumbering (§ and annex numbers in headings, in the contents and annex list and in the references, which are
  internal links to the same clause; paragraph labels '(n)') never disturbs the alignment, and each changed number
  is a revision of its own by a second author, "<author> (Nummerierung)". Word can hide that author (Markup
  anzeigen › Bestimmte Personen), so renumbering is not shown among the content changes, and yet accepting all
  changes gives exactly NEW's text and rejecting all exactly OLD's. A statute's § ('§ 5 NKomZG') is no link and
  keeps its number. (List items are numbered by Word itself, so their numbers follow without any revision.)
- A field (the page number of a contents line) is one token keyed by its instruction: the word processor computes
  its result, so a page number that moved is no revision; a field whose instruction changed is deleted and inserted.
Every revision carries a unique ``w:id``, ``w:author`` and ``w:date`` (NEW's document date: reproducible).
"""

from __future__ import annotations

import copy
import difflib
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from slp_agreements.model.document import FRONT_ANCHOR

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
FIRST_ID = 100000  # clear of the bookmark ids
_REF_WORDS = {"§": "body", "Section": "body", "Anlage": "annex", "Annex": "annex"}
_NUMBER = re.compile(r"^(\d+)(\W*)$")
_LABEL = re.compile(r"^(\(\d+\)|\d+\.|[a-z]\))(\s+)$")


def w(tag: str) -> str:
    """The qualified name of a WordprocessingML element."""
    return f"{{{W}}}{tag}"


Numbers = dict[tuple[str, str], str]  # (part, number) -> clause id


@dataclass
class Token:
    """A word of a paragraph with its trailing space, its run properties and the link it sits in; or a field."""

    text: str
    rpr: Any
    link: Any = None
    key: str = ""
    field_runs: list[Any] = field(default_factory=list)  # a complex field's runs, begin to end


@dataclass
class Revisions:
    """Makes the ``w:ins``/``w:del`` elements: unique ids, author, date."""

    author: str
    date: str
    next_id: int = FIRST_ID
    count: dict[str, int] = field(default_factory=lambda: {"content": 0, "numbering": 0})

    @property
    def numbering_author(self) -> str:
        """The author of renumbering revisions, which Word can hide."""
        return f"{self.author} (Nummerierung)"

    def mark(self, tag: str, numbering: bool = False) -> Any:
        el = etree.Element(w(tag))
        el.set(w("id"), str(self.next_id))
        el.set(w("author"), self.numbering_author if numbering else self.author)
        el.set(w("date"), self.date)
        self.next_id += 1
        self.count["numbering" if numbering else "content"] += 1
        return el


@dataclass
class Context:
    """What one redline needs: both sides' number maps and the revision maker."""

    old_nums: Numbers
    new_nums: Numbers
    rev: Revisions


def _has_fields(p: Any) -> bool:
    """Whether a paragraph holds what is not diffed word by word: a simple field, a drawing, an unclosed field."""
    if any(True for _ in p.iter(w("fldSimple"), w("drawing"), w("pict"))):
        return True
    kinds = [str(c.get(w("fldCharType"))) for c in p.iter(w("fldChar"))]
    return kinds.count("begin") != kinds.count("end")


def _run_text(r: Any) -> str:
    return "".join(
        (el.text or "") if el.tag in (w("t"), w("instrText")) else "\t" if el.tag == w("tab") else "\n"
        for el in r
        if el.tag in (w("t"), w("instrText"), w("tab"), w("br"))
    )


def tokens(p: Any) -> list[Token]:
    """The words of a paragraph's text runs (in links too), each with its run's properties and link.

    A complex field (fldChar begin … end) is one token: its text is instruction and result, its key the instruction
    alone (the result, e.g. a page number, is the word processor's to compute).
    """
    out: list[Token] = []
    depth = 0
    for r in p.iter(w("r")):
        parent = r.getparent()
        link = parent if parent.tag == w("hyperlink") else None
        char = r.find(w("fldChar"))
        if char is not None or depth:
            if not depth:
                out.append(Token("", r.find(w("rPr")), link))
            kind = char.get(w("fldCharType")) if char is not None else ""
            depth += {"begin": 1, "end": -1}.get(str(kind), 0)
            out[-1].field_runs.append(r)
            out[-1].text += _run_text(r)
            if r.find(w("instrText")) is not None:
                out[-1].key += _run_text(r)
            if not depth:
                out[-1].key = "\x00field " + " ".join(out[-1].key.split())
            continue
        text = _run_text(r)
        out += [Token(m.group(0), r.find(w("rPr")), link) for m in re.finditer(r"\S+\s*|\s+", text)]
    return out


def keyed(p: Any, nums: Numbers) -> list[Token]:
    """A paragraph's tokens with diff keys: numbers that name a part replaced by it, the '(n)' label by '(#)'.

    A number names a part where it is the text of an internal link (``slp_…``: references such as '§ 5',
    '§§ 6 ff.', 'Anlage 2', the lines of the contents and of the annex list) or where it follows '§'/'Anlage' at
    the start of a bookmarked heading. A citation of a statute ('§ 5 NKomZG') is no link and keeps its number.
    """
    toks = tokens(p)
    heading = any(str(b.get(w("name"))).startswith("slp_") for b in p.iter(w("bookmarkStart")))
    for i, t in enumerate(toks):
        if t.field_runs:
            continue
        t.key = t.text
        if i == 0 and _LABEL.match(t.text):
            t.key = "(#)" + t.text[-1]
            continue
        m = _NUMBER.match(t.text.rstrip())
        if not m:
            continue
        anchor = str(t.link.get(w("anchor"), "")) if t.link is not None else ""
        if anchor.startswith("slp_"):
            target: str | None = anchor
        elif heading and i == 1 and toks[0].text.strip() in _REF_WORDS:
            target = nums.get((_REF_WORDS[toks[0].text.strip()], m.group(1)))
        else:
            continue
        if target:
            t.key = f"<{target}>{m.group(2)}{t.text[len(t.text.rstrip()) :]}"
    return toks


def _run(text: str, rpr: Any, deleted: bool) -> Any:
    r = etree.Element(w("r"))
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    for piece in re.split(r"(\t|\n)", text):
        if piece == "\t":
            etree.SubElement(r, w("tab"))
        elif piece == "\n":
            etree.SubElement(r, w("br"))
        elif piece:
            t = etree.SubElement(r, w("delText" if deleted else "t"))
            t.text = piece
            t.set(XML_SPACE, "preserve")
    return r


def _field_runs(t: Token, deleted: bool) -> list[Any]:
    runs = [copy.deepcopy(r) for r in t.field_runs]
    for r in runs if deleted else []:
        for el in r.iter(w("t"), w("instrText")):
            el.tag = w("delText") if el.tag == w("t") else w("delInstrText")
    return runs


def emit(out: list[Any], toks: list[Token], mark: str | None, rev: Revisions, numbering: bool = False) -> None:
    """Append runs for ``toks`` (merged while properties and link stay the same), in w:ins/w:del and links."""
    groups: list[tuple[Any, Any, str, Token | None]] = []
    for t in toks:
        if t.field_runs:
            groups.append((t.rpr, t.link, "", t))
        elif groups and groups[-1][0] is t.rpr and groups[-1][1] is t.link and groups[-1][3] is None:
            groups[-1] = (t.rpr, t.link, groups[-1][2] + t.text, None)
        else:
            groups.append((t.rpr, t.link, t.text, None))
    for rpr, link, text, fld in groups:
        nodes = _field_runs(fld, mark == "del") if fld else [_run(text, rpr, mark == "del")]
        if mark is not None:
            wrapper = rev.mark(mark, numbering)
            wrapper.extend(nodes)
            nodes = [wrapper]
        for node in nodes:
            _append(out, node, link)


def _append(out: list[Any], node: Any, link: Any) -> None:
    if link is not None:
        holder = etree.Element(w("hyperlink"), attrib=dict(link.attrib))
        holder.append(node)
        node = holder
    out.append(node)


def _mark_paragraph(p: Any, kind: str, rev: Revisions, numbering: bool = False) -> None:
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    rpr = ppr.find(w("rPr"))
    if rpr is None:
        rpr = etree.Element(w("rPr"))
        anchor = ppr.find(w("sectPr"))
        if anchor is None:
            anchor = ppr.find(w("pPrChange"))
        if anchor is not None:
            anchor.addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, rev.mark(kind, numbering))


def whole(el: Any, kind: str, rev: Revisions, numbering: bool = False) -> Any:
    """A copy of a paragraph or table with all its content and marks tracked as inserted or deleted."""
    el = copy.deepcopy(el)
    for p in [el] if el.tag == w("p") else list(el.iter(w("p"))):
        for r in list(p.iter(w("r"))):
            if r.getparent().tag in (w("ins"), w("del")):
                continue
            if kind == "del":
                for t in r.iter(w("t")):
                    t.tag = w("delText")
                for t in r.iter(w("instrText")):
                    t.tag = w("delInstrText")
            wrapper = rev.mark(kind, numbering)
            r.addprevious(wrapper)
            wrapper.append(r)
        _mark_paragraph(p, kind, rev, numbering)
    if kind == "del":  # a deleted heading keeps its bookmark (the old contents link to it), under an id of its own
        ids: dict[str, str] = {}
        for mark in [*el.iter(w("bookmarkStart")), *el.iter(w("bookmarkEnd"))]:
            old_id = str(mark.get(w("id")))
            if old_id not in ids:
                ids[old_id] = str(rev.next_id)
                rev.next_id += 1
            mark.set(w("id"), ids[old_id])
    for tr in el.iter(w("tr")):
        trpr = tr.find(w("trPr"))
        if trpr is None:
            trpr = etree.Element(w("trPr"))
            prex = tr.find(w("tblPrEx"))
            if prex is not None:
                prex.addnext(trpr)
            else:
                tr.insert(0, trpr)
        trpr.append(rev.mark(kind, numbering))
    return el


def _replace_runs(new: Any, runs: list[Any]) -> Any:
    out = copy.deepcopy(new)
    kids = [k for k in out if k.tag != w("pPr")]
    text_kinds = (w("r"), w("hyperlink"))
    first = next((i for i, k in enumerate(kids) if k.tag in text_kinds), len(kids))
    last = max((i for i, k in enumerate(kids) if k.tag in text_kinds), default=-1)
    for k in kids:
        out.remove(k)
    for k in [*kids[:first], *runs, *kids[last + 1 :]]:
        out.append(k)
    return out


def diff_paragraph(old: Any, new: Any, ctx: Context) -> list[Any]:
    """NEW's paragraph with word-level tracked changes against OLD's (one paragraph; two when fields changed)."""
    a, b = keyed(old, ctx.old_nums), keyed(new, ctx.new_nums)
    if [t.text for t in a] == [t.text for t in b]:
        return [new]
    if _has_fields(old) or _has_fields(new):  # drawings and simple fields: the paragraph is replaced whole
        return [whole(old, "del", ctx.rev), whole(new, "ins", ctx.rev)]
    runs: list[Any] = []
    matcher = difflib.SequenceMatcher(a=[t.key for t in a], b=[t.key for t in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for x, y in zip(a[i1:i2], b[j1:j2], strict=True):
                if x.text == y.text or y.field_runs:  # a field's result is computed, not tracked
                    emit(runs, [y], None, ctx.rev)
                else:  # a renumbered § or annex reference, or paragraph label: the numbering author's
                    emit(runs, [x], "del", ctx.rev, numbering=True)
                    emit(runs, [y], "ins", ctx.rev, numbering=True)
            continue
        if i2 > i1:
            emit(runs, a[i1:i2], "del", ctx.rev)
        if j2 > j1:
            emit(runs, b[j1:j2], "ins", ctx.rev)
    return [_replace_runs(new, runs)]


def _key(el: Any, nums: Numbers) -> str:
    if el.tag == w("p"):
        return "p" + "".join(t.key for t in keyed(el, nums))
    return str(el.tag) + "|".join(_key(p, nums) for p in el.iter(w("p")))


def _similarity(x: str, y: str) -> float:
    return difflib.SequenceMatcher(a=x.split(), b=y.split(), autojunk=False).ratio()


def align(old: list[Any], new: list[Any], ctx: Context) -> list[Any]:
    """NEW's elements (paragraphs, tables, rows) with the differences from OLD's tracked."""
    ka, kb = [_key(e, ctx.old_nums) for e in old], [_key(e, ctx.new_nums) for e in new]
    out: list[Any] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=ka, b=kb, autojunk=False).get_opcodes():
        if op == "equal":
            for o, n in zip(old[i1:i2], new[j1:j2], strict=True):
                out += pair(o, n, ctx)
            continue
        j = j1
        for i in range(i1, i2):  # each OLD element with the most similar NEW one of the same kind, in order
            scores = [(_similarity(ka[i], kb[k]), k) for k in range(j, j2) if new[k].tag == old[i].tag]
            best = max(scores, default=(0.0, -1))
            if best[0] < 0.4:
                out.append(whole(old[i], "del", ctx.rev))
                continue
            out += [whole(new[k], "ins", ctx.rev) for k in range(j, best[1])]
            out += pair(old[i], new[best[1]], ctx)
            j = best[1] + 1
        out += [whole(new[k], "ins", ctx.rev) for k in range(j, j2)]
    return out


def pair(old: Any, new: Any, ctx: Context) -> list[Any]:
    """A paired element of OLD and NEW, with their differences tracked."""
    if new.tag == w("p"):
        return diff_paragraph(old, new, ctx)
    if new.tag == w("tbl"):
        out = copy.deepcopy(new)
        for tr in out.findall(w("tr")):
            out.remove(tr)
        out.extend(align(old.findall(w("tr")), new.findall(w("tr")), ctx))
        return [out]
    if new.tag == w("tr"):
        return [_pair_row(old, new, ctx)]
    return [new]


def _pair_row(old: Any, new: Any, ctx: Context) -> Any:
    old_cells, out = old.findall(w("tc")), copy.deepcopy(new)
    new_cells = out.findall(w("tc"))
    if len(old_cells) != len(new_cells):  # a row of another shape: the old one deleted, the new one inserted
        return whole(new, "ins", ctx.rev)
    for oc, nc in zip(old_cells, new_cells, strict=True):
        content = [e for e in nc if e.tag in (w("p"), w("tbl"))]
        merged = align([e for e in oc if e.tag in (w("p"), w("tbl"))], content, ctx)
        for e in content:
            nc.remove(e)
        nc.extend(merged)
    return out


@dataclass
class Block:
    """A part of the body: from one bookmarked heading to the next (the front matter has key '')."""

    key: str
    elements: list[Any] = field(default_factory=list)


def blocks(body: Any) -> list[Block]:
    """The body split at the bookmarked headings (``slp_…``), in order."""
    out = [Block("")]
    for el in body:
        if el.tag == w("sectPr"):
            continue
        if el.tag == w("p"):
            names = [str(b.get(w("name"))) for b in el.iter(w("bookmarkStart"))]
            name = next((n for n in names if n.startswith("slp_")), None)
            if name and name != FRONT_ANCHOR:  # the title stays in the front matter, as in older contracts
                out.append(Block(name))
        out[-1].elements.append(el)
    return out


def redline(
    old: bytes, new: bytes, old_nums: Numbers, new_nums: Numbers, author: str, date: str
) -> tuple[bytes, dict[str, int]]:
    """NEW's DOCX with the differences from OLD as tracked changes; and how many revisions of each author."""
    with zipfile.ZipFile(io.BytesIO(old)) as z:
        old_body = etree.fromstring(z.read("word/document.xml")).find(w("body"))
    with zipfile.ZipFile(io.BytesIO(new)) as z:
        infos = z.infolist()
        parts = {i.filename: z.read(i.filename) for i in infos}
    root = etree.fromstring(parts["word/document.xml"])
    new_body = root.find(w("body"))
    ctx = Context(old_nums, new_nums, Revisions(author, date))
    ob, nb = blocks(old_body), blocks(new_body)
    result: list[Any] = []
    matcher = difflib.SequenceMatcher(a=[b.key for b in ob], b=[b.key for b in nb], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for o, n in zip(ob[i1:i2], nb[j1:j2], strict=True):
                result += align(o.elements, n.elements, ctx)
            continue
        for o in ob[i1:i2]:  # a whole § removed
            result += [whole(e, "del", ctx.rev) for e in o.elements]
        for n in nb[j1:j2]:  # a whole § added
            result += [whole(e, "ins", ctx.rev) for e in n.elements]
    section = new_body.find(w("sectPr"))
    for child in list(new_body):
        new_body.remove(child)
    new_body.extend(result)
    if section is not None:
        new_body.append(section)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in infos:
            dst.writestr(info, parts[info.filename], compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue(), ctx.rev.count
