"""More crawl behaviour against real HTTP servers on 127.0.0.1: sitemaps and sitemap indexes,
retries with backoff, credentials that stay on the crawl's own site, a renderer crash in the
middle of a crawl, download limits, and the CLI when standard error is not a terminal.

Each server logs every request (path and headers), so the tests prove what was and was not
requested and what was sent along.
"""

from __future__ import annotations

import http.server
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import LocalServer, load_json_report
from tests.lms_site import make_pdf
from uu_check.options import ScanOptions
from uu_check.sources.crawl import CrawlSettings, Crawler

Route = Callable[["Handler"], tuple[int, dict[str, str], bytes]]


def page(title: str, body: str = "") -> bytes:
    return (f'<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>{title}</title></head>'
            f'<body><main><h1>{title}</h1><p>Innhold om brøk.</p>{body}</main></body></html>').encode()


class Handler(http.server.BaseHTTPRequestHandler):
    """Serves `routes` (path with query -> callable returning status, headers, body); logs each
    request as (path, headers) on the server class."""

    routes: dict[str, Route] = {}
    log: list[tuple[str, dict[str, str]]] = []
    lock = threading.Lock()

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        with self.lock:
            self.log.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
        route = self.routes.get(self.path)
        status, headers, body = route(self) if route else (404, {}, page("Fant ikke siden"))
        self.send_response(status)
        headers = {"Content-Type": "text/html; charset=utf-8", **headers}
        if "Content-Length" not in headers:
            headers["Content-Length"] = str(len(body))
        elif not headers["Content-Length"]:  # no length: HTTP/1.0, the body ends when the connection closes
            del headers["Content-Length"]
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


def site(routes: dict[str, Route]) -> tuple[type[Handler], list[tuple[str, dict[str, str]]]]:
    """A handler class of its own (own routes, own log) for one server."""
    log: list[tuple[str, dict[str, str]]] = []
    handler = type("SiteHandler", (Handler,), {"routes": routes, "log": log, "lock": threading.Lock()})
    return handler, log


def html(title: str, body: str = "") -> Route:
    return lambda _h: (200, {}, page(title, body))


def requested(log: list[tuple[str, dict[str, str]]], path: str) -> int:
    return sum(1 for p, _ in log if p == path)


def crawl(url: str, tmp_path: Path, *, browser: bool = True, options: ScanOptions | None = None,
          **settings: object):
    options = options or ScanOptions(lang="nb", timeout=30, jobs=1)
    options.use_browser = browser
    settings = {"rate": 0, "ignore_robots": True, **settings}
    crawler = Crawler(options, [url], CrawlSettings(**settings), state=tmp_path / "state.sqlite")  # type: ignore[arg-type]
    return crawler.run()


def by_path(report, base: str) -> dict:
    return {t.key.replace(base, "") or "/": t for t in report.targets}


# 1. Sitemaps ----------------------------------------------------------------------------------

def test_sitemap_index_adds_pages_only_listed_there_and_never_requests_out_of_scope(tmp_path: Path) -> None:
    other_handler, other_log = site({"/elsewhere": html("Et annet nettsted")})
    with LocalServer(Path("."), other_handler) as other:
        routes: dict[str, Route] = {}
        handler, log = site(routes)
        with LocalServer(Path("."), handler) as server:
            def xml(body: str) -> Route:
                return lambda _h: (200, {"Content-Type": "application/xml"}, body.encode())

            ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
            routes.update({
                "/start": html("Forside"),
                "/sitemap_index.xml": xml(f'<?xml version="1.0"?><sitemapindex {ns}>'
                                          f"<sitemap><loc>{server.url}/sitemap-1.xml</loc></sitemap>"
                                          f"<sitemap><loc>{server.url}/sitemap-2.xml</loc></sitemap>"
                                          f"<sitemap><loc>{other.url}/sitemap-3.xml</loc></sitemap></sitemapindex>"),
                "/sitemap-1.xml": xml(f'<urlset {ns}><url><loc>{server.url}/only-in-sitemap-a</loc></url>'
                                      f"<url><loc>{other.url}/elsewhere</loc></url></urlset>"),
                "/sitemap-2.xml": xml(f'<urlset {ns}><url><loc>{server.url}/only-in-sitemap-b#part</loc></url>'
                                      f"<url><loc>{server.url}/start</loc></url></urlset>"),
                "/only-in-sitemap-a": html("Side A"),
                "/only-in-sitemap-b": html("Side B"),
            })
            report = crawl(f"{server.url}/start", tmp_path, browser=False,
                              sitemaps=(f"{server.url}/sitemap_index.xml",))
    targets = by_path(report, server.url)
    assert {p for p, t in targets.items() if t.status == "checked"} == {"/start", "/only-in-sitemap-a", "/only-in-sitemap-b"}
    assert targets["/only-in-sitemap-a"].parent["linked_from"] == "sitemap"
    assert requested(log, "/start") == 1, "a page listed in the sitemap and given as start was fetched twice"
    assert other_log == [], "an out-of-scope sitemap entry (page or sitemap file) was requested"


