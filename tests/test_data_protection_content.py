"""Issue 15 as behaviour: role models, purposes per dataset, parcel-level geodata, web-application duties, open-data
law steps and English citations, each shown on the examples or on a variant of the Niedersachsen example."""

from __future__ import annotations

import copy
import functools
import re
from typing import Any

import pytest
import yaml

from slp_agreements.build.assemble import assemble
from slp_agreements.library.clauses import ClauseLibrary
from slp_agreements.library.loading import load_library
from slp_agreements.model.document import Document
from slp_agreements.model.formatting import english_citation
from slp_agreements.model.validation import validate
from tests.conftest import EXAMPLES, run_cli

NI = next(e for e in EXAMPLES if e.stem == "niedersachsen-webgis")
HE = next(e for e in EXAMPLES if e.stem == "hessen-beteiligungsportal")
NRW = next(e for e in EXAMPLES if e.stem == "nrw-wohnungsmarkt")


@functools.cache
def _library() -> ClauseLibrary:
    return load_library()


def _raw(example: Any = NI) -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load(example.read_text(encoding="utf-8")))


def _with_roles(roles: str) -> dict[str, Any]:
    """The Niedersachsen example (a mandate, so the Landkreis may process on behalf) with these roles."""
    data = _raw()
    data["agreement"]["task_transfer"] = "mandate"
    data["data"]["roles"] = roles
    data["data"].pop("processor", None)
    data["data"].pop("contact_point", None)
    if roles in ("processing", "combined"):
        data["data"]["processor"] = "lk-heideland"
    if roles in ("joint", "combined"):
        data["data"]["contact_point"] = "heidewinkel"
    return data


def _doc(raw: dict[str, Any], lang: str = "de") -> Document:
    return assemble(validate(raw), _library(), lang)


def _ids(doc: Document) -> list[str]:
    return [c.id for c in doc.clauses]


def _steps(doc: Document) -> dict[str, str]:
    return {s.id: s.text for s in doc.checklist}


def test_combined_model_brings_both_instruments_and_its_own_requirement_set() -> None:
    """Joint controllers plus a common processor: the Art. 26 arrangement, the Art. 28 contract and its annexes."""
    doc = _doc(_with_roles("combined"))
    ids = _ids(doc)
    for clause in ("dp.combined.roles", "dp.joint.arrangement", "dp.joint.data_subjects", "dp.processing.subject",
                   "dp.processing.form", "annex.joint_essence", "annex.processing", "annex.subprocessors"):  # fmt: skip
        assert clause in ids, clause
    assert "dp.separate" not in ids
    assert {"gdpr-art26", "gdpr-art28", "gdpr-combined"} <= set(doc.requirement_sets)
    roles = next(s for s in doc.sections if s.clause_id == "dp.combined.roles")
    text = " ".join(p.text + " ".join(i.text for i in p.items) for p in roles.paragraphs)
    assert "Gemeinsamer Auftragsverarbeiter der Verantwortlichen nach Art. 28 DSGVO ist der Landkreis Heideland" in text
    assert "die Gemeinde Heidewinkel zum koordinierenden Verantwortlichen" in text


@pytest.mark.parametrize("roles", ["separate", "joint", "processing", "combined"])
def test_every_role_model_has_a_role_check_step(roles: str) -> None:
    """The data protection officer checks the chosen model against the facts, whatever the model."""
    steps = _steps(_doc(_with_roles(roles)))
    assert f"dp-{roles}-role-check" in steps
    assert steps[f"dp-{roles}-role-check"].startswith("Zu prüfen")


def test_art28_is_complete_against_the_standard_contractual_clauses() -> None:
    """Clauses 7.5, 7.6(e), 10(c) of Implementing Decision (EU) 2021/915 and an unrestricted objection right."""
    doc = _doc(_with_roles("processing"))
    text = " ".join(p.text for s in doc.sections if s.clause_id.startswith("dp.processing") for p in s.paragraphs)
    assert "besonderen Kategorien personenbezogener Daten im Sinne des Art. 9 Abs. 1 DSGVO" in text
    assert "Datenschutz-Aufsichtsbehörde auf Anfrage zur Verfügung" in text
    assert "nachdem der Auftragsverarbeiter nach § " in text and "gegen geltendes Recht verstößt" in text
    assert "Einspruch gegen die Änderung erheben (Art. 28 Abs. 2 Satz 2 DSGVO)" in text
    assert "wichtigem datenschutzrechtlichem Grund" not in text
    assert "Unterauftragsverarbeiter" not in text


def test_art26_assigns_objections_and_copies() -> None:
    """Who decides on an objection (Art. 21) and who gives the copy of pooled data (Art. 15(3))."""
    doc = _doc(_with_roles("joint"))
    section = next(s for s in doc.sections if s.clause_id == "dp.joint.data_subjects")
    text = " ".join(p.text for p in section.paragraphs)
    assert "Kopie nach Art. 15 Abs. 3 DSGVO" in text
    assert "Widerspricht eine betroffene Person nach Art. 21 Abs. 1 DSGVO" in text


