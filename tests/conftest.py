"""Shared test fixtures: the browser requirement, a local HTTP server, and CLI helpers."""

from __future__ import annotations

import http.server
import json
import os
import socketserver
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from uu_check.engines.browser import BrowserNotFound, find_browser

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def browser_or_fail() -> str:
    """The browser path; without one, fail (CI) or skip (a local machine) with how to get it."""
    try:
        return str(find_browser())
    except BrowserNotFound as exc:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests need Chromium under CI: {exc}")
        pytest.skip(f"no browser on this machine: {exc}")


@pytest.fixture(scope="session")
def browser_path() -> str:
    return browser_or_fail()


@pytest.fixture(autouse=True)
def _require_browser(request: pytest.FixtureRequest) -> None:
    """Tests marked `browser` need Chromium: a clear failure under CI, a skip elsewhere."""
    if request.node.get_closest_marker("browser"):
        browser_or_fail()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class LocalServer:
    """A real HTTP server on 127.0.0.1 serving a folder, for browser and crawl tests."""

    def __init__(self, root: Path, handler: type[http.server.BaseHTTPRequestHandler] | None = None) -> None:
        handler_class = handler or QuietHandler

        def make(*args: object, **kwargs: object) -> http.server.BaseHTTPRequestHandler:
            if handler is None:
                return handler_class(*args, directory=str(root), **kwargs)  # type: ignore[call-arg]
            return handler_class(*args, **kwargs)  # type: ignore[call-arg]

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self.httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), make)  # type: ignore[arg-type]
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve_dir() -> Iterator:
    """serve_dir(path) -> LocalServer started on 127.0.0.1 (stopped after the test)."""
    servers: list[LocalServer] = []

    def start(root: Path, handler: type[http.server.BaseHTTPRequestHandler] | None = None) -> LocalServer:
        server = LocalServer(root, handler).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__()


def load_json_report(text: str) -> dict:
    """Parse a JSON report and validate it against the shipped schema (every test report is)."""
    from uu_check.reporters.json import validate

    data = json.loads(text)
    validate(data)
    return data
