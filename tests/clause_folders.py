"""Small clause folders written inline for tests: a tiny built-in library and helpers to add overlay files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from slp_agreements import resources

REQUIREMENTS = """\
id: demo-set
title: {de: Pflichtinhalte, en: Mandatory content}
norm: "§ 57 VwVfG"
source: "Test"
when: "binding"
elements:
  - id: demo.written_form
    de: Schriftform
    en: Written form
  - id: demo.subject
    de: Gegenstand
    en: Subject
"""

SUBJECT = """\
id: base.subject
version: 1
part: body
order: 100
when: "binding"
title: {de: Gegenstand, en: Subject}
text:
  de: |
    Gegenstand ist das Vorhaben „{{ agreement.project }}“. Näheres regelt {{ ref('base.form') }}.
  en: |
    The subject is the project “{{ agreement.project }}”. See {{ ref('base.form') }}.
notes: {de: "Der § nennt das Vorhaben.", en: "The section names the project."}
covers: [demo.subject]
"""

FORM = """\
id: base.form
version: 2
part: body
order: 900
title: {de: Schriftform, en: Written form}
text:
  de: Änderungen bedürfen der Schriftform (mitgeliefert).
  en: Amendments require written form (built-in).
notes: {de: "Änderungen nur schriftlich.", en: "Amendments only in writing."}
covers: [demo.written_form]
"""

PRESS = """\
id: base.press
version: 1
part: body
order: 500
title: {de: Öffentlichkeitsarbeit, en: Public relations}
text:
  de: Die Parteien stimmen ihre Pressearbeit ab (mitgeliefert).
  en: The Parties coordinate their press work (built-in).
notes: {de: "Pressearbeit wird abgestimmt.", en: "Press work is coordinated."}
"""

PARTIES = """\
id: base.parties
version: 1
part: annex
order: 10
title: {de: Parteien, en: Parties}
table: parties
"""


def write(folder: Path, name: str, text: str) -> Path:
    """Write one YAML file (dedented) into ``folder`` and return its path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def mini_builtin(base: Path) -> Path:
    """A built-in library of four clauses and one requirement set (two elements)."""
    folder = base / "builtin"
    write(folder, "requirements/demo-set.yaml", REQUIREMENTS)
    write(folder, "base/subject.yaml", SUBJECT)
    write(folder, "base/form.yaml", FORM)
    write(folder, "base/press.yaml", PRESS)
    write(folder, "base/parties.yaml", PARTIES)
    return folder


@pytest.fixture
def builtin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tiny library in place of the shipped one, for the whole test (CLI and build included)."""
    folder = mini_builtin(tmp_path)
    monkeypatch.setattr(resources, "clauses_dir", lambda: folder)
    return folder
