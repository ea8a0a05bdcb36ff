"""Benchmarks of slp-agreements, each figure as a ratio to a baseline measured in the same run.

Run from the repository root: ``python benchmarks/run.py`` (``--quick`` for fewer repetitions, ``--only a,c`` for
some figures). Not part of the test suite; results and the machine they were taken on are in benchmarks/README.md.

(a) ``build`` of the Niedersachsen example as a whole process vs a fresh process rendering the same paragraphs with
    docxtpl (every Word file the build writes), with a warm and with a cold cache of clause texts
(b) ``slp-agreements --help`` vs a bare typer app with the same number of commands
(c) a batch of 200 agreements, per agreement, vs one raw docxtpl render in-process
(d) loading and linting generated libraries of 1,000 and 10,000 clauses (vs reading the same YAML with libyaml)
(e) an agreement with 5,000 datasets and 500 indicator profiles: time and peak memory of the process
(f) `serve`: a question page and one submitted step of the Niedersachsen situation (vs a bare Starlette page)
(g) ``build`` of a folder of 20 answers files with ``--pdf`` vs 20 separate ``build --pdf`` runs
(h) a batch of 200 agreements with ``--jobs 2`` vs ``--jobs 1``
"""

from __future__ import annotations

import argparse
import compileall
import csv
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from a checkout: the package next to this folder
PY = sys.executable
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
ENV.pop("SLP_AGREEMENTS_NO_CACHE", None)
CACHE = "SLP_AGREEMENTS_CACHE_DIR"  # the cache of clause texts: in the work folder, never the user's own
CLI = [PY, "-m", "slp_agreements"]
MB = 1024 * 1024

# A fresh process that renders given paragraphs and tables with docxtpl, nothing else: no YAML, no validation, no
# clause library. Styles are set by id (the fastest way python-docx allows), so the baseline is not slowed down by
# python-docx's style lookup by name.
RAW_RENDER = r"""
import io, json, sys
from docxtpl import DocxTemplate

def render(template, items):
    tpl = DocxTemplate(template)
    sd = tpl.new_subdoc()
    ids = {s.name: s.style_id for s in tpl.docx.styles}
    for kind, style, content in items:
        if kind == "p":
            sd.add_paragraph(content)._p.style = ids.get(style)
            continue
        table = sd.add_table(rows=0, cols=len(content[0]))
        table._tbl.tblPr.style = ids.get(style)
        for values in content:
            for cell, text in zip(table.add_row().cells, values):
                cell.text = text
    context = {k: "x" for k in ("header_text", "draft_mark", "footer_text", "page_label", "of_label", "watermark")}
    tpl.render({"body": sd, **context})
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()

if __name__ == "__main__":
    for template, items, target in json.load(open(sys.argv[1], encoding="utf-8")):
        open(target, "wb").write(render(template, items))
"""


def child(
    args: list[str], ok: tuple[int, ...] = (0,), cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, int]:
    """Wall time and peak resident memory (bytes) of one child process."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err, env={**ENV, **(env or {})}, cwd=cwd)
        # wait4 gives this child's own rusage (getrusage(RUSAGE_CHILDREN) would give the maximum over all children).
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in ok:
            err.seek(0)
            raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{err.read().decode()[-2000:]}")
    return wall, usage.ru_maxrss * 1024


def median(fn: Callable[[], float], runs: int) -> float:
    """Median of ``runs`` timings."""
    return statistics.median(fn() for _ in range(runs))


def items(path: Path) -> list[Any]:
    """Body paragraphs (style, text) and tables (style, cell texts) of a DOCX, in order, for the raw render."""
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = docx.Document(str(path))
    names = {s.style_id: s.name for s in doc.styles}
    out: list[Any] = []
    for el in doc.element.body.iterchildren():
        if el.tag == qn("w:p"):
            out.append(["p", names.get(el.style or "", "Normal"), Paragraph(el, doc).text])
        elif el.tag == qn("w:tbl"):
            rows = [[c.text for c in row.cells] for row in Table(el, doc).rows]
            out.append(["t", names.get(el.tblPr.style or "", "Table Grid"), rows])
    return out


def raw_jobs(built: list[dict[str, Any]], work: Path, papers: bool = True) -> list[Any]:
    """(template, items, target) for every Word file of builds, for RAW_RENDER: contract, checklist and (with
    ``papers``) the Beschlussvorlagen and Erläuterungen, which are set in the agreement's template."""
    agreement, checklist = ROOT / "templates" / "agreement.docx", ROOT / "templates" / "checklist.docx"
    templates = {"contract": agreement, "checklist": checklist}
    if papers:
        templates.update(resolution=agreement, notes=agreement)
    jobs = []
    for n, result in enumerate(built):
        for i, f in enumerate(result["files"]):
            if f["kind"] in templates:
                target = work / f"raw-{n}-{i}-{f['kind']}.docx"
                jobs.append([str(templates[f["kind"]]), items(Path(f["path"])), str(target)])
    return jobs


