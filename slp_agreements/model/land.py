"""The Land facts (clauses/laender/<CODE>.yaml) as typed models: every fact with its norm and verification marker.

A ``Fact`` is one legal statement: ``de``/``en`` are usable verbatim in a contract when the marker is ✔ and are a
checklist sentence ("Zu prüfen: …") otherwise; ``norm`` is the citation for ``legal_refs`` and the register;
``source`` is what was read (required for ✔). The engine decides with these facts which instrument a Land offers for
a task transfer, which content the Land law makes mandatory, who approves and publishes, and how signatures look.

Conventions the engine relies on (see docs/laenderdaten.md):
- ``Instrument.transfers`` lists the transfers an instrument can carry, ``excludes`` the ones its act rules out;
  a ✔ exclusion is a refusal, a ◐/✖ one a warning with a checklist item; a transfer in neither is not provided for.
- ``ApprovalRule.when`` is a condition in the clause language (``when:`` of clauses) over ``task_transfer`` and
  ``task`` (``task.category``: voluntary | mandatory | state, ``task.powers``: bool; ``task`` is None without a
  task). The first rule whose condition holds applies; the last rule has no condition.
- ``ProcedureAct.norms`` maps the federal section numbers "54" … "62" to the Land citation, so no output needs to
  cite the federal VwVfG for a municipal body except inside a reference-type citation ("… i. V. m. § 54 VwVfG").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from slp_agreements.model.fields import StrictModel
from slp_agreements.model.vocabulary import LAND_CODES, Gender, InstrumentKey, Land, PartyKind, Transfer

VWVFG_SECTIONS = tuple(str(n) for n in range(54, 63))  # the public-law contract: §§ 54 to 62 VwVfG

Sentence = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=300)]


class Marker(str, Enum):
    """How far a fact is verified: against the current norm text (✔), partly or secondarily (◐), not at all (✖)."""

    verified = "✔"
    partly = "◐"
    unverified = "✖"


class Element(str, Enum):
    """A content element an instrument's act requires or allows; mandatory ✔ ones become requirement-set items."""

    task = "task"
    carrier = "carrier"
    transfer_date = "transfer_date"
    participation_rights = "participation_rights"
    compensation = "compensation"
    cost_key = "cost_key"
    termination_terms = "termination_terms"
    dissolution_terms = "dissolution_terms"
    written_form = "written_form"
    parties = "parties"
    rules_of_procedure = "rules_of_procedure"
    financing = "financing"
    bylaws = "bylaws"


class ApprovalKind(str, Enum):
    """What the Kommunalaufsichtsbehörde must do before the instrument takes effect."""

    approval = "approval"  # Genehmigung
    notice = "notice"  # Anzeige
    none = "none"
    unknown = "unknown"


class PublishedBy(str, Enum):
    """Who publishes the instrument (öffentliche Bekanntmachung)."""

    authority = "authority"
    parties = "parties"
    none = "none"
    unknown = "unknown"


class LandModel(StrictModel):
    """Strict, frozen base of the Land facts: unknown keys are errors, values never change after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Words(LandModel):
    """A text in German and English."""

    de: Sentence
    en: Sentence

    def get(self, lang: str) -> str:
        """The text in ``lang`` (English for 'en', else German)."""
        return self.en if lang == "en" else self.de


def _require_source(marker: Marker, source: str | None, norm: str | None, *, needs_norm: bool) -> None:
    if marker is not Marker.verified:
        return
    if not source:
        raise ValueError("ein ✔-Fakt braucht eine Quelle (source: Fundstelle und gelesene Fassung)")
    if needs_norm and not norm:
        raise ValueError("ein ✔-Fakt braucht eine Norm (norm, z. B. '§ 5 Abs. 6 NKomZG')")


class Fact(Words):
    """One legal fact: a sentence in German and English, its norm, its marker and what was read."""

    norm: Name | None = None
    marker: Marker
    source: Sentence | None = None

    @model_validator(mode="after")
    def _verified_has_source(self) -> Fact:
        _require_source(self.marker, self.source, self.norm, needs_norm=True)
        return self

    @property
    def verified(self) -> bool:
        """True for a ✔ fact: it may stand in a contract; otherwise it is a 'zu prüfen' item."""
        return self.marker is Marker.verified


class Exclusion(Fact):
    """A transfer the instrument's act rules out, with the instruments that fit instead."""

    instead: list[InstrumentKey] = Field(default_factory=list)


