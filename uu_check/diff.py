"""Progress over time: which barriers were fixed, which are new and which remain, by target.

Barriers are matched by fingerprint (rule + target key + position), so an unchanged barrier
matches across runs and machines even when messages were rendered in another language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from uu_check.i18n import label
from uu_check.model import Finding, Report
from uu_check.reporters.markdown import cell
from uu_check.reporters.text import describe_location


@dataclass
class TargetDiff:
    key: str
    #: "both", "added" (only in the new run), "removed" (only in the old run), "not-checked".
    presence: str
    fixed: list[Finding] = field(default_factory=list)
    new: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)


@dataclass
class Diff:
    targets: list[TargetDiff]

    def count(self, name: str) -> int:
        return sum(len(getattr(t, name)) for t in self.targets)


def _by_key(report: Report) -> dict[str, list[Finding]]:
    keys = {t.id: t.key or t.uri for t in report.targets}
    grouped: dict[str, list[Finding]] = {key: [] for key in keys.values()}
    for finding in report.findings:
        if finding.outcome == "violation":
            grouped.setdefault(keys.get(finding.target, finding.target), []).append(finding)
    return grouped


def diff_reports(old: Report, new: Report) -> Diff:
    """Compare two runs target by target. A target that could not be checked in the new run
    fixes nothing; a target only in the old run (deleted, out of scope) fixes nothing either."""
    old_by, new_by = _by_key(old), _by_key(new)
    status = {t.key or t.uri: t.status for t in new.targets}
    result: list[TargetDiff] = []
    for key in [*new_by, *(k for k in old_by if k not in new_by)]:
        before, after = old_by.get(key), new_by.get(key)
        if after is None:
            result.append(TargetDiff(key, "removed", remaining=list(before or [])))
            continue
        if status.get(key) != "checked":
            result.append(TargetDiff(key, "not-checked", remaining=list(before or [])))
            continue
        old_prints = {f.fingerprint for f in before or []}
        new_prints = {f.fingerprint for f in after}
        result.append(TargetDiff(
            key, "both" if before is not None else "added",
            fixed=[f for f in before or [] if f.fingerprint not in new_prints],
            new=[f for f in after if f.fingerprint not in old_prints],
            remaining=[f for f in after if f.fingerprint in old_prints],
        ))
    return Diff(result)


def compare_with_previous(report: Report, previous: Report, *, against: str) -> Diff:
    """Mark the report's findings new / known against an earlier run and record the fixed ones
    in run["comparison"], the way a baseline does (the HTML report shows it)."""
    diff = diff_reports(previous, report)
    old_prints = {f.fingerprint for f in previous.findings}
    for finding in report.findings:
        finding.baseline = "known" if finding.fingerprint in old_prints else "new"
    lang = str(report.run.get("lang", "en"))
    report.run["comparison"] = {
        "against": against, "reasons": {},
        "fixed": [{"rule": f.rule, "target": t.key, "location": describe_location(f.location, lang) or f.location.key(),
                   "message": f.message, "fingerprint": f.fingerprint} for t in diff.targets for f in t.fixed],
    }
    return diff


def _line(finding: Finding, lang: str) -> str:
    where = describe_location(finding.location, lang)
    return f"{finding.rule}: {finding.message}" + (f" ({where})" if where else "")


def render_text(diff: Diff, lang: str) -> str:
    out: list[str] = []
    for target in diff.targets:
        if not (target.fixed or target.new) and target.presence == "both":
            continue
        out.append(f"{target.key}" + (f"  [{target.presence}]" if target.presence != "both" else ""))
        for name, mark in (("fixed", "✔"), ("new", "✖")):
            for finding in getattr(target, name):
                out.append(f"  {mark} {label(name, lang)}: {_line(finding, lang)}")
        if target.remaining:
            out.append(f"  · {len(target.remaining)} {label('remaining', lang)}")
    if not out:
        out.append(label("no_changes", lang))
    out.append(f"{label('summary', lang)}: {diff.count('fixed')} {label('fixed', lang)}, {diff.count('new')} "
               f"{label('new', lang)}, {diff.count('remaining')} {label('remaining', lang)}")
    return "\n".join(out) + "\n"


def render_markdown(diff: Diff, lang: str) -> str:
    out = [f"## uu-check: {label('progress', lang)}", "",
           f"**{diff.count('fixed')}** {label('fixed', lang)} · **{diff.count('new')}** {label('new', lang)} · "
           f"**{diff.count('remaining')}** {label('remaining', lang)}", ""]
    changed = [t for t in diff.targets if t.fixed or t.new]
    if changed:
        out += [f"| {label('target', lang)} | {label('fixed', lang).capitalize()} | {label('new', lang).capitalize()} | "
                f"{label('remaining', lang).capitalize()} |", "|---|---:|---:|---:|"]
        out += [f"| {cell(t.key)} | {len(t.fixed)} | {len(t.new)} | {len(t.remaining)} |" for t in changed]
        out.append("")
        for t in changed:
            out.append(f"### {cell(t.key)}")
            out += [f"- ✔ {cell(_line(f, lang))}" for f in t.fixed]
            out += [f"- ✖ {cell(_line(f, lang))}" for f in t.new]
            out.append("")
    else:
        out.append(label("no_changes", lang))
    return "\n".join(out).rstrip() + "\n"


def to_dict(diff: Diff) -> dict[str, Any]:
    def item(f: Finding) -> dict[str, Any]:
        return {"rule": f.rule, "severity": f.severity, "message": f.message, "fingerprint": f.fingerprint,
                "location": f.location.to_dict()}

    return {
        "format": "uu-check-diff/1",
        "summary": {name: diff.count(name) for name in ("fixed", "new", "remaining")},
        "targets": [{"key": t.key, "presence": t.presence, "fixed": [item(f) for f in t.fixed],
                     "new": [item(f) for f in t.new], "remaining": [item(f) for f in t.remaining]}
                    for t in diff.targets],
    }


def render_json(diff: Diff, lang: str) -> str:
    return json.dumps(to_dict(diff), ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"text": render_text, "json": render_json, "markdown": render_markdown}
