"""The terminal report: grouped by target, worst first, one block per rule with its fix once.

A teacher reads this: the same barrier on 30 images is one block with the fix once and the
first few places, not 30 copies of the same advice.
"""

from __future__ import annotations

import io
from collections import OrderedDict

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from uu_check.i18n import label
from uu_check.model import Finding, Location, Report, Target, severity_rank

#: Places shown per rule and target before "n more like this".
MAX_PLACES = 3

STYLE = {"critical": "bold red", "serious": "red", "moderate": "yellow", "minor": "cyan"}
MARK = {"violation": "✖", "needs-review": "?"}


def render(report: Report, lang: str) -> str:
    buffer = io.StringIO()
    print_report(report, lang, Console(file=buffer, force_terminal=False, color_system=None, width=100,
                                       highlight=False, soft_wrap=False))
    return buffer.getvalue()


def print_report(report: Report, lang: str, console: Console) -> None:
    for target in report.targets:
        _print_target(target, report.findings_for(target.id), lang, console)
    _print_summary(report, lang, console)


def describe_location(location: Location, lang: str) -> str:
    """'side 3', 'lysbilde 2, figur «Bilde 4»', 'div.content > img' ... for people."""
    parts: list[str] = []
    for key in ("page", "slide", "paragraph", "table"):
        value = getattr(location, key)
        if value is not None:
            parts.append(f"{label(key, lang)} {value}")
    if location.shape:
        parts.append(f"{label('shape', lang)} «{location.shape}»")
    if location.context:
        parts.append(location.context)
    if location.selector:
        parts.append(location.selector)
    return ", ".join(parts)


def group_by_rule(findings: list[Finding]) -> "OrderedDict[tuple[str, str], list[Finding]]":
    """(outcome, rule) -> findings, worst first (violations, then severity)."""
    ordered = sorted(findings, key=lambda f: (f.outcome != "violation", severity_rank(f.severity), f.rule))
    groups: OrderedDict[tuple[str, str], list[Finding]] = OrderedDict()
    for finding in ordered:
        groups.setdefault((finding.outcome, finding.rule), []).append(finding)
    return groups


def _print_target(target: Target, findings: list[Finding], lang: str, console: Console) -> None:
    header = Text(target.key or target.uri, style="bold")
    if target.title:
        header.append(f"  «{target.title}»")
    if target.status == "checked" and target.score is not None:
        header.append(f"  {label('score', lang)} {target.score}/100", style="dim")
    if target.mode == "static":
        header.append(f"  ({label('static_mode', lang)})", style="dim")
    console.print(header)
    if target.status != "checked":
        style = "red" if target.status == "error" else "dim"
        console.print(Text(f"  {label(target.status, lang)}: {target.error}", style=style))
        console.print()
        return
    if not findings:
        console.print(Text(f"  ✔ {label('no_barriers', lang)}", style="green"))
        console.print()
        return
    for (outcome, rule), group in group_by_rule(findings).items():
        first = group[0]
        severity = first.severity
        line = Text("  ")
        line.append(f"{MARK[outcome]} {label(severity, lang) if outcome == 'violation' else label(outcome, lang)}",
                    style=STYLE.get(severity, "") if outcome == "violation" else "magenta")
        line.append(f"  {first.title or rule}", style="bold")
        line.append(f"  [{rule}" + (f" · WCAG {', '.join(first.wcag)}" if first.wcag else "") + "]", style="dim")
        if len(group) > 1:
            line.append(f"  ×{len(group)}")
        console.print(line)
        console.print(Text(f"     {first.message}"))
        for finding in group[:MAX_PLACES]:
            where = describe_location(finding.location, lang)
            snippet = (finding.location.snippet or "").strip()
            if snippet and snippet not in where:
                where = f"{where}  {snippet[:90]}" if where else snippet[:90]
            if where:
                console.print(Text(f"     {label('where', lang)}: {where}", style="dim"))
        if len(group) > MAX_PLACES:
            console.print(Text(f"     … {len(group) - MAX_PLACES} {label('more_hidden', lang)}", style="dim"))
        fix = first.fix.strip().replace("\n", "\n       ")
        console.print(f"     [green]{escape(label('fix', lang))}:[/green] {escape(fix)}")
    console.print()


def _print_summary(report: Report, lang: str, console: Console) -> None:
    summary = report.summary()
    by = summary["by_severity"]
    parts = [f"{by[s]} {label(s, lang)}" for s in ("critical", "serious", "moderate", "minor") if by[s]]
    line = Text(f"{label('summary', lang)}: ", style="bold")
    line.append(f"{summary['targets']} {label('targets', lang)}, ")
    line.append(f"{summary['violations']} {label('barriers', lang)}")
    if parts:
        line.append(f" ({', '.join(parts)})")
    line.append(f", {summary['needs_review']} {label('to_review', lang)}")
    if summary["errors"]:
        line.append(f", {summary['errors']} {label('not_checked', lang)}", style="red")
    console.print(line)
