"""What happens to the task: said in the answers, named where it passes, its carrier one of the Beteiligten."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from slp_agreements.errors import UserError
from slp_agreements.model.rules import cross_field_warnings
from slp_agreements.model.validation import validate
from tests.conftest import EXAMPLES

NI = yaml.safe_load(next(e for e in EXAMPLES if e.stem == "niedersachsen-webgis").read_text(encoding="utf-8"))


def _problems(data: dict[str, Any]) -> str:
    with pytest.raises(UserError) as exc:
        validate(data, Path("antworten.yaml"))
    return str(exc.value)


def _ni(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(NI)
    for path, value in changes.items():
        *parents, key = path.split("__")
        target = data
        for p in parents:
            target = target.setdefault(p, {})
        if value is None:
            target.pop(key, None)
        else:
            target[key] = value
    return data


def test_a_binding_agreement_says_what_happens_to_the_task() -> None:
    err = _problems(_ni(agreement__task_transfer=None))
    assert "agreement.task_transfer" in err and "delegation" in err and "mandate" in err and "none" in err


def test_a_letter_of_intent_may_leave_it_open() -> None:
    data = _ni(agreement__task_transfer=None, agreement__instrument="letter_of_intent", task=None)
    assert validate(data).binding is False


@pytest.mark.parametrize("transfer", ["delegation", "mandate", "joint"])
def test_a_transferred_or_joint_task_is_named(transfer) -> None:
    err = _problems(_ni(agreement__task_transfer=transfer, task=None))
    assert "task (Zeile" in err or "task:" in err


def test_no_task_section_without_a_transfer() -> None:
    err = _problems(_ni(agreement__task_transfer="none"))
    assert "task" in err and "task_transfer" in err


def test_the_carrier_is_one_of_the_beteiligten() -> None:
    err = _problems(_ni(task__carrier="rechenzentrum"))
    assert "task.carrier" in err and "kein Beteiligter" in err and "lk-heideland" in err


def test_a_delegation_names_its_carrier() -> None:
    err = _problems(_ni(agreement__task_transfer="delegation", task__carrier=None))
    assert "task.carrier" in err and "übernimmt" in err


def test_joint_performance_has_no_single_carrier() -> None:
    err = _problems(_ni(agreement__task_transfer="joint"))
    assert "task.carrier" in err and "gemeinschaftlich" in err


def test_the_carrier_does_not_transfer_to_itself() -> None:
    err = _problems(_ni(task__from=["lk-heideland", "kiefernau"]))
    assert "task.from[0]" in err and "übernimmt die Aufgabe selbst" in err


def test_a_transfer_before_the_start_is_a_warning_not_an_error() -> None:
    data = _ni(task__date="2026-06-01")
    validate(data)
    assert any(path == ("task", "date") for path, _ in cross_field_warnings(data))


def test_a_delegating_carrier_is_no_processor_of_the_others() -> None:
    data = _ni(agreement__task_transfer="delegation", data__roles="processing", data__processor="lk-heideland")
    validate(data)
    found = dict(cross_field_warnings(data))
    assert "Art. 4 Nr. 7 DSGVO" in found[("data", "roles")]


def test_task_from_is_written_back_as_from() -> None:
    from slp_agreements.files.answers_file import to_yaml

    answers = validate(_ni(task__from=["kiefernau"]))
    assert "from:\n  - kiefernau" in to_yaml(answers) or "from:\n    - kiefernau" in to_yaml(answers)
