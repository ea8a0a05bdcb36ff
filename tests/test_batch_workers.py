"""A batch on several cores and with PDFs: the same files, the same failures, one LibreOffice start."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from slp_agreements.pipeline import batch
from slp_agreements.render import pdf
from tests.conftest import run_cli
from tests.test_batch import BAYERN, NI, ROWS, _base, _table
from tests.test_pdf import _fake_soffice

# A LibreOffice stand-in: notes each start, writes a small PDF for every DOCX it is given except the first one
# (which is the contract of the first agreement of the batch).
FAKE = """echo start >> "{log}"
out=""; next=""
for a in "$@"; do
  if [ "$next" = 1 ]; then out="$a"; next=""; fi
  [ "$a" = "--outdir" ] && next=1
done
mkdir -p "$out"
for a in "$@"; do
  case "$a" in
    *00000.docx) echo "Error: source file could not be loaded" >&2 ;;
    *.docx) n=$(basename "$a" .docx); printf '%%PDF-1.7 %s' "$n" > "$out/$n.pdf" ;;
  esac
done
"""


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def each_party_builds(tmp_path_factory) -> dict[int, tuple[int, dict, dict[str, bytes]]]:
    """The same --each-party batch (two good rows, one bad) with --jobs 1 and --jobs 2."""
    tmp = tmp_path_factory.mktemp("jobs")
    base, table = _base(tmp), _table(tmp, [ROWS[0], ROWS[1], ROWS[2], ROWS[0].replace("Moorhausen", "Birkenau")])
    found = {}
    for jobs in (1, 2):
        out = tmp / f"out-{jobs}"
        code, stdout, stderr = run_cli("build", base, "--each-party", table, "--out", out, "--json", "--jobs", jobs)
        assert "Traceback" not in stderr
        result = json.loads(stdout.replace(str(out), "OUT"))
        found[jobs] = (code, result, _files(out))
    return found


def test_two_workers_write_the_same_files_byte_for_byte(each_party_builds) -> None:
    one, two = each_party_builds[1], each_party_builds[2]
    assert len(one[2]) > 10
    assert one[2].keys() == two[2].keys()
    assert [name for name in one[2] if one[2][name] != two[2][name]] == []


def test_two_workers_report_the_same_agreements_and_failures_in_order(each_party_builds) -> None:
    one, two = each_party_builds[1], each_party_builds[2]
    assert one[0] == two[0] == 1
    assert one[1] == two[1]
    assert [f["row"] for f in two[1]["failures"]] == [3]
    parties = [a["party"] for a in two[1]["agreements"]]
    assert parties == ["Gemeinde Moorhausen", "Gemeinde Erlengrund", "Gemeinde Birkenau"]


def test_progress_counts_every_agreement_in_input_order_with_workers(tmp_path) -> None:
    base, table = _base(tmp_path), _table(tmp_path, ROWS)
    jobs = batch.party_jobs(base, table, tmp_path / "out")
    names: list[str] = []
    result = batch.run(jobs, lang=None, force=False, clauses=[], template=None, done=names.append, workers=2)
    assert names == [j.name for j in jobs]
    assert [j.name for j, _ in result.built] == ["moorhausen", "erlengrund"]


def test_jobs_must_be_at_least_one(tmp_path) -> None:
    code, _, stderr = run_cli("build", NI, BAYERN, "--out", tmp_path / "out", "--jobs", "0")
    assert code == 2 and "ab 1" in stderr


def test_a_batch_converts_all_pdfs_with_one_libreoffice_and_fails_only_the_agreement_whose_pdf_is_missing(
    tmp_path,
) -> None:
    log = tmp_path / "starts.log"
    fake = _fake_soffice(tmp_path / "bin", FAKE.format(log=log))
    out = tmp_path / "out"
    code, stdout, stderr = run_cli("build", BAYERN, NI, "--out", out, "--pdf", "--json", "--jobs", "2",
                                   env={"PATH": f"{fake}:/usr/bin:/bin"})  # fmt: skip
    assert code == 1, stderr
    assert log.read_text().splitlines() == ["start"]
    result = json.loads(stdout)
    assert [f["answers"] for f in result["failures"]] == [str(BAYERN)]
    message = result["failures"][0]["message"]
    assert "bayern-absichtserklaerung-vereinbarung.docx nicht in PDF umwandeln" in message
    assert "could not be loaded" in message
    assert not (out / BAYERN.stem).exists(), "nothing of the failed agreement is written"
    built = result["agreements"][0]["files"]
    pdfs = [Path(f["path"]) for f in built if f["kind"] == "pdf"]
    assert sorted(p.with_suffix(".docx").name for p in pdfs) == sorted(
        Path(f["path"]).name for f in built if f["path"].endswith(".docx")
    )
    assert all(p.read_bytes().startswith(b"%PDF-1.7") for p in pdfs)


def test_many_documents_are_shared_out_among_one_libreoffice_per_worker_in_order(tmp_path) -> None:
    log = tmp_path / "starts.log"
    copy = FAKE.replace('*00000.docx) echo "Error: source file could not be loaded" >&2 ;;', "").replace(
        'printf \'%%PDF-1.7 %s\' "$n" > "$out/$n.pdf"', 'cat "$a" > "$out/$n.pdf"'
    )
    fake = _fake_soffice(tmp_path / "bin", copy.format(log=log))
    documents = [f"document {n}".encode() for n in range(25)]
    pdfs, _ = pdf.convert_each(str(fake / "soffice"), documents, processes=2)
    assert pdfs == documents
    assert log.read_text().splitlines() == ["start", "start"]
    pdfs, _ = pdf.convert_each(str(fake / "soffice"), documents[:15], processes=2)  # fewer than 10 each: one start
    assert pdfs == documents[:15] and len(log.read_text().splitlines()) == 3