class ActName(LandModel):
    """An act's short and full name."""

    short: Name
    full: Words


class NamedAct(ActName):
    """An act whose name (not a single norm) is the fact, with its marker and source."""

    marker: Marker
    source: Sentence | None = None

    @model_validator(mode="after")
    def _verified_has_source(self) -> NamedAct:
        _require_source(self.marker, self.source, None, needs_norm=False)
        return self


class CooperationAct(ActName):
    """The Land act on intermunicipal cooperation (GkG NRW, NKomZG, KommZG …)."""

    fact: Fact


class ProcedureAct(NamedAct):
    """The Land administrative procedure act and how it cites the public-law contract (§§ 54–62 VwVfG)."""

    citation: Literal["§", "Art."]
    reference_type: bool  # the Land act refers to the federal VwVfG: "§ 1 Abs. 1 NVwVfG i. V. m. § 54 VwVfG"
    contract_norms: Name  # the whole part as a Land lawyer cites it: "§§ 54 ff. VwVfG NRW", "Art. 54 ff. BayVwVfG"
    norms: dict[str, Name]

    @model_validator(mode="after")
    def _all_contract_sections(self) -> ProcedureAct:
        keys = set(self.norms)
        if keys != set(VWVFG_SECTIONS):
            missing = sorted(set(VWVFG_SECTIONS) - keys, key=int)
            extra = sorted(keys - set(VWVFG_SECTIONS))
            raise ValueError(
                "norms muss genau die Paragraphen 54 bis 62 des VwVfG abbilden"
                + (f"; es fehlen {', '.join(missing)}" if missing else "")
                + (f"; unbekannt: {', '.join(extra)}" if extra else "")
            )
        for section, cited in self.norms.items():
            if self.reference_type and f"i. V. m. § {section} VwVfG" not in cited:
                raise ValueError(f"norms.{section}: ein Verweisungsgesetz wird '… i. V. m. § {section} VwVfG' zitiert")
            if not self.reference_type and self.short not in cited:
                raise ValueError(f"norms.{section}: die Landesnorm muss das Landesgesetz ({self.short}) nennen")
            if not cited.startswith(self.citation):
                raise ValueError(f"norms.{section}: Zitierweise dieses Landes ist '{self.citation}'")
        return self

    def cite(self, section: int | str) -> str:
        """The Land citation of a federal VwVfG section: 60 → '§ 127 LVwG', 'Art. 60 BayVwVfG', …."""
        key = str(section)
        if key not in self.norms:
            raise KeyError(f"§ {key} VwVfG gehört nicht zum öffentlich-rechtlichen Vertrag (§§ 54 bis 62)")
        return self.norms[key]


class MunicipalCodes(LandModel):
    """The municipal code(s) per party kind (GO, LKrO, one Kommunalverfassung …)."""

    codes: dict[PartyKind, ActName] = Field(min_length=1)
    marker: Marker
    source: Sentence | None = None

    @model_validator(mode="after")
    def _verified_has_source(self) -> MunicipalCodes:
        _require_source(self.marker, self.source, None, needs_norm=False)
        return self


class DataProtectionAuthority(Words):
    """The Land data protection authority for public bodies (Art. 51 DSGVO), named with a lower-case article."""

    short: Name | None = None
    marker: Marker
    source: Sentence | None = None

    @model_validator(mode="after")
    def _verified_has_source(self) -> DataProtectionAuthority:
        _require_source(self.marker, self.source, None, needs_norm=False)
        return self


