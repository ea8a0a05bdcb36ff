"""A checker for English documents: finds sentences that are German, outside proper names and citations."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Words that occur in German sentences and not in English ones (no words both languages share: in, an, so, also).
GERMAN_WORDS = frozenset(
    [
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einer",
        "eines",
        "einem",
        "einen",
        "und",
        "oder",
        "nicht",
        "mit",
        "für",
        "von",
        "zu",
        "zum",
        "zur",
        "auf",
        "bei",
        "nach",
        "sich",
        "ist",
        "sind",
        "wird",
        "werden",
        "wurde",
        "kann",
        "können",
        "soll",
        "sollen",
        "muss",
        "müssen",
        "im",
        "vom",
        "über",
        "unter",
        "durch",
        "sowie",
        "soweit",
        "dass",
        "kein",
        "keine",
        "auch",
        "als",
        "wie",
        "wenn",
        "jeder",
        "jede",
        "jedes",
        "ihre",
        "ihrer",
        "seine",
        "seiner",
        "diese",
        "dieser",
        "dieses",
        "gemäß",
        "innerhalb",
        "spätestens",
        "jährlich",
        "halbjährlich",
        "vierteljährlich",
        "monatlich",
        "laufend",
        "werktags",
        "uhr",
        "bis",
        "sofern",
        "ob",
        "bzw",
    ]
)
_CITATION = re.compile(
    r"(§§?|Art\.|Artikel)\s*[\d\w.,;()\s-]*?(?:[A-ZÄÖÜ][A-Za-zÄÖÜäöü-]*(?:G|O|VO|DSGVO|GDPR))\b"
    r"|\b(?:Abs|Nr|lit|Satz|S)\.?\s*\d+\w*"
    r"|\bi\.\s*V\.\s*m\."
)
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+|\n")
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")


def german_sentences(text: str, names: Iterable[str] = (), threshold: int = 2) -> list[str]:
    """The sentences of ``text`` with at least ``threshold`` German words once proper names and citations are out."""
    cleaned = text
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        cleaned = cleaned.replace(name, " ")
    cleaned = _CITATION.sub(" ", cleaned)
    cleaned = re.sub(r"\([^()]*\)", lambda m: m.group(0) if _english_gloss(m.group(0)) else " ", cleaned)
    found = []
    for sentence in _SENTENCE.split(cleaned):
        words = [w.lower() for w in _WORD.findall(sentence)]
        if sum(1 for w in words if w in GERMAN_WORDS) >= threshold:
            found.append(sentence.strip())
    return found


def _english_gloss(paren: str) -> bool:
    """A parenthesis that is English text (kept); a German gloss such as '(Rat)' or an act's name is dropped."""
    words = [w.lower() for w in _WORD.findall(paren)]
    return not any(w in GERMAN_WORDS for w in words) and len(words) > 3
