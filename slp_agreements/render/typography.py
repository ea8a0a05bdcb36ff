"""Typography of every text the Word files show: non-breaking spaces where German and English legal texts need them.

Only spaces are replaced (by U+00A0, or U+202F inside abbreviations like "z. B."), so the text keeps its length and
the offsets of cross-references stay valid. Rules:
- after §, §§, Art., Abs., Nr., S., lit., Ziff., UAbs., Satz, Anlage/Annex, Section, No. and before what they count
  ("§ 13", "Art. 28", "lit. a", "Anlage 2"): "nach § | 13" cannot happen;
- between a number and its unit or the word it counts ("5 %", "30 Tage", "1.200 EUR", "3 months"), and before
  "f.", "ff." and "et seq." ("§§ 54 ff. VwVfG");
- inside a date ("1. Januar 2027") and inside abbreviations of two letters ("z. B.", "d. h.", "u. a.", "i. V. m.").
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"

_BEFORE_NUMBER = re.compile(
    r"(?<![\w.])(§§?|Art\.|Artt\.|Abs\.|Nr\.|Nrn\.|S\.|Ziff\.|UAbs\.|Satz|Anlage|Anlagen|Annex|Annexes|Section|"
    r"Sections|Article|Articles|No\.|para\.|p\.) (?=\d)"
)
_LIT = re.compile(r"(?<![\w.])(lit\.|Buchst\.|point) (?=[a-z]\b|[a-z]\))")
_UNITS = (
    r"%|‰|€|EUR|Euro|km²|km|m²|m|ha|kg|t|GB|TB|MB|Mio\.|Mrd\.|Prozent|Einwohner(?:innen|n)?|"
    r"Tage|Tagen|Werktage|Werktagen|Wochen|Monate|Monaten|Jahre|Jahren|Stunden|Minuten|Seiten|"
    r"days|working days|weeks|months|years|hours|minutes|pages|per cent|percent|inhabitants|ff?\.|et seq\."
)
_NUMBER_UNIT = re.compile(rf"(?<![\w.,])(\d[\d.,]*) (?=(?:{_UNITS})(?!\w))")
_MONTHS = (
    "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|"
    "January|February|March|May|June|July|October|December"
)
_DATE = re.compile(rf"(?<![\w.])(\d{{1,2}}\.?) (?=(?:{_MONTHS})\b)")
_DATE_YEAR = re.compile(rf"\b({_MONTHS}) (?=\d{{4}}\b)")
_ABBREVIATION = re.compile(r"(?<![\w.])([a-zA-Z]\.) (?=[a-zA-Z]\.)")


_DIGIT = re.compile(r"\d")


def typeset(text: str) -> str:
    """The text with non-breaking spaces where a line must not break (same length as before).

    Each rule runs only where what it looks for can occur (a digit, 'lit.', '. '): most sentences have no
    number, and the rules' patterns would otherwise be tried at every character.
    """
    if " " not in text:
        return text
    digits = _DIGIT.search(text) is not None  # replacing spaces never adds or removes a digit
    if digits:
        text = _BEFORE_NUMBER.sub(lambda m: m.group(1) + NBSP, text)
    if "lit. " in text or "Buchst. " in text or "point " in text:
        text = _LIT.sub(lambda m: m.group(1) + NBSP, text)
    if digits:
        text = _NUMBER_UNIT.sub(lambda m: m.group(1) + NBSP, text)
        text = _DATE.sub(lambda m: m.group(1) + NBSP, text)
        text = _DATE_YEAR.sub(lambda m: m.group(1) + NBSP, text)
    text = text.replace("et seq.", f"et{NBSP}seq.")
    if ". " not in text:
        return text
    return _ABBREVIATION.sub(lambda m: m.group(1) + NARROW_NBSP, text)
