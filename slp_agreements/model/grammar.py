"""Party names in German sentences: article and case ("der Landkreis Heideland", "des Landkreises Heideland").

Contract texts name a Beteiligten in every case: "Für den Landkreis Heideland:", "die Aufgabe des Landkreises
Heideland", "gegenüber der Gemeinde Embsen". The rule: the first word of the name that is (or ends in) a known
head noun gives gender and genitive ending (Landkreis → des Landkreises, Markt → des Marktes, Stadt → der Stadt);
capitalised adjectives before it take the weak ending ("Große Kreisstadt" → "der Großen Kreisstadt"); everything
after the head noun is a proper name and never changes. A company name ending in its legal form (GmbH, AG, e. V.)
takes the gender of the legal form and stays as it is. Without a known head noun the party kind gives the gender.
An answers file can override every form (``grammar:``). English names take no article and never change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from slp_agreements.model.vocabulary import Gender, PartyKind

CASES = ("nom", "gen", "dat", "akk")

# Head nouns: gender and genitive singular ending. Longer nouns first, so a compound finds its last part.
_NOUNS: dict[str, tuple[Gender, str]] = {
    "Verwaltungsgemeinschaft": (Gender.f, ""), "Verbandsgemeinde": (Gender.f, ""),
    "Samtgemeinde": (Gender.f, ""), "Ortsgemeinde": (Gender.f, ""), "Marktgemeinde": (Gender.f, ""),
    "Stadtgemeinde": (Gender.f, ""), "Gemeinde": (Gender.f, ""), "Landeshauptstadt": (Gender.f, ""),
    "Hansestadt": (Gender.f, ""), "Kreisstadt": (Gender.f, ""), "Stadt": (Gender.f, ""),
    "Hochschule": (Gender.f, ""), "Universität": (Gender.f, ""), "Akademie": (Gender.f, ""),
    "Region": (Gender.f, ""), "Anstalt": (Gender.f, ""), "Stiftung": (Gender.f, ""),
    "Körperschaft": (Gender.f, ""), "Gesellschaft": (Gender.f, ""), "Genossenschaft": (Gender.f, ""),
    "Kammer": (Gender.f, ""), "Behörde": (Gender.f, ""), "Verwaltung": (Gender.f, ""),
    "Landkreis": (Gender.m, "es"), "Kreis": (Gender.m, "es"), "Zweckverband": (Gender.m, "es"),
    "Verwaltungsverband": (Gender.m, "es"), "Regionalverband": (Gender.m, "es"), "Verband": (Gender.m, "es"),
    "Markt": (Gender.m, "es"), "Bezirk": (Gender.m, "s"), "Freistaat": (Gender.m, "es"),
    "Eigenbetrieb": (Gender.m, "s"), "Betrieb": (Gender.m, "s"), "Verein": (Gender.m, "s"),
    "Amt": (Gender.n, "es"), "Land": (Gender.n, "es"), "Institut": (Gender.n, "s"),
    "Rechenzentrum": (Gender.n, "s"), "Zentrum": (Gender.n, "s"), "Unternehmen": (Gender.n, "s"),
    "Kommunalunternehmen": (Gender.n, "s"), "Büro": (Gender.n, "s"),
}  # fmt: skip
_BY_LENGTH = sorted(_NOUNS, key=len, reverse=True)

# Legal forms at the end of a company or association name: the name stays as it is, the form gives the gender.
_LEGAL_FORMS: dict[str, Gender] = {
    "GmbH": Gender.f, "gGmbH": Gender.f, "mbH": Gender.f, "AG": Gender.f, "SE": Gender.f, "KG": Gender.f,
    "eG": Gender.f, "AöR": Gender.f, "KdöR": Gender.f, "e. V.": Gender.m, "e.V.": Gender.m,
}  # fmt: skip

# A municipal name without a head noun ("Darmstadt") is named with the noun of its kind ("die Stadt Darmstadt").
_KIND_NOUN: dict[PartyKind, str] = {
    PartyKind.gemeinde: "Gemeinde", PartyKind.stadt: "Stadt", PartyKind.markt: "Markt",
    PartyKind.samtgemeinde: "Samtgemeinde", PartyKind.verbandsgemeinde: "Verbandsgemeinde", PartyKind.amt: "Amt",
    PartyKind.verwaltungsgemeinschaft: "Verwaltungsgemeinschaft", PartyKind.landkreis: "Landkreis",
    PartyKind.bezirk: "Bezirk", PartyKind.zweckverband: "Zweckverband",
}  # fmt: skip

# Gender when a name has no known head noun.
_KIND_GENDER: dict[PartyKind, Gender] = {
    PartyKind.gemeinde: Gender.f, PartyKind.stadt: Gender.f, PartyKind.markt: Gender.m,
    PartyKind.samtgemeinde: Gender.f, PartyKind.verbandsgemeinde: Gender.f, PartyKind.amt: Gender.n,
    PartyKind.verwaltungsgemeinschaft: Gender.f, PartyKind.landkreis: Gender.m, PartyKind.bezirk: Gender.m,
    PartyKind.zweckverband: Gender.m, PartyKind.public_body: Gender.f, PartyKind.research: Gender.f,
    PartyKind.company: Gender.f,
}  # fmt: skip

_ARTICLES: dict[Gender, dict[str, str]] = {
    Gender.m: {"nom": "der", "gen": "des", "dat": "dem", "akk": "den"},
    Gender.f: {"nom": "die", "gen": "der", "dat": "der", "akk": "die"},
    Gender.n: {"nom": "das", "gen": "des", "dat": "dem", "akk": "das"},
}
_PRONOUNS = {Gender.m: "er", Gender.f: "sie", Gender.n: "es"}
# Weak adjective endings after the definite article.
_WEAK: dict[Gender, dict[str, str]] = {
    Gender.m: {"nom": "e", "gen": "en", "dat": "en", "akk": "en"},
    Gender.f: {"nom": "e", "gen": "en", "dat": "en", "akk": "e"},
    Gender.n: {"nom": "e", "gen": "en", "dat": "en", "akk": "e"},
}
_ADJECTIVE = re.compile(r"^([A-ZÄÖÜ][a-zäöüß]+?)(er|es|en|em|e)$")


@dataclass(frozen=True)
class Forms:
    """A party name in the four cases, with article; its gender and pronoun (er, sie, es)."""

    nom: str
    gen: str
    dat: str
    akk: str
    gender: Gender
    pronoun: str

    def case(self, name: str) -> str:
        """The name in case ``name`` ('nom', 'gen', 'dat', 'akk')."""
        return str(getattr(self, name))


def _head(words: list[str]) -> tuple[int, Gender, str] | None:
    """Position, gender and genitive ending of the first word that is a known head noun.

    A compound counts when it is hyphenated ("Leibniz-Institut") or the first of several words
    ("Wissenschaftsstadt Darmstadt"); a single place name ("Darmstadt") is no head noun.
    """
    for i, word in enumerate(words):
        for noun in _BY_LENGTH:
            compound = word.endswith(noun.lower()) and len(word) > len(noun) and i == 0 and len(words) > 1
            if word == noun or word.endswith("-" + noun) or compound:
                gender, ending = _NOUNS[noun]
                return i, gender, ending
    return None


def _genitive(word: str, ending: str) -> str:
    """The genitive singular of a masculine or neuter head noun (Kreis → Kreises, Bezirk → Bezirks)."""
    if not ending:
        return word
    return word + ("es" if word.endswith(("s", "ß", "x", "z")) else ending)


def _decline(words: list[str], head: int, gender: Gender, ending: str, case: str) -> str:
    """The words with adjectives before the head in the weak form and the head noun's genitive ending."""
    out = []
    for i, word in enumerate(words):
        if i < head:
            m = _ADJECTIVE.match(word)
            out.append(m.group(1) + _WEAK[gender][case] if m else word)
        elif i == head and case == "gen":
            out.append(_genitive(word, ending))
        else:
            out.append(word)
    return " ".join(out)


