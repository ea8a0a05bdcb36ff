"""Indicator profiles (Steckbriefe): the label | value rows of each indicator, for annexes and the publication."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from slp_agreements.model import formatting
from slp_agreements.model.answers import Answers, Dataset
from slp_agreements.model.document import Profile, ProfileBook
from slp_agreements.model.indicators import Indicator
from slp_agreements.model.labels import DIRECTIONS, LABELS, PROFILE_LABELS
from slp_agreements.model.licences import licence_by_uri
from slp_agreements.model.sdg import national_warning

_ORDER = ["id", "topic", "definition", "calculation", "unit", "sdg", "source", "provider", "spatial_level", "coverage",
          "update", "direction", "interpretation", "limitations", "responsible", "reference"]  # fmt: skip


def profile(ind: Indicator, lang: str, party_name: Callable[[str], str] = str) -> Profile:
    """The profile of one indicator: the same rows in the same order for every indicator, '–' where empty."""
    lab = PROFILE_LABELS[lang]
    none = LABELS[lang]["none"]
    values: dict[str, str | None] = {
        "id": ind.id,
        "topic": ind.topic,
        "definition": ind.definition,
        "calculation": ind.calculation,
        "unit": ind.unit,
        "sdg": ", ".join(ind.sdg) or None,
        "source": ind.source,
        "provider": party_name(ind.provider) if ind.provider else None,
        "spatial_level": ind.spatial_level,
        "coverage": ind.coverage,
        "update": ind.update,
        "direction": DIRECTIONS[lang][ind.direction] if ind.direction else None,
        "interpretation": ind.interpretation,
        "limitations": ind.limitations,
        "responsible": party_name(ind.responsible) if ind.responsible else None,
        "reference": ind.reference,
    }
    rows = [(lab[k], values[k] or none) for k in _ORDER]
    return Profile(f"{ind.id} {ind.name}", rows, bookmark=_bookmark(ind.id))


def _bookmark(indicator_id: str) -> str:
    safe = "".join(c if c.isalnum() else "_" for c in indicator_id)
    return f"ind_{safe}"[:40]


def profiles(answers: Answers, lang: str) -> list[Profile]:
    """The profiles of the answers' indicators, with party names for providers and responsible parties."""
    names = {p.id: p.name for p in answers.parties}
    return [profile(ind, lang, lambda pid: names.get(pid, pid)) for ind in answers.indicators]


def book(indicators: list[Indicator], lang: str, *, title: str | None = None, project: str | None = None,
         date: dt.date | None = None, party_name: Callable[[str], str] = str) -> ProfileBook:  # fmt: skip
    """The standalone publication: title, introduction, table of contents and one profile per page."""
    lab = PROFILE_LABELS[lang]
    subtitle = lab["book_subtitle"].format(project=project) if project else ""
    intro = [lab["book_intro"]]
    if date:
        intro.append(lab["book_stand"].format(date=formatting.date(date, lang)))
    items = [profile(ind, lang, party_name) for ind in indicators]
    contents = [[str(n), ind.id, ind.name, ", ".join(ind.sdg) or LABELS[lang]["none"]]
                for n, ind in enumerate(indicators, 1)]  # fmt: skip
    header = [lab["col_no"], lab["id"], lab["name"], "SDG", lab["col_page"]]
    labels = dict(LABELS[lang])
    labels.update(draft_mark="", watermark="", date=formatting.date(date, lang) if date else "")
    return ProfileBook(lang, title or lab["book_title"], subtitle, intro, lab["contents"], header, contents, items,
                       labels)  # fmt: skip


def sdg_warnings(indicators: list[Indicator]) -> list[str]:
    """A warning for each SDG indicator id that is measured per state, with the target to name instead."""
    out = []
    for ind in indicators:
        for sdg in ind.sdg:
            warning = national_warning(sdg)
            if warning:
                out.append(f"Indikator '{ind.id}': {warning}")
    return out


def dataset_details(ds: Dataset, lang: str) -> str:
    """Extra lines for a dataset's description in the datasets annex: licence, period and access, where given."""
    lab = PROFILE_LABELS[lang]
    lines = []
    if ds.licence:
        known = licence_by_uri(ds.licence)
        name = known.title if known else ds.licence
        if known and lang == "en" and known.en != known.title:
            name = f"{known.en} ({known.title})"  # as the body of an English agreement names it
        lines.append(f"{lab['licence']}: {name}")
    if ds.temporal and (ds.temporal.start or ds.temporal.end):
        start = formatting.short_date(ds.temporal.start, lang) if ds.temporal.start else "…"
        end = formatting.short_date(ds.temporal.end, lang) if ds.temporal.end else "…"
        lines.append(f"{lab['period']}: {start} – {end}")
    if ds.url:
        lines.append(f"{lab['access']}: {ds.url}")
    return "".join(f"\n{line}" for line in lines)
