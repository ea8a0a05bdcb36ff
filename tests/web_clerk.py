"""A simulated clerk for the web interview: what to enter on each page, from an answers file (the situation).

The page names its screen in the hidden field ``s``; the clerk reads the answers file the server saved, asks the
engine which fields that screen has and types the situation's answers (tests/interviewer.py's Clerk), leaving
what the page already suggests where it fits, as a person would.
"""

from __future__ import annotations

import copy
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from slp_agreements.questionnaire.questions import Kind
from slp_agreements.web.store import Folder
from tests.interviewer import Clerk


class FormReader(HTMLParser):
    """The inputs of a page's forms as a browser would send them (text values, checked boxes and radios)."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Collect one input."""
        a = {k: v or "" for k, v in attrs}
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox") and "checked" not in a:
                self.values.setdefault(a["name"], [])
                return
            if kind == "file":
                return
            self.values.setdefault(a["name"], []).append(a.get("value", ""))
        elif tag == "textarea":
            self._textarea = a.get("name")
            self.values.setdefault(a.get("name", ""), []).append("")

    def handle_data(self, data: str) -> None:
        """Text of a textarea."""
        if self._textarea:
            self.values[self._textarea][-1] += data

    def handle_endtag(self, tag: str) -> None:
        """End of a textarea."""
        if tag == "textarea":
            self._textarea = None


def page_form(html: str) -> dict[str, list[str]]:
    """The values a browser would send for the page's question form."""
    reader = FormReader()
    reader.feed(html)
    return reader.values


_FOLDERS: dict[Path, Folder] = {}


def entries(folder: Path, name: str, screen_key: str, situation: dict[str, Any]) -> dict[str, str | list[str]]:
    """What the clerk enters on the page of ``screen_key``: by field, a text, or the option numbers to tick.
    An empty text keeps what the page suggests."""
    if folder not in _FOLDERS:  # one Folder per folder: its clause library is loaded once, as the server does
        _FOLDERS[folder] = Folder(folder)
    iv = _FOLDERS[folder].interview(name)
    screen = iv.screen_for(screen_key)
    assert screen is not None, screen_key
    clerk = Clerk(situation)
    trial = copy.deepcopy(iv.raw)
    out: dict[str, str | list[str]] = {}
    done: set[str] = set()
    while True:
        pending = [s for s in iv.fields(screen, trial) if s.key not in done]
        if not pending:
            return out
        step = pending[0]
        text = clerk.text_for(iv, step, trial)
        done.add(step.key)
        read = iv.read(step, text, trial)
        assert read.problem is None, f"{step.key}: {text!r} → {read.problem}"
        iv.store(trial, step, read.value)
        if step.kind == "ask" and step.question.type is Kind.multi and text:
            values = [v for _, v in iv.options(step, trial)]
            out[step.key] = [str(values.index(v) + 1) for v in read.value if v in values]
            out[f"{step.key}.other"] = "; ".join(str(v) for v in read.value if v not in values)
        else:
            out[step.key] = text
