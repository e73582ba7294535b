"""html-bypass-blocks (WCAG 2.4.1) in static mode: each way past a repeated block, the pages it
must leave alone (fragments, pages that begin with their own text, headers with only a title),
and its own fixtures without a browser (except the off-screen heading, which needs layout).
The browser-mode verdicts on the fixtures come from tests/test_rule_fixtures.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from uu_check.catalog import get_rule
from uu_check.engines.html_model import HtmlDocument
from uu_check.registry import CHECKS, CheckContext, load_checks

RULE = "html-bypass-blocks"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "rules" / "html" / RULE
NAV = '<nav><a href="a.html">A</a> <a href="b.html">B</a> <a href="c.html">C</a></nav>'
TEXT = "<p>Denne uka jobber vi med brøk og desimaltall.</p>"


def fires(html: str, fragment: str = "auto", url: str = "file:///kurs/uke-3.html") -> bool:
    load_checks("html")
    ctx = CheckContext(rule=get_rule(RULE), options={"fragment": fragment})
    return bool(list(CHECKS[RULE].function(HtmlDocument.parse(html, url), ctx)))


def page(body: str) -> str:
    return f"<!DOCTYPE html><html lang='nb'><head><title>Uke 3</title></head><body>{body}</body></html>"


@pytest.mark.parametrize("body", [
    NAV + TEXT,
    f"<header><a href='/'>Skolen</a>{NAV}</header><div>{TEXT}</div>",
    f"<header><nav><h2>Meny</h2>{NAV}</nav></header>{TEXT}",  # a heading in the menu is no way past it
    "<ul><li><a href='a.html'>A</a></li><li><a href='b.html'>B</a></li></ul>" + TEXT,
    f"<a href='#borte'>Hopp til innhold</a>{NAV}<div id='innhold'>{TEXT}</div>",
    f"{NAV}<main hidden>{TEXT}</main><div>{TEXT}</div>",
    f"{NAV}<div><h1 aria-hidden='true'>Uke 3</h1>{TEXT}</div>",
])
def test_fires_without_a_way_past(body: str) -> None:
    assert fires(page(body))


@pytest.mark.parametrize("body", [
    f"{NAV}<main>{TEXT}</main>",
    f"{NAV}<div role='main'>{TEXT}</div>",
    f"{NAV}<div><h2>Uke 3</h2>{TEXT}</div>",
    f"{NAV}<div><div role='heading' aria-level='1'>Uke 3</div>{TEXT}</div>",
    f"<header><h1>Matematikk 1T</h1>{NAV}</header><div>{TEXT}</div>",  # jump to the header's h1
    f"<header><h1>Matematikk 1T</h1><p>Vår 2026</p></header><div>{TEXT}</div>",
    f"<a href='#innhold'>Hopp til innhold</a>{NAV}<div id='innhold'>{TEXT}</div>",
    f"<a href='uke-3.html#innhold'>Hopp til innhold</a>{NAV}<div id='innhold'>{TEXT}</div>",
    f"<a href='#innhold'>Hopp</a>{NAV}<a name='innhold'></a>{TEXT}",
    f"<span role='button' tabindex='0' onclick=\"document.getElementById('x').focus()\">Hopp</span>"
    f"{NAV}<div id='x' tabindex='-1'>{TEXT}</div>",
    f"<details><summary>Meny</summary>{NAV}</details>{TEXT}",
    f"<button>Meny</button>{NAV}{TEXT}",
    TEXT + NAV + TEXT,  # the page begins with its own content
    "<p>Les <a href='a.html'>A</a> og <a href='b.html'>B</a> først.</p>" + TEXT,
    "<ul><li><a href='f1.pdf'>Forelesning</a></li><li><a href='f2.docx'>Arbeidsark</a></li></ul>" + TEXT,
    NAV,  # nothing after the block
])
def test_silent_with_a_way_past_or_no_block(body: str) -> None:
    assert not fires(page(body))


def test_silent_on_fragments() -> None:
    assert not fires(NAV + TEXT)
    assert not fires(page(NAV + TEXT), fragment="yes")
    assert fires(NAV + TEXT, fragment="no")


#: Fixtures only the browser can judge: an off-screen position needs the layout.
NEEDS_LAYOUT = {"fail-heading-off-screen.html"}


@pytest.mark.parametrize("path", sorted(p for p in FIXTURES.glob("*.html") if p.name not in NEEDS_LAYOUT),
                         ids=lambda p: p.name)
def test_fixtures_static(path: Path) -> None:
    assert fires(path.read_text(), url=path.as_uri()) == path.name.startswith("fail-")


def test_off_screen_heading_is_trusted_without_layout() -> None:
    """Static mode cannot see that the heading is moved off-screen, so it errs on the quiet side."""
    path = FIXTURES / "fail-heading-off-screen.html"
    assert not fires(path.read_text(), url=path.as_uri())
