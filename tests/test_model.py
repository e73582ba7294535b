"""The report model: fingerprints, scores, ordering and the JSON round trip."""

from __future__ import annotations

import json

import jsonschema
import pytest

from uu_check.model import Finding, Location, Report, Target, assign_fingerprints, fingerprint, score_target
from uu_check.reporters.json import render, validate


def finding(rule: str = "image-alt", severity: str = "critical", outcome: str = "violation",
            selector: str | None = "img", target: str = "t1") -> Finding:
    return Finding(rule=rule, engine="axe", outcome=outcome, severity=severity, wcag=["1.1.1"], level="A",
                   en301549=["9.1.1.1"], target=target, location=Location(selector=selector, snippet="<img>"),
                   message="m", fix="f", help_url=None)


def test_fingerprint_ignores_snippet_text_when_a_position_is_known() -> None:
    a = fingerprint("image-alt", "course/a.html", Location(selector="main > img", snippet="<img src=a>"))
    b = fingerprint("image-alt", "course/a.html", Location(selector="main > img", snippet="<img src=b>"))
    c = fingerprint("image-alt", "course/b.html", Location(selector="main > img"))
    assert a == b != c
    assert len(a) == 24


def test_repeated_locations_get_distinct_stable_fingerprints() -> None:
    findings = [finding(), finding(), finding(selector="p")]
    assign_fingerprints(findings, "x.html")
    prints = [f.fingerprint for f in findings]
    assert len(set(prints)) == 3
    assert prints[1] == prints[0] + "-2"
    again = [finding(), finding(), finding(selector="p")]
    assign_fingerprints(again, "x.html")
    assert [f.fingerprint for f in again] == prints


def test_score_counts_rules_not_repeats_and_ignores_review() -> None:
    assert score_target([]) == 100
    one = score_target([finding()])
    many = score_target([finding() for _ in range(30)])
    assert one == 80
    assert 60 <= many < one
    assert score_target([finding(outcome="needs-review")]) == 100
    assert score_target([finding(rule=f"r{i}") for i in range(10)]) == 0


def test_report_sorts_worst_first_and_round_trips_through_json() -> None:
    report = Report(tool={"name": "uu-check", "version": "0", "axe_core": None},
                    run={"started": "s", "finished": "f", "lang": "en", "level": "AA", "fail_on": "serious"},
                    targets=[Target(id="t1", uri="file:///a.html", kind="html", key="a.html", score=50)],
                    findings=[finding(severity="minor", rule="region"), finding(outcome="needs-review"), finding()])
    assign_fingerprints(report.findings, "a.html")
    report.sort()
    assert [(f.outcome, f.severity) for f in report.findings] == [
        ("violation", "critical"), ("violation", "minor"), ("needs-review", "critical")]
    data = json.loads(render(report, "en"))
    validate(data)
    assert data["summary"]["violations"] == 2 and data["summary"]["needs_review"] == 1
    assert Report.from_dict(data).to_dict()["findings"] == data["findings"]


def test_schema_rejects_a_broken_report() -> None:
    report = Report(tool={"name": "uu-check", "version": "0"},
                    run={"started": "s", "finished": "f", "lang": "en", "level": "AA", "fail_on": "serious"},
                    targets=[Target(id="t1", uri="x", kind="html", status="error", error=None)])
    with pytest.raises(jsonschema.ValidationError):
        validate(report.to_dict())
