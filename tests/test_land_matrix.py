"""Every Land × instrument × transfer: the combinations the Land allows build in German and English with the Land's
own norms and never the federal VwVfG (except inside a reference-type citation); the ones it rules out are refused
with one German sentence naming the norm."""

from __future__ import annotations

import copy
import functools
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from slp_agreements.build.assemble import assemble
from slp_agreements.errors import UserError
from slp_agreements.library.clauses import ClauseLibrary
from slp_agreements.library.instruments import COOPERATION_ACT
from slp_agreements.library.loading import load_library
from slp_agreements.model.document import Document
from slp_agreements.model.land import LandFacts
from slp_agreements.model.validation import validate
from slp_agreements.model.vocabulary import LAND_CODES, InstrumentKey, Land, PartyKind, Transfer
from tests.conftest import EXAMPLES, docx_text, run_cli

BASE = yaml.safe_load(next(e for e in EXAMPLES if e.stem == "niedersachsen-webgis").read_text(encoding="utf-8"))
# The federal act as a word of its own (not HVwVfG, BayVwVfG, VwVfG NRW, VwVfG M-V, VwVfG LSA, VwVfG Bln …).
FEDERAL = re.compile(r"(?<![A-Za-zÄÖÜäöüß])VwVfG(?![A-Za-zÄÖÜäöüß]| NRW| M-V| LSA| Bln)")


@functools.cache
def _library() -> ClauseLibrary:
    return load_library()


def _kinds(instrument: Any) -> list[str]:
    """Three party kinds the instrument allows: a district first where it may be party, then municipalities."""
    allowed = [k.value for k in instrument.parties.kinds]
    municipal = [k for k in ("gemeinde", "stadt", "markt", "amt", "samtgemeinde", "verbandsgemeinde") if k in allowed]
    first = "landkreis" if "landkreis" in allowed else allowed[0]
    rest = municipal or [k for k in allowed if k != first] or [first]
    return [first, rest[0], rest[-1]]


def variant(land: LandFacts, key: InstrumentKey, transfer: Transfer | None) -> dict[str, Any]:
    """The Niedersachsen example moved to ``land`` with ``key`` and ``transfer``, parties of fitting kinds."""
    data = copy.deepcopy(BASE)
    code = LAND_CODES[land.land]
    data["land"] = land.land.value
    data["agreement"]["instrument"] = key.value
    data["agreement"].pop("task_transfer", None)
    data.pop("task", None)
    if transfer is not None:
        data["agreement"]["task_transfer"] = transfer.value
    if transfer in (Transfer.delegation, Transfer.mandate, Transfer.joint):
        data["task"] = {"name": "Führung eines gemeinsamen Baulückenkatasters", "category": "voluntary"}
        if transfer is not Transfer.joint:
            data["task"]["carrier"] = "lk-heideland"
    kinds = _kinds(land.instruments[key])
    data["parties"] = data["parties"][:3]
    for i, (party, kind) in enumerate(zip(data["parties"], kinds, strict=True)):
        party["kind"] = kind
        party["ags"] = f"{code}369{'000' if kind == 'landkreis' else f'9{i:02d}'}"
        if PartyKind(kind) not in {PartyKind.gemeinde, PartyKind.stadt, PartyKind.markt, PartyKind.landkreis}:
            party.pop("ags")
        party["second_signatory"] = {"name": "Zweite Person", "function": "Erste Beigeordnete"}
    ids = {p["id"] for p in data["parties"]}
    data["data"]["datasets"] = [d for d in data["data"]["datasets"] if d["provider"] in ids]
    if key is InstrumentKey.letter_of_intent:
        for section in ("costs", "web_app"):
            data.pop(section, None)
        data["data"] = {"personal_data": False, "datasets": data["data"]["datasets"]}
    return data


def _cases() -> list[tuple[str, str, str | None]]:
    from slp_agreements.library.land_files import read_land_folder

    root = Path(__file__).resolve().parents[1] / "clauses"
    cases = []
    for land, facts in sorted(read_land_folder(root).items(), key=lambda kv: kv[0].value):
        for key in facts.instruments:
            transfers: list[Transfer | None] = [None] if key is InstrumentKey.letter_of_intent else list(Transfer)
            cases += [(land.value, key.value, t.value if t else None) for t in transfers]
    return cases


CASES = _cases()


