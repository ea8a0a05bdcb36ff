#!/usr/bin/python3
"""LibreOffice headless via Python-UNO, for the tests: text export, accept/reject all tracked changes, edit a §.

Run with Debian's /usr/bin/python3 (package python3-uno; the venv's Python has no 'uno' module):

  /usr/bin/python3 lo_uno.py text    IN.docx OUT.txt
  /usr/bin/python3 lo_uno.py accept  IN.docx OUT.txt [OUT.docx]     # .uno:AcceptAllTrackedChanges, then save
  /usr/bin/python3 lo_uno.py reject  IN.docx OUT.txt [OUT.docx]     # .uno:RejectAllTrackedChanges
  /usr/bin/python3 lo_uno.py edit    IN.docx OUT.docx "§ 3" "Ein neuer Satz."   # appends the sentence to the
                                     first paragraph after the heading that starts with "§ 3 ", saves as DOCX
  /usr/bin/python3 lo_uno.py redlines IN.docx                        # prints the tracked changes LibreOffice sees

Several jobs in one call, separated by "--", share one soffice:
  /usr/bin/python3 lo_uno.py text OLD.docx old.txt -- accept R.docx acc.txt -- reject R.docx rej.txt

Each call starts its own soffice (fresh profile in a temp dir, pipe connection), does one job, and ends it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]


def prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


class Office:
    def __init__(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="slp-uno-"))
        self.pipe = f"slp_{uuid.uuid4().hex}"
        soffice = shutil.which("soffice") or "soffice"
        self.proc = subprocess.Popen(
            [
                soffice,
                f"-env:UserInstallation={(self.tmp / 'profile').as_uri()}",
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                "--nodefault",
                f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env={**os.environ, "SAL_ENABLE_FILE_LOCKING": "0"},  # no .~lock files left behind by a failed job
        )
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + 60
        while True:
            try:
                self.ctx = resolver.resolve(f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise
                time.sleep(0.2)
        self.smgr = self.ctx.ServiceManager
        self.desktop = self.smgr.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)

    def open(self, path: Path):
        return self.desktop.loadComponentFromURL(Path(path).resolve().as_uri(), "_blank", 0, (prop("Hidden", True),))

    def dispatch(self, doc, command: str) -> None:
        helper = self.smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", self.ctx)
        helper.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())

    @staticmethod
    def save_text(doc, path: Path) -> None:
        doc.storeToURL(
            Path(path).resolve().as_uri(), (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF,,,"))
        )

    @staticmethod
    def save_docx(doc, path: Path) -> None:
        doc.storeToURL(Path(path).resolve().as_uri(), (prop("FilterName", "MS Word 2007 XML"),))

    def close(self) -> None:
        with contextlib.suppress(Exception):  # the bridge goes away while terminating
            self.desktop.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, 9)
            self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


def edit_after_heading(doc, heading_prefix: str, sentence: str) -> str:
    """Append ``sentence`` to the first body paragraph after the heading starting with ``heading_prefix``."""
    paragraphs = doc.getText().createEnumeration()
    found = False
    while paragraphs.hasMoreElements():
        par = paragraphs.nextElement()
        if not par.supportsService("com.sun.star.text.Paragraph"):
            continue  # a table
        text = par.getString().replace("\u00a0", " ")
        if not found and text.startswith(heading_prefix + " ") and par.ParaStyleName.startswith("Heading"):
            found = True
            continue
        if found and text.strip():
            end = par.getEnd()
            end.getText().insertString(end, " " + sentence, False)
            return text
    raise SystemExit(f"heading {heading_prefix!r} not found")


def main(argv: list[str]) -> int:
    """Jobs separated by '--' run in one soffice session (each start costs about 5 s)."""
    jobs, job = [], []
    for a in argv:
        if a == "--":
            jobs.append(job)
            job = []
        else:
            job.append(a)
    jobs.append(job)
    office = Office()
    try:
        for job in jobs:
            run(office, job)
    finally:
        office.close()
    return 0


def run(office: Office, argv: list[str]) -> None:
    cmd, src = argv[0], Path(argv[1])
    doc = office.open(src)
    if doc is None:
        raise SystemExit(f"LibreOffice could not open {src}")
    try:
        if cmd == "text":
            office.save_text(doc, Path(argv[2]))
        elif cmd in ("accept", "reject"):
            office.dispatch(doc, ".uno:AcceptAllTrackedChanges" if cmd == "accept" else ".uno:RejectAllTrackedChanges")
            doc.getTextFields().refresh()  # page numbers (PAGEREF) as the document now lays out
            office.save_text(doc, Path(argv[2]))
            if len(argv) > 3:
                office.save_docx(doc, Path(argv[3]))
        elif cmd == "save":
            office.save_docx(doc, Path(argv[2]))
        elif cmd == "edit":
            before = edit_after_heading(doc, argv[3], argv[4])
            office.save_docx(doc, Path(argv[2]))
            print(f"edited paragraph: {before[:80]}…")
        elif cmd == "redlines":
            enum = doc.Redlines.createEnumeration()  # XRedlinesSupplier
            n = 0
            while enum.hasMoreElements():
                r = enum.nextElement()
                n += 1
                if n <= 5:
                    print(r.RedlineType, r.RedlineAuthor, r.RedlineDateTime.Year, repr(r.getString()[:60]))
            print(f"{n} redlines")
        else:
            raise SystemExit(f"unknown command {cmd}")
    finally:
        doc.close(True)  # also after a failed job: no document stays open (and no lock file stays behind)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
