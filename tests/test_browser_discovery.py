"""Finding a browser: explicit path, environment variable, Playwright's own, the system's."""

from __future__ import annotations

from pathlib import Path

import pytest

from uu_check.engines import browser
from uu_check.engines.browser import BrowserNotFound, find_browser


def test_explicit_path_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "my-chrome"
    fake.write_text("#!/bin/sh\n")
    monkeypatch.setenv("UU_CHECK_BROWSER", "/nonexistent/chrome")
    assert find_browser(str(fake)) == fake


def test_environment_variable_is_used_and_a_wrong_one_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "chrome"
    fake.write_text("")
    monkeypatch.setenv("UU_CHECK_BROWSER", str(fake))
    assert find_browser() == fake
    monkeypatch.setenv("UU_CHECK_BROWSER", "/nonexistent/chrome")
    with pytest.raises(BrowserNotFound, match="UU_CHECK_BROWSER"):
        find_browser()


def test_playwright_download_is_preferred_to_the_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chrome = tmp_path / "chromium-1200" / "chrome-linux" / "chrome"
    chrome.parent.mkdir(parents=True)
    chrome.write_text("")
    monkeypatch.delenv("UU_CHECK_BROWSER", raising=False)
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path))
    assert find_browser() == chrome


def test_nothing_found_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("UU_CHECK_BROWSER", raising=False)
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(browser, "Path", Path)
    with pytest.raises(BrowserNotFound) as info:
        find_browser()
    assert "apt-get install chromium" in str(info.value) and "--no-browser" in str(info.value)
