"""Generate the docxtpl Word templates in ``templates/`` (agreement and checklist)."""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Cm
from lxml import etree  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES_DIR = ROOT / "templates"

FIXED_TIMESTAMP = dt.datetime(2026, 1, 1, 0, 0, 0, tzinfo=dt.timezone.utc)
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)
AUTHOR = "slp-agreements"
RT_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"

FONT = "Arial"  # LibreOffice substitutes the metric-compatible "Liberation Sans".
BLACK = "000000"
GREY = "595959"
DRAFT_RED = "C00000"
NOTICE_RED = "9C0006"
NOTICE_FILL = "FFF2CC"
NOTICE_BORDER = "E2C16B"

# Placeholders rendered by docxtpl (each one must stay inside a single run).
BODY_TAG = "{{p body }}"
HEADER_TAG = "{{ header_text }}"
DRAFT_TAG = "{{ draft_mark }}"
WATERMARK_TAG = "{{ watermark }}"
FOOTER_PREFIX = "{% if footer_text %}{{ footer_text }} – {% endif %}{{ page_label }} "
OF_TAG = " {{ of_label }} "

W_NS = nsdecls("w")
VML_NS = " ".join(
    (
        W_NS,
        'xmlns:v="urn:schemas-microsoft-com:vml"',
        'xmlns:o="urn:schemas-microsoft-com:office:office"',
        'xmlns:w10="urn:schemas-microsoft-com:office:word"',
    )
)

# pPr/rPr snippets per paragraph style id (children must follow the OOXML schema order).
PARAGRAPH_STYLES: dict[str, tuple[str, str]] = {
    "Normal": (
        "",
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>',
    ),
    "Title": (
        '<w:keepNext/><w:suppressAutoHyphens/><w:spacing w:before="0" w:after="120" w:line="240" w:lineRule="auto"/>'
        '<w:jc w:val="center"/>',
        f'<w:b/><w:bCs/><w:color w:val="{BLACK}"/><w:sz w:val="32"/><w:szCs w:val="32"/>',
    ),
    "Subtitle": (
        '<w:keepNext/><w:suppressAutoHyphens/><w:spacing w:before="0" w:after="240"/><w:jc w:val="center"/>',
        f'<w:i w:val="0"/><w:iCs w:val="0"/><w:color w:val="{BLACK}"/><w:sz w:val="24"/><w:szCs w:val="24"/>',
    ),
    "Heading1": (
        '<w:keepNext/><w:keepLines/><w:suppressAutoHyphens/><w:spacing w:before="360" w:after="120"/>'
        '<w:jc w:val="center"/><w:outlineLvl w:val="0"/>',
        f'<w:b/><w:bCs/><w:color w:val="{BLACK}"/><w:sz w:val="24"/><w:szCs w:val="24"/>',
    ),
    "Heading2": (
        '<w:keepNext/><w:keepLines/><w:suppressAutoHyphens/><w:spacing w:before="240" w:after="120"/>'
        '<w:jc w:val="left"/><w:outlineLvl w:val="1"/>',
        f'<w:b/><w:bCs/><w:color w:val="{BLACK}"/><w:sz w:val="24"/><w:szCs w:val="24"/>',
    ),
    "Heading3": (
        '<w:keepNext/><w:keepLines/><w:suppressAutoHyphens/><w:spacing w:before="180" w:after="60"/>'
        '<w:jc w:val="left"/><w:outlineLvl w:val="2"/>',
        f'<w:b/><w:bCs/><w:color w:val="{BLACK}"/><w:sz w:val="22"/><w:szCs w:val="22"/>',
    ),
    "BodyText": (
        '<w:spacing w:before="0" w:after="120"/><w:jc w:val="both"/>',
        '<w:sz w:val="22"/><w:szCs w:val="22"/>',
    ),
    "ListParagraph": (
        '<w:tabs><w:tab w:val="left" w:pos="567"/></w:tabs>'
        '<w:spacing w:before="0" w:after="80"/><w:ind w:left="567" w:hanging="340"/>'
        '<w:jc w:val="both"/>',
        '<w:sz w:val="22"/><w:szCs w:val="22"/>',
    ),
    "Quote": (
        "<w:pBdr>"
        f'<w:top w:val="single" w:sz="4" w:space="4" w:color="{NOTICE_BORDER}"/>'
        f'<w:left w:val="single" w:sz="4" w:space="4" w:color="{NOTICE_BORDER}"/>'
        f'<w:bottom w:val="single" w:sz="4" w:space="4" w:color="{NOTICE_BORDER}"/>'
        f'<w:right w:val="single" w:sz="4" w:space="4" w:color="{NOTICE_BORDER}"/>'
        "</w:pBdr>"
        f'<w:shd w:val="clear" w:color="auto" w:fill="{NOTICE_FILL}"/>'
        '<w:spacing w:before="120" w:after="240" w:line="240" w:lineRule="auto"/>'
        '<w:ind w:left="113" w:right="113"/><w:jc w:val="center"/>',
        f'<w:i/><w:iCs/><w:color w:val="{NOTICE_RED}"/><w:sz w:val="20"/><w:szCs w:val="20"/>',
    ),
    "Caption": (
        '<w:spacing w:before="60" w:after="120" w:line="240" w:lineRule="auto"/>',
        f'<w:color w:val="{GREY}"/><w:sz w:val="18"/><w:szCs w:val="18"/>',
    ),
    "Signature": (
        '<w:keepLines/><w:spacing w:before="0" w:after="0"/><w:ind w:left="0"/>',
        '<w:sz w:val="20"/><w:szCs w:val="20"/>',
    ),
    "Header": (
        '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
        '<w:sz w:val="16"/><w:szCs w:val="16"/>',
    ),
    "Footer": (
        '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
        '<w:sz w:val="16"/><w:szCs w:val="16"/>',
    ),
}

