"""`scan` options for crawling a platform and logging in to it (cookies, headers, storage state)."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from uu_check.options import ScanOptions
from uu_check.redact import install_log_filter, register_secret
from uu_check.sources.files import is_url
from uu_check.sources.urls import origin

CRAWL_OPTIONS: list[Callable[[Callable[..., Any]], Callable[..., Any]]] = [
    click.option("--crawl", is_flag=True, help="Follow links from the start URLs (same site unless --include)."),
    click.option("--include", "crawl_include", multiple=True, help="Crawl only URLs matching this glob (or re:REGEX)."),
    click.option("--exclude-url", "crawl_exclude", multiple=True, help="Never crawl URLs matching this glob (or re:REGEX)."),
    click.option("--max-depth", type=click.IntRange(min=0), default=10, show_default=True, help="Links away from a start URL."),
    click.option("--max-pages", type=click.IntRange(min=1), default=500, show_default=True, help="Pages and documents to check at most."),
    click.option("--sitemap", "sitemaps", multiple=True, metavar="URL", help="Also crawl the pages of this sitemap.xml (or index)."),
    click.option("--ignore-robots", is_flag=True, help="Do not honour robots.txt (only on your own platform)."),
    click.option("--rate", type=click.FloatRange(min=0), default=2.0, show_default=True,
                 help="Requests per second to one site (0: no pause; still one at a time)."),
    click.option("--max-download-mb", type=click.FloatRange(min=0.1), default=50, show_default=True,
                 help="Largest linked document to download."),
    click.option("--state", "state_file", type=click.Path(dir_okay=False, path_type=Path),
                 help="SQLite file with the crawl's frontier and results (default under .uu-check/)."),
    click.option("--resume", is_flag=True, help="Continue an interrupted crawl from its --state."),
    click.option("--cookie", "cookies", multiple=True, metavar="NAME=VALUE",
                 help="Send this cookie to the start URLs' sites (repeatable). Never shown in reports or logs."),
    click.option("--header", "headers", multiple=True, metavar="'Name: value'",
                 help="Send this HTTP header to the start URLs' sites (repeatable). Never shown in reports or logs."),
    click.option("--storage-state", type=click.Path(exists=True, dir_okay=False),
                 help="A logged-in browser state saved by `uu-check login`."),
]


def crawl_options(function: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(CRAWL_OPTIONS):
        function = option(function)
    return functools.wraps(function)(function)


def apply_login(options: ScanOptions, targets: tuple[str, ...], extras: dict[str, Any]) -> None:
    """Put cookies, headers and storage state on the options, scoped to the start URLs' sites,
    and register every secret value so no output can show it."""
    install_log_filter()
    # httpcore's debug trace prints raw response headers (a server's Set-Cookie); even -vv stops at
    # httpx's one line per request, which is redacted.
    logging.getLogger("httpcore").setLevel(logging.INFO)
    sites = sorted({origin(t) for t in targets if is_url(t)})
    for raw in extras.get("cookies") or ():
        name, sep, value = raw.partition("=")
        if not sep or not name.strip():
            raise click.UsageError("--cookie takes NAME=VALUE")
        register_secret(value)
        options.cookies.extend({"name": name.strip(), "value": value, "url": site} for site in sites)
    for raw in extras.get("headers") or ():
        name, sep, value = raw.partition(":")
        if not sep or not name.strip():
            raise click.UsageError("--header takes 'Name: value'")
        register_secret(value.strip())
        options.headers[name.strip()] = value.strip()
    options.credential_origins = tuple(sites)
    if extras.get("storage_state"):
        options.storage_state = str(extras["storage_state"])
