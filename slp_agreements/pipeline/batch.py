"""Many agreements in one run: several answers files, a folder of them, or base answers plus one party per row."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from slp_agreements.errors import Problem, UserError
from slp_agreements.files.answers_file import answers_from, attach_tables, load_answers
from slp_agreements.files.outputs import write_outputs
from slp_agreements.files.yamlfile import load_yaml
from slp_agreements.library.loading import shared
from slp_agreements.model.answers import Answers
from slp_agreements.model.names import folder_name, slug
from slp_agreements.model.paths import FieldPath
from slp_agreements.pipeline.agreement import BuildResult, prepare_answers
from slp_agreements.render.pdf import convert_each, find_soffice, not_converted

if TYPE_CHECKING:
    from slp_agreements.files.table_rows import PartyRow

ANSWERS_SUFFIXES = (".yaml", ".yml")


@dataclass
class Job:
    """One agreement of a batch: what to call it, where its answers come from, where it goes."""

    name: str
    answers: Path
    out: Path
    table: Path | None = None
    row: int | None = None
    party: str | None = None
    load: Callable[[], Answers] | None = field(default=None, repr=False)

    @property
    def label(self) -> str:
        """How messages name this agreement: the answers file, with the table row in --each-party mode."""
        if self.row is None:
            return str(self.answers)
        return f"{self.answers} + {self.table}, Zeile {self.row} ({self.party})"

    def ids(self) -> dict[str, Any]:
        """The keys that identify this agreement in ``build --json``."""
        found: dict[str, Any] = {"answers": str(self.answers)}
        if self.row is not None:
            found.update(table=str(self.table), row=self.row, party=self.party)
        return found


@dataclass(frozen=True)
class Settings:
    """What the command line says for every agreement of a batch."""

    lang: str | None
    force: bool
    clauses: list[Path]
    template: Path | None
    pdf: bool
    resolutions: bool | None


@dataclass
class Failure:
    """An agreement that could not be built, and why."""

    job: Job
    message: str


@dataclass
class BatchResult:
    """What a batch produced: every agreement built and every failure, in input order."""

    built: list[tuple[Job, BuildResult]]
    failures: list[Failure]

    def as_json(self) -> dict[str, Any]:
        """The ``build --json`` object of a batch."""
        return {
            "agreements": [{**job.ids(), **result.as_json()} for job, result in self.built],
            "failures": [{**f.job.ids(), "message": f.message} for f in self.failures],
        }

    def warnings(self) -> list[str]:
        """Warnings of all agreements, each once (the library warns the same for every agreement)."""
        return list(dict.fromkeys(w for _, result in self.built for w in result.warnings))


def is_batch(inputs: list[Path], each_party: Path | None) -> bool:
    """Whether the inputs ask for more than the one agreement a plain ``build ANSWERS.yaml`` makes."""
    return each_party is not None or len(inputs) > 1 or any(p.is_dir() for p in inputs)


def answers_files(inputs: Iterable[Path]) -> list[Path]:
    """The answers files named, folders replaced by the answers files directly inside them (sorted)."""
    found: list[Path] = []
    for path in inputs:
        if not path.is_dir():
            found.append(path)
            continue
        inside = sorted(p for p in path.iterdir() if p.suffix in ANSWERS_SUFFIXES and not p.name.startswith("."))
        if not inside:
            raise UserError("Der Ordner enthält keine Antwortdateien (.yaml).", file=path)
        found += inside
    return found


def file_jobs(inputs: list[Path], out: Path) -> list[Job]:
    """One agreement per answers file, each into ``out/<file name without .yaml>/``."""
    taken: set[str] = set()
    jobs = []
    for path in answers_files(inputs):
        folder = folder_name(path.stem, taken)
        taken.add(folder)
        jobs.append(Job(path.stem, path, out / folder))
    return jobs


def party_jobs(base: Path, table: Path, out: Path) -> list[Job]:
    """One bilateral agreement per table row: the base answers' parties plus the row's party.

    The base answers hold everything common to all agreements (subject, term, the lead party, …); they are read
    and checked for YAML errors once. Each row becomes a complete answers file that is validated on its own, so a
    bad row fails its agreement only, with the row and column named.
    """
    from slp_agreements.files.table_rows import read_party_rows  # tables only for --each-party

    raw, lines = load_yaml(base, "Antwortdatei")
    if not isinstance(raw, dict):
        raise UserError("Die Antwortdatei muss aus Schlüsseln bestehen (land:, agreement:, …).", file=base)
    rows = read_party_rows(table)
    common = [p for p in raw.get("parties") or [] if isinstance(p, dict)]
    taken: set[str] = set()
    jobs = []
    for row in rows:
        name = folder_name(slug(row.label, taken), taken)
        taken.add(name)
        job = Job(name, base, out / name, table=table, row=row.number, party=row.label)
        job.load = _row_loader(job, raw, lines, common, row)
        jobs.append(job)
    return jobs


_BAD_ROW = "Angaben zum Beteiligten in der Tabelle sind fehlerhaft:"


def _row_loader(
    job: Job, raw: dict[str, Any], lines: dict[FieldPath, int], common: list[dict[str, Any]], row: PartyRow
) -> Callable[[], Answers]:
    def load() -> Answers:
        if row.party is None:
            raise UserError(_BAD_ROW, file=job.label, problems=row.problems)
        ids = {p.get("id") for p in common}
        if row.party["id"] in ids:
            problem = Problem(row.where("id" if "id" in row.columns else "name"),
                              f"Kürzel '{row.party['id']}' gibt es schon in {job.answers}; bitte eine Spalte „Kürzel“ "
                              "mit einem anderen Kürzel angeben")  # fmt: skip
            raise UserError(_BAD_ROW, file=job.label, problems=[problem])
        index = len(common)
        try:
            answers = answers_from({**raw, "parties": [*common, row.party]}, job.label, lines)
        except UserError as exc:
            exc.problems = [_in_row(p, index, row) for p in exc.problems]
            raise
        if answers.indicators_file or (answers.data and answers.data.datasets_file):
            answers = attach_tables(answers, job.answers)
        return answers

    return load


def _in_row(problem: Problem, index: int, row: PartyRow) -> Problem:
    """A problem of the row's party (``parties[n].population``) named by its row and column in the table."""
    prefix = f"parties[{index}]"
    if not problem.where.startswith(prefix):
        return problem
    field = problem.where[len(prefix) :].split(" (Zeile")[0].lstrip(".")
    return Problem(row.where(field), problem.message)


