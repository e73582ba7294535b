"""sitemap.xml and sitemap indexes: the pages a site says it has."""

from __future__ import annotations

import httpx
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

MAX_SITEMAPS = 50


async def sitemap_urls(client: httpx.AsyncClient, url: str, limit: int = 50_000) -> list[str]:
    """Every page URL listed by a sitemap, following sitemap indexes (at most MAX_SITEMAPS files)."""
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
                (pending if is_index else pages).append(loc.text.strip())
    return pages[:limit]
