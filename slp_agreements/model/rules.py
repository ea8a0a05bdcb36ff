"""Rules across fields of the answers, one small function per concern, run in the order of RULES.

They work on the raw data, so they run even when other fields are wrong, and the questionnaire can check one
answer against the rest. Each rule yields (field path, message) pairs. WARNINGS are rules whose findings do not
stop a build: the build says them and the checklist lists what to check.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from slp_agreements.model.paths import FieldPath
from slp_agreements.model.vocabulary import KINDS_WITH_AGS, LAND_CODES, InstrumentKey, Land, Transfer

Found = Iterator[tuple[FieldPath, str]]
MAX_PARTIES = 500


def entries(value: Any) -> list[Any]:
    """The entries of a list as given; anything else (``parties: 42``) has none here, the model names it."""
    return value if isinstance(value, list) else []


@dataclass
class Raw:
    """The raw answers with the pieces several rules read."""

    data: dict[str, Any]

    @property
    def parties(self) -> list[dict[str, Any]]:
        """The party entries that are sections (others are reported by the model)."""
        return [p for p in entries(self.data.get("parties")) if isinstance(p, dict)]

    @property
    def ids(self) -> list[Any]:
        """The parties' Kürzel, in order."""
        return [p.get("id") for p in self.parties]

    @property
    def agreement(self) -> dict[str, Any]:
        """The agreement section, or an empty one."""
        section = self.data.get("agreement")
        return section if isinstance(section, dict) else {}

    @property
    def binding(self) -> bool:
        """Not a letter of intent."""
        return bool(self.agreement.get("instrument") != InstrumentKey.letter_of_intent.value)

    @property
    def task(self) -> dict[str, Any] | None:
        """The task section, or None."""
        task = self.data.get("task")
        return task if isinstance(task, dict) else None

    @property
    def transfer(self) -> Any:
        """agreement.task_transfer as given."""
        return self.agreement.get("task_transfer")

    @property
    def personal(self) -> bool:
        """Personal data are shared."""
        data = self.data.get("data")
        return isinstance(data, dict) and bool(data.get("personal_data"))

    def must_be_party(self, path: FieldPath, value: Any, role: str) -> Found:
        """A reference to a party (lead, provider, host …) must name one of the parties."""
        if value is not None and isinstance(value, str) and value not in self.ids:
            possible = ", ".join(str(i) for i in self.ids if i)
            yield path, f"{role} '{value}' ist kein Beteiligter der Vereinbarung; möglich sind: {possible}"


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def unique_party_ids(raw: Raw) -> Found:
    """Every party has its own Kürzel."""
    seen: set[Any] = set()
    for i, pid in enumerate(raw.ids):
        if pid in seen:
            yield ("parties", i, "id"), f"Kürzel '{pid}' ist doppelt vergeben; jeder Beteiligte braucht ein eigenes"
        seen.add(pid)


def lead_is_a_party(raw: Raw) -> Found:
    """The lead party is one of the parties."""
    yield from raw.must_be_party(("lead",), raw.data.get("lead"), "Federführung")


def ags_fits_the_land(raw: Raw) -> Found:
    """Municipalities and districts carry an AGS of the chosen Land; a district's ends in 000."""
    land = raw.data.get("land")
    code = LAND_CODES.get(Land(land)) if land in Land._value2member_map_ else None
    for i, p in enumerate(raw.parties):
        kind, ags = p.get("kind"), p.get("ags")
        at = ("parties", i, "ags")
        if kind in {k.value for k in KINDS_WITH_AGS} and not ags:
            yield at, "für Gemeinde, Stadt und Landkreis ist der AGS (8 Ziffern) anzugeben"
        if not (isinstance(ags, str) and re.fullmatch(r"\d{8}", ags)):
            continue
        prefix = ags[:2]
        if not "01" <= prefix <= "16":
            yield at, f"AGS '{ags}': die ersten zwei Ziffern (Land) müssen 01–16 sein"
        elif code and prefix != code:
            yield at, f"AGS '{ags}' beginnt mit {prefix}, das Bundesland {land} hat aber den Schlüssel {code}"
        elif kind == "landkreis" and ags[5:] != "000":
            yield at, f"AGS '{ags}' eines Landkreises endet auf 000"


