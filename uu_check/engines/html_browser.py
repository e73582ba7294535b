"""Browser mode: render each page in headless Chromium, run axe-core in every frame, then our
own rules over the rendered DOM.

One browser per process, reused across targets; a fresh context (cookies, storage) per target;
a timeout per target. A crashed browser is restarted and the page retried once, so one bad page
never loses the results of the others.
"""

from __future__ import annotations

import asyncio
import logging
from importlib import resources
from pathlib import Path
from typing import Any

from playwright.async_api import Browser, Error as PlaywrightError, Playwright, async_playwright

from uu_check.engines import axe
from uu_check.engines.base import EngineResult, TargetError
from uu_check.engines.browser import LAUNCH_ARGS, BrowserNotFound, find_browser
from uu_check.engines.html_model import HtmlDocument, resolve_fragment
from uu_check.engines.probes import init_scripts, run_probes
from uu_check.engines.html_static import FRAGMENT_NOTE, own_rules, read_html_file
from uu_check.engines.request_guard import BROWSER_ARGS as GUARD_ARGS, RequestGuard
from uu_check.options import ScanOptions
from uu_check.sources.base import TargetSpec

log = logging.getLogger(__name__)

SNAPSHOT_JS = resources.files("uu_check.engines").joinpath("snapshot.js").read_text(encoding="utf-8")

#: How long a served page may take to go quiet after `load` (LMS pages fill in content by
#: script). Local files are complete at `load` and skip this wait.
SETTLE_SECONDS = 2.0

_CRASH_WORDS = ("Target crashed", "Browser has been closed", "browser has disconnected",
                "Target page, context or browser has been closed", "Connection closed")


class BrowserCrashed(Exception):
    """The browser or page process died while checking a target."""


class BrowserEngine:
    """Checks HTML targets in one shared Chromium. Use as `async with BrowserEngine(options)`."""

    def __init__(self, options: ScanOptions) -> None:
        self.options = options
        self.executable: Path = find_browser(options.browser_path)
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._restart_lock = asyncio.Lock()
        self.guard = RequestGuard(options)

    async def __aenter__(self) -> BrowserEngine:
        self._playwright = await async_playwright().start()
        await self._launch()
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self.guard.close()
        try:
            if self._browser is not None:
                await self._browser.close()
        except PlaywrightError:
            pass
        if self._playwright is not None:
            await self._playwright.stop()

    async def _launch(self) -> None:
        assert self._playwright is not None
        try:
            self._browser = await self._playwright.chromium.launch(
                executable_path=str(self.executable), headless=True, args=[*LAUNCH_ARGS, *GUARD_ARGS])
        except PlaywrightError as exc:
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise BrowserNotFound(f"cannot start the browser {self.executable}: {first_line}") from None

    async def _restart(self) -> None:
        async with self._restart_lock:
            if self._browser is not None and self._browser.is_connected():
                return
            log.warning("the browser crashed; starting a new one")
            await self._launch()

    async def check(self, spec: TargetSpec) -> EngineResult:
        """Check one page within the per-target timeout; retry once after a browser crash."""
        for attempt in (1, 2):
            try:
                return await asyncio.wait_for(self._check(spec), timeout=self.options.timeout)
            except asyncio.TimeoutError:
                raise TargetError(f"{spec.uri}: timed out after {self.options.timeout:g} s") from None
            except BrowserCrashed:
                await self._restart()
                if attempt == 2:
                    raise TargetError(f"{spec.uri}: the browser crashed on this page (twice)") from None
        raise AssertionError("unreachable")

    async def _check(self, spec: TargetSpec) -> EngineResult:
        if self._browser is None or not self._browser.is_connected():
            raise BrowserCrashed()
        context_options: dict[str, Any] = {"bypass_csp": True, "accept_downloads": False}
        if self.options.storage_state and spec.url:
            context_options["storage_state"] = self.options.storage_state
        try:
            context = await self._browser.new_context(**context_options)
        except PlaywrightError as exc:
            raise _classify(exc, spec) from None
        try:
            if spec.url and self.guard.needed():
                # Cookies and headers are added per request by the guard, never put in the jar.
                await context.route("**/*", self.guard)
            for script in init_scripts(self.options):
                await context.add_init_script(script)
            page = await context.new_page()
            crashed = asyncio.Event()
            page.on("crash", lambda _page: crashed.set())
            return await self._render_and_check(page, spec, crashed)
        except PlaywrightError as exc:
            raise _classify(exc, spec) from None
        finally:
            try:
                await context.close()
            except PlaywrightError:
                pass

    async def _render_and_check(self, page: Any, spec: TargetSpec, crashed: asyncio.Event) -> EngineResult:
        timeout_ms = self.options.timeout * 1000
        if spec.path is not None:
            raw = read_html_file(spec.path)
            url = spec.path.resolve().as_uri()
            await page.goto(url, wait_until="load", timeout=timeout_ms)
            final_url = url
        else:
            url = spec.url or spec.uri
            response = await self._goto(page, url, timeout_ms)
            if response is None:
                raise TargetError(f"{url}: no response")
            if response.status >= 400:
                raise TargetError(f"{url}: HTTP {response.status} {response.status_text}".rstrip(),
                                  status=response.status, retry_after=(await response.all_headers()).get("retry-after"))
            content_type = (await response.all_headers()).get("content-type", "")
            if content_type and "html" not in content_type and "xml" not in content_type:
                raise TargetError(f"{url}: not an HTML page ({content_type.split(';')[0]})")
            try:
                raw = await response.text()
            except PlaywrightError:
                raw = ""
            final_url = page.url
        if spec.path is None:
            try:
                await page.wait_for_load_state("networkidle", timeout=SETTLE_SECONDS * 1000)
            except PlaywrightError:
                pass  # a page that keeps polling is still checked as it is now
        notes: list[str] = []
        await self._inject_axe(page, notes)
        if crashed.is_set():
            raise BrowserCrashed()
        results = await page.evaluate("opts => axe.run(document, opts)",
                                      axe.run_options(self.options.level, self.options.rule_filter))
        findings = axe.map_results(results, lang=self.options.lang, rule_filter=self.options.rule_filter)
        styles = await page.evaluate(SNAPSHOT_JS)
        html = await page.content()
        title = await page.title()
        probes = await run_probes(page, self.options, notes)
        document = HtmlDocument.parse(html, final_url, rendered=True,
                                      styles={int(k): v for k, v in styles.items()}, raw=raw, title=title)
        document.probes = probes
        document.fragment = resolve_fragment(document.fragment, self.options.rule_options.get("fragment"), spec.fragment)
        if document.fragment:
            findings = [f for f in findings if f.rule not in axe.PAGE_LEVEL_RULES]
            notes.append(FRAGMENT_NOTE)
        # In a thread: a slow rule must not block the event loop, or the per-target timeout and
        # the other pages in flight would wait for it.
        findings.extend(await asyncio.to_thread(own_rules, document, self.options, notes))
        findings = axe.drop_settled_reviews(findings)
        meta: dict[str, Any] = {"links": page_links(document, final_url)}
        if final_url != url:
            meta["final_url"] = final_url
        return EngineResult(findings=findings, title=title or None, notes=notes, mode="browser", meta=meta)

    async def _goto(self, page: Any, url: str, timeout_ms: float) -> Any:
        """Navigate, following the redirects the request guard reports, only within scope."""
        from uu_check.sources.urls import normalise_url

        self.guard.redirect_of(page)  # forget a stale entry (ids of closed pages are reused)
        response = await page.goto(url, wait_until="load", timeout=timeout_ms)
        for _ in range(10):
            target = self.guard.redirect_of(page)
            if target is None:
                return response
            scope = self.options.scope
            if scope is not None and not scope.allows(normalise_url(target)):
                raise TargetError(f"{url}: redirects out of the crawl's scope")
            response = await page.goto(target, wait_until="load", timeout=timeout_ms)
        raise TargetError(f"{url}: too many redirects")

    async def _inject_axe(self, page: Any, notes: list[str]) -> None:
        """axe-core in every frame, so axe.run in the top frame also checks iframes."""
        source = axe.axe_source()
        for frame in page.frames:
            try:
                await frame.evaluate(source)
                # Frames talk to the top frame by postMessage; pages from files have the opaque
                # origin "null", which axe's default allowedOrigins would refuse.
                await frame.evaluate("() => axe.configure({allowedOrigins: ['<unsafe_all_origins>']})")
            except PlaywrightError as exc:
                if frame is page.main_frame:
                    raise
                notes.append(f"a frame could not be checked: {str(exc).splitlines()[0][:120]}")


