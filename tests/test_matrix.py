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
from slp_agreements.model.vocabulary import LAND_CODES, Land
from tests.conftest import EXAMPLES

BASE = yaml.safe_load(next(e for e in EXAMPLES if e.stem == "niedersachsen-webgis").read_text(encoding="utf-8"))

LEGAL_FORMS = ["public_law_contract", "municipal_agreement", "letter_of_intent"]
ROLES = [None, "separate", "joint", "processing"]  # None: no personal data
WEB_APP = [True, False]
LANDS = [land.value for land in Land]
KINDS = ["cooperation", "data_sharing", "both"]


@functools.cache
def _library() -> ClauseLibrary:
    return load_library()


def variant(legal_form: str, role: str | None, web_app: bool, land: str, kind: str) -> dict[str, Any]:
    """The Niedersachsen example changed to one combination of options."""
    data = copy.deepcopy(BASE)
    data["agreement"]["legal_form"] = legal_form
    data["agreement"]["kind"] = kind
    data["land"] = land
    for party in data["parties"]:
        party["ags"] = LAND_CODES[Land(land)] + party["ags"][2:]
    if role is None:
        data["data"]["personal_data"] = False
        data["data"].pop("roles")
        data["data"].pop("processor")
    else:
        data["data"]["roles"] = role
        data["data"]["contact_point"] = "lk-heideland" if role == "joint" else None
        if role != "processing":
            data["data"].pop("processor")
        data["data"] = {k: v for k, v in data["data"].items() if v is not None}
    if kind == "cooperation":
        data.pop("data")
    if not web_app:
        data.pop("web_app")
    return data


# Every legal form × role × web app × kind in one Land, and every Land in two typical combinations.
CASES = [(lf, r, w, "NI", k) for lf, r, w, k in itertools.product(LEGAL_FORMS, ROLES, WEB_APP, KINDS)]
CASES += [(lf, "processing", True, land, "both") for land in LANDS for lf in ("municipal_agreement",)]
CASES += [(lf, None, False, land, "cooperation") for land in LANDS for lf in ("letter_of_intent",)]
CASES = sorted({c for c in CASES if not (c[4] == "cooperation" and c[1] is not None)}, key=str)


@pytest.mark.parametrize(("legal_form", "role", "web_app", "land", "kind"), CASES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_variant_assembles_without_gaps(legal_form, role, web_app, land, kind, lang) -> None:
    answers = validate(variant(legal_form, role, web_app, land, kind), Path("matrix.yaml"))
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
    if legal_form == "letter_of_intent":
        assert not any("Haftung" in t or "Liability" in t for t in titles)
