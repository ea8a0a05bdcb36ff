"""Signature blocks: one per Beteiligten, with the heading in the right case, one or two signers and the seal."""

from __future__ import annotations

from slp_agreements.model.answers import Answers, Party
from slp_agreements.model.document import Signatory, Signer
from slp_agreements.model.grammar import forms
from slp_agreements.model.labels import LABELS
from slp_agreements.model.vocabulary import PUBLIC_KINDS


def party_forms(party: Party) -> dict[str, str]:
    """The party's name in the four German cases (with the overrides of its ``grammar:``)."""
    g = party.grammar
    overrides = (
        {"nom": g.nominative, "gen": g.genitive, "dat": g.dative, "akk": g.accusative} if g is not None else None
    )
    found = forms(party.name, party.kind, g.gender if g is not None else None, overrides)
    return {"nom": found.nom, "gen": found.gen, "dat": found.dat, "akk": found.akk}


def signatory(party: Party, lang: str) -> Signatory:
    """The signature block of one party: "Für den Landkreis Heideland:", signer(s), the Dienstsiegel for bodies."""
    lab = LABELS[lang]
    name = party_forms(party)["akk"] if lang == "de" else party.name
    rep = party.represented_by
    signers = [Signer(rep.name, rep.function or "", lab["in_representation"] if rep.in_representation else "")]
    if party.second_signatory is not None:
        second = party.second_signatory
        signers.append(Signer(second.name, second.function or ""))
    return Signatory(party.name, lab["for_party"].format(party=name), signers, party.kind in PUBLIC_KINDS)


def signatories(answers: Answers, lang: str) -> list[Signatory]:
    """The signature blocks of all parties, in the order of the answers."""
    return [signatory(p, lang) for p in answers.parties]