def build_json(args: list[str | Path], ok: tuple[int, ...] = (0,)) -> Any:
    """Run ``build … --json`` and return its object."""
    done = subprocess.run([*CLI, "build", *map(str, args), "--force", "--json"], env=ENV, capture_output=True,
                          text=True, check=False)  # fmt: skip
    if done.returncode not in ok:
        raise SystemExit(done.stderr)
    return json.loads(done.stdout)


def row(name: str, value: float, unit: str, baseline: float | None, target: str) -> dict[str, Any]:
    """One line of the result table."""
    ratio = value / baseline if baseline else None
    return {"figure": name, "value": value, "unit": unit, "baseline": baseline, "ratio": ratio, "target": target}


# ---------------------------------------------------------------------------------------------------------------
# (a) one build as a whole process


def figure_a(work: Path, runs: int) -> list[dict[str, Any]]:
    """(a) build of the Niedersachsen example vs a fresh process rendering the same paragraphs with docxtpl."""
    example = ROOT / "examples" / "niedersachsen-webgis.yaml"
    out = work / "a"
    jobs = raw_jobs([build_json([example, "--out", out])], work)
    (work / "a.json").write_text(json.dumps(jobs), encoding="utf-8")
    script = work / "raw_render.py"
    cmd = [*CLI, "build", str(example), "--out", str(out), "--force"]
    times: dict[str, list[float]] = {"cold": [], "warm": [], "base": []}
    for n in range(runs * 2):  # interleaved, so that a change of the machine's load falls on every side
        times["cold"].append(child(cmd, env={CACHE: str(work / f"a-cache-{n}")})[0])
        times["warm"].append(child(cmd)[0])  # the cache filled by the build above (build_json)
        times["base"].append(child([PY, str(script), str(work / "a.json")])[0])
    cold, warm, base = (statistics.median(times[k]) for k in ("cold", "warm", "base"))
    return [
        row(f"(a) build {example.name}, whole process, warm cache", warm, "s", base, "≤ 1.5×"),
        row(f"(a) build {example.name}, whole process, cold cache", cold, "s", base, "reported"),
    ]


# ---------------------------------------------------------------------------------------------------------------
# (b) --help


def count_commands() -> int:
    """Commands of the CLI, sub-commands included."""
    import typer

    from slp_agreements.cli.app import app

    def count(group: Any) -> int:
        return sum(count(c) if hasattr(c, "commands") else 1 for c in group.commands.values())

    return count(typer.main.get_command(app))


def figure_b(work: Path, runs: int) -> list[dict[str, Any]]:
    """(b) --help vs a bare typer app with the same number of commands (and the same settings)."""
    n = count_commands()
    lines = ["import typer", "app = typer.Typer(no_args_is_help=True, add_completion=False, rich_markup_mode=None)"]
    for i in range(n):
        lines += ["@app.command()", f"def command_{i}(name: str = 'x') -> None:", f"    '''Command {i}.'''", ""]
    lines += ["app()"]
    bare = work / "bare_typer.py"
    bare.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # What the console script `slp-agreements` that pip installs runs (no runpy, unlike `python -m`).
    script = [PY, "-c", "import sys; from slp_agreements.cli.app import main; sys.argv[0] = 'slp-agreements'; main()"]
    ours_times, base_times = [], []
    for _ in range(runs * 4):  # interleaved, so that a change of the machine's load falls on both sides
        ours_times.append(child([*script, "--help"])[0])
        base_times.append(child([PY, str(bare), "--help"])[0])
    ours, base = statistics.median(ours_times), statistics.median(base_times)
    return [row(f"(b) --help ({n} commands)", ours, "s", base, "≤ 1.2×")]


