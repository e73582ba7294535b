"""One generic test over fixtures/rules/<engine>/<rule-id>/{fail,pass}-*: every fail case must
produce the rule's finding, every pass case must not. Test ids are `<rule-id>/<case>`.

Each engine's fixtures are checked in one scan (one browser for all pages), as a user's run would.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from uu_check.catalog import ENGINE_KIND, load_catalog
from uu_check.engines.axe import SETTLED_BY_OWN_RULE
from uu_check.model import Finding
from uu_check.options import ScanOptions
from uu_check.scanner import Scanner
from uu_check.sources.files import file_spec

ROOT = Path(__file__).resolve().parent.parent
RULE_FIXTURES = ROOT / "fixtures" / "rules"


def _cases() -> list[tuple[str, str, Path]]:
    cases = []
    for engine_dir in sorted(RULE_FIXTURES.iterdir()) if RULE_FIXTURES.is_dir() else []:
        for rule_dir in sorted(p for p in engine_dir.iterdir() if p.is_dir()):
            for case in sorted(rule_dir.glob("*-*.*")):
                if case.name.startswith(("pass-", "fail-")):
                    cases.append((engine_dir.name, rule_dir.name, case))
    return cases


CASES = _cases()


#: The cases this pytest session selected (so `-k docx-` scans only those files).
SELECTED: set[Path] = set()


@pytest.fixture(scope="session", autouse=True)
def _selected_cases(request: pytest.FixtureRequest) -> None:
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and "case" in callspec.params:
            SELECTED.add(callspec.params["case"])


_SCANS: dict[str, dict[Path, tuple[str, list[Finding], str | None]] | BaseException] = {}


def _scan(kind: str) -> dict[Path, tuple[str, list[Finding], str | None]]:
    """The scan of one kind, done once; a failure is remembered too, so one broken scan fails
    its cases quickly instead of being repeated for each of them."""
    if kind not in _SCANS:
        try:
            _SCANS[kind] = _scan_kind(kind)
        except BaseException as exc:  # noqa: BLE001 - remembered and re-raised per case
            _SCANS[kind] = exc
            raise
    result = _SCANS[kind]
    if isinstance(result, BaseException):
        raise RuntimeError(f"the scan of the {kind} fixtures failed: {result!r}")
    return result


def _scan_kind(kind: str) -> dict[Path, tuple[str, list[Finding], str | None]]:
    """Scan every selected fixture of one target kind in one run; path -> (status, findings, error)."""
    paths = [case for engine, _, case in CASES if ENGINE_KIND.get(engine) == kind and case in SELECTED]
    options = ScanOptions(lang="en", level="AAA", timeout=60, jobs=2)
    report = Scanner(options).scan_specs([file_spec(p) for p in paths])
    by_id = {t.id: t for t in report.targets}
    results: dict[Path, tuple[str, list[Finding], str | None]] = {}
    for path, target in zip(paths, report.targets):
        results[path] = (target.status, [f for f in report.findings if f.target == target.id], target.error)
    assert len(by_id) == len(paths)
    return results


def _marks(engine: str) -> list[pytest.MarkDecorator]:
    return [pytest.mark.browser] if ENGINE_KIND.get(engine) == "html" else []


# The first case of each kind pays for scanning all of them (one browser for every page).
@pytest.mark.timeout(1800)
@pytest.mark.parametrize(
    "engine, rule_id, case",
    [pytest.param(e, r, c, id=f"{r}/{c.name}", marks=_marks(e)) for e, r, c in CASES],
)
def test_rule_fixture(engine: str, rule_id: str, case: Path) -> None:
    catalog = load_catalog()
    assert rule_id in catalog, f"fixtures for unknown rule {rule_id}"
    rule = catalog[rule_id]
    status, findings, error = _scan(ENGINE_KIND[engine])[case]
    assert status == "checked", f"{case.name} could not be checked: {error}"
    mine = [f for f in findings if f.rule == rule_id]
    review_only = tuple(rule.outcomes) == ("needs-review",)
    if case.name.startswith("fail-"):
        wanted = [f for f in mine if f.outcome in rule.outcomes]
        settled_by = SETTLED_BY_OWN_RULE.get(rule_id)
        if not wanted and settled_by:
            # our own rule decided the same question, so axe-core's review item is not shown
            wanted = [f for f in findings if f.rule == settled_by and f.outcome == "violation"]
        assert wanted, f"{rule_id} did not fire on {case.name}; other findings: {sorted({f.rule for f in findings})}"
    else:
        unwanted = [f for f in mine if f.outcome == "violation" or review_only]
        assert not unwanted, f"{rule_id} fired on {case.name}: {[f.message for f in unwanted]}"
