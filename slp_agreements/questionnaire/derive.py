"""Defaults derived from other answers (questions.yaml `default_from`): the kind from the name, the lead, the host …

Each function gets the answers so far and the item (a party, a dataset) the question belongs to, and returns the
value Enter keeps, or None when nothing can be derived.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from slp_agreements.library.instruments import cited, derived_key
from slp_agreements.library.instruments import fitting_instruments as fitting
from slp_agreements.library.land_files import read_land_folder
from slp_agreements.model.land import LandFacts
from slp_agreements.model.vocabulary import PartyKind, Transfer
from slp_agreements.resources import clauses_dir

# The first word(s) of an official name and the party kind they stand for (the longest match wins).
_NAME_KINDS = {
    "landkreis": "landkreis", "kreis": "landkreis", "region": "landkreis", "gemeinde": "gemeinde",
    "ortsgemeinde": "gemeinde", "stadt": "stadt", "hansestadt": "stadt", "kreisstadt": "stadt",
    "große kreisstadt": "stadt", "kreisfreie stadt": "stadt", "markt": "markt", "marktgemeinde": "markt",
    "samtgemeinde": "samtgemeinde", "verbandsgemeinde": "verbandsgemeinde", "amt": "amt",
    "verwaltungsgemeinschaft": "verwaltungsgemeinschaft", "verwaltungsverband": "verwaltungsgemeinschaft",
    "bezirk": "bezirk", "zweckverband": "zweckverband", "hochschule": "research", "universität": "research",
    "technische universität": "research", "fachhochschule": "research",
}  # fmt: skip
# Kinds an older answers schema does not know yet fall back to the nearest one it knows.
_FALLBACK = {"markt": "gemeinde", "samtgemeinde": "public_body", "verbandsgemeinde": "public_body",
             "amt": "public_body", "verwaltungsgemeinschaft": "public_body", "bezirk": "public_body"}  # fmt: skip
_KNOWN = {k.value for k in PartyKind}


def kind_from_name(raw: dict[str, Any], item: dict[str, Any]) -> Any:
    """'Landkreis Heideland' → landkreis, 'Markt Altmühlried' → markt, '… GmbH' → company."""
    name = str(item.get("name") or "").strip()
    if not name:
        return None
    if re.search(r"\b(GmbH|AG|KG|e\.\s?V\.|mbH)\b", name):
        return "company"
    lower = name.lower()
    for words in sorted(_NAME_KINDS, key=len, reverse=True):
        if lower == words or lower.startswith(words + " "):
            kind = _NAME_KINDS[words]
            return kind if kind in _KNOWN else _FALLBACK.get(kind, "public_body")
    return None


def contact_from_signer(raw: dict[str, Any], item: dict[str, Any]) -> Any:
    """The contact person is the signatory unless changed."""
    signer = item.get("represented_by")
    if isinstance(signer, dict) and signer.get("name"):
        return {"name": signer["name"]}
    return None


def _parties(raw: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in raw.get("parties") or [] if isinstance(p, dict) and p.get("id")]


def lead_default(raw: dict[str, Any], item: dict[str, Any]) -> Any:
    """The lead: the one Landkreis among the parties, else the first party."""
    if isinstance(raw.get("lead"), str):
        return raw["lead"]
    parties = _parties(raw)
    districts = [p for p in parties if p.get("kind") == "landkreis"]
    if len(districts) == 1:
        return districts[0]["id"]
    return parties[0]["id"] if parties else None


def host_default(raw: dict[str, Any], item: dict[str, Any]) -> Any:
    """The administrator of the web application: its host."""
    web = raw.get("web_app")
    host = web.get("host") if isinstance(web, dict) else None
    return host or lead_default(raw, item)


def processor_default(raw: dict[str, Any], item: dict[str, Any]) -> Any:
    """The processor (Art. 28 GDPR): the host of the web application, else the lead."""
    return host_default(raw, item)


def licence_default(raw: dict[str, Any], item: dict[str, Any]) -> Any:
    """Open data get the Datenlizenz Deutschland – Namensnennung; other data stay with the parties."""
    publication = raw.get("publication")
    open_data = isinstance(publication, dict) and publication.get("open_data")
    return "dl-de-by-2.0" if open_data else "parties-only"


def question_language(raw: dict[str, Any], item: dict[str, Any]) -> Any:
    """The documents' language follows the questions' language: the interview knows it (Interview.default)."""
    return None


DERIVE: dict[str, Callable[[dict[str, Any], dict[str, Any]], Any]] = {
    "question_language": question_language,
    "kind_from_name": kind_from_name,
    "contact_from_signer": contact_from_signer,
    "lead_default": lead_default,
    "host_default": host_default,
    "processor_default": processor_default,
    "licence_default": licence_default,
}


def instrument_default(raw: dict[str, Any], item: dict[str, Any]) -> Any:
    """The form the Land's law provides for the chosen transfer (library/instruments.py derives it)."""
    facts = builtin_laender().get(str(raw.get("land")))
    agreement: dict[str, Any] = raw["agreement"] if isinstance(raw.get("agreement"), dict) else {}
    transfer = agreement.get("task_transfer")
    if facts is None or transfer not in Transfer._value2member_map_:
        return None
    key = derived_key(Transfer(transfer), facts)
    return key.value if key is not None else None


def fitting_instruments(raw: dict[str, Any], lang: str, laender: Mapping[str, LandFacts]) -> list[tuple[str, Any]]:
    """The Land's binding forms that carry the chosen transfer, named with their norm."""
    facts = laender.get(str(raw.get("land")))
    agreement: dict[str, Any] = raw["agreement"] if isinstance(raw.get("agreement"), dict) else {}
    if facts is None:
        return []
    out = []
    for key in fitting(agreement.get("task_transfer"), facts):
        inst = facts.instruments[key]
        name = cited(inst) if lang == "de" else f"{inst.name.en}{f' ({inst.norm})' if inst.norm else ''}"
        out.append((name[:1].upper() + name[1:], key.value))
    return out


@cache
def builtin_laender() -> dict[str, LandFacts]:
    """The Land data shipped with the package (an answers file's own folders may replace them: Library.laender)."""
    return {land.value: facts for land, facts in read_land_folder(clauses_dir()).items()}


DERIVE["instrument_default"] = instrument_default
CHOICES: dict[str, Callable[[dict[str, Any], str, Mapping[str, LandFacts]], list[tuple[str, Any]]]] = {
    "fitting_instruments": fitting_instruments,
}
