"""Every bad input ends with exit 1 (2 for wrong usage), one short message naming file and place, and no file written.

The corpus: the files in tests/bad_inputs/ (broken YAML as it comes from editors and colleagues) and the cases
generated below (a shipped example with one change, files too big to commit, broken templates and output folders).
Odd but valid input (XML specials, emoji, right-to-left scripts, Jinja syntax) must come out exactly as typed.
"""

from __future__ import annotations

import copy
import json
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from slp_agreements.cli.app import app
from tests.conftest import EXAMPLES, ROOT, docx_text

CORPUS = ROOT / "tests" / "bad_inputs"
BASE_EXAMPLE = next(e for e in EXAMPLES if e.stem == "bayern-absichtserklaerung")
ENGLISH = re.compile(
    r"\b(Input should|should be|Field required|is not|Errno|No such file|Permission denied|Traceback|object|"
    r"invalid|expected|found|error|cannot|could not|failed|or|and)\b"
)


def _own_words(message: str) -> str:
    """A message without what it quotes from the user (values in '…', paths): the words the program chose."""
    return re.sub(r"'[^']*'|\S*/\S*|\S*\.(yaml|docx|csv|txt)\b", " ", message)


MAX_MESSAGE_LINES = 23  # the head, at most 20 listed problems, "… und N weitere"


def base() -> dict[str, Any]:
    """A shipped example that builds: each generated case changes one thing in it."""
    data: dict[str, Any] = yaml.safe_load(BASE_EXAMPLE.read_text(encoding="utf-8"))
    return copy.deepcopy(data)


def invoke(*args: str | Path) -> tuple[int, str, str]:
    """Run the CLI in-process; an exception that escapes the CLI fails the test (it would be a traceback)."""
    result = CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {type(result.exception).__name__}: {result.exception}") from result.exception
    return result.exit_code, result.stdout, result.stderr


# --------------------------------------------------------------------------------------------------------------
# The cases. Each writes its input into a folder and returns the command line; `{out}` is the output folder.


@dataclass(frozen=True)
class Case:
    """One bad input: how to make it, the exit code and what the message must contain (file and place)."""

    id: str
    make: Callable[[Path], list[str | Path]]
    expect: tuple[str, ...]
    code: int = 1


def _answers(tmp: Path, content: str | bytes | dict[str, Any], name: str = "antworten.yaml") -> Path:
    path = tmp / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        dumped = yaml.safe_dump(content, allow_unicode=True, sort_keys=False, default_flow_style=None, width=200)
        path.write_text(dumped, encoding="utf-8")
    return path


def corpus_file(name: str, *expect: str) -> Case:
    """A committed file from tests/bad_inputs/."""
    return Case(name, lambda tmp: [CORPUS / name], (str(CORPUS / name), *expect))


def changed(case_id: str, change: Callable[[dict[str, Any]], object], *expect: str) -> Case:
    """The base example with one change."""

    def make(tmp: Path) -> list[str | Path]:
        data = base()
        change(data)
        return [_answers(tmp, data)]

    return Case(case_id, make, ("antworten.yaml", *expect))


def text(case_id: str, content: str | bytes, *expect: str) -> Case:
    """An answers file with this exact content."""
    return Case(case_id, lambda tmp: [_answers(tmp, content)], ("antworten.yaml", *expect))


def with_options(case_id: str, options: Callable[[Path], list[str | Path]], *expect: str, code: int = 1) -> Case:
    """The base example, built with these extra command-line options."""
    return Case(case_id, lambda tmp: [BASE_EXAMPLE, *options(tmp)], expect, code)


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        target: Any = data
        for p in parents:
            target = target[p]
        target[last] = value

    return change


def _ten_thousand_parties(tmp: Path) -> list[str | Path]:
    """A spreadsheet export with one row per municipality of Germany and then some; none has its AGS."""
    head = BASE_EXAMPLE.read_text(encoding="utf-8").split("parties:")[0]
    rows = [
        f"  - {{id: p{i}, name: Gemeinde {i}, kind: gemeinde, address: {{street: Weg 1, postcode: '91567', "
        f"city: Ort}}, represented_by: {{name: N. N.}}, contact: {{name: N. N.}}}}"
        for i in range(10_000)
    ]
    return [_answers(tmp, head + "parties:\n" + "\n".join(rows) + "\nlead: p0\nterm: {start: 2027-02-01}\n")]


