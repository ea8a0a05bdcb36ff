"""The diff engine: two versions of an agreement compared § by §, changed paragraphs word by word.

Both sides are manifests (model/manifest.py): a DOCX made by the tool carries its rendered texts, an answers file is
assembled with the current library (pipeline/diff.py); render/report.py writes the report. Sections are matched by
clause id, never by number, so a removed § shows as one removed § and the following ones as renumbered, not as
changes of everything after it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from slp_agreements.model.document import Run
from slp_agreements.model.labels import LABELS, REPORT
from slp_agreements.model.manifest import ClauseUse, Manifest, SectionText

# Words that precede a § or annex number in a cross-reference, and which numbering they belong to.
_REF_WORDS = {"§": "body", "Section": "body", "Anlage": "annex", "Annex": "annex"}
_NUMBER = re.compile(r"^(\d+)(\W*)$")
STATUSES = ("added", "removed", "changed", "moved")


@dataclass
class Change:
    """What happened to one § (or the preamble, an annex, the title and parties)."""

    status: str  # added | removed | changed | moved
    clause_id: str
    part: str
    old_label: str
    new_label: str
    title: str
    old_version: int | None
    new_version: int | None
    paragraphs: list[list[Run]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """Plain data for ``--json``."""
        return {
            "status": self.status,
            "clause": self.clause_id,
            "part": self.part,
            "old": self.old_label or None,
            "new": self.new_label or None,
            "title": self.title,
            "old_version": self.old_version,
            "new_version": self.new_version,
            "paragraphs": [_plain_markup(p) for p in self.paragraphs],
        }


@dataclass
class VersionMove:
    """A clause whose version or content differs between the two sides (also clauses without text)."""

    clause_id: str
    old_version: int | None
    new_version: int | None
    content_changed: bool


@dataclass
class Report:
    """The complete comparison of two versions."""

    old_name: str
    new_name: str
    changes: list[Change]
    versions: list[VersionMove]
    answers: list[tuple[str, str, str]]
    notes: list[str]
    unchanged: int
    language: str = "de"  # of the contracts compared; the report is written in it
    old_answers: dict[str, Any] = field(default_factory=dict)  # both sides' answers, for labels and formats
    new_answers: dict[str, Any] = field(default_factory=dict)

    @property
    def differing(self) -> list[Change]:
        """Sections whose text differs (added, removed, changed), in document order."""
        return [c for c in self.changes if c.status != "moved"]

    def as_json(self) -> dict[str, Any]:
        """Plain data for ``--json``."""
        return {
            "old": self.old_name,
            "new": self.new_name,
            "sections": [c.as_json() for c in self.changes],
            "clause_versions": [
                {
                    "clause": v.clause_id,
                    "old": v.old_version,
                    "new": v.new_version,
                    "content_changed": v.content_changed,
                }
                for v in self.versions
            ],
            "answers": [{"field": f, "old": o, "new": n} for f, o, n in self.answers],
            "notes": self.notes,
            "unchanged": self.unchanged,
        }


def _plain_markup(runs: list[Run]) -> str:
    return " ".join(
        f"[-{r.text}-]" if r.mark == "del" else f"{{+{r.text}+}}" if r.mark == "ins" else r.text for r in runs
    )


def word_diff(old: str, new: str) -> list[Run]:
    """Word-level difference of two paragraphs as runs (unchanged, removed, added)."""
    a, b = old.split(), new.split()
    runs: list[Run] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(Run(" ".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(Run(" ".join(a[i1:i2]), "del"))
        if j2 > j1:
            runs.append(Run(" ".join(b[j1:j2]), "ins"))
    return runs


def _numbering(side: Manifest) -> dict[tuple[str, str], str]:
    return {(s.part, s.number): s.id for s in side.sections if s.number}


def _only_renumbered(
    old: str, new: str, old_nums: dict[tuple[str, str], str], new_nums: dict[tuple[str, str], str]
) -> bool:
    """Whether two paragraphs differ only in cross-reference numbers that point to the same clauses."""
    a, b = old.split(), new.split()
    if len(a) != len(b):
        return False
    for i, (x, y) in enumerate(zip(a, b, strict=True)):
        if x == y:
            continue
        mx, my = _NUMBER.match(x), _NUMBER.match(y)
        kind = _REF_WORDS.get(a[i - 1]) if i else None
        if not (mx and my and kind and a[i - 1] == b[i - 1] and mx.group(2) == my.group(2)):
            return False
        target = old_nums.get((kind, mx.group(1)))
        if target is None or target != new_nums.get((kind, my.group(1))):
            return False
    return True


_PARAGRAPH_LABEL = re.compile(r"^\s*(\(\d+\)|\d+\.|[a-z]\))\s+")


def _unlabelled(paragraph: str) -> str:
    """A paragraph without its '(1)', '1.' or 'a)': labels move whenever a neighbour is added or removed."""
    return _PARAGRAPH_LABEL.sub("", paragraph, count=1)


def _pairs(old: list[str], new: list[str]) -> list[tuple[str | None, str | None]]:
    """Pair paragraphs of a changed stretch by similarity, in order; unpaired ones were removed or added."""
    pairs: list[tuple[str | None, str | None]] = []
    j = 0
    for x in old:
        scores = [(difflib.SequenceMatcher(a=x.split(), b=y.split()).ratio(), k) for k, y in enumerate(new) if k >= j]
        best = max(scores, default=(0.0, -1))
        if best[0] < 0.4:
            pairs.append((x, None))
            continue
        pairs += [(None, y) for y in new[j : best[1]]]
        pairs.append((x, new[best[1]]))
        j = best[1] + 1
    return pairs + [(None, y) for y in new[j:]]


def _paragraph_diffs(
    old: list[str], new: list[str], old_nums: dict[tuple[str, str], str], new_nums: dict[tuple[str, str], str]
) -> tuple[list[list[Run]], bool]:
    """Word diffs of the paragraphs that really changed, and whether only cross-reference numbers moved."""
    diffs: list[list[Run]] = []
    renumbered = False
    a, b = [_unlabelled(p) for p in old], [_unlabelled(p) for p in new]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        for x, y in _pairs(old[i1:i2], new[j1:j2]):
            if x is None:
                diffs.append([Run(y or "", "ins")])
            elif y is None:
                diffs.append([Run(x, "del")])
            elif _unlabelled(x) == _unlabelled(y):
                continue
            elif _only_renumbered(_unlabelled(x), _unlabelled(y), old_nums, new_nums):
                renumbered = True
            else:
                diffs.append(word_diff(x, y))
    return diffs, renumbered


def _label(section: SectionText | None, lang: str) -> str:
    if section is None:
        return ""
    lab = LABELS[lang]
    if section.part == "body":
        return f"{lab['section']} {section.number}"
    if section.part == "annex":
        return f"{lab['annex']} {section.number}"
    if section.part == "preamble":
        return lab["preamble"]
    if section.part == "signatures":
        return lab["signatures"]
    return REPORT[lang]["front"]


def _flatten(value: Any, lang: str, prefix: str = "") -> dict[str, str]:
    if isinstance(value, dict):
        out: dict[str, str] = {}
        for k, v in value.items():
            out |= _flatten(v, lang, f"{prefix}.{k}" if prefix else str(k))
        return out
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        out = {}
        for i, v in enumerate(value):
            out |= _flatten(v, lang, f"{prefix}[{i}]")
        return out
    if isinstance(value, list):
        return {prefix: ", ".join(str(v) for v in value)}
    lab = LABELS[lang]
    return {prefix: lab["yes"] if value is True else lab["no"] if value is False else str(value)}


def _answer_changes(old: Manifest, new: Manifest, lang: str) -> list[tuple[str, str, str]]:
    a, b = _flatten(old.answers, lang), _flatten(new.answers, lang)
    keys = list(a) + [k for k in b if k not in a]
    return [(k, a.get(k, "–"), b.get(k, "–")) for k in keys if a.get(k) != b.get(k)]


def _notes(old: Manifest, new: Manifest, lang: str) -> list[str]:
    words = REPORT[lang]
    notes = []
    if old.language != new.language:
        notes.append(words["note_language"].format(old=old.language, new=new.language))
    ot, nt = old.template, new.template
    if ot and nt and ot.sha256 != nt.sha256:
        notes.append(words["note_template"].format(old=ot.file, new=nt.file))
    ov, nv = old.tool_version, new.tool_version
    if ov and nv and ov != nv:
        notes.append(words["note_version"].format(old=ov, new=nv))
    return notes


def _change(
    status: str,
    cid: str,
    old: SectionText | None,
    new: SectionText | None,
    versions: tuple[int | None, int | None],
    lang: str,
    paragraphs: list[list[Run]],
) -> Change:
    section = new or old
    part, title = (section.part, section.title) if section else ("", "")
    return Change(status, cid, part, _label(old, lang), _label(new, lang), title, versions[0], versions[1],
                  paragraphs)  # fmt: skip


def _order(old: Manifest, new: Manifest) -> list[str]:
    """Document order: the new side's order, with removed sections where they stood on the old side."""
    new_ids = {s.id for s in new.sections}
    order = [s.id for s in new.sections]
    for i, s in enumerate(old.sections):
        if s.id not in new_ids:
            before = [x.id for x in old.sections[:i] if x.id in order]
            order.insert(order.index(before[-1]) + 1 if before else 0, s.id)
    return order


