"""The library covers every situation the answers can describe: a matrix over the main options builds cleanly."""

from __future__ import annotations

import copy
import functools
import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml

from slp_agreements.build.assemble import assemble
from slp_agreements.library.clauses import ClauseLibrary
from slp_agreements.library.loading import load_library
from slp_agreements.model.validation import validate
from tests.conftest import EXAMPLES

BASE = yaml.safe_load(next(e for e in EXAMPLES if e.stem == "niedersachsen-webgis").read_text(encoding="utf-8"))

# Instrument and transfer in Niedersachsen; the Land axis is tests/test_land_matrix.py.
FORMS = [
    ("agreement", "delegation"),
    ("agreement", "mandate"),
    ("public_law_contract", "none"),
    ("letter_of_intent", None),
]
ROLES = [None, "separate", "joint", "processing", "combined"]  # None: no personal data
WEB_APP = [True, False]
KINDS = ["cooperation", "data_sharing", "both"]


@functools.cache
def _library() -> ClauseLibrary:
    return load_library()


def variant(instrument: str, transfer: str | None, role: str | None, web_app: bool, kind: str) -> dict[str, Any]:
    """The Niedersachsen example changed to one combination of options."""
    data = copy.deepcopy(BASE)
    data["agreement"]["instrument"] = instrument
    if transfer is None:
        data["agreement"].pop("task_transfer")
        data.pop("task")
    else:
        data["agreement"]["task_transfer"] = transfer
        if transfer == "none":
            data.pop("task")
    data["agreement"]["kind"] = kind
    data["data"].pop("processor", None)
    if role is None:
        data["data"]["personal_data"] = False
        data["data"].pop("roles")
    else:
        data["data"]["roles"] = role
        if role == "joint":
            data["data"]["contact_point"] = "lk-heideland"
        if role in ("processing", "combined"):
            data["data"]["processor"] = "lk-heideland"
        if role == "combined":
            data["data"]["contact_point"] = "heidewinkel"
    if kind == "cooperation":
        data.pop("data")
    if not web_app:
        data.pop("web_app")
    return data


CASES = sorted(
    {
        (i, t, r, w, k)
        for (i, t), r, w, k in itertools.product(FORMS, ROLES, WEB_APP, KINDS)
        if not (k == "cooperation" and r is not None)
    },
    key=str,
)


@pytest.mark.parametrize(("instrument", "transfer", "role", "web_app", "kind"), CASES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_variant_assembles_without_gaps(instrument, transfer, role, web_app, kind, lang) -> None:
    answers = validate(variant(instrument, transfer, role, web_app, kind), Path("matrix.yaml"))
    doc = assemble(answers, _library(), lang)
    assert doc.sections
    texts = [p.text for s in doc.sections for p in s.paragraphs] + [
        i.text for s in doc.sections for p in s.paragraphs for i in p.items
    ]
    joined = "\n".join(texts)
    for leftover in ("{{", "{%", "None", "  "):
        assert leftover not in joined
    assert doc.checklist
    titles = [s.title for s in doc.sections]
    assert len(titles) == len(set(titles)), f"repeated section titles: {titles}"
    if instrument == "letter_of_intent":
        assert not any("Haftung" in t or "Liability" in t for t in titles)
