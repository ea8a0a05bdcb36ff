"""The folder of the web interview: one answers file per agreement, found by a name the folder itself gives.

No request names a path: a browser sends only an agreement's name (letters, digits, '-'), which must be the name of
an answers file that is in the folder (or a new one made from a title); the documents have fixed names beside it.
Every step reads the file and writes it back, so a reload, a closed tab or a restarted server loses nothing, and
`slp-agreements new --resume` continues a web interview (and the other way round).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from slp_agreements.errors import UserError
from slp_agreements.files.atomic import write_atomic
from slp_agreements.model.answers import SCHEMA_VERSION
from slp_agreements.model.labels import FILE_NAMES
from slp_agreements.model.names import slug
from slp_agreements.questionnaire.engine import Library
from slp_agreements.questionnaire.interview import Interview
from slp_agreements.questionnaire.progress import read_partial, save_partial
from slp_agreements.questionnaire.run import library_for

_STATE_LINE = re.compile(r"^# fragebogen-stand: ", re.M)
NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
# What the result page offers for download, by the word in its address: (file name ending, media type).
DOWNLOADS = {
    "vertrag": ("contract", ".docx"),
    "checkliste": ("checklist", ".docx"),
    "vertrag-pdf": ("contract", ".pdf"),
    "checkliste-pdf": ("checklist", ".pdf"),
}


@dataclass(frozen=True)
class Entry:
    """One agreement in the folder: its name, its project (if answered) and whether documents exist."""

    name: str
    project: str
    built: bool


class Folder:
    """The agreements of one folder."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._libraries: dict[tuple[str, ...], Library] = {}

    def file(self, name: str) -> Path:
        """The answers file of an agreement; a name that is not one of the folder's is an error (404)."""
        if not NAME.fullmatch(name):
            raise KeyError(name)
        path = self.root / f"{name}.yaml"
        if not path.is_file() or path.resolve().parent != self.root:
            raise KeyError(name)
        return path

    def entries(self) -> list[Entry]:
        """The answers files in the folder, newest first."""
        out = []
        files = sorted(self.root.glob("*.yaml"), key=lambda p: p.stat().st_mtime, reverse=True)
        for path in files:
            if not NAME.fullmatch(path.stem):
                continue
            try:
                raw = read_partial(path).raw
            except UserError:
                continue
            if "schema_version" not in raw:
                continue
            agreement = raw.get("agreement")
            project = agreement.get("project") if isinstance(agreement, dict) else None
            out.append(Entry(path.stem, str(project or ""), self.document(path.stem, "vertrag") is not None))
        return out

    def create(self, title: str, lang: str) -> str:
        """A new answers file named after ``title`` (made unique); its name."""
        taken = {p.stem for p in self.root.glob("*.yaml")}
        base = slug(title or "vereinbarung", set())[:60].strip("-") or "vereinbarung"
        name, n = base, 2
        while name in taken:
            name, n = f"{base}-{n}", n + 1
        raw = {"schema_version": SCHEMA_VERSION}  # the language of the documents is the first question
        save_partial(self.root / f"{name}.yaml", raw, {"fertig": [], "sprache": lang}, {})
        return name

    def interview(self, name: str) -> Interview:
        """The interview over an agreement's answers file, as the file has it now."""
        path = self.file(name)
        saved = read_partial(path)
        raw = saved.raw
        lang = saved.lang or str(raw.get("language") or "de")[:2]
        lang = lang if lang in ("de", "en") else "de"
        folders = tuple(str(d) for d in raw.get("library") or [])
        if folders not in self._libraries:  # loading the clause library takes most of a page's time: once per set
            self._libraries[folders] = library_for(raw, path)
        iv = Interview(
            raw=raw,
            lang=lang,
            library=self._libraries[folders],
            base=path.parent,
            done=saved.done,
            dropped=saved.dropped,
            last=saved.last,
            english=saved.english,
        )
        if not _STATE_LINE.search(path.read_text(encoding="utf-8")[:2000]):
            # A finished file (or one written by hand), as `new --from` takes it: every group as it is.
            iv.done = {s.question.path for s in iv.steps() if s.kind in ("count", "more")}
            iv.as_is = True
        return iv

    def save(self, name: str, iv: Interview) -> None:
        """Write the interview's answers back, atomically."""
        save_partial(self.file(name), iv.file_data(), iv.state(), iv.dropped)

    def document(self, name: str, what: str) -> Path | None:
        """A built document of the agreement (``what``: a key of DOWNLOADS), if it exists."""
        kind, suffix = DOWNLOADS[what]
        path = self.file(name)
        for lang in ("de", "en"):
            found = self.root / f"{name}-{FILE_NAMES[lang][kind]}{suffix}"
            if found.is_file() and found.stat().st_mtime >= path.stat().st_mtime - 1:
                return found
        return None

    def upload(self, name: str, filename: str, data: bytes) -> str:
        """An uploaded table saved beside the answers file under a name of the folder's choosing; that name."""
        suffix = Path(filename).suffix.lower()
        if suffix not in (".csv", ".xlsx"):
            raise UserError("nur Tabellen als .csv oder .xlsx")
        target = self.root / f"{name}-indikatoren{suffix}"
        write_atomic(target, data)  # a refused write is a UserError the page shows
        return target.name
