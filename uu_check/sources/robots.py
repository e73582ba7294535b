"""robots.txt: a crawler of other people's platforms asks first (unless told not to)."""

from __future__ import annotations

from urllib.robotparser import RobotFileParser

import httpx

from uu_check.sources.urls import origin

AGENT = "uu-check"


class Robots:
    """robots.txt per origin, fetched once; a missing or unreadable file allows everything."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self._parsers: dict[str, RobotFileParser | None] = {}

    async def allows(self, url: str) -> bool:
        site = origin(url)
        if site not in self._parsers:
            self._parsers[site] = await self._fetch(site)
        parser = self._parsers[site]
        return parser is None or parser.can_fetch(AGENT, url)

    async def _fetch(self, site: str) -> RobotFileParser | None:
        try:
            response = await self.client.get(f"{site}/robots.txt", follow_redirects=True)
        except httpx.HTTPError:
            return None
        if response.status_code >= 400:
            return None
        parser = RobotFileParser()
        parser.parse(response.text.splitlines())
        return parser
