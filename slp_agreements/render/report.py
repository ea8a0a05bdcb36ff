"""The change report of `diff` and `rebuild` as lines (terminal), Markdown and Word, in the contracts' language."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from slp_agreements.build.compare import STATUSES, Change, Report, VersionMove
from slp_agreements.errors import UserError
from slp_agreements.files.atomic import write_atomic
from slp_agreements.model.document import Block, Run
from slp_agreements.model.labels import DOCUMENT_LANGUAGE, LABELS, REPORT
from slp_agreements.render.subdoc import new_subdoc
from slp_agreements.render.templates import fill, open_template, save
from slp_agreements.resources import templates_dir


def _version_text(v: VersionMove, words: dict[str, str]) -> str:
    if v.old_version is None:
        return words["version_new"].format(version=v.new_version)
    if v.new_version is None:
        return words["version_gone"].format(version=v.old_version)
    if v.old_version == v.new_version:
        return words["version_same"].format(version=v.new_version)
    return words["version_moved"].format(old=v.old_version, new=v.new_version)


def _heading(c: Change, words: dict[str, str]) -> str:
    if c.status == "added":
        where = c.new_label
    elif c.status == "removed":
        where = c.old_label
    else:
        where = c.new_label if c.old_label == c.new_label else f"{c.old_label} → {c.new_label}"
    version = ""
    if c.old_version != c.new_version and c.old_version and c.new_version:
        version = ", " + words["version_moved"].format(old=c.old_version, new=c.new_version)
    elif c.new_version or c.old_version:
        version = ", " + words["version"].format(version=c.new_version or c.old_version)
    return f"{words[c.status]}: {where} {c.title} ({c.clause_id}{version})"


Describe = Callable[[str, dict[str, Any], str], tuple[str, str]]
"""(field path, answers, language) → the field's name and its value as the questionnaire's review writes them."""


def blocks(report: Report, title: str | None = None, describe: Describe | None = None) -> list[Block]:
    """The report as lines for the terminal, Markdown and DOCX, in the language of the contracts.

    With ``describe`` the changed answers read as in the review ('Jährlicher Kostenrahmen: 30.000,00 €'),
    otherwise as field paths and stored values.
    """
    words = REPORT[report.language]
    out = [
        Block("title", [Run(title or words["title"])]),
        Block("text", [Run(words["before"].format(name=report.old_name))]),
        Block("text", [Run(words["after"].format(name=report.new_name))]),
    ]
    counts = {s: sum(1 for c in report.changes if c.status == s) for s in STATUSES}
    summary = ", ".join(f"{n} {words[s].lower()}" for s, n in counts.items() if n)
    out.append(Block("text", [Run(words["summary"].format(counts=summary or words["no_changes"],
                                                          unchanged=report.unchanged))]))  # fmt: skip
    out.append(
        Block("text", [Run(words["legend"]), Run(words["removed_text"], "del"), Run(words["added_text"], "ins")])
    )
    out += [Block("text", [Run(n)]) for n in report.notes]
    if report.answers:
        out.append(Block("heading", [Run(words["answers"])]))
        out += [Block("item", [Run(f"{f}:"), Run(o, "del"), Run(n, "ins")]) for f, o, n in _answers(report, describe)]
    for c in report.differing:
        out.append(Block("heading", [Run(_heading(c, words))]))
        out += [Block("diff", p) for p in c.paragraphs]
    moved = [c for c in report.changes if c.status == "moved"]
    if moved:
        out.append(Block("heading", [Run(words["renumbered"])]))
        out += [Block("item", [Run(_moved(c, words))]) for c in moved]
    if report.versions:
        out.append(Block("heading", [Run(words["versions"])]))
        out += [Block("item", [Run(f"{v.clause_id}: {_version_text(v, words)}")]) for v in report.versions]
    return out


def _answers(report: Report, describe: Describe | None) -> list[tuple[str, str, str]]:
    if describe is None:
        return report.answers
    rows = []
    for field, _, _ in report.answers:
        label, old = describe(field, report.old_answers, report.language)
        new_label, new = describe(field, report.new_answers, report.language)
        rows.append((new_label if new != "–" else label, old, new))
    return rows


def _moved(change: Change, words: dict[str, str]) -> str:
    """'§ 12 → § 11 Titel (id)'; a § that kept its number and only follows in its references says so."""
    if change.old_label == change.new_label:
        return f"{change.new_label} {change.title} ({change.clause_id}): {words['references_only']}"
    return f"{change.old_label} → {change.new_label} {change.title} ({change.clause_id})"


_MD_SPECIAL = re.compile(r"([\\`*_~\[\]<>|#])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def markdown(items: list[Block], lang: str = "de") -> str:
    """The report as Markdown: removed words ~~struck through~~, added words **bold**."""
    lines: list[str] = []
    for b in items:
        text = " ".join(
            f"~~{_md(r.text)}~~" if r.mark == "del" else f"**{_md(r.text)}**" if r.mark == "ins" else _md(r.text)
            for r in b.runs
            if r.text
        )
        if b.style == "title":
            lines += [f"# {text}", ""]
        elif b.style == "heading":
            lines += ["", f"## {text}", ""]
        elif b.style == "item":
            lines.append(f"- {text}")
        elif b.style == "diff":
            lines += [f"> {text}", ""]
        else:
            lines += [text, ""]
    md = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return md + f"\n\n*{REPORT[lang]['footer']}*\n"


def check_report_target(path: Path, force: bool) -> None:
    """Refuse a report path before any work: unknown format, missing folder, existing file without ``force``."""
    if path.suffix.lower() not in (".md", ".docx"):
        raise UserError("Bericht bitte als .md (Markdown) oder .docx (Word) angeben.", file=path)
    if path.exists() and not force:
        raise UserError("Datei gibt es schon; mit --force überschreiben oder einen anderen Namen wählen.", file=path)
    if not path.parent.is_dir():
        raise UserError("Der Ordner für den Bericht existiert nicht.", file=path)


def check_redline_target(path: Path, force: bool) -> None:
    """Refuse a redline path before any work: not .docx, missing folder, existing file without ``force``."""
    if path.suffix.lower() != ".docx":
        raise UserError("Die Datei mit Änderungsverfolgung bitte als .docx angeben.", file=path)
    if path.exists() and not force:
        raise UserError("Datei gibt es schon; mit --force überschreiben oder einen anderen Namen wählen.", file=path)
    if not path.parent.is_dir():
        raise UserError("Der Ordner für die Datei existiert nicht.", file=path)


def write_report(path: Path, items: list[Block], lang: str = "de") -> None:
    """Write the report as Markdown (.md) or Word (.docx), atomically (check the target first)."""
    data = markdown(items, lang).encode() if path.suffix.lower() == ".md" else render_report(items, lang)
    write_atomic(path, data)


_REPORT_STYLES = {"title": "Title", "heading": "Heading 1", "text": "Body Text", "item": "List Paragraph",
                  "diff": "Body Text"}  # fmt: skip


def render_report(blocks: list[Block], lang: str = "de", template: Path | None = None) -> bytes:
    """A change report as DOCX: removed words struck through in red, added words underlined in blue."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
    from docx.shared import Cm, RGBColor

    tpl = open_template(template or templates_dir() / "agreement.docx")
    sd = new_subdoc(tpl)
    for block in blocks:
        para = sd.add_paragraph(style=_REPORT_STYLES.get(block.style, "Body Text"))
        if block.style == "heading":  # level 1 below the title (no level skipped), left-aligned like the text
            para.alignment = WD_ALIGN_PARAGRAPH.LEFT
        if block.style == "diff":
            para.paragraph_format.left_indent = Cm(0.75)
        for i, r in enumerate(block.runs):
            if not r.text:
                continue
            if i and para.runs:
                para.add_run(" ")
            run = para.add_run(r.text)
            if r.mark == "del":
                run.font.strike = True
                run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
            elif r.mark == "ins":
                run.font.underline = True
                run.font.color.rgb = RGBColor(0x1F, 0x4E, 0x9A)
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    title = blocks[0].runs[0].text if blocks and blocks[0].runs else ""
    context = {"header_text": title, "draft_mark": "", "watermark": "", "footer_text": "",
               "page_label": LABELS[lang]["page"], "of_label": LABELS[lang]["of"]}  # fmt: skip
    fill(tpl, {"body": sd, **context}, template or templates_dir() / "agreement.docx")
    return save(tpl, language=DOCUMENT_LANGUAGE.get(lang, "de-DE"))
