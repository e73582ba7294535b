"""Baselines: the barriers a project already knows about, so CI fails only on new ones.

A baseline is a JSON file meant to be committed and read by people: one entry per finding with
its fingerprint, rule, target, place and message. An entry marked `"status": "accepted"` with a
`"reason"` records a reviewed decision ("decorative logo, approved by ..."); it survives every
rescan and every `--write-baseline` as long as the finding's fingerprint stays the same.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from uu_check.model import Report
from uu_check.reporters.text import describe_location

FORMAT = "uu-check-baseline/1"
STATUSES = ("known", "accepted")


class BaselineError(Exception):
    """A baseline file that cannot be used; str() is one line naming the file."""


@dataclass
class Entry:
    fingerprint: str
    rule: str
    target: str
    location: str
    message: str
    outcome: str = "violation"
    status: str = "known"
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if self.reason is None:
            del data["reason"]
        return data


@dataclass
class Baseline:
    entries: dict[str, Entry]
    path: Path | None = None

    def accepted_reasons(self) -> dict[str, str]:
        return {fp: e.reason or "" for fp, e in self.entries.items() if e.status == "accepted"}


def load_baseline(path: Path) -> Baseline:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a uu-check baseline (expected \"format\": \"{FORMAT}\")")
    entries: dict[str, Entry] = {}
    for number, item in enumerate(data["findings"], 1):
        if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str):
            raise BaselineError(f"{path}: findings[{number}] needs a fingerprint")
        status = item.get("status", "known")
        if status not in STATUSES:
            raise BaselineError(f"{path}: findings[{number}].status must be known or accepted, not {status!r}")
        if status == "accepted" and not str(item.get("reason") or "").strip():
            raise BaselineError(f"{path}: findings[{number}] is accepted but has no reason")
        entries[item["fingerprint"]] = Entry(
            fingerprint=item["fingerprint"], rule=str(item.get("rule", "")), target=str(item.get("target", "")),
            location=str(item.get("location", "")), message=str(item.get("message", "")),
            outcome=str(item.get("outcome", "violation")), status=status,
            reason=str(item["reason"]).strip() if item.get("reason") else None)
    return Baseline(entries=entries, path=path)


def baseline_from_report(report: Report, previous: Baseline | None = None) -> Baseline:
    """Every finding of the report as an entry; accepted decisions of `previous` carry over."""
    keys = {t.id: t.key or t.uri for t in report.targets}
    lang = str(report.run.get("lang", "en"))
    entries: dict[str, Entry] = {}
    for finding in report.findings:
        old = previous.entries.get(finding.fingerprint) if previous else None
        where = describe_location(finding.location, lang) or finding.location.key()
        entries[finding.fingerprint] = Entry(
            fingerprint=finding.fingerprint, rule=finding.rule, target=keys.get(finding.target, ""),
            location=where, message=finding.message, outcome=finding.outcome,
            status=old.status if old else "known", reason=old.reason if old else None)
    return Baseline(entries=entries)


def write_baseline(baseline: Baseline, path: Path, *, tool_version: str = "") -> None:
    """Sorted by target, rule and place so the committed file diffs cleanly."""
    ordered = sorted(baseline.entries.values(), key=lambda e: (e.target, e.rule, e.location, e.fingerprint))
    data = {
        "format": FORMAT,
        "about": ("Barriers uu-check already knows about. Findings listed here do not fail the run. "
                  "To accept one for good, set \"status\": \"accepted\" and give a \"reason\" "
                  "(or run: uu-check baseline accept FINGERPRINT --reason ... --baseline FILE)."),
        "tool": f"uu-check {tool_version}".strip(),
        "findings": [e.to_dict() for e in ordered],
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write ({exc.strerror or exc})") from None


def apply_baseline(report: Report, baseline: Baseline, *, against: str) -> None:
    """Mark findings new / known / accepted and record what was fixed in run["comparison"].

    Fixed are baseline entries of targets this run checked that no longer appear; entries of
    targets not in this run are out of scope, not fixed."""
    seen = set()
    for finding in report.findings:
        entry = baseline.entries.get(finding.fingerprint)
        seen.add(finding.fingerprint)
        finding.baseline = entry.status if entry else "new"
    checked = {t.key or t.uri for t in report.targets if t.status == "checked"}
    fixed = [
        {"rule": e.rule, "target": e.target, "location": e.location, "message": e.message,
         "fingerprint": e.fingerprint}
        for e in baseline.entries.values()
        if e.fingerprint not in seen and e.target in checked and e.outcome == "violation"
    ]
    report.run["comparison"] = {"against": against, "fixed": fixed, "reasons": baseline.accepted_reasons()}


def accept(baseline: Baseline, fingerprint: str, reason: str) -> Entry:
    """Mark one entry accepted; `fingerprint` may be a unique prefix (as shown in reports)."""
    if not reason.strip():
        raise BaselineError("an accepted finding needs a --reason")
    matches = [e for fp, e in baseline.entries.items() if fp.startswith(fingerprint)]
    where = baseline.path or "baseline"
    if not matches:
        raise BaselineError(f"{where}: no finding with fingerprint {fingerprint!r} (run a scan with --write-baseline first)")
    if len(matches) > 1:
        raise BaselineError(f"{where}: fingerprint {fingerprint!r} matches {len(matches)} findings; give more characters")
    entry = matches[0]
    entry.status, entry.reason = "accepted", reason.strip()
    return entry
