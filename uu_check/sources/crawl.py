"""Crawl a learning platform from start pages: every in-scope page checked once in the browser,
every linked document downloaded and checked, results streamed to a SQLite store so a killed
crawl resumes where it stopped.

Politeness by default: one request at a time per site, at most `rate` requests per second,
robots.txt honoured, retries with backoff on 429 and 5xx, logout/delete-style links never followed.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import hashlib
import logging
import multiprocessing
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import httpx

from uu_check import __version__
from uu_check.crawl_store import CrawlStore
from uu_check.engines import axe
from uu_check.engines.base import EngineResult, TargetError
from uu_check.engines.browser import BrowserNotFound
from uu_check.engines.documents import check_document
from uu_check.model import Report, Target, assign_fingerprints, score_target
from uu_check.options import ScanOptions
from uu_check.redact import redact, redact_url, register_url_secrets
from uu_check.scanner import now_iso
from uu_check.sources.base import TargetSpec
from uu_check.sources.robots import Robots
from uu_check.sources.sitemap import sitemap_urls
from uu_check.sources.urls import Scope, normalise_url, origin

log = logging.getLogger(__name__)

DOCUMENT_SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".pptx": "pptx"}
DOCUMENT_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
}
RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_RETRIES = 3
MAX_BACKOFF = 30.0


@dataclass
class CrawlSettings:
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_depth: int = 10
    max_pages: int = 500
    sitemaps: tuple[str, ...] = ()
    ignore_robots: bool = False
    #: Requests per second to one site.
    rate: float = 2.0
    max_download_bytes: int = 50_000_000
    follow_dangerous: bool = False


#: Called with counts: found, checked, queued, errors, rate (pages per second).
CrawlProgress = Callable[[dict[str, float]], None]


def kind_of_url(url: str) -> str:
    return DOCUMENT_SUFFIXES.get(PurePosixPath(urlsplit(url).path).suffix.lower(), "html")


def state_path(seeds: list[str]) -> Path:
    digest = hashlib.sha256("\n".join(sorted(normalise_url(s) for s in seeds)).encode()).hexdigest()[:16]
    return Path(".uu-check") / f"crawl-{digest}.sqlite"


class Politeness:
    """One request at a time per site, spaced by 1/rate seconds."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self._locks: dict[str, asyncio.Lock] = {}
        self._last: dict[str, float] = {}

    @contextlib.asynccontextmanager
    async def turn(self, url: str):
        site = origin(url)
        lock = self._locks.setdefault(site, asyncio.Lock())
        async with lock:
            wait = self._last.get(site, 0.0) + self.interval - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                yield
            finally:
                self._last[site] = time.monotonic()


