"""Which instrument an agreement is: named in the answers, or derived from what happens to the task and the Land.

delegation, mandate or joint performance → the Land's agreement under its cooperation act (Zweckvereinbarung,
öffentlich-rechtliche Vereinbarung), where the Land has one; no transfer → a public-law contract under the Land's
administrative procedure act. An Arbeitsgemeinschaft is always an explicit choice.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from slp_agreements.library.laender import land_info
from slp_agreements.model.vocabulary import InstrumentKey, Transfer

# Instruments made under the Land's act on intermunicipal cooperation (their parties are "Beteiligte").
COOPERATION_ACT = {InstrumentKey.agreement, InstrumentKey.arge, InstrumentKey.arge_special,
                   InstrumentKey.administrative_community}  # fmt: skip

_NAMES: dict[str, dict[str, str]] = {
    "public_law_contract": {"de": "öffentlich-rechtlicher Vertrag", "en": "public-law contract",
                            "de_indef": "ein öffentlich-rechtlicher Vertrag", "gender": "m"},
    "letter_of_intent": {"de": "Absichtserklärung", "en": "letter of intent", "de_indef": "eine Absichtserklärung",
                         "gender": "f"},
    "arge": {"de": "kommunale Arbeitsgemeinschaft", "en": "municipal working group",
             "de_indef": "eine kommunale Arbeitsgemeinschaft", "gender": "f"},
    "arge_special": {"de": "besondere Arbeitsgemeinschaft", "en": "special working group",
                     "de_indef": "eine besondere Arbeitsgemeinschaft", "gender": "f"},
    "administrative_community": {"de": "Verwaltungsgemeinschaft", "en": "administrative community",
                                 "de_indef": "eine Verwaltungsgemeinschaft", "gender": "f"},
}  # fmt: skip


def instrument_key(agreement: Mapping[str, Any], land: Any, laender: Mapping[str, Any]) -> str | None:
    """The instrument's key: the one named in the answers, else derived (None while nothing says it yet)."""
    named = agreement.get("instrument")
    if named in InstrumentKey._value2member_map_:
        return str(named)
    transfer = agreement.get("task_transfer")
    if transfer not in Transfer._value2member_map_:
        return None
    if transfer == Transfer.none.value or land_info(laender, land).get("city_state"):
        return InstrumentKey.public_law_contract.value
    return InstrumentKey.agreement.value


def instrument_info(key: str | None, land: Any, laender: Mapping[str, Any]) -> dict[str, Any] | None:
    """The instrument as texts read it: key, names (with article and gender), statutory name and norm."""
    if key is None:
        return None
    facts = land_info(laender, land)
    if key == InstrumentKey.agreement.value and facts.get("instrument"):
        names = dict(facts["instrument"])
        names.setdefault("gender", "f" if names.get("de_indef", "").startswith("eine ") else "m")
        norm = facts.get("instrument_norm")
    else:
        names = dict(_NAMES.get(key, _NAMES["public_law_contract"]))
        norm = None
    return {
        "key": key,
        "name": names.get("de", ""),
        "de": names.get("de", ""),
        "en": names.get("en", ""),
        "de_indef": names.get("de_indef", ""),
        "gender": names.get("gender", "f"),
        "statutory_name": names.get("de", ""),
        "norm": norm,
        "cooperation_act": InstrumentKey(key) in COOPERATION_ACT,
    }
