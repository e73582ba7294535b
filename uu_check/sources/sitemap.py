"""sitemap.xml and sitemap indexes: the pages a site says it has."""

from __future__ import annotations

import httpx
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from uu_check.sources.urls import origin

MAX_SITEMAPS = 50


async def sitemap_urls(client: httpx.AsyncClient, url: str, limit: int = 50_000) -> list[str]:
    """Every page URL listed by a sitemap, following sitemap indexes (at most MAX_SITEMAPS files).

    An index may only point to sitemaps on its own site (as the sitemaps protocol requires), so a
    sitemap never makes the crawler request another site; page URLs are scoped by the caller."""
    pending, seen, pages = [url], set(), []
    while pending and len(seen) < MAX_SITEMAPS and len(pages) < limit:
        current = pending.pop(0)
        if current in seen:
            continue
        seen.add(current)
        try:
            response = await client.get(current, follow_redirects=True)
            response.raise_for_status()
            root = ElementTree.fromstring(response.content)
        except (httpx.HTTPError, DefusedXmlException, ElementTree.ParseError):
            continue
        is_index = root.tag.rsplit("}", 1)[-1] == "sitemapindex"
        for loc in root.iter():
            if loc.tag.rsplit("}", 1)[-1] == "loc" and loc.text and loc.text.strip():
                found = loc.text.strip()
                if not is_index:
                    pages.append(found)
                elif origin(found) == origin(current):
                    pending.append(found)
    return pages[:limit]