TABLE_GRID_TBLPR = (
    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>'
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{BLACK}"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders><w:tblCellMar>"
    '<w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
    '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
    "</w:tblCellMar></w:tblPr>"
)
TABLE_GRID_FIRST_ROW = (
    '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
    '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:tcPr></w:tblStylePr>'
)

# Word's own "PowerPlusWaterMarkObject" (text watermark) as VML.
WATERMARK_SHAPETYPE = (
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"'
    ' path="m@7,l@8,m@5,21600l@6,21600e">'
    "<v:formulas>"
    '<v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>'
    '<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>'
    '<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>'
    '<v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>'
    '<v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/>'
    "</v:formulas>"
    '<v:path textpathok="t" o:connecttype="custom"'
    ' o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800"'
    ' o:connectangles="270,180,90,0"/>'
    '<v:textpath on="t" fitshape="t"/>'
    '<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>'
    '<o:lock v:ext="edit" text="t" shapetype="t"/>'
    "</v:shapetype>"
)


def _el(xml: str) -> etree._Element:
    """Parse one WordprocessingML fragment with the usual namespace declarations."""
    return parse_xml(xml)


def _children(xml: str) -> list[etree._Element]:
    """Parse a sequence of w: elements and return them as a list."""
    return list(_el(f"<w:wrap {W_NS}>{xml}</w:wrap>"))


def _style(styles: etree._Element, style_id: str) -> etree._Element:
    """Return the w:style element with ``style_id``, creating a paragraph style if missing."""
    found = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
    if found is not None:
        return found
    # "Signature" is a Word built-in style name, so it is declared without customStyle.
    new = _el(
        f'<w:style {W_NS} w:type="paragraph" w:styleId="{style_id}">'
        f'<w:name w:val="{style_id}"/><w:basedOn w:val="Normal"/><w:qFormat/></w:style>'
    )
    styles.append(new)
    return new


def _remove(parent: etree._Element, tags: Iterable[str]) -> None:
    """Remove all direct children of ``parent`` with one of the given w: tags."""
    for tag in tags:
        for child in parent.findall(qn(tag)):
            parent.remove(child)


