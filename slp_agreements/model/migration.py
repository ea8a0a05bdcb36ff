"""Answers files of an older schema version, brought to the current one (schema_version 1 → 2).

Version 1 chose a ``legal_form`` (public_law_contract, municipal_agreement, letter_of_intent); version 2 says what
happens to the task (``agreement.task_transfer``) and derives the instrument from the Land's law, or names it
(``agreement.instrument``). The old texts of a municipal_agreement said that no competence passes, i.e. a mandate:
that maps unambiguously only where the Land's agreement carries a mandate on a verified basis. Elsewhere (e.g. a
Zweckvereinbarung defined as delegation "zur alleinigen Erfüllung") the user has to choose, and the message says
between what. The Land facts come in through ``AgreementFacts`` so this module reads no files.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from slp_agreements.model.paths import FieldPath

CURRENT = 2


@dataclass(frozen=True)
class AgreementFacts:
    """What the migration needs to know about one Land's law."""

    agreement: str | None  # the Land's name of its agreement instrument ("Zweckvereinbarung"); None: it has none
    agreement_norm: str  # the norm defining it ("§ 5 Abs. 1 NKomZG")
    mandate: bool  # the agreement carries a mandate, on a verified basis
    contract_norms: str  # the Land's citation of the public-law contract ("§ 1 Abs. 1 NVwVfG i. V. m. §§ 54 ff. VwVfG")


FactsFor = Callable[[str], AgreementFacts | None]


@dataclass
class Migrated:
    """The answers in the current schema, what the user should add or check, and what could not be decided."""

    data: Any
    version: int  # the version the file had
    notes: list[str] = field(default_factory=list)
    problems: list[tuple[FieldPath, str]] = field(default_factory=list)


def version_of(raw: Any) -> int:
    """The schema version of raw answers; a file without one but with ``agreement.legal_form`` is version 1."""
    if not isinstance(raw, dict):
        return CURRENT
    version = raw.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool):
        return version
    agreement = raw.get("agreement")
    return 1 if version is None and isinstance(agreement, dict) and "legal_form" in agreement else CURRENT


MIGRATE_HINT = "Mit 'slp-agreements migrate DATEI' lässt sich die neue Fassung speichern."


def migrate(raw: Any, facts_for: FactsFor | None) -> Migrated:
    """Raw answers in the current schema version; files already current come back unchanged (not copied)."""
    version = version_of(raw)
    if version != 1:
        return Migrated(raw, version)
    data = copy.deepcopy(raw)
    data["schema_version"] = CURRENT
    out = Migrated(data, 1)
    agreement = data.get("agreement")
    if not isinstance(agreement, dict) or "legal_form" not in agreement:
        return out
    form = agreement.pop("legal_form")
    land = data.get("land")
    facts = facts_for(land) if facts_for and isinstance(land, str) else None
    if form == "letter_of_intent":
        agreement["instrument"] = "letter_of_intent"
        out.notes.append(
            "Antwortdatei der Version 1 umgestellt: legal_form: letter_of_intent ist jetzt "
            f"agreement.instrument: letter_of_intent. {MIGRATE_HINT}"
        )
    elif form == "public_law_contract":
        agreement.update(instrument="public_law_contract", task_transfer="none")
        out.notes.append(
            "Antwortdatei der Version 1 umgestellt: legal_form: public_law_contract ist jetzt "
            "agreement.instrument: public_law_contract mit agreement.task_transfer: none (keine Aufgabe geht über). "
            + MIGRATE_HINT
        )
    elif form == "municipal_agreement":
        _municipal_agreement(data, agreement, facts, out)
    else:
        out.problems.append(
            (
                ("agreement", "legal_form"),
                f"unbekannte Rechtsform '{form}' (Version 1); möglich sind public_law_contract, "
                "municipal_agreement und letter_of_intent, in Version 2 agreement.task_transfer und "
                "agreement.instrument",
            )
        )
    return out


def _municipal_agreement(
    data: dict[str, Any], agreement: dict[str, Any], facts: AgreementFacts | None, out: Migrated
) -> None:
    """municipal_agreement: a mandate where the Land's agreement surely carries one; else the user decides."""
    if facts is not None and facts.agreement is None:
        agreement.update(instrument="public_law_contract", task_transfer="none")
        out.notes.append(
            "Antwortdatei der Version 1 umgestellt: Dieses Land kennt keine Zweckvereinbarung zwischen Kommunen; "
            f"legal_form: municipal_agreement ist jetzt ein öffentlich-rechtlicher Vertrag ({facts.contract_norms}) "
            f"ohne Übertragung einer Aufgabe (agreement.task_transfer: none). {MIGRATE_HINT}"
        )
        return
    if facts is None or not facts.mandate:
        if facts is None:
            why = "Für dieses Land ist nicht bekannt, ob seine Zweckvereinbarung ein Mandat tragen kann."
            choice = "none (öffentlich-rechtlicher Vertrag nach dem Verwaltungsverfahrensgesetz des Landes)"
        else:
            why = (
                f"Die {facts.agreement} nach {facts.agreement_norm} überträgt die Aufgabe; ein Mandat ohne Übergang "
                "der Zuständigkeit, wie es der bisherige Text beschrieb, ist in dieser Form nicht gesichert."
            )
            choice = f"none (öffentlich-rechtlicher Vertrag nach {facts.contract_norms})"
        out.problems.append(
            (
                ("agreement", "legal_form"),
                "Antwortdatei der Version 1 mit legal_form: municipal_agreement lässt sich nicht eindeutig umstellen. "
                f"{why} Bitte legal_form entfernen und agreement.task_transfer wählen: delegation (die Aufgabe geht "
                f"über; sie ist unter task: zu benennen) oder {choice}.",
            )
        )
        agreement["legal_form"] = "municipal_agreement"
        return
    agreement.update(instrument="agreement", task_transfer="mandate")
    if "task" not in data:
        term = data.get("term") if isinstance(data.get("term"), dict) else {}
        task: dict[str, Any] = {"name": agreement.get("subject"), "carrier": data.get("lead")}
        if isinstance(term, dict) and term.get("start") is not None:
            task["date"] = term["start"]
        data["task"] = {k: v for k, v in task.items() if v is not None}
    out.notes.append(
        "Antwortdatei der Version 1 umgestellt: legal_form: municipal_agreement ist jetzt "
        f"{facts.agreement} mit Mandat (agreement.task_transfer: mandate; die Zuständigkeit bleibt bei den "
        "übrigen Beteiligten). Die Aufgabe wurde aus agreement.subject, der Federführung und term.start "
        "übernommen; bitte task: prüfen, task.name genau fassen und task.category ergänzen (voluntary, mandatory "
        f"oder state). {MIGRATE_HINT}"
    )
