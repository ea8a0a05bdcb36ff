"""Validation of a catalogue record with pyshacl against official SHACL shapes the user supplies (``--shapes``).

The folder holds the shapes of GovData's validator and the DCAT-AP base shapes, and the vocabularies their
``owl:imports`` would fetch (licences, contributors, EU code lists, FOAF, vCard). Files in a folder whose name is a
version (``v3.0``, ``3.0.0``, ``v2.0``, ``2.1.1``) belong to that profile; every other file to both. Files that
declare shapes form the shapes graph, the others join the data graph. pyshacl and rdflib are optional
(``pip install 'slp-agreements[shacl]'``) and imported only here, only when asked for.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from slp_agreements.errors import UserError
from slp_agreements.model.open_data import DcatProfile

_FORMATS = {".ttl": "turtle", ".rdf": "xml", ".owl": "xml", ".xml": "xml", ".nt": "nt", ".jsonld": "json-ld"}
_VERSION = re.compile(r"^v?(\d+)\.\d+(?:\.\d+)?$")
_PROFILE_MAJOR = {DcatProfile.v3: "3", DcatProfile.v2: "2"}
_SH = "http://www.w3.org/ns/shacl#"
_PREFIXES = {
    "http://www.w3.org/ns/dcat#": "dcat:",
    "http://purl.org/dc/terms/": "dct:",
    "http://dcat-ap.de/def/dcatde/": "dcatde:",
    "http://xmlns.com/foaf/0.1/": "foaf:",
    "http://www.w3.org/2006/vcard/ns#": "vcard:",
}


@dataclass(frozen=True)
class ShapeFinding:
    """One result of the SHACL report: severity (Violation, Warning, Info), the node, the property, the message."""

    severity: str
    focus: str
    path: str
    message: str
    value: str

    def __str__(self) -> str:
        value = f" (Wert: {self.value})" if self.value else ""
        return f"{self.focus} {self.path}: {self.message}{value}".replace("  ", " ")


def _pyshacl() -> Any:
    try:
        import pyshacl
    except ImportError:
        raise UserError(
            "Für --shapes wird pyshacl gebraucht; bitte installieren: pip install 'slp-agreements[shacl]'"
        ) from None
    return pyshacl


def profile_files(folder: Path, profile: DcatProfile) -> list[Path]:
    """The RDF files of the folder that belong to the profile (version folders of another profile left out)."""
    if not folder.is_dir():
        raise UserError("Ordner mit den SHACL-Shapes nicht gefunden; bitte den Pfad prüfen.", file=folder)
    files = []
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in _FORMATS or not path.is_file():
            continue
        versions = [m[1] for part in path.relative_to(folder).parts[:-1] if (m := _VERSION.match(part))]
        if all(v == _PROFILE_MAJOR[profile] for v in versions):
            files.append(path)
    return files


def _short(node: Any) -> str:
    text = "" if node is None else str(node)
    for base, prefix in _PREFIXES.items():
        text = text.replace(base, prefix)
    return text


@functools.lru_cache(maxsize=4)
def _graphs(folder: str, profile: DcatProfile) -> tuple[Any, Any]:
    """(shapes graph, vocabulary graph) of a folder, parsed once per process."""
    _pyshacl()
    from rdflib import Graph, URIRef

    shapes, vocab = Graph(), Graph()
    for path in profile_files(Path(folder), profile):
        g = Graph()
        try:
            g.parse(path, format=_FORMATS[path.suffix.lower()])
        except Exception as exc:  # rdflib raises many types for a broken file
            raise UserError(f"RDF-Datei kann nicht gelesen werden ({type(exc).__name__}: {exc})", file=path) from None
        declares_shapes = any(str(p).startswith(_SH) for p in set(g.predicates()))
        if declares_shapes:
            shapes += g
        else:
            vocab += g
    if not any(True for _ in shapes.subjects(None, URIRef(_SH + "NodeShape"))):
        raise UserError(
            f"Der Ordner enthält keine SHACL-Shapes für das Profil {profile.value} (Dateien mit sh:NodeShape).",
            file=folder,
        )
    return shapes, vocab


def validate(record: dict[str, Any], folder: Path, profile: DcatProfile) -> list[ShapeFinding]:
    """Every result of validating the record against the folder's shapes, violations first."""
    pyshacl = _pyshacl()
    from rdflib import Graph
    from rdflib.namespace import RDF, SH

    shapes, vocab = _graphs(str(folder.resolve()), profile)
    data = Graph()
    data += vocab
    data.parse(data=json.dumps(record), format="json-ld")
    _, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", abort_on_first=False, allow_warnings=True, advanced=True,
        do_owl_imports=False,
    )  # fmt: skip
    # Only the report's own results: pyshacl also writes the nested results of sh:node and sh:or (sh:detail), with
    # the inner shape's default severity, which would count as violations that the validator does not report.
    results = [r for rep in report.subjects(RDF.type, SH.ValidationReport) for r in report.objects(rep, SH.result)]
    found = set()
    for r in results:
        messages = list(report.objects(r, SH.resultMessage))
        german = [m for m in messages if getattr(m, "language", None) == "de"]
        found.add(
            ShapeFinding(
                _short(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
                _short(report.value(r, SH.focusNode)),
                _short(report.value(r, SH.resultPath)),
                str((german or messages or [""])[0]),
                _short(report.value(r, SH.value)),
            )
        )
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    return sorted(found, key=lambda f: (order.get(f.severity, 3), f.focus, f.path, f.message))
