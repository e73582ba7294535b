"""`uu-check login URL --save FILE`: log in by hand in a visible browser and save the session
(a Playwright storage state) for `scan --storage-state FILE`. The file holds secrets: keep it
private; uu-check never prints its content."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import click

from uu_check.engines.browser import LAUNCH_ARGS, BrowserNotFound, find_browser


def has_display() -> bool:
    return sys.platform in ("darwin", "win32") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


@click.command("login")
@click.argument("url")
@click.option("--save", "save_path", type=click.Path(dir_okay=False, path_type=Path), default=Path("uu-check-login.json"),
              show_default=True, help="Where to save the logged-in browser state.")
@click.option("--browser", "browser_path", metavar="PATH", help="Chromium or Chrome to use.")
def login_command(url: str, save_path: Path, browser_path: str | None) -> None:
    """Open URL in a visible browser; log in, then close the window to save the session."""
    if not url.startswith(("http://", "https://")):
        raise click.UsageError("login needs an http(s) URL")
    if not has_display():
        raise click.UsageError("login needs a screen to show a browser on; log in on a machine with one and copy "
                               "the saved file, or pass --cookie NAME=VALUE to scan")
    try:
        executable = find_browser(browser_path)
    except BrowserNotFound as exc:
        raise click.UsageError(str(exc)) from None
    asyncio.run(_login(url, save_path, str(executable)))
    save_path.chmod(0o600)
    click.echo(f"saved the logged-in session to {save_path}; use: uu-check scan {url} --crawl --storage-state {save_path}")


async def _login(url: str, save_path: Path, executable: str) -> None:
    from playwright.async_api import async_playwright

    args = [a for a in LAUNCH_ARGS if a != "--disable-gpu"]
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable, headless=False, args=args)
        context = await browser.new_context()
        page = await context.new_page()
        await page.goto(url)
        click.echo("log in in the browser window, then close the window")
        closed = asyncio.Event()
        page.on("close", lambda _page: closed.set())
        await closed.wait()
        await context.storage_state(path=str(save_path))
        await browser.close()
