"""Run a crawl from `scan --crawl`, with a live progress line on standard error."""

from __future__ import annotations

import logging
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from uu_check.model import Report
from uu_check.options import ScanOptions
from uu_check.sources.crawl import CrawlSettings, Crawler
from uu_check.sources.files import is_url

log = logging.getLogger(__name__)
#: Without a terminal, a progress line in the log (-v) after every this many targets.
LOG_EVERY = 25


def run_crawl(options: ScanOptions, targets: tuple[str, ...], extras: dict[str, Any], quiet: bool) -> Report:
    seeds = [t for t in targets if is_url(t)]
    if not seeds:
        raise click.UsageError("--crawl needs at least one http(s) start URL")
    settings = CrawlSettings(
        include=tuple(extras["crawl_include"]), exclude=tuple(extras["crawl_exclude"]),
        max_depth=extras["max_depth"], max_pages=extras["max_pages"], sitemaps=tuple(extras["sitemaps"]),
        ignore_robots=extras["ignore_robots"], rate=extras["rate"],
        max_download_bytes=int(extras["max_download_mb"] * 1_000_000),
    )
    err = Console(stderr=True)
    # A live status line only on a terminal; in a CI log, a plain line every LOG_EVERY targets (-v).
    status = err.status("crawling…") if not quiet and err.is_terminal else None

    def progress(counts: dict[str, float]) -> None:
        line = (f"found {counts['found']:.0f} · checked {counts['checked']:.0f} · queued "
                f"{counts['queued']:.0f} · errors {counts['errors']:.0f} · {counts['rate']:.1f} per second")
        if status is not None:
            status.update(line)
        elif int(counts["checked"]) % LOG_EVERY == 0:
            log.info("%s", line)

    crawler = Crawler(options, seeds, settings, state=extras["state_file"], resume=extras["resume"], on_progress=progress)
    if status is not None:
        with status:
            report = crawler.run()
    else:
        report = crawler.run()
    if not quiet:
        _course_summary(report, err)
    return report


def _course_summary(report: Report, console: Console) -> None:
    courses: dict[str, list[int]] = {}
    violations = {t.id: 0 for t in report.targets}
    for finding in report.findings:
        if finding.outcome == "violation":
            violations[finding.target] = violations.get(finding.target, 0) + 1
    for target in report.targets:
        course = (target.parent or {}).get("course") or target.uri
        entry = courses.setdefault(course, [0, 0, 0])
        entry[0] += 1
        entry[1] += violations.get(target.id, 0)
        entry[2] += target.status == "error"
    for course, (count, barriers, errors) in courses.items():
        # soft_wrap: a long URL stays on one line when standard error is a file or a pipe.
        console.print(f"[bold]{escape(course)}[/bold]: {count} checked, {barriers} barriers, {errors} errors",
                      soft_wrap=True)
