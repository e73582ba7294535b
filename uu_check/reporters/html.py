"""The HTML report: one self-contained, accessible file for the people who fix the barriers.

Summary first, then each file or page worst first with every barrier explained (who it hurts,
numbered fix steps, the WCAG criterion), then the same barriers grouped by rule. Filters are
checkboxes styled with CSS `:has()`: they need no JavaScript, and without them (old browsers,
print) the whole report still reads top to bottom. No external requests: styles are inline.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import jinja2
import markupsafe

from uu_check.i18n import label
from uu_check.model import SEVERITIES, Finding, Report, Target, severity_rank
from uu_check.reporters.common import fix_steps, target_by_id, targets_worst_first
from uu_check.reporters.text import describe_location
from uu_check.reporters.wcag import understanding_url

KINDS = ("html", "docx", "pptx", "pdf")
#: Severity filter values: the four severities and needs-review.
FILTER_SEVERITIES = (*SEVERITIES, "needs-review")


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("uu_check.reporters", "templates"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )


@dataclass
class Place:
    where: str
    snippet: str
    message: str | None
    baseline: str | None
    fingerprint: str
    evidence: str | None
    reason: str | None


@dataclass
class Group:
    """One rule in one target: the advice once, the places listed."""

    anchor: str
    rule: str
    title: str
    outcome: str
    severity: str
    filter_value: str
    message: str
    why: str
    fix_before: list[str]
    fix_steps: list[str]
    fix_after: list[str]
    wcag: list[tuple[str, str]]
    level: str | None
    help_url: str | None
    places: list[Place] = field(default_factory=list)


def display_name(target: Target) -> str:
    """The name people see: the relative path for files; for pages the address without the
    scheme (a bare URL as link text tells a screen reader user little), with the page title."""
    name = target.key or target.uri
    if name.startswith(("http://", "https://")):
        parts = urlsplit(name)
        name = (parts.netloc + parts.path).rstrip("/") + (f"?{parts.query}" if parts.query else "")
        if target.title:
            name = f"{target.title} – {name}"
    return name


def kind_value(kind: str) -> str:
    return kind if kind in KINDS else "other"


def _groups(target: Target, findings: list[Finding], lang: str, reasons: dict[str, str]) -> list[Group]:
    ordered = sorted(findings, key=lambda f: (f.outcome != "violation", severity_rank(f.severity), f.rule))
    groups: OrderedDict[tuple[str, str], Group] = OrderedDict()
    for finding in ordered:
        key = (finding.outcome, finding.rule)
        group = groups.get(key)
        if group is None:
            before, steps, after = fix_steps(finding.fix)
            group = Group(
                anchor=f"g-{target.id}-{len(groups) + 1}", rule=finding.rule, title=finding.title or finding.rule,
                outcome=finding.outcome, severity=finding.severity,
                filter_value=finding.severity if finding.outcome == "violation" else "needs-review",
                message=finding.message, why=finding.why, fix_before=before, fix_steps=steps, fix_after=after,
                wcag=[(sc, understanding_url(sc)) for sc in finding.wcag], level=finding.level,
                help_url=finding.help_url,
            )
            groups[key] = group
        group.places.append(Place(
            where=describe_location(finding.location, lang), snippet=(finding.location.snippet or "").strip()[:300],
            message=finding.message if finding.message != group.message else None, baseline=finding.baseline,
            fingerprint=finding.fingerprint, evidence=finding.evidence, reason=reasons.get(finding.fingerprint),
        ))
    return list(groups.values())


def context(report: Report, lang: str) -> dict[str, Any]:
    """Everything the template shows, computed here so the template holds only markup."""
    comparison = report.run.get("comparison") or None
    reasons = (comparison or {}).get("reasons") or {}
    summary = report.summary()
    targets = []
    for target in targets_worst_first(report):
        findings = report.findings_for(target.id)
        targets.append({
            "target": target, "name": display_name(target), "anchor": f"target-{target.id}",
            "kind": kind_value(target.kind), "violations": sum(f.outcome == "violation" for f in findings),
            "reviews": sum(f.outcome != "violation" for f in findings),
            "groups": _groups(target, findings, lang, reasons),
            "from_cache": target.mode == "cache" or any(n.startswith("from cache") for n in target.notes),
        })
    by_id = target_by_id(report)
    rules: OrderedDict[tuple[str, str], dict[str, Any]] = OrderedDict()
    for finding in sorted(report.findings, key=lambda f: (f.outcome != "violation", severity_rank(f.severity), f.rule)):
        entry = rules.setdefault((finding.outcome, finding.rule), {
            "rule": finding.rule, "title": finding.title or finding.rule, "outcome": finding.outcome,
            "severity": finding.severity,
            "filter_value": finding.severity if finding.outcome == "violation" else "needs-review",
            "wcag": [(sc, understanding_url(sc)) for sc in finding.wcag], "count": 0, "targets": OrderedDict(),
        })
        entry["count"] += 1
        target = by_id.get(finding.target)
        if target is not None:
            slot = entry["targets"].setdefault(target.id, {
                "name": display_name(target), "anchor": f"target-{target.id}", "kind": kind_value(target.kind),
                "count": 0})
            slot["count"] += 1
    kinds_present = [k for k in (*KINDS, "other") if any(t["kind"] == k for t in targets)]
    severity_counts = {s: summary["by_severity"][s] for s in SEVERITIES}
    severity_counts["needs-review"] = summary["needs_review"]
    content_lang = str(report.run.get("lang") or lang)
    return {
        "lang": lang, "L": lambda key: label(key, lang),
        # Messages and advice are in the run's language; mark them when the labels differ (WCAG 3.1.2).
        "cl": markupsafe.Markup(f' lang="{markupsafe.escape(content_lang)}"') if content_lang != lang else "", "report": report, "summary": summary,
        "severities": SEVERITIES, "filter_severities": FILTER_SEVERITIES, "severity_counts": severity_counts,
        "kinds": kinds_present, "kind_counts": {k: sum(t["kind"] == k for t in targets) for k in kinds_present},
        "targets": targets, "rules": list(rules.values()), "comparison": comparison,
        "baseline_counts": {state: sum(1 for f in report.findings if f.outcome == "violation" and f.baseline == state)
                            for state in ("new", "known", "accepted")},
    }


def render(report: Report, lang: str) -> str:
    return _environment().get_template("report.html.j2").render(**context(report, lang))
