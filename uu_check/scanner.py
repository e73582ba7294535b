"""Check a list of targets with the right engine each, and assemble the Report.

Pages share one browser (a bounded number in flight); documents run in a process pool with a
timeout per file. Every target ends as `checked`, `error` (one-line reason) or `skipped`; a
failure on one never stops the others. Results come back in the order the targets were named,
so reports are deterministic.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from typing import TYPE_CHECKING
from uu_check import __version__
from uu_check.engines import axe
from uu_check.engines.base import EngineResult, TargetError
from uu_check.engines.browser import BrowserNotFound
from uu_check.engines.documents import check_document, is_document
from uu_check.model import Report, Target, assign_fingerprints, score_target
from uu_check.options import ScanOptions
from uu_check.redact import redact, redact_url
from uu_check.sources.base import TargetSpec
from uu_check.sources.files import expand

if TYPE_CHECKING:
    from uu_check.store import ScanCache

#: Called after each target: (target, its findings). Lets a caller stream results (store, UI).
TargetCallback = Callable[[Target, list], None]
#: Called with (done, total) as targets finish: progress bars.
ProgressCallback = Callable[[int, int], None]


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def expand_arguments(arguments: Iterable[str], *, exclude: tuple[str, ...] = ()) -> list[TargetSpec]:
    specs: list[TargetSpec] = []
    for argument in arguments:
        specs.extend(expand(argument, exclude=exclude))
    return specs


class Scanner:
    """Runs one scan. `scan(arguments)` for command-line arguments, `scan_specs(specs)` for
    targets a source (crawl, course package) already made."""

    def __init__(self, options: ScanOptions, *, on_target: TargetCallback | None = None,
                 on_progress: ProgressCallback | None = None, cache: ScanCache | None = None) -> None:
        self.options = options
        #: Optional uu_check.store.ScanCache: unchanged files come from it instead of an engine.
        self.cache = cache
        self.on_target = on_target
        self.on_progress = on_progress
        self._stack = contextlib.ExitStack()

    def scan(self, arguments: Iterable[str], *, exclude: tuple[str, ...] = ()) -> Report:
        return self.scan_specs(expand_arguments(arguments, exclude=exclude))

    def scan_specs(self, specs: Iterable[TargetSpec]) -> Report:
        with self._stack:
            return asyncio.run(self.scan_specs_async(list(specs)))

    async def scan_specs_async(self, specs: list[TargetSpec]) -> Report:
        started = now_iso()
        specs = self._expand_packages(specs)
        results: list[tuple[Target, list] | None] = [None] * len(specs)
        done = 0
        cached: set[int] = set()

        def finish(index: int, target: Target, findings: list) -> None:
            nonlocal done
            results[index] = (target, findings)
            if self.cache is not None and index not in cached:
                self.cache.save(specs[index], target, findings)
            done += 1
            if self.on_target:
                self.on_target(target, findings)
            if self.on_progress:
                self.on_progress(done, len(specs))

        if self.cache is not None:
            for index, spec in enumerate(specs):
                hit = self.cache.lookup(spec) if spec.status is None else None
                if hit is not None:
                    cached.add(index)
                    hit[0].id = f"t{index + 1}"
                    for finding in hit[1]:
                        finding.target = hit[0].id
                    finish(index, *hit)
        html_jobs = [(i, s) for i, s in enumerate(specs) if s.status is None and s.kind == "html" and i not in cached]
        doc_jobs = [(i, s) for i, s in enumerate(specs) if s.status is None and is_document(s.kind) and i not in cached]
        for index, spec in enumerate(specs):
            if spec.status is not None or not (spec.kind == "html" or is_document(spec.kind)):
                status = spec.status or "skipped"
                reason = spec.reason or f"{spec.kind} targets cannot be checked by this version"
                finish(index, self._target(index, spec, status=status, error=reason), [])

        await asyncio.gather(self._run_documents(doc_jobs, finish), self._run_pages(html_jobs, finish))
        report = Report(
            tool={"name": "uu-check", "version": __version__,
                  "axe_core": axe.axe_version() if self.options.use_browser else None},
            run={"started": started, "finished": now_iso(), "lang": self.options.lang,
                 "level": self.options.level, "fail_on": self.options.fail_on,
                 "mode": "browser" if self.options.use_browser else "static"},
        )
        for item in results:
            assert item is not None
            target, findings = item
            report.targets.append(target)
            report.findings.extend(findings)
        report.sort()
        if self.cache is not None:
            self.cache.finish(report)
        return report

    def _expand_packages(self, specs: list[TargetSpec]) -> list[TargetSpec]:
        """Course packages (IMS CC, SCORM) become the targets inside them, when supported."""
        if not any(s.kind == "package" and s.status is None for s in specs):
            return specs
        try:
            from uu_check.sources.packages import expand_package
        except ImportError:
            for spec in specs:
                if spec.kind == "package" and spec.status is None:
                    spec.status, spec.reason = "skipped", "course packages are not supported by this version"
            return specs
        expanded: list[TargetSpec] = []
        for spec in specs:
            if spec.kind == "package" and spec.status is None:
                expanded.extend(expand_package(spec, self._stack))
            else:
                expanded.append(spec)
        return expanded

    def _target(self, index: int, spec: TargetSpec, *, status: str, error: str | None = None,
                result: EngineResult | None = None) -> Target:
        return Target(
            id=f"t{index + 1}", uri=redact_url(spec.uri), kind=spec.kind, key=redact_url(spec.key),
            title=result.title if result else None, status=status, error=redact(error),
            sha256=spec.sha256() if status != "error" or spec.path else None,
            parent=spec.parent, mode=result.mode if result else None,
            notes=list(result.notes) if result else [],
        )

    def _complete(self, index: int, spec: TargetSpec, outcome: EngineResult | TargetError) -> tuple[Target, list]:
        if isinstance(outcome, TargetError):
            return self._target(index, spec, status="error", error=str(outcome)), []
        target = self._target(index, spec, status="checked", result=outcome)
        findings = outcome.findings
        for finding in findings:
            finding.target = target.id
        assign_fingerprints(findings, spec.key)
        target.score = score_target(findings)
        return target, findings

    async def _run_documents(self, jobs: list[tuple[int, TargetSpec]], finish: Callable[..., None]) -> None:
        if not jobs:
            return
        loop = asyncio.get_running_loop()
        workers = max(1, min(self.options.jobs, len(jobs), os.cpu_count() or 1))
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
        limit = asyncio.Semaphore(workers)
        timed_out = False

        async def one(index: int, spec: TargetSpec) -> None:
            nonlocal timed_out
            async with limit:
                assert spec.path is not None
                future = loop.run_in_executor(pool, check_document, spec.kind, spec.path, self.options)
                try:
                    outcome = await asyncio.wait_for(future, timeout=self.options.timeout)
                except asyncio.TimeoutError:
                    timed_out = True
                    outcome = TargetError(f"{spec.path.name}: timed out after {self.options.timeout:g} s")
                except Exception as exc:  # a worker killed by the OS (memory) or a broken pool
                    outcome = TargetError(f"{spec.path.name}: the checker process failed ({type(exc).__name__})")
            finish(index, *self._complete(index, spec, outcome))

        try:
            await asyncio.gather(*(one(i, s) for i, s in jobs))
        finally:
            _shutdown(pool, kill=timed_out)

    async def _run_pages(self, jobs: list[tuple[int, TargetSpec]], finish: Callable[..., None]) -> None:
        if not jobs:
            return
        if not self.options.use_browser:
            await self._run_static(jobs, finish)
            return
        try:
            from uu_check.engines.html_browser import BrowserEngine

            engine = BrowserEngine(self.options)
            await engine.__aenter__()
        except BrowserNotFound as exc:
            for index, spec in jobs:
                finish(index, *self._complete(index, spec, TargetError(str(exc))))
            return
        limit = asyncio.Semaphore(max(1, self.options.jobs))

        async def one(index: int, spec: TargetSpec) -> None:
            async with limit:
                try:
                    outcome: EngineResult | TargetError = await engine.check(spec)
                except TargetError as exc:
                    outcome = exc
                except Exception as exc:  # never lose the other pages to one page's surprise
                    outcome = TargetError(f"{spec.uri}: could not be checked ({type(exc).__name__})")
            finish(index, *self._complete(index, spec, outcome))

        try:
            await asyncio.gather(*(one(i, s) for i, s in jobs))
        finally:
            await engine.__aexit__(None, None, None)

    async def _run_static(self, jobs: list[tuple[int, TargetSpec]], finish: Callable[..., None]) -> None:
        from uu_check.engines.html_static import check_static, read_html_file
        from uu_check.sources.fetch import fetch_html

        for index, spec in jobs:
            try:
                if spec.path is not None:
                    html, url = read_html_file(spec.path), spec.path.resolve().as_uri()
                else:
                    html, url = await fetch_html(spec.url or spec.uri, self.options)
                outcome: EngineResult | TargetError = await asyncio.to_thread(check_static, html, url, self.options,
                                                                              spec.fragment)
            except TargetError as exc:
                outcome = exc
            finish(index, *self._complete(index, spec, outcome))


def _shutdown(pool: ProcessPoolExecutor, *, kill: bool) -> None:
    """Stop the pool; kill workers still stuck on a file that timed out."""
    if kill:
        for process in list(getattr(pool, "_processes", {}).values()):  # no public API for this
            with contextlib.suppress(Exception):
                os.kill(process.pid, signal.SIGKILL)
    pool.shutdown(wait=not kill, cancel_futures=True)


def exit_code(report: Report, fail_on: str) -> int:
    """0 clean, 1 barriers at or above fail_on, 3 some targets could not be checked."""
    from uu_check.model import severity_rank

    if fail_on != "never":
        threshold = severity_rank(fail_on)
        if any(f.outcome == "violation" and severity_rank(f.severity) <= threshold
               and f.baseline not in ("known", "accepted") for f in report.findings):
            return 1
    if any(t.status == "error" for t in report.targets):
        return 3
    return 0

