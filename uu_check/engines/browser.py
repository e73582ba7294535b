"""Find a Chromium to drive: an explicit path, then $UU_CHECK_BROWSER, then Playwright's own
Chromium where a user installed it, then a system Chromium or Chrome.

`playwright install` cannot download browsers on every machine (closed networks, Debian CI), so
uu-check never depends on it alone.
"""

from __future__ import annotations

import glob
import os
import shutil
from pathlib import Path

#: Flags that keep headless Chromium quiet on closed networks and in containers running as root.
LAUNCH_ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
    "--mute-audio",
)

SYSTEM_NAMES: tuple[str, ...] = (
    "chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome",
)

INSTALL_HINT = (
    "no Chromium or Chrome found: install one (Debian/Ubuntu: `sudo apt-get install chromium`; "
    "elsewhere: `python -m playwright install chromium`), or name it with --browser PATH or "
    "UU_CHECK_BROWSER; use --no-browser for a static check without one"
)


class BrowserNotFound(Exception):
    """No usable browser; the message says how to get one."""


def playwright_chromium() -> Path | None:
    """Playwright's own downloaded Chromium, if the user ran `playwright install chromium`."""
    root = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or Path.home() / ".cache" / "ms-playwright")
    patterns = ("chromium-*/chrome-linux*/chrome", "chromium-*/chrome-mac*/Chromium.app/Contents/MacOS/Chromium",
                "chromium-*/chrome-win*/chrome.exe")
    for pattern in patterns:
        found = sorted(glob.glob(str(root / pattern)), reverse=True)
        if found:
            return Path(found[0])
    return None


def find_browser(explicit: str | None = None) -> Path:
    """The browser to launch, in the documented order; raises BrowserNotFound with a how-to."""
    for candidate, origin in ((explicit, "--browser"), (os.environ.get("UU_CHECK_BROWSER"), "UU_CHECK_BROWSER")):
        if candidate:
            path = Path(candidate).expanduser()
            if not path.is_file():
                resolved = shutil.which(candidate)
                if not resolved:
                    raise BrowserNotFound(f"{origin}: browser not found at {candidate}")
                path = Path(resolved)
            return path
    bundled = playwright_chromium()
    if bundled is not None:
        return bundled
    for name in SYSTEM_NAMES:
        resolved = shutil.which(name)
        if resolved:
            return Path(resolved)
    for path in ("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
                 "/Applications/Chromium.app/Contents/MacOS/Chromium"):
        if Path(path).is_file():
            return Path(path)
    raise BrowserNotFound(INSTALL_HINT)
