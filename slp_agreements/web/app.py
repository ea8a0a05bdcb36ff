"""`slp-agreements serve`: the questionnaire in the browser, a Starlette app over the same engine as `new`.

Pages: the start page (the agreements in the folder, a new one), one page per screen of the engine with a progress
bar naming the sections, the review with an edit link per answer and a preview of the agreement, the result with
downloads. Every page works without JavaScript. Safe by default: the Host header must be the server's own
(DNS rebinding), every POST carries the CSRF token of its cookie, a request names agreements only by a name the
folder gives (never a path), uploads are limited in size and checked like the tables of `--each-party`, Jinja2
escapes all output and a Content-Security-Policy allows only the server's own style sheet.
"""

from __future__ import annotations

import hmac
import json
import secrets
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from slp_agreements.errors import UserError
from slp_agreements.questionnaire.engine import Screen
from slp_agreements.questionnaire.interview import Interview
from slp_agreements.questionnaire.run import write_and_build
from slp_agreements.questionnaire.wording import in_language
from slp_agreements.web.pages import form_fields, read_form, suggestion, trial_with
from slp_agreements.web.store import DOWNLOADS, Folder
from slp_agreements.web.words import texts

HERE = Path(__file__).resolve().parent
MAX_BODY = 2 * 1024 * 1024  # bytes of one POST (a form, or an indicator table)
CSRF_COOKIE = "slp_csrf"
NOTICE_COOKIE = "slp_hinweis"
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
LOOPBACK = ("127.0.0.1", "localhost", "::1")


