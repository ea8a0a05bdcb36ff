"""Signature blocks: one per Beteiligten, with the heading in the right case, one or two signers and the seal.

The Land's rules decide the rest: where its municipal code requires a second signature on a verified basis (✔),
every municipal party must name its second signatory (the answers are refused otherwise); where that rule is only
partly verified, the block carries an empty second line and the checklist says "Zu prüfen". Where the Amtsbezeichnung
must be stated, the signer's function is required. An instrument to be executed "als Verpflichtungserklärung"
(§ 18 Abs. 4 GkZ, § 165 Abs. 4 KV M-V) says so above the signatures.
"""

from __future__ import annotations

from slp_agreements.errors import Problem, UserError
from slp_agreements.model.answers import Answers, Party
from slp_agreements.model.document import Signatory, Signer
from slp_agreements.model.grammar import forms
from slp_agreements.model.labels import LABELS
from slp_agreements.model.land import LandFacts
from slp_agreements.model.vocabulary import MUNICIPAL_KINDS, PUBLIC_KINDS


def party_forms(party: Party) -> dict[str, str]:
    """The party's name in the four German cases (with the overrides of its ``grammar:``)."""
    g = party.grammar
    overrides = (
        {"nom": g.nominative, "gen": g.genitive, "dat": g.dative, "akk": g.accusative} if g is not None else None
    )
    found = forms(party.name, party.kind, g.gender if g is not None else None, overrides)
    return {"nom": found.nom, "gen": found.gen, "dat": found.dat, "akk": found.akk}


def signatory(party: Party, lang: str, land: LandFacts | None = None) -> Signatory:
    """The signature block of one party: "Für den Landkreis Heideland:", signer(s), the Dienstsiegel for bodies."""
    lab = LABELS[lang]
    name = party_forms(party)["akk"] if lang == "de" else party.name
    rep = party.represented_by
    signers = [Signer(rep.name, rep.function or "", lab["in_representation"] if rep.in_representation else "")]
    second = party.second_signatory
    if second is not None:
        signers.append(Signer(second.name, second.function or ""))
    elif land is not None and land.signatories.two_signatures and party.kind in MUNICIPAL_KINDS:
        signers.append(Signer("", ""))  # the Land's code asks for a second signature (to be checked)
    # Public bodies sign with their Dienstsiegel: customary even where the Land's code does not require it.
    return Signatory(party.name, lab["for_party"].format(party=name), signers, party.kind in PUBLIC_KINDS)


def check_signatories(answers: Answers, land: LandFacts) -> None:
    """Refuse answers that leave out a signatory or an Amtsbezeichnung the Land's code requires on a verified basis."""
    rules = land.signatories
    if not rules.fact.verified:
        return
    problems = []
    for i, party in enumerate(answers.parties):
        if party.kind not in MUNICIPAL_KINDS:
            continue
        if rules.two_signatures and party.second_signatory is None:
            problems.append(Problem(f"parties[{i}].second_signatory", f"fehlt: {rules.fact.de}"))
        if rules.official_title and not party.represented_by.function:
            problems.append(
                Problem(f"parties[{i}].represented_by.function", f"fehlt (Amtsbezeichnung): {rules.fact.de}")
            )
    if problems:
        raise UserError(f"Unterzeichnung nach dem Recht des Landes {land.name.de}:", problems=problems)


def signature_note(answers: Answers, land: LandFacts | None, instrument: dict[str, object], lang: str) -> str:
    """The sentence above the signatures where the instrument is executed as a Verpflichtungserklärung."""
    execution = land.signatories.execution if land is not None else None
    if not (land and land.signatories.verpflichtungserklaerung and execution and instrument.get("key") == "agreement"):
        return ""
    if not execution.verified:
        return ""
    name = str(instrument["de"] if lang == "de" else instrument["en"])
    if lang == "de":
        return f"Diese {name} wird als Verpflichtungserklärung ausgefertigt ({execution.norm})."
    return f"This {name} is executed as a binding declaration (Verpflichtungserklärung, {execution.norm})."


def signatories(answers: Answers, lang: str, land: LandFacts | None = None) -> list[Signatory]:
    """The signature blocks of all parties, in the order of the answers."""
    return [signatory(p, lang, land) for p in answers.parties]
