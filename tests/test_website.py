"""`indicators --format html`: the profiles as a static, accessible website that needs no other server."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from slp_agreements.files.answers_file import load_answers
from slp_agreements.files.table_rows import read_indicators
from tests.browser import axe_violations, describe, requested_urls
from tests.conftest import ROOT, run_cli

NRW = ROOT / "examples" / "nrw-wohnungsmarkt.yaml"
CSV = ROOT / "examples" / "indikatoren-flaeche-wohnen.csv"
SITE_URL = "https://www.wohnungsmarkt-rrs.example/indikatoren/"
_LINK = re.compile(r'\b(?:href|src)="([^"]*)"')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The NRW example's website, built once."""
    out = tmp_path_factory.mktemp("website") / "site"
    code, stdout, err = run_cli("indicators", NRW, "--format", "html", "--out", out, "--site-url", SITE_URL)
    assert code == 0, err
    assert "Website mit 16 Dateien geschrieben" in stdout
    return out


def _pages(site: Path) -> list[Path]:
    return sorted(site.glob("*.html"))


def test_the_site_has_an_index_a_page_per_indicator_and_the_downloads(site: Path) -> None:
    names = {p.name for p in site.iterdir()}
    pages = {f"fw-{n:02d}.html" for n in range(1, 11)}
    assert names == {"index.html", "style.css", "filter.js", "indikatoren.csv", "indikatoren.json", "dcat.jsonld",
                     *pages}  # fmt: skip
    index = (site / "index.html").read_text(encoding="utf-8")
    for page in sorted(pages):
        assert f'href="{page}"' in index
    assert '<html lang="de">' in index and "<h1>Indikatorensteckbriefe</h1>" in index


def test_every_link_stays_inside_the_folder_and_finds_its_file(site: Path) -> None:
    for page in [*_pages(site), site / "style.css"]:
        text = page.read_text(encoding="utf-8")
        for target in _LINK.findall(text):
            assert not re.match(r"^(?:[a-z]+:|//)", target), f"{page.name}: external reference {target}"
            name, _, fragment = target.partition("#")
            linked = (site / name).read_text(encoding="utf-8") if name else text
            assert not name or (site / name).is_file(), f"{page.name}: broken link {target}"
            assert not fragment or f'id="{fragment}"' in linked, f"{page.name}: no element {target}"
    assert "url(" not in (site / "style.css").read_text(encoding="utf-8")  # no fonts or images from elsewhere
    assert "http" not in (site / "filter.js").read_text(encoding="utf-8")


