"""Word templates: opened and checked once per process, filled in the sandbox, saved reproducibly; their lint."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from slp_agreements.errors import UserError
from slp_agreements.library.findings import Finding
from slp_agreements.render.template_package import (
    body_placement,
    package_problems,
    strip_external,
    structure_problems,
    too_large,
)
from slp_agreements.render.template_package import parts as template_parts

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

    data = check_template(path)
    tpl = DocxTemplate(io.BytesIO(data))
    tpl.init_docx()
    strip_external(tpl.docx)
    tpl.resolve_listing = _only_where_needed(tpl.resolve_listing)
    if data not in _STYLE_IDS:
        _STYLE_IDS[data] = _known_style_ids(data)
    _remember_style_ids(tpl, _STYLE_IDS[data], data)
    return tpl


def check_template(path: Path) -> bytes:
    """The bytes of a Word template that passes every check; else a UserError with the first problem."""
    from slp_agreements.model.formatting import count

    data, missing, _ = _checked_template(path)
    if missing:
        more = (
            f" (und {count(len(missing) - 1, 'weiterer Befund', 'weitere Befunde')}; alle zeigt "
            f"'slp-agreements clauses lint --template {path.name}')"
            if len(missing) > 1
            else ""
        )
        raise UserError(missing[0] + more, file=path)
    return data


_CHECKED: dict[tuple[str, int, int], tuple[bytes, list[str], list[str]]] = {}


def _checked_template(path: Path) -> tuple[bytes, list[str], list[str]]:
    """The bytes of a Word template, its errors and warnings, read once per process while the file is unchanged."""
    try:
        stat = path.stat()
    except OSError:
        stat = None
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size) if stat else None
    if key and key in _CHECKED:
        return _CHECKED[key]
    found = _known_verdict(path) or _judge(path)
    if key:
        _CHECKED[key] = found
    return found


def _judge(path: Path) -> tuple[bytes, list[str], list[str]]:
    """Open and check a template; the verdict on a template that opens is kept in the cache by its bytes."""
    from slp_agreements.files import cache

    tpl = _load_template(path)
    data = path.read_bytes()
    errors, warnings = _template_gaps(path, tpl)
    cache.put(cache.key("template", path.name, data), [errors, warnings])
    return data, errors, warnings


def _known_verdict(path: Path) -> tuple[bytes, list[str], list[str]] | None:
    """The verdict of an earlier run on a template with these bytes (and this name), or None.

    The checks read nothing but the file, so the same bytes get the same verdict; a file that is not a
    regular, readable, unpacked-small-enough zip is judged (and refused) afresh.
    """
    from slp_agreements.files import cache

    if not cache.enabled() or not path.is_file() or not zipfile.is_zipfile(path) or too_large(path):
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    found = cache.get(cache.key("template", path.name, data))
    if not (isinstance(found, list) and len(found) == 2 and all(isinstance(x, list) for x in found)):
        return None
    errors, warnings = found
    if not all(isinstance(m, str) for m in [*errors, *warnings]):
        return None
    return data, errors, warnings


# A text of a run holding a tab, a line or page break or a bell: what docxtpl's resolve_listing rewrites.
_LISTING = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\n\a\f]")


def _only_where_needed(resolve_listing: Any) -> Any:
    """docxtpl's ``resolve_listing``, run only on a part whose run texts hold one of the characters it rewrites.

    It matches every paragraph, run and text of a rendered part with regular expressions and changes only text
    with a tab, line break, bell or form feed; the contract never holds one there (python-docx writes them as
    elements), so a part without one is returned as it is, the same string it would return.
    """

    def resolve(xml: str) -> str:
        return str(resolve_listing(xml)) if _LISTING.search(xml) else xml

    return resolve


# Per template (its bytes): the style id of each style name and type, for every file made from it.
_STYLE_IDS: dict[bytes, dict[tuple[str, Any], Any]] = {}


def _remember_style_ids(tpl: Any, known: dict[tuple[str, Any], Any], data: bytes) -> None:
    """Look each style up once per template instead of once per paragraph.

    python-docx resolves a style name on every ``add_paragraph(style=…)`` and compares it with the default style
    found by scanning all styles (milliseconds per paragraph); the styles of a template do not change while we
    render, and files made from the same template bytes have the same styles, so the answers are kept in the
    cache by the template's bytes.
    """
    from slp_agreements.files import cache

    part = tpl.docx.part
    lookup = part.get_style_id

    def get_style_id(style_or_name: Any, style_type: Any) -> Any:
        if not isinstance(style_or_name, str):
            return lookup(style_or_name, style_type)
        key = (style_or_name, style_type)
        if key not in known:
            known[key] = lookup(style_or_name, style_type)
            cache.put(_style_entry(data), [[name, int(kind), found] for (name, kind), found in known.items()])
        return known[key]

    part.get_style_id = get_style_id


def _style_entry(data: bytes) -> bytes:
    from slp_agreements.files import cache

    return cache.key("style-ids", data)


def _known_style_ids(data: bytes) -> dict[tuple[str, Any], Any]:
    """The style ids python-docx gave for this template in an earlier run (name and type → id or None)."""
    from docx.enum.style import WD_STYLE_TYPE

    from slp_agreements.files import cache

    found = cache.get(_style_entry(data))
    known: dict[tuple[str, Any], Any] = {}
    try:
        for name, kind, style_id in found if isinstance(found, list) else []:
            if isinstance(name, str) and (style_id is None or isinstance(style_id, str)):
                known[(name, WD_STYLE_TYPE(kind))] = style_id  # type: ignore[call-arg]  # by value
    except (TypeError, ValueError):  # not what this program wrote
        return {}
    return known


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
    large = too_large(path)
    if large:
        raise UserError(large, file=path)
    try:
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
        list(tpl.docx.styles)  # reads the styles part now, so a corrupt one is reported here
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise UserError(f"Word-Vorlage ist beschädigt oder keine .docx-Datei ({exc}).", file=path) from None
    except Exception as exc:  # lxml and zip errors of a corrupt package have many types
        raise UserError(f"Word-Vorlage kann nicht gelesen werden ({type(exc).__name__}).", file=path) from None
    return tpl


def _template_gaps(path: Path, tpl: Any) -> tuple[list[str], list[str]]:
    """Errors (what it may not contain, missing styles, bad or missing placeholders) and warnings."""
    styles = {s.name for s in tpl.docx.styles}
    errors = [*package_problems(path), *structure_problems(tpl.docx)]
    missing = [s for s in REQUIRED_STYLES if s not in styles]
    if missing:
        errors.append(
            f"der Word-Vorlage fehlen die Formatvorlagen {', '.join(missing)}; "
            "'slp-agreements template export' liefert eine Vorlage mit allen nötigen Formatvorlagen"
        )
    placeholders, names = _placeholder_gaps(tpl)
    errors += placeholders
    warnings = [f"Platzhalter {{{{ {name} }}}} fehlt ({_OPTIONAL_MEANING[name]})"
                for name in OPTIONAL_PLACEHOLDERS if name not in names]  # fmt: skip
    return errors, warnings


_ALLOWED = ", ".join(["{{p body }} (nur im Haupttext)", *(f"{{{{ {n} }}}}" for n in OPTIONAL_PLACEHOLDERS)])


def _placeholder_gaps(tpl: Any) -> tuple[list[str], set[str]]:
    """What the placeholders of every rendered part do beyond naming an allowed value, and the names used."""
    from slp_agreements.library.placeholders import placeholder_names, placeholder_problems

    errors: list[str] = []
    names: set[str] = set()
    bodies = 0
    optional = frozenset(OPTIONAL_PLACEHOLDERS)
    for part in template_parts(tpl):
        names |= placeholder_names(part.source)
        allowed, elsewhere = (optional | {"body"}, frozenset()) if part.is_body else (optional, frozenset({"body"}))
        problems = placeholder_problems(part.source, allowed, elsewhere)
        hint = f"; erlaubt sind nur {_ALLOWED}"
        if part.is_body and not problems:
            problems = body_placement(part.source)
            bodies = len(re.findall(r"\{\{-?\s*body\s*-?\}\}", part.source))
            hint = "; der Vertrag braucht {{p body }} allein in einem eigenen Absatz, sonst zeigt Word ihn nicht"
        for line, what in problems:
            tags = part.tags_on(line)
            shown = f"„{tags}“ " if tags else ""
            errors.append(f"{part.where(line)}: {shown}{what}{hint}")
    if "body" not in names:
        errors.append("der Word-Vorlage fehlt der Platzhalter {{p body }} für den Vertragstext (eigener Absatz)")
    elif bodies > 1:
        errors.append(
            "der Platzhalter {{p body }} steht mehrmals in der Word-Vorlage; der Vertragstext gehört an eine Stelle"
        )
    return errors, names


_OPTIONAL_MEANING = {
    "header_text": "Kurztitel in der Kopfzeile",
    "draft_mark": "Entwurfsvermerk ENTWURF in der Kopfzeile",
    "footer_text": "Stand des Entwurfs in der Fußzeile",
    "page_label": "'Seite' vor der Seitenzahl",
    "of_label": "'von' in 'Seite x von y'",
    "watermark": "Hinweis 'Entwurf zur Prüfung durch das Rechtsamt'",
}


def template_findings(path: Path) -> list[Finding]:
    """Lint of a user's Word template (``clauses lint --template``): contents, styles, the placeholders of each part."""
    try:
        _, errors, warnings = _checked_template(path)
    except UserError as exc:
        errors, warnings = [exc.message], []
    return [Finding("error", path, None, m, "template") for m in errors] + [
        Finding("warning", path, None, m, "template") for m in warnings
    ]


