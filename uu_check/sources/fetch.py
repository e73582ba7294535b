"""Fetch a page's raw HTML over HTTP for static mode (no browser)."""

from __future__ import annotations

import httpx

from uu_check import __version__
from uu_check.engines.base import TargetError
from uu_check.options import ScanOptions

USER_AGENT = f"uu-check/{__version__} (accessibility checker)"


async def fetch_html(url: str, options: ScanOptions) -> tuple[str, str]:
    """(html, final url). Errors name the URL and the reason, never the headers or cookies sent.
    Cookies and headers go only to the sites they were given for, also across redirects."""
    from uu_check.sources.urls import origin

    def credentials(target: str) -> dict:
        if origin(target) not in options.credential_origins:
            return {}
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in options.cookies
                           if "name" in c and "value" in c and origin(c.get("url") or target) == origin(target))
        return {**options.headers, **({"Cookie": cookie} if cookie else {})}

    try:
        async with httpx.AsyncClient(follow_redirects=False, timeout=options.timeout,
                                     headers={"User-Agent": USER_AGENT}) as client:
            current = url
            for _ in range(10):
                response = await client.get(current, headers=credentials(current))
                if not (response.is_redirect and response.next_request is not None):
                    break
                if origin(str(response.next_request.url)) != origin(current):
                    client.cookies.clear()  # the jar ignores ports: a site's cookies stay with it
                current = str(response.next_request.url)
            else:
                raise TargetError(f"{url}: too many redirects")
    except httpx.TimeoutException:
        raise TargetError(f"{url}: timed out") from None
    except httpx.HTTPError as exc:
        raise TargetError(f"{url}: cannot connect ({type(exc).__name__})") from None
    if response.status_code >= 400:
        raise TargetError(f"{url}: HTTP {response.status_code} {response.reason_phrase}".rstrip())
    content_type = response.headers.get("content-type", "")
    if content_type and "html" not in content_type and "xml" not in content_type:
        raise TargetError(f"{url}: not an HTML page ({content_type.split(';')[0]})")
    return response.text, str(response.url)