class Crawler:
    """One crawl. `run()` returns the Report assembled from the store."""

    def __init__(self, options: ScanOptions, seeds: list[str], settings: CrawlSettings, *,
                 state: Path | None = None, resume: bool = False, on_progress: CrawlProgress | None = None) -> None:
        self.seeds = [normalise_url(s) for s in seeds]
        for seed in self.seeds:
            register_url_secrets(seed)
        self.settings = settings
        self.scope = Scope(self.seeds, settings.include, settings.exclude, settings.follow_dangerous)
        self.options = options
        self.options.scope = self.scope
        self.state = state or state_path(self.seeds)
        self.resume = resume
        self.on_progress = on_progress
        self.errors = 0
        self.checked = 0
        self._started = time.monotonic()

    def run(self) -> Report:
        return asyncio.run(self.run_async())

    async def run_async(self) -> Report:
        started = now_iso()
        if self.resume and not self.state.exists():
            log.warning("no saved crawl at %s to resume; starting a new crawl", self.state)
        store = CrawlStore(self.state, fresh=not self.resume)
        try:
            self.checked = store.counts()["done"]
            async with self._client() as client:
                robots = None if self.settings.ignore_robots else Robots(client)
                if store.counts()["found"] == 0:
                    await self._seed(store, client)
                await self._crawl(store, client, robots)
            return self._report(store, started)
        finally:
            store.close()

    def _client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=self.options.timeout, headers={"User-Agent": f"uu-check/{__version__}"},
                                 follow_redirects=False)

    def _credentials(self, url: str) -> dict[str, Any]:
        """Cookies and headers for a request, only when it goes to one of the crawl's sites."""
        if not self.scope.same_site(url):
            return {}
        cookies = {c["name"]: c["value"] for c in self.options.cookies}
        return {"headers": dict(self.options.headers), "cookies": cookies}

    async def _seed(self, store: CrawlStore, client: httpx.AsyncClient) -> None:
        for seed in self.seeds:
            store.enqueue(seed, 0, kind_of_url(seed), {"course": seed})
        for sitemap in self.settings.sitemaps:
            for url in await sitemap_urls(client, sitemap):
                url = normalise_url(url)
                if self.scope.allows(url):
                    store.enqueue(url, 0, kind_of_url(url), {"course": self.seeds[0], "linked_from": "sitemap"})
        store.db.commit()

    async def _crawl(self, store: CrawlStore, client: httpx.AsyncClient, robots: Robots | None) -> None:
        politeness = Politeness(self.settings.rate)
        engine = None
        pool: ProcessPoolExecutor | None = None
        download_dir = Path(tempfile.mkdtemp(prefix="uu-check-downloads-"))
        try:
            while self.checked < self.settings.max_pages:
                batch = store.next_batch(min(self.options.jobs, self.settings.max_pages - self.checked))
                if not batch:
                    break
                if engine is None and any(kind == "html" for _, _, kind, _, _ in batch) and self.options.use_browser:
                    engine = await self._start_browser()
                if pool is None and any(kind != "html" for _, _, kind, _, _ in batch):
                    pool = ProcessPoolExecutor(max_workers=max(1, self.options.jobs),
                                               mp_context=multiprocessing.get_context("spawn"))
                await asyncio.gather(*(self._visit(store, client, robots, politeness, engine, pool, download_dir, *item)
                                       for item in batch))
                store.db.commit()
        finally:
            if engine is not None and not isinstance(engine, BrowserNotFound):
                await engine.__aexit__(None, None, None)
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
            for leftover in download_dir.glob("*"):
                leftover.unlink(missing_ok=True)
            download_dir.rmdir()

    async def _start_browser(self) -> Any:
        from uu_check.engines.html_browser import BrowserEngine

        try:
            engine = BrowserEngine(self.options)
            await engine.__aenter__()
            return engine
        except BrowserNotFound as exc:
            return exc

    async def _visit(self, store: CrawlStore, client: httpx.AsyncClient, robots: Robots | None,
                     politeness: Politeness, engine: Any, pool: ProcessPoolExecutor | None, download_dir: Path,
                     url: str, depth: int, kind: str, parent: dict[str, Any] | None, seq: int) -> None:
        register_url_secrets(url)  # also after --resume, for the URLs in the saved frontier
        spec = TargetSpec(uri=url, kind=kind, key=url, url=url, parent=parent)
        if robots is not None and not await robots.allows(url):
            self._finish(store, seq, spec, TargetError(f"{url}: not checked: robots.txt disallows it"), status="skipped")
            return
        if kind == "html":
            outcome = await self._page(spec, engine, politeness, client)
            if isinstance(outcome, TargetError) and "not an HTML page" in str(outcome):
                # A link without a telling suffix that serves a document: check it as one.
                outcome = await self._document(spec, client, pool, politeness, download_dir)
            elif isinstance(outcome, EngineResult):
                final = normalise_url(outcome.meta.get("final_url") or url)
                if final != url and store.status(final) == "done":
                    outcome = TargetError(f"{url}: redirects to {final}, checked there")
                    self._finish(store, seq, spec, outcome, status="skipped")
                    return
                self._enqueue_links(store, outcome, url, depth, parent)
        else:
            outcome = await self._document(spec, client, pool, politeness, download_dir)
        self._finish(store, seq, spec, outcome)

    async def _page(self, spec: TargetSpec, engine: Any, politeness: Politeness,
                    client: httpx.AsyncClient) -> EngineResult | TargetError:
        if engine is None:
            async with politeness.turn(spec.uri):
                fetched = await fetch_page(client, spec.uri, self._credentials, self.scope)
            if isinstance(fetched, TargetError):
                return fetched
            return await asyncio.to_thread(check_static_page, *fetched, self.options)
        if isinstance(engine, BrowserNotFound):
            return TargetError(str(engine))
        engine.guard.turn = politeness.turn  # politeness while the page is requested, not checked
        for attempt in range(MAX_RETRIES + 1):
            try:
                return await engine.check(spec)
            except TargetError as exc:
                if exc.status not in RETRY_STATUSES or attempt == MAX_RETRIES:
                    return exc
                status, delay = exc.status, backoff(attempt, exc.retry_after)
            log.info("%s: HTTP %s, retrying in %.1f s", redact_url(spec.uri), status, delay)
            await asyncio.sleep(delay)
        raise AssertionError("unreachable")

    async def _document(self, spec: TargetSpec, client: httpx.AsyncClient, pool: ProcessPoolExecutor | None,
                        politeness: Politeness, download_dir: Path) -> EngineResult | TargetError:
        async with politeness.turn(spec.uri):
            downloaded = await download(client, spec.uri, download_dir, self.settings.max_download_bytes,
                                        self._credentials, self.scope)
        if isinstance(downloaded, TargetError):
            return downloaded
        path, content_kind = downloaded
        spec.kind = content_kind or spec.kind
        try:
            if pool is None:
                result = check_document(spec.kind, path, self.options)
            else:
                future = asyncio.get_running_loop().run_in_executor(pool, check_document, spec.kind, path, self.options)
                try:
                    result = await asyncio.wait_for(future, timeout=self.options.timeout)
                except asyncio.TimeoutError:
                    return TargetError(f"{spec.uri}: timed out after {self.options.timeout:g} s")
            if isinstance(result, TargetError):  # name the URL, not our temporary file
                return TargetError(str(result).replace(path.name, spec.uri))
            return result
        finally:
            spec.path = None
            path.unlink(missing_ok=True)

    def _enqueue_links(self, store: CrawlStore, result: EngineResult, url: str, depth: int,
                       parent: dict[str, Any] | None) -> None:
        final = result.meta.get("final_url")
        if final and normalise_url(final) != url:  # this result stands for the redirect's target too
            store.enqueue(normalise_url(final), depth, "html", parent)
            store.mark(normalise_url(final), "done")
        if depth >= self.settings.max_depth:
            return
        course = (parent or {}).get("course") or url
        links = result.meta.get("links", [])
        for href, _text in links:  # before the page's findings are recorded: snippets show links
            register_url_secrets(href)
        for href, text in links:
            link = normalise_url(href)
            if link == url or not self.scope.allows(link, text):
                continue
            store.enqueue(link, depth + 1, kind_of_url(link), {"course": course, "linked_from": url})

    def _finish(self, store: CrawlStore, seq: int, spec: TargetSpec, outcome: EngineResult | TargetError,
                status: str | None = None) -> None:
        index = store.db.execute("SELECT COUNT(*) FROM results").fetchone()[0] + 1
        target = Target(id=f"t{index}", uri=redact_url(spec.uri), kind=spec.kind, key=redact_url(spec.key),
                        parent={k: redact(v) if isinstance(v, str) else v for k, v in spec.parent.items()}
                        if spec.parent else spec.parent)
        findings: list = []
        if isinstance(outcome, TargetError):
            target.status = status or "error"
            target.error = redact(str(outcome))
            self.errors += target.status == "error"
        else:
            target.status, target.title, target.mode = "checked", outcome.title, outcome.mode
            target.notes = [redact(n) or "" for n in outcome.notes]
            findings = outcome.findings
            for finding in findings:
                finding.target = target.id
            assign_fingerprints(findings, target.key)
            for finding in findings:  # after the fingerprints, which must not depend on masking
                redact_finding(finding)
            target.score = score_target(findings)
        store.record(seq, spec.uri, target, findings)
        self.checked += 1
        if self.on_progress:
            counts = store.counts()
            elapsed = max(time.monotonic() - self._started, 1e-6)
            self.on_progress({"found": counts["found"], "checked": counts["done"], "queued": counts["queued"],
                              "errors": self.errors, "rate": self.checked / elapsed})

    def _report(self, store: CrawlStore, started: str) -> Report:
        report = Report(
            tool={"name": "uu-check", "version": __version__,
                  "axe_core": axe.axe_version() if self.options.use_browser else None},
            run={"started": started, "finished": now_iso(), "lang": self.options.lang, "level": self.options.level,
                 "fail_on": self.options.fail_on, "mode": "browser" if self.options.use_browser else "static"},
        )
        for target, findings in store.results():
            report.targets.append(target)
            report.findings.extend(findings)
        report.sort()
        return report


