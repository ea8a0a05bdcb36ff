"""Shared datasets as a DCAT-AP.de catalogue (JSON-LD) for open-data portals; datasets read from tables."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from slp_agreements.model.licences import LICENCE_URIS
from tests.conftest import ROOT, docx_text, run_cli

NRW = ROOT / "examples" / "nrw-wohnungsmarkt.yaml"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
DCATDE = "http://dcat-ap.de/def/dcatde/"
# FACTS.md §5: the DCAT-AP.de licence URIs.
FACTS_LICENCES = {
    "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
    "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
    "http://dcat-ap.de/def/licenses/cc-by/4.0",
    "http://dcat-ap.de/def/licenses/cc-zero",
}


def _graph(text: str):  # type: ignore[no-untyped-def]
    import rdflib

    g = rdflib.Graph()
    g.parse(data=text, format="json-ld")
    return g


def test_licence_table_is_the_one_in_the_facts() -> None:
    assert set(LICENCE_URIS.values()) == FACTS_LICENCES


def test_export_is_a_dcat_ap_de_catalogue_that_rdflib_reads(tmp_path: Path) -> None:
    from rdflib import RDF, URIRef

    target = tmp_path / "katalog.jsonld"
    code, _out, err = run_cli("datasets", "export", NRW, "--format", "dcat-ap-de", "--out", target)
    assert code == 0, err
    g = _graph(target.read_text(encoding="utf-8"))
    catalogs = list(g.subjects(RDF.type, URIRef(DCAT + "Catalog")))
    assert len(catalogs) == 1
    datasets = list(g.objects(catalogs[0], URIRef(DCAT + "dataset")))
    titles = {str(g.value(d, URIRef(DCT + "title"))) for d in datasets}
    assert titles == {"Bautätigkeitsstatistik", "Indikatorenwerte Fläche und Wohnen"}
    licences = set()
    for d in datasets:
        assert g.value(d, RDF.type) == URIRef(DCAT + "Dataset")
        assert g.value(d, URIRef(DCT + "description")) is not None
        assert g.value(d, URIRef(DCT + "publisher")) is not None
        assert g.value(d, URIRef(DCAT + "contactPoint")) is not None
        assert list(g.objects(d, URIRef(DCAT + "keyword")))
        assert list(g.objects(d, URIRef(DCAT + "theme")))
        for dist in g.objects(d, URIRef(DCAT + "distribution")):
            licences.add(str(g.value(dist, URIRef(DCT + "license"))))
            assert g.value(dist, URIRef(DCAT + "accessURL")) is not None
            assert g.value(dist, URIRef(DCT + "format")) is not None
    # One dataset carries its own licence, the other the publication licence of the agreement.
    assert licences == {LICENCE_URIS["dl-de-by-2.0"], LICENCE_URIS["cc-by-4.0"]}
    assert licences <= FACTS_LICENCES
    geo = {str(o) for o in g.objects(None, URIRef(DCATDE + "politicalGeocodingURI"))}
    assert "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/05112000" in geo
    levels = {str(o) for o in g.objects(None, URIRef(DCATDE + "politicalGeocodingLevelURI"))}
    assert levels == {"http://dcat-ap.de/def/politicalGeocoding/Level/municipality"}
    temporal = [o for o in g.objects(None, URIRef(DCT + "temporal"))]
    assert str(g.value(temporal[0], URIRef(DCAT + "startDate"))) == "2015-01-01"


def test_personal_and_confidential_datasets_are_left_out_with_a_warning() -> None:
    code, out, err = run_cli("datasets", "export", NRW)
    assert code == 0, err
    catalog = json.loads(out)
    titles = [d["dct:title"]["@value"] for d in catalog["dcat:dataset"]]
    assert "Mietangebotsdaten" not in titles and "Haushaltsbefragung Wohnen 2027" not in titles
    assert "'Mietangebotsdaten' nicht exportiert (personenbezogene Daten)" in err
    assert "'Haushaltsbefragung Wohnen 2027' nicht exportiert" in err


def test_without_an_open_licence_nothing_is_exported(tmp_path: Path) -> None:
    text = NRW.read_text(encoding="utf-8").replace("licence: cc-by-4.0", "licence: parties-only")
    text = text.replace("open_data: true", "open_data: false")  # open data for the parties only is refused
    text = text.replace("      licence: dl-de-by-2.0\n", "")
    answers = tmp_path / "a.yaml"
    answers.write_text(text, encoding="utf-8")
    (tmp_path / "indikatoren-flaeche-wohnen.csv").write_bytes(
        (NRW.parent / "indikatoren-flaeche-wohnen.csv").read_bytes()
    )
    code, out, err = run_cli("datasets", "export", answers)
    assert code == 0, err
    assert json.loads(out)["dcat:dataset"] == []
    assert "keine offene Lizenz" in err


def _datasets_csv(path: Path, licence: str) -> Path:
    rows = [
        ["Titel", "Beschreibung", "Datengeber", "Format", "Aktualisierung", "Schlagwörter", "Kategorie",
         "Räumliche Abdeckung", "Zeitraum von", "Zeitraum bis", "URL", "Lizenz", "Personenbezug"],
        ["Baulücken", "Baulückenkataster", "hohenfeld", "GeoJSON", "jährlich", "Baulücken; Innenentwicklung",
         "Regionen und Städte", "05112000", "2020", "31.12.2025", "https://daten.hohenfeld.example/b.geojson",
         "dl-de-zero-2.0", "nein"],
        ["Brachflächen", "Brachflächenkataster", "lindenau", "CSV", "jährlich", "Brachen", "REGI",
         "05111000", "", "", "https://daten.lindenau.example/b.csv", licence, "nein"],
    ]  # fmt: skip
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows(rows)
    return path


def _answers_with_datasets_file(tmp_path: Path, table: Path) -> Path:
    lines = NRW.read_text(encoding="utf-8").split("\n")
    start = lines.index("  datasets:")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("    "))
    lines[start:end] = [f"  datasets_file: {table.name}"]
    answers = tmp_path / "a.yaml"
    answers.write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "indikatoren-flaeche-wohnen.csv").write_bytes(
        (NRW.parent / "indikatoren-flaeche-wohnen.csv").read_bytes()
    )
    return answers


def test_unknown_licence_in_a_datasets_table_names_row_and_column(tmp_path: Path) -> None:
    answers = _answers_with_datasets_file(tmp_path, _datasets_csv(tmp_path / "daten.csv", "MIT"))
    code, _, err = run_cli("datasets", "export", answers)
    assert code == 1
    assert "daten.csv" in err
    assert "Zeile 3, Spalte L „Lizenz“: Lizenz 'MIT' unbekannt; erlaubt sind dl-de-by-2.0" in err


def test_datasets_from_a_table_go_into_annex_and_catalogue(tmp_path: Path) -> None:
    answers = _answers_with_datasets_file(
        tmp_path, _datasets_csv(tmp_path / "daten.csv", "http://dcat-ap.de/def/licenses/cc-zero")
    )
    code, out, err = run_cli("datasets", "export", answers)
    assert code == 0, err
    catalog = json.loads(out)
    by_title = {d["dct:title"]["@value"]: d for d in catalog["dcat:dataset"]}
    assert by_title["Brachflächen"]["dcat:distribution"][0]["dct:license"] == {"@id": LICENCE_URIS["cc-zero"]}
    baul = by_title["Baulücken"]
    assert baul["dcat:distribution"][0]["dct:license"] == {"@id": LICENCE_URIS["dl-de-zero-2.0"]}
    assert baul["dct:temporal"]["dcat:startDate"]["@value"] == "2020-01-01"
    assert baul["dct:temporal"]["dcat:endDate"]["@value"] == "2025-12-31"
    assert [k["@value"] for k in baul["dcat:keyword"]] == ["Baulücken", "Innenentwicklung"]
    assert baul["dcat:theme"] == [{"@id": "http://publications.europa.eu/resource/authority/data-theme/REGI"}]
    code, _, err = run_cli("build", answers, "--out", tmp_path / "out")
    assert code == 0, err
    text = docx_text(next((tmp_path / "out").glob("*-vereinbarung.docx")))
    assert "Baulückenkataster" in text and "Lizenz: CC0" in text


def test_export_does_not_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "k.jsonld"
    target.write_text("alt", encoding="utf-8")
    code, _, err = run_cli("datasets", "export", NRW, "--out", target)
    assert code == 1 and "--force" in err
    assert target.read_text(encoding="utf-8") == "alt"
    assert run_cli("datasets", "export", NRW, "--out", target, "--force")[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))["@type"] == "dcat:Catalog"
