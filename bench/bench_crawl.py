"""Crawl a generated site of N pages on 127.0.0.1; print pages per second and the crawler's
memory (RSS) as the crawl goes, to show memory does not grow with the pages crawled (results
stream to the SQLite store).

    python bench/bench_crawl.py [--pages 1000] [--jobs 2]
"""

from __future__ import annotations

import argparse
import http.server
import resource
import socketserver
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from uu_check.options import ScanOptions  # noqa: E402
from uu_check.sources.crawl import CrawlSettings, Crawler  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_rss_mb() -> float:
    """RSS of every process started by this one (the browser and its renderers, document workers)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in stat.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        pid = int(stat.parent.name)
        parents[pid] = int(fields.get("PPid", "0").strip())
        rss[pid] = int((fields.get("VmRSS") or "0 kB").split()[0])
    me, total = __import__("os").getpid(), 0
    for pid in rss:
        ancestor = parents.get(pid, 0)
        while ancestor and ancestor != me:
            ancestor = parents.get(ancestor, 0)
        if ancestor == me:
            total += rss[pid]
    return total / 1024


def make_handler(pages: int) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            if not self.path.startswith("/page/"):  # robots.txt, the image, the favicon
                body, status = b"", 404
            else:
                n = int(self.path.strip("/").split("/")[-1] or 0) if self.path.strip("/") else 0
                links = "".join(f'<li><a href="/page/{m}">Side {m}</a></li>'
                                for m in (2 * n + 1, 2 * n + 2) if m < pages)
                body = (f'<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Side {n}</title></head>'
                        f'<body><main><h1>Side {n}</h1><p>Innhold på side {n} om brøk og prosent.</p>'
                        f'<img src="/bilde.png"><ul>{links}</ul></main></body></html>').encode()
                status = 200
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), make_handler(args.pages))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/page/0"
    marks = {args.pages * q // 4 for q in (1, 2, 3, 4)}
    start = time.perf_counter()

    def progress(counts: dict[str, float]) -> None:
        if int(counts["checked"]) in marks:
            elapsed = time.perf_counter() - start
            print(f"  {int(counts['checked']):5d} pages  {elapsed:7.1f} s  {counts['checked'] / elapsed:5.2f} pages/s  "
                  f"RSS {rss_mb():6.1f} MB (browser and workers {children_rss_mb():6.1f} MB)", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        crawler = Crawler(ScanOptions(lang="nb", jobs=args.jobs, timeout=60), [url],
                          CrawlSettings(rate=0, max_pages=args.pages, max_depth=100, ignore_robots=True),
                          state=Path(tmp) / "state.sqlite", on_progress=progress)
        print(f"crawling {args.pages} generated pages on 127.0.0.1 (jobs={args.jobs}); RSS at start {rss_mb():.1f} MB")
        report = crawler.run()
    elapsed = time.perf_counter() - start
    print(f"checked {len(report.targets)} pages in {elapsed:.1f} s: {len(report.targets) / elapsed:.2f} pages/s; "
          f"peak RSS of the crawler process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MB")
    server.shutdown()


if __name__ == "__main__":
    main()