class Council(LandModel):
    """The organ of a party kind that resolves on the agreement, and the norm giving it that competence."""

    organ: Words
    fact: Fact


class Signatories(LandModel):
    """How a declaration that binds the municipality is signed; a boolean is None where the law was not read.

    The booleans state what ``fact`` (and, for the instrument itself, ``execution``) says; whether they are
    verified is the marker of that fact.
    """

    fact: Fact
    two_signatures: bool | None = None  # a second signatory beside the head of administration is required
    seal: bool | None = None  # the Dienstsiegel is required
    official_title: bool | None = None  # the Amtsbezeichnung is to be added to the signature
    in_representation_note: bool | None = None  # a deputy adds a note of the representation ("In Vertretung")
    verpflichtungserklaerung: bool | None = None  # "als Verpflichtungserklärung auszufertigen"
    electronic_form: bool | None = None  # the agreement may be concluded electronically
    execution: Fact | None = None  # the cooperation act's own rule on executing the instrument (§ 18 Abs. 4 GkZ …)


class InstrumentName(Words):
    """An instrument's name, with the indefinite article and gender for German sentences."""

    de_indef: Name  # "eine Zweckvereinbarung", "ein öffentlich-rechtlicher Vertrag"
    gender: Gender


class Parties(LandModel):
    """The circle of parties an instrument allows; ``doubtful`` kinds are neither certain nor excluded."""

    kinds: list[PartyKind] = Field(min_length=1)
    fact: Fact  # the party circle; a ✔ fact makes the engine refuse kinds outside kinds and doubtful
    doubtful: dict[PartyKind, Fact] = Field(default_factory=dict)  # warn and list "zu prüfen"

    @model_validator(mode="after")
    def _disjoint(self) -> Parties:
        both = sorted(k.value for k in set(self.kinds) & set(self.doubtful))
        if both:
            raise ValueError(f"{', '.join(both)} steht zugleich unter kinds und doubtful")
        return self


class ContentRule(LandModel):
    """A content element of an instrument: mandatory (muss/soll) or allowed (kann), with its norm."""

    element: Element
    mandatory: bool
    transfers: list[Transfer] = Field(default_factory=list)  # the transfers it applies to; empty: all of them
    fact: Fact

    def applies(self, transfer: Transfer | str | None) -> bool:
        """True when the rule applies to an agreement with ``transfer`` (every rule applies when none is given)."""
        return not self.transfers or transfer is None or Transfer(transfer) in self.transfers


class ApprovalRule(LandModel):
    """Approval or notice under a condition; the first rule whose ``when`` holds applies."""

    when: Sentence | None = None
    kind: ApprovalKind
    fact: Fact


class Authority(LandModel):
    """The competent Kommunalaufsichtsbehörde: the default and the cases that change it."""

    default: Fact
    with_landkreis: Fact | None = None
    with_kreisfreie_stadt: Fact | None = None
    across_districts: Fact | None = None


class Publication(LandModel):
    """Who publishes the instrument and whether each party publishes a reference notice (Hinweisbekanntmachung)."""

    by: PublishedBy
    reference_notice: bool | None = None
    fact: Fact


class Instrument(LandModel):
    """An instrument the Land offers: what it can carry, who may be party, what it must say and how it is made."""

    name: InstrumentName
    statutory_name: Name | None = None
    norm: Name | None = None
    transfers: dict[Transfer, Fact] = Field(min_length=1)
    excludes: dict[Transfer, Exclusion] = Field(default_factory=dict)
    parties: Parties
    content: list[ContentRule] = Field(default_factory=list)
    approval: list[ApprovalRule] = Field(min_length=1)
    deemed_approval: Fact | None = None
    authority: Authority | None = None
    publication: Publication | None = None
    effect: Fact | None = None
    amendment: Fact | None = None
    accession: Fact | None = None
    termination: Fact | None = None
    dissolution: Fact | None = None
    notes: list[Words] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Instrument:
        both = sorted(t.value for t in set(self.transfers) & set(self.excludes))
        if both:
            raise ValueError(f"{', '.join(both)} steht zugleich unter transfers und excludes")
        if self.approval[-1].when is not None:
            raise ValueError("die letzte Regel unter approval braucht keine Bedingung (when), damit immer eine gilt")
        elements = [rule.element for rule in self.content]
        doubled = sorted({e.value for e in elements if elements.count(e) > 1})
        if doubled:
            raise ValueError(f"content nennt {', '.join(doubled)} mehrfach")
        return self

    def allows(self, transfer: Transfer) -> bool:
        """True when the instrument can carry ``transfer`` (whatever the marker of its basis)."""
        return transfer in self.transfers