def test_each_dataset_has_its_purpose_in_the_purpose_clause_and_the_annex() -> None:
    """The purposes per dataset bind the data; the policy goals stay goals of § 1."""
    doc = _doc(_raw())
    purposes = next(s for s in doc.sections if s.clause_id == "data.purposes")
    items = [i.text for p in purposes.paragraphs for i in p.items]
    assert any(
        i.startswith("Leerstandsmeldungen (Gemeinde Kiefernau): Erfassung leer stehender Gebäude") for i in items
    )
    annex = next(a for a in doc.annexes if a.clause_id == "annex.datasets")
    assert annex.table is not None and "Zweck" in annex.table.header


def test_a_personal_dataset_without_purpose_is_refused_naming_file_and_field(tmp_path) -> None:
    """One German sentence with file, field and line; exit code 1; nothing written."""
    raw = _raw()
    del raw["data"]["datasets"][2]["purpose"]
    answers = tmp_path / "antworten.yaml"
    answers.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, _, err = run_cli("build", answers, "--out", tmp_path / "out")
    assert code == 1
    assert "antworten.yaml" in err and "data.datasets[2].purpose" in err
    assert "Zweck des Datensatzes „Leerstandsmeldungen“ fehlt (Art. 5 Abs. 1 lit. b DSGVO)" in err
    assert "Traceback" not in err and not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda d: d["data"].pop("contact_point"), "data.contact_point", "koordinierenden Verantwortlichen"),
        (lambda d: d["data"].update(contact_point="lk-heideland"), "data.contact_point", "nicht zugleich"),
        (lambda d: d["data"].pop("processor"), "data.processor", "Auftragsverarbeiters fehlt"),
    ],
)
def test_the_combined_model_needs_a_processor_and_another_coordinator(change, field, words, tmp_path) -> None:
    """The coordinating controller is a controller, never the common processor."""
    raw = _with_roles("combined")
    change(raw)
    answers = tmp_path / "a.yaml"
    answers.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, _, err = run_cli("build", answers, "--out", tmp_path / "out")
    assert code == 1 and field in err and words in err, err


def test_parcel_level_data_are_treated_as_personal_and_baulandkataster_has_its_steps() -> None:
    """Parcel-level data: treated as personal until checked; § 200 Abs. 3 BauGB and Geobasisdaten steps."""
    doc = _doc(_raw())
    steps = _steps(doc)
    assert {"data-parcel-personal-check", "data-baulandkataster-200-baugb", "data-third-party-terms"} <= set(steps)
    onward = next(s for s in doc.sections if s.clause_id == "data.onward_sharing")
    text = " ".join(p.text for p in onward.paragraphs)
    assert "Ein Baulandkataster (§ 200 Abs. 3 BauGB) veröffentlicht nur die Gemeinde" in text


def test_parcel_level_data_without_personal_data_warn() -> None:
    """personal_data false with parcel-level data builds, but says what to check."""
    raw = _raw()
    raw["data"]["personal_data"] = False
    raw["data"].pop("roles")
    for ds in raw["data"]["datasets"]:
        ds["personal_data"] = False
    doc = _doc(raw)
    assert any("Flurstücksbezogene Daten sind in der Regel personenbezogen" in w for w in doc.warnings)


def test_the_web_application_has_accessibility_and_information_security() -> None:
    """Land accessibility law named where verified (Niedersachsen: §§ 9 ff. NBGG), ISMS, BSI profile, SDM."""
    doc = _doc(_raw())
    ids = _ids(doc)
    assert {"webapp.accessibility", "webapp.security"} <= set(ids)
    access = next(s for s in doc.sections if s.clause_id == "webapp.accessibility")
    assert "(§§ 9 ff. NBGG)" in access.paragraphs[0].text
    assert "Erklärung zur Barrierefreiheit" in access.paragraphs[1].text
    assert "Feedback-Mechanismus" in access.paragraphs[2].text
    security = " ".join(p.text for s in doc.sections if s.clause_id == "webapp.security" for p in s.paragraphs)
    assert "Managementsystems für Informationssicherheit (ISMS)" in security
    assert "Basis-Absicherung Kommunalverwaltung" in security
    assert "Informationssicherheitsbeauftragte" in security
    steps = _steps(doc)
    assert {"webapp-accessibility-law", "webapp-accessibility-statement", "webapp-isms-check"} <= set(steps)


def test_open_data_law_steps_appear_only_when_relevant() -> None:
    """INSPIRE for geodata, HVD and DNG for open data, statistics secrecy only for a statistics office."""
    ni = _steps(_doc(_raw()))
    assert "geodata-inspire-check" in ni and "open-data-hvd-check" in ni
    assert "data-statistics-secrecy" not in ni
    raw = _raw(NRW)
    assert "geodata-inspire-check" not in _steps(_doc(raw))
    raw["data"]["statistics_office"] = True
    nrw = _doc(raw)
    assert "data-statistics-secrecy" in _steps(nrw)
    assert "statistics_secrecy" in " ".join(nrw.requirement_sets) or any(
        "Statistikstelle" in p.text for s in nrw.sections if s.clause_id == "data.confidential" for p in s.paragraphs
    )


