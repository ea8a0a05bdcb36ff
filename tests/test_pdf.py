"""build --pdf: a PDF beside each DOCX through LibreOffice, or one line saying which package to install."""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import stat
from pathlib import Path

import pytest
import yaml

from slp_agreements.files.manifest_file import read_manifest
from slp_agreements.render import pdf
from tests.conftest import EXAMPLES, run_cli
from tests.libreoffice import SOFFICE, pdf_text

EXAMPLE = next(e for e in EXAMPLES if e.stem == "bayern-absichtserklaerung")


def _fake_soffice(folder: Path, script: str) -> Path:
    """A folder for PATH holding a 'soffice' that runs this shell script instead of LibreOffice."""
    folder.mkdir()
    program = folder / "soffice"
    program.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return folder


def test_pdf_beside_each_docx_with_every_party(tmp_path: Path) -> None:
    assert SOFFICE, "LibreOffice is required for this test: apt-get install libreoffice-writer-nogui"
    code, stdout, stderr = run_cli("build", EXAMPLE, "--out", tmp_path, "--pdf", "--json")
    assert code == 0, stderr
    files = json.loads(stdout)["files"]
    pdfs = [Path(f["path"]) for f in files if f["kind"] == "pdf"]
    docx = [Path(f["path"]) for f in files if f["path"].endswith(".docx")]
    assert {"contract", "checklist", "notes"} <= {f["kind"] for f in files}  # a declaration of intent
    assert sorted(p.with_suffix(".docx") for p in pdfs) == sorted(docx)
    text = re.sub(r"\s+", " ", pdf_text(next(p for p in pdfs if "vereinbarung" in p.name)))
    for party in yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["parties"]:
        assert party["name"] in text
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no temporary files may remain"


def test_manifest_describes_the_word_files_only(tmp_path: Path) -> None:
    assert SOFFICE
    assert run_cli("build", EXAMPLE, "--out", tmp_path, "--pdf")[0] == 0
    manifest = json.loads((tmp_path / f"{EXAMPLE.stem}-manifest.json").read_text(encoding="utf-8"))
    kinds = [o["kind"] for o in manifest["outputs"]]
    assert kinds[:2] == ["contract", "checklist"] and "pdf" not in kinds and kinds[-1] == "notes"


def test_without_libreoffice_one_line_names_the_debian_package(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    out = tmp_path / "out"
    code, _, stderr = run_cli("build", EXAMPLE, "--out", out, "--pdf", env={"PATH": str(empty)})
    assert code == 1
    assert "apt-get install libreoffice-writer-nogui" in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_existing_pdf_is_not_replaced_without_force(tmp_path: Path) -> None:
    fake = _fake_soffice(tmp_path / "bin", "exit 0\n")
    target = tmp_path / "out" / f"{EXAMPLE.stem}-vereinbarung.pdf"
    target.parent.mkdir()
    target.write_bytes(b"%PDF-1.4 alt")
    code, _, stderr = run_cli("build", EXAMPLE, "--out", target.parent, "--pdf", env={"PATH": str(fake)})
    assert code == 1 and "--force" in stderr and target.name in stderr
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_a_failing_conversion_writes_nothing(tmp_path: Path) -> None:
    fake = _fake_soffice(tmp_path / "bin", "echo 'Error: source file could not be loaded' >&2\nexit 1\n")
    out = tmp_path / "out"
    code, _, stderr = run_cli("build", EXAMPLE, "--out", out, "--pdf", env={"PATH": str(fake)})
    assert code == 1
    assert "nicht in PDF umwandeln" in stderr and "could not be loaded" in stderr
    assert not out.exists(), "no DOCX either: the build writes all files or none"


def test_a_hanging_libreoffice_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pid_file = tmp_path / "pid"
    fake = _fake_soffice(tmp_path / "bin", f"echo $$ > {pid_file}\nexec {shutil.which('sleep')} 60\n")
    monkeypatch.setattr(pdf, "TIMEOUT_SECONDS", 1)
    out = tmp_path / "out"
    code, _, stderr = run_cli("build", EXAMPLE, "--out", out, "--pdf", env={"PATH": str(fake)})
    assert code == 1 and "nicht in 1 Sekunden" in stderr
    assert not out.exists()
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)


def _pages(pdf: Path) -> list[list[str]]:
    """The lines of each page without the header (first line) and the footer (last line), spaces normalised."""
    from pypdf import PdfReader

    out = []
    for page in PdfReader(str(pdf)).pages:
        lines = [re.sub(r"\s+", " ", line).strip() for line in (page.extract_text() or "").splitlines()]
        out.append([line for line in lines[1:-1] if line])
    return out


@pytest.fixture(scope="module", params=[("de", "de-DE"), ("en", "en-GB")], ids=["de", "en"])
def niedersachsen_pdfs(request, tmp_path_factory) -> tuple[str, str, list[Path]]:
    """The Niedersachsen contract and checklist built with --pdf, in German and English."""
    assert SOFFICE, "LibreOffice is required for this test: apt-get install libreoffice-writer-nogui"
    lang, locale = request.param
    ni = next(e for e in EXAMPLES if e.stem == "niedersachsen-webgis")
    out = tmp_path_factory.mktemp(f"pdf-{lang}")
    code, stdout, stderr = run_cli("build", ni, "--out", out, "--pdf", "--lang", lang, "--json")
    assert code == 0, stderr
    return lang, locale, [Path(f["path"]) for f in json.loads(stdout)["files"] if f["kind"] == "pdf"]


