"""axe-core result mapping: tags to WCAG criteria, levels and EN 301 549 clauses; outcomes."""

from __future__ import annotations

from uu_check.engines.axe import en301549_from_tags, level_from_tags, map_results, selector_of, wcag_from_tags
from uu_check.registry import RuleFilter


def test_tags_map_to_criteria_levels_and_clauses() -> None:
    tags = ["cat.color", "wcag2aa", "wcag143", "TTv5", "EN-301-549", "EN-9.1.4.3", "ACT"]
    assert wcag_from_tags(tags) == ["1.4.3"]
    assert level_from_tags(tags) == "AA"
    assert en301549_from_tags(tags) == ["9.1.4.3"]
    assert wcag_from_tags(["wcag21aa", "wcag1410"]) == ["1.4.10"]
    assert level_from_tags(["wcag2a", "wcag111"]) == "A"
    assert level_from_tags(["best-practice"]) is None


def test_selector_through_frames_and_shadow_dom() -> None:
    assert selector_of(["iframe#quiz", "img"]) == "iframe#quiz |> img"
    assert selector_of([["my-widget", "button"]]) == "my-widget >>> button"


def test_violations_and_incomplete_become_findings_per_node() -> None:
    results = {
        "violations": [{"id": "image-alt", "impact": "critical", "tags": ["wcag2a", "wcag111", "EN-9.1.1.1"],
                        "help": "h", "helpUrl": "u",
                        "nodes": [{"target": ["img.a"], "html": "<img class=a>", "impact": "critical",
                                   "failureSummary": "Fix any of the following: ..."},
                                  {"target": ["img.b"], "html": "<img class=b>", "impact": "critical"}]}],
        "incomplete": [{"id": "color-contrast", "impact": "serious", "tags": ["wcag2aa", "wcag143"],
                        "nodes": [{"target": ["p"], "html": "<p>", "impact": "serious"}]}],
    }
    findings = map_results(results, lang="nb", rule_filter=RuleFilter())
    assert [(f.rule, f.outcome, f.location.selector) for f in findings] == [
        ("image-alt", "violation", "img.a"), ("image-alt", "violation", "img.b"),
        ("color-contrast", "needs-review", "p")]
    assert findings[0].wcag == ["1.1.1"] and findings[0].en301549 == ["9.1.1.1"] and findings[0].level == "A"
    assert findings[0].evidence.startswith("Fix any")
    assert all(f.message and f.fix for f in findings)
    ignored = map_results(results, lang="nb", rule_filter=RuleFilter(ignore=("image-",)))
    assert [f.rule for f in ignored] == ["color-contrast"]