# 2. Retries with backoff --------------------------------------------------------------------

def flaky(then: Route, failures: int, status: int = 503, retry_after: str = "0") -> Route:
    """Answer `status` (with Retry-After) the first `failures` times, then `then`."""
    calls = {"n": 0}

    def route(h: Handler) -> tuple[int, dict[str, str], bytes]:
        calls["n"] += 1
        if calls["n"] <= failures:
            return status, {"Retry-After": retry_after}, page("Prøv igjen senere")
        return then(h)

    return route


def retry_routes() -> dict[str, Route]:
    pdf = make_pdf()
    return {
        "/start": html("Forside", '<a href="/flaky">Ustabil</a> <a href="/busy">Opptatt</a> '
                                  '<a href="/flaky.pdf">PDF</a> <a href="/busy.pdf">Opptatt PDF</a>'),
        "/flaky": flaky(html("Endelig"), 2, 503, "1"),
        "/busy": flaky(html("Aldri"), 10_000, 429, "0"),
        "/flaky.pdf": flaky(lambda _h: (200, {"Content-Type": "application/pdf"}, pdf), 2, 503, "0"),
        "/busy.pdf": flaky(lambda _h: (200, {"Content-Type": "application/pdf"}, pdf), 10_000, 429, "0"),
    }


def assert_retried(report, base: str, log: list) -> None:
    from uu_check.sources.crawl import MAX_RETRIES

    targets = by_path(report, base)
    assert targets["/flaky"].status == "checked" and targets["/flaky"].title == "Endelig"
    assert requested(log, "/flaky") == 3
    assert targets["/busy"].status == "error" and "429" in targets["/busy"].error
    assert requested(log, "/busy") == MAX_RETRIES + 1
    assert targets["/flaky.pdf"].status == "checked" and targets["/flaky.pdf"].kind == "pdf"
    assert requested(log, "/flaky.pdf") == 3
    assert targets["/busy.pdf"].status == "error" and "429" in targets["/busy.pdf"].error
    assert requested(log, "/busy.pdf") == MAX_RETRIES + 1


@pytest.mark.browser
def test_retries_with_backoff_in_the_browser(tmp_path: Path) -> None:
    handler, log = site(retry_routes())
    with LocalServer(Path("."), handler) as server:
        report = crawl(f"{server.url}/start", tmp_path)
    assert_retried(report, server.url, log)


def test_retries_with_backoff_without_a_browser(tmp_path: Path) -> None:
    handler, log = site(retry_routes())
    with LocalServer(Path("."), handler) as server:
        report = crawl(f"{server.url}/start", tmp_path, browser=False)
    assert_retried(report, server.url, log)


# 3. Credentials stay on the crawl's site ----------------------------------------------------

SECRET = "SECRET-bearer-7f3a9c"
COOKIE = "COOKIE-value-51d2e8"
SECRET2 = "SECRET2-token-0b6e44"


def credential_sites(cdn_url: str) -> dict[str, Route]:
    return {
        "/start": html("Forside", f'<img src="{cdn_url}/logo.png" alt="Logo">'
                                  f'<a href="/oppgave?token={SECRET2}">Oppgave</a>'
                                  f'<a href="/redirect-out">Videre</a>'
                                  f'<a href="/file">Fil</a>'),
        f"/oppgave?token={SECRET2}": html("Oppgave", f'<a href="/start?token={SECRET2}">Tilbake</a>'
                                                     f'<img src="{cdn_url}/bilde.png">'),
        f"/start?token={SECRET2}": html("Forside igjen"),
        "/redirect-out": lambda _h: (302, {"Location": f"{cdn_url}/landing"}, b""),
        "/file": lambda _h: (302, {"Location": f"{cdn_url}/file.pdf"}, b""),
    }


