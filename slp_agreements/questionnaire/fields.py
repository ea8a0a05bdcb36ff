"""An answers field named as the questionnaire's review names it, and its value written as a German office writes it.

For reports that councils and legal offices read (``diff``): 'Partei 2 (Stadt Lüneburg): Anschrift (PLZ)' and
'30.000,00 €' instead of 'parties[1].address.postcode' and '30000.0'. The labels are those of questions.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from slp_agreements.model import formatting
from slp_agreements.model.paths import FieldPath
from slp_agreements.questionnaire.engine import get
from slp_agreements.questionnaire.questions import Kind, Question, load_questions
from slp_agreements.questionnaire.typed_text import show

# Parts of compound answers (address, person, contact), which the review shows as one line.
SUB_FIELDS = {
    "street": {"de": "Straße", "en": "street"},
    "postcode": {"de": "PLZ", "en": "postcode"},
    "city": {"de": "Ort", "en": "town"},
    "name": {"de": "Name", "en": "name"},
    "function": {"de": "Funktion", "en": "function"},
    "email": {"de": "E-Mail", "en": "email"},
    "phone": {"de": "Telefon", "en": "phone"},
}
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
MISSING = "–"


def field_path(text: str) -> FieldPath:
    """'parties[1].address.city' as ('parties', 1, 'address', 'city')."""
    return tuple(int(i) if i else name for name, i in _PART.findall(text))


def describe(field: str, answers: dict[str, Any], lang: str) -> tuple[str, str]:
    """The field's name and its value in ``answers`` ('–' where it has none), as the review shows them."""
    path = field_path(field)
    question, group, index, rest = _question(path)
    label = question.label.get(lang) if question is not None and question.label else field
    if question is not None and rest:
        label += " (" + ", ".join(SUB_FIELDS.get(str(p), {}).get(lang, str(p)) for p in rest) + ")"
    if group is not None and index is not None:
        item = get(answers, path[: len(group.parts) + 1])
        name = (item.get("name") or item.get("title")) if isinstance(item, dict) else None
        word = group.item.get(lang) if group.item else ""
        label = f"{word} {index + 1}{f' ({name})' if name else ''}: {label}"
    value = get(answers, path)
    return label, MISSING if value is None else _value(question, bool(rest), value, answers, lang)


def _question(path: FieldPath) -> tuple[Question | None, Question | None, int | None, FieldPath]:
    """The question that asks for path (longest match), its group and item number, and the part below it."""
    best: tuple[Question | None, Question | None, int | None, FieldPath] = (None, None, None, path)
    for q in load_questions():
        n = len(q.parts)
        index = path[n] if len(path) > n else None
        if q.type is Kind.group and path[:n] == q.parts and isinstance(index, int):
            below = path[n + 1 :]
            for sub in q.questions:
                if below[: len(sub.parts)] == sub.parts:
                    return sub, q, index, below[len(sub.parts) :]
            return None, q, index, below
        if q.type not in (Kind.group, Kind.section) and path[:n] == q.parts and len(path) - n < len(best[3]):
            best = (q, None, None, path[n:])
    return best


def _value(question: Question | None, part: bool, value: Any, answers: dict[str, Any], lang: str) -> str:
    kind = question.type if question is not None and not part else None
    if kind is Kind.amount:
        return formatting.money(value, lang)
    if kind is Kind.date and isinstance(value, str):
        try:
            return formatting.short_date(dt.date.fromisoformat(value), lang)
        except ValueError:
            return value
    if question is not None and kind in (Kind.yesno, Kind.present, Kind.choice, Kind.party, Kind.multi, Kind.list):
        return show(question, value, answers, lang)
    if isinstance(value, bool):
        return ("ja" if value else "nein") if lang == "de" else ("yes" if value else "no")
    if isinstance(value, (int, float)):
        return formatting.number(value, lang)
    if isinstance(value, list):
        return "; ".join(_value(None, True, v, answers, lang) for v in value)
    return str(value)