def fill(tpl: Any, context: dict[str, Any], template: Path) -> None:
    """Fill the template's placeholders in the sandbox; a bad placeholder is the user's template's fault."""
    from jinja2 import TemplateError

    from slp_agreements.library.templating import describe, docx_environment

    body = context.get("body")
    data = {**context, "body": ContractText(str(body))} if body is not None else dict(context)
    try:
        tpl.render(data, jinja_env=docx_environment(), autoescape=True)
    except TemplateError as exc:
        raise UserError(f"Platzhalter der Word-Vorlage: {describe(exc)}", file=template) from None


class ContractText:
    """The prepared contract as WordprocessingML, opaque to the template: it can only be placed (``{{p body }}``).

    docxtpl would hand the template its Subdoc object, whose public methods reach the file system and an
    unsandboxed renderer; this value has no public attribute at all.
    """

    __slots__ = ("_xml",)

    def __init__(self, xml: str) -> None:
        self._xml = xml

    def __html__(self) -> str:
        return self._xml

    def __str__(self) -> str:
        return self._xml


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

    if package is not None:
        parts = package_parts(tpl)
        if parts is not None:
            return finish(parts, package)
    buf = io.BytesIO()
    tpl.save(buf)
    if package is None:
        return tidy(buf.getvalue(), language)
    return finish(buf.getvalue(), package)


