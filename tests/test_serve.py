"""`slp-agreements serve`: the web interview over HTTP — the whole Niedersachsen situation, errors, reload, resume
of a file `new` started, and the safety rules (Host header, CSRF token, paths, sizes, escaping, CSP)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.interviewer import plain_answers
from tests.test_new import ENV, SITUATION
from tests.web_clerk import entries, page_form

testclient = pytest.importorskip("starlette.testclient", reason="starlette and httpx (test extra) missing")
from slp_agreements.web.app import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BASE = "http://127.0.0.1:8765"


def _client(folder: Path) -> Any:
    return testclient.TestClient(create_app(folder, pdf=False), base_url=BASE, follow_redirects=False)


def _token(client: Any) -> str:
    page = client.get("/")
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


def _screen(html: str) -> str:
    found = re.search(r'name="s" value="([^"]*)"', html)
    assert found, html[:2000]
    return found.group(1).replace("&#34;", '"').replace("&amp;", "&")


def _send(client: Any, url: str, html: str, typed: dict[str, Any], action: str = "next") -> Any:
    """Post the page's form as a browser would: its suggestions, with ``typed`` over them."""
    data = page_form(html)
    for key, value in typed.items():
        if value == "" or value == []:
            continue
        data[key] = value if isinstance(value, list) else [value]
    data["action"] = [action]
    return client.post(url, data=data)


def _drive(client: Any, folder: Path, name: str, situation: dict[str, Any], limit: int = 80,
           stop: str | None = None) -> list[str]:  # fmt: skip
    """Answer page after page until the review (or until the page of screen ``stop``); the screens answered."""
    seen: list[str] = []
    url = f"/v/{name}/frage"
    while len(seen) < limit:
        page = client.get(url)
        if page.status_code == 303:
            url = page.headers["location"]
            if "uebersicht" in url:
                return seen
            continue
        assert page.status_code == 200, page.text
        key = _screen(page.text)
        if key == stop:
            return seen
        answer = _send(client, f"/v/{name}/frage", page.text, entries(folder, name, key, situation))
        if answer.status_code == 200 and "weitere Felder geöffnet" in answer.text:
            # Without JavaScript a form grows on the server: an answer opened a field; the clerk fills it.
            answer = _send(client, f"/v/{name}/frage", answer.text, entries(folder, name, key, situation))
        assert answer.status_code == 303, answer.text[:3000]
        seen.append(key)
        url = answer.headers["location"]
        if "uebersicht" in url:
            return seen
    raise AssertionError(f"no end: {seen[-5:]}")


def _new(client: Any, title: str) -> str:
    answer = client.post("/neu", data={"csrf": _token(client), "titel": title})
    assert answer.status_code == 303
    return str(answer.headers["location"]).split("/")[2]