def _generated_huge_file(tmp: Path) -> list[str | Path]:
    path = tmp / "antworten.yaml"
    line = b"# " + b"x" * 1021 + b"\n"
    with path.open("wb") as fh:
        for _ in range(50 * 1024):  # 50 MB, generated here so it is never committed
            fh.write(line)
    return [path]


def _template(kind: str) -> Callable[[Path], list[str | Path]]:
    def make(tmp: Path) -> list[str | Path]:
        # The name keeps these files out of the "every generated DOCX opens in LibreOffice" check.
        folder = tmp / "kaputte-vorlagen"
        folder.mkdir()
        path = folder / "vorlage.docx"
        builtin = (ROOT / "templates" / "agreement.docx").read_bytes()
        if kind == "text":
            path.write_text("Das ist keine Word-Datei.\n", encoding="utf-8")
        elif kind == "zip":
            with zipfile.ZipFile(path, "w") as z:
                z.writestr("hallo.txt", "kein Word")
        elif kind == "truncated":
            path.write_bytes(builtin[: len(builtin) // 2])
        elif kind == "broken-xml":
            with zipfile.ZipFile(io_bytes(builtin)) as src, zipfile.ZipFile(path, "w") as dst:
                for item in src.infolist():
                    data = src.read(item)
                    dst.writestr(item, b"<w:document><unclosed>" if item.filename == "word/document.xml" else data)
        elif kind == "plain-word":
            import docx

            docx.Document().save(str(path))
        return ["--template", path]

    return make


def io_bytes(data: bytes) -> Any:
    """A readable in-memory file."""
    import io

    return io.BytesIO(data)


def _broken_clause_folder(tmp: Path) -> list[str | Path]:
    folder = tmp / "eigene-klauseln"
    folder.mkdir()
    (folder / "kaputt.yaml").write_text("id: eigene.klausel\ntext:\n  de: [nicht geschlossen\n", encoding="utf-8")
    return ["--clauses", folder]


def _file(tmp: Path, name: str) -> Path:
    path = tmp / name
    path.write_text("keine Ordner\n", encoding="utf-8")
    return path


def _base_text(old: str, new: str) -> str:
    """The base example's text with one line changed (values YAML reads unquoted, such as dates)."""
    text = BASE_EXAMPLE.read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1)


def _fifo(tmp: Path) -> list[str | Path]:
    path = tmp / "antworten.yaml"
    os.mkfifo(path)  # reading it would wait for a writer forever
    return [path]


def _special(path: str) -> Callable[[Path], list[str | Path]]:
    return lambda tmp: [Path(path)]


def _just_over_the_limit(tmp: Path) -> list[str | Path]:
    from slp_agreements.files.yamlfile import MAX_FILE_BYTES

    path = tmp / "antworten.yaml"
    path.write_bytes(BASE_EXAMPLE.read_bytes() + b"#" * MAX_FILE_BYTES)
    return [path]


_DATE_LINES = {
    "term.start": "  start: 2027-02-01",
    "term.end": "  end: 2028-01-31",
    "agreement.date": "  date: 2026-11-26",
}
IMPOSSIBLE_DATES = ["2027-02-30", "2027-02-29", "2027-13-01", "2027-00-10", "2027-04-31", "2027-01-32", "2027-06-00"]
DATETIMES = ["2027-02-01 10:00:00", "2027-02-01T10:00:00Z", "2027-02-01t08:30:00+01:00", "2027-02-01 23:59:59.5"]
# wrong container types: a list or a section given as something else, for each container of the answers file
LISTS = ["parties", "indicators", "data.datasets", "agreement.purposes", "library"]
SECTIONS = ["agreement", "term", "disputes", "parties.0.address", "parties.0.represented_by", "data"]
NOT_CONTAINERS = {"number": 42, "text": "Text", "yes": True, "decimal": 1.5}
SELF_REFERENCES = {
    "list-in-itself": "parties: &p [*p]\n",
    "section-in-itself": "agreement: &a {project: x, self: *a}\n",
    "two-levels": "parties: &p [[*p]]\n",
    "through-a-section": "parties: &p [{id: a, more: [*p]}]\n",
}


def _with_data(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        if path.startswith("data.") or path == "data":
            data.setdefault("data", {"personal_data": False})
        _set(path, value)(data)

    return change


def _container_cases() -> list[Case]:
    cases = []
    for path in LISTS + SECTIONS:
        expect = "muss eine Liste sein" if path in LISTS else "muss ein Abschnitt mit Schlüsseln sein"
        shown = path.replace(".0.", "[0].")
        for kind, value in NOT_CONTAINERS.items():
            cases.append(changed(f"wrong-container-{path}-{kind}", _with_data(path, value), f"{shown} (Zeile", expect))
    return cases


GENERATED: list[Case] = [
    *[
        text(
            f"impossible-date-{field}-{value}",
            _base_text(line, line.split(":")[0] + f": {value}"),
            "Zeile",
            value,
            "kein gültiges Datum",
        )
        for field, line in _DATE_LINES.items()
        for value in IMPOSSIBLE_DATES
    ],
    *[
        text(
            f"datetime-for-date-{field}-{i}",
            _base_text(line, line.split(":")[0] + f": {value}"),
            f"{field} (Zeile",
            "ohne Uhrzeit",
        )
        for field, line in _DATE_LINES.items()
        for i, value in enumerate(DATETIMES)
    ],
    *_container_cases(),
    *[
        text(
            f"alias-{name}",
            _base_text("parties:", "x_before: 1\nparties_old:").split("x_before")[0] + snippet,
            "Zeile",
            "verweist",
        )
        for name, snippet in SELF_REFERENCES.items()
    ],
    text("merge-key-not-a-section", _base_text("term:\n", "term:\n  <<: 5\n"), "Zeile", "'<<:'", "Verweis"),
    text(
        "merge-key-unknown-field",
        _base_text("term:\n", "vorlage: &v {notice: 3}\nterm:\n  <<: *v\n"),
        "vorlage (Zeile",
        "term.notice (Zeile",
        "meinten Sie",
    ),
    Case("not-a-file-fifo", _fifo, ("antworten.yaml", "keine gewöhnliche Datei")),
    Case("not-a-file-dev-zero", _special("/dev/zero"), ("/dev/zero", "keine gewöhnliche Datei")),
    Case("not-a-file-dev-null", _special("/dev/null"), ("/dev/null", "keine gewöhnliche Datei")),
    Case("not-a-file-dev-urandom", _special("/dev/urandom"), ("/dev/urandom", "keine gewöhnliche Datei")),
    Case("over-the-size-limit-by-one-byte", _just_over_the_limit, ("antworten.yaml", "zu groß", "2048 KB")),
    changed("long-value-is-cut", _set("land", "B" * 5000), "land (Zeile", "'BBBB", "…'"),
    changed("long-kind-is-cut", _set("parties.0.kind", "x" * 500), "parties[0].kind (Zeile", "…"),
    text("long-unknown-key-is-cut", BASE_EXAMPLE.read_text(encoding="utf-8") + "k" * 500 + ": 1\n", "(Zeile", "k…"),
    text(
        "long-duplicate-key-is-cut",
        BASE_EXAMPLE.read_text(encoding="utf-8") + ("d" * 500 + ": 1\n") * 2,
        "kommt doppelt vor",
        "d…'",
    ),
    changed("long-lead-is-cut", _set("lead", "x" * 70 + "-" * 500), "lead (Zeile"),
    changed("long-email-is-cut", _set("parties.0.contact.email", "@" * 3000), "contact.email (Zeile"),
]


CASES: list[Case] = [
    # YAML that does not parse
    corpus_file("malformed-unclosed-bracket.yaml", "Zeile 4", "nicht geschlossen", "begonnen in Zeile 3"),
    corpus_file("malformed-indentation.yaml", "Zeile 4", "Einrückung"),
    corpus_file("malformed-tab-indent.yaml", "Zeile 3", "Tabulatoren"),
    corpus_file("malformed-unclosed-quote.yaml", "Zeile 5", "Anführungszeichen"),
    corpus_file("malformed-colon-in-text.yaml", "Zeile 3", "':'"),
    corpus_file("malformed-two-documents.yaml", "Zeile 2", "mehrere YAML-Dokumente"),
    corpus_file("malformed-undefined-alias.yaml", "Zeile 2", "Anker"),
    corpus_file("malformed-windows-path-backslash.yaml", "Zeile 2", "Windows-Pfade"),
    # YAML that would construct objects, or is not one mapping
    corpus_file("tag-python-object-apply.yaml", "Zeile 1", "!!python/object/apply", "nicht erlaubt"),
    corpus_file("tag-python-name.yaml", "Zeile 2", "!!python/name", "nicht erlaubt"),
    corpus_file("tag-custom-include.yaml", "Zeile 2", "!include", "nicht erlaubt"),
    corpus_file("duplicate-key-top-level.yaml", "Zeile 3", "'land' kommt doppelt vor", "Zeile 1"),
    corpus_file("duplicate-key-nested.yaml", "Zeile 6", "'name' kommt doppelt vor", "Zeile 4"),
    corpus_file("top-level-list.yaml", "aus Schlüsseln bestehen", "Liste"),
    corpus_file("top-level-text.yaml", "aus Schlüsseln bestehen", "Text"),
    corpus_file("key-is-a-list.yaml", "Zeile 1", "Schlüssel muss ein einfacher Text sein"),
    corpus_file("key-is-a-number.yaml", "Zeile 2", "Schlüssel muss ein einfacher Text sein", "'2027'"),
    corpus_file("empty.yaml", "leer"),
    corpus_file("only-comments.yaml", "leer"),
    corpus_file("only-document-markers.yaml", "leer"),
    # Not text, or too big
    corpus_file("binary-png.yaml", "keine Textdatei"),
    corpus_file("encoding-latin1.yaml", "UTF-8", "Byte 13"),
    corpus_file("encoding-utf16.yaml", "UTF-16", "UTF-8"),
    Case("huge-50-mb", _generated_huge_file, ("antworten.yaml", "zu groß", "51200 KB", "2048 KB")),
    corpus_file("deeply-nested.yaml", "Zeile 2", "verschachtelt"),
    corpus_file("alias-bomb-billion-laughs.yaml", "Verweise", "ausgeschrieben mehr als"),
    corpus_file("alias-too-many.yaml", "mehr als 100", "Verweise"),
    Case("parties-10000", _ten_thousand_parties, ("antworten.yaml", "parties (Zeile", "höchstens 500", "… und 99")),
    # Characters Word cannot hold
    corpus_file("control-character-raw.yaml", "Zeile 1, Spalte 9", "Steuerzeichen (U+0007)"),
    corpus_file("control-character-ansi-colours.yaml", "Zeile 3", "Steuerzeichen (U+001B)"),
    text("control-character-escaped", 'land: "N\\aI"\n', "land (Zeile 1)", "Steuerzeichen"),
    changed("xml-invalid-nul-in-name", _set("parties.0.name", "Markt\x00Altmühlried"), "parties[0].name", "Steuer"),
    changed("xml-invalid-vertical-tab", _set("agreement.project", "Digitale\x0bAllianz"), "agreement.project (Zeile"),
    changed("xml-invalid-noncharacter", _set("agreement.subject", "Geodaten \ufffe"), "agreement.subject (Zeile"),
    text("xml-invalid-lone-surrogate", 'land: NI\nlead: "\\ud800"\n', "Zeile 2"),
    # Wrong types and unknown keys
    changed("wrong-type-number-as-text", _set("term.notice_months", "zwölf"), "term.notice_months (Zeile", "Zahl"),
    changed("wrong-type-section-as-text", _set("agreement", "Digitale Allianz"), "agreement (Zeile", "Abschnitt"),
    changed("wrong-type-list-as-mapping", _set("parties", {"id": "a"}), "parties (Zeile", "Liste"),
    changed("wrong-type-german-date", _set("term.start", "01.02.2027"), "term.start (Zeile", "2027-01-01"),
    changed("wrong-type-yes-no-as-language", _set("language", False), "language (Zeile", "erlaubt sind"),
    changed("unknown-key-top-level", lambda d: d.update(partys=d["parties"]), "partys (Zeile", "meinten Sie"),
    changed(
        "unknown-key-nested",
        lambda d: d["parties"][0].update(adress=d["parties"][0].pop("address")),
        "parties[0].adress (Zeile",
        "meinten Sie 'address'",
    ),
    changed("missing-required", lambda d: d.pop("land"), "land", "fehlt"),
    changed("wrong-enum-land", _set("land", "Bayern"), "land (Zeile", "erlaubt sind"),
    changed("wrong-enum-kind", _set("parties.1.kind", "dorf"), "parties[1].kind (Zeile", "erlaubt sind"),
    changed("schema-version-from-the-future", _set("schema_version", 3), "schema_version (Zeile", "nicht unterstützt"),
    changed("too-long-name", _set("parties.0.name", "G" * 301), "parties[0].name (Zeile", "höchstens 300"),
    changed("empty-name", _set("parties.0.name", ""), "parties[0].name (Zeile", "nicht leer"),
    changed("invalid-email", _set("parties.0.contact.email", "schneider at x"), "contact.email (Zeile", "E-Mail"),
    changed("postcode-four-digits", _set("parties.0.address.postcode", "9156"), "postcode (Zeile", "5 Ziffern"),
    # Rules across fields
    changed("ags-seven-digits", _set("parties.0.ags", "0957111"), "parties[0].ags (Zeile", "8 Ziffern"),
    changed("ags-with-letter", _set("parties.0.ags", "0957111A"), "parties[0].ags (Zeile", "8 Ziffern"),
    changed("ags-number-lost-zero", _set("parties.0.ags", 9571111), "parties[0].ags (Zeile", "Anführungszeichen"),
    changed("ags-other-land", _set("parties.1.ags", "05571144"), "parties[1].ags (Zeile", "BY", "09"),
    changed("ags-no-land", _set("parties.1.ags", "17571144"), "parties[1].ags (Zeile", "01–16"),
    changed("ags-missing-for-gemeinde", lambda d: d["parties"][2].pop("ags"), "parties[2].ags", "AGS"),
    changed("dates-in-wrong-order", _set("term.end", "2026-01-31"), "term.end (Zeile", "nach dem Beginn"),
    changed("dates-equal", _set("term.end", "2027-02-01"), "term.end (Zeile", "nach dem Beginn"),
    changed("date-does-not-exist", _set("term.end", "2027-02-30"), "term.end (Zeile", "Datum"),
    changed("lead-not-a-party", _set("lead", "landkreis"), "lead (Zeile", "kein Beteiligter", "altmuehlried"),
    changed("party-id-twice", _set("parties.1.id", "altmuehlried"), "parties[1].id (Zeile", "doppelt"),
    changed("only-one-party", lambda d: d.update(parties=d["parties"][:1]), "parties (Zeile", "mindestens 2"),
    # Clause folders and templates
    with_options("clause-folder-missing", lambda tmp: ["--clauses", "/nope"], "/nope", "Klauselordner nicht gefunden"),
    with_options("clause-folder-is-a-file", lambda tmp: ["--clauses", _file(tmp, "k.txt")], "k.txt", "Klauselordner"),
    with_options("clause-file-broken", _broken_clause_folder, "kaputt.yaml", "Zeile 3"),
    changed("answers-library-missing", _set("library", ["gibt-es-nicht"]), "library[0]", "gibt-es-nicht"),
    with_options("template-missing", lambda tmp: ["--template", tmp / "fehlt.docx"], "fehlt.docx", "nicht gefunden"),
    with_options("template-is-text", _template("text"), "vorlage.docx", "keine Word-Datei"),
    with_options("template-is-other-zip", _template("zip"), "vorlage.docx", "beschädigt"),
    with_options("template-truncated", _template("truncated"), "vorlage.docx", "Word-Datei"),
    with_options("template-broken-xml", _template("broken-xml"), "vorlage.docx", "Word-Vorlage"),
    with_options("template-without-styles", _template("plain-word"), "vorlage.docx", "Formatvorlagen"),
    changed("answers-template-missing", _set("template", "vorlagen/brief.docx"), "template:", "brief.docx"),
    # Output folders
    with_options("out-is-a-file", lambda tmp: ["--out", _file(tmp, "ziel.txt")], "ziel.txt", "Datei, kein Ordner"),
    with_options(
        "out-parent-is-a-file", lambda tmp: ["--out", _file(tmp, "ziel.txt") / "entwurf"], "ziel.txt", "kein Ordner"
    ),
    with_options("out-name-too-long", lambda tmp: ["--out", tmp / ("x" * 300)], "xxxx", "zu lang"),
    # Wrong usage: typer's exit code 2
    with_options("usage-unknown-option", lambda tmp: ["--farbe", "rot"], "--farbe", code=2),
    with_options("usage-unknown-language", lambda tmp: ["--lang", "fr"], "fr", code=2),
    Case("usage-answers-missing", lambda tmp: [], ("ANTWORTEN.yaml",), code=2),
    *GENERATED,
]


def test_the_corpus_has_at_least_forty_cases() -> None:
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)
    committed = {p.name for p in CORPUS.glob("*.yaml")}
    used = {c.id for c in CASES}
    assert committed <= used, f"corpus files without an expectation: {committed - used}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_gets_one_short_message_and_writes_nothing(case: Case, tmp_path: Path) -> None:
    work = tmp_path / "eingabe"
    work.mkdir()
    args = case.make(work)
    out = tmp_path / "ausgabe"
    if "--out" in args:
        out = Path(args[args.index("--out") + 1])
    before = _snapshot(tmp_path)
    command = ["build", *args]
    if args and "--out" not in args:
        command += ["--out", out]
    code, stdout, stderr = invoke(*command)
    assert code == case.code, f"exit {code}: {stderr or stdout}"
    message = stderr or stdout
    assert "Traceback" not in stdout + stderr
    for expected in case.expect:
        assert expected in message, f"{expected!r} missing in:\n{message}"
    if case.code == 1:
        assert message.startswith("Fehler: ") and message.count("Fehler:") == 1, message
    assert len(message.strip().splitlines()) <= MAX_MESSAGE_LINES, message
    assert not ENGLISH.search(_own_words(message)), f"English words in: {message}"
    if case.id.startswith("long-"):  # a value from the file is repeated with about 80 characters at most
        assert not re.search(r"[^\s/]{100,}", message.replace(str(tmp_path), "")), message
    assert _snapshot(tmp_path) == before, "a bad input must not write anything"
    assert not os.path.isdir(out) or not any(out.iterdir())


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_python_tags_never_run_code(tmp_path: Path) -> None:
    flag = Path("/tmp/slp-agreements-pwned")
    flag.unlink(missing_ok=True)
    invoke("build", CORPUS / "tag-python-object-apply.yaml", "--out", tmp_path / "out")
    assert not flag.exists()


def test_read_only_output_folder(tmp_path: Path) -> None:
    if os.geteuid() == 0:  # root writes into chmod-protected folders; a read-only file system refuses even root
        out = Path("/proc/self/slp-agreements-out")
        code, _, err = invoke("build", BASE_EXAMPLE, "--out", out)
        assert code == 1
        assert "Schreibrechte" in err and "/proc/self" in err
        assert not out.exists()
        return
    out = tmp_path / "schreibgeschuetzt"
    out.mkdir()
    out.chmod(0o555)
    try:
        code, _, err = invoke("build", BASE_EXAMPLE, "--out", out)
        assert code == 1
        assert str(out) in err and "Schreibrechte" in err
        assert not any(out.iterdir())
    finally:
        out.chmod(0o755)


def test_existing_outputs_are_kept_without_force(tmp_path: Path) -> None:
    assert invoke("build", BASE_EXAMPLE, "--out", tmp_path)[0] == 0
    before = _snapshot(tmp_path)
    code, _, err = invoke("build", BASE_EXAMPLE, "--out", tmp_path)
    assert code == 1 and "--force" in err and str(tmp_path) in err
    assert _snapshot(tmp_path) == before


# --------------------------------------------------------------------------------------------------------------
# Good weird input: accepted, and printed exactly as typed.

WEIRD_NAMES = {
    "xml-specials": "Gemeinde <Nord> & \"Süd\" 'Ost'",
    "markup-lookalike": "Stadt </w:t><w:t>Ende & &amp; &lt;",
    "emoji": "Gemeinde Sonnental 🌞🏘️ 👩‍👩‍👧‍👦 🇩🇪",
    "arabic": "بلدية المدينة المنورة",
    "hebrew": "עיריית תל אביב-יפו",
    "mixed-direction": "Partnerstadt القدس (ירושלים) e. V.",
    "jinja-expression": "Gemeinde {{ 7 * 7 }} {{ lead.name }}",
    "jinja-statement": "Stadt {% if true %}Ja{% endif %} {# Kommentar #}",
    "combining-marks": "Mu\u0308nchen-Land",
    "cjk-and-math": "北京市 ∑ ≤ ≥ ½ €",
}


@pytest.mark.parametrize("key", list(WEIRD_NAMES), ids=list(WEIRD_NAMES))
def test_odd_names_come_out_exactly_as_typed(key: str, tmp_path: Path) -> None:
    name = WEIRD_NAMES[key]
    data = base()
    data["parties"][1]["name"] = name
    data["agreement"]["project"] = f"Projekt {name}"
    answers = _answers(tmp_path, data)
    before = answers.read_bytes()
    code, stdout, stderr = invoke("build", answers, "--out", tmp_path / "out", "--json")
    assert code == 0, stderr
    files = {f["kind"]: Path(f["path"]) for f in json.loads(stdout)["files"]}
    text = docx_text(files["contract"])
    assert name in text
    assert f"Projekt {name}" in text
    for evaluated in ("Gemeinde 49", "Stadt Ja", "Kommentar #}" if "{#" not in name else "\x00"):
        assert evaluated not in text.replace(name, "")
    manifest = json.loads(files["manifest"].read_text(encoding="utf-8"))
    assert manifest["answers"]["parties"][1]["name"] == name
    assert answers.read_bytes() == before


# --------------------------------------------------------------------------------------------------------------
# Answers files that YAML allows: the merge key works; a file the system will not let us read is named.


def test_the_merge_key_shares_an_address(tmp_path: Path) -> None:
    text = BASE_EXAMPLE.read_text(encoding="utf-8")
    shared = 'address: {street: Marktplatz 1, postcode: "91567", city: Altmühlried}'
    assert shared in text
    text = text.replace(shared, 'address: &rathaus {street: Marktplatz 1, postcode: "91567", city: Altmühlried}', 1)
    text = text.replace(
        'address: {street: Rathausgasse 3, postcode: "91567", city: Altmühlried}',
        "address: {<<: *rathaus, street: Rathausgasse 3}",
    )
    answers = _answers(tmp_path, text)
    code, stdout, stderr = invoke("build", answers, "--out", tmp_path / "out", "--json")
    assert code == 0, stderr
    manifest = next(Path(f["path"]) for f in json.loads(stdout)["files"] if f["kind"] == "manifest")
    parties = json.loads(manifest.read_text(encoding="utf-8"))["answers"]["parties"]
    assert parties[-1]["address"] == {"street": "Rathausgasse 3", "postcode": "91567", "city": "Altmühlried"}


@pytest.mark.parametrize("error", [PermissionError(13, "Permission denied"), OSError(5, "Input/output error")])
def test_an_unreadable_answers_file_is_named(error: OSError, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # tests run as root here, where chmod 000 does not stop reading: the refusal is simulated at the open call
    answers = _answers(tmp_path, BASE_EXAMPLE.read_text(encoding="utf-8"))
    real_open = Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == answers:
            raise error
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    code, _, err = invoke("build", answers, "--out", tmp_path / "out")
    assert code == 1 and str(answers) in err and "kann nicht gelesen werden" in err
    assert error.strerror not in err
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------------------------------------------
# A batch never stops at one bad file; outputs stay inside --out with names every system accepts.

BAD_IN_A_BATCH = {
    "impossible-date": _base_text("  start: 2027-02-01", "  start: 2027-02-30"),
    "parties-a-number": _base_text("parties:\n", "parties: 42\nparties_old:\n"),
    "self-reference": "land: BY\nparties: &p [*p]\n",
    "not-yaml": "land: [BY\n",
    "datetime": _base_text("  start: 2027-02-01", "  start: 2027-02-01 10:00"),
}


def test_a_batch_builds_the_good_files_whatever_is_wrong_with_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "antworten"
    folder.mkdir()
    good = BASE_EXAMPLE.read_text(encoding="utf-8")
    (folder / "a-gut.yaml").write_text(good, encoding="utf-8")
    for name, content in BAD_IN_A_BATCH.items():
        (folder / f"b-{name}.yaml").write_text(content, encoding="utf-8")
    os.mkfifo(folder / "c-pipe.yaml")
    (folder / "z-gut.yaml").write_text(good, encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = invoke("build", folder, "--out", out, "--json")
    assert code == 1 and "Traceback" not in stderr
    result = json.loads(stdout)
    assert [Path(a["answers"]).name for a in result["agreements"]] == ["a-gut.yaml", "z-gut.yaml"]
    assert sorted(Path(f["answers"]).name for f in result["failures"]) == sorted(
        [f"b-{n}.yaml" for n in BAD_IN_A_BATCH] + ["c-pipe.yaml"]
    )
    assert all(f["message"] and "Traceback" not in f["message"] for f in result["failures"])
    code, stdout, stderr = invoke("build", folder, "--out", tmp_path / "out2")
    assert code == 1 and "2 von 8 Vereinbarungen erzeugt" in stdout + stderr


def test_a_batch_survives_a_failure_nobody_foresaw(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from slp_agreements.pipeline import batch

    real = batch.prepare_answers
    calls = []

    def fails_once(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise RecursionError("maximum recursion depth exceeded")
        return real(*args, **kwargs)

    monkeypatch.setattr(batch, "prepare_answers", fails_once)
    first, second = tmp_path / "eins.yaml", tmp_path / "zwei.yaml"
    for p in (first, second):
        p.write_bytes(BASE_EXAMPLE.read_bytes())
    code, stdout, _ = invoke("build", first, second, "--out", tmp_path / "out", "--json")
    result = json.loads(stdout)
    assert code == 1 and len(result["agreements"]) == 1
    assert "unerwarteter Fehler (RecursionError)" in result["failures"][0]["message"]


FOLDER_NAMES = ["CON", "nul", "Com1", "LPT9", "aux.backup", "...", "..", "Vertrag.", "Vertrag ", "a:b", "A", "a"]


def test_batch_folders_are_safe_and_distinct_on_every_system(tmp_path: Path) -> None:
    from slp_agreements.model.names import folder_name

    taken: set[str] = set()
    names = []
    for stem in FOLDER_NAMES:
        name = folder_name(stem, taken)
        taken.add(name)
        names.append(name)
    assert len({n.casefold() for n in names}) == len(names), names
    for name in names:
        assert name not in (".", "..") and not name.endswith((".", " ")) and not set(name) & set('<>:"/\\|?*')
        assert name.split(".")[0].lower() not in {"con", "nul", "com1", "lpt9", "aux", "prn"}, name


def test_batch_outputs_never_land_outside_out(tmp_path: Path) -> None:
    nested = [tmp_path / "a" / "vertrag.yaml", tmp_path / "b" / "c" / "vertrag.yaml", tmp_path / "d" / "CON.yaml",
              tmp_path / "e" / "...yaml", tmp_path / "f" / "Vertrag.yaml"]  # fmt: skip
    for path in nested:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(BASE_EXAMPLE.read_bytes())
    out = tmp_path / "ziel" / "out"
    code, stdout, stderr = invoke("build", *nested, "--out", out, "--json")
    assert code == 0, stderr
    written = [Path(f["path"]) for a in json.loads(stdout)["agreements"] for f in a["files"]]
    assert written and all(out.resolve() in p.resolve().parents for p in written)
    folders = sorted(p.name for p in out.iterdir())
    assert folders == sorted(["vertrag", "vertrag-2", "CON_", "vereinbarung", "Vertrag-3"]), folders
    assert sorted(p.name for p in (tmp_path / "ziel").iterdir()) == ["out"]
