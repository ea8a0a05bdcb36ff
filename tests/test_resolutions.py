"""Beschlussvorlagen per Beteiligter (organ, competence, cost share to the cent) and the Erläuterungen per §."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from slp_agreements.files.answers_file import load_answers
from slp_agreements.files.land_facts import read_land_file
from slp_agreements.model.costs import cost_plan, largest_remainder, term_months
from tests.conftest import EXAMPLES, ROOT, docx_paragraphs, docx_text, output, run_cli

BINDING = [e for e in EXAMPLES if e.stem != "bayern-absichtserklaerung"]
LOI = ROOT / "examples" / "bayern-absichtserklaerung.yaml"


def _land(example: Path):
    land = yaml.safe_load(example.read_text(encoding="utf-8"))["land"]
    return read_land_file(ROOT / "clauses" / "laender" / f"{land}.yaml")


def _money(text: str) -> Decimal:
    """'12.000,00 €' → Decimal('12000.00')."""
    return Decimal(text.replace("€", "").replace(".", "").replace(",", ".").strip())


def _resolutions(result: dict[str, object]) -> dict[str, Path]:
    files = result["files"]
    assert isinstance(files, list)
    return {f["party"]: Path(f["path"]) for f in files if f["kind"] == "resolution"}


@pytest.mark.parametrize("example", BINDING, ids=[e.stem for e in BINDING])
def test_each_binding_example_has_a_resolution_per_resolving_party(built, example: Path) -> None:
    answers = load_answers(example)
    land = _land(example)
    expected = {p.id for p in answers.parties if p.kind in land.council}
    papers = _resolutions(built[(example.stem, "de")])
    assert expected and set(papers) == expected
    for party in answers.parties:
        if party.id not in expected:
            continue
        text = docx_text(papers[party.id])
        council = land.council[party.kind]
        for heading in ("Betreff", "Sachverhalt", "Beschlussvorschlag", "Finanzielle Auswirkungen",
                        "Rechtsgrundlage", "Anlagen"):  # fmt: skip
            assert f"\n{heading}\n" in text, heading
        assert f"Beschließendes Organ: {council.organ.de}" in text
        assert re.search(rf"^(Der|Die) {re.escape(council.organ.de)} (der|des) .*beschließt:$", text, re.M)
        assert council.fact.de in text  # the competence norm, with its marker
        assert ("zu prüfen" in text.split("Rechtsgrundlage")[-1]) == (council.fact.marker.value != "✔")
        assert "ENTWURF" in (papers[party.id].read_bytes().decode("latin-1")) or "Entwurf –" in text
        assert "vor der Unterzeichnung durch das Rechtsamt jedes Beteiligten zu prüfen" in text
        assert f"{answers.parties[0].name}" in text
        assert "vereinbarung.docx" in text and "checkliste.docx" in text  # Anlagen


@pytest.mark.parametrize("example", BINDING, ids=[e.stem for e in BINDING])
def test_cost_shares_add_up_to_the_annual_budget_to_the_cent(built, example: Path) -> None:
    answers = load_answers(example)
    plan = cost_plan(answers)
    assert plan is not None and answers.costs is not None and answers.costs.annual_budget is not None
    annual = [s.annual for s in plan.shares]
    assert all(a is not None for a in annual)
    assert sum(a for a in annual if a is not None) == answers.costs.annual_budget
    # the table of every Beschlussvorlage shows the same shares and their sum
    for pid, path in _resolutions(built[(example.stem, "de")]).items():
        import docx

        [table] = docx.Document(str(path)).tables
        rows = [[c.text for c in r.cells] for r in table.rows]
        assert rows[0][:3] == ["Beteiligter", "Anteil", "je Jahr"]
        amounts = [_money(r[2]) for r in rows[1:-1]]
        assert amounts == annual
        assert rows[-1][0] == "Summe" and _money(rows[-1][2]) == answers.costs.annual_budget
        share = plan.share(pid).annual
        assert share is not None
        own = f"{share:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") + " €"
        assert own in docx_text(path).replace("\xa0", " ")  # docx_text reads non-breaking spaces as spaces


def test_the_rounding_rule_is_largest_remainder_in_the_order_of_the_parties() -> None:
    assert largest_remainder(Decimal("100.00"), [1, 1, 1]) == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert largest_remainder(Decimal("10.00"), [1, 2]) == [Decimal("3.33"), Decimal("6.67")]
    assert largest_remainder(Decimal("0.02"), [1, 1, 1]) == [Decimal("0.01"), Decimal("0.01"), Decimal("0.00")]
    assert largest_remainder(Decimal("5.00"), [0, 3]) == [Decimal("0.00"), Decimal("5.00")]


@given(
    st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False),
    st.lists(st.integers(min_value=1, max_value=2_000_000), min_size=1, max_size=40),
)
def test_shares_always_add_up_to_the_cent(total: Decimal, weights: list[int]) -> None:
    shares = largest_remainder(total, list(weights))
    assert sum(shares) == total
    assert all(s >= 0 and s == s.quantize(Decimal("0.01")) for s in shares)


def test_term_months_counts_whole_months() -> None:
    import datetime as dt

    assert term_months(dt.date(2027, 1, 1), dt.date(2028, 12, 31)) == 24
    assert term_months(dt.date(2027, 1, 1), None) is None


def test_over_the_term_the_shares_add_up_to_the_budget_of_the_term(tmp_path: Path) -> None:
    raw = yaml.safe_load((ROOT / "examples" / "bayern-arbeitsgemeinschaft.yaml").read_text(encoding="utf-8"))
    raw["term"]["end"] = "2029-12-31"
    raw["term"]["start"] = "2027-01-01"
    path = tmp_path / "befristet.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    plan = cost_plan(load_answers(path))
    assert plan is not None and plan.months == 36 and plan.budget is not None
    assert sum(s.term_total or 0 for s in plan.shares) == plan.budget * 3
    code, stdout, stderr = run_cli("build", path, "--out", tmp_path / "out", "--json")
    assert code == 0, stderr
    paper = next(iter(_resolutions(json.loads(stdout)).values()))
    text = docx_text(paper)
    assert "Über die Laufzeit von 36 Monaten" in text
    assert "Verpflichtungsermächtigung" in text


def test_no_resolution_for_the_declaration_of_intent_unless_asked(built, tmp_path: Path) -> None:
    assert _resolutions(built[("bayern-absichtserklaerung", "de")]) == {}
    code, stdout, stderr = run_cli("build", LOI, "--out", tmp_path / "loi", "--resolutions", "--json")
    assert code == 0, stderr
    papers = _resolutions(json.loads(stdout))
    assert papers and all(p.is_file() for p in papers.values())
    assert "Dem Abschluss der Vereinbarung" in docx_text(next(iter(papers.values())))


def test_no_resolutions_switches_them_off(tmp_path: Path) -> None:
    code, stdout, stderr = run_cli("build", BINDING[0], "--out", tmp_path / "o", "--no-resolutions", "--json")
    assert code == 0, stderr
    assert _resolutions(json.loads(stdout)) == {}
    assert not list((tmp_path / "o").glob("*beschlussvorlage*"))


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_notes_cover_every_section_of_the_agreement(built, example: Path, lang: str) -> None:
    result = built[(example.stem, lang)]
    word = "§" if lang == "de" else "Section"
    sections = [t for s, t in docx_paragraphs(output(result, "contract")) if s == "Heading 1" and t.startswith(word)]
    headings = [t for s, t in docx_paragraphs(output(result, "notes")) if s == "Heading 1" and t.startswith(word)]
    assert sections and headings == sections
    text = docx_text(output(result, "notes"))
    intro = "Zu dieser Handreichung" if lang == "de" else "About these notes"
    steps = "Nächste Schritte" if lang == "de" else "Next steps"
    assert intro in text and steps in text


@pytest.mark.parametrize(
    ("organ", "subject"),
    [
        ("Rat", "Der Rat"),
        ("Kreistag", "Der Kreistag"),
        ("Gemeindevertretung", "Die Gemeindevertretung"),
        ("Stadtverordnetenversammlung", "Die Stadtverordnetenversammlung"),
        ("Senat und Bürgerschaft", "Der Senat und die Bürgerschaft"),
        ("Senat und Abgeordnetenhaus", "Der Senat und das Abgeordnetenhaus"),
    ],
)
def test_the_proposal_names_the_organ_with_its_article(organ: str, subject: str) -> None:
    from slp_agreements.build.resolutions import _organ_article

    parts = organ.split(" und ")
    assert " und ".join(f"{_organ_article(p, i == 0)} {p}" for i, p in enumerate(parts)) == subject
