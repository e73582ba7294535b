"""GitLab Code Quality JSON (artifacts:reports:codequality): one issue per open barrier.

GitLab shows these in the merge request widget and diff; `fingerprint` must be unique per issue,
so ours (already unique per run) is used as is.
"""

from __future__ import annotations

import json
from typing import Any

from uu_check.i18n import label
from uu_check.model import Report
from uu_check.reporters.common import is_open, one_line, source_line, target_by_id, target_path
from uu_check.reporters.text import describe_location

SEVERITIES = {"critical": "critical", "serious": "major", "moderate": "minor", "minor": "info"}


def build(report: Report, lang: str) -> list[dict[str, Any]]:
    issues: list[dict[str, Any]] = []
    targets = target_by_id(report)
    for finding in report.findings:
        target = targets.get(finding.target)
        if target is None or not is_open(finding):
            continue
        where = describe_location(finding.location, lang)
        description = finding.message + (f" ({label('where', lang)}: {where})" if where else "")
        issues.append({
            "type": "issue",
            "check_name": finding.rule,
            "description": one_line(description, 500),
            "content": {"body": f"{finding.why}\n\n{label('fix', lang)}:\n{finding.fix}".strip()},
            "categories": ["Style" if finding.outcome == "violation" else "Clarity"],
            "fingerprint": finding.fingerprint,
            "severity": SEVERITIES.get(finding.severity, "minor") if finding.outcome == "violation" else "info",
            "location": {"path": target_path(target), "lines": {"begin": source_line(target, finding) or 1}},
        })
    return issues


def render(report: Report, lang: str) -> str:
    return json.dumps(build(report, lang), ensure_ascii=False, indent=2) + "\n"
