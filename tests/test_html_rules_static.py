"""The HTML rules for links, images, media, language, reading level and page title in static
mode (no browser), on their own fixtures; fragment handling; and the accessible sample page.

The browser-mode results come from tests/test_rule_fixtures.py; here the same fixtures must give
the same verdicts without rendering (these rules need no layout), so `--no-browser` users and
the static fallback lose nothing.
"""

from __future__ import annotations

import asyncio
from functools import cache
from pathlib import Path

import pytest

from uu_check.catalog import load_catalog
from uu_check.engines.html_model import HtmlDocument
from uu_check.engines.html_static import read_html_file
from uu_check.model import Finding
from uu_check.options import ScanOptions
from uu_check.registry import CheckContext, load_checks
from uu_check.scanner import Scanner
from uu_check.sources.files import file_spec

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "rules" / "html"
COURSE = ROOT / "fixtures" / "course"

#: The rules this file covers (their modules: links, images, media, language, readability, page).
RULES: tuple[str, ...] = (
    "html-link-text-generic", "html-link-text-url", "html-link-adjacent-same", "html-link-new-window",
    "html-link-document-format", "html-img-alt-filename", "html-img-alt-placeholder", "html-img-alt-long",
    "html-img-alt-redundant", "html-img-link-alt", "html-img-of-text", "html-video-captions",
    "html-audio-transcript", "html-media-embed", "html-media-autoplay", "html-media-controls",
    "html-lang-mismatch", "html-lang-element-mismatch", "html-lang-passage", "html-readability-lix",
    "html-page-title-descriptive",
)


#: Fixtures whose verdict rests on what only the live page shows (a page probe), with the reason.
#: Static mode judges them from the markup and, rightly, more cautiously.
BROWSER_ONLY_CASES: dict[str, str] = {
    "html-video-captions/pass-silent.html": "only the media probe hears that the video has no sound",
}


def _static_rules() -> list[str]:
    checks = {c.rule_id: c for c in load_checks("html")}
    return [r for r in RULES if r in checks and not checks[r].needs_render]


def _cases() -> list[tuple[str, Path]]:
    return [(rule, case) for rule in _static_rules()
            for case in sorted((FIXTURES / rule).glob("*.html"))
            if case.name.startswith(("pass-", "fail-")) and f"{rule}/{case.name}" not in BROWSER_ONLY_CASES]


@cache
def _static_scan() -> dict[Path, list[Finding]]:
    paths = [case for _, case in _cases()]
    options = ScanOptions(lang="en", level="AAA", use_browser=False, select=RULES)
    report = Scanner(options).scan_specs([file_spec(p) for p in paths])
    return {path: [f for f in report.findings if f.target == target.id]
            for path, target in zip(paths, report.targets)}


@pytest.mark.parametrize("rule_id, case", [pytest.param(r, c, id=f"{r}/{c.name}") for r, c in _cases()])
def test_same_verdict_without_browser(rule_id: str, case: Path) -> None:
    rule = load_catalog()[rule_id]
    mine = [f for f in _static_scan()[case] if f.rule == rule_id]
    review_only = tuple(rule.outcomes) == ("needs-review",)
    if case.name.startswith("fail-"):
        assert [f for f in mine if f.outcome in rule.outcomes], f"{rule_id} did not fire on {case.name} (static)"
    else:
        unwanted = [f.message for f in mine if f.outcome == "violation" or review_only]
        assert not unwanted, f"{rule_id} fired on {case.name} (static): {unwanted}"


def _run(rule_id: str, html: str, options: dict | None = None, raw: str | None = None) -> list[Finding]:
    check = {c.rule_id: c for c in load_checks("html")}[rule_id]
    doc = HtmlDocument.parse(html, "file:///test.html", raw=raw)
    return list(check.function(doc, CheckContext(load_catalog()[rule_id], "nb", options or {})))


UNTITLED = "<!DOCTYPE html><html lang='nb'><head><title>Uten tittel</title></head><body><p>Tekst.</p></body></html>"
ENGLISH = ("<p>Photosynthesis is the process in which green plants use the energy of sunlight to make "
           "sugar from water and carbon dioxide, releasing oxygen that animals breathe.</p>")


def test_fragment_option_decides_for_page_rules() -> None:
    """--fragment yes skips the page title rule; no forces it; auto detects (a whole page here)."""
    assert _run("html-page-title-descriptive", UNTITLED)
    assert not _run("html-page-title-descriptive", UNTITLED, {"fragment": "yes"})
    assert _run("html-page-title-descriptive", UNTITLED, {"fragment": "no"})


def test_fragment_uses_its_own_lang() -> None:
    """In a fragment the page language is the platform's: only the content's own lang counts."""
    wrapped = f"<div lang='nb'>{ENGLISH}</div>"
    assert not _run("html-lang-mismatch", wrapped)
    assert _run("html-lang-element-mismatch", wrapped)
    assert not _run("html-lang-mismatch", f"<html lang='nb'><body>{ENGLISH}</body></html>", {"fragment": "yes"})


def test_bare_fragment_detected_in_browser_mode(tmp_path: Path, browser_path: str) -> None:
    """Chromium adds <html><head><body> to a bare '<p>..</p><img>' file; detection must look at
    the source as served (`raw`), exactly as the browser engine does."""
    from playwright.async_api import async_playwright

    page_file = tmp_path / "innhold.html"
    page_file.write_text("<p>Planter lager sukker av lys.</p><img src='blad.png' alt='Grønt blad'>", encoding="utf-8")

    async def render() -> str:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=browser_path, headless=True)
            try:
                page = await browser.new_page()
                await page.goto(page_file.as_uri())
                return await page.content()
            finally:
                await browser.close()

    rendered = asyncio.run(render())
    assert "<html" in rendered and "<body" in rendered
    assert HtmlDocument.parse(rendered, page_file.as_uri(), rendered=True, raw=read_html_file(page_file)).fragment
    assert not HtmlDocument.parse(rendered, page_file.as_uri(), rendered=True, raw=rendered).fragment


test_bare_fragment_detected_in_browser_mode = pytest.mark.browser(test_bare_fragment_detected_in_browser_mode)


def _accessible_pages() -> list[Path]:
    if not COURSE.is_dir():
        return []
    return sorted(p for p in COURSE.glob("*.html")
                  if any(word in p.stem for word in ("accessible", "tilgjengelig")) and "utilgjengelig" not in p.stem)


@pytest.mark.parametrize("page", [pytest.param(p, id=p.name) for p in _accessible_pages()])
def test_no_rule_fires_on_the_accessible_sample_page(page: Path) -> None:
    options = ScanOptions(lang="en", level="AAA", use_browser=False, select=RULES)
    report = Scanner(options).scan_specs([file_spec(page)])
    fired = [(f.rule, f.outcome, f.message) for f in report.findings]
    assert not fired, f"rules fired on the accessible page {page.name}: {fired}"