def term_ends_after_start(raw: Raw) -> Found:
    """An end of the term lies after its start."""
    term = raw.data.get("term")
    if not isinstance(term, dict):
        return
    start, end = _as_date(term.get("start")), _as_date(term.get("end"))
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end <= start:
        yield ("term", "end"), f"Ende ({end.isoformat()}) muss nach dem Beginn ({start.isoformat()}) liegen"


def costs_are_shared(raw: Raw) -> Found:
    """A binding cooperation says who pays; the chosen cost model has its figure for every party."""
    costs = raw.data.get("costs")
    if raw.binding and raw.agreement.get("kind") in ("cooperation", "both") and not costs:
        yield ("costs",), "eine verbindliche Kooperation braucht eine Kostenregelung (costs: model: …)"
    if not isinstance(costs, dict):
        return
    model = costs.get("model")
    for i, p in enumerate(raw.parties):
        if model == "population" and not p.get("population"):
            yield ("parties", i, "population"), "Kostenteilung nach Einwohnerzahl: Einwohnerzahl fehlt"
        if model == "fixed" and p.get("fixed_amount") is None:
            yield ("parties", i, "fixed_amount"), "Kostenteilung nach Festbeträgen: Betrag fehlt"


def data_are_described(raw: Raw) -> Found:
    """A data-sharing agreement names its data; datasets come from the parties, inline or from a table."""
    data = raw.data.get("data")
    if raw.agreement.get("kind") in ("data_sharing", "both") and not data:
        yield ("data",), "eine Datennutzungsvereinbarung braucht Angaben zu den Daten (data: …)"
    if not isinstance(data, dict):
        return
    for i, ds in enumerate(entries(data.get("datasets"))):
        if isinstance(ds, dict):
            yield from raw.must_be_party(("data", "datasets", i, "provider"), ds.get("provider"), "Datengeber")
            yield from raw.must_be_party(("data", "datasets", i, "publisher"), ds.get("publisher"), "Herausgeber")
    yield from _file_alternative(data, "datasets", ("data",))


def personal_data_are_protected(raw: Raw) -> Found:
    """Personal data need roles, data subjects and categories, a legal basis and every party's DPO."""
    data = raw.data.get("data")
    if not isinstance(data, dict) or not data.get("personal_data"):
        return
    if raw.binding and not data.get("roles"):
        yield (
            ("data", "roles"),
            (
                "bei personenbezogenen Daten ist die Rollenverteilung anzugeben: separate, joint, processing "
                "oder combined"
            ),
        )
    if not data.get("data_subjects"):
        yield ("data", "data_subjects"), "Kategorien betroffener Personen fehlen"
    if not data.get("data_categories"):
        yield ("data", "data_categories"), "Kategorien personenbezogener Daten fehlen"
    if raw.binding and not data.get("legal_basis"):
        yield (
            ("data", "legal_basis"),
            ("Rechtsgrundlage der Verarbeitung fehlt (z. B. 'Art. 6 Abs. 1 lit. e DSGVO i. V. m. …')"),
        )
    for i, p in enumerate(raw.parties):
        if raw.binding and not p.get("dpo"):
            yield ("parties", i, "dpo"), "bei personenbezogenen Daten: Datenschutzbeauftragte Person fehlt"


def roles_name_parties(raw: Raw) -> Found:
    """The processor (Art. 28) and the contact point of joint controllers (Art. 26) are parties."""
    data = raw.data.get("data")
    if not isinstance(data, dict) or not data.get("personal_data"):
        return
    roles = data.get("roles")
    if roles == "processing":
        if not data.get("processor"):
            yield (
                ("data", "processor"),
                (
                    "bei Auftragsverarbeitung: Kürzel des Auftragsverarbeiters (des Beteiligten, der die Daten "
                    "verarbeitet) fehlt"
                ),
            )
        yield from raw.must_be_party(("data", "processor"), data.get("processor"), "Auftragsverarbeiter")
    if roles == "joint":
        yield from raw.must_be_party(("data", "contact_point"), data.get("contact_point"), "Anlaufstelle")
    if roles == "combined":
        yield from _combined_roles(raw, data)


