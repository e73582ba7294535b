"""axe-core: where its source comes from, how it is run, and how its results become Findings.

axe-core (MPL-2.0) ships inside the `axe-playwright-python` package; we load its `axe.min.js`
from there rather than copying it. violations -> violation, incomplete -> needs-review.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Any

from uu_check.catalog import CatalogError, Rule, get_rule
from uu_check.model import Finding, Location
from uu_check.registry import RuleFilter, make_finding

_WCAG_TAG = re.compile(r"^wcag(\d)(\d)(\d+)$")
_LEVEL_TAG = re.compile(r"^wcag2(?:1|2)?(a{1,3})$")
_EN_TAG = re.compile(r"^EN-(\d+(?:\.\d+)+)$")

#: Tags we ask axe to run, by conformance level; best practices run at every level.
LEVEL_TAGS = {
    "A": ["wcag2a", "wcag21a", "best-practice"],
    "AA": ["wcag2a", "wcag21a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"],
    "AAA": ["wcag2a", "wcag21a", "wcag2aa", "wcag21aa", "wcag22aa", "wcag2aaa", "best-practice"],
}

#: Rules about the page around the content. In an LMS the platform owns the page (its <html lang>,
#: <title>, landmarks and skip links), so for a content fragment these say nothing about the
#: teacher's material and are left out, as the LMS checkers do.
PAGE_LEVEL_RULES = frozenset({
    "html-has-lang", "document-title", "landmark-one-main", "region", "page-has-heading-one", "bypass",
    "skip-link", "meta-viewport", "meta-viewport-large", "landmark-no-duplicate-main",
})


@functools.cache
def axe_source() -> str:
    """The axe.min.js shipped in axe-playwright-python."""
    return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


@functools.cache
def axe_version() -> str:
    match = re.search(r"axe v(\d+\.\d+\.\d+)", axe_source()[:200])
    return match.group(1) if match else "unknown"


def run_options(level: str, rule_filter: RuleFilter) -> dict[str, Any]:
    """axe.run options: the level's tags, and the rules that --select/--ignore switch off."""
    return {
        "runOnly": {"type": "tag", "values": LEVEL_TAGS[level]},
        "resultTypes": ["violations", "incomplete"],
        "selectors": True,
        "elementRef": False,
        # axe waits for media to load (up to 10 s by default) to judge autoplay; a missing or
        # slow video would stall every page that has one.
        "preload": {"assets": ["cssom", "media"], "timeout": 3000},
    }


def wcag_from_tags(tags: list[str]) -> list[str]:
    """['wcag2aa', 'wcag143'] -> ['1.4.3']."""
    return [".".join(m.groups()) for m in map(_WCAG_TAG.match, tags) if m]


def level_from_tags(tags: list[str]) -> str | None:
    levels = [m.group(1).upper() for m in map(_LEVEL_TAG.match, tags) if m]
    return min(levels, key=len) if levels else None


def en301549_from_tags(tags: list[str]) -> list[str]:
    return [m.group(1) for m in map(_EN_TAG.match, tags) if m]


def _fallback_rule(result: dict[str, Any]) -> Rule:
    """A rule of a newer axe than our catalog knows: use axe's own English texts."""
    text = {lang: result.get("help") or result["id"] for lang in ("nb", "nn", "en")}
    return Rule(
        id=result["id"], engine="axe", impact=result.get("impact") or "moderate",
        wcag=tuple(wcag_from_tags(result.get("tags", []))), level=level_from_tags(result.get("tags", [])),
        en301549=tuple(en301549_from_tags(result.get("tags", []))), help_url=result.get("helpUrl"),
        title=text, why={k: result.get("description") or "" for k in text}, fix=text,
        messages={"default": text},
    )


def selector_of(target: list[Any]) -> str:
    """axe's target is a list of selectors through frames (and lists for shadow DOM)."""
    parts = [" >>> ".join(t) if isinstance(t, list) else str(t) for t in target]
    return " |> ".join(parts)


#: axe-core rules that can only ask for review where one of our rules decides the same question.
#: Once ours reports the barrier on the page, axe's "check this" item says nothing new and would
#: only show the teacher the same problem twice.
SETTLED_BY_OWN_RULE: dict[str, str] = {"bypass": "html-bypass-blocks", "video-caption": "html-video-captions"}


def drop_settled_reviews(findings: list[Finding]) -> list[Finding]:
    """The findings without axe review items that one of our violations on the page settles."""
    decided = {f.rule for f in findings if f.outcome == "violation" and f.engine != "axe"}
    return [f for f in findings if not (f.engine == "axe" and f.outcome == "needs-review"
                                        and SETTLED_BY_OWN_RULE.get(f.rule) in decided)]


def map_results(results: dict[str, Any], *, lang: str, rule_filter: RuleFilter) -> list[Finding]:
    """axe's violations and incomplete results as Findings, one per node."""
    findings: list[Finding] = []
    for key, outcome in (("violations", "violation"), ("incomplete", "needs-review")):
        for result in results.get(key, []):
            try:
                rule = get_rule(result["id"])
            except CatalogError:
                rule = _fallback_rule(result)
            if not rule_filter.allows(rule):
                continue
            tags = result.get("tags", [])
            for node in result.get("nodes", []):
                snippet = (node.get("html") or "").strip()
                location = Location(
                    selector=selector_of(node.get("target") or []) or None,
                    snippet=snippet[:300] or None,
                )
                finding = make_finding(
                    rule, lang, outcome, location,
                    severity=node.get("impact") or result.get("impact") or rule.impact,
                    evidence=_summary(node),
                    args={"element": snippet[:80]},
                )
                finding.wcag = wcag_from_tags(tags) or list(rule.wcag)
                finding.level = level_from_tags(tags) or rule.level
                finding.en301549 = en301549_from_tags(tags) or list(rule.en301549)
                findings.append(finding)
    return findings


def _summary(node: dict[str, Any]) -> str | None:
    summary = (node.get("failureSummary") or "").strip()
    return summary[:500] or None
