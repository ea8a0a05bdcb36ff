"""Field types and the strict base model shared by the answers and the indicator models."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints, field_validator

# Characters that XML 1.0 (and so Word) cannot hold; tabs and line breaks are allowed.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

PARTY_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,39}$"
PARTY_ID_LENGTH = 40

_LINE_BREAKS = re.compile(r"\s*[\r\n\x85\u2028\u2029]+\s*")


def one_line(value: Any) -> Any:
    """A one-line text with its line breaks as spaces (an Excel cell with Alt+Enter in a party name must not start
    a new paragraph or list item inside a §)."""
    return _LINE_BREAKS.sub(" ", value) if isinstance(value, str) else value


Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=300), AfterValidator(one_line)]
PartyId = Annotated[str, StringConstraints(pattern=PARTY_ID_PATTERN)]


# Also the controls XML allows but no one types: DEL and C1 (a terminal reads some of them as escape sequences).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def first_control(value: str) -> int | None:
    """Where the first control character of a text is (tabs and line breaks are text), or None."""
    m = _CONTROL.search(value)
    return m.start() if m else None


def clean_text(value: str) -> str:
    """The text without surrounding blanks; a ValueError for characters Word cannot show."""
    if _INVALID_XML.search(value):
        raise ValueError("enthält ein Steuerzeichen, das Word nicht darstellen kann; bitte den Text neu eintippen")
    return value.strip()


class StrictModel(BaseModel):
    """Unknown keys are errors, texts are stripped and must not hold control characters."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_control_chars(cls, value: Any) -> Any:
        if isinstance(value, str):
            return clean_text(value)
        return value


def inner_model(annotation: Any, *, lists: bool = True) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as ``Data | None`` or ``list[Party]`` (not in lists if told)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = getattr(annotation, "__origin__", None)
    if origin is list and not lists:
        return None
    for arg in getattr(annotation, "__args__", ()) or ():
        found = inner_model(arg, lists=lists)
        if found is not None:
            return found
    if origin is not None:
        return inner_model(origin, lists=lists)
    return None
