"""Signature blocks follow the Land: the party in the accusative, one or two signers, "In Vertretung", the
Dienstsiegel, and the execution "als Verpflichtungserklärung" where the Land's cooperation act requires it."""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

from slp_agreements.build.assemble import assemble
from slp_agreements.errors import UserError
from slp_agreements.library.clauses import ClauseLibrary
from slp_agreements.library.loading import load_library
from slp_agreements.model.validation import validate
from slp_agreements.model.vocabulary import LAND_CODES, Land
from tests.conftest import EXAMPLES

NI = yaml.safe_load(next(e for e in EXAMPLES if e.stem == "niedersachsen-webgis").read_text(encoding="utf-8"))


@functools.cache
def _library() -> ClauseLibrary:
    return load_library()


def _in(land: str, **party_changes: Any) -> dict[str, Any]:
    """The Niedersachsen example moved to ``land`` (a delegation to the Landkreis), with changes to every party."""
    data = copy.deepcopy(NI)
    data["land"] = land
    for party in data["parties"]:
        party["ags"] = LAND_CODES[Land(land)] + party["ags"][2:]
        party.update(copy.deepcopy(party_changes))
    return data


def test_the_heading_names_the_party_in_the_accusative() -> None:
    doc = assemble(validate(_in("NI")), _library(), "de")
    headings = [s.heading for s in doc.signatories]
    assert headings == ["Für den Landkreis Heideland:", "Für die Gemeinde Heidewinkel:",
                        "Für die Gemeinde Lindenbruch:", "Für die Gemeinde Kiefernau:"]  # fmt: skip
    english = assemble(validate(_in("NI")), _library(), "en")
    assert english.signatories[0].heading == "For Landkreis Heideland:"


def test_a_deputy_signs_in_representation_and_public_bodies_seal() -> None:
    data = _in("NI")
    data["parties"][1]["represented_by"] |= {"name": "Erika Muster", "function": "Erste Beigeordnete",
                                             "in_representation": True}  # fmt: skip
    doc = assemble(validate(data), _library(), "de")
    deputy = doc.signatories[1].signers[0]
    assert (deputy.name, deputy.function, deputy.note) == ("Erika Muster", "Erste Beigeordnete", "In Vertretung")
    assert all(s.seal for s in doc.signatories)


def test_where_two_signatures_are_verified_law_a_missing_second_signatory_is_refused() -> None:
    """Brandenburg: § 57 BbgKVerf requires the head of administration and the deputy to sign (✔)."""
    land = _library().laender["BB"]
    assert land.signatories.two_signatures and land.signatories.fact.verified
    with pytest.raises(UserError) as exc:
        assemble(validate(_in("BB")), _library(), "de", "antworten.yaml")
    text = str(exc.value)
    assert "parties[0].second_signatory" in text and "BbgKVerf" in text and "antworten.yaml" in text


def test_where_two_signatures_are_verified_law_both_sign() -> None:
    data = _in("BB", second_signatory={"name": "Zweite Person", "function": "Allgemeine Stellvertreterin"})
    doc = assemble(validate(data), _library(), "de")
    assert all(len(s.signers) == 2 for s in doc.signatories)
    assert doc.signatories[0].signers[1].name == "Zweite Person"


def test_where_two_signatures_are_unverified_a_second_line_is_offered_and_checked() -> None:
    """Hessen: § 71 Abs. 2 HGO (two signatures and seal) is only partly verified: an empty second line, "Zu prüfen"."""
    doc = assemble(validate(_in("HE", represented_by={"name": "A. Muster", "function": "Bürgermeisterin"})),
                   _library(), "de")  # fmt: skip
    assert all(len(s.signers) == 2 and s.signers[1].name == "" for s in doc.signatories)
    steps = [c.text for c in doc.checklist if "HGO" in c.legal_basis or "HGO" in c.text]
    assert any("Zu prüfen" in t and "§ 71" in t for t in steps), steps


def test_where_the_amtsbezeichnung_is_required_a_signer_without_function_is_refused() -> None:
    """Bayern: Art. 38 Abs. 2 GO requires the Amtsbezeichnung (✔)."""
    data = _in("BY")
    data["parties"][2]["represented_by"].pop("function")
    with pytest.raises(UserError) as exc:
        assemble(validate(data), _library(), "de")
    assert "parties[2].represented_by.function" in str(exc.value) and "Art. 38 Abs. 2 GO" in str(exc.value)


@pytest.mark.parametrize(("land", "norm"), [("SH", "§ 18 Abs. 4 GkZ"), ("MV", "§ 165 Abs. 4 KV M-V")])
def test_an_agreement_executed_as_verpflichtungserklaerung_says_so_above_the_signatures(land, norm) -> None:
    data = _in(land, second_signatory={"name": "Zweite Person", "function": "Stellvertretung"})
    doc = assemble(validate(data), _library(), "de")
    assert doc.labels["signatures"] == "Ausfertigung als Verpflichtungserklärung"
    assert doc.signature_note.startswith("Diese ") and "Verpflichtungserklärung" in doc.signature_note
    assert norm in doc.signature_note


def test_a_public_law_contract_is_not_executed_as_verpflichtungserklaerung() -> None:
    data = _in("SH")
    data["agreement"] |= {"instrument": "public_law_contract", "task_transfer": "none"}
    data.pop("task")
    doc = assemble(validate(data), _library(), "de")
    assert doc.signature_note == "" and doc.labels["signatures"] == "Unterschriften"


def test_the_word_file_shows_both_signers_and_the_note(tmp_path: Path) -> None:
    from tests.conftest import docx_text, run_cli

    example = next(e for e in EXAMPLES if e.stem == "hessen-beteiligungsportal")
    code, _, err = run_cli("build", example, "--out", tmp_path)
    assert code == 0, err
    text = docx_text(tmp_path / "hessen-beteiligungsportal-vereinbarung.docx")
    assert "Für den Landkreis Buchenland:" in text and "Dr. Holger Brandt, Erster Kreisbeigeordneter" in text
    assert "In Vertretung" in text and "(Dienstsiegel)" in text
