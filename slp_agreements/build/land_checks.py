"""The Land facts the legal office must check for this agreement: every one that applies and is not verified (✔).

A fact marked ◐ or ✖ never stands in the contract as certain; here it becomes a checklist step "Zu prüfen: …" with
its norm, in the phase where it matters (approval and form before signing, publication and effect after it,
amendment, accession, termination and dissolution in operation).
"""

from __future__ import annotations

from dataclasses import dataclass

from slp_agreements.library.instruments import Assessment, approval_rule, authority_fact
from slp_agreements.model.answers import Answers
from slp_agreements.model.document import ChecklistItem
from slp_agreements.model.formatting import english_citation
from slp_agreements.model.land import Fact, LandFacts
from slp_agreements.model.vocabulary import Phase, Role


@dataclass(frozen=True)
class Check:
    """One fact to check, where it came from and when."""

    key: str
    fact: Fact
    phase: Phase


def _vwvfg_fact(land: LandFacts) -> Fact | None:
    """The Land's procedure act as a fact to check, when its citation is not verified."""
    act = land.vwvfg
    if act.marker.value == "✔":
        return None
    return Fact(
        de=f"Zu prüfen: Der öffentlich-rechtliche Vertrag richtet sich nach {act.contract_norms} ({act.full.de}); "
        "Fassung und Zitierweise des Landesgesetzes sind zu prüfen.",
        en=f"To be checked: the public-law contract is governed by {act.contract_norms} ({act.full.en}); the "
        "version and the way the Land act is cited are to be checked.",
        norm=act.contract_norms,
        marker=act.marker,
    )


def _dpa_fact(land: LandFacts) -> Fact | None:
    """The Land's data protection authority as a fact to check, when its name is not verified."""
    dpa, act = land.data_protection_authority, land.data_protection_act
    if dpa.marker.value == "✔":
        return None
    return Fact(
        de=f"Zu prüfen: Datenschutz-Aufsichtsbehörde für die Beteiligten ist nach Art. 51 DSGVO und dem {act.short} "
        f"voraussichtlich {dpa.de}; Bezeichnung und Zuständigkeit sind zu prüfen.",
        en=f"To be checked: the data protection supervisory authority for the Parties under Art. 51 GDPR and the "
        f"{act.short} is presumably {dpa.en}; name and competence are to be checked.",
        norm=f"Art. 51 DSGVO; {act.short}",
        marker=dpa.marker,
    )


def checks(answers: Answers, land: LandFacts, found: Assessment, when_ctx: dict[str, object]) -> list[Check]:
    """Every unverified fact that applies to these answers, each once."""
    inst = found.instrument
    out: list[Check] = [Check(f"land-basis-{i}", fact, Phase.preparation) for i, fact in enumerate(found.checks)]
    rule = approval_rule(inst, when_ctx, f"laender/{land.land.value}.yaml: approval")
    parties = [p.model_dump(mode="json") for p in answers.parties]
    # Approval, authority, signatories, council and commitment authorisation have their own steps in the clauses'
    # checklists (checklist/supervision, signing, council; cooperation/costs), which quote these facts.
    cooperation_act = found.key.value in {"agreement", "arge", "arge_special", "administrative_community"}
    before = [
        ("land-approval", None if cooperation_act else rule.fact),
        ("land-deemed-approval", inst.deemed_approval),
        ("land-authority", None if cooperation_act else authority_fact(inst, parties)),
        ("land-execution", land.signatories.execution if found.key.value == "agreement" else None),
        ("land-procedure-act", _vwvfg_fact(land) if found.key.value == "public_law_contract" else None),
    ]
    before += [
        (f"land-content-{r.element.value}", r.fact) for r in inst.content if r.mandatory and r.applies(found.transfer)
    ]
    if answers.data is not None and answers.data.personal_data:
        before.append(("land-dpa", _dpa_fact(land)))
    after = [
        ("land-publication", inst.publication.fact if inst.publication else None),
        ("land-effect", inst.effect),
    ]
    operation = [
        ("land-amendment", inst.amendment),
        ("land-accession", inst.accession if answers.joining.allowed else None),
        ("land-termination", inst.termination),
        ("land-dissolution", inst.dissolution),
        ("land-disputes", land.disputes if answers.disputes.conciliation else None),
        ("land-accessibility", land.accessibility_law if answers.web_app is not None else None),
    ]
    seen = [c.fact for c in out]
    for phase, group in ((Phase.before_signing, before), (Phase.after_signing, after), (Phase.operation, operation)):
        for key, fact in group:
            if fact is not None and not fact.verified and fact not in seen:
                seen.append(fact)
                out.append(Check(key, fact, phase))
    return out


def checklist_items(found: list[Check], lang: str) -> list[ChecklistItem]:
    """The checks as checklist steps of the legal office."""
    role = Role.legal_office
    return [
        ChecklistItem(
            c.key,
            c.phase.value,
            c.phase.label(lang),
            role.value,
            role.label(lang),
            c.fact.get(lang),
            english_citation(c.fact.norm or "") if lang == "en" else c.fact.norm or "",
            "land",
        )
        for c in found
    ]
