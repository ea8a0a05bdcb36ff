"""The questions as data: they cover the answers model, apply only when needed, and check answers like the file."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from pydantic import BaseModel

from slp_agreements.files.yamlfile import load_yaml
from slp_agreements.model.answers import Answers
from slp_agreements.model.fields import inner_model
from slp_agreements.model.names import slug
from slp_agreements.questionnaire.engine import Library, Step, problems, steps
from slp_agreements.questionnaire.questions import Kind, load_questions
from tests.conftest import ROOT

GENERATED = {"parties.id"}  # filled by the questionnaire itself, from the party's name
ALTERNATIVES = {"indicators": "indicators_file"}  # a list that may come from a table instead


def _required(model: type[BaseModel], prefix: str = "") -> set[str]:
    out: set[str] = set()
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        inner = inner_model(info.annotation)
        if info.is_required():
            out.add(path)
        if inner is not None:
            out |= _required(inner, f"{path}.")
    return out


def _question_paths() -> set[str]:
    out: set[str] = set()
    for q in load_questions():
        out.add(q.path)
        for sub in q.questions:
            out.add(f"{q.path}.{sub.path}")
    return out


def test_every_required_field_of_the_answers_model_is_asked() -> None:
    asked = _question_paths()
    missing = [
        path
        for path in sorted(_required(Answers))
        if path not in GENERATED
        and not any(path.startswith(f"{k}.") and v in asked for k, v in ALTERNATIVES.items())
        and not any(path == a or path.startswith(f"{a}.") or a.startswith(f"{path}.") for a in asked)
    ]
    assert not missing, f"no question fills: {missing}"


def test_every_question_names_a_field_of_the_answers_model() -> None:
    from slp_agreements.model.validation import annotation_at

    for q in load_questions():
        path: tuple[str | int, ...] = tuple(q.parts)
        annotation_at(path)
        for sub in q.questions:
            annotation_at((*path, 0, *sub.parts))


def test_every_question_is_written_in_german_and_english() -> None:
    for q in load_questions():
        for item in [q, *q.questions]:
            if item.type not in (Kind.section, Kind.group):
                assert item.prompt and item.prompt.de and item.prompt.en, item.path
            for c in item.choices:
                assert c.de and c.en, item.path


def _example(name: str) -> dict[str, Any]:
    raw, _ = load_yaml(ROOT / "examples" / f"{name}.yaml")
    assert isinstance(raw, dict)
    return raw


@cache
def _library() -> Library:
    return Library.load([])


def _asked(raw: dict[str, Any]) -> set[str]:
    return {".".join(str(p) for p in s.path) for s in steps(raw, "de", _library()) if s.kind == "ask"}


def test_without_personal_data_no_data_protection_questions_are_asked() -> None:
    raw = _example("niedersachsen-webgis")
    raw["data"]["personal_data"] = False
    asked = _asked(raw)
    assert not any(p.endswith(".dpo") for p in asked)
    assert not {"data.roles", "data.processor", "data.data_subjects", "data.legal_basis"} & asked
    assert "parties.0.dpo" in _asked(_example("niedersachsen-webgis"))


def test_population_is_asked_only_for_costs_by_population() -> None:
    raw = _example("niedersachsen-webgis")
    raw["costs"]["model"] = "population"
    assert "parties.1.population" in _asked(raw)
    raw["costs"]["model"] = "equal"
    assert not any(p.endswith(".population") for p in _asked(raw))


def test_processor_is_asked_only_for_processing_on_behalf() -> None:
    raw = _example("niedersachsen-webgis")
    raw["data"]["roles"] = "processing"
    assert "data.processor" in _asked(raw)
    raw["data"]["roles"] = "joint"
    asked = _asked(raw)
    assert "data.processor" not in asked and "data.contact_point" in asked


def test_combined_roles_ask_for_the_processor_and_the_coordinating_controller() -> None:
    raw = _example("hessen-beteiligungsportal")
    asked = _asked(raw)
    assert {"data.processor", "data.contact_point", "data.statistics_office"} <= asked
    assert {"data.datasets.0.purpose", "data.datasets.0.parcel_level"} <= asked


def test_a_letter_of_intent_asks_nothing_about_costs_or_termination() -> None:
    asked = _asked(_example("bayern-absichtserklaerung"))
    assert not any(p.startswith(("costs", "web_app", "data")) for p in asked)
    assert "term.notice_months" not in asked
    assert len(asked) <= 50  # 5 parties with 6 questions each, plus the frame


def _step(raw: dict[str, Any], path: tuple[str | int, ...]) -> Step:
    return next(s for s in steps(raw, "de", None) if s.path == path)


def test_a_wrong_ags_is_refused_with_the_reason_and_what_to_type() -> None:
    raw = _example("niedersachsen-webgis")
    found = problems(_step(raw, ("parties", 1, "ags")), "05355001", raw, "de")
    assert "das Bundesland NI hat aber den Schlüssel 03" in found[0]
    assert "beginnend mit 03" in found[0]
    assert "genau 8 Ziffern" in problems(_step(raw, ("parties", 1, "ags")), "3355001", raw, "de")[0]


def test_an_end_before_the_start_is_refused() -> None:
    raw = _example("niedersachsen-webgis")
    found = problems(_step(raw, ("term", "end")), "2026-12-31", raw, "de")
    assert "muss nach dem Beginn (2027-01-01) liegen" in found[0]
    assert "Bitte ein Datum nach dem Beginn eingeben" in found[0]


def test_a_lead_who_is_not_a_party_is_refused_with_the_parties_possible() -> None:
    raw = _example("niedersachsen-webgis")
    found = problems(_step(raw, ("lead",)), "lk-harburg", raw, "de")
    assert "kein Beteiligter der Vereinbarung; möglich sind: lk-heideland, heidewinkel" in found[0]


def test_an_invalid_email_is_refused_with_an_example() -> None:
    raw = _example("niedersachsen-webgis")
    found = problems(_step(raw, ("parties", 0, "contact")), {"name": "A", "email": "a(at)b.de"}, raw, "de")
    assert found == ["E-Mail: keine gültige E-Mail-Adresse. Bitte so eingeben: Jonas Keller, jonas.keller@landkreis.de"]


def test_a_missing_required_answer_is_refused_and_an_optional_one_is_not() -> None:
    raw = _example("niedersachsen-webgis")
    assert problems(_step(raw, ("agreement", "project")), None, raw, "de") == ["Angabe fehlt (Pflichtangabe)"]
    assert problems(_step(raw, ("term", "end")), None, raw, "de") == []


@pytest.mark.parametrize(
    ("name", "taken", "expected"),
    [
        ("Landkreis Heideland", set(), "lk-heideland"),
        ("Gemeinde Bardowick", set(), "bardowick"),
        ("Stadt Lüneburg", set(), "lueneburg"),
        ("Markt Altmühlried", {"altmuehlried"}, "altmuehlried-2"),
        ("Hochschule für Technik", set(), "hochschule-fuer-technik"),
    ],
)
def test_party_ids_come_from_the_names_and_are_unique(name: str, taken: set[str], expected: str) -> None:
    assert slug(name, taken) == expected