def _combined_roles(raw: Raw, data: dict[str, Any]) -> Found:
    """Joint controllers with a common processor: both named, and the coordinating controller is not the processor."""
    processor, contact = data.get("processor"), data.get("contact_point")
    if not processor:
        yield (
            ("data", "processor"),
            "bei gemeinsam Verantwortlichen mit gemeinsamem Auftragsverarbeiter: Kürzel des Auftragsverarbeiters fehlt",
        )
    yield from raw.must_be_party(("data", "processor"), processor, "Auftragsverarbeiter")
    if not contact:
        yield (
            ("data", "contact_point"),
            (
                "bei gemeinsam Verantwortlichen mit gemeinsamem Auftragsverarbeiter: Kürzel des koordinierenden "
                "Verantwortlichen (Anlaufstelle für betroffene Personen) fehlt"
            ),
        )
    yield from raw.must_be_party(("data", "contact_point"), contact, "Anlaufstelle")
    if contact and contact == processor:
        yield (
            ("data", "contact_point"),
            (
                "der Auftragsverarbeiter kann nicht zugleich koordinierender Verantwortlicher sein; "
                "bitte einen der gemeinsam Verantwortlichen als Anlaufstelle angeben"
            ),
        )


def datasets_have_purposes(raw: Raw) -> Found:
    """A personal or parcel-level dataset of a binding agreement names its own purpose (Art. 5 Abs. 1 lit. b DSGVO)."""
    data = raw.data.get("data")
    if not raw.binding or not isinstance(data, dict):
        return
    for i, ds in enumerate(entries(data.get("datasets"))):
        if not isinstance(ds, dict) or ds.get("purpose"):
            continue
        if ds.get("personal_data") or ds.get("parcel_level"):
            title = ds.get("title") or f"Nr. {i + 1}"
            yield (
                ("data", "datasets", i, "purpose"),
                f"Zweck des Datensatzes „{title}“ fehlt (Art. 5 Abs. 1 lit. b DSGVO); bitte purpose angeben",
            )


def web_app_is_run_by_parties(raw: Raw) -> Found:
    """Host and administrator of the shared web application are parties."""
    web = raw.data.get("web_app")
    if isinstance(web, dict):
        yield from raw.must_be_party(("web_app", "host"), web.get("host"), "Host")
        yield from raw.must_be_party(("web_app", "administrator"), web.get("administrator"), "Administration")


def indicators_are_consistent(raw: Raw) -> Found:
    """Indicators come inline or from a table, name parties as provider and responsible, and have unique ids."""
    yield from _file_alternative(raw.data, "indicators", ())
    indicators = [(i, ind) for i, ind in enumerate(entries(raw.data.get("indicators"))) if isinstance(ind, dict)]
    for i, ind in indicators:
        yield from raw.must_be_party(("indicators", i, "provider"), ind.get("provider"), "Datengeber")
        responsible = ind.get("responsible")
        yield from raw.must_be_party(("indicators", i, "responsible"), responsible, "Verantwortlicher Beteiligter")
    seen: set[str] = set()
    for i, ind in indicators:
        if ind.get("id") is not None:
            if str(ind["id"]) in seen:
                yield ("indicators", i, "id"), f"Kennung '{ind['id']}' ist doppelt vergeben"
            seen.add(str(ind["id"]))


_TRANSFERS = (
    "delegation (die Aufgabe geht mit Zuständigkeit und Befugnissen auf einen Beteiligten über), mandate (ein "
    "Beteiligter führt sie für die übrigen durch, die Zuständigkeit bleibt), joint (die Beteiligten führen sie "
    "gemeinschaftlich durch) oder none (keine Aufgabe geht über, etwa Abstimmung oder gemeinsame Datennutzung)"
)
_WITH_TASK = {Transfer.delegation.value, Transfer.mandate.value, Transfer.joint.value}


def task_transfer_is_chosen(raw: Raw) -> Found:
    """A binding agreement says what happens to the task; a letter of intent may leave it open."""
    if raw.binding and "kind" in raw.agreement and raw.transfer is None:
        yield ("agreement", "task_transfer"), f"fehlt: Was geschieht mit der Aufgabe? Möglich sind {_TRANSFERS}"


def task_is_named(raw: Raw) -> Found:
    """Delegation, mandate and joint performance name the task; without a transfer there is no task section."""
    transfer, task = raw.transfer, raw.task
    if transfer in _WITH_TASK and task is None and raw.binding:
        words = {
            "delegation": "übertragen",
            "mandate": "für die übrigen durchgeführt",
            "joint": "gemeinschaftlich durchgeführt",
        }
        yield (
            ("task",),
            (
                f"fehlt: bei agreement.task_transfer: {transfer} ist die Aufgabe zu benennen, die "
                f"{words[transfer]} wird (task: name, carrier, date)"
            ),
        )
    if transfer == Transfer.none.value and task is not None:
        yield (
            ("task",),
            (
                "bei agreement.task_transfer: none geht keine Aufgabe über; task: bitte entfernen oder "
                "task_transfer ändern (delegation, mandate, joint)"
            ),
        )