def _set_props(style: etree._Element, ppr: str, rpr: str) -> None:
    """Replace pPr/rPr of a style (tblPr etc. stay after them, as the schema demands)."""
    _remove(style, ("w:pPr", "w:rPr"))
    anchor = style.find(qn("w:tblPr"))
    new = []
    if ppr:
        new.append(_el(f"<w:pPr {W_NS}>{ppr}</w:pPr>"))
    if rpr:
        new.append(_el(f"<w:rPr {W_NS}>{rpr}</w:rPr>"))
    for element in new:
        if anchor is not None:
            anchor.addprevious(element)
        else:
            style.append(element)


def _neutralise_styles(styles: etree._Element) -> None:
    """Drop numbering, theme fonts and theme colours from every style."""
    theme_attrs = [qn(f"w:{a}") for a in ("themeColor", "themeShade", "themeTint")]
    font_attrs = [qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")]
    for style in styles.iter(qn("w:style")):
        for num_pr in style.iter(qn("w:numPr")):
            num_pr.getparent().remove(num_pr)
        for fonts in list(style.iter(qn("w:rFonts"))):
            for attr in font_attrs:
                fonts.attrib.pop(attr, None)
            if not fonts.attrib:
                fonts.getparent().remove(fonts)
        if style.get(qn("w:type")) not in ("paragraph", "character"):
            continue
        for element in style.iter():
            if any(attr in element.attrib for attr in theme_attrs):
                for attr in theme_attrs:
                    element.attrib.pop(attr, None)
                key = "w:val" if element.tag == qn("w:color") else "w:color"
                element.set(qn(key), BLACK)


def _sync_linked_char_styles(styles: etree._Element) -> None:
    """Give linked character styles ("Heading 1 Char" …) the run formatting of their paragraph style."""
    for style_id in PARAGRAPH_STYLES:
        style = _style(styles, style_id)
        link = style.find(qn("w:link"))
        if link is None:
            continue
        char_style = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{link.get(qn('w:val'))}']")
        if char_style is None:
            continue
        _remove(char_style, ("w:rPr",))
        rpr = style.find(qn("w:rPr"))
        if rpr is not None:
            char_style.append(copy.deepcopy(rpr))


def configure_styles(doc: DocumentObject) -> None:
    """Rewrite docDefaults and the styles used by the renderer in styles.xml."""
    styles = doc.styles.element
    _neutralise_styles(styles)

    defaults = styles.find(qn("w:docDefaults"))
    _remove(defaults, ("w:rPrDefault", "w:pPrDefault"))
    # Size and spacing live in docDefaults (not in Normal) so that table styles can override them.
    defaults.append(
        _el(
            f"<w:rPrDefault {W_NS}><w:rPr>"
            f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
            '<w:sz w:val="22"/><w:szCs w:val="22"/>'
            '<w:lang w:val="de-DE" w:eastAsia="en-US" w:bidi="ar-SA"/>'
            "</w:rPr></w:rPrDefault>"
        )
    )
    defaults.append(
        _el(
            f"<w:pPrDefault {W_NS}><w:pPr><w:widowControl/>"
            '<w:spacing w:before="0" w:after="120" w:line="276" w:lineRule="auto"/>'
            "</w:pPr></w:pPrDefault>"
        )
    )

    for style_id, (ppr, rpr) in PARAGRAPH_STYLES.items():
        _set_props(_style(styles, style_id), ppr, rpr)
    _sync_linked_char_styles(styles)

    grid = _style(styles, "TableGrid")
    _remove(grid, ("w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr"))
    grid.append(_el(f'<w:pPr {W_NS}><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'))
    grid.append(_el(f'<w:rPr {W_NS}><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>'))
    grid.append(_el(TABLE_GRID_TBLPR.replace("<w:tblPr>", f"<w:tblPr {W_NS}>", 1)))
    grid.append(_el(TABLE_GRID_FIRST_ROW.replace("<w:tblStylePr ", f"<w:tblStylePr {W_NS} ", 1)))


def configure_settings(doc: DocumentObject) -> None:
    """Set German locale hints and drop the preview-picture flag."""
    settings = doc.settings.element
    _remove(settings, ("w:savePreviewPicture",))
    for tag, attrs in (
        ("w:themeFontLang", {"w:val": "de-DE"}),
        ("w:decimalSymbol", {"w:val": ","}),
        ("w:listSeparator", {"w:val": ";"}),
        ("w:zoom", {"w:percent": "100"}),  # the schema requires w:percent
    ):
        element = settings.find(qn(tag))
        if element is not None:
            for key, value in attrs.items():
                element.set(qn(key), value)
    # Hyphenation on (justified text without it leaves wide gaps), at most three hyphenated lines in a row.
    tab_stop = settings.find(qn("w:defaultTabStop"))
    _remove(settings, ("w:autoHyphenation", "w:consecutiveHyphenLimit", "w:hyphenationZone"))
    for tag, value in reversed((("w:autoHyphenation", None), ("w:consecutiveHyphenLimit", "3"),
                                ("w:hyphenationZone", "357"))):  # fmt: skip
        element = _el(f"<{tag} {W_NS}/>")
        if value is not None:
            element.set(qn("w:val"), value)
        tab_stop.addnext(element)


def configure_section(section: Section, *, landscape: bool) -> int:
    """Set A4 page size, orientation and margins; return the text width in twips."""
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.0)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.0)
    section.header_distance = section.footer_distance = Cm(1.0)
    section.gutter = Cm(0)
    section.different_first_page_header_footer = False
    width = section.page_width - section.left_margin - section.right_margin
    return round(width / 635)  # EMU -> twips


