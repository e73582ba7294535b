"""Benchmark the cache of unchanged files: first vs second scan of the same folder.

    python bench/bench_cache.py                  # 200 Word documents
    python bench/bench_cache.py --files 50
    python bench/bench_cache.py --kind html      # HTML pages in static mode (--no-browser)

Generates N simple documents (headings, paragraphs, a table; python-docx for .docx) into a
temporary folder, then runs `uu-check scan FOLDER --cache-dir CACHE` twice as separate
processes, exactly as a CI job would. Prints wall time and CPU time (user+sys of the child,
which a busy shared machine disturbs far less than wall time) for both runs and the speed-up.
The target is a second run at least 10x faster. Numbers are printed, never asserted.

The cache key includes a hash of the rule catalog and the checking code, so an edit to either
between the two runs (several people working in one tree) would make every file a miss. The
bench therefore runs a snapshot of uu_check/ and rules/ copied at the start (PYTHONPATH).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARAGRAPHS = (
    "En brøk består av en teller og en nevner.",
    "Telleren forteller hvor mange deler vi har, og nevneren hvor mange deler helheten er delt i.",
    "Når vi legger sammen brøker med ulik nevner, må vi først finne en felles nevner.",
    "Prosent betyr hundredeler: 25 prosent er det samme som brøken 25/100.",
)


def make_docx(folder: Path, count: int) -> None:
    from docx import Document

    for number in range(count):
        document = Document()
        document.core_properties.title = f"Uke {number}: Brøk"
        document.add_heading(f"Uke {number}: Brøk og prosent", level=1)
        for index in range(12):
            document.add_paragraph(PARAGRAPHS[(number + index) % len(PARAGRAPHS)])
        document.add_heading("Oppgaver", level=2)
        table = document.add_table(rows=4, cols=3)
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                cell.text = f"{r}/{c + 1}"
        document.save(folder / f"uke-{number:03}.docx")


def make_html(folder: Path, count: int) -> None:
    for number in range(count):
        body = "\n".join(f"<p>{PARAGRAPHS[(number + i) % len(PARAGRAPHS)]}</p>" for i in range(12))
        (folder / f"uke-{number:03}.html").write_text(
            f'<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Uke {number}: Brøk</title></head>'
            f'<body><main><h1>Uke {number}: Brøk og prosent</h1>{body}<h2>Oppgaver</h2>'
            f'<img src="kake.png" alt="IMG_{number}.png"><a href="x.html">klikk her</a></main></body></html>',
            encoding="utf-8")


ROOT = Path(__file__).resolve().parents[1]


def snapshot(into: Path) -> dict[str, str]:
    """Copy uu_check/ and rules/ so both runs see the same code; the environment to run it."""
    shutil.copytree(ROOT / "uu_check", into / "uu_check", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "rules", into / "rules")
    return {**os.environ, "PYTHONPATH": str(into) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def timed_scan(folder: Path, cache: Path, report: Path, extra: list[str], env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "uu_check", "scan", str(folder), "--cache-dir", str(cache), "-q",
                    "--fail-on", "never", "--format", "json", "-o", str(report), *extra], check=True, env=env,
                   cwd=folder.parent)  # not the repository: `python -m` puts the working directory first on sys.path
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def scan_phase(folder: Path, source: Path, cache: Path, kind: str) -> tuple[float, float]:
    """Time Scanner.scan twice in this process with a ScanCache: what the cache itself saves."""
    sys.path.insert(0, str(source))
    from uu_check.options import ScanOptions
    from uu_check.scanner import Scanner
    from uu_check.store import ScanCache, Store

    options = ScanOptions(lang="nb", use_browser=kind != "html", jobs=2)
    times = []
    with Store(cache / "cache.sqlite") as store:
        for _ in range(2):
            start = time.perf_counter()
            Scanner(options, cache=ScanCache(store, options)).scan([str(folder)])
            times.append(time.perf_counter() - start)
    return times[0], times[1]


def explain_misses(database: Path) -> None:
    """Which cache-key settings differed between the two runs (a miss is always explainable)."""
    import sqlite3

    with sqlite3.connect(database) as connection:
        runs = [json.loads(r[0]).get("settings", {}) for r in connection.execute("SELECT info FROM runs ORDER BY id")]
    if len(runs) >= 2:
        changed = {k: (runs[-2].get(k), runs[-1].get(k)) for k in runs[-1] if runs[-2].get(k) != runs[-1].get(k)}
        print(f"cache misses; settings that changed between the runs: {changed or 'none'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--kind", choices=("docx", "html"), default="docx")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="uu-bench-cache-") as temp:
        root = Path(temp)
        folder = root / "materials"
        folder.mkdir()
        (make_docx if args.kind == "docx" else make_html)(folder, args.files)
        extra = ["--no-browser"] if args.kind == "html" else []
        env = snapshot(root / "src")
        first = timed_scan(folder, root / "cache", root / "first.json", extra, env)
        second = timed_scan(folder, root / "cache", root / "second.json", extra, env)
        targets = json.loads((root / "second.json").read_text(encoding="utf-8"))["targets"]
        hits = sum(any(n.startswith("from cache") for n in t["notes"]) for t in targets)
        if hits < args.files:
            explain_misses(root / "cache" / "cache.sqlite")
        statuses = [t["status"] for t in json.loads((root / "first.json").read_text(encoding="utf-8"))["targets"]]
        in_process = scan_phase(folder, root / "src", root / "cache-in-process", args.kind)
    print(f"{args.files} {args.kind} files; first run: {statuses.count('checked')} checked, "
          f"{statuses.count('error')} errors; second run: {hits} from the cache")
    print(f"first scan:  wall {first[0]:7.2f} s   cpu {first[1]:7.2f} s")
    print(f"second scan: wall {second[0]:7.2f} s   cpu {second[1]:7.2f} s")
    print(f"speed-up:    wall {first[0] / second[0]:6.1f}x     cpu {first[1] / max(second[1], 1e-9):6.1f}x   (target >= 10x)")
    print("scan phase only (in one process: no interpreter start-up, imports or report writing):")
    print(f"first scan:  wall {in_process[0]:7.2f} s\nsecond scan: wall {in_process[1]:7.2f} s\n"
          f"speed-up:    wall {in_process[0] / in_process[1]:6.1f}x")


if __name__ == "__main__":
    main()
