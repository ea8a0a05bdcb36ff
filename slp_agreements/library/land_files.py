"""The typed Land facts (clauses/laender/<CODE>.yaml): reading one file or a folder into ``LandFacts``.

A user folder may bring its own ``laender/<CODE>.yaml``; it replaces the built-in file of that Land as a whole.
Every problem of a file is reported at once, in German, with file, field and line (model/land.py says what a
file holds; docs/laenderdaten.md lists the facts for the legal office).
"""

from __future__ import annotations

from pathlib import Path

from slp_agreements.errors import UserError
from slp_agreements.files.land_facts import LAND_FOLDER, read_land_file
from slp_agreements.model.land import LandFacts
from slp_agreements.model.vocabulary import Land

__all__ = ["LAND_FOLDER", "read_land_file", "read_land_folder"]

CODES = ", ".join(land.value for land in Land)


def read_land_folder(folder: Path) -> dict[Land, LandFacts]:
    """The Land files of a clause folder's ``laender/`` subfolder, by Land (empty when it has none)."""
    base = folder / LAND_FOLDER
    if not base.is_dir():
        return {}
    out: dict[Land, LandFacts] = {}
    for path in sorted(base.glob("*.yaml")):
        if path.stem not in Land._value2member_map_:
            raise UserError(
                f"'{path.name}' ist keine Länderdatei; erlaubt sind die Länderkürzel mit .yaml ({CODES}).",
                file=path,
            )
        facts = read_land_file(path)
        out[facts.land] = facts
    return out
