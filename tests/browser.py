"""Headless Chromium for tests, with axe-core for accessibility: Debian's chromium and chromium-driver, offline.

Used by the website of indicator profiles (tests/test_website.py) and meant for the web interview too. Nothing is
downloaded while testing: Selenium gets the driver's path (so Selenium Manager never runs) and axe-core is read
from a file (npm package ``axe-core``; .ci/run installs it and sets ``AXE_CORE_JS``). When Chromium, the driver,
Selenium or axe-core is missing, the tests that need them skip and say what to install.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The real binary: /usr/bin/chromium is a shell wrapper that Selenium cannot drive.
_CHROMIUM = ["/usr/lib/chromium/chromium", "chromium", "chromium-browser"]
_DRIVER = ["/usr/bin/chromedriver", "chromedriver"]
_AXE = [
    ROOT / "node_modules" / "axe-core" / "axe.min.js",
    Path.home() / ".cache" / "slp-agreements" / "node_modules" / "axe-core" / "axe.min.js",
]
INSTALL = (
    "apt-get install chromium chromium-driver; npm install --prefix ~/.cache/slp-agreements axe-core@4.10.3 "
    "(or set AXE_CORE_JS to an axe.min.js)"
)
# Flags for a quiet, offline browser: no background traffic, no first-run pages, a fresh profile.
_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
          "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
          "--window-size=1280,1000"]  # fmt: skip


def _first(candidates: list[str]) -> str | None:
    for c in candidates:
        found = c if Path(c).is_file() else shutil.which(c)
        if found:
            return found
    return None


def axe_script() -> Path | None:
    """The axe.min.js to inject: AXE_CORE_JS, else a known install location."""
    if os.environ.get("AXE_CORE_JS"):
        return Path(os.environ["AXE_CORE_JS"])
    return next((p for p in _AXE if p.is_file()), None)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session (starting it costs about a second)."""
    webdriver = pytest.importorskip("selenium.webdriver", reason=f"selenium missing (test extra); {INSTALL}")
    from selenium.webdriver.chrome.service import Service

    chromium, driver_path = _first(_CHROMIUM), _first(_DRIVER)
    if not chromium or not driver_path:
        pytest.skip(f"Chromium or chromedriver not installed: {INSTALL}")
    profile = tempfile.mkdtemp(prefix="slp-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in [*_FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def axe_violations(driver: Any, url: str | None) -> list[dict[str, Any]]:
    """Open the page (None: stay on the page as it is now) and run axe-core with its default rules (WCAG 2.0 and
    2.1 A and AA, best practices); its violations."""
    script = axe_script()
    if script is None or not script.is_file():
        pytest.skip(f"axe-core not found: {INSTALL}")
    if url is not None:
        driver.get(url)
    driver.execute_script(script.read_text(encoding="utf-8"))
    result: dict[str, Any] = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r), e => done({error: String(e)}));"
    )
    assert "error" not in result, result
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    """One line per violation: rule, impact, how many elements, the first element."""
    return "\n".join(
        f"{v['id']} ({v['impact']}): {len(v['nodes'])}× {v['help']} – {v['nodes'][0]['target']}" for v in violations
    )


def requested_urls(driver: Any) -> list[str]:
    """Every resource the current page loaded (style sheets, scripts, images), as the browser recorded them."""
    urls: list[str] = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href]);"
    )
    return urls