def redact_finding(finding: Any) -> None:
    """Mask secrets (and secret URL parameters) in the text a finding carries from the page."""
    finding.message, finding.evidence = redact(finding.message), redact(finding.evidence)
    location = finding.location
    for name in ("selector", "snippet", "frame", "context", "shape"):
        value = getattr(location, name, None)
        if isinstance(value, str):
            setattr(location, name, redact(value))


def backoff(attempt: int, retry_after: str | None) -> float:
    """Seconds to wait before retry `attempt` (0-based): Retry-After when given, else 1, 2, 4 ..."""
    if retry_after:
        try:
            return min(MAX_BACKOFF, max(0.0, float(retry_after)))
        except ValueError:
            when = email.utils.parsedate_to_datetime(retry_after)
            if when is not None:
                return min(MAX_BACKOFF, max(0.0, when.timestamp() - time.time()))
    return min(MAX_BACKOFF, 2.0 ** attempt)


async def open_scoped(client: httpx.AsyncClient, url: str, credentials: Callable[[str], dict[str, Any]],
                      scope: Scope) -> tuple[httpx.Response, str] | TargetError:
    """GET `url` as a stream: credentials only to the crawl's own sites, redirects followed only
    within scope, retries with backoff on 429 and 5xx. (open response, final URL) or an error;
    the caller closes the response."""
    current = url
    for _ in range(10):
        for attempt in range(MAX_RETRIES + 1):
            try:
                request = client.build_request("GET", current, **credentials(current))
                response = await client.send(request, stream=True)
            except httpx.TimeoutException:
                return TargetError(f"{url}: timed out")
            except httpx.HTTPError as exc:
                return TargetError(f"{url}: cannot connect ({type(exc).__name__})")
            finally:
                # Cookies the site sets are not kept: the client's jar ignores ports and would
                # send them to another site on the same host. Only the given cookies are sent.
                client.cookies.clear()
            if response.status_code in RETRY_STATUSES and attempt < MAX_RETRIES:
                await response.aclose()
                delay = backoff(attempt, response.headers.get("retry-after"))
                log.info("%s: HTTP %s, retrying in %.1f s", redact_url(current), response.status_code, delay)
                await asyncio.sleep(delay)
                continue
            break
        if response.is_redirect:
            await response.aclose()
            location = normalise_url(str(response.next_request.url)) if response.next_request else None
            if not location or not scope.allows(location):
                return TargetError(f"{url}: redirects out of the crawl's scope")
            current = location
            continue
        if response.status_code >= 400:
            await response.aclose()
            return TargetError(f"{url}: HTTP {response.status_code} {response.reason_phrase}".rstrip())
        return response, current
    return TargetError(f"{url}: too many redirects")


