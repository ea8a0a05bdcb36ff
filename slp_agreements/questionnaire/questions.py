"""The questions as data (questions.yaml): what is asked, in which order, when, and how it is worded (de, en)."""

from __future__ import annotations

from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from slp_agreements.files.yamlfile import load_yaml

QUESTIONS_FILE = Path(__file__).resolve().parent / "questions.yaml"


class Kind(str, Enum):
    """How a question is asked and how the typed text becomes a value."""

    text = "text"
    list = "list"
    yesno = "yesno"
    choice = "choice"
    multi = "multi"
    date = "date"
    number = "number"
    amount = "amount"
    ags = "ags"
    email = "email"
    party = "party"
    address = "address"
    person = "person"
    contact = "contact"
    section = "section"
    present = "present"
    group = "group"


class Words(BaseModel):
    """A text in German and English."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    de: str
    en: str

    def get(self, lang: str) -> str:
        """The text in ``lang``."""
        return self.en if lang == "en" else self.de


class Choice(BaseModel):
    """One option of a choice; without ``value`` the label itself is stored (texts such as data categories)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    value: str | None = None
    de: str
    en: str

    def label(self, lang: str) -> str:
        """The label in ``lang``."""
        return self.en if lang == "en" else self.de

    def stored(self, lang: str) -> str:
        """The value written to the answers file."""
        return self.value if self.value is not None else self.label(lang)


class Question(BaseModel):
    """One question of questions.yaml, tied to a field of the answers model by its path."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    path: str
    type: Kind
    label: Words | None = None
    prompt: Words | None = None
    help: Words | None = None
    hint: Words | None = None
    default: Any = None
    when: str | None = None
    ask_if_used: bool = False
    choices: list[Choice] = Field(default_factory=list)
    other: bool = False
    min: int = 0
    item: Words | None = None
    more: Words | None = None
    questions: list[Question] = Field(default_factory=list)

    @property
    def parts(self) -> tuple[str, ...]:
        """The path as a tuple of field names."""
        return tuple(self.path.split("."))


class QuestionFile(BaseModel):
    """The whole questions.yaml."""

    model_config = ConfigDict(extra="forbid")
    questions: list[Question]


@cache
def load_questions(path: Path = QUESTIONS_FILE) -> tuple[Question, ...]:
    """All questions in asking order."""
    raw, _ = load_yaml(path, "Fragendatei")
    return tuple(QuestionFile.model_validate(raw).questions)