def test_without_javascript_every_indicator_is_listed_and_the_filter_stays_hidden(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<form id="filter"[^>]* hidden>', index)
    assert len(re.findall(r"<tr data-sdg=", index)) == 10
    assert "<tr hidden" not in index


def test_an_indicator_page_shows_the_whole_profile_with_row_headers(site: Path) -> None:
    page = (site / "fw-07.html").read_text(encoding="utf-8")
    assert "<h1>FW-07 Mietbelastungsquote</h1>" in page
    assert '<th scope="row">Themenfeld</th><td>Wohnen</td>' in page
    assert '<th scope="row">SDG-Bezug</th><td>11.1</td>' in page
    assert (
        '<th scope="row">Datenliefernder Beteiligter</th><td>Hochschule Rhein-Ruhr für angewandte Wissenschaften</td>'
        in page
    )
    assert "Ziel 11: Nachhaltige Städte und Gemeinden" in page
    assert 'href="fw-06.html" rel="prev"' in page and 'href="fw-08.html" rel="next"' in page


def test_the_csv_reads_back_as_the_same_indicators(site: Path) -> None:
    answers = load_answers(NRW)
    again = read_indicators(site / "indikatoren.csv", {p.id for p in answers.parties})
    assert again == answers.indicators
    assert (site / "indikatoren.csv").read_bytes().startswith("\ufeffKennung;Name;".encode())


def test_the_json_holds_every_profile_with_party_names(site: Path) -> None:
    data = json.loads((site / "indikatoren.json").read_text(encoding="utf-8"))
    assert data["project"] == "Wohnungsmarktbeobachtung Rhein-Ruhr-Süd" and data["date"] == "2026-11-26"
    first = data["indicators"][0]
    assert first["id"] == "FW-01" and first["sdg"] == ["11.3.1"] and first["provider_name"] == "Stadt Lindenau"
    assert len(data["indicators"]) == 10


def test_the_dcat_record_of_the_indicator_set_passes_the_official_shapes(site: Path) -> None:
    pytest.importorskip("pyshacl")
    from slp_agreements.model.open_data import DcatProfile
    from slp_agreements.render.shacl import validate
    from tests.validators import validator

    record = json.loads((site / "dcat.jsonld").read_text(encoding="utf-8"))
    dataset = record["dcat:dataset"][0]
    assert dataset["@id"] == SITE_URL + "steckbriefe"
    assert dataset["dcat:landingPage"] == {"@id": SITE_URL + "index.html"}
    formats = [d["dct:format"]["@id"].rsplit("/", 1)[-1] for d in dataset["dcat:distribution"]]
    assert formats == ["CSV", "JSON", "HTML"]
    findings = validate(record, validator("dcat-ap-de"), DcatProfile.v3)
    assert [str(f) for f in findings] == []


def test_without_site_url_the_record_is_relative_and_the_command_says_so(tmp_path: Path) -> None:
    code, _, err = run_cli("indicators", NRW, "--format", "html", "--out", tmp_path / "s")
    assert code == 0, err
    assert "Ohne --site-url enthält dcat.jsonld Adressen relativ zur Website" in err
    record = json.loads((tmp_path / "s" / "dcat.jsonld").read_text(encoding="utf-8"))
    assert record["dcat:dataset"][0]["dcat:landingPage"] == {"@id": "index.html"}


def test_from_a_table_alone_the_site_has_no_dcat_record_and_says_why(tmp_path: Path) -> None:
    code, _, err = run_cli("indicators", CSV, "--format", "html", "--out", tmp_path / "s")
    assert code == 0, err
    assert "keinen DCAT-AP.de-Eintrag" in err
    assert not (tmp_path / "s" / "dcat.jsonld").exists()
    assert (tmp_path / "s" / "index.html").is_file()


def test_the_site_is_not_overwritten_without_force(site: Path) -> None:
    before = (site / "index.html").read_bytes()
    code, _, err = run_cli("indicators", NRW, "--format", "html", "--out", site)
    assert code == 1 and "--force" in err
    assert (site / "index.html").read_bytes() == before


def test_the_site_in_english(tmp_path: Path) -> None:
    code, _, err = run_cli("indicators", NRW, "--format", "html", "--out", tmp_path / "s", "--lang", "en")
    assert code == 0, err
    index = (tmp_path / "s" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in index and "Skip to content" in index and "Goal 11: Sustainable cities" in index


# In headless Chromium, offline: axe-core finds no violation, the page loads nothing from elsewhere, the filter and
# the keyboard work, from the file system and from a plain web server.


def test_every_page_has_no_axe_violation_and_loads_nothing_from_elsewhere(site: Path, browser: Any) -> None:
    for page in _pages(site):
        violations = axe_violations(browser, page.as_uri())
        assert violations == [], f"{page.name}:\n{describe(violations)}"
        assert all(u.startswith("file:") for u in requested_urls(browser)), requested_urls(browser)
    assert len(_pages(site)) == 11


def _select(browser: Any, element_id: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", element_id)).select_by_value(value)


def _visible_ids(browser: Any) -> list[str]:
    rows = browser.find_elements("css selector", "#liste tbody tr")
    return [r.find_element("css selector", "td").text for r in rows if r.is_displayed()]


def test_the_filter_narrows_the_list_by_sdg_and_topic_and_announces_the_count(site: Path, browser: Any) -> None:
    browser.get((site / "index.html").as_uri())
    assert browser.find_element("id", "filter").is_displayed()
    assert browser.find_element("id", "anzahl").get_attribute("aria-live") == "polite"
    _select(browser, "f-sdg", "11.1")
    assert _visible_ids(browser) == ["FW-05", "FW-06", "FW-07", "FW-08", "FW-10"]
    assert browser.find_element("id", "anzahl").text == "5 von 10 Indikatoren"
    _select(browser, "f-sdg", "11.3")  # a target includes its indicators (FW-01 is on 11.3.1)
    assert _visible_ids(browser) == ["FW-01", "FW-02", "FW-03", "FW-04", "FW-09"]
    _select(browser, "f-topic", "Wohnen")
    assert _visible_ids(browser) == []
    assert browser.find_element("id", "keine").is_displayed()
    violations = axe_violations(browser, None)  # the page as it is now, with its empty list
    assert violations == [], describe(violations)
    _select(browser, "f-sdg", "11")
    _select(browser, "f-topic", "Wohnen")
    assert _visible_ids(browser) == ["FW-05", "FW-06", "FW-07", "FW-08", "FW-10"]
    from selenium.webdriver.support.ui import WebDriverWait

    browser.find_element("css selector", "button[type=reset]").click()
    # The form resets its fields first and the list follows in the next task: wait for that, not for a time.
    WebDriverWait(browser, 10).until(lambda b: b.find_element("id", "anzahl").text == "10 von 10 Indikatoren")
    assert len(_visible_ids(browser)) == 10


def test_the_keyboard_reaches_the_skip_link_first_and_then_the_filter(site: Path, browser: Any) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.get((site / "index.html").as_uri())
    ActionChains(browser).send_keys(Keys.TAB).perform()
    active = browser.switch_to.active_element
    assert active.get_attribute("class") == "skip" and active.is_displayed()
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element.get_attribute("id") == "f-sdg"


@pytest.fixture
def web_server(site: Path) -> Iterator[str]:
    """A plain web server on the loopback address serving the site folder."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_the_site_works_from_a_plain_web_server(site: Path, web_server: str, browser: Any) -> None:
    for page in _pages(site):
        with urllib.request.urlopen(web_server + page.name) as response:
            assert response.status == 200
    violations = axe_violations(browser, web_server + "fw-01.html")
    assert violations == [], describe(violations)
    assert all(u.startswith(web_server) for u in requested_urls(browser))
    browser.find_element("link text", "Alle Indikatoren").click()
    _select(browser, "f-topic", "Fläche")
    assert _visible_ids(browser) == ["FW-01", "FW-02", "FW-03", "FW-04", "FW-09"]
