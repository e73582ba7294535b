"""URLs in a crawl: one normal form per page, scope, and links a crawler must never follow."""

from __future__ import annotations

import fnmatch
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Query parameters that only track visitors; a page with and without them is the same page.
TRACKING_PARAMS = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|igshid|ref_src)$", re.I)

#: Links that change state or end the session: following them would log the crawler out or
#: delete course content. Matched against the URL path/query and the link text.
DANGEROUS = re.compile(
    r"(?:^|[/_\-=.?&\s])(?:log[-\s]?out|log[-\s]?off|sign[-\s]?out|logg[-\s]?ut|avlogg\w*|utlogg\w*|delete|destroy|remove|"
    r"slett\w*|fjern\w*|unenroll|avmeld\w*|unsubscribe)(?:$|[/_\-=.?&\s])", re.I)

DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters,
    '/' for an empty path: so each page is checked once whatever link led to it."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMS.match(k)])
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, query, ""))


def origin(url: str) -> str:
    parts = urlsplit(normalise_url(url))
    return f"{parts.scheme}://{parts.netloc}"


def is_dangerous(url: str, text: str = "") -> bool:
    parts = urlsplit(url)
    return bool(DANGEROUS.search(f"{parts.path}?{parts.query}") or DANGEROUS.search(f" {text.strip()} "))


def _matches(url: str, pattern: str) -> bool:
    """A pattern is a glob ('*/files/*') or, when it starts with 're:', a regular expression."""
    if pattern.startswith("re:"):
        return re.search(pattern[3:], url) is not None
    return fnmatch.fnmatchcase(url, pattern) or (not any(c in pattern for c in "*?[") and pattern in url)


class Scope:
    """Which URLs a crawl may request: the start origins, or only what --include patterns match;
    never what --exclude matches; never logout/delete-style links unless asked."""

    def __init__(self, seeds: list[str], include: tuple[str, ...] = (), exclude: tuple[str, ...] = (),
                 follow_dangerous: bool = False) -> None:
        self.origins = {origin(s) for s in seeds}
        self.include = include
        self.exclude = exclude
        self.follow_dangerous = follow_dangerous

    def allows(self, url: str, text: str = "") -> bool:
        if urlsplit(url).scheme not in ("http", "https"):
            return False
        if self.include:
            if not any(_matches(url, p) for p in self.include):
                return False
        elif origin(url) not in self.origins:
            return False
        if any(_matches(url, p) for p in self.exclude):
            return False
        return self.follow_dangerous or not is_dangerous(url, text)

    def same_site(self, url: str) -> bool:
        """May credentials (cookies, headers) be sent to this URL? Only to the start origins."""
        return origin(url) in self.origins
