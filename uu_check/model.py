"""The report model: Finding, Location, Target and Report, and their JSON form (format 1).

The JSON form is a public interface (see shared/design/report-format.md): fields may be added,
never renamed or removed without bumping FORMAT.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any

FORMAT = "uu-check-report/1"

SEVERITIES: tuple[str, ...] = ("critical", "serious", "moderate", "minor")
OUTCOMES: tuple[str, ...] = ("violation", "needs-review")
TARGET_STATUSES: tuple[str, ...] = ("checked", "error", "skipped")

#: Points taken off a target's score, per rule violated, by severity (see `score_target`).
SEVERITY_WEIGHT = {"critical": 20, "serious": 12, "moderate": 6, "minor": 2}


def severity_rank(severity: str) -> int:
    """0 for critical (worst) .. 3 for minor; unknown severities sort last."""
    try:
        return SEVERITIES.index(severity)
    except ValueError:
        return len(SEVERITIES)


@dataclass(slots=True)
class Location:
    """Whatever places a barrier for a person. Unused keys stay None."""

    selector: str | None = None
    snippet: str | None = None
    page: int | None = None
    paragraph: int | None = None
    table: int | None = None
    slide: int | None = None
    shape: str | None = None
    frame: str | None = None
    #: Human context: the nearest heading, the slide title, the structure element type.
    context: str | None = None

    def key(self) -> str:
        """The part of a fingerprint that says where: stable across runs, no snippet text
        when a structural position is known (so an edited sentence keeps its fingerprint)."""
        parts = [
            f"{name}={getattr(self, name)}"
            for name in ("frame", "selector", "page", "paragraph", "table", "slide", "shape")
            if getattr(self, name) is not None
        ]
        if not parts and self.snippet:
            parts.append("snippet=" + self.snippet)
        return "|".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Location:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (data or {}).items() if k in known})


@dataclass(slots=True)
class Finding:
    """One barrier (violation) or one thing a person must look at (needs-review)."""

    rule: str
    engine: str
    outcome: str
    severity: str
    wcag: list[str]
    level: str | None
    en301549: list[str]
    target: str
    location: Location
    message: str
    fix: str
    help_url: str | None
    fingerprint: str = ""
    title: str = ""
    why: str = ""
    #: Extra evidence from the engine (e.g. axe's failure summary), short.
    evidence: str | None = None
    #: Set by baselines: "new", "known" or "accepted" (None when no baseline is used).
    baseline: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["location"] = self.location.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["location"] = Location.from_dict(data.get("location"))
        return cls(**values)


@dataclass(slots=True)
class Target:
    """One thing that was (or could not be) checked: a file, a page, a document in a package."""

    id: str
    uri: str
    kind: str
    #: Stable identity for fingerprints: a path relative to the scan root, or the URL.
    key: str = ""
    title: str | None = None
    status: str = "checked"
    error: str | None = None
    sha256: str | None = None
    #: Where it came from: {"course": ..., "module": ..., "linked_from": ...} or None.
    parent: dict[str, Any] | None = None
    score: int | None = None
    #: How it was checked, e.g. "browser", "static", "cache".
    mode: str | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Target:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass(slots=True)
class Report:
    """A whole run: what was checked, what was found, and how it was configured."""

    tool: dict[str, Any]
    run: dict[str, Any]
    targets: list[Target] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        by_severity = {s: 0 for s in SEVERITIES}
        violations = needs_review = 0
        for finding in self.findings:
            if finding.outcome == "violation":
                violations += 1
                if finding.severity in by_severity:
                    by_severity[finding.severity] += 1
            else:
                needs_review += 1
        statuses = [t.status for t in self.targets]
        return {
            "targets": len(self.targets),
            "checked": statuses.count("checked"),
            "errors": statuses.count("error"),
            "skipped": statuses.count("skipped"),
            "violations": violations,
            "needs_review": needs_review,
            "by_severity": by_severity,
        }

    def findings_for(self, target_id: str) -> list[Finding]:
        return [f for f in self.findings if f.target == target_id]

    def sort(self) -> None:
        """Worst first: violations before needs-review, then by severity, target, rule."""
        order = {t.id: i for i, t in enumerate(self.targets)}
        self.findings.sort(
            key=lambda f: (
                order.get(f.target, len(order)),
                f.outcome != "violation",
                severity_rank(f.severity),
                f.rule,
                f.location.key(),
            )
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "tool": self.tool,
            "run": self.run,
            "targets": [t.to_dict() for t in self.targets],
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        if data.get("format") != FORMAT:
            raise ValueError(f"not a uu-check report of format {FORMAT!r}")
        return cls(
            tool=data.get("tool", {}),
            run=data.get("run", {}),
            targets=[Target.from_dict(t) for t in data.get("targets", [])],
            findings=[Finding.from_dict(f) for f in data.get("findings", [])],
        )


def fingerprint(rule: str, target_key: str, location: Location) -> str:
    """Stable id of a barrier in a place: same rule, same target identity, same location key."""
    raw = "\x1f".join((rule, target_key, location.key()))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]


def assign_fingerprints(findings: list[Finding], target_key: str) -> None:
    """Give each finding its fingerprint; a repeat of the same key gets a running suffix so
    two identical barriers in one place stay distinguishable and stable."""
    seen: dict[str, int] = {}
    for finding in findings:
        base = fingerprint(finding.rule, target_key, finding.location)
        count = seen.get(base, 0)
        seen[base] = count + 1
        finding.fingerprint = base if count == 0 else f"{base}-{count + 1}"


def score_target(findings: list[Finding]) -> int:
    """0-100, higher is better. Each rule violated costs its severity weight once, plus a
    little more for each repeat (capped), so one rule repeated 50 times does not zero a page
    but fixing it shows progress. Needs-review findings cost nothing: they are not barriers yet."""
    counts: dict[str, tuple[str, int]] = {}
    for finding in findings:
        if finding.outcome != "violation":
            continue
        severity, count = counts.get(finding.rule, (finding.severity, 0))
        if severity_rank(finding.severity) < severity_rank(severity):
            severity = finding.severity
        counts[finding.rule] = (severity, count + 1)
    penalty = 0.0
    for severity, count in counts.values():
        weight = SEVERITY_WEIGHT.get(severity, 2)
        penalty += weight + min(count - 1, 10) * weight * 0.1
    return max(0, round(100 - penalty))
