"""`schema`: the JSON Schema of the answers file."""

from __future__ import annotations

from slp_agreements import console


def schema() -> None:
    """JSON-Schema der Antwortdatei ausgeben (für Editoren und Prüfwerkzeuge)."""
    from slp_agreements.model.answers import json_schema

    console.print_json(json_schema())