def test_wrong_citations_and_words_are_gone_in_every_example() -> None:
    """No Art. 20 DSGVO on exit, no federal § 30 VwVfG, no 'gesperrt' data, no anglicisms, no minutes style."""
    library = _library()
    for example in EXAMPLES:
        answers = validate(yaml.safe_load(example.read_text(encoding="utf-8")))
        for lang in ("de", "en"):
            doc = assemble(answers, library, lang)
            text = "\n".join(p.text + " ".join(i.text for i in p.items) for s in doc.sections for p in s.paragraphs)
            text += "\n".join(s.text + " " + s.legal_basis for s in doc.checklist)
            for wrong in ("Art. 20 DSGVO", "Article 20 GDPR", "§ 30 VwVfG", "gesperrt", "hostende", "Host-Partei",
                          "Ausstiegstest", "Unterauftragsverarbeiter", "nach den Angaben der", "nach Angabe der",
                          "Im letztgenannten Fall", "Wirtschaftsplan", "simple (non-exclusive)", "ordinary notice",
                          "Processing on behalf –"):  # fmt: skip
                assert wrong not in text, f"{example.name} ({lang}): {wrong}"


def test_english_checklists_cite_in_english() -> None:
    """The legal-basis column of an English checklist carries no German citation words."""
    for example in EXAMPLES:
        doc = assemble(validate(yaml.safe_load(example.read_text(encoding="utf-8"))), _library(), "en")
        for step in doc.checklist:
            assert not re.search(r"DSGVO|\bAbs\.|\bbis\b|i\. V\. m\.|\bff\.|Richtlinie|EuGH", step.legal_basis), (
                f"{example.name}: {step.id}: {step.legal_basis}"
            )


@pytest.mark.parametrize(
    ("german", "english"),
    [
        ("Art. 28 Abs. 3 Satz 2 lit. a DSGVO", "Article 28(3) sentence 2(a) GDPR"),
        ("§§ 106, 108 Abs. 1 bis 4, 6, 7 GWB", "§§ 106, 108(1) to (4), (6), (7) GWB"),
        ("§ 1 Abs. 1 NVwVfG i. V. m. § 57 VwVfG", "§ 1(1) NVwVfG in conjunction with § 57 VwVfG"),
        ("Art. 13, 14 DSGVO", "Articles 13, 14 GDPR"),
        ("§§ 54 ff. VwVfG NRW", "§§ 54 et seq. VwVfG NRW"),
        ("Article 6(1) GDPR", "Article 6(1) GDPR"),
    ],
)
def test_a_german_citation_in_english(german: str, english: str) -> None:
    """The English column keeps § and the act's abbreviation, writes paragraphs in brackets and GDPR for DSGVO."""
    assert english_citation(german) == english


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
def test_clauses_coverage_shows_the_new_elements(example) -> None:
    """`clauses coverage` lists the new requirement elements that apply to each example, each covered."""
    code, out, err = run_cli("clauses", "coverage", example)
    assert code == 0, err
    raw = yaml.safe_load(example.read_text(encoding="utf-8"))
    data, binding = raw.get("data") or {}, raw["agreement"].get("instrument") != "letter_of_intent"
    expected: set[str] = set()
    if binding and raw.get("web_app"):
        expected |= {"webapp.accessibility", "webapp.accessibility_statement", "webapp.feedback",
                     "webapp.security_management", "webapp.exit"}  # fmt: skip
    if binding and data.get("personal_data"):
        expected.add("sharing.dataset_purpose")
        if data.get("roles") in ("joint", "combined"):
            expected |= {"art26.access_copy", "art26.objection"}
        if data.get("roles") in ("processing", "combined"):
            expected |= {"art28.sensitive_data", "art28.authority_information", "art28.processor_termination",
                         "art28.subprocessor_objection"}  # fmt: skip
        if data.get("roles") == "combined":
            expected |= {"combined.allocation", "combined.coordination", "combined.joint_decisions",
                         "combined.no_own_purposes"}  # fmt: skip
    if binding and any(ds.get("parcel_level") for ds in data.get("datasets") or []):
        expected.add("sharing.parcel_data")
    flat = re.sub(r"\s+", "", out)
    for element in expected:
        assert element in flat, f"{example.name}: {element}"
    assert "fehlt" not in out.lower() or "nicht abgedeckt" not in out.lower()
    if example in (NI, HE, NRW):
        assert expected, f"{example.name}: no new element applies"


def test_the_json_schema_knows_the_new_fields() -> None:
    """Editors with YAML checking offer combined, purpose, parcel_level and statistics_office."""
    code, out, _ = run_cli("schema")
    assert code == 0
    schema = out
    for word in ('"combined"', '"purpose"', '"parcel_level"', '"statistics_office"'):
        assert word in schema, word
