"""A simulated clerk for the question engine: answers every screen from an answers file, as typed text."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from slp_agreements.questionnaire.engine import Screen, Step, get, value_of
from slp_agreements.questionnaire.interview import Interview
from slp_agreements.questionnaire.questions import Kind
from slp_agreements.questionnaire.typed_text import show


def plain_answers(path: Path) -> dict[str, Any]:
    """An answers file as plain data (dates as ISO text, as the questionnaire stores them)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = json.loads(json.dumps(data, default=str))
    assert isinstance(out, dict)
    return out


def _german(value: Any) -> Any:
    """The German text of a bilingual answer (and of each bilingual list entry)."""
    if isinstance(value, dict) and set(value) <= {"de", "en"} and "de" in value:
        return value["de"]
    if isinstance(value, list):
        return [_german(x) for x in value]
    return value


def _english(value: Any) -> str:
    """What the clerk types as the English version: the situation's ``en`` (a list entry by entry), or nothing."""
    if isinstance(value, dict) and isinstance(value.get("en"), str):
        return str(value["en"])
    if isinstance(value, list) and value and all(isinstance(x, dict) and x.get("en") for x in value):
        return "; ".join(str(x["en"]) for x in value)
    return ""


@dataclass
class Clerk:
    """Types the situation's answers into each screen; Enter where the suggestion already fits."""

    situation: dict[str, Any]
    screens: list[str] = field(default_factory=list)
    typed: dict[str, str] = field(default_factory=dict)

    def text_for(self, iv: Interview, step: Step, trial: dict[str, Any]) -> str:
        """What the clerk types for one field."""
        if step.kind == "count":
            items = get(self.situation, step.path)
            return str(len(items) if isinstance(items, list) else 0)
        if step.kind == "more":
            return "n"
        if step.kind == "english":
            return _english(get(self.situation, step.path))
        wanted = _german(value_of(step, self.situation))
        if step.question.type is Kind.present:
            return "j" if isinstance(wanted, dict) else "n"
        if wanted is None:
            return ""
        default = iv.default(step, trial)
        if _same(step, default, wanted, trial, iv.lang):
            return ""
        if step.question.type is Kind.party:
            # The situation names parties by its own Kürzel; the clerk picks them by name.
            names = {p["id"]: p["name"] for p in self.situation.get("parties") or []}
            labels = [label for label, _ in iv.options(step, trial)]
            return str(labels.index(names[wanted]) + 1)
        if step.question.type is Kind.choice:
            values = [v for _, v in iv.options(step, trial)]
            return str(values.index(wanted) + 1)
        return show(step.question, wanted, trial, iv.lang)

    def answer(self, iv: Interview, screen: Screen) -> None:
        """Fill and submit one screen (answers dropped by a change are confirmed)."""
        self.screens.append(screen.key)
        trial = copy.deepcopy(iv.raw)
        values: dict[str, Any] = {}
        while True:
            pending = [s for s in iv.fields(screen, trial) if s.key not in values]
            if not pending:
                break
            step = pending[0]
            text = self.text_for(iv, step, trial)
            self.typed[step.key] = text
            read = iv.read(step, text, trial)
            assert read.problem is None, f"{step.key}: {text!r} → {read.problem}"
            values[step.key] = read.value
            iv.store(trial, step, read.value)
        result = iv.submit(screen, values, confirmed=True)
        assert result.applied

    def run(self, iv: Interview, limit: int = 200) -> list[str]:
        """Answer until the review; return the screens answered."""
        while (screen := iv.next()) is not None:
            assert len(self.screens) < limit, f"the interview does not end: {self.screens[-10:]}"
            self.answer(iv, screen)
        return self.screens


def _same(step: Step, default: Any, wanted: Any, trial: dict[str, Any], lang: str) -> bool:
    if default == wanted and step.question.type is not Kind.party:
        return True
    q = step.question
    return default is not None and show(q, default, trial, lang) == show(q, wanted, trial, lang)
