"""SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, VS Code SARIF viewer).

One rule per rule id with help text and WCAG tags; one result per finding, placed at the file
path relative to the repository (or the page URL), with our fingerprint as a partial fingerprint
so code scanning tracks a barrier across commits. Baseline states map to `baselineState`, and
accepted findings carry an external suppression with the reason from the baseline file.
"""

from __future__ import annotations

import json
from typing import Any

from uu_check.i18n import label
from uu_check.model import Finding, Report
from uu_check.reporters.common import is_file_target, one_line, source_line, target_by_id, target_path
from uu_check.reporters.text import describe_location
from uu_check.reporters.wcag import understanding_url

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/uu-check/uu-check"

#: Our severity -> SARIF result level.
LEVELS = {"critical": "error", "serious": "error", "moderate": "warning", "minor": "note"}
BASELINE_STATES = {"new": "new", "known": "unchanged", "accepted": "unchanged"}


def _level(finding: Finding) -> str:
    return "note" if finding.outcome != "violation" else LEVELS.get(finding.severity, "warning")


def _rule(finding: Finding, lang: str) -> dict[str, Any]:
    tags = ["accessibility", finding.engine]
    tags += [f"wcag-{sc}" for sc in finding.wcag]
    if finding.level:
        tags.append(f"wcag-level-{finding.level}")
    tags += [f"en301549-{c}" for c in finding.en301549]
    if not finding.wcag:
        tags.append("best-practice")
    title = finding.title or finding.rule
    why = finding.why or title
    fix = finding.fix or ""
    criteria = "".join(f"\n- WCAG {sc}: {understanding_url(sc)}" for sc in finding.wcag)
    markdown = (f"**{title}**\n\n{label('why', lang)}: {why}\n\n{label('fix', lang)}:\n\n{fix}\n"
                + (f"\n{criteria.strip()}\n" if criteria else ""))
    rule: dict[str, Any] = {
        "id": finding.rule,
        "name": "".join(part.capitalize() for part in finding.rule.split("-")),
        "shortDescription": {"text": one_line(title, 200)},
        "fullDescription": {"text": one_line(why, 1000)},
        "help": {"text": f"{why}\n\n{label('fix', lang)}:\n{fix}{criteria}", "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS.get(finding.severity, "warning")},
        "properties": {"tags": tags, "precision": "high" if finding.outcome == "violation" else "low",
                       "problem.severity": "error" if LEVELS.get(finding.severity) == "error" else "warning"},
    }
    url = finding.help_url or (understanding_url(finding.wcag[0]) if finding.wcag else None)
    if url:
        rule["helpUri"] = url
    return rule


def _location(report_target: Any, finding: Finding, lang: str) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": target_path(report_target)}}
    if is_file_target(report_target):
        physical["artifactLocation"]["uriBaseId"] = "%SRCROOT%"
        line = source_line(report_target, finding)
        physical["region"] = {"startLine": line or 1}
        if finding.location.snippet:
            physical["region"]["snippet"] = {"text": finding.location.snippet[:300]}
    location: dict[str, Any] = {"physicalLocation": physical}
    where = describe_location(finding.location, lang)
    if where:
        location["message"] = {"text": where}
    if finding.location.selector:
        location["logicalLocations"] = [{"name": finding.location.selector[:200], "kind": "element"}]
    return location


def build(report: Report, lang: str) -> dict[str, Any]:
    """The SARIF log as a dict (render() dumps it; tests validate it against the schema)."""
    targets = target_by_id(report)
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    reasons = (report.run.get("comparison") or {}).get("reasons") or {}
    for finding in report.findings:
        if finding.rule not in index:
            index[finding.rule] = len(rules)
            rules.append(_rule(finding, lang))
        target = targets.get(finding.target)
        if target is None:
            continue
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": _level(finding),
            "message": {"text": one_line(finding.message, 1000) or finding.rule},
            "locations": [_location(target, finding, lang)],
            "partialFingerprints": {"uuCheck/v1": finding.fingerprint},
            "properties": {"severity": finding.severity, "outcome": finding.outcome,
                           "target": target.key or target.uri, "wcag": finding.wcag},
        }
        if finding.outcome == "violation":
            result["kind"] = "fail"  # needs-review stays a note: GitHub hides level "none" results
        if finding.baseline in BASELINE_STATES:
            result["baselineState"] = BASELINE_STATES[finding.baseline]
        if finding.baseline == "accepted":
            suppression: dict[str, Any] = {"kind": "external", "status": "accepted"}
            if reasons.get(finding.fingerprint):
                suppression["justification"] = reasons[finding.fingerprint]
            result["suppressions"] = [suppression]
        results.append(result)
    notifications = [
        {"level": "error" if t.status == "error" else "note",
         "message": {"text": f"{t.key or t.uri}: {t.error or label(t.status, lang)}"},
         "locations": [{"physicalLocation": {"artifactLocation": {"uri": target_path(t)}}}]}
        for t in report.targets if t.status in ("error", "skipped")
    ]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "uu-check", "version": str(report.tool.get("version", "")),
                            "semanticVersion": str(report.tool.get("version", "")),
                            "informationUri": INFORMATION_URI, "language": lang, "rules": rules}},
        "automationDetails": {"id": "uu-check/"},
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The repository root (the working directory of the scan)."}}},
        "invocations": [{"executionSuccessful": not any(t.status == "error" for t in report.targets),
                         "toolExecutionNotifications": notifications}],
        "language": lang,
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {"summary": report.summary()},
    }
    if report.run.get("started"):
        run["invocations"][0]["startTimeUtc"] = report.run["started"]
    if report.run.get("finished"):
        run["invocations"][0]["endTimeUtc"] = report.run["finished"]
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report: Report, lang: str) -> str:
    return json.dumps(build(report, lang), ensure_ascii=False, indent=2) + "\n"
