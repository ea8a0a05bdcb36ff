"""The typed Land facts (clauses/laender/<CODE>.yaml): reading one file or a folder into ``LandFacts``.

A user folder may bring its own ``laender/<CODE>.yaml``; it replaces the built-in file of that Land as a whole.
Every problem of a file is reported at once, in German, with file, field and line (model/land.py says what a
file holds; docs/laenderdaten.md lists the facts for the legal office).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from slp_agreements.errors import Problem, UserError
from slp_agreements.files.yamlfile import load_yaml
from slp_agreements.model.land import LandFacts
from slp_agreements.model.messages import error_message
from slp_agreements.model.paths import line_of, where
from slp_agreements.model.vocabulary import Land

LAND_FOLDER = "laender"
CODES = ", ".join(land.value for land in Land)


def read_land_file(path: Path) -> LandFacts:
    """One Land file as ``LandFacts``; a broken file is a UserError listing every problem with its line."""
    raw, lines = load_yaml(path, "Länderdatei")
    try:
        facts = LandFacts.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            line = line_of(lines, loc)
            at = where(loc) + (f" (Zeile {line})" if line else "")
            problems.append(Problem(at, error_message(err, LandFacts)))
        raise UserError("Die Länderdatei enthält Fehler.", file=path, problems=problems) from None
    if path.stem != facts.land.value:
        raise UserError(f"Die Datei beschreibt das Land {facts.land.value}, heißt aber {path.name}.", file=path)
    return facts


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