def test_pdf_is_tagged_pdfa_2b_in_the_document_language_with_headings_and_tables(niedersachsen_pdfs) -> None:
    from tests.pdfa import pdf_facts

    _, locale, pdfs = niedersachsen_pdfs
    for f in pdfs:
        facts = pdf_facts(f)
        assert (facts["pdfaid_part"], facts["pdfaid_conformance"]) == ("2", "B"), (f.name, facts)
        assert facts["structure_tree"] and facts["marked"], (f.name, facts)
        assert facts["lang"] == locale, (f.name, facts)
        assert facts["unembedded_fonts"] == [], (f.name, facts)
        tags = facts["tags"]
        if not any(kind in f.name for kind in ("erlaeuterungen", "-notes.")):  # notes: no table
            assert tags.get("Table") and tags.get("TR") and (tags.get("TH") or tags.get("TD")), (f.name, tags)
        if not any(kind in f.name for kind in ("vereinbarung", "agreement")):  # checklist, council and notes papers
            assert tags.get("H1") and not tags.get("H2"), (f.name, tags)  # no heading level skipped
        else:
            assert tags.get("H1", 0) >= 10, (f.name, tags)  # every §, the preamble, signatures and annexes
            assert tags.get("L") and tags.get("LI"), (f.name, tags)  # the numbered items are lists


def test_the_niedersachsen_contract_lays_out_as_a_legal_office_expects(niedersachsen_pdfs) -> None:
    lang, _, pdfs = niedersachsen_pdfs
    ni = next(e for e in EXAMPLES if e.stem == "niedersachsen-webgis")
    pdf = next(p for p in pdfs if "check" not in p.name)
    pages = _pages(pdf)
    short = [n for n, lines in enumerate(pages[:-1], 1) if len(lines) <= 3]
    assert not short, f"pages with three lines or fewer: {short}"
    text = "\n".join("\n".join(p) for p in pages)
    parties = yaml.safe_load(ni.read_text(encoding="utf-8"))["parties"]
    emails = {p[k]["email"] for p in parties for k in ("contact", "dpo") if p.get(k, {}).get("email")}
    assert emails and not [e for e in emails if e not in text.split() and f"\n{e}" not in text], "unbroken"
    signatures, annexes, annex = ("Unterschriften", "Anlagen:", "Anlage") if lang == "de" else (
        "Signatures", "Annexes:", "Annex")  # fmt: skip
    on = next(n for n, p in enumerate(pages) if signatures in p)
    assert any(line.startswith(("Für ", "For ")) for line in pages[on]), "the first signature row is with its heading"
    listed = next(n for n, p in enumerate(pages) if annexes in p)
    entries = [line for line in pages[listed] if re.match(rf"{annex} \d+ ", line)]
    annex_count = sum(1 for s in read_manifest(pdf.with_suffix(".docx")).sections if s.part == "annex")
    assert annex_count >= 2 and len(entries) == annex_count, "the annex list stays together"
    assert on == listed or on == listed + 1
    # justified text is hyphenated (LibreOffice with the dictionaries hyphen-de, hyphen-en-gb)
    lines = [line for page in pages for line in page]
    hyphenated = [a for a, b in itertools.pairwise(lines) if re.search(r"[a-zäöüß]-$", a) and b[:1].islower()]
    assert len(hyphenated) > 50, "no hyphenation: sudo apt-get install hyphen-de hyphen-en-gb"
    # the datasets table: 'Nr.' and the providers' names are never broken, long words hyphenate at a syllable
    assert any(line.startswith(("Nr. Datensatz", "No. Dataset")) for line in pages[-1]), pages[-1][:12]
    words = {w for line in pages[-1] for w in line.split()}
    assert {"Heidewinkel", "Lindenbruch", "Kiefernau", "GeoPackage"} <= words, sorted(words)


@pytest.mark.parametrize(
    ("dictionaries", "said"),
    [
        (["hyph_de_DE.dic", "hyph_en_GB.dic"], []),
        (["hyph_de.dic"], ["hyphen-en-gb"]),
        ([], ["hyphen-de", "hyphen-en-gb"]),
    ],
)
def test_a_missing_hyphenation_dictionary_is_said_with_its_package(tmp_path: Path, dictionaries, said) -> None:
    for name in dictionaries:
        (tmp_path / name).write_text("ISO8859-1\n", encoding="utf-8")
    warnings = pdf.hyphenation_warnings("soffice", ["de-DE", "en-GB", "de-DE"], folders=[tmp_path])
    assert [w.rsplit("install ", 1)[1].split()[0] for w in warnings] == said
    assert all(w.startswith("Das PDF wird ohne Silbentrennung gesetzt") and w.count(".") == 1 for w in warnings)


def test_build_says_which_hyphenation_dictionary_libreoffice_lacks(tmp_path: Path, monkeypatch) -> None:
    writes_pdfs = (  # PATH holds only the fake: the shell's builtins, and mkdir by its full path
        f'while [ "$1" != "--outdir" ]; do shift; done; out="$2"; shift 2; {shutil.which("mkdir")} -p "$out"\n'
        'for f in "$@"; do b=${f##*/}; printf "%%PDF-1.4" > "$out/${b%.docx}.pdf"; done\n'
    )
    fake = _fake_soffice(tmp_path / "bin", writes_pdfs)
    monkeypatch.setattr(pdf, "SYSTEM_HYPHENATION", tmp_path / "hyphen")  # no dictionaries there
    code, stdout, stderr = run_cli("build", EXAMPLE, "--out", tmp_path / "out", "--pdf", "--json",
                                   env={"PATH": str(fake)})  # fmt: skip
    assert code == 0, stderr
    assert [w for w in json.loads(stdout)["warnings"] if "sudo apt-get install hyphen-de " in w]
    assert (tmp_path / "out" / f"{EXAMPLE.stem}-vereinbarung.pdf").is_file()
