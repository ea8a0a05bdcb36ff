"""Indicators of the shared indicator base (Indikatoren) and their profiles (Steckbriefe), tied to the SDGs."""

from __future__ import annotations

import re
from enum import Enum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StringConstraints, field_validator

from slp_agreements.model.fields import PartyId, ShortText, StrictModel, Text
from slp_agreements.model.sdg import check_sdg


def _split_sdgs(value: Any) -> Any:
    """Accept '11.3.1; 11.a' from a spreadsheet cell as well as a YAML list."""
    if isinstance(value, str):
        return [p for p in re.split(r"[;,\s]+", value) if p]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [str(value)]
    return value


class Direction(str, Enum):
    """How a change of the value reads (Wertung): is more better, less better, or neither."""

    higher_better = "higher_better"
    lower_better = "lower_better"
    neutral = "neutral"


DIRECTION_WORDS: dict[str, Direction] = {
    "höher ist besser": Direction.higher_better,
    "hoeher ist besser": Direction.higher_better,
    "höher besser": Direction.higher_better,
    "steigend positiv": Direction.higher_better,
    "higher is better": Direction.higher_better,
    "+": Direction.higher_better,
    "niedriger ist besser": Direction.lower_better,
    "niedriger besser": Direction.lower_better,
    "geringer ist besser": Direction.lower_better,
    "sinkend positiv": Direction.lower_better,
    "lower is better": Direction.lower_better,
    "-": Direction.lower_better,
    "keine wertung": Direction.neutral,
    "neutral": Direction.neutral,
    "no judgement": Direction.neutral,
}


def _direction(value: Any) -> Any:
    if isinstance(value, str):
        key = re.sub(r"\s+", " ", value.strip().lower())
        if key in Direction._value2member_map_:
            return key
        if key in DIRECTION_WORDS:
            return DIRECTION_WORDS[key].value
        if key:
            raise ValueError(
                f"Wertung '{value.strip()}' unbekannt; möglich sind: 'höher ist besser', 'niedriger ist besser', "
                "'keine Wertung' (oder higher_better, lower_better, neutral)"
            )
        return None
    return value


SdgId = Annotated[str, StringConstraints(min_length=1, max_length=10)]
IndicatorId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9ÄÖÜäöü][A-Za-z0-9ÄÖÜäöü._-]{0,39}$")]


class Indicator(StrictModel):
    """One indicator of the shared base, with everything its profile (Steckbrief) shows."""

    id: IndicatorId = Field(description="Kennung, z. B. 'FW-01'")
    name: ShortText = Field(description="Name des Indikators")
    topic: ShortText | None = Field(default=None, description="Themenfeld, z. B. 'Wohnen' oder 'Fläche'")
    definition: Text = Field(description="Kurzdefinition")
    calculation: Text = Field(description="Berechnung / Formel")
    unit: ShortText = Field(description="Einheit, z. B. '%' oder 'm² je Einwohner/in'")
    source: Text = Field(description="Datenquelle, z. B. amtliche Flächenstatistik")
    provider: PartyId | None = Field(default=None, description="Kürzel der Partei, die die Daten liefert")
    spatial_level: ShortText | None = Field(default=None, description="Raumbezug, z. B. 'Gemeinde'")
    coverage: ShortText | None = Field(default=None, description="Räumliche Abdeckung")
    update: ShortText | None = Field(default=None, description="Aktualisierung, z. B. 'jährlich'")
    sdg: Annotated[list[SdgId], BeforeValidator(_split_sdgs)] = Field(
        default_factory=list, description="SDG-Bezug: Ziele, Unterziele oder Indikatoren, z. B. ['11.3.1', '11.a']"
    )
    direction: Annotated[Direction | None, BeforeValidator(_direction)] = Field(
        default=None, description="Wertung: higher_better, lower_better oder neutral"
    )
    interpretation: Text | None = Field(default=None, description="Lesart des Indikators")
    limitations: Text | None = Field(default=None, description="Grenzen der Aussagekraft")
    responsible: PartyId | None = Field(
        default=None, description="Kürzel der für den Indikator verantwortlichen Partei"
    )
    reference: Text | None = Field(
        default=None, description="Methodische Grundlage, z. B. 'SDG-Indikatoren für Kommunen'"
    )

    @field_validator("sdg")
    @classmethod
    def _sdg_format(cls, value: list[str]) -> list[str]:
        return [check_sdg(v) for v in value]

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, value: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(int(value)) if float(value).is_integer() else str(value)
        return value
