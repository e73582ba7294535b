"""Benchmark the PDF engine: many small PDFs (files per second) and one long tagged PDF
(seconds), each with peak memory. Prints numbers; asserts nothing.

    python bench/bench_pdf.py                 # 200 small files + a 300-page document
    python bench/bench_pdf.py --files 50 --pages 300 1200

Each scenario runs in a fresh child process so its peak RSS is its own. The language detector
(lingua) is loaded before timing starts (a one-off cost per worker process, reported separately),
since every scan worker pays it once, not per file.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "fixtures" / "build"))

PARAGRAPH = ("Brøk er en måte å skrive deler av en helhet på. Når vi deler en pizza i åtte like store biter "
             "og spiser tre av dem, har vi spist tre åttendedeler. Tallet over brøkstreken kalles teller.")


def make_long(path: Path, pages: int) -> None:
    """A tagged document: per page a heading, 8 paragraphs, a figure, a list, a link and a table."""
    from pdf_builder import PdfBuilder

    doc = PdfBuilder(title="Lang lærebok", lang="nb-NO")
    titles = []
    for number in range(pages):
        page = doc.page()
        sect = doc.elem("Sect")
        page.text(f"Kapittel {number + 1}", "H1" if number == 0 else "H2", parent=sect, size=16)
        titles.append((f"Kapittel {number + 1}", number))
        for _ in range(8):
            page.text(PARAGRAPH, parent=sect)
        page.image(alt="Pizza delt i åtte biter", parent=sect)
        lst = doc.elem("L", sect)
        for item_number in range(3):
            item = doc.elem("LI", lst)
            page.text(f"{item_number + 1}.", "Lbl", parent=item)
            page.text("Finn fellesnevner", "LBody", parent=item)
        table = doc.elem("Table", sect)
        for r in range(3):
            tr = doc.elem("TR", table)
            for value in ("1/2", "0,5", "50 %"):
                kind = "TH" if r == 0 else "TD"
                page.text(value, kind, elem=doc.elem(kind, tr))
        page.link("Flere oppgaver (nettside)", f"https://example.org/kapittel/{number + 1}", parent=sect)
    doc.outline(titles[:50])
    doc.save(path)


def make_small(folder: Path, count: int) -> list[Path]:
    """`count` one-page PDFs: half tagged and clean, a quarter untagged, a quarter scanned."""
    from pdf_builder import PdfBuilder

    paths = []
    for index in range(count):
        kind = ("tagged", "tagged", "untagged", "scanned")[index % 4]
        doc = PdfBuilder(tagged=kind == "tagged", title=f"Ark {index}")
        page = doc.page()
        if kind == "scanned":
            page.image(full_page=True, width=120, height=170)
        else:
            page.text(f"Oppgaveark {index}", "H1", size=16)
            for _ in range(4):
                page.text(PARAGRAPH)
            page.image(alt="Pizza")
        path = folder / f"ark-{index:03d}.pdf"
        doc.save(path)
        paths.append(path)
    return paths


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(scenario: str, paths: list[str]) -> None:
    """Run in a fresh process: warm up, time the scenario, print JSON."""
    from uu_check.engines.pdf import check_file
    from uu_check.options import ScanOptions
    from uu_check.text.language import detect_language

    options = ScanOptions(level="AAA", lang="nb")
    started = time.perf_counter()
    detect_language("Dette er en kort norsk tekst som vi bruker for å laste inn språkmodellen nå.")
    warmup = time.perf_counter() - started
    baseline = rss_mb()
    started = time.perf_counter()
    cpu_started = time.process_time()
    findings = 0
    for path in paths:
        findings += len(check_file(Path(path), options).findings)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    print(json.dumps({"scenario": scenario, "files": len(paths), "seconds": round(elapsed, 3), "cpu_seconds": round(cpu, 3),
                      "files_per_second": round(len(paths) / elapsed, 1) if elapsed else None,
                      "findings": findings, "warmup_seconds": round(warmup, 2),
                      "baseline_rss_mb": round(baseline, 1), "peak_rss_mb": round(rss_mb(), 1)}))


def run_child(scenario: str, paths: list[Path]) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", scenario, *map(str, paths)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--pages", type=int, nargs="*", default=[300])
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1:])
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small = make_small(folder, args.files)
        result = run_child("small", small)
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall times inflate under load)")
        print(f"{result['files']} small PDFs: {result['seconds']} s wall ({result['cpu_seconds']} s CPU), "
              f"{result['files_per_second']} files/s, "
              f"peak RSS {result['peak_rss_mb']} MB (baseline after imports and lingua "
              f"{result['baseline_rss_mb']} MB; lingua warm-up {result['warmup_seconds']} s)")
        for pages in args.pages:
            path = folder / f"long-{pages}.pdf"
            make_long(path, pages)
            size = path.stat().st_size / 1024 / 1024
            result = run_child(f"long-{pages}", [path])
            print(f"{pages}-page tagged PDF ({size:.1f} MB, {result['findings']} findings): {result['seconds']} s wall "
                  f"({result['cpu_seconds']} s CPU), "
                  f"peak RSS {result['peak_rss_mb']} MB (baseline {result['baseline_rss_mb']} MB, "
                  f"+{result['peak_rss_mb'] - result['baseline_rss_mb']:.1f} MB for the file)")


if __name__ == "__main__":
    main()
