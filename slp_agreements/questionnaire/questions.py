"""The questions as data (questions.yaml): what is asked, in which section and order, when, and how it is worded."""

from __future__ import annotations

from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from slp_agreements.files.yamlfile import load_yaml

QUESTIONS_FILE = Path(__file__).resolve().parent / "questions.yaml"


@cache
def _parts(path: str) -> tuple[str, ...]:
    return tuple(path.split("."))


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
    file = "file"
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
    when: str | None = None
    field: str | None = None  # the value is stored in this field instead (the question's own field stays empty)

    def label(self, lang: str) -> str:
        """The label in ``lang``."""
        return self.en if lang == "en" else self.de

    def stored(self, lang: str) -> str:
        """The value written to the answers file."""
        return self.value if self.value is not None else self.label(lang)


class Section(BaseModel):
    """A part of the questionnaire with its own heading (and its own page in the web interview)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    de: str
    en: str

    def title(self, lang: str) -> str:
        """The heading in ``lang``."""
        return self.en if lang == "en" else self.de


NO_SECTION = Section(id="rahmen", de="Rahmen", en="Framework")


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
    default_from: str | None = None
    when: str | None = None
    ask: Literal["interview", "review"] = "interview"
    interview_when: str | None = None  # a review-only detail that is asked in the interview when this holds
    typical: Any = None  # the answer assumed for the progress estimate while the question is not answered
    choices_from: str | None = None  # options computed from the answers (see questionnaire/derive.py)
    ask_if_used: bool = False
    form: str | None = None
    choices: list[Choice] = Field(default_factory=list)
    other: bool = False
    min: int = 0
    item: Words | None = None
    count: Words | None = None
    more: Words | None = None
    questions: list[Question] = Field(default_factory=list)
    section: Section = NO_SECTION

    @property
    def parts(self) -> tuple[str, ...]:
        """The path as a tuple of field names."""
        return _parts(self.path)


class SectionMark(BaseModel):
    """``- section: {id, de, en}`` in the list: the questions after it belong to that section."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    section: Section


class QuestionFile(BaseModel):
    """The whole questions.yaml."""

    model_config = ConfigDict(extra="forbid")
    questions: list[SectionMark | Question]


@cache
def load_questions(path: Path = QUESTIONS_FILE) -> tuple[Question, ...]:
    """All questions in asking order, each with the section it belongs to."""
    raw, _ = load_yaml(path, "Fragendatei")
    out: list[Question] = []
    section = NO_SECTION
    for entry in QuestionFile.model_validate(raw).questions:
        if isinstance(entry, SectionMark):
            section = entry.section
        else:
            subs = [q.model_copy(update={"section": section}) for q in entry.questions]
            out.append(entry.model_copy(update={"section": section, "questions": subs}))
    return tuple(out)


@cache
def sections(path: Path = QUESTIONS_FILE) -> tuple[Section, ...]:
    """The sections in order."""
    return tuple(dict.fromkeys(q.section for q in load_questions(path)))
