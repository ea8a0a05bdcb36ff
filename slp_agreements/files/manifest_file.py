"""Reading the manifest a DOCX made by this tool carries (manifest version 1 and older builds of it)."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from slp_agreements.errors import UserError
from slp_agreements.files.docx_package import custom_xml_parts
from slp_agreements.model.labels import FILE_NAMES
from slp_agreements.model.manifest import MANIFEST_VERSION, DamagedManifest, Manifest, from_xml
from slp_agreements.model.messages import shorten

_DAMAGED = "enthält ein beschädigtes Manifest von slp-agreements; bitte den Vertrag neu erzeugen."


def read_manifest(path: Path) -> Manifest:
    """The manifest embedded in a DOCX made by this tool; one clear message otherwise."""
    for part in custom_xml_parts(path):
        try:
            found = from_xml(part)
        except DamagedManifest:
            raise UserError(_DAMAGED, file=path) from None
        if found is None:
            continue
        version = found.get("manifest_version", MANIFEST_VERSION)
        if isinstance(version, int) and not isinstance(version, bool) and version > MANIFEST_VERSION:
            tool = shorten(str(found.get("tool_version", "?")), 20)
            raise UserError(
                f"wurde mit einer neueren Version von slp-agreements ({tool}) erzeugt; "
                "bitte das Programm aktualisieren.",
                file=path,
            )
        try:
            manifest = Manifest.model_validate(found)
        except (ValidationError, RecursionError):
            raise UserError(_DAMAGED, file=path) from None
        if manifest.language not in FILE_NAMES or manifest.manifest_version < 1:
            raise UserError(_DAMAGED, file=path)
        return manifest
    raise UserError(
        "enthält kein Manifest von slp-agreements: die Datei wurde nicht mit diesem Programm erzeugt "
        "(oder das Manifest wurde entfernt). Bitte einen mit 'slp-agreements build' erzeugten Vertrag angeben.",
        file=path,
    )