def test_the_niedersachsen_situation_page_by_page_with_errors_a_reload_and_the_build(tmp_path: Path) -> None:
    situation = plain_answers(SITUATION)
    client = _client(tmp_path)
    name = _new(client, "Web-GIS Heideland")
    assert (tmp_path / f"{name}.yaml").is_file()
    # Up to the first party: then a wrong AGS is refused at its field, with the error tied to it and summarised.
    _drive(client, tmp_path, name, situation, stop="parties[0]")
    page = client.get(f"/v/{name}/frage")
    assert _screen(page.text) == "parties[0]"
    typed = entries(tmp_path, name, "parties[0]", situation)
    bad = _send(client, f"/v/{name}/frage", page.text, {**typed, "parties[0].ags": "05355000"})
    assert bad.status_code == 422
    assert "Niedersachsen hat aber den Schlüssel 03" in bad.text
    field_id = re.search(r'id="(f\d+)" name="parties\[0\]\.ags"', bad.text)
    assert field_id, bad.text
    assert f'aria-describedby="{field_id.group(1)}-hint {field_id.group(1)}-error"' in bad.text or (
        f"{field_id.group(1)}-error" in re.search(r'name="parties\[0\]\.ags"[^>]*', bad.text).group(0)  # type: ignore[union-attr]
    )
    assert f'href="#{field_id.group(1)}"' in bad.text  # the summary links to the field
    assert 'value="05355000"' in bad.text  # what was typed stays in the field
    # What was valid on the page is saved already; a reload shows the page again (nothing lost).
    saved = plain_answers(tmp_path / f"{name}.yaml")
    assert saved["parties"][0]["name"] == situation["parties"][0]["name"]
    assert _screen(client.get(f"/v/{name}/frage").text) == "parties[0]"
    # A restarted server continues where the clerk stopped.
    client = _client(tmp_path)
    _drive(client, tmp_path, name, situation, stop="form:laufzeit")
    page = client.get(f"/v/{name}/frage")
    typed = entries(tmp_path, name, "form:laufzeit", situation)
    bad = _send(client, f"/v/{name}/frage", page.text, {**typed, "term.start": "31.02.2027"})
    assert bad.status_code == 422 and "31.02.2027" in bad.text
    assert 'class="error"' in bad.text
    _drive(client, tmp_path, name, situation)
    review = client.get(f"/v/{name}/uebersicht")
    assert review.status_code == 200
    assert "Landkreis Heideland" in review.text and 'href="/v/' in review.text
    assert "Vorschau des Vertragsentwurfs" in review.text and "§ 1" in review.text.replace("\xa0", " ")
    built = client.post(f"/v/{name}/erzeugen", data={"csrf": _token(client)})
    assert built.status_code == 303, built.text[:3000]
    result = client.get(built.headers["location"])
    assert "vertrag" in result.text
    docx = client.get(f"/v/{name}/datei/vertrag")
    assert docx.status_code == 200
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs).replace("\xa0", " ")
    for party in situation["parties"]:
        assert party["name"] in text
    assert "§ 1" in text
    answers = client.get(f"/v/{name}/datei/antworten")
    assert answers.status_code == 200 and b"land: NI" in answers.content


def test_the_browser_continues_an_answers_file_that_new_started(tmp_path: Path) -> None:
    started = subprocess.run(
        [sys.executable, "-m", "slp_agreements", "new", "--answers", "begonnen.yaml", "--out", "."],
        input="\n9\n5\n1\n", cwd=tmp_path, env=ENV, capture_output=True, text=True,  # Enter: German documents
        timeout=120,
    )  # fmt: skip
    assert started.returncode == 1  # the input ended early; the answers so far are saved
    client = _client(tmp_path)
    start = client.get("/")
    assert "/v/begonnen/frage" in start.text and "begonnen.yaml" in start.text
    page = client.get("/v/begonnen/frage")
    assert page.status_code == 200
    assert "Wie heißt das Vorhaben" in page.text  # the next open question, not the first one
    assert _screen(page.text) == "form:vorhaben"
    assert "Bundesland" not in re.sub(r"<nav.*?</nav>", "", page.text, flags=re.S)


def test_a_foreign_host_header_is_refused(tmp_path: Path) -> None:
    client = testclient.TestClient(create_app(tmp_path, pdf=False), base_url="http://evil.example:8765")
    assert client.get("/").status_code == 400
    assert _client(tmp_path).get("/", headers={"host": "attacker.example"}).status_code == 400


def test_a_post_without_or_with_a_wrong_token_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    client = _client(tmp_path)
    _token(client)
    assert client.post("/neu", data={"titel": "X"}).status_code == 403
    assert client.post("/neu", data={"titel": "X", "csrf": "falsch"}).status_code == 403
    assert not list(tmp_path.glob("*.yaml"))
    name = _new(client, "Probe")
    before = (tmp_path / f"{name}.yaml").read_bytes()
    assert client.post(f"/v/{name}/frage", data={"s": "land", "land": "9"}).status_code == 403
    assert (tmp_path / f"{name}.yaml").read_bytes() == before