def assert_no_credentials(cdn_log: list[tuple[str, dict[str, str]]]) -> None:
    for path, headers in cdn_log:
        assert "authorization" not in headers, path
        assert COOKIE not in headers.get("cookie", ""), path
        assert SECRET not in str(headers) and SECRET2 not in path, path


@pytest.mark.browser
def test_header_and_cookie_never_reach_another_origin(tmp_path: Path) -> None:
    from uu_check.cli.crawl_options import apply_login

    cdn_handler, cdn_log = site({"/logo.png": lambda _h: (404, {}, b""), "/bilde.png": lambda _h: (404, {}, b"")})
    with LocalServer(Path("."), cdn_handler) as cdn:
        handler, log = site(credential_sites(cdn.url))
        with LocalServer(Path("."), handler) as server:
            options = ScanOptions(lang="nb", timeout=30, jobs=1)
            apply_login(options, (f"{server.url}/start",),
                        {"cookies": (f"sid={COOKIE}",), "headers": (f"Authorization: Bearer {SECRET}",)})
            report = crawl(f"{server.url}/start", tmp_path, options=options)
    assert any(p == "/logo.png" for p, _ in cdn_log), "the page's image was not loaded from the second server"
    assert_no_credentials(cdn_log)
    assert {p for p, _ in cdn_log} <= {"/logo.png", "/bilde.png", "/favicon.ico"}, "navigated out of scope"
    start = [h for p, h in log if p == "/start"]
    assert start and start[0].get("authorization") == f"Bearer {SECRET}" and COOKIE in start[0].get("cookie", "")
    assert requested(log, f"/oppgave?token={SECRET2}") == 1
    assert SECRET2 not in str([t.to_dict() for t in report.targets]) + str([f.to_dict() for f in report.findings])


def test_header_and_cookie_never_reach_another_origin_without_a_browser(tmp_path: Path) -> None:
    from uu_check.cli.crawl_options import apply_login

    cdn_handler, cdn_log = site({"/landing": html("Landing"), "/file.pdf": lambda _h: (200, {"Content-Type": "application/pdf"}, make_pdf())})
    with LocalServer(Path("."), cdn_handler) as cdn:
        handler, log = site(credential_sites(cdn.url))
        with LocalServer(Path("."), handler) as server:
            options = ScanOptions(lang="nb", timeout=30, jobs=1)
            apply_login(options, (f"{server.url}/start",),
                        {"cookies": (f"sid={COOKIE}",), "headers": (f"Authorization: Bearer {SECRET}",)})
            report = crawl(f"{server.url}/start", tmp_path, browser=False, options=options)
    assert cdn_log == [], "a redirect out of scope was followed"
    targets = by_path(report, server.url)
    assert "out of the crawl's scope" in targets["/redirect-out"].error
    assert "out of the crawl's scope" in targets["/file"].error


