"""The one error type for everything a user can cause (bad answers, clauses, templates, paths)."""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass, field
from pathlib import Path

MAX_LISTED = 20  # a file with 10,000 broken entries must not print 10,000 lines
ECHO_LIMIT = 80  # a value a message repeats from the user's file: enough to recognise it, never a screenful
# a value in '…': opened after a blank or bracket, closed before a blank or punctuation, no blank inside its ends
_QUOTED = re.compile(r"(?<![\w'])'(?=\S)([^'\n]{" + str(ECHO_LIMIT + 1) + r",}?)(?<=\S)'(?![\w'])")
_LONG_WORD = re.compile(r"[^\s'/\\]{" + str(ECHO_LIMIT * 2) + r",}")


def cut_values(text: str) -> str:
    """The text with every quoted value (and any unbroken run of characters) cut to about ECHO_LIMIT characters."""
    text = _QUOTED.sub(lambda m: f"'{m.group(1)[: ECHO_LIMIT - 1]}…'", text)
    return _LONG_WORD.sub(lambda m: m.group()[: ECHO_LIMIT - 1] + "…", text)


@dataclass(frozen=True)
class Problem:
    """One problem in a user's file: where it is and what to do about it."""

    where: str
    message: str

    def __str__(self) -> str:
        where, message = cut_values(self.where), cut_values(self.message)
        return f"{where}: {message}" if where else message


@dataclass
class UserError(Exception):
    """Something the user can fix; the CLI prints it without a traceback and exits with code 1."""

    message: str
    file: Path | str | None = None
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        head = f"{self.file}: {cut_values(self.message)}" if self.file else cut_values(self.message)
        if not self.problems:
            return head
        lines = [head]
        lines += [f"  - {p}" for p in self.problems[:MAX_LISTED]]
        if len(self.problems) > MAX_LISTED:
            lines.append(f"  … und {len(self.problems) - MAX_LISTED} weitere")
        return "\n".join(lines)


_OS_ERRORS = {
    errno.EACCES: "keine Schreibrechte für diesen Ordner; bitte einen anderen wählen",
    errno.EPERM: "keine Schreibrechte für diesen Ordner; bitte einen anderen wählen",
    errno.EROFS: "das Laufwerk ist schreibgeschützt; bitte einen anderen Ordner wählen",
    errno.ENOSPC: "kein Speicherplatz mehr auf dem Laufwerk; bitte Platz schaffen oder einen anderen Ordner wählen",
    getattr(errno, "EDQUOT", -1): "der Speicherplatz (Quota) ist erschöpft; bitte Platz schaffen",
    errno.ENOTDIR: "ein Teil des Pfads ist eine Datei, kein Ordner; bitte einen anderen Ordner wählen",
    errno.EEXIST: "ein Teil des Pfads ist eine Datei, kein Ordner; bitte einen anderen Ordner wählen",
    errno.ENAMETOOLONG: "der Pfad oder Dateiname ist zu lang; bitte einen kürzeren wählen",
    errno.EISDIR: "an der Stelle einer Ausgabedatei liegt ein Ordner; bitte ihn umbenennen",
    errno.ENOENT: "den Ordner gibt es nicht; bitte ihn anlegen oder einen anderen wählen",
    errno.EBUSY: "die Datei ist gerade in einem anderen Programm geöffnet; bitte es schließen und erneut starten",
    getattr(
        errno, "ETXTBSY", -2
    ): "die Datei ist gerade in einem anderen Programm geöffnet; bitte es schließen und erneut starten",
    errno.EIO: "Lese- oder Schreibfehler des Laufwerks; bitte das Laufwerk prüfen oder einen anderen Ordner wählen",
    errno.EINVAL: "der Name ist auf diesem Laufwerk nicht erlaubt; bitte einen anderen wählen",
    getattr(errno, "ELOOP", -3): "der Pfad enthält zu viele Verknüpfungen; bitte einen anderen Ordner wählen",
    errno.EMFILE: "zu viele Dateien sind geöffnet; bitte andere Programme schließen und erneut starten",
    errno.EXDEV: "Ordner liegen auf verschiedenen Laufwerken; bitte einen Ordner auf demselben Laufwerk wählen",
}


def os_message(exc: OSError) -> str:
    """What an operating-system error when writing means for the user, in German (never the system's English)."""
    return _OS_ERRORS.get(
        exc.errno or 0, f"Fehler des Betriebssystems (Nummer {exc.errno}); bitte einen anderen Ordner wählen"
    )
