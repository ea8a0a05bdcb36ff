"""`slp-agreements serve` in a real browser (headless Chromium, tests/browser.py): the Niedersachsen situation page
by page with errors and a reload, the build and the DOCX; axe-core on every page type; screenshots at 1280×800
and 390×844 (into $SLP_SCREENSHOTS when set, else the test's temporary folder)."""

from __future__ import annotations

import io
import os
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import axe_violations, describe, requested_urls
from tests.interviewer import plain_answers
from tests.test_new import SITUATION
from tests.web_clerk import entries

uvicorn = pytest.importorskip("uvicorn", reason="uvicorn missing")
from slp_agreements.web.app import create_app  # noqa: E402

TIMEOUT = 60


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The web interview on a free loopback port in a thread, started when it answers; (address, folder)."""
    folder = tmp_path / "ordner"
    folder.mkdir()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(folder, pdf=False), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + TIMEOUT
    while not srv.started:  # a condition, not a fixed sleep: the server says when it listens
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", folder
    srv.should_exit = True
    thread.join(TIMEOUT)


def _wait_for_page(browser: Any, old: Any) -> None:
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    def gone(_: Any) -> bool:
        """The old page's root is no longer in the document (Chromium says so as 'stale' or as 'unknown node')."""
        try:
            old.is_enabled()
        except WebDriverException:  # StaleElementReferenceException is one of them
            return True
        return False

    WebDriverWait(browser, TIMEOUT).until(gone)
    WebDriverWait(browser, TIMEOUT).until(lambda b: b.execute_script("return document.readyState") == "complete")


def _screen(browser: Any) -> str | None:
    found = browser.find_elements("css selector", "input[name=s]")
    return found[0].get_attribute("value") if found else None


def _fill(browser: Any, typed: dict[str, Any]) -> None:
    """Enter what the clerk types; an empty entry leaves the page's suggestion."""
    for key, value in typed.items():
        if value in ("", []):
            continue
        inputs = browser.find_elements("css selector", f'[name="{key}"]')
        if not inputs:
            continue
        kind = inputs[0].get_attribute("type")
        if kind == "radio":
            wanted = str(value)
            if wanted.lower() in ("ja", "yes", "j", "y"):
                wanted = "j"
            elif wanted.lower() in ("nein", "no", "n"):
                wanted = "n"
            browser.find_element("css selector", f'[name="{key}"][value="{wanted}"]').click()
        elif kind == "checkbox":
            for box in inputs:
                if box.is_selected() != (box.get_attribute("value") in value):
                    box.click()
        else:
            inputs[0].clear()
            inputs[0].send_keys(str(value))


def _next(browser: Any) -> None:
    button = browser.find_element("css selector", "button[name=action][value=next]")
    html = browser.find_element("tag name", "html")
    button.click()
    _wait_for_page(browser, html)


def _shots(browser: Any, name: str, folder: Path) -> None:
    for width, height in ((1280, 800), (390, 844)):
        browser.set_window_size(width, height)
        path = folder / f"{name}-{width}x{height}.png"
        assert browser.save_screenshot(str(path)) and path.stat().st_size > 5000
        wide = browser.execute_script("return document.documentElement.scrollWidth")
        assert wide <= width, f"{name} at {width} px scrolls sideways ({wide} px)"
    browser.set_window_size(1280, 1000)


def _clean(browser: Any, what: str) -> None:
    violations = axe_violations(browser, None)
    assert not violations, f"{what}:\n{describe(violations)}"