def task_names_parties(raw: Raw) -> Found:
    """The carrier takes over or performs the task; the transferring parties are others among the Beteiligten."""
    task, transfer = raw.task, raw.transfer
    if task is None:
        return
    carrier = task.get("carrier")
    if transfer in (Transfer.delegation.value, Transfer.mandate.value) and not carrier:
        role = "übernimmt" if transfer == Transfer.delegation.value else "durchführt"
        yield ("task", "carrier"), f"fehlt: Kürzel des Beteiligten, der die Aufgabe {role}"
    if transfer == Transfer.joint.value and carrier:
        yield (
            ("task", "carrier"),
            (
                "bei gemeinschaftlicher Durchführung (joint) übernimmt kein einzelner Beteiligter die Aufgabe; carrier "
                "bitte weglassen oder agreement.task_transfer ändern"
            ),
        )
    yield from raw.must_be_party(("task", "carrier"), carrier, "Aufgabenträger")
    given = task.get("from", task.get("from_"))
    for i, pid in enumerate(given if isinstance(given, list) else []):
        yield from raw.must_be_party(("task", "from", i), pid, "Übertragender Beteiligter")
        if carrier is not None and pid == carrier:
            yield ("task", "from", i), f"'{pid}' übernimmt die Aufgabe selbst und kann sie nicht zugleich übertragen"


def not_too_many_parties(raw: Raw) -> Found:
    """An agreement has at most MAX_PARTIES parties."""
    if len(raw.parties) > MAX_PARTIES:
        yield ("parties",), f"{len(raw.parties)} Beteiligte sind zu viele (höchstens {MAX_PARTIES})"


def parties_are_distinct(raw: Raw) -> Found:
    """No body is a party twice: the same name or the same AGS names the same Gemeinde, Stadt or Landkreis."""
    names: dict[str, int] = {}
    codes: dict[str, int] = {}
    for i, p in enumerate(raw.parties):
        name, ags = p.get("name"), p.get("ags")
        if isinstance(name, str) and name.strip():
            key = " ".join(name.lower().split())
            if key in names:
                yield (
                    ("parties", i, "name"),
                    f"Beteiligte {names[key] + 1} und {i + 1} sind dieselbe Stelle ({name}); "
                    "jeder Beteiligte nur einmal",
                )
            names.setdefault(key, i)
        if isinstance(ags, str) and re.fullmatch(r"\d{8}", ags):
            if ags in codes:
                yield (
                    ("parties", i, "ags"),
                    f"Beteiligte {codes[ags] + 1} und {i + 1} sind dieselbe Stelle (AGS {ags}); "
                    "jeder Beteiligte nur einmal",
                )
            codes.setdefault(ags, i)


def open_data_have_an_open_licence(raw: Raw) -> Found:
    """Data published as open data cannot at the same time be for the parties only."""
    publication = raw.data.get("publication")
    if isinstance(publication, dict) and publication.get("open_data") and publication.get("licence") == "parties-only":
        yield (
            ("publication", "licence"),
            (
                "Open Data und die Lizenz „Nur durch die Beteiligten“ schließen sich aus; "
                "bitte eine offene Lizenz wählen (z. B. dl-de-by-2.0) oder open_data: false"
            ),
        )


def continued_operation_has_a_cost_key(raw: Raw) -> Found:
    """The web application continued "under the cost key" needs a cost rule to refer to."""
    web = raw.data.get("web_app")
    if isinstance(web, dict) and web.get("after_funding") == "continue_shared" and not raw.data.get("costs"):
        yield (
            ("web_app", "after_funding"),
            (
                "„Gemeinsamer Weiterbetrieb nach dem Kostenschlüssel“ braucht eine Kostenregelung (costs:); bitte eine "
                "andere Regelung wählen oder die Kosten regeln"
            ),
        )


def _file_alternative(section: dict[str, Any], key: str, at: FieldPath) -> Found:
    """A list is given inline or as a table file (`<key>_file`), not both."""
    listed, file = section.get(key), section.get(f"{key}_file")
    if listed and file:
        yield (*at, f"{key}_file"), f"bitte entweder {key} oder {key}_file angeben, nicht beides"
    elif key == "datasets" and not listed and not file:
        yield (*at, key), "fehlt (Pflichtangabe); Datensätze hier auflisten oder mit datasets_file einlesen"