class Guard:
    """The checks before any page: the Host header, the size of a POST; security headers on every answer."""

    def __init__(self, app: ASGIApp, hosts: tuple[str, ...]) -> None:
        self.app = app
        self.hosts = {h.lower() for h in hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse a foreign Host and an oversized or unsized POST; add the security headers."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        name = host.rsplit(":", 1)[0] if not host.startswith("[") else host[1:].split("]")[0]
        if name.lower() not in self.hosts:
            await _plain(400, "Unbekannter Host: Diese Seite ist nur unter ihrer eigenen Adresse erreichbar.")(
                scope, receive, send
            )
            return
        if scope["method"] == "POST":
            length = headers.get("content-length", "")
            if not length.isdigit():
                await _plain(411, "Content-Length fehlt.")(scope, receive, send)
                return
            if int(length) > MAX_BODY:
                await _plain(413, texts("de")["too_large"].format(mb=MAX_BODY // (1024 * 1024)))(scope, receive, send)
                return

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                extra = [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                    (b"cache-control", b"no-store"),
                ]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _plain(status: int, text: str) -> Response:
    return Response(text, status_code=status, media_type="text/plain; charset=utf-8")


class Web:
    """The pages of one folder."""

    def __init__(self, folder: Path, *, pdf: bool | None = None) -> None:
        self.folder = Folder(folder)
        self.pdf = pdf
        self.env = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(default=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )

    # --- plumbing ---------------------------------------------------------------------------------------

    def page(self, request: Request, template: str, lang: str, status: int = 200, **data: Any) -> HTMLResponse:
        """A page from its template, with the CSRF token (a new one is set as cookie) and any notice."""
        token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
        notices = _notices(request)
        html = self.env.get_template(template).render(w=texts(lang), lang=lang, csrf=token, notices=notices, **data)
        response = HTMLResponse(html, status_code=status)
        if request.cookies.get(CSRF_COOKIE) != token:
            response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
        if notices:
            response.delete_cookie(NOTICE_COOKIE, path="/")
        return response

    async def form(self, request: Request) -> Any:
        """The POST's form, after its CSRF token was checked (a wrong one: 403)."""
        form = await request.form(max_files=1, max_fields=400, max_part_size=MAX_BODY)
        sent = form.get("csrf")
        cookie = request.cookies.get(CSRF_COOKIE)
        if not isinstance(sent, str) or not cookie or not hmac.compare_digest(sent, cookie):
            raise _Refused(403, texts("de")["csrf"])
        return form

    def interview(self, name: str) -> Interview:
        """The interview of an agreement of the folder (an unknown name: 404)."""
        try:
            return self.folder.interview(name)
        except KeyError:
            raise _Refused(404, texts("de")["not_found"]) from None
        except UserError as exc:
            raise _Refused(400, str(exc)) from None

    # --- pages ------------------------------------------------------------------------------------------

    async def start(self, request: Request) -> Response:
        """The agreements in the folder and a form to start a new one."""
        lang = _lang(request)
        return self.page(request, "start.html", lang, entries=self.folder.entries(), folder=str(self.folder.root))

    async def new(self, request: Request) -> Response:
        """Start a new agreement: a new answers file in the folder, then its first question."""
        form = await self.form(request)
        title = str(form.get("titel") or "").strip()[:120]
        lang = str(form.get("lang") or _lang(request))
        name = self.folder.create(title, "en" if lang == "en" else "de")
        return RedirectResponse(f"/v/{name}/frage", status_code=303)

    async def question(self, request: Request) -> Response:
        """One screen of the interview (?s=KEY; without it the next open one)."""
        name = request.path_params["name"]
        iv = self.interview(name)
        key = request.query_params.get("s")
        screen = iv.screen_for(key) if key else iv.next()
        if key and screen is None:
            raise _Refused(404, texts(iv.lang)["not_found"])
        if screen is None:
            return RedirectResponse(f"/v/{name}/uebersicht", status_code=303)
        from_review = request.query_params.get("von") == "uebersicht"
        return self.question_page(request, name, iv, screen, from_review, typed=None)

    def question_page(
        self,
        request: Request,
        name: str,
        iv: Interview,
        screen: Screen,
        from_review: bool,
        typed: dict[str, str] | None,
        errors: dict[str, str] | None = None,
        notes: dict[str, list[str]] | None = None,
        confirm: list[str] | None = None,
        opened: bool = False,
        values: dict[str, Any] | None = None,
    ) -> HTMLResponse:
        """The page of one screen, with what was typed and its errors, or the answers a change would drop."""
        w = texts(iv.lang)
        trial = trial_with(iv, screen, values or {})
        fields = form_fields(iv, screen, trial, typed, errors, notes)
        for f in fields:
            if f.key in iv.recheck and not f.error:
                f.notes = [w["recheck"].format(message=iv.recheck[f.key]), *f.notes]
        pos = iv.position(screen)
        back = iv.back(screen)
        title = iv.title(screen)
        status = 422 if errors else 200
        return self.page(
            request,
            "question.html",
            iv.lang,
            status=status,
            name=name,
            screen=screen,
            fields=fields,
            title=title,
            heading=title if screen.kind == "form" else pos.section.title(iv.lang),
            position=w["position"].format(section=pos.section.title(iv.lang), n=pos.number, total=pos.total),
            number=pos.number,
            total=pos.total,
            sections=iv.sections(),
            current=pos.section.id,
            has_back=back is not None,
            from_review=from_review,
            confirm=confirm or [],
            opened=opened,
            project=_project(iv),
            suggestion=suggestion,
        )

    async def answer(self, request: Request) -> Response:
        """A screen sent: read and check every field; store it, or show the page again with its errors."""
        name = request.path_params["name"]
        form = await self.form(request)
        iv = self.interview(name)
        key = str(form.get("s") or "")
        screen = iv.screen_for(key)
        if screen is None:
            raise _Refused(404, texts(iv.lang)["not_found"])
        from_review = form.get("von") == "uebersicht"
        action = form.get("action")
        if action == "back":
            before = iv.back(screen)
            target = f"/v/{name}/frage?s={quote(before.key)}" if before is not None else f"/v/{name}/frage"
            return RedirectResponse(target, status_code=303)
        typed = await self.typed(form, name, iv)
        untouched = frozenset(k for k in typed if form.get(f"{k}.suggested") == typed[k] and typed[k])
        values, errors, notes, opened = read_form(iv, screen, typed, untouched)
        if errors or opened:
            self.keep_valid(name, iv, screen, values)
            return self.question_page(
                request, name, iv, screen, from_review, typed, errors, notes, opened=opened, values=values
            )
        result = iv.submit(screen, values, confirmed=action == "confirm")
        if result.needs_confirm:
            if action == "cancel":
                return RedirectResponse(self.after(name, iv, from_review), status_code=303)
            return self.question_page(
                request, name, iv, screen, from_review, typed, notes=notes, confirm=result.needs_confirm, values=values
            )
        self.folder.save(name, iv)
        w = texts(iv.lang)
        said = [n for ns in notes.values() for n in ns]
        if result.dropped:
            said.append(w["dropped"].format(n=result.dropped))
        if result.restored:
            said.append(w["restored"].format(n=len(result.restored), what="; ".join(result.restored[:6])))
        said += [w["recheck"].format(message=m) for m in result.rechecks]
        response = RedirectResponse(self.after(name, iv, from_review), status_code=303)
        if said:
            response.set_cookie(
                NOTICE_COOKIE,
                quote(json.dumps(said[:8], ensure_ascii=False)),
                httponly=True,
                samesite="strict",
                path="/",
            )
        return response

    async def typed(self, form: Any, name: str, iv: Interview) -> dict[str, str]:
        """The form's fields as the text the engine reads (check boxes joined, an upload saved and named)."""
        typed: dict[str, str] = {}
        for key in form.getlist("_shown"):
            parts = form.getlist(key)
            texts_ = [p for p in parts if isinstance(p, str)]
            uploads = [p for p in parts if isinstance(p, UploadFile)]
            if uploads and uploads[0].filename:
                data = await uploads[0].read()
                try:
                    typed[key] = self.folder.upload(name, uploads[0].filename, data)
                except UserError as exc:
                    typed[key] = ""
                    raise _Refused(400, in_language(exc.message, iv.lang)) from None
                continue
            typed[key] = ",".join(texts_) if len(texts_) > 1 else (texts_[0] if texts_ else "")
            own = form.get(f"{key}.other")
            if isinstance(own, str) and own.strip():
                typed[key] = "; ".join(t for t in (typed[key], own.strip()) if t)
            if not texts_ and uploads:  # no new file chosen: the saved one stays
                typed[key] = str(form.get(f"{key}.kept") or "")
        return typed

    def keep_valid(self, name: str, iv: Interview, screen: Screen, values: dict[str, Any]) -> None:
        """A form sent with an error: what was valid in it is saved already (a closed tab loses nothing)."""
        if screen.kind != "form" or not values:
            return
        for step in iv.fields(screen, trial_with(iv, screen, values)):
            if step.key in values and step.kind == "ask":
                iv.store(iv.raw, step, values[step.key])
        self.folder.save(name, iv)

    def after(self, name: str, iv: Interview, from_review: bool) -> str:
        """Where a stored screen leads: the next open screen, else the review."""
        following = iv.next()
        if following is None:
            return f"/v/{name}/uebersicht"
        return f"/v/{name}/frage?s={quote(following.key)}" + ("&von=uebersicht" if from_review else "")

    async def review(self, request: Request) -> Response:
        """Every answer by section with an edit link, the final check, the build button and the preview."""
        name = request.path_params["name"]
        iv = self.interview(name)
        if iv.next() is not None and request.query_params.get("alle") != "1":
            return RedirectResponse(f"/v/{name}/frage", status_code=303)
        return self.review_page(request, name, iv, findings=None, failure=None)

    def review_page(
        self, request: Request, name: str, iv: Interview, findings: Any, failure: str | None, status: int = 200
    ) -> HTMLResponse:
        """The review page (``findings``: the final check's problems, shown at the top and at their rows)."""
        rows = iv.rows()
        grouped: list[tuple[str, list[Any]]] = []
        for row in rows:
            heading = row.section.title(iv.lang)
            if not grouped or grouped[-1][0] != heading:
                grouped.append((heading, []))
            grouped[-1][1].append(row)
        preview = None
        if not findings and not failure:
            preview = self.preview(name, iv)
        return self.page(
            request,
            "review.html",
            iv.lang,
            status=status,
            name=name,
            grouped=grouped,
            findings=findings or [],
            failure=failure,
            preview=preview,
            sections=iv.sections(),
            current="",
            project=_project(iv),
            quote=quote,
        )

    def preview(self, name: str, iv: Interview) -> Any:
        """The agreement's document model for the HTML preview; None while the answers are not complete."""
        if iv.findings():
            return None
        from slp_agreements.pipeline.agreement import preview

        try:
            return preview(self.folder.file(name))
        except UserError:
            return None

    async def build(self, request: Request) -> Response:
        """Run the final check; build agreement, checklist (and PDFs) into the folder, or show what to settle."""
        name = request.path_params["name"]
        await self.form(request)
        iv = self.interview(name)
        findings = iv.findings()
        if findings:
            return self.review_page(request, name, iv, findings, None, status=422)
        try:
            write_and_build(iv, self.folder.file(name), self.folder.root, pdf=self._pdf())
        except UserError as exc:
            failure = in_language(exc.message + "".join(f" {p}" for p in exc.problems), iv.lang)
            return self.review_page(request, name, iv, None, failure, status=422)
        return RedirectResponse(f"/v/{name}/ergebnis", status_code=303)

    def _pdf(self) -> bool:
        if self.pdf is not None:
            return self.pdf
        import shutil

        return bool(shutil.which("soffice") or shutil.which("libreoffice"))

    async def result(self, request: Request) -> Response:
        """The built files for download, and the next steps."""
        name = request.path_params["name"]
        iv = self.interview(name)
        files = [(what, self.folder.document(name, what)) for what in DOWNLOADS]
        found = [(what, path.name) for what, path in files if path is not None]
        if not found:
            return RedirectResponse(f"/v/{name}/uebersicht", status_code=303)
        return self.page(
            request,
            "result.html",
            iv.lang,
            name=name,
            files=found,
            folder=str(self.folder.root),
            answers=self.folder.file(name).name,
            project=_project(iv),
            sections=[],
            current="",
        )

    async def download(self, request: Request) -> Response:
        """One built file (or the answers file), by its word in the address: never a path."""
        name, what = request.path_params["name"], request.path_params["what"]
        try:
            if what == "antworten":
                path: Path | None = self.folder.file(name)
            elif what in DOWNLOADS:
                path = self.folder.document(name, what)
            else:
                path = None
        except KeyError:
            path = None
        if path is None:
            raise _Refused(404, texts("de")["not_found"])
        return FileResponse(path, filename=path.name)


class _Refused(Exception):
    """A request refused with a status and one sentence."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _lang(request: Request) -> str:
    return "en" if request.query_params.get("lang") == "en" else "de"


def _project(iv: Interview) -> str:
    agreement = iv.raw.get("agreement")
    return str(agreement.get("project") or "") if isinstance(agreement, dict) else ""


def _notices(request: Request) -> list[str]:
    from urllib.parse import unquote

    raw = request.cookies.get(NOTICE_COOKIE)
    if not raw:
        return []
    try:
        found = json.loads(unquote(raw))
    except ValueError:
        return []
    return [str(n) for n in found][:8] if isinstance(found, list) else []


def create_app(folder: Path, *, hosts: tuple[str, ...] = LOOPBACK, pdf: bool | None = None) -> Starlette:
    """The web interview over ``folder`` (answers files and documents); ``hosts``: the names it answers to."""
    web = Web(folder, pdf=pdf)

    async def refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, _Refused)
        return _plain(exc.status, exc.message)

    async def not_found(request: Request, exc: Exception) -> Response:
        return _plain(404, texts("de")["not_found"])

    routes = [
        Route("/", web.start),
        Route("/neu", web.new, methods=["POST"]),
        Route("/v/{name}/frage", web.question),
        Route("/v/{name}/frage", web.answer, methods=["POST"]),
        Route("/v/{name}/uebersicht", web.review),
        Route("/v/{name}/erzeugen", web.build, methods=["POST"]),
        Route("/v/{name}/ergebnis", web.result),
        Route("/v/{name}/datei/{what}", web.download),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    return Starlette(
        routes=routes,
        middleware=[Middleware(Guard, hosts=hosts)],
        exception_handlers={_Refused: refused, 404: not_found},
    )
