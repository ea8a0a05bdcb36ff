"""The typed Land data (clauses/laender/<CODE>.yaml): complete, consistent, and right where the issue names a fact."""

from __future__ import annotations

import importlib.util
import itertools
import re
import shutil
from pathlib import Path

import pytest

from slp_agreements.errors import UserError
from slp_agreements.library import templating
from slp_agreements.library.land_files import read_land_file, read_land_folder
from slp_agreements.model.land import (
    VWVFG_SECTIONS,
    ApprovalKind,
    Element,
    Fact,
    Instrument,
    InstrumentKey,
    LandFacts,
    Marker,
    PublishedBy,
    Transfer,
)
from slp_agreements.model.vocabulary import Land, PartyKind

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "clauses" / "laender"
CITY_STATES = {Land.BE, Land.HB, Land.HH}


@pytest.fixture(scope="module")
def laender() -> dict[Land, LandFacts]:
    return read_land_folder(ROOT / "clauses")


def all_facts(laender: dict[Land, LandFacts]) -> list[tuple[str, str, Fact]]:
    return [(land.value, path, fact) for land, facts in laender.items() for path, fact in facts.facts()]


def agreement(laender: dict[Land, LandFacts], land: str) -> Instrument:
    found = laender[Land(land)].instrument("agreement")
    assert found is not None, f"{land} has no agreement"
    return found


def rule(instrument: Instrument, element: Element) -> Fact:
    matches = [r.fact for r in instrument.content if r.element is element]
    assert matches, f"no content rule for {element.value}"
    return matches[0]


# --- every file loads and is complete -------------------------------------------------------------------------


def test_every_land_has_exactly_one_file_and_it_loads(laender: dict[Land, LandFacts]) -> None:
    assert set(laender) == set(Land)
    assert sorted(p.stem for p in FOLDER.glob("*.yaml")) == sorted(land.value for land in Land)


def test_every_land_offers_a_public_law_contract_and_a_letter_of_intent(laender: dict[Land, LandFacts]) -> None:
    for land, facts in laender.items():
        assert {InstrumentKey.public_law_contract, InstrumentKey.letter_of_intent} <= set(facts.instruments), land


def test_city_states_offer_the_plain_contract_only_and_have_no_cooperation_act(
    laender: dict[Land, LandFacts],
) -> None:
    for land in CITY_STATES:
        facts = laender[land]
        assert facts.city_state and facts.cooperation_act is None
        assert set(facts.instruments) == {InstrumentKey.public_law_contract, InstrumentKey.letter_of_intent}
    for land in set(Land) - CITY_STATES:
        assert not laender[land].city_state and laender[land].cooperation_act is not None, land
        assert InstrumentKey.agreement in laender[land].instruments, land


def test_the_land_procedure_act_cites_every_section_of_the_public_law_contract(
    laender: dict[Land, LandFacts],
) -> None:
    for land, facts in laender.items():
        for section in VWVFG_SECTIONS:
            cited = facts.vwvfg.cite(int(section))
            assert cited.startswith(facts.vwvfg.citation), (land, cited)
        assert facts.vwvfg.short in facts.vwvfg.contract_norms, land
    assert laender[Land.BY].vwvfg.cite(60) == "Art. 60 BayVwVfG"
    assert laender[Land.SH].vwvfg.cite(60) == "§ 127 LVwG"
    assert laender[Land.SH].vwvfg.cite(54) == "§ 121 LVwG"
    assert laender[Land.NI].vwvfg.cite(57) == "§ 1 Abs. 1 NVwVfG i. V. m. § 57 VwVfG"
    assert laender[Land.NW].vwvfg.cite(57) == "§ 57 VwVfG NRW"


# --- every fact is well formed --------------------------------------------------------------------------------


def test_every_verified_fact_has_a_norm_and_a_source(laender: dict[Land, LandFacts]) -> None:
    for land, path, fact in all_facts(laender):
        if fact.marker is Marker.verified:
            assert fact.norm and fact.source, f"{land} {path}"


