"""What a Kommunalaufsichtsbehörde and a Rechtsamt read in the municipal-law clauses: no unverified fact stated as
certain, no norm cited for what it does not say, liability that fits the instrument, parties named in the case the
sentence needs, "Beteiligte" in the user texts, and only unassigned AGS numbers in examples and tests."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from slp_agreements.build.assemble import assemble
from slp_agreements.library.clauses import ClauseLibrary
from slp_agreements.library.instruments import COOPERATION_ACT
from slp_agreements.library.loading import load_library
from slp_agreements.model.document import Document
from slp_agreements.model.validation import validate
from slp_agreements.model.vocabulary import InstrumentKey, Transfer
from tests.conftest import EXAMPLES, run_cli
from tests.test_land_matrix import CASES, _expected, variant

ROOT = Path(__file__).resolve().parents[1]


@functools.cache
def _library() -> ClauseLibrary:
    return load_library()


def _section(doc: Document, clause_id: str) -> str:
    found = [s for s in doc.sections if s.clause_id == clause_id]
    assert found, f"{clause_id} missing"
    return " ".join(p.text for p in found[0].paragraphs)


def _one_case_per_instrument() -> list[tuple[str, str, str | None]]:
    """Each Land × instrument once, with the first transfer the Land allows for it."""
    lib = _library()
    seen: dict[tuple[str, str], tuple[str, str, str | None]] = {}
    for code, key, transfer in CASES:
        land = lib.laender[code]
        if (code, key) not in seen and _expected(land, InstrumentKey(key), Transfer(transfer) if transfer else None):
            seen[(code, key)] = (code, key, transfer)
    return list(seen.values())


SAMPLE = _one_case_per_instrument()


def _doc(code: str, key: str, transfer: str | None, lang: str = "de") -> Document:
    lib = _library()
    data = variant(lib.laender[code], InstrumentKey(key), Transfer(transfer) if transfer else None)
    return assemble(validate(data, Path("matrix.yaml")), lib, lang)


@pytest.mark.parametrize(("code", "key", "transfer"), [c for c in SAMPLE if InstrumentKey(c[1]) in COOPERATION_ACT])
def test_an_unverified_effect_is_never_stated_as_the_rule_of_its_norm(code: str, key: str, transfer: str) -> None:
    """NI § 5 Abs. 7 NKomZG (✖ for the effect): the draft must not say 'wird wirksam, sobald … (§ 5 Abs. 7 NKomZG)'."""
    effect = _library().laender[code].instruments[InstrumentKey(key)].effect
    text = _section(_doc(code, key, transfer), "final.entry_into_force")
    if effect is not None and not effect.verified and effect.norm:
        sentence = next(s for s in re.split(r"(?<=\.) ", text) if "wird wirksam" in s)
        assert effect.norm not in sentence, sentence
        assert "jedoch nicht vor dem Zeitpunkt, den das Landesrecht für ihr Wirksamwerden bestimmt" in sentence


@pytest.mark.parametrize(("code", "key", "transfer"), [c for c in SAMPLE if InstrumentKey(c[1]) in COOPERATION_ACT])
def test_termination_cites_the_lands_procedure_only_where_verified(code: str, key: str, transfer: str) -> None:
    """§ 6 Abs. 2 NKomZG demands termination terms; it says nothing on the Kommunalaufsicht's part in a termination."""
    termination = _library().laender[code].instruments[InstrumentKey(key)].termination
    text = _section(_doc(code, key, transfer), "final.termination")
    after = text.split("Eine Kündigung nach Absatz 2 soll begründet werden.")[1]
    assert "richtet sich nach" not in after.split(". ")[0]
    procedural = termination is not None and re.search(r"anzuzeigen|Genehmigung|bekannt", termination.de)
    if termination is not None and termination.verified and procedural:
        assert termination.de.split(";")[0].replace("Aufsichtsbehörde", "Kommunalaufsichtsbehörde") in text
    else:
        assert "Schreibt das Landesrecht vor, dass die Kündigung der Kommunalaufsichtsbehörde anzuzeigen" in text