def page_links(document: HtmlDocument, base: str) -> list[tuple[str, str]]:
    """(absolute URL, link text) of every link and frame on the rendered page, for crawling."""
    from urllib.parse import urljoin

    links: list[tuple[str, str]] = []
    for element in document.soup.find_all(["a", "area", "iframe", "frame"]):
        target = element.get("href") if element.name in ("a", "area") else element.get("src")
        if target and not str(target).startswith(("javascript:", "mailto:", "tel:", "data:", "#")):
            links.append((urljoin(base, str(target).strip()), element.get_text(" ", strip=True)[:100]))
    return links


def _classify(exc: PlaywrightError, spec: TargetSpec) -> Exception:
    """Turn a Playwright error into a crash (retry) or a one-line target error."""
    text = str(exc)
    if any(word in text for word in _CRASH_WORDS):
        return BrowserCrashed()
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    first = first.replace("Page.goto: ", "").replace("Error: ", "")
    if "Download is starting" in first:
        return TargetError(f"{spec.uri}: not an HTML page (the server sends a file to download)")
    if "net::ERR_" in first:
        code = first[first.index("net::ERR_"):].split()[0]
        reason = {
            "net::ERR_CONNECTION_REFUSED": "connection refused",
            "net::ERR_NAME_NOT_RESOLVED": "host not found",
            "net::ERR_FILE_NOT_FOUND": "file not found",
            "net::ERR_ABORTED": "the page did not load (it may be a download, not a page)",
            "net::ERR_TIMED_OUT": "timed out",
            "net::ERR_CONNECTION_RESET": "connection reset",
            "net::ERR_INTERNET_DISCONNECTED": "no network",
            "net::ERR_ADDRESS_UNREACHABLE": "address unreachable",
            "net::ERR_TOO_MANY_REDIRECTS": "too many redirects",
            "net::ERR_UNSAFE_PORT": "the browser refuses this port as unsafe",
            "net::ERR_CERT_AUTHORITY_INVALID": "the site's certificate is not trusted",
            "net::ERR_BLOCKED_BY_CLIENT": "outside the crawl's scope",
        }.get(code, code)
        return TargetError(f"{spec.uri}: {reason}")
    if "Execution context was destroyed" in first:
        return TargetError(f"{spec.uri}: the page went on to another address while it was being checked "
                           "(a redirect or refresh); check the page it leads to instead")
    if "Timeout" in first and "exceeded" in first:
        return TargetError(f"{spec.uri}: timed out")
    return TargetError(f"{spec.uri}: {first[:200]}")
