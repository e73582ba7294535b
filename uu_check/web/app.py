"""The web app behind `uu-check serve`: one page to upload files or paste a link, and the result
(score per file, barriers worst first with who they hurt and numbered fix steps).

Uploads live in a temporary folder only while they are checked. Nothing is logged beyond counts.
Pages are rendered on the server and work without JavaScript; a small script adds drag and drop
and upload progress.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from uu_check.catalog import LANGS
from uu_check.model import Report
from uu_check.options import ScanOptions
from uu_check.reporters import renderer
from uu_check.reporters.html import context as report_context
from uu_check.scanner import Scanner
from uu_check.sources.base import KIND_BY_SUFFIX, TargetSpec
from uu_check.sources.files import expand
from uu_check.web.labels import accept_language, web_label
from uu_check.web.netguard import is_loopback_host, url_problem
from uu_check.web.sessions import Previous, SessionStore

log = logging.getLogger(__name__)

SESSION_COOKIE = "uu_session"
TOKEN_COOKIE = "uu_token"
CHUNK = 1 << 16


@dataclass
class WebSettings:
    host: str = "127.0.0.1"
    token: str | None = None
    allow_internal: bool = False
    max_files: int = 20
    max_file_mb: float = 50
    max_total_mb: float = 200
    #: Parent of the per-request upload folders (None: the system's temp folder).
    temp_dir: str | None = None
    timeout: float = 60
    browser_path: str | None = None
    use_browser: bool = True
    max_concurrent: int = 2

    @property
    def exposed(self) -> bool:
        return not is_loopback_host(self.host)


class InputProblem(Exception):
    """A user mistake (too large, wrong type...): shown on the page, status `status`."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("uu_check.web", "templates"), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True)


