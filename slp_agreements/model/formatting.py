"""Dates, amounts, lists and numbers written as a German (or English) administration writes them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

_LOCALES = {"de": "de_DE", "en": "en_GB"}
_NUMBER_WORDS = {
    "de": ["null", "einen", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf",
           "zwölf"],
    "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
           "twelve"],
}  # fmt: skip


def date(value: dt.date | str | None, lang: str) -> str:
    """'1. März 2027' / '1 March 2027'."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return str(format_date(value, format="long", locale=_LOCALES[lang]))


def short_date(value: dt.date, lang: str) -> str:
    """'01.03.2027' / '01/03/2027'."""
    return str(format_date(value, format="dd.MM.yyyy" if lang == "de" else "dd/MM/yyyy", locale=_LOCALES[lang]))


def money(value: Decimal | float | int | None, lang: str) -> str:
    """'12.500,00 €' / '€12,500.00'."""
    if value is None:
        return ""
    return str(format_currency(Decimal(str(value)), "EUR", locale=_LOCALES[lang]))


def number(value: float | int | Decimal, lang: str) -> str:
    """'12.345' / '12,345'; '2,5' / '2.5'."""
    return str(format_decimal(value, locale=_LOCALES[lang]))


def join_and(items: Iterable[object], lang: str) -> str:
    """'A, B und C' / 'A, B and C'."""
    words = [str(i) for i in items]
    if len(words) <= 1:
        return "".join(words)
    last = " und " if lang == "de" else " and "
    return ", ".join(words[:-1]) + last + words[-1]


def capfirst(value: object) -> str:
    """The text with its first letter in upper case, the rest unchanged ('der Landkreis' → 'Der Landkreis')."""
    text = str(value)
    return text[:1].upper() + text[1:]


def inline(value: object) -> str:
    """A sentence-initial article in lower case, for use inside a sentence ('Die Landesbeauftragte' → 'die …')."""
    text = str(value)
    for article in ("Der ", "Die ", "Das ", "The "):
        if text.startswith(article):
            return article.lower() + text[len(article) :]
    return text


_SUPERVISION = {
    "de": (re.compile(r"(?<![A-Za-zÄÖÜäöüß-])(?:Rechts)?[Aa]ufsichtsbehörde"), "Kommunalaufsichtsbehörde"),
    "en": (re.compile(r"(?<![A-Za-z-])(?<!municipal )supervisory authority"), "municipal supervisory authority"),
}


def kommunalaufsicht(value: object, lang: str) -> str:
    """A Land fact's 'Aufsichtsbehörde' as this agreement's defined term 'Kommunalaufsichtsbehörde'."""
    pattern, term = _SUPERVISION["en" if lang == "en" else "de"]
    return pattern.sub(term, str(value))


_PROCEDURE = re.compile(
    r"Aufsichtsbehörde|Genehmigung|genehmig|anzuzeigen|Anzeige|bekannt zu machen|Bekanntmachung|bekannt gemacht|"
    r"supervisory authority|approv|notif|publi"
)


def procedural(value: object) -> bool:
    """Whether a Land fact states a procedure (approval, notice, publication), not only what the agreement says."""
    return bool(_PROCEDURE.search(str(value)))


def count(n: int, one: str, many: str) -> str:
    """A number with its noun in the right form: '1 Warnung', '0 Warnungen', '2 Datensätze'."""
    return f"{n} {one if n == 1 else many}"


def months(value: int, lang: str) -> str:
    """'sechs Monate' / 'six months'; 'einen Monat' / 'one month'."""
    words = _NUMBER_WORDS[lang]
    number = words[value] if 0 <= value < len(words) else str(value)
    if lang == "de":
        return f"{number} Monat" if value == 1 else f"{number} Monate"
    return f"{number} month" if value == 1 else f"{number} months"


def item_label(index: int, level: int) -> str:
    """'1.' for items, 'a)' for sub-items."""
    if level == 0:
        return f"{index + 1}."
    letters = "abcdefghijklmnopqrstuvwxyz"
    return f"{letters[index % 26] * (index // 26 + 1)})"


# German citation words and their English form, for the legal-basis column of an English checklist.
_CITATION_WORDS = [
    (r"\bi\. ?V\. ?m\.", "in conjunction with"),
    (r"\bEuGH\b", "CJEU"),
    (r"\bRL (?=\d)", "Directive "),
    (r"\bRichtlinie\b", "Directive"),
    (r"\bVerordnung\b(?= \(EU\))", "Regulation"),
    (r"\bDurchführungsbeschluss\b", "Implementing Decision"),
    (r"\bDSGVO\b", "GDPR"),
    (r"\bLandesrecht\b", "Land law"),
    (r"\(Land\)", "(Land law)"),
    (r" ff\.", " et seq."),
    (r" Nr\. ", " no. "),
    (r" Satz (\d+)", r" sentence \1"),
    (r" Unterabs\. (\d+)", r" subparagraph \1"),
    (r" (?:lit\.|Buchst\.) ([a-z])\b", r"(\1)"),
    (r" bis ", " to "),
    (r" und ", " and "),
]
_PARAGRAPHS = re.compile(r" Abs\. (\d+[a-z]?(?:(?:, | bis | und )\d+[a-z]?)*)")


def _paragraph_numbers(match: re.Match[str]) -> str:
    parts = re.split(r"(, | bis | und )", match.group(1))
    words = {", ": ", ", " bis ": " to ", " und ": " and "}
    return "".join(words.get(p, f"({p})") for p in parts)


def english_citation(text: str) -> str:
    """A German citation as an English legal-basis column writes it ('Art. 28 Abs. 3 DSGVO' → 'Article 28(3) GDPR')."""
    out = _PARAGRAPHS.sub(_paragraph_numbers, text)
    for pattern, replacement in _CITATION_WORDS:
        out = re.sub(pattern, replacement, out)
    out = re.sub(r"\bArt\. (?=[^;]*\bGDPR\b)", "Article ", out)
    return re.sub(r"\bArticle (\d+[a-z]?(?:\([^)]*\))*)(,| and| to) (?=\d|Article)", r"Articles \1\2 ", out)
