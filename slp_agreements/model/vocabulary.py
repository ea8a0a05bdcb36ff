"""The words of the domain: languages, Länder, legal forms, party kinds, data roles, checklist phases and roles."""

from __future__ import annotations

from enum import Enum


class Labelled(str, Enum):
    """An enum whose members carry their names in German and English, so value and words are kept in one place."""

    _value_: str
    de: str
    en: str

    def __new__(cls, value: str, de: str = "", en: str = "") -> Labelled:
        member = str.__new__(cls, value)
        member._value_ = value
        member.de = de
        member.en = en
        return member

    def label(self, lang: str) -> str:
        """The member's name in ``lang``."""
        return self.en if lang == "en" else self.de


class Language(str, Enum):
    """Language of the generated documents."""

    de = "de"
    en = "en"


class Languages(str, Enum):
    """The languages an answers file asks for (``language:``): German, English, or both ('de,en')."""

    de = "de"
    en = "en"
    de_en = "de,en"

    @property
    def each(self) -> list[str]:
        """The document languages, in building order."""
        return self.value.split(",")

    @property
    def main(self) -> Language:
        """The first of them (German where German is among them)."""
        return Language(self.each[0])


class AgreementKind(str, Enum):
    """What the agreement governs."""

    cooperation = "cooperation"
    data_sharing = "data_sharing"
    both = "both"


class LegalForm(str, Enum):
    """Legal form of an agreement in answers files of schema version 1 (migrated on load, model/migration.py)."""

    public_law_contract = "public_law_contract"  # öffentlich-rechtlicher Vertrag
    municipal_agreement = "municipal_agreement"  # Zweckvereinbarung / öffentlich-rechtliche Vereinbarung
    letter_of_intent = "letter_of_intent"  # Absichtserklärung, rechtlich unverbindlich


class Transfer(str, Enum):
    """What happens to the task: it passes with its powers, one party performs it, all perform it, nothing moves."""

    delegation = "delegation"  # Delegation: die Aufgabe geht mit Zuständigkeit und Befugnissen über
    mandate = "mandate"  # Mandat: ein Beteiligter führt sie für die anderen durch, die Zuständigkeit bleibt
    joint = "joint"  # gemeinschaftliche Durchführung
    none = "none"  # keine Aufgabe geht über (Abstimmung, gemeinsame Datennutzung)


class InstrumentKey(str, Enum):
    """The instruments the Land data know; each Land file lists the ones its law offers."""

    agreement = "agreement"  # Zweckvereinbarung / öffentlich-rechtliche Vereinbarung
    arge = "arge"  # kommunale Arbeitsgemeinschaft
    arge_special = "arge_special"  # besondere Arbeitsgemeinschaft (binding decisions)
    administrative_community = "administrative_community"  # Verwaltungsgemeinschaft, gemeinsame Dienststelle
    public_law_contract = "public_law_contract"  # öffentlich-rechtlicher Vertrag nach dem Landes-VwVfG
    letter_of_intent = "letter_of_intent"  # Absichtserklärung


class TaskCategory(str, Enum):
    """The kind of task, which decides approval or notice in several Länder."""

    voluntary = "voluntary"  # freiwillige Selbstverwaltungsaufgabe
    mandatory = "mandatory"  # pflichtige Selbstverwaltungsaufgabe
    state = "state"  # Aufgabe des übertragenen Wirkungskreises / Auftragsangelegenheit / Weisungsaufgabe


class Gender(str, Enum):
    """Grammatical gender of a German noun (der, die, das)."""

    m = "m"
    f = "f"
    n = "n"


class Land(str, Enum):
    """German Länder by their usual abbreviation."""

    BW = "BW"
    BY = "BY"
    BE = "BE"
    BB = "BB"
    HB = "HB"
    HH = "HH"
    HE = "HE"
    MV = "MV"
    NI = "NI"
    NW = "NW"
    RP = "RP"
    SL = "SL"
    SN = "SN"
    ST = "ST"
    SH = "SH"
    TH = "TH"


# AGS Land codes (FACTS.md §6).
LAND_CODES: dict[Land, str] = {
    Land.SH: "01", Land.HH: "02", Land.NI: "03", Land.HB: "04", Land.NW: "05", Land.HE: "06",
    Land.RP: "07", Land.BW: "08", Land.BY: "09", Land.SL: "10", Land.BE: "11", Land.BB: "12",
    Land.MV: "13", Land.SN: "14", Land.ST: "15", Land.TH: "16",
}  # fmt: skip