@pytest.mark.browser
def test_cli_never_prints_or_writes_a_secret(tmp_path: Path) -> None:
    cdn_handler, cdn_log = site({"/logo.png": lambda _h: (404, {}, b"")})
    formats = ("json", "text", "html", "sarif", "csv", "junit", "markdown", "github", "gitlab")
    help_text = subprocess.run([sys.executable, "-m", "uu_check", "scan", "--help"], capture_output=True, text=True).stdout
    formats = tuple(f for f in formats if f in help_text)
    assert {"json", "text", "html", "sarif", "csv", "junit", "markdown"} <= set(formats)
    with LocalServer(Path("."), cdn_handler) as cdn:
        handler, log = site(credential_sites(cdn.url) | {"/missing": lambda _h: (404, {}, page("Borte"))})
        with LocalServer(Path("."), handler) as server:
            args = [sys.executable, "-m", "uu_check", "scan", f"{server.url}/start",
                    f"{server.url}/oppgave?token={SECRET2}", "--crawl", "--rate", "0", "--ignore-robots",
                    "--cookie", f"sid={COOKIE}", "--header", f"Authorization: Bearer {SECRET}",
                    "--state", str(tmp_path / "state.sqlite"), "--jobs", "1", "-vv"]
            for name in formats:
                args += ["--format", name, "-o", str(tmp_path / f"report.{name}")]
            done = subprocess.run(args, capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    assert requested(log, f"/oppgave?token={SECRET2}") == 1
    assert_no_credentials(cdn_log)
    outputs = {"stdout": done.stdout, "stderr": done.stderr}
    outputs.update({name: (tmp_path / f"report.{name}").read_text(encoding="utf-8") for name in formats})
    for name, text in outputs.items():
        for secret in (SECRET, COOKIE, SECRET2):
            assert secret not in text, f"{secret} leaked into {name}"
    data = load_json_report(outputs["json"])
    assert any("token=" in t["key"] for t in data["targets"])


# 4. A renderer crash in the middle of a crawl -----------------------------------------------

def _descendants(root: int) -> list[tuple[int, str]]:
    """(pid, command line) of every process below `root`."""
    parents: dict[int, int] = {}
    commands: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            commands[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, ValueError, IndexError):
            continue
    found = []
    for pid in parents:
        ancestor = parents.get(pid, 0)
        while ancestor and ancestor != root:
            ancestor = parents.get(ancestor, 0)
        if ancestor == root:
            found.append((pid, commands[pid]))
    return found


def kill_renderers(_h: Handler) -> tuple[int, dict[str, str], bytes]:
    """Kill every Chromium renderer this test process started: the page in flight crashes."""
    for pid, command in _descendants(os.getpid()):
        if "--type=renderer" in command:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    return 204, {}, b""


def kill_browser(_h: Handler) -> tuple[int, dict[str, str], bytes]:
    """Kill the Chromium browser process itself (once): the whole browser is gone."""
    if not getattr(kill_browser, "done", False):
        kill_browser.done = True  # type: ignore[attr-defined]
        for pid, command in _descendants(os.getpid()):
            if "chrom" in command and "--type=" not in command and "--remote-debugging-pipe" in command:
                os.kill(pid, signal.SIGKILL)
    return 204, {}, b""


CRASH_SCRIPT = "<script>addEventListener('load', () => fetch('{path}'))</script>"


@pytest.mark.browser
@pytest.mark.parametrize("victim", ["renderer", "browser"])
def test_a_crash_costs_one_page_not_the_crawl(tmp_path: Path, victim: str) -> None:
    routes: dict[str, Route] = {
        "/start": html("Forside", "".join(f'<a href="/side-{n}">Side {n}</a>' for n in (1, 2)) +
                       '<a href="/krasj">Krasj</a>' + "".join(f'<a href="/side-{n}">Side {n}</a>' for n in (3, 4))),
        "/krasj": html("Krasj", CRASH_SCRIPT.format(path="/kill")),
        "/kill": kill_renderers if victim == "renderer" else kill_browser,
    }
    routes.update({f"/side-{n}": html(f"Side {n}") for n in range(1, 5)})
    kill_browser.done = False  # type: ignore[attr-defined]
    handler, log = site(routes)
    with LocalServer(Path("."), handler) as server:
        report = crawl(f"{server.url}/start", tmp_path)
    targets = by_path(report, server.url)
    assert {p for p, t in targets.items() if t.status == "checked"} >= {"/start", "/side-1", "/side-2", "/side-3", "/side-4"}
    if victim == "renderer":  # crashes every time: retried once, then an error
        assert targets["/krasj"].status == "error" and "crash" in targets["/krasj"].error
        assert requested(log, "/krasj") == 2
    else:  # the browser died once: restarted, and the page checked on the retry
        assert targets["/krasj"].status == "checked"


# 5. Download limits and documents without a suffix ------------------------------------------

def test_too_large_documents_are_refused_with_the_reason(tmp_path: Path) -> None:
    big = make_pdf() + b"%" + b"0" * 300_000

    def unsized(h: Handler) -> tuple[int, dict[str, str], bytes]:
        return 200, {"Content-Type": "application/pdf", "Content-Length": ""}, big

    routes: dict[str, Route] = {
        "/start": html("Forside", '<a href="/stor.pdf">Stor</a> <a href="/stor-uten-lengde">Stor 2</a> '
                                  '<a href="/handout">Utdeling</a>'),
        "/stor.pdf": lambda _h: (200, {"Content-Type": "application/pdf"}, big),
        "/stor-uten-lengde": unsized,
        "/handout": lambda _h: (200, {"Content-Type": "application/pdf"}, make_pdf()),
    }
    handler, _log = site(routes)
    with LocalServer(Path("."), handler) as server:
        report = crawl(f"{server.url}/start", tmp_path, browser=False, max_download_bytes=100_000)
    targets = by_path(report, server.url)
    assert targets["/stor.pdf"].status == "error"
    assert "too large" in targets["/stor.pdf"].error and "100,000" in targets["/stor.pdf"].error
    assert targets["/stor-uten-lengde"].status == "error" and "too large" in targets["/stor-uten-lengde"].error
    assert targets["/handout"].status == "checked" and targets["/handout"].kind == "pdf"
    assert not list(Path(os.environ.get("TMPDIR", "/tmp")).glob("uu-check-downloads-*/*.pdf"))


@pytest.mark.browser
def test_a_link_without_suffix_serving_pdf_is_checked_as_pdf_in_the_browser(tmp_path: Path) -> None:
    routes: dict[str, Route] = {
        "/start": html("Forside", '<a href="/handout">Utdeling</a>'),
        "/handout": lambda _h: (200, {"Content-Type": "application/pdf"}, make_pdf()),
    }
    handler, _log = site(routes)
    with LocalServer(Path("."), handler) as server:
        report = crawl(f"{server.url}/start", tmp_path)
    targets = by_path(report, server.url)
    assert targets["/handout"].status == "checked" and targets["/handout"].kind == "pdf"
    assert any(f.engine == "pdf" for f in report.findings_for(targets["/handout"].id))


# 6. The CLI when standard error is not a terminal -------------------------------------------

def test_cli_crawl_progress_and_summary_without_a_terminal_and_resume_without_state(tmp_path: Path) -> None:
    routes: dict[str, Route] = {"/start": html("Forside", '<a href="/a">A</a> <a href="/b">B</a>'),
                                "/a": html("A"), "/b": html("B")}
    handler, _log = site(routes)
    state = tmp_path / "never-made.sqlite"
    with LocalServer(Path("."), handler) as server:
        done = subprocess.run([sys.executable, "-m", "uu_check", "scan", f"{server.url}/start", "--crawl", "--no-browser",
                               "--rate", "0", "--state", str(state), "--resume", "--format", "json"],
                              capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr and "\x1b[" not in done.stderr
    assert "no saved crawl" in done.stderr and str(state) in done.stderr
    assert f"{server.url}/start: 3 checked" in done.stderr
    data = load_json_report(done.stdout)
    assert len(data["targets"]) == 3


@pytest.mark.browser
def test_a_saved_login_state_reaches_the_course_through_the_guard(tmp_path: Path) -> None:
    import json

    from tests.lms_site import SESSION, Site

    lms = Site()
    with LocalServer(Path("."), lms.handler()) as server:
        state = tmp_path / "login.json"
        state.write_text(json.dumps({"cookies": [{
            "name": "session", "value": SESSION, "domain": "127.0.0.1", "path": "/", "expires": -1,
            "httpOnly": True, "secure": False, "sameSite": "Lax"}], "origins": []}))
        options = ScanOptions(lang="nb", timeout=30, jobs=1)
        options.storage_state = str(state)
        report = crawl(f"{server.url}/courses/42", tmp_path, options=options, max_pages=3)
    assert [t.title for t in report.targets][:1] == ["Matematikk 1P"]
    assert all(t.status == "checked" for t in report.targets)


@pytest.mark.parametrize("mode", ["--no-browser", pytest.param("browser", marks=pytest.mark.browser)])
def test_a_single_url_scan_keeps_credentials_on_its_site_across_a_redirect(tmp_path: Path, mode: str) -> None:
    cdn_handler, cdn_log = site({"/landing": html("Landing"), "/logo.png": lambda _h: (404, {}, b"")})
    with LocalServer(Path("."), cdn_handler) as cdn:
        handler, log = site({"/go": lambda _h: (302, {"Location": f"{cdn.url}/landing", "Set-Cookie": "own=1"}, b"")})
        with LocalServer(Path("."), handler) as server:
            args = [sys.executable, "-m", "uu_check", "scan", f"{server.url}/go", "--format", "json",
                    "--cookie", f"sid={COOKIE}", "--header", f"Authorization: Bearer {SECRET}", "--timeout", "60"]
            done = subprocess.run(args + ([mode] if mode == "--no-browser" else []), capture_output=True, text=True,
                                  timeout=300)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    assert log and log[0][1].get("authorization") == f"Bearer {SECRET}"
    assert [p for p, _ in cdn_log if p == "/landing"], "the redirect was not followed"
    assert_no_credentials(cdn_log)
    assert all("own=1" not in h.get("cookie", "") for _, h in cdn_log)
    for text in (done.stdout, done.stderr):
        assert SECRET not in text and COOKIE not in text
