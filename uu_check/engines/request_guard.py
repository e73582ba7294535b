"""Every request a checked page makes passes this guard: credentials (cookies, headers given on the
command line) go only to the sites they belong to, and the page never navigates out of the crawl's
scope, not even through a redirect.

Why requests are fetched here instead of by the browser: Chromium sends a host's cookies to every
port of that host, keeps headers added to a request when the request is redirected to another
site, and follows redirects without asking the route handler again (Playwright routes only the
first URL of a redirect chain). So the given cookies are never put in the browser's cookie jar;
requests to the crawl's own sites, and every top-level navigation, are fetched here with the
credentials added only where they belong. A redirect of a top-level navigation is not followed
here: it is recorded (`redirect_of(page)`) and the engine navigates to its target itself, after
checking the scope, so the page keeps its real address. Redirects of other requests (images,
scripts) are followed here, each hop getting credentials only if it is on the crawl's sites.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

import httpx

from uu_check.options import ScanOptions
from uu_check.sources.urls import normalise_url, origin

#: Headers that do not survive a refetch (httpx decodes the body; the browser sets its own framing).
DROP_RESPONSE_HEADERS = {"content-encoding", "content-length", "transfer-encoding", "connection", "keep-alive"}
DROP_REQUEST_HEADERS = {"host", "content-length", "connection", "cookie"}
#: A navigation larger than this is cut off (the crawler downloads documents itself, within its limits).
MAX_BODY = 50_000_000
MAX_REDIRECTS = 10
#: A response handed to the browser by the guard has no network address, so Chromium's
#: local-network-access checks would block what it loads from a private or loopback address
#: (an intranet LMS, a test server). The guard decides what may be requested; these checks go.
BROWSER_ARGS: tuple[str, ...] = (
    "--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessSendPreflights,"
    "PrivateNetworkAccessRespectPreflightResults,BlockInsecurePrivateNetworkRequests",
)


class RequestGuard:
    """The route handler of one browser engine. Call `close()` when done."""

    def __init__(self, options: ScanOptions) -> None:
        self.options = options
        self._client: httpx.AsyncClient | None = None
        self._redirects: dict[int, str] = {}
        #: Set by a crawl: `turn(url)` is an async context manager held while a page is requested.
        self.turn: Callable[[str], AbstractAsyncContextManager[Any]] | None = None

    def redirect_of(self, page: Any) -> str | None:
        """Where the last navigation of `page` was redirected to (and forget it), or None."""
        return self._redirects.pop(id(page), None)

    @property
    def has_credentials(self) -> bool:
        return bool(self.options.headers or self.options.cookies)

    def needed(self) -> bool:
        return self.has_credentials or self.options.scope is not None

    def allowed(self, url: str) -> bool:
        """May this URL receive the credentials?"""
        scope = self.options.scope
        return scope.same_site(url) if scope is not None else origin(url) in self.options.credential_origins

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def __call__(self, route: Any, request: Any) -> None:
        url = request.url
        if not url.startswith(("http://", "https://")):
            await route.continue_()
            return
        try:
            top_navigation = request.is_navigation_request() and request.frame.parent_frame is None
        except Exception:  # noqa: BLE001 - a service worker's request has no frame
            top_navigation = False
        scope = self.options.scope
        if top_navigation and scope is not None and not scope.allows(normalise_url(url)):
            await route.abort("blockedbyclient")
            return
        if top_navigation or (self.has_credentials and self.allowed(url)):
            await self._fetch(route, request, top_navigation)
        else:
            await route.continue_()

    async def _headers(self, request: Any, request_headers: dict[str, str], url: str) -> dict[str, str]:
        """The browser's headers, its own cookies for `url` (a --storage-state login, cookies the
        site set), and the given cookies and headers when `url` is on the crawl's sites."""
        headers = {k: v for k, v in request_headers.items()
                   if k.lower() not in DROP_REQUEST_HEADERS and not k.startswith(":")}
        cookies: dict[str, str] = {}
        try:
            for cookie in await request.frame.page.context.cookies(url):
                cookies[cookie["name"]] = cookie["value"]
        except Exception:  # noqa: BLE001 - a worker's request has no page; it sends no jar cookies
            pass
        if self.has_credentials and self.allowed(url):
            headers.update(self.options.headers)
            cookies.update((c["name"], c["value"]) for c in self.options.cookies
                           if origin(c.get("url") or url) == origin(url))
        if cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        return headers

    async def _fetch(self, route: Any, request: Any, top_navigation: bool) -> None:
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=self.options.timeout, follow_redirects=False)
        browser_headers = await request.all_headers()
        url, method, content = request.url, request.method, request.post_data_buffer
        # A crawl's politeness (one request at a time per site, at its rate) covers the page's own
        # request, not the time the page takes to render and be checked.
        turn = self.turn(url) if top_navigation and self.turn is not None else contextlib.nullcontext()
        async with turn:
            try:
                for _ in range(MAX_REDIRECTS + 1):
                    outgoing = self._client.build_request(method, url, headers=await self._headers(request, browser_headers, url),
                                                          content=content)
                    try:
                        response = await self._client.send(outgoing, stream=True)
                    finally:
                        self._client.cookies.clear()  # the jar ignores ports: keep nothing between requests
                    if not (response.is_redirect and response.next_request is not None):
                        break
                    await response.aclose()
                    target = str(response.next_request.url)
                    if top_navigation:
                        # The engine follows it (after checking the scope), so the page keeps its address.
                        self._redirects[id(request.frame.page)] = target
                        await route.fulfill(status=200, headers={"Content-Type": "text/html"}, body=b"")
                        return
                    url, method = target, response.next_request.method
                    content = None if method == "GET" else content
                else:
                    await route.abort("failed")
                    return
                try:
                    body = bytearray()
                    async for block in response.aiter_bytes(1 << 16):
                        body += block
                        if len(body) > MAX_BODY:
                            break
                finally:
                    await response.aclose()
            except httpx.HTTPError:
                await route.abort("failed")
                return
        merged: dict[str, str] = {}
        for name, value in response.headers.multi_items():
            if name.lower() in DROP_RESPONSE_HEADERS:
                continue
            if name.lower() == "set-cookie" and value.split("=", 1)[0].strip() in {c["name"] for c in self.options.cookies}:
                continue  # the given cookies stay out of the browser's jar
            merged[name] = f"{merged[name]}\n{value}" if name in merged else value  # one value per name
        await route.fulfill(status=response.status_code, headers=merged, body=bytes(body))
