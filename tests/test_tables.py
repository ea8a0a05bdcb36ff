"""Tables as municipalities save them: UTF-8 with or without BOM and UTF-16 are read as they are, Windows-1252 only
when the whole file reads like it (with a warning naming the encoding), a mix is refused with its row; never silent
mojibake. Empty rows do not count against the row limit; a line break inside a one-line cell stays one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from slp_agreements.errors import UserError
from slp_agreements.files.table_rows import read_indicators
from slp_agreements.files.tables import MAX_ROWS
from tests.conftest import EXAMPLES, ROOT, docx_paragraphs, run_cli

EXAMPLE_CSV = ROOT / "examples" / "indikatoren-flaeche-wohnen.csv"
NRW = ROOT / "examples" / "nrw-wohnungsmarkt.yaml"
BAYERN = next(e for e in EXAMPLES if e.stem == "bayern-absichtserklaerung")
TEXT = EXAMPLE_CSV.read_text(encoding="utf-8-sig")
NAMES = [line.split(";")[1] for line in TEXT.splitlines()[1:] if line.strip()]
ENCODINGS = {"utf-8": "utf-8", "utf-8-bom": "utf-8-sig", "utf-16-bom": "utf-16", "windows-1252": "cp1252"}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_a_table_in_a_known_encoding_reads_as_typed(encoding: str, tmp_path: Path) -> None:
    path = tmp_path / "indikatoren.csv"
    path.write_bytes(TEXT.encode(ENCODINGS[encoding]))
    assert [i.name for i in read_indicators(path)] == NAMES
    assert any(set("äöüß") & set(n) for n in NAMES), "the example must hold umlauts for this test to mean anything"


def _broken(kind: str) -> bytes:
    lines = TEXT.encode("utf-8").split(b"\n")
    if kind == "utf-8-with-one-windows-row":  # a row pasted from an old file into a UTF-8 one
        lines[3] = lines[3].decode("utf-8").encode("cp1252")
    elif kind == "utf-8-with-a-stray-byte":
        lines[2] = lines[2] + b"\xff"
    elif kind == "utf-8-cut-mid-character":
        lines[2] = (
            lines[2].replace("ä".encode(), "ä".encode()[:1], 1) if "ä".encode() in lines[2] else lines[2] + b"\xc3"
        )
    elif kind == "bytes-undefined-in-windows-1252":
        return TEXT.encode("cp1252").replace(b";", b";\x81", 1)
    elif kind == "latin-1-control-range":  # ISO-8859-1 C1 controls read as typographic signs would be nonsense
        return TEXT.encode("cp1252").replace(b";", b";\x8d\x8f", 1)
    elif kind == "mac-roman":
        return TEXT.encode("mac_roman", errors="replace")
    elif kind == "utf-16-without-bom":
        return TEXT.encode("utf-16-le")
    return b"\n".join(lines)


BROKEN = {
    "utf-8-with-one-windows-row": "Zeile 4",
    "utf-8-with-a-stray-byte": "Zeile 3",
    "utf-8-cut-mid-character": "Zeile 3",
    "bytes-undefined-in-windows-1252": "Zeile 1",
    "latin-1-control-range": "Zeile 1",
    "mac-roman": "Zeile 2",
    "utf-16-without-bom": "",
}


@pytest.mark.parametrize("kind", list(BROKEN))
def test_a_table_of_mixed_or_unknown_encoding_is_refused_with_its_row(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "indikatoren.csv"
    path.write_bytes(_broken(kind))
    with pytest.raises(UserError) as caught:
        read_indicators(path)
    message = str(caught.value)
    assert str(path) in message and BROKEN[kind] in message and "UTF-8" in message, message
    assert "Ã" not in message


def _nrw_with(tmp_path: Path, data: bytes) -> Path:
    (tmp_path / "tabelle.csv").write_bytes(data)
    text = NRW.read_text(encoding="utf-8").replace("indikatoren-flaeche-wohnen.csv", "tabelle.csv")
    answers = tmp_path / "nrw.yaml"
    answers.write_text(text, encoding="utf-8")
    return answers


@pytest.fixture(scope="module")
def windows_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, object], Path]:
    tmp = tmp_path_factory.mktemp("windows")
    answers = _nrw_with(tmp, TEXT.encode("cp1252"))
    code, stdout, stderr = run_cli("build", answers, "--out", tmp / "out", "--json")
    assert code == 0, stderr
    return json.loads(stdout), tmp


def test_a_windows_table_is_named_in_a_warning_and_read_without_mojibake(
    windows_build: tuple[dict[str, object], Path],
) -> None:
    result, tmp = windows_build
    warnings = result["warnings"]
    assert isinstance(warnings, list)
    assert any("Windows-1252" in w and "tabelle.csv" in w for w in warnings), warnings
    manifest = json.loads((tmp / "out" / "nrw-manifest.json").read_text(encoding="utf-8"))
    names = [i["name"] for i in manifest["answers"]["indicators"]]
    assert names == NAMES and not any("Ã" in n for n in names)


def test_a_mixed_table_stops_the_build_naming_answers_file_table_and_row(tmp_path: Path) -> None:
    answers = _nrw_with(tmp_path, _broken("utf-8-with-one-windows-row"))
    code, _, err = run_cli("build", answers, "--out", tmp_path / "out")
    assert code == 1 and "Traceback" not in err
    assert "nrw.yaml" in err and "tabelle.csv" in err and "Zeile 4" in err
    assert not (tmp_path / "out").exists()


def test_empty_rows_do_not_count_against_the_row_limit(tmp_path: Path) -> None:
    path = tmp_path / "indikatoren.csv"
    path.write_text(TEXT + ";;;;\n" * (MAX_ROWS + 10) + "\n" * 100, encoding="utf-8")
    assert [i.name for i in read_indicators(path)] == NAMES


def test_more_rows_than_the_limit_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "indikatoren.csv"
    header, first = TEXT.splitlines()[:2]
    path.write_text(header + "\n" + (first + "\n") * (MAX_ROWS + 1), encoding="utf-8")
    with pytest.raises(UserError, match=f"mehr als {MAX_ROWS} Zeilen"):
        read_indicators(path)


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_table_that_is_no_regular_file_is_refused_at_once(kind: str, tmp_path: Path) -> None:
    import os

    path = tmp_path / "indikatoren.csv"
    os.mkfifo(path) if kind == "fifo" else path.mkdir()
    with pytest.raises(UserError) as caught:
        read_indicators(path)
    assert str(path) in str(caught.value)


LINE_BREAKS = {"alt-enter": "\n", "windows": "\r\n", "old-mac": "\r", "unicode-line": "\u2028", "two": "\n\n"}


@pytest.mark.parametrize("kind", list(LINE_BREAKS))
def test_a_line_break_in_a_party_name_stays_one_line(kind: str, tmp_path: Path) -> None:
    import yaml

    data = yaml.safe_load(BAYERN.read_text(encoding="utf-8"))
    data["parties"][1]["name"] = f"Gemeinde{LINE_BREAKS[kind]}Herrnberg"
    data["parties"][1]["address"]["street"] = f"Haupt-{LINE_BREAKS[kind]}straße 8"
    answers = tmp_path / "antworten.yaml"
    answers.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, stdout, stderr = run_cli("build", answers, "--out", tmp_path / "out", "--json")
    assert code == 0, stderr
    contract = next(Path(f["path"]) for f in json.loads(stdout)["files"] if f["kind"] == "contract")
    # paragraphs, and the lines of the parties annex (whose cells hold name, address … as lines)
    lines = [line.strip() for _, text in docx_paragraphs(contract) for line in text.splitlines()]
    assert "Gemeinde Herrnberg" in lines and "Haupt- straße 8" in lines
    assert not {"Gemeinde", "Herrnberg", "Haupt-", "straße 8"} & set(lines), "a line break became a line of its own"
    assert not any("\u2028" in line or "\r" in line for line in lines)


def _xlsx(kind: str, path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    for row in [line.split(";") for line in TEXT.splitlines()]:
        wb.active.append(row)
    wb.save(path)
    data = path.read_bytes()
    if kind == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif kind == "sheet-corrupted":
        at = data.index(b"xl/worksheets/sheet1.xml") + 60
        path.write_bytes(data[:at] + bytes(b ^ 0x5A for b in data[at : at + 200]) + data[at + 200 :])
    elif kind == "csv-named-xlsx":
        path.write_bytes(TEXT.encode("utf-8"))


@pytest.mark.parametrize("kind", ["truncated", "sheet-corrupted", "csv-named-xlsx"])
def test_a_broken_workbook_is_one_german_line(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "indikatoren.xlsx"
    _xlsx(kind, path)
    with pytest.raises(UserError) as caught:
        read_indicators(path)
    assert str(path) in str(caught.value) and "Excel" in str(caught.value)


@pytest.mark.parametrize("kind", ["quote-never-closed", "nul-byte"])
def test_a_broken_csv_is_one_german_line(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "indikatoren.csv"
    if kind == "quote-never-closed":
        path.write_text(TEXT.splitlines()[0] + '\nA1;"' + "x" * 200_000 + "\n", encoding="utf-8")
    else:
        path.write_bytes(TEXT.encode("utf-8").replace(b";", b";\x00", 1))
    with pytest.raises(UserError) as caught:
        read_indicators(path)
    message = str(caught.value)
    assert str(path) in message and "field larger" not in message and "Error" not in message, message