# ---------------------------------------------------------------------------------------------------------------
# (c) a batch of 200 agreements


PARTY_HEADER = ["Name", "Art", "AGS", "Straße", "PLZ", "Ort", "Vertreten durch", "Funktion", "Ansprechperson",
                "E-Mail", "Datenschutzbeauftragte", "DSB E-Mail", "Einwohner"]  # fmt: skip


def batch_input(work: Path, n: int) -> tuple[Path, Path]:
    """Base answers (the Landkreis of the Lower Saxony example) and a table of ``n`` Gemeinden."""
    data = yaml.safe_load((ROOT / "examples" / "niedersachsen-webgis.yaml").read_text(encoding="utf-8"))
    data["parties"] = data["parties"][:1]
    # Costs by population: every row brings its Einwohner (the example's fixed amounts would need a column).
    data["parties"][0]["population"] = 186000
    data["costs"] = {"model": "population", "annual_budget": 48000.0, "population_date": "2025-12-31"}
    for ds in data["data"]["datasets"]:
        ds["provider"] = data["parties"][0]["id"]
    base = work / "basis.yaml"
    base.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    table = work / "gemeinden.csv"
    with table.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(PARTY_HEADER)
        for i in range(n):
            name, ags = f"Gemeinde Beispiel {i + 1}", f"03355{i + 1:03d}"
            person, mail, dpo = "Erika Muster", f"rathaus{i}@beispiel.example", f"ds{i}@beispiel.example"
            w.writerow([name, "Gemeinde", ags, f"Hauptstraße {i + 1}", "21385", "Beispielort", person,
                        "Bürgermeisterin", "Max Muster", mail, "Datenschutz", dpo, 1000 + i])  # fmt: skip
    return base, table


