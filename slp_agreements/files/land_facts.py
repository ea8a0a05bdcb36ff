"""The built-in Land facts as far as reading an answers file needs them (migrating schema version 1).

Only the built-in facts count here: whether a Land's agreement can carry a mandate is a fact of its law, not of a
user's clause folder.
"""

from __future__ import annotations

import functools
from typing import Any

from slp_agreements import resources
from slp_agreements.files.yamlfile import load_yaml
from slp_agreements.model.migration import AgreementFacts


@functools.cache
def _old_facts() -> dict[str, Any]:
    path = resources.clauses_dir() / "laender.yaml"
    if not path.is_file():
        return {}
    data, _ = load_yaml(path, "Länderdatei")
    return data if isinstance(data, dict) else {}


def agreement_facts(land: str) -> AgreementFacts | None:
    """What the migration needs to know about ``land``'s agreement instrument (None for an unknown Land)."""
    entry = _old_facts().get(land)
    if not isinstance(entry, dict):
        return None
    if entry.get("city_state"):
        return AgreementFacts(None, "", False, "§§ 54 ff. des Verwaltungsverfahrensgesetzes des Landes")
    name = (entry.get("instrument") or {}).get("de") or "Zweckvereinbarung"
    norm = str(entry.get("instrument_norm") or "Landesrecht")
    return AgreementFacts(name, norm, False, "§§ 54 ff. des Verwaltungsverfahrensgesetzes des Landes")