def _version_moves(old: dict[str, ClauseUse], new: dict[str, ClauseUse]) -> list[VersionMove]:
    """Clauses whose version or content moved, then clauses only on one side."""
    moves = [
        VersionMove(cid, old[cid].version, c.version, old[cid].sha256 != c.sha256)
        for cid, c in new.items()
        if cid in old and (old[cid].version != c.version or old[cid].sha256 != c.sha256)
    ]
    moves += [VersionMove(cid, None, c.version, True) for cid, c in new.items() if cid not in old]
    moves += [VersionMove(cid, c.version, None, True) for cid, c in old.items() if cid not in new]
    return moves


def compare(old: Manifest, new: Manifest, old_name: str, new_name: str) -> Report:
    """Compare two manifests section by section (matched by clause id)."""
    lang = new.language or old.language or "de"
    old_secs, new_secs = {s.id: s for s in old.sections}, {s.id: s for s in new.sections}
    old_nums, new_nums = _numbering(old), _numbering(new)
    old_clauses, new_clauses = {c.id: c for c in old.clauses}, {c.id: c for c in new.clauses}
    changes: list[Change] = []
    unchanged = 0
    for cid in _order(old, new):
        o, n = old_secs.get(cid), new_secs.get(cid)
        was, now = old_clauses.get(cid), new_clauses.get(cid)
        pair = (was.version if was else None, now.version if now else None)
        if o is None or n is None:
            status, mark, text = ("added", "ins", n.text) if n else ("removed", "del", o.text if o else [])
            changes.append(_change(status, cid, o, n, pair, lang, [[Run(t, mark)] for t in text]))
            continue
        diffs, renumbered = _paragraph_diffs(o.text, n.text, old_nums, new_nums)
        if o.title != n.title:
            diffs.insert(0, [Run(REPORT[lang]["heading"]), *word_diff(o.title, n.title)])
        if diffs:
            changes.append(_change("changed", cid, o, n, pair, lang, diffs))
        elif renumbered or o.number != n.number:
            changes.append(_change("moved", cid, o, n, pair, lang, []))
        else:
            unchanged += 1
    versions = _version_moves(old_clauses, new_clauses)
    return Report(old_name, new_name, changes, versions, _answer_changes(old, new, lang), _notes(old, new, lang),
                  unchanged, lang, old.answers, new.answers)  # fmt: skip