def figure_c(work: Path, runs: int, n: int = 200) -> list[dict[str, Any]]:
    """(c) a batch of n agreements, per agreement, vs one raw docxtpl render (contract and checklist) in-process."""
    base, table = batch_input(work, n)
    out = work / "c"
    first = build_json([base, "--each-party", table, "--out", out])["agreements"][0]
    jobs = raw_jobs([first], work)
    namespace: dict[str, Any] = {}
    exec(compile(RAW_RENDER, "raw_render", "exec"), namespace)  # our own baseline code, the same text as raw_render.py
    render = namespace["render"]

    def raw() -> float:
        start = time.perf_counter()
        for template, found, _ in jobs:
            render(template, found)
        return time.perf_counter() - start

    raw()  # warm: imports and the first parse of the templates belong to no single render
    cmd = [*CLI, "build", str(base), "--each-party", str(table), "--out", str(out), "--force"]
    ours = median(lambda: child(cmd)[0], max(1, runs // 2)) / n
    base_time = median(raw, runs * 3)
    return [row(f"(c) batch of {n}, per agreement", ours, "s", base_time, "≤ 1.5×")]


# ---------------------------------------------------------------------------------------------------------------
# (d) large clause libraries


CLAUSE = """id: bench.c{n:05d}
version: 1
part: body
order: {order}
when: "data is not none and data.personal_data"
title:
  de: Regelung {n}
  en: Provision {n}
text:
  de: |-
    Die Parteien regeln für das Vorhaben „{{{{ agreement.project }}}}“ die Angelegenheit Nummer {n}.
    {{% if term.end %}}Sie gilt bis zum {{{{ term.end | date }}}}.{{% else %}}Sie gilt unbefristet.{{% endif %}}
  en: |-
    For the project “{{{{ agreement.project }}}}” the parties settle matter number {n}.
    {{% if term.end %}}This applies until {{{{ term.end | date }}}}.{{% else %}}This applies indefinitely.{{% endif %}}
legal_refs:
  - § 54 VwVfG
"""


def library_folder(work: Path, n: int) -> Path:
    """An overlay folder of ``n`` clause files (in subfolders of 500, as a legal office would group them)."""
    folder = work / f"lib-{n}"
    for i in range(n):
        sub = folder / f"gruppe-{i // 500:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"c{i:05d}.yaml").write_text(CLAUSE.format(n=i, order=1000 + i), encoding="utf-8")
    return folder


LIBRARY_TIMER = """
import json, sys, time
from pathlib import Path
folder, what = Path(sys.argv[1]), sys.argv[2]
start = time.perf_counter()
if what == "load":
    from slp_agreements.library.loading import load_library
    load_library([folder])
elif what == "lint":
    from slp_agreements.library.lint import lint
    lint([folder])
if what != "yaml":
    from slp_agreements.files import cache
    cache.flush()  # writing the cache belongs to the run
else:
    import yaml
    for p in sorted(folder.rglob("*.yaml")):
        yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
print(json.dumps(time.perf_counter() - start))
"""


def timed_in_child(args: list[str], env: dict[str, str] | None = None) -> float:
    """A time the child measures itself (without interpreter start-up), printed as JSON."""
    done = subprocess.run(args, env={**ENV, **(env or {})}, capture_output=True, text=True, check=True)
    return float(json.loads(done.stdout.strip().splitlines()[-1]))


def figure_d(work: Path, runs: int) -> list[dict[str, Any]]:
    """(d) load and lint of generated libraries; baseline: parsing the same files with libyaml."""
    rows = []
    script = work / "library_timer.py"
    script.write_text(LIBRARY_TIMER, encoding="utf-8")
    for n in (1000, 10000):
        folder = library_folder(work, n)
        timings = {}
        reps = runs if n == 1000 else max(1, runs // 2)
        fresh = (work / f"d-cache-{n}-{i}" for i in range(1000))
        for what in ("yaml", "load", "lint"):
            cmd = [PY, str(script), str(folder), what]
            if what != "yaml":  # cold: an empty cache folder each time
                timings[f"{what} cold"] = median(
                    lambda cmd=cmd, fresh=fresh: timed_in_child(cmd, {CACHE: str(next(fresh))}), reps
                )
                timed_in_child(cmd)  # fills the benchmark's cache
            timings[what] = median(lambda cmd=cmd: timed_in_child(cmd), reps)
        target = "≤ 1 s" if n == 1000 else "≤ 10 s"
        rows.append(row(f"(d) load library of {n:,} clauses", timings["load"], "s", timings["yaml"], "reported"))
        rows.append(row(f"(d) lint library of {n:,} clauses", timings["lint"], "s", timings["yaml"], target))
        rows.append(row(f"(d) lint of {n:,}, cold cache", timings["lint cold"], "s", timings["yaml"], "reported"))
    return rows


# ---------------------------------------------------------------------------------------------------------------
# (e) a large data annex


def large_answers(work: Path, datasets: int, indicators: int) -> Path:
    """The NRW example with ``datasets`` datasets and ``indicators`` indicator profiles, both as tables."""
    src = ROOT / "examples" / "nrw-wohnungsmarkt.yaml"
    data = yaml.safe_load(src.read_text(encoding="utf-8"))
    parties = [p["id"] for p in data["parties"]]
    with (work / "datensaetze.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(["Titel", "Beschreibung", "Datengeber", "Personenbezug", "Format", "Aktualisierung"])
        for i in range(datasets):
            w.writerow([f"Datensatz {i + 1}", f"Beschreibung des Datensatzes {i + 1} mit Inhalt und Zweck",
                        parties[i % len(parties)], "nein", "CSV", "jährlich"])  # fmt: skip
    with (ROOT / "examples" / "indikatoren-flaeche-wohnen.csv").open(encoding="utf-8") as fh:
        sample = list(csv.reader(fh, delimiter=";"))
    with (work / "indikatoren.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow(sample[0])
        for i in range(indicators):
            values = list(sample[1 + i % (len(sample) - 1)])
            values[0] = f"IX-{i + 1:04d}"
            values[1] = f"{values[1]} ({i + 1})"
            w.writerow(values)
    data.pop("indicators", None)
    data["indicators_file"] = "indikatoren.csv"
    data["data"].pop("datasets", None)
    data["data"]["datasets_file"] = "datensaetze.csv"
    path = work / "gross.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def figure_e(work: Path, runs: int) -> list[dict[str, Any]]:
    """(e) 5,000 datasets and 500 indicator profiles: time and peak memory, vs the raw render of the same content."""
    answers = large_answers(work, 5000, 500)
    out = work / "e"
    jobs = raw_jobs([build_json([answers, "--out", out])], work)
    (work / "e.json").write_text(json.dumps(jobs), encoding="utf-8")
    script = work / "raw_render.py"
    cmd = [*CLI, "build", str(answers), "--out", str(out), "--force"]
    measured = [child(cmd) for _ in range(max(1, runs // 2))]
    raw = [child([PY, str(script), str(work / "e.json")]) for _ in range(max(1, runs // 2))]
    wall, peak = statistics.median(m[0] for m in measured), max(m[1] for m in measured)
    raw_wall, raw_peak = statistics.median(m[0] for m in raw), max(m[1] for m in raw)
    return [
        row("(e) 5,000 datasets + 500 profiles, time", wall, "s", raw_wall, "≤ 10 s"),
        row("(e) 5,000 datasets + 500 profiles, peak RSS", peak / MB, "MB", raw_peak / MB, "≤ 400 MB"),
    ]


# ---------------------------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------------------------
# (f) the web interview: server time of a question page and of one submitted step


def figure_f(work: Path, runs: int) -> list[dict[str, Any]]:
    """`serve` in-process (Starlette's test client, no network): the Niedersachsen situation's first party page and
    that page sent back (read, check, save the answers file), vs a bare Starlette page rendering one template."""
    import shutil

    from jinja2 import Template
    from starlette.applications import Starlette
    from starlette.responses import HTMLResponse
    from starlette.routing import Route
    from starlette.testclient import TestClient

    from slp_agreements.web.app import create_app

    folder = work / "web"
    folder.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "niedersachsen-mandat-auftragsverarbeitung.yaml", folder / "ni.yaml")
    client = TestClient(create_app(folder, pdf=False), base_url="http://127.0.0.1:8765", follow_redirects=False)
    page_url = "/v/ni/frage?s=parties%5B0%5D"
    first = client.get(page_url)
    assert first.status_code == 200, first.text[:500]
    from tests.web_clerk import page_form  # the values a browser sends for the page (as it is: no change)

    fields = page_form(first.text)
    fields["action"] = ["next"]

    from slp_agreements.questionnaire import engine

    def timed(request: Callable[[], None], fresh: bool, clock: Callable[[], float]) -> Callable[[], float]:
        """One request's time; ``fresh``: the engine's kept results forgotten first (a state not seen before)."""

        def run() -> float:
            if fresh:
                engine.forget()
            start = clock()
            request()
            return clock() - start

        return run

    def get_page() -> None:
        assert client.get(page_url).status_code == 200

    def post_step() -> None:
        answer = client.post("/v/ni/frage", data=fields)
        assert answer.status_code == 303, answer.text[:500]

    template = Template("<html><body>{% for i in items %}<p>{{ i }}</p>{% endfor %}</body></html>")

    async def bare(request: Any) -> HTMLResponse:
        return HTMLResponse(template.render(items=range(50)))

    plain = TestClient(Starlette(routes=[Route("/", bare)]))

    def baseline() -> float:
        start = time.perf_counter()
        assert plain.get("/").status_code == 200
        return time.perf_counter() - start

    base = median(baseline, runs * 4)
    cpu = time.process_time  # the server's CPU time (the test client's thread too): steady on a busy machine
    out = []
    for what, request in (("question page (Niedersachsen, party 1)", get_page),
                          ("one submitted step (read, check, save)", post_step)):  # fmt: skip
        for fresh, how in ((True, "new state"), (False, "same state again")):
            out.append(row(f"(f) serve: {what}, {how}", median(timed(request, fresh, time.perf_counter), runs * 4),
                           "s", base, "< 0.1 s"))  # fmt: skip
        out.append(row(f"(f) serve: {what}, new state, CPU time", median(timed(request, True, cpu), runs * 4), "s",
                       None, "< 0.1 s"))  # fmt: skip
    return out


# ---------------------------------------------------------------------------------------------------------------
# (g) a batch with PDFs, (h) a batch on two cores


def pdf_folder(work: Path, n: int) -> Path:
    """A folder of ``n`` answers files: the examples in turn, each under its own name."""
    import shutil

    examples = sorted((ROOT / "examples").glob("*.yaml"))
    folder = work / "g-antworten"
    folder.mkdir()
    for i in range(n):
        example = examples[i % len(examples)]
        shutil.copy(example, folder / f"{i:02d}-{example.name}")
        for table in example.parent.glob("*.csv"):  # tables an example names, relative to the answers file
            if not (folder / table.name).exists():
                shutil.copy(table, folder / table.name)
    return folder


def figure_g(work: Path, runs: int, n: int = 20) -> list[dict[str, Any]]:
    """(g) one ``build FOLDER --pdf`` of n answers files (default --jobs: all cores) vs n separate
    ``build FILE --pdf`` runs, one after another."""
    folder = pdf_folder(work, n)
    files = sorted(folder.glob("*.yaml"))
    out = work / "g"

    def batch() -> float:
        return child([*CLI, "build", str(folder), "--out", str(out / "batch"), "--pdf", "--force"])[0]

    def separate() -> float:
        cmds = [[*CLI, "build", str(f), "--out", str(out / f.stem), "--pdf", "--force"] for f in files]
        return sum(child(cmd)[0] for cmd in cmds)

    reps = max(1, runs // 3)
    ours = median(batch, reps)
    base = median(separate, reps)
    return [row(f"(g) batch of {n} with --pdf", ours, "s", base, "≤ 0.35×")]


def figure_h(work: Path, runs: int, n: int = 200) -> list[dict[str, Any]]:
    """(h) a batch of n agreements (--each-party) with --jobs 2 vs --jobs 1, wall time of the whole process."""
    base, table = batch_input(work, n)
    out = work / "h"

    def jobs(k: int) -> float:
        cmd = [*CLI, "build", str(base), "--each-party", str(table), "--out", str(out / str(k)), "--force"]
        return child([*cmd, "--jobs", str(k)])[0]

    reps = max(1, runs // 2)
    one: list[float] = []
    two: list[float] = []
    for _ in range(reps):  # alternating, so a change of the machine's load falls on both sides
        one.append(jobs(1))
        two.append(jobs(2))
    return [row(f"(h) batch of {n}, --jobs 2", statistics.median(two), "s", statistics.median(one), "≤ 0.6×")]


FIGURES = {
    "a": figure_a,
    "b": figure_b,
    "c": figure_c,
    "d": figure_d,
    "e": figure_e,
    "f": figure_f,
    "g": figure_g,
    "h": figure_h,
}


def machine() -> str:
    """The machine the figures were taken on."""
    mem = ""
    try:
        lines = Path("/proc/meminfo").read_text().splitlines()
        kb = int(next(line for line in lines if line.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    libyaml = "with" if getattr(yaml, "__with_libyaml__", False) else "without"
    return (f"{os.cpu_count()} cores (nproc){mem}, Python {platform.python_version()} on {platform.system()} "
            f"{platform.machine()}, PyYAML {yaml.__version__} {libyaml} libyaml")  # fmt: skip


def print_table(rows: list[dict[str, Any]]) -> None:
    """The results as a Markdown table."""
    print("| Figure | Value | Baseline | Ratio | Target |")
    print("|---|---:|---:|---:|---|")
    for r in rows:
        fmt = "{:.0f} MB" if r["unit"] == "MB" else "{:.3f} s"
        base = fmt.format(r["baseline"]) if r["baseline"] else "–"
        ratio = f"{r['ratio']:.2f}×" if r["ratio"] else "–"
        print(f"| {r['figure']} | {fmt.format(r['value'])} | {base} | {ratio} | {r['target']} |")


def main() -> None:
    """Run the figures asked for and print one table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--only", default="abcdefgh", help="figures to run, e.g. 'a,c'")
    parser.add_argument("--json", dest="as_json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()
    runs = 3 if args.quick else 5
    print(f"Machine: {machine()}", file=sys.stderr)
    # The program as pip installs it: with its bytecode written, whatever PYTHONDONTWRITEBYTECODE says (an editable
    # install in such a shell would compile every module on every start; the baseline's libraries never do).
    compileall.compile_dir(ROOT / "slp_agreements", quiet=1)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="slp-bench-") as tmp:
        work = Path(tmp)
        ENV[CACHE] = str(work / "cache")
        (work / "raw_render.py").write_text(RAW_RENDER, encoding="utf-8")
        for key in args.only.replace(",", ""):
            start = time.perf_counter()
            try:
                found = FIGURES[key](work, runs)
            except SystemExit as exc:  # one figure failing does not lose the others
                print(f"({key}) failed: {str(exc)[-1500:]}", file=sys.stderr)
                continue
            print(f"({key}) done in {time.perf_counter() - start:.0f} s: {json.dumps(found)}", file=sys.stderr)
            rows += found
    if args.as_json:
        print(json.dumps(rows, indent=2))
    else:
        print_table(rows)


if __name__ == "__main__":
    main()
