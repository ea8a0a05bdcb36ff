"""Indicator profiles (Steckbriefe): SDG ids, import from CSV/XLSX with row and column, annex and publication."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from slp_agreements.files.table_rows import read_indicators
from slp_agreements.model.indicators import check_sdg
from tests.conftest import ROOT, docx_paragraphs, output, run_cli
from tests.libreoffice import convert_to_pdf

EXAMPLE_CSV = ROOT / "examples" / "indikatoren-flaeche-wohnen.csv"
NRW = ROOT / "examples" / "nrw-wohnungsmarkt.yaml"


def _rows() -> list[list[str]]:
    with EXAMPLE_CSV.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows(rows)
    return path


def _nrw_with_table(tmp_path: Path, table: Path) -> Path:
    text = NRW.read_text(encoding="utf-8").replace("indicators_file: indikatoren-flaeche-wohnen.csv",
                                                   f"indicators_file: {table.name}")  # fmt: skip
    answers = tmp_path / "nrw.yaml"
    answers.write_text(text, encoding="utf-8")
    return answers


@pytest.mark.parametrize("sdg", ["1", "11", "17", "11.3", "11.a", "17.19", "11.3.1", "11.a.1", "3.d.2"])
def test_sdg_ids_in_the_official_numbering_are_accepted(sdg: str) -> None:
    assert check_sdg(sdg) == sdg


@pytest.mark.parametrize("sdg", ["0", "18", "18.1.1", "11.3.1.1", "11.z", "11.e", "11.3.x", "11.", "SDG11", "11,3"])
def test_sdg_ids_outside_the_official_numbering_are_rejected(sdg: str) -> None:
    with pytest.raises(ValueError, match=r"keine gültige SDG-Kennung|gibt es nicht"):
        check_sdg(sdg)


def test_the_example_table_has_at_least_eight_indicators_including_11_3_1() -> None:
    indicators = read_indicators(EXAMPLE_CSV, {"lindenau", "hohenfeld", "hochschule"})
    assert len(indicators) >= 8
    first = next(i for i in indicators if "11.3.1" in i.sdg)
    assert "Ratio of land consumption rate to population growth rate" in first.definition
    assert all(i.source for i in indicators)


def test_unknown_sdg_id_is_reported_with_row_and_column(tmp_path: Path) -> None:
    rows = _rows()
    rows[2][10] = "11.3.1; 18.2"
    answers = _nrw_with_table(tmp_path, _write_csv(tmp_path / "ind.csv", rows))
    code, _out, err = run_cli("build", answers, "--out", tmp_path / "out")
    assert code == 1
    assert "ind.csv" in err
    assert "Zeile 3, Spalte K „SDG“: SDG-Kennung '18.2' gibt es nicht: die Ziele sind 1 bis 17" in err
    assert not (tmp_path / "out").exists(), "nothing may be written when a table is wrong"


def test_every_bad_row_is_reported_at_once_with_row_and_column(tmp_path: Path) -> None:
    rows = _rows()
    rows[1][4] = ""  # Einheit missing in row 2
    rows[4][6] = "bochum"  # Datengeber is no party, row 5
    rows[5][11] = "mittel"  # Wertung unknown, row 6
    answers = _nrw_with_table(tmp_path, _write_csv(tmp_path / "ind.csv", rows))
    code, _, err = run_cli("build", answers, "--out", tmp_path / "out")
    assert code == 1
    assert "3 Probleme in der Tabelle" in err
    assert "Zeile 2, Spalte E „Einheit“: fehlt" in err
    assert "Zeile 5, Spalte G „Datengeber“: Datengeber 'bochum' ist kein Beteiligter der Vereinbarung" in err
    assert "Zeile 6, Spalte L „Wertung“: Wertung 'mittel' unbekannt" in err
    assert "Traceback" not in err


def test_misspelt_column_header_gets_a_suggestion(tmp_path: Path) -> None:
    rows = _rows()
    rows[0][4] = "Enheit"
    table = _write_csv(tmp_path / "ind.csv", rows)
    code, _, err = run_cli("indicators", table, "--out", tmp_path / "out")
    assert code == 1
    assert "Zeile 1, Spalte E „Enheit“: unbekannte Spaltenüberschrift; meinten Sie „Einheit“?" in err
    assert "Spalte „Einheit“ fehlt" in err


def test_english_headers_and_excel_csv_in_windows_encoding_are_read(tmp_path: Path) -> None:
    rows = [["ID", "Name", "Short definition", "Calculation", "Unit", "Source", "SDG", "Higher is better"],
            ["A1", "Flächenverbrauch", "Zunahme der Fläche", "ha/Jahr", "ha", "Flächenstatistik", "11.3.1",
             "niedriger ist besser"]]  # fmt: skip
    path = tmp_path / "ind.csv"
    path.write_bytes("\n".join(";".join(r) for r in rows).encode("cp1252"))
    [ind] = read_indicators(path)
    assert (ind.id, ind.name, ind.sdg, ind.direction.value if ind.direction else None) == (
        "A1", "Flächenverbrauch", ["11.3.1"], "lower_better",
    )  # fmt: skip


def test_xlsx_gives_the_same_indicators_as_csv(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row in _rows():
        ws.append(row)
    xlsx = tmp_path / "ind.xlsx"
    wb.save(xlsx)
    assert read_indicators(xlsx) == read_indicators(EXAMPLE_CSV)


def test_xlsx_errors_name_row_and_column_letter(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    rows = _rows()
    rows[3][10] = "11.3.9.9"
    for row in rows:
        ws.append(row)
    xlsx = tmp_path / "ind.xlsx"
    wb.save(xlsx)
    code, _, err = run_cli("indicators", xlsx, "--out", tmp_path / "out")
    assert code == 1
    assert "Zeile 4, Spalte K „SDG“" in err


def test_indicators_inline_in_the_answers_file_are_checked_with_line_numbers(tmp_path: Path) -> None:
    text = NRW.read_text(encoding="utf-8").replace(
        "indicators_file: indikatoren-flaeche-wohnen.csv",
        "indicators:\n  - id: W1\n    name: Wohnfläche\n    definition: Wohnfläche je Person\n"
        "    calculation: Wohnfläche / Bevölkerung\n    unit: m²\n    source: Statistik\n    sdg: ['11.x']\n",
    )
    answers = tmp_path / "a.yaml"
    answers.write_text(text, encoding="utf-8")
    code, _, err = run_cli("build", answers, "--out", tmp_path / "out")
    assert code == 1
    assert re.search(r"indicators\[0\]\.sdg(\[0\])? \(Zeile \d+\): SDG-Kennung '11.x' gibt es nicht", err), err


def test_indicators_inline_and_as_file_together_is_an_error(tmp_path: Path) -> None:
    text = NRW.read_text(encoding="utf-8") + "indicators:\n  - {id: W1, name: n, definition: d, calculation: c, " \
        "unit: u, source: s}\n"  # fmt: skip
    answers = tmp_path / "a.yaml"
    answers.write_text(text, encoding="utf-8")
    code, _, err = run_cli("build", answers, "--out", tmp_path / "out")
    assert code == 1
    assert "indicators_file" in err and "nicht beides" in err


def test_nrw_contract_holds_one_profile_per_page_with_sdg_ids(built) -> None:
    import docx

    contract = output(built[("nrw-wohnungsmarkt", "de")], "contract")
    paras = docx_paragraphs(contract)
    texts = [t for _, t in paras]
    assert any(re.fullmatch(r"Anlage \d+: Indikatorensteckbriefe", t) for t in texts)
    assert any(re.fullmatch(r"§ \d+ Gemeinsame Indikatorenbasis", t) for t in texts)
    indicators = read_indicators(EXAMPLE_CSV)
    d = docx.Document(str(contract))
    headings = [p for p in d.paragraphs if p.style is not None and p.style.name == "Heading 2"]  # below the annex
    assert [h.text.replace("\u00a0", " ") for h in headings] == [f"{i.id} {i.name}" for i in indicators]
    assert [bool(h.paragraph_format.page_break_before) for h in headings] == [False] + [True] * (len(indicators) - 1)
    profiles = [t for t in d.tables if t.rows[0].cells[0].text == "Kennung"]
    assert len(profiles) == len(indicators)
    for table, ind in zip(profiles, indicators, strict=True):
        rows = {r.cells[0].text: r.cells[1].text for r in table.rows}
        assert rows["Kennung"] == ind.id
        assert rows["SDG-Bezug"] == ", ".join(ind.sdg)
        assert len(rows) == len(profiles[0].rows), "every profile has the same rows"
    sdg_cells = {r.cells[1].text for t in profiles for r in t.rows if r.cells[0].text == "SDG-Bezug"}
    assert "11.3.1" in sdg_cells


def test_nrw_contract_in_english_labels_the_profiles_in_english(built) -> None:
    texts = [t for _, t in docx_paragraphs(output(built[("nrw-wohnungsmarkt", "en")], "contract"))]
    assert any(re.fullmatch(r"Annex \d+: Indicator profiles", t) for t in texts)
    assert "SDG mapping" in texts


def test_standalone_profiles_open_in_libreoffice_with_contents_and_a_page_per_indicator(tmp_path: Path) -> None:
    from pypdf import PdfReader

    code, _out, err = run_cli("indicators", NRW, "--out", tmp_path / "out")
    assert code == 0, err
    docx_file = tmp_path / "out" / "nrw-wohnungsmarkt-indikatoren.docx"
    assert docx_file.is_file()
    [pdf] = convert_to_pdf([docx_file], tmp_path / "pdf")
    assert pdf.is_file(), "LibreOffice could not open the profiles"
    pages = [re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(str(pdf)).pages]
    indicators = read_indicators(EXAMPLE_CSV)
    assert len(pages) == 1 + len(indicators)
    assert "Inhalt" in pages[0] and "Indikatorensteckbriefe" in pages[0]
    assert "ENTWURF" not in pages[0], "a publication carries no draft mark"
    for n, ind in enumerate(indicators, 2):
        assert f"{ind.id} {ind.name}" in pages[n - 1]
        assert re.search(rf"{re.escape(ind.id)} .*? {n}\b", pages[0]), f"contents lack page {n} for {ind.id}"
    assert "11.3.1" in pages[1]


def test_standalone_profiles_from_a_table_with_pdf(tmp_path: Path) -> None:
    code, _out, err = run_cli("indicators", EXAMPLE_CSV, "--out", tmp_path, "--pdf", "--title", "Steckbriefe Test")
    assert code == 0, err
    assert (tmp_path / "indikatoren-flaeche-wohnen-indikatoren.pdf").is_file()
    texts = [t for _, t in docx_paragraphs(tmp_path / "indikatoren-flaeche-wohnen-indikatoren.docx")]
    assert "Steckbriefe Test" in texts
    # Without the answers file the providing party is shown by its short name.
    assert "lindenau" in texts


def test_the_profiles_document_carries_its_title_and_language_in_its_properties(tmp_path: Path) -> None:
    import docx

    code, _out, err = run_cli("indicators", NRW, "--out", tmp_path / "a", "--format", "docx")
    assert code == 0, err
    props = docx.Document(str(tmp_path / "a" / "nrw-wohnungsmarkt-indikatoren.docx")).core_properties
    assert props.title == "Indikatorensteckbriefe"
    assert props.subject == "Wohnungsmarktbeobachtung Rhein-Ruhr-Süd"
    assert props.language == "de-DE" and props.author == "slp-agreements"
    assert props.created is not None and props.created.date().isoformat() == "2026-11-26"  # agreement.date
    code, _out, err = run_cli("indicators", EXAMPLE_CSV, "--out", tmp_path / "b", "--title", "Steckbriefe Test")
    assert code == 0, err
    props = docx.Document(str(tmp_path / "b" / "indikatoren-flaeche-wohnen-indikatoren.docx")).core_properties
    assert props.title == "Steckbriefe Test"


def test_indicators_command_does_not_overwrite_without_force(tmp_path: Path) -> None:
    assert run_cli("indicators", EXAMPLE_CSV, "--out", tmp_path)[0] == 0
    code, _, err = run_cli("indicators", EXAMPLE_CSV, "--out", tmp_path)
    assert code == 1 and "--force" in err
    assert run_cli("indicators", EXAMPLE_CSV, "--out", tmp_path, "--force")[0] == 0


def test_answers_without_indicators_are_refused_by_the_indicators_command(tmp_path: Path) -> None:
    code, _, err = run_cli("indicators", ROOT / "examples" / "niedersachsen-webgis.yaml", "--out", tmp_path)
    assert code == 1 and "keine Indikatoren" in err


def test_example_command_writes_the_indicator_table_next_to_the_answers(tmp_path: Path) -> None:
    code, _, err = run_cli("example", "nrw-wohnungsmarkt", "--out", tmp_path / "mein.yaml")
    assert code == 0, err
    assert (tmp_path / "indikatoren-flaeche-wohnen.csv").read_bytes() == EXAMPLE_CSV.read_bytes()
    assert run_cli("build", tmp_path / "mein.yaml", "--out", tmp_path / "out")[0] == 0


def test_every_column_header_is_documented() -> None:
    from slp_agreements.files.table_rows import DATASET_COLUMNS, INDICATOR_COLUMNS

    doc = (ROOT / "docs" / "tabellen.md").read_text(encoding="utf-8")
    for names in [*INDICATOR_COLUMNS.values(), *DATASET_COLUMNS.values()]:
        assert f"| {names[0]} | {', '.join(names[1:]) or '–'} |" in doc, names[0]
