"""Word templates: opened and checked once per process, filled in the sandbox, saved reproducibly; their lint."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from slp_agreements.errors import UserError
from slp_agreements.library.findings import Finding

if TYPE_CHECKING:
    from slp_agreements.files.docx_package import PackageInfo

REQUIRED_STYLES = ["Title", "Subtitle", "Heading 1", "Heading 2", "Body Text", "List Paragraph", "Table Grid",
                   "Quote", "Signature"]  # fmt: skip
OPTIONAL_PLACEHOLDERS = ["header_text", "draft_mark", "footer_text", "page_label", "of_label", "watermark"]


def open_template(path: Path) -> Any:
    """Open a Word template with a clear message when it is missing, corrupt or lacks styles.

    The file is read and checked once per process (keyed by path, size and modification time), so a batch of
    agreements reads its template once; each render gets a fresh copy, because rendering changes it.
    """
    from docxtpl import DocxTemplate

    data, missing = _checked_template(path)
    if missing:
        raise UserError("; ".join(missing), file=path)
    tpl = DocxTemplate(io.BytesIO(data))
    tpl.init_docx()
    _remember_style_ids(tpl)
    return tpl


_CHECKED: dict[tuple[str, int, int], tuple[bytes, list[str]]] = {}


def _checked_template(path: Path) -> tuple[bytes, list[str]]:
    """The bytes of a Word template and its errors, read once per process while the file is unchanged."""
    try:
        stat = path.stat()
    except OSError:
        stat = None
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size) if stat else None
    if key and key in _CHECKED:
        return _CHECKED[key]
    tpl = _load_template(path)
    found = (path.read_bytes(), _template_gaps(tpl)[0])
    if key:
        _CHECKED[key] = found
    return found


def _remember_style_ids(tpl: Any) -> None:
    """Look each style up once per document instead of once per paragraph.

    python-docx resolves a style name on every ``add_paragraph(style=…)`` and compares it with the default style
    found by scanning all styles (milliseconds per paragraph); the styles do not change while we render.
    """
    part = tpl.docx.part
    lookup = part.get_style_id
    known: dict[tuple[str, Any], Any] = {}

    def get_style_id(style_or_name: Any, style_type: Any) -> Any:
        if not isinstance(style_or_name, str):
            return lookup(style_or_name, style_type)
        key = (style_or_name, style_type)
        if key not in known:
            known[key] = lookup(style_or_name, style_type)
        return known[key]

    part.get_style_id = get_style_id


def _load_template(path: Path) -> Any:
    """Open a Word file as a template; missing, not a .docx or corrupt is a UserError."""
    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate

    if not path.is_file():
        raise UserError("Word-Vorlage nicht gefunden. Bitte den Pfad prüfen.", file=path)
    if not zipfile.is_zipfile(path):
        raise UserError(
            "ist keine Word-Datei (.docx); bitte eine mit Word gespeicherte .docx-Vorlage angeben.", file=path
        )
    try:
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
        list(tpl.docx.styles)  # reads the styles part now, so a corrupt one is reported here
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise UserError(f"Word-Vorlage ist beschädigt oder keine .docx-Datei ({exc}).", file=path) from None
    except Exception as exc:  # lxml and zip errors of a corrupt package have many types
        raise UserError(f"Word-Vorlage kann nicht gelesen werden ({type(exc).__name__}).", file=path) from None
    return tpl


def _template_xml(tpl: Any) -> str:
    """Body, headers and footers of a Word template, with placeholders split across runs joined again."""
    parts = [tpl.get_xml()]
    for rel in tpl.docx.part.rels.values():
        if rel.reltype.endswith(("/header", "/footer")):
            parts.append(tpl.patch_xml(rel.target_part.blob.decode("utf-8")))
    return "\n".join(parts)


_PLACEHOLDER = re.compile(r"\{\{-?\s*(?:[pr]\s+)?([A-Za-z_][A-Za-z0-9_]*)")


def _template_gaps(tpl: Any) -> tuple[list[str], list[str]]:
    """Errors (missing styles, missing or unknown placeholders) and warnings (optional placeholders missing)."""
    styles = {s.name for s in tpl.docx.styles}
    errors, warnings = [], []
    missing = [s for s in REQUIRED_STYLES if s not in styles]
    if missing:
        errors.append(
            f"der Word-Vorlage fehlen die Formatvorlagen {', '.join(missing)}; "
            "'slp-agreements template export' liefert eine Vorlage mit allen nötigen Formatvorlagen"
        )
    names = set(_PLACEHOLDER.findall(_template_xml(tpl)))
    if "body" not in names:
        errors.append("der Word-Vorlage fehlt der Platzhalter {{p body }} für den Vertragstext (eigener Absatz)")
    known = {"body", *OPTIONAL_PLACEHOLDERS}
    for name in sorted(names - known):
        errors.append(
            f"die Word-Vorlage enthält den unbekannten Platzhalter {{{{ {name} }}}}; "
            f"erlaubt sind body, {', '.join(OPTIONAL_PLACEHOLDERS)}"
        )
    for name in OPTIONAL_PLACEHOLDERS:
        if name not in names:
            warnings.append(f"Platzhalter {{{{ {name} }}}} fehlt ({_OPTIONAL_MEANING[name]})")
    return errors, warnings


_OPTIONAL_MEANING = {
    "header_text": "Kurztitel in der Kopfzeile",
    "draft_mark": "Entwurfsvermerk ENTWURF in der Kopfzeile",
    "footer_text": "Stand des Entwurfs in der Fußzeile",
    "page_label": "'Seite' vor der Seitenzahl",
    "of_label": "'von' in 'Seite x von y'",
    "watermark": "Hinweis 'Entwurf zur Prüfung durch das Rechtsamt'",
}


def template_findings(path: Path) -> list[Finding]:
    """Lint of a user's Word template: missing styles, missing or unknown placeholders (``clauses lint --template``)."""
    try:
        errors, warnings = _template_gaps(_load_template(path))
    except UserError as exc:
        errors, warnings = [exc.message], []
    return [Finding("error", path, None, m, "template") for m in errors] + [
        Finding("warning", path, None, m, "template") for m in warnings
    ]


def fill(tpl: Any, context: dict[str, Any], template: Path) -> None:
    """Fill the template's placeholders in the sandbox; a bad placeholder is the user's template's fault."""
    from jinja2 import TemplateError

    from slp_agreements.library.templating import describe, docx_environment

    try:
        tpl.render(context, jinja_env=docx_environment(), autoescape=True)
    except TemplateError as exc:
        raise UserError(f"Platzhalter der Word-Vorlage: {describe(exc)}", file=template) from None


def usable_width(tpl: Any) -> int:
    sec = tpl.docx.sections[0]
    return int(sec.page_width - sec.left_margin - sec.right_margin)


def header_context(lab: dict[str, str], short: str) -> dict[str, Any]:
    return {
        "header_text": short,
        "draft_mark": lab["draft_mark"],
        "watermark": lab["watermark"],
        "footer_text": f"{lab['status']} {lab['date']}" if lab.get("date") else "",
        "page_label": lab["page"],
        "of_label": lab["of"],
    }


def save(tpl: Any, package: PackageInfo | None = None, language: str = "de-DE") -> bytes:
    """The filled template as DOCX bytes: with ``package`` reproducible, with manifest; else language and app.xml."""
    from slp_agreements.files.docx_package import finish, tidy

    buf = io.BytesIO()
    tpl.save(buf)
    if package is None:
        return tidy(buf.getvalue(), language)
    return finish(buf.getvalue(), package)