def _run(text: str, rpr: str) -> str:
    """Return a w:r with a single w:t (space-preserving) and the given run properties."""
    return f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def _field(instr: str, rpr: str) -> str:
    """Return the runs of a complex field (fldChar begin/separate/end) with a dummy result."""
    return (
        f'<w:r><w:rPr>{rpr}</w:rPr><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:rPr>{rpr}</w:rPr><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
        f'<w:r><w:rPr>{rpr}</w:rPr><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:rPr><w:noProof/>{rpr}</w:rPr><w:t>1</w:t></w:r>"  # noProof before color/sz: Word's order
        f'<w:r><w:rPr>{rpr}</w:rPr><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _watermark_runs(short_side_pt: float) -> str:
    """Return the runs of a diagonal, light-grey VML text watermark (skipped if empty)."""
    width = round(short_side_pt * 0.72, 1)
    height = round(width / 4, 1)
    shape = (
        '<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136"'
        f' style="position:absolute;margin-left:0;margin-top:0;width:{width}pt;height:{height}pt;'
        "rotation:315;z-index:-251657216;mso-position-horizontal:center;"
        "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
        'mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#d9d9d9" stroked="f">'
        '<v:fill opacity=".5"/>'
        f'<v:textpath style="font-family:&quot;{FONT}&quot;;font-size:1pt" string="{WATERMARK_TAG}"/>'
        '<w10:wrap anchorx="margin" anchory="margin"/>'
        "</v:shape>"
    )
    return (
        "<w:r><w:t>{%r if watermark %}</w:t></w:r>"
        f"<w:r><w:rPr><w:noProof/></w:rPr><w:pict>{WATERMARK_SHAPETYPE}{shape}</w:pict></w:r>"
        "<w:r><w:t>{%r endif %}</w:t></w:r>"
    )


def build_header(section: Section, text_width: int, *, watermark: bool) -> None:
    """Fill the default header: red draft mark left, header text right, optional watermark."""
    header = section.header
    header.is_linked_to_previous = False
    hdr = header._element
    for paragraph in list(hdr):
        hdr.remove(paragraph)
    small_grey = f'<w:color w:val="{GREY}"/><w:sz w:val="16"/><w:szCs w:val="16"/>'
    draft = f'<w:b/><w:bCs/><w:color w:val="{DRAFT_RED}"/><w:sz w:val="20"/><w:szCs w:val="20"/>'
    page_width, page_height = section.page_width, section.page_height
    assert page_width is not None and page_height is not None
    short_side_pt = min(page_width, page_height) / 12700
    paragraph = (
        f'<w:p {VML_NS}><w:pPr><w:pStyle w:val="Header"/>'
        f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="{GREY}"/></w:pBdr>'
        f'<w:tabs><w:tab w:val="right" w:pos="{text_width}"/></w:tabs></w:pPr>'
        + (_watermark_runs(short_side_pt) if watermark else "")
        + _run(DRAFT_TAG, draft)
        + f"<w:r><w:rPr>{small_grey}</w:rPr><w:tab/></w:r>"
        + _run(HEADER_TAG, small_grey)
        + "</w:p>"
    )
    hdr.append(_el(paragraph))


def build_footer(section: Section) -> None:
    """Fill the default footer: "<footer_text> – Seite N von M" centered in small grey."""
    footer = section.footer
    footer.is_linked_to_previous = False
    ftr = footer._element
    for paragraph in list(ftr):
        ftr.remove(paragraph)
    small_grey = f'<w:color w:val="{GREY}"/><w:sz w:val="16"/><w:szCs w:val="16"/>'
    paragraph = (
        f'<w:p {W_NS}><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>'
        + _run(FOOTER_PREFIX, small_grey)
        + _field("PAGE", small_grey)
        + _run(OF_TAG, small_grey)
        + _field("NUMPAGES", small_grey)
        + "</w:p>"
    )
    ftr.append(_el(paragraph))


def configure_core_properties(doc: DocumentObject) -> None:
    """Set neutral, fixed core properties so the output is byte-stable."""
    props = doc.core_properties
    props.title = ""
    props.subject = ""
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.revision = 1
    props.created = FIXED_TIMESTAMP
    props.modified = FIXED_TIMESTAMP


def drop_unused_parts(doc: DocumentObject) -> None:
    """Remove the legacy stylesWithEffects part and the blank-page thumbnail."""
    document_part = doc.part
    for rid, rel in list(document_part.rels.items()):
        if rel.reltype == RT_STYLES_WITH_EFFECTS:
            document_part.drop_rel(rid)
    package_rels = document_part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]


