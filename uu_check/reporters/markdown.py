"""A short Markdown summary for a CI job summary ($GITHUB_STEP_SUMMARY) or a pull-request comment.

Short on purpose: totals, what changed against a baseline, the worst targets and the most
common barriers. The HTML report is where people read the details.
"""

from __future__ import annotations

from collections import Counter

from uu_check.i18n import label
from uu_check.model import SEVERITIES, Report, severity_rank
from uu_check.reporters.common import is_open, targets_worst_first

MAX_TARGETS = 15
MAX_RULES = 10


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell (no pipes, no line breaks, no HTML)."""
    value = "" if text is None else str(text)
    value = " ".join(value.split()).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace("`", "'")


def render(report: Report, lang: str) -> str:
    summary = report.summary()
    by = summary["by_severity"]
    open_count = sum(1 for f in report.findings if f.outcome == "violation" and is_open(f))
    mark = "✅" if open_count == 0 and not summary["errors"] else "❌"
    lines = [f"## {mark} uu-check: {label('report_title', lang)}", ""]
    lines.append(f"{summary['targets']} {label('targets', lang)} · {summary['violations']} {label('barriers', lang)} · "
                 f"{summary['needs_review']} {label('to_review', lang)}"
                 + (f" · {summary['errors']} {label('not_checked', lang)}" if summary["errors"] else ""))
    lines += ["", "| " + " | ".join(label(s, lang).capitalize() for s in SEVERITIES) + " |",
              "|" + "---:|" * len(SEVERITIES), "| " + " | ".join(str(by[s]) for s in SEVERITIES) + " |", ""]
    comparison = report.run.get("comparison")
    if comparison:
        counts = Counter(f.baseline for f in report.findings if f.outcome == "violation")
        lines.append(f"**{label('compared_with', lang)} `{cell(comparison.get('against', ''))}`:** "
                     f"{counts.get('new', 0)} {label('new', lang)}, {len(comparison.get('fixed') or [])} "
                     f"{label('fixed', lang)}, {counts.get('known', 0)} {label('known', lang)}, "
                     f"{counts.get('accepted', 0)} {label('accepted', lang)}")
        lines.append("")
    worst = [t for t in targets_worst_first(report) if t.status == "error" or report.findings_for(t.id)]
    if worst:
        lines += [f"### {label('worst_targets', lang)}", "",
                  f"| {label('target', lang)} | {label('score', lang).capitalize()} | {label('barriers', lang).capitalize()} | "
                  f"{label('to_review', lang).capitalize()} |", "|---|---:|---:|---:|"]
        for target in worst[:MAX_TARGETS]:
            findings = report.findings_for(target.id)
            violations = sum(1 for f in findings if f.outcome == "violation")
            score = target.score if target.score is not None else "–"
            name = cell(target.key or target.uri)
            if target.status == "error":
                lines.append(f"| {name} ({cell(target.error)}) | – | – | – |")
            else:
                lines.append(f"| {name} | {score} | {violations} | {len(findings) - violations} |")
        if len(worst) > MAX_TARGETS:
            lines.append(f"\n… {len(worst) - MAX_TARGETS} {label('more_targets', lang)}")
        lines.append("")
    rules: dict[str, list] = {}
    for finding in report.findings:
        if finding.outcome == "violation":
            rules.setdefault(finding.rule, []).append(finding)
    if rules:
        lines += [f"### {label('common_barriers', lang)}", "",
                  f"| {label('rule', lang)} | {label('severity', lang)} | {label('count', lang)} | "
                  f"{label('targets', lang).capitalize()} | WCAG |", "|---|---|---:|---:|---|"]
        ordered = sorted(rules.items(), key=lambda item: (severity_rank(item[1][0].severity), -len(item[1]), item[0]))
        for rule, findings in ordered[:MAX_RULES]:
            first = findings[0]
            title = cell(first.title or rule)
            link = f"[{title}]({first.help_url})" if first.help_url else title
            lines.append(f"| {link} `{cell(rule)}` | {label(first.severity, lang)} | {len(findings)} | "
                         f"{len({f.target for f in findings})} | {cell(', '.join(first.wcag)) or '–'} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