def _expected(land: LandFacts, key: InstrumentKey, transfer: Transfer | None) -> bool:
    """Whether the Land data allow the combination (an unverified exclusion only warns)."""
    if transfer is None:
        return True
    instrument = land.instruments[key]
    if transfer in instrument.transfers:
        return True
    exclusion = instrument.excludes.get(transfer)
    return exclusion is not None and not exclusion.verified


def _texts(doc: Document) -> str:
    parts = [doc.title, *doc.intro]
    for section in ([doc.preamble] if doc.preamble else []) + doc.sections:
        parts.append(section.title)
        parts += [p.text for p in section.paragraphs] + [i.text for p in section.paragraphs for i in p.items]
    parts += [f"{c.text} {c.legal_basis}" for c in doc.checklist]
    return "\n".join(parts)


def federal_citations(text: str) -> list[str]:
    """Every mention of the federal VwVfG that is not part of a reference-type citation ('… i. V. m. § 54 VwVfG')."""
    found = []
    for m in FEDERAL.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        if "i. V. m." not in before and "in conjunction with" not in before:
            found.append(text[max(0, m.start() - 60) : m.end() + 10])
    return found


@pytest.mark.parametrize(("code", "key", "transfer"), CASES)
def test_every_land_instrument_and_transfer(code: str, key: str, transfer: str | None) -> None:
    lib = _library()
    land = lib.laender[code]
    ikey, t = InstrumentKey(key), Transfer(transfer) if transfer else None
    answers = validate(variant(land, ikey, t), Path("matrix.yaml"))
    if not _expected(land, ikey, t):
        with pytest.raises(UserError) as exc:
            assemble(answers, lib, "de")
        message = str(exc.value)
        assert "\n" not in message, message
        assert re.search(r"(§|Art\.) \d", message), f"the refusal names no norm: {message}"
        assert "agreement.task_transfer" in message or "agreement.instrument" in message
        return
    for lang in ("de", "en"):
        doc = assemble(answers, lib, lang)
        text = _texts(doc)
        for leftover in ("{{", "{%", "None", "  ", "Partei "):
            assert leftover not in text, f"{leftover!r} in {code}/{key}/{transfer} ({lang})"
        assert not federal_citations(text), federal_citations(text)
        if ikey in COOPERATION_ACT:
            assert land.cooperation_act is not None and land.cooperation_act.short in text
        if ikey is not InstrumentKey.letter_of_intent:
            assert land.vwvfg.short in text, f"{land.vwvfg.short} missing in {code}/{key}/{transfer} ({lang})"


def test_the_matrix_covers_every_land_and_refuses_something() -> None:
    lib = _library()
    assert {c[0] for c in CASES} == {land.value for land in Land}
    refused = [
        c for c in CASES if not _expected(lib.laender[c[0]], InstrumentKey(c[1]), Transfer(c[2]) if c[2] else None)
    ]
    assert len(refused) > 20 and len(CASES) - len(refused) > 40


@pytest.mark.parametrize(
    ("code", "key", "transfer", "norm"),
    [
        ("NI", "agreement", "joint", "§ 5 Abs. 1 NKomZG"),
        ("NI", "agreement", "none", "§ 5 Abs. 1 NKomZG"),
        ("MV", "agreement", "mandate", "§ 165"),
        ("SH", "agreement", "mandate", "§ 18"),
        ("BY", "arge", "delegation", "Art. 4"),
    ],
)
def test_a_refused_combination_exits_1_with_one_line_naming_norm_and_fit(tmp_path, code, key, transfer, norm) -> None:
    lib = _library()
    data = variant(lib.laender[code], InstrumentKey(key), Transfer(transfer))
    path = tmp_path / "antworten.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code_, stdout, err = run_cli("build", path, "--out", tmp_path / "out")
    assert code_ == 1, stdout
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert norm in err and str(path) in err and "Passend:" in err
    assert not (tmp_path / "out").exists()


def test_a_university_cannot_be_party_of_an_agreement_under_the_gkg_nrw(tmp_path) -> None:
    data = yaml.safe_load(next(e for e in EXAMPLES if e.stem == "nrw-wohnungsmarkt").read_text(encoding="utf-8"))
    data["agreement"] |= {"instrument": "agreement", "task_transfer": "mandate"}
    data["task"] = {"name": "Führung der Wohnungsmarktbeobachtung", "carrier": "lindenau"}
    data.pop("indicators_file", None)
    path = tmp_path / "antworten.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, default_flow_style=False), encoding="utf-8")
    code, _, err = run_cli("build", path, "--out", tmp_path / "out")
    assert code == 1
    assert "parties[2].kind" in err and "§ 23 Abs. 1 GkG NRW" in err
    assert "Arbeitsgemeinschaft" in err and "öffentlich-rechtlicher Vertrag" in err


