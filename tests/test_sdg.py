"""SDG ids: the project's own list of the UN global indicator framework, checked against the UN's list."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from slp_agreements.files.table_rows import read_indicators
from slp_agreements.model.sdg import check_sdg, framework, national_warning
from tests.conftest import ROOT, run_cli
from tests.validators import validator

EXAMPLE_CSV = ROOT / "examples" / "indikatoren-flaeche-wohnen.csv"
NRW = ROOT / "examples" / "nrw-wohnungsmarkt.yaml"
# The wording of the UN titles that makes an indicator one measured per state (the reasons in sdg.json).
NATIONAL_WORDING = {
    "countries": r"^(\(a\) )?(Number|Proportion) of (least developed )?countries",
    "national_framework": r"^Existence of .*national|^Level of national compliance|^International Health Regulations"
    r"|^Degree of implementation of international instruments|^Extent of use of country-owned"
    r"|^Number of parties to international",
    "international_flows": r"(?i)official development assistance|official flows|official international support"
    r"|^International financial flows|^Total resource flows for development|^Dollar value"
    r"|^Additional financial resources mobilized for developing countries|funding for developing countries"
    r"|^Installed renewable energy-generating capacity in developing countries",
    "trade": r"tariff|share of global exports",
    "national_accounts": r"global gross domestic product|^Total government revenue as a proportion of GDP"
    r"|as a proportion of GDP in small island",
}


@pytest.fixture(scope="module")
def un() -> dict[str, dict[str, str]]:
    """The UN list: targets and indicators with their English titles."""
    data: dict[str, dict[str, str]] = json.loads(validator("sdg", "un_sdg.json").read_text(encoding="utf-8"))
    return data


def test_the_project_list_has_exactly_the_targets_and_indicators_of_the_un_list(un: dict[str, dict[str, str]]) -> None:
    fw = framework()
    assert set(fw.targets) == set(un["targets"])
    assert fw.indicators == set(un["indicators"])
    assert set(fw.goals) == {str(g) for g in range(1, 18)}
    for target, indicators in fw.targets.items():
        assert all(i.rsplit(".", 1)[0] == target for i in indicators)


def test_indicators_marked_national_are_those_the_un_titles_describe_so(un: dict[str, dict[str, str]]) -> None:
    fw = framework()
    for sdg, reason in fw.national.items():
        assert re.search(NATIONAL_WORDING[reason], un["indicators"][sdg]), (sdg, un["indicators"][sdg])
    counting_countries = {i for i, title in un["indicators"].items() if re.search(NATIONAL_WORDING["countries"], title)}
    assert counting_countries <= set(fw.national)
    assert "11.a.1" in fw.national and "11.3.1" not in fw.national


@pytest.mark.parametrize(
    ("sdg", "hint"),
    [
        ("11.3.3", "SDG-Kennung '11.3.3' gibt es nicht: zum Unterziel 11.3 gehören 11.3.1, 11.3.2"),
        ("11.d", "SDG-Kennung '11.d' gibt es nicht: Ziel 11 hat die Unterziele 11.1–11.7, 11.a–11.c"),
        ("11.10.1", "SDG-Kennung '11.10.1' gibt es nicht: Ziel 11 hat die Unterziele"),
        ("11.c.1", "SDG-Kennung '11.c.1' gibt es nicht: das Unterziel 11.c hat keinen Indikator; bitte 11.c angeben"),
        ("18.2", "SDG-Kennung '18.2' gibt es nicht: die Ziele sind 1 bis 17"),
    ],
)
def test_ids_that_do_not_exist_are_refused_with_a_hint(sdg: str, hint: str) -> None:
    with pytest.raises(ValueError, match=re.escape(hint)):
        check_sdg(sdg)


def test_an_unknown_sdg_id_in_the_indicator_table_is_refused_with_row_and_hint(tmp_path: Path) -> None:
    table = tmp_path / "indikatoren.csv"
    table.write_text(EXAMPLE_CSV.read_text(encoding="utf-8").replace(";11.3.1;", ";11.3.3;", 1), encoding="utf-8")
    code, _, err = run_cli("indicators", table, "--out", tmp_path / "out")
    assert code == 1
    assert "Zeile 2, Spalte K „SDG“" in err and "zum Unterziel 11.3 gehören 11.3.1, 11.3.2" in err
    assert not (tmp_path / "out").exists()


def test_a_national_level_indicator_is_warned_with_the_target_to_use(tmp_path: Path) -> None:
    assert national_warning("11.a.1") == (
        "SDG-Indikator 11.a.1 wird für Staaten erhoben, nicht für Kommunen (er zählt Staaten); "
        "besser das Unterziel 11.a angeben"
    )
    assert national_warning("11.3.1") is None
    table = tmp_path / "indikatoren.csv"
    table.write_text(
        EXAMPLE_CSV.read_text(encoding="utf-8").replace(";11.3.1;", ";11.3.1 11.a.1;", 1), encoding="utf-8"
    )
    code, _, err = run_cli("indicators", table, "--out", tmp_path / "out")
    assert code == 0, err
    assert "Indikator 'FW-01': SDG-Indikator 11.a.1 wird für Staaten erhoben" in err
    answers = tmp_path / "nrw.yaml"
    answers.write_text(
        NRW.read_text(encoding="utf-8").replace("indikatoren-flaeche-wohnen.csv", table.name), encoding="utf-8"
    )
    code, out, err = run_cli("build", answers, "--out", tmp_path / "build", "--json")
    assert code == 0, err
    assert any("besser das Unterziel 11.a angeben" in w for w in json.loads(out)["warnings"])


def test_the_nrw_housing_indicators_are_on_target_11_1() -> None:
    indicators = {i.id: i for i in read_indicators(EXAMPLE_CSV)}
    housing = ["FW-05", "FW-06", "FW-07", "FW-08", "FW-10"]
    assert all(indicators[i].sdg == ["11.1"] for i in housing)
    assert all(indicators[i].topic == "Wohnen" for i in housing)
    assert all(national_warning(s) is None for i in indicators.values() for s in i.sdg)