def test_nrw_termination_is_notified_and_published_as_section_24_5_gkg_says() -> None:
    text = _section(_doc("NW", "agreement", "mandate"), "final.termination")
    assert "Die Kündigung ist der Kommunalaufsichtsbehörde anzuzeigen" in text and "(§ 24 Abs. 5 GkG NRW)" in text


def test_a_niedersachsen_amendment_needs_approval_only_where_section_5_6_demands_it() -> None:
    """A voluntary task needs no approval (§ 5 Abs. 6 NKomZG); § 6 Abs. 1 must not read as if every change did."""
    text = _section(_doc("NI", "agreement", "delegation"), "final.written_form")
    assert "der Genehmigung nach § 5 Abs. 6 NKomZG, soweit diese Vorschrift für die Aufgabe eine Genehmigung" in text
    assert "(§ 6 Abs. 1 NKomZG)" in text


@pytest.mark.parametrize("lang", ["de", "en"])
def test_liability_follows_the_instrument(lang: str) -> None:
    """Delegation: the new Träger is liable to third parties; mandate: the performer indemnifies; ArGe: neither."""
    delegation = _section(_doc("NI", "agreement", "delegation", lang), "coop.liability")
    mandate = _section(_doc("HE", "agreement", "mandate", lang), "coop.liability")
    arge = _section(_doc("BY", "arge", "none", lang), "coop.liability")
    if lang == "de":
        assert "ist der Landkreis Heideland ihr Träger; für Schäden, die Dritten bei der Erfüllung" in delegation
        assert "haftet der Landkreis Heideland nach den gesetzlichen Vorschriften" in delegation
        assert "bleibt bei den beauftragenden Beteiligten" in mandate
        assert "stellt der Landkreis Heideland ihn" in mandate
        assert "Träger" not in arge and "stellt" not in arge
    else:
        assert "Landkreis Heideland is its responsible body" in delegation
        assert "indemnifies that Party" in mandate
        assert "responsible body" not in arge and "indemnif" not in arge
    for text in (delegation, mandate, arge):
        assert "Art. 34" in text or "Article 34" in text


def test_the_parties_are_named_in_the_dative_after_zwischen() -> None:
    doc = _doc("NI", "agreement", "delegation")
    assert doc.subtitle == "zwischen"
    assert doc.intro[0].startswith("dem Landkreis Heideland (AGS ")
    assert doc.intro[1].startswith("der Gemeinde ")
    english = _doc("NI", "agreement", "delegation", "en")
    assert english.intro[0].startswith("Landkreis Heideland (AGS ")


def test_user_texts_of_the_commands_say_beteiligte() -> None:
    code, out, _ = run_cli("build", "--help")
    assert code == 0 and "Beteiligten je Zeile" in " ".join(out.split())
    assert "Partei" not in out


AGS = re.compile(r"(?<![\d.])(0[1-9]|1[0-6])(\d{3})(\d{3})(?![\d.])")
# Kreisschlüssel that exist for no district: the examples' fictional regions and the tests' wrong-Land cases.
UNASSIGNED = {"03369", "05115", "05118", "05355", "05369", "05571", "06449", "09579", "16078", "16079"}


def test_examples_and_tests_use_only_unassigned_ags_numbers() -> None:
    files = [*EXAMPLES, *sorted((ROOT / "tests").glob("*.py"))]
    found = {
        f"{f.name}: {m.group(0)}"
        for f in files
        for m in AGS.finditer(f.read_text(encoding="utf-8"))
        if m.group(1) + m.group(2) not in UNASSIGNED
    }
    assert not found, sorted(found)