def test_an_unverified_exclusion_warns_and_goes_to_the_checklist(tmp_path) -> None:
    """Thüringen: whether the Zweckvereinbarung carries a mandate is not verified; the build warns, never refuses."""
    lib = _library()
    land = lib.laender["TH"]
    assert not land.instruments[InstrumentKey.agreement].excludes[Transfer.mandate].verified
    answers = validate(variant(land, InstrumentKey.agreement, Transfer.mandate))
    doc = assemble(answers, lib, "de")
    assert any("agreement.task_transfer" in w for w in doc.warnings)
    assert any(item.text.startswith("Zu prüfen") and "ThürKGG" in item.legal_basis for item in doc.checklist)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_sample_of_the_matrix_renders_to_word(tmp_path, lang) -> None:
    """The document model is checked for every combination; a sample goes all the way to a Word file."""
    lib = _library()
    for code, key, transfer in [("BY", "arge", "none"), ("SH", "administrative_community", "mandate"),
                                ("BE", "public_law_contract", "none"), ("TH", "arge_special", "none")]:  # fmt: skip
        data = variant(lib.laender[code], InstrumentKey(key), Transfer(transfer))
        data["language"] = lang
        path = tmp_path / f"{code}-{key}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        exit_code, _, err = run_cli("build", path, "--out", tmp_path / f"{code}-{key}-{lang}")
        assert exit_code == 0, err
        word = "vereinbarung" if lang == "de" else "agreement"
        text = docx_text(tmp_path / f"{code}-{key}-{lang}" / f"{code}-{key}-{word}.docx")
        assert not federal_citations(text)


def test_the_niedersachsen_example_is_a_delegating_zweckvereinbarung_with_the_lands_procedure(tmp_path) -> None:
    example = next(e for e in EXAMPLES if e.stem == "niedersachsen-webgis")
    code, _, err = run_cli("build", example, "--out", tmp_path)
    assert code == 0, err
    text = " ".join(docx_text(tmp_path / "niedersachsen-webgis-vereinbarung.docx").split())
    assert "schließen die Beteiligten eine Zweckvereinbarung nach §§ 5, 6 NKomZG" in text
    assert "§ 2 Übertragene Aufgabe" in text and "Führung eines gemeinsamen Katasters" in text
    assert "übertragen die Gemeinde Heidewinkel, die Gemeinde Lindenbruch und die Gemeinde Kiefernau" in text
    assert "freiwillige Aufgabe des eigenen Wirkungskreises; sie bedarf keiner Genehmigung" in text  # § 5 Abs. 6
    assert "öffentlich bekannt zu machen (§ 5 Abs. 7 NKomZG)" in text
    assert "richtet sich nach § 6 Abs. 2 NKomZG" in text and re.search(r"§ \d+ Aufhebung", text)
    assert "die Aufgabe fällt für sein Gebiet an ihn zurück" in text  # consequences of termination
    checklist = " ".join(docx_text(tmp_path / "niedersachsen-webgis-checkliste.docx").split())
    assert "§ 20 Abs. 2 Nr. 2 Buchst. a NKomZG" in checklist  # the Kommunalaufsichtsbehörde, zu prüfen
    assert "Landkreis Heideland: Kreistag" in checklist


def test_a_clause_folder_that_drops_a_mandatory_land_element_fails_naming_element_and_norm(tmp_path) -> None:
    overlay = tmp_path / "haus"
    overlay.mkdir()
    (overlay / "task.yaml").write_text("id: coop.task\ndisabled: true\n", encoding="utf-8")
    example = next(e for e in EXAMPLES if e.stem == "niedersachsen-webgis")
    code, _, err = run_cli("build", example, "--out", tmp_path / "out", "--clauses", overlay)
    assert code == 1
    flat = " ".join(err.split())
    assert "land-NI-agreement / land.task" in flat and "§ 5 Abs. 1, 3 NKomZG" in flat
    assert "coop.task (deaktiviert)" in flat