def forms(
    name: str,
    kind: PartyKind | str | None = None,
    gender: Gender | str | None = None,
    overrides: dict[str, str | None] | None = None,
) -> Forms:
    """The German forms of a party name; ``gender`` and ``overrides`` (nom, gen, dat, akk) come from ``grammar:``."""
    words = name.split()
    legal_form = next((f for f in _LEGAL_FORMS if name.endswith(" " + f)), None)
    head = None if legal_form else _head(words)
    party_kind = PartyKind(kind) if kind in PartyKind._value2member_map_ else None
    if head is None and legal_form is None and gender is None and party_kind in _KIND_NOUN:
        words = [_KIND_NOUN[party_kind], *words]
        head = _head(words)
    if gender is not None:
        found = Gender(gender)
    elif legal_form:
        found = _LEGAL_FORMS[legal_form]
    elif head:
        found = head[1]
    else:
        found = _KIND_GENDER.get(party_kind, Gender.f) if party_kind else Gender.f
    if head and head[1] is found:
        texts = {case: _decline(words, head[0], found, head[2], case) for case in CASES}
    else:
        texts = dict.fromkeys(CASES, " ".join(words))
    result = {case: f"{_ARTICLES[found][case]} {texts[case]}" for case in CASES}
    for case, value in (overrides or {}).items():
        if value:
            result[case] = value
    return Forms(result["nom"], result["gen"], result["dat"], result["akk"], found, _PRONOUNS[found])
