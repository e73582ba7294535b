"""CSV, one row per finding, for spreadsheets (IT staff sort and filter a site-wide audit).

Cells that a spreadsheet would run as a formula (starting with = + - @) are prefixed with an
apostrophe: page content must never execute in the reader's spreadsheet.
"""

from __future__ import annotations

import csv
import io

from uu_check.model import Report
from uu_check.reporters.common import target_by_id
from uu_check.reporters.text import describe_location

COLUMNS = ("target", "kind", "uri", "title", "rule", "outcome", "severity", "wcag", "level", "message",
           "where", "selector", "snippet", "page", "paragraph", "table", "slide", "shape", "fix",
           "help_url", "fingerprint", "baseline")


def _safe(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def render(report: Report, lang: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    targets = target_by_id(report)
    for finding in report.findings:
        target = targets.get(finding.target)
        location = finding.location
        row = {
            "target": target.key if target else finding.target, "kind": target.kind if target else "",
            "uri": target.uri if target else "", "title": target.title if target else "",
            "rule": finding.rule, "outcome": finding.outcome, "severity": finding.severity,
            "wcag": " ".join(finding.wcag), "level": finding.level, "message": finding.message,
            "where": describe_location(location, lang), "selector": location.selector,
            "snippet": (location.snippet or "")[:300], "page": location.page, "paragraph": location.paragraph,
            "table": location.table, "slide": location.slide, "shape": location.shape, "fix": finding.fix,
            "help_url": finding.help_url, "fingerprint": finding.fingerprint, "baseline": finding.baseline,
        }
        writer.writerow([_safe(row[c]) for c in COLUMNS])
    return buffer.getvalue()
