"""The HTML engine against real Chromium and real axe-core, pages served on 127.0.0.1."""

from __future__ import annotations

import asyncio
import http.server
import socket
import time
from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from tests.conftest import FIXTURES
from uu_check.engines import axe
from uu_check.engines.browser import LAUNCH_ARGS, find_browser
from uu_check.options import ScanOptions
from uu_check.scanner import Scanner
from uu_check.sources.base import TargetSpec
from uu_check.sources.files import expand, file_spec

pytestmark = pytest.mark.browser
COURSE = FIXTURES / "course"


class TroubleHandler(http.server.SimpleHTTPRequestHandler):
    """Serves fixtures/course plus /missing (404), /broken (500) and /slow (never finishes)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, directory=str(COURSE), **kwargs)  # type: ignore[arg-type]

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/broken":
            self.send_error(500, "Internal Server Error")
        elif self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body><p>loading")
            self.wfile.flush()
            time.sleep(60)
        elif self.path == "/data.json":
            body = b'{"a": 1}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            super().do_GET()


def closed_port() -> int:
    """A port nothing listens on (bound and released at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def scan(specs: list[TargetSpec], **options: object):
    return Scanner(ScanOptions(lang="en", **options)).scan_specs(specs)  # type: ignore[arg-type]


def url_spec(url: str) -> TargetSpec:
    return next(expand(url))


def test_pages_over_http_and_every_bad_response(serve_dir) -> None:
    server = serve_dir(COURSE, TroubleHandler)
    urls = [f"{server.url}/quiz-uke-3.html", f"{server.url}/missing.html", f"{server.url}/broken",
            f"{server.url}/slow", f"{server.url}/data.json", f"http://127.0.0.1:{closed_port()}/closed"]
    report = scan([url_spec(u) for u in urls], timeout=20, jobs=3)
    by_uri = {t.uri: t for t in report.targets}
    assert by_uri[urls[0]].status == "checked", by_uri[urls[0]].error
    assert any(f.rule == "label" for f in report.findings_for(by_uri[urls[0]].id))
    assert "HTTP 404" in by_uri[urls[1]].error
    assert "HTTP 500" in by_uri[urls[2]].error
    assert "timed out" in by_uri[urls[3]].error
    assert "not an HTML page" in by_uri[urls[4]].error
    assert "connection refused" in by_uri[urls[5]].error
    for target in report.targets:
        if target.error:
            assert "\n" not in target.error


def test_a_crashed_page_does_not_lose_the_others() -> None:
    crash = TargetSpec(uri="chrome://crash", kind="html", key="crash", url="chrome://crash")
    report = scan([crash, file_spec(COURSE / "quiz-uke-3.html"), crash, file_spec(COURSE / "index.html")], jobs=1)
    statuses = [t.status for t in report.targets]
    assert statuses == ["error", "checked", "error", "checked"]
    assert "crash" in report.targets[0].error
    assert report.findings_for(report.targets[1].id) and report.findings_for(report.targets[3].id)


def test_iframes_are_checked_too(tmp_path: Path) -> None:
    (tmp_path / "inner.html").write_text('<!doctype html><html lang="nb"><title>Indre</title><body><img src="x.png"></body></html>')
    (tmp_path / "outer.html").write_text('<!doctype html><html lang="nb"><head><title>Ytre</title></head><body><main><h1>Ytre</h1>'
                                         '<iframe src="inner.html" title="Innhold"></iframe></main></body></html>')
    report = scan([file_spec(tmp_path / "outer.html")])
    images = [f for f in report.findings if f.rule == "image-alt"]
    assert images and "|>" in images[0].location.selector


async def _plain_axe(paths: list[Path]) -> dict[str, set[tuple[str, str]]]:
    """What axe-core alone reports (violations), run the textbook way in one reused browser."""
    found: dict[str, set[tuple[str, str]]] = {}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(find_browser()), args=list(LAUNCH_ARGS))
        for path in paths:
            page = await browser.new_page()
            await page.goto(path.resolve().as_uri(), wait_until="load")
            await page.evaluate(axe.axe_source())
            result = await page.evaluate("opts => axe.run(document, opts)",
                                         {"runOnly": {"type": "tag", "values": axe.LEVEL_TAGS["AA"]},
                                          "preload": {"assets": ["cssom", "media"], "timeout": 3000}})
            found[path.name] = {(v["id"], axe.selector_of(n["target"])) for v in result["violations"] for n in v["nodes"]}
            await page.close()
        await browser.close()
    return found


def test_every_axe_violation_survives_the_mapping() -> None:
    pages = sorted(COURSE.glob("*.html"))
    plain = asyncio.run(_plain_axe(pages))
    report = scan([file_spec(p) for p in pages])
    for target in report.targets:
        ours = {(f.rule, f.location.selector) for f in report.findings_for(target.id)
                if f.engine == "axe" and f.outcome == "violation"}
        name = target.uri.rsplit("/", 1)[1]
        assert plain[name] <= ours, f"{name}: lost {plain[name] - ours}"
        assert ours <= plain[name], f"{name}: invented {ours - plain[name]}"
    assert sum(len(v) for v in plain.values()) > 5


def test_our_violation_settles_axes_review_of_the_same_question(tmp_path: Path) -> None:
    """A page with a menu and no way past it: our html-bypass-blocks decides it, so axe-core's
    'check whether the page can be bypassed' item is not shown as well. On a page where ours
    is silent, axe's review stays."""
    nav = "<nav><ul>" + "".join(f"<li><a href='p{i}.html'>Side {i}</a></li>" for i in range(4)) + "</ul></nav>"
    stuck = tmp_path / "stuck.html"
    stuck.write_text(f"<!doctype html><html lang='nb'><head><title>Uke 3</title></head><body>{nav}"
                     "<div><p>Denne uka leser vi kapittel 3 om brøk og prosent.</p></div></body></html>")
    report = scan([file_spec(stuck)])
    rules = {(f.rule, f.outcome) for f in report.findings}
    assert ("html-bypass-blocks", "violation") in rules
    assert not any(rule == "bypass" for rule, _ in rules)
    alone = scan([file_spec(stuck)], select=("bypass",))  # our rule not run: axe's item stays
    assert [(f.rule, f.outcome) for f in alone.findings] == [("bypass", "needs-review")]
