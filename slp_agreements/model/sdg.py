"""The SDG ids that exist: goals, targets and indicators of the UN global indicator framework (``sdg.json``).

The list is the project's own (ids are facts); tests/test_sdg.py checks it against the UN's list. It also names the
indicators that are measured per state or for international flows, which a municipality cannot report.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

# Goal (1–17), target (number or letter for means of implementation), indicator: 11, 11.3, 11.a, 11.3.1, 11.a.1.
_FORM = re.compile(r"^[1-9]\d?(?:\.(?:[1-9]\d?|[a-z])(?:\.[1-9]\d?)?)?$")

# Why an indicator is measured above the municipal level, in the words of a warning.
NATIONAL_REASONS = {
    "countries": "er zählt Staaten",
    "national_framework": "er bewertet staatliche Regelungen",
    "international_flows": "er misst internationale Finanzströme",
    "trade": "er misst Zölle und Welthandel",
    "national_accounts": "er misst gesamtstaatliche Größen",
}


@dataclass(frozen=True)
class Framework:
    """Goals with their names, targets with their indicators, and the indicators measured per state."""

    goals: dict[str, dict[str, str]]
    targets: dict[str, list[str]]
    national: dict[str, str]

    @functools.cached_property
    def indicators(self) -> frozenset[str]:
        """Every indicator id."""
        return frozenset(i for ids in self.targets.values() for i in ids)

    def exists(self, sdg_id: str) -> bool:
        """Whether a goal, target or indicator with this id exists."""
        return sdg_id in self.goals or sdg_id in self.targets or sdg_id in self.indicators


@functools.cache
def framework() -> Framework:
    """The framework, read once from the package's ``sdg.json``."""
    data = json.loads(resources.files("slp_agreements.model").joinpath("sdg.json").read_text(encoding="utf-8"))
    return Framework(data["goals"], data["targets"], data["national"])


def sort_key(sdg_id: str) -> tuple[int, ...]:
    """Order ids as the UN does: 11.3 before 11.10, numbers before letters."""
    return tuple(int(p) if p.isdigit() else 100 + ord(p) for p in sdg_id.split("."))


def _span(ids: list[str]) -> str:
    """'11.1–11.7, 11.a–11.c' for a goal's targets; the ids themselves when there are few."""
    if len(ids) <= 4:
        return ", ".join(ids)
    numbers = [i for i in ids if i.rsplit(".", 1)[-1].isdigit()]
    letters = [i for i in ids if not i.rsplit(".", 1)[-1].isdigit()]
    parts = [f"{group[0]}–{group[-1]}" if len(group) > 2 else ", ".join(group) for group in (numbers, letters) if group]
    return ", ".join(parts)


def unknown_hint(sdg_id: str) -> str:
    """Why an id in the right form does not exist, and which ids exist nearby."""
    fw = framework()
    parts = sdg_id.split(".")
    goal, target = parts[0], ".".join(parts[:2])
    head = f"SDG-Kennung '{sdg_id}' gibt es nicht"
    if goal not in fw.goals:
        return f"{head}: die Ziele sind 1 bis 17"
    if target not in fw.targets:
        targets = sorted((t for t in fw.targets if t.split(".")[0] == goal), key=sort_key)
        return f"{head}: Ziel {goal} hat die Unterziele {_span(targets)}"
    if not fw.targets[target]:
        return f"{head}: das Unterziel {target} hat keinen Indikator; bitte {target} angeben"
    return f"{head}: zum Unterziel {target} gehören {', '.join(fw.targets[target])}"


def check_sdg(value: str) -> str:
    """An SDG goal, target or indicator id that exists in the UN framework, or a ValueError with a hint."""
    text = value.strip()
    if not _FORM.fullmatch(text):
        raise ValueError(
            f"'{text}' ist keine gültige SDG-Kennung; erwartet Ziel.Unterziel.Indikator wie '11.3.1', "
            "'11.a' oder '11.a.1' (Ziele 1 bis 17)"
        )
    if not framework().exists(text):
        raise ValueError(unknown_hint(text))
    return text


def national_warning(sdg_id: str) -> str | None:
    """A warning when an indicator is measured per state, with the target to name instead; None otherwise."""
    reason = framework().national.get(sdg_id)
    if reason is None:
        return None
    target = sdg_id.rsplit(".", 1)[0]
    why = NATIONAL_REASONS[reason]
    return (
        f"SDG-Indikator {sdg_id} wird für Staaten erhoben, nicht für Kommunen ({why}); "
        f"besser das Unterziel {target} angeben"
    )


def goal_of(sdg_id: str) -> str:
    """The goal an id belongs to ('11' for '11.3.1')."""
    return sdg_id.split(".")[0]


def goal_name(goal: str, lang: str) -> str:
    """The short name of a goal, e.g. 'Nachhaltige Städte und Gemeinden'."""
    return framework().goals[goal][lang]
