"""Every DOCX the program writes is valid OOXML: 0 errors in openxml-audit and in the ECMA-376 transitional schemas.

openxml-audit applies the Open XML SDK's rules (what Word expects, e.g. the order of run properties); the schemas
catch what it lets through (e.g. ``w:zoom`` without ``w:percent``). Both run over every DOCX the whole suite wrote,
at the end of the session, like the LibreOffice check; identical files are checked once.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, run_cli
from tests.ooxml import XSD_DIR, XSD_MISSING, audit_errors, errors_of_each, xsd_errors
from tests.test_word_processor import generated_docx

needs_xsd = pytest.mark.skipif(not (XSD_DIR / "wml.xsd").is_file(), reason=XSD_MISSING)
CHECKED: list[int] = []


def _distinct(files: list[Path]) -> list[Path]:
    seen: dict[str, Path] = {}
    for f in files:
        seen.setdefault(hashlib.sha256(f.read_bytes()).hexdigest(), f)
    return list(seen.values())


def made_by_the_program(path: Path) -> bool:
    """Whether slp-agreements wrote this DOCX (its app.xml says so), not LibreOffice, python-docx or a test's stub."""
    try:
        with zipfile.ZipFile(path) as z:
            return b"<Application>slp-agreements</Application>" in z.read("docProps/app.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        return False


def _every_docx(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    own = tmp_path_factory.mktemp("ooxml")
    assert run_cli("build", EXAMPLES[0], "--out", own / "out")[0] == 0  # so the check never passes on nothing
    assert run_cli("template", "export", own / "vorlage.docx")[0] == 0
    shipped = sorted((ROOT / "templates").glob("*.docx"))
    ours = [p for p in generated_docx(tmp_path_factory.getbasetemp()) if made_by_the_program(p)]
    return _distinct(ours + shipped)


@pytest.mark.after_all_others
def test_every_generated_docx_has_no_openxml_audit_error(tmp_path_factory: pytest.TempPathFactory) -> None:
    docs = _every_docx(tmp_path_factory)
    found = errors_of_each(audit_errors, docs)
    assert not found, f"{len(found)} of {len(docs)} DOCX files have errors:\n" + "\n".join(
        f"{name}:\n  " + "\n  ".join(errors[:5]) for name, errors in found.items()
    )
    CHECKED.append(len(docs))


@needs_xsd
@pytest.mark.after_all_others
def test_every_generated_docx_validates_against_the_ecma_376_transitional_schemas(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    docs = _every_docx(tmp_path_factory)
    found = errors_of_each(xsd_errors, docs)
    assert not found, f"{len(found)} of {len(docs)} DOCX files have schema errors:\n" + "\n".join(
        f"{name}:\n  " + "\n  ".join(map(str, errors[:5])) for name, errors in found.items()
    )


def _with_document_xml(source: Path, target: Path, change: tuple[str, str]) -> Path:
    with zipfile.ZipFile(source) as src:
        parts = {i.filename: src.read(i.filename) for i in src.infolist()}
    xml = parts["word/document.xml"].decode()
    assert change[0] in xml
    parts["word/document.xml"] = xml.replace(change[0], change[1], 1).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    target.write_bytes(buf.getvalue())
    return target


def test_openxml_audit_catches_what_word_refuses(tmp_path: Path) -> None:
    assert run_cli("build", EXAMPLES[0], "--out", tmp_path / "out")[0] == 0
    contract = next((tmp_path / "out").glob("*-vereinbarung.docx"))
    assert audit_errors(contract) == []
    broken = _with_document_xml(contract, tmp_path / "kaputte-vorlagen-tblheader.docx",
                                ("<w:tblHeader/>", '<w:tblHeader w:val="true"/>'))  # fmt: skip
    assert any("tblHeader" in e or "val" in e for e in audit_errors(broken))
    broken.unlink()  # the end-of-session checks must not see it


@needs_xsd
def test_the_schema_check_catches_an_unknown_element(tmp_path: Path) -> None:
    assert run_cli("build", EXAMPLES[0], "--out", tmp_path / "out")[0] == 0
    contract = next((tmp_path / "out").glob("*-vereinbarung.docx"))
    assert xsd_errors(contract) == []
    broken = _with_document_xml(contract, tmp_path / "kaputt.docx", ("<w:tblHeader/>", "<w:tblHeader/><w:bogus/>"))
    assert any("bogus" in str(e) for e in xsd_errors(broken))
    broken.unlink()
