"""The names a condition (``when:``) or a clause text may read: the answers and the names derived from them.

``template_context`` is the one place that says what these names are and hold. Assembly renders clauses with it,
the questionnaire evaluates conditions with it (before everything is answered), and lint checks names and dotted
paths such as ``lead_party.name`` against it without building anything.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, get_origin

from pydantic import BaseModel, Field

from slp_agreements.library import land_context
from slp_agreements.library.instruments import instrument_key
from slp_agreements.library.templating import ENV
from slp_agreements.model import formatting
from slp_agreements.model.answers import Answers, Party, Task
from slp_agreements.model.fields import inner_model
from slp_agreements.model.grammar import forms
from slp_agreements.model.land import LandFacts
from slp_agreements.model.licences import LICENCES, LicenceInfo
from slp_agreements.model.vocabulary import InstrumentKey, PartyKind, Transfer

# Only in clause titles and texts: the number of a § or an annex (build/sections.py gives them their meaning).
TEXT_FUNCTIONS = ("ref", "annex")
# Formats of spatial data (their datasets may fall under INSPIRE, the HVD regulation or Geobasisdaten licences).
GEO_FORMATS = ("wms", "wfs", "geopackage", "gpkg", "geojson", "shapefile", "shp", "gml", "kml", "nas", "geotiff")
_ON_BEHALF = ("processing", "combined")
_CONTACT = ("joint", "combined")
# Answers fields no text reads: paths to the user's own clause folders and Word template, dropped answers.
HIDDEN = ("library", "template", "verworfen")


def plain(value: Any) -> Any:
    """Answers as plain values for templates: enums become their string value."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


class PartyInText(Party):
    """A party as texts read it: its fields and its name in the four cases ("des Landkreises Heideland").

    In German ``nom``, ``gen``, ``dat`` and ``akk`` carry the article; in English all four are the name.
    """

    nom: str
    gen: str
    dat: str
    akk: str
    gender: str
    pronoun: str


class TaskInText(Task):
    """The task as texts read it: its fields, the carrier as a party and the transferring parties."""

    carrier_party: PartyInText | None = None
    from_parties: list[PartyInText] = Field(default_factory=list)


