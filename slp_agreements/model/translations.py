"""Free texts in two languages: which answers fields may be ``{de: …, en: …}``, splitting and merging them.

An answers file may give every free text below as a plain string (German) or as ``{de: "…", en: "…"}``. Loading
keeps the German text in the field and the English one beside it (``Texts``); an English build puts the English
texts in (``localised``), translates the fixed vocabularies (update frequency, formats) and names every free text
without an English version with its line (``missing``).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from slp_agreements.model.open_data import FREQUENCIES, file_type
from slp_agreements.model.paths import FieldPath, line_of, where

INDICATOR_TEXTS = ("name", "topic", "definition", "calculation", "unit", "source", "spatial_level", "coverage",
                   "update", "interpretation", "limitations", "reference")  # fmt: skip
# The texts of an indicator's profile.
INDICATOR_TEXTS = ("name", "topic", "definition", "calculation", "unit", "source", "spatial_level", "coverage",
                   "update", "interpretation", "limitations", "reference")  # fmt: skip
# The free texts an answers file may give in German and English ('*': every item of a list).
TRANSLATABLE: tuple[FieldPath, ...] = (
    ("agreement", "title"),
    ("agreement", "project"),
    ("agreement", "subject"),
    ("agreement", "purposes", "*"),
    ("agreement", "context"),
    ("task", "name"),
    ("task", "participation_rights", "*"),
    ("data", "data_subjects", "*"),
    ("data", "data_categories", "*"),
    ("data", "legal_basis"),
    ("data", "retention"),
    ("data", "datasets", "*", "title"),
    ("data", "datasets", "*", "description"),
    ("data", "datasets", "*", "format"),
    ("data", "datasets", "*", "update"),
    ("data", "subprocessors", "*", "service"),
    ("web_app", "description"),
    ("web_app", "availability"),
    *(("indicators", "*", name) for name in INDICATOR_TEXTS),
)

# The update frequencies (codes of the EU vocabulary, model/open_data.py) in German and English.
FREQUENCY_WORDS: dict[str, tuple[str, str]] = {
    "DAILY": ("täglich", "daily"),
    "WEEKLY": ("wöchentlich", "weekly"),
    "MONTHLY": ("monatlich", "monthly"),
    "QUARTERLY": ("vierteljährlich", "quarterly"),
    "ANNUAL_2": ("halbjährlich", "every six months"),
    "ANNUAL": ("jährlich", "annually"),
    "BIENNIAL": ("zweijährlich", "every two years"),
    "IRREG": ("unregelmäßig", "irregularly"),
    "CONT": ("laufend", "continuously"),
    "NEVER": ("einmalig", "once"),
}


def frequency_in(value: str, lang: str) -> str | None:
    """An update frequency of the fixed vocabulary ('jährlich') in ``lang``; None for any other text."""
    code = FREQUENCIES.get(value.strip().lower())
    if code is None:
        return None
    de, en = FREQUENCY_WORDS[code]
    return en if lang == "en" else de


def formats_in(value: str, lang: str) -> str | None:
    """Formats of the fixed vocabulary ('GeoPackage, Kartendienst') in ``lang``; None if one of them is unknown."""
    parts = [p.strip() for p in value.split(",") if p.strip()]
    found = [file_type(p) for p in parts]
    if not parts or any(ft is None for ft in found):
        return None
    if lang != "en":
        return value
    return ", ".join(ft.names[0] if ft else p for ft, p in zip(found, parts, strict=True))


def vocabulary(path: FieldPath, value: str, lang: str) -> str | None:
    """The fixed-vocabulary translation of the value at ``path`` (update, format), or None."""
    if path[-1] == "update":
        return frequency_in(value, lang)
    if path[-1] == "format":
        return formats_in(value, lang)
    return None


def _matches(data: Any, pattern: FieldPath, at: FieldPath = ()) -> Iterator[tuple[FieldPath, Any, str | int]]:
    """Every (path, container, key) the pattern reaches in plain data."""
    if not pattern:
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        keys: list[str | int] = list(range(len(data))) if isinstance(data, list) else []
    else:
        keys = [head] if isinstance(data, dict) and head in data else []
    for key in keys:
        if not rest:
            yield (*at, key), data, key
        else:
            yield from _matches(data[key], rest, (*at, key))


def is_bilingual(value: Any) -> bool:
    """Whether a raw value is a text in two languages: a mapping of only ``de`` and ``en`` (de given)."""
    return isinstance(value, dict) and "de" in value and set(value) <= {"de", "en"}


@dataclass
class Texts:
    """The English version of each free text (None where none was given), and the lines of the answers file."""

    en: dict[FieldPath, str | None] = field(default_factory=dict)
    lines: dict[FieldPath, int] = field(default_factory=dict)

    def missing(self, lang: str) -> list[FieldPath]:
        """The free texts without a version in ``lang`` (German is always given; vocabulary words translate)."""
        if lang == "de":
            return []
        return [p for p, en in self.en.items() if en is None]

    def warning(self, lang: str) -> str | None:
        """One sentence listing the free texts without a version in ``lang`` with their line, or None."""
        paths = self.missing(lang)
        if not paths:
            return None
        found = sorted(((line_of(self.lines, p) or 0, i, p) for i, p in enumerate(paths)))
        listed = ", ".join(where(p) + (f" (Zeile {n})" if n else "") for n, _, p in found)
        return (
            f"{len(paths)} Freitext{'e' if len(paths) > 1 else ''} ohne englische Fassung (en:) erscheinen im "
            f"englischen Dokument auf Deutsch: {listed}. Bitte je Feld {{de: …, en: …}} angeben."
        )


def split(raw: Mapping[str, Any], lines: Mapping[FieldPath, int] | None = None) -> tuple[dict[str, Any], Texts]:
    """Raw answers with the German text in each bilingual field, and the English texts beside them."""
    data = copy.deepcopy(dict(raw))
    texts = Texts(lines=dict(lines or {}))
    for pattern in TRANSLATABLE:
        for path, container, key in list(_matches(data, pattern)):
            value = container[key]
            if is_bilingual(value):
                container[key] = value["de"]
                en = value.get("en")
                texts.en[path] = en.strip() if isinstance(en, str) and en.strip() else None
            elif isinstance(value, str):
                texts.en[path] = vocabulary(path, value, "en")
    return data, texts


def localised(data: Mapping[str, Any], texts: Texts, lang: str) -> dict[str, Any]:
    """Plain answers with each free text in ``lang`` where a version is given (German otherwise)."""
    out = copy.deepcopy(dict(data))
    if lang == "de":
        return out
    for path, en in texts.en.items():
        if en is None:
            continue
        container: Any = out
        try:
            for part in path[:-1]:
                container = container[part]
            if isinstance(container[path[-1]], str):
                container[path[-1]] = en
        except (KeyError, IndexError, TypeError):
            continue  # the field was removed since loading (e.g. a table replaced the list)
    return out


def merged(data: Mapping[str, Any], texts: Texts) -> dict[str, Any]:
    """Plain answers with ``{de, en}`` again where an English version was given (for YAML and the manifest)."""
    out = copy.deepcopy(dict(data))
    for path, en in texts.en.items():
        container: Any = out
        try:
            for part in path[:-1]:
                container = container[part]
            value = container[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue
        if isinstance(value, str) and en is not None and vocabulary(path, value, "en") != en:
            container[path[-1]] = {"de": value, "en": en}
    return out
