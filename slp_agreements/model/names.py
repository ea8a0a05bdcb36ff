"""Kürzel from names: the one rule for party ids and folder names ('Landkreis Heideland' → 'lk-heideland').

The questionnaire gives a new party its Kürzel this way, and ``build --each-party`` names a row's party and its
folder this way (unless the table has a Kürzel column).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from slp_agreements.model.fields import PARTY_ID_LENGTH

# The first word of a municipality's name that the Kürzel shortens or drops (Gemeinde Bardowick → bardowick).
_PREFIXES = {"landkreis": "lk", "gemeinde": "", "stadt": "", "hansestadt": "", "markt": "", "samtgemeinde": "sg",
             "verbandsgemeinde": "vg", "zweckverband": "zv", "kreis": "kreis"}  # fmt: skip
_ROOM_FOR_NUMBER = 4  # '-2' … '-999' must still fit into a Kürzel


def unique(base: str, taken: Collection[str]) -> str:
    """``base``, or ``base-2``, ``base-3`` … whichever is not taken yet (compared without case: Windows and macOS
    do not tell 'A' from 'a')."""
    folded = {t.casefold() for t in taken}
    candidate, n = base, 2
    while candidate.casefold() in folded:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


# Names Windows reserves for devices, with any extension ('CON', 'nul.txt', 'COM1'): never a folder or file name.
_DEVICES = {"con", "prn", "aux", "nul", *(f"{d}{i}" for d in ("com", "lpt") for i in (*range(1, 10), "¹", "²", "³"))}
_NOT_IN_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


def folder_name(name: str, taken: Collection[str] = ()) -> str:
    """A name as one folder inside the output folder, on every system: no separators or characters Windows refuses,
    no '.' or '..', no device names, no trailing dots or spaces, distinct from ``taken`` also without case."""
    text = _NOT_IN_NAMES.sub("_", unicodedata.normalize("NFC", name)).strip().rstrip(". ")
    if not text.strip("._"):
        text = "vereinbarung"
    head, dot, rest = text.partition(".")
    if head.casefold().rstrip() in _DEVICES:  # also 'aux.backup': Windows ignores what follows the dot
        text = f"{head}_{dot}{rest}"
    return unique(text[:100], taken)


def _words(name: str) -> list[str]:
    text = name.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", text)


def path_segment(name: str, limit: int = 80) -> str:
    """A name as one segment of a web address: 'Fläche und Wohnen' → 'flaeche-und-wohnen'."""
    return "-".join(_words(name))[:limit].strip("-") or "datensatz"


def slug(name: str, taken: Collection[str] = ()) -> str:
    """A party Kürzel from its name: lower case, umlauts written out, the usual prefix shortened, not in ``taken``."""
    words = _words(name)
    if len(words) > 1 and words[0] in _PREFIXES:
        words = [w for w in [_PREFIXES[words[0]], *words[1:]] if w]
    base = "-".join(words)[: PARTY_ID_LENGTH - _ROOM_FOR_NUMBER].strip("-") or "partei"
    return unique(base, taken)
