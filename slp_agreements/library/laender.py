"""Land facts (clauses/laender.yaml): instrument, norms, supervision and termination rules per Land.

A user folder may bring its own laender.yaml; its entries replace the built-in ones of the same Land. Clause texts
read the chosen Land's entry as ``land_info`` (library/context.py); domain/LAENDER.md says where the facts come from.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from slp_agreements.errors import UserError
from slp_agreements.files.yamlfile import load_yaml

LAENDER_FILE = "laender.yaml"


def read_laender(folder: Path) -> dict[str, Any]:
    """The Land facts a clause folder brings (none when it has no laender.yaml); a broken file is a UserError."""
    path = folder / LAENDER_FILE
    if not path.is_file():
        return {}
    data, _ = load_yaml(path, "Länderdatei")
    if not isinstance(data, dict):
        raise UserError("Die Länderdatei muss aus Schlüsseln bestehen (NI:, NW:, …).", file=path)
    return data


def land_info(laender: Mapping[str, Any], land: Any) -> dict[str, Any]:
    """The facts of one Land (an empty entry when the library has none)."""
    found = laender.get(str(land), {}) if isinstance(land, str) else {}
    return found if isinstance(found, dict) else {}


def instrument(laender: Mapping[str, Any], land: str, lang: str) -> str | None:
    """The Land's name for an agreement between municipalities (e.g. 'Zweckvereinbarung'), if the facts give one."""
    name = (land_info(laender, land).get("instrument") or {}).get(lang)
    return str(name) if name else None