def package_parts(tpl: Any) -> dict[str, bytes] | None:
    """The files python-docx would zip when saving the filled template, by name; None where it cannot say.

    ``finish`` unpacks the saved file only to write every part anew (reproducible, with our properties): taking
    the parts from python-docx's own writer saves compressing and unpacking each file once.
    """
    from docx.opc.packuri import PACKAGE_URI
    from docx.opc.pkgwriter import PackageWriter

    steps = ("_write_content_types_stream", "_write_parts")
    replacing = ("pics_to_replace", "crc_to_new_media", "crc_to_new_embedded", "zipname_to_replace")
    if any(getattr(tpl, name, None) for name in replacing):
        return None  # docxtpl's own replacements on saving: not used here, but then its save is the way
    if not all(callable(getattr(PackageWriter, name, None)) for name in steps):
        return None  # another python-docx: save and unpack
    parts: dict[str, bytes] = {}

    class Collect:
        def write(self, uri: Any, blob: bytes) -> None:
            parts[uri.membername] = blob

    package = tpl.docx.part.package
    for part in package.parts:
        part.before_marshal()
    PackageWriter._write_content_types_stream(Collect(), package.parts)  # type: ignore[no-untyped-call]
    parts[PACKAGE_URI.rels_uri.membername] = package.rels.xml
    PackageWriter._write_parts(Collect(), package.parts)  # type: ignore[arg-type]
    tpl.is_saved = True
    return parts
