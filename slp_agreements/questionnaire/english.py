"""English versions in the interview: which answers get one, the follow-up question, and the versions in the file.

When the documents are to be English or both (``language: en`` or ``de,en``), every free text that
model/translations.py lists in TRANSLATABLE is followed by the question for its English version, on the same
screen where the German text is part of a form. The interview keeps the German text in the answers and the English
versions beside them, by field; the answers file holds them as ``{de: …, en: …}`` exactly as `build` reads them
(a list entry by entry). A version may stay empty: the build then names the field in its warning.
"""

from __future__ import annotations

import copy
from typing import Any

from slp_agreements.model.paths import FieldPath
from slp_agreements.model.translations import TRANSLATABLE, is_bilingual, split, vocabulary
from slp_agreements.questionnaire.questions import Kind, Question, Words

ENGLISH_LANGUAGES = ("en", "de,en")

_LABEL = Words(de="{label} (englische Fassung)", en="{label} (English version)")
_HELP_TEXT = Words(
    de="Für das englische Dokument. Leer lassen, wenn es (noch) keine gibt: Dann steht dort der deutsche Text, und "
    "der Build nennt das Feld.",
    en="For the English document. Leave empty if there is none (yet): the document then shows the German text and "
    "the build names the field.",
)
_HELP_LIST = Words(
    de="Zu jedem deutschen Eintrag einer, in derselben Reihenfolge, durch „;“ getrennt. Leer lassen, wenn es (noch) "
    "keine gibt.",
    en="One for each German entry, in the same order, separated by “;”. Leave empty if there is none (yet).",
)
_GERMAN = Words(de="Deutsche Fassung: „{text}“", en="German text: “{text}”")
_COUNT = Words(
    de="bitte genau {n} Einträge, durch „;“ getrennt, je einen zu jedem deutschen Eintrag, oder nichts",
    en="please give exactly {n} entries separated by “;”, one for each German entry, or nothing",
)


def wanted(raw: dict[str, Any]) -> bool:
    """Whether the documents are to be English (or both), so the English versions are asked."""
    return str(raw.get("language") or "") in ENGLISH_LANGUAGES


def _general(path: FieldPath) -> tuple[str, ...]:
    return tuple("*" if isinstance(p, int) else p for p in path)


def is_list_field(path: FieldPath) -> bool:
    """Whether the free text at ``path`` is a list whose entries each have a version (purposes, data subjects …)."""
    return (*_general(path), "*") in TRANSLATABLE


def translatable(path: FieldPath) -> bool:
    """Whether the answer at ``path`` is a free text that may have an English version."""
    return _general(path) in TRANSLATABLE or is_list_field(path)


_VERSIONS: dict[int, Question] = {}


def version_question(q: Question) -> Question:
    """The follow-up question for the English version of ``q`` (same form, section and review place)."""
    found = _VERSIONS.get(id(q))
    if found is not None:
        return found
    label = q.label or Words(de=q.path, en=q.path)
    made = q.model_copy(
        update={
            "type": Kind.list if q.type in (Kind.list, Kind.multi) else Kind.text,
            "label": Words(de=_LABEL.de.format(label=label.de), en=_LABEL.en.format(label=label.en)),
            "prompt": Words(de=_LABEL.de.format(label=label.de), en=_LABEL.en.format(label=label.en)),
            "help": _HELP_LIST if q.type in (Kind.list, Kind.multi) else _HELP_TEXT,
            "hint": None,
            "default": None,
            "default_from": None,
            "when": None,
            "typical": None,
            "ask_if_used": False,
            "other": False,
        }
    )
    _VERSIONS[id(q)] = made
    return made


def needs_version(path: FieldPath, german: Any) -> bool:
    """Whether a German answer has something to translate (a word of the fixed vocabularies translates itself)."""
    if isinstance(german, list):
        return any(isinstance(x, str) and x.strip() for x in german)
    if not isinstance(german, str) or not german.strip():
        return False
    return vocabulary(path, german, "en") is None


def suggested(q: Question, german: Any, given: Any) -> Any:
    """What the English field offers: the version given before, for a list of choices their English labels."""
    if isinstance(german, list):
        if isinstance(given, list) and len(given) == len(german) and all(given):
            return given
        labels = {c.de: c.en for c in q.choices}
        found = [labels.get(str(x)) for x in german]
        return found if found and all(found) else None
    return given if isinstance(given, str) else None


def read_version(german: Any, text: str, lang: str) -> tuple[Any, str | None]:
    """Typed text as the English version of ``german``: (value, problem); empty text is no version (None)."""
    t = text.strip()
    if not t or t == "-":
        return None, None
    if isinstance(german, list):
        parts = [p.strip() for p in t.split(";") if p.strip()]
        if len(parts) != len(german):
            return None, _COUNT.get(lang).format(n=len(german))
        return parts, None
    return t, None


def german_hint(german: Any, lang: str) -> str:
    """'Deutsche Fassung: „…“': the German text beside its English field."""
    if isinstance(german, list):
        german = "; ".join(str(x) for x in german)
    return _GERMAN.get(lang).format(text=german) if german else ""


def split_versions(raw: dict[str, Any]) -> tuple[dict[str, Any], dict[FieldPath, Any]]:
    """Answers as a file has them: the German text in each field, and the English versions by field (a list field:
    the list of its entries' versions)."""
    if not _any_bilingual(raw):
        return raw, {}
    plain, texts = split(raw)
    out: dict[FieldPath, Any] = {}
    for path, en in texts.en.items():
        original: Any = raw
        for part in path:
            original = original[part]
        if not is_bilingual(original) or not en:
            continue
        if isinstance(path[-1], int) and is_list_field(path[:-1]):
            field_path = path[:-1]
            items: Any = plain
            for part in field_path:
                items = items[part]
            entries = out.setdefault(field_path, [None] * len(items))
            entries[path[-1]] = en
        else:
            out[path] = en
    return plain, out


def _any_bilingual(value: Any) -> bool:
    """Whether some text in the answers is given as ``{de, en}`` (most files have none: nothing to split)."""
    if is_bilingual(value):
        return True
    if isinstance(value, dict):
        return any(_any_bilingual(v) for v in value.values())
    if isinstance(value, list):
        return any(_any_bilingual(v) for v in value)
    return False


def with_versions(raw: dict[str, Any], versions: dict[FieldPath, Any]) -> dict[str, Any]:
    """The answers with each English version as ``{de: …, en: …}`` beside its German text, as `build` reads them."""
    out = copy.deepcopy(raw)
    for path, en in versions.items():
        container: Any = out
        try:
            for part in path[:-1]:
                container = container[part]
            german = container[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue  # the German answer no longer applies
        if isinstance(german, str) and isinstance(en, str) and en:
            container[path[-1]] = {"de": german, "en": en}
        elif isinstance(german, list) and isinstance(en, list) and len(en) == len(german):
            container[path[-1]] = [
                {"de": d, "en": e} if isinstance(d, str) and e else d for d, e in zip(german, en, strict=True)
            ]
    return out