def create_app(settings: WebSettings | None = None) -> Starlette:
    settings = settings or WebSettings()
    templates = _environment()
    sessions = SessionStore()
    checks = asyncio.Semaphore(settings.max_concurrent)
    counts = {"checks": 0, "files": 0}

    def language(request: Request, form_lang: str | None = None) -> str:
        chosen = form_lang or request.query_params.get("lang")
        return chosen if chosen in LANGS else accept_language(request.headers.get("accept-language"))

    def authorised(request: Request) -> bool:
        if not settings.token:
            return True
        given = request.cookies.get(TOKEN_COOKIE) or request.headers.get("x-uu-check-token") or ""
        return hmac.compare_digest(given.encode(), settings.token.encode())

    def page(request: Request, lang: str, status: int = 200, **values: Any) -> HTMLResponse:
        session_id, _ = sessions.get(request.cookies.get(SESSION_COOKIE))
        html = templates.get_template("page.html.j2").render(
            lang=lang, T=lambda key, **a: web_label(key, lang, **a), langs=LANGS, settings=settings, **values)
        response = HTMLResponse(html, status_code=status)
        response.set_cookie(SESSION_COOKIE, session_id, httponly=True, samesite="lax")
        return response

    async def index(request: Request) -> Response:
        lang = language(request)
        if not authorised(request):
            return _token_page(templates, lang, wrong=False)
        return page(request, lang)

    async def token(request: Request) -> Response:
        form = await request.form()
        lang = language(request, str(form.get("lang") or ""))
        given = str(form.get("token") or "")
        if settings.token and hmac.compare_digest(given.encode(), settings.token.encode()):
            response = RedirectResponse(f"/?lang={lang}", status_code=303)
            response.set_cookie(TOKEN_COOKIE, given, httponly=True, samesite="strict")
            return response
        return _token_page(templates, lang, wrong=True)

    async def check(request: Request) -> Response:
        if not authorised(request):
            return _token_page(templates, language(request), wrong=False, status=401)
        lang = language(request)
        declared = int(request.headers.get("content-length") or 0)
        if declared > settings.max_total_mb * 1_000_000:
            return page(request, lang, 413, problems=[web_label("too_large_total", lang, mb=_mb(settings.max_total_mb))])
        try:
            form = await request.form(max_files=settings.max_files, max_fields=20)
        except MultiPartException:
            return page(request, lang, 413, problems=[web_label("too_many", lang, max=settings.max_files)])
        lang = language(request, str(form.get("lang") or ""))
        uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
        url = str(form.get("url") or "").strip()
        session_id, session = sessions.get(request.cookies.get(SESSION_COOKIE))
        try:
            if not uploads and not url:
                raise InputProblem(web_label("nothing_sent", lang))
            if url:
                problem = url_problem(url, exposed=settings.exposed, allow_internal=settings.allow_internal)
                if problem:
                    raise InputProblem(web_label(problem, lang))
            for upload in uploads:
                if Path(upload.filename or "").suffix.lower() not in KIND_BY_SUFFIX:
                    raise InputProblem(web_label("unsupported", lang, name=_name(upload.filename)))
            if checks.locked() and settings.max_concurrent <= 0:
                raise InputProblem(web_label("busy", lang), 503)
            async with checks:
                report = await _check(settings, uploads, url, lang)
        except InputProblem as problem:
            return page(request, lang, problem.status, problems=[str(problem)], url=url)
        finally:
            await form.close()
        counts["checks"] += 1
        counts["files"] += len(uploads)
        log.info("check %d done: %d files, %d url", counts["checks"], len(uploads), 1 if url else 0)
        progress = _progress(session, report)
        report_id = sessions.add_report(session, report)
        response = page(request, lang, report_id=report_id, progress=progress, url=url,
                        **_result_context(report, lang))
        response.set_cookie(SESSION_COOKIE, session_id, httponly=True, samesite="lax")
        return response

    async def download(request: Request) -> Response:
        if not authorised(request):
            return PlainTextResponse("access code needed", status_code=401)
        _, session = sessions.get(request.cookies.get(SESSION_COOKIE))
        report = session.reports.get(request.path_params["report_id"])
        fmt = request.path_params["fmt"]
        if report is None or fmt not in ("html", "json"):
            return PlainTextResponse("not found", status_code=404)
        lang = language(request)
        body = renderer(fmt)(report, lang)
        media = "text/html; charset=utf-8" if fmt == "html" else "application/json"
        return Response(body, media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="uu-check-rapport.{fmt}"'})

    async def health(request: Request) -> Response:
        return JSONResponse({"ok": True, "checks": counts["checks"], "files": counts["files"]})

    return Starlette(routes=[
        Route("/", index, methods=["GET"]),
        Route("/", check, methods=["POST"]),
        Route("/token", token, methods=["POST"]),
        Route("/report/{report_id}.{fmt}", download, methods=["GET"]),
        Route("/healthz", health, methods=["GET"]),
    ])


def _mb(value: float) -> str:
    return f"{value:g}"


def _name(filename: str | None) -> str:
    return Path(filename or "").name[:120]


def _token_page(templates: jinja2.Environment, lang: str, *, wrong: bool, status: int = 401) -> HTMLResponse:
    html = templates.get_template("token.html.j2").render(lang=lang, T=lambda key, **a: web_label(key, lang, **a), wrong=wrong)
    return HTMLResponse(html, status_code=status)


async def _check(settings: WebSettings, uploads: list[UploadFile], url: str, lang: str) -> Report:
    """Save the uploads into a fresh temporary folder, check them (and the URL), delete them."""
    options = ScanOptions(lang=lang, timeout=settings.timeout, browser_path=settings.browser_path,
                          use_browser=settings.use_browser, jobs=2)
    with tempfile.TemporaryDirectory(prefix="uu-check-upload-", dir=settings.temp_dir) as folder:
        specs: list[TargetSpec] = []
        total = 0
        used: set[str] = set()
        for upload in uploads:
            name = _unique(_name(upload.filename) or "file", used)
            path = Path(folder) / name
            size = 0
            with path.open("wb") as sink:
                while block := await upload.read(CHUNK):
                    size += len(block)
                    total += len(block)
                    if size > settings.max_file_mb * 1_000_000:
                        raise InputProblem(web_label("too_large", lang, name=name, mb=_mb(settings.max_file_mb)), 413)
                    if total > settings.max_total_mb * 1_000_000:
                        raise InputProblem(web_label("too_large_total", lang, mb=_mb(settings.max_total_mb)), 413)
                    sink.write(block)
            for spec in expand(str(path)):
                spec.key = name if spec.key.endswith(name) else spec.key
                spec.uri = name
                specs.append(spec)
        if url:
            specs.extend(expand(url))
        report = await asyncio.to_thread(Scanner(options).scan_specs, specs)
    for target in report.targets:  # uploaded files are named by their file name, not our temp path
        if not target.uri.startswith(("http://", "https://")) and "!/" not in target.key:
            target.key = target.uri
    return report


def _unique(name: str, used: set[str]) -> str:
    stem, suffix, n = Path(name).stem, Path(name).suffix, 1
    candidate = name
    while candidate in used:
        n += 1
        candidate = f"{stem}-{n}{suffix}"
    used.add(candidate)
    return candidate


def _progress(session: Any, report: Report) -> list[dict[str, Any]]:
    """What got better since the last check of the same file name in this browser session."""
    changes = []
    for target in report.targets:
        if target.status != "checked":
            continue
        prints = frozenset(f.fingerprint for f in report.findings_for(target.id) if f.outcome == "violation")
        previous = session.history.get(target.key)
        if previous is not None:
            changes.append({"name": target.key, "fixed": len(previous.fingerprints - prints),
                            "new": len(prints - previous.fingerprints), "old": previous.score, "now": target.score})
        session.history[target.key] = Previous(target.score, prints)
    return changes


def _result_context(report: Report, lang: str) -> dict[str, Any]:
    data = report_context(report, lang)
    return {"targets": data["targets"], "summary": data["summary"]}