def with_grammar(party: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """A party's data with its name in the four cases (English: the name in every case)."""
    out = dict(party)
    name = party.get("name")
    if not isinstance(name, str) or not name:
        return out
    given = party.get("grammar")
    g: dict[str, Any] = given if isinstance(given, dict) else {}
    overrides = {"nom": g.get("nominative"), "gen": g.get("genitive"), "dat": g.get("dative"),
                 "akk": g.get("accusative")}  # fmt: skip
    kind = party.get("kind") if party.get("kind") in PartyKind._value2member_map_ else None
    gender = g.get("gender") if g.get("gender") in ("m", "f", "n") else None
    found = forms(name, kind, gender, overrides)
    cases = found.__dict__ if lang == "de" else dict.fromkeys(("nom", "gen", "dat", "akk"), name)
    out.update({c: cases[c] for c in ("nom", "gen", "dat", "akk")})
    out.update(gender=found.gender.value, pronoun=found.pronoun if lang == "de" else "it")
    return out


class _Answers:
    """The answers as plain data, complete or still being answered: every lookup tolerates what is missing."""

    def __init__(self, data: Mapping[str, Any], lang: str, laender: Mapping[str, Any]) -> None:
        self.data, self.lang, self.laender = data, lang, laender
        self.party_list = [p for p in data.get("parties") or [] if isinstance(p, dict)]
        self.parties = {p["id"]: p for p in self.party_list if "id" in p}
        self._instrument: dict[str, Any] | bool | None = False  # computed once (False: not yet)

    @property
    def land(self) -> LandFacts | None:
        """The facts of the chosen Land, or None."""
        found = self.laender.get(str(self.data.get("land")))
        return found if isinstance(found, LandFacts) else None

    @property
    def instrument(self) -> dict[str, Any] | None:
        """The instrument as texts read it (library/land_context.py), or None while it is not decided."""
        if self._instrument is False:
            key = instrument_key(self.agreement, self.land)
            transfer = self.agreement.get("task_transfer")
            self._instrument = (
                land_context.instrument_view(
                    key, self.land, Transfer(transfer) if transfer in Transfer._value2member_map_ else None,
                    {"task_transfer": transfer, "task": self.section("task")}, self.party_list,
                )
                if key is not None
                else None
            )  # fmt: skip
        return self._instrument if isinstance(self._instrument, dict) else None

    def section(self, name: str) -> dict[str, Any] | None:
        """A section of the answers, or None when it is not given."""
        value = self.data.get(name)
        return value if isinstance(value, dict) else None

    @property
    def agreement(self) -> dict[str, Any]:
        """The agreement section (empty until answered)."""
        return self.section("agreement") or {}

    @property
    def roles(self) -> Any:
        """data.roles, or None."""
        data = self.section("data")
        return data.get("roles") if data else None

    def party_by_id(self, pid: Any) -> Any:
        """``party('lk')`` in a clause text: the party with this Kürzel, else a message naming the known ones."""
        if pid in self.parties:
            return self.parties[pid]
        known = (", ".join(str(k) for k in self.parties) or "keine")[:80]
        raise ValueError(f"party('{str(pid)[:40]}'): es gibt keinen Beteiligten mit diesem Kürzel (bekannt: {known})")

    def party(self, pid: Any) -> dict[str, Any] | None:
        """The party with this Kürzel, or None."""
        return self.parties.get(pid) if isinstance(pid, str) else None

    def role_party(self, roles: tuple[str, ...], key: str) -> Any:
        """The party named at data.<key> when the data roles are one of ``roles`` (the processor, the contact point)."""
        data = self.section("data")
        return data.get(key) if data and self.roles in roles else None

    @property
    def geo_datasets(self) -> list[Any]:
        """Datasets that are spatial: parcel-level, or in a format of geodata (for INSPIRE, HVD, Geobasisdaten)."""
        data = self.section("data") or {}
        out = []
        for ds in data.get("datasets") or []:
            if not isinstance(ds, dict):
                continue
            fmt = str(ds.get("format") or "").strip().lower()
            if ds.get("parcel_level") or fmt.startswith(GEO_FORMATS):
                out.append(ds)
        return out


def _instrument_part(name: str) -> Callable[[_Answers], Any]:
    return lambda a: (a.instrument or {}).get(name)


def _land_samples(laender: Mapping[str, Any]) -> list[Any]:
    return land_context.samples({k: v for k, v in laender.items() if isinstance(v, LandFacts)})


def _task(a: _Answers) -> dict[str, Any] | None:
    """The task with its carrier and transferring parties (all others when ``from`` is not given)."""
    task = a.section("task")
    if task is None:
        return None
    out = dict(task)
    carrier = task.get("carrier")
    given = task.get("from") or task.get("from_") or []
    ids = given if given else [p.get("id") for p in a.party_list if p.get("id") != carrier]
    out["carrier_party"] = a.party(carrier)
    out["from_parties"] = [a.parties[pid] for pid in ids if isinstance(pid, str) and pid in a.parties]
    if out.get("date") is None:
        out["date"] = (a.section("term") or {}).get("start")
    return out


def _licence_info(row: LicenceInfo | None, lang: str) -> dict[str, str] | None:
    if row is None:
        return None
    return {"name": row.de if lang == "de" else row.en, "uri": row.uri, "url": row.url, "spdx": row.spdx}


@dataclass(frozen=True)
class Derived:
    """A name computed from the answers, and what it holds (so lint can check dotted paths like lead_party.name)."""

    compute: Callable[[_Answers], Any]
    holds: type[BaseModel] | None = None  # its value has the fields of this answers model
    samples: Callable[[Mapping[str, Any]], list[Any]] | None = None  # its possible values, from the Land facts


DERIVED: dict[str, Derived] = {
    "language": Derived(lambda a: a.lang),
    "binding": Derived(lambda a: a.agreement.get("instrument") != InstrumentKey.letter_of_intent.value),
    "instrument": Derived(lambda a: a.instrument, samples=_land_samples),
    "task_transfer": Derived(lambda a: a.agreement.get("task_transfer")),
    "is_cooperation_act": Derived(lambda a: bool((a.instrument or {}).get("cooperation_act"))),
    "authority": Derived(
        _instrument_part("authority"), samples=lambda lae: [s["authority"] for s in _land_samples(lae)]
    ),
    "approval": Derived(_instrument_part("approval"), samples=lambda lae: [s["approval"] for s in _land_samples(lae)]),
    "dpa": Derived(
        lambda a: land_context.dpa_view(a.land),
        samples=lambda lae: [land_context.dpa_view(v) for v in lae.values() if isinstance(v, LandFacts)],
    ),
    "vwvfg": Derived(lambda a: land_context.vwvfg_function(a.land)),
    "cooperation": Derived(lambda a: a.agreement.get("kind") in ("cooperation", "both")),
    "data_sharing": Derived(lambda a: a.agreement.get("kind") in ("data_sharing", "both")),
    "has_data": Derived(lambda a: a.section("data") is not None),
    "has_web_app": Derived(lambda a: a.section("web_app") is not None),
    "personal_data": Derived(lambda a: bool((a.section("data") or {}).get("personal_data"))),
    "roles": Derived(lambda a: a.roles),
    "is_municipal_agreement": Derived(
        lambda a: (a.instrument or {}).get("key") == InstrumentKey.agreement.value
    ),  # the Land's agreement under its cooperation act (kept for clauses written before schema version 2)
    "lead_party": Derived(lambda a: a.party(a.data.get("lead")), holds=PartyInText),
    "host_party": Derived(lambda a: a.party((a.section("web_app") or {}).get("host")), holds=PartyInText),
    "admin_party": Derived(lambda a: a.party((a.section("web_app") or {}).get("administrator")), holds=PartyInText),
    "processor_party": Derived(lambda a: a.party(a.role_party(_ON_BEHALF, "processor")), holds=PartyInText),
    "contact_party": Derived(lambda a: a.party(a.role_party(_CONTACT, "contact_point")), holds=PartyInText),
    "controllers": Derived(lambda a: [p for p in a.party_list if p.get("id") != a.role_party(_ON_BEHALF, "processor")]),
    "geo_datasets": Derived(lambda a: a.geo_datasets),
    "party_names": Derived(lambda a: formatting.join_and([p["name"] for p in a.party_list if "name" in p], a.lang)),
    "land_info": Derived(
        lambda a: land_context.land_view(a.land),
        samples=lambda laender: [land_context.land_view(v) for v in laender.values() if isinstance(v, LandFacts)],
    ),
    "licence_info": Derived(
        lambda a: _licence_info(LICENCES.get(str((a.section("publication") or {}).get("licence"))), a.lang),
        samples=lambda _: [_licence_info(row, "de") for row in LICENCES.values() if row.publication],
    ),
    "party": Derived(lambda a: a.party_by_id),
}


def _unanswered() -> dict[str, Any]:
    """What each answers field holds before it is answered: its default, else an empty section or list, else None."""
    out: dict[str, Any] = {}
    for name, info in Answers.model_fields.items():
        if name in HIDDEN:
            continue
        if not info.is_required():
            default = info.get_default(call_default_factory=True)
            out[name] = plain(default.model_dump() if isinstance(default, BaseModel) else default)
        elif inner_model(info.annotation, lists=False) is not None:
            out[name] = {}
        else:
            out[name] = [] if get_origin(info.annotation) is list else None
    return out


def template_context(data: Mapping[str, Any], lang: str, laender: Mapping[str, Any]) -> dict[str, Any]:
    """Everything a condition or a clause text may read, from answers as plain data (complete or not yet)."""
    ctx = {**_unanswered(), **{k: v for k, v in data.items() if k not in HIDDEN}}
    if isinstance(ctx.get("parties"), list):
        ctx["parties"] = [with_grammar(p, lang) if isinstance(p, dict) else p for p in ctx["parties"]]
    view = _Answers(ctx, lang, laender)
    ctx.update({name: derived.compute(view) for name, derived in DERIVED.items()})
    if ctx.get("task") is not None:
        ctx["task"] = _task(view)
    return ctx


def answers_context(answers: Answers, laender: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """The context of validated answers (enums as the values the texts compare, e.g. 'processing')."""
    return template_context(plain(answers.model_dump(mode="python", exclude=set(HIDDEN))), lang, laender)


def readable_names() -> set[str]:
    """Every top-level name a condition or text may read (ref() and annex() only in texts: TEXT_FUNCTIONS)."""
    return {n for n in Answers.model_fields if n not in HIDDEN} | set(DERIVED) | set(ENV.globals)


def what_it_holds(name: str, laender: Mapping[str, Any]) -> tuple[type[BaseModel] | None, list[Any]]:
    """For checking a dotted path: the model whose fields the name has, and sample values (from the Land facts)."""
    if name in DERIVED:
        derived = DERIVED[name]
        return derived.holds, derived.samples(laender) if derived.samples else []
    if name == "task":
        return TaskInText, []
    field = Answers.model_fields.get(name)
    return (inner_model(field.annotation, lists=False) if field is not None else None), []
