"""JUnit XML: one test case per target, one failure per open barrier (Jenkins, GitLab, Azure).

Known and accepted baseline findings and needs-review findings are listed in the test case's
system-out instead of failing it, so a pipeline fails exactly where `uu-check scan` does.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from uu_check.i18n import label
from uu_check.model import Report
from uu_check.reporters.common import is_open, one_line, targets_worst_first
from uu_check.reporters.text import describe_location


def _seconds(report: Report) -> str:
    from datetime import datetime

    try:
        started = datetime.fromisoformat(str(report.run["started"]).replace("Z", "+00:00"))
        finished = datetime.fromisoformat(str(report.run["finished"]).replace("Z", "+00:00"))
        return f"{max(0.0, (finished - started).total_seconds()):.3f}"
    except (KeyError, ValueError):
        return "0"


def render(report: Report, lang: str) -> str:
    suites = ET.Element("testsuites", name="uu-check")
    suite = ET.SubElement(suites, "testsuite", name="uu-check", timestamp=str(report.run.get("started", "")),
                          time=_seconds(report))
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for target in targets_worst_first(report):
        name = target.key or target.uri
        case = ET.SubElement(suite, "testcase", classname=f"uu-check.{target.kind}", name=name, time="0")
        if target.kind != "html" or target.uri.startswith("file:"):
            case.set("file", name)
        totals["tests"] += 1
        if target.status == "error":
            ET.SubElement(case, "error", message=one_line(target.error or "error"), type="target-error")
            totals["errors"] += 1
            continue
        if target.status == "skipped":
            ET.SubElement(case, "skipped", message=one_line(target.error or label("skipped", lang)))
            totals["skipped"] += 1
            continue
        other: list[str] = []
        failed = False
        for finding in report.findings_for(target.id):
            where = describe_location(finding.location, lang)
            snippet = (finding.location.snippet or "").strip()
            detail = [finding.message]
            if where:
                detail.append(f"{label('where', lang)}: {where}")
            if snippet:
                detail.append(snippet[:300])
            detail += [f"WCAG {', '.join(finding.wcag)}" if finding.wcag else "", f"{label('fix', lang)}: {finding.fix}",
                       f"fingerprint: {finding.fingerprint}"]
            if finding.outcome == "violation" and is_open(finding):
                failure = ET.SubElement(case, "failure", type=finding.rule,
                                        message=f"[{label(finding.severity, lang)}] {one_line(finding.message, 200)}")
                failure.text = "\n".join(line for line in detail if line)
                failed = True
            else:
                state = finding.baseline if finding.outcome == "violation" else label(finding.outcome, lang)
                other.append(f"[{state}] {finding.rule}: {one_line(finding.message, 200)}")
        if failed:
            totals["failures"] += 1
        if other:
            ET.SubElement(case, "system-out").text = "\n".join(other)
    for element in (suites, suite):
        for key, value in totals.items():
            if element is suites and key == "skipped":
                continue
            element.set(key, str(value))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
