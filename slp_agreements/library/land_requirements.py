"""Requirement sets from the Land data: what an instrument's act makes mandatory, checked like Art. 28 GDPR.

For every Land and instrument, the content rules marked mandatory and verified (✔) become the requirement set
``land-<LAND>-<instrument>`` with elements ``land.task``, ``land.carrier``, ``land.termination_terms`` … and the
Land's norm; clauses declare ``covers: [land.task]``. A build whose clauses leave one uncovered fails and names
element and norm. Mandatory rules that are not verified become checklist steps "Zu prüfen" instead
(build/land_checks.py).
"""

from __future__ import annotations

from pathlib import Path

from slp_agreements.library.clauses import Bilingual, Element, RequirementSet
from slp_agreements.model.land import Element as ContentElement
from slp_agreements.model.land import LandFacts

ELEMENT_NAMES: dict[ContentElement, tuple[str, str]] = {
    ContentElement.task: ("Bezeichnung der Aufgabe", "The task"),
    ContentElement.carrier: ("Der Beteiligte, der die Aufgabe übernimmt oder durchführt",
                             "The Party that takes over or performs the task"),
    ContentElement.transfer_date: ("Zeitpunkt des Übergangs der Aufgabe", "Date on which the task passes"),
    ContentElement.participation_rights: ("Mitwirkungsrechte der übrigen Beteiligten",
                                          "Rights of participation of the other Parties"),
    ContentElement.compensation: ("Entschädigung oder Kostenersatz", "Compensation or reimbursement of costs"),
    ContentElement.cost_key: ("Maßstab der Kostenverteilung", "Key for sharing the costs"),
    ContentElement.termination_terms: ("Voraussetzungen, Form und Folgen der Kündigung",
                                       "Conditions, form and consequences of termination"),
    ContentElement.dissolution_terms: ("Voraussetzungen und Folgen der Auflösung",
                                       "Conditions and consequences of dissolution"),
    ContentElement.written_form: ("Schriftform", "Written form"),
    ContentElement.parties: ("Bezeichnung der Beteiligten", "The Parties"),
    ContentElement.rules_of_procedure: ("Geschäftsgang", "Rules of procedure"),
    ContentElement.financing: ("Deckung des Finanzbedarfs", "Covering the financial requirements"),
    ContentElement.bylaws: ("Satzungsbefugnis", "Power to issue bylaws"),
}  # fmt: skip


def element_id(element: ContentElement) -> str:
    """The id clauses cover: 'land.task'."""
    return f"land.{element.value}"


def land_requirement_sets(land: LandFacts) -> list[RequirementSet]:
    """One requirement set per instrument of the Land that has verified mandatory content."""
    out = []
    code = land.land.value
    for key, instrument in land.instruments.items():
        elements = []
        for rule in instrument.content:
            if not (rule.mandatory and rule.fact.verified):
                continue
            de, en = ELEMENT_NAMES[rule.element]
            when = f"task_transfer in {[t.value for t in rule.transfers]!r}" if rule.transfers else None
            elements.append(Element(id=element_id(rule.element), de=de, en=en, norm=rule.fact.norm, when=when))
        if not elements:
            continue
        out.append(
            RequirementSet(
                id=f"land-{code}-{key.value}",
                title=Bilingual(
                    de=f"Pflichtinhalte: {instrument.name.de} ({land.name.de})",
                    en=f"Mandatory content: {instrument.name.en} ({land.name.en})",
                ),
                norm=instrument.norm or land.vwvfg.contract_norms,
                source=f"laender/{code}.yaml",
                when=f"land == '{code}' and instrument and instrument.key == '{key.value}'",
                elements=elements,
            )
        )
    return out


def add_land_requirements(sets: dict[str, RequirementSet], files: dict[str, Path], laender: dict[str, LandFacts],
                          land_files: dict[str, Path]) -> None:  # fmt: skip
    """Lay the Land requirement sets into a library's sets (after every folder is loaded)."""
    for code, land in laender.items():
        for rs in land_requirement_sets(land):
            sets[rs.id] = rs
            files[rs.id] = land_files.get(code, Path(f"laender/{code}.yaml"))