RULES: list[Callable[[Raw], Found]] = [
    unique_party_ids,
    lead_is_a_party,
    ags_fits_the_land,
    term_ends_after_start,
    costs_are_shared,
    data_are_described,
    personal_data_are_protected,
    roles_name_parties,
    datasets_have_purposes,
    web_app_is_run_by_parties,
    indicators_are_consistent,
    task_transfer_is_chosen,
    task_is_named,
    task_names_parties,
    not_too_many_parties,
    parties_are_distinct,
    open_data_have_an_open_licence,
    continued_operation_has_a_cost_key,
]


def transfer_date_after_start(raw: Raw) -> Found:
    """A task passing before the agreement's term starts is probably a mistake."""
    task, term = raw.task, raw.data.get("term")
    if task is None or not isinstance(term, dict):
        return
    moved, start = _as_date(task.get("date")), _as_date(term.get("start"))
    if moved and start and moved < start:
        yield (
            ("task", "date"),
            (
                f"der Übergang der Aufgabe ({moved.isoformat()}) liegt vor dem Beginn der Vereinbarung "
                f"({start.isoformat()}); bitte prüfen"
            ),
        )


def delegated_task_is_not_processed_on_behalf(raw: Raw) -> Found:
    """After a delegation the carrier is controller for the task, not the others' processor (Art. 4 Nr. 7 DSGVO)."""
    task, data = raw.task, raw.data.get("data")
    if raw.transfer != Transfer.delegation.value or task is None or not isinstance(data, dict):
        return
    on_behalf = data.get("roles") in ("processing", "combined")
    if on_behalf and data.get("processor") and data.get("processor") == task.get("carrier"):
        yield (
            ("data", "roles"),
            (
                "Bei einer Delegation wird der übernehmende Beteiligte für die übertragene Aufgabe selbst "
                "Verantwortlicher (Art. 4 Nr. 7 DSGVO); Rollen prüfen (Auftragsverarbeitung durch ihn passt dann nicht)"
            ),
        )


def parcel_data_may_be_personal(raw: Raw) -> Found:
    """Parcel-level data can usually be linked to owners: with personal_data false, the roles need a second look."""
    data = raw.data.get("data")
    if not isinstance(data, dict) or data.get("personal_data"):
        return
    if any(isinstance(ds, dict) and ds.get("parcel_level") for ds in entries(data.get("datasets"))):
        yield (
            ("data", "personal_data"),
            "Flurstücksbezogene Daten sind in der Regel personenbezogen; prüfen Sie personal_data und die Rollen",
        )


def combined_host_is_processor(raw: Raw) -> Found:
    """In the combined model the operator of the web application is normally the common processor."""
    data, web = raw.data.get("data"), raw.data.get("web_app")
    if not isinstance(data, dict) or not isinstance(web, dict) or data.get("roles") != "combined":
        return
    if data.get("processor") and web.get("host") and web.get("host") != data.get("processor"):
        yield (
            ("web_app", "host"),
            (
                f"die Webanwendung betreibt '{web.get('host')}', Auftragsverarbeiter ist aber "
                f"'{data.get('processor')}'; klären, ob der Betreiber weiterer Auftragsverarbeiter ist"
            ),
        )


WARNINGS: list[Callable[[Raw], Found]] = [
    transfer_date_after_start,
    delegated_task_is_not_processed_on_behalf,
    parcel_data_may_be_personal,
    combined_host_is_processor,
]


def cross_field_problems(raw: Any, *, malformed: bool = False) -> list[tuple[FieldPath, str]]:
    """Every rule's problems, in the order of RULES; each problem carries its field path.

    ``malformed``: the model already found fields of the wrong kind (``parties: 42``); a rule that cannot read such
    a field is left out, since the model's message names the field.
    """
    if not isinstance(raw, dict):
        return []
    view = Raw(raw)
    out: list[tuple[FieldPath, str]] = []
    for rule in RULES:
        try:
            out += list(rule(view))
        except (TypeError, AttributeError, ValueError, KeyError, IndexError):
            if not malformed:
                raise
    return out


def cross_field_warnings(raw: Any) -> list[tuple[FieldPath, str]]:
    """Findings that do not stop a build (said as warnings, listed in the checklist)."""
    if not isinstance(raw, dict):
        return []
    view = Raw(raw)
    return [found for rule in WARNINGS for found in rule(view)]
