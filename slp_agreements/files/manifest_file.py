"""Reading the manifest a DOCX made by this tool carries (manifest version 1 and older builds of it)."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from slp_agreements.errors import UserError
from slp_agreements.files.docx_package import custom_xml_parts
from slp_agreements.model.manifest import MANIFEST_VERSION, Manifest, from_xml


def read_manifest(path: Path) -> Manifest:
    """The manifest embedded in a DOCX made by this tool; one clear message otherwise."""
    for part in custom_xml_parts(path):
        found = from_xml(part)
        if found is None:
            continue
        version = found.get("manifest_version", MANIFEST_VERSION)
        if not isinstance(version, int) or version > MANIFEST_VERSION:
            raise UserError(
                f"wurde mit einer neueren Version von slp-agreements ({found.get('tool_version', '?')}) erzeugt; "
                "bitte das Programm aktualisieren.",
                file=path,
            )
        try:
            return Manifest.model_validate(found)
        except ValidationError:
            raise UserError(
                "enthält ein beschädigtes Manifest von slp-agreements; bitte den Vertrag neu erzeugen.", file=path
            ) from None
    raise UserError(
        "enthält kein Manifest von slp-agreements: die Datei wurde nicht mit diesem Programm erzeugt "
        "(oder das Manifest wurde entfernt). Bitte einen mit 'slp-agreements build' erzeugten Vertrag angeben.",
        file=path,
    )