def unexpected(exc: BaseException) -> str:
    """The line for a failure the program did not foresee: the batch goes on, the user can report it."""
    return (
        f"unerwarteter Fehler ({type(exc).__name__}); die übrigen Vereinbarungen werden trotzdem erzeugt. "
        "Bitte die Antwortdatei prüfen und den Fehler mit ihr melden."
    )


def run(
    jobs: list[Job],
    *,
    lang: str | None,
    force: bool,
    clauses: list[Path],
    template: Path | None,
    done: Callable[[str], None] = lambda _name: None,
    pdf: bool = False,
    resolutions: bool | None = None,
    workers: int = 1,
) -> BatchResult:
    """Build every agreement; one that fails is recorded and the others are still built.

    Clause library and Word template are read once for the whole batch (per combination of folders), in each of
    ``workers`` processes. Every agreement is written as soon as it is built; with ``pdf`` all agreements are
    built first and their Word files converted by one LibreOffice start, then written.
    """
    from slp_agreements.pipeline.workers import each

    soffice = find_soffice() if pdf else None  # before any work: a missing LibreOffice is said once
    settings = Settings(lang, force, clauses, template, pdf, resolutions)
    result = BatchResult([], [])
    waiting: list[tuple[Job, BuildResult]] = []
    with shared():
        for job, prepared in each(jobs, lambda job: prepare(job, settings), workers):
            if isinstance(prepared, str):
                result.failures.append(Failure(job, prepared))
            elif soffice:
                waiting.append((job, prepared))
            else:
                _write(job, prepared, result, force)
            done(job.name)
        if soffice and waiting:
            _convert(soffice, waiting, result, workers, force)
    order = {id(job): n for n, job in enumerate(jobs)}
    result.built.sort(key=lambda b: order[id(b[0])])
    result.failures.sort(key=lambda f: order[id(f.job)])
    return result


def prepare(job: Job, settings: Settings) -> BuildResult | str:
    """The files of one agreement in memory, or the message why it cannot be built."""
    try:
        answers = job.load() if job.load else load_answers(job.answers)
        name = f"{job.name}.yaml" if job.row is not None else job.answers.name
        return prepare_answers(
            answers, name, job.out, base=job.answers.parent, lang=settings.lang, force=settings.force,
            clauses=settings.clauses, template=settings.template, pdf=settings.pdf, resolutions=settings.resolutions,
        )  # fmt: skip
    except UserError as exc:
        return str(exc)
    except (Exception, RecursionError, MemoryError) as exc:  # one bad file never stops the rest
        return unexpected(exc)


def _write(job: Job, built: BuildResult, result: BatchResult, force: bool) -> None:
    try:
        write_outputs(job.out, [(o.path, o.data) for o in built.files], force=force)
    except UserError as exc:
        result.failures.append(Failure(job, str(exc)))
        return
    except (Exception, RecursionError, MemoryError) as exc:  # one bad file never stops the rest
        result.failures.append(Failure(job, unexpected(exc)))
        return
    for o in built.files:
        o.data = b""  # written: a batch of hundreds does not keep every document in memory
    result.built.append((job, built))


def _convert(
    soffice: str, waiting: list[tuple[Job, BuildResult]], result: BatchResult, workers: int, force: bool
) -> None:
    """The Word files of every agreement to PDF, one LibreOffice start per worker; an agreement missing one fails."""
    documents = [o for _, built in waiting for o in built.word_files()]
    try:
        pdfs, detail = convert_each(soffice, [o.data for o in documents], processes=workers)
    except UserError as exc:  # timeout, or LibreOffice does not start: no agreement gets its PDFs
        result.failures += [Failure(job, str(exc)) for job, _ in waiting]
        return
    found = iter(pdfs)
    for job, built in waiting:
        mine = [next(found) for _ in built.word_files()]
        missing = [o.path.name for o, data in zip(built.word_files(), mine, strict=True) if data is None]
        if missing:
            result.failures.append(Failure(job, not_converted(missing, detail)))
            continue
        built.add_pdfs([data for data in mine if data is not None])
        _write(job, built, result, force)
