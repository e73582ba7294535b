"""The HTML report in real Chromium: uu-check finds no barrier in it, every control and link is
reachable by Tab, it reflows at 320 px and the filters work without JavaScript. Plus every
format rendered from a real browser scan of sample pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_reporters import RESOURCES, check_format, fixed_report
from uu_check.options import ScanOptions
from uu_check.reporters import FORMATS, renderer
from uu_check.scanner import Scanner

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("html-report")
    files = {}
    for lang in ("nb", "nn", "en"):
        path = folder / f"report-{lang}.html"
        path.write_text(renderer("html")(fixed_report(), lang), encoding="utf-8")
        files[lang] = path
    return files


def test_uu_check_finds_no_violation_in_its_own_html_report(report_files: dict[str, Path], browser_path: str) -> None:
    options = ScanOptions(lang="en", level="AA", use_browser=True, browser_path=browser_path, timeout=600, jobs=1)
    report = Scanner(options).scan([str(p) for p in report_files.values()])
    assert [t.status for t in report.targets] == ["checked"] * 3, [t.error for t in report.targets]
    violations = [(f.rule, f.location.selector, f.message) for f in report.findings if f.outcome == "violation"]
    assert violations == []


def test_html_report_by_keyboard_at_320px(report_files: dict[str, Path], browser_path: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path)
        try:
            page = browser.new_page(viewport={"width": 320, "height": 640})
            page.goto(report_files["nb"].as_uri())
            assert page.evaluate("document.documentElement.scrollWidth") <= 320
            total = page.evaluate("""() => {
                const els = [...document.querySelectorAll('a[href], input, button, select, textarea, [tabindex]')]
                    .filter(e => e.tabIndex >= 0);
                els.forEach((e, i) => e.dataset.kbd = String(i));
                return els.length;
            }""")
            assert total > 10
            page.keyboard.press("Tab")
            first = page.evaluate("document.activeElement.className")
            assert first == "skip"
            box = page.evaluate("(() => { const r = document.activeElement.getBoundingClientRect(); return [r.top, r.left]; })()")
            assert box[0] >= 0 and box[1] >= 0  # the skip link shows itself when focused
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none"  # visible focus
            page.keyboard.press("Enter")
            assert page.evaluate("location.hash") == "#main"
            reached = set()
            for _ in range(total * 2 + 5):
                page.keyboard.press("Tab")
                index = page.evaluate("document.activeElement && document.activeElement.dataset.kbd")
                if index is not None:
                    reached.add(index)
                if len(reached) == total:
                    break
            assert len(reached) == total, f"reached {len(reached)} of {total} controls and links by Tab"
            # Filters: a keyboard user unchecks "critical" with Space; critical barriers hide.
            page.focus("#f-sev-critical")
            page.keyboard.press("Space")
            assert not page.locator('article[data-severity="critical"]').first.is_visible()
            assert page.locator('article[data-severity="serious"]').first.is_visible()
        finally:
            browser.close()


def test_every_format_from_a_real_browser_scan(tmp_path: Path, browser_path: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(RESOURCES)
    report = Scanner(ScanOptions(lang="nb", use_browser=True, browser_path=browser_path, timeout=600)).scan(["pages"])
    assert [t.status for t in report.targets] == ["checked"] * 3
    assert any(f.engine == "axe" for f in report.findings) or report.findings
    for name in sorted(FORMATS):
        check_format(name, renderer(name)(report, "nb"), report)
    sarif = renderer("sarif")(report, "nb")
    assert '"uri": "pages/uke1.html"' in sarif
