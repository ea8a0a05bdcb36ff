"""The Land facts as clause texts read them: plain data, each fact with ``de``, ``en``, ``norm`` and ``verified``.

``instrument`` is the agreement's instrument with the facts that apply to these answers (the approval rule that
holds, the Kommunalaufsichtsbehörde for these parties, publication, effect, amendment, accession, termination,
dissolution, the content rules for this transfer); ``land_info`` is the whole Land file; ``vwvfg(60)`` cites a
section of the public-law contract the way the Land does ("§ 60 LVwVfG", "Art. 60 BayVwVfG",
"§ 1 Abs. 1 NVwVfG i. V. m. § 60 VwVfG", "§ 127 LVwG"). A ✔ fact may stand in a contract as it is; any other is
worded "soweit …" in the contract and listed "Zu prüfen" in the checklist.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from slp_agreements.errors import UserError
from slp_agreements.library.instruments import COOPERATION_ACT, approval_rule, authority_fact
from slp_agreements.model.land import Fact, Instrument, LandFacts
from slp_agreements.model.vocabulary import InstrumentKey, Transfer

# Names where no Land file is at hand (the questionnaire before the Land is chosen).
_NAMES: dict[str, tuple[str, str, str, str]] = {
    "agreement": ("Zweckvereinbarung", "special-purpose agreement", "eine Zweckvereinbarung", "f"),
    "public_law_contract": (
        "öffentlich-rechtlicher Vertrag", "public-law contract", "ein öffentlich-rechtlicher Vertrag", "m"
    ),
    "letter_of_intent": ("Absichtserklärung", "letter of intent", "eine Absichtserklärung", "f"),
    "arge": ("kommunale Arbeitsgemeinschaft", "municipal working group", "eine kommunale Arbeitsgemeinschaft", "f"),
    "arge_special": ("besondere Arbeitsgemeinschaft", "special working group", "eine besondere Arbeitsgemeinschaft",
                     "f"),
    "administrative_community": ("Verwaltungsgemeinschaft", "administrative community",
                                 "eine Verwaltungsgemeinschaft", "f"),
}  # fmt: skip


def fact_view(fact: Fact | None) -> dict[str, Any] | None:
    """A fact as plain data: de, en, norm, marker, source and ``verified``."""
    if fact is None:
        return None
    return {**fact.model_dump(mode="json"), "verified": fact.verified}


def land_view(land: LandFacts | None) -> dict[str, Any]:
    """The whole Land file as plain data (empty without one)."""
    return land.model_dump(mode="json") if land is not None else {}


def _content(instrument: Instrument, transfer: Transfer | None) -> dict[str, Any]:
    return {
        rule.element.value: {**(fact_view(rule.fact) or {}), "mandatory": rule.mandatory}
        for rule in instrument.content
        if rule.applies(transfer)
    }


def instrument_view(
    key: InstrumentKey,
    land: LandFacts | None,
    transfer: Transfer | None,
    answers: Mapping[str, Any],
    parties: list[dict[str, Any]],
) -> dict[str, Any]:
    """The instrument for texts: names, norm and the facts that apply to these answers."""
    instrument = land.instrument(key) if land is not None else None
    if instrument is None:
        de, en, de_indef, gender = _NAMES[key.value]
        names = {"name": de, "de": de, "en": en, "de_indef": de_indef, "gender": gender, "statutory_name": de}
        return {"key": key.value, **names, "norm": None, "cooperation_act": key in COOPERATION_ACT, "transfer": None,
                "approval": None, "deemed_approval": None, "authority": None, "publication": None, "effect": None,
                "amendment": None, "accession": None, "termination": None, "dissolution": None, "content": {},
                "notes": []}  # fmt: skip
    try:
        rule = approval_rule(instrument, answers, f"laender/{land.land.value if land else ''}.yaml: approval")
        approval: dict[str, Any] | None = {**(fact_view(rule.fact) or {}), "kind": rule.kind.value}
    except UserError:
        approval = None  # the answers a condition reads are not given yet (questionnaire)
    publication = instrument.publication
    return {
        "key": key.value,
        "name": instrument.name.de,
        "de": instrument.name.de,
        "en": instrument.name.en,
        "de_indef": instrument.name.de_indef,
        "gender": instrument.name.gender.value,
        "statutory_name": instrument.statutory_name or instrument.name.de,
        "norm": instrument.norm,
        "cooperation_act": key in COOPERATION_ACT,
        "transfer": fact_view(instrument.transfers.get(transfer)) if transfer else None,
        "approval": approval,
        "deemed_approval": fact_view(instrument.deemed_approval),
        "authority": fact_view(authority_fact(instrument, parties)),
        "publication": (
            {
                **(fact_view(publication.fact) or {}),
                "by": publication.by.value,
                "reference_notice": publication.reference_notice,
            }
            if publication is not None
            else None
        ),
        "effect": fact_view(instrument.effect),
        "amendment": fact_view(instrument.amendment),
        "accession": fact_view(instrument.accession),
        "termination": fact_view(instrument.termination),
        "dissolution": fact_view(instrument.dissolution),
        "content": _content(instrument, transfer),
        "notes": [n.model_dump(mode="json") for n in instrument.notes],
    }


def vwvfg_function(land: LandFacts | None) -> Callable[[Any], str]:
    """``vwvfg(60)`` for texts: the Land's citation of a section of the public-law contract (§§ 54 to 62 VwVfG)."""

    def cite(section: Any, detail: str = "") -> str:
        """The citation with ``detail`` ('Abs. 3') after the section number ('… i. V. m. § 59 Abs. 3 VwVfG')."""
        if land is None:
            return f"§ {section}{' ' + detail if detail else ''} des Verwaltungsverfahrensgesetzes des Landes"
        try:
            cited = land.vwvfg.cite(str(section))
        except KeyError:
            raise UserError(
                f"vwvfg({section!r}): zitierbar sind nur die Paragraphen 54 bis 62 des öffentlich-rechtlichen Vertrags."
            ) from None
        if not detail:
            return cited
        numbers = list(re.finditer(r"(?:§|Art\.) \d+[a-z]?", cited))
        end = numbers[-1].end() if numbers else len(cited)
        return f"{cited[:end]} {detail}{cited[end:]}"

    return cite


def dpa_view(land: LandFacts | None) -> dict[str, Any] | None:
    """The Land's Datenschutz-Aufsichtsbehörde for public bodies (Art. 51 DSGVO)."""
    if land is None:
        return None
    dpa = land.data_protection_authority
    return {**dpa.model_dump(mode="json"), "verified": dpa.marker.value == "✔"}


def samples(laender: Mapping[str, LandFacts]) -> list[dict[str, Any]]:
    """Every instrument of every Land as texts see it (for lint to check dotted paths such as instrument.norm)."""
    out = []
    for land in laender.values():
        for key, instrument in land.instruments.items():
            first = next(iter(instrument.transfers), None)
            out.append(instrument_view(key, land, first, {"task_transfer": None, "task": None}, []))
    return out