def test_unverified_facts_say_what_to_check_and_verified_ones_do_not(laender: dict[Land, LandFacts]) -> None:
    for land, path, fact in all_facts(laender):
        if fact.marker is Marker.verified:
            assert "zu prüfen" not in fact.de.lower(), f"{land} {path}: a ✔ fact must not say 'zu prüfen'"
            assert "to be checked" not in fact.en.lower(), f"{land} {path}"
        else:
            assert fact.de.startswith("Zu prüfen: "), f"{land} {path}: {fact.de[:60]}"
            assert fact.en.startswith("To be checked: "), f"{land} {path}: {fact.en[:60]}"


def test_every_fact_names_its_norm_in_the_german_text(laender: dict[Land, LandFacts]) -> None:
    for land, path, fact in all_facts(laender):
        if fact.norm:
            assert fact.norm in fact.de, f"{land} {path}: '{fact.norm}' not in the German text"


def test_no_fact_cites_the_federal_vwvfg_outside_a_reference_type_citation(laender: dict[Land, LandFacts]) -> None:
    bare = re.compile(r"(§§?\s*[0-9][0-9 ,ff.]*(?:und\s*[0-9]+\s*)?|Art\.\s*[0-9]+\s*)VwVfG\b")
    for land, path, fact in all_facts(laender):
        short = laender[Land(land)].vwvfg.short
        for text in (fact.de, fact.norm or ""):
            rest = text.replace(short, "<Landesgesetz>") if short != "VwVfG" else text
            for match in bare.finditer(rest):
                before = rest[max(0, match.start() - 9) : match.start()]
                assert "i. V. m." in before, f"{land} {path}: federal citation '{match.group(0)}' in {text!r}"


def test_names_of_acts_and_authorities_carry_a_marker_and_verified_ones_a_source(
    laender: dict[Land, LandFacts],
) -> None:
    for land, facts in laender.items():
        named = [facts.vwvfg, facts.data_protection_act, facts.data_protection_authority]
        named += [x for x in (facts.budget_regulation, facts.municipal_codes) if x is not None]
        for item in named:
            if item.marker is Marker.verified:
                assert item.source, (land, item)


# --- instruments: transfers, exclusions, approval rules ---------------------------------------------------------


def test_every_instrument_places_each_transfer_in_transfers_or_in_excludes(laender: dict[Land, LandFacts]) -> None:
    for land, facts in laender.items():
        for key, instrument in facts.instruments.items():
            assert not set(instrument.transfers) & set(instrument.excludes), (land, key)
            if key is InstrumentKey.letter_of_intent:
                assert set(instrument.transfers) == {Transfer.none}, land
                continue
            assert set(instrument.transfers) | set(instrument.excludes) == set(Transfer), (land, key)