@pytest.mark.parametrize(
    "url",
    [
        "/v/..%2F..%2Fetc%2Fpasswd/frage",
        "/v/../frage",
        "/v/%2e%2e/uebersicht",
        "/v/probe/datei/..%2Fprobe.yaml",
        "/v/probe/datei/%2Fetc%2Fpasswd",
        "/v/probe/frage?s=../../etc/passwd",
        "/v/PROBE/frage",
        "/static/..%2F..%2Fapp.py",
        "/v/probe.yaml/frage",
    ],
)
def test_path_traversal_in_any_parameter_gets_400_or_404_and_touches_nothing(tmp_path: Path, url: str) -> None:
    client = _client(tmp_path)
    name = _new(client, "Probe")
    assert name == "probe"
    files = sorted(p.name for p in tmp_path.rglob("*"))
    answer = client.get(url)
    assert answer.status_code in (400, 404), (url, answer.status_code)
    posted = client.post(url.split("?")[0], data={"csrf": _token(client), "s": "../../x"})
    assert posted.status_code in (400, 403, 404, 405), (url, posted.status_code)
    assert sorted(p.name for p in tmp_path.rglob("*")) == files


def test_output_is_escaped_and_every_answer_has_a_content_security_policy(tmp_path: Path) -> None:
    client = _client(tmp_path)
    name = _new(client, "Probe")
    page = client.get(f"/v/{name}/frage")
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    shutil.copy(SITUATION, tmp_path / "skript.yaml")
    raw = (tmp_path / "skript.yaml").read_text(encoding="utf-8")
    (tmp_path / "skript.yaml").write_text(
        re.sub(r"project: .*", 'project: "<script>alert(1)</script>"', raw, count=1), encoding="utf-8"
    )
    start = client.get("/")
    assert "<script>alert(1)" not in start.text and "&lt;script&gt;alert(1)" in start.text


def test_an_oversized_post_is_refused_before_it_is_read(tmp_path: Path) -> None:
    client = _client(tmp_path)
    token = _token(client)
    answer = client.post("/neu", data={"csrf": token, "titel": "x" * (3 * 1024 * 1024)})
    assert answer.status_code == 413
    assert not list(tmp_path.glob("*.yaml"))


def test_serve_on_another_host_needs_allow_remote(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "slp_agreements", "serve", "--folder", str(tmp_path), "--host", "0.0.0.0"],
        env=ENV, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert "--allow-remote" in result.stderr + result.stdout


def test_the_web_interview_asks_the_english_versions_beside_the_german_text_and_keeps_them(tmp_path: Path) -> None:
    situation = plain_answers(ROOT / "examples" / "bayern-absichtserklaerung.yaml")
    situation["language"] = "de,en"
    agreement = situation["agreement"]
    agreement["project"] = {"de": agreement["project"], "en": "Digital Alliance Upper Altmühl Valley"}
    english = ["Joint review of digital services", "Agreeing a joint geodata offer", "Preparing a binding agreement"]
    agreement["purposes"] = [{"de": d, "en": e} for d, e in zip(agreement["purposes"], english, strict=True)]
    client = _client(tmp_path)
    name = _new(client, "Zweisprachig")
    seen = _drive(client, tmp_path, name, situation)
    assert "form:vorhaben" in seen and not any(key.endswith(".en") for key in seen)  # beside the German, one page
    saved = yaml.safe_load((tmp_path / f"{name}.yaml").read_text(encoding="utf-8"))
    assert saved["language"] == "de,en"
    assert saved["agreement"]["project"] == agreement["project"]
    assert saved["agreement"]["purposes"][2] == agreement["purposes"][2]
    assert isinstance(saved["agreement"]["subject"], str)  # left empty: the German text alone
    # Shown again after a restart: each English field with the German text as its hint, the English kept.
    again = _client(tmp_path).get(f"/v/{name}/frage?s=form%3Avorhaben")
    assert again.status_code == 200
    assert "Vorhaben (englische Fassung)" in again.text and 'name="agreement.subject.en"' in again.text
    assert "Deutsche Fassung: „Digitale Allianz Oberes Altmühltal“" in again.text
    assert 'value="Digital Alliance Upper Altmühl Valley"' in again.text