async def fetch_page(client: httpx.AsyncClient, url: str, credentials: Callable[[str], dict[str, Any]],
                     scope: Scope, limit: int = 20_000_000) -> tuple[str, str] | TargetError:
    """(html, final URL) of a page for static mode, fetched like `open_scoped`."""
    opened = await open_scoped(client, url, credentials, scope)
    if isinstance(opened, TargetError):
        return opened
    response, final = opened
    try:
        content_type = response.headers.get("content-type", "")
        if content_type and "html" not in content_type and "xml" not in content_type:
            return TargetError(f"{url}: not an HTML page ({content_type.split(';')[0]})")
        body = bytearray()
        async for block in response.aiter_bytes(1 << 16):
            body += block
            if len(body) > limit:
                return TargetError(f"{url}: page too large (over {limit:,} bytes)")
        return bytes(body).decode(response.encoding or "utf-8", errors="replace"), final
    finally:
        await response.aclose()


def check_static_page(html: str, url: str, options: ScanOptions) -> EngineResult:
    """Static mode for a crawled page: the checks, plus the page's links to crawl on."""
    from uu_check.engines.html_browser import page_links
    from uu_check.engines.html_model import HtmlDocument
    from uu_check.engines.html_static import check_static

    result = check_static(html, url, options)
    result.meta["links"] = page_links(HtmlDocument.parse(html, url), url)
    result.meta["final_url"] = url
    return result


async def download(client: httpx.AsyncClient, url: str, folder: Path, limit: int,
                   credentials: Callable[[str], dict[str, Any]], scope: Scope) -> tuple[Path, str | None] | TargetError:
    """Fetch a linked document into `folder` (like `open_scoped`), stopping at `limit` bytes;
    (path, kind from the content type) or a one-line error."""
    opened = await open_scoped(client, url, credentials, scope)
    if isinstance(opened, TargetError):
        return opened
    response, current = opened
    try:
        declared = int(response.headers.get("content-length") or 0)
        if declared > limit:
            return TargetError(f"{url}: too large to download ({declared:,} bytes; the limit is {limit:,})")
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        kind = DOCUMENT_TYPES.get(content_type)
        if kind is None and kind_of_url(current) == "html":
            return TargetError(f"{url}: not a page or a document uu-check can check ({content_type or 'unknown type'})")
        suffix = {"pdf": ".pdf", "docx": ".docx", "pptx": ".pptx"}.get(kind or kind_of_url(current), ".bin")
        handle, name = tempfile.mkstemp(suffix=suffix, dir=folder)
        path = Path(name)
        size = 0
        with open(handle, "wb") as sink:
            async for block in response.aiter_bytes(1 << 16):
                size += len(block)
                if size > limit:
                    sink.close()
                    path.unlink(missing_ok=True)
                    return TargetError(f"{url}: too large to download (over {limit:,} bytes)")
                sink.write(block)
        return path, kind
    finally:
        await response.aclose()
