"""Small helpers several reporters share: where a target lives for CI tools, fix steps, counts.

Kept here so the CI formats (SARIF, GitHub, GitLab, JUnit) place a barrier the same way.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from uu_check.model import Finding, Report, Target

_STEP = re.compile(r"^\s*(\d+)[.)]\s+(.*)$")

#: Baseline states that do not count against a run (they are old news).
SETTLED = ("known", "accepted")


def is_file_target(target: Target) -> bool:
    return target.uri.startswith("file:")


def target_path(target: Target) -> str:
    """A path CI tools can place: the target key (relative to the working directory, which is
    the repository root in CI) for files, the document inside a package as `package!/inner`,
    the URL for pages."""
    if not is_file_target(target):
        return target.uri
    key = target.key or unquote(urlsplit(target.uri).path)
    return key.lstrip("/") if not Path(key).is_absolute() else key


def is_open(finding: Finding) -> bool:
    """A barrier that still counts: not known from or accepted in a baseline."""
    return finding.baseline not in SETTLED


def fix_steps(text: str) -> tuple[list[str], list[str], list[str]]:
    """Split catalog fix advice into (lines before the steps, numbered steps, lines after), so a
    reporter can show the steps as a real numbered list."""
    before: list[str] = []
    steps: list[str] = []
    after: list[str] = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        match = _STEP.match(line)
        if match:
            steps.append(match.group(2))
        elif steps:
            if raw[:1].isspace() and not after:
                steps[-1] += " " + line  # a wrapped step
            else:
                after.append(line)
        else:
            before.append(line)
    return before, steps, after


def targets_worst_first(report: Report) -> list[Target]:
    """Errors first, then lowest score, then most barriers; ties keep the run's order."""
    violations = {t.id: 0 for t in report.targets}
    for finding in report.findings:
        if finding.outcome == "violation" and finding.target in violations:
            violations[finding.target] += 1

    def key(item: tuple[int, Target]) -> tuple:
        index, target = item
        status_rank = {"error": 0, "checked": 1, "skipped": 2}.get(target.status, 3)
        score = target.score if target.score is not None else 101
        return (status_rank, score, -violations[target.id], index)

    return [t for _, t in sorted(enumerate(report.targets), key=key)]


def target_by_id(report: Report) -> dict[str, Target]:
    return {t.id: t for t in report.targets}


def one_line(text: str, limit: int = 300) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@functools.lru_cache(maxsize=64)
def _file_text(path: str, sha256: str | None) -> str | None:
    """A checked file's text, cached per content hash (a changed file is read again)."""
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def source_line(target: Target, finding: Finding) -> int | None:
    """Best effort: the 1-based line of an HTML finding's snippet in the file as committed, so a
    CI annotation lands on the element. None when unknown (documents, pages, edited DOM)."""
    snippet = (finding.location.snippet or "").strip()
    if target.kind != "html" or not snippet or not is_file_target(target):
        return None
    text = _file_text(unquote(urlsplit(target.uri).path), target.sha256)
    if not text:
        return None
    first_tag = snippet.split(">", 1)[0] + ">" if snippet.startswith("<") else ""
    for needle in (snippet[:120], first_tag):
        if needle:
            found = text.find(needle)
            if found >= 0:
                return text.count("\n", 0, found) + 1
    return None
