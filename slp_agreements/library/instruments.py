"""Which instrument an agreement is, whether the Land's law allows it, and what the legal office must check.

The answers name the instrument (``agreement.instrument``) or say what happens to the task
(``agreement.task_transfer``): delegation, mandate or joint performance lead to the Land's agreement under its
cooperation act where it carries that transfer, otherwise to the instrument its law names instead; no transfer
leads to a public-law contract under the Land's administrative procedure act. An Arbeitsgemeinschaft is always an
explicit choice.

``assess`` applies the Land's rules (model/land.py): a transfer or a party the instrument's act rules out on a
verified basis (✔) is refused with one German sentence naming the norm and the instrument that fits; where the
rule is only partly verified or unverified, the build warns and the checklist says "Zu prüfen".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from slp_agreements.errors import UserError
from slp_agreements.library.templating import evaluate
from slp_agreements.model.answers import Answers, Party
from slp_agreements.model.land import ApprovalRule, Fact, Instrument, LandFacts
from slp_agreements.model.vocabulary import MUNICIPAL_KINDS, InstrumentKey, PartyKind, Transfer

# Instruments made under the Land's act on intermunicipal cooperation (their parties are "Beteiligte").
COOPERATION_ACT = {InstrumentKey.agreement, InstrumentKey.arge, InstrumentKey.arge_special,
                   InstrumentKey.administrative_community}  # fmt: skip
# Where a transfer goes when the Land's agreement cannot carry it and its exclusion names nothing instead.
_FALLBACK = (InstrumentKey.administrative_community, InstrumentKey.public_law_contract)

TRANSFER_WORDS = {
    Transfer.delegation: ("eine Delegation (die Aufgabe geht mit der Zuständigkeit über)", "a delegation"),
    Transfer.mandate: ("ein Mandat (ein Beteiligter führt die Aufgabe für die übrigen durch)", "a mandate"),
    Transfer.joint: ("eine gemeinschaftliche Durchführung der Aufgabe", "joint performance"),
    Transfer.none: ("eine Zusammenarbeit ohne Übergang einer Aufgabe", "cooperation without a transfer"),
}
KIND_WORDS = {
    PartyKind.gemeinde: "eine Gemeinde", PartyKind.stadt: "eine Stadt", PartyKind.markt: "ein Markt",
    PartyKind.samtgemeinde: "eine Samtgemeinde", PartyKind.verbandsgemeinde: "eine Verbandsgemeinde",
    PartyKind.amt: "ein Amt", PartyKind.verwaltungsgemeinschaft: "eine Verwaltungsgemeinschaft",
    PartyKind.landkreis: "ein Landkreis", PartyKind.bezirk: "ein Bezirk", PartyKind.zweckverband: "ein Zweckverband",
    PartyKind.public_body: "eine andere öffentliche Stelle", PartyKind.research: "eine Hochschule oder "
    "Forschungseinrichtung", PartyKind.company: "ein Unternehmen",
}  # fmt: skip


def derived_key(transfer: Transfer, land: LandFacts) -> InstrumentKey | None:
    """The instrument the Land offers for ``transfer`` (None when none of its instruments carries it)."""
    if transfer is Transfer.none:
        return InstrumentKey.public_law_contract
    agreement = land.instrument(InstrumentKey.agreement)
    if agreement is not None and agreement.allows(transfer):
        return InstrumentKey.agreement
    excluded = agreement.excludes.get(transfer) if agreement is not None else None
    for key in [*(excluded.instead if excluded else []), *_FALLBACK]:
        candidate = land.instrument(key)
        if candidate is not None and candidate.allows(transfer):
            return key
    return None


def instrument_key(agreement: Mapping[str, Any], land: LandFacts | None) -> InstrumentKey | None:
    """The instrument's key: the one named in the answers, else derived (None while nothing says it yet)."""
    named = agreement.get("instrument")
    if named in InstrumentKey._value2member_map_:
        return InstrumentKey(named)
    transfer = agreement.get("task_transfer")
    if transfer not in Transfer._value2member_map_:
        return None
    if land is None:
        return InstrumentKey.public_law_contract if transfer == "none" else InstrumentKey.agreement
    return derived_key(Transfer(transfer), land)


def cited(instrument: Instrument) -> str:
    """'Zweckvereinbarung nach §§ 5, 6 NKomZG' (the name alone where no norm is known)."""
    return f"{instrument.name.de} nach {instrument.norm}" if instrument.norm else instrument.name.de


def _fits(land: LandFacts, keys: list[InstrumentKey]) -> str:
    """'Passend: öffentlich-rechtlicher Vertrag nach … (agreement.instrument: public_law_contract) oder …'."""
    binding = [k for k in keys if k is not InstrumentKey.letter_of_intent]
    named = [f"{cited(inst)} (agreement.instrument: {k.value})" for k in binding if (inst := land.instrument(k))]
    return f" Passend: {' oder '.join(named)}." if named else ""


@dataclass
class Assessment:
    """The instrument of one agreement under its Land's law, with what the build says and the checklist lists."""

    key: InstrumentKey
    instrument: Instrument
    transfer: Transfer | None
    derived: bool
    warnings: list[str] = field(default_factory=list)
    checks: list[Fact] = field(default_factory=list)

    def check(self, fact: Fact | None) -> None:
        """List an unverified fact for the legal office (once)."""
        if fact is not None and not fact.verified and fact not in self.checks:
            self.checks.append(fact)


