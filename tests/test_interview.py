"""The question engine without a terminal: how many screens each example takes, drop and restore, checks, review."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest

from slp_agreements.model.answers import SCHEMA_VERSION
from slp_agreements.questionnaire.engine import Library, get
from slp_agreements.questionnaire.interview import Interview
from slp_agreements.questionnaire.progress import read_partial
from slp_agreements.questionnaire.questions import Kind
from slp_agreements.questionnaire.typed_text import show
from tests.conftest import ROOT
from tests.interviewer import Clerk, plain_answers

# Everything the clerk must answer or confirm (forms, "how many?" included), before and after issue 16.
# Hessen: four Beteiligte, six datasets (one form each) and the combined roles with a coordinator.
BOUNDS = {"niedersachsen-webgis": 30, "bayern-absichtserklaerung": 15, "nrw-wohnungsmarkt": 30,
          "bayern-arbeitsgemeinschaft": 30, "hessen-beteiligungsportal": 32,
          "niedersachsen-mandat-auftragsverarbeitung": 30}  # fmt: skip
BEFORE = {"niedersachsen-webgis": 109, "bayern-absichtserklaerung": 45, "nrw-wohnungsmarkt": 89}
# The situation: a Landkreis hosts a web GIS for three Gemeinden, Art. 28, costs by population.
SITUATION = ROOT / "tests" / "fixtures" / "niedersachsen-mandat-auftragsverarbeitung.yaml"


def _file(name: str) -> Path:
    return SITUATION if name == SITUATION.stem else ROOT / "examples" / f"{name}.yaml"


@pytest.fixture(scope="module")
def library() -> Library:
    return Library.load([])


def _fresh(library: Library, lang: str = "de") -> Interview:
    return Interview(raw={"schema_version": SCHEMA_VERSION}, lang=lang, library=library)


def _loaded(name: str, library: Library) -> Interview:
    iv = Interview(read_partial(_file(name)).raw, "de", library, as_is=True)
    iv.done = {s.question.path for s in iv.steps() if s.kind in ("count", "more")}
    return iv


@pytest.mark.parametrize("name", sorted(BOUNDS))
def test_each_example_takes_at_most_its_bound_of_screens_and_comes_out_as_the_example(
    name: str, library: Library
) -> None:
    situation = plain_answers(_file(name))
    iv = _fresh(library)
    screens = Clerk(situation).run(iv)
    assert len(screens) <= BOUNDS[name], screens
    if name in BEFORE:
        assert len(screens) < BEFORE[name] / 3
    assert iv.findings() == []
    # Every answer the interview asked is the example's own (optional details come from the review).
    for row in iv.rows():
        step = row.step
        if step.kind != "ask" or step.in_review_only:
            continue
        wanted = get(situation, step.path)
        if step.question.type is Kind.party and isinstance(wanted, str):
            names = {p["id"]: p["name"] for p in situation["parties"]}
            ids = {p["name"]: p["id"] for p in iv.raw["parties"]}
            wanted = ids[names[wanted]]
        if wanted is None:
            continue
        got = get(iv.raw, step.path)
        if step.question.type is Kind.party:
            assert got == wanted, step.key
            continue
        assert show(step.question, got, iv.raw, "de") == show(step.question, wanted, situation, "de"), step.key


def test_the_party_form_is_one_screen_with_kind_and_contact_derived(library: Library) -> None:
    iv = _fresh(library)
    clerk = Clerk(plain_answers(SITUATION))
    clerk.run(iv)
    assert clerk.typed["parties[1].kind"] == ""  # Gemeinde Heidewinkel → Gemeinde, Enter
    assert clerk.typed["parties[0].kind"] == ""  # Landkreis Heideland → Landkreis
    assert clerk.typed["lead"] == ""  # the one Landkreis leads
    assert clerk.typed["task.carrier"] == ""  # … and performs the task
    assert clerk.typed["data.processor"] == ""  # the host processes
    assert [k for k in clerk.screens if k.startswith("parties[")] == [f"parties[{i}]" for i in range(4)]


def test_the_instrument_is_asked_only_where_the_land_offers_several_forms_for_the_transfer(library: Library) -> None:
    ni = Clerk(plain_answers(_file("niedersachsen-webgis")))
    ni.run(_fresh(library))
    assert "agreement.instrument" not in ni.screens  # a delegation in Lower Saxony: the Zweckvereinbarung only
    iv = _fresh(library)
    iv.raw.update(land="BY", agreement={"task_transfer": "none"})
    step = next(s for s in iv.steps() if s.key == "agreement.instrument")
    assert not step.in_review_only
    labels = [label for label, _ in iv.options(step, iv.raw)]
    assert labels == [
        "Kommunale Arbeitsgemeinschaft nach Art. 4 KommZG",
        "Besondere Arbeitsgemeinschaft nach Art. 5 KommZG",
        "Öffentlich-rechtlicher Vertrag nach Art. 54 ff. BayVwVfG",
    ]
    assert iv.default(step, iv.raw) == "public_law_contract"  # what the Land's law derives for no transfer


def test_a_declaration_of_intent_is_a_choice_of_the_first_question_and_a_transfer_undoes_it(library: Library) -> None:
    iv = _fresh(library)
    iv.raw.update(land="NI")
    screen = next(s for s in iv.screens() if s.key == "agreement.task_transfer")
    read = iv.read(screen.first, "5", iv.raw)
    assert read.problem is None and read.value == "letter_of_intent"
    iv.submit(screen, {"agreement.task_transfer": read.value})
    assert iv.raw["agreement"] == {"instrument": "letter_of_intent", "task_transfer": None}
    assert next(r for r in iv.rows() if r.key == "agreement.task_transfer").answer.startswith("Zunächst nur")
    assert "agreement.instrument" not in [s.key for s in iv.screens()]
    iv.submit(screen, {"agreement.task_transfer": "delegation"})
    assert iv.raw["agreement"] == {"task_transfer": "delegation"}


def test_a_transfer_the_land_s_law_does_not_provide_is_refused_at_the_answer(library: Library) -> None:
    iv = _fresh(library)
    iv.raw.update(land="BE")
    step = next(s for s in iv.steps() if s.key == "agreement.task_transfer")
    problem = iv.read(step, "1", iv.raw).problem or ""
    assert "Berlin" in problem and "keine Form vor" in problem and "agreement.instrument" not in problem
    assert iv.read(step, "2", iv.raw).problem is None  # a mandate by public-law contract


def test_a_party_kind_outside_the_instrument_s_circle_is_refused_when_the_kind_is_answered(library: Library) -> None:
    iv = _fresh(library)
    iv.raw.update(land="NW", agreement={"task_transfer": "delegation", "kind": "cooperation"},
                  parties=[{"id": "hs", "name": "Hochschule Lindenau"}, {}])  # fmt: skip
    kind = next(s for s in iv.steps() if s.key == "parties[0].kind")
    problem = iv.read(kind, "research", iv.raw).problem or ""
    assert "Hochschule Lindenau ist eine Hochschule" in problem and "§ 23" in problem


def test_a_second_signatory_is_asked_in_the_party_form_only_where_the_land_requires_two(library: Library) -> None:
    def second(land: str) -> Any:
        iv = _fresh(library)
        iv.raw.update(land=land, agreement={"task_transfer": "delegation", "kind": "cooperation"},
                      parties=[{"id": "g", "name": "Gemeinde Kiefernau", "kind": "gemeinde"}, {}])  # fmt: skip
        return next(s for s in iv.steps() if s.key == "parties[0].second_signatory")

    assert not second("BB").in_review_only  # § 57 Abs. 2 BbgKVerf: two signatures (✔)
    assert second("NI").in_review_only  # only a detail in the review
    iv = _loaded("niedersachsen-webgis", library)
    details = [r.label for r in iv.rows() if r.kind == "detail" and r.label.startswith("Beteiligter 1 ")]
    assert details == ["Beteiligter 1 (Landkreis Heideland): Unterschrift in Vertretung",
                       "Beteiligter 1 (Landkreis Heideland): Zweite Unterschrift"]  # fmt: skip


def test_kind_from_the_name_and_ags_from_six_digits_and_spaces(library: Library) -> None:
    iv = _fresh(library)
    iv.raw.update(land="BY")
    screen = next(s for s in iv.screens() if s.key == "parties[0]")
    trial = copy.deepcopy(iv.raw)
    kind = next(s for s in iv.fields(screen, trial) if s.key == "parties[0].kind")
    iv.store(trial, next(s for s in screen.fields if s.key == "parties[0].name"), "Markt Altmühlried")
    assert iv.default(kind, trial) == "markt"
    iv.store(trial, kind, "markt")
    ags = next(s for s in iv.fields(screen, trial) if s.key == "parties[0].ags")
    assert iv.read(ags, "579 911", trial).value == "09579911"
    assert iv.read(ags, "09 579 911", trial).value == "09579911"


def test_the_ags_hint_for_a_landkreis_shows_an_example_it_accepts_and_names_the_land(library: Library) -> None:
    iv = _fresh(library)
    iv.raw.update(land="NI", parties=[{"name": "Landkreis Heideland", "kind": "landkreis", "id": "lk"}, {}])
    ags = next(s for s in iv.steps() if s.key == "parties[0].ags")
    problem = iv.read(ags, "03369911", iv.raw).problem or ""
    assert "endet auf 000" in problem and "Niedersachsen" in problem
    [example] = re.findall(r"z\. B\. (\d{8})", problem)
    assert example.startswith("03") and iv.read(ags, example, iv.raw).problem is None
    other = iv.read(ags, "05355000", iv.raw).problem or ""
    assert "das Bundesland NI" not in other and "Niedersachsen" in other


def test_an_address_without_comma_is_read_and_a_missing_postcode_is_named(library: Library) -> None:
    iv = _fresh(library)
    iv.raw.update(land="NI", parties=[{"name": "Gemeinde X", "kind": "gemeinde", "id": "x"}, {}])
    address = next(s for s in iv.steps() if s.key == "parties[0].address")
    read = iv.read(address, "Schulstraße 12 21357 Bardowick", iv.raw)
    assert read.value == {"street": "Schulstraße 12", "postcode": "21357", "city": "Bardowick"}
    assert "Postleitzahl (5 Ziffern) fehlt" in (iv.read(address, "Schulstraße 12 Bardowick", iv.raw).problem or "")


def test_a_gating_change_asks_first_drops_into_verworfen_and_a_revert_restores(library: Library) -> None:
    iv = _loaded(SITUATION.stem, library)
    row = next(r for r in iv.rows() if r.label == "Kostenverteilung")
    screen = iv.edit_screen(row)
    asked = iv.submit(screen, {"costs.model": "equal"})
    assert not asked.applied and len(asked.needs_confirm) == 5  # four populations and the reference date
    assert get(iv.raw, ("costs", "model")) == "population"  # nothing changed yet
    done = iv.submit(screen, {"costs.model": "equal"}, confirmed=True)
    assert done.dropped == 5 and "population" not in iv.raw["parties"][0]
    assert iv.dropped["parties[0].population"] == 186000
    back = iv.submit(screen, {"costs.model": "population"})
    assert back.applied and len(back.restored) == 5
    assert iv.raw["parties"][0]["population"] == 186000 and not iv.dropped


def test_a_declaration_of_intent_drops_the_population_figures_too(library: Library) -> None:
    iv = _loaded(SITUATION.stem, library)
    screen = iv.edit_screen(next(r for r in iv.rows() if r.label == "Aufgabe und Bindung"))
    result = iv.submit(screen, {"agreement.task_transfer": "letter_of_intent"}, confirmed=True)
    assert result.dropped > 5
    assert not any("population" in p for p in iv.raw["parties"]) and "costs" not in iv.raw and "task" not in iv.raw
    assert iv.raw["agreement"]["instrument"] == "letter_of_intent"
    back = iv.submit(screen, {"agreement.task_transfer": "mandate"})
    assert back.restored and iv.raw["task"]["carrier"] == "lk-heideland"
    assert iv.raw["parties"][0]["population"] == 186000 and "instrument" not in iv.raw["agreement"]


def test_fewer_parties_drop_the_last_ones_and_more_bring_them_back(library: Library) -> None:
    iv = _loaded("niedersachsen-webgis", library)
    screen = iv.edit_screen(next(r for r in iv.rows() if r.step and r.step.kind == "count" and r.step.key == "parties"))
    assert iv.submit(screen, {"parties": 3}).needs_confirm
    iv.submit(screen, {"parties": 3}, confirmed=True)
    assert [p["name"] for p in iv.raw["parties"]][-1] == "Gemeinde Lindenbruch"
    iv.submit(screen, {"parties": 4})
    assert iv.raw["parties"][3]["name"] == "Gemeinde Kiefernau" and iv.raw["parties"][3]["ags"] == "03369903"


def test_a_cross_field_rule_is_checked_when_its_second_field_is_edited(library: Library) -> None:
    iv = _loaded("bayern-absichtserklaerung", library)
    start = next(r for r in iv.rows() if r.label == "Beginn")
    result = iv.submit(iv.edit_screen(start), {"term.start": "2028-06-01"})
    assert result.rechecks and "Ende (31.01.2028) muss nach dem Beginn (01.06.2028) liegen" in result.rechecks[0]
    assert iv.next() is not None and iv.next().key == "form:laufzeit"  # type: ignore[union-attr]


def test_a_land_change_asks_the_ags_codes_again(library: Library) -> None:
    iv = _loaded("bayern-absichtserklaerung", library)
    result = iv.submit(iv.edit_screen(next(r for r in iv.rows() if r.label == "Bundesland")), {"land": "NI"})
    assert len(result.rechecks) == 4 and "parties[0].ags" in iv.recheck
    assert iv.next().key == "parties[0]"  # type: ignore[union-attr]


def test_dates_start_in_the_past_warns_and_funding_end_before_start_is_caught(library: Library) -> None:
    iv = _loaded("niedersachsen-webgis", library)
    start = next(s for s in iv.steps() if s.key == "term.start")
    read = iv.read(start, "01.01.2020", iv.raw)
    assert read.problem is None and "liegt in der Vergangenheit" in read.warnings[0]


def test_the_same_party_twice_and_open_data_for_the_parties_only_are_refused(library: Library) -> None:
    iv = _loaded("bayern-absichtserklaerung", library)
    name = next(s for s in iv.steps() if s.key == "parties[1].name")
    assert "dieselbe Stelle" in (iv.read(name, "Markt Altmühlried", iv.raw).problem or "")
    ni = _loaded("niedersachsen-webgis", library)
    trial = copy.deepcopy(ni.raw)
    licence = next(s for s in ni.steps() if s.key == "publication.licence")
    assert "schließen sich aus" in (ni.read(licence, "1", trial).problem or "")


def test_continued_operation_under_the_cost_key_is_offered_only_with_costs(library: Library) -> None:
    iv = _loaded("nrw-wohnungsmarkt", library)
    iv.raw.pop("costs")
    iv.raw["agreement"]["kind"] = "data_sharing"
    iv.raw["web_app"] = {"name": "X", "description": "Y", "host": "lindenau", "administrator": "lindenau",
                         "funding_end": "2028-06-30"}  # fmt: skip
    step = next(s for s in iv.steps() if s.key == "web_app.after_funding")
    assert "continue_shared" not in [v for _, v in iv.options(step, iv.raw)]


def test_the_review_shows_yes_for_an_existing_web_application(library: Library) -> None:
    iv = _loaded("niedersachsen-webgis", library)
    assert next(r for r in iv.rows() if r.label == "Gemeinsame Webanwendung").answer == "ja"


def test_population_asks_with_the_party_s_name_in_its_form(library: Library) -> None:
    iv = _loaded(SITUATION.stem, library)
    screen = iv.find("parties[1]")
    assert screen is not None and iv.title(screen) == "Beteiligter 2 von 4 (Gemeinde Heidewinkel)"
    population = next(s for s in screen.fields if s.key == "parties[1].population")
    assert population.label("de", iv.raw) == "Beteiligter 2 (Gemeinde Heidewinkel): Einwohnerzahl"


def test_the_review_is_one_row_per_party_and_dataset_grouped_by_section_with_short_answers(library: Library) -> None:
    iv = _loaded("niedersachsen-webgis", library)
    rows = iv.rows()
    assert len(rows) <= 65  # the final check below it stays on one or two screens
    party = next(r for r in rows if r.key == "parties[0]")
    assert party.kind == "item" and party.label == "Beteiligter 1 (Landkreis Heideland)"
    assert "03369000" in party.answer and "Dr. Anna Berger" in party.answer
    assert iv.edit_screen(party).key == "parties[0]"
    purposes = next(r for r in rows if r.key == "agreement.purposes")
    assert purposes.short.startswith("3 × ") and purposes.short.endswith("…") and len(purposes.short) < 45
    sections = [r.section.id for r in rows]
    assert [s for i, s in enumerate(sections) if i == 0 or sections[i - 1] != s] == list(dict.fromkeys(sections))


def test_the_progress_estimate_at_the_first_question_is_close_to_what_it_takes(library: Library) -> None:
    iv = _fresh(library)
    first = iv.next()
    assert first is not None
    start = iv.position(first).total
    screens = Clerk(plain_answers(_file("niedersachsen-webgis"))).run(iv)
    assert 0.75 * len(screens) <= start <= len(screens)


def test_back_goes_to_the_screen_before_and_the_review_goes_back_to_the_last(library: Library) -> None:
    iv = _loaded("bayern-absichtserklaerung", library)
    screens = iv.screens()
    assert iv.back(screens[3]) == screens[2] and iv.back(screens[0]) is None
    assert iv.back(None) == screens[-1]


def test_the_final_check_names_the_review_row_the_german_label_and_german_dates(library: Library) -> None:
    iv = _loaded("bayern-absichtserklaerung", library)
    iv.raw["term"]["end"] = "2026-01-31"
    iv.raw["parties"][1]["ags"] = "0957"
    found = {f.label: f for f in iv.findings()}
    end = found["Ende"]
    assert end.row == next(r.number for r in iv.rows() if r.label == "Ende")
    assert "31.01.2026" in end.message and "2026-01-31" not in end.message
    ags = found["Beteiligter 2 (Gemeinde Herrnberg): AGS"]
    assert ags.row == next(r.number for r in iv.rows() if r.key == "parties[1]")


def test_english_messages_under_lang_en(library: Library) -> None:
    iv = _fresh(library, "en")
    iv.raw.update(land="NI", parties=[{"name": "Landkreis Heideland", "kind": "landkreis", "id": "lk"}, {}])
    ags = next(s for s in iv.steps() if s.key == "parties[0].ags")
    problem = iv.read(ags, "05355000", iv.raw).problem or ""
    assert "starts with 05" in problem and "Lower Saxony" in problem and "beginnt" not in problem
    start = next(s for s in iv.steps() if s.key == "term.start")
    assert (
        iv.read(start, "31.02.2027", iv.raw).problem
        == "'31.02.2027' is not a valid date. Please type a date like 2027-01-01."
    )


def test_the_progress_names_the_section_and_counts_the_screens(library: Library) -> None:
    iv = _fresh(library)
    first = iv.next()
    assert first is not None
    pos = iv.position(first)
    assert (pos.section.title("de"), pos.number) == ("Rahmen", 1) and pos.total >= 8


def _answer_all(iv: Interview, situation: dict[str, Any]) -> None:
    Clerk(situation).run(iv)
