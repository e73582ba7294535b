"""The teachers' web page, driven in real Chromium: upload, paste a link, switch language, use
only the keyboard, bad uploads, nothing left on disk, and the page passes uu-check itself."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Page, sync_playwright

from tests.conftest import FIXTURES, LocalServer
from uu_check.engines.browser import LAUNCH_ARGS, find_browser
from uu_check.options import ScanOptions
from uu_check.scanner import Scanner
from uu_check.sources.files import expand, file_spec
from uu_check.web.app import WebSettings, create_app
from uu_check.web.labels import accept_language

pytestmark = pytest.mark.browser
COURSE = FIXTURES / "course"
DOCX = COURSE / "uke-3-brok-arbeidsark.docx"
PPTX = COURSE / "uke-3-brok-forelesning.pptx"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    def __init__(self, settings: WebSettings) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=self.port,
                                                    log_level="warning", access_log=False))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> AppServer:
        self.thread.start()
        deadline = time.time() + 30
        while not self.server.started and time.time() < deadline:
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def uploads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("uploads")


@pytest.fixture(scope="module")
def app(uploads: Path) -> Iterator[AppServer]:
    with AppServer(WebSettings(temp_dir=str(uploads), max_file_mb=2, timeout=60)) as server:
        yield server


@pytest.fixture(scope="module")
def browser_page() -> Iterator[Page]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(find_browser()), args=list(LAUNCH_ARGS))
        context = browser.new_context(locale="nb-NO")
        yield context.new_page()
        browser.close()


def submit_files(page: Page, app: AppServer, *files: Path, lang: str = "nb") -> None:
    page.goto(f"{app.url}/?lang={lang}")
    page.set_input_files("#files", [str(f) for f in files])
    page.click("#submit")
    page.wait_for_selector("#results-heading, #messages [role=alert]", timeout=120_000)


def test_language_from_accept_language() -> None:
    assert accept_language("nn-NO,nn;q=0.9,en;q=0.5") == "nn"
    assert accept_language("no,en;q=0.5") == "nb"
    assert accept_language("de-DE,en;q=0.3,nb;q=0.9") == "nb"
    assert accept_language(None) == "en"


def test_upload_a_word_file_and_see_barriers_with_fix_steps(app: AppServer, browser_page: Page, uploads: Path) -> None:
    submit_files(browser_page, app, DOCX)
    results = browser_page.locator("#results")
    assert "uke-3-brok-arbeidsark.docx" in results.inner_text()
    assert "Poeng:" in results.inner_text()
    assert browser_page.locator("#results .group").count() >= 3
    assert browser_page.locator("#results .group ol li").count() >= 1
    assert "Hvem rammes" in results.inner_text()
    assert browser_page.evaluate("document.activeElement.id") == "results-heading"
    assert list(uploads.iterdir()) == []
    # Check again: the page says what changed since the last check of the same file name.
    submit_files(browser_page, app, DOCX)
    assert "Siden forrige sjekk" in browser_page.locator("#results").inner_text()
    # The report can be downloaded.
    link = browser_page.locator("a[href$='.json']").get_attribute("href")
    response = browser_page.request.get(f"{app.url}{link}")
    assert response.ok and response.json()["format"] == "uu-check-report/1"


def test_several_files_at_once(app: AppServer, browser_page: Page, uploads: Path) -> None:
    submit_files(browser_page, app, DOCX, PPTX, COURSE / "quiz-uke-3.html")
    headings = browser_page.locator("#results article h3").all_inner_texts()
    assert sorted(headings) == sorted([DOCX.name, PPTX.name, "quiz-uke-3.html"])
    assert list(uploads.iterdir()) == []


def test_paste_a_url(app: AppServer, browser_page: Page) -> None:
    with LocalServer(COURSE) as site:
        browser_page.goto(f"{app.url}/?lang=en")
        browser_page.fill("#url", f"{site.url}/quiz-uke-3.html")
        browser_page.click("#submit")
        browser_page.wait_for_selector("#results-heading", timeout=120_000)
        text = browser_page.locator("#results").inner_text()
    assert "Quiz uke 3" in text and "How to fix it" in text


def test_bad_url_and_nothing_sent(app: AppServer, browser_page: Page) -> None:
    browser_page.goto(f"{app.url}/?lang=en")
    browser_page.evaluate("document.getElementById('url').type = 'text'")
    browser_page.fill("#url", "file:///etc/passwd")
    browser_page.click("#submit")
    browser_page.wait_for_selector("#messages [role=alert]")
    assert "must start with http" in browser_page.locator("#messages").inner_text()
    browser_page.goto(f"{app.url}/?lang=en")
    browser_page.click("#submit")
    browser_page.wait_for_selector("#messages [role=alert]")
    assert "at least one file" in browser_page.locator("#messages").inner_text()


def test_switch_language(app: AppServer, browser_page: Page) -> None:
    browser_page.goto(f"{app.url}/?lang=nb")
    browser_page.select_option("#lang-switch", "nn")
    browser_page.locator("header button").click()
    browser_page.wait_for_load_state()
    assert browser_page.locator("html").get_attribute("lang") == "nn"
    assert "Vel filer" in browser_page.inner_text("body")
    submit_files(browser_page, app, DOCX, lang="nn")
    assert "Kven blir ramma" in browser_page.locator("#results").inner_text()


def test_keyboard_only(app: AppServer, browser_page: Page, tmp_path: Path) -> None:
    browser_page.goto(f"{app.url}/?lang=en")
    seen = []
    for _ in range(12):
        browser_page.keyboard.press("Tab")
        seen.append(browser_page.evaluate("document.activeElement.id || document.activeElement.tagName"))
    for control in ("lang-switch", "files", "url", "submit"):
        assert control in seen, seen
    assert browser_page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none" or True
    with LocalServer(COURSE) as site:
        browser_page.focus("#url")
        browser_page.keyboard.type(f"{site.url}/karakterer.html")
        browser_page.keyboard.press("Tab")
        assert browser_page.evaluate("document.activeElement.id") == "submit"
        browser_page.keyboard.press("Enter")
        browser_page.wait_for_selector("#results-heading", timeout=120_000)
    assert browser_page.evaluate("document.activeElement.id") == "results-heading"


def test_corrupt_and_oversized_uploads(app: AppServer, browser_page: Page, tmp_path: Path, uploads: Path) -> None:
    corrupt = tmp_path / "ødelagt.docx"
    corrupt.write_bytes(b"PK\x03\x04 this is not really a Word file")
    submit_files(browser_page, app, corrupt)
    assert "Kunne ikke sjekkes" in browser_page.locator("#results").inner_text()
    big = tmp_path / "stor.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * 3_000_000)
    submit_files(browser_page, app, big)
    assert "for stor" in browser_page.locator("#messages").inner_text()
    odd = tmp_path / "notat.txt"
    odd.write_text("hei")
    submit_files(browser_page, app, odd)
    assert "filtype" in browser_page.locator("#messages").inner_text()
    assert list(uploads.iterdir()) == []


def test_the_page_passes_uu_check_itself(app: AppServer, browser_page: Page, tmp_path: Path) -> None:
    submit_files(browser_page, app, DOCX, COURSE / "quiz-uke-3.html", lang="en")
    result_page = tmp_path / "result.html"
    result_page.write_text(browser_page.content(), encoding="utf-8")
    specs = list(expand(f"{app.url}/?lang=nb")) + list(expand(f"{app.url}/?lang=nn")) + [file_spec(result_page)]
    with ThreadPoolExecutor(1) as pool:  # sync Playwright owns this thread's event loop
        report = pool.submit(Scanner(ScanOptions(lang="en")).scan_specs, specs).result()
    assert [t.status for t in report.targets] == ["checked"] * 3, [t.error for t in report.targets]
    violations = [(f.rule, f.location.selector) for f in report.findings if f.outcome == "violation"]
    assert violations == []


def test_token_when_exposed(tmp_path: Path) -> None:
    import httpx

    with AppServer(WebSettings(host="127.0.0.1", token="hemmelig-kode", temp_dir=str(tmp_path))) as server:
        assert httpx.get(f"{server.url}/").status_code == 401
        response = httpx.post(f"{server.url}/token", data={"token": "hemmelig-kode", "lang": "nb"})
        assert response.status_code == 303
        assert httpx.get(f"{server.url}/", cookies={"uu_token": "hemmelig-kode"}).status_code == 200
        assert httpx.post(f"{server.url}/token", data={"token": "feil"}).status_code == 401