def test_a_transfer_both_allowed_and_excluded_is_refused_with_the_field_named(tmp_path: Path) -> None:
    text = (FOLDER / "NI.yaml").read_text(encoding="utf-8")
    broken = text.replace("    excludes:\n      joint:", "    excludes:\n      delegation:", 1)
    assert broken != text
    (tmp_path / "NI.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        read_land_file(tmp_path / "NI.yaml")
    assert "delegation steht zugleich unter transfers und excludes" in str(caught.value)
    assert "instruments.agreement" in str(caught.value) and "Zeile" in str(caught.value)


def test_a_verified_fact_without_a_source_is_refused(tmp_path: Path) -> None:
    text = (FOLDER / "NI.yaml").read_text(encoding="utf-8")
    source = '    source: "umwelt-online, NKomZG i. d. F. vom 21.12.2011, zuletzt geändert am 8.2.2024"\n'
    broken = text.replace(source, "", 1)
    assert broken != text
    (tmp_path / "NI.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        read_land_file(tmp_path / "NI.yaml")
    assert "cooperation_act.fact" in str(caught.value)
    assert "ein ✔-Fakt braucht eine Quelle" in str(caught.value)


def test_a_land_file_under_the_wrong_name_is_refused(tmp_path: Path) -> None:
    shutil.copy(FOLDER / "NI.yaml", tmp_path / "HB.yaml")
    with pytest.raises(UserError, match="beschreibt das Land NI"):
        read_land_file(tmp_path / "HB.yaml")


def test_exclusions_name_an_instrument_that_fits(laender: dict[Land, LandFacts]) -> None:
    for land, facts in laender.items():
        for key, instrument in facts.instruments.items():
            for transfer, exclusion in instrument.excludes.items():
                if exclusion.marker is Marker.verified and key is not InstrumentKey.letter_of_intent:
                    fitting = [i for i in facts.instruments.values() if i.allows(transfer)]
                    assert exclusion.instead or not fitting, f"{land} {key.value} excludes {transfer.value}"


CONTEXTS = [{"task_transfer": "none", "task": None}] + [
    {"task_transfer": transfer, "task": {"category": category, "powers": powers}}
    for transfer, category, powers in itertools.product(
        ("delegation", "mandate", "joint"), ("voluntary", "mandatory", "state"), (False, True)
    )
]


def test_approval_conditions_read_only_the_task_and_decide_every_case(laender: dict[Land, LandFacts]) -> None:
    for land, facts in laender.items():
        for key, instrument in facts.instruments.items():
            for approval in instrument.approval:
                if approval.when is None:
                    continue
                where = f"{land} {key.value} approval when {approval.when!r}"
                assert templating.variables(approval.when, expression=True) <= {"task", "task_transfer"}, where
                for context in CONTEXTS:
                    templating.evaluate(approval.when, context, where)  # raises on any error


def first_rule(instrument: Instrument, context: dict[str, object]) -> tuple[ApprovalKind, Fact]:
    for approval in instrument.approval:
        if approval.when is None or templating.evaluate(approval.when, context, "test"):
            return approval.kind, approval.fact
    raise AssertionError("no approval rule applies")


def task(transfer: str, category: str, powers: bool = False) -> dict[str, object]:
    return {"task_transfer": transfer, "task": {"category": category, "powers": powers}}


def test_content_rules_with_a_transfer_condition_name_transfers_the_instrument_carries(
    laender: dict[Land, LandFacts],
) -> None:
    for land, facts in laender.items():
        for key, instrument in facts.instruments.items():
            for item in instrument.content:
                assert set(item.transfers) <= set(instrument.transfers), (land, key, item.element)


def test_doubtful_party_kinds_are_not_at_the_same_time_allowed(laender: dict[Land, LandFacts]) -> None:
    for land, facts in laender.items():
        for key, instrument in facts.instruments.items():
            assert not set(instrument.parties.kinds) & set(instrument.parties.doubtful), (land, key)


# --- the facts the issue names (specifications) -----------------------------------------------------------------


def test_nw_deemed_approval_is_two_cumulative_four_week_periods(laender: dict[Land, LandFacts]) -> None:
    deemed = agreement(laender, "NW").deemed_approval
    assert deemed is not None and deemed.marker is Marker.verified
    assert deemed.norm == "§ 24 Abs. 2 Satz 2 GkG NRW"
    assert "innerhalb von vier Wochen" in deemed.de and "innerhalb weiterer vier Wochen" in deemed.de
    assert "verlängert" not in deemed.de


def test_nw_termination_terms_reference_notice_and_party_circle(laender: dict[Land, LandFacts]) -> None:
    nw = agreement(laender, "NW")
    terms = rule(nw, Element.termination_terms)
    assert terms.marker is Marker.verified and terms.norm == "§ 23 Abs. 5 GkG NRW" and "Form" in terms.de
    assert nw.publication is not None and nw.publication.reference_notice is True
    assert nw.publication.by is PublishedBy.authority and "§ 24 Abs. 3" in (nw.publication.fact.norm or "")
    assert nw.parties.fact.marker is Marker.verified and nw.parties.fact.norm == "§ 23 Abs. 1 GkG NRW"
    assert {PartyKind.research, PartyKind.company, PartyKind.public_body}.isdisjoint(nw.parties.kinds)
    assert {PartyKind.gemeinde, PartyKind.stadt, PartyKind.landkreis} <= set(nw.parties.kinds)
    arge = laender[Land.NW].instrument("arge")
    assert arge is not None and PartyKind.research in arge.parties.kinds


def test_th_notice_only_agreement_takes_effect_when_resolved_and_signed_by_all(
    laender: dict[Land, LandFacts],
) -> None:
    effect = agreement(laender, "TH").effect
    assert effect is not None and effect.marker is Marker.verified
    assert (effect.norm or "").startswith("§ 12 ") and "Abs. 2" in (effect.norm or "")
    assert "sobald sie von allen Beteiligten beschlossen und unterschrieben ist" in effect.de
    assert "angezeigt" not in effect.de


def test_ni_approval_and_publication_are_section_5_6_and_7_and_section_6_2_terms_are_mandatory(
    laender: dict[Land, LandFacts],
) -> None:
    ni = agreement(laender, "NI")
    assert first_rule(ni, task("delegation", "voluntary"))[0] is ApprovalKind.notice
    for category in ("mandatory", "state"):
        kind, fact = first_rule(ni, task("delegation", category))
        assert kind is ApprovalKind.approval and fact.marker is Marker.verified
        assert "§ 5 Abs. 6 NKomZG" in (fact.norm or "")
    assert ni.publication is not None and ni.publication.fact.norm == "§ 5 Abs. 7 NKomZG"
    assert ni.publication.fact.marker is Marker.verified
    for element in (Element.termination_terms, Element.dissolution_terms):
        fact = rule(ni, element)
        assert fact.marker is Marker.verified and fact.norm == "§ 6 Abs. 2 Satz 1 NKomZG"
    assert [r.mandatory for r in ni.content if r.element in (Element.termination_terms, Element.dissolution_terms)]
    assert ni.dissolution is not None and "Kommunalaufsichtsbehörde" in ni.dissolution.de
    assert ni.transfers[Transfer.delegation].marker is Marker.verified
    assert ni.transfers[Transfer.mandate].marker is not Marker.verified  # § 2 NKomZG: mandate, form zu prüfen


def test_he_termination_is_declared_in_writing_to_all_other_parties(laender: dict[Land, LandFacts]) -> None:
    he = agreement(laender, "HE")
    assert he.termination is not None and he.termination.marker is Marker.verified
    assert "§ 27 Abs. 2" in (he.termination.norm or "")
    assert "schriftlich gegenüber allen übrigen Beteiligten" in he.termination.de
    kind, fact = first_rule(he, task("delegation", "voluntary"))
    assert kind is ApprovalKind.approval and "§ 26" in (fact.norm or "")
    assert first_rule(he, task("mandate", "voluntary"))[0] is ApprovalKind.notice
    assert Transfer.mandate in he.transfers and he.transfers[Transfer.mandate].marker is Marker.verified


def test_mv_section_165_is_known(laender: dict[Land, LandFacts]) -> None:
    mv = agreement(laender, "MV")
    assert mv.norm == "§ 165 KV M-V"
    kind, fact = first_rule(mv, task("delegation", "voluntary"))
    assert kind is ApprovalKind.approval and fact.marker is Marker.verified and "§ 165 Abs. 5" in (fact.norm or "")
    for element in (Element.parties, Element.task, Element.carrier, Element.transfer_date, Element.termination_terms):
        assert rule(mv, element).marker is Marker.verified, element
    assert mv.excludes[Transfer.mandate].marker is Marker.verified
    assert mv.excludes[Transfer.mandate].instead == [InstrumentKey.administrative_community]
    assert mv.publication is not None and mv.publication.by is PublishedBy.parties
    signatories = laender[Land.MV].signatories
    assert signatories.verpflichtungserklaerung is True
    assert signatories.execution is not None and signatories.execution.marker is Marker.verified


def test_sh_uses_the_statutory_name_and_routes_a_mandate_to_the_administrative_community(
    laender: dict[Land, LandFacts],
) -> None:
    sh = agreement(laender, "SH")
    assert sh.statutory_name == "öffentlich-rechtliche Vereinbarung" == sh.name.de
    assert sh.excludes[Transfer.mandate].instead == [InstrumentKey.administrative_community]
    assert laender[Land.SH].signatories.verpflichtungserklaerung is True


def test_rp_cancellation_is_notified_to_the_lowest_common_supervisory_authority(
    laender: dict[Land, LandFacts],
) -> None:
    rp = agreement(laender, "RP")
    assert rp.dissolution is not None and rp.dissolution.marker is Marker.verified
    assert "untersten gemeinsamen Aufsichtsbehörde" in rp.dissolution.de and "anzuzeigen" in rp.dissolution.de
    assert rp.termination is not None and rp.termination.marker is not Marker.verified  # § 13 KomZG not read
    kind, fact = first_rule(rp, task("delegation", "voluntary"))
    assert kind is ApprovalKind.approval and fact.norm == "§ 12 Abs. 2 Satz 1 KomZG"


def test_sl_amendment_and_ending_follow_section_18_3(laender: dict[Land, LandFacts]) -> None:
    sl = agreement(laender, "SL")
    for fact in (sl.amendment, sl.termination):
        assert fact is not None and fact.marker is Marker.verified and "§ 18 Abs. 3 KGG" in (fact.norm or "")
    assert laender[Land.SL].signatories.electronic_form is False


def test_sn_delegation_and_mandate_rest_on_section_71_and_approval_on_section_72(
    laender: dict[Land, LandFacts],
) -> None:
    sn = agreement(laender, "SN")
    assert "§ 71 Abs. 1" in (sn.transfers[Transfer.delegation].norm or "")
    assert "§ 71 Abs. 2" in (sn.transfers[Transfer.mandate].norm or "")
    assert "§ 72 Abs. 1" in (first_rule(sn, task("mandate", "voluntary"))[1].norm or "")


def test_by_article_10_content(laender: dict[Land, LandFacts]) -> None:
    by = agreement(laender, "BY")
    tasks = next(r for r in by.content if r.element is Element.task)
    assert tasks.mandatory and tasks.fact.marker is Marker.verified and tasks.fact.norm == "Art. 10 Abs. 1 KommZG"
    cost_key = next(r for r in by.content if r.element is Element.cost_key)
    assert cost_key.mandatory and cost_key.transfers == [Transfer.joint] and "Art. 10 Abs. 4" in cost_key.fact.de
    compensation = next(r for r in by.content if r.element is Element.compensation)
    assert not compensation.mandatory and "höchstens" in compensation.fact.de
    assert first_rule(by, task("delegation", "voluntary", powers=False))[0] is ApprovalKind.notice
    assert first_rule(by, task("delegation", "voluntary", powers=True))[0] is ApprovalKind.approval
    arge = laender[Land.BY].instrument("arge")
    assert arge is not None and arge.transfers[Transfer.none].marker is Marker.verified


def test_st_section_5_terms_and_settlement(laender: dict[Land, LandFacts]) -> None:
    st = agreement(laender, "ST")
    terms = rule(st, Element.termination_terms)
    assert terms.marker is Marker.verified and terms.norm == "§ 5 Abs. 1 Satz 1 GKG-LSA"
    assert st.dissolution is not None and "§ 5 Abs. 4" in (st.dissolution.norm or "")
    assert "Kommunalaufsichtsbehörde" in st.dissolution.de
    assert st.amendment is not None and "§ 5 Abs. 3" in (st.amendment.norm or "")


def test_bb_publication_rests_on_section_8_with_a_reference_notice(laender: dict[Land, LandFacts]) -> None:
    bb = agreement(laender, "BB")
    assert bb.publication is not None and "§ 8" in (bb.publication.fact.norm or "")
    assert bb.publication.by is PublishedBy.parties and bb.publication.reference_notice is True
    assert bb.amendment is not None and "§ 8 Abs. 3" in (bb.amendment.norm or "")


def test_every_land_names_its_data_protection_authority_and_codes(laender: dict[Land, LandFacts]) -> None:
    for land, facts in laender.items():
        authority = facts.data_protection_authority
        assert authority.de.split()[0] in {"der", "die", "das"}, land  # usable mid-sentence
        assert authority.en.startswith("the "), land
        if not facts.city_state:
            assert facts.municipal_codes is not None, land
    ni_codes = laender[Land.NI].municipal_codes
    assert ni_codes is not None and ni_codes.codes[PartyKind.gemeinde].short == "NKomVG"
    assert laender[Land.NI].budget_regulation is not None and laender[Land.NI].budget_regulation.short == "KomHKVO"


def test_the_register_for_the_legal_office_lists_the_current_data(laender: dict[Land, LandFacts]) -> None:
    spec = importlib.util.spec_from_file_location("make_laenderdaten", ROOT / "scripts" / "make_laenderdaten.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    current = (ROOT / "docs" / "laenderdaten.md").read_text(encoding="utf-8")
    assert script.render(current, laender) == current, "docs/laenderdaten.md: python scripts/make_laenderdaten.py"
    for land in CITY_STATES:
        assert f"## {laender[land].name.de} ({land.value})" in current
    assert "| Niedersachsen (NI) |" in current and "Bleibt zu prüfen" in current
