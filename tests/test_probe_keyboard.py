"""The keyboard probe: keyboard traps found by really pressing Tab in Chromium, and the
focus-trap rule's decisions from it (and from the markup without it)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from uu_check.engines.probes.keyboard import keys_named_in
from uu_check.options import ScanOptions
from uu_check.scanner import Scanner
from uu_check.sources.files import file_spec

TRAP_SCRIPT = """
<script>
  const a = document.getElementById('a'), b = document.getElementById('b');
  a.addEventListener('blur', () => setTimeout(() => b.focus(), 10));
  b.addEventListener('blur', () => setTimeout(() => a.focus(), 10));
  %s
</script>"""

GROUP = """<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>
<p>%s</p><a href="#1">first</a> <button type="button" id="a">A</button>
<button type="button" id="b">B</button> <a href="#2">last</a>""" + TRAP_SCRIPT + "</body></html>"

#: Frees focus on Ctrl+M: put on the two trapping buttons' container.
CTRL_M = """document.body.addEventListener('keydown', (e) => {
  if (e.ctrlKey && e.keyCode === 77) { a.replaceWith(a.cloneNode(true)); b.replaceWith(b.cloneNode(true));
    document.querySelector('a[href="#2"]').focus(); } });"""


def test_keys_named_in_text() -> None:
    assert keys_named_in("Press Ctrl+M to exit the player.") == ["Control+KeyM"]
    assert keys_named_in("Trykk Esc for å lukke.") == ["Escape"]
    assert keys_named_in("Trykk på Alt + Q for å gå ut") == ["Alt+KeyQ"]
    assert keys_named_in("Use F6 to leave the editor") == ["F6"]
    # a lone letter or digit after a verb is prose, not a key
    assert keys_named_in("Use a pencil and press 1 button") == []
    assert keys_named_in("Nothing to press here.") == []


def _scan(tmp_path: Path, pages: dict[str, str], *, browser: bool = True) -> dict[str, list[tuple[str, str, str]]]:
    for name, html in pages.items():
        (tmp_path / name).write_text(html, encoding="utf-8")
    options = ScanOptions(lang="en", level="AAA", select=("html-focus-trap",), use_browser=browser, timeout=40)
    report = Scanner(options).scan_specs([file_spec(tmp_path / name) for name in pages])
    by_id = {t.id: Path(t.uri).name for t in report.targets}
    found: dict[str, list[tuple[str, str, str]]] = {name: [] for name in pages}
    for finding in report.findings:
        if finding.rule == "html-focus-trap":
            found[by_id[finding.target]].append((finding.outcome, finding.message, finding.location.snippet or ""))
    return found


@pytest.mark.browser
def test_trap_decisions_from_pressing_tab(tmp_path: Path) -> None:
    found = _scan(tmp_path, {
        "held.html": GROUP % ("Answer the question.", ""),
        "told.html": GROUP % ("Press Ctrl+M to leave the answers.", CTRL_M),
        "untold.html": GROUP % ("Answer the question.", CTRL_M),
        "told-wrong.html": GROUP % ("Press Ctrl+M to leave the answers.", ""),
        "escape.html": GROUP % ("", CTRL_M.replace("e.ctrlKey && e.keyCode === 77", "e.key === 'Escape'")),
        "dialog.html": (GROUP % ("", "")).replace('<button type="button" id="a">', '<div role="dialog" aria-label="d"><button type="button" id="a">')
                                         .replace('id="b">B</button>', 'id="b">B</button></div>'),
        "free.html": """<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>
            <a href="#1">one</a> <button type="button" onblur="document.title='x'">A</button>
            <a href="#2">two</a></body></html>""",
    })
    held = found["held.html"]
    assert [o for o, _, _ in held] == ["violation"], held
    assert "group of 2" in held[0][1]
    assert [o for o, _, _ in found["untold.html"]] == ["violation"]  # a way out nobody is told about
    assert [o for o, _, _ in found["told-wrong.html"]] == ["violation"]  # the named key does nothing
    told = found["told.html"]
    assert [o for o, _, _ in told] == ["needs-review"] and "Ctrl+M" in told[0][1]
    assert found["escape.html"] == []
    dialog = found["dialog.html"]  # a button in a dialog may close it: for a person to check
    assert [o for o, _, _ in dialog] == ["needs-review"] and "dialog" in dialog[0][1]
    assert found["free.html"] == []  # the probe saw Tab leave it: no review either


def test_without_the_browser_the_markup_decides(tmp_path: Path) -> None:
    found = _scan(tmp_path, {
        "self.html": """<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>
            <a href="#1">one</a> <button onblur="setTimeout(() => this.focus(), 10)">A</button></body></html>""",
        "moves.html": """<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>
            <button id="x" onblur="document.getElementById('y').focus()">A</button>
            <button id="y">B</button></body></html>""",
    }, browser=False)
    assert [o for o, _, _ in found["self.html"]] == ["violation"]
    assert [o for o, _, _ in found["moves.html"]] == ["needs-review"]


@pytest.mark.browser
def test_probe_stays_bounded_on_a_large_page(tmp_path: Path) -> None:
    """2000 links, a page-wide keydown listener and a trap at the very end: the probe keeps to
    its press budget and deadline (times are printed by bench/, not asserted)."""
    links = "\n".join(f'<a href="#l{i}">link {i}</a>' for i in range(2000))
    page = GROUP % (links, "document.addEventListener('keydown', () => {});")
    found = _scan(tmp_path, {"large.html": page})
    assert all(o in ("violation", "needs-review") for o, _, _ in found["large.html"])


@pytest.mark.browser
def test_probe_result_shape(tmp_path: Path, browser_path: str) -> None:
    from playwright.async_api import async_playwright

    from uu_check.engines.html_browser import SNAPSHOT_JS
    from uu_check.engines.probes.keyboard import find_traps

    path = tmp_path / "held.html"
    path.write_text(GROUP % ("", ""), encoding="utf-8")

    async def run() -> dict:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=browser_path)
            page = await browser.new_page()
            await page.goto(path.as_uri())
            await page.evaluate(SNAPSHOT_JS)
            result = await find_traps(page, time.monotonic() + 6)
            await browser.close()
            return result

    result = asyncio.run(run())
    assert len(result["traps"]) == 1
    trap = result["traps"][0]
    assert len(trap["members"]) == 2 and trap["key"] is None and trap["said"] is False
    assert set(trap["members"]) <= set(result["tested"])
    assert result["presses"] <= 90


@pytest.mark.browser
def test_focus_visibility_from_the_live_page(tmp_path: Path) -> None:
    """The probe sees focus styles from any style sheet, and indicators beside the element."""
    (tmp_path / "theme.css").write_text(".plain:focus { outline: none; }\n.ring:focus { outline: 2px solid navy; }\n")
    head = '<!DOCTYPE html><html lang="en"><head><title>t</title><link rel="stylesheet" href="theme.css"></head><body>'
    pages = {
        "hidden.html": head + '<a class="plain" href="#x">hidden focus</a></body></html>',
        "ring.html": head + '<a class="plain ring" href="#x">own ring</a></body></html>',
        "default.html": head + '<a href="#x">browser default</a></body></html>',
        "beside.html": head + '<span id="m"></span><a class="plain" href="#x" '
                              'onfocus="m.style.background=\'navy\'" onblur="m.style.background=\'\'">beside</a></body></html>',
        "invisible.html": head + '<input class="plain" type="checkbox" style="opacity:0"> <label>box</label></body></html>',
    }
    for name, html in pages.items():
        (tmp_path / name).write_text(html, encoding="utf-8")
    options = ScanOptions(lang="en", level="AAA", select=("html-focus-not-visible",), timeout=40)
    report = Scanner(options).scan_specs([file_spec(tmp_path / name) for name in pages])
    names = {t.id: Path(t.uri).name for t in report.targets}
    flagged = sorted(names[f.target] for f in report.findings if f.rule == "html-focus-not-visible")
    assert flagged == ["hidden.html"]