def test_the_niedersachsen_situation_in_the_browser(server: tuple[str, Path], browser: Any, tmp_path: Path) -> None:
    base, folder = server
    shots = Path(os.environ.get("SLP_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    situation = plain_answers(SITUATION)
    browser.set_window_size(1280, 1000)
    browser.get(base + "/")
    assert browser.find_element("tag name", "html").get_attribute("lang") == "de"
    _clean(browser, "start page")
    assert all(u.startswith(base) for u in requested_urls(browser))
    browser.find_element("id", "titel").send_keys("Web-GIS Heideland")
    html = browser.find_element("tag name", "html")
    browser.find_element("css selector", "form[action='/neu'] button").click()
    _wait_for_page(browser, html)
    name = browser.current_url.split("/")[4]
    _clean(browser, "question page")
    seen: list[str] = []
    errors_met = {"ags": False, "date": False}
    reloaded = False
    while (key := _screen(browser)) is not None:
        assert len(seen) < 80, seen[-5:]
        typed = entries(folder, name, key, situation)
        if key == "parties[0]" and not errors_met["ags"]:
            _shots(browser, "frage", shots)
            _fill(browser, {**typed, "parties[0].ags": "05355000"})
            _next(browser)
            assert "Niedersachsen hat aber den Schlüssel 03" in browser.page_source
            field = browser.find_element("css selector", '[name="parties[0].ags"]')
            described = field.get_attribute("aria-describedby") or ""
            error = browser.find_element("id", described.split()[-1])
            assert "Schlüssel 03" in error.text
            browser.find_element("css selector", f'.summary a[href="#{field.get_attribute("id")}"]')
            _clean(browser, "page with errors")
            errors_met["ags"] = True
            continue
        if key == "form:laufzeit" and not errors_met["date"]:
            _fill(browser, {**typed, "term.start": "31.02.2027"})
            _next(browser)
            assert browser.find_elements("css selector", ".summary a")
            errors_met["date"] = True
            continue
        if key == "data.datasets[0]" and not reloaded:
            browser.refresh()  # a reload in the middle: the same page, nothing lost
            assert _screen(browser) == key
            reloaded = True
        _fill(browser, typed)
        _next(browser)
        if _screen(browser) == key and "weitere Felder" in browser.page_source:
            _fill(browser, entries(folder, name, key, situation))  # the form grew on the server
            _next(browser)
        assert _screen(browser) != key or key.startswith("count:"), browser.page_source[:3000]
        seen.append(key)
    assert all(errors_met.values()) and reloaded
    assert "uebersicht" in browser.current_url
    assert "Landkreis Heideland" in browser.page_source
    _clean(browser, "review")
    _shots(browser, "uebersicht", shots)
    html = browser.find_element("tag name", "html")
    browser.find_element("css selector", "form.build button").click()
    _wait_for_page(browser, html)
    assert "ergebnis" in browser.current_url
    _clean(browser, "result page")
    link = browser.find_element("css selector", "a[href$='/datei/vertrag']").get_attribute("href")
    with urllib.request.urlopen(link, timeout=TIMEOUT) as response:
        data = response.read()
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs).replace("\xa0", " ")
    for party in situation["parties"]:
        assert party["name"] in text
    assert "§ 1" in text


def _started_by_new(folder: Path, situation: dict[str, Any], screens: int) -> list[str]:
    """`slp-agreements new` answers the first ``screens`` screens of the situation, typed line by line as into a
    pipe, and stops there (the input ends: the answers so far are saved); the screens it answered."""
    import subprocess
    import sys

    from slp_agreements.model.answers import SCHEMA_VERSION
    from slp_agreements.questionnaire.engine import Library
    from slp_agreements.questionnaire.interview import Interview
    from tests.interviewer import Clerk
    from tests.test_new import ENV

    # The lines a person types: what the clerk types into each field of the first screens (the engine tells).
    iv = Interview(raw={"schema_version": SCHEMA_VERSION}, lang="de", library=Library.load([]))
    clerk = Clerk(situation)
    for _ in range(screens):
        screen = iv.next()
        assert screen is not None
        clerk.answer(iv, screen)
    started = subprocess.run(
        [sys.executable, "-m", "slp_agreements", "new", "--answers", "begonnen.yaml", "--out", "."],
        input="\n".join(clerk.typed.values()) + "\n", cwd=folder, env=ENV, capture_output=True, text=True,
        timeout=TIMEOUT,
    )  # fmt: skip
    assert started.returncode == 1 and "Die Eingabe endete" in started.stderr, started.stdout + started.stderr
    return clerk.screens


def test_the_browser_resumes_what_new_started_and_finishes_it(
    server: tuple[str, Path], browser: Any, tmp_path: Path
) -> None:
    base, folder = server
    situation = plain_answers(Path(__file__).parents[1] / "examples" / "bayern-absichtserklaerung.yaml")
    in_terminal = _started_by_new(folder, situation, screens=5)  # language, Land, transfer, kind, the project form
    assert in_terminal[-1] == "form:vorhaben"
    browser.set_window_size(1280, 1000)
    browser.get(base + "/")
    listed = browser.find_element("css selector", "a[href='/v/begonnen/frage']")
    assert "Digitale Allianz Oberes Altmühltal" in browser.page_source
    _clean(browser, "start page with an agreement new started")
    html = browser.find_element("tag name", "html")
    listed.click()
    _wait_for_page(browser, html)
    assert _screen(browser) == "count:parties"  # where new stopped, not the first question
    _clean(browser, "question page after resuming")
    # Back once: the project form shows what was typed in the terminal.
    html = browser.find_element("tag name", "html")
    browser.find_element("css selector", "button[name=action][value=back]").click()
    _wait_for_page(browser, html)
    assert _screen(browser) == "form:vorhaben"
    shown = browser.find_element("css selector", '[name="agreement.project"]').get_attribute("value")
    assert shown == situation["agreement"]["project"]
    seen: list[str] = []
    while (key := _screen(browser)) is not None:
        assert len(seen) < 40, seen[-5:]
        _fill(browser, entries(folder, "begonnen", key, situation))
        _next(browser)
        assert _screen(browser) != key or key.startswith("count:"), browser.page_source[:3000]
        seen.append(key)
    assert "uebersicht" in browser.current_url
    review = browser.page_source
    for earlier in (situation["agreement"]["project"], "Bayern", situation["parties"][0]["name"]):
        assert earlier in review, earlier
    _clean(browser, "review of the resumed agreement")
    html = browser.find_element("tag name", "html")
    browser.find_element("css selector", "form.build button").click()
    _wait_for_page(browser, html)
    assert "ergebnis" in browser.current_url
    _clean(browser, "result page of the resumed agreement")
    link = browser.find_element("css selector", "a[href$='/datei/vertrag']").get_attribute("href")
    with urllib.request.urlopen(link, timeout=TIMEOUT) as response:
        data = response.read()
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs).replace("\xa0", " ")
    for party in situation["parties"]:
        assert party["name"] in text
    assert situation["agreement"]["project"] in text and "Absichtserklärung" in text