def _refuse(where: str, message: str) -> UserError:
    return UserError(f"{where}: {message}")


def assess(answers: Answers, land: LandFacts) -> Assessment:
    """The instrument of these answers under ``land``'s law; a UserError where that law rules the combination out."""
    transfer = answers.agreement.task_transfer
    named = answers.agreement.instrument
    key = named or (derived_key(transfer, land) if transfer is not None else None)
    if key is None:
        assert transfer is not None
        carriers = [k for k, inst in land.instruments.items() if inst.allows(transfer)]
        raise _refuse(
            "agreement.task_transfer",
            f"Das Recht des Landes {land.name.de} sieht nach den Landesdaten für {TRANSFER_WORDS[transfer][0]} "
            f"keine Form vor.{_fits(land, carriers) or ' Bitte agreement.task_transfer ändern.'}",
        )
    instrument = land.instrument(key)
    if instrument is None:
        offered = ", ".join(f"{k.value} ({inst.name.de})" for k, inst in land.instruments.items())
        raise _refuse(
            "agreement.instrument",
            f"Das Land {land.name.de} kennt keine Form '{key.value}'; möglich sind {offered}.",
        )
    found = Assessment(key, instrument, transfer, named is None)
    if named is None and transfer is not None and key is not InstrumentKey.agreement and transfer is not Transfer.none:
        found.warnings.append(
            f"agreement.instrument: nicht angegeben; für {TRANSFER_WORDS[transfer][0]} ist nach den Landesdaten "
            f"{instrument.name.de_indef} ({instrument.norm or 'Landesrecht'}) gewählt. Bitte prüfen."
        )
    if transfer is not None and key is not InstrumentKey.letter_of_intent:
        _transfer_allowed(found, land, transfer)
    for i, party in enumerate(answers.parties):
        _party_allowed(found, land, i, party)
    return found


def _transfer_allowed(found: Assessment, land: LandFacts, transfer: Transfer) -> None:
    """The instrument carries the transfer: its basis, or its act excludes it (✔ refused, else warned)."""
    instrument = found.instrument
    if transfer in instrument.transfers:
        found.check(instrument.transfers[transfer])
        return
    exclusion = instrument.excludes.get(transfer)
    if exclusion is not None and not exclusion.verified:
        found.warnings.append(f"agreement.task_transfer: {exclusion.de}")
        found.check(exclusion)
        return
    carriers = [k for k, inst in land.instruments.items() if inst.allows(transfer) and k is not found.key]
    if exclusion is not None:
        instead = [k for k in exclusion.instead if k in land.instruments] or carriers
        raise _refuse("agreement.task_transfer", f"{exclusion.de}{_fits(land, instead)}")
    words = TRANSFER_WORDS[transfer][0]
    raise _refuse(
        "agreement.task_transfer",
        f"Für die {cited(instrument)} sehen die Landesdaten {words} nicht vor.{_fits(land, carriers)}",
    )


def _party_allowed(found: Assessment, land: LandFacts, i: int, party: Party) -> None:
    """The party belongs to the instrument's circle of parties (✔ refused outside it, else warned)."""
    circle = found.instrument.parties
    if party.kind in circle.kinds:
        if not circle.fact.verified:
            found.check(circle.fact)
        return
    doubtful = circle.doubtful.get(party.kind)
    if doubtful is not None or not circle.fact.verified:
        fact = doubtful or circle.fact
        found.warnings.append(f"parties[{i}].kind: {party.name}: {fact.de}")
        found.check(fact)
        return
    fitting = [k for k, inst in land.instruments.items() if party.kind in inst.parties.kinds and k is not found.key]
    raise _refuse(
        f"parties[{i}].kind",
        f"{party.name} ist {KIND_WORDS[party.kind]}; {circle.fact.de}{_fits(land, fitting)}",
    )


def approval_rule(instrument: Instrument, ctx: Mapping[str, Any], where: str) -> ApprovalRule:
    """The instrument's first approval rule whose condition holds for these answers."""
    for rule in instrument.approval:
        if rule.when is None or evaluate(rule.when, dict(ctx), where):
            return rule
    return instrument.approval[-1]


def authority_fact(instrument: Instrument, parties: list[dict[str, Any]]) -> Fact | None:
    """The competent Kommunalaufsichtsbehörde for these parties: a Landkreis or kreisfreie Stadt among them, or
    municipalities of different Kreise (different first five AGS digits) change it."""
    authority = instrument.authority
    if authority is None:
        return None
    kinds = [p.get("kind") for p in parties]
    ags = [str(p.get("ags") or "") for p in parties]
    if PartyKind.landkreis.value in kinds and authority.with_landkreis is not None:
        return authority.with_landkreis
    city_free = any(k == PartyKind.stadt.value and a.endswith("000") for k, a in zip(kinds, ags, strict=True))
    if city_free and authority.with_kreisfreie_stadt is not None:
        return authority.with_kreisfreie_stadt
    municipal = {k.value for k in MUNICIPAL_KINDS} - {PartyKind.landkreis.value, PartyKind.bezirk.value}
    districts = {a[:5] for k, a in zip(kinds, ags, strict=True) if k in municipal and len(a) == 8}
    if len(districts) > 1 and authority.across_districts is not None:
        return authority.across_districts
    return authority.default
