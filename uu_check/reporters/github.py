"""GitHub Actions workflow commands: one annotation per open barrier (`::error file=...::`).

Printed to standard output inside a workflow, GitHub shows them on the pull request's files.
Known and accepted baseline findings are left out; needs-review findings become notices.
"""

from __future__ import annotations

from uu_check.i18n import label
from uu_check.model import Report
from uu_check.reporters.common import is_file_target, is_open, one_line, source_line, target_by_id, target_path
from uu_check.reporters.text import describe_location

COMMANDS = {"critical": "error", "serious": "error", "moderate": "warning", "minor": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, lang: str) -> str:
    lines: list[str] = []
    targets = target_by_id(report)
    for finding in report.findings:
        target = targets.get(finding.target)
        if target is None or not is_open(finding):
            continue
        command = COMMANDS.get(finding.severity, "warning") if finding.outcome == "violation" else "notice"
        properties: list[str] = []
        if is_file_target(target):
            properties.append(f"file={escape_property(target_path(target))}")
            line = source_line(target, finding)
            if line:
                properties.append(f"line={line}")
        title = f"{finding.title or finding.rule} ({finding.rule})"
        properties.append(f"title={escape_property(one_line(title, 200))}")
        where = describe_location(finding.location, lang)
        message = finding.message
        if not is_file_target(target):
            message = f"{target.uri}: {message}"
        if where:
            message += f"\n{label('where', lang)}: {where}"
        message += f"\n{label('fix', lang)}: {one_line(finding.fix, 600)}"
        lines.append(f"::{command} {','.join(properties)}::{escape_data(message)}")
    for target in report.targets:
        if target.status == "error":
            file_part = f"file={escape_property(target_path(target))}," if is_file_target(target) else ""
            lines.append(f"::error {file_part}title=uu-check::{escape_data(f'{target.key or target.uri}: {target.error}')}")
    return "\n".join(lines) + ("\n" if lines else "")
