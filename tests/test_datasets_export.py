"""Shared datasets as a DCAT-AP.de catalogue (JSON-LD) for open-data portals; datasets read from tables."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

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
    geo = {str(o) for o in g.objects(None, URIRef(DCT + "spatial"))}
    assert "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/05118000" in geo
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
    assert "'Mietangebotsdaten' nicht exportiert: enthält personenbezogene Daten" in err
    assert "'Haushaltsbefragung Wohnen 2027' nicht exportiert" in err


def test_without_an_open_licence_nothing_is_exported(tmp_path: Path) -> None:
    text = NRW.read_text(encoding="utf-8").replace("licence: cc-by-4.0", "licence: parties-only")
    text = text.replace("      licence: dl-de-by-2.0\n", "")
    answers = tmp_path / "a.yaml"
    answers.write_text(text, encoding="utf-8")
    (tmp_path / "indikatoren-flaeche-wohnen.csv").write_bytes(
        (NRW.parent / "indikatoren-flaeche-wohnen.csv").read_bytes()
    )
    code, out, err = run_cli("datasets", "export", answers)
    assert code == 1
    assert out == ""
    assert "Kein Datensatz kann als Open Data exportiert werden" in err
    assert "'Bautätigkeitsstatistik' nicht exportiert: keine offene Lizenz" in err


def _datasets_csv(path: Path, licence: str) -> Path:
    rows = [
        ["Titel", "Beschreibung", "Datengeber", "Format", "Aktualisierung", "Schlagwörter", "Kategorie",
         "Räumliche Abdeckung", "Zeitraum von", "Zeitraum bis", "URL", "Lizenz", "Personenbezug"],
        ["Baulücken", "Baulückenkataster", "hohenfeld", "GeoJSON", "jährlich", "Baulücken; Innenentwicklung",
         "Regionen und Städte", "05118000", "2020", "31.12.2025", "https://daten.hohenfeld.example/b.geojson",
         "dl-de-zero-2.0", "nein"],
        ["Brachflächen", "Brachflächenkataster", "lindenau", "CSV", "jährlich", "Brachen", "REGI",
         "05115000", "", "", "https://daten.lindenau.example/b.csv", licence, "nein"],
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


# What GovData needs and the exporter checks before writing (rules from DCAT-AP.de, tests/test_dcat_shacl.py runs
# the official shapes over the same records).

NI = ROOT / "examples" / "niedersachsen-webgis.yaml"
ALKIS = "Amtliche Liegenschaftskarte (ALKIS-Auszug)"


def _variant(tmp_path: Path, source: Path, *replacements: tuple[str, str]) -> Path:
    text = source.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    answers = tmp_path / source.name
    answers.write_text(text, encoding="utf-8")
    for table in source.parent.glob("*.csv"):
        (tmp_path / table.name).write_bytes(table.read_bytes())
    return answers


def _refused(answers: Path, tmp_path: Path, *args: str) -> str:
    target = tmp_path / "katalog.jsonld"
    code, out, err = run_cli("datasets", "export", answers, "--out", target, *args)
    assert code == 1, out
    assert not target.exists(), "nothing is written when the record is refused"
    assert "Traceback" not in err
    return err


def test_a_distribution_without_access_url_is_refused_naming_dataset_and_field(tmp_path: Path) -> None:
    answers = _variant(
        tmp_path,
        NI,
        ("      url: https://geo.lk-heideland.example/wms/alkis?SERVICE=WMS&REQUEST=GetCapabilities\n", ""),
    )
    err = _refused(answers, tmp_path)
    assert "Der Katalog entspricht nicht DCAT-AP.de 3.0 und wird nicht geschrieben (1 Problem)" in err
    assert f"Datensatz '{ALKIS}' (data.datasets[3].url): Zugangs-URL fehlt (dcat:accessURL, Pflicht)" in err


def test_allow_invalid_writes_the_record_and_repeats_every_error_as_a_warning(tmp_path: Path) -> None:
    answers = _variant(
        tmp_path,
        NI,
        ("      url: https://geo.lk-heideland.example/wms/alkis?SERVICE=WMS&REQUEST=GetCapabilities\n", ""),
    )
    target = tmp_path / "k.jsonld"
    code, _, err = run_cli("datasets", "export", answers, "--out", target, "--allow-invalid")
    assert code == 0, err
    assert "trotz Fehler geschrieben (--allow-invalid)" in err and "Zugangs-URL fehlt" in err
    assert (
        "dcat:accessURL"
        not in json.loads(target.read_text(encoding="utf-8"))["dcat:dataset"][0]["dcat:distribution"][0]
    )


def test_an_unknown_format_is_refused_with_a_hint(tmp_path: Path) -> None:
    answers = _variant(tmp_path, NI, ("      format: WMS\n", "      format: GeoPakage\n"))
    err = _refused(answers, tmp_path)
    assert f"Datensatz '{ALKIS}' (data.datasets[3].format): Format 'GeoPakage' steht nicht im EU-Vokabular" in err
    assert "meinten Sie 'GeoPackage'?" in err
    assert "bekannt sind CSV, TSV, XLSX" in err and "WMS, WFS" in err


@pytest.mark.parametrize(
    ("written", "code", "media_type"),
    [("GeoPackage", "GPKG", "application/geopackage+sqlite3"), ("WMS", "WMS_SRVC", None),
     ("WFS", "WFS_SRVC", None), ("Shapefile", "SHP", None), ("xlsx", "XLSX", None), ("GeoJSON", "GEOJSON",
     "application/geo+json"), (".csv", "CSV", "text/csv"), ("PDF", "PDF", "application/pdf")],
)  # fmt: skip
def test_formats_municipalities_use_become_eu_file_types_and_iana_media_types(
    written: str, code: str, media_type: str | None, tmp_path: Path
) -> None:
    answers = _variant(tmp_path, NI, ("      format: WMS\n", f"      format: {written}\n"))
    code_, out, err = run_cli("datasets", "export", answers)
    assert code_ == 0, err
    dist = json.loads(out)["dcat:dataset"][0]["dcat:distribution"][0]
    assert dist["dct:format"] == {"@id": f"http://publications.europa.eu/resource/authority/file-type/{code}"}
    if media_type:
        assert dist["dcat:mediaType"] == {"@id": f"https://www.iana.org/assignments/media-types/{media_type}"}
    elif code != "XLSX":
        assert "dcat:mediaType" not in dist


def test_a_dataset_with_personal_data_is_never_exported(tmp_path: Path) -> None:
    answers = _variant(tmp_path, NI, ("      provider: lk-heideland\n      personal_data: false\n",
                                      "      provider: lk-heideland\n      personal_data: true\n"))  # fmt: skip
    err = _refused(answers, tmp_path)
    assert "Kein Datensatz kann als Open Data exportiert werden" in err
    assert f"Datensatz '{ALKIS}' nicht exportiert: enthält personenbezogene Daten" in err


def test_a_dataset_without_its_own_answer_is_not_exported_when_the_agreement_involves_personal_data(
    tmp_path: Path,
) -> None:
    answers = _variant(
        tmp_path, NRW, ("      provider: hohenfeld\n      personal_data: false\n", "      provider: hohenfeld\n")
    )
    code, out, err = run_cli("datasets", "export", answers)
    assert code == 0, err
    assert [d["dct:title"]["@value"] for d in json.loads(out)["dcat:dataset"]] == ["Indikatorenwerte Fläche und Wohnen"]
    assert "'Bautätigkeitsstatistik' nicht exportiert: Die Vereinbarung betrifft personenbezogene Daten" in err
    assert "'personal_data: false' eintragen" in err
    # Without personal data in the agreement, a dataset needs no answer of its own.
    (tmp_path / "plain").mkdir()
    own_answer = ("      provider: hohenfeld\n      personal_data: false\n", "      provider: hohenfeld\n")
    plain = _variant(
        tmp_path / "plain", NRW, own_answer, ("data:\n  personal_data: true\n", "data:\n  personal_data: false\n")
    )
    plain.write_text(plain.read_text(encoding="utf-8").replace("      personal_data: true\n", ""), encoding="utf-8")
    code, out, err = run_cli("datasets", "export", plain, "--allow-invalid")  # the other datasets lack URLs
    assert code == 0, err
    assert "Bautätigkeitsstatistik" in [d["dct:title"]["@value"] for d in json.loads(out)["dcat:dataset"]]


def test_a_period_that_ends_before_it_starts_is_refused(tmp_path: Path) -> None:
    answers = _variant(
        tmp_path,
        NRW,
        ("temporal: {start: 2015-01-01, end: 2026-12-31}", "temporal: {start: 2026-12-31, end: 2015-01-01}"),
    )
    err = _refused(answers, tmp_path)
    assert "data.datasets[1].temporal" in err
    assert "Zeitraum endet (2015-01-01) vor seinem Beginn (2026-12-31)" in err


def test_a_period_in_a_table_that_ends_before_it_starts_names_row_and_column(tmp_path: Path) -> None:
    table = _datasets_csv(tmp_path / "daten.csv", "cc-zero")
    rows = table.read_text(encoding="utf-8").replace(";2020;31.12.2025;", ";31.12.2025;2020;")
    table.write_text(rows, encoding="utf-8")
    code, _, err = run_cli("datasets", "export", _answers_with_datasets_file(tmp_path, table))
    assert code == 1
    assert "daten.csv" in err and "Zeile 2" in err and "vor seinem Beginn" in err


def test_without_a_base_uri_the_datasets_have_no_stable_iri_and_are_refused(tmp_path: Path) -> None:
    answers = _variant(tmp_path, NI, ("  base_uri: https://daten.lk-heideland.example/datensatz/\n", ""))
    err = _refused(answers, tmp_path)
    assert f"Datensatz '{ALKIS}' (data.datasets[3].uri): keine dauerhafte Kennung (IRI)" in err
    assert "publication.base_uri" in err


def test_dataset_iris_are_stable_and_the_identifier_is_the_iri(tmp_path: Path) -> None:
    first = json.loads(run_cli("datasets", "export", NRW)[1])
    again = json.loads(run_cli("datasets", "export", NRW)[1])
    assert first == again
    ids = [d["@id"] for d in first["dcat:dataset"]]
    assert ids == [
        "https://daten.wohnungsmarkt-rrs.example/datensatz/bautaetigkeitsstatistik",
        "https://daten.wohnungsmarkt-rrs.example/datensatz/indikatorenwerte-flaeche-und-wohnen",
    ]
    assert [d["dct:identifier"] for d in first["dcat:dataset"]] == ids
    # A dataset's own uri wins; one dataset added before the others changes no other IRI.
    answers = _variant(
        tmp_path,
        NRW,
        (
            "      licence: dl-de-by-2.0\n",
            "      licence: dl-de-by-2.0\n      uri: https://daten.hohenfeld.example/id/bau\n",
        ),
    )
    ids2 = [d["@id"] for d in json.loads(run_cli("datasets", "export", answers)[1])["dcat:dataset"]]
    assert ids2 == ["https://daten.hohenfeld.example/id/bau", ids[1]]


def test_two_datasets_with_the_same_iri_are_refused(tmp_path: Path) -> None:
    answers = _variant(
        tmp_path, NRW, ("    - title: Indikatorenwerte Fläche und Wohnen\n", "    - title: Bautätigkeitsstatistik\n")
    )
    err = _refused(answers, tmp_path)
    assert "dieselbe Kennung https://daten.wohnungsmarkt-rrs.example/datensatz/bautaetigkeitsstatistik" in err


def test_contributor_id_comes_from_the_land_and_can_be_overridden(tmp_path: Path) -> None:
    nrw = json.loads(run_cli("datasets", "export", NRW)[1])["dcat:dataset"][0]
    assert nrw["dcatde:contributorID"] == {"@id": "http://dcat-ap.de/def/contributors/openNRW"}
    ni = json.loads(run_cli("datasets", "export", NI)[1])["dcat:dataset"][0]
    assert ni["dcatde:contributorID"] == {"@id": "http://dcat-ap.de/def/contributors/landNiedersachsen"}
    own = _variant(
        tmp_path, NRW, ("  portal: Open.NRW\n", "  portal: Open.NRW\n  contributor_id: metropolregionRheinNeckar\n")
    )
    node = json.loads(run_cli("datasets", "export", own)[1])["dcat:dataset"][0]
    assert node["dcatde:contributorID"] == {"@id": "http://dcat-ap.de/def/contributors/metropolregionRheinNeckar"}


def test_an_unknown_contributor_id_is_refused_with_a_hint(tmp_path: Path) -> None:
    own = _variant(tmp_path, NRW, ("  portal: Open.NRW\n", "  portal: Open.NRW\n  contributor_id: openNRV\n"))
    code, _, err = run_cli("datasets", "export", own)
    assert code == 1
    assert "publication.contributor_id" in err and "meinten Sie 'openNRW'?" in err


def test_a_land_without_a_portal_in_the_list_needs_a_contributor_id(tmp_path: Path) -> None:
    # Thüringen has no entry in the DCAT-AP.de contributor list (version 20251021).
    answers = _variant(
        tmp_path, NRW, ("land: NW\n", "land: TH\n"), ('"05115000"', '"16051000"'), ('"05118000"', '"16052000"')
    )
    err = _refused(answers, tmp_path)
    assert "(publication.contributor_id): dcatde:contributorID fehlt (Pflicht für GovData)" in err
    assert "für das Land TH steht dort keine" in err


def test_publisher_is_an_organisation_and_contacts_are_typed_person_or_office(tmp_path: Path) -> None:
    node = json.loads(run_cli("datasets", "export", NRW)[1])["dcat:dataset"][0]
    assert node["dct:publisher"]["@type"] == "foaf:Organization"
    assert node["dct:publisher"]["foaf:name"] == "Stadt Hohenfeld"
    assert node["dcat:contactPoint"]["@type"] == "vcard:Organization"
    # Without a contact of its own, the provider's contact person: a vcard:Individual of the provider.
    office = (
        "Stadtentwicklung Hohenfeld – Wohnungsmarktbeobachtung, kind: office, email: wohnungsmarkt@hohenfeld.example"
    )
    answers = _variant(tmp_path, NRW, (f"      contact: {{name: {office}}}\n", ""))
    code, out, err = run_cli("datasets", "export", answers)
    assert code == 0, err
    point = json.loads(out)["dcat:dataset"][0]["dcat:contactPoint"]
    assert point == {
        "@type": "vcard:Individual",
        "vcard:fn": "Ahmet Yılmaz",
        "vcard:organization-name": "Stadt Hohenfeld",
        "vcard:hasEmail": {"@id": "mailto:a.yilmaz@hohenfeld.example"},
    }
    assert "Als Kontakt werden Personen mit Namen veröffentlicht (Ahmet Yılmaz)" in err


def test_profile_3_types_the_location_and_profile_2_adds_the_geocoding_uri() -> None:
    v3 = json.loads(run_cli("datasets", "export", NI)[1])["dcat:dataset"][0]
    assert v3["dct:spatial"] == [
        {"@id": "http://dcat-ap.de/def/politicalGeocoding/districtKey/03369", "@type": "dct:Location"}
    ]
    assert "dcatde:politicalGeocodingURI" not in v3
    assert v3["dcatde:politicalGeocodingLevelURI"] == {
        "@id": "http://dcat-ap.de/def/politicalGeocoding/Level/administrativeDistrict"
    }
    v2 = json.loads(run_cli("datasets", "export", NI, "--profile", "2.0")[1])["dcat:dataset"][0]
    assert v2["dct:spatial"] == [{"@id": "http://dcat-ap.de/def/politicalGeocoding/districtKey/03369"}]
    assert v2["dcatde:politicalGeocodingURI"] == v2["dct:spatial"]


def test_keywords_themes_landing_page_and_dates_are_written() -> None:
    node = json.loads(run_cli("datasets", "export", NI)[1])["dcat:dataset"][0]
    assert [k["@value"] for k in node["dcat:keyword"]] == ["Liegenschaftskarte", "ALKIS", "Flurstücke", "Gebäude"]
    assert node["dcat:landingPage"] == {"@id": "https://www.lk-heideland.example/web-gis"}
    assert node["dct:issued"] == {"@value": "2027-03-01", "@type": "xsd:date"}
    assert node["dct:modified"] == {"@value": "2027-03-01", "@type": "xsd:date"}
    assert node["dct:accrualPeriodicity"] == {
        "@id": "http://publications.europa.eu/resource/authority/frequency/MONTHLY"
    }
    dist = node["dcat:distribution"][0]
    assert dist["dcatde:licenseAttributionByText"] == {"@value": "Landkreis Heideland", "@language": "de"}


def test_missing_recommended_properties_are_warnings_not_errors(tmp_path: Path) -> None:
    answers = _variant(
        tmp_path,
        NI,
        ("      keywords: [Liegenschaftskarte, ALKIS, Flurstücke, Gebäude]\n", ""),
        ("      landing_page: https://www.lk-heideland.example/web-gis\n", ""),
        ("      update: monatlich\n      # Angaben", "      update: zum Quartalsende\n      # Angaben"),
    )
    code, _, err = run_cli("datasets", "export", answers)
    assert code == 0, err
    assert f"Datensatz '{ALKIS}' (data.datasets[3].keywords): keine Schlagwörter (dcat:keyword)" in err
    assert "(data.datasets[3].landing_page): keine Webseite zum Datensatz (dcat:landingPage)" in err
    assert "Aktualisierung 'zum Quartalsende' entspricht keinem Wert des EU-Vokabulars" in err


def test_an_export_of_example_data_says_so() -> None:
    code, _, err = run_cli("datasets", "export", NRW)
    assert code == 0
    assert "Das sind Beispieldaten" in err and "(z. B. daten.hohenfeld.example)" in err


def test_an_export_of_real_addresses_has_no_example_warning(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(NRW.read_text(encoding="utf-8").replace(".example", ".de"), encoding="utf-8")
    (tmp_path / "indikatoren-flaeche-wohnen.csv").write_bytes(
        (NRW.parent / "indikatoren-flaeche-wohnen.csv").read_bytes()
    )
    code, _, err = run_cli("datasets", "export", answers)
    assert code == 0, err
    assert "Beispieldaten" not in err


def test_shapes_option_names_the_missing_extra_when_pyshacl_is_absent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pyshacl", None)  # import pyshacl now raises ImportError
    code, _, err = run_cli("datasets", "export", NRW, "--shapes", tmp_path)
    assert code == 1
    assert "pip install 'slp-agreements[shacl]'" in err