@pytest.mark.parametrize(("code", "lang", "expected"), [
    ("MV", "de", "Zu diesem Zweck vereinbaren die Beteiligten eine Verwaltungsgemeinschaft nach § 167 KV M-V."),
    ("BW", "de", "Zu diesem Zweck vereinbaren die Beteiligten eine gemeinsame Dienststelle nach § 27 GKZ."),
    ("BW", "en", "conclude the following agreement on a joint office (gemeinsame Dienststelle) under § 27 GKZ."),
])  # fmt: skip
def test_an_administrative_community_is_agreed_not_concluded(code: str, lang: str, expected: str) -> None:
    """One does not 'schließen' a gemeinsame Dienststelle or a Verwaltungsgemeinschaft; one agrees on it."""
    doc = _doc(code, "administrative_community", "mandate", lang)
    assert doc.preamble is not None
    assert expected in " ".join(p.text for p in doc.preamble.paragraphs)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_an_authority_norm_without_a_section_is_named_as_an_act(lang: str) -> None:
    """Bayern: the authority is not verified and has no section; 'nach KommZG' lacks the article."""
    text = _section(_doc("BY", "agreement", "delegation", lang), "coop.subject")
    assert ("nach den Vorschriften des KommZG" if lang == "de" else "under the provisions of the KommZG") in text
    assert "nach KommZG" not in text and "under KommZG" not in text


@pytest.mark.parametrize(
    ("code", "key"),
    [("TH", "arge"), ("RP", "arge"), ("ST", "arge_special"), ("BB", "arge"), ("BE", "public_law_contract"),
     ("HE", "public_law_contract")],
)  # fmt: skip
def test_an_arbeitsgemeinschaft_never_carries_a_delegation_even_where_the_exclusion_is_unverified(
    code: str, key: str
) -> None:
    """The ArGe's preamble says no task passes; a public-law contract cannot move a competence (only a statute can)."""
    from slp_agreements.errors import UserError

    with pytest.raises(UserError) as exc:
        _doc(code, key, "delegation")
    message = str(exc.value)
    assert "\n" not in message and not message.split(": ", 1)[-1].startswith("Zu prüfen")
    assert "Passend:" in message or "Möglich ist mit dieser Rechtsform" in message


def test_english_texts_cite_norms_in_one_english_style() -> None:
    """'§ 5(6) NKomZG', '§ 1(1) NVwVfG in conjunction with § 57 VwVfG': never 'Abs.' or 'i. V. m.' in English."""
    from tests.test_land_matrix import _texts

    for code, key, transfer in SAMPLE:
        text = _texts(_doc(code, key, transfer, "en"))
        for german in (" Abs. ", "i. V. m.", " Satz ", " ff. "):
            assert german not in text, f"{german!r} in {code}/{key}/{transfer}: " + text[text.find(german) - 80 :][:160]
    text = _texts(_doc("NI", "agreement", "delegation", "en"))
    assert "§ 5(6) NKomZG" in text and "§ 20(2) no. 2(a) NKomZG" in text


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_kommunalaufsichtsbehoerde_keeps_its_defined_name_in_contract_and_checklist(lang: str) -> None:
    """Two authorities, two terms: a bare 'Aufsichtsbehörde' is ambiguous (Art. 51 DSGVO vs. Kommunalaufsicht)."""
    doc = _doc("NW", "public_law_contract", "none", lang)
    disputes = _section(doc, "final.disputes")
    assert ("gemeinsam zuständige Kommunalaufsichtsbehörde" if lang == "de" else "municipal supervisory") in disputes
    bare = re.compile(
        r"(?<![A-Za-zÄÖÜäöüß-])Aufsichtsbehörde" if lang == "de" else r"(?<!municipal )supervisory authority"
    )
    assert not [c.text for c in doc.checklist if c.clause_id == "land" and bare.search(c.text)]


def test_checklist_steps_built_from_land_facts_read_as_sentences() -> None:
    """No 'dokumentieren; Jede …', no '(… (§ 35 Abs. 2, 4 KGG).).', no '..' where a Land fact is spliced in."""
    for code, key, transfer in SAMPLE:
        for lang in ("de", "en"):
            for step in _doc(code, key, transfer, lang).checklist:
                assert ".." not in step.text and ".)." not in step.text, f"{code}/{key}/{lang}: {step.text}"
                assert not re.search(r"; (Jede|Die|Der|Das|Every|The) ", step.text), f"{code}/{key}/{lang}: {step.text}"
