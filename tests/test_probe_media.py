"""The media probe in a real Chromium: sound told from silence (no audio track, or a track of
pure zeros), load errors, duration, and the words a person can read beside the media."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import async_playwright

from uu_check.engines.browser import LAUNCH_ARGS, find_browser
from uu_check.engines.probes.media import media_probe
from uu_check.options import ScanOptions

MEDIA = Path(__file__).resolve().parent.parent / "fixtures" / "rules" / "html" / "html-video-only-alternative" / "media"

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Media</title></head><body>
<video id="tone" src="{m}tone.webm"></video>
<video id="silent" src="{m}silent.webm"></video>
<video id="zeros" src="{m}silent-track.webm"></video>
<audio id="audio" autoplay muted src="{m}tone-audio.webm"></audio>
<video id="missing" src="{m}missing.mp4"></video>
<p style="text-indent:-9999px">four words off screen</p>
<p aria-hidden="true">three hidden words</p>
<p>two words</p>
</body></html>"""


async def _probe(url: str) -> dict[str, Any]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(find_browser()), args=list(LAUNCH_ARGS))
        try:
            page = await browser.new_page()
            await page.goto(url, wait_until="load")
            await page.evaluate("() => document.querySelectorAll('*').forEach((e, i) => e.setAttribute('data-uu-i', i))")
            ids = await page.evaluate("() => Object.fromEntries([...document.querySelectorAll('video,audio')]"
                                      ".map(e => [e.id, +e.getAttribute('data-uu-i')]))")
            result = await media_probe(page, ScanOptions())
        finally:
            await browser.close()
    return {"by_id": {name: result["media"][index] for name, index in ids.items()}, "words": result["words"]}


def _check(result: dict[str, Any]) -> None:
    media = result["by_id"]
    assert media["tone"]["sound"] is True
    assert media["silent"]["sound"] is False
    assert media["zeros"]["sound"] is False and media["zeros"]["peak"] == 0
    assert media["audio"]["sound"] is True and media["audio"]["muted"] is True
    assert media["missing"]["error"] is not None and media["missing"]["sound"] is None
    assert 3.5 < media["tone"]["duration"] < 4.5
    assert result["words"] == {"visible": 2, "exposed": 6}


@pytest.mark.browser
def test_probe_local_files(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE.format(m=MEDIA.as_uri() + "/"), encoding="utf-8")
    _check(asyncio.run(_probe(page.as_uri())))


@pytest.mark.browser
def test_probe_served_page(serve_dir: Any, tmp_path: Path) -> None:
    """Over HTTP the page fetches its own (same-origin) media to decode the sound."""
    shutil.copytree(MEDIA, tmp_path / "media")
    (tmp_path / "page.html").write_text(PAGE.format(m="media/"), encoding="utf-8")
    server = serve_dir(tmp_path)
    _check(asyncio.run(_probe(f"{server.url}/page.html")))