class LandFacts(LandModel):
    """Everything a draft agreement needs to know about one Land's law, each fact with norm and marker."""

    land: Land
    as_of: dt.date  # date of the research the file rests on
    name: Words
    ags_code: Annotated[str, StringConstraints(pattern=r"^\d{2}$")]
    city_state: bool
    cooperation_act: CooperationAct | None = None
    vwvfg: ProcedureAct
    municipal_codes: MunicipalCodes | None = None
    budget_regulation: NamedAct | None = None
    commitment_authorisation: Fact | None = None
    data_protection_act: NamedAct
    data_protection_authority: DataProtectionAuthority
    accessibility_law: Fact
    council: dict[PartyKind, Council] = Field(default_factory=dict)
    signatories: Signatories
    disputes: Fact | None = None
    instruments: dict[InstrumentKey, Instrument]
    notes: list[Words] = Field(default_factory=list)

    @model_validator(mode="after")
    def _complete(self) -> LandFacts:
        if self.ags_code != LAND_CODES[self.land]:
            raise ValueError(f"ags_code von {self.land.value} ist {LAND_CODES[self.land]}, nicht {self.ags_code}")
        for key in (InstrumentKey.public_law_contract, InstrumentKey.letter_of_intent):
            if key not in self.instruments:
                raise ValueError(f"instruments.{key.value} fehlt; jedes Land hat es")
        if not self.city_state and self.cooperation_act is None:
            raise ValueError("cooperation_act fehlt; nur Stadtstaaten haben kein Gesetz über kommunale Zusammenarbeit")
        for key, instrument in self.instruments.items():
            for transfer, exclusion in instrument.excludes.items():
                for other in exclusion.instead:
                    if other not in self.instruments or not self.instruments[other].allows(transfer):
                        raise ValueError(
                            f"instruments.{key.value}.excludes.{transfer.value}.instead: "
                            f"{other.value} trägt '{transfer.value}' in diesem Land nicht"
                        )
        return self

    def instrument(self, key: InstrumentKey | str) -> Instrument | None:
        """The instrument under ``key``, or None when the Land does not offer it."""
        return self.instruments.get(InstrumentKey(key))

    def facts(self) -> Iterator[tuple[str, Fact]]:
        """Every fact of the Land with its path ('instruments.agreement.approval[1]'), in file order."""
        yield from _facts(self, "")

    def markers(self) -> Iterator[tuple[str, Marker]]:
        """The marker of every fact and of every name-only entry (procedure act, codes, authority …)."""
        for path, value in _walk(self, ""):
            if isinstance(value, (Fact, NamedAct, MunicipalCodes, DataProtectionAuthority)):
                yield path, value.marker


def _walk(value: object, path: str) -> Iterator[tuple[str, object]]:
    """Every model, list item and mapping value below ``value``, with its path."""
    if isinstance(value, BaseModel):
        yield path, value
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, dict):
        for key, item in value.items():
            label = key.value if isinstance(key, Enum) else str(key)
            yield from _walk(item, f"{path}.{label}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}[{i}]")


def _facts(value: object, path: str) -> Iterator[tuple[str, Fact]]:
    for where, item in _walk(value, path):
        if isinstance(item, Fact):
            yield where, item
