"""Time `uu-check scan` on HTML pages against the floor: Chromium + axe-core alone.

The floor loads each page in a fresh context of one reused browser and runs axe-core with the
same options; uu-check adds its own rules, the DOM snapshot and the report. Target (issue 2):
uu-check <= 1.3x the floor. Also times uu-check without our own HTML rules (`--ignore html-`),
to show what they add (issue 3: <= 20 %).

    python bench/bench_scan.py [--copies 10] [--jobs 1]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from uu_check.engines import axe  # noqa: E402
from uu_check.engines.browser import LAUNCH_ARGS, find_browser  # noqa: E402
from uu_check.options import ScanOptions  # noqa: E402
from uu_check.scanner import Scanner  # noqa: E402
from uu_check.sources.files import expand  # noqa: E402

COURSE = ROOT / "fixtures" / "course"


def make_corpus(folder: Path, copies: int) -> list[Path]:
    shutil.copytree(COURSE / "bilder", folder / "bilder")
    pages = []
    for i in range(copies):
        for page in sorted(COURSE.glob("*.html")):
            target = folder / f"{page.stem}-{i:03d}.html"
            shutil.copy(page, target)
            pages.append(target)
    return pages


async def floor(pages: list[Path]) -> float:
    """Seconds to load every page and run axe-core, one page at a time, in one browser."""
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(find_browser()), args=list(LAUNCH_ARGS))
        options = axe.run_options("AA", ScanOptions().rule_filter)
        start = time.perf_counter()
        for page_path in pages:
            context = await browser.new_context()
            page = await context.new_page()
            await page.goto(page_path.as_uri(), wait_until="load")
            for frame in page.frames:
                await frame.evaluate(axe.axe_source())
            await page.evaluate("opts => axe.run(document, opts)", options)
            await context.close()
        elapsed = time.perf_counter() - start
        await browser.close()
    return elapsed


def uu_check(folder: Path, jobs: int, ignore: tuple[str, ...] = ()) -> float:
    specs = list(expand(str(folder)))
    scanner = Scanner(ScanOptions(lang="nb", jobs=jobs, ignore=ignore))
    start = time.perf_counter()
    report = scanner.scan_specs(specs)
    elapsed = time.perf_counter() - start
    assert all(t.status == "checked" for t in report.targets), [t.error for t in report.targets if t.error]
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10, help="copies of the sample pages (5 pages each)")
    parser.add_argument("--jobs", type=int, default=1, help="pages in flight for uu-check")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pages = make_corpus(folder, args.copies)
        n = len(pages)
        floors, fulls, bares = [], [], []
        for _ in range(args.repeat):
            floors.append(asyncio.run(floor(pages)))
            fulls.append(uu_check(folder, args.jobs))
            bares.append(uu_check(folder, args.jobs, ignore=("html-",)))
        f, u, b = statistics.median(floors), statistics.median(fulls), statistics.median(bares)
        print(f"pages: {n} (sample course x{args.copies}), uu-check jobs={args.jobs}, median of {args.repeat}")
        print(f"chromium + axe-core alone : {f:7.2f} s  {f / n:.3f} s/page")
        print(f"uu-check scan             : {u:7.2f} s  {u / n:.3f} s/page  ({u / f:.2f}x the floor; includes browser start)")
        print(f"uu-check without html- rules: {b:5.2f} s  {b / n:.3f} s/page  (own rules add {100 * (u - b) / b:+.0f} %)")


if __name__ == "__main__":
    main()
