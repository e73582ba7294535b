"""html-text-auto-update (ACT efbfc7, WCAG 2.2.2): what the rule makes of the text-changes
probe's data (the probe itself runs in tests/test_rule_fixtures.py on real pages in Chromium):
no control is a violation, any control or a pause link is for review, and changing text that is
all the page holds, hidden, or a whole re-rendered page is left alone.
"""

from __future__ import annotations

from uu_check.catalog import get_rule
from uu_check.engines.html_model import HtmlDocument
from uu_check.registry import CHECKS, CheckContext, load_checks

RULE = "html-text-auto-update"
TEXT = "<p>Denne uka jobber vi med brøk og desimaltall. Les kapittel 3 før torsdag.</p>"


def outcomes(body: str, changing: list[int] | None = None) -> list[str]:
    load_checks("html")
    html = f"<!DOCTYPE html><html lang='nb'><head><title>t</title></head><body>{body}</body></html>"
    doc = HtmlDocument.parse(html, "file:///kurs/t.html", rendered=True)
    if changing is not None:
        doc.probes["text_changes"] = {"changing": [{"i": i, "values": 5, "last": 6000} for i in changing]}
    ctx = CheckContext(rule=get_rule(RULE), lang="en")
    return [f.outcome for f in CHECKS[RULE].function(doc, ctx)]


def test_changing_text_without_controls_is_a_violation() -> None:
    assert outcomes(f"{TEXT}<p>Nå: <span data-uu-i='7'>42</span></p>", [7]) == ["violation"]


def test_controls_on_the_page_make_it_a_review() -> None:
    span = "<p>Nå: <span data-uu-i='7'>42</span></p>"
    assert outcomes(f"{TEXT}{span}<button>Stopp</button>", [7]) == ["needs-review"]
    assert outcomes(f"{TEXT}{span}<a href='#'>Pause oppdatering</a>", [7]) == ["needs-review"]
    assert outcomes(f"{TEXT}{span}<a href='uke4.html'>Uke 4</a>", [7]) == ["violation"]


def test_left_alone() -> None:
    assert outcomes(f"{TEXT}<span data-uu-i='7'>42</span>") == []  # no probe data (static mode)
    assert outcomes("<span data-uu-i='7'>42</span>", [7]) == []  # nothing else on the page
    assert outcomes(f"{TEXT}<span data-uu-i='7' hidden>42</span>", [7]) == []
    assert outcomes(f"<div data-uu-i='7'>{TEXT * 6}</div>", [7]) == []  # a page re-rendering itself
