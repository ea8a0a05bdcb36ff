"""Checking answers: the models' rules and the rules across fields, every problem named by field and line."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from slp_agreements.errors import Problem, UserError
from slp_agreements.model.answers import Answers
from slp_agreements.model.fields import clean_text
from slp_agreements.model.messages import error_message
from slp_agreements.model.migration import FactsFor, migrate
from slp_agreements.model.paths import FieldPath, line_of, where
from slp_agreements.model.rules import cross_field_problems
from slp_agreements.model.translations import split


def _location(loc: tuple[Any, ...]) -> FieldPath:
    """A pydantic error location without the names of validator functions pydantic inserts."""
    return tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))


def _raise(found: Mapping[FieldPath, str], file: Path | str, lines: Mapping[FieldPath, int] | None) -> None:
    problems = []
    for path, msg in found.items():
        line = line_of(lines or {}, path)
        problems.append(Problem(where(path) + (f" (Zeile {line})" if line else ""), msg))
    n = len(problems)
    raise UserError(
        f"{n} Problem{'e' if n > 1 else ''} in der Antwortdatei; bitte korrigieren und erneut starten:",
        file=file,
        problems=problems,
    )


def validate(
    raw: Any,
    file: Path | str = "<answers>",
    lines: Mapping[FieldPath, int] | None = None,
    facts_for: FactsFor | None = None,
) -> Answers:
    """Validate raw answers (an older schema version migrated first, with ``facts_for`` the Land facts it needs).

    Raise one UserError listing every problem with field path and line; the migration's notes are on the result.
    """
    if not isinstance(raw, dict):
        shapes = {list: "eine Liste", str: "ein einzelner Text", bool: "ja/nein", int: "eine Zahl", float: "eine Zahl"}
        shape = shapes.get(type(raw), f"'{type(raw).__name__}'")
        raise UserError(
            f"Die Antwortdatei muss aus Schlüsseln bestehen (land:, agreement:, …), nicht {shape}.", file=file
        )
    migrated = migrate(raw, facts_for)
    if migrated.problems:
        _raise(dict(migrated.problems), file, lines)
    raw, texts = split(migrated.data, lines)
    found: dict[FieldPath, str] = {}
    model: Answers | None = None
    try:
        model = Answers.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors():
            found.setdefault(_location(err["loc"]), error_message(err, Answers))
    for path, msg in cross_field_problems(raw, malformed=bool(found)):
        found.setdefault(path, msg)
    if found:
        _raise(found, file, lines)
    assert model is not None
    return model.with_notes(migrated.notes).with_texts(texts)


def _unwrap(ann: Any) -> Any:
    """The type inside Annotated[…] and ``X | None``; lists stay lists."""
    while True:
        if get_origin(ann) is Annotated:
            ann = get_args(ann)[0]
        elif get_origin(ann) in (list, tuple):
            return ann
        else:
            args = [a for a in get_args(ann) if a is not type(None)]
            if len(args) == 1 and type(None) in get_args(ann):
                ann = args[0]
            else:
                return ann


def annotation_at(path: FieldPath) -> Any:
    """The type annotation (with its constraints) of the field at ``path``, e.g. ('parties', 0, 'ags')."""
    ann: Any = Answers
    for part in path:
        inner = _unwrap(ann)
        if isinstance(part, int):
            ann = get_args(inner)[0]
            continue
        if not (isinstance(inner, type) and issubclass(inner, BaseModel)) or part not in inner.model_fields:
            raise KeyError(path)
        info = inner.model_fields[part]
        ann = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    return ann


@cache
def _adapter(general: tuple[str, ...]) -> TypeAdapter[Any]:
    """The validator of one field (the same for every item of a list: building one takes milliseconds)."""
    return TypeAdapter(annotation_at(tuple(0 if p == "*" else p for p in general)))


def field_problems(path: FieldPath, value: Any) -> list[tuple[str, str]]:
    """Problems of one value for the field at ``path`` as (sub-field, message), worded as for the answers file."""
    if isinstance(value, str):
        try:
            value = clean_text(value)
        except ValueError as exc:
            return [("", str(exc))]
    try:
        _adapter(tuple("*" if isinstance(p, int) else p for p in path)).validate_python(value)
    except ValidationError as exc:
        out = []
        for err in exc.errors():
            loc = (*path, *_location(err["loc"]))
            out.append((where(loc[len(path) :]), error_message({**err, "loc": loc}, Answers)))
        return out
    return []