class PartyKind(str, Enum):
    """Kind of a party; municipalities and districts carry an AGS."""

    gemeinde = "gemeinde"
    stadt = "stadt"
    markt = "markt"  # Markt(gemeinde), Bayern
    samtgemeinde = "samtgemeinde"  # Niedersachsen
    verbandsgemeinde = "verbandsgemeinde"  # Rheinland-Pfalz, Sachsen-Anhalt, Brandenburg
    amt = "amt"  # Brandenburg, Mecklenburg-Vorpommern, Schleswig-Holstein
    verwaltungsgemeinschaft = "verwaltungsgemeinschaft"  # Bayern, Thüringen, Sachsen (also Verwaltungsverband)
    landkreis = "landkreis"  # also Kreis (NW, SH), Region Hannover, Regionalverband Saarbrücken
    bezirk = "bezirk"  # Bezirk, Bayern (third municipal level)
    zweckverband = "zweckverband"
    public_body = "public_body"
    research = "research"
    company = "company"


class ContactKind(str, Enum):
    """Whether a contact is a named person or an office (vcard:Individual or vcard:Organization)."""

    person = "person"
    office = "office"


KINDS_WITH_AGS = {PartyKind.gemeinde, PartyKind.stadt, PartyKind.markt, PartyKind.landkreis}
# Public bodies: they sign with their official seal (Dienstsiegel).
PUBLIC_KINDS = {PartyKind.gemeinde, PartyKind.stadt, PartyKind.markt, PartyKind.samtgemeinde,
                PartyKind.verbandsgemeinde, PartyKind.amt, PartyKind.verwaltungsgemeinschaft, PartyKind.landkreis,
                PartyKind.bezirk, PartyKind.zweckverband, PartyKind.public_body}  # fmt: skip
# Gemeindeverbände and Gemeinden: the kinds the cooperation acts call Kommunen (municipal bodies).
MUNICIPAL_KINDS = {PartyKind.gemeinde, PartyKind.stadt, PartyKind.markt, PartyKind.samtgemeinde,
                   PartyKind.verbandsgemeinde, PartyKind.amt, PartyKind.verwaltungsgemeinschaft, PartyKind.landkreis,
                   PartyKind.bezirk, PartyKind.zweckverband}  # fmt: skip


class CostModel(str, Enum):
    """How the parties share the costs."""

    equal = "equal"
    population = "population"
    usage = "usage"
    lead = "lead"
    fixed = "fixed"


class DataRole(str, Enum):
    """Data protection roles of the parties for personal data."""

    separate = "separate"  # jeder Beteiligte eigenständig verantwortlich
    joint = "joint"  # gemeinsam Verantwortliche, Art. 26 DSGVO
    processing = "processing"  # Auftragsverarbeitung durch den Betreiber, Art. 28 DSGVO
    combined = "combined"  # Gemeinden gemeinsam verantwortlich (Art. 26), gemeinsamer Auftragsverarbeiter (Art. 28)


class AfterFunding(str, Enum):
    """What happens to the shared web application when the funding period ends."""

    continue_shared = "continue_shared"  # Weiterbetrieb, Kosten nach dem Kostenschlüssel
    host_continues = "host_continues"  # der Betreiber betreibt auf eigene Kosten weiter
    decide_later = "decide_later"  # Lenkungsausschuss entscheidet rechtzeitig vor Förderende
    shutdown = "shutdown"  # Abschaltung mit Datenexport


class Phase(Labelled):
    """Phase of a checklist step, in document order."""

    preparation = ("preparation", "Vorbereitung", "Preparation")
    before_signing = ("before_signing", "Vor der Unterzeichnung", "Before signature")
    signing = ("signing", "Unterzeichnung", "Signature")
    after_signing = ("after_signing", "Nach der Unterzeichnung", "After signature")
    operation = ("operation", "Laufender Betrieb und Überprüfung", "Operation and review")


class Role(Labelled):
    """Who is responsible for a checklist step."""

    regional_management = ("regional_management", "Regionalmanagement / Projektkoordination", "Regional management")
    legal_office = ("legal_office", "Rechtsamt", "Legal office")
    dpo = ("dpo", "Datenschutzbeauftragte", "Data protection officer")
    it = ("it", "IT / GIS", "IT / GIS")
    council = ("council", "Vertretungskörperschaft (Rat, Kreistag)", "Council")
    administration_head = ("administration_head", "Hauptverwaltungsbeamte/r", "Head of administration")
    finance = ("finance", "Kämmerei / Steuern", "Finance / tax")
    all_parties = ("all_parties", "Alle Beteiligten", "All Parties")
    lead = ("lead", "Federführender Beteiligter", "Lead Party")
    host = ("host", "Betreibender Beteiligter (Betrieb der Anwendung)", "Operating Party (hosting)")
    procurement = ("procurement", "Vergabestelle", "Procurement office")
    press = ("press", "Presse- und Öffentlichkeitsarbeit", "Press office")
