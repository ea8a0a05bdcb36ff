"""Land files (clauses/laender/<CODE>.yaml) read into ``LandFacts``, and what reading an answers file needs of them.

Every problem of a Land file is reported at once, in German, with file, field and line (model/land.py says what a
file holds). Migrating an answers file of schema version 1 asks the built-in facts only: whether a Land's agreement
can carry a mandate is a fact of its law, not of a user's clause folder.
"""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import ValidationError

from slp_agreements import resources
from slp_agreements.errors import Problem, UserError
from slp_agreements.files.cache import load_yaml_cached
from slp_agreements.model.land import LandFacts
from slp_agreements.model.messages import error_message
from slp_agreements.model.migration import AgreementFacts
from slp_agreements.model.paths import line_of, where
from slp_agreements.model.vocabulary import InstrumentKey, Land, Transfer

LAND_FOLDER = "laender"


def read_land_file(path: Path) -> LandFacts:
    """One Land file as ``LandFacts``; a broken file is a UserError listing every problem with its line."""
    raw, lines = load_yaml_cached(path, "Länderdatei")
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


@functools.cache
def builtin_land(code: str) -> LandFacts | None:
    """The built-in facts of one Land (None for an unknown code)."""
    if code not in Land._value2member_map_:
        return None
    path = resources.clauses_dir() / LAND_FOLDER / f"{code}.yaml"
    return read_land_file(path) if path.is_file() else None


def agreement_facts(code: str) -> AgreementFacts | None:
    """What the migration of schema version 1 needs to know about a Land's agreement instrument."""
    land = builtin_land(code)
    if land is None:
        return None
    contract = land.instrument(InstrumentKey.public_law_contract)
    contract_norms = (contract.norm if contract and contract.norm else None) or land.vwvfg.contract_norms
    agreement = land.instrument(InstrumentKey.agreement)
    if agreement is None:
        return AgreementFacts(None, "", False, contract_norms)
    mandate = agreement.transfers.get(Transfer.mandate)
    basis = agreement.transfers.get(Transfer.delegation) or next(iter(agreement.transfers.values()))
    norm = basis.norm or agreement.norm or ""
    return AgreementFacts(agreement.name.de, norm, bool(mandate and mandate.verified), contract_norms)
