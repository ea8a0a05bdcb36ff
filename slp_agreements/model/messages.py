"""How problems are worded for users: one German message per pydantic error, and one "meinten Sie" hint.

Answers files, clause files and table rows all go through ``error_message``, so the same mistake reads the same
everywhere. Hints that depend on a field's form (an AGS, a clause id) are keyed by the field's pattern, so they follow
the type wherever it is used.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel

from slp_agreements.errors import ECHO_LIMIT
from slp_agreements.model.fields import PARTY_ID_PATTERN, inner_model
from slp_agreements.model.paths import FieldPath


def did_you_mean(word: str, known: Iterable[str], *, quotes: str = "''", n: int = 1) -> str:
    """'; meinten Sie 'address'?' for the known words closest to ``word``, or '' when none is close."""
    close = difflib.get_close_matches(word, list(known), n=n)
    if not close:
        return ""
    opening, closing = quotes[0], quotes[-1]
    return "; meinten Sie " + ", ".join(f"{opening}{c}{closing}" for c in close) + "?"


# Hints for texts that do not have the required form, by the pattern of their type.
PATTERN_HINTS: dict[str, str] = {
    PARTY_ID_PATTERN: "Kürzel: nur Kleinbuchstaben, Ziffern, - und _ (z. B. 'lk-harburg')",
    r"^\d{8}$": 'AGS: genau 8 Ziffern, in Anführungszeichen, z. B. "03353000"',
    r"^\d{5}$": "Postleitzahl: genau 5 Ziffern, in Anführungszeichen",
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$": "keine gültige E-Mail-Adresse",
    r"^(\d{2}|\d{5}|\d{8}|\d{12})$": (
        "Schlüssel: Land (2), Kreis (5), AGS (8) oder ARS (12 Ziffern), in Anführungszeichen"
    ),
    r"^https?://[^\s]+$": "keine gültige Internetadresse; erwartet https://…",
    r"^[A-Za-z0-9ÄÖÜäöü][A-Za-z0-9ÄÖÜäöü._-]{0,39}$": (
        "Kennung: Buchstaben, Ziffern, Punkt, - und _ (z. B. 'FW-01'), höchstens 40 Zeichen"
    ),
    r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$": "Kennung: Kleinbuchstaben mit Punkt, z. B. 'coop.costs'",
    r"^[a-z0-9][a-z0-9_.-]*$": "Kennung: Kleinbuchstaben, Ziffern, Punkt, - und _ (z. B. 'tax-2b-ustg')",
}

# Hints for a section given as something else, by the name of the model expected there.
_SECTION_HINTS = {"Bilingual": " (z. B. de: … und en: …)"}

# A missing field with its own explanation.
_MISSING_HINTS = {"de": "die deutsche Fassung fehlt (Pflicht: der deutsche Text ist maßgeblich)"}

_MESSAGES = {
    "missing": "fehlt (Pflichtangabe)",
    "string_type": "muss ein Text sein",
    "bool_type": "muss ja oder nein sein (true/false)",
    "bool_parsing": "muss ja oder nein sein (true/false)",
    "int_type": "muss eine ganze Zahl sein",
    "int_parsing": "muss eine ganze Zahl sein",
    "decimal_parsing": "muss ein Betrag sein, z. B. 12500.00",
    "date_from_datetime_parsing": "muss ein Datum sein, z. B. 2027-01-01",
    "date_parsing": "muss ein Datum sein, z. B. 2027-01-01",
    "date_type": "muss ein Datum sein, z. B. 2027-01-01",
    "date_from_datetime_inexact": "muss ein Datum ohne Uhrzeit sein, z. B. 2027-01-01",
    "datetime_type": "muss ein Datum sein, z. B. 2027-01-01",
    "float_type": "muss eine Zahl sein",
    "float_parsing": "muss eine Zahl sein",
    "int_from_float": "muss eine ganze Zahl sein (ohne Nachkommastellen)",
    "finite_number": "muss eine endliche Zahl sein",
    "decimal_type": "muss ein Betrag sein, z. B. 12500.00",
    "decimal_max_places": "hat zu viele Nachkommastellen",
    "decimal_max_digits": "hat zu viele Stellen",
    "decimal_whole_digits": "hat zu viele Stellen vor dem Komma",
    "int_parsing_size": "ist als Zahl zu groß",
    "tuple_type": "muss eine Liste sein (Zeilen mit '- ' oder [a, b])",
    "set_type": "muss eine Liste sein (Zeilen mit '- ' oder [a, b])",
    "string_unicode": "muss ein Text sein",
    "none_required": "darf hier nicht angegeben werden",
    "url_parsing": "keine gültige Internetadresse; erwartet https://…",
    "url_scheme": "keine gültige Internetadresse; erwartet https://…",
    "less_than": "ist zu groß",
    "multiple_of": "hat nicht die erwartete Form",
    "union_tag_invalid": "hat einen unbekannten Wert",
    "union_tag_not_found": "hat nicht die erwartete Form",
    "list_type": "muss eine Liste sein (Zeilen mit '- ' oder [a, b])",
    "model_type": "muss ein Abschnitt mit Schlüsseln sein",
    "model_attributes_type": "muss ein Abschnitt mit Schlüsseln sein",
    "dict_type": "muss ein Abschnitt mit Schlüsseln sein",
    "string_too_short": "darf nicht leer sein",
    "invalid_key": "ein Schlüssel muss ein Text sein (z. B. land:, parties:)",
}


def known_fields(root: type[BaseModel], path: FieldPath) -> list[str]:
    """Field names allowed at the parent of ``path`` in ``root`` (for 'did you mean')."""
    model: type[BaseModel] | None = root
    for part in path[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if model is not None else None
        if field is None:
            return []
        model = inner_model(field.annotation)
        if model is None:
            return []
    return list(model.model_fields) if model is not None else []


def error_message(err: Mapping[str, Any], root: type[BaseModel]) -> str:
    """The German message for one pydantic error; ``root`` is the model of the whole file (for unknown keys)."""
    kind = err["type"]
    loc = tuple(err["loc"])
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        known = known_fields(root, loc)
        hint = did_you_mean(str(loc[-1]), known) or (f"; erlaubt sind: {', '.join(known)}" if known else "")
        return f"unbekannter Schlüssel{hint}"
    if kind in ("enum", "literal_error") and not (loc and loc[-1] == "schema_version"):
        return f"ungültiger Wert {_echo(err.get('input'))}; erlaubt sind: {_allowed(ctx)}"
    if kind == "string_pattern_mismatch":
        return PATTERN_HINTS.get(str(ctx.get("pattern")), "hat nicht die erwartete Form")
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    if kind == "literal_error" and loc and loc[-1] == "schema_version":
        return f"Version {_echo(err.get('input'))} wird nicht unterstützt; erwartet {_allowed(ctx)}"
    if kind in ("model_type", "model_attributes_type"):
        return _MESSAGES[kind] + _SECTION_HINTS.get(str(ctx.get("class_name")), "")
    if kind == "missing" and loc and loc[-1] in _MISSING_HINTS:
        return _MISSING_HINTS[str(loc[-1])]
    # pydantic's own text is English: a type not listed gets a plain German sentence instead
    return _bound(kind, err, ctx) or _MESSAGES.get(
        kind, "hat nicht die erwartete Form; bitte mit dem Beispiel vergleichen"
    )


def _echo(value: Any) -> str:
    """A value a user gave, quoted as a message repeats it (cut to about 80 characters)."""
    return repr(shorten(value)) if isinstance(value, str) else shorten(repr(value))


def _allowed(ctx: Mapping[str, Any]) -> str:
    """pydantic's list of allowed values ("'a', 'b' or 'c'") in German."""
    return str(ctx.get("expected", "")).replace("' or '", "' oder '")


def shorten(value: str, limit: int = ECHO_LIMIT) -> str:
    """A value as a message repeats it: at most about ``limit`` characters, the cut marked with '…'."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _bound(kind: str, err: Mapping[str, Any], ctx: Mapping[str, Any]) -> str | None:
    """Messages for values outside their bounds: too few or many entries, too small or large, too long."""
    if kind == "too_short" and isinstance(err.get("input"), list):
        return f"braucht mindestens {ctx['min_length']} Einträge"
    if kind == "too_long" and isinstance(err.get("input"), list):
        return f"hat zu viele Einträge (höchstens {ctx['max_length']})"
    if kind == "greater_than":
        return f"muss größer als {ctx['gt']} sein"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        return f"muss {'mindestens' if kind == 'greater_than_equal' else 'höchstens'} {bound} sein"
    if kind == "string_too_long":
        return f"ist zu lang (höchstens {ctx['max_length']} Zeichen)"
    return None
