"""Party names in German sentences: article and case from the head noun, adjectives declined, overrides win."""

from __future__ import annotations

import pytest

from slp_agreements.model.grammar import forms

CASES = [
    # name, kind, nominative, genitive, dative, accusative
    ("Landkreis Heideland", "landkreis", "der Landkreis Heideland", "des Landkreises Heideland",
     "dem Landkreis Heideland", "den Landkreis Heideland"),
    ("Gemeinde Kiefernau", "gemeinde", "die Gemeinde Kiefernau", "der Gemeinde Kiefernau", "der Gemeinde Kiefernau",
     "die Gemeinde Kiefernau"),
    ("Stadt Heidestadt", "stadt", "die Stadt Heidestadt", "der Stadt Heidestadt", "der Stadt Heidestadt",
     "die Stadt Heidestadt"),
    ("Markt Heidbach", "markt", "der Markt Heidbach", "des Marktes Heidbach", "dem Markt Heidbach",
     "den Markt Heidbach"),
    ("Verwaltungsgemeinschaft Heideland", "verwaltungsgemeinschaft", "die Verwaltungsgemeinschaft Heideland",
     "der Verwaltungsgemeinschaft Heideland", "der Verwaltungsgemeinschaft Heideland",
     "die Verwaltungsgemeinschaft Heideland"),
    ("Hochschule Heideland", "research", "die Hochschule Heideland", "der Hochschule Heideland",
     "der Hochschule Heideland", "die Hochschule Heideland"),
    ("Zweckverband Kommunale Datenverarbeitung", "zweckverband", "der Zweckverband Kommunale Datenverarbeitung",
     "des Zweckverbandes Kommunale Datenverarbeitung", "dem Zweckverband Kommunale Datenverarbeitung",
     "den Zweckverband Kommunale Datenverarbeitung"),
    ("Große Kreisstadt Heidenau", "stadt", "die Große Kreisstadt Heidenau", "der Großen Kreisstadt Heidenau",
     "der Großen Kreisstadt Heidenau", "die Große Kreisstadt Heidenau"),
    ("Kommunaler Zweckverband Heide", "zweckverband", "der Kommunale Zweckverband Heide",
     "des Kommunalen Zweckverbandes Heide", "dem Kommunalen Zweckverband Heide", "den Kommunalen Zweckverband Heide"),
    ("Amt Heideland", "amt", "das Amt Heideland", "des Amtes Heideland", "dem Amt Heideland", "das Amt Heideland"),
    ("Bezirk Oberheide", "bezirk", "der Bezirk Oberheide", "des Bezirks Oberheide", "dem Bezirk Oberheide",
     "den Bezirk Oberheide"),
    ("Leibniz-Institut für Raumforschung", "research", "das Leibniz-Institut für Raumforschung",
     "des Leibniz-Instituts für Raumforschung", "dem Leibniz-Institut für Raumforschung",
     "das Leibniz-Institut für Raumforschung"),
    ("Kreis Heideland", "landkreis", "der Kreis Heideland", "des Kreises Heideland", "dem Kreis Heideland",
     "den Kreis Heideland"),
    ("Freistaat Bayern", "public_body", "der Freistaat Bayern", "des Freistaates Bayern", "dem Freistaat Bayern",
     "den Freistaat Bayern"),
    # a company keeps its name; the legal form gives the gender
    ("Kommunales Rechenzentrum Heideland GmbH", "company", "die Kommunales Rechenzentrum Heideland GmbH",
     "der Kommunales Rechenzentrum Heideland GmbH", "der Kommunales Rechenzentrum Heideland GmbH",
     "die Kommunales Rechenzentrum Heideland GmbH"),
    # a bare place name is named with the noun of its kind
    ("Heidestadt", "stadt", "die Stadt Heidestadt", "der Stadt Heidestadt", "der Stadt Heidestadt",
     "die Stadt Heidestadt"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "kind", "nom", "gen", "dat", "akk"), CASES)
def test_a_party_name_declines_with_its_head_noun(name, kind, nom, gen, dat, akk) -> None:
    f = forms(name, kind)
    assert (f.nom, f.gen, f.dat, f.akk) == (nom, gen, dat, akk)


@pytest.mark.parametrize(
    ("name", "kind", "pronoun"),
    [("Landkreis Heideland", "landkreis", "er"), ("Gemeinde Kiefernau", "gemeinde", "sie"), ("Amt Heide", "amt", "es")],
)
def test_the_pronoun_follows_the_gender(name, kind, pronoun) -> None:
    assert forms(name, kind).pronoun == pronoun


def test_overrides_from_the_answers_file_win() -> None:
    f = forms("Heidemark", "gemeinde", "n", {"gen": "des Heidemarks", "nom": None})
    assert (f.nom, f.gen, f.dat, f.pronoun) == ("das Heidemark", "des Heidemarks", "dem Heidemark", "es")


def test_a_party_in_a_built_contract_is_declined(tmp_path) -> None:
    """The signature block says "Für den Landkreis Heideland:", never "Für Landkreis Heideland:"."""
    from tests.conftest import EXAMPLES, docx_text, run_cli

    example = next(e for e in EXAMPLES if e.stem == "niedersachsen-webgis")
    code, _, err = run_cli("build", example, "--out", tmp_path)
    assert code == 0, err
    text = docx_text(tmp_path / "niedersachsen-webgis-vereinbarung.docx")
    assert "Für den Landkreis Heideland:" in text
    assert "Für die Gemeinde Kiefernau:" in text
    assert "Für Landkreis Heideland:" not in text
    assert "der Partei " not in text