def build_template(*, landscape: bool, watermark: bool) -> DocumentObject:
    """Build one template document (styles, page setup, header/footer, body tag)."""
    doc = Document()
    configure_styles(doc)
    configure_settings(doc)
    section = doc.sections[0]
    text_width = configure_section(section, landscape=landscape)
    build_header(section, text_width, watermark=watermark)
    build_footer(section)
    doc.add_paragraph(BODY_TAG)
    configure_core_properties(doc)
    drop_unused_parts(doc)
    return doc


# docProps/app.xml that says what made the file and invents no page or word counts (Word computes them itself).
APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>slp-agreements</Application><DocSecurity>0</DocSecurity></Properties>"
)


def save_deterministic(doc: DocumentObject, path: Path) -> None:
    """Save ``doc`` to ``path`` with fixed zip timestamps so reruns give identical bytes."""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0
            fixed.external_attr = 0
            dst.writestr(fixed, APP_XML if info.filename == "docProps/app.xml" else src.read(info.filename))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


def main(argv: list[str] | None = None) -> None:
    """Write templates/agreement.docx and templates/checklist.docx."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=TEMPLATES_DIR, help="output directory")
    parser.add_argument("--no-watermark", action="store_true", help="omit the VML watermark")
    args = parser.parse_args(argv)
    watermark = not args.no_watermark
    save_deterministic(build_template(landscape=False, watermark=watermark), args.out / "agreement.docx")
    save_deterministic(build_template(landscape=True, watermark=watermark), args.out / "checklist.docx")


if __name__ == "__main__":
    main()
